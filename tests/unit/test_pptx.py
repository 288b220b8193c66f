"""Slide decks: every slide a page, read in reading order, points kept apart, tables under the slide's title."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.errors import IngestError
from ingest.pipeline import build_passages
from ingest.readers import read_document
from tests.fixtures_ocr import make_pptx


def test_each_slide_is_a_page_in_reading_order(tmp_path: Path) -> None:
    raw = read_document(make_pptx(tmp_path / "paparan.pptx"))
    assert raw.title == "Paparan Kerja Sama Bandung–Kawasaki 2019"
    assert [p.number for p in raw.pages] == [1, 2, 3, 4]
    # The box drawn last but placed higher is read first; the speaker's note is not what the slide shows.
    assert raw.pages[1].text == (
        "Hambatan\n\n• Keterbatasan anggaran daerah\n\n• Perbedaan bahasa dan budaya\n\n"
        "• Koordinasi antarinstansi belum optimal\n\n• Sumber: wawancara dengan Bappelitbang, 2019."
    )
    assert "Klik" not in " ".join(p.text for p in raw.pages)
    assert raw.pages[2].text.endswith("Program 2017–2019 — Program: Kunjungan Eco-Town; Tahun: 2018.")
    assert raw.pages[3].text == "Peluang\n\n• Transfer teknologi daur ulang\n\n• Pendanaan JICA"  # a group, opened


def test_a_slide_s_points_stay_points_in_its_passage_and_the_cover_is_not_cited(tmp_path: Path) -> None:
    raw = read_document(make_pptx(tmp_path / "paparan.pptx"))
    built = build_passages("d" * 64, raw, "paparan.pptx", raw.title or "", "upload")
    slide = [p for p in built.passages if p.page == 2]
    assert [p.text for p in slide] == [raw.pages[1].text]  # one slide, one passage, not a run-on sentence
    # The title slide is page 1 of the source view, but no passage: it names the deck and states nothing.
    assert raw.covers == frozenset({1}) and built.page_texts[1].startswith("Kerja Sama Sister City")
    assert sorted({p.page for p in built.passages}) == [2, 3, 4]


def test_a_deck_of_title_slides_only_keeps_them(tmp_path: Path) -> None:
    from pptx import Presentation

    deck = Presentation()
    cover = deck.slides.add_slide(deck.slide_layouts[0])
    cover.shapes.title.text = "Kerja Sama Bandung–Kawasaki"
    cover.placeholders[1].text = "Pengelolaan sampah berbasis komunitas"
    path = tmp_path / "sampul.pptx"
    deck.save(str(path))
    raw = read_document(path)
    assert raw.covers == frozenset()
    assert build_passages("d" * 64, raw, "sampul.pptx", "Sampul", "upload").passages


def test_a_broken_or_empty_deck_is_refused(tmp_path: Path) -> None:
    from pptx import Presentation

    broken = tmp_path / "rusak.pptx"
    broken.write_bytes(b"PK\x03\x04 not really a deck" * 10)
    with pytest.raises(IngestError) as caught:
        read_document(broken)
    assert (caught.value.code, caught.value.reason) == ("damaged", "damaged or not a PowerPoint file (.pptx)")
    deck = Presentation()
    deck.slides.add_slide(deck.slide_layouts[6])  # blank layout: no text at all
    empty = tmp_path / "kosong.pptx"
    deck.save(str(empty))
    with pytest.raises(IngestError) as caught:
        read_document(empty)
    assert caught.value.code == "empty"
    with pytest.raises(IngestError) as caught:
        read_document(make_pptx(tmp_path / "panjang.pptx"), max_pages=3)
    assert (caught.value.code, caught.value.reason) == ("too_large", "too many slides (4 > 3 pages allowed)")
