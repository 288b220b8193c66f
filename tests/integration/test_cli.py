"""The `kawan` command's contract, with the real model and a real embedded Chroma store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixtures_docs import (
    make_blank_pdf,
    make_random_file,
    make_text_file,
    make_text_pdf,
    make_truncated_pdf,
)
from tests.integration.cli_support import ABSTRACT, REPORT_PAGES, docs_json, run_cli

pytestmark = pytest.mark.integration


@pytest.fixture()
def store(tmp_path: Path, model_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KAWAN_MODEL", str(model_dir))
    return tmp_path / "cli-store"


def test_ingest_ask_docs_remove(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = make_text_pdf(tmp_path / "laporan.pdf", REPORT_PAGES, title="Laporan Kunjungan")
    code, out, _ = run_cli(capsys, "ingest", str(ABSTRACT), str(report), "--store", str(store))
    assert code == 0, out
    assert "indexed   study-abstract.txt: 20 passages" in out
    assert "indexed   laporan.pdf:" in out

    docs = docs_json(capsys, store)
    assert {d["file"] for d in docs} == {"study-abstract.txt", "laporan.pdf"}
    pdf = next(d for d in docs if d["file"] == "laporan.pdf")
    assert pdf["pages"] == 2 and pdf["title"] == "Laporan Kunjungan" and pdf["passages"] >= 2
    for key in ("id", "file", "title", "language", "pages", "passages"):
        assert key in pdf

    code, out, _ = run_cli(capsys, "ask", "What was proposed as the next phase?", "--json", "--store", str(store))
    assert code == 0
    ans = json.loads(out)
    expected = {"question", "language", "answered", "categories_asked", "sections", "citations", "elapsed_ms"}
    assert set(ans) >= expected
    assert ans["answered"] and ans["language"] == "en"
    top = next(c for c in ans["citations"] if c["rank"] == 1)  # the search's best; numbers follow reading order
    assert set(top) >= {"n", "text", "document", "title", "page", "language", "category", "score", "rank"}
    assert top["document"] == "laporan.pdf" and top["page"] == 2 and "Wastewater" in top["text"]
    for s in ans["sections"]:
        assert set(s) >= {"category", "label", "citations"}
        assert s["category"] in {"strength", "weakness", "opportunity", "threat", "other"}

    # The id as `kawan docs` prints it (its first 12 characters) limits a question to that document.
    code, out, _ = run_cli(capsys, "ask", "What was proposed as the next phase?", "--json", "--document",
                           pdf["id"][:12], "--store", str(store))
    assert code == 0 and {c["document"] for c in json.loads(out)["citations"]} == {"laporan.pdf"}
    code, _, err = run_cli(capsys, "ask", "What was proposed as the next phase?", "--document", "deadbeef",
                           "--store", str(store))
    assert code == 1 and "no document with id 'deadbeef'" in err

    code, out, _ = run_cli(capsys, "remove", pdf["id"], "--store", str(store))
    assert code == 0 and "removed laporan.pdf" in out
    assert [d["file"] for d in docs_json(capsys, store)] == ["study-abstract.txt"]
    code, out, _ = run_cli(capsys, "ask", "What was proposed as the next phase?", "--json", "--store", str(store))
    assert all(c["document"] != "laporan.pdf" for c in json.loads(out)["citations"])
    code, _, err = run_cli(capsys, "remove", "deadbeef", "--store", str(store))
    assert code == 1 and "no document" in err


def test_duplicate_is_reported_and_indexed_once(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "copy-of-abstract.txt"
    copy.write_bytes(ABSTRACT.read_bytes())
    code, out, _ = run_cli(capsys, "ingest", str(ABSTRACT), str(copy), "--store", str(store))
    assert code == 0
    assert "duplicate copy-of-abstract.txt: same content as study-abstract.txt" in out
    assert len(docs_json(capsys, store)) == 1
    code, out, _ = run_cli(capsys, "ingest", str(ABSTRACT), "--store", str(store))
    assert code == 0 and out.startswith("duplicate study-abstract.txt")


def test_replace_removes_an_earlier_version_once_the_new_one_is_in(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = make_text_pdf(tmp_path / "laporan.pdf", REPORT_PAGES, title="Laporan Kunjungan")
    (tmp_path / "v2").mkdir()
    second = make_text_pdf(tmp_path / "v2" / "laporan.pdf", [REPORT_PAGES[0], "Composting was proposed next."],
                           title="Laporan Kunjungan")
    code, out, err = run_cli(capsys, "ingest", str(first), "--store", str(store))
    assert code == 0 and "earlier" not in out + err
    (old,) = docs_json(capsys, store)
    # Kept beside the earlier version: the line says so, and `kawan docs` names the newer one under the old.
    code, out, err = run_cli(capsys, "ingest", str(second), "--store", str(store))
    assert code == 0 and "; an earlier version is still indexed, laporan.pdf (id " in out
    new = next(d for d in docs_json(capsys, store) if d["id"] != old["id"])
    code, out, _ = run_cli(capsys, "docs", "--store", str(store))
    assert f"newer version indexed: laporan.pdf (id {new['id'][:12]})" in out
    # The new version again, with --replace: a duplicate, and its earlier version goes.
    code, out, err = run_cli(capsys, "ingest", str(second), "--replace", "--store", str(store))
    assert code == 0, out
    assert out.startswith("duplicate laporan.pdf")
    assert f"; replaced laporan.pdf (id {old['id'][:12]}; same file name, 2 of its 3 passages" in out
    assert err.strip().endswith("0 indexed, 1 duplicate, 0 failed, 1 earlier version replaced")
    assert [d["id"] for d in docs_json(capsys, store)] == [new["id"]]


def test_bad_inputs_each_get_one_line_and_change_nothing(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(capsys, "ingest", str(ABSTRACT), "--store", str(store))[0] == 0
    before = docs_json(capsys, store)

    bad = tmp_path / "bad"
    bad.mkdir()
    good = make_text_pdf(bad / "good.pdf", REPORT_PAGES)
    make_text_pdf(bad / "encrypted.pdf", ["Rahasia: laporan terenkripsi tentang kerja sama."], password="s3cret")
    make_truncated_pdf(bad / "truncated.pdf", good, keep=0.5)
    make_random_file(bad / "random.pdf")
    (bad / "empty.txt").write_bytes(b"")
    make_blank_pdf(bad / "scan.pdf", 3)
    (bad / "notes.xyz").write_text("unsupported")
    big = make_text_file(tmp_path / "big.txt", "kata " * 300_000)  # 1.5 MB

    files = [bad / n for n in ("encrypted.pdf", "truncated.pdf", "random.pdf", "empty.txt", "scan.pdf", "notes.xyz")]
    code, out, err = run_cli(capsys, "ingest", *map(str, files), "--store", str(store))
    assert code == 1
    lines = out.strip().splitlines()
    assert len(lines) == 6 and all(line.startswith("FAILED") for line in lines), out
    by_file = {line.split()[1].rstrip(":"): line for line in lines}
    assert "password" in by_file["encrypted.pdf"]
    assert "damaged" in by_file["truncated.pdf"] or "not a PDF" in by_file["truncated.pdf"]
    assert "damaged" in by_file["random.pdf"] or "not a PDF" in by_file["random.pdf"]
    assert "empty" in by_file["empty.txt"]
    assert "OCR" in by_file["scan.pdf"]
    assert "unsupported" in by_file["notes.xyz"]
    assert "Traceback" not in out + err
    assert docs_json(capsys, store) == before

    # The size limit is a setting.
    os.environ["KAWAN_MAX_FILE_MB"] = "1"
    try:
        code, out, _ = run_cli(capsys, "ingest", str(big), "--store", str(store))
    finally:
        del os.environ["KAWAN_MAX_FILE_MB"]
    assert code == 1 and "size limit" in out

    # A folder with one good and one damaged file: the good one is still indexed.
    code, out, _ = run_cli(capsys, "ingest", str(bad), "--store", str(store))
    assert code == 1
    assert "indexed   good.pdf" in out
    assert len(docs_json(capsys, store)) == len(before) + 1

    code, out, _ = run_cli(capsys, "ingest", str(bad / "encrypted.pdf"), "--password", "s3cret", "--store", str(store))
    assert code == 0 and "indexed   encrypted.pdf" in out


def test_console_script_batch_mode(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "ingest", str(ABSTRACT), "--store", str(store))[0] == 0
    exe = Path(sys.executable).parent / "kawan"
    questions = "Lembaga apa yang dapat mendanai kerja sama ini?\n\nWhat obstacles did the cooperation face?\n"
    proc = subprocess.run(
        [str(exe), "ask", "--json", "-", "--store", str(store)],
        input=questions, capture_output=True, text=True, timeout=300, env={**os.environ},
    )
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["language"] for r in rows] == ["id", "en"]
    assert rows[0]["answered"] and rows[1]["categories_asked"] == ["weakness", "threat"]
    assert "Traceback" not in proc.stderr


def test_a_chat_on_the_command_line_reads_follow_ups_as_the_app_does(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(capsys, "ingest", str(ABSTRACT), "--store", str(store))[0] == 0
    code, out, _ = run_cli(capsys, "ask", "--json", "Apa saja tahapannya?", "--after",
                           "Bagaimana penelitian ini menganalisis datanya?", "--store", str(store))
    row = json.loads(out)
    assert code == 0 and row["answered"]
    assert row["notices"][0].startswith("Pertanyaan lanjutan, dipahami sebagai: Apa saja tahapannya: penelitian")
    assert any("kondensasi data" in c["text"] for c in row["citations"])
    # Without --after the same words are asked alone: no follow-up notice.
    code, out, _ = run_cli(capsys, "ask", "--json", "Apa saja tahapannya?", "--store", str(store))
    assert not any(n.startswith("Pertanyaan lanjutan") for n in json.loads(out)["notices"])


def test_readable_answer(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "ingest", str(ABSTRACT), "--store", str(store))[0] == 0
    code, out, _ = run_cli(capsys, "ask", "Apa saja hambatan kerja sama ini?", "--store", str(store))
    assert code == 0
    assert "## Kelemahan" in out and "## Ancaman" in out and "hlm. 1" in out


def test_a_reader_that_stops_early_gets_no_traceback(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`kawan docs | head -1`: the pipe closes before kawan writes; it stops quietly instead of a traceback."""
    assert run_cli(capsys, "ingest", str(ABSTRACT), "--store", str(store))[0] == 0
    exe = Path(sys.executable).parent / "kawan"
    proc = subprocess.Popen([str(exe), "docs", "--store", str(store)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ})
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before the first line is written
    err = proc.stderr.read()
    assert proc.wait(timeout=300) == 1
    assert "Traceback" not in err and "BrokenPipeError" not in err, err


