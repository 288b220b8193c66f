"""A corrected document added again: told of its earlier version, and replacing it when asked (real model, real
embedded Chroma, the ingest the CLI and the upload page call)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import ingest_paths
from knowledge.config import Settings
from knowledge.embedder import make_embedder
from knowledge.service import Kawan

pytestmark = pytest.mark.integration

# Each a paragraph of its own and long enough to stay one passage (ingest/passages.py merges short ones).
SORTING_12 = "Program pemilahan sampah di tingkat RW sudah berjalan di 12 kelurahan Kota Bandung pada akhir tahun 2019."
SORTING_15 = "Program pemilahan sampah di tingkat RW sudah berjalan di 15 kelurahan Kota Bandung pada akhir tahun 2019."
BUDGET = "Anggaran program pemilahan sampah dari Pemerintah Kota Bandung sebesar dua miliar rupiah setiap tahunnya."
OBSTACLE = "Hambatan utama program ini adalah koordinasi antarinstansi yang belum optimal di lingkungan Pemkot Bandung."
TRAINING = "Pelatihan petugas kebersihan dilakukan oleh tenaga ahli dari Kota Kawasaki selama dua minggu di Bandung."
TRAINING_3 = "Pelatihan petugas kebersihan dilakukan oleh tenaga ahli dari Kota Kawasaki selama tiga minggu di Bandung."
OTHER = (
    "Festival budaya Jepang di Bandung menampilkan pertunjukan taiko dan upacara minum teh bagi warga kota.",
    "Beasiswa pertukaran pelajar antara kedua kota dibuka setiap tahun untuk mahasiswa teknik lingkungan.",
    "Perpustakaan kota menyediakan buku-buku tentang pengelolaan sampah dalam bahasa Indonesia dan Jepang.",
)
QUESTION = "Di berapa kelurahan program pemilahan sampah tingkat RW berjalan?"


def own_kawan(model_dir: Path, tmp_path: Path) -> Kawan:
    """Its own model instance: the token states it keeps are this store's, whatever other tests share."""
    embedder = make_embedder(Settings(model=str(model_dir), backend_strict=True))
    return Kawan(Settings(store=tmp_path / "store", model=embedder.name), embedder=embedder)


def write(path: Path, *paragraphs: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# Laporan Evaluasi Program Pemilahan Sampah\n\n" + "\n\n".join(paragraphs) + "\n",
                    encoding="utf-8")
    return path


