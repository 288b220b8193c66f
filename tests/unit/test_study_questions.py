"""Which questions refer to the study itself (prompts/study.json), and what they ask of it."""

from __future__ import annotations

import pytest

from knowledge.study_questions import (
    asked_aspect,
    asks_about_study,
    asks_when,
    aspect_words,
    gives_aspect,
    mentions_conclusion,
    names_year,
    without_study_words,
)


@pytest.mark.parametrize(
    "question",
    ["Teori apa yang dipakai penelitian ini?", "Periode apa yang diteliti?", "Metode apa yang dipakai peneliti?",
     "Which years does the study cover?", "What did the researchers conclude?", "Apa  kesimpulan  STUDI INI?"],
)
def test_a_question_that_names_the_study_refers_to_it(question: str) -> None:
    assert asks_about_study(question)


@pytest.mark.parametrize(
    "question",
    # "penelitian terdahulu" is earlier research; "peneliti" is not inside "penelitian"; "study" alone is a verb.
    # A thesis chapter a background note cites is another document.
    ["Apa hasil penelitian terdahulu?", "Kapan MoU ditandatangani?", "What did the students study?",
     "Siapa wali kota Bandung?", "What areas does the cooperation cover according to the thesis chapter?",
     "Apa kata bab skripsi ini tentang JCM?"],
)
def test_other_questions_do_not(question: str) -> None:
    assert not asks_about_study(question)


def test_what_a_question_asks_of_the_study_is_the_rest() -> None:
    assert without_study_words("Teori apa yang dipakai penelitian ini?") == "Teori apa yang dipakai ?"
    assert without_study_words("Which years does The Study cover in Bandung?") == "Which years does cover in Bandung?"


@pytest.mark.parametrize(
    ("question", "when"),
    [("Which years does the study look at?", True), ("When was this research conducted?", True),
     ("Tahun berapa saja yang dikaji penelitian ini?", True), ("Kapan  penelitian ini dilakukan?", True),
     ("Periode apa yang diteliti?", True), ("Teori apa yang dipakai penelitian ini?", False),
     # Whole words only: "whenever" and "tahunan" (yearly) do not ask for a time.
     ("Whenever the study is cited, who reads it?", False), ("Apa laporan tahunan penelitian ini?", False)],
)
def test_a_question_asks_for_a_time_in_either_language(question: str, when: bool) -> None:
    assert asks_when(question) is when


@pytest.mark.parametrize(
    ("text", "named"),
    [("… during the 2017–2020 period.", True), ("In FY2014–FY2015 Kawasaki …", True), ("since 1987", True),
     ("MoU signed on 24 May 1960", True), ("about 1,500 tonnes a day", False), ("Rp117 billion", False),
     ("2.800 hektare", False), ("a budget of 20170 yen", False), ("qualitative, Miles and Huberman", False)],
)
def test_a_year_is_named_alone_or_in_a_span_and_other_numbers_are_not(text: str, named: bool) -> None:
    assert names_year(text) is named


@pytest.mark.parametrize(
    "text",
    ["What does the study recommend?", "Apa rekomendasi penelitian ini?", "Apa  kesimpulan  penelitian ini?",
     "What did the researchers conclude?", "Saran apa yang diberikan penelitian ini?",
     "Penelitian ini menyimpulkan bahwa keberlanjutan kerja sama membutuhkan penguatan kelembagaan.",
     "This study concluded that the sustainability of the cooperation required institutional strengthening."],
)
def test_a_conclusion_or_recommendation_is_named_in_either_language(text: str) -> None:
    assert mentions_conclusion(text)


@pytest.mark.parametrize(
    "text",
    # "saran" is not inside "sasaran" (target); the method and aim sentences name no conclusion.
    ["Apa sasaran penelitian ini?", "Which years does the study cover?",
     "Penelitian ini menggunakan pendekatan kualitatif dengan metode studi literatur."],
)
def test_other_texts_do_not(text: str) -> None:
    assert not mentions_conclusion(text)


def test_the_words_asking_for_a_conclusion_are_named_one_by_one() -> None:
    assert aspect_words("What does the study recommend?") == {"recommend"}
    assert aspect_words("Apa  Kesimpulan dan saran penelitian ini?") == {"kesimpulan", "saran"}
    assert aspect_words("Which years does the study cover?") == set()


@pytest.mark.parametrize(
    ("question", "aspect"),
    [("Apa rekomendasi ?", "conclusion"), ("What did conclude?", "conclusion"),
     ("Dari mana mengambil datanya?", "sources"), ("Data diambil dari mana saja?", "sources"),
     ("What sources does draw on?", "sources"), ("Apa sumber data ?", "sources"),
     # "sumber" alone asks about funding, a year asks for a time, a method for the method.
     ("Apa sumber pendanaan menurut ?", None), ("Which years does cover?", None), ("Metode apa yang dipakai ?", None),
     ("How did analyse their data?", None), ("Bagaimana data dianalisis dalam ?", None),
     ("Where does get its data?", "sources"), ("What data did use?", "sources")],
)
def test_what_a_question_asks_of_the_study(question: str, aspect: str | None) -> None:
    assert asked_aspect(question) == aspect


@pytest.mark.parametrize(
    ("aspect", "text", "gives"),
    [("sources", "Penelitian ini menggunakan pendekatan kualitatif dengan metode studi literatur (library "
                 "research) yang bersumber dari jurnal ilmiah, laporan resmi pemerintah …", True),
     ("sources", "This study used a qualitative approach with a literature review method based on academic "
                 "journals, official government reports …", True),
     # "Based on this condition" opens the aim sentence: no source named.
     ("sources", "Based on this condition, this study aimed to analyze the obstacles …", False),
     ("conclusion", "This study concluded that the sustainability of the cooperation required …", True),
     ("conclusion", "This study used a qualitative approach …", False)],
)
def test_a_study_passage_gives_an_aspect_by_its_own_words(aspect: str, text: str, gives: bool) -> None:
    assert gives_aspect(aspect, text) is gives


def test_the_words_asking_for_the_sources_are_named_too() -> None:
    assert aspect_words("Dari mana peneliti mengambil datanya?") == {"dari mana"}
