"""What a reader returns: the raw text of each page of one document, before cleaning."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PageText:
    """Raw text of one page: PDF pages count from 1; a text file is page 1 (or 1..n, split at form feeds)."""

    number: int | None
    text: str
    # Text recognised from the page image (no usable text layer), with Tesseract's mean confidence 0–1.
    ocr: bool = False
    ocr_confidence: float | None = None


@dataclass(frozen=True)
class RawDocument:
    """A document's pages, its title (from its own metadata or first heading) and string metadata.

    `notes` are short phrases a person should read about how the file was read ("3 pages by OCR"). `covers` are
    pages that only name the document (a deck's title slides): shown in the source view, never cited.
    """

    pages: list[PageText]
    title: str | None
    metadata: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    covers: frozenset[int] = frozenset()
