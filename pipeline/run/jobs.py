"""What both engines share: the run's options and limits, the preflight and the per-file task."""
from __future__ import annotations

import dataclasses
import errno
import hashlib
import heapq
import os
import stat
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from pipeline.read.base import Limits
from pipeline.read.sniff import sniff_format
from pipeline.run.process import error_record, process_file
from pipeline.run.select import Selection
from pipeline.store.lines import encode_record


TEXT_FORMATS = frozenset({"txt", "md", "rtf"})   # held to `max_text_bytes` (RTF is text with markup)


class EngineError(RuntimeError):
    """The engine itself cannot run (e.g. the Dask scheduler is unreachable); finished files are kept."""


@dataclass
class RunLimits:
    """Per-file limits; all configurable from `vanban run`."""

    max_file_bytes: int = 300 * 1024 * 1024   # any file (checked before reading it)
    max_text_bytes: int = 16 * 1024 * 1024    # plain text and RTF: a real document is well under 2 MB
    timeout_s: float = 1800.0                 # wall time for one file in a local worker (OCR of 200 pages)
    max_memory_mb: int = 2048                 # resident memory of one local worker
    ingest: dict = field(default_factory=dict)  # extra `ingest.Limits` fields (max_unzipped_bytes, …)

    def ingest_limits(self) -> Limits:
        known = {f.name for f in dataclasses.fields(Limits)}
        values = {k: v for k, v in self.ingest.items() if k in known}
        if "max_bytes" in known:
            values.setdefault("max_bytes", self.max_file_bytes)
        if "max_text_bytes" in known:
            values.setdefault("max_text_bytes", self.max_text_bytes)
        return Limits(**values)


@dataclass
class RunOptions:
    engine: str = "local"            # "local" or "dask"
    workers: int = 0                 # 0 = every core
    scheduler: str | None = None     # dask: tcp://host:8786; None starts a local cluster
    limits: RunLimits = field(default_factory=RunLimits)
    force: bool = False              # reprocess everything, ignore the state
    follow_links: bool = False       # follow symbolic links (only those leading inside the inputs)
    partitioned: bool | None = None  # parquet/<table>/part-*.parquet; default: with the dask engine
    part_docs: int = 1000
    max_tasks_per_worker: int = 200  # a local worker is replaced after this many files (bounded memory)
    on_progress: Callable[[str, str | None], None] | None = None  # (status, error code) per file
    on_file: Callable[[str, str, str | None], None] | None = None  # (source, status, error code) per file
    selection: Selection = field(default_factory=Selection)   # --include / --exclude (run/select)

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
            fmt = sniff_format(Path(path), head) if size > limits.max_text_bytes else None
            if fmt in TEXT_FORMATS:
                what = "an RTF" if fmt == "rtf" else "a text"
                return None, ("too_large", f"{what} file of {size} bytes, over the text limit of "
                                           f"{limits.max_text_bytes}"), size
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError as exc:
        return None, ("unreadable", f"cannot read file: {exc.strerror or exc}"), size
    return h.hexdigest(), None, size


@dataclass
class Result:
    """What a worker sends back: small fields for the summary, the record as a compressed JSON line."""

    status: str
    error_code: str | None
    sha256: str | None
    body: bytes


def pack(rec: dict) -> Result:
    err = rec.get("error") or {}
    # a record an extractor raised on is `ok` with that field empty: the run counts it apart (`extractor_failed`)
    code = err.get("code") or ("extractor_failed" if rec.get("failed") else None)
    return Result(rec["status"], code, rec.get("sha256"),
                  zlib.compress(encode_record(rec).encode("utf-8"), 1))


def failure(source: str, sha: str | None, code: str, message: str) -> Result:
    return pack(error_record(source, sha, code, message))


def process_one(path: str, source: str, limits: RunLimits, sha256: str | None = None, raw=None) -> Result:
    """One file through every stage; the function both engines run on their workers (the local one
    passes the preflight's `sha256`, a Dask worker on another machine hashes what it reads). `raw`:
    the file as the run's own process already read it (`run.local`), else it is read here."""
    try:
        rec = process_file(Path(path), source, limits.ingest_limits(), sha256, raw)
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
    raw: object = None   # the `Ingested` file when read before a worker was ready (`run.local`)


# bytes of a format cost this many times a byte of text: a scanned image is all OCR (seconds a
# page), a PDF may be a scan; the rest reads in milliseconds
COST_PER_BYTE = {".png": 8, ".jpg": 8, ".jpeg": 8, ".tif": 8, ".tiff": 8, ".bmp": 8, ".gif": 8, ".webp": 8,
                 ".pdf": 2}


def cost(task: Task) -> int:
    """How long a file is expected to take, in units of a byte of text: its size, weighted by format."""
    return task.size * COST_PER_BYTE.get(os.path.splitext(task.path)[1].lower(), 1)


def largest_first(tasks: Iterable[Task], window: int = 256) -> Iterator[Task]:
    """Within a bounded look-ahead, the costliest files first (the biggest, the OCR-bound: `cost`), so
    a run does not end with every worker but one idle, waiting on a big file picked up last. The
    dataset order is not affected."""
    heap: list[tuple[int, int, Task]] = []
    for n, task in enumerate(tasks):
        heapq.heappush(heap, (-cost(task), n, task))
        if len(heap) >= window:
            yield heapq.heappop(heap)[2]
    while heap:
        yield heapq.heappop(heap)[2]
