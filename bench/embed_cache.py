"""An Embedder that remembers: vectors (and the time each took) cached on disk, keyed by model, backend, prompt
and text (bf16 vectors differ from fp32 ones by a hair, and the benchmark must measure the backend that runs).

Embedding ~3,000 passages takes minutes on two cores; tuning and re-runs should not pay that again. The cache
keeps the measured embedding time per passage (batched, as ingest embeds) for the ingest throughput figure.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from knowledge.config import Settings
from knowledge.embedder import (
    Embedder,
    TokenMatcher,
    exported_backend,
    make_embedder,
    model_prompts,
    resolve_prompts,
)

SAVE_EVERY = 64  # a long (EmbeddingGemma) run that is interrupted keeps what it has embedded


def _key(prompt: str, text: str) -> str:
    return hashlib.sha1(f"{prompt}\x00{text}".encode()).hexdigest()


class _Table:
    """key -> (vector, seconds), in one .npz file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.rows: dict[str, tuple[np.ndarray, float]] = {}
        if path.exists():
            with np.load(path, allow_pickle=False) as z:
                for k, v, s in zip(z["keys"], z["vectors"], z["seconds"], strict=True):
                    self.rows[str(k)] = (v, float(s))
        self._dirty = 0

    def add(self, key: str, vector: np.ndarray, seconds: float) -> None:
        self.rows[key] = (np.asarray(vector, dtype=np.float32), seconds)
        self._dirty += 1

    def save(self, force: bool = False) -> None:
        if not self._dirty or (not force and self._dirty < SAVE_EVERY):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = list(self.rows)
        tmp = self.path.with_suffix(".tmp.npz")
        np.savez(
            tmp,
            keys=np.array(keys),
            vectors=np.stack([self.rows[k][0] for k in keys]),
            seconds=np.array([self.rows[k][1] for k in keys], dtype=np.float32),
        )
        tmp.replace(self.path)
        self._dirty = 0


class CachedEmbedder:
    """Implements knowledge.embedder.Embedder; loads the real model only when something is not cached."""

    def __init__(self, model: str, cache_dir: Path, loaded: Embedder | None = None) -> None:
        self.name = model
        self._settings = Settings(model=model)
        prompts = model_prompts(model)
        self.query_prompt, self.passage_prompt = resolve_prompts(self._settings, prompts)
        slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", Path(model.rstrip("/")).name)[:60]
        self.backend = exported_backend(Path(model), self._settings.backend)
        # fp32 ONNX gives torch's vectors: they share the cache folder they always had.
        tag = model if self.backend in ("onnx", "torch") else f"{model}\x00{self.backend}"
        folder = Path(cache_dir) / f"{slug}-{hashlib.sha1(tag.encode()).hexdigest()[:8]}"
        self._queries = _Table(folder / "queries.npz")
        self._passages = _Table(folder / "passages.npz")
        self._folder = folder
        self._model: Embedder | None = loaded
        cached = next(iter(self._passages.rows.values()), None) or next(iter(self._queries.rows.values()), None)
        self.dimension = len(cached[0]) if cached else self.model.dimension
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "model.json").write_text(json.dumps({"model": model, "backend": self.backend,
                                                       "query_prompt": self.query_prompt,
                                                       "passage_prompt": self.passage_prompt}))

    @property
    def model(self) -> Embedder:
        if self._model is None:
            # The backend the app runs (ONNX when exported): live query latency must be the app's.
            self._model = make_embedder(self._settings)
            # As ingest does in the app (knowledge.service.Kawan), the passages' token states are kept; here beside
            # the vectors, for every store a benchmark builds.
            keep = getattr(self._model, "keep_passage_states", None)
            if keep is not None:
                keep(self._folder / "token_states")
            got = (getattr(self._model, "query_prompt", None), getattr(self._model, "passage_prompt", None))
            if got != (self.query_prompt, self.passage_prompt):
                raise RuntimeError(f"{self.name}: the model's prompts differ from its config file")
        return self._model

    def live_query_ms(self, texts: list[str]) -> list[float]:
        """Milliseconds to embed each question alone with the real model, as the app does (never cached)."""
        out = []
        for text in texts:
            started = time.perf_counter()
            self.model.embed_queries([text])
            out.append((time.perf_counter() - started) * 1000)
        return out

    def passage_seconds(self, texts: list[str]) -> float:
        return sum(self._passages.rows[_key(self.passage_prompt, t)][1] for t in texts)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._embed(self._queries, self.query_prompt, texts, self.model_embed_queries)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._embed(self._passages, self.passage_prompt, texts, self.model_embed_passages)

    def prime(self, question: str) -> None:
        """Embed the question live, as the app does before a search, where the token match can reuse it."""
        if isinstance(self.model, TokenMatcher):
            self.model.embed_queries([question])

    def token_match(self, question: str, passage: str) -> float | None:
        """Live, never from this cache: it runs inside the search call whose latency is measured (the model reads
        the passages' kept token states as it does in the app)."""
        model = self.model
        return model.token_match(question, passage) if isinstance(model, TokenMatcher) else None

    def ensure_passage_states(self, texts: list[str]) -> None:
        """Make sure the model keeps the token states of these passages, as ingest leaves them in the app: the
        vectors may come from the cache, the states then from one run of the model (once: they stay on disk)."""
        missing = getattr(self.model, "missing_passage_states", None)
        if missing is None:
            return
        todo = missing(list(dict.fromkeys(texts)))
        for lo in range(0, len(todo), SAVE_EVERY):
            self.model.embed_passages(todo[lo : lo + SAVE_EVERY])
            if len(todo) > SAVE_EVERY:
                print(f"  token states {min(lo + SAVE_EVERY, len(todo))}/{len(todo)}", file=sys.stderr, flush=True)

    def forget_passage_states(self) -> None:
        """The model's kept passage states are emptied, where it keeps any."""
        forget = getattr(self._model, "forget_passage_states", None)
        if forget is not None:
            forget()

    def model_embed_queries(self, texts: list[str]) -> np.ndarray:
        return self.model.embed_queries(texts)

    def model_embed_passages(self, texts: list[str]) -> np.ndarray:
        return self.model.embed_passages(texts)

    def _embed(self, table: _Table, prompt: str, texts: list[str], embed: Callable[[list[str]], np.ndarray]) -> (
        np.ndarray
    ):
        missing = list(dict.fromkeys(t for t in texts if _key(prompt, t) not in table.rows))
        for lo in range(0, len(missing), SAVE_EVERY):
            chunk = missing[lo : lo + SAVE_EVERY]
            started = time.perf_counter()
            vecs = embed(chunk)
            each = (time.perf_counter() - started) / len(chunk)
            for text, vec in zip(chunk, vecs, strict=True):
                table.add(_key(prompt, text), vec, each)
            table.save(force=True)
            if len(missing) > SAVE_EVERY:
                print(f"  embedded {lo + len(chunk)}/{len(missing)} ({table.path.stem})", file=sys.stderr, flush=True)
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([table.rows[_key(prompt, t)][0] for t in texts])
