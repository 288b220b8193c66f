"""mutual_twins: translations are each other's closest text in the other language, and close enough."""

from __future__ import annotations

import numpy as np

from knowledge.translations import TRANSLATION_FLOOR, mutual_twins


def test_only_mutual_nearest_pairs_across_languages_above_the_floor() -> None:
    a, b = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    near = np.array([0.95, np.sqrt(1 - 0.95**2)])
    nearer = np.array([0.99, np.sqrt(1 - 0.99**2)])
    vectors = np.stack([a, near, nearer, b])
    # id "a" pairs with its closest English row "nearer", not "near"; "b" (English) has no Indonesian twin.
    assert mutual_twins(vectors, ["id", "en", "en", "en"]) == {0: 2, 2: 0}
    assert mutual_twins(vectors, ["id", "id", "id", "id"]) == {}
    assert mutual_twins(vectors[:2], ["id", "en"], floor=0.96) == {}
    assert mutual_twins(vectors[:1], ["id"]) == {} and 0.8 < TRANSLATION_FLOOR < 0.9
