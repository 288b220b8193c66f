"""The searcher's cached vectors give keyword-only candidates the same cosine the store would, and follow the
store when a document is added (real embedded Chroma, fake embedder)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from knowledge.config import Settings
from knowledge.search import Searcher, keyword_text
from knowledge.store import ModelRecord, Store
from knowledge.types import DocumentRecord, Filters, Passage
from tests.fakes import FakeEmbedder

FILLER = [f"catatan rapat nomor {i} tentang jadwal kunjungan dan logistik delegasi" for i in range(70)]


def _add(store: Store, emb: FakeEmbedder, doc_id: str, texts: list[str], title: str | None = None) -> None:
    title = title or doc_id
    passages = [
        Passage(id=f"{doc_id}-{i:05d}", doc_id=doc_id, index=i, text=t, page=1, start=0, end=len(t), language="id",
                file=f"{doc_id}.txt", title=title)
        for i, t in enumerate(texts)
    ]
    record = DocumentRecord(id=doc_id, file=f"{doc_id}.txt", title=title, language="id", pages=1,
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
    fetched: list[dict] = []
    real_get = searcher.store.get_passages
    monkeypatch.setattr(searcher.store, "get_passages", lambda *a, **kw: fetched.append(kw) or real_get(*a, **kw))
    got = searcher.search(query, "id", k=10)
    assert got.hits
    # Keyword-only candidates (the pool holds 50 of 71 passages) are scored from the table's vectors: at most one
    # store call, for the full text of the few of them among the hits, and never for vectors.
    assert len(fetched) <= 1
    assert all(not kw.get("with_vectors") and len(kw["ids"]) <= 10 for kw in fetched)
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


def test_a_new_process_loads_the_saved_table_instead_of_reading_every_passage(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = searcher.search("longsor Leuwigajah 2005", "id", k=5)
    fresh = Searcher(searcher.store, searcher.embedder)
    real_get = searcher.store.get_passages
    calls: list[dict] = []
    monkeypatch.setattr(searcher.store, "get_passages", lambda *a, **kw: calls.append(kw) or real_get(*a, **kw))
    again = fresh.search("longsor Leuwigajah 2005", "id", k=5)
    assert [h.passage for h in again.hits] == [h.passage for h in first.hits]
    assert [h.dense for h in again.hits] == pytest.approx([h.dense for h in first.hits], abs=1e-6)
    assert all(kw.get("ids") for kw in calls)  # by id only: no read of the whole store
    assert isinstance(fresh.table.vectors, np.memmap)


def test_a_damaged_or_stale_saved_table_is_rebuilt(searcher: Searcher) -> None:
    searcher.search("Leuwigajah", "id", k=5)
    folder = next((searcher.store.settings.store / "lexical").iterdir())
    (folder / "passages.json").write_text("{not json", encoding="utf-8")
    fresh = Searcher(searcher.store, searcher.embedder)
    assert fresh.search("Leuwigajah", "id", k=5).hits[0].passage.text.startswith("Leuwigajah")
    assert len(fresh.table) == 71
    # The rebuilt folder is whole again for the next process.
    assert len(Searcher(searcher.store, searcher.embedder).table) == 71


def _passage(text: str, title: str, file: str) -> Passage:
    return Passage(id="p", doc_id="d", index=0, text=text, page=1, start=0, end=len(text), language="id",
                   file=file, title=title)


def test_the_keyword_index_reads_the_documents_title_before_its_text() -> None:
    read = keyword_text(_passage("Pasal 367 ayat 2.", "Landasan Hukum", "hukum.md"))
    assert read == "Landasan Hukum\nPasal 367 ayat 2."
    # A title that is only the file's name (or none) is not read: it says nothing the text does not.
    assert keyword_text(_passage("Pasal 367 ayat 2.", "hukum.md", "hukum.md")) == "Pasal 367 ayat 2."
    assert keyword_text(_passage("Pasal 367 ayat 2.", "", "hukum.md")) == "Pasal 367 ayat 2."


def test_a_passage_is_found_by_the_words_of_its_documents_title(searcher: Searcher) -> None:
    _add(searcher.store, FakeEmbedder(), "hukum", ["UU 23/2014 pasal 367 ayat 2 mengatur kerja sama luar negeri"],
         title="Landasan Hukum Paradiplomasi")
    got = searcher.search("landasan hukum", "id", k=5, mode="bm25")
    assert [h.passage.doc_id for h in got.hits] == ["hukum"]
    # The title is read, never quoted: the cited text is the passage's own.
    assert got.hits[0].passage.text == "UU 23/2014 pasal 367 ayat 2 mengatur kerja sama luar negeri"


def test_dense_neighbours_are_the_ones_chromas_own_index_returns(searcher: Searcher) -> None:
    # The search ranks the table's copy of the stored vectors; Chroma's index over the same vectors must agree,
    # filters included.
    words = ["sampah", "kompos", "bank", "daur", "ulang", "plastik", "organik", "truk", "pilah", "rumah", "tangga",
             "warga", "kota"]
    texts = [" ".join(words[j] for j in range(len(words)) if (i >> (j % 7)) & 1 or j == i % 13) for i in range(40)]
    _add(searcher.store, FakeEmbedder(), "distinct", texts)
    query = "bank sampah plastik warga"
    vector = searcher.embedder.embed_queries([query])[0]
    got = searcher.search(query, "id", k=10, mode="dense", vector=vector, filters=Filters(doc_ids=("distinct",)))
    res = searcher.store._passages.query(query_embeddings=[vector.tolist()], n_results=10,
                                         where={"doc_id": "distinct"}, include=["distances"])
    assert [h.passage.id for h in got.hits] == res["ids"][0]
    assert [h.dense for h in got.hits] == pytest.approx([1 - d for d in res["distances"][0]], abs=1e-5)
