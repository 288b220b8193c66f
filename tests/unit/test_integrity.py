"""The store check's deciding logic, on plain data (no store, no model)."""

from __future__ import annotations

from knowledge.integrity import Snapshot, find_problems
from knowledge.types import DocumentRecord

A, B, C = "a" * 64, "b" * 64, "c" * 64


def record(doc_id: str, passages: int, stored: str | None = None) -> DocumentRecord:
    return DocumentRecord(id=doc_id, file=f"{doc_id[0]}.pdf", title="t", language="en", pages=1,
                          passages=passages, stored_file=stored if stored is not None else f"{doc_id}.pdf")


def snap(docs: list[DocumentRecord], counts: dict[str, int], files: set[str], recorded: str | None = "m",
         strays: list[str] | None = None) -> Snapshot:
    return Snapshot(docs, counts, files, recorded, "m", strays or [])


def test_a_whole_store_has_no_problem() -> None:
    assert find_problems(snap([record(A, 3)], {A: 3}, {f"{A}.pdf"})) == []
    assert find_problems(snap([], {}, set(), recorded=None)) == []


def test_each_kind_of_problem_is_found() -> None:
    problems = find_problems(
        snap([record(A, 3), record(B, 2, stored="")], {A: 2, B: 2, C: 5}, {f"{A}.pdf", "x.part"},
             recorded="old-model", strays=["kawan_passages_r1"])
    )
    found = {(p.kind, p.subject) for p in problems}
    assert found == {
        ("orphan_passages", C),
        ("missing_passages", A),
        ("missing_file", B),
        ("stray_file", "x.part"),
        ("model", "old-model"),
        ("stray_collection", "kawan_passages_r1"),
    }
    by_kind = {p.kind: p for p in problems}
    assert by_kind["missing_passages"].detail == "a.pdf: 2 of 3 passages stored"
    assert "kawan reindex" in by_kind["model"].detail
    assert by_kind["orphan_passages"].line().startswith("orphan_passages   " + C[:24])


def test_more_passages_than_recorded_is_a_problem_too() -> None:
    assert [p.kind for p in find_problems(snap([record(A, 3)], {A: 4}, {f"{A}.pdf"}))] == ["missing_passages"]


def test_counts_of_one_read_in_the_singular() -> None:
    problems = find_problems(snap([record(A, 1)], {A: 0, C: 1}, {f"{A}.pdf"}))
    details = {p.kind: p.detail for p in problems}
    assert details == {"orphan_passages": "1 passage of no listed document",
                       "missing_passages": "a.pdf: 0 of 1 passage stored"}
