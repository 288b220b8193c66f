"""The `kawan` command: index documents, ask questions, list and remove documents. A thin face over
knowledge/ and ingest/; expected failures print one readable line, never a traceback."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

# Imports recompile on every start when bytecode writing is off; and never reach for a model hub.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _settings(args: argparse.Namespace):
    from knowledge.config import Settings

    overrides: dict[str, Any] = {}
    if getattr(args, "store", None):
        overrides["store"] = Path(args.store)
    return Settings(**overrides)


def _kawan(args: argparse.Namespace):
    from knowledge.service import Kawan

    return Kawan(_settings(args))


def cmd_ingest(args: argparse.Namespace) -> int:
    kawan = _kawan(args)
    kawan.preload()  # overlaps the import of the readers below
    from ingest.pipeline import ingest_paths

    results = ingest_paths(
        kawan,
        [Path(p) for p in args.paths],
        password=args.password,
        on_result=lambda r: print(r.line(), flush=True),
        on_ocr_page=lambda name, done, total: print(f"OCR page {done}/{total} of {name}", file=sys.stderr, flush=True),
        earlier="replace" if args.replace else "keep",
    )
    if not results:
        print("no files found", file=sys.stderr)
        return EXIT_FAILED
    failed = sum(r.failed for r in results)
    indexed = sum(r.status == "indexed" for r in results)
    dup = sum(r.status == "duplicate" for r in results)
    replaced = sum(len(r.earlier) for r in results if r.replaced)
    also = f", {replaced} earlier {'version' if replaced == 1 else 'versions'} replaced" if replaced else ""
    print(f"{indexed} indexed, {dup} duplicate, {failed} failed{also}", file=sys.stderr)
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


def _filters(args: argparse.Namespace, doc_ids: Sequence[str] = ()):
    from knowledge.search import Filters

    return Filters(
        doc_ids=tuple(doc_ids),
        languages=tuple(args.passage_lang or ()),
        kinds=tuple([args.kind] if args.kind else ()),
    )


def cmd_ask(args: argparse.Namespace) -> int:
    from knowledge.answer import render_text
    from knowledge.service import QuestionError
    from knowledge.strings import ui

    kawan = _kawan(args)
    # `kawan docs` shows ids by their first 12 characters: a prefix names a document here as it does for
    # remove and swot, and one that names none is an error, not a silent "nothing relevant".
    doc_ids = [kawan.store.require_document(given).id for given in args.document or ()]
    kawan.preload()
    questions = sys.stdin.read().splitlines() if args.question == "-" else [args.question]
    if args.question == "-":
        questions = [q for q in questions if q.strip()]
    status = EXIT_OK
    filters = _filters(args, doc_ids)
    chat = args.chat or args.after is not None
    previous = args.after
    for q in questions:
        try:
            # As in the app's chat: "Who signed it?" is asked about the last answered question's topic, and each
            # question of a line ("Apa itu Kang Pisman? Kapan dimulai?") on its own. With no previous question, a
            # question is asked as typed.
            parts = kawan.ask_message(q, previous, args.lang, filters, args.k, args.mode)
        except QuestionError as err:
            if args.json:
                print(json.dumps({"question": q, "error": str(err)}, ensure_ascii=False))
            else:
                print(f"error: {err}", file=sys.stderr)
            status = EXIT_FAILED
            continue
        for part in parts:
            answer, resolved = part.answer, part.resolved
            summary = _summary(kawan, answer) if args.summary else None
            if chat and answer.answered:
                previous = resolved.carried
            if resolved.followup:
                answer.notices.insert(0, ui("understood_as", answer.language, question=resolved.question))
            shown = part.part()
            if args.json:
                # "summary" and "part" are always there (null when off or one question) so the shape never changes.
                print(json.dumps({**answer.to_json(), "summary": summary, "part": shown}, ensure_ascii=False),
                      flush=True)
            else:
                if shown is not None:
                    print(ui("message_part", answer.language, **shown) + "\n")
                if summary:
                    print(ui("summary_heading", answer.language) + ":\n" + summary + "\n")
                print(render_text(answer))
    return status


def _summary(kawan, answer) -> str | None:
    """The checked model summary, or None with the reason added to the answer's notices."""
    result = kawan.summarize(answer)
    notice = result.notice(answer.language, kawan.settings.llm_timeout_s)
    if notice:
        answer.notices.append(notice)
    return result.text


