"""The project's Streamlit settings (.streamlit/config.toml), read by `streamlit run` and AppTest alike."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
# The scripts Streamlit runs, where magic applies: app.py and the pages it navigates to (the modules they import
# are imported as usual).
PAGES = [APP, *(ROOT / p for p in re.findall(r'st\.Page\(\s*"([^"]+)"', APP.read_text(encoding="utf-8")))]


def _bare_values(path: Path) -> list[int]:
    """Lines of the statements Streamlit's magic would write to the page (streamlit/runtime/scriptrunner/magic.py):
    a bare value that is no call, await or yield, and no docstring of a module or function."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        documented = isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef)
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)  # a lambda's or an if-expression's body is no block
            for i, stmt in enumerate(block if isinstance(block, list) else []):
                if not isinstance(stmt, ast.Expr):
                    continue
                value = stmt.value
                if isinstance(value, ast.Call | ast.Await | ast.Yield | ast.YieldFrom):
                    continue
                if documented and field == "body" and i == 0 and isinstance(value, ast.Constant) and isinstance(
                        value.value, str):
                    continue
                found.append(stmt.lineno)
    return found


def test_magic_is_off_and_no_page_relies_on_it() -> None:
    assert len(PAGES) == 5 and all(p.exists() for p in PAGES)
    # Off: pages compile without ast.parse, which raced another thread's parse in Python 3.11.
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["magicEnabled"] is False
    # So nothing a page shows may depend on it.
    assert {p.name: lines for p in PAGES if (lines := _bare_values(p))} == {}


def test_a_bare_value_would_be_found(tmp_path: Path) -> None:
    page = tmp_path / "page.py"
    page.write_text('"""Docstring."""\nimport streamlit as st\n\nst.title("x")\nanswer = 42\nanswer\n'
                    'if answer:\n    "shown"\n')
    assert _bare_values(page) == [6, 8]
