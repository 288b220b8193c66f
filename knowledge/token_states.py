"""Passage token states kept on disk, so that the token match of a stored passage needs no model run.

Ingest already runs the model over every passage to embed it; the same run's token states are what the token
match compares a question with (knowledge/token_match.py). Computing them again at question time was the largest
part of a question's latency (one paragraph: 45–100 ms on two cores without AVX-512). They are kept here in the
form the match reads: centred on the model's mean token state, unit length, int8 with a scale per token (388
bytes a token instead of 1,536; the match moves by less than 0.002).

Keyed by a hash of the passage text, one file per model (with its centre and passage prompt): the states are a
function of these, so one file serves every collection of the same model (staging, re-index), and a passage
stored twice is kept once. SQLite (the standard library's) gives atomic writes, and safe reads while another
process ingests. Only derived data: a read-only folder turns the cache off (the match runs the model as before), and
a damaged file is moved aside and started afresh.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import numpy as np
from cachetools import LRUCache

log = logging.getLogger(__name__)

STATES_FOLDER = "token_states"  # under the store folder
FILE_PREFIX = "states-"
DAMAGED = frozenset({"SQLITE_NOTADB", "SQLITE_CORRUPT"})  # SQLite's names for a file that is not whole


def quantise(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 rows and one float32 scale per row (its largest magnitude over 127)."""
    scales = np.maximum(np.abs(rows).max(axis=1), 1e-12).astype(np.float32) / 127.0
    return np.round(rows / scales[:, None]).astype(np.int8), scales


def dequantise(values: np.ndarray, scales: np.ndarray) -> np.ndarray:
    return values.astype(np.float32) * scales[:, None]


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def model_tag(model_name: str, centre: np.ndarray, prompt: str) -> str:
    """Names the states' file: they hold for one model, its centre and its passage prompt (a re-exported model
    gets a new file)."""
    name = f"{Path(model_name.rstrip('/')).name}\x00{prompt}".encode()
    return hashlib.sha1(name + np.asarray(centre, np.float32).tobytes()).hexdigest()[:12]


