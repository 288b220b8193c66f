"""Follow-ups that point back ("Who signed it?", "Berapa anggarannya?") or ask with question words alone, read
without a model (knowledge/followup.py)."""

from __future__ import annotations

import pytest

from knowledge.followup import asks_for_value, continuation, points_back, resolve_followup

MOU = "When did Bandung and Kawasaki sign their first MoU?"
JICA = "Apa proyek akar rumput JICA untuk sampah di Bandung?"


@pytest.mark.parametrize(
    ("previous", "question"),
    [
        (MOU, "Who signed it?"),
        (MOU, "What was it called?"),
        (MOU, "What did they agree there?"),
        (JICA, "Berapa anggarannya?"),
        (JICA, "Siapa yang menandatanganinya?"),
        (JICA, "Sampai kapan proyek tersebut berjalan?"),
        (JICA, "Kapan itu terjadi?"),
        (JICA, "Sejak kapan?"),
        (MOU, "Since when?"),
        (MOU, "Apa nama MoU itu?"),  # "MoU" is written with capitals, and the previous question holds it
        (JICA, "Berapa lama?"),  # asking words alone, "lama" among them
        (JICA, "How long?"),
        (JICA, "Berapa banyak?"),
    ],
)
def test_a_short_question_pointing_back_is_joined_to_the_previous_topic(previous: str, question: str) -> None:
    assert points_back(question, previous)
    joined = continuation(question, previous)
    assert joined is not None and joined.followup
    assert joined.question.startswith(question.rstrip("?"))
    topic = joined.question.split(": ", 1)[1]
    # The topic without the previous question's asking words, which would ask its question again.
    assert ("MoU" in topic and "When" not in topic) or ("JICA" in topic and "Apa" not in topic.split())


@pytest.mark.parametrize(
    ("previous", "question"),
    [
        (MOU, "Who signed the Legok Nangka deal?"),  # names its own topic
        (MOU, "What is JCM?"),
        (JICA, "apa itu jcm"),  # "apa itu X" asks what X is: that "itu" points nowhere
        (JICA, "JCM itu apa?"),
        (JICA, "Apa metode penelitian ini?"),  # "ini": this study, which the knowledge base is built on
        (MOU, "What is this study about?"),
        (JICA, "Apa saja hambatan kerja sama Sister City Bandung dan Kawasaki menurut penelitian?"),  # long
        (JICA, "Apakah program ini hanya untuk Bandung?"),  # "hanya" ends in -nya and points nowhere
        (MOU, "How many people died?"),  # no pointing word: asked alone first (see the service)
    ],
)
def test_a_question_that_does_not_point_back_is_not_joined_first(previous: str, question: str) -> None:
    assert not points_back(question, previous)


def test_a_question_naming_its_own_topic_is_never_joined() -> None:
    assert continuation("Who signed the Legok Nangka deal?", MOU) is None
    assert continuation("Who signed it?", None) is None
    assert continuation("JCM itu apa?", MOU) is None  # an acronym first names its topic too
    assert continuation("MoU itu apa?", MOU) is not None  # ... unless the previous question held it
    assert continuation("How many people died?", "What happened at Leuwigajah in 2005?") is not None


def test_the_previous_topic_loses_a_definition_s_asking_words() -> None:
    joined = continuation("Siapa yang membangunnya?", "Apa itu TPPAS Legok Nangka?")
    assert joined is not None and joined.question == "Siapa yang membangunnya: TPPAS Legok Nangka"
    assert joined.language == "id"
    assert continuation("Who will build it?", "What is Legok Nangka?").language == "en"  # type: ignore[union-attr]


def test_words_asking_for_a_value_are_found_with_and_without_nya() -> None:
    assert asks_for_value("Siapa yang membangunnya?") == {"membangunnya"}
    assert asks_for_value("What was it called?") == {"called"}
    assert asks_for_value("What was his salary?") == set()
    assert asks_for_value("Berapa gajinya?") == set()


