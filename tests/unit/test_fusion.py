"""Fusion trusts keywords by coverage and language; abstention asks for a passage that stands out."""

from __future__ import annotations

from dataclasses import replace

import pytest

from knowledge.fusion import (
    AbstainParams,
    FusionParams,
    LexicalSignal,
    MatchRerank,
    PoolStats,
    cited_with_answer,
    close_to_best,
    evidence,
    fuse,
    is_relevant,
    keep_with_answer,
    keyword_boost,
    pool_stats,
    rerank_by_match,
)

P = FusionParams(weight=0.08, cross_lingual_factor=0.25, coverage_power=1.0)


def test_same_language_full_match_lifts_more_than_cross_language() -> None:
    sig = LexicalSignal(score=10.0, matched_terms=3, query_terms=3)
    same = keyword_boost(sig, 10.0, same_language=True, params=P)
    cross = keyword_boost(sig, 10.0, same_language=False, params=P)
    assert same == pytest.approx(0.08)
    assert cross == pytest.approx(0.02)


def test_cross_lingual_keywords_can_be_switched_off() -> None:
    sig = LexicalSignal(10.0, 3, 3)
    off = FusionParams(weight=0.08, cross_lingual_factor=0.0)
    assert keyword_boost(sig, 10.0, same_language=False, params=off) == 0.0


def test_partial_coverage_lifts_less_and_power_sharpens_it() -> None:
    full = keyword_boost(LexicalSignal(10.0, 4, 4), 10.0, True, P)
    half = keyword_boost(LexicalSignal(10.0, 2, 4), 10.0, True, P)
    squared = keyword_boost(LexicalSignal(10.0, 2, 4), 10.0, True, FusionParams(weight=0.08, coverage_power=2.0))
    assert full == pytest.approx(2 * half)
    assert squared == pytest.approx(half / 2)


def test_coverage_is_the_idf_share_where_the_index_gives_it() -> None:
    assert LexicalSignal(10.0, 2, 4).coverage == pytest.approx(0.5)
    assert LexicalSignal(10.0, 0, 0).coverage == 0.0
    # Two of four words, but the common two: the share of the question's idf is small.
    common = LexicalSignal(10.0, 2, 4, weight_share=0.1)
    rare = LexicalSignal(10.0, 2, 4, weight_share=0.9)
    assert common.coverage == pytest.approx(0.1)
    assert keyword_boost(common, 10.0, True, P) == pytest.approx(0.008)
    assert keyword_boost(rare, 10.0, True, P) == pytest.approx(0.072)


def test_common_words_do_not_outweigh_the_cosine() -> None:
    # "a" holds only the question's common words, many times; "b" its rare word once, and is closer.
    dense = {"a": 0.880, "b": 0.885}
    lexical = {"a": LexicalSignal(9.0, 3, 4, weight_share=0.2), "b": LexicalSignal(4.0, 1, 4, weight_share=0.6)}
    counted = {pid: replace(s, weight_share=None) for pid, s in lexical.items()}
    langs = {"a": "id", "b": "id"}
    by_share = fuse(dense, lexical, langs, "id", FusionParams())
    by_count = fuse(dense, counted, langs, "id", FusionParams())
    assert max(by_share, key=by_share.get) == "b"
    assert max(by_count, key=by_count.get) == "a"


def test_min_coverage_ignores_thin_matches() -> None:
    params = FusionParams(weight=0.08, min_coverage=0.5)
    assert keyword_boost(LexicalSignal(10.0, 1, 4), 10.0, True, params) == 0.0
    assert keyword_boost(LexicalSignal(10.0, 2, 4), 10.0, True, params) > 0.0


def test_keyword_score_is_normalised_by_the_best_hit_of_the_query() -> None:
    assert keyword_boost(LexicalSignal(5.0, 2, 2), 10.0, True, P) == pytest.approx(0.04)
    assert keyword_boost(LexicalSignal(50.0, 2, 2), 100.0, True, P) == pytest.approx(0.04)


def test_fuse_can_reorder_close_dense_scores_but_not_distant_ones() -> None:
    dense = {"a": 0.86, "b": 0.85, "c": 0.60}
    lexical = {"b": LexicalSignal(8.0, 3, 3), "c": LexicalSignal(9.0, 3, 3)}
    langs = {"a": "id", "b": "id", "c": "id"}
    fused = fuse(dense, lexical, langs, "id", P)
    assert fused["b"] > fused["a"]
    assert fused["c"] < fused["a"]


def test_fuse_across_languages_keeps_the_dense_order_of_close_passages() -> None:
    # English question, Indonesian passages: a shared name may lift, but not past a clearly better cosine.
    dense = {"gold": 0.87, "other": 0.85}
    lexical = {"other": LexicalSignal(9.0, 1, 3)}
    fused = fuse(dense, lexical, {"gold": "id", "other": "id"}, "en", P)
    assert fused["gold"] > fused["other"]


