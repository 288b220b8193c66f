"""Turn raw extracted page text into clean paragraphs.

PDF text comes out line by line, cut mid-sentence, often with a blank line after every line and words split
across lines ("2017–" / "2020"). `clean_text` rejoins lines into sentences and paragraphs and returns
paragraphs separated by exactly one blank line ("\\n\\n"), with single spaces inside a paragraph.

How a line break between two lines is judged, in order:

1. A line ending in a dash with no space before it ("2017–", "Bandung–") is joined with no space. A line
   ending in a hyphen is de-hyphenated (see `_join_hyphen`); a spaced dash ("kota –") joins with a space.
2. A line that starts with a list bullet starts a new paragraph.
3. Blank lines are paragraph breaks, unless the page is "double-spaced": most gaps between lines are blank
   AND most lines do not end a sentence (text wrapped with a blank line after every line, as in
   study-abstract.txt). There blank lines carry no meaning and the rules below decide.
4. A line that ends a sentence starts a new paragraph after it when the next line is indented deeper than the
   page's usual indent (the abstract's language switch), or when a blank line follows, the next line does not
   start in lower case and the line stops short of the page's usual width (a paragraph's last line; in a
   wrapped paragraph a sentence can end at a full-width line by chance).
5. A short line that does not end a sentence, followed by a line starting with a capital, is a heading.
6. Otherwise the lines are joined with one space.
"""

from __future__ import annotations

import itertools
import re
import statistics
import unicodedata
from dataclasses import dataclass

from ingest.abbreviations import is_non_terminal_abbreviation

_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\v]")
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})

_SOFT_HYPHEN = "\u00ad"
_HYPHENS = "-\u2010\u2011"
_DASHES = "\u2012\u2013\u2014\u2015\u2212"
LINE_END_DASHES = _HYPHENS + _DASHES  # a line ending in one continues on the next
CLOSERS = "\"')]}”’»」』）"  # closing quotes and brackets that stay with the sentence they end
_TERMINALS = ".!?:…。！？"  # 。！？ end Japanese and Chinese sentences

_BULLET = re.compile(r"^[•▪◦‣·*\-–]\s+\S")
_NUMBERED = re.compile(r"^(?:\d{1,3}|[a-zA-Z])[.)]\s+\S")
# Arabic or lower-case Roman page numbers (i–xxxix: front matter; never "I" or "Civil").
_PAGE_NUMBER = re.compile(
    r"^(?:[-–]\s*)?(?:page|halaman|hal\.?)?\s*(?:\d{1,4}|(?-i:(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})))(?:\s*[-–])?$",
    re.IGNORECASE,
)
# Dot leaders: a table of contents, list of figures or index line ("BAB I PENDAHULUAN ........ 1").
_LEADER = re.compile(r"(?:\.\s?){5,}")
_WORD_AT_END = re.compile(r"([^\W\d_]+)$")
_WORD_AT_START = re.compile(r"^([^\W\d_]+)")
_HYPHENATED = re.compile(r"([^\W\d_]+)[-\u2010\u2011]([^\W\d_]+)")

# A line shorter than this share of the page's median line length may be a heading.
_HEADING_SHARE = 0.5
# A sentence-ending line shorter than this share of the median is the last line of its paragraph.
_FULL_LINE_SHARE = 0.85
# A page is double-spaced when this share of gaps is blank and this share of lines is left open (wrapped);
# a handful of lines is too few to tell, so short texts keep their blank lines as paragraph breaks.
_BLANK_GAP_SHARE = 0.6
_OPEN_LINE_SHARE = 0.75
_MIN_LINES_TO_JUDGE = 6


@dataclass(frozen=True)
class _Line:
    text: str  # stripped
    indent: int
    blank_before: bool


