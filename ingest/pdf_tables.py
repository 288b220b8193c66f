"""Tables in PDF text layers, kept readable: rows with their header instead of cells in a heap.

pypdf's default extraction writes each table cell on its own line, which cleaning then joins into word soup
("Program Tahun Mitra Pelatihan … 2017 JICA …"). Its layout mode keeps the columns apart with runs of spaces,
so a page that looks like it holds a table is read again in layout mode, and every block of lines whose
columns line up is written row by row (ingest/tables.py). Pure: text in, text out.
"""

from __future__ import annotations

import re

from ingest.tables import table_lines

_GAP = re.compile(r"\S(?:\S| (?! ))*")  # a cell: text with single spaces inside, ended by 2+ spaces
_CAPTION = re.compile(r"^(?:tabel|table)\s+\d+", re.IGNORECASE)
_MIN_ROWS = 3  # header + two rows: fewer is not told apart from a line with a wide gap
_MAX_CELL = 40  # longer "cells" are prose columns, not a table
_ALIGN = 3  # characters a column may wander between rows
_SHORT_LINE = 30
_MIN_SHORT_RUN = 6


def may_hold_table(default_text: str) -> bool:
    """A run of short lines in the default extraction (one cell per line) hints at a table; cheap to check."""
    run = 0
    for line in default_text.splitlines():
        run = run + 1 if 0 < len(line.strip()) <= _SHORT_LINE else 0
        if run >= _MIN_SHORT_RUN:
            return True
    return False


def _cells(line: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _GAP.finditer(line)]


def _aligned(a: list[tuple[int, str]], b: list[tuple[int, str]]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= _ALIGN for (x, _), (y, _) in zip(a, b, strict=True))


def tables_from_layout(layout_text: str) -> str | None:
    """The page with each table written as rows ("Header: value; …"), or None when no table is found."""
    lines = layout_text.splitlines()
    out: list[str] = []
    found = False
    i = 0
    while i < len(lines):
        cells = _cells(lines[i])
        j = i + 1
        if len(cells) >= 2 and all(len(text) <= _MAX_CELL for _, text in cells):
            while j < len(lines) and _aligned(cells, _cells(lines[j])):
                j += 1
        if j - i >= _MIN_ROWS:
            found = True
            caption = out.pop() if out and _CAPTION.match(out[-1]) else None
            rows = [[text for _, text in _cells(line)] for line in lines[i:j]]
            for row in table_lines(rows, caption):
                out.extend(["", row])  # each row its own paragraph, so cleaning never joins rows
            out.append("")
            i = j
            continue
        out.append(" ".join(lines[i].split()))
        i += 1
    if not found:
        return None
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")
