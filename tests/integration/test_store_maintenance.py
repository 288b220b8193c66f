"""check --repair, reindex, export/import against a real Chroma store (the fast fake embedder, except where
the local model itself is the point)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from ingest.maintenance import BackupError, import_store
from ingest.pipeline import ingest_paths
from knowledge.config import Settings
from knowledge.embedder import SentenceTransformerEmbedder
from knowledge.service import Kawan
from knowledge.store import ModelMismatchError, Store, StoreError
from tests.fakes import FakeEmbedder
from tests.fixtures_docs import make_article_pdf, make_random_file
from tests.integration.cli_support import docs_json, run_cli

pytestmark = pytest.mark.integration
SOURCES = Path(__file__).resolve().parents[2] / "knowledge" / "sources"
ABSTRACT = SOURCES / "study-abstract.txt"


class OtherFake(FakeEmbedder):
    """"Another model": other name, other dimension."""

    name = "other-fake-embedder"
    dimension = 32


def use_embedder(monkeypatch: pytest.MonkeyPatch, embedder: object) -> None:
    monkeypatch.setenv("KAWAN_MODEL", embedder.name)  # type: ignore[attr-defined]
    monkeypatch.setattr("knowledge.service.make_embedder", lambda settings: embedder)


@pytest.fixture()
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two documents indexed with the fake embedder, which is also the configured model."""
    use_embedder(monkeypatch, FakeEmbedder())
    path = tmp_path / "store"
    note = tmp_path / "docs" / "catatan.md"
    note.parent.mkdir()
    note.write_text("# Catatan kunjungan\n\nDelegasi Bandung belajar pengomposan di Kawasaki pada tahun 2019.\n")
    note.with_name("catatan.md.meta.json").write_text(
        json.dumps({"kind": "background", "topic": "sampah", "period": "2019", "source": "notulen"})
    )
    results = ingest_paths(Kawan(Settings(store=path)), [ABSTRACT, note])
    assert [r.status for r in results] == ["indexed", "indexed"]
    return path


