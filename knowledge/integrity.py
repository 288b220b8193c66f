"""Is the store whole? Every passage belongs to a listed document, every document has all its passages and its
original file, and the vectors were made by the configured model. The deciding is pure (`find_problems`); the
store is read once (`inspect`) and the safe repairs are done here (`repair`); re-ingesting a document from its
stored original needs the readers and so lives in ingest/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from knowledge.config import model_identity
from knowledge.store import Store
from knowledge.strings import counted
from knowledge.types import DocumentRecord

Kind = Literal["orphan_passages", "missing_passages", "missing_file", "stray_file", "model", "stray_collection"]
# Stored originals are named <sha256><suffix> by Store.store_original.
_STORED_NAME = re.compile(r"^[0-9a-f]{64}(\.[a-z0-9]+)?$")


@dataclass(frozen=True)
class Problem:
    kind: Kind
    subject: str  # a document id, a file name, or a collection name
    detail: str

    def line(self) -> str:
        return f"{self.kind:<17} {self.subject[:24] if _is_hash(self.subject) else self.subject}: {self.detail}"


@dataclass
class Snapshot:
    """What the store holds, read once: plain data, so the checking below needs no store."""

    documents: list[DocumentRecord]
    passage_counts: dict[str, int]
    stored_files: set[str]
    recorded_model: str | None
    configured_model: str
    stray_collections: list[str] = field(default_factory=list)


def _is_hash(text: str) -> bool:
    return bool(re.fullmatch(r"[0-9a-f]{64}", text))


def find_problems(snap: Snapshot) -> list[Problem]:
    problems: list[Problem] = []
    listed = {d.id: d for d in snap.documents}
    for doc_id, n in sorted(snap.passage_counts.items()):
        if doc_id not in listed:
            problems.append(Problem("orphan_passages", doc_id, f"{counted(n, 'passage')} of no listed document"))
    for d in snap.documents:
        n = snap.passage_counts.get(d.id, 0)
        if n != d.passages:
            problems.append(
                Problem("missing_passages", d.id, f"{d.file}: {n} of {counted(d.passages, 'passage')} stored")
            )
        if not d.stored_file or d.stored_file not in snap.stored_files:
            problems.append(Problem("missing_file", d.id, f"{d.file}: original file {d.stored_file or '?'} missing"))
    kept = {d.stored_file for d in snap.documents}
    for name in sorted(snap.stored_files - kept):
        problems.append(Problem("stray_file", name, "stored file of no listed document"))
    if snap.recorded_model is not None and (
        model_identity(snap.recorded_model) != model_identity(snap.configured_model)
    ):
        problems.append(
            Problem(
                "model",
                snap.recorded_model,
                f"vectors made by '{snap.recorded_model}', configured model is '{snap.configured_model}': "
                "run `kawan reindex`",
            )
        )
    for name in snap.stray_collections:
        problems.append(Problem("stray_collection", name, "collection left by an interrupted re-index"))
    return problems


def inspect(store: Store, configured_model: str) -> Snapshot:
    recorded = store.recorded_model()
    return Snapshot(
        documents=store.documents(),
        passage_counts=store.passage_counts(),
        stored_files=store.stored_files(),
        recorded_model=recorded.name if recorded else None,
        configured_model=configured_model,
        stray_collections=store.stray_collections(),
    )


@dataclass
class RepairOutcome:
    done: list[str] = field(default_factory=list)
    # Documents whose passages are incomplete: unlisted now, to be re-ingested from their stored original.
    to_reingest: list[DocumentRecord] = field(default_factory=list)
    not_repaired: list[Problem] = field(default_factory=list)


def repair(store: Store, problems: list[Problem]) -> RepairOutcome:
    """Undo what is partial, never what is whole: orphans and strays go; a document with missing passages loses
    its record and passages but keeps its original for a re-ingest; a missing original or another model's vectors
    are reported, not guessed at."""
    out = RepairOutcome()
    docs = {d.id: d for d in store.documents()}
    unlisted: set[str] = set()
    for p in problems:
        if p.subject in unlisted:
            continue  # its document was just unlisted for a re-ingest, or removed
        if p.kind == "orphan_passages":
            store.delete_passages(p.subject)
            out.done.append(f"removed {p.detail.split(' ')[0]} orphan passages of {p.subject[:12]}")
        elif p.kind == "missing_passages":
            record = docs.get(p.subject)
            if record is None:
                continue
            store.delete_record(record.id)
            store.delete_passages(record.id)
            unlisted.add(record.id)
            if record.stored_file and (store.files_dir / record.stored_file).is_file():
                out.to_reingest.append(record)
                out.done.append(f"unlisted {record.file} ({record.id[:12]}): passages incomplete, re-ingesting")
            else:
                out.done.append(f"removed {record.file} ({record.id[:12]}): passages incomplete, no original kept")
        elif p.kind == "stray_file" and (_STORED_NAME.match(p.subject) or p.subject.endswith(".part")):
            (store.files_dir / p.subject).unlink(missing_ok=True)
            out.done.append(f"deleted stray file {p.subject}")
        elif p.kind == "stray_collection":
            store.drop_collection(p.subject)
            out.done.append(f"dropped collection {p.subject}")
        else:
            out.not_repaired.append(p)
    return out
