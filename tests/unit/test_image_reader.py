"""Images as pages, without Tesseract: what is refused and why, and how a frame is prepared for OCR."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from ingest.errors import IngestError
from ingest.image_reader import page_image, read_image
from ingest.readers import SUPPORTED_SUFFIXES, OcrOptions, read_document


def _png(width: int = 40, height: int = 20) -> bytes:
    out = io.BytesIO()
    Image.new("L", (width, height), 255).save(out, "PNG")
    return out.getvalue()


def test_image_types_are_read() -> None:
    assert {".png", ".jpg", ".jpeg", ".tif", ".tiff"} <= SUPPORTED_SUFFIXES


def test_bytes_that_are_no_image_are_damaged(tmp_path: Path) -> None:
    path = tmp_path / "foto.jpg"
    path.write_bytes(b"\xff\xd8\xff this is not a JPEG at all" * 20)
    with pytest.raises(IngestError) as caught:
        read_document(path, ocr=OcrOptions())
    assert (caught.value.code, caught.value.reason) == ("damaged", "damaged or not an image")


def test_an_image_without_ocr_or_tesseract_says_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(IngestError, match="an image has no text layer, and OCR is off"):
        read_image(_png(), max_pages=10, ocr=None)
    monkeypatch.setattr("ingest.image_reader.tesseract_problem", lambda: "Tesseract is not installed: install it")
    with pytest.raises(IngestError) as caught:
        read_image(_png(), max_pages=10, ocr=OcrOptions())
    assert caught.value.code == "no_text"
    assert caught.value.reason == "an image is read by OCR: Tesseract is not installed: install it"


def test_a_tiff_of_more_frames_than_pages_allowed_is_too_large() -> None:
    frames = [Image.new("L", (40, 20), 255) for _ in range(3)]
    out = io.BytesIO()
    frames[0].save(out, "TIFF", save_all=True, append_images=frames[1:])
    with pytest.raises(IngestError) as caught:
        read_image(out.getvalue(), max_pages=2, ocr=OcrOptions())
    assert (caught.value.code, caught.value.reason) == ("too_large", "too many pages (3 images > 2 pages allowed)")


def test_a_frame_is_turned_upright_greyscale_and_enlarged_when_small() -> None:
    # A phone photo held sideways: 300 × 600 pixels whose EXIF orientation 6 says "turn 90° clockwise".
    photo = Image.new("RGB", (300, 600), (255, 255, 255))
    photo.putpixel((0, 0), (0, 0, 0))
    exif = photo.getexif()
    exif[0x0112] = 6
    out = io.BytesIO()
    photo.save(out, "JPEG", exif=exif)
    frame = page_image(Image.open(io.BytesIO(out.getvalue())), 0)
    assert frame.mode == "L"
    assert (frame.width, frame.height) == (600 * 3, 300 * 3)  # upright (wider than high), enlarged 3 times
    big = page_image(Image.new("L", (2480, 3508), 255), 0)  # A4 at 300 dpi: read as it is
    assert big.size == (2480, 3508)


def test_a_page_is_drawn_for_a_person_to_check_its_ocr_text(tmp_path: Path) -> None:
    from ingest.ocr import page_picture
    from tests.fixtures_docs import encrypt_pdf, make_text_pdf

    pdf = make_text_pdf(tmp_path / "notulen.pdf", ["Halaman satu.", "Halaman dua."]).read_bytes()
    picture = Image.open(io.BytesIO(page_picture(pdf, ".pdf", 2) or b""))
    assert picture.format == "PNG" and abs(picture.width - 900) <= 1 and picture.height > picture.width
    # A sideways phone photo is shown upright and in colour, within 900 pixels.
    photo = Image.new("RGB", (1200, 2400), (200, 30, 30))
    exif = photo.getexif()
    exif[0x0112] = 6
    out = io.BytesIO()
    photo.save(out, "JPEG", exif=exif)
    shown = Image.open(io.BytesIO(page_picture(out.getvalue(), ".JPG", 1) or b""))
    assert shown.size == (900, 450) and shown.mode == "RGB"
    # What cannot be drawn is None, never an error: the text and the original stay.
    assert page_picture(encrypt_pdf(pdf, "rahasia"), ".pdf", 1) is None
    assert page_picture(b"not a picture", ".png", 1) is None
    assert page_picture(pdf, ".pdf", 9) is None
