"""The trained SWOT classifier: logistic regression on [e5 passage embedding ⊕ cue-score features].

Inference is plain numpy over coefficients stored in knowledge/swot_weights.json (regenerate with
`python scripts/train_swot.py`); scikit-learn is only needed to fit. Without an embedding (fake embedder in unit
tests, another model) the rule-based labeller in knowledge/swot.py decides instead.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from knowledge.jsonl import iter_jsonl
from knowledge.swot import NEGATIVE, Lexicon, _count, _negated, category_scores, factor_spans, label_text, lexicon
from knowledge.types import CATEGORIES, SWOT, Factor

WEIGHTS_FILE = Path(__file__).resolve().parent / "swot_weights.json"
# A fixed text whose embedding identifies the model the weights were fitted on (another 384-d model would
# give meaningless labels, so it falls back to rules).
PROBE_TEXT = "Kerja sama Sister City Bandung–Kawasaki dalam pengelolaan sampah."
PROBE_MIN_COSINE = 0.99


def cue_features(text: str, lex: Lexicon | None = None) -> np.ndarray:
    """Cue evidence the embedding alone misses: per-category cue scores, internal/external, negation."""
    lex = lex or lexicon()
    scores = category_scores(text, lex)
    cues = [math.log1p(scores[c]) for c in CATEGORIES]
    internal, external = _count(lex.internal, text), _count(lex.external, text)
    negated = float(bool(lex.negation and _negated(text, lex)))
    return np.asarray([*cues, math.log1p(internal), math.log1p(external), negated], dtype=np.float32)


N_CUE_FEATURES = 8


def features(embedding: np.ndarray, text: str, cue_weight: float, lex: Lexicon | None = None) -> np.ndarray:
    return np.concatenate([np.asarray(embedding, dtype=np.float32), cue_weight * cue_features(text, lex)])


@dataclass(frozen=True)
class SwotClassifier:
    classes: tuple[str, ...]
    coef: np.ndarray  # (classes, features)
    intercept: np.ndarray  # (classes,)
    cue_weight: float
    min_confidence: float  # below it a SWOT label becomes "other"
    head_weight: float  # how much a factor's lead-in ("hambatan, termasuk …") counts
    dimension: int
    probe: np.ndarray | None = None

    def probabilities(self, embedding: np.ndarray, text: str, lex: Lexicon | None = None) -> dict[str, float]:
        x = features(embedding, text, self.cue_weight, lex)
        z = self.coef @ x + self.intercept
        z = np.exp(z - z.max())
        p = z / z.sum()
        return {c: float(v) for c, v in zip(self.classes, p, strict=True)}

    def accepts(self, embedding: np.ndarray | None) -> bool:
        return embedding is not None and len(embedding) == self.dimension

    def to_json(self) -> dict:
        return {
            "classes": list(self.classes),
            "coef": np.round(self.coef, 6).tolist(),
            "intercept": np.round(self.intercept, 6).tolist(),
            "cue_weight": self.cue_weight,
            "min_confidence": self.min_confidence,
            "head_weight": self.head_weight,
            "dimension": self.dimension,
            "probe": None if self.probe is None else np.round(self.probe, 6).tolist(),
        }

    @classmethod
    def from_json(cls, data: dict) -> SwotClassifier:
        return cls(
            classes=tuple(data["classes"]),
            coef=np.asarray(data["coef"], dtype=np.float32),
            intercept=np.asarray(data["intercept"], dtype=np.float32),
            cue_weight=float(data["cue_weight"]),
            min_confidence=float(data["min_confidence"]),
            head_weight=float(data["head_weight"]),
            dimension=int(data["dimension"]),
            probe=None if data.get("probe") is None else np.asarray(data["probe"], dtype=np.float32),
        )


def decide_probabilities(probs: dict[str, float], min_confidence: float) -> tuple[str, float]:
    """The most probable category; a SWOT label held with low confidence becomes 'other'."""
    best = max(probs, key=lambda c: probs[c])
    conf = round(probs[best], 3)
    if best != "other" and conf < min_confidence:
        return "other", conf
    return best, conf


def joint_decision(
    own: dict[str, float], translation: dict[str, float], min_confidence: float
) -> tuple[str, float]:
    """One label for a passage and its translation: the mean of their probabilities decides. A translation is
    a second view of the same statement, so the two must not disagree (28 of the shipped notes' 143 pairs did,
    "700 % over capacity" a threat in English and a strength in Indonesian); and two views decide better than
    one: held-out accuracy (bench/swot.py) 0.897 -> 0.908 (id) and 0.894 -> 0.899 (en)."""
    mean = {c: (own[c] + translation.get(c, 0.0)) / 2 for c in own}
    return decide_probabilities(mean, min_confidence)


def classify(
    embedding: np.ndarray | None, text: str, model: SwotClassifier | None, lex: Lexicon | None = None
) -> tuple[str, float]:
    """(category, confidence) of one sentence or factor; rules decide when there is no usable embedding."""
    if model is None or not model.accepts(embedding):
        return label_text(text, lex)
    assert embedding is not None
    return decide_probabilities(model.probabilities(embedding, text, lex), model.min_confidence)


def combine_with_head(own: dict[str, float], head: dict[str, float], head_weight: float) -> dict[str, float]:
    """A factor's own probabilities, tilted by its lead-in's (geometric mixture, renormalised).

    The lead-in tells polarity ("hambatan" → weakness or threat) but not internal vs external, so a negative
    lead-in lends its weight to both negative categories alike.
    """
    head = dict(head)
    if max(head, key=lambda c: head[c]) in NEGATIVE:
        neg = head["weakness"] + head["threat"]
        head["weakness"] = head["threat"] = neg / 2
    mixed = {c: math.exp(math.log(max(own[c], 1e-9)) + head_weight * math.log(max(head[c], 1e-9))) for c in own}
    total = sum(mixed.values())
    return {c: v / total for c, v in mixed.items()}


def label_sentence(
    sentence: str,
    sentence_embedding: np.ndarray | None,
    embed: object | None,
    model: SwotClassifier | None,
    lex: Lexicon | None = None,
) -> tuple[str, float, tuple[Factor, ...]]:
    """Like swot.extract_factors, but each factor labelled by the classifier on its own embedding.

    `embed` is a callable list[str] -> np.ndarray (passage prompt) used for the factors and the lead-in.
    """
    from knowledge.swot import extract_factors

    if model is None or embed is None or not model.accepts(sentence_embedding):
        return extract_factors(sentence, lex)
    assert sentence_embedding is not None
    probs = model.probabilities(sentence_embedding, sentence, lex)
    category, confidence = decide_probabilities(probs, model.min_confidence)
    head_end, spans = factor_spans(sentence)
    if not spans:
        return category, confidence, ()
    head_text = sentence[:head_end].strip()
    pieces = [sentence[lo:hi] for lo, hi in spans]
    vectors = embed([head_text, *pieces])  # type: ignore[operator]
    head_probs = model.probabilities(vectors[0], head_text, lex)
    head_label, _ = decide_probabilities(head_probs, model.min_confidence)
    if head_label == "other":
        # A list led in by a method or background clause ("8 facilities, among them …") is not a list of factors.
        return category, confidence, ()
    factors = []
    for (lo, hi), piece, vec in zip(spans, pieces, vectors[1:], strict=True):
        own = model.probabilities(vec, piece, lex)
        cat, conf = decide_probabilities(combine_with_head(own, head_probs, model.head_weight), model.min_confidence)
        factors.append(Factor(text=piece, start=lo, end=hi, category=cat, confidence=conf))
    cats = [f.category for f in factors if f.category in SWOT]
    main = max(cats, key=cats.count) if cats else category
    return main, confidence, tuple(factors)


@cache
def shipped_classifier() -> SwotClassifier | None:
    if not WEIGHTS_FILE.is_file():
        return None
    return SwotClassifier.from_json(json.loads(WEIGHTS_FILE.read_text(encoding="utf-8")))


_FITS: dict[tuple[str, int], bool] = {}


def classifier_for(embedder: object) -> SwotClassifier | None:
    """The shipped classifier if it was fitted on this embedder's model (probe check), else None → rules."""
    model = shipped_classifier()
    dimension = int(getattr(embedder, "dimension", 0))
    if model is None or dimension != model.dimension:
        return None
    key = (str(getattr(embedder, "name", "")), dimension)
    if key not in _FITS:
        vec = embedder.embed_passages([PROBE_TEXT])[0]  # type: ignore[attr-defined]
        _FITS[key] = model.probe is None or float(np.dot(vec, model.probe)) >= PROBE_MIN_COSINE
    return model if _FITS[key] else None


