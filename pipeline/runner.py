"""Bulk runs: walk the inputs, skip what is already done, process the rest in parallel, write the dataset.

Why a module of its own: a batch of archive files must survive bad files
(every one still gets a record with a stable error code), crashes (finished
records are committed to `OUT/.state/` as they arrive, so a re-run after
`kill -9` only does what is left and writes the same dataset) and scale
(files are streamed, workers hold one file at a time). Two engines share
everything but the executor: `local` (a pool of worker processes watched
for time and memory) and `dask` (the same per-file function on a Dask
distributed cluster, plus a partitioned Parquet dataset).
"""
from __future__ import annotations

import dataclasses
import errno
import functools
import hashlib
import heapq
import itertools
import json
import multiprocessing as mp
import os
import signal
import stat
import time
import zlib
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import SCHEMA_VERSION
from .ingest import Limits, sniff_format
from .process import error_record, process_file
from .store import RunState, clean_leftovers, encode_record, write_lines

# Outcomes that say more about the run than about the file: retried on the next run.
RETRY_CODES = frozenset({"timeout", "out_of_memory", "worker_crashed", "worker_failed", "unreadable"})
TEXT_FORMATS = frozenset({"txt", "md"})
MAX_DEPTH = 64
OUTPUT_FILES = ("documents.jsonl", "documents.parquet", "vanban.duckdb")
# Imported once in the fork server, shared by every worker (spaCy alone takes seconds to import).
PRELOAD = ["pipeline.runner", "pipeline.extract", "pipeline.nlp", "pipeline.ocr", "pipeline.legacy", "spacy",
           "pdfplumber", "pypdfium2", "docx", "lxml.etree"]


class EngineError(RuntimeError):
    """The engine itself cannot run (e.g. the Dask scheduler is unreachable); finished files are kept."""


@dataclass
class RunLimits:
    """Per-file limits; all configurable from `vanban run`."""

    max_file_bytes: int = 300 * 1024 * 1024   # any file (checked before reading it)
    max_text_bytes: int = 16 * 1024 * 1024    # plain text: a real document is well under 2 MB
    timeout_s: float = 1800.0                 # wall time for one file in a local worker (OCR of 200 pages)
    max_memory_mb: int = 2048                 # resident memory of one local worker
    ingest: dict = field(default_factory=dict)  # extra `ingest.Limits` fields (max_unzipped_bytes, …)

    def ingest_limits(self) -> Limits:
        known = {f.name for f in dataclasses.fields(Limits)}
        values = {k: v for k, v in self.ingest.items() if k in known}
        if "max_bytes" in known:
            values.setdefault("max_bytes", self.max_file_bytes)
        return Limits(**values)


@dataclass
class RunOptions:
    engine: str = "local"            # "local" or "dask"
    workers: int = 0                 # 0 = every core
    scheduler: str | None = None     # dask: tcp://host:8786; None starts a local cluster
    limits: RunLimits = field(default_factory=RunLimits)
    force: bool = False              # reprocess everything, ignore the state
    partitioned: bool | None = None  # parquet/<table>/part-*.parquet; default: with the dask engine
    part_docs: int = 1000
    max_tasks_per_worker: int = 200  # a local worker is replaced after this many files (bounded memory)
    on_progress: Callable[[str, str | None], None] | None = None  # (status, error code) per file

    def n_workers(self) -> int:
        return self.workers if self.workers > 0 else (os.cpu_count() or 1)


@dataclass
class RunSummary:
    files: int = 0
    processed: int = 0
    reused: int = 0
    outcomes: Counter = field(default_factory=Counter)   # (status, code) -> n, over all files of the run
    counts: dict = field(default_factory=dict)           # rows per table, when the dataset was written
    wrote: bool = False
    seconds: float = 0.0
    workers: int = 0
    engine: str = "local"


# ---------------------------------------------------------------- discovery

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


# ---------------------------------------------------------------- preflight (parent process)