def test_a_corrected_report_is_told_of_its_earlier_version_and_replaces_it_when_asked(
    model_dir: Path, tmp_path: Path
) -> None:
    kawan = own_kawan(model_dir, tmp_path)
    first = write(tmp_path / "v1" / "laporan.md", SORTING_12, BUDGET, OBSTACLE, TRAINING)
    (one,) = ingest_paths(kawan, [first])
    assert one.status == "indexed" and one.passages == 4 and not one.earlier
    # A note quoting one of its sentences is another document, not a version of it.
    (note,) = ingest_paths(kawan, [write(tmp_path / "catatan.md", BUDGET, *OTHER)])
    assert note.status == "indexed" and not note.earlier

    # The corrected report, under the same name: indexed, with the earlier version named, and both kept.
    (two,) = ingest_paths(kawan, [write(tmp_path / "v2" / "laporan.md", SORTING_15, BUDGET, OBSTACLE, TRAINING)])
    (version,) = two.earlier
    assert version.record.id == one.doc_id and version.repeated == 3 and version.same_name and not two.replaced
    assert f"an earlier version is still indexed, laporan.md (id {one.doc_id[:12]}; same file name, 3 of its 4 " \
           f"passages repeated word for word): remove it with `kawan remove {one.doc_id[:12]}`" in two.line()
    citations = kawan.ask(QUESTION).citations
    cited = " ".join(c.text for c in citations)
    assert "12 kelurahan" in cited and "15 kelurahan" in cited  # what the warning is about
    # ... and what each citation of the earlier version says: a newer one is indexed too.
    new_record = kawan.store.document(two.doc_id)
    assert new_record is not None and new_record.earlier_versions() == [one.doc_id]
    day = new_record.added[:10]
    assert {c.doc_id: c.newer_version for c in citations if "kelurahan" in c.text} == {
        one.doc_id: f"laporan.md ({day})", two.doc_id: None}
    # Read first, the corrected figure: the earlier version's passages follow the newer one's.
    assert [c.doc_id for c in citations if "kelurahan" in c.text] == [two.doc_id, one.doc_id]

    # Renamed and corrected again, ingested with "replace": both earlier versions go once it is in.
    (three,) = ingest_paths(kawan, [write(tmp_path / "laporan-rev.md", SORTING_15, BUDGET, OBSTACLE, TRAINING_3)],
                            earlier="replace")
    assert three.status == "indexed" and three.replaced
    assert {v.record.id for v in three.earlier} == {one.doc_id, two.doc_id}
    assert {d.file for d in kawan.store.documents()} == {"laporan-rev.md", "catatan.md"}
    stored = {p.text for p in kawan.store.get_passages()[0]}
    assert SORTING_12 not in stored and TRAINING not in stored and SORTING_15 in stored
    ans = kawan.ask(QUESTION)
    assert ans.answered and ans.citations[0].text == SORTING_15
    assert all("12 kelurahan" not in c.text for c in ans.citations)
    assert all(c.newer_version is None for c in ans.citations)  # no earlier version left to say it of
    # Token states are kept by text: those of texts the new version or the note still hold stay, and only
    # those no passage holds any longer are forgotten.
    missing = getattr(kawan.embedder, "missing_passage_states")  # noqa: B009 (the product's model has it)
    assert missing([SORTING_15, BUDGET, OBSTACLE, TRAINING_3, *OTHER]) == []
    assert missing([SORTING_12, TRAINING]) == [SORTING_12, TRAINING]

    # The first version once more (kept): the stored one is now its earlier version. Ingesting that one again
    # with "replace" is a duplicate, and still removes the other version it was first added without replacing.
    (again,) = ingest_paths(kawan, [first])
    assert again.status == "indexed" and [v.record.id for v in again.earlier] == [three.doc_id]
    (dup,) = ingest_paths(kawan, [tmp_path / "laporan-rev.md"], earlier="replace")
    assert dup.status == "duplicate" and dup.replaced and [v.record.id for v in dup.earlier] == [again.doc_id]
    assert dup.line().endswith(f"; replaced laporan.md (id {again.doc_id[:12]}; 2 of its 4 passages repeated "
                               "word for word)")
    assert {d.file for d in kawan.store.documents()} == {"laporan-rev.md", "catatan.md"}


def dated_pdf(path: Path, day: str, *paragraphs: str) -> Path:
    """A report as a PDF whose metadata says when it was last changed (``day``: YYYYMMDD)."""
    from pypdf import PdfWriter

    from tests.fixtures_docs import make_text_pdf

    path.parent.mkdir(parents=True, exist_ok=True)
    make_text_pdf(path, ["\n\n".join(paragraphs)], title="Laporan Evaluasi Program Pemilahan Sampah")
    writer = PdfWriter(clone_from=path)
    writer.add_metadata({"/CreationDate": "D:20240101090000+07'00'", "/ModDate": f"D:{day}090000+07'00'"})
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def test_an_old_copy_added_after_the_corrected_report_never_replaces_it_and_is_cited_as_the_earlier(
    model_dir: Path, tmp_path: Path
) -> None:
    kawan = own_kawan(model_dir, tmp_path)
    corrected = dated_pdf(tmp_path / "v2" / "laporan.pdf", "20240506", SORTING_15, BUDGET, OBSTACLE, TRAINING)
    (two,) = ingest_paths(kawan, [corrected])
    record = kawan.store.document(two.doc_id)
    assert two.status == "indexed" and record is not None and record.meta["modified"] == "2024-05-06"
    # Found again on a shared drive, the March copy is ingested with "replace": by its own date it is the older.
    old_copy = dated_pdf(tmp_path / "v1" / "laporan.pdf", "20240302", SORTING_12, BUDGET, OBSTACLE, TRAINING)
    (one,) = ingest_paths(kawan, [old_copy], earlier="replace")
    assert one.status == "indexed" and not one.replaced and not one.earlier
    assert [v.record.id for v in one.later] == [two.doc_id]
    assert "it is dated 2024-05-06, after this file (2024-03-02), so it is kept" in one.line()
    assert {d.id for d in kawan.store.documents()} == {one.doc_id, two.doc_id}  # nothing stored was lost
    # Each citation of the old copy names the corrected report, which is read first.
    citations = [c for c in kawan.ask(QUESTION).citations if "kelurahan" in c.text]
    day = kawan.store.document(two.doc_id).added[:10]  # type: ignore[union-attr]
    assert [(c.doc_id, c.newer_version) for c in citations] == [(two.doc_id, None),
                                                               (one.doc_id, f"laporan.pdf ({day})")]
