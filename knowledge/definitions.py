"""Whether a question asks what an abbreviation stands for ("Apa itu JCM?", "What does KSDPL stand for?"), and
whether a passage spells it out. Pure; the question patterns are in prompts/definitions.json.

The passage that answers such a question is the one that spells the abbreviation out, "Joint Crediting
Mechanism (JCM)" or "TPS (tempat penampungan sementara)", while the search put first the passages using it most
("The FY2014–FY2015 JCM work by Kawasaki …"). knowledge/service.py puts the spelling-out first."""

from __future__ import annotations

import re
from functools import cache

from knowledge.source_notes import SOURCE_MARKS
from knowledge.strings import load_json
from knowledge.tokens import stopwords

# An abbreviation is a word of capitals, digits and hyphens ("JCM", "PP-28", "IGES"), two to ten long.
_ABBREVIATION = r"[A-Za-z][A-Za-z0-9-]{1,9}"
# A gloss in brackets holds letters, no digits (a year, "one outlet says 157") and is no source note.
_NOTE = "|".join(re.escape(mark[1:]) for mark in SOURCE_MARKS)  # "Source:|Sumber:"
# A capitalised word right after it: the word begins a name ("Kang Pisman", "PD Kebersihan"), no abbreviation.
_NAME_GOES_ON = re.compile(r"\s+[^\W\d_a-z]")
_GLOSS = rf"\((?!\s*(?:{_NOTE}))[^()\d]*[^\W\d_][^()\d]*\)"


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    data = load_json("definitions.json")["patterns"]
    return tuple(
        re.compile(p.replace("{x}", rf"(?P<x>{_ABBREVIATION})"), re.IGNORECASE) for ps in data.values() for p in ps
    )


def asked_abbreviation(question: str) -> str | None:
    """The abbreviation whose meaning the question asks, in capitals ("apa itu jcm?" -> "JCM"), or None. A word
    asked about that is not written in capitals counts only when it is short (up to five letters): "What is
    waste?" asks no abbreviation; whether "jcm" is one, the passages tell (``spells_out``)."""
    text = " ".join(question.split())
    for pattern in _patterns():
        m = pattern.search(text)
        if m is None:
            continue
        word = m.group("x")
        if word.lower() in stopwords() or _NAME_GOES_ON.match(text, m.end("x")):
            # "Kang Pisman itu singkatan dari apa?" asks for no "APA"; "kepanjangan Kang Pisman" for no "KANG".
            continue
        if word.isupper() or (len(word) <= 5 and word.isalpha()):
            return word.upper()
    return None


def spells_out(abbreviation: str, text: str) -> bool:
    """Whether the text spells the abbreviation out: a gloss in brackets right after it ("IGES (Institute for
    Global Environmental Strategies)") or the abbreviation in brackets right after the words it stands for
    ("Joint Crediting Mechanism (JCM)"). Matched in capitals as written."""
    x = re.escape(abbreviation)
    return re.search(rf"(?<![\w-]){x}\s*{_GLOSS}|[^\W\d_]\s*\(\s*{x}\s*\)", text) is not None


def asking_words(question: str) -> set[str]:
    """The words by which a question asking an abbreviation's meaning asks it ("kepanjangan", "stand"),
    lower-cased; none for any other question."""
    if asked_abbreviation(question) is None:
        return set()
    return {w for w in re.findall(r"\w+", question.lower()) if w in _asking_words()}


@cache
def _asking_words() -> frozenset[str]:
    return frozenset(w.lower() for ws in load_json("definitions.json")["asking_words"].values() for w in ws)