def preflight(path: str, limits: RunLimits) -> tuple[str | None, tuple[str, str] | None, int]:
    """(sha256, None, size) for a file a worker may read, else (sha256 or None, (code, message), size).

    Done before any reader touches the file, so a FIFO never blocks, a link
    loop never recurses and a huge file is never loaded.
    """
    try:
        st = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, ("symlink_loop", "a symbolic link that points back to itself"), 0
        if exc.errno == errno.ENOENT and os.path.islink(path):
            return None, ("broken_link", f"a symbolic link to a missing file ({os.readlink(path)})"), 0
        return None, ("unreadable", f"cannot open file: {exc.strerror or exc}"), 0
    size = st.st_size
    if not stat.S_ISREG(st.st_mode):
        return None, ("not_a_file", "not a regular file (a pipe, socket or device)"), size
    if size > limits.max_file_bytes:
        return None, ("too_large", f"file is {size} bytes, over the limit of {limits.max_file_bytes}"), size
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
            h.update(head)
            if size > limits.max_text_bytes and sniff_format(Path(path), head) in TEXT_FORMATS:
                return None, ("too_large", f"a text file of {size} bytes, over the text limit of "
                                           f"{limits.max_text_bytes}"), size
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError as exc:
        return None, ("unreadable", f"cannot read file: {exc.strerror or exc}"), size
    return h.hexdigest(), None, size


# ---------------------------------------------------------------- the per-file task (any engine)

@dataclass
class Result:
    """What a worker sends back: small fields for the summary, the record as a compressed JSON line."""

    status: str
    error_code: str | None
    sha256: str | None
    body: bytes


def pack(rec: dict) -> Result:
    err = rec.get("error") or {}
    return Result(rec["status"], err.get("code"), rec.get("sha256"),
                  zlib.compress(encode_record(rec).encode("utf-8"), 1))


def failure(source: str, sha: str | None, code: str, message: str) -> Result:
    return pack(error_record(source, sha, code, message))


def process_one(path: str, source: str, limits: RunLimits) -> Result:
    """One file through every stage; the function both engines run on their workers."""
    try:
        rec = process_file(Path(path), source, limits.ingest_limits())
    except BaseException as exc:  # noqa: BLE001 - process_file should not raise; the batch goes on anyway
        rec = error_record(source, None, "worker_failed", f"{type(exc).__name__}: {exc}")
    return pack(rec)


@dataclass
class Task:
    path: str
    source: str
    sha256: str | None
    seq: int = 0
    size: int = 0


def largest_first(tasks: Iterable[Task], window: int = 64) -> Iterator[Task]:
    """Within a bounded look-ahead, the biggest files first, so a run does not end with every worker
    but one idle, waiting on a big file picked up last. The dataset order is not affected."""
    heap: list[tuple[int, int, Task]] = []
    for n, task in enumerate(tasks):
        heapq.heappush(heap, (-task.size, n, task))
        if len(heap) >= window:
            yield heapq.heappop(heap)[2]
    while heap:
        yield heapq.heappop(heap)[2]


# ---------------------------------------------------------------- local engine

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


# ---------------------------------------------------------------- dask engine

def run_dask(tasks: Iterator[Task], options: RunOptions) -> Iterator[tuple[Task, Result]]:
    """The same per-file function on a Dask cluster; at most a few tasks per worker thread in flight.

    Workers read the files by path, so inputs must be at the same path on every
    worker (a shared file system). Per-file memory is bounded by Dask's own
    worker memory limit (the nanny restarts a worker over it: `worker_crashed`).
    """
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    if options.scheduler:
        try:
            client = Client(options.scheduler, timeout="30s")
        except (OSError, TimeoutError) as exc:
            raise EngineError(f"cannot reach the Dask scheduler at {options.scheduler}: {exc}") from exc
    else:
        cluster = LocalCluster(n_workers=options.n_workers(), threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None)
        client = Client(cluster)
    try:
        nthreads = max(1, sum(client.nthreads().values()))
        window = 2 * nthreads
        running: dict[str, Task] = {}
        done = as_completed()

        def submit() -> bool:
            task = next(tasks, None)
            if task is None:
                return False
            fut = client.submit(process_one, task.path, task.source, options.limits, pure=False,
                                key=f"vanban-{hashlib.sha1(task.source.encode('utf-8', 'replace')).hexdigest()}"
                                    f"-{time.monotonic_ns()}")
            running[fut.key] = task
            done.add(fut)
            return True

        more = True
        while more and len(running) < window:
            more = submit()
        for fut in done:
            task = running.pop(fut.key)
            try:
                outcome = fut.result()
            except Exception as exc:  # noqa: BLE001 - KilledWorker, lost connection…: a record, not a crash
                outcome = failure(task.source, task.sha256, "worker_crashed",
                                  f"the Dask task failed: {type(exc).__name__}: {exc}")
            fut.release()
            yield task, outcome
            while more and len(running) < window:
                more = submit()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


ENGINES = {"local": run_local, "dask": run_dask}


