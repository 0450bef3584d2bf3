"""Putting a finished site in place: one build at a time, never without a site, no leftovers.

Takes the output directory (and a finished staging directory); gives nothing back, or raises
`OutputBusy` when another build holds the output. The staging folders of a build live beside
the output (`.site.building-*`, `.site.old-*`) so a rename moves them in place; a killed build
leaves them behind, and the next build removes them (`clear_leftovers`, under the lock, so a
running build's folder is never touched). The swap is an atomic exchange of the two folders
where the system has one (Linux renameat2 RENAME_EXCHANGE): readers and a kill at any moment
see the old site or the new one. Elsewhere it is two renames, and if a kill falls between
them the next build moves the old site back before anything else.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class OutputBusy(Exception):
    """Another build is writing the same output directory."""


def lock_path(out_dir: Path) -> Path:
    return out_dir.with_name(f".{out_dir.name}.lock")


@contextlib.contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Hold the output directory for one build; a second concurrent build fails at once.
    The lock file is removed when the build ends (and re-checked after locking, so a build
    that opened it just before its removal does not lock a file nobody else sees)."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    path = lock_path(out_dir)
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            os.close(fd)
            raise OutputBusy(str(out_dir)) from exc
        try:
            current = os.stat(path)
        except FileNotFoundError:
            current = None
        opened = os.fstat(fd)
        if current is not None and (current.st_dev, current.st_ino) == (opened.st_dev, opened.st_ino):
            break
        os.close(fd)  # the file was removed or replaced meanwhile: lock the one that is there now
    try:
        yield
    finally:
        path.unlink(missing_ok=True)
        os.close(fd)  # closing releases the lock


def leftovers(out_dir: Path) -> list[Path]:
    """Staging and retired folders that builds of `out_dir` left behind."""
    prefixes = (f".{out_dir.name}.building-", f".{out_dir.name}.old-")
    if not out_dir.parent.is_dir():
        return []
    return sorted(p for p in out_dir.parent.iterdir() if p.name.startswith(prefixes) and not p.is_symlink())


def clear_leftovers(out_dir: Path) -> None:
    """Under the lock: put back a site a killed swap left aside, then remove every leftover."""
    found = leftovers(out_dir)
    retired = [p for p in found if p.name.startswith(f".{out_dir.name}.old-") and p.is_dir()]
    if not out_dir.exists() and retired:
        newest = max(retired, key=lambda p: p.stat().st_mtime)
        os.replace(newest, out_dir)
        found.remove(newest)
    for path in found:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths; False where the system or file system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def swap_in(staging: Path, out_dir: Path) -> None:
    """Make `staging` the site at `out_dir`; the old site is removed afterwards."""
    os.chmod(staging, 0o755)
    if out_dir.is_dir() and not out_dir.is_symlink() and _exchange(staging, out_dir):
        shutil.rmtree(staging, ignore_errors=True)  # staging now holds the old site
        return
    retired = None
    if out_dir.exists() or out_dir.is_symlink():
        retired = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
        os.replace(out_dir, retired)
    os.replace(staging, out_dir)  # a kill before this line: clear_leftovers puts `retired` back
    if retired is not None:
        if retired.is_dir() and not retired.is_symlink():
            shutil.rmtree(retired, ignore_errors=True)
        else:
            retired.unlink(missing_ok=True)
