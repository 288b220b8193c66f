"""Fusing dense and keyword scores, and deciding when nothing is relevant. Pure functions.

Naive rank fusion hurts cross-lingual retrieval (BM25 ranks are noise when the question and passage do not
share a language), so the keyword score is normalised per query and weighted by how far it can be trusted:
the share of the query's keyword weight (idf) the passage holds, and whether both are in the same language.
Where the best passages still come out too close to call, the token match decides their order (MatchRerank).

Abstention cannot be a bare cosine floor: e5 scores are bunched (an unrelated Indonesian passage often scores
0.80–0.85 against an Indonesian question, a relevant English one 0.78–0.83 across languages). So a question is
answered when its best passage stands out from the other passages the same question reached (its lead over
the median of the 6th..50th neighbours), with absolute bounds on both sides. The numbers are measured by
bench/retrieval.py and bench/tune_fusion.py on ../shared/bench-data (see the comments on each default).

That rule is the fallback: where the embedder gives a token match, the fitted model of
knowledge/relevance_model.py decides whether a question is answered (97.7 % of on-topic questions answered at
91.0 % of off-topic ones refused, against 95.6 / 90.9 % for this rule), and this rule only picks the passages
that join the best one.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class LexicalSignal:
    score: float
    matched_terms: int
    query_terms: int
    # Share of the query's keyword weight (idf) the passage holds (knowledge.lexical.LexicalHit); None: count terms.
    weight_share: float | None = None

    @property
    def coverage(self) -> float:
        """How much of the question the passage's keyword score stands on: weighted by idf where known, so
        words that most passages hold ("Bandung", "Kawasaki" in this corpus) count for little."""
        if self.weight_share is not None:
            return self.weight_share
        return self.matched_terms / self.query_terms if self.query_terms else 0.0


@dataclass(frozen=True)
class FusionParams:
    # How far a perfect keyword match may lift a cosine score. e5's gold and runner-up differ by ~0.01–0.03,
    # so 0.08 lets a full same-language keyword match reorder close neighbours but not distant ones.
    weight: float = 0.08
    # Across languages the keyword score is only shared names and numbers.
    cross_lingual_factor: float = 0.25
    # trust = coverage ** power, coverage being the share of the question's idf the passage holds: a passage
    # holding one common word of five is mostly noise. Against the share of terms counted alike, measured with
    # bench/retrieval.py (hybrid R@1): TyDi .960 → .963, FacQA .871 → .875, IDK-MRC .935 → .937, id→en .936 →
    # .938, the rest unchanged; among the Trans-SQuAD distractors FacQA +.003 and id→en .209 → .191 (there the
    # gold passage's own Indonesian translation, a distractor, leads more often), the rest unchanged. On the
    # product's questions (bench/answers.py) the expected passage comes first for 96 % of the dossier's (94 %)
    # and 90 % of the fresh ones (86.7 %). Power 1.5 did as well on the product and lost more among distractors.
    coverage_power: float = 1.0
    min_coverage: float = 0.0  # below this coverage the keyword score is ignored


def keyword_boost(
    signal: LexicalSignal | None,
    top_lexical: float,
    same_language: bool,
    params: FusionParams = FusionParams(),
) -> float:
    if signal is None or top_lexical <= 0 or signal.query_terms == 0:
        return 0.0
    coverage = signal.coverage
    if coverage < params.min_coverage:
        return 0.0
    trust = coverage**params.coverage_power * (1.0 if same_language else params.cross_lingual_factor)
    return params.weight * trust * (signal.score / top_lexical)


def fuse(
    dense: dict[str, float],
    lexical: dict[str, LexicalSignal],
    passage_language: dict[str, str],
    query_language: str,
    params: FusionParams = FusionParams(),
) -> dict[str, float]:
    """Hybrid score per passage id: the cosine similarity plus a trusted, normalised keyword boost.

    When the candidates are in both languages, each boost is taken relative to the best boost among the
    passages of its own language group (same as the question's, or not). BM25 cannot see a passage in the other
    language, so an absolute boost would push every same-language passage past a cross-lingual answer that the
    cosine put first (Indonesian questions over English passages among Indonesian distractors lost 40 % of
    their R@1 that way). Relative to its group, the keyword signal reorders passages within a language and the
    cosine decides between the languages. With one language only, nothing changes."""
    top = max((s.score for s in lexical.values()), default=0.0)
    same = {pid: passage_language.get(pid) == query_language for pid in dense}
    boost = {pid: keyword_boost(lexical.get(pid), top, same[pid], params) for pid in dense}
    if len(set(same.values())) > 1:
        best = {group: max(b for pid, b in boost.items() if same[pid] == group) for group in (True, False)}
        boost = {pid: b - best[same[pid]] for pid, b in boost.items()}
    return {pid: sim + boost[pid] for pid, sim in dense.items()}


# -- re-ranking the closest passages by the token match ---------------------------------------------


@dataclass(frozen=True)
class MatchRerank:
    """Where the fused scores of the best passages are too close to call, the token match
    (knowledge/token_match.py) decides between them: across languages the keyword side is mute and the cosine
    alone often puts a near-translation of the right passage first. First measured offline on the dev files with
    bench/tune_fusion.py cases (weight 0.2, the first 3 within 0.005), R@1 without / with the Trans-SQuAD
    distractors: en→id .923 → .943 / .647 → .709, id→en .910 → .936 / .155 → .209, XQuAD +.005, NusaX +.02,
    FacQA and TyDi unchanged. The margin was then the price, one model run per close passage. With the passages'
    token states kept at ingest (knowledge/token_states.py) a match costs no run, and the first 5 within 0.01 at
    weight 0.3 gained, in questions without / with distractors: en→id +1 / +17, id→en +1 / +9, Tatoeba +3 / +3,
    XQuAD +1 / 0, TyDi 0 / +1, and lost none on any file (each half of every file within one question of that).
    Margins of 0.02 gained more across languages but lost a TyDi question."""

    # How far the match may lift a passage: 0.3 × a match gap of ~0.03 overturns a close pair, never a far one.
    weight: float = 0.3
    depth: int = 5  # among the best this many
    margin: float = 0.01  # only passages this close to the best are matched


def close_to_best(order: Sequence[str], scores: dict[str, float], params: MatchRerank = MatchRerank()) -> list[str]:
    """The passages among the first ``depth`` of ``order`` within ``margin`` of the best; [] if only the best is."""
    if not order:
        return []
    top = scores[order[0]]
    close = [pid for pid in order[: params.depth] if top - scores[pid] <= params.margin]
    return close if len(close) > 1 else []


def rerank_by_match(
    order: Sequence[str], scores: dict[str, float], matches: dict[str, float], params: MatchRerank = MatchRerank()
) -> list[str]:
    """``order`` with its matched head re-sorted by fused score + weight × match (stable on ties); the rest
    keep their places. Passages without a match are left as they are."""
    head = [pid for pid in order if pid in matches]
    if len(head) < 2 or order[: len(head)] != head:
        return list(order)
    head.sort(key=lambda pid: -(scores[pid] + params.weight * matches[pid]))
    return head + list(order[len(head):])


# -- abstention -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PoolStats:
    """How the question scores against passages in general: the typical cosine of its farther neighbours."""

    typical: float
    spread: float
    size: int


# The nearest few may all be relevant (several passages on one topic): the typical level is taken past them.
SKIP_NEAREST = 5
MIN_SPREAD = 0.01  # a pool of near-identical scores must not turn a 0.002 lead into a huge z


def pool_stats(dense_scores: Sequence[float], skip: int = SKIP_NEAREST) -> PoolStats:
    """Median and robust spread (1.4826 × MAD) of the cosine scores past the ``skip`` best."""
    rest = sorted(dense_scores, reverse=True)[skip:]
    if len(rest) < 2:
        return PoolStats(0.0, 0.0, len(rest))
    median = statistics.median(rest)
    mad = statistics.median(abs(s - median) for s in rest)
    return PoolStats(median, max(MIN_SPREAD, 1.4826 * mad), len(rest))


@dataclass(frozen=True)
class AbstainParams:
    """Measured with bench/tune_fusion.py on ../shared/bench-data (on-topic: a file's questions on its own
    passages; off-topic: on an unrelated file's). The lead over the pool separated the two best; z-scores
    (lead / spread) did worse, because a tight pool makes a small lead look large. Round values on purpose:
    the neighbourhood of each one scored within a point (held-out halves must not fall off an edge)."""

    # Never relevant under this cosine, whatever the pool looks like.
    min_dense: float = 0.77
    # Always relevant from this cosine on: only ~2 % of off-topic questions reach it on these sets.
    sure_dense: float = 0.87
    # In between: lead over the pool's typical score + top_weight × (cosine − top_anchor) + coverage_weight ×
    # (share of the question's words found − coverage_anchor) must reach min_evidence. The coverage term counts
    # for passages in the question's language only (across languages no words are shared, right or wrong): a
    # passage there that holds under a fifth of the question's words is pulled down, one that holds them all
    # pushed up. With it, the cosine level (top_weight) added nothing: on the dev files, on-topic answered /
    # off-topic refused went from 95.2 / 88.3 % to 95.7 / 90.3 % (no distractors), the same on both halves.
    min_evidence: float = 0.055
    top_weight: float = 0.0
    top_anchor: float = 0.80
    coverage_weight: float = 0.08
    coverage_anchor: float = 0.2
    # Fewer neighbours than this past the nearest few say too little about "typical" (small or filtered
    # stores): then the plain floor (KAWAN_MIN_SCORE) decides, as it always did.
    min_pool: int = 30
    fallback_dense: float = 0.80
    # A passage cited beside an answer must also come within this of the answer's best cosine: above the floor
    # alone, answers to the dev files' on-topic questions cited 5.9 passages (TyDi 6.9) where one held the
    # answer. Within 0.06 they cite 2.9 and hold the gold passage as often (97.0 %, bench/retrieval.py
    # --abstention); 0.03 lost 0.5–2.5 points of it on some files (offline, on the cached cases).
    keep_within: float = 0.06
    # Near is measured within a passage's language group (the question's, or not), as in ``fuse``: cosines across
    # languages run lower. Beside passages in the question's language, the other language adds its best and what
    # ties with it. Measured offline on the cached cases, Indonesian questions with English answers among
    # Indonesian distractors (id→en + Trans-SQuAD) keep the gold passage cited for 62.4 % (one band over all:
    # 57.2 %; no band: 62.6 %), and the product's 140 questions cite 5.2 passages (one band: 5.5; 0.06 per group:
    # 6.3, most of them other-language notes that answer nothing).
    keep_within_across: float = 0.01


def evidence(dense: float, signal: LexicalSignal | None, same_language: bool, stats: PoolStats,
             params: AbstainParams = AbstainParams()) -> float:
    words = 0.0
    if same_language:
        coverage = signal.matched_terms / signal.query_terms if signal is not None and signal.query_terms else 0.0
        words = params.coverage_weight * (coverage - params.coverage_anchor)
    return (dense - stats.typical) + params.top_weight * (dense - params.top_anchor) + words


def is_relevant(
    dense: float,
    signal: LexicalSignal | None,
    same_language: bool,
    stats: PoolStats | None = None,
    params: AbstainParams = AbstainParams(),
) -> bool:
    """Whether a passage stands out as an answer to the question (not: whether it is the best one)."""
    if dense < params.min_dense:
        return False
    if dense >= params.sure_dense:
        return True
    if stats is None or stats.size < params.min_pool:
        return dense >= params.fallback_dense
    return evidence(dense, signal, same_language, stats, params) >= params.min_evidence


def keep_with_answer(dense: float, best: float, params: AbstainParams = AbstainParams()) -> bool:
    """Whether a passage reaching the plain floor is cited beside an answer whose best cosine is ``best``."""
    return dense >= params.fallback_dense and dense >= best - params.keep_within


def cited_with_answer(dense: Sequence[float], standout: Sequence[bool], same_language: Sequence[bool],
                      params: AbstainParams = AbstainParams()) -> list[bool]:
    """Which passages of an answered question (best first) are cited: the first if it stands out, and those that
    stand out or reach the plain floor while coming near the best cosine of their language group (``same_language``:
    in the question's language or not; see ``AbstainParams.keep_within_across``). Standing out is not enough alone:
    a passage naming the question's subject in passing stands out too."""
    eligible = [ok or d >= params.fallback_dense for d, ok in zip(dense, standout, strict=True)]
    best = {
        group: max((d for d, ok, g in zip(dense, eligible, same_language, strict=True) if ok and g == group),
                   default=0.0)
        for group in (True, False)
    }
    within = {True: params.keep_within, False: params.keep_within_across if best[True] else params.keep_within}
    return [
        (i == 0 and standout[0]) or (ok and d >= best[g] - within[g])
        for i, (d, ok, g) in enumerate(zip(dense, eligible, same_language, strict=True))
    ]
