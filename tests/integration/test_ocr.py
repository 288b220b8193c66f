"""OCR of scanned and mixed PDFs with the real Tesseract (ind+eng), and Word/web/scan files through the real
pipeline, model and Chroma store: recognised text, page numbers, OCR marking, cross-language retrieval, and the
message when Tesseract is missing."""

from __future__ import annotations

from pathlib import Path

import pytesseract
import pytest

from ingest.errors import IngestError
from ingest.ocr import INSTALL_COMMAND
from ingest.pipeline import ingest_paths
from ingest.readers import OcrOptions, read_document
from knowledge.answer import render_text
from knowledge.config import Settings
from knowledge.embedder import SentenceTransformerEmbedder
from knowledge.service import Kawan
from tests.fixtures_ocr import (
    SCAN_EN,
    SCAN_ID,
    make_docx,
    make_html,
    make_mixed_pdf,
    make_photo,
    make_pptx,
    make_scanned_pdf,
    make_scanned_tiff,
    make_word_laid_out_docx,
    word_accuracy,
)

pytestmark = pytest.mark.integration

# The scans are drawn at 150 dpi: rendering them at that resolution loses nothing and halves the OCR time.
FAST = {"dpi": 150}
TEXT_PAGE = "Halaman pertama berisi teks biasa tentang kerja sama Sister City antara Bandung dan Kawasaki sejak 2017."


@pytest.fixture(scope="module")
def scans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("scans")


@pytest.fixture(scope="module")
def scanned_read(scans: Path) -> tuple[object, list[tuple[int, int]]]:
    progress: list[tuple[int, int]] = []
    path = make_scanned_pdf(scans / "notulen.pdf", [SCAN_ID, SCAN_EN])
    raw = read_document(path, ocr=OcrOptions(on_page=lambda done, total: progress.append((done, total)), **FAST))
    return raw, progress


def test_scanned_pages_are_recognised_with_their_page_numbers(scanned_read) -> None:
    raw, progress = scanned_read
    assert [p.number for p in raw.pages] == [1, 2]
    accuracies = [word_accuracy(ref, page.text) for ref, page in zip([SCAN_ID, SCAN_EN], raw.pages, strict=True)]
    print(f"word accuracy: Indonesian page {accuracies[0]:.3f}, English page {accuracies[1]:.3f}")
    assert min(accuracies) >= 0.90
    assert all(p.ocr and p.ocr_confidence is not None and p.ocr_confidence > 0.8 for p in raw.pages)
    assert raw.notes == ("2 pages by OCR",)
    assert progress == [(1, 2), (2, 2)]


def test_mixed_pdf_gets_ocr_only_on_its_scanned_page(scans: Path) -> None:
    path = make_mixed_pdf(scans / "campuran.pdf", TEXT_PAGE, SCAN_EN)
    # A floor no real scan reaches, to see the low-confidence report.
    raw = read_document(path, ocr=OcrOptions(min_confidence=0.99, **FAST))
    first, second = raw.pages
    assert (first.number, first.ocr, first.ocr_confidence) == (1, False, None)
    assert "Sister City" in first.text
    assert (second.number, second.ocr) == (2, True)
    assert word_accuracy(SCAN_EN, second.text) >= 0.90
    assert raw.notes[0] == "1 page by OCR"
    assert raw.notes[1].startswith("low OCR confidence on page 2 (lowest ")


def test_ocr_bounds_are_reported(scans: Path) -> None:
    path = make_scanned_pdf(scans / "panjang.pdf", [SCAN_ID, SCAN_EN])
    raw = read_document(path, ocr=OcrOptions(max_pages=1, **FAST))
    assert [p.ocr for p in raw.pages] == [True, False]
    assert raw.pages[1].text == ""
    assert "OCR skipped on page 2 (limit 1 page per file)" in raw.notes
    with pytest.raises(IngestError) as caught:
        read_document(path, ocr=OcrOptions(page_timeout_s=0.01, **FAST))
    assert caught.value.code == "no_text"
    assert "OCR timed out on pages 1–2 (limit 0.01 s per page)" in caught.value.reason


