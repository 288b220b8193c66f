"""Typo tolerance, pure: how far a typed word may be from the word meant, and how likely a slip is.

A typing slip drops, doubles or swaps letters, or hits a key next to the right one. A substitution by a key
elsewhere on the keyboard is rarer, and among short words it mostly turns one real word into another ("kerta"
is one such step from "kerja", one plain drop from "kereta"), so it counts as two edits.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

# A word at least this common in Indonesian or English text (wordfreq's Zipf scale: 2 is once per 100 million
# words) is no typo, only absent from the passages ("kucing" is not "kuning", "resolution" not "revolution").
REAL_WORD_ZIPF = 2.0

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEYS = {key: (row, col) for row, keys in enumerate(_ROWS) for col, key in enumerate(keys)}


def max_typos(word: str) -> int:
    """How many edits a typed word may be from the word meant: none for short words (each has many neighbours)
    and anything but letters; one up to eight letters, two from nine."""
    if len(word) < 5 or not word.isalpha():
        return 0
    return 1 if len(word) < 9 else 2


@lru_cache(maxsize=4096)
def is_common_word(word: str) -> bool:
    """Whether a lower-case word is common Indonesian or English (``REAL_WORD_ZIPF``)."""
    from wordfreq import zipf_frequency  # ~0.4 s with its word lists: paid at the first near spelling, not at start

    return max(zipf_frequency(word, "id"), zipf_frequency(word, "en")) >= REAL_WORD_ZIPF


@lru_cache(maxsize=64)
def neighbour_keys(letter: str) -> tuple[str, ...]:
    """The keys around a letter on a QWERTY keyboard, whose rows are staggered: "a" touches q, w, s and z;
    () for anything not on it."""
    if letter not in _KEYS:
        return ()
    row, col = _KEYS[letter]
    around = ((row, col - 1), (row, col + 1), (row - 1, col), (row - 1, col + 1), (row + 1, col - 1), (row + 1, col))
    return tuple(_ROWS[r][c] for r, c in around if 0 <= r < len(_ROWS) and 0 <= c < len(_ROWS[r]))


def next_keys(a: str, b: str) -> bool:
    """Whether two letters sit side by side on a QWERTY keyboard."""
    return b in neighbour_keys(a)


def slip_cost(typed: str, word: str) -> int:
    """Edits from ``typed`` to ``word`` (a swap of two letters is one), a substitution of keys that are not
    neighbours counting two."""
    cost = OSA.distance(typed, word)
    if cost < Levenshtein.distance(typed, word):  # a swapped pair took part: take the slip as typed
        return cost
    return cost + sum(
        1 for op in Levenshtein.editops(typed, word)
        if op.tag == "replace" and not next_keys(typed[op.src_pos], word[op.dest_pos])
    )


def near_words(typed: str, words: Sequence[str], limit: int) -> list[tuple[int, str]]:
    """(cost, word) for each of ``words`` within ``limit`` of ``typed`` by ``slip_cost``."""
    rough = process.extract(typed, words, scorer=OSA.distance, score_cutoff=limit, limit=None)
    costs = ((slip_cost(typed, word), word) for word, _, _ in rough)
    return [(cost, word) for cost, word in costs if cost <= limit]
