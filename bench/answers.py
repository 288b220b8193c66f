"""Answer benchmark: does an answer cite the fact a question asks for, and cite it first?

    python bench/answers.py [FILE ...] [--off FILE ...] [--json] [--model NAME_OR_PATH] [--misses] [--typos SEED]

bench/retrieval.py measures the search on public sets; this measures the product on its own sources: the shipped
documents (knowledge/sources) are indexed into a fresh temporary store through the real ingest, and every
question is asked through knowledge.service.Kawan, as the app and the CLI ask it.

Each FILE is JSONL with `question` and the text a right answer cites: `expect_text` (a string) or `expect_any`
(a list; any one of them counts). Defaults: bench/data/natural_questions.jsonl (40 questions worded as people
ask, not as the sources say it), bench/data/fresh_questions.jsonl (30 more of that kind, written after the
search was tuned, as a check that the tuning did not fit the first 40; one synonym, "bylaw", came from them),
bench/data/fresh2_questions.jsonl (30 more, 15 per language, written on 2026-11-30 after everything above; the
study-question step of knowledge/service.py came from one of them), bench/data/fresh3_questions.jsonl (30 more,
15 per language, written later that day in words further from the sources'; the study's year and the study's
passages first came from them), bench/data/fresh4_questions.jsonl (30 more, 15 per language, written on
2026-12-01 on facts no earlier set asks about; nothing changed for them), bench/data/fresh5_questions.jsonl (20
more, 10 per language, written later on 2026-12-01 before the check of knowledge/answer_check.py was built, to
see it mark no right answer), bench/data/fresh6_questions.jsonl (20 more, 10 per language, written on
2026-12-01 in a later session, before any run of a new check of that kind), bench/data/fresh7_questions.jsonl
(20 more, 10 per language, written in the session after that before any run: who takes part, whether the
partnership is still active, what comes next, what the study concludes; the latest-news and conclusion steps
of knowledge/service.py came from them), bench/data/fresh8_questions.jsonl (16 more, 8 per language, written
after those steps before any run, in the forms officials ask: yes/no, why, what came of it; nothing changed for
them), bench/data/fresh9_questions.jsonl (20 more, 10 per language, typed as in a chat: "brp", "gimana", "sih",
terse keywords; the reading of chat words, knowledge/informal.py, came from them),
bench/data/fresh10_questions.jsonl (20 more, 10 per language, worded as officials write: a greeting, who they are,
what it is for, "Could you tell me …", "Mohon info, …"; the framing step, knowledge/framing.py, came from them),
bench/data/fresh11_questions.jsonl (16 more, code-switched: Indonesian questions with English office words,
"budget", "output", "deadline", and English ones with Indonesian words; the code-switch step,
knowledge/code_switch.py, came from them), bench/data/fresh12_questions.jsonl (12 more of that kind, written
before that step was built, to measure it), bench/data/fresh13_questions.jsonl (16 more, 8 per language, yes/no
questions and questions asking for a list: "Did the delegation visit an incinerator?", "Instansi apa saja …?"),
bench/data/fresh14_questions.jsonl (10 messages, 5 per language, each asking two things at once, "… and which
law followed it?", "Siapa kepala DLHK? Sungai mana …?": two rows per message, one per part; each question of a
message is answered on its own, knowledge/message_parts.py, which came from them, and a row is judged on the
answer that cites what it expects, see `judged`), bench/data/fresh15_questions.jsonl (16 more, 8 per
language, asked as from inside the chat, naming neither city: "Who is involved in this cooperation?", "Apakah
kerja sama ini masih berjalan?"),
bench/data/fresh16_questions.jsonl (16 more, 8 per language, asking what happened at a date: "What happened on
18 February 2016?", "Ada berita apa dari tahun 2022?"; written after knowledge/dated.py, before any run on it),
bench/data/fresh17_questions.jsonl (16 more, 8 per language, asking why, how and where: "Why did the Leuwigajah
landfill collapse?", "Di mana lokasi TPA Sarimukti?"), bench/data/fresh18_questions.jsonl (16 more, 8 per language,
asking how long and since when: "How long did the Sarimukti fire burn?", "Sampai kapan MoC … berlaku?"),
bench/data/fresh19_questions.jsonl (12 more, written to check the date step and the "kerja sama ini" retry on
questions they were not built on: "Kejadian apa saja pada Agustus 2023?", "Who funds the programme?"),
bench/data/fresh20_questions.jsonl (16 more, 8 per language, asking for a list or a yes or no: "Sebutkan komponen
proyek JICA …", "Did Bandung sign a new MoU with Kawasaki in 2020?"),
bench/data/fresh21_questions.jsonl (8 more messages of two questions, 4 per language, two rows each, written
after knowledge/message_parts.py before any run on it), bench/data/fresh22_questions.jsonl (16 more, 8 per
language, on who took part and what was done: "Which organisations helped Kawasaki with the Bandung waste
project?", "Berapa kapasitas fasilitas percontohan di TPA Cicabe?"), bench/data/fresh23_questions.jsonl (8 more, 4 per
language, asking which parties took part: "Pihak mana saja yang terlibat dalam kerja sama Bandung–Kawasaki?";
written before any work on such questions), bench/data/fresh24_questions.jsonl (16 more, 8 per language, on the
law, other partnerships and Kawasaki: "Kapan Permendagri 25/2020 diundangkan?", "How large is the Kawasaki
Eco-Town?"), bench/data/fresh25_questions.jsonl (12 more, 6 per language, asking who: "Who questioned the
Gedebage incinerator tender?"; written after parties.led_by_parties, before any run on them),
bench/data/fresh26_questions.jsonl (16 more, 8 per language, on facts and in forms fewer sets hold: "Is the
wastewater project still running?", "sampah bandung sehari berapa ton"; written on 2026-12-02 before any
change that session), bench/data/fresh27_questions.jsonl (16 more, 8 per language, as students ask about the
study, its method, data and advice, and about the law; written with fresh26),
bench/data/fresh28_questions.jsonl (16 more, 8 per language, asking how many, naming a year, asking the study's
sources: written after the steps those came from, before any run; the version before them also led all 16
with the right passage, and marked 2), bench/data/fresh29_questions.jsonl (16 more, 8 per language, asking how
two things differ, what something is, which was first or latest, and for lists; written before any run),
bench/data/fresh30_questions.jsonl (16 more, 8 per language, in the forms the steps of that session read:
"Which official …", "What is the difference between …", "What percentage …", "What are the main …"; written
after them, before any run: first 93.8 %, shown first 100 %, against 81.2 / 81.2 % for the version before),
bench/data/followup_questions.jsonl
(20 follow-ups, 10 per language, that point back: "Who signed it?", "Berapa anggarannya?"; Kawan.ask_in_chat
came from them) and tests/data/dossier_questions.jsonl (50 in the sources' own words). Every row is asked as the
chat asks it (Kawan.ask_message): a row with a `previous` field after that question. Per file:
- answered: the share not refused;
- cited: the expected text is in one of the cited passages;
- first: ... in the best passage (the search's first; citations are numbered in reading order);
- shown first: ... in the first passage of the first section, where a reader starts;
- tentative: the share answered with the notice that the passages may not answer the question directly (the
  relevance model let them through by a small margin, knowledge/relevance_model.py);
- citations per answer, and the time per question (p50 / p95 ms).
--off: files of questions that must be refused: refused share, and the share answered tentatively. By default
bench/data/offtopic_questions.jsonl (20 far from the sources: salaries, the World Cup, recipes) and
bench/data/offtopic_near_questions.jsonl (30 near them, written after the abstention was fitted: Bandung and
Kawasaki, Japan, household waste, asking what no source says: hotels, train fares, collection days) and
bench/data/offtopic_near2_questions.jsonl (30 more of that kind, written on 2026-12-01 before any run: amounts,
days and times the sources do not state; knowledge/answer_check.py was fitted on it and the first) and
bench/data/offtopic_near3_questions.jsonl (20 more, written before that check was built, to measure it) and
bench/data/offtopic_near4_questions.jsonl (20 more, 10 per language, written with fresh6 before any run) and
bench/data/offtopic_near5_questions.jsonl (20 more, written with fresh7, most referring to "this cooperation") and
bench/data/offtopic_near6_questions.jsonl (10 more, written with fresh9: typed as in a chat, or asking an
abbreviation no source spells out) and bench/data/offtopic_near7_questions.jsonl (10 more, written with fresh10
and framed as it is) and bench/data/offtopic_followup_questions.jsonl (16 follow-ups, each after an
on-topic question, asking what no source says: salaries, hotels, train fares).
--misses: also list each question that falls short (refused, expected text not cited, or not first) with the
best passage it got, and each off-topic question that was answered: where to look next.
--typos SEED: ask every question (off-topic ones too) with one typing slip in one of its long words
(bench/typos.py), as officials type in a hurry.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from bench.stats import ms_stats  # noqa: E402
from bench.typos import misspell_all  # noqa: E402
from ingest.pipeline import ingest_paths  # noqa: E402
from knowledge.answer import Answer, section_items  # noqa: E402
from knowledge.config import Settings  # noqa: E402
from knowledge.embedder import ModelUnavailableError, make_embedder  # noqa: E402
from knowledge.jsonl import JsonlError, iter_jsonl  # noqa: E402
from knowledge.paths import SOURCES_DIR  # noqa: E402
from knowledge.service import Kawan  # noqa: E402

DEFAULT_FILES = (
    ROOT / "bench" / "data" / "natural_questions.jsonl",
    ROOT / "bench" / "data" / "fresh_questions.jsonl",
    ROOT / "bench" / "data" / "fresh2_questions.jsonl",
    ROOT / "bench" / "data" / "fresh3_questions.jsonl",
    ROOT / "bench" / "data" / "fresh4_questions.jsonl",
    ROOT / "bench" / "data" / "fresh5_questions.jsonl",
    ROOT / "bench" / "data" / "fresh6_questions.jsonl",
    ROOT / "bench" / "data" / "fresh7_questions.jsonl",
    ROOT / "bench" / "data" / "fresh8_questions.jsonl",
    ROOT / "bench" / "data" / "fresh9_questions.jsonl",
    ROOT / "bench" / "data" / "fresh10_questions.jsonl",
    ROOT / "bench" / "data" / "fresh11_questions.jsonl",
    ROOT / "bench" / "data" / "fresh12_questions.jsonl",
    ROOT / "bench" / "data" / "fresh13_questions.jsonl",
    ROOT / "bench" / "data" / "fresh14_questions.jsonl",
    ROOT / "bench" / "data" / "fresh15_questions.jsonl",
    ROOT / "bench" / "data" / "fresh16_questions.jsonl",
    ROOT / "bench" / "data" / "fresh17_questions.jsonl",
    ROOT / "bench" / "data" / "fresh18_questions.jsonl",
    ROOT / "bench" / "data" / "fresh19_questions.jsonl",
    ROOT / "bench" / "data" / "fresh20_questions.jsonl",
    ROOT / "bench" / "data" / "fresh21_questions.jsonl",
    ROOT / "bench" / "data" / "fresh22_questions.jsonl",
    ROOT / "bench" / "data" / "fresh23_questions.jsonl",
    ROOT / "bench" / "data" / "fresh24_questions.jsonl",
    ROOT / "bench" / "data" / "fresh25_questions.jsonl",
    ROOT / "bench" / "data" / "fresh26_questions.jsonl",
    ROOT / "bench" / "data" / "fresh27_questions.jsonl",
    ROOT / "bench" / "data" / "fresh28_questions.jsonl",
    ROOT / "bench" / "data" / "fresh29_questions.jsonl",
    ROOT / "bench" / "data" / "fresh30_questions.jsonl",
    ROOT / "bench" / "data" / "fresh31_questions.jsonl",
    ROOT / "bench" / "data" / "fresh32_questions.jsonl",
    ROOT / "bench" / "data" / "fresh33_questions.jsonl",
    ROOT / "bench" / "data" / "fresh34_questions.jsonl",
    ROOT / "bench" / "data" / "whynot_questions.jsonl",
    ROOT / "bench" / "data" / "parties2_questions.jsonl",
    ROOT / "bench" / "data" / "followup_questions.jsonl",
    ROOT / "bench" / "data" / "followup2_questions.jsonl",
    ROOT / "tests" / "data" / "dossier_questions.jsonl",
)
DEFAULT_OFF = (
    ROOT / "bench" / "data" / "offtopic_questions.jsonl",
    ROOT / "bench" / "data" / "offtopic_near_questions.jsonl",
    ROOT / "bench" / "data" / "offtopic_near2_questions.jsonl",
    ROOT / "bench" / "data" / "offtopic_near3_questions.jsonl",
    ROOT / "bench" / "data" / "offtopic_near4_questions.jsonl",
    ROOT / "bench" / "data" / "offtopic_near5_questions.jsonl",
    ROOT / "bench" / "data" / "offtopic_near6_questions.jsonl",
    ROOT / "bench" / "data" / "offtopic_near7_questions.jsonl",
    ROOT / "bench" / "data" / "offtopic_followup_questions.jsonl",
)


class AnswerDataError(ValueError):
    """A question file that cannot be used; the message names the file, line and field."""


@dataclass(frozen=True)
class Expected:
    question: str
    texts: tuple[str, ...]
    previous: str | None = None  # the question asked before a follow-up ("Who signed it?"), as in a chat


@dataclass(frozen=True)
class FileScore:
    n: int
    answered: float
    cited: float
    first: float
    shown_first: float
    citations_per_answer: float
    p50_ms: float
    p95_ms: float
    tentative: float = 0.0


def _question_rows(path: Path) -> list[tuple[int, dict, str]]:
    """(line, row, question) for every row of a question file; a bad or empty file raises AnswerDataError."""
    try:
        rows = list(iter_jsonl(path))
    except JsonlError as exc:
        raise AnswerDataError(str(exc)) from exc
    out = []
    for n, row in rows:
        question = row.get("question")
        if not isinstance(question, str) or not question.strip():
            raise AnswerDataError(f"{path}:{n}: field 'question' is missing or empty")
        out.append((n, row, question))
    if not out:
        raise AnswerDataError(f"{path}: no rows")
    return out


def load_expected(path: Path) -> list[Expected]:
    out: list[Expected] = []
    for n, row, question in _question_rows(path):
        texts = row.get("expect_any", row.get("expect_text"))
        texts = [texts] if isinstance(texts, str) else texts
        if not isinstance(texts, list) or not texts or not all(isinstance(t, str) and t for t in texts):
            raise AnswerDataError(f"{path}:{n}: field 'expect_text' or 'expect_any' is missing or empty")
        out.append(Expected(question, tuple(texts), _previous(path, n, row)))
    return out


def _previous(path: Path, n: int, row: dict) -> str | None:
    """A follow-up's previous question (optional field `previous`)."""
    previous = row.get("previous")
    if previous is not None and (not isinstance(previous, str) or not previous.strip()):
        raise AnswerDataError(f"{path}:{n}: field 'previous' must be a non-empty question")
    return previous


