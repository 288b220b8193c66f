"""Question intent and SWOT factors/labels, in both languages, without a model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge.swot import (
    _negated,
    asks_plain_overview,
    category_scores,
    extract_factors,
    factor_spans,
    lexicon,
    overview_subject,
    question_categories,
)

DATA = Path(__file__).resolve().parents[1] / "data"
ALL = ["strength", "weakness", "opportunity", "threat"]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Apa saja hambatan kerja sama Bandung–Kawasaki?", ["weakness", "threat"]),
        ("Kendala apa yang dihadapi?", ["weakness", "threat"]),
        ("What obstacles did the cooperation face?", ["weakness", "threat"]),
        ("What challenges remain?", ["weakness", "threat"]),
        ("Apa peluang kerja sama ini?", ["opportunity"]),
        ("What opportunities does the partnership offer?", ["opportunity"]),
        ("Bagaimana analisis SWOT kerja sama ini?", ALL),
        ("Give me the SWOT of the partnership", ALL),
        ("Kapan MoU ditandatangani?", []),
        ("What method did the study use?", []),
        # Verbs made from a cue's root with an Indonesian prefix.
        ("Siapa yang berpotensi mendanai kerja sama ini?", ["opportunity"]),
        ("Apakah Bandung berpeluang mendapat dana JICA lagi?", ["opportunity"]),
        ("Faktor apa yang melemahkan kerja sama?", ["weakness"]),
        ("Apa yang memperkuat kerja sama ini?", ["strength"]),
        # An event cue beside a name names that event: the question asks about it, not for threats.
        ("What national law came out of the Leuwigajah disaster?", []),
        ("Undang-undang apa yang lahir setelah bencana Leuwigajah?", []),
        ("Bagaimana krisis sampah memengaruhi kerja sama?", ["threat"]),  # "Bagaimana" opens it: no name
        ("How did the COVID pandemic affect the cooperation?", ["threat"]),  # "COVID" is itself a cue
        ("What threats did the Leuwigajah disaster pose?", ["threat"]),
        # "The next phase" is what such a question is about, not a question for opportunities.
        ("Which river did the next phase of the cooperation focus on?", []),
        ("Apa rencana tahap berikutnya dari kerja sama ini?", []),
        ("Is there potential funding for a next phase of the partnership?", ["opportunity"]),
        # A time ahead in a question asking for advice says what the advice is for.
        ("Apa rekomendasi penelitian ini untuk ke depan?", []),
        ("What does the study recommend for the future?", []),
        ("Apa peluang ke depan menurut rekomendasi penelitian ini?", ["opportunity"]),  # "peluang" asks
        ("Bagaimana prospek kerja sama ke depan?", ["opportunity"]),
        ("What can the partnership gain in the future?", ["opportunity"]),
        # An overview of this partnership is its SWOT; of anything else, not.
        ("Summarize the partnership in one sentence.", ALL), ("Ceritakan tentang kerja sama ini.", ALL),
        ("Give me an overview of the Bandung–Kawasaki cooperation", ALL),
        ("Ceritakan tentang Kang Pisman", []), ("Tell me about the Bandung–Suwon partnership", []),
        # Naming no subject, it asks about all Kawan covers: this partnership.
        ("Summarize.", ALL), ("Tell me everything.", ALL), ("Apa saja yang kamu tahu?", ALL),
        ("What do you know about Python?", []), ("Everything about JICA?", []),
    ],
)
def test_question_intent(question: str, expected: list[str]) -> None:
    assert question_categories(question) == expected


def test_question_intent_labelled_set_accuracy() -> None:
    rows = [json.loads(line) for line in (DATA / "swot_questions.jsonl").read_text().splitlines() if line.strip()]
    assert len(rows) >= 60
    for lang in ("id", "en"):
        subset = [r for r in rows if r["lang"] == lang]
        right = sum(sorted(question_categories(r["question"])) == sorted(r["categories"]) for r in subset)
        assert right / len(subset) >= 0.95, lang


OBSTACLES_ID = (
    "Namun demikian, kerja sama menghadapi berbagai hambatan, termasuk keterbatasan anggaran, minimnya SDM "
    "kompeten, perbedaan budaya dan bahasa, koordinasi lintas instansi yang belum optimal, serta kendala "
    "eksternal seperti pandemi COVID-19."
)
OBSTACLES_EN = (
    "However, the cooperation faced various obstacles, including budget limitations, a lack of competent human "
    "resources, cultural and language differences, suboptimal inter-agency coordination, and external "
    "challenges such as the COVID-19 pandemic."
)


@pytest.mark.parametrize("sentence", [OBSTACLES_ID, OBSTACLES_EN])
def test_obstacle_factors_split_internal_and_external(sentence: str) -> None:
    category, _, factors = extract_factors(sentence)
    assert category == "weakness"
    assert len(factors) == 5
    assert [f.category for f in factors] == ["weakness"] * 4 + ["threat"]
    assert "COVID-19" in factors[-1].text
    for f in factors:  # each factor keeps its span for citation
        assert sentence[f.start : f.end] == f.text
    assert factors[2].text in ("perbedaan budaya dan bahasa", "cultural and language differences")


def test_strength_and_opportunity_factors() -> None:
    s = (
        "The results showed that the Bandung–Kawasaki Sister City cooperation had strengths in the form of local "
        "government commitment, national policy support, and Kawasaki City’s technical experience in "
        "environmental management."
    )
    cat, _, factors = extract_factors(s)
    assert cat == "strength"
    assert [f.text for f in factors] == [
        "local government commitment",
        "national policy support",
        "Kawasaki City’s technical experience in environmental management",
    ]
    o = (
        "Peluang juga terbuka melalui transfer teknologi, peningkatan kapasitas SDM, perluasan jejaring "
        "internasional, hingga potensi pendanaan dari lembaga seperti JICA."
    )
    cat, _, factors = extract_factors(o)
    assert cat == "opportunity"
    assert factors[-1].text == "potensi pendanaan dari lembaga seperti JICA"
    assert {f.category for f in factors} == {"opportunity"}


def test_method_sentence_mentioning_swot_is_other_and_has_no_factors() -> None:
    s = (
        "Analisis dilakukan menggunakan teori kerja sama internasional dan konsep paradiplomasi, serta diperdalam "
        "dengan analisis SWOT untuk memetakan kekuatan, kelemahan, peluang, dan ancaman dalam pelaksanaan program."
    )
    cat, _, factors = extract_factors(s)
    assert cat == "other"
    assert factors == ()


def test_source_notes_are_not_factor_lists() -> None:
    _, spans = factor_spans("Kawasaki berhasil melalui pelatihan (Sumber: a, b, c, 2016).")
    assert spans == []


def test_a_bracket_inside_the_list_stays_with_its_factor_and_the_list_goes_on() -> None:
    sentence = ("Hasil kerja sama berupa kesadaran warga, pengelolaan TPS (tempat penampungan sementara, TPS), dan "
                "rencana aksi yang lebih baik (Sumber: BDG Today, bdgtoday.com, 30 Januari 2019).")
    _, spans = factor_spans(sentence)
    assert [sentence[lo:hi] for lo, hi in spans] == [
        "kesadaran warga", "pengelolaan TPS (tempat penampungan sementara, TPS)", "rencana aksi yang lebih baik"]


def test_a_bracket_before_the_list_ends_what_is_read() -> None:
    sentence = ("The JICA project (February 2024 – February 2028) targets West Java and 6 regions, including Bandung "
                "City, ahead of the Legok Nangka plant.")
    assert factor_spans(sentence) == (len(sentence), [])


def test_negated_obstacle_is_not_a_weakness() -> None:
    cat, _, _ = extract_factors("Tidak ada kendala berarti dalam koordinasi antarinstansi selama program.")
    assert cat not in ("weakness", "threat")


@pytest.mark.parametrize("text", [
    "Tidak ada kendala berarti dalam koordinasi antarinstansi selama program.",
    "There were no major coordination problems between the city agencies during the pilot.",
    "Language never became a serious barrier, since interpreters accompanied every visit.",
])
def test_a_denied_problem_is_negated(text: str) -> None:
    assert _negated(text, lexicon())


@pytest.mark.parametrize("text", [
    # The negation denies a need (follow-up), and its clause ends at the comma before the problem.
    "The Semarang–Beihai MoU was signed in 2008 but had no follow-up, stalling over a lack of initiative.",
    "MoU Semarang–Beihai ditandatangani pada 2008 tetapi tidak ada tindak lanjutnya, dan macet karena kurangnya "
    "inisiatif.",
    "Semarang and Beihai signed a memorandum in 2008 but never followed it up for lack of initiative.",
    "Kerja sama ini tidak didukung anggaran yang memadai dari pemerintah kota.",
    # The negation is part of a problem cue.
    "Hambatannya adalah koordinasi yang belum optimal, serta kendala eksternal seperti pandemi COVID-19.",
    "Tidak ada jaminan pemerintah pusat akan terus menyetujui kerja sama luar negeri daerah.",
])
def test_a_missing_need_or_a_negative_cue_is_no_denied_problem(text: str) -> None:
    assert not _negated(text, lexicon())
    scores = category_scores(text)
    assert max(scores["weakness"], scores["threat"]) > scores["strength"], scores


def test_a_count_after_an_introductory_phrase_is_no_list_of_factors() -> None:
    sentence = ("Melalui hibah pelatihan dari Kawasaki, 10 orang dari Bandung (ASN dan warga) dilatih di Jepang "
                "dan di Bandung, dengan seluruh biaya ditanggung hibah Jepang.")
    assert factor_spans(sentence) == (len(sentence), [])
    assert extract_factors(sentence)[2] == ()
    # A real enumeration after the same intro still lists its factors.
    listed = "Peluang terbuka melalui transfer teknologi, peningkatan kapasitas SDM, dan perluasan jejaring."
    assert [listed[a:b] for a, b in factor_spans(listed)[1]] == [
        "transfer teknologi", "peningkatan kapasitas SDM", "perluasan jejaring"]


def test_without_category_words_leaves_what_else_the_question_asks_about() -> None:
    from knowledge.swot import without_category_words

    def left(q: str) -> str:
        return " ".join(without_category_words(q).split())

    assert left("Faktor eksternal apa yang memengaruhi kemitraan ini?") == "apa yang memengaruhi kemitraan ini?"
    assert left("Apa potensi pengembangan kemitraan ini di masa depan?") == "Apa pengembangan kemitraan ini di ?"
    assert left("What are the weaknesses of Python?") == "What are the of Python?"
    assert left("What threats does the partnership face?") == "What does the partnership face?"
    # Ranking words go with a category asked for, and only then.
    assert left("What are the main weaknesses?") == "What are the ?"
    assert left("What is the main road to Kawasaki?") == "What is the main road to Kawasaki?"


def test_asks_only_categories_when_nothing_but_category_and_stop_words_is_left() -> None:
    from knowledge.swot import asks_only_categories

    assert asks_only_categories("Apa ancamannya?", "id")
    assert asks_only_categories("What are the strengths?", "en")
    assert asks_only_categories("Apa saja kelemahan dan peluangnya?", "id")
    assert asks_only_categories("What are the main weaknesses?", "en")
    assert asks_only_categories("Apa kelemahan terbesar kerja sama ini?", "id") is False  # "kerja sama" is left
    assert not asks_only_categories("What threats does the partnership face?", "en")
    assert not asks_only_categories("Kapan MoU pertama ditandatangani?", "id")  # no category at all


def test_kurangi_reduce_is_not_the_weakness_cue_kurang_lacking() -> None:
    # "kurang" (lacking) is a weakness cue, and its inflections count ("kurangnya"); "Kurangi" (reduce!), the
    # first word of Bandung's Kang Pisman motto, is another word: it made the motto's definition a weakness.
    motto = "Kang Pisman adalah singkatan dari Kurangi, Pisahkan, Manfaatkan (KurANGi, PISahkan, MANfaatkan)."
    assert category_scores(motto)["weakness"] == 0
    assert category_scores("Kerja sama ini kurangnya dukungan anggaran.")["weakness"] > 0


def test_the_study_s_method_sentence_names_swot_and_a_finding_does_not() -> None:
    from knowledge.swot import names_swot

    assert names_swot("The analysis … was strengthened by a SWOT analysis to map strengths, weaknesses, "
                      "opportunities, and threats in program implementation.")
    assert names_swot("… diperdalam dengan analisis SWOT untuk memetakan kekuatan, kelemahan, peluang, dan ancaman")
    assert not names_swot("However, the cooperation faced various obstacles, including budget limitations …")


@pytest.mark.parametrize(
    ("question", "plain"),
    [("Summarize.", True), ("Tell me everything.", True), ("Ringkasan?", True), ("Ceritakan semuanya.", True),
     ("Give me a short overview, please.", True),
     ("Summarize the partnership.", False),  # names its subject: searched as typed
     ("Tell me about Kang Pisman.", False), ("What are the threats?", False)],
)
def test_an_overview_naming_no_subject_is_told_apart(question: str, plain: bool) -> None:
    assert asks_plain_overview(question) is plain


def test_a_plain_overview_is_searched_with_the_partnership_named_in_its_language() -> None:
    assert overview_subject("Summarize.", "en") == (
        "Summarize: strengths, weaknesses, opportunities and threats of the Bandung–Kawasaki partnership")
    assert overview_subject("Ceritakan semuanya.", "id") == (
        "Ceritakan semuanya: kekuatan, kelemahan, peluang, dan ancaman kerja sama Bandung–Kawasaki")
