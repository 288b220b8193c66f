"""Questions asking which parties take part, and the parties a passage names (knowledge/parties.py)."""

from __future__ import annotations

import pytest

from knowledge.parties import (
    asks_for_companies,
    asks_for_organisations,
    asks_for_parties,
    asks_who,
    holds_names,
    led_by_parties,
    names_company,
    only_asks_parties,
    parties_beyond,
    parties_in,
    party_asking_words,
)


@pytest.mark.parametrize(
    "question",
    ["Who is involved in this cooperation?", "Siapa saja yang terlibat dalam kerja sama ini?",
     "Which Japanese organisations take part in the cooperation?", "Lembaga Jepang mana yang menjadi mitra?",
     "Instansi apa saja yang ikut rombongan Bandung tahun 2019?", "Pihak mana saja yang terlibat?",
     "Name the Japanese organisations that worked with Kawasaki on Bandung.",
     "Who took part in the talks on the Cicabe pilot facility?"],
)
def test_questions_asking_for_the_parties(question: str) -> None:
    assert asks_for_parties(question)


@pytest.mark.parametrize(
    "question",
    ["Who led the Bandung delegation to Japan in 2019?", "Siapa wali kota Kawasaki?", "Which river was proposed?",
     "Kapan MoU ditandatangani?", "What is Kang Pisman?"],
)
def test_questions_asking_for_one_person_or_anything_else(question: str) -> None:
    assert not asks_for_parties(question)
    assert party_asking_words(question) == set()


@pytest.mark.parametrize(
    ("question", "only"),
    [("Who is involved in this cooperation?", True),
     ("Siapa saja yang terlibat dalam kerja sama ini?", True),  # "kerja sama" names it; not "bekerja sama"
     ("Pihak mana saja yang terlibat dalam kerja sama Bandung–Kawasaki?", True),
     ("Who are the partners in the Bandung–Kawasaki cooperation?", True),
     ("Which Japanese organisations take part in the cooperation?", False),  # some parties only
     ("Who took part in the talks on the Cicabe pilot facility?", False),
     ("Which organisations helped Kawasaki with the Bandung waste project?", False),
     ("Who led the delegation?", False)],
)
def test_only_asks_parties(question: str, only: bool) -> None:
    assert only_asks_parties(question) is only


def test_asking_words_are_what_no_passage_naming_the_parties_says() -> None:
    assert party_asking_words("Who is involved in this cooperation?") >= {"who", "involved"}
    assert party_asking_words("Lembaga Jepang mana yang menjadi mitra?") == {"lembaga", "mitra"}


@pytest.mark.parametrize(
    ("text", "parties"),
    [("IGES (Institute for Global Environmental Strategies) and the Japan Environmental Sanitation Center (JESC)"
      " have worked with Kawasaki on Bandung since FY2014 (Source: JICA, jica.go.jp, c.2016).",
      {"iges", "japan environmental sanitation center"}),  # spelled out once; FY2014 and the source are no party
     ("The Bandung wastewater-quality project is implemented by the Kawasaki Waterworks & Sewerage Bureau and the "
      "Kawasaki Water Business Network.", {"kawasaki waterworks & sewerage bureau", "kawasaki water business network"}),
     ("Wali Kota Kawasaki Norihiko Fukuda menyambut tamu dari Shenyang.", {"norihiko fukuda"}),
     ("Bandung Vice-Mayor Yana Mulyana led a delegation that included DLHK, PD Kebersihan and Bappelitbang.",
      {"yana mulyana", "dlhk", "pd"}),
     ("The Sumitomo–Hitachi Zosen consortium won the Legok Nangka tender.", {"sumitomo–hitachi zosen consortium"}),
     ("On 18 February 2016 Bandung and Kawasaki signed their first MoU under the JCM at TPA Sarimukti.", set()),
     ("A Pasundan University lecturer presented.", {"pasundan university"}),
     # People beside their title, after it or set off by commas.
     ("Salman Fauzi, head of Bandung's DLHK, said so.", {"salman fauzi", "dlhk"}),
     ("DLHK head Salman Fauzi said so.", {"salman fauzi", "dlhk"}),
     ("Direktur PD Kebersihan Kota Bandung, Gungun Saptari Hidayat, menyatakan itu.",
      {"gungun saptari hidayat", "pd"}),
     ("Ridwan Kamil, yang menjabat Wali Kota Bandung sejak 2013, mencanangkan kota hijau.", {"ridwan kamil"}),
     # Groups of people by a common noun.
     ("Warga dan Walhi memprotes rencana PLTSa Gedebage pada Desember 2007.", {"warga"}),
     ("Residents and Walhi protested against the plan.", {"residents"}),
     ("the consortium and the city's environment office", set())],
)
def test_parties_in(text: str, parties: set[str]) -> None:
    assert parties_in(text) == parties


