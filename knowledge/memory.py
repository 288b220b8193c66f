"""Handing freed heap memory back to the system after a bulk load, so a long-lived app process stays small."""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util


def release_freed_memory() -> None:
    """glibc keeps freed blocks of a large burst (reading every passage) in its arenas; `malloc_trim` returns
    them. Elsewhere (no glibc) this does nothing."""
    name = ctypes.util.find_library("c")
    if not name:
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(name).malloc_trim(0)
