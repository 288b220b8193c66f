#!/usr/bin/env python3
"""Export the built sentence-transformers folder to ONNX (fp32), an int8 copy, and OpenVINO's format.

Why: ONNX Runtime and OpenVINO run the same encoder without importing torch or sentence-transformers (≈ 10 s
saved at every start). OpenVINO (the default) runs it in bf16 where the processor computes bf16, about twice
as fast as fp32. The files go into DIR/onnx/ (OpenVINO's in DIR/onnx/openvino/); the choice between them and
torch is the `KAWAN_BACKEND` setting, measured by bench/retrieval.py and bench/perf.py.

Usage: python scripts/export_onnx.py [--model DIR] [--force]. Idempotent: a stamp of the source weights' hash
makes a second run return at once.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL = ROOT / "models" / "multilingual-e5-small"
STAMP = "kawan-onnx.json"
EXPORT_VERSION = "2"
OPENVINO_DIR = "openvino"


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _stamp(model_dir: Path) -> dict[str, str]:
    return {"weights_sha256": _sha256(model_dir / "model.safetensors"), "export_version": EXPORT_VERSION}


def _is_current(folder: Path, files: tuple[str, ...], stamp: dict[str, str]) -> bool:
    """The folder holds every file, written from the weights (and export version) the stamp names."""
    try:
        return json.loads((folder / STAMP).read_text()) == stamp and all((folder / f).is_file() for f in files)
    except (OSError, ValueError):
        return False


def is_up_to_date(model_dir: Path, stamp: dict[str, str] | None = None) -> bool:
    return _is_current(model_dir / "onnx", ("model.onnx", "model_int8.onnx"), stamp or _stamp(model_dir))


def ensure_tokenizer(model_dir: Path, force: bool = False) -> Path:
    """The SentencePiece copy of tokenizer.json that the ONNX embedder reads (same ids, a fifth of the memory)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from knowledge.spm_tokenizer import SPM_FILE, build_sentencepiece

    target = model_dir / SPM_FILE
    if force or not target.is_file() or target.stat().st_mtime < (model_dir / "tokenizer.json").stat().st_mtime:
        build_sentencepiece(model_dir / "tokenizer.json", target)
        print(f"tokenizer written: {target}")
    return target


def openvino_is_up_to_date(model_dir: Path, stamp: dict[str, str] | None = None) -> bool:
    return _is_current(model_dir / "onnx" / OPENVINO_DIR, ("model.xml", "model.bin"), stamp or _stamp(model_dir))