def test_a_line_of_two_questions_gets_two_answers_each_saying_which(
    store: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(capsys, "ingest", str(ABSTRACT), "--store", str(store))[0] == 0
    message = "Apa saja hambatan kerja sama ini? Bagaimana penelitian ini menganalisis datanya?"
    code, out, _ = run_cli(capsys, "ask", "--json", message, "--store", str(store))
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [r["part"] for r in rows] == [
        {"n": 1, "of": 2, "question": "Apa saja hambatan kerja sama ini?"},
        {"n": 2, "of": 2, "question": "Bagaimana penelitian ini menganalisis datanya?"}]
    assert rows[0]["categories_asked"] == ["weakness", "threat"]
    assert any("kondensasi data" in c["text"] for c in rows[1]["citations"])
    code, out, _ = run_cli(capsys, "ask", message, "--store", str(store))
    assert code == 0 and out.index("Pertanyaan 1 dari 2: Apa saja hambatan") < out.index("## Kelemahan")
    assert out.index("## Kelemahan") < out.index("Pertanyaan 2 dari 2: Bagaimana penelitian")
    # One question: one answer, and "part" is there, null.
    code, out, _ = run_cli(capsys, "ask", "--json", "Apa saja hambatan kerja sama ini?", "--store", str(store))
    assert code == 0 and json.loads(out)["part"] is None
