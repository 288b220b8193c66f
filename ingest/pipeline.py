"""From files on disk to stored, labelled, embedded passages: one result line per file, all or nothing."""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from ingest.clean import clean_text
from ingest.errors import IngestError
from ingest.passages import split_passages
from ingest.readers import SUPPORTED_SUFFIXES, RawDocument, read_document
from knowledge.service import Kawan
from knowledge.swot import extract_factors
from knowledge.types import DocumentRecord, Passage

META_SUFFIX = ".meta.json"


@dataclass(frozen=True)
class FileResult:
    path: Path
    status: str  # "indexed" | "duplicate" | "failed"
    passages: int = 0
    doc_id: str = ""
    duplicate_of: str = ""
    reason: str = ""
    code: str = ""

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    def line(self) -> str:
        name = _printable(self.path.name)
        if self.status == "indexed":
            return f"indexed   {name}: {self.passages} passages (id {self.doc_id[:12]})"
        if self.status == "duplicate":
            return f"duplicate {name}: same content as {self.duplicate_of} (id {self.doc_id[:12]})"
        return f"FAILED    {name}: {self.reason}"


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
    # A document with a real share of both languages (like the bilingual abstract) is "id+en".
    if rest and rest[0][1] >= 0.25 * len(languages):
        return "id+en"
    return top


def build_passages(doc_id: str, raw: RawDocument, file: str, title: str, kind: str) -> tuple[
    list[Passage], dict[int | None, str]
]:
    """Clean, split and label every page; pure apart from the detected language."""
    page_texts = {page.number: clean_text(page.text) for page in raw.pages}
    drafts = split_passages([(n, t) for n, t in page_texts.items() if t.strip()])
    passages = []
    for i, d in enumerate(drafts):
        category, confidence, factors = extract_factors(d.text)
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
            )
        )
    return passages, page_texts


def _title_from_name(path: Path) -> str:
    return path.stem.replace("_", " ").replace("-", " ").strip().capitalize() or path.name


def ingest_file(kawan: Kawan, path: Path, password: str | None = None, display_name: str | None = None) -> FileResult:
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
        )
        data = path.read_bytes()
    except IngestError as err:
        return FileResult(path, "failed", reason=err.reason, code=err.code)
    except OSError as err:
        return FileResult(path, "failed", reason=f"cannot read the file ({err.strerror})", code="io")
    doc_id = hashlib.sha256(data).hexdigest()
    existing = kawan.store.document(doc_id)
    if existing is not None:
        return FileResult(path, "duplicate", doc_id=doc_id, duplicate_of=f"{existing.file} ({existing.title})")
    sidecar = read_sidecar(path)
    title = sidecar.get("title") or raw.title or _title_from_name(Path(name))
    kind = sidecar.get("kind", "upload")
    passages, page_texts = build_passages(doc_id, raw, name, title, kind)
    if not passages:
        return FileResult(
            path, "failed", reason="no extractable text (probably a scanned PDF that needs OCR)", code="no_text"
        )
    vectors = kawan.embedder.embed_passages([p.text for p in passages])
    stored = kawan.store.store_original(doc_id, path)
    record = DocumentRecord(
        id=doc_id,
        file=name,
        title=title,
        language=sidecar.get("language") or document_language([p.language for p in passages]),
        pages=len(raw.pages),
        passages=len(passages),
        kind=kind,
        added=datetime.now(UTC).isoformat(timespec="seconds"),
        topic=sidecar.get("topic", ""),
        period=sidecar.get("period", ""),
        stored_file=stored,
        meta={k: v for k, v in sidecar.items() if k not in {"title", "kind", "topic", "period", "language"}},
    )
    kawan.store.add_document(record, passages, vectors, page_texts)
    return FileResult(path, "indexed", passages=len(passages), doc_id=doc_id)


class StoreBusyError(RuntimeError):
    pass


def writer_lock(kawan: Kawan, timeout: float) -> FileLock:
    """One writer at a time on an embedded store; a server store serialises writes itself."""
    folder = kawan.settings.store
    folder.mkdir(parents=True, exist_ok=True)
    return FileLock(str(folder / "write.lock"), timeout=timeout)


def ingest_paths(
    kawan: Kawan,
    paths: Iterable[Path],
    password: str | None = None,
    on_result: Callable[[FileResult], None] | None = None,
    lock_timeout: float = float(os.environ.get("KAWAN_LOCK_TIMEOUT", "600")),
) -> list[FileResult]:
    files = discover(paths)
    results: list[FileResult] = []
    try:
        with writer_lock(kawan, lock_timeout):
            kawan.store.repair()  # sweep what an interrupted ingest may have left
            for path in files:
                result = ingest_file(kawan, path, password=password)
                results.append(result)
                if on_result:
                    on_result(result)
    except Timeout as exc:
        raise StoreBusyError(
            f"another process is writing to the store at {kawan.settings.store}; waited {lock_timeout:.0f} s. "
            "Try again when it has finished (several writers at once need a Chroma server)."
        ) from exc
    return results
