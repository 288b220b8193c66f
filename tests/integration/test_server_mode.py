"""Server mode for real: a `chroma run` server started for the session, the CLI pointed at it through
KAWAN_CHROMA_HOST/PORT, and what a person sees when the server goes down and comes back."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from knowledge.config import Settings
from knowledge.embedder import SentenceTransformerEmbedder
from knowledge.store import Store, StoreError
from tests.fixtures_docs import make_text_pdf
from tests.integration.cli_support import docs_json, run_cli, share_model

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
ABSTRACT = ROOT / "knowledge" / "sources" / "study-abstract.txt"
CHROMA = Path(sys.executable).parent / "chroma"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ChromaServer:
    """One `chroma run` process on a fixed path and port; stop() and start() again keep both."""

    def __init__(self, path: Path, port: int) -> None:
        self.path, self.port = path, port
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = path.parent / "chroma-server.log"

    def start(self, timeout: float = 90) -> None:
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [str(CHROMA), "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)],
                stdout=log, stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"chroma run exited ({self.proc.returncode}): {self.log.read_text()[-2000:]}")
            try:
                if httpx.get(f"http://127.0.0.1:{self.port}/api/v2/heartbeat", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError("chroma run did not answer its heartbeat in time")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()  # by its own PID, nothing else
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=15)
        self.proc = None


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChromaServer]:
    server = ChromaServer(tmp_path_factory.mktemp("chroma-server") / "data", free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture()
def server_env(
    chroma_server: ChromaServer, real_embedder: SentenceTransformerEmbedder, monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> ChromaServer:
    share_model(monkeypatch, real_embedder)
    monkeypatch.setenv("KAWAN_CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("KAWAN_CHROMA_PORT", str(chroma_server.port))
    # One server for the session: each test gets its own collections.
    monkeypatch.setenv("KAWAN_COLLECTION", "t" + request.node.name[-40:].strip("_").replace("[", "_")[:40])
    return chroma_server


def test_ingest_ask_remove_against_a_chroma_server(
    server_env: ChromaServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store"
    report = make_text_pdf(
        tmp_path / "laporan.pdf",
        ["Wastewater treatment was proposed as the next phase of the Bandung–Kawasaki cooperation."],
    )
    code, out, _ = run_cli(capsys, "ingest", str(ABSTRACT), str(report), "--store", str(store))
    assert code == 0 and out.count("indexed ") == 2
    assert not (store / "chroma").exists()  # the vectors live on the server, not in the local folder
    docs = docs_json(capsys, store)
    assert sorted(d["file"] for d in docs) == ["laporan.pdf", "study-abstract.txt"]
    code, out, _ = run_cli(capsys, "ask", "What was proposed as the next phase?", "--json", "--store", str(store))
    top = next(c for c in json.loads(out)["citations"] if c["rank"] == 1)
    assert code == 0 and top["document"] == "laporan.pdf"
    pdf = next(d for d in docs if d["file"] == "laporan.pdf")
    code, out, _ = run_cli(capsys, "remove", pdf["id"], "--store", str(store))
    assert code == 0 and "removed laporan.pdf" in out
    assert [d["file"] for d in docs_json(capsys, store)] == ["study-abstract.txt"]
    assert pdf["id"] not in Store(Settings(store=store)).passage_counts()
    code, out, _ = run_cli(capsys, "check", "--store", str(store))
    assert code == 0, out


def test_server_down_is_one_clear_line_and_recovery_follows(
    server_env: ChromaServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store"
    assert run_cli(capsys, "ingest", str(ABSTRACT), "--store", str(store))[0] == 0
    opened = Store(Settings(store=store))  # like the app's cached store, opened while the server was up
    server_env.stop()
    try:
        for command in (["docs"], ["ask", "Apa saja hambatan kerja sama ini?"], ["ingest", str(ABSTRACT)],
                        ["check"]):
            code, out, err = run_cli(capsys, *command, "--store", str(store))
            assert code == 1 and out == "", command
            assert err.startswith("error: cannot reach the Chroma server at 127.0.0.1:") and err.count("\n") == 1
        # Every operation of an already-open store says the same, not only opening one.
        with pytest.raises(StoreError, match="cannot reach the Chroma server"):
            opened.documents()
        with pytest.raises(StoreError, match="cannot reach the Chroma server"):
            opened.count_passages()
    finally:
        server_env.start()
    assert [d["file"] for d in docs_json(capsys, store)] == ["study-abstract.txt"]
    assert [d.file for d in opened.documents()] == ["study-abstract.txt"]
    code, out, _ = run_cli(capsys, "ask", "Apa saja hambatan kerja sama ini?", "--json", "--store", str(store))
    assert code == 0 and json.loads(out)["answered"]