def fit(
    x: np.ndarray, y: list[str], c: float, cue_weight: float, min_confidence: float, head_weight: float
) -> SwotClassifier:
    """Fit on feature rows already built with `features(..., cue_weight)` (scikit-learn needed only here)."""
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
    clf.fit(x, y)
    order = [list(clf.classes_).index(cat) for cat in CATEGORIES if cat in clf.classes_]
    return SwotClassifier(
        classes=tuple(str(clf.classes_[i]) for i in order),
        coef=clf.coef_[order].astype(np.float32),
        intercept=clf.intercept_[order].astype(np.float32),
        cue_weight=cue_weight,
        min_confidence=min_confidence,
        head_weight=head_weight,
        dimension=x.shape[1] - N_CUE_FEATURES,
    )


# Chosen by translation-grouped 5-fold cross-validation (bench/swot.py); see scripts/train_swot.py.
HYPER = {"c": 16.0, "cue_weight": 0.5, "min_confidence": 0.35, "head_weight": 0.5}


def load_labelled(path: Path) -> list[dict]:
    """Labelled items ({"id", "lang", "text", "label", ...}); a bad line is reported with its number."""
    rows = []
    for n, row in iter_jsonl(path):
        if not isinstance(row.get("text"), str) or row.get("label") not in CATEGORIES:
            raise ValueError(f"{path}:{n}: needs a 'text' string and a 'label' in {', '.join(CATEGORIES)}")
        rows.append(row)
    return rows


