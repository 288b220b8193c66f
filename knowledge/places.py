"""Whether a question asks where ("Where is Legok Nangka?", "Di mana lokasi TPA Sarimukti?"), and whether a
passage names a place. Pure; the words are in prompts/places.json.

"Where is Legok Nangka?" was led by "Japan called Legok Nangka an AZEC priority project", a passage naming no
place, above "TPPAS Legok Nangka in Nagreg, Bandung Regency, …": a passage naming no place cannot say where.
knowledge/service.py puts the passages naming one first, as it does those naming a date for a question asking
when (knowledge/dated.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import TypeVar

from knowledge.leads import first_having
from knowledge.parties import holds_names
from knowledge.source_notes import without_source_note
from knowledge.strings import alternation, asks_pattern, group_phrases
from knowledge.tokens import split_words

H = TypeVar("H")  # a search hit, or anything a passage's text is read from
_NAME = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}"


@cache
def _place_patterns() -> tuple[re.Pattern[str], ...]:
    before, words = (alternation(group_phrases("places.json", g)) for g in ("before_place", "place_words"))
    return (
        re.compile(rf"(?<!\w)(?i:{before})\s+(?:the\s+)?({_NAME})"),
        re.compile(rf"(?<!\w)((?:{words})\s+{_NAME}|{_NAME}\s+(?:{words}))(?!\w)"),
    )


def asks_where(question: str) -> bool:
    """Whether a question asks where ("Where is …?", "Di mana lokasi …?", "… dari mana?")."""
    return asks_pattern("places.json", "asks_where").search(question) is not None


def places_beyond(text: str, question: str) -> set[str]:
    """The places a passage names outside its source note that the question does not name."""
    asked = set(split_words(question))
    body = without_source_note(text)
    found = {m.group(1).strip() for p in _place_patterns() for m in p.finditer(body)}
    return {f for f in found if not set(split_words(f)) <= asked}


def led_by_places(hits: Sequence[H], text_of: Callable[[H], str], question: str) -> list[H]:
    """For a question asking where, ``hits`` with those naming a place the question does not name and holding
    its names first, each group in its order, when the first does not; failing any such, those holding its
    names, then those naming a place. Otherwise ``hits`` as they are."""
    if not asks_where(question):
        return list(hits)
    # A passage placing another thing answers nothing: "Where is TPA Cicabe?" was led by "TPA Sarimukti in
    # Cipatat, …", over "… a pilot waste facility at TPA Cicabe (Mandalajati)".
    placed = {id(h) for h in hits if places_beyond(text_of(h), question)}
    named = {id(h) for h in hits if holds_names(text_of(h), question)}
    if placed & named:
        return first_having(hits, lambda h: id(h) in placed & named)
    if named:
        return first_having(hits, lambda h: id(h) in named)
    return first_having(hits, lambda h: id(h) in placed)