def test_swot_followups_still_resolve_as_before() -> None:
    # "dan ancamannya?" ends in -nya too: the connector reading comes first, for the threats.
    resolved = resolve_followup("dan ancamannya?", "Apa saja hambatan kerja sama Sister City Bandung–Kawasaki?")
    assert resolved.followup and resolved.question.startswith("ancamannya:")
    assert not resolve_followup("Who signed it?", MOU).followup  # the pointing reading is the service's


def test_the_partnership_s_own_cities_name_no_topic() -> None:
    # Nearly every question holds them; "Bandung" does not make this a new question.
    assert points_back("Why did that matter for Bandung?", "How long did the Sarimukti fire burn?")
    assert points_back("Apa manfaatnya bagi Bandung–Kawasaki?", "Apa itu Kang Pisman?")
    assert not points_back("Why did that matter for Cimahi?", "How long did the Sarimukti fire burn?")


def test_a_chain_of_follow_ups_keeps_the_first_topic() -> None:
    first = continuation("Who signed it?", "When was the second MoU signed?")
    assert first is not None and first.topic == "second MoU"
    # The app and the CLI keep the topic, not the joined question, as the next one's previous.
    second = continuation("Since when?", first.topic)
    assert second is not None and second.question == "Since when: second MoU"
    swot = resolve_followup("dan ancamannya?", "Apa saja hambatan kerja sama Sister City Bandung–Kawasaki?")
    assert swot.topic is not None and "ancaman" not in swot.topic and "Bandung" in swot.topic


@pytest.mark.parametrize(
    ("previous", "question", "read_as"),
    [
        ("Apa kekuatan kerja sama ini?", "Apa ancamannya?", "Apa ancamannya: kerja sama ini"),
        ("What are the strengths of the cooperation?", "and the threats?", "the threats: cooperation"),
        ("Apa saja kekuatan program Kang Pisman?", "ancamannya?", "ancamannya: program Kang Pisman"),
    ],
)
def test_a_category_followup_reuses_the_topic_without_the_words_it_opened_with(
    previous: str, question: str, read_as: str
) -> None:
    # The chat showed "dipahami sebagai: Apa ancamannya: Apa kerja sama ini" and "the threats: What are the of the
    # cooperation".
    assert resolve_followup(question, previous).question == read_as


@pytest.mark.parametrize(
    ("previous", "question", "read_as"),
    [
        # The verb the previous question asked with is no part of its topic: "led" searched for who led.
        ("Who led the Bandung delegation to Kawasaki in February 2019?", "What did they do there?",
         "What did they do there: Bandung delegation to Kawasaki in February 2019"),
        ("When was the second Bandung–Kawasaki MoU signed?", "Who signed it?",
         "Who signed it: second Bandung–Kawasaki MoU"),
        ("Siapa yang memimpin rombongan Bandung tahun 2019?", "Apa agendanya?",
         "Apa agendanya: rombongan Bandung tahun 2019"),
        ("Kapan MoU kedua ditandatangani?", "Siapa yang menandatanganinya?",
         "Siapa yang menandatanganinya: MoU kedua"),
        # No verb asked with ("is" is an asking word), or nothing left without it: kept.
        ("Who is the mayor of Kawasaki?", "Since when?", "Since when: mayor of Kawasaki"),
        ("Who won?", "When?", "When: won"),
        # Not a participle: "When did Kawasaki issue its declaration?" ends in a noun.
        ("When did Kawasaki issue its decarbonisation declaration?", "Since when?",
         "Since when: Kawasaki issue its decarbonisation declaration"),
    ],
)
def test_the_verb_a_previous_question_asked_with_is_left_out_of_its_topic(
    previous: str, question: str, read_as: str
) -> None:
    joined = continuation(question, previous)
    assert joined is not None and joined.question == read_as


def test_a_target_or_a_title_is_a_value_a_name_answers() -> None:
    # "What is its target?" after Kawasaki's declaration was marked as missing "target", answered by "aiming for
    # zero carbon by 2050", and the question then asked alone.
    assert asks_for_value("What is its target?") == {"target"}
    assert asks_for_value("Apa judulnya?") == {"judulnya"}
