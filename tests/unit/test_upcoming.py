"""Questions asking what comes next, and passages speaking of what is to come (knowledge/upcoming.py)."""

from __future__ import annotations

import pytest

from knowledge.upcoming import asks_next, misses_next, speaks_of_next

AGENDA = ("The agenda of the February 2019 Bandung delegation to Kawasaki was to meet the Mayor of Kawasaki "
          "(Source: Jabar Ekspres, jabarekspres.com, 31 Jan 2019).")
NEXT_PHASE = ("In early 2019 the plan for the next phase of the Bandung–Kawasaki cooperation was to shift toward "
              "wastewater treatment (Source: BDG Today, bdgtoday.com, 30 Jan 2019).")


@pytest.mark.parametrize(
    ("question", "asks"),
    [("When is the mayor's next visit to Kawasaki planned?", True),
     ("Kapan kunjungan wali kota berikutnya ke Kawasaki?", True),
     ("Apa langkah selanjutnya dalam kerja sama ini?", True),
     ("Who will build it?", False),  # answered by who won the tender: "will" is no word of asking next
     ("When did the delegation visit Kawasaki?", False)],
)
def test_asks_next(question: str, asks: bool) -> None:
    assert asks_next(question) is asks


def test_a_passage_speaks_of_what_is_to_come_outside_its_source_note() -> None:
    assert speaks_of_next(NEXT_PHASE)
    assert speaks_of_next("Pelatihan air limbah akan menyusul.")
    assert not speaks_of_next(AGENDA)
    assert not speaks_of_next("The MoU was signed in 2016 (Source: Next City, nextcity.org, 2017).")


def test_the_next_visit_is_missed_by_the_last_agenda_and_the_next_phase_is_not() -> None:
    assert misses_next("When is the mayor's next visit to Kawasaki planned?", AGENDA)
    assert not misses_next("What was planned for the next phase?", NEXT_PHASE)
    assert not misses_next("When did the delegation visit Kawasaki?", AGENDA)
