"""Earlier versions of a document: the rule (ingest/versions.py) and how the CLI line and the upload page say it."""

from __future__ import annotations

from pathlib import Path

from app_pages.file_results import result_message
from ingest.pipeline import FileResult
from ingest.versions import EarlierVersion, by_date, earlier_versions, repeated_by_document, version_date
from knowledge.types import LATER_VERSIONS, DocumentRecord, newer_versions


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


def dated(doc_id: str, meta: dict[str, str], added: str = "2026-11-01T00:00:00+00:00") -> DocumentRecord:
    return DocumentRecord(id=doc_id * 64, file="laporan.pdf", title="Laporan", language="id", pages=1, passages=4,
                          added=added, meta=meta)


def test_a_version_s_date_is_the_latest_day_its_file_gives() -> None:
    assert version_date({"created": "2024-01-02", "modified": "2024-05-06", "published": "2024-03-01"}) == (
        "2024-05-06"
    )
    assert version_date({"published": "2023-11-30T10:00:00+07:00"}) == "2023-11-30"
    # A .meta.json may say anything: what is no day says nothing.
    assert version_date({"published": "c. 2016", "created": ""}) is None
    assert version_date({}) is None


def test_a_stored_version_dated_after_the_new_file_is_the_newer_one() -> None:
    newer = EarlierVersion(dated("a", {"modified": "2024-05-06"}), 3, True)
    undated = EarlierVersion(dated("b", {}), 3, True)
    same_day = EarlierVersion(dated("c", {"created": "2024-03-02"}), 3, True)
    older = EarlierVersion(dated("d", {"published": "2023-12-31"}), 3, True)
    earlier, later = by_date([newer, undated, same_day, older], {"modified": "2024-03-02"})
    assert later == [newer] and earlier == [undated, same_day, older]
    # Without a date of its own, the file coming in is the newer: the order of indexing decides, as before.
    assert by_date([newer], {}) == ([newer], [])


def test_a_document_indexed_after_its_newer_version_is_that_version_s_earlier_one() -> None:
    corrected = dated("a", {"modified": "2024-05-06"}, added="2026-11-01T00:00:00+00:00")
    old_copy = dated("b", {"modified": "2024-03-02", LATER_VERSIONS: corrected.id}, added="2026-11-02T00:00:00+00:00")
    assert newer_versions([corrected, old_copy]) == {old_copy.id: corrected}
    # The newer version removed since: nothing to name.
    assert newer_versions([old_copy]) == {}


def test_the_cli_line_and_the_upload_page_say_the_stored_version_is_newer_and_kept() -> None:
    kept = EarlierVersion(dated("a", {"modified": "2024-05-06"}), 3, True)
    result = FileResult(Path("laporan.pdf"), "indexed", passages=4, doc_id="b" * 64, earlier=(), replaced=False,
                        later=(kept,), dated="2024-03-02")
    assert ("; a newer version is indexed, laporan.pdf (id aaaaaaaaaaaa; same file name, 3 of its 4 passages "
            "repeated word for word): it is dated 2024-05-06, after this file (2024-03-02), so it is kept and this "
            "file is cited as its earlier version") in result.line()
    kind, text = result_message(result, "id")
    assert kind == "warning"
    assert ("`laporan.pdf` bertanggal 2024-05-06, lebih baru dari berkas ini (2024-03-02): dokumen itu tetap "
            "disimpan, dan berkas ini dikutip sebagai versi lamanya.") in text
