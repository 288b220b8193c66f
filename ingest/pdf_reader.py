"""PDF bytes to raw page text with pypdf, turning every way a PDF can be bad into an IngestError."""

from __future__ import annotations

import io
import re

from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError

from ingest.document import PageText, RawDocument
from ingest.errors import IngestError
from ingest.ocr import OcrOptions, OcrUnavailable, ocr_pdf_pages
from ingest.pdf_tables import may_hold_table, tables_from_layout

# The PDF spec lets a header sit anywhere in the first 1024 bytes.
_HEADER_WINDOW = 1024
_DAMAGED = "damaged or not a PDF"
_NO_TEXT = "no extractable text (probably a scanned PDF that needs OCR)"
# Values PDF producers write when the author left a field empty (reportlab: "anonymous", "unspecified").
_PLACEHOLDERS = frozenset({"untitled", "untitled document", "anonymous", "unspecified", "unknown", "title"})
_WORD_PREFIX = re.compile(r"^Microsoft (?:Word|PowerPoint) - ", re.IGNORECASE)
_METADATA_FIELDS = {
    "/Author": "author",
    "/Subject": "subject",
    "/Keywords": "keywords",
    "/Creator": "creator",
    "/Producer": "producer",
    "/CreationDate": "created",
    "/ModDate": "modified",
}


def read_pdf(data: bytes, *, password: str | None, max_pages: int, ocr: OcrOptions | None = None) -> RawDocument:
    """Pages of a PDF (numbered from 1), with its title and metadata; IngestError for any unusable PDF.

    With `ocr`, pages without a usable text layer are recognised with Tesseract (see ingest/ocr.py).
    """
    if b"%PDF-" not in data[:_HEADER_WINDOW]:
        raise IngestError("damaged", _DAMAGED)
    reader = _open(data, password)
    page_count = _page_count(reader)
    if page_count > max_pages:
        raise IngestError("too_large", f"too many pages ({page_count} > {max_pages} pages allowed)")
    pages, unreadable = _extract(reader, page_count)
    notes: list[str] = []
    if ocr is not None:
        try:
            pages, notes = ocr_pdf_pages(data, password, pages, ocr)
        except OcrUnavailable as err:
            raise IngestError("no_text", f"no extractable text (a scanned PDF that needs OCR): {err}") from err
    if not any(page.text.strip() for page in pages):
        if len(unreadable) == page_count:
            raise IngestError("damaged", f"{_DAMAGED} (no page could be read)")
        if ocr is None:
            raise IngestError("no_text", _NO_TEXT)
        detail = "; ".join(notes) or "the pages look blank"
        raise IngestError("no_text", f"no text found, not even by OCR ({detail})")
    metadata = _metadata(reader)
    metadata["pages"] = str(page_count)
    if unreadable:
        metadata["unreadable_pages"] = ",".join(str(n) for n in unreadable)
    return RawDocument(pages=pages, title=metadata.get("title"), metadata=metadata, notes=tuple(notes))


def _open(data: bytes, password: str | None) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            _decrypt(reader, password)
        return reader
    except IngestError:
        raise
    except DependencyError as err:
        raise IngestError("encrypted", "encrypted PDF needs AES support: install pypdf[crypto]") from err
    # pypdf raises a wide range of exception types on malformed input; any of them means "damaged".
    except Exception as err:
        raise IngestError("damaged", _DAMAGED) from err


def _decrypt(reader: PdfReader, password: str | None) -> None:
    # Many PDFs are encrypted with an empty user password (only printing or copying is restricted): those open
    # without a password, and also when the user gave one that does not fit.
    if password is not None and reader.decrypt(password) != PasswordType.NOT_DECRYPTED:
        return
    if reader.decrypt("") != PasswordType.NOT_DECRYPTED:
        return
    if password is None:
        raise IngestError("encrypted", "encrypted PDF: give the password with --password")
    raise IngestError("wrong_password", "wrong password for this encrypted PDF")


def _page_count(reader: PdfReader) -> int:
    try:
        count = len(reader.pages)
    except FileNotDecryptedError as err:
        raise IngestError("encrypted", "encrypted PDF: give the password with --password") from err
    except Exception as err:  # see _open: any pypdf failure here is a broken file
        raise IngestError("damaged", _DAMAGED) from err
    if count == 0:
        raise IngestError("damaged", f"{_DAMAGED} (it has no pages)")
    return count


def _extract(reader: PdfReader, page_count: int) -> tuple[list[PageText], list[int]]:
    """Text of every page; a page pypdf cannot read gets empty text and is listed, so the rest is kept."""
    pages: list[PageText] = []
    unreadable: list[int] = []
    for number in range(1, page_count + 1):
        try:
            text = reader.pages[number - 1].extract_text() or ""
        except Exception:  # one broken page should not cost the other pages
            text = ""
            unreadable.append(number)
        if may_hold_table(text):
            text = _with_tables(reader, number) or text
        pages.append(PageText(number=number, text=text))
    return pages, unreadable


def _with_tables(reader: PdfReader, number: int) -> str | None:
    """The page read again in layout mode with its tables as rows; None when no table lines up (see pdf_tables)."""
    try:
        layout = reader.pages[number - 1].extract_text(extraction_mode="layout") or ""
    except Exception:  # layout mode is a refinement: the default text stays when it fails
        return None
    return tables_from_layout(layout)


def _metadata(reader: PdfReader) -> dict[str, str]:
    try:
        info = reader.metadata
    except Exception:  # broken metadata is not worth refusing a readable PDF
        return {}
    if info is None:
        return {}
    found: dict[str, str] = {}
    title = clean_title(_as_text(info.get("/Title")))
    if title:
        found["title"] = title
    for key, name in _METADATA_FIELDS.items():
        value = _as_text(info.get(key))
        if value and value.lower() not in _PLACEHOLDERS:
            found[name] = value
    return found


def clean_title(raw: str | None) -> str | None:
    """A metadata title fit to show; None for empty or placeholder ones ("untitled", "Microsoft Word - x")."""
    if raw is None:
        return None
    title = " ".join(_WORD_PREFIX.sub("", raw).split())
    if title.lower().endswith((".doc", ".docx", ".pdf")):
        title = title.rsplit(".", 1)[0]
    if not title or title.lower() in _PLACEHOLDERS:
        return None
    return title


def _as_text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
