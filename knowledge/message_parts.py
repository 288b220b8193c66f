"""The questions of one chat message. "What is Kang Pisman? What did Kawasaki contribute to Bandung?" was searched
as one question: every passage cited was on Kang Pisman, and the second question went unanswered without a word.
Each question of a message is now asked on its own, the later ones as follow-ups of the one before ("Apa itu
Kang Pisman? Kapan dimulai?"). Pure; the question words are those of prompts/framing.json.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from knowledge.followup import resolve_followup
from knowledge.framing import asked_part, lower_words, sentences, word_group, word_matches
from knowledge.strings import load_json

MAX_PARTS = 3  # a message asking more is answered for its first three, and says so
# "Oded M. Danial?" or "Kang Pisman?" names a topic; "Bandung sudah menandatangani MoU baru?" asks.
_MIN_WORDS_UNMARKED = 4
_MIN_CLAUSE_WORDS = 3
_ID_REACH = 3  # Indonesian puts the question word after what it asks about: "dan pabrik apa saja …"
# "Who signed the MoU?Who funded it?": a question mark right before a capital ends a sentence too (not the one of
# a web address, "?p=7855").
_UNSPACED_END = re.compile(r"\?(?=[A-Z])")
# "1. Apa itu JCM? 2. Siapa …?": the list numbers of the questions, no part of them.
_LIST_MARK = re.compile(r"^(?:\(?\d{1,2}[.)]|[a-z][.)])(?:\s+|$)")


@dataclass(frozen=True)
class MessageParts:
    questions: tuple[str, ...]  # each with the sentences that lead up to it (a greeting, what the asker is after)
    left_out: tuple[str, ...] = ()  # questions past MAX_PARTS, not asked


def _asks(words: list[str]) -> bool:
    """Whether a clause's words ask: a question word among them, or a yes-or-no opener first."""
    asking = word_group("question_words")
    return bool(words) and (words[0] in word_group("yes_no_openers") or any(w in asking for w in words))


def _joins_question(words: list[str], i: int) -> bool:
    """Whether words[i] joins a question: "and" right before a question word ("… and which law …"), "dan" or
    "serta" up to three words before one, as Indonesian asks ("… dan pabrik apa saja …", "dan undang-undang apa
    …")."""
    joins = _joins()
    if words[i] not in joins:
        return False
    reach = _ID_REACH if joins[words[i]] == "id" else 1
    return any(w in word_group("question_words") for w in words[i + 1 : i + 1 + reach])


@cache
def _joins() -> dict[str, str]:
    table = load_json("framing.json")["question_joins"]
    return {w: lang for lang, ws in table.items() if lang != "_comment" for w in ws}


def _clauses(sentence: str) -> list[str]:
    """A sentence asking two things joined by "and" / "dan" (see _joins_question), as its questions: "How many
    people died at Leuwigajah and which law followed it?" -> "How many people died at Leuwigajah?", "which law
    followed it?". A clause before the join must ask and hold three words or more: "Siapa dan kapan …?" and
    "Kapan dan di mana …?" ask one thing of one subject."""
    matches = word_matches(sentence)
    words = [m.group(0).lower() for m in matches]
    mark = "?" if sentence.rstrip().endswith("?") else ""
    out, start = [], 0
    for i in range(1, len(words) - 1):
        before = words[start:i]
        if _joins_question(words, i) and len(before) >= _MIN_CLAUSE_WORDS and _asks(before):
            begin = matches[start].start() if start else 0
            out.append(sentence[begin : matches[i - 1].end()] + mark)
            start = i + 1
    if not out:
        return [sentence]
    return [*out, sentence[matches[start].start() :]]


def asks_itself(sentence: str) -> bool:
    """Whether a sentence asks something on its own: it holds a question word, or it ends with a question mark
    and opens as a yes-or-no question ("Did …", "Apakah …") or has at least four words."""
    words = lower_words(sentence)
    if any(w in word_group("question_words") for w in words):
        return True
    if not sentence.rstrip().endswith("?") or not words:
        return False
    return words[0] in word_group("yes_no_openers") or len(words) >= _MIN_WORDS_UNMARKED


@lru_cache(maxsize=256)  # separate_questions asks it of a sentence, then of the part it opens
def _more_categories(question: str, before: str) -> bool:
    """Whether a question asks only for SWOT categories of the one before ("Apa ancamannya?", "Dan peluangnya?",
    "And the threats?"): knowledge/followup.py reads it so."""
    return resolve_followup(asked_part(question), before).followup


def separate_questions(message: str) -> MessageParts:
    """The message's questions in order: one part, the whole message, unless two or more of its sentences ask on
    their own. A sentence that asks nothing belongs to the question after it ("Saya staf DLH. Kapan …?"), or to
    the last one when none follows ("… ditandatangani? Terima kasih."). The same question twice is asked once, and
    one asking only for other SWOT categories of the one before ("… Apa ancamannya?") is asked with it."""
    text = " ".join(message.split())
    said = [clause for s in sentences(_UNSPACED_END.sub("? ", text))
            for clause in (_clauses(s) if asks_itself(s) else [s])]
    if sum(asks_itself(s) for s in said) < 2:
        return MessageParts((text,))
    parts: list[str] = []
    lead: list[str] = []
    for sentence in said:
        if parts and not lead and _more_categories(sentence, parts[-1]):
            parts[-1] = f"{parts[-1]} {sentence}"  # "Dan peluangnya?" asks nothing alone, and goes with the one before
            continue
        if unmarked := _LIST_MARK.sub("", sentence):
            lead.append(unmarked)
        if asks_itself(sentence):
            parts.append(" ".join(lead))
            lead = []
    if lead:
        parts[-1] = " ".join([parts[-1], *lead])
    seen: set[str] = set()
    kept: list[str] = []
    for part in parts:
        key = " ".join(lower_words(part))
        if key in seen:
            continue
        seen.add(key)
        if kept and _more_categories(part, kept[-1]):
            # "Apa kekuatan kerja sama ini? Apa ancamannya?" asks the same subject for other SWOT categories: one
            # answer has a section for each (apart, the second was read as "Apa ancamannya: Apa kerja sama ini").
            kept[-1] = f"{kept[-1]} {part}"
        else:
            kept.append(part)
    if len(kept) == 1:
        return MessageParts((text,))
    return MessageParts(tuple(kept[:MAX_PARTS]), tuple(kept[MAX_PARTS:]))
