"""Passage token states kept on disk (knowledge/token_states.py): what the match reads, kept in int8 closely
enough, found again by text after a restart, and out of the way when the disk says no."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from knowledge.token_match import match_prepared, prepared, token_match
from knowledge.token_states import (
    PassageStates,
    StateCache,
    dequantise,
    forget_texts,
    model_tag,
    open_cache,
    quantise,
    text_key,
)

RNG = np.random.default_rng(7)


def _rows(n: int, d: int = 16) -> np.ndarray:
    return prepared(RNG.normal(size=(n, d)), np.zeros(d, dtype=np.float32))


def test_int8_rows_keep_the_match_within_a_thousandth() -> None:
    centre = RNG.normal(size=32).astype(np.float32)
    question, passage = RNG.normal(size=(6, 32)) + centre, RNG.normal(size=(40, 32)) + centre
    weights = RNG.uniform(0, 3, size=6)
    exact = token_match(question, passage, weights, centre)
    values, scales = quantise(prepared(passage, centre))
    assert values.dtype == np.int8 and scales.shape == (40,)
    kept = match_prepared(prepared(question, centre), dequantise(values, scales), weights)
    assert kept == pytest.approx(exact, abs=1e-3)
    assert kept != exact  # really quantised: the test would notice a float copy


def test_prepared_rows_are_centred_and_of_unit_length() -> None:
    centre = np.array([5.0, 0.0, 0.0])
    rows = prepared(np.array([[5.0, 2.0, 0.0], [5.0, 0.0, -3.0]]), centre)
    assert np.allclose(rows, [[0, 1, 0], [0, 0, -1]])


def test_states_are_found_again_by_key_after_the_file_is_reopened(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    first, second = _rows(5), _rows(9)
    cache = StateCache(path, 16)
    cache.put_many([("a", first), ("b", second)])
    cache.close()
    again = StateCache(path, 16)
    a, b = again.get("a"), again.get("b")
    assert a is not None and b is not None
    assert a.shape == (5, 16) and b.shape == (9, 16)
    assert np.abs(a - first).max() < 0.01 and np.abs(b - second).max() < 0.01
    assert again.get("c") is None
    assert again.missing(["c", "a", "d", "b"]) == ["c", "d"]


def test_missing_reads_more_keys_than_one_statement_binds(tmp_path: Path) -> None:
    cache = StateCache(tmp_path / "s.sqlite", 16)
    keys = [f"k{i}" for i in range(1200)]
    cache.put_many((k, _rows(1)) for k in keys[::2])
    assert cache.missing(keys) == keys[1::2]


def test_a_failed_write_leaves_the_kept_states_as_they_were(tmp_path: Path) -> None:
    cache = StateCache(tmp_path / "s.sqlite", 16)
    cache.put_many([("a", _rows(3))])
    with pytest.raises(ValueError):
        cache.put_many([("b", _rows(2)), ("c", np.zeros((2, 7)))])  # 14 values are no rows of 16
    assert cache.keys() == {"a"}


def test_a_folder_that_cannot_be_written_turns_the_cache_off(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert open_cache(blocker / "states", "model", np.zeros(4), "p: ") is None


def test_removed_states_give_their_pages_back(tmp_path: Path) -> None:
    cache = StateCache(tmp_path / "s.sqlite", 384)
    cache.put_many([(f"k{i}", _rows(60, 384)) for i in range(40)])
    cache.delete([f"k{i}" for i in range(30)])
    cache.close()
    db = sqlite3.connect(tmp_path / "s.sqlite")
    pages, free, size = (db.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "freelist_count", "page_size"))
    db.close()
    assert free == 0
    assert pages * size < 10 * 60 * 400 * 1.5  # what 10 passages of 60 tokens take, with room for the index


def test_a_damaged_file_is_moved_aside_and_started_afresh(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / f"states-{model_tag('model', np.zeros(4), 'p: ')}.sqlite"
    path.write_bytes(b"not a database" * 100)
    cache = open_cache(tmp_path, "model", np.zeros(4), "p: ")
    assert cache is not None and cache.path == path
    cache.put_many([("a", _rows(2, 4))])
    assert cache.keys() == {"a"}
    assert (tmp_path / f"{path.name}.damaged").read_bytes() == b"not a database" * 100  # kept, for a look
    assert "damaged" in caplog.text and path.name in caplog.text


def test_another_model_or_centre_gets_another_file() -> None:
    centre = np.zeros(4)
    tag = model_tag("e5-small", centre, "passage: ")
    assert model_tag("/m/e5-small", centre, "passage: ") == model_tag("/other/e5-small/", centre, "passage: ") == tag
    assert model_tag("gemma", centre, "passage: ") != tag
    assert model_tag("e5-small", centre + 1, "passage: ") != tag
    assert model_tag("e5-small", centre, "") != tag


def test_keys_tell_texts_apart() -> None:
    assert text_key("a") != text_key("b") and text_key("a") == text_key("a")


def test_a_removed_document_s_states_are_forgotten_in_every_model_s_file(tmp_path: Path) -> None:
    caches = [StateCache(tmp_path / f"states-{name}.sqlite", 16) for name in ("m1", "m2")]
    for cache in caches:
        cache.put_many([(text_key("gone"), _rows(2)), (text_key("kept"), _rows(2))])
    forget_texts(tmp_path, ["gone", "never kept"])
    assert [c.keys() for c in caches] == [{text_key("kept")}] * 2
    forget_texts(tmp_path / "no such folder", ["kept"])  # nothing kept yet: nothing to do


def test_the_file_is_sqlite_that_another_reader_can_open(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    StateCache(path, 16).put_many([("a", _rows(2))])
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT key, rows FROM states").fetchall() == [("a", 2)]


def test_passage_states_come_from_memory_then_disk_and_are_shared_read_only(tmp_path: Path) -> None:
    states = PassageStates(memory_bytes=10**6)
    rows = _rows(4)
    states.put([("a", rows)])  # no disk yet: memory only
    assert states.get("a") is rows and states.missing(["a"]) == ["a"]
    with pytest.raises(ValueError):
        rows[0, 0] = 1.0
    states.use_disk(StateCache(tmp_path / "s.sqlite", 16))
    states.put([("b", _rows(3))], remember=False)  # as ingest keeps them: on disk only
    assert states.missing(["a", "b"]) == ["a"]
    states.forget_memory()
    assert states.get("a") is None
    b = states.get("b")
    assert b is not None and b.shape == (3, 16) and not b.flags.writeable


def test_a_disk_that_refuses_the_states_leaves_them_in_memory(tmp_path: Path) -> None:
    cache = StateCache(tmp_path / "s.sqlite", 16)
    states = PassageStates(memory_bytes=10**6)
    states.use_disk(cache)
    cache.close()  # every statement now fails as a locked or vanished file would
    rows = _rows(2)
    states.put([("a", rows)])
    assert states.get("a") is rows
    states.forget_memory()
    assert states.get("a") is None  # the refused read is a miss, not an error