def load_questions(path: Path) -> list[tuple[str, str | None]]:
    """(question, previous question or None) for every row of an off-topic file."""
    return [(question, _previous(path, n, row)) for n, row, question in _question_rows(path)]


def shown_first(answer: Answer) -> int | None:
    """The citation number a reader meets first: the first item of the first section, as the app shows it."""
    for section in answer.sections:
        items = section_items(section.citations, section.factors)
        if items:
            return items[0][0]
    return None


def best_ranked(answer: Answer) -> int | None:
    """The citation number of the search's best passage (its rank 1)."""
    best = answer.best()
    return None if best is None else best.n


def cited_as(answer: Answer, want: Expected) -> list[int]:
    """The numbers of the citations that hold one of the expected texts."""
    return [c.n for c in answer.citations if any(t in c.text for t in want.texts)]


def score(answers: Sequence[Answer], expected: Sequence[Expected], seconds: Sequence[float]) -> FileScore:
    """Pure: the figures of one file from its answers, in the order of its questions."""
    answered = cited = first = shown = tentative = 0
    counts: list[int] = []
    for answer, want in zip(answers, expected, strict=True):
        if not answer.answered:
            continue
        answered += 1
        tentative += answer.tentative
        counts.append(len(answer.citations))
        hits = cited_as(answer, want)
        cited += bool(hits)
        first += best_ranked(answer) in hits
        shown += shown_first(answer) in hits
    n = len(expected)
    p50, p95 = ms_stats([s * 1000 for s in seconds])
    return FileScore(
        n=n, answered=answered / n, cited=cited / n, first=first / n, shown_first=shown / n,
        citations_per_answer=statistics.mean(counts) if counts else 0.0, p50_ms=p50, p95_ms=p95,
        tentative=tentative / n,
    )


