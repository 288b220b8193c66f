"""Which other sister-city partnership a passage is about (knowledge/partnerships.py), and how answers say so."""

from __future__ import annotations

import re

import pytest

from knowledge.answer import compose, render_text
from knowledge.export import answer_to_markdown
from knowledge.partnerships import asks_beyond_ours, other_partnership, ours_first, partnerships
from knowledge.types import Hit, Passage

SEMARANG_ID = "MoU sister city Semarang–Brisbane ditandatangani pada 1993 dan berakhir pada 2005 tanpa diperpanjang."
SEMARANG_EN = "The Semarang–Beihai sister-city MoU was signed in 2008 but had no follow-up."
FORT_WORTH = 'Even the long-standing Fort Worth–Bandung sister-city tie "works around language, distance and money".'
OURS = "MoU baru antara Bandung dan Kawasaki ditandatangani pada 6 Februari 2020."


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        (SEMARANG_ID, [("Semarang", "Brisbane")]),
        (SEMARANG_EN, [("Semarang", "Beihai")]),  # the sentence's "The" is no part of the name
        (FORT_WORTH, [("Fort Worth", "Bandung")]),
        ("In the Bandung–Suwon sister-city partnership (1997–2015), budgets were short.", [("Bandung", "Suwon")]),
        ("Hambatan Kerja Sama Sister City Kota Bandung–Kota Kawasaki 2017–2020", [("Bandung", "Kawasaki")]),
        ("Kerja sama kota kembar Bandung-Braunschweig dimulai pada 1960.", [("Bandung", "Braunschweig")]),
        # Two names joined by a dash with no tie word beside them are no partnership.
        ("The Sumitomo–Hitachi Zosen consortium won the Legok Nangka tender.", []),
        ("Nota kerja sama (MoC) Indonesia–Jepang di bidang lingkungan hidup ditandatangani di Tokyo.", []),
        ("Bandung attended Kawasaki's Asia-Pacific Eco-Business Forum.", []),
        ("Weak guidance left some Indonesian sister-city MoUs dormant.", []),
        ("Obstacles in Indonesian Sister-City Partnerships", []),  # the tie's own hyphen
        # A thesis title joins the two cities with a word, each marked as a city.
        ("Kerja Sama Sister City antara Kota Bandung dan Kota Suwon", [("Bandung", "Suwon")]),
        ("Sister City Kota Bandung dengan Kota Kawasaki", [("Bandung", "Kawasaki")]),
        ("the sister city cooperation between Bandung City and Suwon City", [("Bandung", "Suwon")]),
        ("the sister city tie of the City of Fort Worth and the City of Bandung", [("Fort Worth", "Bandung")]),
        ("kerja sama sister city antara Indonesia dan Jepang", []),  # no city marked: countries, not cities
        ("Kerja Sama Sister-Province Jawa Barat–Queensland", [("Jawa Barat", "Queensland")]),
    ],
)
def test_a_sister_city_pair_is_two_names_joined_by_a_dash_beside_a_tie_word(
    text: str, pairs: list[tuple[str, str]]
) -> None:
    assert partnerships(text) == pairs


def test_a_passage_is_about_another_partnership_unless_it_names_ours_or_the_question_names_its_city() -> None:
    assert other_partnership(SEMARANG_ID, "Hambatan Kerja Sama Sister City", "Kapan MoU diperpanjang?") == (
        "Semarang–Brisbane"
    )
    assert other_partnership(FORT_WORTH, "", "How long has the partnership lasted?") == "Fort Worth–Bandung"
    # The question asks about that partnership: the passage is what it asks for.
    assert other_partnership(SEMARANG_ID, "", "Apa yang terjadi pada MoU semarang?") is None
    assert other_partnership(FORT_WORTH, "", "What obstacles did Fort Worth face?") is None
    # Naming ours as well, it is about ours too; naming no pair, it is about neither.
    both = "Unlike the Semarang–Brisbane sister-city MoU, the Bandung–Kawasaki sister city MoU was renewed."
    assert other_partnership(both, "", "Was the MoU renewed?") is None
    # A side that says more than the city's name still names it.
    assert other_partnership("Sister city Kota Bandung dengan Kota Kawasaki Jepang.", "", "Kapan?") is None
    assert other_partnership(OURS, "", "Kapan MoU diperpanjang?") is None


