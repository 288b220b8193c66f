"""Whether a question asks how the partnership stands now ("Is the partnership still active?", "Apa kegiatan
terbaru dalam kerja sama ini?"), and how recent a passage's news is. Pure; the words are in prompts/latest.json.

Such questions share no word with the passages that answer them: "masih berjalan" against "runs from May 2023
to April 2026". The search found the 2019 statement that the cooperation "had been running for three years", a
2013 count of active Indonesian sister cities, or nothing; the passages dated latest answer them
(knowledge/service.py puts those first)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from knowledge.partnerships import asks_beyond_ours, is_ours, names_city, ours, partnerships
from knowledge.source_notes import without_source_note
from knowledge.strings import phrase_pattern
from knowledge.study_questions import years_named
from knowledge.tokens import split_words, stopwords
from knowledge.types import Hit


def _words(group: str) -> re.Pattern[str]:
    return phrase_pattern("latest.json", group)


def names_ours(text: str) -> bool:
    """Whether the text names both of this partnership's cities."""
    return all(names_city(text, city) for city in ours())


def asks_latest(question: str) -> bool:
    """Whether the question asks how this partnership stands now: a word asking for the present ("masih",
    "latest") and the partnership named, by its cities or as "the partnership" / "kerja sama ini" ("Is Bandung
    still struggling with waste?" asks about Bandung), and no other partnership asked about ("Is the Bandung–Suwon
    sister city still active?", "Which other partnerships are still active?")."""
    if _words("asks_latest").search(question) is None or _asks_other(question):
        return False
    return names_ours(question) or _words("refers").search(question) is not None


def refers_to_ours(question: str) -> bool:
    """Whether the question speaks of this partnership by a common noun ("kerja sama ini", "the project") and
    names neither of its cities, asking about no other partnership: in Kawan's chat nothing else is "the
    cooperation". One city named may be of another pair ("kerja sama Bandung-Suwon", no tie word near)."""
    if any(names_city(question, city) for city in ours()) or _asks_other(question):
        return False
    return _words("refers").search(question) is not None


def names_partnership() -> re.Pattern[str]:
    """The words by which a question names this partnership without its cities ("kerja sama", "the project")."""
    return _words("refers")


def _asks_other(question: str) -> bool:
    """Whether the question asks about other partnerships, or names one: in a question the partnership's own
    words tie a pair as a tie word does ("Mengapa kerja sama Semarang–Beihai tidak berlanjut?" asked about
    Semarang–Beihai, and was led by Bandung–Kawasaki's latest news)."""
    pairs = partnerships(question, also=names_partnership())
    return asks_beyond_ours(question) or any(not is_ours(pair) for pair in pairs)


def state_words(question: str) -> set[str]:
    """The words by which a question asking how the partnership stands now asks for that ("still", "saat ini",
    "keadaan", "happening"), lower-cased, one by one; none for any other question. Its answer is a date, which
    no passage words as the question does: the check that the cited passages say what a question turns on
    (knowledge/answer_check.py) leaves them out."""
    if not asks_latest(question):
        return set()
    found = [*_words("asks_latest").finditer(question), *_words("state_words").finditer(question)]
    return {w.lower() for m in found for w in m.group().split()}


def only_asks_state(question: str) -> bool:
    """Whether a question asking how the partnership stands now asks nothing else: every word is one asking for
    the present, for the state, naming the partnership, a stop word or a number ("What is the latest activity
    of the cooperation?"; not "What is the partnership's current budget?"). Only such a question, refused by
    the search, is answered from the partnership's latest news."""
    if not asks_latest(question):
        return False
    rest = question
    for group in ("asks_latest", "state_words", "refers"):
        rest = _words(group).sub(" ", rest)
    cities = {c.lower() for c in ours()}
    stop = stopwords()
    # "s": what is left of a possessive ("the partnership's").
    return all(w in stop or w in cities or w.isdigit() or w == "s" for w in split_words(rest))


def about_ours(text: str, title: str) -> bool:
    """Whether a passage is about this partnership: it names both cities outside its source note ("(Source:
    ERI Kawasaki …)" names a publisher), or it names no partnership and its document's title names both
    ("Chronology of the Bandung–Kawasaki Partnership")."""
    return names_ours(without_source_note(text)) or (not partnerships(text) and names_ours(title))


def latest_year(text: str) -> int | None:
    """The latest year the passage dates its news to ("runs from May 2023 to April 2026": 2026), outside its
    source note. None: no year."""
    years = years_named(without_source_note(text))
    return max(years) if years else None


def latest_lead(
    hits: Sequence[Hit], language: str, twins: Mapping[str, str], margin: float, n: int
) -> list[Hit]:
    """The ``n`` passages of ``hits`` (a search's, best first) about this partnership and dated latest, among
    those within ``margin`` of the best: latest first; in a year, those in ``language`` first, then the
    search's order. One per fact: a passage whose translation (``twins``, id -> id) is taken is skipped."""
    if not hits:
        return []
    top = hits[0].score
    dated = [(year, h) for h in hits
             if top - h.score <= margin and about_ours(h.passage.text, h.passage.title)
             and (year := latest_year(h.passage.text)) is not None]
    dated.sort(key=lambda pair: (-pair[0], pair[1].passage.language != language))  # stable: search order
    lead: list[Hit] = []
    for _, h in dated:
        if len(lead) == n:
            break
        if not any(twins.get(h.passage.id) == g.passage.id or twins.get(g.passage.id) == h.passage.id
                   for g in lead):
            lead.append(h)
    return lead
