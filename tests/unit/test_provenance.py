"""Where a document comes from: the reader's metadata cleaned into author, site, dates and web address, and
how the record offers them to people."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.provenance import as_date, provenance
from ingest.readers import read_document
from knowledge.strings import provenance_line
from knowledge.types import DocumentRecord
from tests.fixtures_ocr import WEB_ORIGIN, make_docx, make_html


def test_a_web_page_says_its_author_site_date_and_address(tmp_path: Path) -> None:
    raw = read_document(make_html(tmp_path / "berita.html", head=WEB_ORIGIN))
    assert provenance(raw.metadata) == {
        "author": "Dinas Komunikasi dan Informatika",
        "site": "portal.bandung.go.id",
        "published": "2024-05-06",
        "url": "https://portal.bandung.go.id/berita/kerja-sama-kawasaki",
    }


def test_a_web_page_date_is_never_guessed_from_a_year_in_its_text(tmp_path: Path) -> None:
    # The footer says "Hak cipta 2024": no markup dates the page, so nothing is said of when it was published.
    raw = read_document(make_html(tmp_path / "berita.html"))
    assert "published" not in provenance(raw.metadata) and "date" not in raw.metadata


def test_office_account_names_and_template_defaults_are_not_provenance(tmp_path: Path) -> None:
    assert provenance({"author": "Windows User", "created": "D:20190312101010+07'00'"}) == {"created": "2019-03-12"}
    assert provenance({"author": "  Siti   Rahma ", "sitename": ""}) == {"author": "Siti Rahma"}
    # python-docx's own template: its author and its 2013 dates are not the file's.
    raw = read_document(make_docx(tmp_path / "laporan.docx"))
    assert raw.metadata["author"] == "python-docx"
    assert provenance(raw.metadata) == {}


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2024-05-06", "2024-05-06"),
        ("2024-05-06T10:00:00+07:00", "2024-05-06"),
        ("D:20250208122313Z", "2025-02-08"),
        ("D:2025", None),
        ("2024-13-45", None),
        ("kemarin", None),
        ("", None),
    ],
)
def test_dates_become_iso_days_or_nothing(value: str, day: str | None) -> None:
    assert as_date(value) == day


def _record(**meta: str) -> DocumentRecord:
    return DocumentRecord(id="d" * 64, file="berita.html", title="Berita", language="id", pages=1, passages=3,
                          meta=meta)


def test_the_record_offers_only_web_links_and_shows_fields_in_order() -> None:
    record = _record(url="https://portal.bandung.go.id/b", published="2024-05-06", author="Diskominfo",
                     topic_note="x")
    assert record.web_address() == "https://portal.bandung.go.id/b"
    assert record.provenance() == [("author", "Diskominfo"), ("published", "2024-05-06")]
    assert provenance_line(record.provenance(), "id") == "Penulis: Diskominfo · Terbit: 2024-05-06"
    assert provenance_line(record.provenance(), "en") == "Author: Diskominfo · Published: 2024-05-06"
    for address in ("javascript:alert(1)", "file:///etc/passwd", "portal.bandung.go.id", "https://a b"):
        assert _record(url=address).web_address() is None, address
    assert _record().provenance() == [] and provenance_line([], "id") == ""
