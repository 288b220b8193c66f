"""The token match as a pure function of token states (no model)."""

from __future__ import annotations

import numpy as np
import pytest

from knowledge.token_match import token_match

CENTRE = np.zeros(4)


def test_a_passage_holding_every_question_token_matches_fully() -> None:
    q = np.eye(4)[:2]
    p = np.vstack([np.eye(4)[2], q[1], q[0]])
    assert token_match(q, p, np.ones(2), CENTRE) == pytest.approx(1.0)


def test_each_question_token_takes_its_best_counterpart_weighted_by_rarity() -> None:
    q = np.eye(4)[:2]
    p = np.eye(4)[:1]  # holds the first token only
    assert token_match(q, p, np.array([1.0, 1.0]), CENTRE) == pytest.approx(0.5)
    assert token_match(q, p, np.array([3.0, 1.0]), CENTRE) == pytest.approx(0.75)  # the held token is rare
    assert token_match(q, p, np.array([0.0, 0.0]), CENTRE) == pytest.approx(0.5)  # no weights: plain mean


def test_states_are_compared_after_removing_the_common_direction() -> None:
    common = np.array([10.0, 0.0, 0.0, 0.0])
    q = common + np.array([[0, 1.0, 0, 0]])
    p = common + np.array([[0, 0, 1.0, 0]])
    assert token_match(q, p, np.ones(1), np.zeros(4)) > 0.9  # raw: alike through the shared direction
    assert token_match(q, p, np.ones(1), common) == pytest.approx(0.0)


def test_empty_sides_match_nothing() -> None:
    assert token_match(np.zeros((0, 4)), np.eye(4), np.ones(0), CENTRE) == 0.0
    assert token_match(np.eye(4), np.zeros((0, 4)), np.ones(4), CENTRE) == 0.0
