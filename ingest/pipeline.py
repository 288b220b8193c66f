"""From files on disk to stored, labelled, embedded passages: one result line per file, all or nothing."""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, NamedTuple

import numpy as np
from filelock import FileLock, Timeout

from ingest.clean import clean_text
from ingest.errors import IngestError
from ingest.label_pairs import agree_with_translations
from ingest.page_flow import with_sentences_rejoined, without_running_lines
from ingest.passages import PassageDraft, split_passages, words_of
from ingest.provenance import provenance
from ingest.readers import SUPPORTED_SUFFIXES, OcrOptions, RawDocument, read_document
from ingest.references import reference_list
from ingest.versions import EarlierVersion, by_date, earlier_versions, repeated_by_document, version_date
from knowledge.service import Kawan
from knowledge.strings import counted
from knowledge.swot import extract_factors
from knowledge.swot_model import PassageLabeller
from knowledge.types import EARLIER_VERSIONS, LATER_VERSIONS, PASSAGE_LANGUAGES, DocumentRecord, Factor, Passage

# Labels many passage texts at once: (category, confidence, factors) each.
LabelFn = Callable[[list[str]], list[tuple[str, float, tuple[Factor, ...]]]]

META_SUFFIX = ".meta.json"
# What ingest does about earlier versions of a file (ingest/versions.py): nothing (re-index, import: a document
# read again is no new version), keep them and say so, or remove them once the new one is in.
Earlier = Literal["ignore", "keep", "replace"]


@dataclass(frozen=True)
class FileResult:
    path: Path
    status: str  # "indexed" | "duplicate" | "failed" | "removed"
    passages: int = 0
    doc_id: str = ""
    duplicate_of: str = ""
    reason: str = ""
    code: str = ""
    note: str = ""  # how the file was read, e.g. "3 pages by OCR; low OCR confidence on page 2 (…)"
    unchanged: bool = False  # a failed re-index that left the indexed document as it was
    earlier: tuple[EarlierVersion, ...] = ()  # earlier versions of the file found in the store
    replaced: bool = False  # ... and removed, now that this one is in
    # Stored versions whose own dates say they are newer than this file: kept, and this file is their earlier one.
    later: tuple[EarlierVersion, ...] = ()
    dated: str = ""  # this file's own date (ingest/versions.version_date), for the note on ``later``

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    def line(self) -> str:
        name = _printable(self.path.name)
        if self.status == "indexed":
            note = f" ({self.note})" if self.note else ""
            line = f"indexed   {name}: {counted(self.passages, 'passage')}{note} (id {self.doc_id[:12]})"
            return line + "".join(self._earlier_note(v) for v in self.earlier) + self._later_notes()
        if self.status == "duplicate":
            line = f"duplicate {name}: same content as {self.duplicate_of} (id {self.doc_id[:12]})"
            return line + "".join(self._earlier_note(v) for v in self.earlier) + self._later_notes()
        if self.status == "removed":
            return f"removed   {name} (id {self.doc_id[:12]})"
        return f"FAILED    {name}: {self.reason}"

    def _earlier_note(self, version: EarlierVersion) -> str:
        described = _printable(version.describe())
        if self.replaced:
            return f"; replaced {described}"
        return (f"; an earlier version is still indexed, {described}: remove it with "
                f"`kawan remove {version.record.id[:12]}` or ingest with --replace")

    def _later_notes(self) -> str:
        return "".join(
            f"; a newer version is indexed, {_printable(v.describe())}: it is dated {version_date(v.record.meta)}, "
            f"after this file ({self.dated}), so it is kept and this file is cited as its earlier version"
            for v in self.later
        )


def _printable(name: str) -> str:
    """File names are shown, never trusted: control characters are escaped."""
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in name)


