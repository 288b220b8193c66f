"""Word files and saved web pages: text in order, tables row by row with their header, titles from the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.clean import clean_text
from ingest.errors import IngestError
from ingest.passages import split_passages
from ingest.pipeline import build_passages
from ingest.readers import read_document
from tests.fixtures_ocr import (
    ARTICLE_PARAGRAPHS,
    FOOTER_TEXT,
    NAV_WORDS,
    make_docx,
    make_html,
    make_word_laid_out_docx,
)


def _passages(text: str) -> list[str]:
    return [d.text for d in split_passages([(None, clean_text(text))])]


def test_docx_keeps_heading_paragraphs_and_table_rows(tmp_path: Path) -> None:
    raw = read_document(make_docx(tmp_path / "laporan.docx"))
    assert raw.title == "Laporan Kerja Sama Bandung–Kawasaki"
    # Made by python-docx, which lays out no pages (its hard page break is no page of the text's own).
    assert [p.number for p in raw.pages] == [None]
    assert raw.notes == ("no page numbers: the file holds no page layout",)
    passages = _passages(raw.pages[0].text)
    # The heading opens the passage of the paragraph it titles.
    assert passages[0] == ("Ringkasan Kerja Sama\n\nKerja sama Sister City antara Bandung dan Kawasaki berfokus pada "
                           "lingkungan hidup dan pengelolaan sampah.")
    assert "Tabel 1. Program kerja sama — Program: Pelatihan pemilahan sampah; Tahun: 2017; Mitra: JICA." in passages
    assert "Tabel 1. Program kerja sama — Program: Kunjungan Eco-Town; Tahun: 2018; Mitra: Kota Kawasaki." in passages
    assert passages[-1].startswith("Kesimpulan:")
    assert "The partnership also sent Bandung officials to training courses in Kawasaki." in passages


def test_docx_that_word_laid_out_keeps_its_pages(tmp_path: Path) -> None:
    raw = read_document(make_word_laid_out_docx(tmp_path / "laporan-tahunan.docx"))
    assert raw.notes == ("pages as Word last laid the file out",)
    # Four pages: the hard page break and Word's mark of the page it began count once.
    assert [p.number for p in raw.pages] == [1, 2, 3, 4]
    assert raw.pages[0].text.endswith("selama tahun 2019.")
    assert raw.pages[1].text.startswith("Kegiatan\n\nPelatihan pengomposan")
    assert raw.pages[1].text.endswith("dari tiga kecamatan yang menjadi")  # the paragraph is cut where Word cut it
    assert raw.pages[2].text.startswith("percontohan bank sampah.")
    # Each row on the page it begins on, the row on page 4 still named by the table's header and caption.
    assert raw.pages[2].text.endswith("Tabel 2. Jadwal kegiatan — Kegiatan: Pelatihan pengomposan; Bulan: Maret.")
    assert raw.pages[3].text.startswith("Tabel 2. Jadwal kegiatan — Kegiatan: Rapat evaluasi; Bulan: November.")
    assert raw.pages[3].text.endswith("untuk tahun berikutnya.")


def test_a_sentence_word_broke_over_pages_is_cited_whole_on_its_first_page(tmp_path: Path) -> None:
    raw = read_document(make_word_laid_out_docx(tmp_path / "laporan-tahunan.docx"))
    built = build_passages("d" * 64, raw, "laporan-tahunan.docx", raw.title or "", "upload")
    by_page = [(p.page, p.text) for p in built.passages]
    assert (2, "Kegiatan\n\nPelatihan pengomposan diikuti oleh empat puluh petugas kebersihan dari tiga kecamatan "
               "yang menjadi percontohan bank sampah.") in by_page
    assert (3, "Hasilnya dibahas dalam rapat evaluasi bersama.") in by_page
    assert by_page[-1] == (4, "Kesimpulan: kerja sama perlu anggaran yang jelas untuk tahun berikutnya.")


def test_docx_without_title_property_takes_its_first_heading(tmp_path: Path) -> None:
    raw = read_document(make_docx(tmp_path / "tanpa-judul.docx", title=None))
    assert raw.title == "Ringkasan Kerja Sama"


def test_docx_that_is_not_a_zip_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "rusak.docx"
    path.write_bytes(b"PK\x03\x04 this is not a real Word file" * 10)
    with pytest.raises(IngestError) as caught:
        read_document(path)
    assert caught.value.code == "damaged"
    assert ".docx" in caught.value.reason


def test_html_keeps_the_article_not_menus_or_footer(tmp_path: Path) -> None:
    raw = read_document(make_html(tmp_path / "berita.html"))
    assert raw.title == "Bandung dan Kawasaki Perbarui Kerja Sama Lingkungan"  # og:title
    text = raw.pages[0].text
    for paragraph in ARTICLE_PARAGRAPHS:
        assert paragraph in text
    for word in (*NAV_WORDS, FOOTER_TEXT, "Kebijakan privasi", "Jadwal car free day"):
        assert word not in text
    passages = _passages(text)
    assert "Tabel 1. Kegiatan 2024 — Kegiatan: Pelatihan bank sampah; Bulan: Maret." in passages


def test_html_title_falls_back_to_title_tag_then_heading(tmp_path: Path) -> None:
    body = "<p>" + " ".join(ARTICLE_PARAGRAPHS) + "</p>"
    with_title = tmp_path / "a.htm"
    with_title.write_text(f"<html><head><title>Berita Kota</title></head><body><article>{body}</article></body></html>")
    assert read_document(with_title).title == "Berita Kota"
    heading_only = tmp_path / "b.html"
    heading_only.write_text(f"<html><body><article><h1>Judul Artikel</h1>{body}</article></body></html>")
    assert read_document(heading_only).title == "Judul Artikel"


def test_html_without_main_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "menu.html"
    path.write_text("<html><body><nav><a href='/'>Beranda</a></nav><script>var x = 1;</script></body></html>")
    with pytest.raises(IngestError) as caught:
        read_document(path)
    assert caught.value.code == "empty"
    assert "main text" in caught.value.reason
