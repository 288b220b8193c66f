"""Sentence embeddings with the query/passage prompts the e5 family needs."""

from __future__ import annotations

import os
from typing import Protocol

import numpy as np

from knowledge.config import Settings


class ModelUnavailableError(RuntimeError):
    """The configured model cannot be loaded; the message says how to get it."""


class Embedder(Protocol):
    name: str
    dimension: int

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...


class SentenceTransformerEmbedder:
    """The real model, loaded once; vectors are L2-normalised so cosine is a dot product."""

    def __init__(self, settings: Settings) -> None:
        # Never reach for a model hub: the default model is a local folder built by the setup.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        self.name = settings.model
        self._query_prompt = settings.query_prompt
        self._passage_prompt = settings.passage_prompt
        self._batch_size = settings.batch_size
        looks_like_path = self.name.startswith(("/", ".", "~")) or os.sep in self.name.strip("/")
        if looks_like_path and not os.path.isdir(os.path.expanduser(self.name)):
            raise ModelUnavailableError(
                f"embedding model folder not found: {self.name}. Build it with `make model` "
                "(python scripts/build_model.py), or set KAWAN_MODEL to another sentence-transformers model."
            )
        import torch
        from sentence_transformers import SentenceTransformer

        # Two cores: more threads than cores only adds contention.
        torch.set_num_threads(max(1, min(os.cpu_count() or 1, 4)))
        try:
            self._model = SentenceTransformer(os.path.expanduser(self.name), device="cpu")
        except OSError as exc:
            raise ModelUnavailableError(f"cannot load embedding model {self.name}: {exc}") from exc
        dim = self._model.get_embedding_dimension()
        self.dimension = int(dim or len(self.embed_queries(["x"])[0]))

    def _encode(self, texts: list[str], prompt: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._model.encode(
            texts,
            prompt=prompt,
            batch_size=self._batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self._query_prompt)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self._passage_prompt)
