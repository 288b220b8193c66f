"""Saved web pages (.html, .htm) to the main text with trafilatura: the article, not menus, sidebars and footers.

trafilatura's XML output keeps the structure (headings, paragraphs, lists, tables), so tables are written
row by row with their header (ingest/tables.py). The title is the page's own: og:title or <title> (through
trafilatura's metadata), else the first heading. One page without a number, like a text file.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree

from ingest.document import PageText, RawDocument
from ingest.errors import IngestError
from ingest.tables import table_lines
from ingest.text_decoding import decode_text

_BLOCKS = frozenset({"head", "p", "quote", "code", "item"})
_SAVED_FROM = re.compile(
    r"<!--\s*(?:saved from url=\(\d+\)|Page saved with SingleFile\s+url:\s*)(https?://[^\s<>\"']+)", re.IGNORECASE
)
_SAVED_FROM_WINDOW = 10_000  # the comment opens the file; a page's body never counts


def read_html(data: bytes) -> RawDocument:
    """Main text of a web page as one page, with its title; IngestError when there is no main text."""
    import trafilatura

    html, encoding = decode_text(data)
    if not html.strip():
        raise IngestError("empty", "empty file (only whitespace)")
    xml = trafilatura.extract(
        html, output_format="xml", include_tables=True, include_comments=False, include_links=False, favor_recall=True
    )
    blocks, first_heading = _blocks(xml) if xml else ([], None)
    if not blocks:
        raise IngestError("empty", "no main text found in this web page (only menus, scripts or markup)")
    # The date only from the page's markup (meta tags, <time>, the address): the extensive search guesses one
    # from any year in the text ("Hak cipta 2024" became 2024-01-01).
    meta = trafilatura.extract_metadata(html, default_url=saved_from(html), extensive=False)
    title = _title(getattr(meta, "title", None)) or first_heading
    metadata = {"encoding": encoding}
    for name in ("author", "date", "sitename", "url"):
        value = getattr(meta, name, None)
        if value:
            metadata[name] = str(value)
    return RawDocument(pages=[PageText(number=None, text="\n\n".join(blocks))], title=title, metadata=metadata)


def saved_from(html: str) -> str | None:
    """The address a browser saved the page from, as it writes it at the top: Chrome's and Edge's "saved from
    url=(0047)https://…" comment, SingleFile's "url: https://…". The page's own canonical link wins over it."""
    match = _SAVED_FROM.search(html[:_SAVED_FROM_WINDOW])
    return match.group(1) if match else None


def _blocks(xml: str) -> tuple[list[str], str | None]:
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        return [], None
    main = root.find("main")
    blocks: list[str] = []
    first_heading: str | None = None
    heading: str | None = None
    in_tables = {id(e) for table in root.iter("table") for e in table.iter() if e is not table}
    for element in (main if main is not None else root).iter():
        if element.tag == "table":
            rows = [[_text(cell) for cell in row.findall("cell")] for row in element.findall("row")]
            caption, rows = _caption_row(rows)
            blocks.extend(table_lines(rows, caption or heading))
        elif element.tag in _BLOCKS and id(element) not in in_tables:
            text = _text(element)
            if not text:
                continue
            if element.tag == "head":
                heading = text
                first_heading = first_heading or text
            blocks.append(f"• {text}" if element.tag == "item" else text)
    return blocks, first_heading


def _caption_row(rows: list[list[str]]) -> tuple[str | None, list[list[str]]]:
    """trafilatura writes a <caption> as a first row with one filled cell: take it back out."""
    if len(rows) > 2 and len(rows[0]) > 1 and sum(1 for c in rows[0] if c) == 1:
        return next(c for c in rows[0] if c), rows[1:]
    return None, rows


def _text(element: ElementTree.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _title(raw: str | None) -> str | None:
    if not raw:
        return None
    title = " ".join(raw.split())
    return title or None