def test_missing_tesseract_says_what_to_install(scans: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(scans / "no-such-tesseract"))
    with pytest.raises(IngestError) as caught:
        read_document(make_scanned_pdf(scans / "pindaian.pdf", [SCAN_ID]), ocr=OcrOptions())
    assert caught.value.code == "no_text"
    assert caught.value.reason == (
        "no extractable text (a scanned PDF that needs OCR): Tesseract is not installed: "
        f"install Tesseract with `{INSTALL_COMMAND}`"
    )
    # A mixed PDF keeps its text page and names the page it could not read.
    raw = read_document(make_mixed_pdf(scans / "campuran2.pdf", TEXT_PAGE, SCAN_EN), ocr=OcrOptions())
    assert "Sister City" in raw.pages[0].text and raw.pages[1].text == ""
    assert raw.notes == (f"page 2 not read: Tesseract is not installed: install Tesseract with `{INSTALL_COMMAND}`",)


def test_every_kind_through_the_pipeline_and_a_cross_language_answer_cites_ocr(
    tmp_path: Path, real_embedder: SentenceTransformerEmbedder
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    make_scanned_pdf(docs / "notulen-rapat.pdf", [SCAN_ID])
    make_docx(docs / "laporan.docx")
    make_word_laid_out_docx(docs / "laporan-tahunan.docx")
    make_html(docs / "berita.html")
    kawan = Kawan(Settings(store=tmp_path / "store", model=real_embedder.name), embedder=real_embedder)
    progress: list[tuple[str, int, int]] = []
    results = ingest_paths(kawan, [docs], on_ocr_page=lambda name, done, total: progress.append((name, done, total)))
    lines = {r.path.name: r.line() for r in results}
    assert not any(r.failed for r in results), lines
    assert "passages (1 page by OCR) (id " in lines["notulen-rapat.pdf"]
    assert progress == [("notulen-rapat.pdf", 1, 1)]

    answer = kawan.ask("Which training did cleaning staff get for sorting organic and inorganic waste?")
    assert answer.answered
    ocr_citations = [c for c in answer.citations if c.ocr]
    assert ocr_citations, [(c.document, c.text) for c in answer.citations]
    cited = ocr_citations[0]
    assert (cited.document, cited.page, cited.language) == ("notulen-rapat.pdf", 1, "id")
    assert cited.ocr_confidence is not None and cited.ocr_confidence > 0.8
    assert answer.citations[0].ocr  # the scan answers this question best
    assert "OCR text" in render_text(answer)
    # Word and web passages are not marked, and come back from the store with their own titles.
    docx_answer = kawan.ask("Kapan kunjungan Eco-Town dengan Kota Kawasaki dilakukan?")
    docx_hits = [c for c in docx_answer.citations if c.document == "laporan.docx"]
    assert docx_hits and not any(c.ocr for c in docx_hits)
    assert docx_hits[0].title == "Laporan Kerja Sama Bandung–Kawasaki"
    assert docx_hits[0].page is None  # python-docx lays out no pages
    # A Word file Word laid out is cited by its pages, and says so.
    assert "(pages as Word last laid the file out) (id " in lines["laporan-tahunan.docx"]
    paged = kawan.ask("Berapa petugas kebersihan yang mengikuti pelatihan pengomposan?")
    assert paged.citations[0].document == "laporan-tahunan.docx", [(c.document, c.text) for c in paged.citations]
    assert paged.citations[0].page == 2
    assert paged.citations[0].text.endswith("yang menjadi percontohan bank sampah.")
    assert "hlm. 2" in render_text(paged)


def test_uploads_report_ocr_progress_per_page(
    scans: Path, tmp_path: Path, real_embedder: SentenceTransformerEmbedder
) -> None:
    from ingest.uploads import ingest_uploads

    kawan = Kawan(Settings(store=tmp_path / "store", model=real_embedder.name), embedder=real_embedder)
    data = make_scanned_pdf(tmp_path / "scan.pdf", [SCAN_ID]).read_bytes()
    seen: list[tuple[str, int, int]] = []
    results = ingest_uploads(kawan, [("../../pindaian rapat.pdf", data)], on_ocr_page=lambda *a: seen.append(a))
    assert [r.status for r in results] == ["indexed"]
    assert seen == [("pindaian rapat.pdf", 1, 1)]


def test_photos_and_a_scanned_tiff_are_read_as_pages(tmp_path: Path) -> None:
    progress: list[tuple[int, int]] = []
    tiff = make_scanned_tiff(tmp_path / "notulen.tiff", [SCAN_ID, SCAN_EN])
    raw = read_document(tiff, ocr=OcrOptions(on_page=lambda done, total: progress.append((done, total))))
    assert [p.number for p in raw.pages] == [1, 2] and progress == [(1, 2), (2, 2)]
    assert word_accuracy(SCAN_ID, raw.pages[0].text) >= 0.9 and word_accuracy(SCAN_EN, raw.pages[1].text) >= 0.9
    assert all(p.ocr and (p.ocr_confidence or 0) > 0.8 for p in raw.pages) and raw.notes == ("2 pages by OCR",)
    # A photo taken sideways is read upright (EXIF orientation), a PNG as it is.
    for photo in (make_photo(tmp_path / "mou.jpg", SCAN_ID, turned=True), make_photo(tmp_path / "mou.png", SCAN_ID)):
        (page,) = read_document(photo, ocr=OcrOptions()).pages
        assert page.number == 1 and word_accuracy(SCAN_ID, page.text) >= 0.9, (photo.name, page.text)


def test_a_blank_photo_is_refused_with_the_reason(tmp_path: Path) -> None:
    blank = make_photo(tmp_path / "kosong.png", "")
    with pytest.raises(IngestError) as caught:
        read_document(blank, ocr=OcrOptions())
    assert caught.value.code == "no_text"
    assert caught.value.reason == "no text found by OCR (the image looks blank)"


def test_a_photographed_page_is_indexed_and_cited_as_ocr_text(
    tmp_path: Path, real_embedder: SentenceTransformerEmbedder
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    make_scanned_tiff(docs / "notulen-2017.tiff", [SCAN_EN, SCAN_ID])
    kawan = Kawan(Settings(store=tmp_path / "store", model=real_embedder.name), embedder=real_embedder)
    (result,) = ingest_paths(kawan, [docs])
    assert result.status == "indexed" and "(2 pages by OCR)" in result.line(), result.line()
    answer = kawan.ask("Kapan Bandung dan Kawasaki menandatangani nota kesepahaman pengelolaan sampah?")
    cited = answer.citations[0]
    assert (cited.document, cited.page, cited.ocr) == ("notulen-2017.tiff", 2, True), render_text(answer)
    assert "OCR" in render_text(answer)
    (record,) = kawan.store.documents()
    assert record.pages == 2 and record.notes == "2 pages by OCR"


def test_a_slide_deck_is_cited_by_its_slide_numbers(tmp_path: Path, real_embedder: SentenceTransformerEmbedder) -> None:
    deck = make_pptx(tmp_path / "paparan-2019.pptx")
    kawan = Kawan(Settings(store=tmp_path / "store", model=real_embedder.name), embedder=real_embedder)
    (result,) = ingest_paths(kawan, [deck])
    assert result.status == "indexed", result.line()
    answer = kawan.ask("Apa saja hambatan kerja sama Bandung dan Kawasaki?")
    cited = [(c.document, c.page) for c in answer.citations]
    assert cited and cited[0] == ("paparan-2019.pptx", 2), render_text(answer)
    assert "Keterbatasan anggaran daerah" in answer.citations[0].text
    (record,) = kawan.store.documents()
    assert (record.title, record.pages) == ("Paparan Kerja Sama Bandung–Kawasaki 2019", 4)

