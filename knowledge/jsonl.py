"""Reading JSON-lines files whose bad lines are reported by file and line number."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any


class JsonlError(ValueError):
    """A JSONL file that cannot be used; the message names the file (and line) and the reason."""


def iter_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for every non-blank line; a line that is not a JSON object raises JsonlError."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise JsonlError(f"{path}: cannot read ({exc})") from exc
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise JsonlError(f"{path}:{n}: not JSON ({exc})") from exc
        if not isinstance(row, dict):
            raise JsonlError(f"{path}:{n}: a line must be a JSON object")
        yield n, row
