"""Keyword search: synonyms and query terms, the bm25s index, its persistence and typo respelling."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from knowledge import lexical
from knowledge.indonesian import unbound
from knowledge.lexical import LexicalIndex, LexicalIndexMismatch, is_real_word
from knowledge.query_terms import parse_query, query_names

CORPUS: dict[str, tuple[str, str]] = {
    "p1": ("id", "Kerja sama Sister City antara Kota Bandung dan Kota Kawasaki dimulai dengan "
                 "penandatanganan MoU pada tahun 2016."),
    "p2": ("id", "Pengelolaan sampah di Kota Bandung menghadapi keterbatasan anggaran dan kurangnya "
                 "fasilitas pengomposan."),
    "p3": ("en", "Kawasaki City shares its waste management expertise with partner cities through "
                 "JICA training programmes."),
    "p4": ("en", "The limitations of the programme included language barriers and frequent staff rotation."),
    "p5": ("id", "Hambatan utama adalah perbedaan bahasa dan pergantian pejabat pemerintah daerah."),
    "p6": ("en", "Bandung and Kawasaki signed a memorandum of understanding on environmental "
                 "cooperation in 2016."),
    "p7": ("id", "Festival budaya Jepang diadakan di Bandung setiap tahun."),
    "p8": ("en", "Air quality monitoring stations were installed along the river."),
}


@pytest.fixture(scope="module")
def index() -> LexicalIndex:
    ids = list(CORPUS)
    return LexicalIndex.build(ids, [CORPUS[i][1] for i in ids], [CORPUS[i][0] for i in ids])


def ranked(index: LexicalIndex, query: str, language: str, **kw: object) -> list[str]:
    return [h.id for h in index.search(query, language, **kw)]  # type: ignore[arg-type]


# -- synonyms and queries ------------------------------------------------------------------------------
def test_a_synonym_group_finds_each_of_its_phrases_in_either_language() -> None:
    index = LexicalIndex.build(
        ["a", "b", "c", "d"],
        ["Bandung dan Kawasaki adalah kota kembar sejak 2016.", "Kawasaki runs inter-city collaboration.",
         "Nota kesepahaman ditandatangani.", "Kualitas udara di Jakarta."],
        ["id", "en", "id", "id"],
    )
    assert {h.id for h in index.search("What is a sister city?", "en")} == {"a", "b"}
    assert [h.id for h in index.search("isi MoU", "id")] == ["c"]
    (term,) = [t for t in parse_query("What is inter-city collaboration?", "en") if t.alternatives]
    assert {("sister", "city"), ("kota", "kembar"), ("kerja", "sama", "antarkota")} <= set(term.alternatives)
    assert not [t for t in parse_query("air quality", "en") if t.alternatives]


def test_a_procedure_is_its_steps() -> None:
    # "Bagaimana prosedur kerja sama …?" was led by the law requiring approval; the notes list "Tahapan …".
    index = LexicalIndex.build(
        ["steps", "law"],
        ["Tahapan kerja sama daerah adalah prakarsa, penjajakan dan LoI.",
         "Kerja sama daerah dengan pemerintah di luar negeri harus mendapat persetujuan pusat."],
        ["id", "id"],
    )
    assert index.search("Bagaimana prosedur kerja sama daerah?", "id")[0].id == "steps"
    (term,) = [t for t in parse_query("What is the procedure?", "en") if t.alternatives]
    assert ("tahap",) in term.alternatives and ("step",) in term.alternatives


def test_to_start_is_to_begin() -> None:
    # "When did this partnership start?" never met "… began attending the Eco-Business Forum", nor "dimulai"
    # "… bermula dari …". "Awal" is no such word: "pada awal 2019" is early in the year.
    index = LexicalIndex.build(
        ["began", "mou", "bermula", "awal"],
        ["Bandung began attending the forum in 2004.", "The MoU was signed in 2016.",
         "Kerja sama Kota Bandung bermula dari forum itu.", "Pada awal 2019 rencana kerja sama beralih."],
        ["en", "en", "id", "id"],
    )
    assert index.search("When did the partnership start?", "en")[0].id == "began"
    assert index.search("Kapan kerja sama dimulai?", "id")[0].id == "bermula"


def test_a_bylaw_is_a_perda() -> None:
    # English questions say "bylaw" where the shipped notes, in both languages, write "Perda".
    (bylaw,) = [t for t in parse_query("Which bylaw covers waste?", "en") if t.label == "bylaw"]
    assert ("perda",) in bylaw.alternatives
    index = LexicalIndex.build(["a", "b"], ["Perda Kota Bandung 9/2018 mengatur sampah.", "Festival budaya."],
                               ["id", "id"])
    assert [h.id for h in index.search("Which bylaw covers waste?", "en")] == ["a"]


def test_who_finances_a_project_finds_what_funded_it_in_either_verb_and_language() -> None:
    # "membiayai" (stem biaya) and "didanai" (stem dana) are the same act in two roots; the notes write the one.
    index = LexicalIndex.build(
        ["a", "b", "c"],
        ["Proyek persampahan Bandung seluruhnya didanai JICA.", "The project was fully funded by JICA.",
         "Proyek persampahan Bandung dimulai 2017."],
        ["id", "en", "id"],
    )
    # Without the synonym the shorter "c" would lead: it holds the same two words of the question.
    assert index.search("Siapa yang membiayai proyek persampahan?", "id")[0].id == "a"
    assert index.search("Who financed the project?", "en")[0].id == "b"


def test_a_word_joined_to_an_indonesian_bound_form_is_found_where_the_joined_word_is_not() -> None:
    index = LexicalIndex.build(
        ["a", "b", "c", "d"],
        ["Koordinasi lintas instansi belum optimal.", "Dampak pandemi COVID-19 pada kunjungan.",
         "Kerja sama antarkota dengan Kawasaki.", "Kota Bandung menghasilkan 1.500 ton sampah."],
        ["id", "id", "id", "id"],
    )
    assert unbound("antarinstansi") == "instansi" and unbound("pascapandemi") == "pandemi"
    assert unbound("antara") is None and unbound("nonton") is None  # too little left after the form
    assert [h.id for h in index.search("koordinasi antarinstansi", "id")][:1] == ["a"]
    assert index.unknown_terms("kendala antarinstansi pascapandemi", "id") == ["kendala"]
    # Only where no passage holds the word itself: "antarkota" does not also find every "kota".
    assert [h.id for h in index.search("antarkota", "id")] == ["c"]
    # Not in names, and not in English queries.
    assert parse_query("Prawirohardjo", "id")[0].fallback == ()
    assert parse_query("antarinstansi", "en")[0].fallback == ()



def test_a_verb_is_found_in_its_other_voice() -> None:
    index = LexicalIndex.build(
        ["a", "b", "c"],
        ["Warga Bandung diberitahu jadwal baru pada 2016.",
         "Bandung dan Kawasaki bertukar delegasi.", "Kota telah memberitahu jadwal itu."],
        ["id", "id", "id"],
    )
    hits = {h.id: h for h in index.search("Kapan Bandung memberitahu jadwal?", "id")}
    # Sastrawi keeps both voices whole (a prefix alone before a compound root): the passive is looked for beside
    # the asked active, a little below it.
    assert hits["a"].matched_terms == hits["a"].query_terms == 3  # bandung, memberitahu (passive), jadwal
    assert hits["c"].matched_terms == 2 and hits["b"].matched_terms == 1
    (term,) = parse_query("memberitahu", "id")
    assert ("diberitahu",) in term.alternatives
    # A verb Sastrawi stems brings no alternative: both voices are one stem already, compounds included.
    assert parse_query("menulis", "id")[0].alternatives == ()
    assert parse_query("menandatangani", "id")[0].alternatives == ()
    # Not for names, nor in English queries.
    assert parse_query("Memberitahu", "id")[0].alternatives == ()
    assert ("diberitahu",) not in parse_query("memberitahu", "en")[0].alternatives


def test_query_terms_group_synonyms_and_neutral_words() -> None:
    terms = parse_query("Apa hambatan kerja sama Sister City Bandung 2016?", "id")
    assert [t.label for t in terms] == ["hambatan", "kerja sama", "sister city", "bandung", "2016"]
    sister = terms[2]
    assert ("kota", "kembar") in sister.alternatives and ("sister", "citi") in sister.alternatives
    # A capitalised (name-like) English word is also looked up as Indonesian passages store it.
    beijing = parse_query("Beijing", "en")[0]
    assert beijing.own == ("beij",) and ("beijing",) in beijing.alternatives
    # An ordinary English word changed by its stemmer stays English-only.
    assert parse_query("limitations", "en")[0].alternatives == ()


# -- the index -----------------------------------------------------------------------------------------
def test_ranking_on_a_bilingual_corpus(index: LexicalIndex) -> None:
    assert ranked(index, "pengelolaan sampah", "id")[0] == "p2"
    waste = ranked(index, "waste management", "en")
    assert waste[0] == "p3" and "p2" in waste  # p2 through the synonym "pengelolaan sampah"
    assert ranked(index, "limitations", "en") == ["p4"]
    assert ranked(index, "hambatan bahasa", "id")[0] == "p5"
    hits = index.search("Bandung", "id")
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert all(h.score > 0 for h in hits)


def test_names_and_numbers_match_across_languages(index: LexicalIndex) -> None:
    assert set(ranked(index, "Kawasaki 2016", "en")[:2]) == {"p1", "p6"}
    assert "p7" in ranked(index, "Japan culture festival", "en")  # japan ~ jepang, festival is neutral


def test_synonym_query_finds_passage_without_its_words(index: LexicalIndex) -> None:
    assert ranked(index, "inter-city collaboration", "en")[0] == "p1"
    assert ranked(index, "都市間連携", "en")[0] == "p1"
    assert set(ranked(index, "nota kesepahaman", "id")) == {"p1", "p6"}


def test_matched_terms(index: LexicalIndex) -> None:
    hits = {h.id: h for h in index.search("sampah Bandung anggaran", "id")}
    assert (hits["p2"].matched_terms, hits["p2"].query_terms) == (3, 3)
    assert hits["p7"].matched_terms == 1 and hits["p7"].query_terms == 3
    assert next(iter(hits)) == "p2"
    sister = index.search("inter-city collaboration", "en")[0]
    assert (sister.id, sister.matched_terms, sister.query_terms) == ("p1", 1, 1)


def test_weight_share_counts_rare_terms_more_than_common_ones(index: LexicalIndex) -> None:
    # "Bandung" is in half the passages, "sampah" in two (p3's "waste", a synonym), "anggaran" (budget) in
    # one: p7 holds only the common word.
    hits = {h.id: h for h in index.search("sampah Bandung anggaran", "id")}
    assert hits["p2"].weight_share == pytest.approx(1.0)
    assert 0.0 < hits["p7"].weight_share < hits["p7"].matched_terms / hits["p7"].query_terms
    idf = {w: lexical.term_idf(len(index), n) for w, n in (("bandung", 4), ("sampah", 2), ("anggaran", 1))}
    assert hits["p7"].weight_share == pytest.approx(idf["bandung"] / sum(idf.values()))


def test_weight_share_counts_unknown_words_against_every_passage(index: LexicalIndex) -> None:
    known = index.search("anggaran", "id")[0]
    with_unknown = index.search("anggaran paspor", "id")[0]
    assert known.id == with_unknown.id == "p2"
    assert known.weight_share == pytest.approx(1.0)
    assert with_unknown.weight_share == pytest.approx(
        lexical.term_idf(len(index), 1) / (lexical.term_idf(len(index), 1) + lexical.term_idf(len(index), 0))
    )


def test_term_idf_falls_as_more_passages_hold_the_term() -> None:
    assert lexical.term_idf(100, 0) > lexical.term_idf(100, 1) > lexical.term_idf(100, 50) > lexical.term_idf(100, 100)
    assert lexical.term_idf(100, 100) == pytest.approx(np.log1p(0.5 / 100.5))


def test_allowed_filter_and_k(index: LexicalIndex) -> None:
    everyone = ranked(index, "Bandung", "id")
    assert set(everyone) == {"p1", "p2", "p6", "p7"}
    some = ranked(index, "Bandung", "id", allowed=lambda pid: pid != everyone[0])
    assert some == everyone[1:]
    assert ranked(index, "Bandung", "id", k=2) == everyone[:2]
    assert ranked(index, "Bandung", "id", allowed=lambda pid: False) == []
    assert index.search("Bandung", "id", k=0) == []


def test_no_match_and_stop_word_queries(index: LexicalIndex) -> None:
    assert index.search("zzzqqq xylophone", "en") == []
    assert index.search("apa yang itu?", "id") == []
    assert index.search("", "en") == []


def test_empty_index(tmp_path: Path) -> None:
    empty = LexicalIndex.build([], [], [])
    assert len(empty) == 0 and empty.search("Bandung", "id") == []
    empty.save(tmp_path / "empty")
    assert len(LexicalIndex.load(tmp_path / "empty")) == 0
    only_stop = LexicalIndex.build(["a"], ["yang dan di"], ["id"])
    assert len(only_stop) == 1 and only_stop.search("yang", "id") == []


def test_build_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        LexicalIndex.build(["a", "a"], ["x", "y"], ["en", "en"])
    with pytest.raises(ValueError):
        LexicalIndex.build(["a"], ["x", "y"], ["en"])


def test_save_load_round_trip(index: LexicalIndex, tmp_path: Path) -> None:
    folder = tmp_path / "lex" / "main-1"
    index.save(folder)
    index.save(folder)  # overwriting an existing index is atomic too
    assert sorted(p.name for p in folder.parent.iterdir()) == ["main-1"]  # no temp folders left
    loaded = LexicalIndex.load(folder)
    assert len(loaded) == len(index) and loaded.ids == index.ids
    for query, language in [("pengelolaan sampah Bandung", "id"), ("inter-city collaboration 2016", "en"),
                            ("Kawasaki JICA training", "en"), ("hambatan bahasa", "id")]:
        assert loaded.search(query, language) == index.search(query, language)


def test_load_refuses_other_tokenizer(index: LexicalIndex, tmp_path: Path) -> None:
    index.save(tmp_path / "lex")
    meta_path = tmp_path / "lex" / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["tokenizer"] = "something-else"
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(LexicalIndexMismatch):
        LexicalIndex.load(tmp_path / "lex")


def test_unknown_terms_are_the_query_words_no_passage_holds(index: LexicalIndex) -> None:
    # "sampah" is stemmed and found; "kopi" and "Jakarta" occur nowhere; stop words are no terms at all.
    assert index.unknown_terms("Apa hambatan pengelolaan sampah kopi di Jakarta?", "id") == ["kopi", "jakarta"]
    assert index.unknown_terms("What were the limitations of the programme?", "en") == []
    assert LexicalIndex.build([], [], []).unknown_terms("budget limitations", "en") == ["budget", "limitations"]


def test_query_names_are_the_capitalised_terms_after_the_first_word() -> None:
    assert [t.label for t in query_names("Apa hambatan kerja sama Bandung–Suwon?", "id")] == ["bandung", "suwon"]
    assert [t.label for t in query_names("What threatens TPA Sarimukti?", "en")] == ["tpa", "sarimukti"]
    # The first word is capitalised as any sentence's is; a synonym span is no name.
    assert query_names("Kawasaki and the Sister City programme", "en") == []


def test_absent_names_are_those_no_passage_of_the_rows_holds(index: LexicalIndex) -> None:
    ids = list(index.ids)
    indonesian = np.array([CORPUS[i][0] == "id" for i in ids])
    # Among the Indonesian passages: Bandung occurs, JICA (p3, English) and Suwon nowhere.
    question = "Apa peran JICA bagi Bandung dan Suwon?"
    assert index.absent_names(question, "id", indonesian) == ["jica", "suwon"]
    assert index.absent_names(question, "id", np.ones(len(ids), dtype=bool)) == ["suwon"]
    assert index.absent_names("apa peran jica?", "id", indonesian) == []  # no names written
    # The adjective of a name the passages hold in another form is no new subject ("Japanese": p7's "Jepang").
    assert index.absent_names("What did the Japanese side offer?", "en", indonesian) == []


# -- typos ---------------------------------------------------------------------------------------------
def test_real_words_are_no_typos() -> None:
    # "kucing" is not "kuning", "resolution" not "revolution"; nor is an affixed Indonesian word whose root is
    # common ("kucingnya") a typo.
    assert is_real_word("kucing") and is_real_word("resolution") and is_real_word("kucingnya")
    assert not is_real_word("mtehod") and not is_real_word("kawsaki")
    near_kuning = LexicalIndex.build(["a", "b"], ["Warna kuning cerah.", "Revolution and change."], ["id", "en"])
    assert near_kuning.near_spelling("kucing") is None and near_kuning.near_spelling("resolution") is None
    assert near_kuning.near_spelling("kunnig") == "kuning"


def test_a_far_key_weighs_more_than_a_dropped_letter(index: LexicalIndex) -> None:
    # "kerta": one step from "kerja" by a key far from "j", one dropped letter from "kereta".
    both = LexicalIndex.build(["a", "b", "c"], ["Kerja sama kota.", "Kerja bakti warga.", "Kereta cepat baru."],
                              ["id"] * 3)
    assert both.near_spelling("kerta") == "kereta"
    only_far = LexicalIndex.build(["a"], ["Kerja sama kota."], ["id"])
    assert only_far.near_spelling("kerta") is None


def test_near_spelling_prefers_fewest_edits_then_stop_words_then_common_words(index: LexicalIndex) -> None:
    assert index.near_spelling("kawsaki") == "kawasaki"
    assert index.near_spelling("memorandun") == "memorandum"
    assert index.near_spelling("dngan") == "dengan"  # a stop word, though no passage's word
    assert index.near_spelling("lawasaki") is None  # the first letter is kept: typos rarely hit it
    assert index.near_spelling("xylophone") is None
    assert LexicalIndex.build([], [], []).near_spelling("kawsaki") is None


def test_corrected_respells_only_unknown_words_and_keeps_the_rest(index: LexicalIndex) -> None:
    assert index.corrected("When did Bandung and Kawsaki sign the memorandun?", "en") == (
        "When did Bandung and Kawasaki sign the memorandum?"
    )
    assert index.corrected("Hambatan utama dngan pejabat?", "id") == "Hambatan utama dengan pejabat?"
    # Known words, real words the passages lack, numbers and far misspellings stay as written.
    for same in ("Kawasaki waste management 2016", "Apa hambatan kucing di Jakarta?", "xylophone qqqq"):
        assert index.corrected(same, "en") == same


def test_indonesian_chat_words_no_passage_holds_are_read_in_their_standard_form(index: LexicalIndex) -> None:
    assert index.formalised("brp anggaran kerja sama yg disepakati?", "id") == (
        "berapa anggaran kerja sama yg disepakati?"  # "yg" is a stop word already: nothing to read
    )
    assert index.formalised("Gimana hambatan utama?", "id") == "Bagaimana hambatan utama?"
    # English questions, acronyms in capitals and questions without chat words stay as written.
    for same, language in (("brp budget", "en"), ("Apa itu BRP?", "id"), ("Hambatan utama pejabat?", "id")):
        assert index.formalised(same, language) == same
    # corrected reads chat words too, and respells typos after.
    assert index.corrected("gimana hambatan utama dngan pejabat?", "id") == (
        "bagaimana hambatan utama dengan pejabat?"
    )


def test_a_chat_word_the_passages_use_is_kept() -> None:
    held = LexicalIndex.build(["a"], ["Aja adalah nama sebuah desa di tepi sungai."], ["id"])
    assert held.formalised("Di mana aja?", "id") == "Di mana aja?"
    assert LexicalIndex.build(["a"], ["Desa di tepi sungai."], ["id"]).formalised("Di mana aja?", "id") == (
        "Di mana saja?"
    )


def test_corrected_keys_on_the_passages_spelling_not_the_stem(index: LexicalIndex) -> None:
    # The index holds stems ("programm"), the passages' spelling "programmes": the typo is near the latter.
    assert index.corrected("JICA traning programmes", "en") == "JICA training programmes"


def test_saved_index_keeps_the_passages_spellings(index: LexicalIndex, tmp_path: Path) -> None:
    index.save(tmp_path / "lex")
    loaded = LexicalIndex.load(tmp_path / "lex")
    assert loaded.corrected("Kawsaki memorandun", "en") == "Kawasaki memorandum"


def test_spellings_are_read_at_the_first_typo_and_their_loss_only_stops_respelling(
    index: LexicalIndex, tmp_path: Path
) -> None:
    index.save(tmp_path / "lex")
    loaded = LexicalIndex.load(tmp_path / "lex")
    (tmp_path / "lex" / "words.json").unlink()  # replaced by a newer index after this one was loaded
    assert loaded.corrected("Kawsaki memorandun", "en") == "Kawsaki memorandun"
    assert [h.id for h in loaded.search("Kawasaki memorandum", "en")] == [h.id for h in index.search(
        "Kawasaki memorandum", "en")]
    with pytest.raises(ValueError, match=r"words\.json"):  # a saved index without them is rebuilt
        LexicalIndex.load(tmp_path / "lex")


def test_two_words_typed_without_a_space_are_split(index: LexicalIndex) -> None:
    assert index.split_spelling("memorandumjica") == "memorandum jica"
    assert index.corrected("Apa hambatanutama pejabat?", "id") == "Apa hambatan utama pejabat?"
    assert index.corrected("The Kawasakijica training", "en") == "The Kawasaki jica training"
    assert index.split_spelling("yangpejabat") == "yang pejabat"  # a stop word is a half too
    # A half that is no stop word needs four letters ("air" + "quality" is no split), and a real word is never
    # split, whatever its halves.
    assert index.split_spelling("airquality") is None
    assert index.split_spelling("kucing") is None and index.split_spelling("mou") is None
