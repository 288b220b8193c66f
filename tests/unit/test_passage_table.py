"""The passage table answers the filters exactly as the passages would, and survives a save and load."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest

from knowledge.passage_table import PassageTable
from knowledge.types import Factor, Filters, Passage


def _passages() -> list[Passage]:
    out = []
    for i, (doc, lang, kind, cat, factor) in enumerate(itertools.product(
        ("a", "b"), ("id", "en"), ("study", "upload"), ("strength", "other"), ("", "threat")
    )):
        factors = (Factor("x", 0, 1, factor, 0.9),) if factor else ()
        out.append(Passage(id=f"p{i}", doc_id=doc, index=i, text=f"t{i}", page=1, start=0, end=2, language=lang,
                           kind=kind, category=cat, factors=factors))
    return out


FILTERS = [
    Filters(),
    Filters(doc_ids=("a",)),
    Filters(languages=("en",), kinds=("study",)),
    Filters(categories=("strength",)),
    Filters(contains="threat"),
    Filters(contains="strength", doc_ids=("b",)),
    Filters(contains="weakness"),
]


@pytest.mark.parametrize("filters", FILTERS)
def test_allows_agrees_with_the_passage_filter(filters: Filters, tmp_path: Path) -> None:
    passages = _passages()
    table = PassageTable.from_passages(passages, np.eye(len(passages), dtype=np.float32))
    table.write(tmp_path)
    loaded = PassageTable.load(tmp_path)
    for t in (table, loaded):
        assert [t.allows(p.id, filters) for p in passages] == [filters.allows(p) for p in passages]
    assert not loaded.allows("unknown", Filters())


def test_similarity_reads_the_rows_of_the_given_passages(tmp_path: Path) -> None:
    passages = _passages()[:3]
    vectors = np.array([[1, 0], [0, 1], [0.6, 0.8]], dtype=np.float32)
    PassageTable.from_passages(passages, vectors).write(tmp_path)
    table = PassageTable.load(tmp_path)
    assert table.similarity(["p2", "p0"], np.array([0, 1], dtype=np.float32)) == pytest.approx([0.8, 0.0])
    assert table.similarity([], np.array([0, 1], dtype=np.float32)) == []
    assert table.language("p1") == passages[1].language and table.doc_id("p2") == passages[2].doc_id


@pytest.mark.parametrize("filters", FILTERS)
def test_nearest_ranks_the_admitted_passages_by_cosine(filters: Filters, tmp_path: Path) -> None:
    passages = _passages()
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(len(passages), 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    PassageTable.from_passages(passages, vectors).write(tmp_path)
    table = PassageTable.load(tmp_path)  # memory-mapped vectors, as a new process reads them
    query = vectors[3] + 0.1
    admitted = [i for i, p in enumerate(passages) if filters.allows(p)]
    expected = sorted(admitted, key=lambda i: -float(vectors[i] @ query))
    for n in (1, 5, len(passages) + 3):
        got = table.nearest(query, n, filters)
        assert [pid for pid, _ in got] == [passages[i].id for i in expected[:n]]
        assert [sim for _, sim in got] == pytest.approx([float(vectors[i] @ query) for i in expected[:n]], abs=1e-5)
    assert table.nearest(query, 0, filters) == []


def test_nearest_breaks_ties_by_table_order_and_keeps_masks_per_filters() -> None:
    passages = _passages()[14:18]  # two of document a, two of b
    table = PassageTable.from_passages(passages, np.ones((4, 2), dtype=np.float32) / np.sqrt(2))
    assert [pid for pid, _ in table.nearest(np.array([1, 0], dtype=np.float32), 3)] == ["p14", "p15", "p16"]
    only_a = Filters(doc_ids=("a",))
    first = table.admitted(only_a)
    assert first is not None and first.tolist() == [True, True, False, False]
    assert table.admitted(only_a) is first  # computed once
    assert table.admitted(Filters()) is None  # no filter: every row, no mask


def test_columns_of_unequal_length_are_refused() -> None:
    with pytest.raises(ValueError, match="one value per passage"):
        PassageTable(["a", "b"], ["d"], ["id"], ["upload"], ["other"], [{"other"}], np.zeros((2, 2)))


def test_a_table_of_another_format_is_refused(tmp_path: Path) -> None:
    passages = _passages()[:2]
    PassageTable.from_passages(passages, np.eye(2, dtype=np.float32)).write(tmp_path)
    columns = json.loads((tmp_path / "passages.json").read_text(encoding="utf-8"))
    columns["format"] = 1
    (tmp_path / "passages.json").write_text(json.dumps(columns), encoding="utf-8")
    with pytest.raises(ValueError, match="another format"):
        PassageTable.load(tmp_path)


def test_translations_are_mutually_closest_across_languages_in_the_whole_table() -> None:
    def p(pid: str, lang: str) -> Passage:
        return Passage(id=pid, doc_id="d", index=0, text=pid, page=1, start=0, end=1, language=lang)

    def unit(*v: float) -> list[float]:
        return list(np.array(v) / np.linalg.norm(v))

    vectors = np.array([unit(1, 0, 0), unit(0.95, 0.3, 0), unit(0.92, 0, 0.4), unit(0, 1, 0)], dtype=np.float32)
    table = PassageTable.from_passages([p("id1", "id"), p("en1", "en"), p("en2", "en"), p("en3", "en")], vectors)
    # en2's closest Indonesian passage is id1, but id1's closest English one is en1: only id1/en1 pair up,
    # whichever passages are asked about (the whole table is looked through).
    assert table.translations(["id1", "en1", "en2", "en3"], 0.84) == {"id1": "en1", "en1": "id1"}
    assert table.translations(["en2", "en3"], 0.84) == {}
    assert table.translations(["en1"], 0.84) == {"en1": "id1"}
    assert table.translations(["id1", "en1"], 0.99) == {}  # not close enough
    assert table.translations(["unknown"], 0.0) == {}


def test_kind_rows_mark_the_passages_of_one_kind_in_table_order() -> None:
    passages = _passages()
    table = PassageTable.from_passages(passages, np.eye(len(passages), dtype=np.float32))
    assert table.kind_rows("study").tolist() == [p.kind == "study" for p in passages]
    assert not table.kind_rows("background").any()