def feature_matrix(embeddings: np.ndarray, texts: list[str], cue_weight: float) -> np.ndarray:
    return np.stack([features(e, t, cue_weight) for e, t in zip(embeddings, texts, strict=True)])


class PassageLabeller:
    """Labels a document's passages with the classifier, embedding each passage once; the vectors are kept so
    the caller stores them instead of embedding again."""

    def __init__(self, embedder: object) -> None:
        self._embed = embedder.embed_passages  # type: ignore[attr-defined]
        self.model = classifier_for(embedder)
        self.vectors: np.ndarray | None = None

    def __call__(self, texts: list[str]) -> list[tuple[str, float, tuple[Factor, ...]]]:
        self.vectors = self._embed(texts)
        if self.model is None or not self.model.accepts(self.vectors[0] if len(self.vectors) else None):
            return [label_sentence(t, v, None, None) for t, v in zip(texts, self.vectors, strict=True)]
        # Every list's lead-in and items in one length-sorted batch: one small model run per sentence costs
        # more than the items themselves on two cores.
        parts: dict[str, None] = {}
        for text in texts:
            head_end, spans = factor_spans(text)
            if spans:
                parts.update(dict.fromkeys([text[:head_end].strip(), *(text[lo:hi] for lo, hi in spans)]))
        found = dict(zip(parts, self._embed(list(parts)), strict=True)) if parts else {}

        def embed(batch: list[str]) -> np.ndarray:
            return np.stack([found[t] if t in found else self._embed([t])[0] for t in batch])

        return [label_sentence(t, v, embed, self.model) for t, v in zip(texts, self.vectors, strict=True)]
