"""Fit the SWOT classifier on the labelled set and write knowledge/swot_weights.json.

    python scripts/train_swot.py [--data tests/data/swot_labelled.jsonl] [--out knowledge/swot_weights.json]

Deterministic (lbfgs, no sampling): the same model folder and data give the same weights. Honest figures come
from bench/swot.py (cross-validated); this script fits on every item for shipping.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.config import Settings  # noqa: E402
from knowledge.embedder import SentenceTransformerEmbedder  # noqa: E402
from knowledge.swot_model import (  # noqa: E402
    HYPER,
    PROBE_TEXT,
    WEIGHTS_FILE,
    feature_matrix,
    fit,
    load_labelled,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "tests" / "data" / "swot_labelled.jsonl")
    parser.add_argument("--out", type=Path, default=WEIGHTS_FILE)
    args = parser.parse_args(argv)
    try:
        rows = load_labelled(args.data)
    except (OSError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    embedder = SentenceTransformerEmbedder(Settings())
    texts = [r["text"] for r in rows]
    x = feature_matrix(embedder.embed_passages(texts), texts, HYPER["cue_weight"])
    model = fit(x, [r["label"] for r in rows], **HYPER)
    model = type(model)(**{**model.__dict__, "probe": embedder.embed_passages([PROBE_TEXT])[0]})
    data = {"trained_on": args.data.name, "items": len(rows), "model": Path(embedder.name).name, **model.to_json()}
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB) from {len(rows)} items")
    return 0


if __name__ == "__main__":
    sys.exit(main())