def clean_text(raw: str) -> str:
    """Rejoin broken lines of `raw` into paragraphs separated by "\\n\\n"; see the module docstring."""
    text = _normalise(raw)
    chunks = [_clean_chunk(chunk) for chunk in text.split("\f")]
    return "\n\n".join(chunk for chunk in chunks if chunk)


def _normalise(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_LIGATURES)
    text = _ODD_SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    return _CONTROL.sub(" ", text)


def _clean_chunk(text: str) -> str:
    # Contents and index lines point to pages and state nothing; their dots were cited as passages.
    lines = _drop_page_numbers([line for line in _read_lines(text) if not _LEADER.search(line.text)])
    if not lines:
        return ""
    base_indent = min(line.indent for line in lines)
    median_len = statistics.median(len(line.text) for line in lines)
    double_spaced = _is_double_spaced(lines)
    vocabulary = _hyphenated_vocabulary(text)

    paragraphs: list[str] = []
    current = lines[0].text
    for i, (prev, line) in enumerate(itertools.pairwise(lines)):
        following = lines[i + 2] if i + 2 < len(lines) else None
        joined = _join_dash(current, line.text, vocabulary)
        if joined is not None:
            current = joined
        elif _breaks_paragraph(prev, line, base_indent, median_len, double_spaced, following):
            paragraphs.append(current)
            current = line.text
        else:
            current = f"{current} {line.text}"
    paragraphs.append(current)
    # Soft hyphens inside a line are invisible break hints, never text.
    tidy = (re.sub(r" {2,}", " ", p.replace(_SOFT_HYPHEN, "")).strip() for p in paragraphs)
    return "\n\n".join(p for p in tidy if p)


def _read_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    blank = False
    for raw_line in text.split("\n"):
        stripped = raw_line.strip()
        if not stripped:
            blank = True
            continue
        indent = len(raw_line) - len(raw_line.lstrip())
        lines.append(_Line(stripped, indent, blank and bool(lines)))
        blank = False
    return lines


def _drop_page_numbers(lines: list[_Line]) -> list[_Line]:
    # A bare number as the first or last line of a page is a running page number, not prose.
    # Not after a dash, though: "periode 2017–" / "2020" is a split range, not a page number.
    if len(lines) > 1 and _PAGE_NUMBER.match(lines[-1].text) and lines[-2].text[-1] not in LINE_END_DASHES:
        lines = lines[:-1]
    if len(lines) > 1 and _PAGE_NUMBER.match(lines[0].text):
        lines = lines[1:]
    return lines


def _is_double_spaced(lines: list[_Line]) -> bool:
    if len(lines) < _MIN_LINES_TO_JUDGE:
        return False
    gaps = lines[1:]
    blank_share = sum(line.blank_before for line in gaps) / len(gaps)
    # List items are open by nature, so they say nothing about wrapping.
    prose = [line for line in lines[:-1] if not _BULLET.match(line.text)]
    if not prose:
        return False
    open_share = sum(not ends_sentence(line.text) for line in prose) / len(prose)
    return blank_share >= _BLANK_GAP_SHARE and open_share >= _OPEN_LINE_SHARE


def _breaks_paragraph(
    prev: _Line, line: _Line, base_indent: int, median_len: float, double_spaced: bool,
    following: _Line | None = None,
) -> bool:
    if _starts_list_item(prev, line):
        return True
    if line.blank_before and not double_spaced:
        return True
    if ends_sentence(prev.text):
        # A heading between two paragraphs stands alone on both sides, also where the text has no blank
        # lines (pypdf gives none): "… media lokal." / "Metode" / "Penelitian ini …" was quoted as
        # "… media lokal. Metode", and a "DAFTAR PUSTAKA" so glued hid the reference list.
        if line.indent > base_indent or _is_heading(line, following, median_len):
            return True
        # On a double-spaced page the blank line says nothing; a paragraph's last line is the one that stops
        # short of the full width.
        stops_short = len(prev.text) < _FULL_LINE_SHARE * median_len
        return line.blank_before and stops_short and not line.text[0].islower()
    is_short = len(prev.text) < _HEADING_SHARE * median_len
    return is_short and line.text[0].isupper() and prev.text[-1] not in ",;."


