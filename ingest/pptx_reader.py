"""Slides (.pptx) to raw text with python-pptx: every slide a numbered page, read as a person reads it.

Sister-city meetings leave slide decks ("Paparan Kerja Sama Bandung–Kawasaki.pptx"). A slide's number is what
a citation can point to, so each slide is a page: its title first, then its text boxes top to bottom and left
to right (shapes are stored in drawing order, not reading order), tables row by row under the slide's title
(ingest/tables.py), and groups opened. Each paragraph of a text box is a point of its own ("• …"), not part of a
run-on sentence. Title slides are pages of the source view but not cited (RawDocument.covers). Speaker notes are
left out: they are the presenter's reminders ("klik untuk animasi"), not what the deck shows.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from ingest.document import PageText, RawDocument
from ingest.errors import IngestError
from ingest.pdf_reader import clean_title
from ingest.tables import table_lines

_DAMAGED = "damaged or not a PowerPoint file (.pptx)"


def read_pptx(data: bytes, *, max_pages: int) -> RawDocument:
    """One page per slide, with the deck's title (core properties, else the first slide's title) and metadata."""
    try:
        from pptx import Presentation

        deck = Presentation(io.BytesIO(data))
        slides = list(deck.slides)
    except zipfile.BadZipFile as err:
        raise IngestError("damaged", _DAMAGED) from err
    except Exception as err:  # python-pptx and lxml raise many types on broken files; all mean "damaged"
        raise IngestError("damaged", _DAMAGED) from err
    if len(slides) > max_pages:
        raise IngestError("too_large", f"too many slides ({len(slides)} > {max_pages} pages allowed)")
    pages = [PageText(number=n, text="\n\n".join(slide_blocks(slide))) for n, slide in enumerate(slides, start=1)]
    if not any(page.text.strip() for page in pages):
        raise IngestError("empty", "no text on any slide (only pictures or empty slides)")
    props = deck.core_properties
    # Not its creation date: a deck is copied from the last one and edited, so that date is often years off.
    metadata = {name: str(value).strip() for name in ("author", "subject", "keywords")
                if (value := getattr(props, name, None))}
    first_title = next((title for slide in slides if (title := _title(slide))), None)
    # A title slide (the deck's cover, a section's divider) names what follows and states nothing: cited, it
    # led answers on the deck's topic, filed under whatever SWOT category its words suggested.
    covers = frozenset(n for n, slide in enumerate(slides, start=1) if _is_cover(slide))
    if covers >= {page.number for page in pages if page.text.strip()}:
        covers = frozenset()  # a deck of title slides only: they are all it says
    return RawDocument(pages=pages, title=clean_title(props.title) or first_title, metadata=metadata, covers=covers)


def _is_cover(slide: Any) -> bool:
    """A slide laid out as a title slide: its title is a centred title placeholder."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    return any(ph.placeholder_format.type == PP_PLACEHOLDER.CENTER_TITLE for ph in slide.placeholders)


def slide_blocks(slide: Any) -> list[str]:
    """The slide's text in reading order: its title, then its text boxes and tables."""
    title = _title(slide)
    blocks = [title] if title else []
    title_id = slide.shapes.title.shape_id if slide.shapes.title is not None else None
    for shape in _reading_order(slide.shapes):
        if shape.shape_id == title_id:
            continue
        if getattr(shape, "has_table", False):
            rows = [[cell.text for cell in row.cells] for row in shape.table.rows]
            blocks.extend(table_lines(rows, title))
        elif getattr(shape, "has_text_frame", False):
            # A slide's points, as a web page's list items are: kept apart, not rejoined into one run-on line
            # the way a PDF's broken paragraphs are (ingest/clean.py).
            blocks.extend(f"• {text}" for p in shape.text_frame.paragraphs if (text := _words(_paragraph_text(p))))
    return blocks


def _reading_order(shapes: Any) -> Iterator[Any]:
    """Shapes top to bottom, then left to right (rows of boxes within half a centimetre count as one row);
    a group's shapes in its place, in their own order."""
    placed = [s for s in shapes if s.top is not None and s.left is not None]
    unplaced = [s for s in shapes if s.top is None or s.left is None]  # placeholders that inherit their place
    row = 180_000  # EMU: 0.5 cm
    from pptx.shapes.group import GroupShape

    for shape in [*unplaced, *sorted(placed, key=lambda s: (round(s.top / row), s.left))]:
        if isinstance(shape, GroupShape):
            yield from _reading_order(shape.shapes)
        else:
            yield shape


def _title(slide: Any) -> str:
    shape = slide.shapes.title
    return _words(shape.text_frame.text) if shape is not None and shape.has_text_frame else ""


def _paragraph_text(paragraph: Any) -> str:
    # A line break inside a paragraph (Shift+Enter) comes back as a vertical tab.
    return str(paragraph.text).replace("\v", " ")


def _words(text: str) -> str:
    return " ".join(text.split())
