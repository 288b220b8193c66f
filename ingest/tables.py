"""Tables as readable text: one line per row, each value named by its column header, with the table's caption.

A passage is quoted alone, so a row must say what it is about: "Tabel 1. Program — Program: Eco-town;
Tahun: 2017." reads as evidence, where the cells joined in reading order ("Program Tahun Eco-town 2017 …")
would be word soup. Pure: cells in, lines out.
"""

from __future__ import annotations

_TERMINALS = ".!?…:;"


def _cell(text: str) -> str:
    return " ".join(text.split())


def table_lines(rows: list[list[str]], caption: str | None = None) -> list[str]:
    """Lines for a table whose first row is its header; a one-row table (or one column) is listed plainly."""
    cleaned = [[_cell(c) for c in row] for row in rows]
    cleaned = [row for row in cleaned if any(row)]
    if not cleaned:
        return []
    prefix = f"{_cell(caption)} — " if caption and _cell(caption) else ""
    header, body = cleaned[0], cleaned[1:]
    if not body or max(len(r) for r in cleaned) < 2:
        return [_sentence(prefix + "; ".join(c for c in row if c)) for row in cleaned]
    lines = []
    for row in body:
        pairs: list[str] = []
        previous: tuple[str, str] | None = None
        for i, value in enumerate(row):
            name = header[i] if i < len(header) else ""
            # Merged cells come back once per grid column: say them once.
            if not value or (name, value) == previous:
                continue
            previous = (name, value)
            pairs.append(f"{name}: {value}" if name and name != value else value)
        if pairs:
            lines.append(_sentence(prefix + "; ".join(pairs)))
    return lines


def _sentence(line: str) -> str:
    # A full stop keeps each row its own sentence (and passage) when the text is cleaned and split.
    return line if line.endswith(tuple(_TERMINALS)) else line + "."
