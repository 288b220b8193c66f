"""What ingest asks the store to label translations together (real embedded Chroma, hand-made vectors)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from knowledge.config import Settings
from knowledge.store import ModelRecord, Store
from knowledge.types import DocumentRecord, Passage


def _store(tmp_path: Path) -> tuple[Store, list[Passage]]:
    store = Store(Settings(store=tmp_path / "store"), ModelRecord("hand-made", 3))
    passages = [
        Passage(id=pid, doc_id="doc", index=i, text=pid, page=1, start=0, end=1, language=lang,
                category="other", confidence=0.5)
        for i, (pid, lang) in enumerate([("en-a", "en"), ("en-b", "en"), ("id-a", "id")])
    ]
    vectors = np.array([[1, 0, 0], [0, 1, 0], [0.6, 0.8, 0]], dtype=np.float32)
    record = DocumentRecord(id="doc", file="doc.txt", title="doc", language="id+en", pages=1, passages=3)
    store.add_document(record, passages, vectors, {1: ""})
    return store, passages


def test_nearest_passage_in_another_language(tmp_path: Path) -> None:
    store, _ = _store(tmp_path)
    asked = np.array([[1, 0, 0], [0, 1, 0], [0.999, 0.05, 0]], dtype=np.float32)
    got = store.nearest_in_other_language(asked, ["id", "en", "ja"])
    # Translations pair Indonesian and English only: a Japanese passage has none.
    assert [g[0] if g else None for g in got] == ["en-a", "id-a", None]
    assert abs(got[1][1] - 0.8) < 1e-5  # type: ignore[index]
    # No passage in another language than the one asked about: None, not an error.
    english_only = Store(Settings(store=tmp_path / "other"), ModelRecord("hand-made", 3))
    assert english_only.nearest_in_other_language(asked[:1], ["en"]) == [None]


def test_new_labels_reach_the_filters_and_the_search_generation(tmp_path: Path) -> None:
    store, passages = _store(tmp_path)
    generation = store.generation()
    store.update_labels([replace(passages[2], category="threat", confidence=0.7)])
    assert store.generation() == generation + 1
    got = {p.id: p for p in store.get_passages()[0]}
    assert (got["id-a"].category, got["id-a"].confidence, got["id-a"].text) == ("threat", 0.7, "id-a")
    assert [p.id for p in store.get_passages(where={"has_threat": True})[0]] == ["id-a"]
    assert got["en-a"] == passages[0]
    store.update_labels([])
    assert store.generation() == generation + 1
