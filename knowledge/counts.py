"""Whether an answer to "how many / how much" gives a figure. The relevance model and the word check pass a
passage on the question's subject; when the question asks for a count or an amount and the passage that leads
the answer holds no figure (only dates, years, or nothing), it cannot be the answer: "Berapa jumlah pegawai DLHK
Kota Bandung?" was answered, unmarked, with the DLHK head's statement of 13 February 2019, "How many tourists
visit Bandung every year?" with a passage on Bandung attending a forum every year. Pure; words in
prompts/counts.json.
"""

from __future__ import annotations

import re
from functools import cache

from knowledge.strings import load_json, phrase_pattern

_BRACKETS = re.compile(r"\([^()]*\)")  # source notes: "(Source: Republika, 13 Feb 2019)"
_TOKEN = re.compile(r"[^\s]+")
_YEAR = re.compile(r"(?:fy|ta)?(?:19|20)\d\d(?:[–-](?:19|20)?\d\d)?")
_NUMBER = re.compile(r"[¥$€£]?(?:rp)?\d")


@cache
def _words(group: str) -> frozenset[str]:
    return frozenset(w.lower() for w in load_json("counts.json")[group])


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
    symbols = tuple(s for s in load_json("counts.json")["currencies"]["symbols"])
    words = frozenset(load_json("counts.json")["currencies"]["words"])
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
