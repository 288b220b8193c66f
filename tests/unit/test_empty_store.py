"""An empty knowledge base says so, instead of "nothing relevant" (which sends the asker rewording a question
that no document could answer yet). Real embedded Chroma, fake embedder."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.answer import render_text
from knowledge.config import Settings
from knowledge.service import Kawan
from knowledge.strings import ui
from knowledge.types import DocumentRecord, Passage
from tests.fakes import FakeEmbedder


def _kawan(tmp_path: Path) -> Kawan:
    return Kawan(Settings(store=tmp_path / "store"), embedder=FakeEmbedder())


@pytest.mark.parametrize(("question", "lang"), [("Apa saja hambatan kerja sama ini?", "id"),
                                                ("What are the obstacles?", "en")])
def test_asking_an_empty_store_says_that_nothing_is_indexed(tmp_path: Path, question: str, lang: str) -> None:
    answer = _kawan(tmp_path).ask(question)
    assert not answer.answered
    assert (answer.reason, answer.to_json()["reason"]) == ("store_empty", "store_empty")
    assert render_text(answer) == ui("store_empty", lang)  # instead of "nothing relevant, try other words"


def test_an_unanswered_question_over_stored_documents_has_no_such_notice(tmp_path: Path) -> None:
    kawan = _kawan(tmp_path)
    text = "Kawasaki membantu Bandung mengelola sampah dengan teknologi daur ulang."
    passage = Passage(id="d-00000", doc_id="d", index=0, text=text, page=1, start=0, end=len(text), language="id",
                      file="d.txt", title="d")
    record = DocumentRecord(id="d", file="d.txt", title="d", language="id", pages=1, passages=1)
    kawan.store.add_document(record, [passage], kawan.embedder.embed_passages([text]), {None: ""})
    answer = kawan.ask("zzz qqq xxx")
    assert answer.reason == "no_answer"
