"""Whether an answer to "how many / how much" gives a figure (knowledge/counts.py)."""

from __future__ import annotations

import pytest

from knowledge.counts import (
    asks_for_count,
    asks_for_money,
    counted,
    counts,
    gives_figure,
    gives_money,
    led_by_counts,
    what_is_missing,
)


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Berapa jumlah pegawai DLHK Kota Bandung?", True),
        ("How much did the JICA project cost?", True),
        ("brp anggaran proyek JICA?", True),
        ("How many days could Bandung cope if Sarimukti shut?", True),
        # When and how long are answered by a date or a year.
        ("Tahun berapa MoU pertama ditandatangani?", False),
        ("Pada tahun fiskal berapa proyek itu dilaksanakan?", False),
        ("Berapa lama TPA Sarimukti terbakar?", False),
        ("How long did the fire burn?", False),
        ("Who signed the MoU?", False),
    ],
)
def test_a_question_asking_how_many_or_how_much_is_told_apart(question: str, asks: bool) -> None:
    assert asks_for_count(question) is asks


@pytest.mark.parametrize(
    "text",
    [
        "Bandung City generates about 1,500 tonnes of waste per day, carried by 188 trucks.",
        "The project had a budget capped at ¥60 million.",
        "Bandung could hold its own waste for only 2–3 days.",
        "Bandung cooperates with three Japanese cities (Source: Patroli Cyber, 3 Feb 2022).",
        "TPA Sarimukti dilaporkan kelebihan muatan hingga 700% dari kapasitasnya.",
    ],
)
def test_a_passage_with_a_figure_gives_one(text: str) -> None:
    assert gives_figure(text)


@pytest.mark.parametrize(
    "text",
    [
        # Dates, years and the source note's date are no answer to "how many".
        "Salman Fauzi said on 13 February 2019 that the grant was training (Source: Republika, 13 Feb 2019).",
        "The wastewater project runs from May 2023 to April 2026.",
        "Bandung Vice-Mayor Yana Mulyana led a delegation to Kawasaki on 3–9 February 2019.",
        "The FY2014–FY2015 JCM work covered low-carbon city planning.",
        "Bandung has attended the Kawasaki Eco-Business Forum every year since it first came.",
    ],
)
def test_a_passage_of_dates_or_words_gives_none(text: str) -> None:
    assert not gives_figure(text)


@pytest.mark.parametrize(
    ("question", "money"),
    [("Berapa gaji sopir truk sampah?", True), ("How much is the land and building tax in Bandung?", True),
     ("How much did the project cost?", True), ("Berapa ton sampah per hari?", False),
     ("Who paid for the training?", False)],  # no amount asked: "all costs covered by the grant" answers it
)
def test_a_how_much_question_on_money_is_told_apart(question: str, money: bool) -> None:
    assert asks_for_money(question) is money


@pytest.mark.parametrize(
    ("text", "money"),
    [
        ("The project had a budget capped at ¥60 million.", True),
        ("dengan biaya Rp117 miliar", True),
        ("for 700 tonnes per day at about USD 90 million", True),
        ("dibatasi paling banyak 60 juta yen", True),
        ("nilai sekitar 90 juta dolar AS", True),  # the Indonesian spelling of "dollar"
        # Figures, but no amount of money: tonnes and trucks do not answer a salary.
        ("Kota Bandung menghasilkan sekitar 1.500 ton sampah per hari, diangkut dengan 188 truk.", False),
        ("All costs were covered by the Japanese grant (Source: Republika, Rp news, 13 Feb 2019).", False),
    ],
)
def test_an_amount_of_money_is_a_figure_in_a_currency(text: str, money: bool) -> None:
    assert gives_money(text) is money


@pytest.mark.parametrize(
    ("question", "passage", "missing"),
    [
        # A unit named after the asking words needs a figure in that unit, in either language.
        ("Berapa jam perjalanan truk ke Sarimukti?", "1.500 ton sampah per hari, dengan 188 truk", "figure"),
        ("How many tonnes of plastic does Kawasaki export?", "The Eco-Town has 8 recycling facilities.", "figure"),
        ("Berapa hari Bandung bisa bertahan?", "hanya mampu menampung sampahnya selama 2–3 hari", None),
        ("TPA Sarimukti kelebihan muatan sampai berapa persen?", "hingga 700% dari kapasitasnya", None),
        # A figure in the text's own brackets counts; the source note's numbers do not.
        ("Berapa persen sampah Bandung ke Sarimukti?", "1.200 ton per hari (80%) ke TPA Sarimukti", None),
        ("Berapa persen sampah didaur ulang?", "Sampah dipilah di RW (Sumber: Detik, 21% news, 2020).", "figure"),
        ("How many hectares does the Eco-Town cover?", "The Eco-Town covers 2,800 hectares.", None),
        # A weekday or a time of day.
        ("Hari apa sampah rumah tangga diangkut?", "Kota Bandung menghasilkan 1.500 ton sampah per hari.", "clock"),
        ("What time does the Sarimukti landfill open?", "Bandung could hold its waste for only 2–3 days.", "clock"),
        ("At what time did Leuwigajah collapse?", "It collapsed at about 2 a.m. on 21 February 2005.", None),
        ("Jam berapa TPA Leuwigajah longsor?", "longsor sekitar pukul 02.00 dini hari", None),
        # Nothing of the kind asked.
        ("Who led the delegation?", "The agenda of the 2019 delegation was to meet the mayor.", None),
    ],
)
def test_what_a_first_passage_lacks_to_answer_the_question(question: str, passage: str, missing: str | None) -> None:
    assert what_is_missing(question, passage) == missing