def discover(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, and the supported files found recursively in folders (sidecars skipped)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if (
                    child.is_file()
                    and not child.name.startswith(".")
                    and not child.name.endswith(META_SUFFIX)
                    and child.suffix.lower() in SUPPORTED_SUFFIXES
                ):
                    found.append(child)
        else:
            found.append(path)
    return found


def read_sidecar(path: Path) -> dict[str, str]:
    meta_path = path.with_name(path.name + META_SUFFIX)
    if not meta_path.is_file():
        return {}
    try:
        data = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def document_language(languages: list[str]) -> str:
    counts = Counter(languages)
    if not counts:
        return "en"
    (top, _), *rest = counts.most_common()
    # A document with a real share of two languages (like the bilingual abstract) is "id+en" ("en+ja": a
    # Japanese report with its English summary).
    if rest and rest[0][1] >= 0.25 * len(languages):
        return "+".join(sorted((top, rest[0][0]), key=PASSAGE_LANGUAGES.index))
    return top


class Built(NamedTuple):
    passages: list[Passage]
    page_texts: dict[int | None, str]  # the cleaned text of each page, which passage offsets point into
    notes: tuple[str, ...]  # what a person should know about what was left out


def build_passages(
    doc_id: str, raw: RawDocument, file: str, title: str, kind: str, label: LabelFn | None = None
) -> Built:
    """Clean, split and label every page (rules by default; `label` = the trained classifier)."""
    # Running headers and footers go, and a sentence cut by a page break is made whole, before each page is
    # cleaned on its own (ingest/page_flow.py).
    texts = with_sentences_rejoined(without_running_lines([page.text for page in raw.pages]))
    page_texts = {page.number: clean_text(text) for page, text in zip(raw.pages, texts, strict=True)}
    titles = {words_of(t) for t in (title, raw.title or "")} - {""}
    drafts = _without_title_lines(
        split_passages([(n, t) for n, t in page_texts.items() if t.strip() and n not in raw.covers], standalone=titles),
        titles,
    )
    # A bibliography's entries are other works' titles, not findings (ingest/references.py).
    references = reference_list([d.text for d in drafts])
    notes: tuple[str, ...] = ()
    if references:
        page = drafts[references.start].page
        where = f" from page {page}" if page is not None else ""
        notes = (f"{counted(len(references), 'passage')} of the reference list{where} left out of the answers",)
        drafts = [d for i, d in enumerate(drafts) if i not in references]
    labels = label([d.text for d in drafts]) if label and drafts else [extract_factors(d.text) for d in drafts]
    ocr_pages = {page.number: page for page in raw.pages if page.ocr}
    passages = []
    for i, (d, (category, confidence, factors)) in enumerate(zip(drafts, labels, strict=True)):
        ocr_page = ocr_pages.get(d.page)
        passages.append(
            Passage(
                id=f"{doc_id[:24]}-{i:05d}",
                doc_id=doc_id,
                index=i,
                text=d.text,
                page=d.page,
                start=d.start,
                end=d.end,
                language=d.language,
                category=category,
                confidence=confidence,
                factors=factors,
                file=file,
                title=title,
                kind=kind,
                ocr=ocr_page is not None,
                ocr_confidence=ocr_page.ocr_confidence if ocr_page is not None else None,
            )
        )
    return Built(passages, page_texts, notes)


def _without_title_lines(drafts: list[PassageDraft], titles: set[str]) -> list[PassageDraft]:
    """Drop passages that are only the document's title (a Markdown H1, a PDF's title line): every citation
    already names the title, and alone it states nothing, yet it was quoted as an answer and labelled a SWOT
    factor. A document that is nothing but its title keeps it. `titles` as `words_of` gives them."""
    kept = [d for d in drafts if words_of(d.text) not in titles]
    return kept or drafts


def _title_from_name(path: Path) -> str:
    return path.stem.replace("_", " ").replace("-", " ").strip().capitalize() or path.name


def ingest_file(
    kawan: Kawan,
    path: Path,
    password: str | None = None,
    display_name: str | None = None,
    sidecar: dict[str, str] | None = None,
    on_ocr_page: Callable[[int, int], None] | None = None,
    earlier: Earlier = "ignore",
) -> FileResult:
    """`sidecar` replaces the file's .meta.json (re-index and import pass the stored record's title, kind, …).

    `on_ocr_page(done, total)` is called before each page that goes through OCR (progress for long scans).
    `earlier`: look for earlier versions of the file in the store, and keep them or replace them.
    """
    settings = kawan.settings
    name = display_name or path.name
    try:
        if not path.is_file():
            raise IngestError("unsupported", "not a file or not found")
        raw = read_document(
            path,
            password=password,
            max_bytes=int(settings.max_file_mb * 1_000_000),
            max_pages=settings.max_pdf_pages,
            ocr=OcrOptions(
                page_timeout_s=settings.ocr_page_timeout_s,
                max_pages=settings.ocr_max_pages,
                min_confidence=settings.ocr_min_confidence,
                on_page=on_ocr_page,
            ),
        )
        data = path.read_bytes()
    except IngestError as err:
        return FileResult(path, "failed", reason=err.reason, code=err.code)
    except OSError as err:
        return FileResult(path, "failed", reason=f"cannot read the file ({err.strerror})", code="io")
    doc_id = hashlib.sha256(data).hexdigest()
    existing = kawan.store.document(doc_id)
    if existing is not None:
        # Already in: with "replace", its earlier versions still go (the file was first added without it).
        replaced, later = replace_earlier(kawan, existing) if earlier == "replace" else ([], [])
        return FileResult(path, "duplicate", doc_id=doc_id, duplicate_of=f"{existing.file} ({existing.title})",
                          earlier=tuple(replaced), replaced=bool(replaced), later=tuple(later),
                          dated=version_date(existing.meta) or "")
    sidecar = read_sidecar(path) if sidecar is None else sidecar
    title = sidecar.get("title") or raw.title or _title_from_name(Path(name))
    kind = sidecar.get("kind", "upload")
    # The classifier needs the passage embeddings: computed once here and stored below.
    labeller = PassageLabeller(kawan.embedder)
    passages, page_texts, notes = build_passages(doc_id, raw, name, title, kind, label=labeller)
    if not passages:
        return FileResult(
            path, "failed", reason="no extractable text (probably a scanned PDF that needs OCR)", code="no_text"
        )
    vectors = labeller.vectors if labeller.vectors is not None else kawan.embedder.embed_passages(
        [p.text for p in passages]
    )
    passages, relabelled = agree_with_translations(kawan.store, labeller.model, passages, vectors)
    # Where the file says it comes from (ingest/provenance.py); a sidecar's own value wins.
    own = {
        **provenance(raw.metadata, raw.pages[0].text if raw.pages else ""),
        **{k: v for k, v in sidecar.items() if k not in {"title", "kind", "topic", "period", "language", "added"}},
    }
    found = [] if earlier == "ignore" else find_earlier_versions(kawan, name, passages, vectors)
    # A stored version dated after this file is the newer one: kept whatever ``earlier`` says, and linked.
    versions, later = by_date(found, own)
    links = {
        # Kept beside it: its citations say a newer version is indexed (knowledge.types.newer_versions).
        **({EARLIER_VERSIONS: " ".join(v.record.id for v in versions)} if earlier == "keep" and versions else {}),
        **({LATER_VERSIONS: " ".join(v.record.id for v in later)} if later else {}),
    }
    stored = kawan.store.store_original(doc_id, path)
    read_notes = "; ".join((*raw.notes, *notes))
    record = DocumentRecord(
        id=doc_id,
        file=name,
        title=title,
        language=sidecar.get("language") or document_language([p.language for p in passages]),
        pages=len(raw.pages),
        passages=len(passages),
        kind=kind,
        added=sidecar.get("added") or datetime.now(UTC).isoformat(timespec="seconds"),
        topic=sidecar.get("topic", ""),
        period=sidecar.get("period", ""),
        stored_file=stored,
        meta={**own, **links},
        notes=read_notes,
    )
    kawan.store.add_document(record, passages, vectors, page_texts)
    # Only once the document is in: a failed add leaves every stored label as it was.
    kawan.store.update_labels(relabelled)
    # Only once the new version is in: a failure before this leaves the earlier ones as they were.
    if earlier == "replace":
        for version in versions:
            kawan.store.remove_document(version.record.id)
    return FileResult(path, "indexed", passages=len(passages), doc_id=doc_id, note=read_notes,
                      earlier=tuple(versions), replaced=earlier == "replace" and bool(versions), later=tuple(later),
                      dated=version_date(own) or "")


def find_earlier_versions(
    kawan: Kawan, file: str, passages: list[Passage], vectors: np.ndarray, own_id: str = ""
) -> list[EarlierVersion]:
    """The stored documents that a document's ``passages`` make earlier versions of (``own_id``: the document's
    own id, when it is stored already)."""
    held = kawan.store.same_text([p.text for p in passages], vectors)
    repeated = repeated_by_document([(q.doc_id, q.id) for q in same if q.doc_id != own_id] for same in held)
    candidates = [
        d for d in kawan.store.documents()
        if d.id != own_id and (d.id in repeated or d.file.casefold() == file.casefold())
    ]
    return earlier_versions(file, len(passages), repeated, candidates)


def replace_earlier(kawan: Kawan, record: DocumentRecord) -> tuple[list[EarlierVersion], list[EarlierVersion]]:
    """Remove the earlier versions of a stored document: the ones removed, and the ones kept because their own
    dates say they are newer than it."""
    passages, vectors = kawan.store.get_passages(where={"doc_id": record.id}, with_vectors=True)
    if not passages or vectors is None:
        return [], []
    found = find_earlier_versions(kawan, record.file, passages, vectors, own_id=record.id)
    earlier, later = by_date(found, record.meta)
    for version in earlier:
        kawan.store.remove_document(version.record.id)
    return earlier, later


class StoreBusyError(RuntimeError):
    pass


def writer_lock(kawan: Kawan, timeout: float) -> FileLock:
    """One writer at a time on an embedded store; a server store serialises writes itself."""
    folder = kawan.settings.store
    folder.mkdir(parents=True, exist_ok=True)
    return FileLock(str(folder / "write.lock"), timeout=timeout)


def lock_timeout_setting() -> float:
    """Seconds a writer waits for another one (KAWAN_LOCK_TIMEOUT), read when asked so tests can change it."""
    return float(os.environ.get("KAWAN_LOCK_TIMEOUT", "600"))


@contextmanager
def exclusive(kawan: Kawan, timeout: float | None = None) -> Iterator[None]:
    """Hold the store's writer lock (remove, check --repair, reindex, import): StoreBusyError when it stays taken."""
    wait = lock_timeout_setting() if timeout is None else timeout
    try:
        with writer_lock(kawan, wait):
            yield
    except Timeout as exc:
        raise _busy(kawan, wait) from exc


def _busy(kawan: Kawan, waited: float) -> StoreBusyError:
    return StoreBusyError(
        f"another process is writing to the store at {kawan.settings.store}; waited {waited:.0f} s. "
        "Try again when it has finished (several writers at once need a Chroma server)."
    )


def ingest_paths(
    kawan: Kawan,
    paths: Iterable[Path],
    password: str | None = None,
    on_result: Callable[[FileResult], None] | None = None,
    lock_timeout: float | None = None,
    on_ocr_page: Callable[[str, int, int], None] | None = None,
    earlier: Earlier = "keep",
) -> list[FileResult]:
    """Ingest every file found; `on_ocr_page(file name, done, total)` reports OCR progress inside a file;
    `earlier`: what to do about earlier versions of a file already in the store (ingest/versions.py)."""
    files = discover(paths)
    lock_timeout = lock_timeout_setting() if lock_timeout is None else lock_timeout
    results: list[FileResult] = []
    try:
        with writer_lock(kawan, lock_timeout):
            kawan.store.repair()  # sweep what an interrupted ingest may have left
            for path in files:
                progress = None
                if on_ocr_page is not None:
                    progress = functools.partial(on_ocr_page, path.name)
                result = ingest_file(kawan, path, password=password, on_ocr_page=progress, earlier=earlier)
                results.append(result)
                if on_result:
                    on_result(result)
            prepare_search(kawan, results)
    except Timeout as exc:
        raise _busy(kawan, lock_timeout) from exc
    return results


def prepare_search(kawan: Kawan, results: list[FileResult]) -> None:
    """Build the new generation's keyword index and passage table now, once per batch, and save them with the
    store: otherwise the first question after the batch builds them while its asker waits (~10 s at 50k)."""
    if any(r.status == "indexed" for r in results):
        # The documents are stored whatever happens here: the first question rebuilds and reports what fails.
        with suppress(Exception):
            kawan.searcher.lexical_index()