def misses(answers: Sequence[Answer], expected: Sequence[Expected]) -> list[dict[str, object]]:
    """Pure: every question whose answer falls short of citing its expected text first, with what it got."""
    out: list[dict[str, object]] = []
    for answer, want in zip(answers, expected, strict=True):
        hits = cited_as(answer, want)
        shown = shown_first(answer)
        if answer.answered and best_ranked(answer) in hits and shown in hits:
            continue
        out.append({"question": want.question, "answered": answer.answered, "cited_as": hits, "shown_first": shown,
                    "first": _first_text(answer)})
    return out


def off_topic_answered(answers: Sequence[Answer], questions: Sequence[str]) -> list[dict[str, object]]:
    """Pure: the off-topic questions that were answered, with the best passage each got and whether the answer
    said it was tentative."""
    return [{"question": q, "tentative": a.tentative, "first": _first_text(a)}
            for a, q in zip(answers, questions, strict=True) if a.answered]


def off_topic_score(answers: Sequence[Answer]) -> dict[str, float]:
    """Pure: the share of off-topic questions refused, and the share answered with the tentative notice."""
    n = len(answers)
    return {"n": n, "refused": sum(not a.answered for a in answers) / n,
            "tentative": sum(a.answered and a.tentative for a in answers) / n}


