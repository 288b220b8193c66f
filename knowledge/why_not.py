"""Whether a question asks why something did not happen or went wrong ("Why was the PLTSa Gedebage incinerator
never built?", "Kenapa kerja sama … tidak berjalan optimal?"), and the passages that can say why: setbacks, as
the SWOT classifier files them (weaknesses, threats). The passages most like such a question tell of the thing
itself ("The PLTSa Gedebage incinerator plan started under Mayor Dada Rosada …"). Pure; words in
prompts/why_not.json.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from typing import TypeVar

from knowledge.leads import first_having
from knowledge.strings import alternation, group_phrases, load_json

H = TypeVar("H")  # a search hit, or anything a passage's categories are read from


@cache
def _pattern(group: str) -> re.Pattern[str]:
    # "n't" ends a word ("didn't"): no word boundary before it.
    words = alternation(w for w in group_phrases("why_not.json", group) if w != "n't")
    return re.compile(rf"(?:(?<!\w)(?:{words})(?!\w)|n't(?!\w))", re.IGNORECASE)


def asks_why_not(question: str) -> bool:
    """True for a question asking why something did not happen or went wrong: a "why" word and a word of not
    happening ("never", "tidak jadi", "failed", "didn't")."""
    return bool(_pattern("why").search(question)) and bool(_pattern("not").search(question))


def led_by_setbacks(hits: Sequence[H], categories_of: Callable[[H], set[str]], question: str) -> list[H]:
    """For a question asking why something did not happen, ``hits`` with the setbacks (weaknesses, threats)
    first, each group in its order, when the first tells of the thing going ahead (a strength or an
    opportunity): "Why was the PLTSa Gedebage incinerator never built?" was led by the plan's start, over
    "Residents and Walhi protested against the PLTSa Gedebage plan …". A first passage filed as neither may
    say why already: "Why did PT BRIL not build the Gedebage plant?" is led by "KPPU questioned the … tender,
    PT BRIL withdrew …", which the classifier files as other, and moving setbacks over it lost that answer.
    Otherwise ``hits`` as they are."""
    if not hits or not asks_why_not(question):
        return list(hits)
    table = load_json("why_not.json")
    setbacks, ahead = frozenset(table["setbacks"]), frozenset(table["going_ahead"])
    if not categories_of(hits[0]) & ahead:
        return list(hits)
    return first_having(hits, lambda h: bool(categories_of(h) & setbacks))
