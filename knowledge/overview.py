"""The SWOT matrix of a set of passages: factors per category, each citing every place it is stated.

Pure: passages and factor vectors in, plain data out. The same factor stated in the Indonesian and the English
text (or in two documents) is merged into one entry that cites both. Merge rules, with thresholds measured on the
abstract's 11 Indonesian/English factor pairs (multilingual-e5-small, passage prompt):
- across languages: mutual nearest neighbours within a category with cosine >= CROSS_FLOOR (10 of 11 pairs
  found, none wrong; lowest true pair 0.846, yet a non-pair of the same category reaches 0.876, hence "mutual");
- translated lists: two enumerations of equal length and category sequence in different languages pair up by
  position when the positional pair's cosine >= POSITION_FLOOR (finds the 11th pair);
- same language: cosine >= SAME_LANGUAGE (two distinct abstract factors reach 0.92, so only near-identical
  wording merges).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from knowledge.answer import clip, passage_lines
from knowledge.language import title_in
from knowledge.partnerships import other_partnership
from knowledge.strings import category_label, ui
from knowledge.translations import TRANSLATION_FLOOR, mutual_twins
from knowledge.types import SWOT, Passage

CROSS_FLOOR = TRANSLATION_FLOOR
POSITION_FLOOR = 0.80
SAME_LANGUAGE = 0.95
# A passage without listed factors stands as one factor only when its own label is this sure.
PASSAGE_MIN_CONFIDENCE = 0.6
FACTOR_CHARS = 300


@dataclass(frozen=True)
class Candidate:
    """One factor as stated in one passage (position -1: the whole passage is the factor)."""

    text: str
    category: str
    confidence: float
    passage: Passage
    start: int  # offsets in the passage text
    end: int
    position: int = -1
    signature: tuple[str, ...] = ()

    @property
    def language(self) -> str:
        return self.passage.language


def candidates(passages: list[Passage], min_passage_confidence: float = PASSAGE_MIN_CONFIDENCE) -> list[Candidate]:
    """Every SWOT factor of the passages, in passage order."""
    out: list[Candidate] = []
    for p in passages:
        if p.factors:
            signature = tuple(f.category for f in p.factors)
            for i, f in enumerate(p.factors):
                if f.category in SWOT:
                    out.append(Candidate(f.text, f.category, f.confidence, p, f.start, f.end, i, signature))
        elif p.category in SWOT and p.confidence >= min_passage_confidence and _statement(p.text):
            out.append(Candidate(p.text, p.category, p.confidence, p, 0, len(p.text)))
    return out


def _statement(text: str) -> bool:
    """A sentence, not a heading: headings ("Obstacles in Indonesian Sister-City Partnerships") name no factor."""
    return len(text.split()) >= 6 and text.rstrip().endswith((".", "!", "?", ")", '"', "”"))


class _Groups:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def merge_groups(cands: list[Candidate], vectors: np.ndarray, sim: np.ndarray | None = None) -> list[list[int]]:
    """Indices of candidates grouped as one factor; groups and members in first-seen order. ``sim``: the
    candidates' cosines when the caller already has them."""
    n = len(cands)
    groups = _Groups(n)
    if sim is None:
        sim = vectors @ vectors.T if n else np.zeros((0, 0))
    for cat in SWOT:
        idx = [i for i, c in enumerate(cands) if c.category == cat]
        for i in idx:
            for j in idx:
                if i < j and cands[i].language == cands[j].language and sim[i, j] >= SAME_LANGUAGE:
                    groups.union(i, j)
        sub = sim[np.ix_(idx, idx)]
        for a, b in mutual_twins(vectors[idx], [cands[i].language for i in idx], CROSS_FLOOR, sims=sub).items():
            groups.union(idx[a], idx[b])
    _merge_translated_lists(cands, sim, groups)
    by_root: dict[int, list[int]] = {}
    for i in range(n):
        by_root.setdefault(groups.find(i), []).append(i)
    return sorted(by_root.values(), key=lambda g: g[0])


def _merge_translated_lists(cands: list[Candidate], sim: np.ndarray, groups: _Groups) -> None:
    """Same-position heuristic: a list and its translation name their factors in the same order."""
    lists: dict[str, list[int]] = {}
    for i, c in enumerate(cands):
        if c.position >= 0:
            lists.setdefault(c.passage.id, []).append(i)
    keys = list(lists)
    for x, kx in enumerate(keys):
        for ky in keys[x + 1 :]:
            a, b = lists[kx], lists[ky]
            ca, cb = cands[a[0]], cands[b[0]]
            if ca.language == cb.language or ca.signature != cb.signature or len(a) != len(b):
                continue
            by_pos_b = {cands[j].position: j for j in b}
            pairs = [(i, by_pos_b.get(cands[i].position)) for i in a]
            if all(j is not None and sim[i, j] >= POSITION_FLOOR for i, j in pairs):
                for i, j in pairs:
                    assert j is not None
                    groups.union(i, j)


def _display(members: list[Candidate], language: str) -> str:
    """The factor's text in the requested language when it is stated in it (study wording first)."""
    pool = [c for c in members if c.language == language] or members
    best = min(pool, key=lambda c: (c.passage.kind != "study", -c.confidence))
    # A whole passage that a heading opens ("Hambatan\n\nAnggaran …") states its factor after the heading.
    return clip(passage_lines(best.text)[-1], FACTOR_CHARS)


