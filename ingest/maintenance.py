"""Keeping a store whole and moving it: check/repair, re-index into new collections, export and import.

Each writer holds the store's writer lock like `ingest_paths`; the pieces that need the readers (re-ingesting a
stored original) live here because knowledge/ never imports ingest/.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from pathlib import Path

from ingest.names import safe_name
from ingest.pipeline import FileResult, exclusive, ingest_file, prepare_search
from knowledge import integrity
from knowledge.config import Settings
from knowledge.embedder import Embedder
from knowledge.service import Kawan
from knowledge.store import ModelRecord, Store
from knowledge.types import DocumentRecord

EXPORT_FORMAT = "kawan-export"
EXPORT_VERSION = 1
_STORED_NAME = re.compile(r"^[0-9a-f]{64}(\.[a-z0-9]{1,10})?$")
OnResult = Callable[[FileResult], None]


class BackupError(ValueError):
    """An export or import that cannot be done; the message names the file and the reason."""


def record_sidecar(record: DocumentRecord) -> dict[str, str]:
    """What a re-ingest must keep of a stored record (title, kind, language, dates, free metadata)."""
    kept = {**record.meta, "title": record.title, "kind": record.kind, "topic": record.topic,
            "period": record.period, "language": record.language, "added": record.added}
    return {k: str(v) for k, v in kept.items() if v}


def reingest_original(kawan: Kawan, record: DocumentRecord, password: str | None = None) -> FileResult:
    """A document read again from the original the store keeps, under its old name and metadata."""
    original = kawan.store.files_dir / record.stored_file if record.stored_file else None
    if original is None or not original.is_file():
        return FileResult(Path(record.file), "failed", reason="original file not kept in the store", code="missing")
    result = ingest_file(kawan, original, password=password, display_name=record.file, sidecar=record_sidecar(record))
    # Result lines name the document, not the store's content-hash file name.
    return replace(result, path=Path(record.file))


# -- check ------------------------------------------------------------------------------------------
@dataclass
class CheckReport:
    problems: list[integrity.Problem]
    repaired: bool = False
    done: list[str] = field(default_factory=list)
    reingested: list[FileResult] = field(default_factory=list)
    not_repaired: list[integrity.Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        if not self.repaired:
            return not self.problems
        return not self.not_repaired and not any(r.failed for r in self.reingested)


def check_store(
    settings: Settings, repair: bool = False, password: str | None = None, embedder: Embedder | None = None
) -> CheckReport:
    kawan = Kawan(settings, embedder)
    if not repair:
        return CheckReport(integrity.find_problems(integrity.inspect(Store(settings), settings.model)))
    with exclusive(kawan):
        store = Store(settings)
        problems = integrity.find_problems(integrity.inspect(store, settings.model))
        model_wrong = any(p.kind == "model" for p in problems)
        # With another model's vectors a document cannot be re-embedded here: leave it listed for `kawan reindex`.
        todo = [p for p in problems if not (model_wrong and p.kind == "missing_passages")]
        outcome = integrity.repair(store, todo)
        report = CheckReport(problems, repaired=True, done=outcome.done,
                             not_repaired=outcome.not_repaired + [p for p in problems if p not in todo])
        for record in outcome.to_reingest:
            report.reingested.append(reingest_original(kawan, record, password))
        return report


# -- reindex ----------------------------------------------------------------------------------------
@dataclass
class ReindexReport:
    results: list[FileResult]
    swapped: bool
    model: str
    dropped: list[str] = field(default_factory=list)


def reindex_store(
    settings: Settings, password: str | None = None, embedder: Embedder | None = None,
    on_result: OnResult | None = None,
) -> ReindexReport:
    """Every stored original re-embedded with the configured model into a new pair of collections, which is
    made active only when every document made it; until then (and on any failure) the old index serves."""
    kawan = Kawan(settings, embedder)
    with exclusive(kawan):
        old = Store(settings)
        records = old.documents()
        emb = kawan.embedder
        staging = old.new_staging(ModelRecord(emb.name, emb.dimension))
        target = Kawan(settings, emb, store=staging)
        results: list[FileResult] = []
        try:
            for record in records:
                result = reingest_original(target, record, password)
                results.append(result)
                if on_result:
                    on_result(result)
            if any(r.failed for r in results):
                staging.delete_collections()
                return ReindexReport(results, swapped=False, model=emb.name)
            dropped = staging.activate()
        except BaseException:
            staging.delete_collections()
            raise
        prepare_search(target, results)  # after the swap: a failure here must not drop the active pair
        return ReindexReport(results, swapped=True, model=emb.name, dropped=dropped)


# -- export / import --------------------------------------------------------------------------------
@dataclass
class ExportReport:
    path: Path
    documents: int
    skipped: list[str]


def export_store(settings: Settings, out: Path) -> ExportReport:
    """A zip of every stored original (files/<id><ext>) and manifest.json with the registry records."""
    store = Store(settings)
    recorded = store.recorded_model()
    records, skipped = [], []
    for r in store.documents():
        if r.stored_file and (store.files_dir / r.stored_file).is_file():
            records.append(r)
        else:
            skipped.append(f"{r.file}: original file not kept in the store")
    manifest = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported": datetime.now(UTC).isoformat(timespec="seconds"),
        "model": recorded.name if recorded else None,
        "documents": [r.to_json() for r in records],
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".part")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as z:
            z.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
            for r in records:
                z.write(store.files_dir / r.stored_file, f"files/{r.stored_file}")
        partial.replace(out)
    except OSError as err:
        partial.unlink(missing_ok=True)
        raise BackupError(f"cannot write {out}: {err.strerror or err}") from err
    return ExportReport(out, len(records), skipped)


def _read_manifest(z: zipfile.ZipFile, source: Path) -> list[DocumentRecord]:
    try:
        manifest = json.loads(z.read("manifest.json").decode("utf-8"))
    except KeyError as err:
        raise BackupError(f"{source.name}: not a Kawan export (no manifest.json)") from err
    except (ValueError, UnicodeDecodeError) as err:
        raise BackupError(f"{source.name}: damaged manifest.json") from err
    if not isinstance(manifest, dict) or manifest.get("format") != EXPORT_FORMAT:
        raise BackupError(f"{source.name}: not a Kawan export")
    if manifest.get("version") != EXPORT_VERSION:
        raise BackupError(f"{source.name}: export format version {manifest.get('version')} is not supported")
    known = {f.name for f in fields(DocumentRecord)}
    records = []
    for raw in manifest.get("documents") or []:
        try:
            record = DocumentRecord(**{k: v for k, v in raw.items() if k in known})
        except TypeError as err:
            raise BackupError(f"{source.name}: damaged document record in manifest.json") from err
        records.append(record)
    return records


def import_store(
    settings: Settings, source: Path, password: str | None = None, embedder: Embedder | None = None,
    on_result: OnResult | None = None,
) -> list[FileResult]:
    """Every original of an export ingested here with the local model, keeping titles, kinds and metadata;
    documents already in this store are reported as duplicates."""
    try:
        z = zipfile.ZipFile(source)
    except FileNotFoundError as err:
        raise BackupError(f"{source}: no such file") from err
    except (zipfile.BadZipFile, OSError) as err:
        raise BackupError(f"{source.name}: not a Kawan export (not a readable zip file)") from err
    kawan = Kawan(settings, embedder)
    limit = int(settings.max_file_mb * 1_000_000)
    results: list[FileResult] = []
    with z, exclusive(kawan), tempfile.TemporaryDirectory(prefix="kawan-import-") as tmp:
        records = _read_manifest(z, source)
        kawan.store.repair()
        for record in records:
            result = _import_one(kawan, z, record, Path(tmp), limit, password)
            results.append(result)
            if on_result:
                on_result(result)
        prepare_search(kawan, results)
    return results


def _import_one(
    kawan: Kawan, z: zipfile.ZipFile, record: DocumentRecord, tmp: Path, limit: int, password: str | None
) -> FileResult:
    name = safe_name(record.file)
    if not _STORED_NAME.match(record.stored_file or ""):
        return FileResult(Path(name), "failed", reason="bad stored file name in the export", code="damaged")
    try:
        info = z.getinfo(f"files/{record.stored_file}")
    except KeyError:
        return FileResult(Path(name), "failed", reason="original missing from the export", code="missing")
    if info.file_size > limit:
        return FileResult(Path(name), "failed", reason="over the size limit", code="too_large")
    # The name the reader sees: the document's own name with the stored file's extension.
    path = tmp / (Path(name).stem + Path(record.stored_file).suffix)
    try:
        with z.open(info) as src, path.open("wb") as dst:
            shutil.copyfileobj(src, dst)
    except (zipfile.BadZipFile, OSError, EOFError) as err:
        return FileResult(Path(name), "failed", reason=f"damaged entry in the export ({err})", code="damaged")
    try:
        result = ingest_file(kawan, path, password=password, display_name=name, sidecar=record_sidecar(record))
    finally:
        path.unlink(missing_ok=True)
    return replace(result, path=Path(name))
