"""A keyword query as a list of *terms*: one per remaining word, or one per synonym group it mentions, each with
the alternatives that count as the same word (synonyms, the other language's stem of a name, the other voice of
an Indonesian verb, the word a bound form is joined to)."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from typing import Any

from knowledge.indonesian import other_voice, unbound
from knowledge.synonyms import phrase_alternatives, synonym_groups, synonym_spans
from knowledge.tokens import dedupe, index_token, pipeline, split_words, stem


@dataclass(frozen=True)
class QueryTerm:
    """One unit of meaning in a query.

    ``own``: the query's own tokens; a passage with only some of them still scores (plain BM25).
    ``alternatives``: synonyms / other-stemmer forms; each counts only when all its tokens occur.
    """

    label: str
    own: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...] = ()
    # Looked up, as an alternative, only when no passage holds any of ``own``: the word an Indonesian bound
    # form is joined to ("antarinstansi" -> "instansi"), which is not what the query says where it is held.
    fallback: tuple[str, ...] = ()


def _word_term(raw: str, word: str, own: str, pipe: str) -> QueryTerm:
    fallback: tuple[str, ...] = ()
    voices: set[str] = set()
    if pipe == "id" and not raw[:1].isupper():  # not in names ("Prawirohardjo", "Menado")
        rest = unbound(word)
        joined = index_token(rest, pipe) if rest else ""
        fallback = (joined,) if joined and joined != own else ()
        # The same verb in the other voice is the same term, as a stemmer that knew its root would make it.
        voices = {t for t in (index_token(f, pipe) for f in other_voice(word)) if t and t != own}
    if pipe and own != word and not raw[:1].isupper():
        # Changed by its own stemmer and not a name: language-specific.
        return QueryTerm(word, (own,), tuple(sorted((v,) for v in voices)), fallback)
    others = {stem(word, p) for p in ("id", "en") if p != pipe} - {own}
    return QueryTerm(word, (own,), tuple(sorted((o,) for o in others | voices)), fallback)


def held_in(term: QueryTerm, tokens: Container[str]) -> bool:
    """Whether a set of index tokens (a passage's, or a whole vocabulary) holds a term: one of its own tokens,
    or all tokens of one alternative, or its fallback."""
    if any(t in tokens for t in term.own):
        return True
    alternatives = (*term.alternatives, *((term.fallback,) if term.fallback else ()))
    return any(all(t in tokens for t in alt) for alt in alternatives)


def parse_query(query: str, language: str) -> list[QueryTerm]:
    """The terms of a query, in query order, without duplicates."""
    pipe = pipeline(language)
    raw = [w for w in split_words(query, keep_case=True) if index_token(w.lower(), pipe)]
    surface = [w.lower() for w in raw]
    stems = [index_token(w, pipe) or w for w in surface]
    placed: list[tuple[int, QueryTerm]] = []
    covered: set[int] = set()
    for start, end, g in synonym_spans(surface, stems, pipe):
        own = dedupe(stems[start:end])
        alts = set().union(*(phrase_alternatives(p) for p in synonym_groups()[g])) - {own}
        placed.append((start, QueryTerm(" ".join(surface[start:end]), own, tuple(sorted(alts)))))
        covered.update(range(start, end))
    for i in range(len(surface)):
        if i not in covered:
            placed.append((i, _word_term(raw[i], surface[i], stems[i], pipe)))
    terms: dict[tuple[Any, ...], QueryTerm] = {}
    for _, term in sorted(placed, key=lambda p: p[0]):
        terms.setdefault((term.own, term.alternatives), term)
    return list(terms.values())


def query_names(query: str, language: str) -> list[QueryTerm]:
    """The query's terms written as names: capitalised anywhere but as its first word ("Suwon", "TPA")."""
    named = {w.lower() for w in split_words(query, keep_case=True)[1:] if w[:1].isupper()}
    return [t for t in parse_query(query, language) if t.label in named]

