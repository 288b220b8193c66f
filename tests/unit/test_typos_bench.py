"""bench/typos.py: one seeded typing slip per question."""

from __future__ import annotations

import random

from rapidfuzz.distance import OSA

from bench.typos import misspell, misspell_all


def test_one_slip_in_one_long_word_never_its_first_letter() -> None:
    rng = random.Random(0)
    question = "When did Bandung and Kawasaki sign the memorandum?"
    for _ in range(200):
        typed = misspell(question, rng)
        changed = [(a, b) for a, b in zip(question.split(), typed.split(), strict=True) if a != b]
        assert len(changed) == 1, typed
        was, now = changed[0]
        assert len(was) >= 6 and now[0] == was[0] and OSA.distance(was, now) == 1


def test_short_words_only_stay_as_they_are_and_seeds_repeat() -> None:
    assert misspell("Who is the mayor?", random.Random(1)) == "Who is the mayor?"
    questions = ["Apa kesimpulan penelitian ini?", "What method did the researchers use?"]
    assert misspell_all(questions, 3) == misspell_all(questions, 3) != questions
