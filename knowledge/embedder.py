"""Sentence embeddings with the query/passage prompts the model needs (e5: "query: "/"passage: ")."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np
from threadpoolctl import threadpool_limits

from knowledge.answer_check import WordSupport
from knowledge.config import Settings


class ModelUnavailableError(RuntimeError):
    """The configured model cannot be loaded; the message says how to get it."""


class Embedder(Protocol):
    name: str
    dimension: int

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...


@runtime_checkable
class TokenMatcher(Protocol):
    """An embedder that can also compare a question and a passage token by token (knowledge/token_match.py)."""

    def token_match(self, question: str, passage: str) -> float | None: ...


@runtime_checkable
class WordMatcher(Protocol):
    """An embedder that can say how well passages answer each word of a question (knowledge/answer_check.py)."""

    def word_support(self, question: str, passages: list[str]) -> list[WordSupport] | None: ...


PASSAGE_PROMPT_NAMES: tuple[str, ...] = ("document", "passage")


def model_prompts(model: str) -> dict[str, str] | None:
    """The named prompts a local model folder declares, without loading it; None when not a readable folder."""
    config = Path(os.path.expanduser(model)) / "config_sentence_transformers.json"
    try:
        prompts = json.loads(config.read_text(encoding="utf-8")).get("prompts")
    except (OSError, ValueError, AttributeError):
        return None
    return {str(k): str(v) for k, v in prompts.items()} if isinstance(prompts, dict) else {}


def resolve_prompts(settings: Settings, prompts: dict[str, str] | None) -> tuple[str, str]:
    """(query prompt, passage prompt): the model's named prompts when it has them, else the literal prefixes."""
    # sentence-transformers 5 fills in "query"/"document" as "" when a model names none: empty is unnamed.
    prompts = {k: v for k, v in (prompts or {}).items() if v}
    query = prompts.get(settings.query_prompt_name, settings.query_prompt)
    names = (settings.passage_prompt_name,) if settings.passage_prompt_name else PASSAGE_PROMPT_NAMES
    passage = next((prompts[n] for n in names if n in prompts), settings.passage_prompt)
    return query, passage


class SentenceTransformerEmbedder:
    """The real model, loaded once; vectors are L2-normalised so cosine is a dot product."""

    def __init__(self, settings: Settings) -> None:
        # Never reach for a model hub: the default model is a local folder built by the setup.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        self.name = settings.model
        self._batch_size = settings.batch_size
        # The fast tokenizer is not safe across threads ("Already borrowed"), and app sessions share one model:
        # encode under a lock, one batch at a time, so a question waits for one batch of an ingest, not all of it.
        self._lock = threading.Lock()
        looks_like_path = self.name.startswith(("/", ".", "~")) or os.sep in self.name.strip("/")
        if looks_like_path and not os.path.isdir(os.path.expanduser(self.name)):
            raise ModelUnavailableError(
                f"embedding model folder not found: {self.name}. Build it with `make model` "
                "(python scripts/build_model.py), or set KAWAN_MODEL to another sentence-transformers model."
            )
        import torch
        from sentence_transformers import SentenceTransformer

        # Two cores: more threads than cores only adds contention.
        torch.set_num_threads(settings.threads if settings.threads > 0 else max(1, min(os.cpu_count() or 1, 4)))
        try:
            self._model = SentenceTransformer(os.path.expanduser(self.name), device="cpu")
        except OSError as exc:
            raise ModelUnavailableError(f"cannot load embedding model {self.name}: {exc}") from exc
        self.query_prompt, self.passage_prompt = resolve_prompts(settings, dict(self._model.prompts or {}))
        dim = self._model.get_embedding_dimension()
        self.dimension = int(dim or len(self.embed_queries(["x"])[0]))

    def _encode(self, texts: list[str], prompt: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        parts = []
        for lo in range(0, len(texts), self._batch_size):
            with self._lock:
                vectors = self._model.encode(
                    texts[lo : lo + self._batch_size],
                    prompt=prompt,
                    batch_size=self._batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
            parts.append(np.asarray(vectors, dtype=np.float32))
        return np.concatenate(parts)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self.query_prompt)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self.passage_prompt)


BACKENDS: tuple[str, ...] = ("openvino", "onnx-int8", "onnx", "torch")
# Where an exported file is missing (a model folder from before OpenVINO, or a user's own folder), the next
# backend that keeps the same vectors is used instead.
FALLBACK: dict[str, str] = {"openvino": "onnx", "onnx": "torch", "onnx-int8": "torch"}


def exported_backend(folder: Path, backend: str) -> str:
    """The backend that will run: the one asked for, or the first in its fallback chain with its files on disk."""
    from knowledge.onnx_embedder import ONNX_FILES

    while backend != "torch" and not (folder / ONNX_FILES[backend]).is_file():
        backend = FALLBACK[backend]
    return backend


def make_embedder(settings: Settings) -> Embedder:
    """The configured backend for the configured model; the exported ones need the files `make model` writes."""
    if settings.backend != "torch":
        from knowledge.onnx_embedder import ONNX_FILES, OnnxEmbedder

        folder = Path(os.path.expanduser(settings.model))
        backend = exported_backend(folder, settings.backend)
        if backend != settings.backend and settings.backend_strict and (folder / "modules.json").is_file():
            raise ModelUnavailableError(
                f"{folder / ONNX_FILES[settings.backend]} is missing: run `make model`, or set KAWAN_BACKEND=torch"
            )
        if backend != "torch":
            # Process-wide, once, where the app, the CLI and the benches get their model: numpy's BLAS threads
            # spin on after each product (the nearest neighbours, the token match) and take the cores from the
            # model's next run (a search over 3,000 passages went from 70 to 110 ms p50).
            threadpool_limits(1, user_api="blas")
            query, passage = resolve_prompts(settings, model_prompts(settings.model))
            return OnnxEmbedder(
                folder,
                backend=backend,
                name=settings.model,
                query_prompt=query,
                passage_prompt=passage,
                batch_size=settings.batch_size,
                threads=settings.threads or None,
            )
    return SentenceTransformerEmbedder(settings)
