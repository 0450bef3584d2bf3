"""Reading a folder a pull request may have filled: regular files only, links never followed.

Takes a folder; gives every entry under it, sorted, each with its bytes or the reason it
is refused. A symbolic link (to a file, a folder, or nothing), a hard link (a file with a
second name, perhaps outside the repository), a FIFO, a socket or a device is refused and
never opened, so `ln -s /proc/self/environ` cannot put the build's environment on the site.
Files are opened with O_NOFOLLOW and checked again on the open descriptor, so swapping a
file for a link between the check and the read does not help either. Folders are walked,
never followed through a link.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

Reason = tuple[str, str]  # (中文, English)

SYMLINK: Reason = ("是符号链接：内容目录里只能放普通文件，不能放链接",
                   "is a symbolic link: only regular files belong in the content folder, never links")
HARDLINK: Reason = ("是硬链接（同一文件有多个名字）：请放一份普通文件",
                    "is a hard link (the same file under another name): commit a plain copy")
SPECIAL: Reason = ("不是普通文件（管道、套接字或设备）", "is not a regular file (a FIFO, socket or device)")
FOLDER_AS_FILE: Reason = ("是文件夹，不是 .yaml 文件", "is a folder, not a .yaml file")
UNREADABLE: Reason = ("无法读取", "cannot be read")


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing found under the folder: its path relative to the folder (with /) and
    its bytes, or why it was not read (`data` is None then)."""

    relative: str
    path: Path
    data: bytes | None
    refused: Reason | None = None


def read_regular_file(path: Path) -> tuple[bytes | None, Reason | None]:
    """The bytes of `path` if it is a regular file with one name, else why not."""
    try:
        before = os.lstat(path)
    except OSError as exc:
        return None, (f"{UNREADABLE[0]}（{exc.strerror}）", f"{UNREADABLE[1]} ({exc.strerror})")
    refused = _refusal(before)
    if refused:
        return None, refused
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return None, (SYMLINK if os.path.islink(path)
                      else (f"{UNREADABLE[0]}（{exc.strerror}）", f"{UNREADABLE[1]} ({exc.strerror})"))
    try:
        opened = os.fstat(fd)
        if (opened.st_dev, opened.st_ino) != (before.st_dev, before.st_ino):
            return None, SYMLINK  # replaced between the check and the open
        refused = _refusal(opened)
        if refused:
            return None, refused
        with os.fdopen(fd, "rb", closefd=False) as stream:
            return stream.read(), None
    except OSError as exc:
        return None, (f"{UNREADABLE[0]}（{exc.strerror}）", f"{UNREADABLE[1]} ({exc.strerror})")
    finally:
        os.close(fd)


def _refusal(info: os.stat_result) -> Reason | None:
    if stat.S_ISLNK(info.st_mode):
        return SYMLINK
    if stat.S_ISDIR(info.st_mode):
        return FOLDER_AS_FILE
    if not stat.S_ISREG(info.st_mode):
        return SPECIAL
    if info.st_nlink > 1:
        return HARDLINK
    return None


def walk(root: Path) -> Iterator[Entry]:
    """Every file, link and special file under `root`, sorted by path (each regular file
    read); folders are entered, except through a link."""
    yield from _walk(Path(root), "")


def _walk(folder: Path, prefix: str) -> Iterator[Entry]:
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as exc:
        yield Entry(prefix.rstrip("/") or ".", folder, None,
                    (f"{UNREADABLE[0]}（{exc.strerror}）", f"{UNREADABLE[1]} ({exc.strerror})"))
        return
    for entry in entries:
        relative = prefix + entry.name
        path = Path(entry.path)
        if entry.is_symlink():
            yield Entry(relative, path, None, SYMLINK)
        elif entry.is_dir(follow_symlinks=False):
            if entry.name.lower().endswith((".yaml", ".yml")):
                yield Entry(relative, path, None, FOLDER_AS_FILE)
            yield from _walk(path, relative + "/")
        else:
            data, refused = read_regular_file(path)
            yield Entry(relative, path, data, refused)
