"""Which walked files a run reads: `--include`/`--exclude` globs and never a run's own outputs.

The walk (`run/walk`) already stays out of the run's own `--out` folder; this keeps out what other
runs left inside the inputs too (a folder holding `.state/state.sqlite`, a `vanban report` site, the
dataset files of an earlier run) and the litter archives carry (`Thumbs.db`, Office's `~$x.docx`
lock files). A glob matches either the file's name or its whole source path (`inbox/drafts/*`).
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from fnmatch import fnmatchcase

DEFAULT_EXCLUDE = ("Thumbs.db", "desktop.ini", ".DS_Store", "~$*", ".~lock.*#")
# Names that only a vanban run writes: a folder holding one of these is some run's output.
_OUTPUT_MARKS = (os.path.join(".state", "state.sqlite"), os.path.join("assets", "report.css"))


@functools.lru_cache(maxsize=4096)
def is_output_folder(folder: str) -> bool:
    """Whether `folder` is the output of a vanban run (`vanban run --out`, `vanban report`)."""
    if any(os.path.exists(os.path.join(folder, m)) for m in _OUTPUT_MARKS):
        return True
    return (os.path.exists(os.path.join(folder, "documents.jsonl"))
            and os.path.exists(os.path.join(folder, "vanban.duckdb")))


def _fold(name: str) -> str:
    return name.casefold()


@dataclass(frozen=True)
class Selection:
    """The `--include`/`--exclude` globs; empty `include` means every file."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE

    def _matches(self, patterns: tuple[str, ...], name: str, source: str) -> bool:
        name, source = _fold(name), _fold(source)
        return any(fnmatchcase(name, _fold(p)) or fnmatchcase(source, _fold(p)) for p in patterns)

    def wanted(self, path: str, source: str) -> bool:
        """Whether a walked file is input: not excluded, included when includes are given, and not
        inside some run's output below its input folder."""
        name = source.rsplit("/", 1)[-1]
        if self._matches(self.exclude, name, source):
            return False
        if self.include and not self._matches(self.include, name, source):
            return False
        return not inside_output(path, source)


def inside_output(path: str, source: str) -> bool:
    """Whether a folder between the input and this file (`source` says how deep) is a run's output."""
    folder = os.path.dirname(path)
    if ".state" in source.split("/")[1:-1]:
        return True
    for _ in range(source.count("/") - 1):   # the input folder itself was named: it is read
        if is_output_folder(folder):
            return True
        folder = os.path.dirname(folder)
    return False
