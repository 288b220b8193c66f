"""Word lists of prompts/ read into regular expressions (knowledge/strings.py)."""

from __future__ import annotations

import re

from knowledge.strings import alternation, asks_pattern, group_phrases, phrase_pattern


def test_an_alternation_tries_the_longer_phrase_first_and_escapes() -> None:
    body = alternation(["wali", "wali kota", "Co.", "wali"])
    assert body.split("|")[0] == re.escape("wali kota")
    assert re.fullmatch(body, "Co.") and not re.fullmatch(body, "Cox")
    assert re.match(rf"(?:{body})", "wali kota Bandung").group(0) == "wali kota"


def test_group_phrases_are_every_language_s_but_the_comment() -> None:
    assert {"di mana", "where"} <= set(group_phrases("places.json", "asks_where"))
    events = group_phrases("swot.json", "event_cues")  # a group with its own "_comment"
    assert {"bencana", "disaster"} <= set(events) and not any(len(p) > 20 for p in events)


def test_phrase_and_asking_patterns_match_whole_words() -> None:
    assert phrase_pattern("upcoming.json", "asks_next").search("Apa langkah SELANJUTNYA?")
    assert not phrase_pattern("upcoming.json", "asks_next").search("the nextcloud server")
    who = asks_pattern("parties.json", "asks_who")
    assert who.search("Siapa yang membangunnya?") and who.search("Who signed it?")
    assert not who.search("each truck driver who hauls waste to Sarimukti")
