"""Whether a question asks what happened at a date ("What happened on 24 August 2016?", "Apa saja kegiatan kerja
sama pada tahun 2019?"), and whether a passage names that date. Pure; the words are in prompts/dated.json.

Such a question shares nothing with its answers but the date, which the search weighs as one word among many:
"What happened on 24 August 2016?" was refused though "On 24 August 2016 Kawasaki's proposal was adopted …" was
the passage most like it, and "Apa yang terjadi pada Februari 2020?" was led by the day commemorating a
landslide of February 2005 (knowledge/service.py puts the passages naming the date first).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TypeVar

from knowledge.latest import names_partnership
from knowledge.leads import first_having
from knowledge.partnerships import ours
from knowledge.source_notes import without_source_note
from knowledge.strings import alternation, asks_pattern, group_phrases, load_json
from knowledge.study_questions import YEAR
from knowledge.tokens import split_words, stopwords

H = TypeVar("H")  # a search hit, or anything a passage's text is read from


@dataclass(frozen=True)
class Date:
    """A year, a month of it, or a day of that month; a span of days ("2–8 February 2020") has both ends."""

    year: int
    month: int | None = None
    day: int | None = None
    last_day: int | None = None

    def within(self, asked: Date) -> bool:
        """Whether this date falls in the one asked for, to the precision asked ("6 February 2020" is in
        February 2020 and in 2020; "2–8 February 2020" holds 5 February 2020)."""
        if self.year != asked.year:
            return False
        if asked.month is None:
            return True
        if self.month != asked.month:
            return False
        if asked.day is None:
            return True
        if self.day is None:
            return False
        return self.day <= asked.day <= (self.last_day or self.day)


@cache
def _table() -> dict:
    return dict(load_json("dated.json"))


@cache
def _month_numbers() -> dict[str, int]:
    return {name: n for n, names in enumerate(_table()["months"], start=1) for name in names}


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    months = "|".join(sorted(_month_numbers(), key=len, reverse=True))
    day = r"(?:(\d{1,2})(?:\s*[–-]\s*(\d{1,2}))?\s+)?"
    dated = re.compile(rf"(?<![\w.]){day}({months})\.?\s+({YEAR})(?!\d)", re.IGNORECASE)
    # A year alone, or one of a fiscal year ("FY2014", "tahun fiskal 2014"): not part of a longer number.
    year = re.compile(rf"(?<![\d.,])(?:fy)?({YEAR})(?![\d.,]\d)", re.IGNORECASE)
    return dated, year


def dates_in(text: str) -> list[Date]:
    """The dates a text names: each day or month with its year, then each year named alone."""
    dated, year = _patterns()
    found: list[Date] = []
    for m in dated.finditer(text):
        first, last, month, y = m.groups()
        found.append(Date(int(y), _month_numbers()[month.lower()], int(first) if first else None,
                          int(last) if last else None))
    rest = dated.sub(" ", text)
    found += [Date(int(y)) for y in year.findall(rest)]
    return found


@cache
def _words(group: str) -> frozenset[str]:
    return frozenset(w for lang, ws in _table()[group].items() if not lang.startswith("_") for w in ws)


@lru_cache(maxsize=64)  # asked by the dated step and again by the answer check (event_words), per question
def asked_date(question: str) -> Date | None:
    """The date a question asks the events of: it names one date, asks what happened ("happened", "kegiatan"),
    and says nothing else but words naming the partnership, words about dates and stop words. None for any
    other question ("Who signed the MoU in 2016?", "What happened between 2016 and 2019?")."""
    dates = dates_in(question)
    if len(dates) != 1:
        return None
    dated, year = _patterns()
    rest = names_partnership().sub(" ", year.sub(" ", dated.sub(" ", question)))
    words = split_words(rest)
    events = _words("asks_events")
    if not any(w in events for w in words):
        return None
    allowed = events | _words("date_words") | stopwords() | {c.lower() for c in ours()}
    return dates[0] if all(w in allowed for w in words) else None


def event_words(question: str) -> set[str]:
    """The words by which a question asking what happened at a date asks that ("happened", "kegiatan"): its
    answers name the date, not the happening, so no check wants them in the passages. Empty for any other."""
    if asked_date(question) is None:
        return set()
    asking = _words("asks_events") | _words("date_words")
    return {w for w in split_words(question) if w in asking}


@cache
def _marked_year() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(tahun|year|fy|ta)\s+{YEAR}(?!\d)", re.IGNORECASE)


def year_markers(question: str) -> set[str]:
    """The words saying that the number after them is a year ("tahun 2019", "the year 2016"): a passage giving
    the year gives all they say, and no check wants them in the passages ("Instansi apa saja yang ikut rombongan
    Bandung tahun 2019?" was marked as missing "tahun", answered by the delegation of February 2019)."""
    return {m.group(1).lower() for m in _marked_year().finditer(question)}


def _own_dates(text: str) -> list[Date]:
    """The dates a passage names outside its source note (whose date is the source's)."""
    return dates_in(without_source_note(text))


def _first_within(text: str, asked: Date) -> Date | None:
    """The passage's first date within the one asked, outside its source note."""
    return next((d for d in _own_dates(text) if d.within(asked)), None)


def names_date(text: str, asked: Date) -> bool:
    """Whether a passage dates what it says to the date asked, outside its source note."""
    return _first_within(text, asked) is not None


def first_within(text: str, asked: Date) -> tuple[int, int]:
    """The (month, day) of the passage's first date within the one asked, for a calendar order; (13, 32) when
    it has none or names only the year."""
    d = _first_within(text, asked)
    return (13, 32) if d is None else (d.month or 13, d.day or 32)


def asks_for_date(question: str) -> bool:
    """Whether a question asks when something was ("Sejak kapan?", "What year was the MoU signed?"). Not
    knowledge.study_questions.asks_when, which takes any "year" or "when" as asking the study's period."""
    return asks_pattern("dated.json", "asks_date").search(question) is not None


def led_by_dates(hits: Sequence[H], text_of: Callable[[H], str], question: str) -> list[H]:
    """For a question asking when, ``hits`` with those that name a date first, each group in its order, when the
    first names none: a passage with no date cannot say when ("Since when?" after "What is Kang Pisman?" was led
    by the acronym's passage, not by "… in place since 2018"). Otherwise ``hits`` as they are."""
    if not asks_for_date(question):
        return list(hits)
    return first_having(hits, lambda h: bool(_own_dates(text_of(h))))


@cache
def _bound() -> re.Pattern[str]:
    words = alternation(group_phrases("dated.json", "relative_to_date"))
    return re.compile(rf"(?<!\w)(?:{words})\s+(?:(?:tahun|the\s+year|fy)\s*)?{YEAR}", re.IGNORECASE)


def _bound_year(question: str) -> bool:
    """Whether a year the question names is a bound ("after 2020", "sebelum 2016"), not the time it asks about."""
    return _bound().search(question) is not None


def led_by_year_named(hits: Sequence[H], text_of: Callable[[H], str], question: str) -> list[H]:
    """For a question naming one year, or a date in it ("Who led the Bandung delegation to Japan in 2019?"),
    ``hits`` with those dating what they say to that year first, each group in its order, when the first does
    not: that question was led by the biodigester delegation of about 2015, over Yana Mulyana's of February
    2019. Not for a year named as a bound ("after 2020"). Otherwise ``hits`` as they are."""
    named = dates_in(question)
    if len(named) != 1 or _bound_year(question):
        return list(hits)
    year = Date(named[0].year)
    return first_having(hits, lambda h: names_date(text_of(h), year))
