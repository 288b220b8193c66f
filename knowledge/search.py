"""Hybrid search: dense vectors from Chroma, keyword scores from the bilingual BM25 index, fused."""

from __future__ import annotations

import shutil
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

import numpy as np

from knowledge.atomic import write_folder
from knowledge.embedder import Embedder, TokenMatcher
from knowledge.fusion import (
    AbstainParams,
    FusionParams,
    LexicalSignal,
    MatchRerank,
    PoolStats,
    cited_with_answer,
    close_to_best,
    fuse,
    is_relevant,
    pool_stats,
    rerank_by_match,
)
from knowledge.lexical import LexicalIndex
from knowledge.memory import release_freed_memory
from knowledge.passage_table import PassageTable
from knowledge.relevance_model import RelevanceModel, Signals, Verdict, load_model
from knowledge.store import Store
from knowledge.types import Filters, Hit, Passage

Mode = Literal["dense", "bm25", "hybrid"]


@dataclass
class SearchResult:
    hits: list[Hit]
    relevant: list[Hit] = field(default_factory=list)
    top_dense: float = 0.0
    # Answered, but the relevance model only just let it through: the passages may not answer the question.
    tentative: bool = False


def keyword_text(passage: Passage) -> str:
    """What the keyword index reads of a passage: its document's title, then its text. A passage often leaves
    the subject its title names unsaid ("Legal Framework for … Foreign Cooperation" over "Under Law UU 23/2014
    …, Article 367(2)"). A title that is only the file's name adds nothing to read."""
    if not passage.title or passage.title == passage.file:
        return passage.text
    return f"{passage.title}\n{passage.text}"


