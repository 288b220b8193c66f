"""Integration fixtures: the real model and a real embedded Chroma store with the shipped sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import ingest_paths
from knowledge.config import SOURCES_DIR, Settings
from knowledge.embedder import Embedder, SentenceTransformerEmbedder, TokenMatcher, make_embedder
from knowledge.service import Kawan


@pytest.fixture(scope="session")
def real_embedder(model_dir: Path) -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder(Settings(model=str(model_dir)))


@pytest.fixture(scope="session")
def product_embedder(model_dir: Path) -> Embedder:
    """The embedder the app and the CLI build (make_embedder: the exported OpenVINO model), whose token match lets
    the fitted relevance model decide whether a question is answered. The torch one has no token match, so over
    it the plain rule decides, and the product's decisions would go untested."""
    embedder = make_embedder(Settings(model=str(model_dir), backend_strict=True))
    assert isinstance(embedder, TokenMatcher), f"{type(embedder).__name__} gives no token match"
    return embedder


@pytest.fixture(scope="session")
def shipped_kawan(tmp_path_factory: pytest.TempPathFactory, product_embedder: Embedder) -> Kawan:
    """All shipped sources (study abstract + background notes), indexed once for the session, searched as the
    app searches them."""
    store = tmp_path_factory.mktemp("shipped") / "store"
    kawan = Kawan(Settings(store=store, model=product_embedder.name), embedder=product_embedder)
    assert kawan.searcher.relevance is not None, "the fitted relevance model is not used"
    results = ingest_paths(kawan, [SOURCES_DIR])
    assert results and not any(r.failed for r in results), [r.line() for r in results]
    return kawan