def _first_text(answer: Answer, width: int = 160) -> str:
    best = answer.best()
    return "" if best is None else f"{best.document} p.{best.page}: {best.text[:width]}"


def judged(parts: Sequence[Answer], want: Expected | None = None) -> Answer:
    """Pure: of the answers to one message's questions (Kawan.ask_message), the one a row is judged on: the first
    led by an expected text, else the first citing one, else the first answered, else the first. A row names what
    it expects, not which of the message's questions asks for it."""
    if want is not None:
        citing = [a for a in parts if cited_as(a, want)]
        if citing:
            return next((a for a in citing if best_ranked(a) in cited_as(a, want)), citing[0])
    return next((a for a in parts if a.answered), parts[0])


def ask_all(
    kawan: Kawan, questions: Sequence[str], previous: Sequence[str | None] | None = None,
    expected: Sequence[Expected] | None = None,
) -> tuple[list[Answer], list[float]]:
    """Every message asked as the chat asks it: after its previous question where it has one, each of its
    questions on its own; the time is the whole message's."""
    answers, seconds = [], []
    wants: Sequence[Expected | None] = expected or [None] * len(questions)
    for q, before, want in zip(questions, previous or [None] * len(questions), wants, strict=True):
        t0 = time.perf_counter()
        parts = kawan.ask_message(q, before)
        seconds.append(time.perf_counter() - t0)
        answers.append(judged([p.answer for p in parts], want))
    return answers, seconds


