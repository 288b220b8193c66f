"""Which of several of a kind a question asks for (knowledge/ordinals.py)."""

from __future__ import annotations

import pytest

from knowledge.ordinals import asked_ordinal_first, counts_otherwise
from knowledge.types import Hit, Passage

FIRST_EN = 'On 18 February 2016 Bandung and Kawasaki signed their first MoU, the "MoU on inter-city collaboration".'
FIRST_ID = "MoU pertama Bandung–Kawasaki ditandatangani pada 18 Februari 2016."
NEW_EN = "On 6 February 2020 Bandung and Kawasaki signed a new MoU to deepen their collaboration."


@pytest.mark.parametrize(
    ("question", "passage"),
    [
        ("When was the second MoU signed?", FIRST_EN),
        ("When was the second Bandung–Kawasaki MoU signed?", FIRST_EN),  # the cities count nothing
        ("Kapan MoU kedua Bandung–Kawasaki ditandatangani?", FIRST_ID),  # Indonesian ordinals follow the noun
        ("Kapan MoU ke-2 ditandatangani?", FIRST_ID),
        ("When was the 1st MoU signed?", "Bandung and Kawasaki signed a second MoU in 2020."),
    ],
)
def test_a_passage_counting_the_asked_thing_otherwise_is_told_apart(question: str, passage: str) -> None:
    assert counts_otherwise(question, passage)


@pytest.mark.parametrize(
    ("question", "passage"),
    [
        ("When was the first MoU signed?", FIRST_EN),  # the same ordinal
        ("When was the second MoU signed?", NEW_EN),  # counts nothing
        ("When was the MoU signed?", FIRST_EN),  # the question counts nothing
        ("When was the second MoU signed?", "The first forum and the second MoU were both in Kawasaki."),
        # "kedua kota" before its noun is "both cities": no passage counts "cities" by it.
        ("Bagaimana pandemi memengaruhi kedua kota?", "Kota pertama yang bekerja sama dengan Bandung."),
        ("What was Bandung's first engagement with Kawasaki?", FIRST_EN),  # another thing counted
    ],
)
def test_no_other_passage_is_told_apart(question: str, passage: str) -> None:
    assert not counts_otherwise(question, passage)


def _p(pid: str, text: str) -> Passage:
    return Passage(
        id=pid, doc_id=pid * 8, index=0, text=text, page=1, start=0, end=len(text), language="en",
        category="other", confidence=0.9, file=f"{pid}.md", title="Notes", kind="background",
    )


def test_passages_counting_otherwise_come_after_the_rest_in_their_order() -> None:
    hits = [Hit(_p("first", FIRST_EN), 0.9, 0.9), Hit(_p("new", NEW_EN), 0.85, 0.85),
            Hit(_p("other", "Kawasaki is an eco-town."), 0.8, 0.8)]
    order = [h.passage.id for h in asked_ordinal_first(hits, "When was the second MoU signed?")]
    assert order == ["new", "other", "first"]
    assert asked_ordinal_first(hits, "When was the first MoU signed?") == hits
