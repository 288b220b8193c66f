"""Word (.docx) bytes to raw text with python-docx: paragraphs and headings in order, tables row by row.

A .docx has no pages (they exist only when Word lays it out), so the text is one page without a number,
like a text file. Blocks are separated by blank lines; each table row becomes one line naming its
columns and carrying the table's caption, or else the heading it sits under (see ingest/tables.py).
"""

from __future__ import annotations

import io
import re
import zipfile

from ingest.document import PageText, RawDocument
from ingest.errors import IngestError
from ingest.pdf_reader import clean_title
from ingest.tables import table_lines

_DAMAGED = "damaged or not a Word document (.docx)"
_CAPTION = re.compile(r"^(?:tabel|table)\s+\d+", re.IGNORECASE)
_METADATA_FIELDS = ("author", "subject", "keywords", "created", "modified")


def read_docx(data: bytes) -> RawDocument:
    """Text of a .docx as one page, with its title (core properties, else first heading) and metadata."""
    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as err:
        raise IngestError("damaged", _DAMAGED) from err
    except Exception as err:  # lxml and zipfile raise many types on broken files; all mean "damaged"
        raise IngestError("damaged", _DAMAGED) from err
    blocks, first_heading = _blocks(document)
    if not any(b.strip() for b in blocks):
        raise IngestError("empty", "empty document (no text in its paragraphs or tables)")
    metadata = _metadata(document)
    title = clean_title(metadata.pop("title", None)) or first_heading
    return RawDocument(pages=[PageText(number=None, text="\n\n".join(blocks))], title=title, metadata=metadata)


def _blocks(document: object) -> tuple[list[str], str | None]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks: list[str] = []
    heading: str | None = None
    first_heading: str | None = None
    pending_caption: str | None = None
    for item in document.iter_inner_content():  # type: ignore[attr-defined]
        if isinstance(item, Paragraph):
            text = " ".join(item.text.split())
            if not text:
                continue
            style = (item.style.name if item.style is not None else "") or ""
            if _is_caption(style, text):
                pending_caption = text
                continue
            if style.startswith(("Heading", "Title")):
                heading = text
                first_heading = first_heading or text
            blocks.append(text)
        elif isinstance(item, Table):
            rows = [[cell.text for cell in row.cells] for row in item.rows]
            caption = pending_caption or heading
            lines = table_lines(rows, caption)
            blocks.extend(lines)
            pending_caption = None
            continue
        if pending_caption is not None and not isinstance(item, Table):
            # A caption is normally right above its table; one that is not stays as text.
            blocks.insert(len(blocks) - 1, pending_caption)
            pending_caption = None
    if pending_caption is not None:
        blocks.append(pending_caption)
    return blocks, first_heading


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
