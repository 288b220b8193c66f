"""Load: N asker threads share one Kawan (as the app's sessions share its cached one), each asking a fixed number
of questions, while one ingest of a generated multi-page document runs in another thread.

    .venv/bin/python bench/load.py [--askers 8] [--questions 25] [--pages 40] [--store DIR] [--json]

Prints questions answered, errors, latency p50/p95/max (ms) and how long the ingest took. The store is a fresh
temporary one holding the shipped sources unless --store is given (an existing store is used as it is, and the
generated document is removed again afterwards).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.stats import ms_stats
from ingest.pipeline import ingest_paths
from knowledge.config import SOURCES_DIR, Settings
from knowledge.service import Kawan

QUESTIONS = [
    "Apa saja hambatan kerja sama Sister City Bandung–Kawasaki?",
    "What opportunities does the Bandung–Kawasaki cooperation have?",
    "Bagaimana Kawasaki mengelola sampah?",
    "What are the strengths of the partnership?",
    "Kapan kerja sama ini dimulai?",
    "Which threats did the cooperation face?",
    "Lembaga apa yang dapat mendanai kerja sama ini?",
    "What did the Bandung delegation learn about composting?",
]
PAGE = (
    "Halaman {n}. Laporan kegiatan kerja sama Kota Bandung dan Kota Kawasaki: pelatihan pengelolaan sampah, "
    "pemilahan di tingkat RW, pusat daur ulang plastik, dan rencana pengolahan air limbah. Page {n} also notes "
    "the composting centre visited in Kawasaki, the training of officials and the budget constraints of the city."
)


def run(askers: int, questions: int, pages: int, store: Path | None) -> dict[str, Any]:
    workdir = Path(tempfile.mkdtemp(prefix="kawan-load-"))
    try:
        settings = Settings(store=store or workdir / "store")
        kawan = Kawan(settings)
        if store is None:
            ingest_paths(kawan, [SOURCES_DIR])
        kawan.ask(QUESTIONS[0])  # load the model and the keyword index before timing
        doc = workdir / "load-report.txt"
        doc.write_text("\f".join(PAGE.format(n=n) for n in range(1, pages + 1)), encoding="utf-8")

        latencies: list[float] = []
        errors: list[str] = []
        answered = 0
        lock = threading.Lock()
        ingest_info: dict[str, object] = {}

        def ingest() -> None:
            started = time.perf_counter()
            try:
                results = ingest_paths(kawan, [doc])
                ingest_info.update(status=results[0].status, passages=results[0].passages, doc_id=results[0].doc_id)
            except Exception as exc:
                ingest_info.update(status="error", error=repr(exc))
            ingest_info["seconds"] = round(time.perf_counter() - started, 2)

        def ask(worker: int) -> None:
            nonlocal answered
            cycle = itertools.islice(itertools.cycle(QUESTIONS), worker, worker + questions)
            for q in cycle:
                started = time.perf_counter()
                try:
                    answer = kawan.ask(q)
                except Exception:
                    with lock:
                        errors.append(traceback.format_exc(limit=3))
                    continue
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    latencies.append(elapsed)
                    answered += bool(answer.citations)

        threads = [threading.Thread(target=ingest)] + [threading.Thread(target=ask, args=(i,)) for i in range(askers)]
        wall = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall_s = time.perf_counter() - wall

        if ingest_info.get("status") == "indexed":
            listed = [d.file for d in kawan.store.documents()].count(doc.name)
            ingest_info["listed"] = listed
            kawan.store.remove_document(str(ingest_info["doc_id"]))
        p50, p95 = ms_stats(latencies)
        return {
            "askers": askers,
            "questions_per_asker": questions,
            "questions": askers * questions,
            "completed": len(latencies),
            "answered_with_citations": answered,
            "errors": len(errors),
            "error_samples": errors[:3],
            "latency_ms": {
                "p50": p50,
                "p95": p95,
                "max": round(max(latencies, default=0.0), 1),
            },
            "throughput_qps": round(len(latencies) / wall_s, 2) if wall_s else 0.0,
            "wall_s": round(wall_s, 2),
            "ingest": {k: v for k, v in ingest_info.items() if k != "doc_id"},
            "cpus": os.cpu_count(),
        }
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--askers", type=int, default=8)
    parser.add_argument("--questions", type=int, default=25, help="questions per asker")
    parser.add_argument("--pages", type=int, default=40, help="pages of the document ingested meanwhile")
    parser.add_argument("--store", type=Path, help="use this store instead of a fresh one with the shipped sources")
    parser.add_argument("--json", action="store_true", help="one JSON object")
    args = parser.parse_args()
    result = run(args.askers, args.questions, args.pages, args.store)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        lat = result["latency_ms"]
        print(f"askers {result['askers']} × {result['questions_per_asker']} questions during one ingest")
        print(f"questions answered {result['completed']}/{result['questions']} "
              f"({result['answered_with_citations']} with citations), errors {result['errors']}")
        print(f"latency p50 {lat['p50']} ms, p95 {lat['p95']} ms, max {lat['max']} ms; "
              f"{result['throughput_qps']} questions/s over {result['wall_s']} s")
        print(f"ingest: {result['ingest']}")
        for sample in result["error_samples"]:
            print(sample, file=sys.stderr)
    return 1 if result["errors"] or result["ingest"].get("status") != "indexed" else 0


if __name__ == "__main__":
    sys.exit(main())
