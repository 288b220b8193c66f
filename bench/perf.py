"""Performance on this machine: ingest throughput, store size, warm hybrid latency, cold start and peak memory,
with the plain baseline (fp32 torch through sentence-transformers, batch as given) measured in the same run.

    .venv/bin/python bench/perf.py [--passages N] [--json] [--server] [--app] [--baseline-passages M]

The corpus is built from the texts in ../shared/bench-data/ (distinct passages of every JSONL file there),
written out as multi-page PDF and text files (half each), and ingested end to end by `kawan ingest` in a new
process. Past the ~15k sentences the data holds, paragraphs are reused in a new order (content repeats; the
cost per passage does not change).

Baseline ratio: a subset of the corpus (≈ M passages) is ingested twice by `kawan ingest` into fresh stores,
once with the plain torch backend (KAWAN_BACKEND=torch, batch 32 as sentence-transformers defaults) and once as
configured; absolute times drift on these machines, so the ratio is the figure to trust.

--server runs the query measurements against a `chroma run` server too; --app starts `streamlit run app.py`
and measures the time until the first page shows its title in Chromium and the app's peak memory after one
answer.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from bench.stats import ms_stats  # noqa: E402
from ingest.clean import clean_text  # noqa: E402
from ingest.passages import split_passages  # noqa: E402

BENCH_DATA = ROOT.parent / "shared" / "bench-data"
KAWAN = Path(sys.executable).parent / "kawan"
PARAGRAPHS_PER_PAGE = 4
PAGES_PER_FILE = 25


def load_texts(folder: Path) -> tuple[list[str], list[str]]:
    """Distinct passages and the questions of every JSONL file in the folder."""
    passages: dict[str, None] = {}
    questions: list[str] = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row.get("passage"):
                passages.setdefault(" ".join(str(row["passage"]).split()), None)
            if row.get("question"):
                questions.append(str(row["question"]))
    return list(passages), questions


def passages_in(paragraph: str) -> int:
    return len(split_passages([(1, clean_text(paragraph))]))


def build_corpus(paragraphs: list[str], target: int, out: Path, seed: int = 7) -> dict[str, int]:
    """Write pages of paragraphs into PDF and text files until about `target` passages are reached."""
    from tests.fixtures_docs import make_text_pdf

    rng = random.Random(seed)
    counts = {p: passages_in(p) for p in paragraphs}
    pages: list[list[str]] = []
    page: list[str] = []
    total = 0
    order = list(paragraphs)
    while total < target:
        rng.shuffle(order)
        for p in order:
            page.append(p)
            total += counts[p]
            if len(page) == PARAGRAPHS_PER_PAGE:
                pages.append(page)
                page = []
            if total >= target:
                break
    if page:
        pages.append(page)
    out.mkdir(parents=True, exist_ok=True)
    files = 0
    for i in range(0, len(pages), PAGES_PER_FILE):
        chunk = ["\n\n".join(pg) for pg in pages[i : i + PAGES_PER_FILE]]
        if files % 2 == 0:
            make_text_pdf(out / f"report-{files:04d}.pdf", chunk, title=f"Report {files}")
        else:
            (out / f"report-{files:04d}.txt").write_text("\f".join(chunk), encoding="utf-8")
        files += 1
    return {"pages": len(pages), "files": files, "expected_passages": total}


def peak_of(cmd: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """Run one command in a fresh interpreter whose only child is the command: its own peak memory."""
    probe = (
        "import resource,subprocess,sys,time,json;t=time.perf_counter();"
        "p=subprocess.run(sys.argv[1:],capture_output=True,text=True);"
        "print(json.dumps({'s':time.perf_counter()-t,'rss':resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss*1024,"
        "'out':p.stdout,'err':p.stderr,'rc':p.returncode}))"
    )
    res = subprocess.run([sys.executable, "-c", probe, *cmd], env=env, capture_output=True, text=True, check=True)
    data = json.loads(res.stdout)
    if data["rc"] not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} failed: {data['err'][-2000:]}")
    return float(data["s"]), int(data["rss"]), str(data["out"])


def indexed_passages(output: str) -> int:
    total = 0
    for line in output.splitlines():
        if line.startswith("indexed"):
            total += int(line.split(":", 1)[1].split("passages")[0].split()[-1])
    return total


def ingest(folder: Path, store: Path, env: dict[str, str]) -> dict[str, float]:
    seconds, rss, out = peak_of([str(KAWAN), "ingest", str(folder), "--store", str(store)], env)
    passages = indexed_passages(out)
    return {"seconds": round(seconds, 2), "passages": passages, "passages_per_s": round(passages / seconds, 2),
            "peak_rss_mb": round(rss / 2**20, 1), "files": sum(1 for _ in folder.iterdir())}


def backend_in_use(env: dict[str, str]) -> str:
    """The backend and precision `kawan` runs with here (OpenVINO picks bf16 or fp32 by processor)."""
    probe = ("from knowledge.config import Settings; from knowledge.embedder import make_embedder;"
             "e = make_embedder(Settings()); print(getattr(e, 'backend', 'torch'), getattr(e, 'precision', 'f32'))")
    res = subprocess.run([sys.executable, "-c", probe], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    return res.stdout.strip().replace(" ", " / ")


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def warm_latency(store: Path, questions: list[str], env_overrides: dict[str, str], n: int = 100) -> dict[str, float]:
    """p50/p95 of the hybrid search (question embedding included) after three warm-up questions."""
    from knowledge.config import Settings
    from knowledge.language import detect_query_language
    from knowledge.service import Kawan

    saved = {k: os.environ.get(k) for k in env_overrides}
    os.environ.update(env_overrides)
    try:
        kawan = Kawan(Settings(store=store))
        sample = random.Random(3).sample(questions, min(n, len(questions)))
        for q in sample[:3]:
            kawan.searcher.search(q, detect_query_language(q), k=10)
        times = []
        for q in sample:
            lang = detect_query_language(q)
            t = time.perf_counter()
            kawan.searcher.search(q, lang, k=10)
            times.append((time.perf_counter() - t) * 1000)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    p50, p95 = ms_stats(times)
    return {"p50_ms": p50, "p95_ms": p95, "queries": len(times)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_port(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on port {port}")


def server_latency(corpus: Path, questions: list[str], env: dict[str, str], tmp: Path) -> dict[str, Any]:
    port = free_port()
    chroma = Path(sys.executable).parent / "chroma"
    proc = subprocess.Popen(
        [str(chroma), "run", "--path", str(tmp / "server-data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        wait_port(port, 60)
        server_env = {**env, "KAWAN_CHROMA_HOST": "127.0.0.1", "KAWAN_CHROMA_PORT": str(port)}
        ing = ingest(corpus, tmp / "server-store", server_env)
        lat = warm_latency(tmp / "server-store", questions,
                           {"KAWAN_CHROMA_HOST": "127.0.0.1", "KAWAN_CHROMA_PORT": str(port)})
        return {"ingest": ing, "query": lat}
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def app_metrics(store: Path, env: dict[str, str]) -> dict[str, float]:
    """Seconds from `streamlit run` to the first page's title visible in Chromium; peak RSS after one answer."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    cmd = [str(Path(sys.executable).parent / "streamlit"), "run", str(ROOT / "app.py"), "--server.port", str(port),
           "--server.headless", "true", "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]
    proc: subprocess.Popen[bytes] | None = None
    try:
        with sync_playwright() as pw:
            # The browser is up before the server starts: its own start-up is not the app's.
            browser = pw.chromium.launch(
                executable_path="/usr/bin/chromium", headless=True,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                      "--disable-sync", "--no-first-run", "--disable-quic"],
            )
            page = browser.new_page()
            started = time.perf_counter()
            proc = subprocess.Popen(cmd, env={**env, "KAWAN_STORE": str(store)}, cwd=ROOT,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            # Poll the port, not the page: Chromium renders an error page for every refused attempt, which
            # delays the first real load by a second or more.
            wait_port(port, 60)
            page.goto(f"http://127.0.0.1:{port}/", timeout=60000)
            page.get_by_text("Kawan", exact=False).first.wait_for(timeout=60000)
            first_page = time.perf_counter() - started
            box = page.get_by_role("textbox").last
            box.fill("Apa saja hambatan kerja sama ini?")
            box.press("Enter")
            # Any assistant turn counts: the bench corpus may hold nothing about the question.
            page.get_by_test_id("stChatMessage").nth(1).wait_for(timeout=120000)
            first_answer = time.perf_counter() - started
            browser.close()
        status = Path(f"/proc/{proc.pid}/status").read_text()
        hwm = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM"))
        return {"first_page_s": round(first_page, 2), "first_answer_s": round(first_answer, 2),
                "app_peak_rss_mb": round(hwm / 1024, 1)}
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)


