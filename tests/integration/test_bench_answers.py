"""The answer benchmark runs end to end on the shipped sources with the real model, ingest and service."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.answers import main, run

pytestmark = pytest.mark.integration


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_answers_are_scored_on_the_shipped_sources(tmp_path: Path) -> None:
    facts = _jsonl(tmp_path / "facts.jsonl", [
        {"question": "Kapan MoU pertama Bandung–Kawasaki ditandatangani?", "expect_text": "18 Februari 2016"},
        {"question": "How big is the Kawasaki Eco-Town?", "expect_any": ["2,800 hectares", "2.800 hektare"]},
        # Answered, but no passage holds this text: the benchmark must not count it.
        {"question": "How big is the Kawasaki Eco-Town?", "expect_text": "9,999 hectares"},
    ])
    off = _jsonl(tmp_path / "off.jsonl", [{"question": "How do I bake sourdough bread at home?"},
                                           {"question": "Who wrote the study?"}])
    result = run([facts], [off])
    f = result["facts.jsonl"]
    assert f["n"] == 3 and f["answered"] == 1.0 and f["tentative"] == 0.0
    assert f["cited"] == pytest.approx(2 / 3) and f["first"] == pytest.approx(2 / 3)
    assert f["shown_first"] == pytest.approx(2 / 3) and f["citations_per_answer"] >= 1
    # The second is answered with the study's method sentences, marked tentative (the documents name no author).
    assert result["off.jsonl"] == {"n": 2, "refused": 0.5, "tentative": 0.5}


def test_a_bad_question_file_is_named_and_nothing_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = _jsonl(tmp_path / "bad.jsonl", [{"question": "Siapa wali kota Kawasaki?"}])
    assert main([str(bad), "--off"]) == 2
    assert "bad.jsonl:1: field 'expect_text' or 'expect_any' is missing or empty" in capsys.readouterr().err
