"""Questions asking why something did not happen, and the setbacks that lead their answers
(knowledge/why_not.py)."""

from __future__ import annotations

import pytest

from knowledge.why_not import asks_why_not, led_by_setbacks


@pytest.mark.parametrize(
    ("question", "asks"),
    [("Why was the PLTSa Gedebage incinerator never built?", True),
     ("Mengapa PLTSa Gedebage tidak jadi dibangun?", True),
     ("Why didn't the partnership renew its MoU?", True),
     ("Kenapa kerja sama Bandung–Kawasaki belum optimal?", True),
     ("Why is there a national waste day?", False),  # why, but nothing that did not happen
     ("Kapan tidak ada MoU?", False),  # not, but no why
     ("What is not allowed under Perda 9/2018?", False)],
)
def test_a_question_asking_why_something_did_not_happen_is_told_apart(question: str, asks: bool) -> None:
    assert asks_why_not(question) is asks


def test_setbacks_lead_when_the_first_passage_tells_of_the_thing_going_ahead() -> None:
    plan = ("The PLTSa Gedebage plan started under Mayor Dada Rosada.", {"opportunity"})
    tender = ("KPPU questioned the PLTSa Gedebage tender, PT BRIL withdrew.", {"other"})
    protest = ("Residents and Walhi protested against the PLTSa Gedebage plan.", {"threat"})
    question = "Why was the PLTSa Gedebage incinerator never built?"
    cats = lambda hit: hit[1]  # noqa: E731
    assert led_by_setbacks([plan, tender, protest], cats, question) == [protest, plan, tender]
    # A first passage filed as neither may say why already: as is.
    assert led_by_setbacks([tender, plan, protest], cats, question) == [tender, plan, protest]
    assert led_by_setbacks([plan, protest], cats, "When did the PLTSa Gedebage plan start?") == [plan, protest]
    assert led_by_setbacks([], cats, question) == []