def test_mixed_languages_keyword_matches_do_not_push_same_language_passages_past_a_cross_lingual_answer() -> None:
    # Indonesian question; the English gold has the best cosine, Indonesian passages share its words.
    dense = {"gold_en": 0.84, "id_a": 0.83, "id_b": 0.82}
    lexical = {"id_a": LexicalSignal(9.0, 3, 3), "id_b": LexicalSignal(6.0, 2, 3)}
    langs = {"gold_en": "en", "id_a": "id", "id_b": "id"}
    fused = fuse(dense, lexical, langs, "id", P)
    assert max(fused, key=fused.__getitem__) == "gold_en"
    # Within the Indonesian group the keyword signal still reorders close passages.
    dense2 = {"gold_en": 0.80, "id_a": 0.83, "id_b": 0.835}
    fused2 = fuse(dense2, lexical, langs, "id", P)
    assert fused2["id_a"] > fused2["id_b"]


def test_single_language_pools_keep_absolute_boosts() -> None:
    dense = {"a": 0.86, "b": 0.85}
    lexical = {"b": LexicalSignal(8.0, 3, 3)}
    fused = fuse(dense, lexical, {"a": "id", "b": "id"}, "id", P)
    assert fused["a"] == pytest.approx(0.86)
    assert fused["b"] == pytest.approx(0.85 + keyword_boost(lexical["b"], 8.0, True, P))


def test_missing_keyword_signal_leaves_dense_unchanged() -> None:
    assert fuse({"a": 0.8}, {}, {"a": "en"}, "en") == {"a": 0.8}


# -- abstention ------------------------------------------------------------------------------------
A = AbstainParams(min_dense=0.77, sure_dense=0.87, min_evidence=0.055, top_weight=0.0, top_anchor=0.80,
                  coverage_weight=0.08, coverage_anchor=0.2, min_pool=30, fallback_dense=0.80)
HALF = LexicalSignal(3.0, 2, 4)


def _pool(top: list[float], rest_level: float = 0.79, n: int = 45) -> PoolStats:
    rest = [rest_level + 0.01 * ((i % 5) - 2) for i in range(n)]
    return pool_stats(top + rest)


def test_pool_stats_skip_the_nearest_and_use_the_median_of_the_rest() -> None:
    stats = pool_stats([0.95, 0.94, 0.93, 0.92, 0.91] + [0.85] * 10 + [0.80] * 11 + [0.75] * 10 + [0.10])
    assert stats.size == 32
    assert stats.typical == pytest.approx(0.80)
    # Most of the rest sits 0.05 away: MAD 0.05, untouched by the single 0.10 outlier.
    assert stats.spread == pytest.approx(1.4826 * 0.05)
    tiny = pool_stats([0.9, 0.8, 0.7])
    assert tiny.size == 0


def test_evidence_adds_lead_level_and_same_language_coverage() -> None:
    stats = PoolStats(typical=0.80, spread=0.01, size=45)
    full = LexicalSignal(5.0, 4, 4)
    assert evidence(0.85, full, True, stats, A) == pytest.approx(0.05 + 0.08 * 0.8)
    assert evidence(0.85, None, True, stats, A) == pytest.approx(0.05 - 0.08 * 0.2)
    assert evidence(0.85, full, False, stats, A) == pytest.approx(0.05)
    assert evidence(0.85, None, False, stats, replace(A, top_weight=0.2)) == pytest.approx(0.05 + 0.2 * 0.05)


def test_a_passage_standing_out_of_its_pool_is_relevant() -> None:
    assert is_relevant(0.85, HALF, True, _pool([0.85]), A)


def test_the_same_cosine_is_not_relevant_when_everything_scores_like_it() -> None:
    # Off-topic question: the whole pool is about as "similar" as the best passage.
    assert not is_relevant(0.85, None, True, _pool([0.85], rest_level=0.82), A)


def test_cross_lingual_answer_with_a_modest_cosine_but_a_clear_lead_is_relevant() -> None:
    # English question, Indonesian passage: e5 gives ~0.81 to the answer and ~0.74 to the rest.
    assert is_relevant(0.81, None, False, _pool([0.81], rest_level=0.74), A)


def test_absolute_bounds_win_over_the_pool() -> None:
    assert not is_relevant(0.765, None, True, _pool([0.765], rest_level=0.60), A)
    assert is_relevant(0.88, None, True, _pool([0.88], rest_level=0.87), A)


def test_keyword_coverage_tips_a_borderline_lead_in_the_same_language_only() -> None:
    stats = PoolStats(typical=0.80, spread=0.01, size=45)  # 0.842: a lead of 0.042, under 0.055
    backed = LexicalSignal(5.0, 3, 3)
    assert not is_relevant(0.842, None, True, stats, A)
    assert is_relevant(0.842, backed, True, stats, A)
    assert not is_relevant(0.842, backed, False, stats, A)


