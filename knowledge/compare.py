"""The passages that can answer a question asking how named things differ (knowledge/framing.py ``compares``):
those naming all of them. Pure."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from knowledge.leads import H, first_having
from knowledge.parties import holds_names, question_names


def led_by_all_names(hits: Sequence[H], text_of: Callable[[H], str], things: str) -> list[H]:
    """For the things a comparison asks about ("KSDPL and KSDLL?"), two or more names, ``hits`` with those naming
    all of them first, each group in its order, when the first does not: "What is the difference between KSDPL
    and KSDLL?" was led by "The objects of cooperation with a foreign local government (KSDPL) are …", over the
    passage naming both. Otherwise ``hits`` as they are."""
    # The things open the question once its asking words are gone: its first word is a name too.
    if len(question_names(things, past_first=False)) < 2:
        return list(hits)
    return first_having(hits, lambda h: holds_names(text_of(h), things, past_first=False))
