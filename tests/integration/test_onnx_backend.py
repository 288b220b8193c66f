"""The ONNX backends embed like sentence-transformers' torch path; the factory picks them when exported."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from knowledge.config import Settings
from knowledge.embedder import SentenceTransformerEmbedder, make_embedder
from knowledge.onnx_embedder import OnnxEmbedder

pytestmark = pytest.mark.integration

TEXTS = [
    "Namun demikian, kerja sama menghadapi berbagai hambatan, termasuk keterbatasan anggaran.",
    "Opportunities also emerged through technology transfer and potential funding from JICA.",
    "Kapan MoU pertama ditandatangani?",
    "Leuwigajah " * 200,  # longer than the 512-token window: truncated the same way
]


@pytest.fixture(scope="module")
def onnx_fp32(model_dir: Path) -> OnnxEmbedder:
    return OnnxEmbedder(model_dir, backend="onnx")


def test_fp32_matches_torch(onnx_fp32: OnnxEmbedder, real_embedder: SentenceTransformerEmbedder) -> None:
    for method in ("embed_passages", "embed_queries"):
        ours = getattr(onnx_fp32, method)(TEXTS)
        ref = getattr(real_embedder, method)(TEXTS)
        cos = (ours * ref).sum(axis=1)
        assert cos.min() >= 0.9999, (method, cos)
    assert onnx_fp32.dimension == real_embedder.dimension == 384


def test_batching_and_padding_do_not_change_vectors(onnx_fp32: OnnxEmbedder) -> None:
    together = onnx_fp32.embed_passages(TEXTS)
    alone = np.stack([onnx_fp32.embed_passages([t])[0] for t in TEXTS])
    assert np.allclose(together, alone, atol=1e-4)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    assert onnx_fp32.embed_passages([]).shape == (0, 384)


def test_int8_stays_close(model_dir: Path, onnx_fp32: OnnxEmbedder) -> None:
    int8 = OnnxEmbedder(model_dir, backend="onnx-int8")
    cos = (int8.embed_passages(TEXTS) * onnx_fp32.embed_passages(TEXTS)).sum(axis=1)
    assert cos.min() >= 0.93  # an approximation: close, but not close enough to be the default (see config)


def test_factory_picks_onnx_and_falls_back_to_torch(model_dir: Path, tmp_path: Path) -> None:
    assert isinstance(make_embedder(Settings(model=str(model_dir), backend="onnx")), OnnxEmbedder)
    # A sentence-transformers folder without exported ONNX files still works, through torch.
    bare = tmp_path / "bare"
    bare.mkdir()
    for f in model_dir.iterdir():
        if f.name != "onnx":
            (bare / f.name).symlink_to(f)
    assert isinstance(make_embedder(Settings(model=str(bare), backend="onnx")), SentenceTransformerEmbedder)
