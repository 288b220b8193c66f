"""Retrieval benchmark: Recall@1, Recall@5, MRR@10 and query latency per file and per search mode.

    python bench/retrieval.py FILE [FILE ...] [--json] [--distractors FILE] [--model NAME_OR_PATH]
                              [--modes bm25,dense,hybrid] [--abstention] [--cache DIR]

Each FILE is JSONL with at least `question`, `passage`, `passage_id` per row (the shape of ../shared/bench-data).
Every file becomes one document of a fresh store (its distinct passages, language detected as ingest does,
embedded by the real model and stored by knowledge.store.Store); the --distractors file becomes one more. Each
question is asked through knowledge.search.Searcher, restricted to its own file's passages plus the
distractors, so a file's figures do not depend on which other files are measured beside it.

Latency is per question: the search call (timed for every question) plus, for dense and hybrid, the median
time of embedding one question alone, measured live on the file's first 20 questions (the vectors used for
scoring are cached on disk by model, prompt and text, so re-runs skip the slow embedding). Warm: the keyword
index is built and one query per mode is asked before timing. As in the app, a passage whose token states an
earlier question needed is not run through the model again (knowledge/onnx_embedder.py keeps the last ~48 MB):
files that ask several questions about one passage (XQuAD, the cross-lingual sets) gain from it, files that ask
one (TyDi QA, FacQA) hardly. Each mode of a file starts with none kept, so no mode gains from another's run.

--abstention: on-topic = the answerable questions of a file against its own pool (answered when the search
returns a relevant hit); off-topic = the questions of a file against the pool of an unrelated file (files
sharing passages or question ids are related, e.g. TyDi QA and IDK-MRC). Questions marked `answerable: false`
are counted apart (they ask about their own, on-topic passage).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from bench.embed_cache import CachedEmbedder  # noqa: E402
from bench.stats import ms_stats  # noqa: E402
from knowledge.config import DEFAULT_MODEL, Settings  # noqa: E402
from knowledge.embedder import Embedder, ModelUnavailableError  # noqa: E402
from knowledge.jsonl import JsonlError, iter_jsonl  # noqa: E402
from knowledge.language import detect_language, detect_query_language  # noqa: E402
from knowledge.search import Filters, Mode, Searcher  # noqa: E402
from knowledge.store import ModelRecord, Store  # noqa: E402
from knowledge.swot import extract_factors  # noqa: E402
from knowledge.types import DocumentRecord, Passage  # noqa: E402

MODES: tuple[Mode, ...] = ("bm25", "dense", "hybrid")
DEFAULT_CACHE = ROOT / "data" / "bench-cache"
K = 10
REQUIRED = ("question", "passage", "passage_id")
EMBED_SAMPLE = 20


class BenchDataError(ValueError):
    """A benchmark file that cannot be used; the message names the file, line and field."""


@dataclass(frozen=True)
class Question:
    text: str
    gold: str  # the file's passage_id
    answerable: bool = True


@dataclass
class BenchFile:
    path: Path
    questions: list[Question]
    passages: dict[str, str]  # passage_id -> text, first occurrence wins
    question_ids: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        return self.path.name


def load_file(path: Path, need_questions: bool = True) -> BenchFile:
    questions: list[Question] = []
    passages: dict[str, str] = {}
    qids: set[str] = set()
    required = REQUIRED if need_questions else ("passage", "passage_id")
    try:
        rows = list(iter_jsonl(Path(path)))
    except JsonlError as exc:
        raise BenchDataError(str(exc)) from exc
    for n, row in rows:
        for key in required:
            if not isinstance(row.get(key), str) or not row[key].strip():
                raise BenchDataError(f"{path}:{n}: field '{key}' is missing or empty")
        passages.setdefault(row["passage_id"], row["passage"])
        if need_questions:
            questions.append(Question(row["question"], row["passage_id"], row.get("answerable") is not False))
            qid = str(row.get("id", ""))
            suffix = qid.rsplit("-", 1)[-1]
            if len(suffix) >= 8 and not suffix.isdigit():  # e.g. SQuAD ids shared by XQuAD and its translations
                qids.add(suffix)
    if not passages:
        raise BenchDataError(f"{path}: no rows")
    return BenchFile(Path(path), questions, passages, qids)


def without_gold(distractors: BenchFile, files: Sequence[BenchFile]) -> BenchFile:
    """A distractor that is some file's passage (Trans-SQuAD holds the en→id set's passages) would tie with
    the gold: it is left out."""
    ids = {pid for f in files for pid in f.passages}
    texts = {t for f in files for t in f.passages.values()}
    kept = {pid: t for pid, t in distractors.passages.items() if pid not in ids and t not in texts}
    if not kept:
        raise BenchDataError(f"{distractors.path}: every distractor is a passage of a benchmark file")
    return BenchFile(distractors.path, [], kept)


def _doc_id(name: str, passages: dict[str, str]) -> str:
    h = hashlib.sha256(name.encode())
    for pid, text in passages.items():
        h.update(f"\x00{pid}\x00{text}".encode())
    return h.hexdigest()


def _passage_records(doc_id: str, name: str, passages: dict[str, str]) -> list[Passage]:
    """As ingest makes them: language detected per passage, SWOT label and factors from knowledge.swot."""
    out = []
    for i, text in enumerate(passages.values()):
        category, confidence, factors = extract_factors(text)
        out.append(
            Passage(
                id=f"{doc_id[:24]}-{i:05d}", doc_id=doc_id, index=i, text=text, page=None, start=0,
                end=len(text), language=detect_language(text), category=category, confidence=confidence,
                factors=factors, file=name, title=name, kind="upload",
            )
        )
    return out


@dataclass
class Pool:
    doc_id: str
    chroma_to_pid: dict[str, str]
    passages: int


def build_store(store: Store, embedder: CachedEmbedder, files: Sequence[BenchFile], log: Callable[[str], None]) -> (
    dict[str, Pool]
):
    """One document per file (and per distractor file); returns each file's pool by file name."""
    pools: dict[str, Pool] = {}
    for f in files:
        doc_id = _doc_id(f.name, f.passages)
        records = _passage_records(doc_id, f.name, f.passages)
        started = time.perf_counter()
        vectors = embedder.embed_passages([p.text for p in records])
        took = time.perf_counter() - started
        embedder.ensure_passage_states([p.text for p in records])  # as ingest keeps them with each document
        store.add_document(
            DocumentRecord(id=doc_id, file=f.name, title=f.name, language="", pages=1, passages=len(records)),
            records, vectors, {None: ""},
        )
        spent = embedder.passage_seconds([p.text for p in records])
        log(f"{f.name}: {len(records)} passages stored (embedding {spent:.0f} s as measured, "
            f"{len(records) / spent if spent else float('inf'):.1f} passages/s; this run {took:.1f} s)")
        pools[f.name] = Pool(doc_id, {p.id: pid for p, pid in zip(records, f.passages, strict=True)}, len(records))
    return pools


