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
