"""Integration fixtures: the real model and a real embedded Chroma store with the shipped sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import ingest_paths
from knowledge.config import SOURCES_DIR, Settings
from knowledge.embedder import SentenceTransformerEmbedder
from knowledge.service import Kawan


@pytest.fixture(scope="session")
def real_embedder(model_dir: Path) -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(Settings(model=str(model_dir)))


@pytest.fixture(scope="session")
def shipped_kawan(tmp_path_factory: pytest.TempPathFactory, real_embedder: SentenceTransformerEmbedder) -> Kawan:
    """All shipped sources (study abstract + background notes), indexed once for the session."""
    store = tmp_path_factory.mktemp("shipped") / "store"
    kawan = Kawan(Settings(store=store, model=real_embedder.name), embedder=real_embedder)
    results = ingest_paths(kawan, [SOURCES_DIR])
    assert results and not any(r.failed for r in results), [r.line() for r in results]
    return kawan