def test_a_passage_naming_no_pair_is_about_its_document_s_partnership() -> None:
    thesis = "Kerja Sama Sister City Bandung–Suwon 1997–2015"
    line = "Hambatan internalnya adalah sumber daya manusia dan birokrasi."
    assert other_partnership(line, thesis, "Apa hambatan internalnya?") == "Bandung–Suwon"
    assert other_partnership(line, "Kerja Sama Sister City Kota Bandung–Kota Kawasaki", "Apa hambatannya?") is None
    assert other_partnership(line, "Catatan Rapat", "Apa hambatannya?") is None


@pytest.mark.parametrize(
    ("question", "beyond"),
    [
        ("Kapan MoU diperpanjang?", False),
        ("Berapa banyak sampah Bandung per hari?", False),
        ("Which other sister cities does Bandung have?", True),
        ("Why do sister city partnerships in Indonesia fail?", True),
        ("Bandingkan hambatannya dengan kerja sama lain", True),
        ("Mengapa sister city di Indonesia sering mati suri?", True),
    ],
)
def test_a_question_may_ask_beyond_this_partnership(question: str, beyond: bool) -> None:
    assert asks_beyond_ours(question) is beyond


def _p(pid: str, text: str, title: str = "Catatan", language: str = "id") -> Passage:
    return Passage(
        id=pid, doc_id=pid * 8, index=0, text=text, page=1, start=0, end=len(text), language=language,
        category="other", confidence=0.9, file=f"{pid}.md", title=title, kind="background",
    )


def test_passages_about_another_partnership_come_after_the_others_unless_the_question_asks_beyond() -> None:
    hits = [Hit(_p("sem", SEMARANG_ID), 0.9, 0.9), Hit(_p("fw", FORT_WORTH), 0.88, 0.88),
            Hit(_p("ours", OURS), 0.85, 0.85), Hit(_p("gen", "Sister city perlu dukungan DPRD."), 0.84, 0.84)]
    order = [h.passage.id for h in ours_first(hits, "Kapan MoU diperpanjang?")]
    assert order == ["ours", "gen", "sem", "fw"]  # stable on both sides
    assert [h.passage.id for h in ours_first(hits, "Bandingkan dengan sister city lain")] == ["sem", "fw", "ours",
                                                                                            "gen"]


def test_an_answer_labels_each_citation_about_another_partnership_in_every_renderer() -> None:
    hits = [Hit(_p("ours", OURS), 0.9, 0.9), Hit(_p("sem", SEMARANG_ID), 0.85, 0.85)]
    ans = compose("Kapan MoU diperpanjang?", "id", [], hits, answered=True)
    assert [c.other_partnership for c in ans.citations] == [None, "Semarang–Brisbane"]
    said = "Tentang kemitraan lain (Semarang–Brisbane), bukan Bandung–Kawasaki"
    text = render_text(ans)
    assert text.count(said) == 1 and text.index(said) > text.index("[2] Catatan (sem.md)")
    assert said in answer_to_markdown(ans.to_json())
    assert ans.to_json()["citations"][1]["other_partnership"] == "Semarang–Brisbane"
    english = compose("When was the MoU renewed?", "en", [], hits, answered=True)
    assert "About another partnership (Semarang–Brisbane), not Bandung–Kawasaki" in render_text(english)


def test_words_given_tie_a_pair_as_tie_words_do() -> None:
    # In a question "kerja sama Semarang–Beihai" names a partnership; in a passage "Indonesia–Japan cooperation"
    # names none, so only a caller reading a question passes them.
    question = "Mengapa kerja sama Semarang–Beihai tidak berlanjut?"
    assert partnerships(question) == []
    assert partnerships(question, also=re.compile(r"kerja sama")) == [("Semarang", "Beihai")]
