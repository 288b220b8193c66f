"""Read one file into raw page text: checks that apply to every file, then the reader for its type.

Every expected failure (too big, empty, wrong type, encrypted, damaged, scanned, undecodable) is an
IngestError with a sentence a person can act on. A missing or unreadable path is an OSError, as for any file.
"""

from __future__ import annotations

from pathlib import Path

from ingest.document import PageText, RawDocument
from ingest.docx_reader import read_docx
from ingest.errors import IngestError
from ingest.html_reader import read_html
from ingest.image_reader import IMAGE_SUFFIXES, read_image
from ingest.markdown import markdown_to_text
from ingest.ocr import OcrOptions
from ingest.pdf_reader import read_pdf
from ingest.pptx_reader import read_pptx
from ingest.text_decoding import decode_text

__all__ = ["SUPPORTED_SUFFIXES", "OcrOptions", "PageText", "RawDocument", "read_document"]

_SUFFIXES_IN_ORDER = (".pdf", ".txt", ".md", ".markdown", ".docx", ".pptx", ".html", ".htm", *IMAGE_SUFFIXES)
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(_SUFFIXES_IN_ORDER)
_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
# What to do with the files researchers most often hold that Kawan does not read: the program that made them
# writes one it does.
_CONVERT = {
    **dict.fromkeys((".doc", ".rtf", ".odt", ".wpd", ".pages"), "save it as .docx or PDF and add that"),
    **dict.fromkeys((".ppt", ".odp", ".key"), "save it as .pptx or export it as PDF and add that"),
    **dict.fromkeys((".xls", ".xlsx", ".ods", ".numbers"), "export the sheets as PDF and add that"),
    **dict.fromkeys((".zip", ".rar", ".7z", ".gz", ".tar"), "unpack it and add the files inside"),
    **dict.fromkeys((".heic", ".heif", ".gif"), "save it as JPEG or PNG and add that"),
    **dict.fromkeys((".epub", ".mobi", ".djvu", ".xps"), "print or export it as PDF and add that"),
}
_HTML_SUFFIXES = frozenset({".html", ".htm"})


def read_document(
    path: Path,
    *,
    password: str | None = None,
    max_bytes: int = 50_000_000,
    max_pages: int = 2000,
    ocr: OcrOptions | None = None,
) -> RawDocument:
    """Raw pages of the file at `path`; raises IngestError for any file that cannot be ingested.

    With `ocr`, PDF pages without a usable text layer, and images (photos, scans), are recognised with Tesseract.
    """
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        kind = f"'{suffix}'" if suffix else "(no extension)"
        supported = ", ".join(_SUFFIXES_IN_ORDER)
        advice = _CONVERT.get(suffix)
        raise IngestError(
            "unsupported", f"unsupported file type {kind} (supported: {supported})" + (f": {advice}" if advice else "")
        )
    size = path.stat().st_size
    # Checked before reading, so a huge file is never loaded into memory.
    if size > max_bytes:
        limit = f"{format_size(size)} > {format_size(max_bytes)}"
        raise IngestError("too_large", f"over the size limit ({limit})")
    if size == 0:
        raise IngestError("empty", "empty file")
    data = path.read_bytes()
    if suffix == ".pdf":
        return read_pdf(data, password=password, max_pages=max_pages, ocr=ocr)
    if suffix == ".docx":
        return read_docx(data)
    if suffix == ".pptx":
        return read_pptx(data, max_pages=max_pages)
    if suffix in _HTML_SUFFIXES:
        return read_html(data)
    if suffix in IMAGE_SUFFIXES:
        return read_image(data, max_pages=max_pages, ocr=ocr)
    return _read_text(data, markdown=suffix in _MARKDOWN_SUFFIXES, max_pages=max_pages)


def _read_text(data: bytes, *, markdown: bool, max_pages: int) -> RawDocument:
    text, encoding = decode_text(data)
    if not text.strip():
        raise IngestError("empty", "empty file (only whitespace)")
    title: str | None = None
    if markdown:
        text, title = markdown_to_text(text)
    pages = split_form_feeds(text)
    if len(pages) > max_pages:
        raise IngestError("too_large", f"too many pages ({len(pages)} > {max_pages} pages allowed)")
    if not any(page.text.strip() for page in pages):
        raise IngestError("empty", "empty file (no text once the markup is removed)")
    return RawDocument(pages=pages, title=title, metadata={"encoding": encoding, "pages": str(len(pages))})


def split_form_feeds(text: str) -> list[PageText]:
    """Pages of a text file: a form feed starts a new page (as pdftotext writes them); one page without any.

    A form feed at the very end (pdftotext ends every page with one) does not make an empty last page.
    """
    parts = text.split("\f")
    if len(parts) > 1 and not parts[-1].strip():
        parts.pop()
    return [PageText(number=i, text=part) for i, part in enumerate(parts, start=1)]


def format_size(size: int) -> str:
    """A byte count for people: "512 bytes", "12.3 kB", "12.3 MB" (decimal units, as file managers show)."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{_one_decimal(size / 1000)} kB"
    return f"{_one_decimal(size / 1_000_000)} MB"


def _one_decimal(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")
