"""Questions asking what an abbreviation stands for, and passages spelling one out (knowledge/definitions.py)."""

from __future__ import annotations

import pytest

from knowledge.definitions import asked_abbreviation, asking_words, spells_out


@pytest.mark.parametrize(
    ("question", "abbreviation"),
    [("Apa itu JCM?", "JCM"), ("JCM itu apa sih?", "JCM"), ("apa itu jcm?", "JCM"),
     ("Apa kepanjangan DLHK?", "DLHK"), ("Apa kepanjangan dari KSDPL", "KSDPL"), ("TPS singkatan dari apa?", "TPS"),
     ("Apa yang dimaksud dengan KSDPL?", "KSDPL"), ("What is JCM?", "JCM"), ("What's the JCM?", "JCM"),
     ("What does KSDPL stand for?", "KSDPL"), ("Define IGES", "IGES"), ("meaning of the abbreviation DPRD", "DPRD"),
     ("Apa itu AZEC ya?", "AZEC"), ("Apa sih JCM", "JCM")],
)
def test_a_question_asking_an_abbreviation_s_meaning_names_it(question: str, abbreviation: str) -> None:
    assert asked_abbreviation(question) == abbreviation


@pytest.mark.parametrize("question", [
    "What is the budget of JICA?",  # asks the budget: JICA is only named
    "Apa itu sampah organik?", "What is Kang Pisman?", "Apa itu pengelolaan?",  # no abbreviation asked
    "When did the JCM work start?",
    # A name that begins with capitals, and a question word where the abbreviation would stand.
    "Apa itu PD Kebersihan?", "Apa kepanjangan Kang Pisman?", "Kang Pisman itu singkatan dari apa?",
])
def test_other_questions_ask_no_abbreviation(question: str) -> None:
    assert asked_abbreviation(question) is None


@pytest.mark.parametrize(
    ("abbreviation", "text"),
    [("IGES", "IGES (Institute for Global Environmental Strategies) and JESC have worked with Kawasaki."),
     ("JCM", "… a policy that followed the Indonesia–Japan Joint Crediting Mechanism (JCM) (Source: 123dok, 2021)."),
     ("TPS", "pengelolaan TPS (tempat penampungan sementara), dan rencana aksi yang lebih baik"),
     ("DLHK", "Salman Fauzi, head of Bandung's DLHK (environment and sanitation agency), said …")],
)
def test_a_passage_spelling_the_abbreviation_out(abbreviation: str, text: str) -> None:
    assert spells_out(abbreviation, text)


@pytest.mark.parametrize(
    ("abbreviation", "text"),
    [("JICA", "fully funded by JICA (Source: Kawasaki City press release, 24 Aug 2016)."),  # a source note
     ("RW", "147 RW (satu media menyebut 157 RW) tidak lagi membuang sampah ke TPS"),  # a count, no gloss
     ("PUOD", "circular SE 193/1652/PUOD (1993)"),  # a year
     ("JCM", "The FY2014–FY2015 JCM work by Kawasaki in Bandung covered low-carbon city planning."),
     ("IGES", "IGES-CCET (Institute for Global Environmental Strategies) brought officials"),  # another name
     ("jcm", "Joint Crediting Mechanism (JCM)")],  # matched in capitals, as written
)
def test_using_an_abbreviation_is_not_spelling_it_out(abbreviation: str, text: str) -> None:
    assert not spells_out(abbreviation, text)


def test_the_words_that_ask_for_the_meaning() -> None:
    assert asking_words("Apa kepanjangan DLHK?") == {"kepanjangan"}
    assert asking_words("What does KSDPL stand for?") == {"stand"}
    assert asking_words("What does the budget stand for in the MoU, and how much is it?") == set()
