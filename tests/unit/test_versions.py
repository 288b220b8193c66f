"""Earlier versions of a document: the rule (ingest/versions.py) and how the CLI line and the upload page say it."""

from __future__ import annotations

from pathlib import Path

from app_pages.file_results import result_message
from ingest.pipeline import FileResult
from ingest.versions import EarlierVersion, earlier_versions, repeated_by_document
from knowledge.types import DocumentRecord


def doc(doc_id: str, file: str, passages: int, added: str = "2026-11-01T00:00:00+00:00") -> DocumentRecord:
    return DocumentRecord(id=doc_id * 64, file=file, title="Laporan", language="id", pages=1, passages=passages,
                          added=added)


def test_half_of_the_larger_document_repeated_word_for_word_makes_an_earlier_version() -> None:
    old = doc("a", "laporan.pdf", 10)
    assert [v.record for v in earlier_versions("laporan-rev.pdf", 10, {old.id: 5}, [old])] == [old]
    assert earlier_versions("laporan-rev.pdf", 10, {old.id: 4}, [old]) == []
    # Relative to the larger of the two: a thesis quoting a 10-passage abstract whole is no newer abstract, and
    # a one-page note quoting a thesis no newer thesis.
    assert earlier_versions("skripsi.pdf", 400, {old.id: 10}, [old]) == []
    thesis = doc("b", "skripsi.pdf", 400)
    assert earlier_versions("catatan.pdf", 8, {thesis.id: 8}, [thesis]) == []


def test_the_same_file_name_needs_only_a_fifth_and_is_compared_without_case() -> None:
    old = doc("a", "Laporan Akhir.PDF", 10)
    (found,) = earlier_versions("laporan akhir.pdf", 12, {old.id: 3}, [old])
    assert found.same_name and found.repeated == 3
    assert earlier_versions("laporan akhir.pdf", 12, {old.id: 2}, [old]) == []
    # A different document that happens to share a common name is no version of it.
    assert earlier_versions("laporan akhir.pdf", 12, {}, [old]) == []


def test_newest_first() -> None:
    first = doc("a", "laporan.pdf", 4, added="2026-01-01T00:00:00+00:00")
    second = doc("b", "laporan.pdf", 4, added="2026-06-01T00:00:00+00:00")
    found = earlier_versions("laporan.pdf", 4, {first.id: 3, second.id: 4}, [first, second])
    assert [v.record for v in found] == [second, first]


def test_repeated_passages_are_counted_once_per_stored_passage() -> None:
    # Two new passages saying what one stored passage says count that passage once.
    held = [[("d1", "p1")], [("d1", "p1"), ("d2", "q1")], [], [("d1", "p2")]]
    assert repeated_by_document(held) == {"d1": 2, "d2": 1}


def version(passages: int = 3, repeated: int = 2) -> EarlierVersion:
    return EarlierVersion(doc("7", "laporan.md", passages), repeated, same_name=True)


def test_the_cli_line_names_the_earlier_version_and_what_to_do() -> None:
    kept = FileResult(Path("laporan.md"), "indexed", passages=3, doc_id="e" * 64, earlier=(version(),))
    assert kept.line() == (
        "indexed   laporan.md: 3 passages (id eeeeeeeeeeee); an earlier version is still indexed, laporan.md "
        "(id 777777777777; same file name, 2 of its 3 passages repeated word for word): remove it with "
        "`kawan remove 777777777777` or ingest with --replace"
    )
    replaced = FileResult(Path("laporan.md"), "indexed", passages=3, doc_id="e" * 64, earlier=(version(),),
                          replaced=True)
    assert replaced.line().endswith("; replaced laporan.md (id 777777777777; same file name, 2 of its 3 passages "
                                    "repeated word for word)")
    one = FileResult(Path("x.md"), "indexed", passages=1, doc_id="e" * 64, earlier=(version(1, 1),))
    assert "1 of its 1 passage repeated" in one.line()


def test_the_upload_page_warns_while_both_versions_are_cited() -> None:
    kept = FileResult(Path("laporan.md"), "indexed", passages=3, doc_id="e" * 64, earlier=(version(),))
    kind, text = result_message(kept, "id")
    assert kind == "warning"
    assert text == ("`laporan.md` diindeks: 3 bagian teks.  \nVersi lamanya masih terindeks: `laporan.md`, 2 dari 3 "
                    "bagian teksnya sama persis. Keduanya akan dikutip; hapus yang lama di «Kelola dokumen» di "
                    "bawah, atau unggah dengan «Ganti versi lama berkas ini» dicentang.")
    replaced = FileResult(Path("laporan.md"), "indexed", passages=3, doc_id="e" * 64, earlier=(version(),),
                          replaced=True)
    assert result_message(replaced, "en") == (
        "success", "`laporan.md` indexed: 3 passages.  \nIt replaces its earlier version, `laporan.md`, now removed.")
    # Already indexed, uploaded again with "replace" ticked: its earlier versions still go, and it says so.
    again = FileResult(Path("laporan.md"), "duplicate", doc_id="e" * 64, duplicate_of="laporan.md",
                       earlier=(version(),), replaced=True)
    kind, text = result_message(again, "id")
    assert kind == "warning"
    assert text.endswith("Berkas ini menggantikan versi lamanya, `laporan.md`, yang sudah dihapus.")


def test_a_document_kept_beside_its_newer_version_knows_which_one_it_is() -> None:
    from dataclasses import replace

    from knowledge.types import EARLIER_VERSIONS, newer_versions

    first = doc("a", "laporan.pdf", 4, added="2026-01-01T00:00:00+00:00")
    second = replace(doc("b", "laporan.pdf", 4, added="2026-06-01T00:00:00+00:00"),
                     meta={EARLIER_VERSIONS: first.id})
    third = replace(doc("c", "laporan-rev.pdf", 4, added="2026-09-01T00:00:00+00:00"),
                    meta={EARLIER_VERSIONS: f"{first.id} {second.id}"})
    other = doc("d", "catatan.pdf", 2)
    assert second.earlier_versions() == [first.id] and other.earlier_versions() == []
    # The newest newer version is the one named; a document no later one names has none.
    newer = newer_versions([third, other, second, first])
    assert newer == {first.id: third, second.id: third}
