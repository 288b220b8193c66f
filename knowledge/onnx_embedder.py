"""The same e5 model, exported at setup, run without torch: by OpenVINO (default) or ONNX Runtime.

No torch or sentence-transformers import at start-up. OpenVINO runs the model in the processor's native
precision: bf16 where the CPU computes it (AVX512-BF16 or AMX), about twice the passages per second of fp32 at
a cosine of 0.99999 to it; fp32 elsewhere. ONNX Runtime runs fp32 (the torch vectors) or int8 (faster, refused
as the default: Recall@1 fell by 0.012–0.029 on Tatoeba).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np

from knowledge.spm_tokenizer import PAD, SPM_FILE, SpmTokenizer

ONNX_FILES = {
    "openvino": "onnx/openvino/model.xml",
    "onnx": "onnx/model.onnx",
    "onnx-int8": "onnx/model_int8.onnx",
}

# (input_ids, attention_mask) -> last hidden state, shape (batch, tokens, dimension)
Runner = Callable[[np.ndarray, np.ndarray], np.ndarray]


class OnnxEmbedder:
    def __init__(
        self,
        model_dir: Path,
        backend: str = "openvino",
        name: str | None = None,
        query_prompt: str = "query: ",
        passage_prompt: str = "passage: ",
        batch_size: int = 16,
        max_length: int = 512,
        threads: int | None = None,
    ) -> None:
        path = model_dir / ONNX_FILES[backend]
        if not path.is_file():
            raise FileNotFoundError(f"{path} is missing: run `make model` (scripts/export_onnx.py exports it)")
        # Two cores: one thread per core, no second pool fighting it.
        n_threads = threads or max(1, min(os.cpu_count() or 1, 4))
        if backend == "openvino":
            self._run, self.precision = _openvino_runner(path, n_threads)
        else:
            self._run = _ort_runner(path, n_threads)
            self.precision = "int8" if backend == "onnx-int8" else "f32"
        self._tokenize = _tokenizer(model_dir, max_length)
        self._lock = threading.Lock()  # one run at a time: the two cores are already used by one run
        self.name = name or str(model_dir)
        self.backend = backend
        self.query_prompt = query_prompt
        self.passage_prompt = passage_prompt
        self._batch_size = batch_size
        self.dimension = int(self._encode(["x"], "").shape[1])

    def _encode(self, texts: list[str], prompt: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, getattr(self, "dimension", 0)), dtype=np.float32)
        encodings = self._tokenize([prompt + t for t in texts])
        # Batch by length: padding a short passage to a long one's length is wasted work.
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i]))
        out: list[np.ndarray] = [np.empty(0)] * len(texts)
        for lo in range(0, len(order), self._batch_size):
            chunk = order[lo : lo + self._batch_size]
            width = max(len(encodings[i]) for i in chunk)
            ids = np.full((len(chunk), width), PAD, dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.int64)
            for row, i in enumerate(chunk):
                seq = encodings[i]
                ids[row, : len(seq)] = seq
                mask[row, : len(seq)] = 1
            with self._lock:
                hidden = self._run(ids, mask)
            summed = (hidden * mask[:, :, None]).sum(axis=1)
            pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)
            pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            for row, i in enumerate(chunk):
                out[i] = pooled[row]
        return np.stack(out).astype(np.float32)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self.query_prompt)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self.passage_prompt)


def _ort_runner(path: Path, threads: int) -> Runner:
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    # Idle threads sleep instead of spinning: between runs the Python side (parsing, labelling, Chroma)
    # needs a core, and a spinning pool takes it (ingest of 1k passages: 27.9 s of CPU instead of 30.8).
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
    return lambda ids, mask: session.run(None, {"input_ids": ids, "attention_mask": mask})[0]


def _openvino_runner(path: Path, threads: int) -> tuple[Runner, str]:
    """OpenVINO's CPU plugin, in the precision it picks for this processor (bf16 where native, else fp32)."""
    import openvino as ov

    compiled = ov.Core().compile_model(str(path), "CPU", {"INFERENCE_NUM_THREADS": threads})
    request = compiled.create_infer_request()
    precision = compiled.get_property("INFERENCE_PRECISION_HINT").get_type_name()  # "bf16" or "f32"
    # The result tensor is reused by the next inference: copy it out.
    return (lambda ids, mask: request.infer({"input_ids": ids, "attention_mask": mask})[0].copy()), precision


def _tokenizer(model_dir: Path, max_length: int) -> Callable[[list[str]], list[list[int]]]:
    """SentencePiece when `make model` wrote it (a fifth of the memory), else the Hugging Face tokenizer."""
    if (model_dir / SPM_FILE).is_file():
        return SpmTokenizer(model_dir / SPM_FILE, max_length).encode
    from tokenizers import Tokenizer

    hf = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    hf.enable_truncation(max_length=max_length)
    hf.no_padding()
    return lambda texts: [e.ids for e in hf.encode_batch(texts)]
