"""The questions of one chat message (knowledge/message_parts.py)."""

from __future__ import annotations

import pytest

from knowledge.message_parts import MAX_PARTS, asks_itself, separate_questions


@pytest.mark.parametrize(
    ("message", "questions"),
    [
        ("What is Kang Pisman? What did Kawasaki contribute to Bandung?",
         ("What is Kang Pisman?", "What did Kawasaki contribute to Bandung?")),
        ("Apa itu Kang Pisman? Kapan dimulai?", ("Apa itu Kang Pisman?", "Kapan dimulai?")),
        # A yes-or-no question, however short, and one with no opener of at least four words.
        ("Is it funded? Who pays?", ("Is it funded?", "Who pays?")),
        ("Bandung sudah menandatangani MoU baru? Kapan?", ("Bandung sudah menandatangani MoU baru?", "Kapan?")),
        # Two questions joined by "and" / "dan" in one sentence: "and" right before a question word, "dan" up to
        # three words before one, as Indonesian asks; the first keeps the question mark.
        ("How many people died at Leuwigajah in 2005 and which law followed it?",
         ("How many people died at Leuwigajah in 2005?", "which law followed it?")),
        ("Kapan MoU baru ditandatangani, dan pabrik apa saja yang dikunjungi rombongan Bandung?",
         ("Kapan MoU baru ditandatangani?", "pabrik apa saja yang dikunjungi rombongan Bandung?")),
        ("Did Bandung sign the MoU and who signed it?", ("Did Bandung sign the MoU?", "who signed it?")),
        # No space after the question mark, and the list numbers of a numbered message.
        ("Who signed the MoU?Who funded it?", ("Who signed the MoU?", "Who funded it?")),
        ("1. Apa itu JCM? 2. Siapa yang mendanai proyek JICA?", ("Apa itu JCM?", "Siapa yang mendanai proyek JICA?")),
        ("(1) What is the JCM? (2) Who funds it?", ("What is the JCM?", "Who funds it?")),
        # Other SWOT categories of the question before go with it: one answer has a section for each.
        ("Apa hambatan kerja sama ini? Dan peluangnya? Siapa yang mendanai proyek JICA?",
         ("Apa hambatan kerja sama ini? Dan peluangnya?", "Siapa yang mendanai proyek JICA?")),
        # What leads up to a question goes with it; what follows the last, with the last.
        ("Selamat pagi. Saya staf DLH. Apa itu JCM? Siapa yang mendanainya? Terima kasih.",
         ("Selamat pagi. Saya staf DLH. Apa itu JCM?", "Siapa yang mendanainya? Terima kasih.")),
    ],
)
def test_each_question_of_a_message_is_a_part_with_what_leads_up_to_it(message: str, questions: tuple) -> None:
    parts = separate_questions(message)
    assert parts.questions == questions and parts.left_out == ()


@pytest.mark.parametrize(
    "message",
    [
        "What obstacles did the cooperation face?",
        # A topic before the question names what it asks about: one question.
        "Kang Pisman? Apa itu?",
        "Oded M. Danial? Who is he?",
        # A sentence about the asker, then the question.
        "I am writing about Kang Pisman. When did it start?",
        # Statements and requests without a question mark ask nothing apart.
        "Sebutkan komponen proyek JICA. Jelaskan juga anggarannya.",
        # One subject asked two things of, or two things asked of: one question.
        "Siapa dan kapan MoU ditandatangani?",
        "Kapan dan di mana MoU ditandatangani?",
        "What are the strengths and weaknesses?",
        "Apa peran pemerintah Bandung dan Kawasaki dalam proyek ini?",
        "What is the difference between the MoU and the MoC which followed it?",
        "Apa kekuatan kerja sama ini? Apa ancamannya?",
        "What are the strengths of the cooperation? And the threats?",
        # A web address's question mark ends nothing.
        "Apa isi halaman eri-kawasaki.jp/?p=7855 tentang Bandung?",
        # The same question twice is asked once.
        "Apa itu JCM? apa itu JCM?",
    ],
)
def test_a_message_with_one_question_is_asked_whole(message: str) -> None:
    parts = separate_questions(message)
    assert parts.questions == (" ".join(message.split()),) and parts.left_out == ()


def test_questions_past_the_limit_are_left_out_in_order() -> None:
    parts = separate_questions("Who signed the MoU? When? Where? Why? How?")
    assert len(parts.questions) == MAX_PARTS == 3
    assert parts.questions == ("Who signed the MoU?", "When?", "Where?")
    assert parts.left_out == ("Why?", "How?")


@pytest.mark.parametrize(
    ("sentence", "asks"),
    [("Kapan?", True), ("Did it?", True), ("Apakah sudah?", True), ("Kang Pisman?", False),
     ("Tentang Legok Nangka?", False), ("Bandung menerima dana hibah Jepang?", True),
     ("Saya staf DLH.", False), ("", False)],
)
def test_a_sentence_asks_on_its_own_by_a_question_word_an_opener_or_its_length(sentence: str, asks: bool) -> None:
    assert asks_itself(sentence) is asks
