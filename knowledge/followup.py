"""Follow-up questions: "dan ancamannya?" after a question about the partnership asks the same topic again,
for other SWOT categories. Pure: the previous question in, the question to ask out (used by the app and the CLI).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from knowledge.language import detect_query_language
from knowledge.strings import load_json
from knowledge.swot import Lexicon, lexicon, question_categories

_WORD = re.compile(r"[\w–-]+", re.UNICODE)
_EDGE = " \t?!.,;:—–-"


@dataclass(frozen=True)
class Resolved:
    question: str  # what to ask the knowledge base
    followup: bool  # True when the previous question's topic was reused
    language: str | None = None  # the follow-up's own language ("id"/"en"), None when not a follow-up


@cache
def _table() -> dict:
    return dict(load_json("followup.json"))


def _connector(text: str) -> tuple[str, str | None]:
    """The text without a leading connector ("dan", "what about", …) and the connector's language."""
    lowered = text.lower()
    pairs = [(c, lang) for lang, cs in _table()["connectors"].items() for c in cs]
    for cue, lang in sorted(pairs, key=lambda p: -len(p[0])):
        if lowered == cue or (lowered.startswith(cue) and not lowered[len(cue)].isalnum()):
            return text[len(cue) :].strip(_EDGE), lang
    return text, None


def _strip_cues(text: str, lex: Lexicon) -> str:
    """The question without its SWOT/obstacle wording: what is left is its topic."""
    for pattern in [*lex.question.values(), lex.obstacle, lex.swot]:
        if pattern is not None:
            text = pattern.sub(" ", text)
    return " ".join(text.split()).strip(_EDGE)


def _only_categories(rest: str, lex: Lexicon) -> bool:
    """True when the words left name SWOT categories and nothing else ("ancamannya?", "the threats")."""
    if not question_categories(rest, lex):
        return False
    filler = {w for ws in _table()["filler"].values() for w in ws}
    leftover = [w for w in _WORD.findall(_strip_cues(rest, lex).lower()) if w not in filler]
    return not leftover


def resolve_followup(question: str, previous: str | None, lex: Lexicon | None = None) -> Resolved:
    """Combine a short follow-up with the previous question's topic; any other question is asked as it is."""
    text = " ".join(question.split())
    if not previous or not text:
        return Resolved(text, False)
    lex = lex or lexicon()
    rest, connector_lang = _connector(text)
    words = _WORD.findall(rest)
    if not words or len(words) > int(_table()["max_words"]):
        return Resolved(text, False)
    if connector_lang is None and not _only_categories(rest, lex):
        return Resolved(text, False)
    topic = _strip_cues(" ".join(previous.split()), lex)
    if not topic:
        return Resolved(text, False)
    language = connector_lang or detect_query_language(rest)
    # "threats: <topic>" retrieves better than other joins tried (an em dash between them lost the threat passages).
    return Resolved(f"{rest.strip(_EDGE)}: {topic}", True, language)
