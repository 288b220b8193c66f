"""Whether a question asks for a list of things ("Apa saja kriteria sister city …?", "Sebutkan syarat kerja sama
…", "What are the requirements for …?"), what those things are, and whether a passage names them. Such a question
shares its subject with every passage on it; only those naming the things can list them. Pure; the asking words
are in prompts/listed.json.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import TypeVar

from knowledge.leads import first_having
from knowledge.query_terms import QueryTerm, held_in, parse_query
from knowledge.strings import alternation, group_phrases, load_json
from knowledge.tokens import split_words, stopwords, tokenize

H = TypeVar("H")  # a search hit, or anything a passage's text is read from
_BEFORE = 2  # words before an Indonesian "apa saja" that may name the thing listed ("Lembaga Jepang mana saja")


@cache
def _asks() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{alternation(group_phrases('listed.json', 'asks'))})(?!\w)", re.IGNORECASE)


@cache
def _skip() -> frozenset[str]:
    """Words that name no thing listed: stop words and the asking words themselves."""
    return stopwords() | {w for p in group_phrases("listed.json", "asks") for w in p.split()}


@cache
def _before() -> frozenset[str]:
    return frozenset(load_json("listed.json")["before"])


def listed_word(question: str) -> str | None:
    """The word naming the things a question asks the list of, lower-cased: the first after its asking words that
    is no stop word ("Sebutkan syarat kerja sama …" -> syarat, "What are the requirements …" -> requirements), or
    a lower-case word just before an Indonesian "apa saja" ("Syarat apa saja …" -> syarat); None when it asks
    for no list."""
    found = _asks().search(question)
    if found is None:
        return None
    skip = _skip()
    if found.group(0).lower() in _before():
        words = split_words(question[: found.start()], keep_case=True)
        # Capitalised, a word is a name ("Jepang"), but as the question's first word ("Syarat apa saja …").
        before = list(enumerate(words))[-_BEFORE:]
        named = [w for i, w in before if (i == 0 or not w[:1].isupper()) and w.lower() not in skip]
        if named:
            return named[0].lower()
    after = [w for w in split_words(question[found.end():]) if w not in skip]
    return after[0] if after else None


def listed_term(question: str, language: str) -> QueryTerm | None:
    """The keyword term of the thing a question lists (with its synonyms and other forms), or None."""
    word = listed_word(question)
    if word is None:
        return None
    return next((t for t in parse_query(question, language) if word in t.label.split()), None)


def names_term(text: str, language: str, term: QueryTerm) -> bool:
    """Whether a text in ``language`` holds a term, in any form ("Persyaratan KSDPL …" holds "syarat")."""
    return held_in(term, set(tokenize(text, language)))


def led_by_listed(
    hits: Sequence[H], text_of: Callable[[H], str], language_of: Callable[[H], str], question: str,
    language: str,
) -> list[H]:
    """For a question asking for a list of things, ``hits`` with those naming the things first, each group in its
    order, when the first does not: "Apa saja kriteria sister city menurut surat edaran Mendagri tahun 1993?" was
    led by the passage naming the 1993 circular as the old basis of sister-city procedure, over the one listing
    its criteria. Only a passage in the question's language can be seen to name them (its words are no test of
    another language's): taking the others to name them too, an English passage led "Apa saja yang dilihat
    delegasi …?" as before and its Indonesian twin was shown, and four answers that led right were lost. The
    shipped sources are in both languages, so the twin of a passage found in the other language is found as
    well. Otherwise ``hits`` as they are."""
    term = listed_term(question, language)
    if term is None:
        return list(hits)
    return first_having(hits, lambda h: language_of(h) == language and names_term(text_of(h), language, term))
