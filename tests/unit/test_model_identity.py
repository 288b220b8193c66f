"""A store opens with the model that filled it wherever the project lies, and with no other model."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from knowledge.config import Settings, model_identity
from knowledge.integrity import find_problems, inspect
from knowledge.store import ModelMismatchError, ModelRecord, Store
from knowledge.types import DocumentRecord, Passage


def _filled(store_dir: Path, model: str) -> None:
    store = Store(Settings(store=store_dir), ModelRecord(model, 3))
    passage = Passage(id="p", doc_id="doc", index=0, text="teks", page=1, start=0, end=4, language="id",
                      category="other", confidence=0.5)
    record = DocumentRecord(id="doc", file="doc.txt", title="doc", language="id", pages=1, passages=1)
    store.add_document(record, [passage], np.array([[1, 0, 0]], dtype=np.float32), {1: "teks"})


def test_a_moved_project_opens_its_store_with_its_model_folder(tmp_path: Path) -> None:
    old = tmp_path / "srv" / "kawan"
    _filled(old / "data" / "store", str(old / "models" / "multilingual-e5-small"))
    new = tmp_path / "home" / "ana" / "kawan"
    shutil.copytree(old / "data", new / "data")
    moved = str(new / "models" / "multilingual-e5-small")
    store = Store(Settings(store=new / "data" / "store"), ModelRecord(moved, 3))
    assert store.count_passages() == 1
    assert not [p for p in find_problems(inspect(store, moved)) if p.kind == "model"]


@pytest.mark.parametrize("other", ["/srv/kawan/models/embeddinggemma-300m", "intfloat/multilingual-e5-small"])
def test_another_model_is_still_refused(tmp_path: Path, other: str) -> None:
    _filled(tmp_path / "store", "/srv/kawan/models/multilingual-e5-small")
    with pytest.raises(ModelMismatchError, match="was built with model"):
        Store(Settings(store=tmp_path / "store"), ModelRecord(other, 3))
    store = Store(Settings(store=tmp_path / "store"))
    assert [p.kind for p in find_problems(inspect(store, other)) if p.kind == "model"] == ["model"]


def test_model_identity() -> None:
    assert model_identity("/a/models/e5") == model_identity("/b/c/models/e5") == "folder:e5"
    assert model_identity("./models/e5") == "folder:e5"
    assert model_identity("intfloat/multilingual-e5-small") == "intfloat/multilingual-e5-small"