class Searcher:
    """Holds the model, the store and a cached keyword index that is rebuilt only when the corpus changes."""

    def __init__(
        self,
        store: Store,
        embedder: Embedder,
        fusion: FusionParams = FusionParams(),
        abstain: AbstainParams | None = None,
        relevance: RelevanceModel | None = None,
        rerank: MatchRerank = MatchRerank(),
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.fusion = fusion
        self.rerank = rerank
        self.abstain = abstain or AbstainParams(fallback_dense=store.settings.min_score)
        # Fitted on one model's scores: for any other model the plain rule decides.
        model = relevance or load_model()
        self.relevance = model if model is not None and model.model == Path(store.settings.model).name else None
        self._lock = threading.Lock()
        self._lexical: LexicalIndex | None = None
        self._table: PassageTable | None = None
        self._gen = -1

    # -- keyword index and passage table, kept with the store ----------------------------------------
    @property
    def generation(self) -> int:
        """The store generation the cached index and table were read at (the current one after any search)."""
        return self._gen

    def lexical_index(self) -> LexicalIndex:
        return self._cached()[0]

    @property
    def table(self) -> PassageTable:
        return self._cached()[1]

    def _cached(self) -> tuple[LexicalIndex, PassageTable]:
        gen = self.store.generation()
        with self._lock:
            if self._lexical is None or self._table is None or gen != self._gen:
                folder = self.store.settings.store / "lexical" / f"{self.store.settings.collection}-{gen}"
                loaded = self._load(folder)
                self._lexical, self._table = loaded if loaded is not None else self._build(folder)
                self._gen = gen
                release_freed_memory()
            return self._lexical, self._table

    def _load(self, folder: Path) -> tuple[LexicalIndex, PassageTable] | None:
        """The saved index and table of this generation, or None when missing, damaged or out of step."""
        if not folder.exists():
            return None
        try:
            index, table = LexicalIndex.load(folder), PassageTable.load(folder)
        except Exception:  # only derived data: rebuild it
            return None
        if list(index.ids) != table.ids or len(table) != self.store.count_passages():
            return None
        return index, table

    def _build(self, folder: Path) -> tuple[LexicalIndex, PassageTable]:
        # The vectors come along: the table answers the nearest-neighbour search and gives a keyword-only
        # candidate its cosine, with no store round trip per question.
        passages, vectors = self.store.get_passages(with_vectors=True)
        assert vectors is not None
        index = LexicalIndex.build(
            [p.id for p in passages], [keyword_text(p) for p in passages], [p.language for p in passages]
        )
        table = PassageTable.from_passages(passages, vectors)
        del passages

        def write_both(tmp: Path) -> None:
            index.write(tmp)
            table.write(tmp)

        try:
            write_folder(folder, write_both)
            self._prune_lexical(keep=folder.name)
        except OSError:
            pass  # read-only store folder: the in-memory index still serves
        return index, table

    def _prune_lexical(self, keep: str) -> None:
        root = self.store.settings.store / "lexical"
        prefix = f"{self.store.settings.collection}-"
        for child in root.iterdir():
            if child.name.startswith(prefix) and child.name != keep and child.is_dir():
                shutil.rmtree(child, ignore_errors=True)

    def formalised(self, query: str, language: str) -> str:
        """The query with its Indonesian chat words in their standard form (LexicalIndex.formalised)."""
        return self.lexical_index().formalised(query, language)

    def corrected(self, query: str, language: str) -> str:
        """The query formalised, and its typos respelled as the passages spell the word meant
        (LexicalIndex.corrected)."""
        return self.lexical_index().corrected(query, language)

    def names_beyond(self, query: str, language: str, kind: str) -> list[str]:
        """The question's names that no passage of this kind holds ("Suwon" for the study): what it asks about
        lies elsewhere."""
        index, table = self._cached()
        return index.absent_names(query, language, table.kind_rows(kind))

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
        index, table = self._cached()
        if mode != "bm25":
            assert vector is not None
            # The nearest neighbours from the table's copy of the stored vectors: exact, and no store round trip.
            dense = dict(table.nearest(vector, pool, filters))
        # The question's nearest neighbours only (before keyword-only candidates join): the abstention's yardstick.
        stats = pool_stats(list(dense.values()))
        lexical: dict[str, LexicalSignal] = {}
        if mode != "dense":
            for h in index.search(query, query_language, k=pool, allowed=lambda pid: table.allows(pid, filters)):
                lexical[h.id] = LexicalSignal(h.score, h.matched_terms, h.query_terms, h.weight_share)
        if mode == "bm25":
            ranked = sorted(lexical.items(), key=lambda kv: -kv[1].score)[:k]
            passages = self._fetch([pid for pid, _ in ranked])
            hits = [Hit(passages[pid], s.score, 0.0, s.score) for pid, s in ranked if pid in passages]
            return SearchResult(hits=hits, relevant=hits, top_dense=0.0)
        assert vector is not None
        # Keyword-only candidates still need a cosine score so that both signals are on one scale: their stored
        # vectors are rows of the table, read with the keyword index from the same passages.
        missing = [pid for pid in lexical if pid not in dense]
        dense.update(zip(missing, table.similarity(missing, vector), strict=True))
        langs = {pid: table.language(pid) for pid in dense}
        scores = dense if mode == "dense" else fuse(dense, lexical, langs, query_language, self.fusion)
        order = sorted(scores, key=lambda pid: -scores[pid])[:k]
        # Only the passages that made the cut are read in full, in one store call.
        passages = self._fetch(order)
        order = [pid for pid in order if pid in passages]  # removed since the table was read: skip it
        matches = self._close_matches(query, order, scores, passages) if mode == "hybrid" else {}
        hits = [
            Hit(passages[pid], scores[pid], dense[pid], lexical[pid].score if pid in lexical else 0.0)
            for pid in order
        ]
        standout = [
            is_relevant(h.dense, lexical.get(h.passage.id), h.passage.language == query_language, stats,
                        self.abstain)
            for h in hits
        ]
        # Whether the question is answered at all: the fitted model on the best passage where it can speak,
        # else whether any passage stands out.
        verdict = self._best_answers(query, hits[0], lexical, query_language, stats, matches) if hits else None
        answered = verdict.relevant if verdict is not None else None
        if answered:
            standout[0] = True
        elif answered is None:
            answered = any(standout)
        if matches:
            # Only now: whether to answer is decided on the fused best, where the relevance model was fitted (the
            # best of several matches runs higher, and refused fewer off-topic questions). The match only
            # chooses which of the close passages leads, and in an answer they all stand with the best.
            if answered:
                standout = [ok or h.passage.id in matches for h, ok in zip(hits, standout, strict=True)]
            hits, standout = self._reranked(hits, standout, scores, matches)
        # Answered: the passages that stand out or reach the plain floor, near the best, make the answer.
        relevant: list[Hit] = []
        if answered:
            same = [h.passage.language == query_language for h in hits]
            cited = cited_with_answer([h.dense for h in hits], standout, same, self.abstain)
            relevant = [h for h, ok in zip(hits, cited, strict=True) if ok]
        return SearchResult(hits=hits, relevant=relevant, top_dense=max(dense.values(), default=0.0),
                            tentative=verdict is not None and verdict.tentative)  # tentative implies relevant

    def _close_matches(
        self, query: str, order: list[str], scores: dict[str, float], passages: dict[str, Passage]
    ) -> dict[str, float]:
        """The token match of each passage too close to the best to call (knowledge.fusion.MatchRerank); {} when
        none is, or the embedder gives no match."""
        close = close_to_best(order, scores, self.rerank)
        if not close or not isinstance(self.embedder, TokenMatcher):
            return {}
        matches: dict[str, float] = {}
        for pid in close:
            value = self.embedder.token_match(query, passages[pid].text)
            if value is None:
                return {}
            matches[pid] = value
        return matches

    def _reranked(
        self, hits: list[Hit], standout: list[bool], scores: dict[str, float], matches: dict[str, float]
    ) -> tuple[list[Hit], list[bool]]:
        order = [h.passage.id for h in hits]
        at = {pid: i for i, pid in enumerate(order)}
        new = rerank_by_match(order, scores, matches, self.rerank)
        # Each place keeps its fused score, so scores still fall with rank (the service merges hits by score).
        moved = [replace(hits[at[pid]], score=hits[i].score) for i, pid in enumerate(new)]
        return moved, [standout[at[pid]] for pid in new]

    def _best_answers(
        self, query: str, best: Hit, lexical: dict[str, LexicalSignal], query_language: str, stats: PoolStats,
        matches: dict[str, float],
    ) -> Verdict | None:
        """The relevance model's word on the best passage; None where it cannot speak (no model for this
        embedder, no token match, or too few neighbours to know what is typical). ``matches``: token matches
        the re-ranking already has, not computed twice."""
        if self.relevance is None or stats.size < self.abstain.min_pool or not isinstance(self.embedder, TokenMatcher):
            return None
        matcher = self.embedder
        signals = Signals.of(best.dense, lexical.get(best.passage.id), best.passage.language == query_language, stats)
        known = matches.get(best.passage.id)
        return self.relevance.judge(
            signals, lambda: known if known is not None else matcher.token_match(query, best.passage.text)
        )

    def _fetch(self, ids: list[str]) -> dict[str, Passage]:
        """The full passages of ``ids``, by id, in one store call (one removed meanwhile is missing)."""
        got, _ = self.store.get_passages(ids=ids)
        return {p.id: p for p in got}
