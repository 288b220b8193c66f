"""Words of the other language mixed into a question, read in the question's language. Officials write "Berapa
capacity pilot plant di TPA Cicabe?" and "How much sampah does Bandung produce per day?": the mixed-in words are
in no passage of the question's language, so the answer check marked right answers ("No indexed document uses
the word «Overload»"), and the question's vector was unlike the passages it asks about. Pure; the words are in
prompts/code_switch.json.
"""

from __future__ import annotations

import re
from functools import cache

from knowledge.strings import alternation, load_json

_TABLES = {"id": "en_in_id", "en": "id_in_en"}


@cache
def _pattern(language: str) -> tuple[re.Pattern[str], dict[str, str]] | None:
    table = load_json("code_switch.json").get(_TABLES.get(language, ""), {})
    if not table:
        return None
    words = {k.lower(): v for k, v in table.items()}
    body = alternation(words)
    # Whole words: not inside another ("plantation") or a hyphenated one ("co-funding"); "capacity-nya" is read.
    return re.compile(rf"(?<![\w-])({body})(-nya\b)?(?![\w-])", re.IGNORECASE), words


def in_own_language(question: str, language: str) -> str:
    """The question with each listed word of the other language in ``language``'s word for it ("budget" ->
    "anggaran" in an Indonesian question, "sampah" -> "waste" in an English one). A word written with a capital
    is a name ("Eco-Town", "Kota Bandung") unless it opens the question ("Overload TPA Sarimukti …?")."""
    found = _pattern(language)
    if found is None:
        return question
    pattern, words = found

    def read(match: re.Match[str]) -> str:
        typed, nya = match.group(1), match.group(2)
        if typed[:1].isupper() and question[: match.start()].strip(" \"'“‘(¿¡"):
            return match.group(0)
        return words[typed.lower()] + ("nya" if nya else "")  # "capacity-nya" -> "kapasitasnya"

    return pattern.sub(read, question)
