"""Earlier versions of a document coming in: what a researcher should be told before both are cited.

A corrected report is usually added again, under the same name or a new one ("laporan-rev2.pdf"). Its content
differs, so it is no duplicate, and both versions were then cited side by side: "12 kelurahan" from the old and
"15 kelurahan" from the new, under one title, with nothing to tell them apart. A stored document counts as an
earlier version of the new one when the new one repeats its passages word for word: at least half of the larger
of the two (a fifth when the file name is the same). Relative to the larger, so that a thesis that quotes the
study's abstract whole is not taken for a newer abstract, nor a one-page note for a newer thesis.

Newer is what the files' own dates say where both say one (modified, published or created), else the order they
were indexed in: an old copy indexed again with "replace" had removed the corrected report it was an earlier
version of.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ingest.provenance import as_date
from knowledge.strings import counted
from knowledge.types import DocumentRecord

MIN_SHARE = 0.5
MIN_SHARE_SAME_NAME = 0.2


@dataclass(frozen=True)
class EarlierVersion:
    record: DocumentRecord
    repeated: int  # its passages that the new document repeats word for word
    same_name: bool

    def describe(self) -> str:
        """For the English result line: which document, and why it is taken for an earlier version."""
        why = f"{self.repeated} of its {counted(self.record.passages, 'passage')} repeated word for word"
        if self.same_name:
            why = f"same file name, {why}"
        return f"{self.record.file} (id {self.record.id[:12]}; {why})"


def earlier_versions(
    file: str, passages: int, repeated: Mapping[str, int], documents: Iterable[DocumentRecord]
) -> list[EarlierVersion]:
    """The stored documents the new one (its file name and passage count) is a newer version of, newest first.
    ``repeated``: per stored document id, how many of its passages the new one repeats word for word."""
    found = []
    for record in documents:
        same_name = record.file.casefold() == file.casefold()
        count = repeated.get(record.id, 0)
        larger = max(passages, record.passages, 1)
        if count / larger >= (MIN_SHARE_SAME_NAME if same_name else MIN_SHARE):
            found.append(EarlierVersion(record, count, same_name))
    return sorted(found, key=lambda v: v.record.added, reverse=True)


def version_date(meta: Mapping[str, str]) -> str | None:
    """The latest day a document's own file (or its .meta.json) says it was made, changed or published; a value
    that is no day ("c. 2016") says nothing. ISO days compare as text."""
    days = [day for key in ("modified", "published", "created") if (day := as_date(meta.get(key, "")))]
    return max(days) if days else None


def by_date(versions: Iterable[EarlierVersion], meta: Mapping[str, str]) -> tuple[list[EarlierVersion],
                                                                                 list[EarlierVersion]]:
    """``versions`` split into the earlier ones and those whose own date is after the new document's (``meta``,
    its record's): those are the newer, and it is their earlier version. No date on either side, or the same
    day: the order of indexing decides, and the stored one is the earlier."""
    incoming = version_date(meta)
    earlier: list[EarlierVersion] = []
    later: list[EarlierVersion] = []
    for v in versions:
        stored = version_date(v.record.meta)
        (later if stored and incoming and stored > incoming else earlier).append(v)
    return earlier, later


def repeated_by_document(held: Iterable[Iterable[tuple[str, str]]]) -> dict[str, int]:
    """Per stored document id, how many distinct passages of it the new passages repeat. ``held``: for each new
    passage, the (document id, passage id) of the stored passages that say the same."""
    seen: dict[str, set[str]] = {}
    for same in held:
        for doc_id, passage_id in same:
            seen.setdefault(doc_id, set()).add(passage_id)
    return {doc_id: len(ids) for doc_id, ids in seen.items()}
