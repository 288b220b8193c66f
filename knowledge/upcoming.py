"""Whether a question asks what comes next ("When is the mayor's next visit to Kawasaki?", "Apa langkah
selanjutnya?") and whether a passage speaks of anything to come. Pure; the words are in prompts/upcoming.json.

The documents report what happened. A question asking for the next visit, election or step shares its subject
with them and nothing else: "Kapan kunjungan wali kota berikutnya ke Kawasaki?" was answered, unmarked, with the
February 2019 delegation's agenda, and "Kapan pemilihan wali kota Bandung berikutnya?" with a 2016 tender.
knowledge/service.py marks such an answer when its best passage speaks of no plan, step or date to come.
"""

from __future__ import annotations

from knowledge.source_notes import without_source_note
from knowledge.strings import phrase_pattern


def asks_next(question: str) -> bool:
    """Whether the question asks what comes next ("next", "upcoming", "berikutnya", "selanjutnya")."""
    return phrase_pattern("upcoming.json", "asks_next").search(question) is not None


def speaks_of_next(passage: str) -> bool:
    """Whether the passage, outside its source note, speaks of what is to come ("the plan for the next phase",
    "akan", "direncanakan")."""
    return phrase_pattern("upcoming.json", "future").search(without_source_note(passage)) is not None


def misses_next(question: str, passage: str) -> bool:
    """Whether the question asks what comes next and the passage speaks of nothing to come."""
    return asks_next(question) and not speaks_of_next(passage)
