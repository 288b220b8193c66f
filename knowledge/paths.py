"""Where the project's own files live. A module of its own so that reading UI strings does not import the
settings machinery (pydantic-settings), which the app's first page must not wait for."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PROMPTS_DIR = PROJECT_ROOT / "prompts"
SOURCES_DIR = Path(__file__).resolve().parent / "sources"
