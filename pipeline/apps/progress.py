"""`vanban run`'s progress: a bar on a terminal, plain lines in a log.

On a terminal: files done of the total, percentage, elapsed and ETA, the error count and the file
just finished. Not on a terminal (a log, a pipe): one plain line every `every` seconds and a last
one at the end, so carriage returns never run together in a file.
"""
from __future__ import annotations

import sys
import time
from typing import TextIO


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    seconds = int(seconds)
    h, rest = divmod(seconds, 3600)
    return f"{h}:{rest // 60:02d}:{rest % 60:02d}" if h else f"{rest // 60:02d}:{rest % 60:02d}"


class Progress:
    """Counts finished files; `update(source, status, code)` after each."""

    def __init__(self, total: int | None, stream: TextIO | None = None, quiet: bool = False,
                 every: float = 10.0, tty: bool | None = None):
        self.stream = stream or sys.stderr
        self.total = total
        self.quiet = quiet
        self.every = every
        self.done = 0
        self.errors = 0
        self.current = ""
        self.started = time.monotonic()
        self.last_line = self.started   # the first plain line after `every` seconds
        self.tty = self.stream.isatty() if tty is None else tty
        self.bar = None
        self.closed = False
        if not quiet and self.tty:
            import tqdm

            tqdm.tqdm.monitor_interval = 0   # no helper thread
            self.bar = tqdm.tqdm(total=total, unit="file", file=self.stream, dynamic_ncols=True,
                                 bar_format="{percentage:3.0f}%|{bar:20}| {n_fmt}/{total_fmt} files "
                                            "[{elapsed}<{remaining}] {postfix}")

    def update(self, source: str, status: str, code: str | None) -> None:
        self.done += 1
        self.errors += status == "error"
        self.current = source
        if self.quiet:
            return
        if self.bar is not None:
            name = source if len(source) <= 40 else "…" + source[-39:]
            self.bar.set_postfix_str(f"errors {self.errors} · {name}", refresh=False)
            self.bar.update(1)
        elif time.monotonic() - self.last_line >= self.every:
            self.line()

    def eta(self) -> float | None:
        took = time.monotonic() - self.started
        if not self.total or not self.done:
            return None
        return took / self.done * max(self.total - self.done, 0)

    def line(self) -> None:
        self.last_line = time.monotonic()
        total = self.total or 0
        pct = f" ({100 * self.done / total:.0f}%)" if total else ""
        print(f"vanban run: {self.done}/{total} files{pct}, errors {self.errors}, "
              f"elapsed {_clock(self.last_line - self.started)}, ETA {_clock(self.eta())}, last {self.current}",
              file=self.stream, flush=True)

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        if self.bar is not None:
            self.bar.close()
        elif not self.quiet and self.done:
            self.line()
