"""Whether an answer to "how many / how much" gives a figure. The relevance model and the word check pass a
passage on the question's subject; when the question asks for a count or an amount and the passage that leads
the answer holds no figure (only dates, years, or nothing), it cannot be the answer: "Berapa jumlah pegawai DLHK
Kota Bandung?" was answered, unmarked, with the DLHK head's statement of 13 February 2019, "How many tourists
visit Bandung every year?" with a passage on Bandung attending a forum every year. Pure; words in
prompts/counts.json.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache

from knowledge.leads import H, first_having
from knowledge.strings import alternation, load_json, phrase_pattern
from knowledge.tokens import stopwords

# Source notes, "(Source: Republika, 13 Feb 2019)": their dates and page numbers are no figure of the text's.
# Other brackets are the text's own ("1.200 ton per hari (80%)").
_BRACKETS = re.compile(r"\((?:source|sumber|sources)\s*:[^()]*\)", re.IGNORECASE)
_TOKEN = re.compile(r"[^\s]+")
# Not knowledge.dated.YEAR: among counts "1850 ton" is a tonnage, and the sources date nothing before 1900.
_YEAR = re.compile(r"(?:fy|ta)?(?:19|20)\d\d(?:[–-](?:19|20)?\d\d)?")
_NUMBER = re.compile(r"[¥$€£]?(?:rp)?\d")


@cache
def _words(group: str) -> frozenset[str]:
    return frozenset(w.lower() for w in load_json("counts.json")[group])


@cache
def _asks() -> tuple[tuple[str, str], ...]:
    """The asking words of both languages with their language, longest first ("how many" before "how")."""
    table = load_json("counts.json")["asks"]
    return tuple(sorted(((a, lang) for lang, ws in table.items() for a in ws), key=lambda p: len(p[0]), reverse=True))


@cache
def _currency() -> tuple[tuple[str, ...], frozenset[str]]:
    table = load_json("counts.json")["currencies"]
    return tuple(table["symbols"]), frozenset(table["words"])


def asks_for_count(question: str) -> bool:
    """True for a question asking how many or how much ("Berapa jumlah pegawai …?", "How much does … cost?"),
    not for one asking when or how long ("Tahun berapa …?", "Berapa lama …?"), which a date answers."""
    return bool(phrase_pattern("counts.json", "asks").search(question)) and not phrase_pattern(
        "counts.json", "asks_time"
    ).search(question)


def asks_for_money(question: str) -> bool:
    """True for a how-much question about money ("Berapa gaji …?", "How much is the land tax …?")."""
    return asks_for_count(question) and bool(phrase_pattern("counts.json", "money").search(question))


def gives_money(text: str) -> bool:
    """True when the text, without its bracketed source notes, holds an amount in a currency ("¥60 million",
    "Rp117 miliar", "USD 90 million", "60 juta yen")."""
    tokens = [t.strip(".,;:!?\"'“”‘’").lower() for t in _TOKEN.findall(_BRACKETS.sub(" ", text))]
    symbols, words = _currency()
    for i, token in enumerate(tokens):
        if token.startswith(symbols) and any(ch.isdigit() for ch in token):
            return True  # "¥60", "rp117", "$5"
        if token in words or token.rstrip(".") in symbols:
            near = tokens[max(0, i - 3) : i + 3]
            if any(any(ch.isdigit() for ch in t) or t in _words("number_words") for t in near):
                return True  # "60 juta yen", "USD 90 million", "Rp 5.000"
    return False


def gives_figure(text: str) -> bool:
    """True when the text, without its bracketed source notes, holds a figure: a number that is not a year or a
    day of a date ("188 truk", "¥60 million", "2–3 hari", "70%"), or a number word ("three Japanese cities")."""
    tokens = [t.strip(".,;:!?\"'“”‘’").lower() for t in _TOKEN.findall(_BRACKETS.sub(" ", text))]
    months = _words("months")
    for i, token in enumerate(tokens):
        if token in _words("number_words"):
            return True
        if not _NUMBER.match(token):
            continue
        if _YEAR.fullmatch(token):
            continue
        beside = {tokens[i - 1] if i else "", tokens[i + 1] if i + 1 < len(tokens) else ""}
        if re.fullmatch(r"\d{1,2}(?:[–-]\d{1,2})?", token) and beside & months:
            continue  # "13 February", "3–9 Februari", "February 3"
        return True
    return False


def asks_for_area(question: str) -> bool:
    """True for a question asking how big a place is ("How big is TPA Sarimukti?", "Berapa luas …?")."""
    return bool(phrase_pattern("counts.json", "area_asks").search(question))


def _asked_unit(question: str) -> frozenset[str] | None:
    """The unit a how-many question names right after its asking words ("Berapa jam …?" -> jam/hour/hours,
    "How many tonnes of …?"), per cent for one asking a share ("What share of …?"), an area for one asking how big
    ("How big is …?"), as every word for it in both languages; None when it names none."""
    lowered = " ".join(question.lower().split())
    if phrase_pattern("counts.json", "share_asks").search(lowered):
        return frozenset(load_json("counts.json")["units"]["percent"])
    if asks_for_area(lowered):
        return frozenset(load_json("counts.json")["units"]["area"])
    for ask, _ in _asks():
        for found in re.finditer(rf"(?<!\w){re.escape(ask)}\s+(\S+(?:\s\S+)?)", lowered):
            after = found.group(1).strip(".,;:!?")
            for words in load_json("counts.json")["units"].values():
                if any(after == w or after.startswith(w + " ") for w in words):
                    return frozenset(words)
    return None


def gives_unit(text: str, units: frozenset[str]) -> bool:
    """True when the text, without its source notes, holds a number followed by one of ``units`` ("2–3 hari",
    "700%", "1,500 tonnes", "25 hektare")."""
    plain = _BRACKETS.sub(" ", text).lower()
    body = alternation(units)
    number = r"\d[\d.,]*(?:\s*[–-]\s*\d[\d.,]*)?"
    return bool(re.search(rf"{number}\s?(?:{body})(?!\w)", plain))


def asks_for_clock(question: str) -> bool:
    """True for a question asking a day of the week or a time of day ("Hari apa …?", "What time does … open?")."""
    return bool(phrase_pattern("counts.json", "asks_clock").search(question))


def gives_clock(text: str) -> bool:
    """True when the text, without its source notes, names a weekday or a clock time ("Senin", "2 a.m.",
    "pukul 02.00")."""
    plain = _BRACKETS.sub(" ", text).lower()
    if any(w in _words("weekdays") for w in re.findall(r"[\w']+", plain)):
        return True
    return bool(re.search(r"\b\d{1,2}[.:]\d{2}\b|\b\d{1,2}\s?(?:a\.m\.|p\.m\.|am\b|pm\b)|\b(?:pukul|jam)\s\d", plain))


def what_is_missing(question: str, passage: str) -> str | None:
    """What a passage lacks to give what a question's "how many / how much / which day" asks: "clock" when it
    asks a weekday or a time of day and the passage names neither, "figure" when it asks an amount of money and
    the passage holds none, a figure in the unit it names, or for any other count any figure; else None (also for
    a question that asks none of these)."""
    if asks_for_clock(question):
        return None if gives_clock(passage) else "clock"
    if asks_for_money(question):
        return None if gives_money(passage) else "figure"
    if not asks_for_count(question):
        return None
    unit = _asked_unit(question)
    found = gives_unit(passage, unit) if unit is not None else gives_figure(passage)
    return None if found else "figure"


_WORD = re.compile(r"[\w%³'-]+")


def _singular(word: str) -> str:
    """An English plural's singular, roughly ("cities" -> "city", "RWs" -> "rw"); other words as they are."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 2:
        return word[:-1]
    return word


