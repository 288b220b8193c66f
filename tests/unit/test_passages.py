"""Sentences and passages: offsets, pages, paragraph limits, sizes and languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.clean import clean_text
from ingest.passages import PassageDraft, split_passages, split_sentences
from ingest.pipeline import document_language
from knowledge.language import detect_language

SEED = Path(__file__).resolve().parents[2] / "knowledge" / "sources" / "study-abstract.txt"


@pytest.fixture(scope="module")
def seed_text() -> str:
    return clean_text(SEED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_passages(seed_text: str) -> list[PassageDraft]:
    return split_passages([(1, seed_text)])


def _sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def test_seed_offsets_are_exact(seed_text: str, seed_passages: list[PassageDraft]) -> None:
    for passage in seed_passages:
        assert seed_text[passage.start : passage.end] == passage.text
        assert passage.page == 1
        assert passage.text == passage.text.strip()


def test_seed_passages_are_the_abstract_sentences(seed_text: str, seed_passages: list[PassageDraft]) -> None:
    # No seed sentence is under min_chars, so every sentence is a passage of its own.
    assert [p.text for p in seed_passages] == _sentences(seed_text)
    assert len(seed_passages) == 20
    assert all(len(p.text) <= 600 for p in seed_passages)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("Hasil penelitian menunjukkan bahwa", "dalam pengelolaan lingkungan."),
        ("Peluang juga terbuka melalui", "dari lembaga seperti JICA."),
        ("Namun demikian, kerja sama menghadapi", "seperti pandemi COVID-19."),
        ("The results showed that", "technical experience in environmental management."),
        ("Opportunities also emerged through", "from institutions such as JICA."),
        ("However, the cooperation faced", "challenges such as the COVID-19 pandemic."),
    ],
)
def test_each_key_finding_is_its_own_passage(seed_passages: list[PassageDraft], start: str, end: str) -> None:
    matching = [p for p in seed_passages if start in p.text]
    assert len(matching) == 1
    assert matching[0].text.startswith(start)
    assert matching[0].text.endswith(end)


def test_seed_languages_id_then_en(seed_passages: list[PassageDraft]) -> None:
    assert [p.language for p in seed_passages] == ["id"] * 10 + ["en"] * 10


def test_pages_are_kept_and_never_crossed() -> None:
    pages: list[tuple[int | None, str]] = [
        (3, "Kerja sama Bandung dan Kawasaki dimulai dari forum eko-bisnis di Kawasaki pada tahun 2007."),
        (4, "The cooperation continued with a memorandum of understanding signed in February 2016."),
        (None, "Teks tanpa nomor halaman yang cukup panjang untuk berdiri sendiri sebagai satu bagian."),
    ]
    passages = split_passages(pages)
    assert [p.page for p in passages] == [3, 4, None]
    for passage, (_, text) in zip(passages, pages, strict=True):
        assert text[passage.start : passage.end] == passage.text == text


def test_passages_never_cross_paragraphs() -> None:
    text = "Pendek.\n\nParagraf kedua ini berisi satu kalimat saja. Lalu kalimat berikutnya."
    passages = split_passages([(1, text)])
    assert "Pendek." in [p.text for p in passages]
    assert all("\n" not in p.text for p in passages)


def test_short_sentences_merge_with_the_next_in_their_paragraph() -> None:
    first = "Namun demikian. Kerja sama menghadapi hambatan berupa keterbatasan anggaran dan SDM."
    second = "Koordinasi lintas instansi juga belum optimal sehingga program berjalan lambat. Itu saja."
    passages = split_passages([(1, f"{first} {second}")], min_chars=80)
    # The short lead-in joins the sentence after it; the short tail joins the sentence before it.
    assert [p.text for p in passages] == [first, second]


def test_long_sentence_is_cut_at_clause_boundaries_never_mid_word() -> None:
    clauses = [f"klausa nomor {i} membahas pengelolaan sampah kota secara rinci" for i in range(30)]
    text = ", ".join(clauses) + "."
    passages = split_passages([(1, text)], max_chars=300, min_chars=80)
    assert len(passages) > 1
    assert all(len(p.text) <= 300 for p in passages)
    assert all(text[p.start : p.end] == p.text for p in passages)
    for passage in passages[:-1]:
        assert passage.text.endswith(",")  # cut right after a clause
    # Together the pieces cover the sentence, only the spaces between pieces left out.
    assert " ".join(p.text for p in passages) == text


def test_long_sentence_without_clauses_is_cut_at_a_space() -> None:
    text = " ".join(["kata"] * 200) + "."
    passages = split_passages([(1, text)], max_chars=100, min_chars=10)
    assert all(len(p.text) <= 100 for p in passages)
    assert all(set(p.text.rstrip(".").split()) == {"kata"} for p in passages)


def test_a_single_word_longer_than_the_limit_is_kept_whole() -> None:
    word = "x" * 120
    passages = split_passages([(1, word)], max_chars=100, min_chars=10)
    assert [p.text for p in passages] == [word]


def test_japanese_paragraphs_are_passages_of_their_own() -> None:
    # A Kawasaki report in Japanese: its sentences end in 。, so its lines are no wrapped lines of one
    # paragraph (the cleaner joined the whole file into one passage), and a long sentence is cut after a 、.
    raw = "川崎市とバンドン市は2016年2月18日に覚書を締結した。\n\n川崎市はバンドン市の廃棄物管理を支援した。\n"
    passages = split_passages([(1, clean_text(raw))], min_chars=10)
    assert [p.text for p in passages] == ["川崎市とバンドン市は2016年2月18日に覚書を締結した。",
                                         "川崎市はバンドン市の廃棄物管理を支援した。"]
    long = "、".join(["川崎市はバンドン市の廃棄物管理を支援した"] * 20) + "。"
    pieces = split_passages([(1, long)], max_chars=100, min_chars=10)
    assert len(pieces) > 1 and all(len(p.text) <= 100 for p in pieces)
    assert all(p.text.endswith(("、", "。")) for p in pieces)


def test_a_kanji_heading_of_a_japanese_report_is_japanese() -> None:
    raw = ("川崎市環境局国際協力課\n\n川崎市とバンドン市は2016年2月18日に覚書を締結した。\n\n"
           "川崎市はバンドン市の廃棄物管理を支援した。\n")
    passages = split_passages([(1, clean_text(raw))], min_chars=10)
    assert detect_language("川崎市環境局国際協力課") == "zh"  # alone, nothing tells
    assert [p.language for p in passages] == ["ja"] * len(passages) and len(passages) >= 2


def test_empty_pages_give_no_passages() -> None:
    assert split_passages([(1, ""), (2, "   \n\n ")]) == []


def test_each_passage_gets_a_language() -> None:
    passages = split_passages(
        [
            (1, "Pemerintah daerah berperan penting dalam mendukung efektivitas kerja sama ini."),
            (2, "Local governments play an important role in supporting the partnership."),
        ]
    )
    assert [p.language for p in passages] == ["id", "en"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kota ini bersih. Kota itu juga.", ["Kota ini bersih.", "Kota itu juga."]),
        ("Apa hambatannya? Anggaran! Lalu SDM…", ["Apa hambatannya?", "Anggaran!", "Lalu SDM…"]),
        (
            "Ada kertas, plastik, dll. yang dipilah. Lalu dijual.",
            ["Ada kertas, plastik, dll. yang dipilah.", "Lalu dijual."],
        ),
        ("Ada kertas, plastik, dsb. Semua dipilah.", ["Ada kertas, plastik, dsb.", "Semua dipilah."]),
        ("Dr. Ridwan Kamil hadir. Prof. Budi juga.", ["Dr. Ridwan Kamil hadir.", "Prof. Budi juga."]),
        ("Biayanya Rp. 117 miliar. Sudah disetujui.", ["Biayanya Rp. 117 miliar.", "Sudah disetujui."]),
        ("Lihat No. 5 di daftar. Selesai.", ["Lihat No. 5 di daftar.", "Selesai."]),
        ("Naik 3.5 persen. Turun 2,1 persen.", ["Naik 3.5 persen.", "Turun 2,1 persen."]),
        ("Oded M. Danial pergi. Ia kembali.", ["Oded M. Danial pergi.", "Ia kembali."]),
        (
            "Some cities, e.g. Kawasaki, help. Others i.e. none.",
            ["Some cities, e.g. Kawasaki, help.", "Others i.e. none."],
        ),
        (
            "Funds came from the U.S. Government too. Fine.",
            ["Funds came from the U.S. Government too.", "Fine."],
        ),
        ("He said “Stop.” Then he left.", ["He said “Stop.”", "Then he left."]),
        ("1. Pendahuluan berisi latar belakang.", ["1. Pendahuluan berisi latar belakang."]),
        ("Satu baris\nbaris lain.", ["Satu baris", "baris lain."]),
        ("Tanpa titik di akhir", ["Tanpa titik di akhir"]),
        # Japanese writes no space after 。！？, and a closing bracket stays with its sentence.
        ("両市は覚書を締結した。事業費は6000万円だった！市長は「支援する。」",
         ["両市は覚書を締結した。", "事業費は6000万円だった！", "市長は「支援する。」"]),
        ("", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


def test_sentence_spans_are_trimmed_offsets() -> None:
    text = "  Kalimat satu.   Kalimat dua.  "
    assert split_sentences(text) == [(2, 15), (18, 30)]


def test_a_heading_opens_the_passage_of_the_paragraph_it_titles() -> None:
    text = ("Data diperoleh dari wawancara dengan pejabat dinas dan pemberitaan media lokal.\n\nKesimpulan\n\n"
            "Pelatihan di Kawasaki memberi bekal teknis yang berguna bagi aparatur Bandung. Anggaran rutin perlu.")
    passages = split_passages([(3, text)])
    assert [p.text for p in passages] == [
        "Data diperoleh dari wawancara dengan pejabat dinas dan pemberitaan media lokal.",
        "Kesimpulan\n\nPelatihan di Kawasaki memberi bekal teknis yang berguna bagi aparatur Bandung. Anggaran rutin "
        "perlu.",
    ]
    assert all(text[p.start : p.end] == p.text and p.page == 3 for p in passages)
    # Two headings in a row open it together.
    chained = split_passages([(1, "BAB II\n\nTINJAUAN PUSTAKA\n\nParadiplomasi adalah kerja sama luar negeri oleh "
                                  "pemerintah daerah.")])
    assert [p.text for p in chained] == [
        "BAB II\n\nTINJAUAN PUSTAKA\n\nParadiplomasi adalah kerja sama luar negeri oleh pemerintah daerah."]


def test_list_items_titles_and_a_heading_with_nothing_after_it_stay_alone() -> None:
    listed = "Hambatannya adalah sebagai berikut:\n\nKeterbatasan anggaran\n\nMinimnya SDM kompeten\n\nPerbedaan bahasa"
    assert [p.text for p in split_passages([(1, listed)], min_chars=10)] == [
        "Hambatannya adalah sebagai berikut:", "Keterbatasan anggaran", "Minimnya SDM kompeten", "Perbedaan bahasa"]
    titled = "Laporan Kunjungan\n\nDelegasi Bandung belajar pengomposan di Kawasaki pada tahun 2019 bersama JICA."
    assert [p.text for p in split_passages([(1, titled)], standalone={"laporan kunjungan"})] == [
        "Laporan Kunjungan", "Delegasi Bandung belajar pengomposan di Kawasaki pada tahun 2019 bersama JICA."]
    assert [p.text for p in split_passages([(1, "Kalimat terakhir halaman ini sudah selesai.\n\nLampiran")])] == [
        "Kalimat terakhir halaman ini sudah selesai.", "Lampiran"]
    long = "Metode\n\n" + "Penelitian ini memakai pendekatan kualitatif dengan wawancara mendalam. " * 2
    assert next(p.text for p in split_passages([(1, long)], max_chars=150)) == "Metode"


def test_a_document_is_in_its_passages_language_or_two_of_them() -> None:
    assert document_language(["id"] * 3 + ["en"]) == "id+en"
    assert document_language(["en"] * 3 + ["id"]) == "id+en"
    # A Japanese report with an English summary: not "id+en".
    assert document_language(["ja"] * 3 + ["en"]) == "en+ja"
    assert document_language(["ja"] * 9 + ["en"]) == "ja"
    assert document_language([]) == "en"
