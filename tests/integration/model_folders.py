"""A model folder as a tree of symlinks to the real one, minus some exported files: what a folder from an older
`make model`, or a user's own folder, looks like."""

from __future__ import annotations

from pathlib import Path


def copy_without(model_dir: Path, target: Path, missing: str) -> Path:
    """Symlinks to every file of ``model_dir`` under ``target``, except those whose relative path starts with
    ``missing``."""
    for src in model_dir.rglob("*"):
        rel = src.relative_to(model_dir)
        if src.is_file() and not str(rel).startswith(missing):
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            (target / rel).symlink_to(src)
    return target
