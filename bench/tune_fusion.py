"""Offline tuning of the fusion weights and the abstention rule, from cached vectors and keyword hits.

    python bench/tune_fusion.py FILE [FILE ...] [--distractors FILE] [--model NAME_OR_PATH]

It rebuilds what knowledge.search.Searcher sees for every question (exact cosine over the file's pool, the
bilingual keyword index's hits, languages as ingest and the service detect them) once, then scores many
FusionParams / AbstainParams with the pure functions of knowledge.fusion. Halves (even / odd questions) are
reported apart so a choice that only fits one half shows. The figures that count come from bench/retrieval.py.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import pickle
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.embed_cache import CachedEmbedder  # noqa: E402
from bench.retrieval import DEFAULT_CACHE, BenchFile, load_file, off_topic_pairs, without_gold  # noqa: E402
from knowledge.config import DEFAULT_MODEL  # noqa: E402
from knowledge.fusion import (  # noqa: E402
    AbstainParams,
    FusionParams,
    LexicalSignal,
    PoolStats,
    fuse,
    is_relevant,
    pool_stats,
)
from knowledge.language import detect_language, detect_query_language  # noqa: E402
from knowledge.lexical import LexicalIndex  # noqa: E402

POOL = 50  # what Searcher takes from each side for k <= 10
# Bump when Case or what collect() records changes (3: question openers; 4: idf-weighted coverage dropped).
CASES_VERSION = 6  # 5: keyword signals carry their idf share; 6: questions respelled


@dataclass
class Case:
    gold: str
    qlang: str
    dense: dict[str, float]  # candidates: dense top-POOL ∪ keyword hits
    lexical: dict[str, LexicalSignal]
    langs: dict[str, str]
    answerable: bool = True


def collect(files: list[BenchFile], extra: list[BenchFile], model: str, cache: Path) -> dict[str, list[Case]]:
    embedder = CachedEmbedder(model, cache)
    ids: list[str] = []
    texts: list[str] = []
    owner: list[str] = []
    for f in [*files, *extra]:
        for pid, text in f.passages.items():
            ids.append(f"{f.name}::{pid}")
            texts.append(text)
            owner.append(f.name)
    langs = [detect_language(t) for t in texts]
    vecs = embedder.embed_passages(texts)
    index = LexicalIndex.build(ids, texts, langs)
    lang_of = dict(zip(ids, langs, strict=True))
    owner_arr = np.array(owner)
    out: dict[str, list[Case]] = {}

    def cases_for(f: BenchFile, pool_files: tuple[str, ...], key: str) -> None:
        mask = np.isin(owner_arr, pool_files)
        pool_idx = np.flatnonzero(mask)
        allowed = {ids[i] for i in pool_idx}
        # Respelled as the service asks (Kawan.ask).
        qlangs = [detect_query_language(q.text) for q in f.questions]
        texts = [index.corrected(q.text, qlang) for q, qlang in zip(f.questions, qlangs, strict=True)]
        qv = embedder.embed_queries(texts)
        got = []
        for q, qlang, text, v in zip(f.questions, qlangs, texts, qv, strict=True):
            sims = vecs[pool_idx] @ v
            top = pool_idx[np.argsort(-sims)[:POOL]]
            dense = {ids[i]: float(vecs[i] @ v) for i in top}
            lexical = {
                h.id: LexicalSignal(h.score, h.matched_terms, h.query_terms, h.weight_share)
                for h in index.search(text, qlang, k=POOL, allowed=allowed.__contains__)
            }
            for pid in lexical:
                if pid not in dense:
                    dense[pid] = float(vecs[ids.index(pid)] @ v)
            gold = f"{f.name}::{q.gold}" if key == "own" else ""
            got.append(Case(gold, qlang, dense, lexical, {p: lang_of[p] for p in dense}, q.answerable))
        out[f"{key}:{f.name}"] = got

    dist = tuple(x.name for x in extra)
    for f in files:
        cases_for(f, (f.name, *dist), "own")
    for i, j in off_topic_pairs(files):
        cases_for(files[i], (files[j].name,), "off")
    return out


def load_cases(files: list[BenchFile], extra: list[BenchFile], model: str, cache: Path) -> dict[str, list[Case]]:
    """collect(), kept on disk by the files, distractors and model (the keyword index is rebuilt otherwise)."""
    key = json.dumps([[str(f.path) for f in files], [str(f.path) for f in extra], model, CASES_VERSION])
    pkl = cache / f"tune-{hashlib.sha1(key.encode()).hexdigest()[:16]}.pkl"
    if pkl.exists():
        return pickle.loads(pkl.read_bytes())
    data = collect(files, extra, model, cache)
    pkl.write_bytes(pickle.dumps(data))
    return data


def ranks(cases: list[Case], params: FusionParams | None) -> list[int | None]:
    out = []
    for c in cases:
        scores = c.dense if params is None else fuse(c.dense, c.lexical, c.langs, c.qlang, params)
        order = sorted(scores, key=lambda p: -scores[p])[:10]
        out.append(order.index(c.gold) + 1 if c.gold in order else None)
    return out


def bm25_ranks(cases: list[Case]) -> list[int | None]:
    out = []
    for c in cases:
        order = sorted(c.lexical, key=lambda p: -c.lexical[p].score)[:10]
        out.append(order.index(c.gold) + 1 if c.gold in order else None)
    return out


def r1(rk: list[int | None], half: int | None = None) -> float:
    sel = rk if half is None else rk[half::2]
    return sum(r == 1 for r in sel) / max(1, len(sel))


def answered(c: Case, fusion: FusionParams, abstain: AbstainParams) -> bool:
    scores = fuse(c.dense, c.lexical, c.langs, c.qlang, fusion)
    stats: PoolStats = pool_stats(list(c.dense.values()))
    order = sorted(scores, key=lambda p: -scores[p])[:10]
    return any(
        is_relevant(c.dense[p], c.lexical.get(p), c.langs[p] == c.qlang, stats, abstain) for p in order
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--distractors", type=Path)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--part", choices=["fusion", "abstention", "both"], default="both")
    args = parser.parse_args(argv)
    files = [load_file(p) for p in args.files]
    extra = [without_gold(load_file(args.distractors, need_questions=False), files)] if args.distractors else []
    data = load_cases(files, extra, args.model, args.cache)
    own = {k.split(":", 1)[1]: v for k, v in data.items() if k.startswith("own:")}
    base = FusionParams()
    if args.part in ("fusion", "both"):
        print(f"{'file':<36} {'bm25':>6} {'dense':>6} {'default':>8}   halves(dense/hybrid)")
        for name, cases in own.items():
            rd, rh = ranks(cases, None), ranks(cases, base)
            print(f"{name:<36} {r1(bm25_ranks(cases)):6.3f} {r1(rd):6.3f} {r1(rh):8.3f}   "
                  f"{r1(rd, 0):.3f}/{r1(rh, 0):.3f} {r1(rd, 1):.3f}/{r1(rh, 1):.3f}")
        grid = {
            "weight": [0.02, 0.04, 0.06, 0.08, 0.1, 0.12],
            "cross_lingual_factor": [0.0, 0.1, 0.25],
            "coverage_power": [1.0, 2.0],
        }
        targets = {name: (r1(bm25_ranks(c)), r1(ranks(c, None))) for name, c in own.items()}
        results = []
        for combo in itertools.product(*grid.values()):
            params = replace(base, **dict(zip(grid, combo, strict=True)))
            margins = []
            for name, cases in own.items():
                bm, de = targets[name]
                h = r1(ranks(cases, params))
                margins.append(h - max(bm, de))
            results.append((min(margins), sum(margins), combo))
        for worst, total, combo in sorted(results, reverse=True)[:12]:
            print(f"worst margin {worst:+.3f} sum {total:+.3f} {dict(zip(grid, combo, strict=True))}")
    if args.part in ("abstention", "both"):
        on = [c for cases in own.values() for c in cases if c.answerable]
        unans = [c for cases in own.values() for c in cases if not c.answerable]
        off = [c for k, v in data.items() if k.startswith("off:") for c in v]
        for abstain in abstain_grid():
            a_on = sum(answered(c, base, abstain) for c in on) / len(on)
            a_off = 1 - sum(answered(c, base, abstain) for c in off) / len(off)
            a_un = 1 - sum(answered(c, base, abstain) for c in unans) / max(1, len(unans))
            print(f"on answered {a_on:.3f}  off refused {a_off:.3f}  unanswerable refused {a_un:.3f}  {abstain}")
    return 0


def abstain_grid() -> list[AbstainParams]:
    base = AbstainParams()
    out = [base]
    for floor, z in itertools.product([0.75, 0.77], [0.045, 0.05, 0.055, 0.06, 0.065]):
        out.append(replace(base, min_dense=floor, min_evidence=z))
    return out


if __name__ == "__main__":
    # Run the imported module's main: pickled cases then name bench.tune_fusion.Case, not __main__.Case, and
    # load in any other script.
    from bench import tune_fusion

    sys.exit(tune_fusion.main())
