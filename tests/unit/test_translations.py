"""mutual_twins: translations are each other's closest text in the other language, and close enough."""

from __future__ import annotations

import numpy as np
import pytest

from knowledge import translations
from knowledge.translations import TRANSLATION_FLOOR, mutual_twins, translations_with_stored


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


def test_a_passage_in_neither_answer_language_is_no_translation() -> None:
    # A Japanese report closest to the English note must not take the note from its Indonesian translation:
    # answers are shown in Indonesian or English, and only those two swap for each other.
    en, ja, id_ = np.array([1.0, 0.0]), np.array([0.999, np.sqrt(1 - 0.999**2)]), np.array([0.95, np.sqrt(1 - 0.95**2)])
    assert mutual_twins(np.stack([en, ja, id_]), ["en", "ja", "id"]) == {0: 2, 2: 0}
    assert mutual_twins(np.stack([en, ja]), ["en", "ja"]) == {}
    assert translations.twin_language("ja") is None and translations.twin_language("id") == "en"


def _unit(angle_deg: float) -> np.ndarray:
    a = np.radians(angle_deg)
    return np.array([np.cos(a), np.sin(a)], dtype=np.float32)


class _Stored:
    """A store of a few passages, asked the way knowledge.store.Store is."""

    def __init__(self, rows: dict[str, tuple[float, str]]) -> None:
        self.rows = {pid: (_unit(deg), lang) for pid, (deg, lang) in rows.items()}
        self.asked: list[list[str]] = []

    def nearest(self, vectors: np.ndarray, languages: list[str]) -> list[tuple[str, float] | None]:
        out: list[tuple[str, float] | None] = []
        for v, lang in zip(vectors, languages, strict=True):
            cands = [(pid, float(vec @ v)) for pid, (vec, other) in self.rows.items() if other != lang]
            out.append(max(cands, key=lambda c: c[1]) if cands else None)
        return out

    def vectors(self, ids: list[str]) -> tuple[np.ndarray, list[str]]:
        self.asked.append(list(ids))
        return np.stack([self.rows[i][0] for i in ids]), [self.rows[i][1] for i in ids]


def test_a_new_passage_finds_its_translation_among_new_and_stored_passages() -> None:
    # cos 10° = 0.985, cos 15° = 0.966, cos 35° = 0.82 (under the floor)
    stored = _Stored({"en-old": (10.0, "en"), "id-old": (90.0, "id")})
    vectors = np.stack([_unit(0.0), _unit(80.0), _unit(105.0), _unit(140.0)])
    pairs = translations_with_stored(vectors, ["id", "en", "en", "id"], stored.nearest, stored.vectors)
    # Row 0 pairs with the stored English passage, row 1 with the stored Indonesian one. Row 2's closest
    # Indonesian text is id-old too, but id-old's closest English text is row 1: no pair. Row 3 is 35° from
    # everything English: no translation.
    assert pairs == {0: "en-old", 1: "id-old"}
    assert stored.asked == [["en-old", "id-old"]]


def test_a_stored_passage_with_a_closer_translation_of_its_own_is_not_taken() -> None:
    stored = _Stored({"en-old": (5.0, "en"), "id-old": (0.0, "id")})
    vectors = np.stack([_unit(12.0)])  # new Indonesian text, closest to en-old, which is closer to id-old
    assert translations_with_stored(vectors, ["id"], stored.nearest, stored.vectors) == {}


def test_translations_within_one_new_document_and_an_empty_store() -> None:
    stored = _Stored({})
    vectors = np.stack([_unit(0.0), _unit(15.0), _unit(60.0)])
    pairs = translations_with_stored(vectors, ["id", "en", "en"], stored.nearest, stored.vectors)
    assert pairs == {0: 1, 1: 0}
    assert stored.asked == []
    assert translations_with_stored(vectors[:0], [], stored.nearest, stored.vectors) == {}
    assert translations_with_stored(vectors[:2], ["id", "en"], stored.nearest, stored.vectors, floor=0.99) == {}


def test_rows_compared_a_block_at_a_time_give_the_same_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    stored = _Stored({"en-old": (10.0, "en"), "id-old": (90.0, "id")})
    vectors = np.stack([_unit(0.0), _unit(80.0), _unit(105.0), _unit(140.0), _unit(150.0)])
    langs = ["id", "en", "en", "id", "en"]
    whole = translations_with_stored(vectors, langs, stored.nearest, stored.vectors)
    monkeypatch.setattr(translations, "_BLOCK", 2)
    assert translations_with_stored(vectors, langs, stored.nearest, stored.vectors) == whole
    assert whole == {0: "en-old", 1: "id-old", 3: 4, 4: 3}


def test_a_translation_a_hair_further_than_a_row_paired_closer_elsewhere_is_still_found() -> None:
    # id28/en28 pair closely; id29 is a hair nearer en28 than its own translation en29 (the Perda notes).
    vectors = np.stack([_unit(0), _unit(3), _unit(8), _unit(13.5)])
    langs = ["id", "en", "id", "en"]
    assert translations.mutual_twins(vectors, langs) == {0: 1, 1: 0}  # mutual-nearest alone: no id29/en29
    both = translations.translation_rows([0, 1, 2, 3], vectors, langs)
    assert both == {0: 1, 1: 0, 2: 3, 3: 2}
    # Asked from either side alone, the same pair.
    assert translations.translation_rows([2], vectors, langs) == {2: 3}
    assert translations.translation_rows([3], vectors, langs) == {3: 2}


def test_a_row_paired_with_its_own_translation_is_taken_by_no_other() -> None:
    # en2's only Indonesian row is id1, whose translation is en1: en2 gets none, and en1 keeps id1.
    vectors = np.stack([_unit(0), _unit(2), _unit(6), _unit(90)])
    langs = ["id", "en", "en", "en"]
    assert translations.translation_rows([0, 1, 2, 3], vectors, langs) == {0: 1, 1: 0}
