"""Abbreviations whose full stop does not end a sentence (Indonesian and English).

Shared by line joining (clean) and sentence splitting (passages) so both agree on what ends a sentence.
"""

from __future__ import annotations

# Lower-case, without the final dot. Only words that are almost never the last word of a sentence: ones that
# often end a sentence ("dll.", "dsb.", "etc.") are left out on purpose, because a following capital letter is
# then a better signal than the list.
NON_TERMINAL_ABBREVIATIONS: frozenset[str] = frozenset(
    {
        # titles and honorifics
        "dr", "drs", "dra", "prof", "ir", "h", "hj", "mr", "mrs", "ms", "st", "sdr", "sdri", "bpk", "yth",
        "jend", "kol", "let", "mayjen", "brigjen", "jr", "sr",
        # references and numbering
        "no", "nos", "nr", "vol", "hlm", "hal", "pp", "p", "ed", "eds", "fig", "gbr", "tab", "art", "ps",
        "dkk", "al", "cf", "vs", "ibid", "op", "cit",
        # places, money, misc
        "jl", "jln", "kec", "kab", "kel", "prov", "rp", "approx", "ca", "dept", "tel", "telp",
        "e.g", "i.e", "a.n", "u.p", "s.d", "u.s", "u.k", "a.m", "p.m",
    }
)  # fmt: skip

_LEADING_PUNCTUATION = "([{\"'“‘«"


def is_non_terminal_abbreviation(token: str) -> bool:
    """True when `token` (the word before a full stop, without that stop) is an abbreviation or an initial.

    Covers the listed abbreviations, single-letter initials ("M. Danial") and dotted acronyms ("U.S", "S.Pd").
    """
    word = token.lstrip(_LEADING_PUNCTUATION).lower()
    if not word:
        return False
    if word in NON_TERMINAL_ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isalpha():
        return True
    # A dot inside the token means a dotted acronym or degree ("s.pd", "m.si"), not a sentence end.
    return "." in word and any(ch.isalpha() for ch in word)
