"""Photos and scans of pages saved as images (.png, .jpg, .tif, .webp, …): every image is a page, read by OCR.

A researcher often holds a signed MoU or meeting minutes only as a phone photo or a scanner's TIFF. Each frame
(a TIFF may hold many) is one numbered page, turned upright by its EXIF orientation, in greyscale, enlarged when
it is too small for Tesseract to read print, and recognised like a scanned PDF page (ingest/ocr.py), bounded in
time per page and in pages per file.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from ingest.document import RawDocument
from ingest.errors import IngestError
from ingest.ocr import OcrOptions, recognise_pages, tesseract_problem

if TYPE_CHECKING:  # Pillow is imported where an image is read
    from PIL.Image import Image as PILImage

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp", ".bmp")
_DAMAGED = "damaged or not an image"
# Tesseract reads print best at ~300 dpi: a page image narrower than this (an A4 page at ~240 dpi) is enlarged,
# at most 3 times (a screenshot of a page, a photo sent through a chat app).
_MIN_WIDTH_PX = 2000  # measured: a 400 px page image, confidence 0.88 as it is, 0.96 enlarged
_MAX_ENLARGE = 3


def read_image(data: bytes, *, max_pages: int, ocr: OcrOptions | None) -> RawDocument:
    """The recognised text of every frame of an image file, one page each; IngestError when none can be read."""
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        frames = int(getattr(image, "n_frames", 1))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as err:
        raise IngestError("damaged", _DAMAGED) from err
    if frames > max_pages:
        raise IngestError("too_large", f"too many pages ({frames} images > {max_pages} pages allowed)")
    if ocr is None:
        raise IngestError("no_text", "an image has no text layer, and OCR is off")
    problem = tesseract_problem()
    if problem is not None:
        raise IngestError("no_text", f"an image is read by OCR: {problem}")
    numbers = list(range(1, frames + 1))
    run = recognise_pages(numbers, lambda number: page_image(image, number - 1), ocr)
    notes = run.notes(ocr)
    if not run.pages:
        raise IngestError("no_text", f"no text found by OCR ({'; '.join(notes) or 'the image looks blank'})")
    return RawDocument(pages=[run.page(n) for n in numbers], title=None, metadata={}, notes=tuple(notes))


def upright_frame(image: PILImage, index: int) -> PILImage:
    """Frame ``index`` (from 0) as the person who took it saw it: turned by its EXIF orientation."""
    from PIL import ImageOps

    image.seek(index)
    return ImageOps.exif_transpose(image)


def page_image(image: PILImage, index: int) -> PILImage:
    """Frame ``index`` upright, in greyscale, enlarged when too small to read."""
    from PIL import Image

    frame = upright_frame(image, index).convert("L")
    if frame.width < _MIN_WIDTH_PX:
        factor = min(_MAX_ENLARGE, -(-_MIN_WIDTH_PX // max(frame.width, 1)))
        frame = frame.resize((frame.width * factor, frame.height * factor), Image.Resampling.LANCZOS)
    return frame
