"""Which other sister-city partnership a passage is about, if any. Pure; the words are in prompts/partnership.json.

The background notes compare other Indonesian partnerships (Semarang–Brisbane, Bandung–Suwon), and researchers
add theses on them. Asked "Kapan MoU diperpanjang?", meaning Bandung–Kawasaki's, the answer led, unmarked, with
"MoU sister city Semarang–Brisbane … berakhir pada 2005 tanpa diperpanjang"; "Berapa lama kerja sama ini
berlangsung?" with Fort Worth–Bandung. A passage is about another partnership when it names a sister-city pair
(two names joined by a dash, or two cities joined by a word, "Kota Bandung dan Kota Suwon"; a tie word such as
"sister city" beside them) other than this one and not this one, or, naming none, when its document's title does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any

from knowledge.strings import load_json, phrase_pattern
from knowledge.types import Hit

_NAME = r"[A-Z][\w'’.]*"
# "Semarang–Brisbane", "Fort Worth–Bandung", "Kota Bandung–Kota Kawasaki": one or two capitalised words a side.
_PAIR = re.compile(rf"(?<![\w–—-])({_NAME}(?:[ \t]{_NAME})?)[ \t]?[–—-][ \t]?({_NAME}(?:[ \t]{_NAME})?)(?![\w–—-])")


@cache
def _config() -> dict[str, Any]:
    data: dict[str, Any] = load_json("partnership.json")
    return data


def _words(group: str) -> re.Pattern[str]:
    return phrase_pattern("partnership.json", group)


def ours() -> tuple[str, ...]:
    """The cities of the partnership Kawan is about."""
    return tuple(_config()["ours"])


def ours_label() -> str:
    return "–".join(ours())


def _city(name: str) -> str:
    """The city a pair's side names, without "Kota", "City" or a sentence's "The" beside it."""
    other = set(_config()["not_name"])
    return " ".join(w for w in name.split() if w.lower() not in other)


@cache
def _joined() -> re.Pattern[str]:
    """Two cities joined by a word, each marked as a city ("Kota Bandung dan Kota Suwon", "Bandung City and
    Suwon City"): a thesis title's way. Marked on both sides, so "Indonesia dan Jepang" is no pair."""
    cfg = _config()["joined"]
    before = "|".join(re.escape(w) for w in cfg["city_before"])
    after = "|".join(re.escape(w) for w in cfg["city_after"])
    city = rf"(?:(?:{before})[ \t]{_NAME}(?:[ \t]{_NAME})?|{_NAME}(?:[ \t]{_NAME})?[ \t](?:{after}))"
    joins = "|".join(re.escape(w) for w in cfg["words"])
    return re.compile(rf"(?<!\w)({city})[ \t]+(?:{joins})[ \t]+(?:the[ \t]+)?({city})(?!\w)")


def partnerships(text: str, also: re.Pattern[str] | None = None) -> list[tuple[str, str]]:
    """The sister-city pairs a text names, in order, once each: two names joined by a dash, or two cities joined
    by a word ("Kota Bandung dan Kota Suwon"), with a tie word ("sister city", "kota kembar"), or a word of
    ``also``, within the configured window before or after them."""
    window = int(_config()["window"])
    ties = _words("ties")
    # A tie word's own hyphen joins no pair ("Indonesian Sister-City Partnerships"), and its capitals are no
    # city ("Sister City Bandung–Suwon"): pairs are read with the tie words blanked out, in place.
    blanked = ties.sub(lambda t: " " * len(t.group()), text)
    found: list[tuple[str, str]] = []
    matches = sorted([*_PAIR.finditer(blanked), *_joined().finditer(blanked)], key=lambda m: m.start())
    for m in matches:
        a, b = _city(m.group(1)), _city(m.group(2))
        if not a or not b or a == b:
            continue
        near = text[max(0, m.start() - window): m.end() + window]
        if (ties.search(near) or (also is not None and also.search(near))) and (a, b) not in found:
            found.append((a, b))
    return found


def names_city(text: str, city: str) -> bool:
    """Whether the text names the city, as a whole word in any case."""
    return re.search(rf"(?<!\w){re.escape(city)}(?!\w)", text, re.IGNORECASE) is not None


def is_ours(pair: tuple[str, str]) -> bool:
    """Each side names one of this partnership's cities ("Kawasaki Jepang" names Kawasaki)."""
    a, b = ({w.lower() for w in side.split()} for side in pair)
    x, y = (c.lower() for c in ours())
    return (x in a and y in b) or (y in a and x in b)


def asks_beyond_ours(question: str) -> bool:
    """Whether the question asks about other partnerships ("Which other sister cities …", "dibandingkan") or
    about sister cities in general ("… in Indonesia", "banyak sister city …")."""
    return _words("asks_beyond").search(question) is not None


@lru_cache(maxsize=4096)  # asked twice per cited passage: to order the hits, then to label the citation
def other_partnership(text: str, title: str, question: str) -> str | None:
    """The other partnership(s) a passage is about ("Semarang–Brisbane"), or None: it names none, names this
    one too, or the question names the other's city (then that is what it asks about)."""
    pairs = partnerships(text) or partnerships(title)
    if not pairs or any(is_ours(p) for p in pairs):
        return None
    mine = {c.lower() for c in ours()}
    cities = {c for pair in pairs for c in pair if c.lower() not in mine}
    if any(names_city(question, c) for c in cities):
        return None
    return ", ".join(f"{a}–{b}" for a, b in pairs)


def ours_first(hits: Sequence[Hit], question: str) -> list[Hit]:
    """``hits`` with the passages about another partnership after the others, in the same order otherwise,
    unless the question asks beyond this one: "Why do sister city partnerships in Indonesia fail?" is answered
    by Bandung–Suwon's barriers as much as by this partnership's."""
    if asks_beyond_ours(question):
        return list(hits)
    return sorted(hits, key=lambda h: other_partnership(h.passage.text, h.passage.title, question) is not None)