def cmd_docs(args: argparse.Namespace) -> int:
    from ingest.pipeline import _printable
    from knowledge.store import Store
    from knowledge.strings import provenance_line
    from knowledge.types import newer_versions

    docs = Store(_settings(args)).documents()
    if args.json:
        print(json.dumps([d.to_json() for d in docs], ensure_ascii=False, indent=None))
        return EXIT_OK
    if not docs:
        print("no documents indexed")
    newer = newer_versions(docs)
    for d in docs:
        # Names and titles come from files: shown with control characters escaped, never sent raw to a terminal.
        file, title = _printable(d.file), _printable(d.title)
        print(f"{d.id[:12]}  {d.kind:<10} {d.language:<5} {d.pages:>4}p {d.passages:>5}  {file}  — {title}")
        if d.notes:
            print(f"{'':14}read: {_printable(d.notes)}")
        fields = d.provenance()
        if url := d.web_address():
            fields.append(("url", url))
        if origin := provenance_line(fields, "en"):
            print(f"{'':14}from: {_printable(origin)}")
        if later := newer.get(d.id):
            print(f"{'':14}newer version indexed: {_printable(later.file)} (id {later.id[:12]})")
    return EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    from ingest.pipeline import exclusive
    from knowledge.service import Kawan
    from knowledge.store import Store
    from knowledge.strings import counted

    settings = _settings(args)
    with exclusive(Kawan(settings)):  # same one-writer rule as ingest
        store = Store(settings)
        record = store.require_document(args.doc_id)
        store.remove_document(record.id)
    print(f"removed {record.file} ({record.id[:12]}, {counted(record.passages, 'passage')})")
    return EXIT_OK


