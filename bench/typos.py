"""One typing slip per question, seeded: how the product holds up when officials type fast.

A word of six or more letters (never the first letter) gets one of the slips people make on a keyboard: a
letter dropped, doubled or swapped with its neighbour, or a key next to the right one hit instead or as well
(the keys around it on the staggered rows, knowledge.spelling.neighbour_keys).
"""

from __future__ import annotations

import random
import re

from knowledge.spelling import neighbour_keys

_LONG_WORD = re.compile(r"[A-Za-z]{6,}")


def _next_keys(letter: str) -> list[str]:
    return list(neighbour_keys(letter.lower()))


def misspell(text: str, rng: random.Random) -> str:
    """``text`` with one slip in one of its long words; as is when it has none."""
    words = list(_LONG_WORD.finditer(text))
    if not words:
        return text
    match = rng.choice(words)
    word = match.group()
    i = rng.randrange(1, len(word) - 1)
    slip = rng.choice(("drop", "double", "swap", "near", "extra"))
    if slip == "drop":
        new = word[:i] + word[i + 1 :]
    elif slip == "double":
        new = word[:i] + word[i] + word[i:]
    elif slip == "swap" and word[i] != word[i + 1]:
        new = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    elif slip == "extra":
        new = word[:i] + rng.choice(_next_keys(word[i])) + word[i:]
    else:  # "near", and a swap of two equal letters, which would change nothing
        new = word[:i] + rng.choice(_next_keys(word[i])) + word[i + 1 :]
    return text[: match.start()] + new + text[match.end() :]


def misspell_all(questions: list[str], seed: int) -> list[str]:
    rng = random.Random(seed)
    return [misspell(q, rng) for q in questions]
