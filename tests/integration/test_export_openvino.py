"""scripts/export_onnx.py: OpenVINO's copy of the exported model is written once, atomically, and redone only
when the weights it came from change."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from knowledge.onnx_embedder import OnnxEmbedder
from tests.integration.model_folders import copy_without

pytestmark = pytest.mark.integration

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "export_onnx.py"


@pytest.fixture(scope="module")
def ex() -> ModuleType:
    spec = importlib.util.spec_from_file_location("export_onnx", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["export_onnx"] = module
    spec.loader.exec_module(module)
    return module


def test_openvino_copy_is_made_once_and_redone_when_stale(
    ex: ModuleType, model_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A model folder of symlinks to the real files, without OpenVINO's copy.
    folder = copy_without(model_dir, tmp_path / "m", "onnx/openvino")
    assert not ex.openvino_is_up_to_date(folder)

    out = ex.ensure_openvino(folder)
    assert "openvino converted" in capsys.readouterr().out
    assert ex.openvino_is_up_to_date(folder)
    assert not (out.parent / "openvino.tmp").exists()
    xml = (out / "model.xml").stat().st_mtime_ns

    ex.ensure_openvino(folder)  # up to date: nothing rewritten
    assert "openvino up to date" in capsys.readouterr().out
    assert (out / "model.xml").stat().st_mtime_ns == xml

    # Written from other weights (the stamp's hash differs): stale, converted again.
    stamp = json.loads((out / ex.STAMP).read_text())
    (out / ex.STAMP).write_text(json.dumps({**stamp, "weights_sha256": "0" * 64}))
    assert not ex.openvino_is_up_to_date(folder)
    ex.ensure_openvino(folder)
    assert ex.openvino_is_up_to_date(folder)

    # The converted copy embeds like the ONNX file it came from.
    vino = OnnxEmbedder(folder, backend="openvino")
    fp32 = OnnxEmbedder(folder, backend="onnx")
    texts = ["Kerja sama Bandung–Kawasaki di bidang pengelolaan sampah.", "Budget limits slowed the programme."]
    assert float(np.min((vino.embed_passages(texts) * fp32.embed_passages(texts)).sum(axis=1))) >= 0.9995


def test_token_centre_is_written_once_from_the_shipped_sources(
    ex: ModuleType, model_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_without(model_dir, tmp_path / "m", "onnx/token_centre")
    target = ex.ensure_token_centre(folder)
    assert "token centre written" in capsys.readouterr().out
    centre, shipped = np.load(target), np.load(model_dir / "onnx" / "token_centre.npy")
    # The same statistic as `make model` wrote (bf16 or fp32 states: within a hair).
    assert float(centre @ shipped / np.linalg.norm(centre) / np.linalg.norm(shipped)) >= 0.999
    mtime = target.stat().st_mtime_ns
    ex.ensure_token_centre(folder)
    assert "token centre up to date" in capsys.readouterr().out
    assert target.stat().st_mtime_ns == mtime
    assert not list(target.parent.glob("*.tmp*"))
