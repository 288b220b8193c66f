"""The answer benchmark's pure parts: reading question files and scoring answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.answers import (
    AnswerDataError,
    Expected,
    judged,
    load_expected,
    load_questions,
    misses,
    off_topic_answered,
    off_topic_score,
    score,
    shown_first,
)
from knowledge.answer import compose
from knowledge.types import Hit, Passage


def _p(pid: str, text: str, category: str) -> Passage:
    return Passage(
        id=pid, doc_id="d" * 64, index=0, text=text, page=1, start=0, end=len(text), language="en",
        category=category, confidence=0.9, file="notes.md", title="Notes", kind="background",
    )


MOU = "On 18 February 2016 Bandung and Kawasaki signed their first MoU."
OTHER = "Indonesian media call the link a sister city partnership."
STRENGTH = "Kawasaki's mayor welcomed the guests from Bandung."


def test_expected_texts_come_from_either_field(tmp_path: Path) -> None:
    f = tmp_path / "q.jsonl"
    f.write_text('{"question": "When?", "expect_text": "2016"}\n{"question": "Who?", "expect_any": ["A", "B"]}\n')
    assert load_expected(f) == [Expected("When?", ("2016",)), Expected("Who?", ("A", "B"))]


def test_a_followup_row_keeps_its_previous_question(tmp_path: Path) -> None:
    f = tmp_path / "q.jsonl"
    f.write_text('{"previous": "What is Kang Pisman?", "question": "Since when?", "expect_text": "2018"}\n'
                 '{"question": "When?", "expect_text": "2016"}\n')
    assert load_expected(f) == [Expected("Since when?", ("2018",), "What is Kang Pisman?"),
                                Expected("When?", ("2016",))]
    assert load_questions(f) == [("Since when?", "What is Kang Pisman?"), ("When?", None)]


@pytest.mark.parametrize(
    ("line", "field"),
    [('{"question": "", "expect_text": "x"}', "question"), ('{"question": "q"}', "expect_text"),
     ('{"question": "q", "expect_any": []}', "expect_any"),
     ('{"question": "q", "expect_text": "x", "previous": " "}', "previous")],
)
def test_a_bad_row_is_named_by_file_line_and_field(tmp_path: Path, line: str, field: str) -> None:
    f = tmp_path / "bad.jsonl"
    f.write_text('{"question": "ok", "expect_text": "x"}\n' + line + "\n")
    with pytest.raises(AnswerDataError, match=rf"bad.jsonl:2: field .*'{field}'"):
        load_expected(f)


def test_score_counts_cited_first_and_shown_first_apart() -> None:
    # The fact is cited second; then first, filed under "other" (shown first only since unasked answers lead
    # with their best passage); then refused.
    second = compose("When was the MoU signed?", "en", [], [Hit(_p("s", STRENGTH, "strength"), 0.9, 0.9),
                                                         Hit(_p("m", MOU, "other"), 0.8, 0.8)], answered=True)
    best = compose("When was the MoU signed?", "en", [], [Hit(_p("m", MOU, "other"), 0.9, 0.9),
                                                       Hit(_p("s", STRENGTH, "strength"), 0.8, 0.8)], answered=True)
    refused = compose("When was the MoU signed?", "en", [], [], answered=False)
    want = Expected("When was the MoU signed?", ("18 February 2016",))
    assert shown_first(best) == 1 and shown_first(second) == 1
    s = score([second, best, refused], [want] * 3, [0.01, 0.02, 0.03])
    assert (s.n, s.answered, s.cited, s.first, s.shown_first) == (3, 2 / 3, 2 / 3, 1 / 3, 1 / 3)
    assert s.citations_per_answer == 2 and s.p50_ms == pytest.approx(20)
    assert s.tentative == 0
    best.tentative = True
    assert score([second, best, refused], [want] * 3, [0.01, 0.02, 0.03]).tentative == 1 / 3


def test_a_row_of_a_message_of_several_questions_is_judged_on_the_answer_that_cites_it() -> None:
    # A row names what it expects, not which of the message's questions asks for it.
    want = Expected("Who welcomed the guests? When was the MoU signed?", ("18 February 2016",))
    welcome = compose("Who welcomed the guests?", "en", [], [Hit(_p("s", STRENGTH, "strength"), 0.9, 0.9)],
                      answered=True)
    mou = compose("When was the MoU signed?", "en", [], [Hit(_p("o", OTHER, "other"), 0.9, 0.9),
                                                      Hit(_p("m", MOU, "other"), 0.8, 0.8)], answered=True)
    refused = compose("When?", "en", [], [], answered=False)
    assert judged([welcome, mou], want) is mou
    # Of two citing it, the one it leads.
    leading = compose("When was the MoU signed?", "en", [], [Hit(_p("m", MOU, "other"), 0.9, 0.9)], answered=True)
    assert judged([mou, leading], want) is leading and judged([mou, mou], want) is mou
    # None cites it: the first answered, else the first; and so for an off-topic row, which expects nothing.
    assert judged([refused, welcome], Expected("q", ("never said",))) is welcome
    assert judged([refused, welcome]) is welcome and judged([refused]) is refused


def test_an_unrelated_answer_scores_nothing() -> None:
    ans = compose("q", "en", [], [Hit(_p("o", OTHER, "other"), 0.9, 0.9)], answered=True)
    s = score([ans], [Expected("q", ("18 February 2016",))], [0.01])
    assert (s.answered, s.cited, s.first, s.shown_first) == (1.0, 0.0, 0.0, 0.0)


def test_misses_list_what_fell_short_with_the_passage_it_got_first() -> None:
    want = Expected("When was the MoU signed?", ("18 February 2016",))
    right = compose(want.question, "en", [], [Hit(_p("m", MOU, "other"), 0.9, 0.9)], answered=True)
    second = compose(want.question, "en", [], [Hit(_p("s", STRENGTH, "strength"), 0.9, 0.9),
                                               Hit(_p("m", MOU, "other"), 0.8, 0.8)], answered=True)
    refused = compose(want.question, "en", [], [], answered=False)
    got = misses([right, second, refused], [want] * 3)
    assert [(m["answered"], m["cited_as"]) for m in got] == [(True, [2]), (False, [])]
    assert got[0]["first"] == f"notes.md p.1: {STRENGTH}" and got[1]["first"] == ""


def test_answered_off_topic_questions_are_listed() -> None:
    answered = compose("Passport?", "en", [], [Hit(_p("o", OTHER, "other"), 0.9, 0.9)], answered=True)
    refused = compose("Weather?", "en", [], [], answered=False)
    warned = compose("Hotels?", "en", [], [Hit(_p("o", OTHER, "other"), 0.9, 0.9)], answered=True)
    warned.tentative = True
    assert off_topic_answered([answered, refused, warned], ["Passport?", "Weather?", "Hotels?"]) == [
        {"question": "Passport?", "tentative": False, "first": f"notes.md p.1: {OTHER}"},
        {"question": "Hotels?", "tentative": True, "first": f"notes.md p.1: {OTHER}"},
    ]
    assert off_topic_score([answered, refused, warned, refused]) == {"n": 4, "refused": 0.5, "tentative": 0.25}
