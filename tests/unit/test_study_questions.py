"""Which questions refer to the study itself (prompts/study.json), and what they ask of it."""

from __future__ import annotations

import pytest

from knowledge.study_questions import asks_about_study, without_study_words


@pytest.mark.parametrize(
    "question",
    ["Teori apa yang dipakai penelitian ini?", "Periode apa yang diteliti?", "Metode apa yang dipakai peneliti?",
     "Which years does the study cover?", "What did the researchers conclude?", "Apa  kesimpulan  STUDI INI?"],
)
def test_a_question_that_names_the_study_refers_to_it(question: str) -> None:
    assert asks_about_study(question)


@pytest.mark.parametrize(
    "question",
    # "penelitian terdahulu" is earlier research; "peneliti" is not inside "penelitian"; "study" alone is a verb.
    ["Apa hasil penelitian terdahulu?", "Kapan MoU ditandatangani?", "What did the students study?",
     "Siapa wali kota Bandung?"],
)
def test_other_questions_do_not(question: str) -> None:
    assert not asks_about_study(question)


def test_what_a_question_asks_of_the_study_is_the_rest() -> None:
    assert without_study_words("Teori apa yang dipakai penelitian ini?") == "Teori apa yang dipakai ?"
    assert without_study_words("Which years does The Study cover in Bandung?") == "Which years does cover in Bandung?"
