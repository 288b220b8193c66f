"""What a question asks, without how it is framed. Officials write "Selamat pagi, saya staf Bappelitbang. Untuk
bahan rapat, kapan MoU kedua ditandatangani?" or "I'm preparing a briefing for the mayor. Could you tell me when
the first MoU was signed?": the greeting, the sentence about themselves and the request to be told are no part
of the question, yet the answer check required the passages to say them ("No indexed document uses the word
«briefing»") and marked right answers tentative. Pure; word lists in prompts/framing.json and the greetings of
prompts/smalltalk.json.
"""

from __future__ import annotations

import re
from functools import cache

from knowledge.followup import points_anywhere
from knowledge.smalltalk import greeting_phrases, small_talk
from knowledge.strings import load_json

# A sentence ends at . ! ? ; after a word of 3+ letters or a digit, not after an initial ("Oded M. Danial").
_SENTENCE_END = re.compile(r"(?:(?<=[^\W\d_]{3})|(?<=\d)|(?<=[)\"”’]))[.!?;]+(?=\s)|\?+(?=\s)", re.UNICODE)
_WORD = re.compile(r"[^\W_]+(?:['’/][^\W_]+)*", re.UNICODE)
_LEAD_END = re.compile(r"[,:]\s*")
_MAX_CHARS = 2000  # a longer text is no question framed by a greeting: read as it is, in bounded time


@cache
def _words(group: str) -> frozenset[str]:
    return frozenset(w.lower() for lang, ws in load_json("framing.json")[group].items() if lang != "_comment"
                     for w in ws)


@cache
def _phrases(group: str) -> tuple[tuple[str, ...], ...]:
    """A group's phrases as word tuples, longest first (greetings as smalltalk.py reads them)."""
    if group == "greeting":
        return greeting_phrases()
    return tuple(phrase for phrase, _ in _phrases_by_language(group))


