"""The researcher role: who may upload, remove and re-index. Pure apart from reading the configuration."""

from __future__ import annotations

import hmac
from collections.abc import Callable

MAX_DELAY_S = 8.0


def configured_password(from_secrets: Callable[[], object], from_settings: str | None) -> str | None:
    """st.secrets["researcher_password"] first, then KAWAN_RESEARCHER_PASSWORD; None (or empty) means disabled."""
    try:
        value = from_secrets()
    except Exception:  # no secrets file, or no such key: Streamlit raises several kinds
        value = None
    if isinstance(value, str) and value:
        return value
    return from_settings or None


def password_matches(given: str, expected: str) -> bool:
    """Constant-time comparison, so the time taken says nothing about how much of the password was right."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def delay_after(failures: int) -> float:
    """Seconds to wait after the n-th wrong try in a row: 0.5, 1, 2, 4, 8, 8, … (slows guessing)."""
    if failures <= 0:
        return 0.0
    return min(MAX_DELAY_S, 0.5 * 2 ** (failures - 1))
