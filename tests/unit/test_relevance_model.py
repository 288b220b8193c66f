"""The abstention's relevance model: stored trees walked in plain Python, the token match asked for only when
it can change the decision, and the shipped file fitted for the default model."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from knowledge.config import DEFAULT_MODEL
from knowledge.fusion import LexicalSignal, PoolStats
from knowledge.relevance_model import (
    FEATURES,
    MODEL_FILE,
    RelevanceModel,
    Signals,
    Tree,
    Verdict,
    load_model,
)

LEAD, MATCH = FEATURES.index("lead"), FEATURES.index("match")


def _stump(feature: int, threshold: float, low: float, high: float) -> Tree:
    return Tree((feature, 0, 0), (threshold, 0.0, 0.0), (1, 0, 0), (2, 0, 0), (0.0, low, high), (False, True, True))


# Answered when lead > 0.05 and match > 0.4 (each stump adds ±1 around a bar of 0.5 on a baseline of 0).
MODEL = RelevanceModel(0.0, (_stump(LEAD, 0.05, -1.0, 1.0), _stump(MATCH, 0.4, -1.0, 1.0)), 0.5, "m")


def _signals(lead: float) -> Signals:
    return Signals(lead=lead, coverage=0.5, same_language=True, typical=0.78)


def test_a_tree_goes_left_at_or_under_its_threshold() -> None:
    tree = _stump(0, 0.05, -1.0, 1.0)
    assert tree.predict([0.05]) == -1.0
    assert tree.predict([0.0501]) == 1.0


def test_scores_add_the_trees_to_the_baseline() -> None:
    assert MODEL.score([0.1, 0, 0, 0.9, 0]) == 2.0
    assert MODEL.score([0.1, 0, 0, 0.1, 0]) == 0.0


def test_the_token_match_is_computed_only_when_it_can_change_the_decision() -> None:
    asked: list[int] = []

    def match(value: float) -> float:
        asked.append(1)
        return value

    # A weak lead: no match can lift it over the bar, so none is computed.
    assert MODEL.is_relevant(_signals(0.01), lambda: match(0.99)) is False
    assert asked == []
    # A clear lead: the match decides.
    assert MODEL.is_relevant(_signals(0.09), lambda: match(0.9)) is True
    assert MODEL.is_relevant(_signals(0.09), lambda: match(0.2)) is False
    assert len(asked) == 2


def test_a_decision_that_needs_a_missing_match_is_left_to_the_caller() -> None:
    assert MODEL.is_relevant(_signals(0.09), lambda: None) is None


def test_a_model_that_never_needs_the_match_never_asks() -> None:
    sure = RelevanceModel(0.0, (_stump(LEAD, 0.05, -1.0, 1.0),), 0.5, "m")

    def fail() -> float:
        raise AssertionError("computed")

    assert sure.is_relevant(_signals(0.09), fail) is True
    assert sure.is_relevant(_signals(0.01), fail) is False


def test_an_answer_only_just_over_the_bar_is_tentative() -> None:
    # Lead and match both high: score 2.0, 1.5 over the bar.
    assert MODEL.judge(_signals(0.09), lambda: 0.9, margin=1.0) == Verdict(True, False)
    assert MODEL.judge(_signals(0.09), lambda: 0.9, margin=2.0) == Verdict(True, True)
    # Refused answers are never tentative, and the plain decision is the verdict's.
    assert MODEL.judge(_signals(0.09), lambda: 0.2, margin=2.0) == Verdict(False, False)
    assert MODEL.is_relevant(_signals(0.09), lambda: 0.9) is True
    assert MODEL.judge(_signals(0.09), lambda: None) == Verdict(None, False)


def test_the_match_is_computed_when_it_can_make_an_answer_tentative() -> None:
    sure = RelevanceModel(0.0, (_stump(LEAD, 0.05, -1.0, 1.0), _stump(MATCH, 0.4, 0.0, 0.5)), 0.5, "m")
    asked: list[float] = []

    def match(value: float) -> float:
        asked.append(value)
        return value

    # Answered whatever the match (1.0 or 1.5); within a margin of 0.75 only with a low match.
    assert sure.is_relevant(_signals(0.09), lambda: match(0.1)) is True
    assert asked == []
    assert sure.judge(_signals(0.09), lambda: match(0.1), margin=0.75) == Verdict(True, True)
    assert sure.judge(_signals(0.09), lambda: match(0.9), margin=0.75) == Verdict(True, False)
    assert asked == [0.1, 0.9]
    # Clear of the margin even at the lowest match: not computed.
    assert sure.judge(_signals(0.09), lambda: match(0.5), margin=0.25) == Verdict(True, False)
    assert asked == [0.1, 0.9]


def test_signals_split_coverage_by_language_and_measure_the_lead_over_the_pool() -> None:
    stats = PoolStats(typical=0.75, spread=0.01, size=45)
    same = Signals.of(0.83, LexicalSignal(3.0, 2, 4), True, stats)
    assert same.lead == pytest.approx(0.08)
    assert same.features(0.5) == pytest.approx([0.08, 0.5, 0.0, 0.5, 0.75])
    cross = Signals.of(0.83, LexicalSignal(3.0, 1, 4), False, stats)
    assert cross.features(0.5) == pytest.approx([0.08, 0.0, 0.25, 0.5, 0.75])
    assert Signals.of(0.83, None, True, stats).coverage == 0.0


def test_json_round_trip_keeps_every_score(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text(json.dumps(MODEL.to_json()))
    again = load_model(path)
    assert again == MODEL


def test_a_file_for_other_features_is_refused(tmp_path: Path) -> None:
    data = {**MODEL.to_json(), "features": ["lead", "match"]}
    with pytest.raises(ValueError, match="features"):
        RelevanceModel.from_json(data)


def test_no_file_means_no_model(tmp_path: Path) -> None:
    assert load_model(tmp_path / "missing.json") is None


def test_the_shipped_model_is_for_the_default_model_and_monotone_in_lead_and_match() -> None:
    model = load_model(MODEL_FILE)
    assert model is not None
    assert model.model == Path(DEFAULT_MODEL).name
    assert len(model.trees) > 10
    # Fitted with monotone constraints: more lead or a better match never lowers the score.
    for lead_lo, lead_hi in ((0.0, 0.05), (0.05, 0.12)):
        for match in (0.2, 0.5, 0.8):
            low = model.score(_signals(lead_lo).features(match))
            assert model.score(_signals(lead_hi).features(match)) >= low
    assert model.score(_signals(0.06).features(0.7)) >= model.score(_signals(0.06).features(0.3))
    # And it separates the plain cases: a clear lead with a good match is answered, a flat pool is not.
    assert model.is_relevant(_signals(0.12), lambda: 0.8) is True
    assert model.is_relevant(_signals(0.0), lambda: 0.2) is False
    assert not math.isnan(model.bar)