def test_parties_beyond_leave_out_those_the_question_names() -> None:
    text = "An earlier JICA project worked with KLHK and PUPR."
    assert parties_beyond(text, "Siapa saja yang terlibat dalam proyek JICA?") == {"klhk", "pupr"}


def test_holds_names_wants_every_name_of_the_question_but_kinds() -> None:
    question = "Which companies are behind the Legok Nangka project?"
    assert holds_names("The Sumitomo–Hitachi Zosen consortium won the Legok Nangka tender.", question)
    assert not holds_names("An earlier JICA project worked with KLHK and PUPR.", question)
    # "Japanese" is a kind, not a name a passage must say.
    assert holds_names("IGES has worked with Kawasaki.", "Which Japanese organisations worked with Kawasaki?")


@pytest.mark.parametrize(
    ("question", "asks"),
    [("Who signed the 2020 MoU on Bandung's side?", True), ("Siapa yang membangunnya?", True),
     ("Wali kota Bandung siapa yang meminta bantuan Kawasaki?", True), ("The MoU was signed by whom?", True),
     ("How much does Bandung pay each truck driver who hauls waste?", False), ("When was it signed?", False),
     # A title asked which of asks who; a title named does not.
     ("Which Wali Kota signed the MoU in 2020?", True), ("Wali kota mana yang menandatangani MoU 2020?", True),
     ("What Japanese official visited Bandung?", True), ("Name the mayor who took office in 2013.", True),
     ("What did Wali Kota Oded compare Bandung's daily waste to?", False), ("What does the Mayor say?", False),
     ("Which river did the next phase focus on?", False)],
)
def test_asks_who(question: str, asks: bool) -> None:
    assert asks_who(question) is asks


def test_a_question_asking_who_is_led_by_a_passage_naming_someone() -> None:
    hits = ["On 6 February 2020 Bandung and Kawasaki signed a new MoU.",
            "The plan shifted toward wastewater treatment.",
            "Bandung Mayor Oded M. Danial and DPRD chair Teddy Rusmawan visited Japan for the signing."]
    question = "Who signed the 2020 MoU?"
    assert led_by_parties(hits, str, question) == [hits[2], hits[0], hits[1]]
    # The first names someone already, or the question asks no who: as they are.
    assert led_by_parties(hits[::-1], str, question) == hits[::-1]
    assert led_by_parties(hits, str, "When was the 2020 MoU signed?") == hits


def test_companies_asked_and_named() -> None:
    assert asks_for_companies("Which companies are behind the Legok Nangka project?")
    assert asks_for_companies("Perusahaan apa yang membangun PLTSa?")
    assert not asks_for_companies("Which organisations helped Kawasaki?")
    assert names_company("The Sumitomo–Hitachi Zosen consortium won the Legok Nangka tender.")
    assert names_company("…, with PT BRIL as the winning bidder.")
    assert not names_company("The JICA technical cooperation targets West Java (Source: Okezone PT, 2023).")
    assert not names_company("an opt-in scheme")  # "pt" inside a word, or in lower case, is no company


def test_organisations_asked_for_are_no_people() -> None:
    kanasugi = "Japanese Ambassador Kanasugi said in 2022 that Bandung cooperated most actively with Japan."
    question = "Which Japanese organisations take part in the cooperation?"
    assert asks_for_organisations(question) and asks_for_organisations("Lembaga Jepang mana saja yang ikut?")
    assert not asks_for_organisations("Siapa saja yang terlibat dalam kerja sama ini?")
    assert parties_beyond(kanasugi, question) == {"kanasugi"}
    assert parties_beyond(kanasugi, question, people=False) == frozenset()
    assert parties_beyond("IGES has worked with Kawasaki.", question, people=False) == {"iges"}
