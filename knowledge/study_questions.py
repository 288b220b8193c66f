"""Whether a question is about the study itself ("Teori apa yang dipakai penelitian ini?", "Which years does
the study cover?"), and whether it asks for a time. Pure; the phrases are in prompts/study.json."""

from __future__ import annotations

import re

from knowledge.strings import phrase_pattern

# A year as the sources write one (1800–2099); knowledge/dated.py reads dates by it too.
YEAR = r"(?:1[89]|20)\d\d"
# One alone or in a span ("2017–2020", "FY2014"): what a "when" question is given.
_YEAR = re.compile(rf"(?<!\d){YEAR}(?!\d)")


def _pattern(group: str) -> re.Pattern[str]:
    return phrase_pattern("study.json", group)


def asks_about_study(question: str) -> bool:
    """Whether the question refers to the study (prompts/study.json), in either language; not by a phrase that
    names another document ("the thesis chapter" a background note cites)."""
    text = _pattern("other_document").sub(" ", " ".join(question.split()))
    return _pattern("refers").search(text) is not None


def without_study_words(question: str) -> str:
    """The question without the phrases that refer to the study: what it asks of the study."""
    return " ".join(_pattern("refers").sub(" ", " ".join(question.split())).split())  # names keep their capitals


def asks_when(question: str) -> bool:
    """Whether the question asks for a time ("Which years …", "Kapan …", "Tahun berapa …"), in either language."""
    return _pattern("asks_when").search(" ".join(question.split())) is not None


def mentions_conclusion(text: str) -> bool:
    """Whether the text names a conclusion or recommendation ("What does the study recommend?", "Penelitian ini
    menyimpulkan …"), in either language: in a question, what it asks of the study; in a study passage, that
    the passage gives it."""
    return gives_aspect("conclusion", text)


# What a question may ask of the study beyond its time, and the groups of prompts/study.json by which a question
# asks for it and a study passage gives it: a conclusion is asked and given by the same words.
_ASPECTS = {"conclusion": ("conclusion", "conclusion"), "sources": ("sources_asks", "sources_gives")}


def asked_aspect(question: str) -> str | None:
    """What the question asks of the study: "conclusion" ("Apa rekomendasi …?", "What did the researchers
    conclude?"), "sources" ("Dari mana peneliti mengambil datanya?"), or None. Give it the question without its
    study words (``without_study_words``): "the research" is no source."""
    text = " ".join(question.split())
    return next((aspect for aspect, (asks, _) in _ASPECTS.items() if _pattern(asks).search(text)), None)


def gives_aspect(aspect: str, text: str) -> bool:
    """Whether a study passage gives that aspect ("Penelitian ini menyimpulkan …", "… bersumber dari jurnal
    ilmiah …")."""
    return _pattern(_ASPECTS[aspect][1]).search(" ".join(text.split())) is not None


def aspect_words(question: str) -> set[str]:
    """The words by which a question asks for the study's conclusion or sources ("recommend", "datanya"),
    lower-cased: the passage that answers it need not use them (knowledge/answer_check.py leaves them out)."""
    text = " ".join(question.split())
    return {m.group().lower() for asks, _ in _ASPECTS.values() for m in _pattern(asks).finditer(text)}


def years_named(text: str) -> list[int]:
    """The years (1800–2099) the text names, alone or in a span ("2017–2020": 2017 and 2020), in order."""
    return [int(y) for y in _YEAR.findall(text)]


def names_year(text: str) -> bool:
    """Whether the text names a year, alone or in a span: an answer to a question asking when."""
    return _YEAR.search(text) is not None
