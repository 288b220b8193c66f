"""Words of the other language mixed into a question, read in the question's language (knowledge/code_switch.py)."""

from __future__ import annotations

import pytest

from knowledge.code_switch import in_own_language


@pytest.mark.parametrize(
    ("typed", "language", "read"),
    [
        ("Berapa capacity pilot plant di TPA Cicabe?", "id", "Berapa kapasitas fasilitas percontohan di TPA Cicabe?"),
        ("Siapa partner Kawasaki untuk household waste?", "id", "Siapa mitra Kawasaki untuk sampah rumah tangga?"),
        ("How much sampah does Bandung produce per day?", "en", "How much waste does Bandung produce per day?"),
        ("When did the kebakaran at TPA Sarimukti start?", "en", "When did the fire at TPA Sarimukti start?"),
        # The first word is read even with its capital; "-nya" stays joined to the word read.
        ("Overload TPA Sarimukti sampai berapa persen?", "id", "kelebihan muatan TPA Sarimukti sampai berapa persen?"),
        ("Follow up-nya setelah proyek itu apa?", "id", "tindak lanjutnya setelah proyek itu apa?"),
        ("Kapan MoU yang baru di-sign?", "id", "Kapan MoU yang baru ditandatangani?"),
    ],
)
def test_the_other_language_s_words_are_read_in_the_question_s(typed: str, language: str, read: str) -> None:
    assert in_own_language(typed, language) == read


@pytest.mark.parametrize(
    ("typed", "language"),
    [
        ("Apa isi masterplan zero waste Bandung?", "id"),  # a term the Indonesian passages use as it is
        ("Apa itu J-Bio Food Recycle?", "id"),  # a name keeps its words
        ("Which Wali Kota signed the MoU in 2020?", "en"),  # written with capitals: a title or a name
        ("Apa itu plantation dan co-funding?", "id"),  # inside another word, or a hyphenated one
        ("How much waste does Bandung produce?", "en"),  # nothing of the other language
        ("Berapa anggaran proyek JICA?", "id"),
    ],
)
def test_words_of_the_question_s_language_and_names_stay(typed: str, language: str) -> None:
    assert in_own_language(typed, language) == typed
