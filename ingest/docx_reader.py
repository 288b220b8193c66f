"""Word (.docx) bytes to raw text with python-docx: paragraphs and headings in order, tables row by row.

A .docx has pages only as Word lays it out. Word records that layout when it saves: a rendered page break
(``w:lastRenderedPageBreak``) where each page began, also inside a paragraph that runs over a page. Where the
file holds them, the text is cut into those pages, so a citation names the page the reader finds in Word.
A file saved by a program that does not paginate holds none, and is one page without a number, like a text
file. Hard page breaks alone are not pages: the text between two of them may run over several.
Blocks are separated by blank lines; each table row becomes one line naming its columns and carrying the
table's caption, or else the heading it sits under (see ingest/tables.py).
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile

from ingest.document import PageText, RawDocument
from ingest.errors import IngestError
from ingest.pdf_reader import clean_title
from ingest.tables import table_lines

_DAMAGED = "damaged or not a Word document (.docx)"
_CAPTION = re.compile(r"^(?:tabel|table)\s+\d+", re.IGNORECASE)
_METADATA_FIELDS = ("author", "subject", "keywords", "created", "modified")
_WORD_PAGES = "pages as Word last laid the file out"
_NO_PAGES = "no page numbers: the file holds no page layout"


def read_docx(data: bytes) -> RawDocument:
    """Text of a .docx by the pages Word laid it out in (else as one page without a number), with its title
    (core properties, else first heading), metadata, and a note saying which."""
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as err:
        raise IngestError("damaged", _DAMAGED) from err
    except Exception as err:  # lxml and zipfile raise many types on broken files; all mean "damaged"
        raise IngestError("damaged", _DAMAGED) from err
    laid_out = bool(document.element.body.xpath(".//w:lastRenderedPageBreak"))
    blocks, first_heading = _blocks(document)
    if not any(text.strip() for _, text in blocks):
        raise IngestError("empty", "empty document (no text in its paragraphs or tables)")
    metadata = _metadata(document)
    title = clean_title(metadata.pop("title", None)) or first_heading
    if not laid_out:
        text = "\n\n".join(text for _, text in blocks)
        return RawDocument(pages=[PageText(number=None, text=text)], title=title, metadata=metadata, notes=(_NO_PAGES,))
    last = max(page for page, _ in blocks)
    pages = [
        PageText(number=n, text="\n\n".join(text for page, text in blocks if page == n)) for n in range(1, last + 1)
    ]
    return RawDocument(pages=pages, title=title, metadata=metadata, notes=(_WORD_PAGES,))


def _blocks(document: object) -> tuple[list[tuple[int, str]], str | None]:
    """The document's text blocks in order, each with the page it starts on (1 where Word left no layout)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks: list[tuple[int, str]] = []
    page = 1
    heading: str | None = None
    first_heading: str | None = None
    pending_caption: tuple[int, str] | None = None
    for item in document.iter_inner_content():  # type: ignore[attr-defined]
        if isinstance(item, Paragraph):
            pieces = _page_pieces(item)
            start, page = page, page + len(pieces) - 1
            text = " ".join(item.text.split())
            if not text:
                continue
            style = (item.style.name if item.style is not None else "") or ""
            if _is_caption(style, text):
                # On the page its text is on: a caption that opens a page begins with Word's break.
                pending_caption = (start + next(i for i, piece in enumerate(pieces) if piece), text)
                continue
            if style.startswith(("Heading", "Title")):
                heading = text
                first_heading = first_heading or text
            # A paragraph Word broke over pages is cut there: each part is cited with its own page.
            added = len(blocks)
            blocks.extend((start + i, piece) for i, piece in enumerate(pieces) if piece)
        elif isinstance(item, Table):
            caption = pending_caption[1] if pending_caption is not None else heading
            rows, page = _rows_by_page(item, page)
            blocks.extend(_table_blocks(rows, caption))
            pending_caption = None
            continue
        if pending_caption is not None and not isinstance(item, Table):
            # A caption is normally right above its table; one that is not stays as text.
            blocks.insert(added, pending_caption)
            pending_caption = None
    if pending_caption is not None:
        blocks.append(pending_caption)
    return blocks, first_heading


def _page_pieces(paragraph: object) -> list[str]:
    """The paragraph's text cut at Word's rendered page breaks: one piece per page it touches, in order; a piece
    is "" where a page begins with the paragraph (or, rarely, ends with it)."""
    pieces: list[str] = []
    part = paragraph
    while True:
        breaks = part.rendered_page_breaks  # type: ignore[attr-defined]
        if not breaks:
            pieces.append(" ".join(part.text.split()))  # type: ignore[attr-defined]
            return pieces
        before, after = breaks[0].preceding_paragraph_fragment, breaks[0].following_paragraph_fragment
        pieces.append(" ".join(before.text.split()) if before is not None else "")
        if after is None:
            pieces.append("")
            return pieces
        part = after  # holds the paragraph's later breaks, if any


def _rows_by_page(table: object, page: int) -> tuple[list[tuple[int, list[str]]], int]:
    """Each row's cells with the page the row starts on, and the page after the table. A row split over pages
    has a break in every column it runs on, so it moves the page by its most broken cell, not their sum."""
    rows: list[tuple[int, list[str]]] = []
    for row in table.rows:  # type: ignore[attr-defined]
        cells = row.cells
        moved = max((len(cell._tc.xpath(".//w:lastRenderedPageBreak")) for cell in cells), default=0)
        first = cells[0].paragraphs[0].rendered_page_breaks if cells and cells[0].paragraphs else []
        starts_next = bool(first) and first[0].preceding_paragraph_fragment is None
        rows.append((page + int(starts_next), [cell.text for cell in cells]))
        page += moved
    return rows, page


def _table_blocks(rows: list[tuple[int, list[str]]], caption: str | None) -> list[tuple[int, str]]:
    """The table's lines (ingest/tables.py), each on the page its row starts on. The rows of each later page
    are read under the table's first row again, as Word repeats a header row, so their lines name columns."""
    if not rows:
        return []
    header = rows[0][1]
    plain = max(len(cells) for _, cells in rows) < 2
    blocks: list[tuple[int, str]] = []
    for n, group in itertools.groupby(rows, key=lambda row: row[0]):
        cells = [c for _, c in group]
        lines = table_lines(cells if plain or cells[0] is header else [header, *cells], caption)
        blocks.extend((n, line) for line in lines)
    return blocks


def _is_caption(style: str, text: str) -> bool:
    return style.lower() == "caption" or (bool(_CAPTION.match(text)) and len(text) < 200)


def _metadata(document: object) -> dict[str, str]:
    props = document.core_properties  # type: ignore[attr-defined]
    found: dict[str, str] = {}
    for name in ("title", *_METADATA_FIELDS):
        value = getattr(props, name, None)
        if value:
            found[name] = value.isoformat() if hasattr(value, "isoformat") else str(value).strip()
    return {k: v for k, v in found.items() if v}
