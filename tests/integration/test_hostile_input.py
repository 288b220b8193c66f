"""Hostile and broken input not covered by test_cli.py: each gets a clear line naming the file and the reason,
the command goes on with the next file, and what is already indexed does not change."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from ingest.pipeline import ingest_paths
from knowledge.config import Settings
from knowledge.embedder import SentenceTransformerEmbedder
from knowledge.service import Kawan
from tests.fixtures_docs import make_blank_pdf, make_text_file, make_text_pdf
from tests.integration.cli_support import KAWAN_EXE, docs_json, run_cli, share_model

pytestmark = pytest.mark.integration
ABSTRACT = Path(__file__).resolve().parents[2] / "knowledge" / "sources" / "study-abstract.txt"


@pytest.fixture(scope="module")
def template_store(tmp_path_factory: pytest.TempPathFactory, real_embedder: SentenceTransformerEmbedder) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "store"
    kawan = Kawan(Settings(store=path, model=real_embedder.name), embedder=real_embedder)
    assert [r.status for r in ingest_paths(kawan, [ABSTRACT])] == ["indexed"]
    return path


@pytest.fixture()
def store(template_store: Path, tmp_path: Path, real_embedder: SentenceTransformerEmbedder,
          monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of a store holding the study abstract (indexed once for the module)."""
    share_model(monkeypatch, real_embedder)
    return Path(shutil.copytree(template_store, tmp_path / "store"))


def test_hostile_files_are_refused_one_by_one(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = docs_json(capsys, store)
    bad = tmp_path / "bad"
    bad.mkdir()
    make_text_pdf(bad / "locked.pdf", ["Rahasia negara tentang kerja sama."], password="benar")
    started = time.perf_counter()
    make_blank_pdf(bad / "thousands.pdf", 3000)
    binary = bad / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    files = [bad / "locked.pdf", bad / "thousands.pdf", binary]
    code, out, err = run_cli(capsys, "ingest", *map(str, files), "--password", "salah", "--store", str(store))
    elapsed = time.perf_counter() - started
    lines = out.splitlines()
    assert code == 1 and len(lines) == 3, out
    assert lines[0] == "FAILED    locked.pdf: wrong password for this encrypted PDF"
    assert lines[1] == "FAILED    thousands.pdf: too many pages (3000 > 2000 pages allowed)"
    assert lines[2].startswith("FAILED    binary.txt: not valid UTF-8 text")
    assert "0 indexed, 0 duplicate, 3 failed" in err
    # Bounded: the page count is read from the page tree, no page is parsed (about 2 s here, building included).
    assert elapsed < 120
    assert docs_json(capsys, store) == before


def test_control_characters_in_a_name_are_escaped_everywhere(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    evil = make_text_file(tmp_path / "rapat\x1b[2J\x07.txt", "Rapat koordinasi pengelolaan sampah di Bandung.\n")
    code, out, _ = run_cli(capsys, "ingest", str(evil), "--store", str(store))
    assert code == 0 and out.startswith("indexed   rapat\\x1b[2J\\x07.txt:")
    code, out, _ = run_cli(capsys, "docs", "--store", str(store))
    assert "\x1b" not in out and "\x07" not in out and "rapat\\x1b[2J\\x07.txt" in out
    # Empty: a readable line for the file, nothing stored.
    empty = make_text_file(tmp_path / "kosong\n.md", "")
    code, out, _ = run_cli(capsys, "ingest", str(empty), "--store", str(store))
    assert code == 1 and out == "FAILED    kosong\\x0a.md: empty file\n"


def test_non_utf8_text_is_decoded(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    latin = make_text_file(tmp_path / "catatan-lama.txt", "Résumé: la coopération de Bandung et Kawasaki, café.\n",
                           encoding="latin-1")
    code, out, _ = run_cli(capsys, "ingest", str(latin), "--store", str(store))
    assert code == 0 and out.startswith("indexed   catatan-lama.txt")
    code, out, _ = run_cli(capsys, "ask", "coopération café", "--json", "--mode", "bm25", "--store", str(store))
    assert any("coopération" in c["text"] for c in json.loads(out)["citations"])


def test_questions_too_long_or_empty(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = docs_json(capsys, store)
    long_question = "Apa saja hambatan kerja sama ini? " + "kata " * 2000  # ~10,000 characters
    assert len(long_question) >= 10_000
    code, out, err = run_cli(capsys, "ask", long_question, "--json", "--store", str(store))
    answer = json.loads(out)
    assert code == 0 and answer["notices"] == ["Pertanyaan terlalu panjang dan dipotong menjadi 2000 karakter."]
    for empty in ("", "   \n\t "):
        code, out, err = run_cli(capsys, "ask", empty, "--store", str(store))
        assert code == 1 and out == "" and err == "error: Empty question: please type a question.\n"
    code, out, _ = run_cli(capsys, "ask", "", "--json", "--store", str(store))
    assert code == 1 and json.loads(out)["error"].startswith("Empty question")
    assert docs_json(capsys, store) == before


def test_an_empty_question_ends_the_process_cleanly_while_the_model_still_loads(
    store: Path, real_embedder: SentenceTransformerEmbedder
) -> None:
    # A process of its own: the model starts loading in the background and the command is done before it is.
    env = {**os.environ, "KAWAN_MODEL": real_embedder.name, "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([str(KAWAN_EXE), "ask", "", "--store", str(store)], capture_output=True, text=True,
                          env=env, timeout=300)
    assert done.returncode == 1, done.stderr  # it aborted with 134: "terminate called without an active exception"
    assert "error: Empty question" in done.stderr and "terminate" not in done.stderr


def _decompression_bomb(path: Path, megabytes: int) -> Path:
    """A one-page PDF of ~100 kB whose content stream inflates to `megabytes` MB."""
    import zlib

    from pypdf import PdfWriter
    from pypdf.generic import EncodedStreamObject, NameObject

    packer = zlib.compressobj(9)
    parts = [packer.compress(b"BT /F1 11 Tf 72 770 Td (bom) Tj ET\n")]
    chunk = b" " * 1_000_000
    parts += [packer.compress(chunk) for _ in range(megabytes)]
    parts.append(packer.flush())
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    stream = EncodedStreamObject()
    stream._data = b"".join(parts)
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    page[NameObject("/Contents")] = writer._add_object(stream)
    with path.open("wb") as out:
        writer.write(out)
    return path


def test_a_decompression_bomb_is_bounded(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """pypdf stops inflating a stream at 75 MB, so a small file that inflates to 100 MB costs bounded time and
    memory: its few real words are indexed (one passage), the padding never reaches the store."""
    before = docs_json(capsys, store)
    bomb = _decompression_bomb(tmp_path / "bom.pdf", 100)
    assert bomb.stat().st_size < 1_000_000
    started = time.perf_counter()
    code, out, _ = run_cli(capsys, "ingest", str(bomb), "--store", str(store))
    assert time.perf_counter() - started < 60
    assert code == 0 and out.startswith("indexed   bom.pdf: 1 passage "), out
    docs = docs_json(capsys, store)
    assert len(docs) == len(before) + 1 and next(d for d in docs if d["file"] == "bom.pdf")["passages"] == 1
