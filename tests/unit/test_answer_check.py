"""Whether an answer's passages miss what the question asks about (knowledge/answer_check.py)."""

from __future__ import annotations

from knowledge.answer_check import (
    MissParams,
    WordSupport,
    absent_acronyms,
    as_written,
    misses_question,
    words_to_name,
)

STOP = frozenset({"how", "many", "are", "there", "in"})
TOILETS = [
    WordSupport("how", 11.0, 0.30), WordSupport("public", 12.0, 0.50), WordSupport("toilets", 13.0, 0.26),
    WordSupport("kawasaki", 14.7, 0.72), WordSupport("?", 0.0, 0.10), WordSupport("2010", 12.0, 0.10),
]


def test_both_signals_must_agree() -> None:
    # The passages hold little of the question's keyword weight and one rare word finds nothing like it.
    assert [w.word for w in misses_question(0.26, TOILETS, STOP)] == ["toilets"]
    # Enough of the keywords held: a paraphrase the lexical side cannot see is not marked.
    assert misses_question(0.45, TOILETS, STOP) == []
    # Every rare word finds a counterpart: "rubbish" for the passages' "waste".
    rubbish = [WordSupport("rubbish", 12.1, 0.62), WordSupport("bandung", 13.0, 0.80)]
    assert misses_question(0.15, rubbish, STOP) == []


def test_no_cited_passage_in_the_questions_language_marks_nothing() -> None:
    assert misses_question(None, TOILETS, STOP) == []


def test_stop_words_numbers_punctuation_and_common_pieces_never_count() -> None:
    # "how" (a stop word), "?" and "2010" (no letter) are unsupported but say nothing of what is asked; a word
    # of common pieces (weight under min_weight) neither.
    common = [WordSupport("the", 3.0, 0.0), *TOILETS[:1], *TOILETS[4:]]
    assert misses_question(0.1, common, STOP) == []
    assert [w.word for w in misses_question(0.1, TOILETS, STOP, MissParams(min_support=0.6))] == ["toilets",
                                                                                                   "public"]


def test_only_a_word_no_document_holds_is_named() -> None:
    missed = [WordSupport("held", 12.5, 0.39), WordSupport("election", 13.2, 0.39), WordSupport("toilets", 13, 0.3)]
    assert words_to_name(missed, {"election", "toilets"}) == ["election", "toilets"]
    assert words_to_name(missed, {"election", "toilets"}, limit=1) == ["election"]
    assert words_to_name(missed, set()) == []  # then the notice names none


def test_a_word_is_shown_as_the_question_spells_it() -> None:
    assert as_written("Toilets: how many are there in Kawasaki?", "toilets") == "Toilets"
    assert as_written("Where is the toiletshop?", "toilets") == "toilets"  # only a whole word


def test_an_acronym_no_passage_holds_or_spells_out_is_missed() -> None:
    words = [WordSupport("total", 10.6, 0.50), WordSupport("apbd", 12.8, 0.45), WordSupport("kota", 12.1, 0.81)]
    question = "berapa total APBD Kota Bandung tahun 2023?"
    assert [w.word for w in absent_acronyms(question, words, {"total", "apbd"})] == ["apbd"]
    # Held by some passage: the search could find it, and the usual check judges the answer.
    assert absent_acronyms(question, words, {"total"}) == []
    # Spelled out in the cited passages: "Japan's MOE" against "Ministry of the Environment".
    spelled = [WordSupport("moe", 11.6, 0.63)]
    assert absent_acronyms("What did Japan's MOE fund?", spelled, {"moe"}) == []
    # Only acronyms: an unknown ordinary word is the other check's to judge.
    assert absent_acronyms("berapa total apbd?", words, {"total", "apbd"}) == []