def test_check_repair_after_an_interrupted_ingest(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = docs_json(capsys, store)
    note = tmp_path / "note.txt"
    note.write_text("A short note about the composting centre in Kawasaki and the Bandung delegation.\n")

    def crash() -> None:
        raise KeyboardInterrupt  # the process dies right after the passages are stored

    monkeypatch.setattr("knowledge.store._pause_for_tests", crash)
    assert run_cli(capsys, "ingest", str(note), "--store", str(store))[0] == 130
    monkeypatch.undo()
    use_embedder(monkeypatch, FakeEmbedder())
    (store / "files" / "leftover.txt.part").write_text("x")  # an interrupted copy of an original
    # A document that lost a passage (and one whose original went missing).
    s = Store(Settings(store=store))
    abstract = next(d for d in s.documents() if d.file == "study-abstract.txt")
    chronology = next(d for d in s.documents() if d.file == "catatan.md")
    s._passages.delete(ids=[f"{abstract.id[:24]}-00003"])
    (store / "files" / chronology.stored_file).rename(tmp_path / "moved-away")

    assert docs_json(capsys, store) == before
    code, out, err = run_cli(capsys, "check", "--store", str(store))
    assert code == 1 and "--repair" in err
    assert "orphan_passages" in out and "leftover.txt.part" in out
    assert f"missing_passages  {abstract.id[:24]}: study-abstract.txt: 19 of 20 passages stored" in out
    assert f"missing_file      {chronology.id[:24]}" in out

    code, out, _ = run_cli(capsys, "check", "--repair", "--store", str(store))
    assert "orphan passages" in out and "deleted stray file leftover.txt.part" in out
    assert "indexed   study-abstract.txt: 20 passages" in out
    # A missing original cannot be made up: reported, and the exit code says so.
    assert code == 1 and "NOT repaired missing_file" in out
    after = docs_json(capsys, store)
    assert [(d["id"], d["title"], d["kind"], d["added"]) for d in after] == [
        (d["id"], d["title"], d["kind"], d["added"]) for d in before
    ]
    (tmp_path / "moved-away").rename(store / "files" / chronology.stored_file)
    code, out, _ = run_cli(capsys, "check", "--store", str(store))
    assert code == 0 and out.startswith("ok:")


def test_reindex_builds_a_new_collection_and_swaps_only_when_done(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = docs_json(capsys, store)
    old = Store(Settings(store=store))
    old_names = {old.documents_name, old.passages_name}
    old_generation = old.generation()
    use_embedder(monkeypatch, OtherFake())
    code, _, err = run_cli(capsys, "ask", "When was the agreement signed?", "--store", str(store))
    assert code == 1 and err.startswith("error: the store at") and "`kawan reindex`" in err
    code, out, _ = run_cli(capsys, "check", "--store", str(store))
    assert code == 1 and "run `kawan reindex`" in out

    # A document that cannot be re-read: nothing is swapped, the old index stays whole and active.
    stored = store / "files" / before[0]["stored_file"]
    stored.rename(tmp_path / "away")
    code, out, err = run_cli(capsys, "reindex", "--store", str(store))
    assert code == 1 and "FAILED" in out and "old index stays active" in err
    same = Store(Settings(store=store))
    assert same.suffix == old.suffix and same.recorded_model().name == FakeEmbedder.name
    assert same.stray_collections() == [] and docs_json(capsys, store) == before
    (tmp_path / "away").rename(stored)

    code, out, err = run_cli(capsys, "reindex", "--store", str(store))
    assert code == 0 and out.count("indexed ") == 2 and "new index is active" in err
    new = Store(Settings(store=store))
    assert new.suffix != old.suffix and new.recorded_model().dimension == OtherFake.dimension
    names = {c.name for c in new._client.list_collections()}
    assert not (old_names & names) and new.stray_collections() == []
    assert new.generation() > old_generation
    with pytest.raises(StoreError, match="kawan reindex"):
        old.documents()  # a store opened before the swap says so, not a bare NotFoundError
    assert docs_json(capsys, store) == before  # same ids, titles, kinds, dates
    code, out, _ = run_cli(capsys, "check", "--store", str(store))
    assert code == 0, out
    code, out, _ = run_cli(capsys, "ask", "Apa yang dipelajari delegasi tentang pengomposan?", "--json",
                           "--mode", "bm25", "--store", str(store))
    assert code == 0 and json.loads(out)["citations"]


def test_export_import_round_trip_reembeds_with_the_local_model(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    real_embedder: SentenceTransformerEmbedder,
) -> None:
    exported = docs_json(capsys, store)
    backup = tmp_path / "kawan-backup.zip"
    code, out, _ = run_cli(capsys, "export", str(backup), "--store", str(store))
    assert code == 0 and "exported 2 documents" in out
    with zipfile.ZipFile(backup) as z:
        assert sorted(z.namelist()) == sorted(["manifest.json"] + [f"files/{d['stored_file']}" for d in exported])

    # The other machine has the real model: the import re-embeds with it.
    use_embedder(monkeypatch, real_embedder)
    other = tmp_path / "other-store"
    code, out, _ = run_cli(capsys, "import", str(backup), "--store", str(other))
    assert code == 0 and out.count("indexed ") == 2
    imported = docs_json(capsys, other)
    keys = ("id", "file", "title", "kind", "language", "added", "topic", "period", "meta", "passages", "pages")
    assert [{k: d[k] for k in keys} for d in imported] == [{k: d[k] for k in keys} for d in exported]
    assert Store(Settings(store=other)).recorded_model().name == real_embedder.name
    code, out, _ = run_cli(capsys, "import", str(backup), "--store", str(other))
    assert code == 0 and out.count("duplicate ") == 2 and len(docs_json(capsys, other)) == 2
    code, out, _ = run_cli(capsys, "ask", "Apa saja hambatan kerja sama ini?", "--json", "--store", str(other))
    assert json.loads(out)["answered"]


def test_import_refuses_what_is_not_an_export(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = docs_json(capsys, store)
    random = make_random_file(tmp_path / "random.zip")
    code, _, err = run_cli(capsys, "import", str(random), "--store", str(store))
    assert code == 1 and err == "error: random.zip: not a Kawan export (not a readable zip file)\n"
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as z:
        z.writestr("manifest.json", json.dumps({"format": "kawan-export", "version": 1, "documents": [
            {"id": "x", "file": "../../etc/x.txt", "title": "x", "language": "en", "pages": 1, "passages": 1,
             "stored_file": "../../../etc/passwd"}]}))
    results = import_store(Settings(store=store), evil)
    assert [(r.path.name, r.status, r.reason) for r in results] == [
        ("x.txt", "failed", "bad stored file name in the export")
    ]
    with pytest.raises(BackupError, match="not a Kawan export"):
        z = tmp_path / "plain.zip"
        zipfile.ZipFile(z, "w").close()
        import_store(Settings(store=store), z)
    assert docs_json(capsys, store) == before
    with pytest.raises(ModelMismatchError):
        Kawan(Settings(store=store, model="x"), embedder=OtherFake()).store  # noqa: B018


def test_how_a_file_was_read_is_kept_with_its_document_and_told_again_on_reindex(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = [f"Temuan {w} tentang pelatihan pengomposan aparatur Bandung di Kawasaki pada tahun 2019." for w in
            ("pertama", "kedua", "ketiga", "keempat", "kelima", "keenam", "ketujuh", "kedelapan", "kesembilan")]
    refs = ["DAFTAR PUSTAKA", "Rahma, S. (2020). Hambatan Kerja Sama Sister City Bandung-Kawasaki. Jurnal HI, 9(1).",
            "Yamada, K. (2018). Community Composting in Kawasaki City. Journal of Urban Environment, 4(2)."]
    article = make_article_pdf(tmp_path / "artikel.pdf", [*body, *refs], 3, "Jurnal Kajian Perkotaan Vol. 3",
                               "Pelatihan Pengomposan")
    told = "2 passages of the reference list from page 3 left out of the answers"
    code, out, _ = run_cli(capsys, "ingest", str(article), "--store", str(store))
    assert code == 0 and f"indexed   artikel.pdf: 9 passages ({told})" in out
    (doc,) = [d for d in docs_json(capsys, store) if d["file"] == "artikel.pdf"]
    assert doc["notes"] == told and not [d for d in docs_json(capsys, store) if d["file"] != "artikel.pdf"
                                         and d["notes"]]
    code, out, _ = run_cli(capsys, "docs", "--store", str(store))
    assert f"read: {told}" in out
    # A re-index reads the original again and says so again; the record keeps it.
    code, out, _ = run_cli(capsys, "reindex", "--store", str(store))
    assert code == 0 and f"indexed   artikel.pdf: 9 passages ({told})" in out
    assert [d["notes"] for d in docs_json(capsys, store) if d["file"] == "artikel.pdf"] == [told]


def test_where_a_web_page_comes_from_is_kept_shown_and_carried_through_export(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.fixtures_ocr import WEB_ORIGIN, make_html

    address = "https://portal.bandung.go.id/berita/kerja-sama-kawasaki"
    page = make_html(tmp_path / "berita.html", head=WEB_ORIGIN)
    code, _, _ = run_cli(capsys, "ingest", str(page), "--store", str(store))
    assert code == 0
    origin = {"author": "Dinas Komunikasi dan Informatika", "site": "portal.bandung.go.id", "published": "2024-05-06",
              "url": address}
    (doc,) = [d for d in docs_json(capsys, store) if d["file"] == "berita.html"]
    assert doc["meta"] == origin
    code, out, _ = run_cli(capsys, "docs", "--store", str(store))
    assert ("from: Author: Dinas Komunikasi dan Informatika · Site: portal.bandung.go.id · Published: 2024-05-06 · "
            f"Address: {address}") in out
    run_cli(capsys, "reindex", "--store", str(store))
    assert [d["meta"] for d in docs_json(capsys, store) if d["file"] == "berita.html"] == [origin]
    # An export carries it to another store.
    archive = tmp_path / "kawan.zip"
    assert run_cli(capsys, "export", str(archive), "--store", str(store))[0] == 0
    other = tmp_path / "other"
    assert run_cli(capsys, "import", str(archive), "--store", str(other))[0] == 0
    assert [d["meta"] for d in docs_json(capsys, other) if d["file"] == "berita.html"] == [origin]


def test_a_journal_article_pdf_is_linked_by_the_doi_on_its_first_page(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.fixtures_docs import make_text_pdf

    article = make_text_pdf(tmp_path / "artikel-jurnal.pdf", [
        "Jurnal Kajian Perkotaan Vol. 5 No. 2\nDOI: 10.24198/jkp.v5i2.28501\nKerja sama sister city Bandung dan "
        "Kawasaki dalam pengelolaan sampah.",
        "Daftar pustaka: Rahma (2020), https://doi.org/10.5555/lain.2020.1 dan Yamada (2018).",
    ])
    code, _, _ = run_cli(capsys, "ingest", str(article), "--store", str(store))
    assert code == 0
    (doc,) = [d for d in docs_json(capsys, store) if d["file"] == "artikel-jurnal.pdf"]
    assert doc["meta"]["doi"] == "10.24198/jkp.v5i2.28501"  # page 1's, not the cited work's on page 2
    assert doc["meta"]["url"] == "https://doi.org/10.24198/jkp.v5i2.28501"
    _, out, _ = run_cli(capsys, "docs", "--store", str(store))
    assert "DOI: 10.24198/jkp.v5i2.28501 · Address: https://doi.org/10.24198/jkp.v5i2.28501" in out
