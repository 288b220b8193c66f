"""Questions asking what happened at a date, and the dates passages name (knowledge/dated.py)."""

from __future__ import annotations

import pytest

from knowledge.dated import (
    Date,
    asked_date,
    asks_for_date,
    dates_in,
    event_words,
    first_within,
    led_by_dates,
    led_by_year_named,
    names_date,
    year_markers,
)


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


@pytest.mark.parametrize("question", [
    "When did the Bandung–Kawasaki cooperation begin?", "Since when: Kang Pisman", "The MoU was signed when?",
    "What year was the first MoU signed?", "Sejak kapan?", "Kerja sama dimulai sejak kapan ya?",
    "Pada tahun berapa MoU ditandatangani?", "Kapankah MoU diteken?",
])
def test_a_question_asking_when_is_told_apart(question: str) -> None:
    assert asks_for_date(question)


@pytest.mark.parametrize("question", [
    # Inside an English question "when" joins clauses; a duration is no date.
    "How many people died when the Leuwigajah dump collapsed?", "Who signed it when they met?",
    "How long did the Sarimukti fire burn?", "Berapa lama proyek itu berjalan?", "Who funds the project?",
])
def test_a_question_asking_no_time_is_not_taken_for_one(question: str) -> None:
    assert not asks_for_date(question)


def test_passages_naming_a_date_lead_an_answer_to_when() -> None:
    acronym = "Kang Pisman stands for KurANGi, PISahkan, MANfaatkan (Source: Reaksi Nasional, 10 Oct 2018)."
    since = "Kang Pisman is the flagship waste programme and has been in place since 2018 (Source: Detik, 2020)."
    other = "Kang Pisman was run by the Mayor and the Vice-Mayor (Source: Detik, 2020)."
    hits = [acronym, other, since]
    # The acronym's only date is its source's: the passage saying since when leads, the others keep their order.
    assert led_by_dates(hits, str, "Since when: Kang Pisman") == [since, acronym, other]
    # Led by a dated passage already, or asking no time: as they were.
    assert led_by_dates([since, acronym], str, "Sejak kapan?") == [since, acronym]
    assert led_by_dates(hits, str, "What is Kang Pisman?") == hits
    assert led_by_dates([acronym, other], str, "Since when?") == [acronym, other]


def test_a_question_naming_a_year_is_led_by_the_passages_of_that_year_when_the_first_is_not() -> None:
    okumura = "The Japanese delegation linked to the biodigester grant was led by Okumura (Source: Antara, c.2015)."
    yana = "Bandung Vice-Mayor Yana Mulyana led a delegation to Kawasaki on 3–9 February 2019 (Source: x, 2019)."
    other = "Salman Fauzi said wastewater training would follow (Source: Republika, 13 Feb 2019)."  # source's date
    question = "Who led the Bandung delegation to Japan in 2019?"
    assert led_by_year_named([okumura, other, yana], str, question) == [yana, okumura, other]
    assert led_by_year_named([yana, okumura], str, question) == [yana, okumura]  # the first is of 2019: as is
    assert led_by_year_named([okumura, yana], str, "Siapa yang memimpin delegasi tahun 2019?") == [yana, okumura]


@pytest.mark.parametrize(
    "question",
    # A year as a bound, two years, or none: the answer may lie in any year.
    ["Did the cooperation continue after 2020?", "Apakah kerja sama berlanjut setelah tahun 2020?",
     "What happened between 2016 and 2019?", "Who led the Bandung delegation?", "Sejak 2019 apa yang berubah?"],
)
def test_a_year_named_as_a_bound_or_among_others_leads_nothing(question: str) -> None:
    okumura = "The Japanese delegation was led by Okumura (Source: Antara, c.2015)."
    yana = "Yana Mulyana led a delegation to Kawasaki on 3–9 February 2019."
    assert led_by_year_named([okumura, yana], str, question) == [okumura, yana]


@pytest.mark.parametrize(
    ("question", "markers"),
    [("Instansi apa saja yang ikut rombongan Bandung tahun 2019?", {"tahun"}),
     ("What happened in the year 2016?", {"year"}),
     ("Proyek apa yang berjalan pada TA 2017?", {"ta"}),
     ("Berapa tahun proyek itu berjalan?", set()),  # no year after it: the question asks for years
     ("Who signed the MoU in 2020?", set())],
)
def test_the_words_marking_a_year_are_told_apart(question: str, markers: set[str]) -> None:
    assert year_markers(question) == markers
