"""Strip Markdown markup lightly so passages read as prose, and find the document's title.

Not a Markdown parser: it removes what would otherwise end up inside quoted passages (heading marks, emphasis,
link targets, code ticks, HTML tags, table rules) and keeps the words. Headings and list items are kept on
their own lines, with blank lines around headings, so that cleaning keeps them as separate paragraphs.
"""

from __future__ import annotations

import re

_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)\s*$")
_FENCE = re.compile(r"^\s{0,3}(?:```|~~~)")
_ATX_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT_RULE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_THEMATIC_BREAK = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_BLOCKQUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_BULLET = re.compile(r"^(\s*)[*+-]\s+(?:\[[ xX]\]\s+)?")
_LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")

_INLINE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # image -> alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # link -> link text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference link -> link text
    (re.compile(r"\[\^[^\]]+\]"), ""),  # footnote mark
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),  # autolink -> address
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),  # HTML tag
    (re.compile(r"`+([^`]+)`+"), r"\1"),  # inline code
    (re.compile(r"(\*\*\*|___)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),  # not inside snake_case words
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])"), r"\1"),  # backslash escapes
)


def markdown_to_text(source: str) -> tuple[str, str | None]:
    """Plain text of a Markdown document and its title (the first level-1 heading, or None)."""
    out: list[str] = []
    title: str | None = None
    in_code = False
    for line in _without_front_matter(source.split("\n")):
        if _FENCE.match(line):
            in_code = not in_code
            continue
        if in_code:
            out.append(line)
            continue
        heading = _ATX_HEADING.match(line)
        rule = _SETEXT_RULE.match(line)
        if heading:
            text = strip_inline(heading.group(2))
            if title is None and len(heading.group(1)) == 1 and text:
                title = text
            out.extend(["", text, ""])
        elif rule and out and out[-1].strip():
            # Setext heading: the underline turns the line above into a heading ("=" is level 1).
            text = out.pop().strip()
            if title is None and rule.group(1).startswith("="):
                title = text
            out.extend(["", text, ""])
        elif _THEMATIC_BREAK.match(line) or _LINK_DEFINITION.match(line) or _TABLE_RULE.match(line):
            out.append("")
        else:
            out.append(strip_inline(_strip_block_marks(line)))
    return "\n".join(out).strip("\n"), title


def strip_inline(text: str) -> str:
    """Remove inline markup (emphasis, links, code, HTML tags) from one line, keeping the words."""
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text


def _strip_block_marks(line: str) -> str:
    line = _BLOCKQUOTE.sub("", line)
    line = _BULLET.sub(r"\1• ", line)
    if line.lstrip().startswith("|"):
        line = line.strip().strip("|").replace("|", " | ")
    return line


def _without_front_matter(lines: list[str]) -> list[str]:
    if not lines or lines[0].strip() != "---":
        return lines
    for i, line in enumerate(lines[1:], start=1):
        if _FRONT_MATTER_END.match(line):
            return lines[i + 1 :]
    return lines
