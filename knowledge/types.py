"""Plain data shared by every layer: a passage carries its citation from birth."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

CATEGORIES: tuple[str, ...] = ("strength", "weakness", "opportunity", "threat", "other")
SWOT: tuple[str, ...] = CATEGORIES[:4]
LANGUAGES: tuple[str, ...] = ("id", "en")  # the answers' languages
# Passages may also be Japanese or Chinese (knowledge/language.detect_language).
PASSAGE_LANGUAGES: tuple[str, ...] = (*LANGUAGES, "ja", "zh")
KINDS: tuple[str, ...] = ("study", "background", "upload")


@dataclass(frozen=True)
class Factor:
    """One SWOT factor inside a passage: its span (offsets in the passage text) and its own label."""

    text: str
    start: int
    end: int
    category: str
    confidence: float


@dataclass(frozen=True)
class Passage:
    id: str
    doc_id: str
    index: int
    text: str
    page: int | None
    start: int
    end: int
    language: str
    category: str = "other"
    confidence: float = 0.0
    factors: tuple[Factor, ...] = ()
    # Copied from the document so a hit can be cited without a second look-up.
    file: str = ""
    title: str = ""
    kind: str = "upload"
    # Recognised from a page image (a scan) by OCR, with the recognition confidence (0–1) of its page.
    ocr: bool = False
    ocr_confidence: float | None = None

    def categories(self) -> set[str]:
        return {f.category for f in self.factors} | {self.category}


# What a record's `meta` may say of where the document comes from (ingest/provenance.py fills it from the file),
# in the order it is shown.
PROVENANCE_FIELDS = ("author", "site", "published", "created", "modified", "doi")
# The ids of the earlier versions a document was indexed beside (ingest/versions.py), space-separated.
EARLIER_VERSIONS = "earlier_versions"
# The ids of the stored versions that say, by their own dates, that they are newer than this document, added
# after them (an old file indexed again): this one is their earlier version.
LATER_VERSIONS = "later_versions"


@dataclass(frozen=True)
class DocumentRecord:
    id: str
    file: str
    title: str
    language: str
    pages: int
    passages: int
    kind: str = "upload"
    added: str = ""
    topic: str = ""
    period: str = ""
    stored_file: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    # How the file was read, for the researcher who finds it listed later: "3 pages by OCR; 12 passages of the
    # reference list from page 9 left out of the answers". Recomputed on every re-ingest.
    notes: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def provenance(self) -> list[tuple[str, str]]:
        """(field, value) of what the document says of its origin, in PROVENANCE_FIELDS order."""
        return [(key, self.meta[key]) for key in PROVENANCE_FIELDS if self.meta.get(key)]

    def web_address(self) -> str | None:
        """The page's address where it is a web link (http or https), else None: only such a link is offered."""
        url = self.meta.get("url", "").strip()
        return url if re.match(r"^https?://\S+$", url, re.IGNORECASE) else None

    def earlier_versions(self) -> list[str]:
        """The ids of the earlier versions this document was indexed beside, and which stayed indexed."""
        return self.meta.get(EARLIER_VERSIONS, "").split()

    def later_versions(self) -> list[str]:
        """The ids of the newer versions (by their own dates) this document was indexed after."""
        return self.meta.get(LATER_VERSIONS, "").split()


def same_words(text: str) -> str:
    """A text as compared for "the same text": its words, spaces and line breaks aside."""
    return " ".join(text.split())


def newer_versions(records: Iterable[DocumentRecord]) -> dict[str, DocumentRecord]:
    """For each document that has a newer version among ``records``, that version: the one indexed beside it
    (the newest, by time added), or the one its own dates say is newer."""
    by_id = {r.id: r for r in records}
    newer: dict[str, DocumentRecord] = {}
    for record in sorted(by_id.values(), key=lambda r: r.added):
        for old in record.earlier_versions():
            newer[old] = record
        later = [by_id[i] for i in record.later_versions() if i in by_id]
        if later:
            newer[record.id] = max(later, key=lambda r: r.added)
    return newer


@dataclass(frozen=True)
class Hit:
    """A passage found for a question, with the scores that found it."""

    passage: Passage
    score: float
    dense: float
    lexical: float = 0.0


@dataclass(frozen=True)
class Filters:
    doc_ids: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    # Only passages holding a factor (or a label) of this SWOT category.
    contains: str = ""

    def allows(self, p: Passage) -> bool:
        return self.admits(p.doc_id, p.language, p.kind, p.category, p.categories())

    def admits(self, doc_id: str, language: str, kind: str, category: str, categories: Collection[str]) -> bool:
        """The test on a passage's fields alone (`categories`: its label's and its factors'), for callers that
        hold the fields without the passage."""
        return (
            (not self.doc_ids or doc_id in self.doc_ids)
            and (not self.languages or language in self.languages)
            and (not self.kinds or kind in self.kinds)
            and (not self.categories or category in self.categories)
            and (not self.contains or self.contains in categories)
        )
