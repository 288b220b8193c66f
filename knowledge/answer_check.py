"""Whether an answer's passages miss what the question asks about. Pure: measured signals in, a decision out.

The relevance model judges the best passage by how it stands out and how it matches overall, and a question
near the documents' topic passes it: "How many public toilets are there in Kawasaki?" was answered, unmarked,
with Kawasaki's population; "Berapa gaji sopir truk sampah …?" with the trucks that carry Bandung's waste.
What such answers have in common is a word the question turns on ("toilets", "gaji") that no cited passage
says or paraphrases. Two signals measure that, and only their agreement marks an answer:
- lexical: the cited passages in the question's language hold under ``max_share`` of the question's keyword
  weight (idf; a word no passage holds weighs most). Alone it also flags paraphrases ("rubbish" for "waste");
- semantic: among the question's rare words (a SentencePiece piece at least ``min_weight`` of −log-probability),
  one finds nothing in any cited passage closer than ``min_support`` (the token match's centred cosine,
  knowledge/token_match.py). Alone it also flags words the dense side bridged.
Chosen on the shipped sources (bench/answers.py): of the 27 near-topic questions answered unmarked in
bench/data/offtopic_near_questions.jsonl and offtopic_near2_questions.jsonl, both together mark 12, and 4 of
the 200 on-topic answers (the lexical signal alone at 0.3 marked 15 and 14, the semantic alone at 0.45, 17 and
24). Checked on two sets written before it was built: offtopic_near3_questions.jsonl, 5 of its 6 unmarked
answers marked; fresh5_questions.jsonl, none of its 20 right answers.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class WordSupport:
    """How well a question's word is answered: its rarest piece's weight, and the weighted mean over its pieces
    of each piece's best centred cosine with any token of the cited passages."""

    word: str
    weight: float
    support: float


@dataclass(frozen=True)
class MissParams:
    max_share: float = 0.4
    min_weight: float = 8.0
    min_support: float = 0.45


def unsupported_words(
    words: Sequence[WordSupport], stop: Collection[str], params: MissParams = MissParams()
) -> list[WordSupport]:
    """The question's rare words (not stop words, holding a letter) that find no counterpart at least
    ``min_support`` close in the cited passages, least supported first."""
    rare = [w for w in words if w.weight >= params.min_weight and w.word not in stop
            and any(ch.isalpha() for ch in w.word) and w.support < params.min_support]
    return sorted(rare, key=lambda w: w.support)


def misses_question(
    share: float | None, words: Sequence[WordSupport], stop: Collection[str], params: MissParams = MissParams()
) -> list[WordSupport]:
    """The words the cited passages miss, when both signals say they miss the question; else []. ``share``: the
    best share of the question's keyword weight a cited passage in its language holds (None: no cited passage
    is in its language, so the keyword side cannot speak and nothing is marked)."""
    if share is None or share >= params.max_share:
        return []
    return unsupported_words(words, stop, params)


_ACRONYM = re.compile(r"(?<!\w)[A-Z][A-Za-z]*[A-Z][A-Za-z]*(?!\w)")


def absent_acronyms(
    question: str, words: Sequence[WordSupport], unknown: Collection[str], max_support: float = 0.55
) -> list[WordSupport]:
    """The question's acronyms ("APBD") that no indexed passage holds in any form (``unknown``) and that the cited
    passages do not spell out either (support under ``max_support``). An acronym names one thing exactly: with no
    passage holding it, the answer is about something else, whatever the rest of the question shares with it
    ("berapa total APBD Kota Bandung tahun 2023?" was answered, unmarked, with Bandung's daily tonnage of waste:
    APBD's support 0.45, the share check passed). Spelled out, an acronym is supported: "Japan's MOE" against
    "Japan's Ministry of the Environment", 0.63."""
    acronyms = {m.group(0).lower() for m in _ACRONYM.finditer(question)}
    return [w for w in words if w.word in acronyms and w.word in unknown and w.support < max_support]


def words_to_name(missed: Sequence[WordSupport], unknown: Collection[str], limit: int = 2) -> list[str]:
    """Which missed words a notice may name: those no indexed passage holds in any form (``unknown``), so that
    "no document uses the word" is true. A common word the cited passages happen to lack ("held", "day") is
    left unnamed: the notice then says only that the passages may miss the question."""
    named: list[str] = []
    for w in missed:
        if w.word in unknown and w.word not in named:
            named.append(w.word)
    return named[:limit]


def as_written(question: str, word: str) -> str:
    """The word as the question spells it ("Toilets" at a sentence start), else as given."""
    found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", question, re.IGNORECASE)
    return found.group(0) if found else word