def run(
    files: Sequence[Path], off: Sequence[Path], model: str | None = None, with_misses: bool = False,
    typos: int | None = None,
) -> dict[str, Any]:
    sets = {Path(f).name: load_expected(Path(f)) for f in files}
    off_sets = {Path(f).name: load_questions(Path(f)) for f in off}
    if typos is not None:  # every question asked with one slip (bench/typos.py), seeded
        sets = {
            name: [replace(e, question=q) for e, q in zip(exp, misspell_all([e.question for e in exp], typos),
                                                          strict=True)]
            for name, exp in sets.items()
        }
        off_sets = {
            name: list(zip(misspell_all([q for q, _ in qs], typos), [p for _, p in qs], strict=True))
            for name, qs in off_sets.items()
        }
    with tempfile.TemporaryDirectory(prefix="kawan-answers-") as tmp:
        overrides: dict[str, Any] = {"model": model} if model else {}
        settings = Settings(store=Path(tmp) / "store", **overrides)
        embedder = make_embedder(settings)
        kawan = Kawan(settings, embedder=embedder)
        failed = [r.line() for r in ingest_paths(kawan, [SOURCES_DIR]) if r.failed]
        if failed:
            raise RuntimeError("the shipped sources did not index: " + "; ".join(failed))
        kawan.ask("warm-up")  # warm: the keyword index read and the model loaded before any timing
        out: dict[str, Any] = {}
        for name, expected in sets.items():
            answers, seconds = ask_all(kawan, [e.question for e in expected], [e.previous for e in expected], expected)
            out[name] = asdict(score(answers, expected, seconds))
            if with_misses:
                out[name]["misses"] = misses(answers, expected)
        for name, asked in off_sets.items():
            questions = [q for q, _ in asked]
            answers, _ = ask_all(kawan, questions, [p for _, p in asked])
            out[name] = off_topic_score(answers)
            if with_misses:
                out[name]["misses"] = off_topic_answered(answers, questions)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=list(DEFAULT_FILES))
    parser.add_argument("--off", nargs="*", type=Path, default=list(DEFAULT_OFF))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--model")
    parser.add_argument("--misses", action="store_true", help="list the questions that fall short")
    parser.add_argument("--typos", type=int, metavar="SEED",
                        help="ask every question with one typing slip in a long word (seeded)")
    args = parser.parse_args(argv)
    try:
        result = run(args.files, args.off, args.model, args.misses, args.typos)
    except (AnswerDataError, ModelUnavailableError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    for name, figures in result.items():
        short = figures.pop("misses", None)
        shown = ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in figures.items())
        print(f"{name}: {shown}")
        for m in short or []:
            print(f"  - {m['question']}{_outcome(m)}\n      best: {m['first']}")
    return 0


def _outcome(miss: dict[str, object]) -> str:
    if "cited_as" not in miss:  # an off-topic question that was answered
        return " (answered, marked tentative)" if miss.get("tentative") else " (answered)"
    if not miss["answered"]:
        return " (refused)"
    return f" (cited as {miss['cited_as'] or 'none'}, shown first [{miss['shown_first']}])"


if __name__ == "__main__":
    raise SystemExit(main())
