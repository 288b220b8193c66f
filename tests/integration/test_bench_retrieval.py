"""The retrieval benchmark's core runs end to end on tiny files with the real model, store and search."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.retrieval import BenchDataError, load_file, main, off_topic_pairs, run_benchmark
from knowledge.embedder import SentenceTransformerEmbedder

pytestmark = pytest.mark.integration

CITY = [
    ("Kapan Bandung dan Kawasaki menandatangani kerja sama kota kembar?",
     "Bandung dan Kawasaki menandatangani kerja sama kota kembar pada tahun 2016."),
    ("Apa masalah utama pengelolaan sampah di Bandung?",
     "Masalah utama pengelolaan sampah di Bandung adalah tempat pembuangan akhir yang penuh."),
    ("Siapa yang mendanai program pelatihan?",
     "Program pelatihan didanai oleh JICA melalui skema kerja sama teknis."),
    ("Berapa jumlah penduduk Kawasaki?", "Kawasaki memiliki sekitar 1,5 juta penduduk."),
    ("Apa itu Eco-Town Kawasaki?", "Eco-Town Kawasaki adalah kawasan industri daur ulang sejak 1997."),
]
KITCHEN = [
    ("How long should bread dough rise?", "Let the bread dough rise for about two hours in a warm place."),
    ("What temperature is best for roasting vegetables?", "Roast vegetables at 220 degrees Celsius."),
    ("How do you keep pasta from sticking?", "Stir pasta often and use plenty of boiling water."),
    ("Which oil is best for frying?", "Oils with a high smoke point, like peanut oil, are best for frying."),
    ("How do I store fresh herbs?", "Store fresh herbs in a glass of water in the fridge."),
]


def _write(path: Path, rows: list[tuple[str, str]], lang: str, pid_prefix: str = "") -> Path:
    pid_prefix = pid_prefix or path.stem
    with path.open("w", encoding="utf-8") as fh:
        for i, (q, p) in enumerate(rows):
            fh.write(json.dumps({"id": f"{path.stem}-{i}", "lang": lang, "question": q, "passage": p,
                                 "passage_id": f"{pid_prefix}-p{i}", "source": "test", "license": "CC0"}) + "\n")
    return path


def test_benchmark_returns_figures_per_file_and_mode(
    tmp_path: Path, real_embedder: SentenceTransformerEmbedder, capsys: pytest.CaptureFixture[str]
) -> None:
    city = _write(tmp_path / "city.jsonl", CITY, "id")
    kitchen = _write(tmp_path / "kitchen.jsonl", KITCHEN, "en")
    report = run_benchmark([city, kitchen], model=real_embedder.name, cache_dir=tmp_path / "cache",
                           with_abstention=True, loaded=real_embedder)
    assert set(report) == {"city.jsonl", "kitchen.jsonl", "_abstention"}
    for name in ("city.jsonl", "kitchen.jsonl"):
        assert set(report[name]) == {"bm25", "dense", "hybrid"}
        for figures in report[name].values():
            assert set(figures) == {"r1", "r5", "mrr10", "p50_ms", "p95_ms"}
            assert 0.0 <= figures["r1"] <= figures["r5"] <= 1.0
            assert figures["p50_ms"] <= figures["p95_ms"]
        # Questions that restate their passage: every mode finds the gold first.
        assert report[name]["hybrid"]["r1"] == 1.0
        assert report[name]["dense"]["mrr10"] == 1.0
    ab = report["_abstention"]
    assert ab["on_topic_n"] == 10 and ab["off_topic_n"] == 10
    assert ab["on_topic_answered"] == 1.0
    # Each question restates one passage: its answer cites that passage, and hardly any other (3.3 without
    # the band around the best cosine).
    assert ab["gold_cited"] == 1.0 and 1.0 <= ab["cited_per_answer"] < 2
    # Cached vectors: a second run needs no new embedding and gives the same quality figures.
    again = run_benchmark([city], model=real_embedder.name, cache_dir=tmp_path / "cache", modes=["dense"],
                          loaded=real_embedder)
    assert again["city.jsonl"]["dense"]["r1"] == report["city.jsonl"]["dense"]["r1"]


def test_related_files_are_never_asked_against_each_other(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.jsonl", CITY, "id")
    b = _write(tmp_path / "b.jsonl", CITY[:2], "id", pid_prefix="a")  # shares passage ids with a
    c = _write(tmp_path / "c.jsonl", KITCHEN, "en")
    files = [load_file(p) for p in (a, b, c)]
    assert off_topic_pairs(files) == [(0, 2), (1, 2), (2, 0)]


def test_bad_rows_are_named_by_file_line_and_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"question": "q", "passage": "p", "passage_id": "x"}\n{"question": "q2", "passage": "p"}\n')
    with pytest.raises(BenchDataError, match=r"bad.jsonl:2: field 'passage_id'"):
        load_file(bad)
    assert main([str(bad)]) == 1
    assert capsys.readouterr().err.startswith("error: ")
