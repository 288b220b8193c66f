"""What a question asks without how it is framed (knowledge/framing.py)."""

from __future__ import annotations

import pytest

from knowledge.framing import asked_part, compares


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        # A sentence about the asker, then a request to be told.
        ("I'm preparing a briefing for the mayor tomorrow. Could you tell me when the first MoU was signed?",
         "when the first MoU was signed?"),
        ("Hello, I work at the DLHK. Which river was proposed as the pilot?", "Which river was proposed as the pilot?"),
        ("Selamat pagi, saya staf Bappelitbang. Kapan MoU kedua ditandatangani?", "Kapan MoU kedua ditandatangani?"),
        # A request before the question, with or without a comma.
        ("Mohon info, berapa anggaran proyek JICA?", "berapa anggaran proyek JICA?"),
        ("Saya ingin tahu, siapa direktur PD Kebersihan?", "siapa direktur PD Kebersihan?"),
        ("Tolong jelaskan apa saja komponen proyek JICA.", "apa saja komponen proyek JICA."),
        ("Our office wants to know how many people were trained.", "how many people were trained."),
        ("Before the meeting I need to know when the project runs?", "when the project runs?"),
        # A lead about the asker, ended by a comma or a colon before the question word.
        ("Untuk laporan kami, apa saja hasil kerja sama?", "apa saja hasil kerja sama?"),
        ("Kami perlu data: berapa ton sampah per hari?", "berapa ton sampah per hari?"),
        # Greetings, an address, an excuse, and thanks after the question.
        ("Bapak/Ibu, sejak tahun berapa IGES bekerja sama dengan Kawasaki?",
         "sejak tahun berapa IGES bekerja sama dengan Kawasaki?"),
        ("Permisi kak, boleh tahu, kapan MoU pertama ditandatangani?", "kapan MoU pertama ditandatangani?"),
        ("Maaf mengganggu. Siapa yang menandatanganinya?", "Siapa yang menandatanganinya?"),
        ("Kapan MoU kedua ditandatangani? Terima kasih.", "Kapan MoU kedua ditandatangani?"),
    ],
)
def test_the_framing_around_a_question_is_left_out(typed: str, asked: str) -> None:
    assert asked_part(typed) == asked


@pytest.mark.parametrize(
    "typed",
    [
        # The lead asks something itself, or names where: it is part of the question.
        "What did the study tell us about JICA?",
        "Di Kawasaki, apa saja yang dikunjungi rombongan?",
        "Kawasaki membantu Bandung dalam hal apa?",
        "Siapa yang memberi tahu warga tentang Kang Pisman?",
        # A sentence before the question that is about something else than the asker.
        "Oded M. Danial visited Japan in 2020. What did he see?",
        "UU No. 23/2014 mengatur apa?",
        # A word that can address someone, not followed by a comma, is part of the question.
        "Ibu kota Jepang bekerja sama dengan Bandung?",
        "Tim JICA datang ke Bandung kapan?",
        # Nothing but framing: the message stays as typed.
        "Selamat pagi!",
        "Could you tell me?",
    ],
)
def test_a_question_with_no_framing_stays_as_typed(typed: str) -> None:
    assert asked_part(typed) == typed


def test_a_sentence_about_the_asker_stays_when_the_question_points_back_into_it() -> None:
    typed = "Saya sedang menulis skripsi tentang Kang Pisman. Kapan program itu dimulai?"
    assert asked_part(typed) == typed
    assert asked_part("Halo! I'm writing about Kang Pisman. When did it start?") == (
        "I'm writing about Kang Pisman. When did it start?"
    )


def test_spacing_is_normalised() -> None:
    assert asked_part("  Mohon   info,  berapa anggaran\nproyek JICA? ") == "berapa anggaran proyek JICA?"


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        ("What is the difference between the 2016 MoU and the 2020 MoU?", "the 2016 MoU and the 2020 MoU?"),
        ("How did the 2016 MoU differ from the 2020 MoU?", "the 2016 MoU and the 2020 MoU?"),
        ("How is Kang Pisman different from the JICA project?", "Kang Pisman and the JICA project?"),
        ("Apa bedanya proyek JICA dan proyek air limbah?", "proyek JICA dan proyek air limbah?"),
        ("Kang Pisman dibandingkan dengan proyek JICA?", "Kang Pisman dan proyek JICA?"),
        ("Mohon info, apa perbedaan MoU 2016 dan MoU 2020?", "MoU 2016 dan MoU 2020?"),
    ],
)
def test_a_question_asking_how_things_differ_asks_for_the_things(typed: str, asked: str) -> None:
    # No passage says "difference": the passages on each thing answer it.
    assert asked_part(typed) == asked


@pytest.mark.parametrize("typed", ["How did the project start?", "How much did it cost?", "What is the difference?"])
def test_a_how_question_that_compares_nothing_stays(typed: str) -> None:
    assert asked_part(typed) == typed


def test_a_text_longer_than_a_question_is_read_as_it_is() -> None:
    long = "Halo, " * 500 + "kapan MoU pertama ditandatangani?"
    assert asked_part(long) == " ".join(long.split())


@pytest.mark.parametrize(
    ("question", "comparing"),
    [("What is the difference between KSDPL and KSDLL?", True),
     ("Apa bedanya TPA Sarimukti dan TPPAS Legok Nangka?", True),
     ("How did the 2016 MoU differ from the 2020 MoU?", True),
     ("Selamat pagi. Apa perbedaan MoU 2016 dan MoU 2020?", True),
     # "How did …" without a join compares nothing.
     ("How did the project start?", False), ("Who signed the MoU?", False), ("Apa itu KSDPL?", False)],
)
def test_a_question_comparing_things_is_told_apart(question: str, comparing: bool) -> None:
    assert compares(question) is comparing
