"""knowledge/spelling.py: how far a typo may be from the word meant, and what a slip costs."""

from __future__ import annotations

from knowledge.spelling import is_common_word, max_typos, near_words, neighbour_keys, next_keys, slip_cost


def test_max_typos_spares_short_words_and_numbers() -> None:
    assert max_typos("kawsaki") == 1 and max_typos("perampahan") == 2 and max_typos("mtehod") == 1
    # Short words have too many neighbours; numbers are not spelled.
    assert max_typos("bnd") == 0 and max_typos("20166") == 0


def test_common_words_of_both_languages() -> None:
    assert is_common_word("kucing") and is_common_word("resolution") and is_common_word("sampah")
    assert not is_common_word("mtehod") and not is_common_word("kawsaki")


def test_next_keys_follow_the_staggered_rows() -> None:
    assert sorted(neighbour_keys("a")) == ["q", "s", "w", "z"] and neighbour_keys("1") == ()
    assert next_keys("a", "s") and next_keys("a", "q") and next_keys("a", "w") and next_keys("a", "z")
    assert next_keys("g", "t") and next_keys("g", "y") and next_keys("g", "b") and next_keys("b", "g")
    assert not next_keys("a", "d") and not next_keys("t", "j") and not next_keys("q", "z") and not next_keys("é", "e")


def test_slip_cost() -> None:
    assert slip_cost("kawsaki", "kawasaki") == 1  # dropped
    assert slip_cost("mtehod", "method") == 1  # swapped
    assert slip_cost("bandunf", "bandung") == 1  # the key next to it
    assert slip_cost("kerta", "kerja") == 2  # a key far away
    assert slip_cost("method", "method") == 0


def test_near_words_keeps_those_within_the_limit() -> None:
    words = ["kerja", "kereta", "kertas", "kota"]
    assert sorted(near_words("kerta", words, 1)) == [(1, "kereta"), (1, "kertas")]
    assert sorted(near_words("kerta", words, 2)) == [(1, "kereta"), (1, "kertas"), (2, "kerja")]
