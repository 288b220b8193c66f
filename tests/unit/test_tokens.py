"""Tokenisation of both languages: words, stop words, and each text stemmed by its own language only."""

from __future__ import annotations

import pytest

from knowledge import tokens
from knowledge.lexical import LexicalIndex
from knowledge.tokens import pipeline, stem, tokenize


def test_indonesian_affixes_are_stripped_by_sastrawi() -> None:
    assert tokenize("pengelolaan", "id") == ["kelola"]
    assert tokenize("keterbatasan", "id") == ["batas"]
    assert tokenize("perbedaan kebijakan kemitraan", "id") == ["beda", "bijak", "mitra"]
    # Closed compound stays one token; the synonym list bridges it to "kerja sama".
    assert tokenize("kerjasama", "id") == ["kerjasama"]
    assert tokenize("kota-kota", "id") == ["kota", "kota"]


def test_closed_compounds_are_stemmed_to_their_compound_root() -> None:
    # Sastrawi's root list has "tanda" and "tangan" but not "tandatangan": it left all three forms whole, and
    # "Siapa yang menandatangani MoU?" never matched "penandatanganan MoU".
    forms = "menandatangani ditandatangani penandatanganan ditandatanganinya"
    assert tokenize(forms, "id") == ["tandatangan"] * 4
    assert tokenize("ketidakpastian dikerjasamakan", "id") == ["tidakpasti", "kerjasama"]
    # The signatory: its last letters "-an" are the root's, not a suffix ("tandatang" is "tanda" + "tang").
    assert tokenize("penandatangan penandatangannya", "id") == ["tandatangan"] * 2
    # A prefix or a suffix alone is no compound's affix: names and loanwords stay whole.
    assert tokenize("minangkabau bilaterian disutradari kariogami", "id") == [
        "minangkabau", "bilaterian", "disutradari", "kariogami"]
    # Roots Sastrawi knows keep its stem, and no short part splits a word ("mang" + "kabau").
    assert tokenize("pertama kebersihan", "id") == ["pertama", "bersih"]


def test_english_uses_snowball() -> None:
    assert tokenize("limitations", "en") == ["limit"]
    assert tokenize("Cities collaborating", "en") == ["citi", "collabor"]


def test_english_irregular_forms_meet_their_lemma() -> None:
    # Snowball leaves "began" as it is: "When did the cooperation begin?" never met "… began attending".
    assert tokenize("began begun begin", "en") == ["begin"] * 3
    assert tokenize("built held children", "en") == ["build", "hold", "child"]
    # A form of two lemmas keeps its own stem ("found": find or found; "left": leave or left), as do comparatives
    # and what snowball already reduces.
    assert tokenize("found left largest programming", "en") == ["found", "left", "largest", "program"]
    # Indonesian words are never looked up ("pura", a temple, is no plural of "pus").
    assert tokenize("pura dibangun", "id") == ["pura", "bangun"]


def test_english_stemmer_never_touches_indonesian(monkeypatch: pytest.MonkeyPatch) -> None:
    words = "Bandung analisis kualitas proses perbedaan"
    assert tokenize(words, "id") == ["bandung", "analisis", "kualitas", "proses", "beda"]
    # Snowball would have mangled these, so the result above really is Sastrawi's.
    assert stem("analisis", "en") != "analisis" and stem("proses", "en") != "proses"

    def boom(word: str) -> str:
        raise AssertionError(f"English stemmer called on {word!r}")

    monkeypatch.setattr(tokens, "_stem_en", boom)
    monkeypatch.setattr(tokens, "_TERMS", {"id": {}, "en": {}, "": {}})
    built = LexicalIndex.build(["a"], ["Pengelolaan sampah dan limbah rumah tangga di Bandung"], ["id"])
    assert len(built) == 1
    assert tokenize("kualitas pelayanan publik", "id") == ["kualitas", "layan", "publik"]


def test_unknown_language_is_not_stemmed() -> None:
    assert pipeline("id-ID") == "id" and pipeline("EN_us") == "en" and pipeline("und") == ""
    assert tokenize("pengelolaan limitations", "und") == ["pengelolaan", "limitations"]


def test_stop_words_of_both_languages_are_dropped() -> None:
    assert tokenize("yang dan di ke dari ini itu dengan untuk pada adalah dalam tidak akan", "id") == []
    assert tokenize("apa siapa kapan bagaimana mengapa", "id") == []
    assert tokenize("What is it, and when, who, which or how?", "en") == []
    assert tokenize("the kota yang waste", "en") == ["kota", "wast"]


def test_numbers_and_names_survive() -> None:
    tokens = tokenize("COVID-19 pada 2017–2020: Rp60.000 dan ¥60 (60,000) di Kawasaki's", "id")
    assert tokens == ["covid", "19", "2017", "2020", "rp", "60.000", "yen", "60", "60.000", "kawasaki"]
    assert tokenize("Café", "en") == ["cafe"]
