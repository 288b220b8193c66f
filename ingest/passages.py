"""Cut cleaned page text into passages that carry their page and exact character offsets.

Passages are sentence-sized on purpose: a retrieved passage is quoted as evidence and labelled with one SWOT
category, and a sentence usually states one finding (the abstract's strengths, opportunities and obstacles
are one sentence each). So:

- every sentence is its own passage;
- a sentence shorter than `min_chars` ("Namun demikian.", a numbered heading) is merged with the next
  sentence of its paragraph, or with the previous one when it ends the paragraph, while the result stays
  within `max_chars`;
- a sentence longer than `max_chars` is cut at the last clause boundary ("; ", then ", ", then ") ") before
  the limit, else at the last space; a single word longer than `max_chars` is kept whole rather than cut;
- passages never cross a paragraph break ("\\n\\n", or any line break) or a page, but for one: a heading
  (a short paragraph ending no sentence, after a finished paragraph or another heading, with a paragraph after
  it on its page) opens the first passage of the paragraph it titles. Alone, "Metode" or "Kesimpulan" stated
  nothing yet was cited first for "Apa kesimpulan artikel itu?"; with its paragraph it finds the conclusion.
  A short line after "… sebagai berikut:" or after another short line is a list item and stays its own.
  Titles given as `standalone` never open a passage (the pipeline drops them).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace

from ingest.abbreviations import is_non_terminal_abbreviation
from ingest.clean import CLOSERS, ends_sentence, introduces_list, reads_as_heading
from knowledge.language import detect_language, settle_cjk


@dataclass(frozen=True)
class PassageDraft:
    """One passage; `text == page_text[start:end]` for the cleaned text of `page`."""

    text: str
    page: int | None
    start: int
    end: int
    language: str


Span = tuple[int, int]

# Japanese and Chinese end a sentence with 。！？ and write no space after it (a Kawasaki report in Japanese).
_CLOSE = f"[{re.escape(CLOSERS)}]*"
_SENTENCE_END = re.compile(rf"[.!?…]+{_CLOSE}(?=\s|$)|[。！？]+{_CLOSE}")
_LINE_BREAKS = re.compile(r"\n+")
_CLAUSE_MARKS = ("; ", ", ", ") ", "、", "，")
_LIST_NUMBER = re.compile(r"^(?:\d{1,3}|[a-zA-Z])$")


def split_sentences(text: str) -> list[Span]:
    """Sentence spans (start, end) of `text`, trimmed of surrounding whitespace, in order.

    A sentence ends at . ! ? or … (with any closing quotes or brackets) followed by whitespace, unless the
    next word starts in lower case, or the full stop belongs to an abbreviation ("dll.", "No.", "Dr.", "e.g.",
    "U.S.", "Rp."), an initial ("M. Danial") or a list number at the start of a sentence ("1. Pendahuluan").
    Decimal numbers ("3.5") never end one, having no space after the point. A line break always ends a
    sentence, so sentences stay inside paragraphs.
    """
    spans: list[Span] = []
    for block_start, block_end in _blocks(text):
        spans.extend(_sentences_in(text, block_start, block_end))
    return spans


def split_passages(
    pages: list[tuple[int | None, str]], *, max_chars: int = 600, min_chars: int = 80,
    standalone: Collection[str] = (),
) -> list[PassageDraft]:
    """Passages of each (page number, cleaned page text), in page order; see the module docstring.
    `standalone`: texts (as `words_of` gives them) that never open a passage, such as the document's title."""
    drafts: list[PassageDraft] = []

    def add(text: str, page: int | None, start: int, end: int) -> None:
        drafts.append(PassageDraft(text[start:end], page, start, end, detect_language(text[start:end])))

    for page, text in pages:
        blocks = _blocks(text)
        heading: Span | None = None  # a heading waiting for the paragraph it titles
        for b, block in enumerate(blocks):
            if _is_heading(text, blocks, b, min_chars, heading is not None, standalone):
                heading = (heading[0] if heading else block[0], block[1])
                continue
            units = _merge_short(_fit_units(text, _sentences_in(text, *block), max_chars), min_chars, max_chars)
            if heading is not None and units[0][1] - heading[0] <= max_chars:
                units[0] = (heading[0], units[0][1])
            elif heading is not None:
                add(text, page, *heading)
            heading = None
            for start, end in units:
                add(text, page, start, end)
        if heading is not None:
            add(text, page, *heading)
    settled = settle_cjk([d.language for d in drafts])
    return [d if d.language == lang else replace(d, language=lang) for d, lang in zip(drafts, settled, strict=True)]


