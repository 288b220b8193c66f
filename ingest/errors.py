"""The one error type ingestion raises for bad input, readable by a person."""

from __future__ import annotations

from typing import Literal

ErrorCode = Literal[
    "encrypted",
    "wrong_password",
    "damaged",
    "no_text",
    "empty",
    "unsupported",
    "too_large",
    "encoding",
]


class IngestError(Exception):
    """A file that cannot be ingested; `reason` is shown to the user, `code` is for programs."""

    def __init__(self, code: ErrorCode, reason: str) -> None:
        super().__init__(reason)
        self.code: str = code
        self.reason: str = reason

    def __str__(self) -> str:
        return self.reason

    def __repr__(self) -> str:
        return f"IngestError(code={self.code!r}, reason={self.reason!r})"
