"""Upload display names are made harmless: no directories, no control characters, extension kept."""

from __future__ import annotations

import pytest

from ingest.names import safe_name


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("../../x.pdf", "x.pdf"),
        ("..\\..\\windows\\evil.PDF", "evil.PDF"),
        ("/etc/passwd", "passwd"),
        ("lapor\x00an\x1b[2J.txt", "laporan[2J.txt"),
        ("report\u202efdp.exe.pdf", "reportfdp.exe.pdf"),
        (".hidden.md", "hidden.md"),
        ("laporan  akhir\n2020.pdf", "laporan akhir 2020.pdf"),
        ("", "upload"),
        ("../..", "upload"),
        ("a:b*c?.md", "abc.md"),
    ],
)
def test_safe_name(raw: str, safe: str) -> None:
    assert safe_name(raw) == safe


def test_long_names_keep_their_extension() -> None:
    name = safe_name("x" * 500 + ".pdf")
    assert len(name) == 200 and name.endswith("xx.pdf")
