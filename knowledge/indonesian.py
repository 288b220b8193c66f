"""Indonesian word forms a stemmer misses: bound forms joined to a word (prompts/bound_forms.json:
"antarinstansi" is "antar" + "instansi") and the two voices of a verb ("menandatangani", "ditandatangani")."""

from __future__ import annotations

import json
from functools import cache

from knowledge.paths import PROMPTS_DIR

MIN_UNBOUND = 4  # letters left after a bound form: "nonton" is no "non" + "ton"
MIN_VOICE_WORD = 6  # "dia", "meja", "minum" are no verbs of a prefix


@cache
def _bound_forms() -> tuple[str, ...]:
    data = json.loads((PROMPTS_DIR / "bound_forms.json").read_text(encoding="utf-8"))
    return tuple(sorted({f.lower() for f in data["id"]}, key=len, reverse=True))  # longest first


def unbound(word: str) -> str | None:
    """The word an Indonesian bound form is joined to ("antarinstansi" -> "instansi", "pascapandemi" ->
    "pandemi"); None when the word starts with none, or too little is left."""
    for form in _bound_forms():
        if word.startswith(form) and len(word) - len(form) >= MIN_UNBOUND and word.isalpha():
            return word[len(form):]
    return None


_VOWELS = frozenset("aeiou")
# The active prefix meN- takes the form its root's first sound asks for, and replaces a first k, p, s or t
# followed by a vowel ("menulis" is meN- + "tulis"); the passive di- is written before the root as it is.
_NASAL = {"k": "meng", "g": "meng", "h": "meng", "p": "mem", "b": "mem", "f": "mem", "v": "mem", "s": "meny",
          "t": "men", "c": "men", "d": "men", "j": "men", "z": "men"}
_ELIDED = frozenset("kpst")
_PARTICLES = ("nya", "lah", "kah", "pun")


def _passive(active: str) -> list[str]:
    prefix = next(p for p in ("meny", "meng", "mem", "men", "me") if active.startswith(p))
    rest = active[len(prefix):]
    if rest[:1] in _VOWELS:  # an elided first consonant, or (meng-) a root that begins with the vowel
        return ["di" + c + rest for c, p in _NASAL.items() if p == prefix and c in _ELIDED] + (
            ["di" + rest] if prefix == "meng" else [])
    return ["di" + rest] if _NASAL.get(rest[:1], "me") == prefix else []


def _active(root: str) -> list[str]:
    first, second = root[0], root[1:2]
    if first in _VOWELS:
        return ["meng" + root]
    if first in _ELIDED and second in _VOWELS:
        return [_NASAL[first] + root[1:]]
    return [_NASAL.get(first, "me") + root]


def other_voice(word: str) -> tuple[str, ...]:
    """The passive (di-) forms of an Indonesian active (meN-) verb and the other way round: "menandatangani" ->
    "ditandatangani", "ditulis" -> "menulis". Sastrawi brings both to one stem only when its dictionary knows the
    root, and compounds ("tanda tangan") it does not. A trailing particle or -nya goes first
    ("ditandatanganinya"). Every form spelling allows; whether a passage holds one is the index's to say."""
    forms: list[str] = []
    for w in dict.fromkeys([word, *(word[: -len(p)] for p in _PARTICLES if word.endswith(p))]):
        if not (w.isascii() and w.isalpha()) or len(w) < MIN_VOICE_WORD:
            continue
        forms.append(w)
        if w.startswith("di"):
            forms += _active(w[2:])
        elif w.startswith("me"):
            forms += _passive(w)
    return tuple(f for f in dict.fromkeys(forms) if f != word)