def words_of(text: str) -> str:
    """A line's words as a title or heading is compared: case and spacing aside, without a closing stop."""
    return " ".join(text.casefold().split()).rstrip(".:")


def _is_heading(text: str, blocks: list[Span], b: int, min_chars: int, after_heading: bool,
                standalone: Collection[str]) -> bool:
    start, end = blocks[b]
    line = text[start:end]
    if b + 1 == len(blocks) or end - start >= min_chars or not reads_as_heading(line):
        return False
    if words_of(line) in standalone:
        return False
    if b == 0 or after_heading:
        return True
    # After a finished paragraph; after "… sebagai berikut:" a short line is the list's first item.
    before = text[blocks[b - 1][0] : blocks[b - 1][1]]
    return ends_sentence(before) and not introduces_list(before)


def _blocks(text: str) -> list[Span]:
    """Spans of the paragraphs (text between line breaks), skipping empty ones."""
    blocks: list[Span] = []
    start = 0
    for match in _LINE_BREAKS.finditer(text):
        blocks.append((start, match.start()))
        start = match.end()
    blocks.append((start, len(text)))
    return [span for span in (_trim(text, s, e) for s, e in blocks) if span[0] < span[1]]


def _sentences_in(text: str, start: int, end: int) -> list[Span]:
    spans: list[Span] = []
    sentence_start = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if _ends_here(text, sentence_start, match, end):
            spans.append(_trim(text, sentence_start, match.end()))
            sentence_start = match.end()
    spans.append(_trim(text, sentence_start, end))
    return [span for span in spans if span[0] < span[1]]


def _ends_here(text: str, sentence_start: int, match: re.Match[str], end: int) -> bool:
    following = text[match.end() : end].lstrip()
    if following and following[0].islower():
        return False
    if match.group().rstrip(CLOSERS) != ".":
        return True
    word_start = text.rfind(" ", sentence_start, match.start()) + 1
    token = text[max(word_start, sentence_start) : match.start()]
    if is_non_terminal_abbreviation(token):
        return False
    starts_sentence = text[sentence_start : match.start()].strip() == token
    return not (starts_sentence and _LIST_NUMBER.match(token))


def _fit_units(text: str, sentences: list[Span], max_chars: int) -> list[Span]:
    """Sentences, with any longer than `max_chars` cut into clause-sized pieces."""
    units: list[Span] = []
    for start, end in sentences:
        while end - start > max_chars:
            cut = _cut_point(text, start, start + max_chars)
            if cut is None:
                break
            units.append(_trim(text, start, cut))
            start = _trim(text, cut, end)[0]
        units.append((start, end))
    return units


def _cut_point(text: str, start: int, limit: int) -> int | None:
    """End of the last clause before `limit`, preferring clauses past half the window; None if no space."""
    window = text[start:limit]
    for mark in _CLAUSE_MARKS:
        at = window.rfind(mark)
        if at >= len(window) // 2:
            return start + at + len(mark.rstrip())
    at = window.rfind(" ")
    return start + at if at > 0 else None


def _merge_short(units: list[Span], min_chars: int, max_chars: int) -> list[Span]:
    merged: list[Span] = []
    i = 0
    while i < len(units):
        start, end = units[i]
        i += 1
        while end - start < min_chars and i < len(units) and units[i][1] - start <= max_chars:
            end = units[i][1]
            i += 1
        merged.append((start, end))
    # A short passage left at the paragraph's end joins the one before it.
    if len(merged) > 1:
        (prev_start, _), (last_start, last_end) = merged[-2], merged[-1]
        if last_end - last_start < min_chars and last_end - prev_start <= max_chars:
            merged[-2:] = [(prev_start, last_end)]
    return merged


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
