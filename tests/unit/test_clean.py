"""Cleaning PDF-extracted text back into sentences and paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.clean import clean_text

SEED = Path(__file__).resolve().parents[2] / "knowledge" / "sources" / "study-abstract.txt"


@pytest.fixture(scope="module")
def seed_paragraphs() -> list[str]:
    return clean_text(SEED.read_text(encoding="utf-8")).split("\n\n")


def test_seed_cleans_into_the_two_abstracts(seed_paragraphs: list[str]) -> None:
    assert len(seed_paragraphs) == 2
    indonesian, english = seed_paragraphs
    assert indonesian.startswith("Penelitian ini dilatarbelakangi oleh adanya kesenjangan")
    assert indonesian.endswith("yang lebih terstruktur di masa mendatang.")
    assert english.startswith("This study was motivated by the gap")
    assert english.endswith("more structured collaborative strategies in the future.")


def test_seed_rejoins_words_split_across_lines(seed_paragraphs: list[str]) -> None:
    indonesian, english = seed_paragraphs
    assert "periode 2017–2020. Meskipun" in indonesian
    assert "kerja sama Sister City Bandung–Kawasaki, sekaligus" in indonesian
    assert "Sister City Bandung–Kawasaki memiliki kekuatan" in indonesian
    assert "the 2017–2020 period" in english
    assert "the Bandung–Kawasaki Sister City cooperation" in english


def test_seed_paragraphs_are_single_spaced_lines(seed_paragraphs: list[str]) -> None:
    for paragraph in seed_paragraphs:
        assert "\n" not in paragraph
        assert "  " not in paragraph
        assert paragraph == paragraph.strip()


def test_double_spaced_lines_join_with_a_space() -> None:
    raw = "\n\n".join(
        [
            "Penelitian ini dilatarbelakangi oleh adanya kesenjangan antara komitmen kerja sama ",
            "Kota Bandung dan Kota Kawasaki dengan realitas implementasinya pada periode yang ",
            "panjang dan penuh dengan tantangan bagi pemerintah daerah kedua kota tersebut. ",
            "Meskipun kedua kota telah menandatangani MoU dan menegaskan fokus pada bidang ",
            "pengelolaan lingkungan, khususnya pengelolaan sampah, berbagai hambatan muncul ",
            "dalam pelaksanaannya sehingga kerja sama tidak berjalan optimal sampai sekarang.",
        ]
    )
    cleaned = clean_text(raw)
    assert "\n" not in cleaned
    assert "kerja sama Kota Bandung" in cleaned
    assert "kota tersebut. Meskipun" in cleaned


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("program kerja-\nsama kota", "program kerjasama kota"),  # a break inside a lower-case word
        ("proses pengelo-\nlaan sampah", "proses pengelolaan sampah"),
        ("kota-\nkota besar", "kota-kota besar"),  # reduplication keeps its hyphen
        ("bekerja bersama-\nsama", "bekerja bersama-sama"),
        ("Sister City Bandung-\nKawasaki", "Sister City Bandung-Kawasaki"),  # capital after the break
        ("pandemi COVID-\n19 melanda", "pandemi COVID-19 melanda"),
        ("kapasitas SDM-\nnya rendah", "kapasitas SDM-nya rendah"),  # word before the break is not lower case
        ("a well-known fact, well-\nknown", "a well-known fact, well-known"),  # seen hyphenated on the page
        ("periode 2017–\n\n2020 ini", "periode 2017–2020 ini"),  # en dash joins without a space
        ("periode 2017– \n\n2020 ini", "periode 2017–2020 ini"),
        ("kota —\nyang besar", "kota — yang besar"),  # a spaced dash is punctuation
        ("kerja\u00ad\nsama", "kerjasama"),  # soft hyphen
        ("kerja\u00adsama kota", "kerjasama kota"),
    ],
)
def test_line_end_hyphens_and_dashes(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_unicode_is_normalised() -> None:
    assert clean_text("cafe\u0301") == "café"  # NFC
    assert clean_text("kerja\u00a0sama\u2009kota\u200b") == "kerja sama kota"
    assert clean_text("e\ufb03cient \ufb01le") == "efficient file"
    assert clean_text("satu\r\ndua\rtiga") == "satu dua tiga"


def test_blank_lines_are_paragraph_breaks_in_ordinary_text() -> None:
    raw = "Paragraf pertama berakhir di sini.\n\nParagraf kedua juga.\nMasih paragraf kedua.\n"
    assert (
        clean_text(raw) == "Paragraf pertama berakhir di sini.\n\nParagraf kedua juga. Masih paragraf kedua."
    )


def test_indented_line_after_a_sentence_starts_a_paragraph() -> None:
    raw = "Kalimat pertama berakhir.\nlanjutan tidak mungkin.\nKalimat terakhir.\n   This starts anew."
    assert clean_text(raw) == (
        "Kalimat pertama berakhir. lanjutan tidak mungkin. Kalimat terakhir.\n\nThis starts anew."
    )


def test_list_items_and_headings_stay_apart() -> None:
    raw = "Hambatan utama:\n• keterbatasan anggaran\n• minimnya SDM\n1. koordinasi\n2. bahasa"
    assert clean_text(raw).split("\n\n") == [
        "Hambatan utama:",
        "• keterbatasan anggaran",
        "• minimnya SDM",
        "1. koordinasi",
        "2. bahasa",
    ]


def test_number_at_line_start_mid_sentence_is_not_a_list() -> None:
    assert (
        clean_text("MoU ditandatangani pada\n18. Februari 2016")
        == "MoU ditandatangani pada 18. Februari 2016"
    )


def test_abbreviation_at_line_end_does_not_end_a_paragraph() -> None:
    lines = [f"baris nomor {i} yang terpotong di tengah kalimat panjang tanpa akhir" for i in range(6)]
    raw = "\n\n".join([*lines, "dipimpin oleh Dr.", "Ridwan Kamil sebagai wali kota."])
    assert "\n" not in clean_text(raw)


def test_page_numbers_at_page_edges_are_dropped() -> None:
    assert clean_text("12\nIsi halaman ini.\n- 13 -") == "Isi halaman ini."
    assert clean_text("Halaman 7\nIsi halaman ini.") == "Isi halaman ini."


def test_a_heading_stands_alone_where_the_text_has_no_blank_lines() -> None:
    # pypdf gives no blank lines: the heading was glued to the sentence before it ("… media lokal. Metode").
    raw = ("Data diperoleh dari wawancara dengan pejabat dinas, laporan kegiatan, dan pemberitaan\n"
           "media lokal.\nMetode\nPenelitian ini memakai pendekatan kualitatif deskriptif. Informan dipilih\n"
           "secara purposif dari unsur dinas lingkungan hidup dan pengurus bank sampah.\nDAFTAR PUSTAKA\n"
           "Rahma, S. (2020). Hambatan Kerja Sama Sister City. Jurnal Hubungan Internasional, 9(1).")
    assert clean_text(raw).split("\n\n") == [
        "Data diperoleh dari wawancara dengan pejabat dinas, laporan kegiatan, dan pemberitaan media lokal.",
        "Metode",
        "Penelitian ini memakai pendekatan kualitatif deskriptif. Informan dipilih secara purposif dari unsur dinas "
        "lingkungan hidup dan pengurus bank sampah.",
        "DAFTAR PUSTAKA",
        "Rahma, S. (2020). Hambatan Kerja Sama Sister City. Jurnal Hubungan Internasional, 9(1).",
    ]
    # A short line continuing a sentence, or followed by one in lower case, is no heading.
    assert "\n" not in clean_text("Kerja sama dimulai pada tahun 2016 dengan penandatanganan nota kesepahaman.\n"
                                  "Bandung dan Kawasaki\nmenyepakati fokus pada pengelolaan sampah kota.")


def test_roman_page_numbers_of_the_front_matter_are_dropped_but_not_words() -> None:
    assert clean_text("iv\nKata pengantar penulis.\nxii") == "Kata pengantar penulis."
    assert clean_text("Isi halaman ini yang panjang.\nCivil") == "Isi halaman ini yang panjang. Civil"
    assert clean_text("I\nIsi halaman ini.") == "I\n\nIsi halaman ini."  # kept, as a heading


def test_contents_and_index_lines_with_dot_leaders_are_dropped() -> None:
    raw = ("DAFTAR ISI\nBAB I PENDAHULUAN .............................. 1\n1.1 Latar Belakang . . . . . . . . . 2\n"
           ". . . . . . . . . . . . . 3 2.1 Naming . . . . . . .\n\nKerja sama dimulai pada 2016... lalu berlanjut.")
    assert clean_text(raw) == "DAFTAR ISI\n\nKerja sama dimulai pada 2016... lalu berlanjut."


def test_a_year_ending_a_split_range_is_not_a_page_number() -> None:
    assert clean_text("pada periode 2017–\n2020") == "pada periode 2017–2020"


def test_form_feed_is_a_paragraph_break() -> None:
    assert clean_text("Halaman satu.\fHalaman dua.") == "Halaman satu.\n\nHalaman dua."


@pytest.mark.parametrize("raw", ["", "   ", "\n\n\t\n", "\f"])
def test_blank_input_gives_empty_text(raw: str) -> None:
    assert clean_text(raw) == ""
