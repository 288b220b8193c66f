"""Fusing dense and keyword scores, and deciding when nothing is relevant. Pure functions.

Naive rank fusion hurts cross-lingual retrieval (BM25 ranks are noise when the question and passage do not
share a language), so the keyword score is normalised per query and weighted by how far it can be trusted:
the share of query terms the passage contains, and whether both are in the same language.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LexicalSignal:
    score: float
    matched_terms: int
    query_terms: int


@dataclass(frozen=True)
class FusionParams:
    weight: float = 0.08  # how far a perfect keyword match may lift a cosine score
    cross_lingual_factor: float = 0.25  # keyword evidence across languages is mostly names and numbers
    min_coverage: float = 0.0  # below this share of matched query terms the keyword score is ignored


def keyword_boost(
    signal: LexicalSignal | None,
    top_lexical: float,
    same_language: bool,
    params: FusionParams = FusionParams(),
) -> float:
    if signal is None or top_lexical <= 0 or signal.query_terms == 0:
        return 0.0
    coverage = signal.matched_terms / signal.query_terms
    if coverage < params.min_coverage:
        return 0.0
    trust = coverage * (1.0 if same_language else params.cross_lingual_factor)
    return params.weight * trust * (signal.score / top_lexical)


def fuse(
    dense: dict[str, float],
    lexical: dict[str, LexicalSignal],
    passage_language: dict[str, str],
    query_language: str,
    params: FusionParams = FusionParams(),
) -> dict[str, float]:
    """Hybrid score per passage id: the cosine similarity plus a trusted, normalised keyword boost."""
    top = max((s.score for s in lexical.values()), default=0.0)
    return {
        pid: sim + keyword_boost(lexical.get(pid), top, passage_language.get(pid) == query_language, params)
        for pid, sim in dense.items()
    }


@dataclass(frozen=True)
class AbstainParams:
    min_dense: float = 0.80
    # A passage sharing most of the question's words in its language is relevant even when the cosine is
    # modest (names, numbers); it may then sit this far under the floor.
    lexical_margin: float = 0.03
    lexical_coverage: float = 0.6


def is_relevant(
    dense: float,
    signal: LexicalSignal | None,
    same_language: bool,
    params: AbstainParams = AbstainParams(),
) -> bool:
    if dense >= params.min_dense:
        return True
    if signal is None or not same_language or signal.query_terms == 0:
        return False
    coverage = signal.matched_terms / signal.query_terms
    return coverage >= params.lexical_coverage and dense >= params.min_dense - params.lexical_margin
