"""Informal Indonesian, read as its standard words: "brp" is "berapa", "gimana" "bagaimana". Pure.

Officials and students type in a chat as they text. A chat word no passage uses cost the question twice: the
keyword search found nothing for it (and the share of the question a passage holds fell), and the answer was
marked for a word "no indexed document uses" («brp»). The table is the Colloquial Indonesian Lexicon as indoNLP
ships it, with prompts/informal.json's additions and removals. It is only read for words no passage holds
(LexicalIndex.formalised), so a word the documents use is never changed.
"""

from __future__ import annotations

import json
from functools import cache

from knowledge.paths import PROMPTS_DIR

# Of the lexicon's words, two letters are too few to tell a chat word from an abbreviation the documents may
# use ("sm" is "sama" in a chat and "sebelum Masehi" in a history; "pd" "pada" and "Perusahaan Daerah"). The
# chat negation "ga" comes from prompts/informal.json's own list ("GA-181", a flight, is in capitals).
MIN_LETTERS = 3


@cache
def _table() -> dict[str, str]:
    # indoNLP's package imports its emoji tables too (~0.1 s): paid at the first unknown word, not at start.
    from indoNLP.preprocessing.slang_data import SLANG_DATA

    extra = json.loads((PROMPTS_DIR / "informal.json").read_text(encoding="utf-8"))
    dropped = set(extra["drop"])
    table = {
        word: formal
        for word, formal in SLANG_DATA.items()
        if len(word) >= MIN_LETTERS and word.isalpha() and word != formal and word not in dropped
        and all(part.isalpha() for part in formal.split())
    }
    table.update(extra["add"])
    return table


def formal_form(word: str) -> str | None:
    """The standard form of an informal Indonesian word as typed ("brp" -> "berapa"), or None. A word written in
    capitals is an acronym, never a chat word ("BRT")."""
    if word.isupper() and len(word) > 1:
        return None
    return _table().get(word.lower())