def run(passages: int, baseline_passages: int, server: bool, app: bool) -> dict[str, Any]:
    paragraphs, questions = load_texts(BENCH_DATA)
    env = {**os.environ}
    report: dict[str, Any] = {"target_passages": passages, "cpu_count": os.cpu_count(),
                              "backend": backend_in_use(env)}
    with tempfile.TemporaryDirectory(prefix="kawan-perf-") as tmpdir:
        tmp = Path(tmpdir)
        corpus = tmp / "corpus"
        report["corpus"] = build_corpus(paragraphs, passages, corpus)
        report["corpus"]["bytes"] = dir_size(corpus)

        # Baseline vs configured on the same subset, both end to end through `kawan ingest`.
        subset = tmp / "subset"
        build_corpus(paragraphs, baseline_passages, subset, seed=11)
        base = ingest(subset, tmp / "base-store", {**env, "KAWAN_BACKEND": "torch", "KAWAN_BATCH_SIZE": "32"})
        ours = ingest(subset, tmp / "ours-store", env)
        report["baseline"] = {"plain_torch_fp32": base, "configured": ours,
                              "ingest_speedup": round(ours["passages_per_s"] / base["passages_per_s"], 2)}

        store = tmp / "store"
        report["ingest"] = ingest(corpus, store, env)
        report["ingest"]["pages"] = report["corpus"]["pages"]
        report["ingest"]["pages_per_s"] = round(report["corpus"]["pages"] / report["ingest"]["seconds"], 2)
        report["store_mb"] = round(dir_size(store) / 2**20, 1)
        report["query"] = warm_latency(store, questions, {})

        cold_s, cold_rss, out = peak_of(
            [str(KAWAN), "ask", "Apa saja hambatan kerja sama ini?", "--json", "--store", str(store)], env
        )
        report["cold_start"] = {"seconds_to_first_answer": round(cold_s, 2), "peak_rss_mb": round(cold_rss / 2**20, 1),
                                "answered": json.loads(out.splitlines()[-1])["answered"] if out.strip() else None}
        base_cold_s, base_cold_rss, _ = peak_of(
            [str(KAWAN), "ask", "Apa saja hambatan kerja sama ini?", "--json", "--store", str(tmp / "base-store")],
            {**env, "KAWAN_BACKEND": "torch"},
        )
        report["baseline"]["cold_start_s"] = round(base_cold_s, 2)
        report["baseline"]["cold_start_peak_rss_mb"] = round(base_cold_rss / 2**20, 1)
        if server:
            report["server"] = server_latency(corpus, questions, env, tmp)
        if app:
            try:
                report["app"] = app_metrics(store, env)
            except Exception as exc:  # keep the other figures of a long run
                report["app"] = {"error": f"{type(exc).__name__}: {str(exc)[:300]}"}
        shutil.rmtree(corpus, ignore_errors=True)
    return report