# ---------------------------------------------------------------- the run

def pipeline_fingerprint(limits: RunLimits) -> str:
    """Changes whenever the code (and the models shipped in the package), the rules, the limits or a
    VANBAN_* setting change: stored records made by another pipeline are then made again, never reused."""
    from .rules import rules_dir

    h = hashlib.sha256(SCHEMA_VERSION.encode())
    h.update(json.dumps(dataclasses.asdict(limits), sort_keys=True, default=str).encode())
    h.update(json.dumps(sorted((k, v) for k, v in os.environ.items() if k.startswith("VANBAN_"))).encode())
    h.update(_package_digest().encode())
    h.update(_folder_digest(rules_dir()).encode())  # read again each run: rules are read lazily from disk
    return h.hexdigest()


@functools.lru_cache(maxsize=1)
def _package_digest() -> str:
    """The code and models of this process: hashed once, as the code was imported once."""
    return _folder_digest(Path(__file__).resolve().parent)


def _folder_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(Path(folder).rglob("*")):
        if f.is_file() and "__pycache__" not in f.parts and f.suffix != ".pyc":
            h.update(f.relative_to(folder).as_posix().encode())
            h.update(f.read_bytes())
    return h.hexdigest()


def run(inputs: Iterable[str], out: str | Path, options: RunOptions | None = None) -> RunSummary:
    """Process every file under `inputs` into `out`; resumable, incremental, never stops on a bad file."""
    options = options or RunOptions()
    if options.engine not in ENGINES:
        raise ValueError(f"unknown engine {options.engine!r} (choose from {', '.join(ENGINES)})")
    out = Path(out)
    started = time.monotonic()
    summary = RunSummary(workers=options.n_workers(), engine=options.engine)
    fingerprint = pipeline_fingerprint(options.limits)
    partitioned = options.engine == "dask" if options.partitioned is None else options.partitioned
    state = RunState(out)
    try:
        clean_leftovers(out)
        state.begin_run()
        progress = options.on_progress or (lambda status, code: None)

        def todo() -> Iterator[Task]:
            for entry in walk_inputs(inputs):
                source = state.add_file(entry.source, entry.path)
                if source is None:  # the same file named twice among the inputs
                    continue
                summary.files += 1
                if entry.error:
                    sha, problem, size = None, entry.error, 0
                else:
                    sha, problem, size = preflight(entry.path, options.limits)
                if problem:
                    res = failure(source, sha, *problem)
                    state.put(source, sha, fingerprint, res.status, res.error_code, res.body)
                    progress(res.status, res.error_code)
                elif not options.force and state.cached(source, sha, fingerprint, RETRY_CODES):
                    summary.reused += 1
                    progress("reused", None)
                else:
                    yield Task(entry.path, source, sha, size=size)

        for task, res in ENGINES[options.engine](largest_first(todo()), options):
            state.put(task.source, res.sha256 or task.sha256, fingerprint, res.status, res.error_code, res.body)
            summary.processed += 1
            progress(res.status, res.error_code)
        missing = state.missing()
        if missing:  # cannot happen unless an engine lost a task: refuse to write a short dataset
            raise RuntimeError(f"no record for {len(missing)}+ files, e.g. {missing[:3]}")
        state.prune()
        digest = state.digest() + (":partitioned" if partitioned else "")
        present = all((out / f).exists() for f in OUTPUT_FILES) and (not partitioned or (out / "parquet").is_dir())
        if options.force or not present or state.meta("dataset") != digest:
            state.set_meta("dataset", None)
            summary.counts = write_lines(state.lines(), out, partitioned=partitioned, part_docs=options.part_docs)
            state.set_meta("dataset", digest)
            summary.wrote = True
        for status, code, n in state.outcomes():
            summary.outcomes[(status, code)] += n
    finally:
        state.close()
    summary.seconds = time.monotonic() - started
    return summary


def records_in_order(files: Iterable[tuple[Path, str]], workers: int, limits: RunLimits | None = None
                     ) -> Iterator[dict]:
    """Records of the given files in input order, without state or preflight (the plain streaming path)."""
    options = RunOptions(workers=workers, limits=limits or RunLimits())
    tasks = (Task(str(p), s, None, i) for i, (p, s) in enumerate(files))
    held: dict[int, dict] = {}
    nxt = 0
    for task, res in run_local(tasks, options):
        held[task.seq] = json.loads(zlib.decompress(res.body))
        while nxt in held:
            yield held.pop(nxt)
            nxt += 1