class StateCache:
    """key -> prepared token states (n, d), in one SQLite file; thread-safe."""

    def __init__(self, path: Path, dimension: int) -> None:
        self.path = path
        self.dimension = dimension
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        # One connection shared by the app's sessions (under the lock); WAL lets an ingest in another process
        # write while this one reads.
        self._db = sqlite3.connect(path, timeout=5.0, check_same_thread=False, isolation_level=None)
        try:
            # A new file gives back the pages of removed documents' states (delete); an older one keeps them.
            self._db.execute("PRAGMA auto_vacuum=INCREMENTAL")
            self._db.execute("PRAGMA journal_mode=WAL")
            # Derived data: a commit need not wait for the disk (a crash loses at most the last states, re-made).
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS states (key TEXT PRIMARY KEY, rows INTEGER, q BLOB, scales BLOB)"
            )
        except BaseException:
            self._db.close()  # a damaged file is moved aside next (open_cache): not held open here
            raise

    def get(self, key: str) -> np.ndarray | None:
        with self._lock:
            row = self._db.execute("SELECT rows, q, scales FROM states WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        n, q, scales = row
        values = np.frombuffer(q, dtype=np.int8).reshape(n, self.dimension)
        return dequantise(values, np.frombuffer(scales, dtype=np.float32))

    def missing(self, keys: Sequence[str]) -> list[str]:
        """The keys of ``keys`` that have no states yet."""
        have: set[str] = set()
        with self._lock:
            for lo in range(0, len(keys), 500):  # SQLite's bound-parameter limit
                chunk = list(keys[lo : lo + 500])
                marks = ",".join("?" * len(chunk))
                have.update(r[0] for r in self._db.execute(f"SELECT key FROM states WHERE key IN ({marks})", chunk))
        return [k for k in keys if k not in have]

    def put_many(self, items: Iterable[tuple[str, np.ndarray]]) -> None:
        """Store prepared states (float rows of this dimension), in one transaction."""
        records = []
        for key, rows in items:
            values, scales = quantise(np.asarray(rows, dtype=np.float32).reshape(-1, self.dimension))
            records.append((key, len(values), values.tobytes(), scales.tobytes()))
        if records:
            with self._lock, self._transaction():
                self._db.executemany("INSERT OR REPLACE INTO states VALUES (?, ?, ?, ?)", records)

    def delete(self, keys: Sequence[str]) -> None:
        with self._lock:
            with self._transaction():
                self._db.executemany("DELETE FROM states WHERE key = ?", [(k,) for k in keys])
            # Outside the transaction (SQLite vacuums no pages there), under the same lock. executescript steps it
            # to the end; execute() stops after the first page.
            self._db.executescript("PRAGMA incremental_vacuum;")

    def keys(self) -> set[str]:
        with self._lock:
            return {r[0] for r in self._db.execute("SELECT key FROM states")}

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        # The connection is in autocommit mode (isolation_level=None): a batch is one explicit transaction. The
        # caller holds the lock.
        self._db.execute("BEGIN")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._db.close()


def open_cache(folder: Path, model_name: str, centre: np.ndarray, prompt: str) -> StateCache | None:
    """The states file of this model under ``folder``; None where it cannot be opened or made (a read-only
    folder). A file that is no SQLite database (damaged) is moved aside as ``<name>.damaged`` and a new one
    started: it held only derived data, which ingest and matching make again."""
    path = folder / f"{FILE_PREFIX}{model_tag(model_name, centre, prompt)}.sqlite"
    try:
        return StateCache(path, len(centre))
    except sqlite3.Error as exc:
        # Only a file SQLite calls damaged is replaced; a locked or read-only one is someone's, left as it is.
        if getattr(exc, "sqlite_errorname", "") not in DAMAGED:
            log.warning("token states off: %s cannot be opened (%s)", path, exc)
            return None
        first = exc
    except OSError as exc:
        log.warning("token states off: %s cannot be made (%s)", path, exc)
        return None
    try:
        for part in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            if part.exists():
                part.replace(part.with_name(part.name + ".damaged"))
        cache = StateCache(path, len(centre))
    except (OSError, sqlite3.Error) as exc:
        log.warning("token states off: %s is damaged (%s) and cannot be replaced (%s)", path, first, exc)
        return None
    log.warning("token states: %s was damaged (%s); moved aside as %s.damaged, a new file started",
                path, first, path.name)
    return cache


def forget_texts(folder: Path, texts: Iterable[str]) -> None:
    """Delete the states of these passage texts (a removed document's) from every model's file under ``folder``.
    A text another document still holds loses them too: its next match runs the model once and keeps them again."""
    keys = [text_key(t) for t in texts]
    if not keys or not folder.is_dir():
        return
    for path in sorted(folder.glob(f"{FILE_PREFIX}*.sqlite")):
        try:
            cache = StateCache(path, 0)
            try:
                cache.delete(keys)
            finally:
                cache.close()
        except sqlite3.Error:
            continue  # derived data: a damaged or locked file keeps a few stale rows


class PassageStates:
    """Prepared token states of passages by text: the most recent in memory (``memory_bytes``), and every one on
    disk once a StateCache is given (use_disk). Reads and writes that the disk refuses are skipped: the caller
    runs the model instead. Thread-safe; the arrays handed out are read-only, shared by every caller."""

    def __init__(self, memory_bytes: int) -> None:
        self._memory: LRUCache[str, np.ndarray] = LRUCache(memory_bytes, getsizeof=lambda v: v.nbytes)
        self._lock = threading.Lock()
        self.disk: StateCache | None = None

    def use_disk(self, cache: StateCache | None) -> None:
        """Read and keep states in ``cache`` from now on (None: memory only); the previous file is closed."""
        previous, self.disk = self.disk, cache
        if previous is not None and previous is not cache:
            previous.close()

    def get(self, text: str) -> np.ndarray | None:
        with self._lock:
            rows = self._memory.get(text)
        if rows is None and (disk := self.disk) is not None:
            try:
                rows = disk.get(text_key(text))
            except sqlite3.Error:
                rows = None
            if rows is not None:
                self._remember(text, rows)
        return rows

    def put(self, items: Sequence[tuple[str, np.ndarray]], remember: bool = True) -> None:
        """Keep prepared states by text: on disk, and in memory when ``remember`` (a passage just matched)."""
        if (disk := self.disk) is not None and items:
            # Only derived data (a full disk, a file locked too long): the match runs the model instead.
            with contextlib.suppress(sqlite3.Error):
                disk.put_many((text_key(t), rows) for t, rows in items)
        if remember:
            for text, rows in items:
                self._remember(text, rows)

    def missing(self, texts: Sequence[str]) -> list[str]:
        """The texts whose states are not on disk (all of them without a disk)."""
        disk = self.disk
        if disk is None:
            return list(texts)
        keys = [text_key(t) for t in texts]
        absent = set(disk.missing(keys))
        return [t for t, k in zip(texts, keys, strict=True) if k in absent]

    def forget_memory(self) -> None:
        with self._lock:
            self._memory.clear()

    def _remember(self, text: str, rows: np.ndarray) -> None:
        rows.flags.writeable = False
        with self._lock:
            self._memory[text] = rows
