"""The SentencePiece copy of the e5 tokenizer gives the ids of the Hugging Face tokenizer it was converted from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tokenizers import Tokenizer

from knowledge.spm_tokenizer import SpmTokenizer, build_sentencepiece

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
EDGE_CASES = [
    "a  b   c",  # runs of spaces count once
    "trailing space ",
    "trailing newline\n",
    "tab\there and\nnew line",
    "  leading spaces",
    "ｆｕｌｌｗｉｄｔｈ ＡＢＣ １２３",  # NFKC through the carried-over normaliser
    "e\u0301 combining accent",
    "Kota Kawasaki 川崎市 and 日本語のテキスト",
    "emoji 🙂🤝 and symbols ™ © ½",
    "<s> literal special tokens </s>",
    "Leuwigajah " * 600,  # past the 512-token window
    "x",
]


def _texts() -> list[str]:
    texts = list(EDGE_CASES)
    for path in sorted((ROOT / "knowledge" / "sources").glob("*")):
        if path.suffix in (".txt", ".md"):
            texts += [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    for path in sorted((ROOT / "tests" / "data").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            texts += [str(v) for k, v in row.items() if k in ("question", "text", "passage") and v]
    return texts


def test_ids_match_the_hugging_face_tokenizer(model_dir: Path, tmp_path: Path) -> None:
    spm_file = build_sentencepiece(model_dir / "tokenizer.json", tmp_path / "sp.model")
    ours = SpmTokenizer(spm_file, max_length=512)
    ref = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    ref.enable_truncation(max_length=512)
    texts = [prefix + t for t in _texts() for prefix in ("query: ", "passage: ")]
    assert len(texts) > 500
    expected = [e.ids for e in ref.encode_batch(texts)]
    got = ours.encode(texts)
    mismatched = [t[:60] for t, a, b in zip(texts, got, expected, strict=True) if a != b]
    assert mismatched == []
    assert max(len(ids) for ids in got) == 512


def test_only_unigram_tokenizers_convert(tmp_path: Path) -> None:
    bpe = tmp_path / "tokenizer.json"
    bpe.write_text(json.dumps({"model": {"type": "BPE", "vocab": {}}, "normalizer": {"type": "NFC"}}))
    with pytest.raises(ValueError, match=r"tokenizer\.json: a Unigram tokenizer is needed"):
        build_sentencepiece(bpe, tmp_path / "sp.model")
