"""What a page break does to a document's text, undone before its pages are cleaned. Pure.

Two things cross pages in a printed document, and both ended up in quoted passages:
- running headers and footers: the journal's name and volume, the author and short title, "Halaman 3 dari 12".
  Each became a passage of its own on every page, or was glued to the last sentence of the page
  ("… dengan hasil yang baik. Siti Rahma — Kerja Sama Bandung–Kawasaki"), so an answer quoted words the
  sentence never had. A line is running when, with its digits masked, it recurs among the first or last
  ZONE lines of at least RUNNING_SHARE of the pages (and of MIN_PAGES of them): page numbers and dates change,
  the words do not. Only lines in those zones are removed, so the same words in the body stay.
- a sentence broken by the page: the end of a page's last sentence is the start of the next page ("… dengan
  hasil yang" / "terbatas. Masyarakat …"). Passages never cross a page, so both halves were cited apart, each
  a fragment. The words up to the first sentence end of the next page are carried back to the page where the
  sentence starts (where a reader would cite it), when the page stops mid-sentence and the next one starts in
  lower case; at most CARRY_LINES lines, or nothing is moved.
"""

from __future__ import annotations

import re
from collections import Counter

from ingest.clean import LINE_END_DASHES, ends_sentence
from ingest.passages import split_sentences

ZONE = 3  # lines at the top and at the bottom of a page where running headers and footers sit
# Alternating headers (author on even pages, title on odd ones, none on the first) each reach 40-50 % of an
# article's pages; a book's chapter header, its chapter's share.
RUNNING_SHARE = 0.3
MIN_PAGES = 3  # two pages cannot tell a running line from a line that happens to repeat
CARRY_LINES = 5

_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")


def without_running_lines(pages: list[str]) -> list[str]:
    """The pages' raw texts without their running headers and footers (see the module docstring)."""
    zones = [_zone(text) for text in pages]
    filled = sum(1 for text in pages if text.strip())
    counts = Counter(key for zone in zones for key in {_key(line) for line in zone.values()})
    needed = max(MIN_PAGES, RUNNING_SHARE * filled)
    running = {key for key, n in counts.items() if key and n >= needed}
    if not running:
        return pages
    out = []
    for text, zone in zip(pages, zones, strict=True):
        lines = text.split("\n")
        drop = {i for i, line in zone.items() if _key(line) in running and not _after_dash(lines, i)}
        out.append("\n".join(line for i, line in enumerate(lines) if i not in drop) if drop else text)
    return out


def with_sentences_rejoined(pages: list[str]) -> list[str]:
    """The pages' raw texts with each sentence that a page break cut carried back whole to the page it starts
    on (see the module docstring)."""
    out = list(pages)
    for i in range(len(out) - 1):
        last = _last_line(out[i])
        # A page ending in a number alone ends in its page number, which a carried line would strand mid-text.
        # A page ending in ";" ends a list item, not a sentence cut in two.
        if last is None or ends_sentence(last) or last.endswith(";") or not any(c.isalpha() for c in last):
            continue
        lines = out[i + 1].split("\n")
        first = next((j for j, line in enumerate(lines) if line.strip()), None)
        if first is None or not lines[first].lstrip()[:1].islower():
            continue
        for j in range(first, min(first + CARRY_LINES, len(lines))):
            cut = _first_sentence_end(lines[j])
            if cut is not None:
                carried = [*lines[first:j], lines[j][:cut]]
                rest = [lines[j][cut:].lstrip(), *lines[j + 1 :]]
                out[i] = out[i].rstrip("\n") + "\n" + "\n".join(carried)
                out[i + 1] = "\n".join(rest)
                break
    return out


def _zone(text: str) -> dict[int, str]:
    """Line number -> line, for the first and last ZONE non-blank lines of a page; fewer on a short page, whose
    middle third is never a header or footer (a page of one line, or of one templated line per page, is text)."""
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    size = min(ZONE, len(filled) // 3)
    return {i: lines[i] for i in filled[:size] + filled[len(filled) - size :]}


def _key(line: str) -> str:
    return _SPACES.sub(" ", _DIGITS.sub("#", line.casefold())).strip()


def _after_dash(lines: list[str], i: int) -> bool:
    # "periode 2017–" / "2020": a range split over two lines, not a page number (as in ingest/clean.py).
    before = next((line.rstrip() for line in reversed(lines[:i]) if line.strip()), "")
    return before.endswith(tuple(LINE_END_DASHES)) and _key(lines[i]).strip("# ") == ""


def _last_line(text: str) -> str | None:
    return next((line.strip() for line in reversed(text.split("\n")) if line.strip()), None)


def _first_sentence_end(line: str) -> int | None:
    """Where the first sentence that ends in `line` ends (an offset into it), or None when none does."""
    for _, end in split_sentences(line):
        if ends_sentence(line[:end]):
            return end
    return None