def cmd_swot(args: argparse.Namespace) -> int:
    from knowledge.overview import render_text

    kawan = _kawan(args)
    record = kawan.store.require_document(args.document) if args.document else None
    overview = kawan.swot_overview(document=record.id if record else None, language=args.lang)
    if args.json:
        print(json.dumps(overview, ensure_ascii=False))
        return EXIT_OK
    print(render_text(overview, scope=record.file if record else None))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from ingest.maintenance import check_store
    from knowledge.strings import counted

    report = check_store(_settings(args), repair=args.repair, password=args.password)
    if not report.problems:
        print("ok: every passage belongs to a listed document, every document has its passages and its original")
        return EXIT_OK
    for problem in report.problems:
        print(f"problem  {problem.line()}")
    for line in report.done:
        print(f"repaired {line}")
    for result in report.reingested:
        print(result.line())
    for problem in report.not_repaired:
        print(f"NOT repaired {problem.kind}: {problem.detail}")
    if not report.repaired:
        print(f"{counted(len(report.problems), 'problem')}; `kawan check --repair` fixes what can be fixed",
              file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_FAILED


def cmd_reindex(args: argparse.Namespace) -> int:
    from ingest.maintenance import reindex_store
    from knowledge.strings import counted

    report = reindex_store(_settings(args), password=args.password, on_result=lambda r: print(r.line(), flush=True))
    if not report.swapped:
        failed = sum(r.failed for r in report.results)
        print(f"error: {counted(failed, 'document')} could not be re-read; the old index stays active", file=sys.stderr)
        return EXIT_FAILED
    print(f"re-indexed {counted(len(report.results), 'document')} with {report.model}; the new index is active",
          file=sys.stderr)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from ingest.maintenance import export_store
    from knowledge.strings import counted

    report = export_store(_settings(args), Path(args.file))
    for line in report.skipped:
        print(f"skipped  {line}")
    print(f"exported {counted(report.documents, 'document')} to {report.path}")
    return EXIT_FAILED if report.skipped else EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from ingest.maintenance import import_store

    results = import_store(_settings(args), Path(args.file), password=args.password,
                           on_result=lambda r: print(r.line(), flush=True))
    failed = sum(r.failed for r in results)
    print(f"{sum(r.status == 'indexed' for r in results)} imported, "
          f"{sum(r.status == 'duplicate' for r in results)} already here, {failed} failed", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def _positive_int(text: str) -> int:
    """An option's count: a whole number of 1 or more ("--k 0" would cite nothing and say nothing was relevant)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is less than 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    from knowledge.types import PASSAGE_LANGUAGES  # plain data: --help stays fast

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
    p.add_argument("--replace", action="store_true",
                   help="remove the earlier versions of a file once it is indexed (a document it repeats at least "
                        "half of, word for word; a fifth under the same file name)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("ask", parents=[common], help="ask a question; '-' reads one question per line")
    p.add_argument("question", metavar="QUESTION")
    p.add_argument("--json", action="store_true", help="one JSON object per answer")
    p.add_argument("--lang", choices=["auto", "id", "en"], default="auto", help="answer language")
    p.add_argument("--k", type=_positive_int, default=None, help="passages to cite at most")
    p.add_argument("--mode", choices=["hybrid", "dense", "bm25"], default="hybrid", help=argparse.SUPPRESS)
    p.add_argument("--kind", choices=["study", "background", "upload"], help="only this kind of document")
    p.add_argument("--document", action="append", metavar="DOC_ID",
                   help="only this document (repeatable; an id prefix is enough)")
    p.add_argument("--passage-lang", action="append", choices=list(PASSAGE_LANGUAGES),
                   help="only passages in this language")
    p.add_argument("--summary", action="store_true", help="add a checked summary from $KAWAN_LLM_URL's model")
    p.add_argument("--chat", action="store_true",
                   help="ask the questions as a chat: a follow-up ('Who signed it?') is asked about the last topic")
    p.add_argument("--after", metavar="QUESTION", help="the question asked before (implies --chat)")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("docs", parents=[common], help="list the indexed documents")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_docs)

    p = sub.add_parser("remove", parents=[common], help="remove a document and all its passages")
    p.add_argument("doc_id", metavar="DOC_ID")
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("swot", parents=[common], help="the SWOT matrix of the knowledge base (or one document)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--document", metavar="DOC_ID", help="only this document (an id prefix is enough)")
    p.add_argument("--lang", choices=["id", "en"], default="id", help="language of the factor texts and labels")
    p.set_defaults(func=cmd_swot)

    p = sub.add_parser("check", parents=[common], help="verify the store (orphans, missing passages/files, model)")
    p.add_argument("--repair", action="store_true", help="remove what is partial, re-ingest from stored originals")
    p.add_argument("--password", help="password for encrypted PDFs to re-ingest")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("reindex", parents=[common], help="re-embed every stored original with the configured model")
    p.add_argument("--password", help="password for encrypted PDFs")
    p.set_defaults(func=cmd_reindex)

    p = sub.add_parser("export", parents=[common], help="write originals + metadata of every document to a zip")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", parents=[common], help="ingest an export's documents with the local model")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--password", help="password for encrypted PDFs")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("seed", parents=[common], help="index the shipped sources if the store is empty")
    p.add_argument("--force", action="store_true", help="index them even if the store has documents")
    p.set_defaults(func=cmd_seed)
    return parser


def _expected_errors() -> tuple[type[BaseException], ...]:
    from ingest.maintenance import BackupError
    from ingest.pipeline import StoreBusyError
    from knowledge.embedder import ModelUnavailableError
    from knowledge.store import StoreError, UnknownDocumentError

    return (StoreError, UnknownDocumentError, ModelUnavailableError, StoreBusyError, BackupError)


def main(argv: list[str] | None = None) -> int:
    import logging

    # pypdf logs its repairs of damaged files; the one-line FAILED reason already says what matters.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    args = build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader stopped early (`kawan docs | head`): say nothing more, and keep Python's exit-time flush of
        # stdout from raising again (the recipe of the Python signal docs).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    except Exception as err:
        if isinstance(err, _expected_errors()):
            print(f"error: {err}", file=sys.stderr)
            return EXIT_FAILED
        raise


if __name__ == "__main__":
    sys.exit(main())
