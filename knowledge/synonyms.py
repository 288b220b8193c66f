"""Synonym groups (prompts/synonyms.json), applied to queries only: a query naming one phrase of a group also
matches passages holding any other phrase of it, under either language's stemmer."""

from __future__ import annotations

import json
from functools import cache

from knowledge.paths import PROMPTS_DIR
from knowledge.tokens import dedupe, index_token, split_words, tokenize


@cache
def synonym_groups() -> tuple[tuple[str, ...], ...]:
    """The groups of phrases that mean the same, as written in prompts/synonyms.json."""
    data = json.loads((PROMPTS_DIR / "synonyms.json").read_text(encoding="utf-8"))
    return tuple(tuple(g) for g in data["groups"] if len(g) > 1)


def _surface(phrase: str) -> tuple[str, ...]:
    return tuple(w for w in split_words(phrase) if index_token(w, ""))


@cache
def _phrase_keys(pipe: str) -> dict[str, list[tuple[tuple[str, ...], int]]]:
    """Synonym phrases by first word, both as written and as stemmed by the query's pipeline."""
    keys: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for g, group in enumerate(synonym_groups()):
        for phrase in group:
            surface = _surface(phrase)
            for key in {surface, tuple(index_token(w, pipe) or w for w in surface)}:
                if key:
                    keys.setdefault(key[0], []).append((key, g))
    return keys


@cache
def phrase_alternatives(phrase: str) -> frozenset[tuple[str, ...]]:
    """A synonym's tokens under both stemmers: the phrase's language is not known."""
    return frozenset(a for a in (dedupe(tokenize(phrase, "en")), dedupe(tokenize(phrase, "id"))) if a)


def synonym_spans(surface: list[str], stems: list[str], pipe: str) -> list[tuple[int, int, int]]:
    """Non-overlapping (start, end, group) synonym matches in the query, longest first."""
    keys = _phrase_keys(pipe)
    found: set[tuple[int, int, int]] = set()
    for seq in (surface, stems):
        for i, word in enumerate(seq):
            for key, g in keys.get(word, ()):
                if tuple(seq[i : i + len(key)]) == key:
                    found.add((i, i + len(key), g))
    taken: set[int] = set()
    spans = []
    for start, end, g in sorted(found, key=lambda s: (s[0] - s[1], s[0], s[2])):
        if taken.isdisjoint(range(start, end)):
            taken.update(range(start, end))
            spans.append((start, end, g))
    return sorted(spans)
