"""The `kawan` command: index documents, ask questions, list and remove documents. A thin face over
knowledge/ and ingest/; expected failures print one readable line, never a traceback."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

# Imports recompile on every start when bytecode writing is off; and never reach for a model hub.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _settings(args: argparse.Namespace):
    from knowledge.config import Settings

    overrides = {}
    if getattr(args, "store", None):
        overrides["store"] = Path(args.store)
    return Settings(**overrides)


def _kawan(args: argparse.Namespace):
    from knowledge.service import Kawan

    return Kawan(_settings(args))


def cmd_ingest(args: argparse.Namespace) -> int:
    from ingest.pipeline import ingest_paths

    kawan = _kawan(args)
    results = ingest_paths(
        kawan, [Path(p) for p in args.paths], password=args.password, on_result=lambda r: print(r.line(), flush=True)
    )
    if not results:
        print("no files found", file=sys.stderr)
        return EXIT_FAILED
    failed = sum(r.failed for r in results)
    indexed = sum(r.status == "indexed" for r in results)
    dup = sum(r.status == "duplicate" for r in results)
    print(f"{indexed} indexed, {dup} duplicate, {failed} failed", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def cmd_seed(args: argparse.Namespace) -> int:
    """Index the shipped sources when the store is empty (used by `make run`)."""
    from ingest.pipeline import ingest_paths
    from knowledge.config import SOURCES_DIR
    from knowledge.store import Store

    settings = _settings(args)
    if Store(settings).documents() and not args.force:
        print(f"store already indexed: {settings.store}")
        return EXIT_OK
    kawan = _kawan(args)
    results = ingest_paths(kawan, [SOURCES_DIR], on_result=lambda r: print(r.line(), flush=True))
    return EXIT_FAILED if any(r.failed for r in results) else EXIT_OK


def _filters(args: argparse.Namespace):
    from knowledge.search import Filters

    return Filters(
        doc_ids=tuple(args.document or ()),
        languages=tuple(args.passage_lang or ()),
        kinds=tuple([args.kind] if args.kind else ()),
    )


def cmd_ask(args: argparse.Namespace) -> int:
    from knowledge.answer import render_text
    from knowledge.service import QuestionError

    kawan = _kawan(args)
    questions = sys.stdin.read().splitlines() if args.question == "-" else [args.question]
    if args.question == "-":
        questions = [q for q in questions if q.strip()]
    status = EXIT_OK
    filters = _filters(args)
    for q in questions:
        try:
            answer = kawan.ask(q, language=args.lang, k=args.k, filters=filters, mode=args.mode)
        except QuestionError as err:
            if args.json:
                print(json.dumps({"question": q, "error": str(err)}, ensure_ascii=False))
            else:
                print(f"error: {err}", file=sys.stderr)
            status = EXIT_FAILED
            continue
        if args.json:
            print(json.dumps(answer.to_json(), ensure_ascii=False), flush=True)
        else:
            print(render_text(answer))
    return status


def cmd_docs(args: argparse.Namespace) -> int:
    from knowledge.store import Store

    docs = Store(_settings(args)).documents()
    if args.json:
        print(json.dumps([d.to_json() for d in docs], ensure_ascii=False, indent=None))
        return EXIT_OK
    if not docs:
        print("no documents indexed")
    for d in docs:
        print(f"{d.id[:12]}  {d.kind:<10} {d.language:<5} {d.pages:>4}p {d.passages:>5}  {d.file}  — {d.title}")
    return EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    from ingest.pipeline import StoreBusyError  # noqa: F401 - same lock rule as ingest
    from knowledge.store import Store

    store = Store(_settings(args))
    record = store.find_document(args.doc_id)
    if record is None:
        print(f"error: no document with id {args.doc_id!r} (see `kawan docs`)", file=sys.stderr)
        return EXIT_FAILED
    store.remove_document(record.id)
    print(f"removed {record.file} ({record.id[:12]}, {record.passages} passages)")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--store", metavar="DIR", help="store folder (default: $KAWAN_STORE or ./data/store)")
    parser = argparse.ArgumentParser(
        prog="kawan",
        description="Kawan: cited, SWOT-structured answers about the Bandung–Kawasaki Sister City partnership.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", parents=[common], help="index files and folders (recursively)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--password", help="password for encrypted PDFs")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("ask", parents=[common], help="ask a question; '-' reads one question per line")
    p.add_argument("question", metavar="QUESTION")
    p.add_argument("--json", action="store_true", help="one JSON object per answer")
    p.add_argument("--lang", choices=["auto", "id", "en"], default="auto", help="answer language")
    p.add_argument("--k", type=int, default=None, help="passages to cite at most")
    p.add_argument("--mode", choices=["hybrid", "dense", "bm25"], default="hybrid", help=argparse.SUPPRESS)
    p.add_argument("--kind", choices=["study", "background", "upload"], help="only this kind of document")
    p.add_argument("--document", action="append", metavar="DOC_ID", help="only this document (repeatable)")
    p.add_argument("--passage-lang", action="append", choices=["id", "en"], help="only passages in this language")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("docs", parents=[common], help="list the indexed documents")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_docs)

    p = sub.add_parser("remove", parents=[common], help="remove a document and all its passages")
    p.add_argument("doc_id", metavar="DOC_ID")
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("seed", parents=[common], help="index the shipped sources if the store is empty")
    p.add_argument("--force", action="store_true", help="index them even if the store has documents")
    p.set_defaults(func=cmd_seed)
    return parser


def _expected_errors() -> tuple[type[BaseException], ...]:
    from ingest.pipeline import StoreBusyError
    from knowledge.embedder import ModelUnavailableError
    from knowledge.store import StoreError

    return (StoreError, ModelUnavailableError, StoreBusyError)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except KeyboardInterrupt:
        return 130
    except Exception as err:
        if isinstance(err, _expected_errors()):
            print(f"error: {err}", file=sys.stderr)
            return EXIT_FAILED
        raise


if __name__ == "__main__":
    sys.exit(main())
