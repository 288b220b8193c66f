"""The searcher's cached vectors give keyword-only candidates the same cosine the store would, and follow the
store when a document is added (real embedded Chroma, fake embedder)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from knowledge.config import Settings
from knowledge.search import Searcher
from knowledge.store import ModelRecord, Store
from knowledge.types import DocumentRecord, Passage
from tests.fakes import FakeEmbedder

FILLER = [f"catatan rapat nomor {i} tentang jadwal kunjungan dan logistik delegasi" for i in range(70)]


def _add(store: Store, emb: FakeEmbedder, doc_id: str, texts: list[str]) -> None:
    passages = [
        Passage(id=f"{doc_id}-{i:05d}", doc_id=doc_id, index=i, text=t, page=1, start=0, end=len(t), language="id",
                file=f"{doc_id}.txt", title=doc_id)
        for i, t in enumerate(texts)
    ]
    record = DocumentRecord(id=doc_id, file=f"{doc_id}.txt", title=doc_id, language="id", pages=1,
                            passages=len(passages))
    store.add_document(record, passages, emb.embed_passages(texts), {None: ""})


@pytest.fixture()
def searcher(tmp_path: Path) -> Searcher:
    emb = FakeEmbedder()
    store = Store(Settings(store=tmp_path / "store"), ModelRecord(emb.name, emb.dimension))
    _add(store, emb, "filler", [*FILLER, "Leuwigajah adalah lokasi TPA yang longsor pada tahun 2005"])
    return Searcher(store, emb)


def test_every_hit_carries_the_exact_cosine_of_its_stored_vector(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    query = "longsor Leuwigajah 2005 rapat"
    vector = searcher.embedder.embed_queries([query])[0]
    searcher.lexical_index()  # warm: passages and vectors read once
    fetched: list[object] = []
    real_get = searcher.store.get_passages
    monkeypatch.setattr(searcher.store, "get_passages", lambda *a, **kw: fetched.append(kw) or real_get(*a, **kw))
    got = searcher.search(query, "id", k=10)
    assert got.hits
    assert fetched == []  # keyword-only candidates (the pool holds 50 of 71 passages) came from the cache
    monkeypatch.setattr(searcher.store, "get_passages", real_get)
    passages, vectors = searcher.store.get_passages(ids=[h.passage.id for h in got.hits], with_vectors=True)
    assert vectors is not None
    exact = dict(zip([p.id for p in passages], vectors @ vector, strict=True))
    for h in got.hits:
        assert h.dense == pytest.approx(float(exact[h.passage.id]), abs=1e-5)


def test_a_new_document_is_searchable_at_once(searcher: Searcher) -> None:
    searcher.search("Leuwigajah", "id", k=5)  # builds the cache
    emb = FakeEmbedder()
    _add(searcher.store, emb, "kangpisman", ["Kang Pisman berarti kurangi pisahkan manfaatkan sampah"])
    got = searcher.search("Kang Pisman pisahkan sampah", "id", k=5)
    assert got.hits[0].passage.doc_id == "kangpisman"
    assert np.isfinite(got.hits[0].dense)