def counted(question: str) -> frozenset[str]:
    """What a how-many question counts: the words right after its asking words, up to two, before any stop word
    ("How many Japanese cities …" -> japanese, city; "Berapa kota di Jepang …" -> kota), in singular form;
    empty for one asking an amount of money, a unit, a time or a day, or naming only "jumlah" / "banyak"."""
    if not asks_for_count(question) or asks_for_money(question) or asks_for_clock(question):
        return frozenset()
    if _asked_unit(question) is not None:
        return frozenset()
    lowered = " ".join(question.lower().split())
    stop, skip = stopwords(), _words("not_counted")
    for ask, lang in _asks():
        most = 1 if lang == "id" else 2  # an Indonesian noun comes first ("berapa kota di Jepang")
        if ask == "how much":
            continue  # an amount: "How much waste …" is weighed, not counted
        found = re.search(rf"(?<!\w){re.escape(ask)}(?!\w)", lowered)
        if found is None:
            continue
        words: list[str] = []
        for word in _WORD.findall(lowered[found.end():])[:3]:
            if word in skip and not words:
                continue
            if word in stop or word in skip or len(words) == most:
                break
            words.append(_singular(word))
        return frozenset(words)
    return frozenset()


def counts(text: str, things: frozenset[str]) -> bool:
    """True when the text, without its source notes, gives a number of one of ``things``: a figure or a number
    word with the thing next to it or one word further ("tiga kota di Jepang", "three Japanese cities")."""
    tokens = [t.lower() for t in _WORD.findall(_BRACKETS.sub(" ", text))]
    spelled = _words("number_words")
    numbers = [i for i, t in enumerate(tokens) if t in spelled or (_NUMBER.match(t) and not _YEAR.fullmatch(t))]
    return any(_singular(t) in things for i in numbers for t in tokens[i + 1 : i + 3])


def led_by_counts(hits: Sequence[H], text_of: Callable[[H], str], question: str) -> list[H]:
    """For a question asking how many of something, or an amount in a unit ("Berapa ton …?", "What share …?"),
    ``hits`` with those giving a number of it first, each group in its order, when the first gives none: "How
    many Japanese cities does Bandung work with?" was led by "Bandung was the Indonesian city most actively
    cooperating with Japanese cities", over "Bandung cooperates with three Japanese cities"; "What share of
    Bandung's rubbish ended up at Sarimukti?" by "… for only 2–3 days", over "… (80%) went to TPA Sarimukti".
    "How big is TPA Sarimukti?" by zone 3's space left in tonnes, over "… about 25 hectares". Otherwise ``hits``
    as they are."""
    counting = asks_for_count(question) and not asks_for_money(question)
    unit = _asked_unit(question) if counting or asks_for_area(question) else None
    if unit is not None:
        return first_having(hits, lambda h: gives_unit(text_of(h), unit))
    things = counted(question)
    if not things:
        return list(hits)
    return first_having(hits, lambda h: counts(text_of(h), things))
