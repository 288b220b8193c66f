"""The trained SWOT classifier's deciding logic, without the real model: fallback to rules, the lead-in prior,
low confidence → other, and each listed factor labelled on its own embedding (both languages)."""

from __future__ import annotations

import numpy as np
import pytest

from knowledge.swot import extract_factors
from knowledge.swot_model import (
    N_CUE_FEATURES,
    SwotClassifier,
    classifier_for,
    classify,
    combine_with_head,
    decide_probabilities,
    joint_decision,
    label_sentence,
    shipped_classifier,
)
from knowledge.types import CATEGORIES
from tests.fakes import FakeEmbedder
from tests.unit.test_swot import OBSTACLES_EN, OBSTACLES_ID


class WideFake(FakeEmbedder):
    """Wider hashed vectors: fewer word collisions, so a toy linear classifier over them is readable."""

    dimension = 2048


FAKE = WideFake()
# Words that mark each category for a toy classifier over the fake (bag-of-hashed-words) embedder.
TOY_WORDS = {
    "strength": "komitmen commitment kebijakan policy pengalaman experience kekuatan strengths",
    "weakness": "anggaran budget sdm human resources budaya cultural koordinasi coordination hambatan obstacles",
    "opportunity": "transfer teknologi technology jejaring networking pendanaan funding peluang opportunities",
    "threat": "pandemi pandemic eksternal external covid",
    "other": "penelitian study metode method",
}


def toy_classifier(head_weight: float = 0.5) -> SwotClassifier:
    coef = np.zeros((len(CATEGORIES), FAKE.dimension + N_CUE_FEATURES), dtype=np.float32)
    for i, cat in enumerate(CATEGORIES):
        coef[i, : FAKE.dimension] = 12 * sum(FAKE.embed_passages(TOY_WORDS[cat].split()))
    return SwotClassifier(CATEGORIES, coef, np.zeros(len(CATEGORIES), np.float32), 0.0, 0.35, head_weight,
                          FAKE.dimension)


def test_shipped_weights_load_and_are_small() -> None:
    model = shipped_classifier()
    assert model is not None and model.classes == CATEGORIES
    assert model.dimension == 384 and model.coef.shape == (5, 384 + N_CUE_FEATURES)


def test_another_model_falls_back_to_rules() -> None:
    # The fake embedder's vectors are not the model the weights were fitted on.
    assert classifier_for(FakeEmbedder()) is None and classifier_for(FAKE) is None
    text = "keterbatasan anggaran daerah untuk program kerja sama luar negeri"
    assert classify(FAKE.embed_passages([text])[0], text, shipped_classifier())[0] == "weakness"
    assert classify(None, text, None)[0] == "weakness"
    assert label_sentence(OBSTACLES_EN, None, None, None) == extract_factors(OBSTACLES_EN)


def test_low_confidence_becomes_other() -> None:
    assert decide_probabilities({"strength": 0.3, "weakness": 0.25, "opportunity": 0.2, "threat": 0.15,
                                 "other": 0.1}, 0.35) == ("other", 0.3)
    assert decide_probabilities({"strength": 0.8, "weakness": 0.05, "opportunity": 0.05, "threat": 0.05,
                                 "other": 0.05}, 0.35) == ("strength", 0.8)


def test_negative_lead_in_does_not_choose_between_weakness_and_threat() -> None:
    own = {"strength": 0.05, "weakness": 0.3, "opportunity": 0.05, "threat": 0.55, "other": 0.05}
    head = {"strength": 0.02, "weakness": 0.9, "opportunity": 0.02, "threat": 0.04, "other": 0.02}
    mixed = combine_with_head(own, head, 1.0)
    assert max(mixed, key=lambda c: mixed[c]) == "threat"  # "hambatan, termasuk … pandemi" stays a threat
    assert abs(sum(mixed.values()) - 1) < 1e-6
    # A positive lead-in tips an ambiguous factor ("dukungan kebijakan nasional": strength or opportunity?).
    own = {"strength": 0.4, "weakness": 0.05, "opportunity": 0.45, "threat": 0.05, "other": 0.05}
    head = {"strength": 0.9, "weakness": 0.02, "opportunity": 0.04, "threat": 0.02, "other": 0.02}
    mixed = combine_with_head(own, head, 0.5)
    assert max(mixed, key=lambda c: mixed[c]) == "strength"


@pytest.mark.parametrize("sentence", [OBSTACLES_ID, OBSTACLES_EN])
def test_each_factor_is_labelled_on_its_own_embedding(sentence: str) -> None:
    model = toy_classifier()
    category, _, factors = label_sentence(sentence, FAKE.embed_passages([sentence])[0], FAKE.embed_passages, model)
    assert [f.category for f in factors] == ["weakness"] * 4 + ["threat"]
    assert category == "weakness"
    for f in factors:
        assert sentence[f.start : f.end] == f.text and 0 < f.confidence <= 1


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Peluang juga terbuka melalui transfer teknologi, perluasan jejaring internasional, hingga potensi "
         "pendanaan dari lembaga seperti JICA.", ["opportunity"] * 3),
        ("Opportunities also emerged through technology transfer, international networking expansion, and "
         "potential funding from institutions such as JICA.", ["opportunity"] * 3),
    ],
)
def test_opportunity_lists_in_both_languages(sentence: str, expected: list[str]) -> None:
    _, _, factors = label_sentence(sentence, FAKE.embed_passages([sentence])[0], FAKE.embed_passages,
                                   toy_classifier())
    assert [f.category for f in factors] == expected


def test_list_after_a_method_lead_in_has_no_factors() -> None:
    s = "Penelitian ini menggunakan metode studi literatur, yaitu jurnal ilmiah, laporan resmi, dan portal berita."
    _, _, factors = label_sentence(s, FAKE.embed_passages([s])[0], FAKE.embed_passages, toy_classifier())
    assert factors == ()


def test_a_passage_and_its_translation_are_labelled_by_their_mean_probabilities() -> None:
    english = {"strength": 0.05, "weakness": 0.15, "opportunity": 0.05, "threat": 0.45, "other": 0.30}
    indonesian = {"strength": 0.40, "weakness": 0.10, "opportunity": 0.05, "threat": 0.20, "other": 0.25}
    assert decide_probabilities(english, 0.35)[0] == "threat"
    assert decide_probabilities(indonesian, 0.35)[0] == "strength"
    # Mean: threat 0.325, other 0.275, strength 0.225; a SWOT label under the confidence floor is "other".
    assert joint_decision(english, indonesian, 0.30) == ("threat", 0.325)
    assert joint_decision(indonesian, english, 0.30) == ("threat", 0.325)
    assert joint_decision(english, indonesian, 0.35) == ("other", 0.325)
