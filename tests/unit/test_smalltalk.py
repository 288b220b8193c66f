"""Greetings, thanks and questions about Kawan itself told apart from questions, without a model
(knowledge/smalltalk.py)."""

from __future__ import annotations

import pytest

from knowledge.smalltalk import SmallTalk, small_talk


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("Halo", SmallTalk("greeting", "id")),
        ("Selamat pagi, Kawan!", SmallTalk("greeting", "id")),
        ("hi there", SmallTalk("greeting", "en")),
        ("Terima kasih!", SmallTalk("thanks", "id")),
        ("Oke, makasih banyak ya kak", SmallTalk("thanks", "id")),
        ("Thank you for the help.", SmallTalk("thanks", "en")),
        ("Halo, terima kasih", SmallTalk("thanks", "id")),  # thanks outweigh the greeting
        ("ok", SmallTalk("thanks", None)),  # both languages say it
        # About Kawan itself: searched, these were answered "Nothing in the documents is relevant enough".
        ("Who are you?", SmallTalk("about", "en")),
        ("What can you do?", SmallTalk("about", "en")),
        ("Help", SmallTalk("about", "en")),
        ("Halo, kamu bisa apa?", SmallTalk("about", "id")),  # the question outweighs the greeting
        ("Apa itu Kawan?", SmallTalk("about", "id")),
        ("Halo, apa kabar?", SmallTalk("about", "id")),
    ],
)
def test_a_message_of_greetings_or_thanks_alone_is_small_talk(message: str, expected: SmallTalk) -> None:
    assert small_talk(message) == expected


@pytest.mark.parametrize(
    "message",
    [
        "Halo, apa itu Kang Pisman?",  # it asks something too
        "Terima kasih, lalu apa hambatannya?",
        "Apa itu?",
        "Bandung",
        "Pagi 2019",  # a digit is no greeting
        "thanks thanks thanks thanks thanks thanks thanks thanks thanks",  # too long to be only that
        "",
        "ya",  # filler alone
        "Who are the partners?",  # asks about the documents
        "Help me find the 2016 MoU",
        "Apa itu Kang Pisman?",
    ],
)
def test_anything_else_is_a_question(message: str) -> None:
    assert small_talk(message) is None
