"""The study the product is built on leads every list of sources (real embedded Chroma, fake embedder)."""

from __future__ import annotations

from pathlib import Path

from knowledge.config import Settings
from knowledge.store import ModelRecord, Store
from knowledge.types import DocumentRecord, Passage
from tests.fakes import FakeEmbedder


def test_documents_list_the_study_first_then_in_the_order_they_came(tmp_path: Path) -> None:
    emb = FakeEmbedder()
    store = Store(Settings(store=tmp_path / "store"), ModelRecord(emb.name, emb.dimension))
    for doc, kind, added in [("a-note", "background", "2026-01-01"), ("b-upload", "upload", "2026-01-02"),
                             ("z-study", "study", "2026-01-03")]:
        text = f"Isi dokumen {doc} tentang kerja sama Bandung dan Kawasaki."
        passage = Passage(id=f"{doc}-0", doc_id=doc, index=0, text=text, page=1, start=0, end=len(text),
                          language="id", file=f"{doc}.txt", title=doc, kind=kind)
        record = DocumentRecord(id=doc, file=f"{doc}.txt", title=doc, language="id", pages=1, passages=1,
                                kind=kind, added=added)
        store.add_document(record, [passage], emb.embed_passages([text]), {None: text})
    assert [d.id for d in store.documents()] == ["z-study", "a-note", "b-upload"]
