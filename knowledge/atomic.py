"""Writing a folder of derived files so that readers never see it half written."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path


def write_folder(folder: Path, fill: Callable[[Path], None]) -> None:
    """Fill a scratch folder, then swap it in: readers see the old folder or the new one whole."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.parent / f".{folder.name}.tmp-{uuid.uuid4().hex}"
    try:
        tmp.mkdir()
        fill(tmp)
        old = folder.parent / f".{folder.name}.old-{uuid.uuid4().hex}"
        if folder.exists():
            os.replace(folder, old)  # a directory cannot be replaced while it has files
        os.replace(tmp, folder)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
