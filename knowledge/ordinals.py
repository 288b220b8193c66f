"""Which of several of a kind a question asks for: "When was the second MoU signed?", "Kapan MoU kedua
ditandatangani?". The passage on the first MoU shares every other word with such a question and led its answer,
the 2020 MoU's passage second. Pure; the words are in prompts/ordinals.json.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from knowledge.partnerships import ours
from knowledge.strings import load_json
from knowledge.tokens import stopwords
from knowledge.types import Hit

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*", re.UNICODE)
_REACH = 1  # the content word an ordinal counts: "second Bandung–Kawasaki MoU", "MoU kedua"


@cache
def _ordinals(language: str) -> dict[str, int]:
    return {w: int(n) for w, n in load_json("ordinals.json")[language].items()}


def _counted(text: str) -> dict[str, set[int]]:
    """Each word an ordinal counts in the text, with the ordinals it is counted by: the content words after an
    English ordinal, before an Indonesian one ("MoU pertama" and "first MoU" both give mou: {1})."""
    words = [w.lower() for w in _WORD.findall(text)]
    skip = stopwords() | {c.lower() for c in ours()} | set(_ordinals("en")) | set(_ordinals("id"))
    counted: dict[str, set[int]] = {}

    def take(n: int, span: Sequence[str]) -> None:
        content = [w for w in span if w not in skip and any(ch.isalpha() for ch in w)
                   and not any(part in skip for part in re.split(r"[–—-]", w))]
        for word in content[:_REACH]:
            counted.setdefault(word, set()).add(n)

    for i, word in enumerate(words):
        if word in _ordinals("en"):
            take(_ordinals("en")[word], words[i + 1 : i + 5])
        if word in _ordinals("id"):
            take(_ordinals("id")[word], words[max(0, i - 4) : i][::-1])
    return counted


def counts_otherwise(question: str, passage: str) -> bool:
    """True when the passage counts what the question counts by another ordinal only: "first MoU" for "second
    MoU"; False when it also names the asked one, or counts nothing the question does."""
    return _otherwise(_counted(question), passage)


def _otherwise(asked: dict[str, set[int]], passage: str) -> bool:
    found = _counted(passage) if asked else {}
    return any(word in found and not (found[word] & ns) for word, ns in asked.items())


def asked_ordinal_first(hits: Sequence[Hit], question: str) -> list[Hit]:
    """``hits`` with the passages counting the question's thing by another ordinal after the others, in the same
    order otherwise."""
    asked = _counted(question)  # read once, not once per passage
    if not asked:
        return list(hits)
    return sorted(hits, key=lambda h: _otherwise(asked, h.passage.text))
