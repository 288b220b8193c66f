"""How well Kawan labels SWOT categories, measured on held-out items only.

    python bench/swot.py [--json] [--data tests/data/swot_labelled.jsonl] [--questions tests/data/swot_questions.jsonl]

- Items: stratified 5-fold cross-validation, grouped so that an item and its translation (and items built from
  the same source fact) are never split between training and test. Per language: precision/recall/F1 per
  category, macro-F1, confusion matrix, weakness/threat confusion; the rule-based labeller alongside.
- Factors: the abstract's listed factors labelled in their sentences by a model fitted WITHOUT the abstract,
  with and without the lead-in prior (head_weight).
- Questions: intent accuracy (exact category set) per language.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge.swot import label_text, question_categories  # noqa: E402
from knowledge.swot_model import (  # noqa: E402
    HYPER,
    decide_probabilities,
    feature_matrix,
    fit,
    joint_decision,
    label_sentence,
    load_labelled,
)
from knowledge.translations import mutual_twins  # noqa: E402
from knowledge.types import CATEGORIES  # noqa: E402

FOLDS, SEED, PAIR_COSINE = 5, 0, 0.85


def translation_groups(rows: list[dict], vectors: np.ndarray) -> np.ndarray:
    """Items that are one another's translation share a group: same source fact, or mutual nearest
    cross-language neighbours (cosine > PAIR_COSINE) among the rest."""
    groups = np.arange(len(rows))
    by_source: dict[str, int] = {}
    for i, r in enumerate(rows):
        src = str(r.get("source") or "")
        if src.startswith("facts:"):
            groups[i] = by_source.setdefault(src, i)
    loose = [i for i, r in enumerate(rows) if not str(r.get("source") or "").startswith("facts:")]
    ids = [i for i in loose if rows[i]["lang"] == "id"]
    ens = [i for i in loose if rows[i]["lang"] == "en"]
    if ids and ens:
        sim = vectors[ids] @ vectors[ens].T
        for a in range(len(ids)):
            b = int(sim[a].argmax())
            if int(sim[:, b].argmax()) == a and sim[a, b] > PAIR_COSINE:
                groups[ens[b]] = groups[ids[a]]
    return groups


def report(gold: list[str], pred: list[str]) -> dict:
    from sklearn.metrics import confusion_matrix, precision_recall_fscore_support

    p, r, f, s = precision_recall_fscore_support(gold, pred, labels=list(CATEGORIES), zero_division=0)
    cm = confusion_matrix(gold, pred, labels=list(CATEGORIES))
    w, t = CATEGORIES.index("weakness"), CATEGORIES.index("threat")
    return {
        "items": len(gold),
        "accuracy": round(float(np.mean([g == q for g, q in zip(gold, pred, strict=True)])), 4),
        "macro_f1": round(float(np.mean(f)), 4),
        "per_category": {
            c: {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4), "f1": round(float(f[i]), 4),
                "support": int(s[i])}
            for i, c in enumerate(CATEGORIES)
        },
        "confusion": {"labels": list(CATEGORIES), "matrix": cm.tolist()},
        "weakness_as_threat": int(cm[w, t]),
        "threat_as_weakness": int(cm[t, w]),
    }


def cross_validated(rows: list[dict], vectors: np.ndarray) -> tuple[list[str], list[str]]:
    """Held-out labels of every item: alone, and jointly with its translation as ingest labels a translated
    passage (mean probabilities, knowledge.swot_model.joint_decision; translations are found with
    knowledge.translations.mutual_twins, and a pair the folds split is labelled alone)."""
    from sklearn.model_selection import StratifiedGroupKFold

    texts = [r["text"] for r in rows]
    gold = np.asarray([r["label"] for r in rows])
    x = feature_matrix(vectors, texts, HYPER["cue_weight"])
    groups = translation_groups(rows, vectors)
    probs: list[dict[str, float]] = [{} for _ in rows]
    fold = [0] * len(rows)
    min_confidence = HYPER["min_confidence"]
    for k, (train, test) in enumerate(StratifiedGroupKFold(FOLDS, shuffle=True, random_state=SEED).split(x, gold,
                                                                                                       groups)):
        model = fit(x[train], list(gold[train]), **HYPER)
        for i in test:
            probs[i], fold[i] = model.probabilities(vectors[i], texts[i]), k
    alone = [decide_probabilities(p, min_confidence)[0] for p in probs]
    twin = mutual_twins(vectors, [r["lang"] for r in rows])
    joint = [
        joint_decision(probs[i], probs[twin[i]], min_confidence)[0] if i in twin and fold[twin[i]] == fold[i]
        else alone[i]
        for i in range(len(rows))
    ]
    return alone, joint


def abstract_factors(rows: list[dict], vectors: np.ndarray, embed) -> dict:
    """Factor labels in context for the abstract's enumerations, by a model that never saw the abstract."""
    train = [i for i, r in enumerate(rows) if r.get("source") != "abstract"]
    texts = [rows[i]["text"] for i in train]
    x = feature_matrix(vectors[train], texts, HYPER["cue_weight"])
    base = fit(x, [rows[i]["label"] for i in train], **HYPER)
    gold = {r["text"]: r["label"] for r in rows if r.get("source") == "abstract"}
    sentences = [i for i, r in enumerate(rows) if r.get("source") == "abstract" and len(r["text"]) > 80]
    out = {}
    for weight in (0.0, HYPER["head_weight"], 1.0):
        model = type(base)(**{**base.__dict__, "head_weight": weight})
        right = total = 0
        wrong = []
        for i in sentences:
            _, _, factors = label_sentence(rows[i]["text"], vectors[i], embed, model)
            for f in factors:
                if f.text in gold:
                    total += 1
                    right += f.category == gold[f.text]
                    if f.category != gold[f.text]:
                        wrong.append(f"{f.text} → {f.category} (gold {gold[f.text]})")
        out[str(weight)] = {"factors": total, "correct": right, "wrong": wrong}
    return out


