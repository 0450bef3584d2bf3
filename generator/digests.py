"""One digest of a folder's files, for every rule that asks "did anything under here change?"
(the engine cache's theme key, a build's inputs, the page memo's templates)."""

from __future__ import annotations

import hashlib
from pathlib import Path


def tree_digest(folder: Path) -> str:
    """sha256 over every file below `folder` by relative path and bytes (Python's __pycache__
    left out: it is written by running, not by editing). A missing folder has the digest of none."""
    folder = Path(folder)
    digest = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
