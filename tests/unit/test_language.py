"""Indonesian or English, for passages and for short questions."""

from __future__ import annotations

import pytest

from knowledge.language import detect_language, detect_query_language, settle_cjk, title_in


@pytest.mark.parametrize(
    "question",
    [
        "hambatan apa saja?",
        "Apa kekuatan kerja sama ini?",
        "peluangnya?",
        "kapan MoU ditandatangani?",
        "Bagaimana pengelolaan sampah di Bandung?",
        "Siapa Oded M. Danial?",
        "ancaman",
        "apa itu JICA",
    ],
)
def test_indonesian_questions(question: str) -> None:
    assert detect_query_language(question) == "id"


@pytest.mark.parametrize(
    "question",
    [
        "What obstacles?",
        "strengths",
        "weaknesses?",
        "Who signed the MoU?",
        "How is waste managed in Bandung?",
        "What are the opportunities of the partnership?",
        "list the threats",
    ],
)
def test_english_questions(question: str) -> None:
    assert detect_query_language(question) == "en"


@pytest.mark.parametrize("question", ["SWOT?", "JICA", "COVID-19", "MoU 2016?", "", "?!", "2016"])
def test_undecidable_questions_default_to_english(question: str) -> None:
    assert detect_query_language(question) == "en"


def test_passages_in_both_languages() -> None:
    assert (
        detect_language("Penelitian ini menggunakan pendekatan kualitatif dengan metode studi literatur.")
        == "id"
    )
    assert detect_language("This study used a qualitative approach with a literature review method.") == "en"


def test_malay_counts_as_indonesian() -> None:
    malay = (
        "Kerajaan negeri akan memastikan pengurusan sisa pepejal dilaksanakan dengan lebih cekap tahun ini."
    )
    assert detect_language(malay) == "id"


def test_short_passages_use_the_cue_words() -> None:
    assert detect_language("Hambatan utama:") == "id"
    assert detect_language("Main obstacles:") == "en"


def test_only_two_codes_are_ever_returned_for_latin_text_and_questions() -> None:
    for text in ["Bonjour tout le monde", "12345", "", "Guten Tag, wie geht es?"]:
        assert detect_language(text) in {"id", "en"}
    for text in ["Bonjour tout le monde", "川崎市", "12345", "", "Guten Tag, wie geht es?"]:
        assert detect_query_language(text) in {"id", "en"}


def test_a_passage_written_in_cjk_is_japanese_or_chinese() -> None:
    # A Kawasaki City report: the model, which knows only Indonesian and English, called it Indonesian, so it
    # was judged as sharing the Indonesian questions' language and keywords.
    assert detect_language("川崎市はJICA草の根技術協力事業として、バンドン市の廃棄物管理を支援した。") == "ja"
    assert detect_language("川崎市与万隆市于2016年签署了合作备忘录。") == "zh"
    # An English note quoting a Japanese title stays English.
    note = ('On 18 February 2016 Bandung and Kawasaki signed their first MoU, the "MoU on inter-city '
            'collaboration" (低炭素で持続可能な都市形成に向けた都市間連携に関する覚書).')
    assert detect_language(note) == "en"


def test_kanji_only_passages_of_a_japanese_document_are_japanese() -> None:
    # "川崎市環境局" has no kana: alone it reads as Chinese, in a Kawasaki report it is Japanese.
    assert settle_cjk(["ja", "zh", "en", "ja"]) == ["ja", "ja", "en", "ja"]
    # A Chinese document keeps its Chinese, a document with no Japanese everything.
    assert settle_cjk(["zh", "zh", "ja"]) == ["zh", "zh", "ja"]
    assert settle_cjk(["zh", "en"]) == ["zh", "en"] and settle_cjk([]) == []


@pytest.mark.parametrize(
    ("question", "language"),
    [
        # Titles and names in the other language do not outvote the question word that opens the question.
        ("Kapan novel We Need to Talk About Kevin dirilis?", "id"),
        ("Siapakah pemeran utama The Longest Ride?", "id"),
        ("Di mana kantor Japan International Cooperation Agency?", "id"),
        ("berapakah anggota International Institute for Democracy and Electoral Assistance?", "id"),
        ("What does kerja sama antar kota mean?", "en"),
        ("Who leads Dinas Lingkungan Hidup dan Kebersihan?", "en"),
    ],
)
def test_the_opening_question_word_decides(question: str, language: str) -> None:
    assert detect_query_language(question) == language


@pytest.mark.parametrize("question", ["川崎市とバンドンの協力はいつ始まりましたか？", "バンドン", "ما هو التعاون؟"])
def test_a_question_in_neither_language_is_answered_in_english(question: str) -> None:
    # The model knows only Indonesian and English, and called the Japanese question Indonesian at 0.97.
    assert detect_query_language(question) == "en"


@pytest.mark.parametrize(
    ("passage", "language"),
    [
        # English notes that cite an Indonesian headline, or list places by name, were read as Indonesian.
        ('Japanese Ambassador Kanasugi said on 3 February 2022 that Bandung was the Indonesian city most actively '
         'cooperating with Japanese cities (Source: Patroli Cyber, patrolicyber.com "Yana berharap kerja sama Kota '
         'Bandung dan Jepang bisa ditingkatkan", 3 Feb 2022).', "en"),
        ("Bandung's eight model kelurahan for waste management in 2020 were Sukamiskin, Sukaluyu, Gempolsari, "
         "Cihaurgeulis, Mengger, Neglasari, Babakansari and Sukaasih.", "en"),
        ("Sektor industri menyumbang 75,9% emisi CO2 Kota Kawasaki (Sumber: Japan for Sustainability, "
         "japanfs.org/en/news/archives/news_id030555.html, 25 Januari 2011).", "id"),
        ('Direktur PD Kebersihan menyatakan bahwa kerja sama sudah berjalan tiga tahun (Sumber: BDG Today, '
         '"Bandung and Kawasaki Support the Clean Citarum Programme", 30 Januari 2019).', "id"),
    ],
)
def test_names_titles_and_addresses_do_not_decide_a_passage_language(passage: str, language: str) -> None:
    assert detect_language(passage) == language


STUDY_TITLE = (
    "Hambatan dan Peluang Kerja Sama Sister City Kota Bandung–Kota Kawasaki 2017–2020 (abstrak penelitian)"
    " / Obstacles and Opportunities in the Bandung–Kawasaki Sister City Cooperation 2017–2020 (study abstract)"
)


def test_a_two_language_title_is_given_in_the_readers_language() -> None:
    indonesian, english = STUDY_TITLE.split(" / ")
    assert title_in(STUDY_TITLE, "id") == indonesian
    assert title_in(STUDY_TITLE, "en") == english
    # English first works alike.
    assert title_in(f"{english} / {indonesian}", "id") == indonesian


@pytest.mark.parametrize("title", [
    "Kronologi Kerja Sama Bandung–Kawasaki (2004–2026)",  # one language
    "Kerja sama Bandung / Kawasaki",  # a slash inside one language's title
    "Laporan Tahunan / Annual Report",  # halves too short to tell apart
    "Pengelolaan sampah Kota Bandung / Pengelolaan sampah Kota Cimahi",  # both Indonesian
    "Input / Output / Annual Report of the City",  # not two halves
])
def test_any_other_title_stays_whole(title: str) -> None:
    assert title_in(title, "en") == title_in(title, "id") == title
