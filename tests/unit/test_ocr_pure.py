"""The pure parts of OCR and table reading: which pages need OCR, the notes a person reads, rows as text."""

from __future__ import annotations

import pytest

from ingest.ocr import ocr_notes, page_from_words, page_list, page_text_problem
from ingest.tables import table_lines

GOOD_ID = "Kerja sama Sister City antara Bandung dan Kawasaki dimulai pada tahun 2017 dengan program pengolahan."
GOOD_EN = "The partnership between Bandung and Kawasaki started in 2017 with a waste management programme."


@pytest.mark.parametrize("text", [GOOD_ID, GOOD_EN, "Tahun 2017 2018 2019\n12,5 13,1 14,0\nRp 1.200.000 Rp 900.000"])
def test_real_text_needs_no_ocr(text: str) -> None:
    assert page_text_problem(text) is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "empty"),
        ("   \n 12 \n", "empty"),
        ("\ufffd" * 30 + " kerja sama Bandung", "unreadable characters"),
        ("\ue001\ue002\ue003 " * 20, "unreadable characters"),
        ("@#$%^&*()_+=|\\<>?~`" * 3, "few letters"),
        ("Krj sm Bndng dn Kwsk dmlp thn prgrm pnglln smph " * 3, "few words"),
    ],
)
def test_garbage_or_empty_text_needs_ocr(text: str, problem: str) -> None:
    assert page_text_problem(text) == problem


def test_page_list_joins_runs() -> None:
    assert page_list([2]) == "page 2"
    assert page_list([7, 3, 4, 5, 9]) == "pages 3–5, 7, 9"


def test_notes_report_ocr_pages_low_confidence_and_bounds() -> None:
    notes = ocr_notes(
        {1: 0.95, 2: 0.41, 3: 0.55},
        0.6,
        timed_out=[4],
        over_limit=[6, 7],
        max_pages=5,
        timeout_s=60,
    )
    assert notes == [
        "3 pages by OCR",
        "low OCR confidence on pages 2–3 (lowest 41% < 60%: check the scan)",
        "OCR timed out on page 4 (limit 60 s per page)",
        "OCR skipped on pages 6–7 (limit 5 pages per file)",
    ]
    assert ocr_notes({}, 0.6) == []


def test_words_table_rebuilds_lines_paragraphs_and_weighted_confidence() -> None:
    data = {
        "text": ["", "Kerja", "sama", "Bandung", "", "Kawasaki"],
        "conf": [-1, 90, 80, 100, -1, 50],
        "block_num": [1, 1, 1, 1, 2, 2],
        "par_num": [1, 1, 1, 1, 1, 1],
        "line_num": [1, 1, 1, 2, 1, 1],
    }
    page = page_from_words(data)
    assert page.text == "Kerja sama\nBandung\n\nKawasaki"
    assert page.confidence == pytest.approx((90 * 5 + 80 * 4 + 100 * 7 + 50 * 8) / 24 / 100, abs=1e-3)


def test_table_rows_name_their_columns_and_carry_the_caption() -> None:
    rows = [["Program", "Tahun"], ["Eco-town", "2017"], ["", ""], ["Bank sampah", ""]]
    assert table_lines(rows, "Tabel 1") == [
        "Tabel 1 — Program: Eco-town; Tahun: 2017.",
        "Tabel 1 — Program: Bank sampah.",
    ]


def test_merged_cells_are_said_once_and_single_row_tables_listed() -> None:
    assert table_lines([["Kota", "Kota"], ["Bandung", "Bandung"]]) == ["Kota: Bandung."]
    assert table_lines([["Bandung", "Kawasaki"]]) == ["Bandung; Kawasaki."]