def _rank(found: list[str], gold: str) -> int | None:
    return found.index(gold) + 1 if gold in found else None


def evaluate(
    searcher: Searcher,
    embedder: CachedEmbedder,
    f: BenchFile,
    pool_docs: tuple[str, ...],
    id_map: dict[str, str],
    mode: Mode,
    embed_ms: float = 0.0,
) -> dict[str, float]:
    """Ranks of the gold passage among the top K; latency = the search call + ``embed_ms`` (dense, hybrid)."""
    filters = Filters(doc_ids=pool_docs)
    r1 = r5 = rr = 0.0
    latencies: list[float] = []
    # As the service asks: typos respelled first (Kawan.ask), in every mode alike, and timed with the search.
    texts: list[str] = []
    langs = [detect_query_language(q.text) for q in f.questions]  # of the question as typed, as the service
    respell_ms: list[float] = []
    for q, lang in zip(f.questions, langs, strict=True):
        started = time.perf_counter()
        texts.append(searcher.corrected(q.text, lang))
        respell_ms.append((time.perf_counter() - started) * 1000)
    vectors = embedder.embed_queries(texts) if mode != "bm25" else None
    for i, (q, text, lang) in enumerate(zip(f.questions, texts, langs, strict=True)):
        vector = None if vectors is None else vectors[i]
        if vector is not None:
            # The app embeds the question right before searching, and the token match reuses that run's states:
            # do the same, untimed (embed_ms stands for it), or the search would pay for the question twice.
            embedder.prime(text)
        started = time.perf_counter()
        result = searcher.search(text, lang, k=K, filters=filters, mode=mode, vector=vector)
        took = (time.perf_counter() - started) * 1000 + respell_ms[i]
        latencies.append(took + (embed_ms if vector is not None else 0.0))
        rank = _rank([id_map.get(h.passage.id, "") for h in result.hits], q.gold)
        r1 += rank == 1
        r5 += rank is not None and rank <= 5
        rr += 1 / rank if rank else 0.0
    n = max(1, len(f.questions))
    p50, p95 = ms_stats(latencies)
    return {"r1": round(r1 / n, 3), "r5": round(r5 / n, 3), "mrr10": round(rr / n, 3), "p50_ms": p50, "p95_ms": p95}