def test_a_same_language_passage_sharing_no_words_needs_a_clearer_lead() -> None:
    # Off-topic questions in the question's own language reach leads of 0.05-0.07 with passages that share few
    # of their words (FacQA questions on Wikipedia paragraphs); across languages words cannot be shared at all.
    stats = PoolStats(typical=0.80, spread=0.01, size=45)
    assert is_relevant(0.86, None, False, stats, A)
    assert not is_relevant(0.86, None, True, stats, A)
    assert not is_relevant(0.86, LexicalSignal(1.0, 1, 10), True, stats, A)
    assert is_relevant(0.86, HALF, True, stats, A)


def test_small_pools_fall_back_to_the_plain_floor() -> None:
    few = pool_stats([0.84, 0.83, 0.82, 0.81, 0.80, 0.79, 0.78] * 3)
    assert few.size < A.min_pool
    assert is_relevant(0.81, None, True, few, A)
    assert not is_relevant(0.795, None, True, few, A)
    assert is_relevant(0.81, None, True, None, A)
    assert keep_with_answer(0.80, 0.82, A) and not keep_with_answer(0.79, 0.82, A)


def test_passages_beside_an_answer_stay_near_its_best_cosine() -> None:
    # Above the floor is not enough: e5 puts most same-language passages above it, so a TyDi answer cited
    # seven passages where one answered.
    assert keep_with_answer(0.845, 0.90, A)
    assert not keep_with_answer(0.83, 0.90, A)


def test_cited_passages_are_the_standouts_and_floor_passages_near_the_best() -> None:
    # best first; a standout far under the best (it names the subject in passing) is not cited either
    dense = [0.90, 0.86, 0.815, 0.79, 0.83]
    standout = [True, False, True, True, False]
    one = [True] * 5
    assert cited_with_answer(dense, standout, one, A) == [True, True, False, False, False]
    # an answer whose first passage does not stand out cites the standout and what is near it
    assert cited_with_answer([0.81, 0.79, 0.78], [False, True, False], [True] * 3, A) == [True, True, False]
    # the first passage that stands out is cited even when a later one scores far higher
    assert cited_with_answer([0.80, 0.90], [True, False], [True, True], A) == [True, True]


def test_near_is_measured_within_a_language_group() -> None:
    # An English answer to an Indonesian question scores lower than Indonesian passages do: it is compared
    # with the best English passage, not with them; beside Indonesian passages only that best (and its ties).
    dense = [0.90, 0.88, 0.82, 0.815, 0.805]
    same = [True, True, False, False, False]
    standout = [True, False, True, False, False]
    assert cited_with_answer(dense, standout, same, A) == [True, True, True, True, False]
    assert cited_with_answer(dense, standout, [True] * 5, A) == [True, True, False, False, False]
    # With no passage in the question's language, the other language's passages get the whole band.
    assert cited_with_answer([0.84, 0.80, 0.79], [True, False, False], [False] * 3, A) == [True, True, False]


# -- the token match decides between passages too close to call ---------------------------------------------

R = MatchRerank(weight=0.1, depth=3, margin=0.01)
SCORES = {"a": 0.900, "b": 0.895, "c": 0.8905, "d": 0.880}


def test_only_passages_within_the_margin_of_the_best_are_matched() -> None:
    assert close_to_best(["a", "b", "c", "d"], SCORES, R) == ["a", "b", "c"]
    assert close_to_best(["a", "b", "c", "d"], SCORES, replace(R, depth=2)) == ["a", "b"]
    assert close_to_best(["a", "d"], SCORES, R) == []  # the best stands alone: no model run
    assert close_to_best([], SCORES, R) == []


def test_a_better_match_reorders_close_passages_but_not_the_rest() -> None:
    order = ["a", "b", "c", "d"]
    # b trails a by 0.005 in fused score and leads it by 0.1 in match: 0.1 × 0.1 = 0.01 > 0.005.
    assert rerank_by_match(order, SCORES, {"a": 0.60, "b": 0.70, "c": 0.55}, R) == ["b", "a", "c", "d"]
    # A lead of 0.02 in match is worth 0.002: not enough to overturn 0.005.
    assert rerank_by_match(order, SCORES, {"a": 0.60, "b": 0.62, "c": 0.55}, R) == order
    assert rerank_by_match(order, SCORES, {}, R) == order


def test_rerank_leaves_an_order_whose_head_is_not_the_matched_set() -> None:
    # Matches for passages that are not the leading ones are ignored rather than pulled to the front.
    assert rerank_by_match(["a", "b", "c"], SCORES, {"b": 0.9, "c": 0.9}, R) == ["a", "b", "c"]
