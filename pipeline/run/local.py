"""The local engine: a pool of worker processes, each watched for wall time and memory."""
from __future__ import annotations

import itertools
import multiprocessing as mp
import os
import signal
import time
from multiprocessing.connection import wait
from typing import Iterator

from pipeline.run.jobs import Result, RunLimits, RunOptions, Task, failure, process_one


# Imported once in the fork server, shared by every worker (spaCy alone takes seconds to import).
PRELOAD = ["pipeline.run.jobs", "pipeline.extract", "pipeline.extract.bodies.model", "pipeline.read.ocr.ocr",
           "pipeline.read.legacy", "spacy",
           "pdfplumber", "pypdfium2", "docx", "lxml.etree"]


def _worker_main(conn, limits: RunLimits, env: dict[str, str]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    for key in [k for k in os.environ if k.startswith("VANBAN_")]:  # the run's settings, not the fork
        del os.environ[key]                                           # server's (started by an earlier run)
    os.environ.update(env)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):  # the parent is gone (even after kill -9): stop
            return
        if task is None:
            return
        try:
            conn.send(process_one(task[0], task[1], limits))
        except (BrokenPipeError, OSError):
            return


class _Worker:
    """One worker process holding at most one file, watched for wall time and memory."""

    def __init__(self, ctx, limits: RunLimits, n_workers: int = 1):
        import psutil

        self.conn, child = ctx.Pipe()
        env = {k: v for k, v in os.environ.items() if k.startswith("VANBAN_")}
        # several documents OCR at once: share the cores instead of each taking them all
        env.setdefault("VANBAN_OCR_WORKERS", str(max(1, (os.cpu_count() or 1) // max(1, n_workers))))
        self.proc = ctx.Process(target=_worker_main, args=(child, limits, env), daemon=True)
        self.proc.start()
        child.close()
        self.ps = psutil.Process(self.proc.pid)
        self.task: Task | None = None
        self.started = 0.0
        self.done = 0

    def give(self, task: Task) -> None:
        self.task, self.started = task, time.monotonic()
        self.conn.send((task.path, task.source))

    def rss_mb(self) -> float:
        try:
            return self.ps.memory_info().rss / 2**20
        except Exception:  # noqa: BLE001 - it just died: the sentinel reports it
            return 0.0

    def stop(self, kill: bool = False) -> None:
        if not kill and self.proc.is_alive():
            try:
                self.conn.send(None)
            except OSError:
                pass
            self.proc.join(2)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(5)
        self.conn.close()


def _context():
    """Workers fork from a clean server process with the readers preloaded: fast to start (a recycled
    worker costs milliseconds, not seconds of imports), no inherited threads or pipes (so they notice
    at once when the parent dies). Preloaded names that do not exist are skipped."""
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    return ctx


def run_local(tasks: Iterator[Task], options: RunOptions) -> Iterator[tuple[Task, Result]]:
    """Results as files finish; a file that overruns its time or memory is killed, its worker replaced."""
    limits = options.limits
    first = next(tasks, None)
    if first is None:  # nothing to do: no processes to start
        return
    tasks = itertools.chain([first], tasks)
    ctx = _context()
    workers = [_Worker(ctx, limits, options.n_workers()) for _ in range(options.n_workers())]
    exhausted = False
    try:
        while True:
            for i, w in enumerate(workers):
                if w.task is None and not exhausted:
                    if w.done >= options.max_tasks_per_worker or not w.proc.is_alive():
                        w.stop()
                        workers[i] = w = _Worker(ctx, limits, options.n_workers())
                    task = next(tasks, None)
                    if task is None:
                        exhausted = True
                    else:
                        w.give(task)
            busy = [w for w in workers if w.task is not None]
            if not busy:
                return
            wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=0.25)
            now = time.monotonic()
            for i, w in enumerate(workers):
                if w.task is None:
                    continue
                task, outcome = w.task, None
                if w.conn.poll():
                    try:
                        outcome = w.conn.recv()
                    except (EOFError, OSError):
                        outcome = failure(task.source, task.sha256, "worker_crashed",
                                          f"the worker process died (exit code {w.proc.exitcode})")
                elif not w.proc.is_alive():
                    outcome = failure(task.source, task.sha256, "worker_crashed",
                                      f"the worker process died (exit code {w.proc.exitcode})")
                elif now - w.started > limits.timeout_s:
                    outcome = failure(task.source, task.sha256, "timeout",
                                      f"processing took longer than {limits.timeout_s:g} s (stopped)")
                elif w.rss_mb() > limits.max_memory_mb:
                    outcome = failure(task.source, task.sha256, "out_of_memory",
                                      f"the file needed more than {limits.max_memory_mb} MB of memory (stopped)")
                if outcome is None:
                    continue
                if outcome.error_code in ("worker_crashed", "timeout", "out_of_memory"):
                    w.stop(kill=True)
                    workers[i] = _Worker(ctx, limits, options.n_workers())
                else:
                    w.task = None
                    w.done += 1
                yield task, outcome
    finally:
        for w in workers:
            w.stop(kill=w.task is not None)