def _families(files: Sequence[BenchFile]) -> list[int]:
    """Files that share passages or question ids belong together (union-find)."""
    parent = list(range(len(files)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, a in enumerate(files):
        for j in range(i + 1, len(files)):
            b = files[j]
            if a.passages.keys() & b.passages.keys() or a.question_ids & b.question_ids:
                parent[find(j)] = find(i)
    return [find(i) for i in range(len(files))]


def off_topic_pairs(files: Sequence[BenchFile]) -> list[tuple[int, int]]:
    """(question file, pool file): the next unrelated file, cyclically."""
    fam = _families(files)
    pairs = []
    for i in range(len(files)):
        for step in range(1, len(files)):
            j = (i + step) % len(files)
            if fam[j] != fam[i]:
                pairs.append((i, j))
                break
    return pairs


def abstention(
    searcher: Searcher,
    embedder: CachedEmbedder,
    files: Sequence[BenchFile],
    pools: dict[str, Pool],
    distractor_doc: str | None,
) -> dict[str, Any]:
    cited: list[int] = []  # passages cited per answered on-topic question
    gold_cited: list[bool] = []  # whether the gold passage is among them, per on-topic question

    def answered(text: str, docs: tuple[str, ...], gold: tuple[Pool, str] | None = None) -> bool:
        lang = detect_query_language(text)  # of the question as typed, as the service
        text = searcher.corrected(text, lang)
        vector = embedder.embed_queries([text])[0]
        embedder.prime(text)
        got = searcher.search(text, lang, k=K, filters=Filters(doc_ids=docs),
                              mode="hybrid", vector=vector)
        if gold is not None:
            pool, pid = gold
            gold_cited.append(pid in {pool.chroma_to_pid.get(h.passage.id) for h in got.relevant})
            if got.relevant:
                cited.append(len(got.relevant))
        return bool(got.relevant)

    extra = (distractor_doc,) if distractor_doc else ()
    on = [
        answered(q.text, (pools[f.name].doc_id, *extra), (pools[f.name], q.gold))
        for f in files for q in f.questions if q.answerable
    ]
    unanswerable = [
        answered(q.text, (pools[f.name].doc_id, *extra)) for f in files for q in f.questions if not q.answerable
    ]
    off: list[bool] = []
    per_pair: dict[str, float] = {}
    for i, j in off_topic_pairs(files):
        # No distractors here: they may be on the asking file's topic (Trans-SQuAD vs. XQuAD).
        got = [answered(q.text, (pools[files[j].name].doc_id,)) for q in files[i].questions]
        off += got
        per_pair[f"{files[i].name} -> {files[j].name}"] = round(1 - sum(got) / max(1, len(got)), 3)
    out: dict[str, Any] = {
        "on_topic_answered": round(sum(on) / max(1, len(on)), 3),
        "on_topic_n": len(on),
        "off_topic_refused": round(1 - sum(off) / max(1, len(off)), 3),
        "off_topic_n": len(off),
        "off_topic_by_pair": per_pair,
        # What an answer shows: how many passages it cites, and how often the gold passage is one of them.
        "cited_per_answer": round(statistics.fmean(cited), 2) if cited else 0.0,
        "gold_cited": round(sum(gold_cited) / max(1, len(gold_cited)), 3),
    }
    if unanswerable:
        out["unanswerable_refused"] = round(1 - sum(unanswerable) / len(unanswerable), 3)
        out["unanswerable_n"] = len(unanswerable)
    return out


def run_benchmark(
    paths: Sequence[Path],
    distractors: Path | None = None,
    model: str = DEFAULT_MODEL,
    modes: Sequence[Mode] = MODES,
    with_abstention: bool = False,
    cache_dir: Path = DEFAULT_CACHE,
    log: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True),
    loaded: Embedder | None = None,
) -> dict[str, Any]:
    """{file_name: {mode: {"r1", "r5", "mrr10", "p50_ms", "p95_ms"}}} (+ "_abstention" when asked)."""
    files = [load_file(Path(p)) for p in paths]
    names = [f.name for f in files]
    if len(set(names)) != len(names):
        raise BenchDataError("two benchmark files have the same file name; rename one")
    extra = [without_gold(load_file(distractors, need_questions=False), files)] if distractors else []
    embedder = CachedEmbedder(model, cache_dir, loaded)
    log(f"model {model}, backend {embedder.backend}")
    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="kawan-bench-") as tmp:
        settings = Settings(store=Path(tmp) / "store", model=model)
        store = Store(settings, ModelRecord(embedder.name, embedder.dimension))
        pools = build_store(store, embedder, [*files, *extra], log)
        searcher = Searcher(store, embedder)
        started = time.perf_counter()
        searcher.lexical_index()
        log(f"keyword index of {store.count_passages()} passages built in {time.perf_counter() - started:.1f} s")
        dist_doc = pools[extra[0].name].doc_id if extra else None
        for f in files:
            pool_docs = (pools[f.name].doc_id, *((dist_doc,) if dist_doc else ()))
            id_map = {**pools[f.name].chroma_to_pid}
            report[f.name] = {}
            # Embedding one question alone, measured live on a sample (vectors for scoring come from the cache).
            sample = [q.text for q in f.questions[:EMBED_SAMPLE]]
            embed_ms = statistics.median(embedder.live_query_ms(sample)) if set(modes) - {"bm25"} else 0.0
            for mode in modes:
                # Each mode starts without the passage states an earlier mode's questions left in the model:
                # a file's own questions may share them (as in the app), its other modes may not.
                embedder.forget_passage_states()
                warm = f.questions[0].text
                searcher.search(warm, detect_query_language(warm), k=K, filters=Filters(doc_ids=pool_docs),
                                mode=mode, vector=None if mode == "bm25" else embedder.embed_queries([warm])[0])
                report[f.name][mode] = evaluate(searcher, embedder, f, pool_docs, id_map, mode, embed_ms)
                log(f"{f.name} {mode}: {report[f.name][mode]}")
        if with_abstention:
            report["_abstention"] = abstention(searcher, embedder, files, pools, dist_doc)
    return report


