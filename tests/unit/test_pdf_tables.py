"""Tables in PDF text layers stay readable: rows with their header, not cells joined into word soup."""

from __future__ import annotations

from pathlib import Path

from ingest.clean import clean_text
from ingest.passages import split_passages
from ingest.pdf_tables import may_hold_table, tables_from_layout
from ingest.readers import read_document

LAYOUT = """Kerja sama ini mencakup beberapa program.
Tabel 2. Anggaran
          Program                      Tahun      Anggaran
          Bank sampah                  2018       Rp 1.200.000
          Kunjungan pejabat            2019       Rp 900.000
Penutup."""


def test_aligned_columns_become_rows_with_header_and_caption() -> None:
    text = tables_from_layout(LAYOUT)
    assert text is not None
    assert "Tabel 2. Anggaran — Program: Bank sampah; Tahun: 2018; Anggaran: Rp 1.200.000." in text.split("\n\n")
    assert "Tabel 2. Anggaran — Program: Kunjungan pejabat; Tahun: 2019; Anggaran: Rp 900.000." in text.split("\n\n")
    assert text.startswith("Kerja sama ini mencakup beberapa program.")


def test_prose_is_not_taken_for_a_table() -> None:
    prose = "Kerja sama Bandung dan Kawasaki dimulai pada 2017.\nProgram utamanya adalah pengelolaan sampah.\n" * 3
    assert tables_from_layout(prose) is None
    assert not may_hold_table(prose)
    assert may_hold_table("Program\nTahun\nMitra\nBank sampah\n2018\nJICA\n")


def test_pdf_table_is_read_row_by_row(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    path = tmp_path / "tabel.pdf"
    styles = getSampleStyleSheet()
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [
            Paragraph("Kerja sama Bandung dan Kawasaki mencakup beberapa program sejak tahun 2017.", styles["Normal"]),
            Paragraph("Tabel 1. Program kerja sama", styles["Normal"]),
            Table([["Program", "Tahun", "Mitra"], ["Pelatihan pemilahan sampah", "2017", "JICA"],
                   ["Kunjungan Eco-Town", "2018", "Kota Kawasaki"]]),
            Paragraph("Kesimpulan: kerja sama berjalan baik.", styles["Normal"]),
        ]
    )
    page = read_document(path).pages[0]
    assert page.number == 1
    passages = [d.text for d in split_passages([(1, clean_text(page.text))])]
    assert passages == [
        "Kerja sama Bandung dan Kawasaki mencakup beberapa program sejak tahun 2017.",
        "Tabel 1. Program kerja sama — Program: Pelatihan pemilahan sampah; Tahun: 2017; Mitra: JICA.",
        "Tabel 1. Program kerja sama — Program: Kunjungan Eco-Town; Tahun: 2018; Mitra: Kota Kawasaki.",
        "Kesimpulan: kerja sama berjalan baik.",
    ]
