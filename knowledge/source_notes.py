"""The source note a passage may end with ("(Source: ERI Kawasaki, eri-kawasaki.jp/?p=7855, undated)", "(Sumber:
…)"): the shipped notes end every statement with one. Its names, years and lists are the source's, not the
passage's: the latest-news step dates a passage without it, the SWOT factors are never read from it, and a
bracket opening one spells no abbreviation out. Pure."""

from __future__ import annotations

SOURCE_MARKS = ("(Source:", "(Sumber:")


def without_source_note(text: str) -> str:
    """The text up to its source note (the whole text when it has none)."""
    return text[: min((i for mark in SOURCE_MARKS if (i := text.find(mark)) >= 0), default=len(text))]
