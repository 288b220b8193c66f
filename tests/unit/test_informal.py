"""Informal Indonesian read in its standard form (knowledge/informal.py)."""

from __future__ import annotations

import pytest

from knowledge.informal import formal_form


@pytest.mark.parametrize(
    ("typed", "formal"),
    [("brp", "berapa"), ("gimana", "bagaimana"), ("gmn", "bagaimana"), ("aja", "saja"), ("udah", "sudah"),
     ("Brp", "berapa"), ("kayak", "seperti"), ("kalo", "kalau"), ("ga", "tidak"), ("nggak", "tidak"),
     ("sm", "sama")],
    # from "kayak" on: prompts/informal.json's additions
)
def test_chat_words_have_their_standard_form(typed: str, formal: str) -> None:
    assert formal_form(typed) == formal


@pytest.mark.parametrize("word", [
    "BRP", "GA",  # in capitals: an acronym ("GA-181", a flight)
    "SM", "pd",  # the lexicon's two-letter words: as often an abbreviation in a document ("232 SM", "PD Kebersihan")
    "kaya", "minta",  # standard words the lexicon maps anyway ("rich" is no "kayak"): dropped
    "kerja", "sampah", "berapa",  # standard words
])
def test_acronyms_short_words_and_standard_words_are_left_alone(word: str) -> None:
    assert formal_form(word) is None