def ensure_openvino(model_dir: Path, force: bool = False, stamp: dict[str, str] | None = None) -> Path:
    """OpenVINO's own format of the fp32 ONNX file: loads in a third of the time, with a third less memory."""
    folder = model_dir / "onnx" / OPENVINO_DIR
    stamp = stamp or _stamp(model_dir)  # hashing the weights takes a while: once per export
    if not force and openvino_is_up_to_date(model_dir, stamp):
        print(f"openvino up to date: {folder}")
        return folder
    import openvino as ov

    started = time.perf_counter()
    tmp = folder.with_name(OPENVINO_DIR + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    # Weights stay fp32 on disk: the processor's precision is chosen when the model is loaded.
    model = ov.convert_model(str(model_dir / "onnx" / "model.onnx"))
    ov.save_model(model, str(tmp / "model.xml"), compress_to_fp16=False)
    (tmp / STAMP).write_text(json.dumps(stamp))
    shutil.rmtree(folder, ignore_errors=True)
    os.replace(tmp, folder)
    print(f"openvino converted: {folder} ({time.perf_counter() - started:.1f} s)")
    return folder


CENTRE_STAMP = "token_centre.json"


def ensure_token_centre(model_dir: Path, force: bool = False, stamp: dict[str, str] | None = None) -> Path:
    """The model's mean token state over the shipped sources (both prompts), for the token match of the
    abstention (knowledge/token_match.py). A model statistic: any sizeable bilingual text gives nearly the same."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import numpy as np

    from knowledge.embedder import exported_backend
    from knowledge.onnx_embedder import CENTRE_FILE, OnnxEmbedder
    from knowledge.paths import SOURCES_DIR

    target, stamp_file = model_dir / CENTRE_FILE, model_dir / "onnx" / CENTRE_STAMP
    stamp = stamp or _stamp(model_dir)
    try:
        if not force and target.is_file() and json.loads(stamp_file.read_text()) == stamp:
            print(f"token centre up to date: {target}")
            return target
    except (OSError, ValueError):
        pass
    started = time.perf_counter()
    paragraphs = [
        block.strip()
        for path in sorted(SOURCES_DIR.iterdir())
        if path.suffix in (".md", ".txt")
        for block in path.read_text(encoding="utf-8").split("\n\n")
        if len(block.strip()) > 40
    ]
    # The fp32 ONNX file exists by now; the fallback chain picks OpenVINO when its copy is there too.
    embedder = OnnxEmbedder(model_dir, backend=exported_backend(model_dir, "openvino"))
    states = [embedder.token_states(text, query)[1] for query in (True, False) for text in paragraphs]
    centre = np.concatenate(states).mean(axis=0).astype(np.float32)
    tmp = target.with_name("token_centre.tmp.npy")
    np.save(tmp, centre)
    os.replace(tmp, target)
    stamp_file.write_text(json.dumps(stamp))
    print(f"token centre written: {target} ({len(paragraphs)} paragraphs, {time.perf_counter() - started:.1f} s)")
    return target


def export(model_dir: Path, force: bool = False) -> Path:
    out = model_dir / "onnx"
    ensure_tokenizer(model_dir, force)
    stamp = _stamp(model_dir)
    if not force and is_up_to_date(model_dir, stamp):
        print(f"onnx up to date: {out}")
        ensure_openvino(model_dir, force, stamp)
        ensure_token_centre(model_dir, force, stamp)
        return out
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    started = time.perf_counter()
    model = AutoModel.from_pretrained(str(model_dir)).eval()

    class Encoder(torch.nn.Module):
        # token_type_ids are all zero for this model: fixing them keeps the graph's inputs to what we feed.
        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            return self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=torch.zeros_like(input_ids)
            ).last_hidden_state

    out.mkdir(parents=True, exist_ok=True)
    fp32, int8 = out / "model.onnx", out / "model_int8.onnx"
    dummy = (torch.ones((2, 16), dtype=torch.long), torch.ones((2, 16), dtype=torch.long))
    axes = {"b": 0, "s": 1}
    dynamic = {name: {v: k for k, v in axes.items()} for name in ("input_ids", "attention_mask", "last_hidden_state")}
    with torch.no_grad():
        torch.onnx.export(
            Encoder(model),
            dummy,
            str(fp32) + ".tmp",
            input_names=["input_ids", "attention_mask"],
            output_names=["last_hidden_state"],
            dynamic_axes=dynamic,
            opset_version=17,
            dynamo=False,
        )
    os.replace(str(fp32) + ".tmp", fp32)
    # Per-channel scales keep Recall@1 closer to fp32 than one scale per tensor (measured on bench-data).
    quantize_dynamic(str(fp32), str(int8) + ".tmp", weight_type=QuantType.QInt8, per_channel=True)
    os.replace(str(int8) + ".tmp", int8)
    (out / STAMP).write_text(json.dumps(stamp))
    print(f"onnx exported: {out} ({time.perf_counter() - started:.1f} s)")
    ensure_openvino(model_dir, force=True, stamp=stamp)
    ensure_token_centre(model_dir, force=True, stamp=stamp)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args(argv)
    if not (args.model / "model.safetensors").is_file():
        print(f"error: no built model at {args.model}: run scripts/build_model.py first", file=sys.stderr)
        return 2
    export(args.model, force=args.force)
    return 0


if __name__ == "__main__":
    sys.exit(main())
