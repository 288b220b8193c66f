"""Putting first the passages that can answer what a question asks for: a date for "when", someone for "who", a
place for "where". Pure."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

H = TypeVar("H")  # a search hit, or anything a passage's text is read from


def first_having(hits: Sequence[H], has: Callable[[H], bool]) -> list[H]:
    """``hits`` with those that ``has`` first, each group in its order, when the first has not: a passage naming
    no date cannot say when, one naming no one cannot say who. Otherwise ``hits`` as they are."""
    if not hits or has(hits[0]):
        return list(hits)
    return sorted(hits, key=lambda h: not has(h))
