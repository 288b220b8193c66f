"""Questions asking how the partnership stands now, and how recent a passage's news is (knowledge/latest.py)."""

from __future__ import annotations

import pytest

from knowledge.latest import (
    about_ours,
    asks_latest,
    latest_lead,
    latest_year,
    names_ours,
    only_asks_state,
    refers_to_ours,
    state_words,
)
from knowledge.types import Hit, Passage

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
    # Another pair, tied by the partnership's own word, not a tie word: it asks why that one stalled.
    "Mengapa kerja sama Semarang–Beihai tidak berlanjut?",
    "Is the Semarang-Brisbane partnership still running?",
])
def test_other_questions_do_not(question: str) -> None:
    assert not asks_latest(question)


@pytest.mark.parametrize("question", [
    "Siapa saja yang terlibat dalam kerja sama ini?",
    "Kapan kemitraan ini dimulai?",
    "Siapa yang membiayai proyeknya?",
    "Apa hasil program ini?",
    "Who paid for the project?",
    "When did this partnership start?",
])
def test_a_question_naming_the_partnership_by_a_common_noun_refers_to_ours(question: str) -> None:
    assert refers_to_ours(question)


@pytest.mark.parametrize("question", [
    # Its cities named: nothing to add.
    "Siapa yang membiayai proyek Bandung–Kawasaki?",
    "Who is involved in the Bandung and Kawasaki cooperation?",
    # Another partnership, or partnerships in general.
    "When did the Bandung–Suwon partnership start?",
    "Kapan kerja sama Semarang–Beihai dimulai?",
    "Which other partnerships does Bandung have?",
    # No word for the partnership ("projection" holds "project").
    "Siapa Wali Kota Bandung?",
    "What is the projection for 2030?",
])
def test_other_questions_do_not_refer_to_it_unnamed(question: str) -> None:
    assert not refers_to_ours(question)


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
    # The source note names a publisher, not the partnership.
    assert not about_ours("Bandung's master plan was reviewed (Source: ERI Kawasaki, 2025).", WASTE)
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


def _hit(pid: str, text: str, score: float, language: str = "en", title: str = CHRONOLOGY) -> Hit:
    passage = Passage(pid, "doc", 0, text, 1, 0, len(text), language, title=title)
    return Hit(passage, score, score)


PROJECT_EN = "The wastewater project runs from May 2023 to April 2026 (Source: Kawasaki City, 2023 or later)."
PROJECT_ID = "Proyek air limbah berjalan dari Mei 2023 hingga April 2026 (Sumber: Kota Kawasaki, 2023)."
WORKSHOP = "On 27 February 2025 an online workshop reviewed Bandung's master plan (Source: ERI Kawasaki, 2025)."
MOU = "On 6 February 2020 Bandung and Kawasaki signed a new MoU (Source: ERI Kawasaki, undated)."
BLOG = "A student blog post summarises the cooperation (Source: Kompasiana, 1 Jul 2024)."


def test_the_lead_is_the_latest_news_one_per_fact_in_the_answer_s_language_first() -> None:
    hits = [_hit("mou", MOU, 0.90), _hit("blog", BLOG, 0.89), _hit("pid", PROJECT_ID, 0.88, "id"),
            _hit("ws", WORKSHOP, 0.86), _hit("pen", PROJECT_EN, 0.85)]
    twins = {"pid": "pen", "pen": "pid"}
    # 2026 before 2025 before 2020; of the project's two languages the answer's, once; the blog is dated only
    # by its source note.
    assert [h.passage.id for h in latest_lead(hits, "en", twins, 0.07, 2)] == ["pen", "ws"]
    assert [h.passage.id for h in latest_lead(hits, "id", twins, 0.07, 2)] == ["pid", "ws"]
    assert [h.passage.id for h in latest_lead(hits, "en", twins, 0.07, 3)] == ["pen", "ws", "mou"]


def test_the_lead_keeps_to_the_margin_and_to_this_partnership() -> None:
    hits = [_hit("mou", MOU, 0.90), _hit("ws", WORKSHOP, 0.86), _hit("pen", PROJECT_EN, 0.80)]
    assert [h.passage.id for h in latest_lead(hits, "en", {}, 0.05, 2)] == ["ws", "mou"]
    # A passage of a document about something else, naming neither city, is not this partnership's news.
    other = [_hit("ws", WORKSHOP, 0.9, title="Waste Management in Bandung"), _hit("mou", MOU, 0.89)]
    assert [h.passage.id for h in latest_lead(other, "en", {}, 0.07, 2)] == ["mou"]
    assert latest_lead([], "en", {}, 0.07, 2) == []
