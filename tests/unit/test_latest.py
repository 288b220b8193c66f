"""Questions asking how the partnership stands now, and how recent a passage's news is (knowledge/latest.py)."""

from __future__ import annotations

import pytest

from knowledge.latest import about_ours, asks_latest, latest_year, names_ours, only_asks_state, state_words

CHRONOLOGY = "Chronology of the Bandung–Kawasaki Partnership (2004–2026)"
WASTE = "Waste Management in Bandung: Background"


@pytest.mark.parametrize("question", [
    "Is the partnership still active?",
    "What is the latest activity of the cooperation?",
    "What is happening in the cooperation now?",
    "Did the cooperation continue after 2020?",
    "Is Bandung still working with Kawasaki?",
    "Apakah kerja sama ini masih berjalan?",
    "Apa kegiatan terbaru dalam kerja sama ini?",
    "Bagaimana keadaan kemitraan ini sekarang?",
    "Apakah kerjasama Bandung-Kawasaki berlanjut?",
])
def test_a_question_on_how_the_partnership_stands_now_asks_for_the_latest(question: str) -> None:
    assert asks_latest(question)


@pytest.mark.parametrize("question", [
    # No word asking for the present.
    "When did the cooperation start?",
    "Kapan kerja sama dimulai?",
    "What are the obstacles of the partnership?",
    # The present, but not of the partnership: Bandung alone.
    "Is Bandung still struggling with waste?",
    "Berapa penduduk Bandung saat ini?",
    # Another partnership, or partnerships in general.
    "Is the Bandung–Suwon sister city still active?",
    "Which other partnerships are still active?",
    "Apakah kerja sama sister city di Indonesia masih berjalan?",
])
def test_other_questions_do_not(question: str) -> None:
    assert not asks_latest(question)


def test_a_word_inside_another_is_not_the_word() -> None:
    # "now" in "known", "kini" in "kinerja": whole words only.
    assert not asks_latest("Is the partnership well known?")
    assert not asks_latest("Bagaimana kinerja kerja sama ini?")


def test_the_latest_year_leaves_out_the_source_note() -> None:
    text = ("The Bandung wastewater-quality project runs from May 2023 to April 2026, about three years "
            "(Source: Kawasaki City web page, city.kawasaki.jp, undated, 2023 or later).")
    assert latest_year(text) == 2026
    # The note's year dates the source, not the news: a passage dated only there has no year.
    assert latest_year("A student blog post summarises the cooperation (Source: Kompasiana, 1 Jul 2024).") is None
    assert latest_year("Pada 27 Februari 2025, lokakarya daring … (Sumber: ERI Kawasaki, 2025).") == 2025
    assert latest_year("Tanpa tahun sama sekali.") is None
    # Numbers that are not years.
    assert latest_year("It handles 80 tonnes per day and powers 3,000 homes, 12345 in all.") is None


def test_a_passage_is_about_this_partnership_by_its_text_or_its_document_s_title() -> None:
    assert names_ours("Bandung and Kawasaki signed a new MoU")
    assert about_ours("On 6 February 2020 Bandung and Kawasaki signed a new MoU", WASTE)
    # Naming neither city, a chronology passage takes its document's title.
    assert about_ours("Japanese Ambassador Kanasugi said on 3 February 2022 that …", CHRONOLOGY)
    assert not about_ours("Turnover in local leadership shapes the priorities …", WASTE)
    # A passage about another partnership is not about this one, whatever its document.
    assert not about_ours("The Bandung–Suwon sister city MoU was signed in 2018.", CHRONOLOGY)


def test_the_words_asking_for_the_present_are_named_only_for_such_a_question() -> None:
    assert state_words("Bagaimana keadaan kerja sama ini saat ini?") == {"keadaan", "saat", "ini"}
    assert state_words("What is happening in the cooperation now?") == {"happening", "now"}
    # Not a question on the partnership's present: nothing is left out of the check.
    assert state_words("What is happening in Bandung now?") == set()


@pytest.mark.parametrize(("question", "only"), [
    ("What is the latest activity of the cooperation?", True),
    ("Did the cooperation continue after 2020?", True),
    ("Apakah kerja sama Bandung–Kawasaki masih aktif?", True),
    ("Bagaimana keadaan kerja sama ini sekarang?", True),
    # Something more than the present: the latest news would not answer it.
    ("What is the partnership's current budget?", False),
    ("Siapa koordinator kerja sama ini sekarang?", False),
    ("Is the partnership still funded by JICA?", False),
    # Not about the present at all.
    ("What is the activity of the cooperation?", False),
])
def test_a_question_asks_only_for_the_present_when_every_other_word_is_a_stop_word(
    question: str, only: bool
) -> None:
    assert only_asks_state(question) is only
