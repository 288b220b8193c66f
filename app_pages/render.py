"""Pure helpers that turn answer/overview data into safe Markdown or table rows (no Streamlit calls)."""

from __future__ import annotations

from typing import Any

from app_pages.common import escape_md
from knowledge.strings import ui


def highlight_md(page_text: str, start: int, end: int) -> str:
    """The page text, escaped, with the cited span in bold (each line of it, so bold never spans a paragraph)."""
    start, end = max(0, min(start, len(page_text))), max(0, min(end, len(page_text)))
    if end <= start:
        return escape_md(page_text)
    marked = []
    for line in page_text[start:end].split("\n"):
        core = line.strip()
        marked.append(f"**{escape_md(core)}**" if core else "")
    # Text around the span keeps its own whitespace; the bold span is joined with escaped line breaks.
    before, after = escape_md(page_text[:start]), escape_md(page_text[end:])
    sep_before = " " if before and not before.endswith((" ", "\n")) else ""
    sep_after = " " if after and not after.startswith((" ", "\n")) else ""
    return before + sep_before + "  \n".join(marked) + sep_after + after


def page_label(page: int | None, lang: str) -> str:
    return f"{ui('page', lang)} {page}" if page is not None else ui("no_page", lang)


def citation_ref(citation: Any, lang: str) -> str:
    """One citation of an overview factor, escaped: "[n]" for a number, "title, p. N" for a dict."""
    if isinstance(citation, dict):
        title = citation.get("title") or citation.get("document") or citation.get("file") or ""
        page = citation.get("page")
        text = escape_md(str(title))
        if "page" in citation:
            text += ", " + escape_md(page_label(page, lang))
        n = citation.get("n")
        return (f"\\[{n}\\] " if n is not None else "") + text
    return f"\\[{escape_md(str(citation))}\\]"


def factor_refs(factor: dict[str, Any], lang: str = "en") -> str:
    """A factor's citations as one compact mark, "[1, 2]", each number once; its sources are listed apart
    (overview_sources). Citations without a number fall back to their full reference."""
    numbers = [str(c["n"]) for c in factor.get("citations") or [] if isinstance(c, dict) and c.get("n") is not None]
    if numbers:
        return "\\[" + ", ".join(dict.fromkeys(numbers)) + "\\]"
    return "; ".join(dict.fromkeys(citation_ref(c, lang) for c in factor.get("citations") or []))


def split_study_findings(factors: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """An overview category's factors: those the study states (its own SWOT findings), and those only other
    documents state, whose category Kawan's classifier chose. A factor without "kinds" counts as the study's."""
    study: list[dict[str, Any]] = []
    others: list[dict[str, Any]] = []
    for factor in factors:
        kinds = factor.get("kinds") or ["study"]
        (study if "study" in kinds else others).append(factor)
    return study, others


def overview_sources(overview: dict[str, Any], lang: str) -> list[str]:
    """One escaped Markdown line per numbered citation of an overview, in number order: "[n] title, p. N — text"."""
    by_n: dict[int, dict[str, Any]] = {}
    for factors in (overview.get("categories") or {}).values():
        for factor in factors:
            for c in factor.get("citations") or []:
                if isinstance(c, dict) and isinstance(c.get("n"), int):
                    by_n.setdefault(c["n"], c)
    lines = []
    for n in sorted(by_n):
        c = by_n[n]
        text = str(c.get("text") or "").strip()
        lines.append(f"**{citation_ref(c, lang)}**" + (f" — {escape_md(text)}" if text else ""))
    return lines


def factor_documents(factor: dict[str, Any]) -> list[str]:
    """The documents a factor is cited from (titles, else file names), one entry per document."""
    names: list[str] = []
    for c in factor.get("citations") or []:
        if isinstance(c, dict):
            name = str(c.get("title") or c.get("document") or c.get("file") or c.get("doc_id") or "?")
            if name not in names:
                names.append(name)
    if not names:
        names.append(str(factor.get("title") or factor.get("document") or "?"))
    return names


def factor_counts(overview: dict[str, Any], labels: dict[str, str]) -> list[dict[str, Any]]:
    """Rows (category, document, factors) for the chart: how many factors each document gives each category."""
    counts: dict[tuple[str, str], int] = {}
    for category, factors in (overview.get("categories") or {}).items():
        for factor in factors:
            for doc in factor_documents(factor):
                key = (labels.get(category, category), doc)
                counts[key] = counts.get(key, 0) + 1
    return [{"category": c, "document": d, "factors": n} for (c, d), n in sorted(counts.items())]