def print_report(r: dict[str, Any]) -> None:
    b = r["baseline"]
    print(f"Kawan perf — {r['ingest']['passages']} passages, {r['corpus']['pages']} pages, "
          f"{r['corpus']['files']} files, backend {r['backend']}, {r['cpu_count']} cores")
    ing = r["ingest"]
    print(f"  ingest          {ing['passages_per_s']:8.1f} passages/s  {ing['pages_per_s']:6.2f} pages/s"
          f"  ({r['ingest']['seconds']} s, peak {r['ingest']['peak_rss_mb']} MB)")
    print(f"  baseline subset plain torch {b['plain_torch_fp32']['passages_per_s']:.1f} passages/s vs configured "
          f"{b['configured']['passages_per_s']:.1f} → ×{b['ingest_speedup']}")
    print(f"  store size      {r['store_mb']} MB")
    q = r["query"]
    print(f"  warm hybrid     p50 {q['p50_ms']} ms  p95 {q['p95_ms']} ms  ({q['queries']} q)")
    c = r["cold_start"]
    print(f"  cold start      {c['seconds_to_first_answer']} s to first answer (baseline {b['cold_start_s']} s), "
          f"peak {c['peak_rss_mb']} MB (baseline {b['cold_start_peak_rss_mb']} MB)")
    if "server" in r:
        s = r["server"]
        print(f"  server mode     ingest {s['ingest']['passages_per_s']} passages/s; "
              f"warm hybrid p50 {s['query']['p50_ms']} ms p95 {s['query']['p95_ms']} ms")
    if "app" in r and "error" in r["app"]:
        print(f"  app             failed: {r['app']['error']}")
    elif "app" in r:
        a = r["app"]
        print(f"  app             first page {a['first_page_s']} s, first answer {a['first_answer_s']} s, "
              f"peak {a['app_peak_rss_mb']} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kawan performance benchmark")
    parser.add_argument("--passages", type=int, default=1000)
    parser.add_argument("--baseline-passages", type=int, default=1000)
    parser.add_argument("--server", action="store_true", help="also measure against a Chroma server")
    parser.add_argument("--app", action="store_true", help="also measure the Streamlit app in Chromium")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    report = run(args.passages, args.baseline_passages, args.server, args.app)
    if args.json:
        print(json.dumps(report))
    else:
        print_report(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
