"""Whether the best passage answers the question: a small tree ensemble over measured signals. Pure.

The hand-set rule in knowledge/fusion.py (lead over the pool + word coverage ≥ a bar) answered 95.6 % of
on-topic questions at 90.9 % of off-topic ones refused. Two things it cannot use lift that:
- the token match (knowledge/token_match.py), which separates the two better than the pooled cosine;
- the pool's typical level: the lead a relevant passage reaches is not the same when the question is close to
  everything in the store as when it is close to nothing. The bar bends with it, and a straight line does not.
Gradient-boosted trees (scikit-learn, monotone: more lead, coverage or match never lowers the score) are fitted
offline by scripts/train_abstention.py on ../shared/bench-data; this module only walks the stored trees.

Trees split on finite thresholds, so a match of −inf or +inf gives the lowest and highest score the other
signals allow: when both fall on the same side of the bar the match cannot change the decision and is not
computed. Over 150 trees that span is wide: nearly every question of the dev files (99.8 %) still needs the
match for the decision, and with the tentative mark below every one does (scripts/train_abstention.py), so its
cost (one run of the model on the best passage) is part of the measured latency.

An answer the model only just lets through is more often off-topic than not, so it is marked tentative (the
answer then says its passages may not answer the question directly). On the dev files' cases
(scripts/train_abstention.py), of the answers scoring under TENTATIVE_MARGIN over the bar 222 were off-topic
questions and 128 on-topic ones: 75 % of the off-topic questions answered at all, 4.2 % of the on-topic.
Margins of 1 and 3 mark 55 % / 1.8 % and 88 % / 7.3 %.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from knowledge.fusion import LexicalSignal, PoolStats

MODEL_FILE = Path(__file__).resolve().parent / "relevance_trees.json"
FEATURES: tuple[str, ...] = ("lead", "coverage_same", "coverage_cross", "match", "typical")
TENTATIVE_MARGIN = 2.0  # log-odds over the bar under which an answer is tentative (see above)


@dataclass(frozen=True)
class Signals:
    """What is measured about the best passage before any token match (see FEATURES)."""

    lead: float  # its cosine − the typical cosine of the question's farther neighbours
    coverage: float  # the share of the question's keyword terms the passage holds
    same_language: bool
    typical: float

    @classmethod
    def of(cls, dense: float, signal: LexicalSignal | None, same_language: bool, stats: PoolStats) -> Signals:
        coverage = signal.matched_terms / signal.query_terms if signal is not None and signal.query_terms else 0.0
        return cls(dense - stats.typical, coverage, same_language, stats.typical)

    def features(self, match: float) -> list[float]:
        same = self.coverage if self.same_language else 0.0
        cross = 0.0 if self.same_language else self.coverage
        return [self.lead, same, cross, match, self.typical]


@dataclass(frozen=True)
class Verdict:
    relevant: bool | None  # None: the token match was needed and could not be had
    tentative: bool  # relevant, but by less than the margin over the bar


@dataclass(frozen=True)
class Tree:
    """One fitted tree as parallel arrays; node 0 is the root, ``x[feature] <= threshold`` goes left."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]
    leaf: tuple[bool, ...]

    @classmethod
    def of(cls, feature: Iterable[Any], threshold: Iterable[Any], left: Iterable[Any], right: Iterable[Any],
           value: Iterable[Any], leaf: Iterable[Any]) -> Tree:
        """From any sequences of numbers (JSON lists, numpy columns), as plain Python values."""
        return cls(
            tuple(int(v) for v in feature),
            tuple(float(v) for v in threshold),
            tuple(int(v) for v in left),
            tuple(int(v) for v in right),
            tuple(float(v) for v in value),
            tuple(bool(v) for v in leaf),
        )

    def predict(self, x: Sequence[float]) -> float:
        node = 0
        while not self.leaf[node]:
            node = self.left[node] if x[self.feature[node]] <= self.threshold[node] else self.right[node]
        return self.value[node]


@dataclass(frozen=True)
class RelevanceModel:
    baseline: float
    trees: tuple[Tree, ...]
    bar: float  # on the log-odds scale
    model: str  # the embedding model whose scores it was fitted on (folder name)

    def score(self, x: Sequence[float]) -> float:
        return self.baseline + sum(t.predict(x) for t in self.trees)

    def is_relevant(self, signals: Signals, match: Callable[[], float | None]) -> bool | None:
        """The decision, computing the token match only when it can change it; None when it is needed and
        ``match`` cannot give one (the caller then falls back to the plain rule)."""
        return self.judge(signals, match, margin=0.0).relevant

    def judge(
        self, signals: Signals, match: Callable[[], float | None], margin: float = TENTATIVE_MARGIN
    ) -> Verdict:
        """The decision and whether it is tentative (answered by less than ``margin`` over the bar). The token
        match is computed only when it can change either: scores never fall as the match grows, so the two
        extremes bound every score it could give."""
        if self.score(signals.features(math.inf)) < self.bar:
            return Verdict(False, False)
        if self.score(signals.features(-math.inf)) >= self.bar + margin:
            return Verdict(True, False)
        value = match()
        if value is None:
            return Verdict(None, False)
        over = self.score(signals.features(value)) - self.bar
        return Verdict(over >= 0, 0 <= over < margin)

    def to_json(self) -> dict[str, object]:
        return {
            "features": list(FEATURES),
            "model": self.model,
            "baseline": self.baseline,
            "bar": self.bar,
            "trees": [
                {k: list(getattr(t, k)) for k in ("feature", "threshold", "left", "right", "value", "leaf")}
                for t in self.trees
            ],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RelevanceModel:
        if data.get("features") != list(FEATURES):
            raise ValueError(f"relevance model features {data.get('features')} are not {list(FEATURES)}")
        trees = tuple(
            Tree.of(t["feature"], t["threshold"], t["left"], t["right"], t["value"], t["leaf"])
            for t in data["trees"]
        )
        return cls(float(data["baseline"]), trees, float(data["bar"]), str(data["model"]))


@cache
def load_model(path: Path = MODEL_FILE) -> RelevanceModel | None:
    """The shipped model, or None when the file is missing (the plain rule then decides). Read once per
    process: every Searcher shares it (it is immutable)."""
    if not path.is_file():
        return None
    return RelevanceModel.from_json(json.loads(path.read_text(encoding="utf-8")))
