"""The e5 (XLM-R) tokenizer as a SentencePiece model: the same token ids as the Hugging Face `tokenizer.json`,
in about 70 MB of memory instead of about 290 MB (the `tokenizers` Unigram trie for 250k pieces is that large),
which keeps the app with its model loaded under its memory budget.

`build_sentencepiece` converts the Unigram vocabulary and the normaliser of `tokenizer.json` into a SentencePiece
ModelProto (at `make model`); `SpmTokenizer` reads it. The ids match `tokenizers` on every text checked
(tests/integration/test_spm_tokenizer.py) with two rules the conversion cannot express: trailing whitespace
becomes one "▁" token, and runs of spaces inside the text count once. One known difference: a literal
"<mask>" glued to the next word.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

SPM_FILE = "onnx/sentencepiece.model"
BOS, PAD, EOS, UNK = 0, 1, 2, 3


def build_sentencepiece(tokenizer_json: Path, out: Path) -> Path:
    """Writes the SentencePiece model for a Hugging Face Unigram tokenizer with a precompiled normaliser."""
    from sentencepiece import sentencepiece_model_pb2

    pb: Any = sentencepiece_model_pb2  # generated protobuf classes: no attributes a type checker can see

    spec = json.loads(Path(tokenizer_json).read_text(encoding="utf-8"))
    model = spec["model"]
    if model.get("type") != "Unigram":
        raise ValueError(f"{tokenizer_json}: a Unigram tokenizer is needed, not {model.get('type')}")
    normalizers = spec["normalizer"].get("normalizers", [spec["normalizer"]])
    charsmap = next((n["precompiled_charsmap"] for n in normalizers if n.get("type") == "Precompiled"), None)
    if charsmap is None:
        raise ValueError(f"{tokenizer_json}: no precompiled normaliser to carry over")
    specials = {a["content"] for a in spec.get("added_tokens", [])}
    proto = pb.ModelProto()
    for i, (piece, score) in enumerate(model["vocab"]):
        p = proto.pieces.add()
        p.piece, p.score = piece, score
        if i == model["unk_id"]:
            p.type = pb.ModelProto.SentencePiece.UNKNOWN
        elif piece in specials:
            p.type = pb.ModelProto.SentencePiece.USER_DEFINED  # matched in raw text, as `tokenizers` does
        else:
            p.type = pb.ModelProto.SentencePiece.NORMAL
    trainer = proto.trainer_spec
    trainer.model_type = pb.TrainerSpec.UNIGRAM
    trainer.vocab_size = len(model["vocab"])
    trainer.unk_id, trainer.bos_id, trainer.eos_id, trainer.pad_id = model["unk_id"], -1, -1, -1
    norm = proto.normalizer_spec
    norm.name = "hf_precompiled"
    norm.precompiled_charsmap = base64.b64decode(charsmap)
    norm.add_dummy_prefix = norm.escape_whitespaces = norm.remove_extra_whitespaces = True
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.write_bytes(proto.SerializeToString())
    tmp.replace(out)
    return out


class SpmTokenizer:
    """ids = <s> + pieces (truncated) + </s>, as `tokenizers` with truncation to ``max_length`` gives them."""

    def __init__(self, path: Path, max_length: int = 512) -> None:
        import sentencepiece as spm

        self._sp = spm.SentencePieceProcessor(model_file=str(path))
        self._space = self._sp.piece_to_id("▁")
        self._max_body = max_length - 2

    def piece_weights(self, ids: list[int]) -> list[float]:
        """−log-probability of each piece in the tokenizer's unigram model: rare pieces weigh more (0 for
        special tokens)."""
        return [max(0.0, -self._sp.get_score(i)) for i in ids]

    def pieces(self, ids: list[int]) -> list[str]:
        """Each id's piece as the unigram model writes it ("▁" opens a word)."""
        return [self._sp.id_to_piece(i) for i in ids]

    def encode(self, texts: list[str]) -> list[list[int]]:
        bodies = self._sp.encode(texts)
        out = []
        for text, body in zip(texts, bodies, strict=True):
            if text[-1:].isspace():
                body.append(self._space)
            out.append([BOS, *body[: self._max_body], EOS])
        return out
