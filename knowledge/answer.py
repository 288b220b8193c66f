"""Compose the structured, cited, bilingual answer from the passages found. Pure: data in, data out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from knowledge.language import title_in
from knowledge.partnerships import other_partnership, ours_label
from knowledge.strings import category_label, ui
from knowledge.types import CATEGORIES, SWOT, DocumentRecord, Hit, Passage, same_words

MAX_CITED_CHARS = 600


@dataclass(frozen=True)
class SameText:
    """Another place that says a cited passage word for word: a report quoting the study, one thesis copying
    another, a sentence repeated on a later page. Cited once, with every place that says it."""

    document: str
    title: str
    page: int | None
    kind: str
    doc_id: str
    passage_id: str


@dataclass(frozen=True)
class Citation:
    n: int
    text: str
    document: str
    title: str
    page: int | None
    language: str
    category: str
    score: float
    kind: str
    doc_id: str
    passage_id: str
    start: int
    end: int
    factors: list[dict[str, Any]] = field(default_factory=list)
    # The passage was recognised from a scanned page (OCR): its words may be misread.
    ocr: bool = False
    ocr_confidence: float | None = None
    # Where the document is on the web (DocumentRecord.web_address: a saved page's address, an article's DOI link),
    # for a reader to check it there.
    url: str | None = None
    also: list[SameText] = field(default_factory=list)
    # A newer version of the document is indexed too (ingest/versions.py): its file and the day it was added.
    newer_version: str | None = None
    # The passage's place in the search's order (1: the best); ``n`` is its number in reading order.
    rank: int = 0
    # The passage is about another sister-city partnership the question does not name (knowledge/partnerships.py):
    # "Semarang–Brisbane".
    other_partnership: str | None = None


@dataclass(frozen=True)
class Section:
    category: str
    label: str
    citations: list[int]
    factors: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Answer:
    question: str
    language: str
    answered: bool
    categories_asked: list[str]
    sections: list[Section]
    citations: list[Citation]
    elapsed_ms: float = 0.0
    notices: list[str] = field(default_factory=list)
    # Why an unanswered question has no answer: a ui string key ("no_answer": nothing relevant enough).
    reason: str = "no_answer"
    # Answered, only just: the passages are the closest the documents hold and may not answer the question.
    tentative: bool = False

    def best(self) -> Citation | None:
        """The citation of the search's best passage (rank 1), wherever reading order numbers it."""
        return next((c for c in self.citations if c.rank == 1), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "language": self.language,
            "answered": self.answered,
            "categories_asked": list(self.categories_asked),
            "sections": [asdict(s) for s in self.sections],
            "citations": [asdict(c) for c in self.citations],
            "elapsed_ms": round(self.elapsed_ms, 1),
            "notices": list(self.notices),
            "reason": self.reason,
            "tentative": self.tentative,
        }


def passage_lines(text: str) -> list[str]:
    """A passage's non-empty lines: one, or a heading's first and what it titles ("Kesimpulan", "Pelatihan …";
    see ingest/passages.py). Never empty."""
    return [line.strip() for line in text.split("\n") if line.strip()] or [""]


def clip(text: str, limit: int = MAX_CITED_CHARS) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + " …"


def passage_categories(p: Passage) -> list[str]:
    """The sections a passage belongs to: one per distinct factor label, else its own label."""
    if p.factors:
        seen: list[str] = []
        for f in p.factors:
            if f.category not in seen:
                seen.append(f.category)
        return seen
    return [p.category]


def section_order(asked: list[str], first_cited: Mapping[str, int] | None = None) -> list[str]:
    """Asked categories lead; the rest of SWOT follows in its usual order; 'other' comes last.

    A question that asks for no category ("When was the first MoU signed?") wants its best passage first,
    wherever that passage is filed: its sections then come in the order of their best citation
    (``first_cited``: category -> its lowest citation number), ties in the usual order. Filed by category
    alone, the best passage of such a question, often background ('other'), was shown last, below five
    passages that only mention the partnership."""
    usual = [*asked, *(c for c in SWOT if c not in asked), "other"]
    if asked or not first_cited:
        return usual
    return sorted(usual, key=lambda c: first_cited.get(c, float("inf")))


