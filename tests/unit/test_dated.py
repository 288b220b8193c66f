"""Questions asking what happened at a date, and the dates passages name (knowledge/dated.py)."""

from __future__ import annotations

import pytest

from knowledge.dated import Date, asked_date, dates_in, event_words, first_within, names_date


@pytest.mark.parametrize(("question", "date"), [
    ("What happened on 24 August 2016?", Date(2016, 8, 24)),
    ("Apa yang terjadi pada 24 Agustus 2016?", Date(2016, 8, 24)),
    ("What happened in February 2020?", Date(2020, 2)),
    ("Ada kejadian apa di bulan Mei 2025?", Date(2025, 5)),
    ("What happened in the partnership in 2019?", Date(2019)),
    ("Apa saja kegiatan kerja sama ini pada tahun 2019?", Date(2019)),
    ("What did Kawasaki do in 2015?", Date(2015)),
    ("Any news from 2022?", Date(2022)),
])
def test_a_question_asking_what_happened_at_a_date_gives_the_date(question: str, date: Date) -> None:
    assert asked_date(question) == date


@pytest.mark.parametrize("question", [
    # It asks something else of the date.
    "Who signed the MoU in 2016?",
    "Berapa anggaran proyek pada 2016?",
    "What happened at Leuwigajah in 2005?",
    # Two dates, or none.
    "What happened between 2016 and 2019?",
    "What took place in FY2014–FY2015?",
    "What happened after the waste project ended?",
    # No word asking what happened.
    "2019",
    "May 2025",
])
def test_other_questions_ask_no_date_s_events(question: str) -> None:
    assert asked_date(question) is None
    assert event_words(question) == set()


def test_a_date_falls_in_the_one_asked_to_its_precision() -> None:
    visit = dates_in("visited Japan on 2–8 February 2020, and the visit culminated in the signing")
    assert visit == [Date(2020, 2, 2, 8)]
    assert visit[0].within(Date(2020, 2, 5)) and visit[0].within(Date(2020, 2)) and visit[0].within(Date(2020))
    assert not visit[0].within(Date(2020, 2, 9)) and not visit[0].within(Date(2020, 3))
    assert not Date(2020, 2).within(Date(2020, 2, 6))  # a month does not say which day
    # Numbers that are no years, and abbreviated months.
    assert dates_in("1,500 tonnes, Rp117 billion, 60.000 ton") == []
    assert dates_in("(Source: Medcom, 10 Feb 2020)") == [Date(2020, 2, 10)]


def test_the_source_note_dates_the_source_not_the_passage() -> None:
    hpsn = ("Sejak 2006, tanggal 21 Februari, hari terjadinya bencana Leuwigajah, diperingati sebagai HPSN "
            "(Sumber: CLOCC, cloccglobal.org, Februari 2020).")
    assert not names_date(hpsn, Date(2020, 2))
    assert names_date(hpsn, Date(2006))


def test_dated_passages_go_in_calendar_order() -> None:
    asked = Date(2019)
    texts = ["adopted in April 2019", "On 30 January 2019 Gungun said", "In early 2019 the plan"]
    assert sorted(texts, key=lambda t: first_within(t, asked)) == [texts[1], texts[0], texts[2]]


def test_the_words_asking_what_happened_are_no_words_to_find() -> None:
    assert event_words("What happened in February 2020?") == {"happened", "what"}
    assert event_words("Apa saja kegiatan kerja sama pada tahun 2019?") >= {"kegiatan", "tahun"}
