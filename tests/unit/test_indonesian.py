"""Indonesian word forms a stemmer misses: the other voice of a verb."""

from __future__ import annotations

import pytest

from knowledge.indonesian import other_voice


@pytest.mark.parametrize(("word", "forms"), [
    ("menandatangani", {"ditandatangani"}),  # a compound root Sastrawi does not know
    ("ditandatanganinya", {"ditandatangani", "menandatangani"}),
    ("menulis", {"ditulis"}), ("ditulis", {"menulis"}),  # t- elided before a vowel
    ("memakai", {"dipakai"}), ("menyapu", {"disapu"}), ("dikirim", {"mengirim"}),
    ("mengambil", {"diambil"}), ("diambil", {"mengambil"}),  # a root that begins with a vowel
    ("membaca", {"dibaca"}), ("mendapat", {"didapat"}), ("menggunakan", {"digunakan"}), ("melihat", {"dilihat"}),
    ("dipromosikan", {"mempromosikan"}), ("mentransfer", {"ditransfer"}),  # a cluster keeps its consonant
])
def test_the_other_voice_of_an_indonesian_verb(word: str, forms: set[str]) -> None:
    assert forms <= set(other_voice(word))
    assert word not in other_voice(word)


def test_short_words_and_non_verbs_have_no_other_voice() -> None:
    assert other_voice("dinas") == other_voice("meja") == other_voice("kota") == ()
    assert other_voice("membaca") == ("dibaca",)  # not "dimbaca", "diembaca"
