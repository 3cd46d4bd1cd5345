"""The local engine: a pool of worker processes, each watched for wall time and memory."""
from __future__ import annotations

import itertools
import os
import signal
import threading
import time
from pathlib import Path
from multiprocessing.connection import wait
from typing import Iterator

from pipeline.run.jobs import Result, RunLimits, RunOptions, Task, failure, process_one
from pipeline.run.server import context, prestart


def _worker_main(conn, limits: RunLimits, env: dict[str, str], ocr_slots=None, held=None, idle=None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if ocr_slots is not None:
        from pipeline.read.ocr import ocr

        ocr.share_slots(ocr_slots, held, idle)
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
            # a task from a run process of another checkout (`python -m` run from a folder holding one,
            # with PYTHONPATH naming this one) has no fourth item: the worker reads the file itself
            conn.send(process_one(task[0], task[1], limits, task[2], task[3] if len(task) > 3 else None))
        except (BrokenPipeError, OSError):
            return


class _Worker:
    """One worker process holding at most one file, watched for wall time and memory."""

    def __init__(self, ctx, limits: RunLimits, n_workers: int = 1, ocr_slots=None, idle=None):
        import psutil

        self.conn, child = ctx.Pipe()
        env = {k: v for k, v in os.environ.items() if k.startswith("VANBAN_")}
        # OCR pages spread over all workers: each worker may read a scan's pages in as many
        # tesseracts as the run has workers, and the run's tesseracts together take at most one
        # slot per worker (`ocr_slots`), so a long scan is not a straggler on one core while the
        # others are idle, and `--workers N` keeps the run to N busy cores, OCR included
        env.setdefault("VANBAN_OCR_WORKERS", str(max(1, n_workers)))
        self.slots, self.held = ocr_slots, (ctx.Value("i", 0) if ocr_slots is not None else None)
        self.proc = ctx.Process(target=_worker_main, args=(child, limits, env, ocr_slots, self.held, idle),
                                daemon=True)
        self.proc.start()
        child.close()
        self.ps = psutil.Process(self.proc.pid)
        self.task: Task | None = None
        self.started = 0.0
        self.done = 0

    def give(self, task: Task) -> None:
        self.task, self.started = task, time.monotonic()
        self.conn.send((task.path, task.source, task.sha256, task.raw))
        task.raw = None   # the worker has it now

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
        if self.held is not None:   # the tesseract slots a killed worker held go back to the run
            for _ in range(max(0, self.held.value)):
                try:
                    self.slots.release()
                except ValueError:   # already back (the worker released it as it died)
                    break
            self.held.value = 0


# Files this process reads itself while the fork server is still loading: Word files of up to 1 MiB
# (a DOCX unpacking to at most 2 MiB), whose readers run no native code in-process that could crash
# it (antiword is a subprocess with a timeout) and stay far below any worker's memory limit: a file
# that could reach it (or its time limit) is the worker's to read, where the limits are watched.
HEAD_START_FORMATS = ("doc", "docx")
HEAD_START_MAX_BYTES = 1 << 20
HEAD_START_MAX_UNZIPPED = 2 << 20


def _head_start(tasks: Iterator[Task], limits: RunLimits, start_workers) -> Iterator[Task]:
    """The tasks, the first ones read here while `start_workers` (in a thread) waits for the fork server.

    Why: the server loads spaCy, the model and the rules (a second) before it can fork the first worker,
    and this process has finished walking and hashing the inputs well before that, so its core would
    sit idle; a worker then only normalizes and extracts the files read here (the same `Ingested` it
    would have read: `jobs.process_one`). Only Word files (HEAD_START_FORMATS) are read here; any other
    task, and any file that fails to read here, is left whole to the worker, as before."""
    failed: list[BaseException] = []

    def start() -> None:
        try:
            start_workers()
        except BaseException as exc:  # noqa: BLE001 - raised again below, in this thread
            failed.append(exc)

    thread = threading.Thread(target=start, name="start-workers", daemon=True)
    thread.start()
    early: list[Task] = []
    try:
        while thread.is_alive():
            task = next(tasks, None)
            if task is None:
                break
            early.append(task)
            task.raw = _read_here(task, limits)
    finally:
        thread.join()
    if failed:
        raise failed[0]
    return itertools.chain(early, tasks)


def _read_here(task: Task, limits: RunLimits):
    """The file's `Ingested` when it is a small Word file read without error, else None (the worker reads it)."""
    if task.size > HEAD_START_MAX_BYTES or not task.path.lower().endswith(tuple("." + f for f in HEAD_START_FORMATS)):
        return None
    from pipeline.read.ingest import ingest
    from pipeline.read.sniff import sniff_format

    try:
        with open(task.path, "rb") as fh:
            head = fh.read(1024)
        fmt = sniff_format(Path(task.path), head)
        if fmt not in HEAD_START_FORMATS:
            return None
        if fmt == "docx":
            import zipfile

            with zipfile.ZipFile(task.path) as zf:   # the sizes it declares (more is refused as it is read)
                if sum(i.file_size for i in zf.infolist()) > HEAD_START_MAX_UNZIPPED:
                    return None
        return ingest(task.path, limits.ingest_limits())
    except Exception:  # noqa: BLE001 - the worker reads it again and records what goes wrong
        return None


def run_local(tasks: Iterator[Task], options: RunOptions) -> Iterator[tuple[Task, Result]]:
    """Results as files finish; a file that overruns its time or memory is killed, its worker replaced."""
    limits = options.limits
    first = next(tasks, None)
    if first is None:  # nothing to do: no processes to start
        return
    tasks = itertools.chain([first], tasks)
    prestart()   # if the run did not start the server early: started now, the way prestart starts it
    ctx = context()
    slots = ctx.BoundedSemaphore(options.n_workers())   # tesseract processes of the whole run: one per worker
    # workers waiting with no file left to give them: while one does, a page being read by OCR may use a
    # spare core for work it may need after tesseract (`read.ocr.slots`)
    idle = ctx.Value("i", 0)

    def new_worker() -> _Worker:
        return _Worker(ctx, limits, options.n_workers(), slots, idle)

    workers: list[_Worker] = []
    exhausted = False

    def refill() -> None:
        """Give every idle worker its next file (a worker that did its share is replaced first)."""
        nonlocal exhausted
        for i, w in enumerate(workers):
            if w.task is None and not exhausted:
                if w.done >= options.max_tasks_per_worker or not w.proc.is_alive():
                    w.stop()
                    workers[i] = w = new_worker()
                task = next(tasks, None)
                if task is None:
                    exhausted = True
                else:
                    w.give(task)
        if exhausted:
            idle.value = sum(w.task is None for w in workers)

    try:
        tasks = _head_start(tasks, limits, lambda: workers.extend(new_worker() for _ in range(options.n_workers())))
        while True:
            refill()
            busy = [w for w in workers if w.task is not None]
            if not busy:
                return
            wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=0.25)
            now = time.monotonic()
            finished = []
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
                    workers[i] = new_worker()
                else:
                    w.task = None
                    w.done += 1
                finished.append((task, outcome))
            if finished:
                # the workers that finished start their next files before the results are stored and
                # their rows made (`run.batch`): a worker never waits on this process between files
                refill()
            yield from finished
    finally:
        for w in workers:
            w.stop(kill=w.task is not None)
