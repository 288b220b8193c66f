"""Display names of uploaded files: shown and stored, never used as a path, so they are made harmless here."""

from __future__ import annotations

import unicodedata

_MAX_LEN = 200
_FALLBACK = "upload"


def safe_name(name: str) -> str:
    """The last path component of `name` without control characters, reserved characters or leading dots,
    at most 200 characters with its extension kept: "../../x.pdf" → "x.pdf", "a\\x00b.txt" → "ab.txt"."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(" " if ch.isspace() else ch for ch in base)  # a newline in a name separates words
    # Control, format (bidi overrides that make "fdp.exe" read as "exe.pdf"), and unassigned characters go.
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C" and ch not in '<>:"|?*')
    base = " ".join(base.split()).lstrip(". ").rstrip(" ")
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    ext = ext[:16]
    if not stem:
        stem = _FALLBACK
    room = _MAX_LEN - (len(ext) + 1 if ext else 0)
    return f"{stem[:room].rstrip(' .') or _FALLBACK}.{ext}" if ext else stem[:_MAX_LEN]