def format_table(report: dict[str, Any]) -> str:
    lines = [f"{'file':<40} {'mode':<7} {'R@1':>6} {'R@5':>6} {'MRR@10':>7} {'p50 ms':>7} {'p95 ms':>7}"]
    for name, modes in report.items():
        if name.startswith("_"):
            continue
        for mode, m in modes.items():
            lines.append(
                f"{name:<40} {mode:<7} {m['r1']:>6.3f} {m['r5']:>6.3f} {m['mrr10']:>7.3f} "
                f"{m['p50_ms']:>7.1f} {m['p95_ms']:>7.1f}"
            )
    ab = report.get("_abstention")
    if ab:
        lines.append("")
        lines.append(f"abstention: on-topic answered {ab['on_topic_answered']:.1%} (n={ab['on_topic_n']}), "
                     f"off-topic refused {ab['off_topic_refused']:.1%} (n={ab['off_topic_n']})")
        lines.append(f"            answers cite {ab['cited_per_answer']:.2f} passages on average; the gold "
                     f"passage is among them for {ab['gold_cited']:.1%} of on-topic questions")
        if "unanswerable_refused" in ab:
            lines.append(f"            unanswerable (on-topic passage, no answer) refused "
                         f"{ab['unanswerable_refused']:.1%} (n={ab['unanswerable_n']})")
        for pair, refused in ab["off_topic_by_pair"].items():
            lines.append(f"            {pair}: refused {refused:.1%}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path, help="JSONL files (question, passage, passage_id per row)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    parser.add_argument("--distractors", type=Path, help="JSONL of passages added to every file's pool")
    parser.add_argument("--model", default=Settings().model, help="sentence-transformers name or folder")
    parser.add_argument("--modes", default=",".join(MODES), help="comma-separated: bm25,dense,hybrid")
    parser.add_argument("--abstention", action="store_true", help="also measure on-/off-topic abstention")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="embedding cache folder")
    args = parser.parse_args(argv)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    bad = [m for m in modes if m not in MODES]
    if bad or not modes:
        print(f"error: --modes takes bm25, dense, hybrid (got {args.modes!r})", file=sys.stderr)
        return 1
    try:
        report = run_benchmark(args.files, args.distractors, args.model, modes, args.abstention,
                               args.cache)
    except (BenchDataError, ModelUnavailableError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(report, ensure_ascii=False) if args.json else format_table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
