"""A passage and its translation get one SWOT label.

The shipped notes, the abstract and many uploads state each fact in both languages, and the classifier labels
each version on its own: 28 of the shipped notes' 143 translation pairs came out in two different categories
(the same fact a strength in the English matrix and "other" in the Indonesian one). When a document comes in,
each new passage's translation is looked for among its own passages and the stored ones
(knowledge.translations), and both are labelled by their mean probabilities (knowledge.swot_model). A stored
passage whose label changes that way is returned for the store to update."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from knowledge.store import Store
from knowledge.swot_model import SwotClassifier, joint_decision
from knowledge.translations import translations_with_stored
from knowledge.types import Passage


def agree_with_translations(
    store: Store, model: SwotClassifier | None, passages: Sequence[Passage], vectors: np.ndarray
) -> tuple[list[Passage], list[Passage]]:
    """The new passages with each translated one labelled jointly with its translation, and the stored
    passages whose label changes with them. Passages labelled by their listed factors keep those labels (a
    factor's label is its own, not its passage's); without the classifier (rules) nothing changes."""
    new = list(passages)
    if model is None or not new or not model.accepts(vectors[0]):
        return new, []
    found: dict[str, tuple[Passage, np.ndarray]] = {}

    def stored_vectors(ids: Sequence[str]) -> tuple[np.ndarray, list[str]]:
        got, vecs = store.get_passages(ids, with_vectors=True)
        assert vecs is not None
        found.update({p.id: (p, v) for p, v in zip(got, vecs, strict=True)})
        return np.stack([found[i][1] for i in ids]), [found[i][0].language for i in ids]

    pairs = translations_with_stored(vectors, [p.language for p in new], store.nearest_in_other_language,
                                     stored_vectors)
    changed: dict[str, Passage] = {}
    labelled = list(new)
    for i, target in pairs.items():
        twin, twin_vector = (new[target], vectors[target]) if isinstance(target, int) else found[target]
        own = new[i]
        if own.factors or twin.factors:
            continue
        category, confidence = joint_decision(
            model.probabilities(vectors[i], own.text), model.probabilities(twin_vector, twin.text),
            model.min_confidence,
        )
        labelled[i] = replace(own, category=category, confidence=confidence)
        if isinstance(target, str) and (twin.category, twin.confidence) != (category, confidence):
            changed[twin.id] = replace(twin, category=category, confidence=confidence)
    return labelled, list(changed.values())
