"""What a reader returns: the raw text of each page of one document, before cleaning."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PageText:
    """Raw text of one page: PDF pages count from 1; a text file is page 1 (or 1..n, split at form feeds)."""

    number: int | None
    text: str


@dataclass(frozen=True)
class RawDocument:
    """A document's pages, its title (PDF metadata or first Markdown heading) and string metadata."""

    pages: list[PageText]
    title: str | None
    metadata: dict[str, str] = field(default_factory=dict)
