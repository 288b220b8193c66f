"""Kawan.preload loads the model once, in the background, and the first real use waits for that load."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import knowledge.service as service
from knowledge.config import Settings
from tests.fakes import FakeEmbedder


def test_preload_loads_the_model_once_in_another_thread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loads: list[str] = []
    release, finished = threading.Event(), threading.Event()

    def slow_make(settings: Settings) -> FakeEmbedder:
        loads.append(threading.current_thread().name)
        release.wait(5)
        finished.set()
        return FakeEmbedder()

    monkeypatch.setattr(service, "make_embedder", slow_make)
    kawan = service.Kawan(Settings(store=tmp_path / "store"))
    kawan.preload()
    assert not finished.is_set()  # preload returned while the model was still loading
    threading.Timer(0.1, release.set).start()
    first = kawan.embedder  # waits for the background load instead of starting a second one
    assert kawan.embedder is first
    assert loads == ["kawan-model-load"]


def test_a_failed_preload_raises_at_the_first_real_use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(settings: Settings) -> FakeEmbedder:
        raise RuntimeError("model folder missing")

    monkeypatch.setattr(service, "make_embedder", broken)
    kawan = service.Kawan(Settings(store=tmp_path / "store"))
    kawan.preload()
    with pytest.raises(RuntimeError, match="model folder missing"):
        _ = kawan.embedder
