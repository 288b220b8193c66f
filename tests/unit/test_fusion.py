"""Fusion trusts keywords by coverage and language; abstention needs real evidence."""

from __future__ import annotations

from knowledge.fusion import AbstainParams, LexicalSignal, fuse, is_relevant, keyword_boost


def test_same_language_full_match_lifts_more_than_cross_language() -> None:
    sig = LexicalSignal(score=10.0, matched_terms=3, query_terms=3)
    same = keyword_boost(sig, 10.0, same_language=True)
    cross = keyword_boost(sig, 10.0, same_language=False)
    assert same > cross > 0


def test_partial_coverage_lifts_less() -> None:
    full = keyword_boost(LexicalSignal(10.0, 4, 4), 10.0, True)
    half = keyword_boost(LexicalSignal(10.0, 2, 4), 10.0, True)
    assert full > half


def test_fuse_can_reorder_close_dense_scores_but_not_distant_ones() -> None:
    dense = {"a": 0.86, "b": 0.85, "c": 0.60}
    lexical = {"b": LexicalSignal(8.0, 3, 3), "c": LexicalSignal(9.0, 3, 3)}
    langs = {"a": "id", "b": "id", "c": "id"}
    fused = fuse(dense, lexical, langs, "id")
    assert fused["b"] > fused["a"]
    assert fused["c"] < fused["a"]


def test_missing_keyword_signal_leaves_dense_unchanged() -> None:
    assert fuse({"a": 0.8}, {}, {"a": "en"}, "en") == {"a": 0.8}


def test_abstention() -> None:
    p = AbstainParams(min_dense=0.8, lexical_margin=0.03, lexical_coverage=0.6)
    assert is_relevant(0.81, None, True, p)
    assert not is_relevant(0.75, None, True, p)
    assert is_relevant(0.78, LexicalSignal(5.0, 3, 4), True, p)
    assert not is_relevant(0.78, LexicalSignal(5.0, 3, 4), False, p)
    assert not is_relevant(0.78, LexicalSignal(5.0, 1, 4), True, p)
