"""An answer as a Markdown document with its citations, for copying or downloading. Pure: JSON in, text out."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from knowledge.answer import also_in_line, other_partnership_line, passage_lines, section_items
from knowledge.strings import ui

# Document text is data: characters that would become markup, links, maths or HTML are escaped.
_MARKUP = re.compile(r"([\\`*_{}\[\]<>#|$~&!])")
# What stays as written in a linked address: its own delimiters (no "<", ">", quotes, brackets or spaces).
_URL_SAFE = ":/?#@!$&'*+,;=%~-._"


def md_literal(text: str) -> str:
    return _MARKUP.sub(r"\\\1", " ".join(str(text).split()))


def _md_lines(text: str, continuation: str) -> str:
    """A passage's lines, each literal, kept apart by hard breaks: a heading opens its passage ("Kesimpulan",
    then the conclusion). `continuation` starts each line after the first (a list's indent, a quote's "> ")."""
    return ("  \n" + continuation).join(md_literal(line) for line in passage_lines(str(text)))


def answer_to_markdown(answer: dict[str, Any]) -> str:
    """The answer (as `Answer.to_json()` gives it): SWOT sections, factors with [n], and the numbered sources."""
    lang = answer.get("language", "en")
    lines = [f"# {md_literal(answer.get('question', ''))}", ""]
    # What was searched when not the question as typed (respelled, cut short): the reader of a saved answer
    # must see it too.
    lines += [line for notice in answer.get("notices", []) for line in (f"> {md_literal(notice)}", "")]
    if not answer.get("answered"):
        return "\n".join([*lines, ui(answer.get("reason") or "no_answer", lang), ""])
    by_n = {c["n"]: c for c in answer["citations"]}
    for section in answer["sections"]:
        lines += [f"## {md_literal(section['label'])}", ""]
        lines += [
            f"- {md_literal(factor)} \\[{n}\\]" if factor is not None
            else f"- \\[{n}\\] {_md_lines(by_n[n]['text'], '  ')}"
            for n, factor in section_items(section["citations"], section.get("factors", []))
        ]
        lines.append("")
    lines += [f"## {ui('sources', lang)}", ""]
    for c in answer["citations"]:
        page = f"{ui('page', lang)} {c['page']}" if c.get("page") is not None else ui("no_page", lang)
        kind = ui("kind_" + c["kind"], lang) if c.get("kind") else ""
        # The page a web document was saved from, as a link (escaped so no character of it is markup).
        url = str(c.get("url") or "")
        link = f" — <{quote(url, safe=_URL_SAFE)}>" if url.lower().startswith(("http://", "https://")) else ""
        # Other places that say it word for word (a report quoting the study): named under the source.
        also = f"   {md_literal(also_in_line(c['also'], lang))}  \n" if c.get("also") else ""
        if c.get("newer_version"):
            also += f"   {md_literal(ui('newer_version', lang, newer=c['newer_version']))}  \n"
        if c.get("other_partnership"):
            also += f"   {md_literal(other_partnership_line(c['other_partnership'], lang))}  \n"
        lines.append(
            f"{c['n']}. {md_literal(c['title'])} ({md_literal(c['document'])}), {page} — {kind}{link}  \n"
            f"{also}   > {_md_lines(c['text'], '   > ')}"
        )
    lines += ["", ui("export_footer", lang), ""]
    return "\n".join(lines)
