"""The exported backends (OpenVINO, ONNX Runtime) embed like sentence-transformers' torch path; the factory picks
them when exported and falls back along openvino → onnx → torch when files are missing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from knowledge.config import Settings
from knowledge.embedder import ModelUnavailableError, SentenceTransformerEmbedder, exported_backend, make_embedder
from knowledge.onnx_embedder import ONNX_FILES, OnnxEmbedder
from tests.integration.model_folders import copy_without

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


def test_openvino_matches_fp32(model_dir: Path, onnx_fp32: OnnxEmbedder) -> None:
    # bf16 where the processor computes it, fp32 elsewhere: either way within a hair of the fp32 vectors
    # (measured: 1 - cosine ≤ 2e-5 in bf16; the benchmark's Recall@1 moved by at most 0.005 on every file).
    vino = OnnxEmbedder(model_dir, backend="openvino", batch_size=3)
    assert vino.precision in ("bf16", "f32")
    for method in ("embed_passages", "embed_queries"):
        cos = (getattr(vino, method)(TEXTS) * getattr(onnx_fp32, method)(TEXTS)).sum(axis=1)
        assert cos.min() >= 0.9995, (vino.precision, method, cos)
    together = vino.embed_passages(TEXTS)
    alone = np.stack([vino.embed_passages([t])[0] for t in TEXTS])
    assert (together * alone).sum(axis=1).min() >= 0.9995  # batching and padding leave the vectors alone
    assert vino.embed_queries([]).shape == (0, 384)


def test_int8_stays_close(model_dir: Path, onnx_fp32: OnnxEmbedder) -> None:
    int8 = OnnxEmbedder(model_dir, backend="onnx-int8")
    cos = (int8.embed_passages(TEXTS) * onnx_fp32.embed_passages(TEXTS)).sum(axis=1)
    assert cos.min() >= 0.93  # an approximation: close, but not close enough to be the default (see config)


def test_factory_picks_the_exported_backend_and_falls_back(model_dir: Path, tmp_path: Path) -> None:
    default = make_embedder(Settings(model=str(model_dir)))
    assert isinstance(default, OnnxEmbedder) and default.backend == "openvino"
    onnx = make_embedder(Settings(model=str(model_dir), backend="onnx"))
    assert isinstance(onnx, OnnxEmbedder) and onnx.backend == "onnx"
    # A folder exported before OpenVINO runs through ONNX Runtime: the same fp32 vectors.
    no_vino = copy_without(model_dir, tmp_path / "no-openvino", "onnx/openvino")
    assert exported_backend(no_vino, "openvino") == "onnx"
    assert make_embedder(Settings(model=str(no_vino))).backend == "onnx"  # type: ignore[attr-defined]
    with pytest.raises(ModelUnavailableError, match="openvino"):
        make_embedder(Settings(model=str(no_vino), backend_strict=True))
    # A sentence-transformers folder without exported files still works, through torch.
    bare = copy_without(model_dir, tmp_path / "bare", "onnx")
    assert not (bare / ONNX_FILES["onnx"]).exists()
    assert exported_backend(bare, "openvino") == "torch"
    assert isinstance(make_embedder(Settings(model=str(bare), backend="onnx")), SentenceTransformerEmbedder)
