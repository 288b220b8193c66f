"""The library face of Kawan: one object that owns the model, the store and the search, used by the CLI
and the app alike so neither face holds logic the other would need."""

from __future__ import annotations

import time
from dataclasses import replace
from functools import cached_property

from knowledge.answer import Answer, compose
from knowledge.config import Settings
from knowledge.embedder import Embedder, SentenceTransformerEmbedder
from knowledge.language import detect_query_language
from knowledge.search import Filters, Mode, Searcher
from knowledge.store import ModelRecord, Store
from knowledge.strings import ui
from knowledge.swot import question_categories
from knowledge.types import Hit


class QuestionError(ValueError):
    """A question that cannot be asked (empty); the message is for the person who asked."""


class Kawan:
    def __init__(self, settings: Settings | None = None, embedder: Embedder | None = None) -> None:
        self.settings = settings or Settings()
        self._embedder = embedder

    @cached_property
    def embedder(self) -> Embedder:
        return self._embedder or SentenceTransformerEmbedder(self.settings)

    @cached_property
    def store(self) -> Store:
        return Store(self.settings, ModelRecord(self.embedder.name, self.embedder.dimension))

    @cached_property
    def searcher(self) -> Searcher:
        return Searcher(self.store, self.embedder)

    def ask(
        self,
        question: str,
        language: str = "auto",
        k: int | None = None,
        filters: Filters = Filters(),
        mode: Mode = "hybrid",
    ) -> Answer:
        started = time.perf_counter()
        text = " ".join(question.split())
        if not text:
            raise QuestionError(ui("empty_question", language if language in ("id", "en") else "en"))
        notices: list[str] = []
        qlang_detected = detect_query_language(text)
        lang = qlang_detected if language == "auto" else language
        if len(text) > self.settings.max_question_chars:
            text = text[: self.settings.max_question_chars]
            notices.append(ui("question_truncated", lang, limit=self.settings.max_question_chars))
        k = k or self.settings.top_k
        asked = question_categories(text)
        hits = self._retrieve(text, qlang_detected, k, filters, mode, asked)
        answer = compose(question, lang, asked, hits, answered=bool(hits))
        answer.notices = notices
        answer.elapsed_ms = (time.perf_counter() - started) * 1000
        return answer

    def _retrieve(
        self, text: str, qlang: str, k: int, filters: Filters, mode: Mode, asked: list[str]
    ) -> list[Hit]:
        vector = None if mode == "bm25" else self.embedder.embed_queries([text])[0]
        result = self.searcher.search(text, qlang, k=k, filters=filters, mode=mode, vector=vector)
        hits = list(result.relevant)
        if not hits or not asked:
            return hits
        # Make sure every asked category is represented when the documents hold it: a second, filtered look.
        seen = {h.passage.id for h in hits}
        for cat in asked:
            if any(cat in h.passage.categories() for h in hits):
                continue
            extra = self.searcher.search(
                text, qlang, k=2, filters=replace(filters, contains=cat), mode=mode, vector=vector
            )
            for h in extra.relevant:
                if h.passage.id not in seen:
                    hits.append(h)
                    seen.add(h.passage.id)
        return sorted(hits, key=lambda h: -h.score)

