"""A researcher reads each file's result in the page's language, with what to do about a file that failed."""

from __future__ import annotations

from pathlib import Path

import pytest

from app_pages.file_results import _KNOWN, busy_message, result_message
from ingest.pipeline import FileResult, StoreBusyError
from knowledge.strings import counted, load_json, ui


def failed(code: str, reason: str, name: str = "laporan.pdf", **kw: object) -> FileResult:
    return FileResult(Path(name), "failed", reason=reason, code=code, **kw)  # type: ignore[arg-type]


def test_every_ui_string_is_in_both_languages() -> None:
    table = load_json("ui.json")
    assert set(table["id"]) == set(table["en"])


@pytest.mark.parametrize("code", sorted(_KNOWN))
def test_each_failure_is_explained_in_each_language(code: str) -> None:
    id_kind, id_text = result_message(failed(code, "some English reason"), "id")
    en_kind, en_text = result_message(failed(code, "some English reason"), "en")
    assert id_kind == en_kind == "error"
    assert id_text.startswith("`laporan.pdf` tidak dapat dipakai. ")
    assert en_text.startswith("`laporan.pdf` cannot be used. ")
    assert id_text.split(". ", 1)[1] != en_text.split(". ", 1)[1]


def test_an_encrypted_pdf_points_at_the_password_field_not_the_cli_flag() -> None:
    reason = "encrypted PDF: give the password with --password"
    _, text = result_message(failed("encrypted", reason), "id")
    assert "«Kata sandi PDF terenkripsi (jika ada)»" in text and "--password" not in text
    _, text = result_message(failed("encrypted", reason), "en")
    assert "“Password of an encrypted PDF (if any)”" in text and "--password" not in text


def test_details_that_say_more_are_kept_literally() -> None:
    _, text = result_message(failed("too_large", "too many pages (812 > 500 pages allowed)"), "id")
    assert "melebihi batas" in text and "Rincian teknis: `too many pages (812 > 500 pages allowed)`" in text
    _, text = result_message(failed("unsupported", "unsupported file type '.exe'", name="x.exe"), "en")
    assert "Supported types: " in text and "pdf" in text and "`unsupported file type '.exe'`" in text
    _, text = result_message(failed("whatever", "a new kind of failure"), "id")
    assert "tidak dapat diindeks" in text and "`a new kind of failure`" in text


def test_a_failed_reindex_says_the_document_is_unchanged() -> None:
    result = failed("wrong_password", "wrong password (the indexed document is unchanged)", unchanged=True)
    assert result_message(result, "id")[1].endswith("Dokumen yang sudah diindeks tidak berubah.")
    assert result_message(result, "en")[1].endswith("The indexed document is unchanged.")


def test_indexed_duplicate_and_removed() -> None:
    ok = FileResult(Path("a.pdf"), "indexed", passages=12, doc_id="f" * 64, note="2 pages by OCR")
    assert result_message(ok, "id") == ("success", "`a.pdf` diindeks: 12 bagian teks. "
                                                   "Catatan pembacaan: `2 pages by OCR`.")
    dup = FileResult(Path("b.pdf"), "duplicate", doc_id="f" * 64, duplicate_of="a.pdf")
    assert result_message(dup, "en") == ("warning", "`b.pdf` was not indexed again: it has the same content as "
                                                    "`a.pdf`, already in the index.")
    gone = FileResult(Path("a.pdf"), "removed", doc_id="f" * 64)
    assert result_message(gone, "id") == ("success", "`a.pdf` dihapus beserta semua bagian teksnya.")
    assert gone.line() == f"removed   a.pdf (id {'f' * 12})"


def test_file_names_stay_literal() -> None:
    # A name is shown as inline code: Markdown in it does nothing, and a backtick cannot close the code early.
    _, text = result_message(FileResult(Path("**x**`<b>.pdf"), "indexed", passages=1), "en")
    assert text.startswith("`**x**'<b>.pdf` indexed")


def test_a_busy_store_is_explained() -> None:
    text = busy_message(StoreBusyError("another process is writing to the store at /s; waited 600 s."), "id")
    assert text.startswith("Proses lain sedang menulis ke penyimpanan") and "`another process" in text


def test_the_cli_line_counts_passages_in_the_singular_and_plural() -> None:
    one = FileResult(Path("note.txt"), "indexed", passages=1, doc_id="e" * 64)
    many = FileResult(Path("report.pdf"), "indexed", passages=12, doc_id="f" * 64, note="2 pages by OCR")
    assert one.line() == "indexed   note.txt: 1 passage (id eeeeeeeeeeee)"
    assert many.line() == "indexed   report.pdf: 12 passages (2 pages by OCR) (id ffffffffffff)"


def test_counts_of_one_read_in_the_singular() -> None:
    one = FileResult(Path("note.txt"), "indexed", passages=1, doc_id="e" * 64)
    many = FileResult(Path("note.txt"), "indexed", passages=4, doc_id="e" * 64)
    assert result_message(one, "en")[1] == "`note.txt` indexed: 1 passage."
    assert result_message(many, "en")[1] == "`note.txt` indexed: 4 passages."
    assert result_message(one, "id")[1] == "`note.txt` diindeks: 1 bagian teks."
    assert [ui("pages_count", "en", n=n) for n in (1, 2)] == ["1 page", "2 pages"]
    assert ui("upload_done", "en", n=1, failed=0) == "1 file processed, 0 failed."
    assert ui("pages_count", "id", n=1) == "1 halaman"
    assert [counted(n, "page") for n in (0, 1, 2)] == ["0 pages", "1 page", "2 pages"]
