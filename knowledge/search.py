"""Hybrid search: dense vectors from Chroma, keyword scores from the bilingual BM25 index, fused."""

from __future__ import annotations

import shutil
import threading
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from knowledge.embedder import Embedder
from knowledge.fusion import AbstainParams, FusionParams, LexicalSignal, fuse, is_relevant, keep_with_answer, pool_stats
from knowledge.lexical import LexicalIndex
from knowledge.memory import release_freed_memory
from knowledge.store import Store
from knowledge.types import Hit, Passage

Mode = Literal["dense", "bm25", "hybrid"]


@dataclass(frozen=True)
class Filters:
    doc_ids: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    # Only passages holding a factor (or a label) of this SWOT category.
    contains: str = ""

    def where(self) -> dict[str, Any] | None:
        clauses: list[dict[str, Any]] = []
        for key, values in (
            ("doc_id", self.doc_ids),
            ("language", self.languages),
            ("kind", self.kinds),
            ("category", self.categories),
        ):
            if values:
                clauses.append({key: {"$in": list(values)}})
        if self.contains:
            clauses.append({f"has_{self.contains}": True})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def allows(self, p: Passage) -> bool:
        return (
            (not self.doc_ids or p.doc_id in self.doc_ids)
            and (not self.languages or p.language in self.languages)
            and (not self.kinds or p.kind in self.kinds)
            and (not self.categories or p.category in self.categories)
            and (not self.contains or self.contains in p.categories())
        )


@dataclass
class SearchResult:
    hits: list[Hit]
    relevant: list[Hit] = field(default_factory=list)
    top_dense: float = 0.0


class Searcher:
    """Holds the model, the store and a cached keyword index that is rebuilt only when the corpus changes."""

    def __init__(
        self,
        store: Store,
        embedder: Embedder,
        fusion: FusionParams = FusionParams(),
        abstain: AbstainParams | None = None,
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.fusion = fusion
        self.abstain = abstain or AbstainParams(fallback_dense=store.settings.min_score)
        self._lock = threading.Lock()
        self._lexical: LexicalIndex | None = None
        self._lexical_gen = -1
        self._meta: dict[str, Passage] = {}
        self._rows: dict[str, int] = {}
        self._vectors: np.ndarray | None = None

    # -- keyword index, kept with the store ---------------------------------------------------------
    def lexical_index(self) -> tuple[LexicalIndex, dict[str, Passage]]:
        gen = self.store.generation()
        with self._lock:
            if self._lexical is None or gen != self._lexical_gen:
                folder = self.store.settings.store / "lexical" / f"{self.store.settings.collection}-{gen}"
                # The vectors come along: a keyword-only candidate's cosine is then a row of this matrix, not a
                # second store round trip per question (~8 ms at 10k passages).
                passages, vectors = self.store.get_passages(with_vectors=True)
                meta = {p.id: p for p in passages}
                self._rows = {p.id: i for i, p in enumerate(passages)}
                self._vectors = vectors
                index: LexicalIndex | None = None
                if folder.exists():
                    try:
                        index = LexicalIndex.load(folder)
                    except Exception:  # a damaged cache is only derived data: rebuild it
                        index = None
                if index is None or len(index) != len(passages):
                    index = LexicalIndex.build(
                        [p.id for p in passages], [p.text for p in passages], [p.language for p in passages]
                    )
                    try:
                        index.save(folder)
                        self._prune_lexical(keep=folder.name)
                    except OSError:
                        pass  # read-only store folder: the in-memory index still serves
                self._lexical, self._lexical_gen, self._meta = index, gen, meta
                release_freed_memory()
            return self._lexical, self._meta

    def _prune_lexical(self, keep: str) -> None:
        root = self.store.settings.store / "lexical"
        prefix = f"{self.store.settings.collection}-"
        for child in root.iterdir():
            if child.name.startswith(prefix) and child.name != keep and child.is_dir():
                shutil.rmtree(child, ignore_errors=True)

    # -- search -------------------------------------------------------------------------------------
    def search(
        self,
        query: str,
        query_language: str,
        k: int = 8,
        filters: Filters = Filters(),
        mode: Mode = "hybrid",
        vector: np.ndarray | None = None,
    ) -> SearchResult:
        pool = max(50, k * 5)
        if vector is None and mode != "bm25":
            vector = self.embedder.embed_queries([query])[0]
        dense: dict[str, float] = {}
        passages: dict[str, Passage] = {}
        index, meta = self.lexical_index()
        if mode != "bm25":
            assert vector is not None
            for p, sim in self.store.query(vector, pool, where=filters.where(), total=len(meta)):
                dense[p.id], passages[p.id] = sim, p
        # The question's nearest neighbours only (before keyword-only candidates join): the abstention's yardstick.
        stats = pool_stats(list(dense.values()))
        lexical: dict[str, LexicalSignal] = {}
        if mode != "dense":
            for h in index.search(query, query_language, k=pool, allowed=lambda pid: _allowed(meta, pid, filters)):
                lexical[h.id] = LexicalSignal(h.score, h.matched_terms, h.query_terms)
                passages.setdefault(h.id, meta[h.id])
        if mode == "bm25":
            ranked = sorted(lexical.items(), key=lambda kv: -kv[1].score)[:k]
            hits = [Hit(passages[pid], s.score, 0.0, s.score) for pid, s in ranked]
            return SearchResult(hits=hits, relevant=hits, top_dense=0.0)
        assert vector is not None
        missing = [pid for pid in lexical if pid not in dense]
        if missing:
            # Keyword-only candidates still need a cosine score so that both signals are on one scale. The
            # vectors were read with the keyword index, from the same passages, so every hit has its row.
            assert self._vectors is not None
            sims = self._vectors[[self._rows[pid] for pid in missing]] @ vector
            dense.update(zip(missing, map(float, sims), strict=True))
        if mode == "dense":
            scores = dense
        else:
            langs = {pid: passages[pid].language for pid in dense}
            scores = fuse(dense, lexical, langs, query_language, self.fusion)
        order = sorted(scores, key=lambda pid: -scores[pid])[:k]
        hits = [
            Hit(passages[pid], scores[pid], dense[pid], lexical[pid].score if pid in lexical else 0.0)
            for pid in order
        ]
        standout = [
            is_relevant(h.dense, lexical.get(h.passage.id), h.passage.language == query_language, stats,
                        self.abstain)
            for h in hits
        ]
        # Nothing stands out: nothing relevant. Otherwise the passages above the plain floor join the answer.
        relevant = (
            [h for h, ok in zip(hits, standout, strict=True) if ok or keep_with_answer(h.dense, self.abstain)]
            if any(standout)
            else []
        )
        return SearchResult(hits=hits, relevant=relevant, top_dense=max(dense.values(), default=0.0))


def _allowed(meta: dict[str, Passage], pid: str, filters: Filters) -> bool:
    p = meta.get(pid)
    return p is not None and filters.allows(p)
