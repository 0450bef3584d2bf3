"""The content folder is read as regular files only: links, hard links, FIFOs and folders
named .yaml are refused by name and never opened."""

from __future__ import annotations

import os
import threading

from generator.load.safe_files import FOLDER_AS_FILE, HARDLINK, SPECIAL, SYMLINK, read_regular_file, walk


def test_walk_reads_regular_files_and_refuses_the_rest(tmp_path):
    (tmp_path / "guides" / "scjgj").mkdir(parents=True)
    (tmp_path / "guides" / "scjgj" / "a.yaml").write_text("title: 甲\n", encoding="utf-8")
    (tmp_path / "secret").write_text("TOKEN=abc", encoding="utf-8")
    os.symlink("/proc/self/environ", tmp_path / "guides" / "scjgj" / "env.yaml")
    os.symlink(tmp_path / "secret", tmp_path / "guides" / "link.yaml")
    os.symlink("/nonexistent", tmp_path / "guides" / "broken.yaml")
    os.symlink("/etc", tmp_path / "etc")  # a folder link is not entered
    os.mkfifo(tmp_path / "guides" / "fifo.yaml")
    (tmp_path / "guides" / "dir.yaml").mkdir()
    os.link(tmp_path / "secret", tmp_path / "guides" / "hard.yaml")
    found = {e.relative: (e.data, e.refused) for e in walk(tmp_path)}
    assert found == {
        "etc": (None, SYMLINK),
        "guides/broken.yaml": (None, SYMLINK),
        "guides/dir.yaml": (None, FOLDER_AS_FILE),
        "guides/fifo.yaml": (None, SPECIAL),
        "guides/hard.yaml": (None, HARDLINK),
        "guides/link.yaml": (None, SYMLINK),
        "guides/scjgj/a.yaml": ("title: 甲\n".encode(), None),
        "guides/scjgj/env.yaml": (None, SYMLINK),
        "secret": (None, HARDLINK),  # both names of a hard-linked file are refused
    }


def test_a_fifo_does_not_block_the_reader(tmp_path):
    os.mkfifo(tmp_path / "x.yaml")
    result = []
    reader = threading.Thread(target=lambda: result.append(read_regular_file(tmp_path / "x.yaml")))
    reader.start()
    reader.join(5)
    assert result == [(None, SPECIAL)]


def test_messages_name_the_kind_of_file_in_both_languages():
    for zh, en in (SYMLINK, HARDLINK, SPECIAL, FOLDER_AS_FILE):
        assert zh and en and zh != en
    assert SYMLINK[1] == "is a symbolic link: only regular files belong in the content folder, never links"
