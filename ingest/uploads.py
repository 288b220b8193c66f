"""Files that arrive as (name, bytes) — browser uploads — plus re-indexing and removing one stored document.

Each holds the store's writer lock (like `ingest_paths`) and gives the same FileResult / result line as the CLI.
Uploads land under the store folder (store/uploads/<random>/<safe name>); the store keeps its own copy of the
original (store/files/<id>), so the landing folder is removed once the file is indexed.
"""

from __future__ import annotations

import secrets
import shutil
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from ingest.errors import IngestError
from ingest.maintenance import record_sidecar
from ingest.names import safe_name
from ingest.pipeline import Earlier, FileResult, exclusive, ingest_file, prepare_search
from ingest.readers import format_size, read_document
from knowledge.service import Kawan


def upload_folder(kawan: Kawan) -> Path:
    """A fresh folder for one file: two uploads with the same name never meet."""
    folder = kawan.settings.store / "uploads" / secrets.token_hex(8)
    folder.mkdir(parents=True, exist_ok=False)
    return folder


def ingest_upload(
    kawan: Kawan,
    name: str,
    data: bytes,
    password: str | None = None,
    on_ocr_page: Callable[[int, int], None] | None = None,
    earlier: Earlier = "keep",
) -> FileResult:
    """One uploaded file (the caller holds the writer lock); the size limit is checked before anything is written.
    `earlier`: what to do about earlier versions of it in the store (ingest/versions.py)."""
    safe = safe_name(name)
    limit = int(kawan.settings.max_file_mb * 1_000_000)
    if len(data) > limit:
        reason = f"over the size limit ({format_size(len(data))} > {format_size(limit)})"
        return FileResult(Path(safe), "failed", reason=reason, code="too_large")
    folder = upload_folder(kawan)
    path = folder / safe
    try:
        path.write_bytes(data)
        # An upload never brings its own .meta.json: the folder holds this one file only.
        return ingest_file(
            kawan, path, password=password or None, display_name=safe, sidecar={}, on_ocr_page=on_ocr_page,
            earlier=earlier,
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _per_file(
    callback: Callable[[str, int, int], None] | None, name: str
) -> Callable[[int, int], None] | None:
    if callback is None:
        return None
    return lambda done, total: callback(name, done, total)


def ingest_uploads(
    kawan: Kawan,
    uploads: Iterable[tuple[str, bytes]],
    password: str | None = None,
    on_result: Callable[[FileResult], None] | None = None,
    lock_timeout: float | None = None,
    on_ocr_page: Callable[[str, int, int], None] | None = None,
    earlier: Earlier = "keep",
) -> list[FileResult]:
    """Every (client file name, bytes) pair, one result each, in order; StoreBusyError if the lock stays taken."""
    results: list[FileResult] = []
    with exclusive(kawan, lock_timeout):
        kawan.store.repair()
        for name, data in uploads:
            result = ingest_upload(kawan, name, data, password, on_ocr_page=_per_file(on_ocr_page, safe_name(name)),
                                   earlier=earlier)
            results.append(result)
            if on_result:
                on_result(result)
        prepare_search(kawan, results)
    return results


def reindex_document(
    kawan: Kawan, doc_id: str, password: str | None = None, lock_timeout: float | None = None
) -> FileResult:
    """Read one document again from its stored original (new reader, labels, model) under its old name.

    The original is read before the old passages go, so a wrong password or a missing original leaves the
    indexed document as it was; if indexing still fails afterwards, the copy is kept and its path reported.
    """
    with exclusive(kawan, lock_timeout):
        record = kawan.store.document(doc_id)
        if record is None:
            return FileResult(Path(doc_id[:12] or "?"), "failed", reason="no such document", code="missing")
        shown = Path(safe_name(record.file))
        original = kawan.store.files_dir / record.stored_file if record.stored_file else None
        if original is None or not original.is_file():
            return FileResult(shown, "failed", reason="original file not kept in the store; upload it again",
                              code="missing")
        folder = upload_folder(kawan)
        copy = folder / ("original" + original.suffix)
        shutil.copyfile(original, copy)
        settings = kawan.settings
        try:
            read_document(copy, password=password or None, max_bytes=int(settings.max_file_mb * 1_000_000),
                          max_pages=settings.max_pdf_pages)
        except IngestError as err:
            shutil.rmtree(folder, ignore_errors=True)
            return FileResult(shown, "failed", reason=f"{err.reason} (the indexed document is unchanged)",
                              code=err.code, unchanged=True)
        kawan.store.remove_document(record.id)
        result = ingest_file(kawan, copy, password=password or None, display_name=record.file,
                             sidecar=record_sidecar(record))
        if result.failed:
            return replace(result, path=shown, reason=f"{result.reason} (the original is kept at {copy})")
        shutil.rmtree(folder, ignore_errors=True)
        return replace(result, path=shown)


def remove_stored(kawan: Kawan, doc_id: str, lock_timeout: float | None = None) -> FileResult:
    """Remove a document (record, passages, stored original) under the writer lock."""
    with exclusive(kawan, lock_timeout):
        record = kawan.store.remove_document(doc_id)
    if record is None:
        return FileResult(Path(doc_id[:12] or "?"), "failed", reason="no such document", code="missing")
    return FileResult(Path(safe_name(record.file)), "removed", doc_id=record.id)