def section_items(citations: Sequence[int], factors: Sequence[Mapping[str, Any]]) -> list[tuple[int, str | None]]:
    """What a section shows, in the order of its citations: (n, factor text) for each of a citation's factors
    in this section, else (n, None) for the passage itself. The renderers (app, Markdown export, terminal) all
    show this order. Factors used to come first in every section: a factual answer's best passage, [1], came
    after the study's unrelated strength factors filed beside it ("Berapa luas Eco-Town Kawasaki?")."""
    by_n: dict[int, list[str]] = {}
    for f in factors:
        by_n.setdefault(int(f["n"]), []).append(str(f["text"]))
    items: list[tuple[int, str | None]] = []
    for n in citations:
        texts = by_n.pop(n, None)
        items += [(n, text) for text in texts] if texts else [(n, None)]
    items += [(n, text) for n, texts in by_n.items() for text in texts]  # a factor whose passage is not listed
    return items


def in_answer_language(hits: list[Hit], language: str, translation: Mapping[str, Hit]) -> list[Hit]:
    """``hits`` with each passage in another language read in its translation in the answer's language
    (``translation``: the translation's hit, by the passage's id), in the better place of the two, once.
    The shipped sources state most facts in both languages: without this an answer cited the same fact twice,
    or in the language the asker did not use. A passage without such a translation stays as it is."""
    out: list[Hit] = []
    placed: set[str] = set()
    for h in hits:
        twin = translation.get(h.passage.id)
        if twin is not None and h.passage.language != language and twin.passage.language == language:
            h = twin
        if h.passage.id not in placed:
            out.append(h)
            placed.add(h.passage.id)
    return out


def led_by(lead: Sequence[Hit], hits: Sequence[Hit]) -> list[Hit]:
    """``lead``, then the hits not among it, in their order: how each answering step puts its passages first."""
    ids = {h.passage.id for h in lead}
    return [*lead, *(h for h in hits if h.passage.id not in ids)]


def newest_first(hits: list[Hit], newer: Mapping[str, DocumentRecord]) -> list[Hit]:
    """``hits`` with those of an earlier version (``newer``: document id -> its newer version) after the others,
    when its newer version is cited too: read first, "12 kelurahan" from the old report stood above the corrected
    "15 kelurahan". Otherwise in the same order; an earlier version alone keeps its place."""
    cited = {h.passage.doc_id for h in hits}
    outdated = {doc_id for doc_id in cited if doc_id in newer and newer[doc_id].id in cited}
    return sorted(hits, key=lambda h: h.passage.doc_id in outdated) if outdated else hits


def once_per_text(hits: Sequence[Hit]) -> list[tuple[Hit, list[Hit]]]:
    """Each text once, at the place of its best hit, with the other hits that say it word for word (spaces
    aside). The same sentence cited twice, from a note and from the report it quotes, read as two findings.
    The study's own passage leads where it is one of them: the others quote it."""
    groups: dict[str, list[Hit]] = {}
    for h in hits:
        groups.setdefault(same_words(h.passage.text), []).append(h)
    out = []
    for same in groups.values():
        lead = next((h for h in same if h.passage.kind == "study"), same[0])
        out.append((lead, [h for h in same if h is not lead]))
    return out


def _same_text(h: Hit, language: str) -> SameText:
    p = h.passage
    return SameText(p.file, title_in(p.title, language), p.page, p.kind, p.doc_id, p.id)


def compose(
    question: str, language: str, categories: Sequence[str], hits: list[Hit], answered: bool,
    study_first: bool = True, whole_passages: bool = False,
) -> Answer:
    """The answer from its ranked hits. ``study_first``: asked sections lead with the study's findings (False
    when the question is about something the study does not cover). ``whole_passages``: each passage is shown
    whole, under its own label, not split into the factors it lists: the answer to "Apa itu TPS?" is the
    passage's "TPS (tempat penampungan sementara)", which split, stood apart from the list it belongs to."""
    asked = list(categories)  # the answer's own copy, as its JSON gives it
    if not answered or not hits:
        return Answer(question, language, False, asked, [], [])
    groups = once_per_text(hits)
    hits = [h for h, _ in groups]
    citations = [
        Citation(
            n=i,
            text=clip(h.passage.text),
            document=h.passage.file,
            title=title_in(h.passage.title, language),
            page=h.passage.page,
            language=h.passage.language,
            category=h.passage.category,
            score=round(h.score, 4),
            kind=h.passage.kind,
            doc_id=h.passage.doc_id,
            passage_id=h.passage.id,
            start=h.passage.start,
            end=h.passage.end,
            factors=[asdict(f) for f in h.passage.factors],
            ocr=h.passage.ocr,
            ocr_confidence=h.passage.ocr_confidence,
            also=[_same_text(o, language) for o in others],
            rank=i,
            other_partnership=other_partnership(h.passage.text, h.passage.title, question),
        )
        for i, (h, others) in enumerate(groups, start=1)
    ]
    by_category: dict[str, list[int]] = {c: [] for c in CATEGORIES}
    factors: dict[str, list[dict[str, Any]]] = {c: [] for c in CATEGORIES}
    for c, h in zip(citations, hits, strict=True):
        for cat in [h.passage.category] if whole_passages else passage_categories(h.passage):
            by_category[cat].append(c.n)
        for f in () if whole_passages else h.passage.factors:
            factors[f.category].append({"n": c.n, "text": f.text})
    # A section the question asks for leads with the study's own findings, as the SWOT overview does: the
    # categories are the study's, and its findings are what "what are the threats?" asks for first.
    kind = {c.n: c.kind for c in citations}
    for cat in asked if study_first else ():
        by_category[cat].sort(key=lambda n: kind[n] != "study")
        factors[cat].sort(key=lambda f: kind[f["n"]] != "study")
    first_cited = {cat: min(ns) for cat, ns in by_category.items() if ns}
    sections = [
        Section(cat, category_label(cat, language), by_category[cat], factors[cat])
        for cat in section_order(asked, first_cited)
        if by_category[cat]
    ]
    sections, citations = in_reading_order(sections, citations)
    return Answer(question, language, True, asked, sections, citations)


