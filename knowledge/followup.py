"""Follow-up questions in a chat. "dan ancamannya?" after a question about the partnership asks the same topic
again, for other SWOT categories; "Who signed it?", "Berapa anggarannya?" and "Sejak kapan?" ask about the
previous question's topic. Pure: the previous question in, the question to ask out (used by the chat page).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from knowledge.language import detect_query_language
from knowledge.partnerships import ours
from knowledge.strings import load_json
from knowledge.swot import Lexicon, lexicon, question_categories

_WORD = re.compile(r"[\w–-]+", re.UNICODE)
_EDGE = " \t?!.,;:—–-"


@dataclass(frozen=True)
class Resolved:
    question: str  # what to ask the knowledge base
    followup: bool  # True when the previous question's topic was reused
    language: str | None = None  # the follow-up's own language ("id"/"en"), None when not a follow-up
    # The topic reused: the next follow-up reuses it too ("Sejak kapan?" after "Siapa yang menggagasnya?" asks
    # about Kang Pisman, not about "Siapa yang menggagasnya: Kang Pisman").
    topic: str | None = None

    @property
    def carried(self) -> str:
        """What the next question of the chat takes as its previous one, once this one is answered."""
        return self.topic or self.question


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


@cache
def _words(key: str, group: str | None = None) -> frozenset[str]:
    """A word list of followup.json (or one ``group`` of it), both languages together."""
    table = _table()[key] if group is None else _table()[key][group]
    return frozenset(w for lang, ws in table.items() if not lang.startswith("_") for w in ws)


@cache
def _nya_words() -> frozenset[str]:
    return frozenset(_table()["nya_words"])


def _points_at(words: list[str], i: int) -> bool:
    """True when word i points back: a pronoun ("it", "itu", "mereka") or an Indonesian "-nya" ("anggarannya")."""
    word = words[i]
    if word in ("itu", "ini"):
        # "apa itu X" and "X itu apa" ask what X is.
        copula = _words("copula")
        before = i > 0 and words[i - 1] in copula and i + 1 < len(words)
        after = i + 1 < len(words) and words[i + 1] in copula and i > 0
        if before or after:
            return False
    if word in _words("pointing"):
        return True
    return len(word) > 5 and word.endswith("nya") and word not in _nya_words()


def points_anywhere(text: str) -> bool:
    """True when a word of the text points back to something said before it ("When did it start?",
    "Kapan dimulainya?")."""
    lowered = [w.lower() for w in _WORD.findall(text)]
    return any(_points_at(lowered, i) for i in range(len(lowered)))


def _short_and_unnamed(words: list[str], previous: str) -> bool:
    """A short question that names nothing of its own: no word written with a capital that the previous question
    does not hold ("Who signed the Legok Nangka deal?" names its topic; the first word counts when it has more
    than its first letter in capitals: "JCM itu apa?")."""
    if not words or len(words) > int(_table()["max_words_pointing"]):
        return False
    # The partnership's own cities name no topic: nearly every question holds them ("Why did that matter for
    # Bandung?").
    held = {w.lower() for w in _WORD.findall(previous)} | {city.lower() for city in ours()}

    def names(i: int, word: str) -> bool:
        capitals = sum(ch.isupper() for ch in word)
        unheld = any(part not in held for part in re.split(r"[–-]", word.lower()) if part)
        return (capitals > 1 or (capitals == 1 and word[0].isupper() and i > 0)) and unheld

    return not any(names(i, w) for i, w in enumerate(words))


def points_back(question: str, previous: str) -> bool:
    """True for a short question that asks about the previous question's topic: it points back ("Who signed it?",
    "Berapa anggarannya?") or is made of asking words alone ("Sejak kapan?"), and names nothing of its own."""
    words = _WORD.findall(question)
    if not _short_and_unnamed(words, previous):
        return False
    lowered = [w.lower() for w in words]
    if all(w in _words("question_words") for w in lowered):
        return True
    return any(_points_at(lowered, i) for i in range(len(lowered)))


def _asked_verbs(previous: str) -> set[str]:
    """The verb the previous question asked with, lower-cased: the word after "who" / "siapa (yang)" ("Who led
    …"), and a participle ending a question opened by "when" / "kapan" … ("When was … signed?", "Kapan …
    ditandatangani?"). prompts/followup.json "asked_verb" says why it is no part of the topic."""
    table = _table()["asked_verb"]
    words = [w.lower().strip(_EDGE) for w in previous.split()]
    after = _words("asked_verb", "after")
    found = set()
    for i, word in enumerate(words[:-1]):
        if word in after:
            j = i + 2 if words[i + 1] == "yang" and i + 2 < len(words) else i + 1
            found.add(words[j])
    opens = _words("asked_verb", "passive_open")
    last = words[-1] if words else ""
    participle = last.endswith(tuple(table["participle_ends"])) or (
        last.startswith(tuple(table["participle_starts"])) and len(last) > 5)
    if len(words) > 2 and words[0] in opens and participle:
        found.add(last)
    return found - _words("question_words")


def _topic(previous: str, lex: Lexicon) -> str:
    """The previous question without its SWOT wording, asking words and the verb it asked with: what it was
    about (all of it but its asking words when nothing else would be left)."""
    asking = _words("question_words")
    kept: list[str] = []
    dropped = False
    verbs = _asked_verbs(" ".join(previous.split()))
    stripped = _strip_cues(" ".join(previous.split()), lex).split()
    for word in stripped:
        bare = word.lower().strip(_EDGE)
        # "Apa itu Kang Pisman?" is about Kang Pisman: the "itu" after an asking word goes with it.
        dropped = bare in asking or (dropped and bare in ("itu", "ini"))
        if not dropped and bare not in verbs:
            kept.append(word)
    if not kept:
        kept = [w for w in stripped if w.lower().strip(_EDGE) not in asking]
    return " ".join(kept).strip(_EDGE)


def _without_lead(topic: str) -> str:
    """The topic without the asking, filler and linking words it opens with once its category words are gone:
    "Apa kerja sama ini" -> "kerja sama ini", "What are the of the cooperation" -> "cooperation" (the chat showed
    "Apa ancamannya: Apa kerja sama ini"). The topic as it was when nothing would be left."""
    lead = _words("question_words") | _words("filler") | _words("topic_lead")
    words = topic.split()
    i = next((n for n, w in enumerate(words) if w.lower().strip(_EDGE) not in lead), len(words))
    return " ".join(words[i:]) or topic


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
    topic = _without_lead(_strip_cues(" ".join(previous.split()), lex))
    if not topic:
        return Resolved(text, False)
    language = connector_lang or detect_query_language(rest)
    # "threats: <topic>" retrieves better than other joins tried (an em dash between them lost the threat passages).
    return Resolved(f"{rest.strip(_EDGE)}: {topic}", True, language, topic)


def asks_for_value(question: str) -> set[str]:
    """The words of a follow-up that ask for a value ("called", "cost", "membangunnya"), lower-cased: the passages
    answer them with a name, a date or an amount, not with the same word."""
    values = _words("value_words")
    lowered = (w.lower() for w in _WORD.findall(question))
    return {w for w in lowered if w in values or (w.endswith("nya") and w[:-3] in values)}


def continuation(question: str, previous: str | None, lex: Lexicon | None = None) -> Resolved | None:
    """The question joined to the previous question's topic ("Who signed it: second Bandung–Kawasaki MoU"), for a
    short question that names nothing of its own; None for any other. Whether to ask it, and when, is the
    caller's: first for a question that points back, after the question alone found nothing for one that does
    not ("How many people died?" after a question about Leuwigajah)."""
    text = " ".join(question.split())
    if not previous or not _short_and_unnamed(_WORD.findall(text), previous):
        return None
    topic = _topic(previous, lex or lexicon())
    return Resolved(f"{text.strip(_EDGE)}: {topic}", True, detect_query_language(text), topic) if topic else None
