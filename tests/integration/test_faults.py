"""Crashes, two writers, askers during an ingest, remove: the store stays whole (real model, real Chroma)."""

from __future__ import annotations

import hashlib
import os
import signal
import threading
from pathlib import Path
from typing import Any

import pytest

import kawan
from ingest.pipeline import ingest_paths
from knowledge.config import Settings
from knowledge.embedder import Embedder, SentenceTransformerEmbedder
from knowledge.service import Kawan
from knowledge.store import Store
from knowledge.token_states import STATES_FOLDER
from tests.fixtures_docs import make_text_pdf
from tests.integration.cli_support import (
    ABSTRACT,
    REPORT_PAGES,
    docs_json,
    run_cli,
    share_model,
    start_ingest,
    wait_for_file,
)

pytestmark = pytest.mark.integration


@pytest.fixture()
def store(tmp_path: Path, real_embedder: SentenceTransformerEmbedder, monkeypatch: pytest.MonkeyPatch) -> Path:
    share_model(monkeypatch, real_embedder)
    return tmp_path / "store"


def test_sigkill_mid_ingest_and_a_second_writer(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    model = os.environ["KAWAN_MODEL"]
    report = make_text_pdf(tmp_path / "laporan.pdf", REPORT_PAGES)
    report_id = hashlib.sha256(report.read_bytes()).hexdigest()
    other = tmp_path / "catatan.txt"
    other.write_text("Catatan rapat: pelatihan pengomposan untuk dua puluh petugas kelurahan di Bandung.\n")
    assert run_cli(capsys, "ingest", str(ABSTRACT), "--store", str(store))[0] == 0
    before = docs_json(capsys, store)

    # A real `kawan ingest` stops after its passages are stored, before the registry record, holding the lock.
    marker = tmp_path / "paused"
    proc = start_ingest(store, [report], model, pause_marker=marker)
    second: list[int] = []
    try:
        wait_for_file(marker, proc)
        assert docs_json(capsys, store) == before  # half a document is never visible
        code, out, _ = run_cli(capsys, "check", "--store", str(store))
        assert code == 1 and f"orphan_passages   {report_id[:24]}" in out
        # Writers with a short wait refuse with one clear line: a repair never races a live writer.
        monkeypatch.setenv("KAWAN_LOCK_TIMEOUT", "1")
        for command in (["ingest", str(other)], ["check", "--repair"], ["remove", before[0]["id"]]):
            code, out, err = run_cli(capsys, *command, "--store", str(store))
            assert code == 1 and out == "", command
            assert err.startswith("error: another process is writing to the store") and err.count("\n") == 1
        monkeypatch.delenv("KAWAN_LOCK_TIMEOUT")
        # A second `kawan ingest` with the default wait queues behind the first one...
        waiter = threading.Thread(
            target=lambda: second.append(kawan.main(["ingest", str(report), str(other), "--store", str(store)]))
        )
        waiter.start()
        waiter.join(timeout=2)
        assert waiter.is_alive() and not second
        # ...and the first one dies by SIGKILL between its passages and its record.
        os.kill(proc.pid, signal.SIGKILL)
        waiter.join(timeout=300)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert second == [0]
    out, err = capsys.readouterr()
    assert "indexed   laporan.pdf" in out and "indexed   catatan.txt" in out, out + err
    assert "Traceback" not in out + err
    # The next writer swept the dead one's orphans before indexing: one copy of each document, nothing partial.
    docs = docs_json(capsys, store)
    assert sorted(d["file"] for d in docs) == ["catatan.txt", "laporan.pdf", "study-abstract.txt"]
    counts = Store(Settings(store=store)).passage_counts()
    assert counts == {d["id"]: d["passages"] for d in docs}
    code, out, _ = run_cli(capsys, "check", "--store", str(store))
    assert code == 0 and out.startswith("ok:")


def test_askers_keep_answering_while_an_ingest_runs(
    tmp_path: Path, real_embedder: SentenceTransformerEmbedder
) -> None:
    kawan = Kawan(Settings(store=tmp_path / "store", model=real_embedder.name), embedder=real_embedder)
    assert not any(r.failed for r in ingest_paths(kawan, [ABSTRACT]))
    big = tmp_path / "panjang.txt"
    big.write_text("\f".join(f"Halaman {i}: {REPORT_PAGES[i % 2]} Kegiatan nomor {i}." for i in range(24)))
    errors: list[BaseException] = []
    answered: list[bool] = []

    def ask(n: int) -> None:
        for q in ("Apa saja hambatan kerja sama ini?", "What obstacles did the cooperation face?")[: n]:
            try:
                answered.append(kawan.ask(q).answered)
            except BaseException as exc:  # any failure is the finding
                errors.append(exc)

    ingest = threading.Thread(target=lambda: ingest_paths(kawan, [big]))
    askers = [threading.Thread(target=ask, args=(2,)) for _ in range(3)]
    ingest.start()
    for t in askers:
        t.start()
    for t in [ingest, *askers]:
        t.join(timeout=300)
    assert not errors, errors
    assert len(answered) == 6 and all(answered)
    assert [d.file for d in kawan.store.documents()].count("panjang.txt") == 1


def test_ingest_leaves_the_search_ready_for_a_new_process(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    report = make_text_pdf(tmp_path / "laporan.pdf", REPORT_PAGES)
    assert run_cli(capsys, "ingest", str(ABSTRACT), str(report), "--store", str(store))[0] == 0
    fresh = Kawan(Settings(store=store))
    folder = store / "lexical" / f"kawan-{fresh.store.generation()}"
    assert (folder / "vectors.npy").is_file() and (folder / "passages.json").is_file()
    # The first question of a new process loads them: it never reads the whole store back.
    whole: list[dict] = []
    real_get = fresh.store.get_passages
    monkeypatch.setattr(fresh.store, "get_passages",
                        lambda *a, **kw: (None if kw.get("ids") else whole.append(kw)) or real_get(*a, **kw))
    answer = fresh.ask("What obstacles did the Bandung-Kawasaki cooperation face?")
    assert answer.answered and whole == []
    assert len(fresh.searcher.table) == fresh.store.count_passages()


def test_remove_leaves_no_passage_keyword_entry_or_file(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = make_text_pdf(tmp_path / "laporan.pdf", REPORT_PAGES)
    assert run_cli(capsys, "ingest", str(ABSTRACT), str(report), "--store", str(store))[0] == 0
    doc = next(d for d in docs_json(capsys, store) if d["file"] == "laporan.pdf")
    kawan = Kawan(Settings(store=store))
    assert doc["id"] in kawan.searcher.table.doc_ids
    assert (store / "files" / doc["stored_file"]).is_file()

    code, out, _ = run_cli(capsys, "remove", doc["id"][:10], "--store", str(store))
    assert code == 0 and "removed laporan.pdf" in out
    fresh = Kawan(Settings(store=store))
    passages, _ = fresh.store.get_passages(where={"doc_id": doc["id"]})
    assert passages == []
    assert not (store / "files" / doc["stored_file"]).exists()
    index, table = fresh.searcher.lexical_index(), fresh.searcher.table
    assert doc["id"] not in table.doc_ids
    prefix = doc["id"][:24]  # passage ids start with the document id
    assert not any(pid.startswith(prefix) for pid in index.ids)
    assert all(table.doc_id(h.id) != doc["id"] for h in index.search("Wastewater composting", "en", k=50,
                                                                     allowed=lambda pid: True))
    # Only the current generation's keyword index is kept on disk.
    assert [p.name for p in (store / "lexical").iterdir()] == [f"kawan-{fresh.store.generation()}"]
    code, out, _ = run_cli(capsys, "check", "--store", str(store))
    assert code == 0, out


def test_remove_forgets_the_token_states_kept_of_its_passages(
    tmp_path: Path, product_embedder: Embedder, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    share_model(monkeypatch, product_embedder)  # type: ignore[arg-type]
    store = tmp_path / "store"
    embedder: Any = product_embedder
    before = embedder.kept_states
    embedder.keep_passage_states(store / STATES_FOLDER)
    try:
        report = make_text_pdf(tmp_path / "laporan.pdf", REPORT_PAGES)
        assert run_cli(capsys, "ingest", str(ABSTRACT), str(report), "--store", str(store))[0] == 0
        doc = next(d for d in docs_json(capsys, store) if d["file"] == "laporan.pdf")
        passages, _ = Store(Settings(store=store)).get_passages()
        removed = [p.text for p in passages if p.doc_id == doc["id"]]
        others = [p.text for p in passages if p.doc_id != doc["id"] and p.text not in removed]
        assert removed and others and embedder.missing_passage_states(removed + others) == []

        assert run_cli(capsys, "remove", doc["id"][:10], "--store", str(store))[0] == 0
        assert embedder.missing_passage_states(removed) == removed
        assert embedder.missing_passage_states(others) == []  # the abstract's stay
    finally:
        embedder.keep_passage_states(before.path.parent if before is not None else None)