def in_reading_order(
    sections: Sequence[Section], citations: Sequence[Citation]
) -> tuple[list[Section], list[Citation]]:
    """The citations numbered in the order a reader meets them, section by section (``section_items``), and the
    sources listed in that order. Numbered by rank, the sections read "[6] … [4] … [3] … [1]": the best passage
    of one category, a factor of the study's in another, each filed where it belongs. The SWOT overview numbers
    its sources this way too."""
    number: dict[int, int] = {}
    for s in sections:
        for n, _ in section_items(s.citations, s.factors):
            number.setdefault(n, len(number) + 1)
    for c in citations:  # every citation is in a section; kept numbered if one ever is not
        number.setdefault(c.n, len(number) + 1)
    renumbered = [
        replace(s, citations=[number[n] for n in s.citations],
                factors=[{**f, "n": number[int(f["n"])]} for f in s.factors])
        for s in sections
    ]
    return renumbered, sorted((replace(c, n=number[c.n]) for c in citations), key=lambda c: c.n)


def render_text(answer: Answer) -> str:
    """A readable answer for a terminal."""
    lang = answer.language
    lines = [f"! {notice}" for notice in answer.notices]
    if not answer.answered:
        return "\n".join([*lines, ui(answer.reason, lang)])
    by_n = {c.n: c for c in answer.citations}
    for s in answer.sections:
        lines.append(f"## {s.label}")
        for n, factor in section_items(s.citations, s.factors):
            if factor is not None:
                lines.append(f"  • {factor} [{n}]")
                continue
            # A passage a heading opens ("Kesimpulan\n\nPelatihan …") keeps its lines, aligned under the first.
            first, *rest = passage_lines(by_n[n].text)
            lines += [f"  [{n}] {first}", *(" " * (len(str(n)) + 5) + line for line in rest)]
        lines.append("")
    lines.append(ui("sources", lang) + ":")
    for c in answer.citations:
        page = ui("page", lang) + f" {c.page}" if c.page is not None else ui("no_page", lang)
        ocr = f" · {ui('ocr_text', lang)}" if c.ocr else ""
        lines.append(f"  [{c.n}] {c.title} ({c.document}), {page} — {ui('kind_' + c.kind, lang)}{ocr}")
        if c.url:
            lines.append(f"      {c.url}")
        if c.also:
            lines.append(f"      {also_in_line(c.also, lang)}")
        if c.newer_version:
            lines.append(f"      {ui('newer_version', lang, newer=c.newer_version)}")
        if c.other_partnership:
            lines.append(f"      {other_partnership_line(c.other_partnership, lang)}")
    return "\n".join(lines)


def other_partnership_line(pairs: str, lang: str) -> str:
    """ "About another partnership (Semarang–Brisbane), not Bandung–Kawasaki"."""
    return ui("other_partnership", lang, pairs=pairs, ours=ours_label())


def also_in_line(places: Sequence[SameText] | Sequence[Mapping[str, Any]], lang: str) -> str:
    """ "Also in: Title (file), p. 2; …": the other places a cited passage is said word for word."""
    def one(place: SameText | Mapping[str, Any]) -> str:
        d = asdict(place) if isinstance(place, SameText) else place
        page = ui("page", lang) + f" {d['page']}" if d.get("page") is not None else ui("no_page", lang)
        return f"{d['title']} ({d['document']}), {page}"

    return ui("also_in", lang) + ": " + "; ".join(one(p) for p in places)
