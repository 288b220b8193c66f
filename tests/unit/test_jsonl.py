from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.jsonl import JsonlError, iter_jsonl


def test_rows_come_with_their_line_numbers_and_blank_lines_are_skipped(tmp_path: Path) -> None:
    f = tmp_path / "a.jsonl"
    f.write_text('{"a": 1}\n\n{"b": 2}\n', encoding="utf-8")
    assert list(iter_jsonl(f)) == [(1, {"a": 1}), (3, {"b": 2})]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"a": 1}\n{oops\n', r"a\.jsonl:2: not JSON"),
        ('{"a": 1}\n[1, 2]\n', r"a\.jsonl:2: a line must be a JSON object"),
    ],
)
def test_bad_lines_name_the_file_and_line(tmp_path: Path, content: str, message: str) -> None:
    f = tmp_path / "a.jsonl"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(JsonlError, match=message):
        list(iter_jsonl(f))


def test_unreadable_files_are_named(tmp_path: Path) -> None:
    f = tmp_path / "latin1.jsonl"
    f.write_bytes(b'{"a": "caf\xe9"}\n')
    with pytest.raises(JsonlError, match=r"latin1\.jsonl: cannot read"):
        list(iter_jsonl(f))
    with pytest.raises(JsonlError, match=r"missing\.jsonl: cannot read"):
        list(iter_jsonl(tmp_path / "missing.jsonl"))