def questions_report(path: Path) -> dict:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = {}
    for lang in ("id", "en"):
        subset = [r for r in rows if r["lang"] == lang]
        wrong = [r["question"] for r in subset if sorted(question_categories(r["question"])) != sorted(r["categories"])]
        out[lang] = {"questions": len(subset), "accuracy": round(1 - len(wrong) / max(len(subset), 1), 4),
                     "wrong": wrong}
    return out


def run(data: Path, questions: Path) -> dict:
    from knowledge.config import Settings
    from knowledge.embedder import SentenceTransformerEmbedder

    rows = load_labelled(data)
    embedder = SentenceTransformerEmbedder(Settings())
    vectors = embedder.embed_passages([r["text"] for r in rows])
    pred, joint = cross_validated(rows, vectors)
    rules = [label_text(r["text"])[0] for r in rows]
    result: dict = {"data": str(data), "method": f"{FOLDS}-fold stratified, translation-grouped CV", "hyper": HYPER,
                    "languages": {}}
    for lang in ("id", "en"):
        idx = [i for i, r in enumerate(rows) if r["lang"] == lang]
        gold = [rows[i]["label"] for i in idx]
        result["languages"][lang] = {
            "classifier": report(gold, [pred[i] for i in idx]),
            "with_translation": report(gold, [joint[i] for i in idx]),
            "rules": report(gold, [rules[i] for i in idx]),
        }
    result["abstract_factors"] = abstract_factors(rows, vectors, embedder.embed_passages)
    result["questions"] = questions_report(questions)
    return result


def print_table(result: dict) -> None:
    print(f"SWOT labels — {result['method']} (hyper {result['hyper']})")
    for lang, both in result["languages"].items():
        rep = both["classifier"]
        print(f"\n[{lang}] {rep['items']} items  macro-F1 {rep['macro_f1']:.3f}  accuracy {rep['accuracy']:.3f}"
              f"   (rules: macro-F1 {both['rules']['macro_f1']:.3f})")
        joint = both["with_translation"]
        print(f"  labelled jointly with the translation (as ingest does): macro-F1 {joint['macro_f1']:.3f}"
              f"  accuracy {joint['accuracy']:.3f}")
        print(f"  {'category':<12}{'P':>7}{'R':>7}{'F1':>7}{'n':>5}")
        for c, m in rep["per_category"].items():
            print(f"  {c:<12}{m['precision']:>7.3f}{m['recall']:>7.3f}{m['f1']:>7.3f}{m['support']:>5}")
        labels = rep["confusion"]["labels"]
        print("  confusion (rows gold, columns predicted): " + " ".join(f"{c[:4]:>5}" for c in labels))
        for c, row in zip(labels, rep["confusion"]["matrix"], strict=True):
            print(f"  {c:<41}" + " ".join(f"{v:>5}" for v in row))
        print(f"  weakness→threat {rep['weakness_as_threat']}, threat→weakness {rep['threat_as_weakness']}")
    print("\nAbstract factors in context, model fitted without the abstract:")
    for weight, m in result["abstract_factors"].items():
        print(f"  head_weight {weight}: {m['correct']}/{m['factors']} correct" +
              (f"; wrong: {'; '.join(m['wrong'])}" if m["wrong"] else ""))
    print("\nQuestion intent (exact category set):")
    for lang, m in result["questions"].items():
        print(f"  [{lang}] {m['accuracy']:.3f} of {m['questions']}" + (f"; wrong: {m['wrong']}" if m["wrong"] else ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="SWOT labelling benchmark (cross-validated)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--data", type=Path, default=ROOT / "tests" / "data" / "swot_labelled.jsonl")
    parser.add_argument("--questions", type=Path, default=ROOT / "tests" / "data" / "swot_questions.jsonl")
    args = parser.parse_args(argv)
    for path in (args.data, args.questions):
        if not path.is_file():
            print(f"error: {path}: no such file", file=sys.stderr)
            return 1
    try:
        result = run(args.data, args.questions)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
