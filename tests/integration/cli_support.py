"""Helpers for the fault, server and hostile-input tests: the CLI run in-process with the session's model, and
real `kawan` subprocesses for what needs a separate process (SIGKILL, two writers)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kawan
from knowledge.embedder import SentenceTransformerEmbedder
from knowledge.store import PAUSE_ENV

KAWAN_EXE = Path(sys.executable).parent / "kawan"
ROOT = Path(__file__).resolve().parents[2]
ABSTRACT = ROOT / "knowledge" / "sources" / "study-abstract.txt"
REPORT_PAGES = [
    "Laporan kunjungan delegasi Kota Bandung ke Kota Kawasaki membahas pengelolaan sampah rumah tangga. "
    "Delegasi mempelajari pemilahan sampah di tingkat RW dan pusat daur ulang plastik.",
    "The second page describes the composting centre visited in Kawasaki and the training of ten officials. "
    "Wastewater treatment was proposed as the next phase of the cooperation.",
]


def share_model(monkeypatch: pytest.MonkeyPatch, embedder: SentenceTransformerEmbedder) -> None:
    """In-process CLI calls reuse the session's loaded model instead of loading it again per command."""
    monkeypatch.setenv("KAWAN_MODEL", embedder.name)
    monkeypatch.setattr("knowledge.service.make_embedder", lambda settings: embedder)


def fresh_client(store: Path) -> None:
    """Forget this process's cached Chroma system for `store`, so the next command opens it as a new process
    would (another process may have written meanwhile); clients of other stores are left alone."""
    from chromadb.api.shared_system_client import SharedSystemClient

    for key in [k for k in SharedSystemClient._identifier_to_system if str(store) in k]:
        SharedSystemClient._identifier_to_system.pop(key, None)
        SharedSystemClient._identifier_to_refcount.pop(key, None)


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    if "--store" in args:
        fresh_client(Path(args[args.index("--store") + 1]))
    code = kawan.main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def docs_json(capsys: pytest.CaptureFixture[str], store: Path) -> list[dict]:
    code, out, _ = run_cli(capsys, "docs", "--json", "--store", str(store))
    assert code == 0
    return json.loads(out)


def start_ingest(
    store: Path, files: list[Path], model: str, pause_marker: Path | None = None, pause_s: float = 600,
    env: dict[str, str] | None = None,
) -> subprocess.Popen[str]:
    """`kawan ingest` in its own process; with a marker it pauses after storing passages, before the record."""
    full = {**os.environ, "KAWAN_MODEL": model, "HF_HUB_OFFLINE": "1", **(env or {})}
    full.pop(PAUSE_ENV, None)
    if pause_marker is not None:
        full[PAUSE_ENV] = str(pause_marker)
        full["KAWAN_TEST_PAUSE_SECONDS"] = str(pause_s)
    return subprocess.Popen(
        [str(KAWAN_EXE), "ingest", *map(str, files), "--store", str(store)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=full,
    )


def wait_for_file(marker: Path, proc: subprocess.Popen[str], timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while not marker.exists():
        if proc.poll() is not None:
            out, err = proc.communicate()
            raise AssertionError(f"kawan ingest ended before pausing ({proc.returncode}): {out}\n{err}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError("kawan ingest never reached the pause point")
        time.sleep(0.2)