@pytest.mark.parametrize(
    ("question", "things"),
    [("How many Japanese cities does Bandung work with?", {"japanese", "city"}),
     ("Bandung kerja sama dengan berapa kota di Jepang?", {"kota"}),  # the Indonesian noun comes first
     ("Berapa jumlah pegawai DLHK?", {"pegawai"}),  # "jumlah" names no thing
     ("brp RW yg udah ga buang ke TPS?", {"rw"}),
     ("How many homes get electricity from the plant?", {"home", "get"}),  # a verb counts nothing, harmless
     # An amount, a unit, money or a time is no count of things.
     ("How much waste does Bandung produce?", set()), ("Berapa ton sampah per hari?", set()),
     ("Berapa anggaran proyek JICA?", set()), ("Berapa lama kebakaran berlangsung?", set()),
     ("Kapan MoU ditandatangani?", set())],
)
def test_what_a_how_many_question_counts(question: str, things: set[str]) -> None:
    assert counted(question) == things


@pytest.mark.parametrize(
    ("text", "things", "given"),
    [("Bandung cooperates with three Japanese cities (Source: Patroli Cyber, 3 Feb 2022).", {"city"}, True),
     ("Kota Bandung bekerja sama dengan tiga kota di Jepang.", {"kota"}, True),
     ("… generates power for about 3,000 homes.", {"home"}, True),
     # Cities named without a number, and a number before other words, count none; nor do the source's dates.
     ("Bandung was the Indonesian city most actively cooperating with Japanese cities (Source: 3 Feb 2022).",
      {"city"}, False),
     ("In 2019 five cities signed.", {"rw"}, False),
     ("Kota Bandung (Sumber: 3 kota, 2022).", {"kota"}, False)],
)
def test_a_passage_counts_a_thing_by_a_number_just_before_it(text: str, things: set[str], given: bool) -> None:
    assert counts(text, frozenset(things)) is given


def test_a_how_many_question_is_led_by_the_passage_counting_its_thing_when_the_first_does_not() -> None:
    first = "Bandung was the Indonesian city most actively cooperating with Japanese cities."
    answer = "Bandung cooperates with three Japanese cities."
    other = "Kawasaki signed agreements with 39 plants."
    question = "How many Japanese cities does Bandung work with?"
    assert led_by_counts([first, other, answer], str, question) == [answer, first, other]
    assert led_by_counts([answer, first], str, question) == [answer, first]  # the first counts them: as is
    assert led_by_counts([first, answer], str, "When did Bandung start?") == [first, answer]  # no count asked


def test_a_question_asking_a_share_wants_a_figure_in_per_cent() -> None:
    question = "What share of Bandung's rubbish ended up at Sarimukti?"
    days = "Bandung could hold its own waste for only 2–3 days when the Sarimukti landfill closed."
    share = "About 1,200 tonnes per day (80%) went to TPA Sarimukti, carried by 188 trucks."
    assert asks_for_count(question) and asks_for_count("Berapa persentase sampah yang didaur ulang?")
    assert what_is_missing(question, days) == "figure" and what_is_missing(question, share) is None
    assert led_by_counts([days, share], str, question) == [share, days]


def test_a_question_naming_a_unit_is_led_by_a_figure_in_that_unit() -> None:
    trucks = "Bandung's waste was carried by 188 trucks."
    tonnes = "Bandung City generates about 1,500 tonnes of waste per day."
    assert led_by_counts([trucks, tonnes], str, "Berapa ton sampah Bandung per hari?") == [tonnes, trucks]
    assert led_by_counts([tonnes, trucks], str, "Berapa ton sampah Bandung per hari?") == [tonnes, trucks]


def test_a_question_asking_how_big_a_place_is_is_led_by_a_figure_in_an_area_unit() -> None:
    space = "In May 2025 zone 3 of TPA Sarimukti had about 50,000 tonnes of space left."
    size = "TPA Sarimukti, about 25 hectares, caught fire on 19 August 2023."
    assert led_by_counts([space, size], str, "How big is TPA Sarimukti?") == [size, space]
    assert led_by_counts([space, size], str, "Berapa luas TPA Sarimukti?") == [size, space]
    assert led_by_counts([space, size], str, "What happened at TPA Sarimukti?") == [space, size]
    # "Berapa luas" asks a count, and a passage with no area gives none; "how big" asks none, so marks nothing
    # ("How big was the delegation?").
    assert what_is_missing("Berapa luas TPA Sarimukti?", space) == "figure"
    assert what_is_missing("Berapa luas TPA Sarimukti?", size) is None
    assert what_is_missing("How big was the 2019 delegation?", "The delegation included DLHK.") is None
