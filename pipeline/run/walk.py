"""The input listing: every file under the inputs, streamed in a stable order, never outside them.

The walk reads only what the inputs hold: a symbolic link is not followed unless `follow_links`
(`vanban run --follow-links`), and even then only when it leads to a place inside the inputs; the
run's own output folder is never entered (an input that holds it, `vanban run . --out out`, is read
without it). A link that is not followed gets a record of its own with the reason as its error code,
so every entry of an input folder is accounted for:

- `link_outside`: the link leads outside every input (never followed);
- `link_into_output`: the link leads into the run's output folder (never followed);
- `link_not_followed`: the link leads inside the inputs, whose files are read where they are;
  `--follow-links` reads them through the link as well;
- `symlink_loop`: a folder link back into a folder being read (never followed).

A broken link or a link to itself is listed as a file; the preflight names it (`broken_link`,
`symlink_loop`).
"""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator


MAX_DEPTH = 64
# error codes of links the walk did not follow: the file behind them is read where it lies, or is not input
SKIPPED_LINK_CODES = frozenset({"link_outside", "link_into_output", "link_not_followed", "symlink_loop"})


@dataclass
class Entry:
    """One input file (or an error found while walking: a link not followed, an unreadable folder)."""

    path: str
    source: str
    error: tuple[str, str] | None = None


def printable(name: str) -> str:
    """A file name as valid UTF-8 text: undecodable bytes are shown as `\\xNN` instead of crashing the JSON."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _inside(path: str, folder: str) -> bool:
    """Whether the real path `path` is `folder` or lies under it (both resolved)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


class _Walk:
    def __init__(self, roots: list[str], out: str | None, follow_links: bool):
        self.roots = roots
        self.out = out
        self.follow_links = follow_links

    def folder(self, folder: str, real: str, prefix: str, ancestors: tuple) -> Iterator[Entry]:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield Entry(folder, prefix, ("unreadable", f"cannot list the folder: {exc.strerror or exc}"))
            return
        for e in entries:
            source = f"{prefix}/{printable(e.name)}"
            if e.is_symlink():
                yield from self.link(e.path, source, ancestors)
                continue
            try:
                is_dir = e.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if not is_dir:
                yield Entry(e.path, source)
                continue
            child = os.path.join(real, e.name)
            if self.out and child == self.out:
                continue   # the run's own output folder: never input (README, "Bulk runs")
            yield from self.subfolder(e.path, child, source, ancestors)

    def subfolder(self, path: str, real: str, source: str, ancestors: tuple) -> Iterator[Entry]:
        try:
            st = os.stat(path)
        except OSError as exc:
            yield Entry(path, source, ("unreadable", f"cannot read the folder: {exc.strerror or exc}"))
            return
        if len(ancestors) >= MAX_DEPTH:
            yield Entry(path, source, ("too_deep", f"folders nested more than {MAX_DEPTH} deep"))
            return
        yield from self.folder(path, real, source, (*ancestors, (st.st_dev, st.st_ino)))

    def link(self, path: str, source: str, ancestors: tuple) -> Iterator[Entry]:
        try:
            st = os.stat(path)
        except OSError:
            yield Entry(path, source)   # broken, or a link to itself: the preflight names it
            return
        target = os.path.realpath(path)
        shown = printable(target)
        if self.out and _inside(target, self.out):
            yield Entry(path, source, ("link_into_output", f"a symbolic link into the run's output folder "
                                                           f"({shown}): not followed"))
        elif not any(_inside(target, root) for root in self.roots):
            yield Entry(path, source, ("link_outside", f"a symbolic link to {shown}, outside the input "
                                                       f"folders: not followed"))
        elif stat.S_ISDIR(st.st_mode) and (st.st_dev, st.st_ino) in ancestors:
            yield Entry(path, source, ("symlink_loop", "a symbolic link that leads back into a folder "
                                                       "being read (not followed)"))
        elif not self.follow_links:
            yield Entry(path, source, ("link_not_followed", f"a symbolic link to {shown}, inside the input "
                                                            f"folders and read there (--follow-links reads "
                                                            f"it through the link too)"))
        elif stat.S_ISDIR(st.st_mode):
            yield from self.subfolder(path, target, source, ancestors)
        else:
            yield Entry(path, source)


def walk_inputs(inputs: Iterable[str], out: str | Path | None = None,
                follow_links: bool = False) -> Iterator[Entry]:
    """Every file under the inputs, in a stable order, streamed (never the whole listing in memory).

    The inputs themselves are read even when they are links (they were named); below them links are
    followed only with `follow_links` and only into the inputs, and `out` is never entered (see the
    module's docstring for the records of links not followed).
    """
    inputs = [str(i) for i in inputs]
    roots = [os.path.realpath(i) for i in inputs if os.path.exists(i)]
    out_real = os.path.realpath(out) if out is not None else None
    walk = _Walk(roots, out_real, follow_links)
    for inp in inputs:
        root = Path(inp)
        try:
            st = root.stat()
        except OSError:
            yield Entry(str(root), printable(root.name or str(inp)))  # preflight names the problem
            continue
        real = os.path.realpath(root)
        if out_real and _inside(real, out_real):
            yield Entry(str(root), printable(root.name or str(inp)),
                        ("in_output", "inside the run's own output folder: never read as input"))
        elif stat.S_ISDIR(st.st_mode):
            base = printable(root.resolve().name)
            yield from walk.folder(str(root), real, base, ((st.st_dev, st.st_ino),))
        else:
            yield Entry(str(root), printable(root.name))
