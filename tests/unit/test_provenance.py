"""Where a document comes from: the reader's metadata cleaned into author, site, dates and web address, and
how the record offers them to people."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.provenance import article_doi, as_date, provenance
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
    # The day it was last changed too: it tells two versions of a report apart (ingest/versions.py).
    assert provenance({"created": "D:20190312101010", "modified": "D:20240506093000+07'00'"}) == {
        "created": "2019-03-12", "modified": "2024-05-06"}
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


@pytest.mark.parametrize(
    ("first_page", "doi"),
    [
        ("Jurnal Wacana Publik\nDOI: 10.24198/jwp.v5i2.28501\nAbstrak", "10.24198/jwp.v5i2.28501"),
        ("Diterima 2020. DOI: 10.24198/jwp.v5i2.28501. Abstrak", "10.24198/jwp.v5i2.28501"),
        ("tersedia di https://doi.org/10.1016/J.WASMAN.2019.03.012)", "10.1016/j.wasman.2019.03.012"),
        ("DOI: 10.1234/abc\nAbstrak", "10.1234/abc"),
        ("the same DOI twice: 10.1234/abc and 10.1234/ABC", "10.1234/abc"),
        # Broken over two lines after a separator: the first line alone would be a wrong link.
        ("DOI: 10.24198/jwp.\nv5i2.28501", None),
        # ... which a sentence's full stop at a line's end cannot be told from.
        ("DOI: 10.24198/jwp.v5i2.28501.\nAbstrak", None),
        # Two different DOIs (a page citing other works): none is certainly the document's own.
        ("DOI 10.1234/abc; lihat juga 10.5555/xyz", None),
        ("versi 10.1/abc, tanpa DOI", None),
    ],
)
def test_an_article_s_own_doi_is_read_from_its_first_page(first_page: str, doi: str | None) -> None:
    assert article_doi(first_page) == doi


def test_a_doi_gives_a_link_unless_the_file_names_its_own_address() -> None:
    page = "Jurnal Kajian Perkotaan\nDOI: 10.24198/jwp.v5i2.28501"
    assert provenance({}, page) == {"doi": "10.24198/jwp.v5i2.28501", "url": "https://doi.org/10.24198/jwp.v5i2.28501"}
    assert provenance({"url": "https://jurnal.unpad.ac.id/a/1"}, page)["url"] == "https://jurnal.unpad.ac.id/a/1"
    record = DocumentRecord(id="d" * 64, file="artikel.pdf", title="Artikel", language="id", pages=9, passages=30,
                            meta=provenance({}, page))
    assert provenance_line(record.provenance(), "en") == "DOI: 10.24198/jwp.v5i2.28501"
    assert record.web_address() == "https://doi.org/10.24198/jwp.v5i2.28501"


@pytest.mark.parametrize(
    "mark",
    [
        "<!-- saved from url=(0051)https://www.pikiran-rakyat.com/bandung-raya/pr-01 -->",
        "<!--\n Page saved with SingleFile \n url: https://www.pikiran-rakyat.com/bandung-raya/pr-01 \n"
        " saved date: Mon Jan 01 2024 10:00:00 GMT+0700\n-->",
    ],
)
def test_a_page_saved_by_a_browser_says_where_from_and_its_own_link_wins(tmp_path: Path, mark: str) -> None:
    page = make_html(tmp_path / "berita.html")
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("<html", f"{mark}\n<html", 1), encoding="utf-8")
    found = provenance(read_document(page).metadata)
    assert found == {"site": "pikiran-rakyat.com", "url": "https://www.pikiran-rakyat.com/bandung-raya/pr-01"}
    # The page's canonical link names it better than where the browser happened to fetch it.
    canonical = make_html(tmp_path / "kanonik.html", head=WEB_ORIGIN)
    html = canonical.read_text(encoding="utf-8")
    canonical.write_text(html.replace("<html", f"{mark}\n<html", 1), encoding="utf-8")
    assert provenance(read_document(canonical).metadata)["url"] == (
        "https://portal.bandung.go.id/berita/kerja-sama-kawasaki"
    )


def test_an_address_in_the_page_s_text_is_not_where_it_was_saved_from(tmp_path: Path) -> None:
    page = make_html(tmp_path / "berita.html")
    html = page.read_text(encoding="utf-8")
    article = "<p>Baca juga <!-- saved from url=(0020)https://lain.example/ --> berita lain.</p>"
    page.write_text(html.replace("</article>", f"{'<p>Isi.</p>' * 1500}{article}</article>", 1), encoding="utf-8")
    assert "url" not in provenance(read_document(page).metadata)
