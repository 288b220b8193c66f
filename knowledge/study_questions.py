"""Whether a question is about the study itself ("Teori apa yang dipakai penelitian ini?", "Which years does
the study cover?"). Pure; the phrases are in prompts/study.json."""

from __future__ import annotations

import re
from functools import cache

from knowledge.strings import load_json


@cache
def _pattern() -> re.Pattern[str]:
    phrases = {p.lower() for ps in load_json("study.json")["refers"].values() for p in ps}
    # Longest first, whole words only: "peneliti" must not match inside "penelitian".
    body = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def asks_about_study(question: str) -> bool:
    """Whether the question refers to the study (prompts/study.json), in either language."""
    return _pattern().search(" ".join(question.split())) is not None


def without_study_words(question: str) -> str:
    """The question without the phrases that refer to the study: what it asks of the study."""
    return " ".join(_pattern().sub(" ", " ".join(question.split())).split())  # names keep their capitals