def _is_heading(line: _Line, following: _Line | None, median_len: float) -> bool:
    """A short line that starts in upper case and reads as a heading, with a line starting in upper case after it."""
    return (
        following is not None
        and len(line.text) < _HEADING_SHARE * median_len
        and line.text[0].isupper()
        and following.text[0].isupper()
        and reads_as_heading(line.text)
    )


def reads_as_heading(text: str) -> bool:
    """Text a heading may be: it ends no sentence and no clause (",", ";"). Shared with ingest/passages.py."""
    body = text.rstrip(CLOSERS)
    return bool(body) and not ends_sentence(text) and body[-1] not in ",;"


def introduces_list(text: str) -> bool:
    """Text ending in a colon ("… sebagai berikut:"): what follows is its list, not a new section."""
    return text.rstrip(CLOSERS).endswith(":")


def _starts_list_item(prev: _Line, line: _Line) -> bool:
    if _BULLET.match(line.text):
        return True
    # "12. Item" is only a list after a sentence end or another item, so "pada\n12. Mei" is not split.
    return bool(_NUMBERED.match(line.text)) and (
        ends_sentence(prev.text) or bool(_NUMBERED.match(prev.text)) or bool(_BULLET.match(prev.text))
    )


def ends_sentence(text: str) -> bool:
    body = text.rstrip(CLOSERS)
    if not body or body[-1] not in _TERMINALS:
        return False
    if body[-1] == "." and not body.endswith(".."):
        token = body[:-1].rsplit(maxsplit=1)[-1] if body[:-1].strip() else ""
        return not is_non_terminal_abbreviation(token)
    return True


def _join_dash(current: str, following: str, vocabulary: set[str]) -> str | None:
    """Join `following` onto `current` when `current` ends in a hyphen or dash; None when it does not."""
    last = current[-1]
    if last == _SOFT_HYPHEN:
        return current[:-1] + following
    if last in _DASHES:
        spaced = len(current) > 1 and current[-2] == " "
        return f"{current} {following}" if spaced else current + following
    if last in _HYPHENS:
        if len(current) > 1 and current[-2] == " ":
            return f"{current} {following}"
        return _join_hyphen(current, following, vocabulary)
    return None


def _join_hyphen(current: str, following: str, vocabulary: set[str]) -> str:
    """Decide whether a line-final hyphen is a real compound hyphen or a line-break artefact.

    The hyphen is kept when the next line starts with a capital or a digit ("Bandung-Kawasaki", "COVID-19"),
    when the word before it is not all lower case ("SDM-nya"), when the halves repeat each other (Indonesian
    reduplication: "kota-kota", "bersama-sama"), or when the same hyphenated word appears elsewhere on the
    page ("well-known"). Otherwise it was a break in a lower-case word and is removed ("kerja-" / "sama" ->
    "kerjasama", "pengelo-" / "laan" -> "pengelolaan").
    """
    before = _WORD_AT_END.search(current[:-1])
    after = _WORD_AT_START.search(following)
    if before is None or after is None:
        return current + following
    left, right = before.group(1), after.group(1)
    keep = (
        not right[0].islower()
        or not left.islower()
        or _is_reduplication(left.lower(), right.lower())
        or f"{left}-{right}".lower() in vocabulary
    )
    return current + following if keep else current[:-1] + following


def _is_reduplication(left: str, right: str) -> bool:
    # Length floors keep fragments such as "ke-" / "kerja" from looking like a repeat.
    if left == right:
        return True
    return (len(right) >= 3 and left.endswith(right)) or (len(left) >= 3 and right.startswith(left))


def _hyphenated_vocabulary(text: str) -> set[str]:
    return {f"{a}-{b}".lower() for a, b in _HYPHENATED.findall(text)}
