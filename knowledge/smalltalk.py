"""Messages that only greet or thank ("Halo", "Terima kasih!", "thanks a lot"), or ask about Kawan itself ("Who are
you?", "Kamu bisa apa?"): said in a chat, they are not questions on the documents, and "Nothing in the documents
is relevant enough" answered them. Pure; phrases in prompts/smalltalk.json.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from knowledge.strings import load_json

Kind = Literal["greeting", "thanks", "about"]
_GROUPS: dict[Kind, str] = {"about": "about_kawan", "thanks": "thanks", "greeting": "greeting"}
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)
_MAX_WORDS = 8  # a longer message asks something, whatever it opens with


@dataclass(frozen=True)
class SmallTalk:
    kind: Kind
    language: str | None  # "id"/"en" when its phrases belong to one language only ("ok" is both)


@cache
def _phrases(group: str) -> tuple[tuple[tuple[str, ...], frozenset[str]], ...]:
    """A group's phrases as word tuples with the languages that use them, longest first."""
    langs: dict[tuple[str, ...], set[str]] = {}
    for lang, phrases in load_json("smalltalk.json")[group].items():
        for phrase in phrases:
            langs.setdefault(tuple(phrase.split()), set()).add(lang)
    return tuple(sorted(((p, frozenset(ls)) for p, ls in langs.items()), key=lambda pl: -len(pl[0])))


def greeting_phrases() -> tuple[tuple[str, ...], ...]:
    """The greetings as word tuples, longest first (knowledge/framing.py leaves them out of a question)."""
    return tuple(phrase for phrase, _ in _phrases("greeting"))


def small_talk(message: str) -> SmallTalk | None:
    """What a message made only of greeting, thanks or about-Kawan phrases and filler words is ("Terima kasih
    banyak, Kawan!", "hi there", "Halo, kamu bisa apa?"); None for anything else, and for a message holding a
    digit or any other word."""
    if any(ch.isdigit() for ch in message):
        return None
    words = [w.lower() for w in _WORD.findall(message)]
    if not words or len(words) > _MAX_WORDS:
        return None
    filler = {p[0] for p, _ in _phrases("filler")}
    kinds: set[Kind] = set()
    langs: set[str] = set()
    i = 0
    while i < len(words):
        for kind, group in _GROUPS.items():
            hit = next(((p, ls) for p, ls in _phrases(group) if tuple(words[i : i + len(p)]) == p), None)
            if hit is not None:
                kinds.add(kind)
                if len(hit[1]) == 1:
                    langs |= hit[1]
                i += len(hit[0])
                break
        else:
            if words[i] not in filler:
                return None
            i += 1
    if not kinds:
        return None
    # "Halo, terima kasih" thanks ("Thank you for the help" too, though "help" alone asks about Kawan); "Halo,
    # siapa kamu?" asks about Kawan; a greeting alone greets.
    said: Kind = "thanks" if "thanks" in kinds else "about" if "about" in kinds else "greeting"
    return SmallTalk(said, langs.pop() if len(langs) == 1 else None)