def translated_elsewhere(cands: list[Candidate], vectors: np.ndarray, groups: list[list[int]],
                         language: str, passage_twins: Mapping[str, str] | None = None,
                         sim: np.ndarray | None = None) -> set[int]:
    """The groups stated only in another language whose every member has a translation in a group that is
    stated in ``language``: mutual nearest candidates across the languages, over all categories, with a cosine
    of at least CROSS_FLOOR, or a member of a passage whose translation (``passage_twins``, passage id -> id)
    has a candidate in such a group. The second covers a list and its translation stated as one sentence:
    "the outputs were A, B and C" split into three factors in one language, one whole passage in the other.
    Without it the matrix showed the same fact twice, once in each language; in the reader's language it is
    shown once, and a fact stated only in the other language stays."""
    group_of = {i: g for g, members in enumerate(groups) for i in members}
    stated = {g for g, members in enumerate(groups) if any(cands[i].language == language for i in members)}
    twin = mutual_twins(vectors, [c.language for c in cands], CROSS_FLOOR, sims=sim)
    shown_passages = {cands[i].passage.id for g in stated for i in groups[g]}
    passage_twins = passage_twins or {}

    def shown_twin(i: int) -> bool:
        return (i in twin and group_of[twin[i]] in stated) or passage_twins.get(cands[i].passage.id) in shown_passages

    return {g for g, members in enumerate(groups) if g not in stated and all(shown_twin(i) for i in members)}


def _about_other(members: list[Candidate]) -> str | None:
    """The other partnership(s) a factor is about, when every place stating it is about one (knowledge/partnerships)."""
    about = [other_partnership(c.passage.text, c.passage.title, "") for c in members]
    return ", ".join(dict.fromkeys(a for a in about if a)) if all(about) else None


def build_overview(cands: list[Candidate], vectors: np.ndarray, language: str,
                   passage_twins: Mapping[str, str] | None = None) -> dict[str, Any]:
    """{"language", "categories": {cat: [{"factor", "kinds", "languages", "citations"}]}}; citations are
    numbered per passage in the order the matrix shows them. ``passage_twins``: see translated_elsewhere."""
    ranked: dict[str, list[tuple[tuple, list[Candidate], str | None]]] = {c: [] for c in SWOT}
    sim = vectors @ vectors.T if len(cands) else np.zeros((0, 0))  # once, for the merge and the hiding
    groups = merge_groups(cands, vectors, sim)
    hidden = translated_elsewhere(cands, vectors, groups, language, passage_twins, sim)
    for g, group in enumerate(groups):
        if g in hidden:
            continue
        members = [cands[i] for i in group]
        # Study findings first, then what is about this partnership before what is about another (the notes'
        # Bandung–Suwon barriers are no weakness of Bandung–Kawasaki), listed factors before whole passages,
        # then the order the documents state them in.
        other = _about_other(members)
        key = (all(c.passage.kind != "study" for c in members), other is not None,
               all(c.position < 0 for c in members), group[0])
        ranked[members[0].category].append((key, members, other))
    numbers: dict[str, int] = {}
    categories: dict[str, list[dict[str, Any]]] = {}
    for cat in SWOT:
        categories[cat] = []
        for _, members, other in sorted(ranked[cat], key=lambda t: t[0]):
            citations = []
            for c in members:
                p = c.passage
                citations.append({
                    "n": numbers.setdefault(p.id, len(numbers) + 1), "text": clip(p.text), "document": p.file,
                    "title": title_in(p.title, language), "page": p.page, "language": p.language,
                    "category": c.category,
                    "score": round(float(c.confidence), 4), "kind": p.kind, "doc_id": p.doc_id,
                    "passage_id": p.id, "start": p.start, "end": p.end,
                    "factor": c.text, "factor_start": c.start, "factor_end": c.end,
                })
            categories[cat].append({
                "factor": _display(members, language),
                "kinds": sorted({c.passage.kind for c in members}, key=lambda k: (k != "study", k)),
                "languages": sorted({c.language for c in members}),
                "citations": citations,
                "other_partnership": other,
            })
    return {"language": language, "categories": categories}


def render_text(overview: dict[str, Any], scope: str | None = None) -> str:
    """A readable matrix for a terminal: factors per category, citation numbers, then the sources."""
    lang = overview["language"]
    lines = [ui("swot_title", lang, scope=scope or ui("swot_scope_all", lang)), ""]
    sources: dict[int, dict[str, Any]] = {}
    if not any(overview["categories"].values()):
        return "\n".join([*lines, ui("swot_empty", lang)])
    for cat in SWOT:
        lines.append(f"## {category_label(cat, lang)}")
        items = overview["categories"][cat]
        if not items:
            lines.append(f"  {ui('swot_none', lang)}")
        for item in items:
            refs = []
            for c in item["citations"]:
                sources.setdefault(c["n"], c)
                if str(c["n"]) not in refs:
                    refs.append(str(c["n"]))
            kinds = ", ".join(ui("kind_" + k, lang) for k in item["kinds"])
            marks = "" if item["kinds"] == ["study"] else f" ({kinds})"
            if item.get("other_partnership"):
                marks += f" ({ui('other_partnership_label', lang)}: {item['other_partnership']})"
            lines.append(f"  • {item['factor']} [{', '.join(refs)}]{marks}")
        lines.append("")
    lines.append(ui("sources", lang) + ":")
    for n in sorted(sources):
        c = sources[n]
        page = ui("page", lang) + f" {c['page']}" if c["page"] is not None else ui("no_page", lang)
        kind = ui("kind_" + c["kind"], lang)
        lines.append(f"  [{n}] {c['document']}, {page} ({c['language']}) — {kind}: {clip(c['text'], 90)}")
    return "\n".join(lines)
