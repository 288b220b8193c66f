"""Questions asking where, and the places a passage names (knowledge/places.py)."""

from __future__ import annotations

import pytest

from knowledge.places import asks_where, led_by_places, places_beyond

AZEC = "Japan called Legok Nangka an AZEC priority project (Source: Antara Jabar, jabar.antaranews.com, 2024)."
NAGREG = "TPPAS Legok Nangka in Nagreg, Bandung Regency, is the regional waste-to-energy facility for 6 regions."


@pytest.mark.parametrize(
    ("question", "asks"),
    [("Where is Legok Nangka?", True), ("Di mana lokasi TPA Sarimukti?", True), ("Sampahnya dibuang ke mana?", True),
     ("The waste went where?", True), ("How many people died where the dump collapsed?", False),
     ("When was it built?", False)],
)
def test_asks_where(question: str, asks: bool) -> None:
    assert asks_where(question) is asks


def test_places_beyond_the_question_outside_the_source_note() -> None:
    question = "Where is Legok Nangka?"
    assert places_beyond(NAGREG, question) == {"Nagreg", "Bandung Regency"}
    assert places_beyond(AZEC, question) == set()  # "Antara Jabar" is the source's
    assert places_beyond("Kota Bandung menghasilkan 1.500 ton sampah.", "Berapa sampah Kota Bandung?") == set()
    assert places_beyond("TPA Sarimukti di Cipatat, Kabupaten Bandung Barat, dibuka pada Mei 2006.",
                          "Di mana lokasi TPA Sarimukti?") >= {"Cipatat", "Kabupaten Bandung Barat"}


def test_a_question_asking_where_is_led_by_a_passage_naming_a_place() -> None:
    assert led_by_places([AZEC, NAGREG], str, "Where is Legok Nangka?") == [NAGREG, AZEC]
    assert led_by_places([NAGREG, AZEC], str, "Where is Legok Nangka?") == [NAGREG, AZEC]
    assert led_by_places([AZEC, NAGREG], str, "What is Legok Nangka?") == [AZEC, NAGREG]


def test_a_passage_on_what_is_asked_leads_over_one_placing_something_else() -> None:
    sarimukti = "TPA Sarimukti in Cipatat, West Bandung Regency, opened in May 2006."
    cicabe = "Talks led to a plan for a pilot waste facility at TPA Cicabe (Mandalajati) processing 40 tonnes a day."
    cicabe_placed = "TPA Cicabe in Mandalajati, Bandung, is a small landfill."
    question = "Where is TPA Cicabe?"
    assert led_by_places([sarimukti, cicabe], str, question) == [cicabe, sarimukti]
    # One placing what is asked leads over one only naming it.
    assert led_by_places([sarimukti, cicabe, cicabe_placed], str, question) == [cicabe_placed, sarimukti, cicabe]