@cache
def _phrases_by_language(group: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """A group's phrases as word tuples with their language, longest first; the comparison groups by their name
    ("lead", "join")."""
    table = load_json("framing.json")
    table = table["comparison"][group] if group in table["comparison"] else table[group]
    found = {(tuple(p.lower().split()), lang) for lang, ps in table.items() if lang != "_comment" for p in ps}
    return tuple(sorted(found, key=lambda pl: -len(pl[0])))


def word_group(name: str) -> frozenset[str]:
    """A word group of prompts/framing.json, both languages ("question_words": apa, kapan, what, whether …)."""
    return _words(name)


def sentences(text: str) -> list[str]:
    """The text's sentences, each with its closing punctuation."""
    out, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        out.append(text[start : end.end()].strip())
        start = end.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


def word_matches(text: str) -> list[re.Match[str]]:
    """The text's words, where they stand."""
    return list(_WORD.finditer(text))


def lower_words(text: str) -> list[str]:
    """The text's words in lower case, the typographic apostrophe as the plain one."""
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def _strip_greeting(sentence: str) -> str:
    """The sentence without the greeting and the address it opens with ("Selamat pagi, …", "Halo kak, …",
    "Bapak/Ibu, …"); as it was when it opens with neither. An address alone counts only before a comma or the
    like: "Ibu kota Jepang …" opens with no address."""
    rest, greeted = sentence, False
    while True:
        words = lower_words(rest)
        cut = None
        for group in ("greeting", "courtesy", "address"):
            for phrase in _phrases(group):
                if tuple(words[: len(phrase)]) != phrase:
                    continue
                after = _after_words(rest, len(phrase), strip=False)
                if group == "address" and not greeted and after[:1] not in (",", ":", "!", ".", ""):
                    continue
                cut = after.lstrip(" ,:;.!—–-")
                greeted = greeted or group != "address"
                break
            if cut is not None:
                break
        if cut is None or cut == rest:
            return rest
        rest = cut


def _after_words(text: str, n: int, strip: bool = True) -> str:
    """The text after its first ``n`` words, without the punctuation that follows them unless ``strip`` is
    False (then without spaces only)."""
    matches = list(_WORD.finditer(text))
    if n >= len(matches):
        return ""
    after = text[matches[n - 1].end() :]
    return after.lstrip(" ,:;.!—–-") if strip else after.lstrip(" ")


def is_question(sentence: str) -> bool:
    """Whether a sentence is asked: it ends with a question mark or opens with a question word."""
    words = lower_words(sentence)
    return sentence.rstrip().endswith("?") or bool(words and words[0] in _words("question_words"))


def _only_greeting(sentence: str) -> bool:
    """A greeting, an address or small talk and nothing else ("Selamat pagi.", "Bapak/Ibu,", "Thanks!")."""
    return not lower_words(_strip_greeting(sentence)) or small_talk(sentence) is not None


def _about_oneself(sentence: str) -> bool:
    """A statement about the asker ("I'm preparing a briefing …", "saya staf Bappelitbang")."""
    rest = _strip_greeting(sentence)
    words = lower_words(rest)
    return bool(words) and words[0] in _words("first_person") and not is_question(rest)


def _framing_lead(lead: str) -> bool:
    """Whether the words before the asked part frame it: they hold a first-person or a request word, and ask
    nothing themselves ("Could you tell me", "Untuk laporan kami,"; not "What did the study tell us")."""
    words = lower_words(lead)
    if not words or any(w in _words("question_words") for w in words):
        return False
    if words[0] in _words("auxiliaries"):
        return False
    return any(w in _words("first_person") or w in _words("request") for w in words)


def _know_end(words: list[str]) -> int | None:
    """The index after the last know-verb phrase ("know", "tell me", "find out") among ``words``, with the
    object pronoun after it; None without one."""
    end = None
    for i in range(len(words)):
        for phrase in _phrases("know"):
            if tuple(words[i : i + len(phrase)]) == phrase:
                j = i + len(phrase)
                while j < len(words) and words[j] in _words("first_person"):
                    j += 1  # "tell me", "remind us"
                end = j
                break
    return end


def _asked_clause(sentence: str) -> str:
    """The asking sentence without its framing lead: up to a know-verb ("Could you tell me when …", "Saya ingin
    tahu, siapa …"), else up to a comma or colon before a question word ("Untuk laporan kami, apa saja …",
    "Kami perlu data: berapa …")."""
    sentence = _strip_greeting(sentence)
    matches = list(_WORD.finditer(sentence))
    words = [m.group(0).lower().replace("’", "'") for m in matches]
    first_q = next((i for i, w in enumerate(words) if w in _words("question_words")), len(words))
    end = _know_end(words[:first_q])
    if end is not None and end < len(words) and _framing_lead(sentence[: matches[end - 1].end()]):
        return sentence[matches[end].start() :]
    for lead_end in _LEAD_END.finditer(sentence):
        after = sentence[lead_end.end() :]
        after_words = lower_words(after)
        if after_words and after_words[0] in _words("question_words") and _framing_lead(sentence[: lead_end.start()]):
            return after
    return sentence


def _phrase_at(words: list[str], i: int, group: str) -> tuple[tuple[str, ...], str] | None:
    """The longest phrase of a comparison group that starts at word ``i``, with its language."""
    for phrase, lang in _phrases_by_language(group):
        if tuple(words[i : i + len(phrase)]) == phrase:
            return phrase, lang
    return None


def _comparison(asked: str) -> str | None:
    """A question asking how things differ, as the things ("What is the difference between the 2016 MoU and the
    2020 MoU?" -> "the 2016 MoU and the 2020 MoU?", "How did X differ from Y?" -> "X and Y?"); None for any other."""
    matches = list(_WORD.finditer(asked))
    words = [m.group(0).lower() for m in matches]
    lead = _phrase_at(words, 0, "lead")
    start = len(lead[0]) if lead is not None else 0
    join = next(((i, pl) for i in range(start + 1, len(words)) if (pl := _phrase_at(words, i, "join"))), None)
    if lead is not None and ((lead[0][0] == "how" and join is None) or start >= len(words)):
        lead, start = None, 0  # "How did the project start?" compares nothing
    if lead is None and join is None:
        return None
    begin = matches[start].start()
    if join is None:
        return asked[begin:]
    i, (phrase, lang) = join
    joined = "dan" if lang == "id" else "and"
    return f"{asked[begin : matches[i].start()]}{joined}{asked[matches[i + len(phrase) - 1].end() :]}"


def _compared(asked: str) -> str:
    """A question asking how things differ as the things, else as it was."""
    compared = _comparison(asked)
    return asked if compared is None else compared


def compares(question: str) -> bool:
    """Whether a question asks how things differ ("What is the difference between KSDPL and KSDLL?", "Apa bedanya
    TPA Sarimukti dan TPPAS Legok Nangka?", "How did X differ from Y?")."""
    return any(_comparison(_asked_clause(s)) is not None for s in sentences(" ".join(question.split())))


def asked_part(question: str) -> str:
    """The question without its framing: the greetings and the sentences about the asker before it, the small
    talk after it, and the greeting and request it opens with. A sentence about the asker stays when the question
    points back into it ("I'm writing about Kang Pisman. When did it start?"). The question as it was when none
    of that is found, or when nothing would be left."""
    text = " ".join(question.split())
    if len(text) > _MAX_CHARS:
        return text
    said = sentences(text)
    if not said:
        return text
    while len(said) > 1 and small_talk(said[-1]) is not None:
        said.pop()  # "… signed? Thanks!"
    asking = max((i for i, s in enumerate(said) if is_question(s)), default=len(said) - 1)
    clause = _asked_clause(said[asking])
    before = [s for s in said[:asking] if not _only_greeting(s)]
    if not points_anywhere(clause):
        before = [s for s in before if not _about_oneself(s)]
    elif before:
        clause = _strip_greeting(said[asking])  # its request may be what "it" is asked about in
    rest = " ".join([*before, _compared(clause), *said[asking + 1 :]]).strip()
    return rest if lower_words(rest) else text
