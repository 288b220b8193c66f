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

from knowledge.answer_check import WordSupport
from knowledge.spm_tokenizer import PAD, SPM_FILE, SpmTokenizer
from knowledge.token_match import match_prepared, prepared
from knowledge.token_states import PassageStates, StateCache, open_cache

ONNX_FILES = {
    "openvino": "onnx/openvino/model.xml",
    "onnx": "onnx/model.onnx",
    "onnx-int8": "onnx/model_int8.onnx",
}
# The model's mean token state, for the token match (scripts/export_onnx.py writes it from the shipped sources).
CENTRE_FILE = "onnx/token_centre.npy"

# The token states of recently matched passages, by text, in memory. Passages stored since states are kept on
# disk (knowledge/token_states.py) come from there; a run (one paragraph: 45–100 ms on two cores, the largest
# part of a question's time) is left for the others, and the same passages come back: follow-up questions,
# several questions on one document. ~48 MB holds ~150 passages of 200 tokens.
PASSAGE_STATES_BYTES = 48 * 2**20

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
        self._spm = SpmTokenizer(model_dir / SPM_FILE, max_length) if (model_dir / SPM_FILE).is_file() else None
        self._tokenize = self._spm.encode if self._spm else _hf_tokenizer(model_dir, max_length)
        centre = model_dir / CENTRE_FILE
        self.token_centre: np.ndarray | None = np.load(centre) if centre.is_file() else None
        self._last_query: tuple[str, list[int], np.ndarray] | None = None
        self._states = PassageStates(PASSAGE_STATES_BYTES)  # on disk too after keep_passage_states
        self._lock = threading.Lock()  # one run at a time: the two cores are already used by one run
        self.name = name or str(model_dir)
        self.backend = backend
        self.query_prompt = query_prompt
        self.passage_prompt = passage_prompt
        self._batch_size = batch_size
        # How many leading pieces of a text's encoding are <s> and the prompt (the token match skips them).
        self._prompt_pieces = {p: self._leading_pieces(p) for p in (query_prompt, passage_prompt)}
        self.dimension = int(self._encode(["x"], "").shape[1])

    def _leading_pieces(self, prompt: str) -> int:
        # The prompt's trailing space joins the text's first piece, so its last piece is not skipped.
        return len(self._tokenize([prompt.rstrip()])[0]) - 1 if prompt.strip() else 1

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
            if len(texts) == 1 and prompt == self.query_prompt:
                # A question is embedded alone, then compared token by token with its best passage: keep its
                # states so that the token match does not run the model on it a second time.
                self._last_query = (texts[0], encodings[0], hidden[0])
            if prompt == self.passage_prompt and self._states.disk is not None and self.token_centre is not None:
                # The token states come with the embedding: keep them, and a question's match costs no run.
                skip, centre = self._prompt_pieces[prompt], self.token_centre
                self._states.put(
                    [(texts[i], prepared(hidden[row, skip : len(encodings[i]) - 1], centre))
                     for row, i in enumerate(chunk)],
                    remember=False,
                )
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

    def token_states(self, text: str, query: bool) -> tuple[list[int], np.ndarray]:
        """The ids and last hidden states of the text's own tokens (no <s>, prompt or </s>)."""
        if not query:
            return self._own_states(text, self.passage_prompt, None)
        last = self._last_query
        return self._own_states(text, self.query_prompt, last[1:] if last is not None and last[0] == text else None)

    # -- passage states kept for the token match ---------------------------------------------------
    def keep_passage_states(self, folder: Path | None) -> None:
        """Keep the token states of every passage embedded from now on under ``folder`` (None: stop), and read
        the states kept there instead of running the model. Without a centre there is no match to serve."""
        if self.token_centre is None:
            return
        current = self._states.disk
        if folder is not None and current is not None and current.path.parent == folder:
            return
        centre, prompt = self.token_centre, self.passage_prompt
        self._states.use_disk(open_cache(folder, self.name, centre, prompt) if folder is not None else None)

    @property
    def kept_states(self) -> StateCache | None:
        return self._states.disk

    def missing_passage_states(self, texts: list[str]) -> list[str]:
        """The texts whose token states are not kept on disk (all of them when nothing is kept)."""
        return self._states.missing(texts)

    def passage_rows(self, text: str) -> np.ndarray:
        """The passage's token states as the match reads them (knowledge.token_match.prepared): from memory, else
        from disk, else one model run (then kept in both). Read-only: every later caller shares them."""
        assert self.token_centre is not None
        rows = self._states.get(text)
        if rows is None:
            _, states = self._own_states(text, self.passage_prompt, None)
            rows = prepared(states, self.token_centre)
            self._states.put([(text, rows)])
        return rows

    def forget_passage_states(self) -> None:
        """Empty the states kept in memory (a benchmark measures each search mode from the same start); those on
        disk stay, as an ingest left them."""
        self._states.forget_memory()

    def _own_states(
        self, text: str, prompt: str, known: tuple[list[int], np.ndarray] | None
    ) -> tuple[list[int], np.ndarray]:
        """The text's own ids and states: ``known`` (ids and states of the whole encoding) or one model run."""
        if known is not None:
            ids, hidden = known
        else:
            ids = self._tokenize([prompt + text])[0]
            arr = np.array([ids], dtype=np.int64)
            with self._lock:
                hidden = self._run(arr, np.ones_like(arr))[0]
        skip = self._prompt_pieces[prompt]
        return ids[skip:-1], hidden[skip:-1]

    def token_match(self, question: str, passage: str) -> float | None:
        """How well the passage's tokens answer the question's (knowledge.token_match); None without a centre."""
        if self.token_centre is None:
            return None
        ids, q = self.token_states(question, query=True)
        weights = np.array(self._spm.piece_weights(ids)) if self._spm else np.ones(len(ids))
        return match_prepared(prepared(q, self.token_centre), self.passage_rows(passage), weights)

    def word_support(self, question: str, passages: list[str]) -> list[WordSupport] | None:
        """How well the passages answer each word of the question (knowledge.answer_check), from the question's
        states of its embedding and the passages' kept states; None without a centre or the SentencePiece copy
        (the pieces name the words)."""
        if self.token_centre is None or self._spm is None or not passages:
            return None
        ids, states = self.token_states(question, query=True)
        if not ids:
            return []
        query = prepared(states, self.token_centre)
        best = np.max([(query @ self.passage_rows(text).T).max(axis=1) for text in passages], axis=0)
        weights = np.array(self._spm.piece_weights(ids))
        pieces = self._spm.pieces(ids)
        out: list[WordSupport] = []
        for span in _words(pieces):
            w = weights[span]
            word = "".join(pieces[span]).replace("\u2581", "").strip(_PUNCT).lower()
            support = float((best[span] * w).sum() / w.sum()) if w.sum() > 0 else float(best[span].mean())
            out.append(WordSupport(word, float(w.max()), support))
        return out


_PUNCT = "?.,!;:'\"()[]«»“”‘’"


def _words(pieces: list[str]) -> list[slice]:
    """The pieces of each word: a piece opening with "▁" starts one."""
    starts = [i for i, piece in enumerate(pieces) if i == 0 or piece.startswith("▁")]
    return [slice(a, b) for a, b in zip(starts, [*starts[1:], len(pieces)], strict=True)]


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


def _hf_tokenizer(model_dir: Path, max_length: int) -> Callable[[list[str]], list[list[int]]]:
    """The Hugging Face tokenizer, where `make model` did not write the SentencePiece copy (a fifth of the memory)."""
    from tokenizers import Tokenizer

    hf = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    hf.enable_truncation(max_length=max_length)
    hf.no_padding()
    return lambda texts: [e.ids for e in hf.encode_batch(texts)]
