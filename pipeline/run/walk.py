"""The input listing: every file under the inputs, streamed in a stable order, loops refused."""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator


MAX_DEPTH = 64


@dataclass
class Entry:
    """One input file (or an error found while walking: a symlink loop, an unreadable folder)."""

    path: str
    source: str
    error: tuple[str, str] | None = None


def printable(name: str) -> str:
    """A file name as valid UTF-8 text: undecodable bytes are shown as `\\xNN` instead of crashing the JSON."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def walk_inputs(inputs: Iterable[str]) -> Iterator[Entry]:
    """Every file under the inputs, in a stable order, streamed (never the whole listing in memory).

    Symlinked folders are followed; one that leads back into a folder being
    walked gives a `symlink_loop` record instead of an endless walk.
    """
    for inp in inputs:
        root = Path(inp)
        try:
            st = root.stat()
        except OSError:
            yield Entry(str(root), printable(root.name or str(inp)))  # preflight names the problem
            continue
        if stat.S_ISDIR(st.st_mode):
            base = printable(root.resolve().name)
            yield from _walk_dir(str(root), base, ((st.st_dev, st.st_ino),))
        else:
            yield Entry(str(root), printable(root.name))


def _walk_dir(folder: str, prefix: str, ancestors: tuple) -> Iterator[Entry]:
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield Entry(folder, prefix, ("unreadable", f"cannot list the folder: {exc.strerror or exc}"))
        return
    for e in entries:
        source = f"{prefix}/{printable(e.name)}"
        try:
            is_dir = e.is_dir()  # follows symlinks
        except OSError:
            is_dir = False
        if not is_dir:
            yield Entry(e.path, source)
            continue
        try:
            st = e.stat()
        except OSError as exc:
            yield Entry(e.path, source, ("unreadable", f"cannot read the folder: {exc.strerror or exc}"))
            continue
        key = (st.st_dev, st.st_ino)
        if key in ancestors:
            yield Entry(e.path, source, ("symlink_loop", "a symbolic link that leads back into a folder "
                                                          "being read (not followed)"))
        elif len(ancestors) >= MAX_DEPTH:
            yield Entry(e.path, source, ("too_deep", f"folders nested more than {MAX_DEPTH} deep"))
        else:
            yield from _walk_dir(e.path, source, (*ancestors, key))
