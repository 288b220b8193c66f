"""Questions asking for a list of things, and the passages naming those things (knowledge/listed.py)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from knowledge.listed import led_by_listed, listed_term, listed_word, names_term


@pytest.mark.parametrize(
    ("question", "word"),
    [("Apa saja kriteria sister city menurut surat edaran Mendagri tahun 1993?", "kriteria"),
     ("Sebutkan syarat kerja sama dengan pemerintah daerah di luar negeri.", "syarat"),
     ("Apa saja yang dilihat delegasi Bandung di Jepang tahun 2020?", "dilihat"),
     ("What are the requirements for cooperation with a foreign city?", "requirements"),
     # Before an Indonesian "apa saja": the question's first word, or a lower-case one ("Jepang" is a name).
     ("Syarat apa saja yang harus dipenuhi?", "syarat"),
     ("Lembaga Jepang mana saja yang ikut serta?", "lembaga"),
     ("Di Bandung, program apa saja yang ada?", "program"),
     # No list asked.
     ("Kapan MoU ditandatangani?", None),
     ("What is the difference between KSDPL and KSDLL?", None)],
)
def test_the_thing_a_question_lists_is_read(question: str, word: str | None) -> None:
    assert listed_word(question) == word


def test_a_passage_names_the_thing_in_any_form_of_it() -> None:
    term = listed_term("Sebutkan syarat kerja sama dengan pemerintah daerah di luar negeri.", "id")
    assert term is not None
    assert names_term("Persyaratan KSDPL meliputi: Indonesia memiliki hubungan diplomatik.", "id", term)
    assert not names_term("Kerja sama daerah dengan pemerintah daerah di luar negeri harus disetujui.", "id", term)
    seen = listed_term("Apa saja yang dilihat delegasi Bandung?", "id")
    assert seen is not None and names_term("Rombongan Bandung juga melihat pabrik J-Bio.", "id", seen)


@dataclass(frozen=True)
class _Hit:
    text: str
    language: str


def _lead(hits: list[_Hit], question: str, language: str) -> list[_Hit]:
    return led_by_listed(hits, lambda h: h.text, lambda h: h.language, question, language)


def test_a_list_question_is_led_by_a_passage_naming_the_things_when_the_first_does_not() -> None:
    basis = _Hit("Landasan lama tata cara sister city adalah Surat Edaran Mendagri 1993.", "id")
    english = _Hit("The sister-city criteria in circular SE 193/1652/PUOD (1993) were equal status.", "en")
    criteria = _Hit("Kriteria sister city menurut SE 193/1652/PUOD (1993) adalah kesetaraan status.", "id")
    question = "Apa saja kriteria sister city menurut surat edaran Mendagri tahun 1993?"
    # The English passage cannot be seen to name "kriteria": the Indonesian one that does leads.
    assert _lead([basis, english, criteria], question, "id") == [criteria, basis, english]
    assert _lead([criteria, basis], question, "id") == [criteria, basis]  # its first names them: as is
    assert _lead([basis, criteria], "Kapan surat edaran itu terbit?", "id") == [basis, criteria]  # no list
    none = [basis, english]
    assert _lead(none, question, "id") == none  # none names them: as is
