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
import functools
import hashlib
import json
import os
import threading
import time
import zlib
from pathlib import Path
from typing import Iterable, Iterator

from pipeline.model import SCHEMA_VERSION
from pipeline.run.dask import run_dask
from pipeline.run.jobs import RunLimits, RunOptions, RunSummary, Task, failure, largest_first, preflight
from pipeline.run.local import prestart, run_local
from pipeline.run.walk import walk_inputs
from pipeline.store.dataset import clean_leftovers, prepare, warm_writer, write_lines
from pipeline.store.state import RunState


# Outcomes that say more about the run than about the file: retried on the next run.
RETRY_CODES = frozenset({"timeout", "out_of_memory", "worker_crashed", "worker_failed", "unreadable"})
OUTPUT_FILES = ("documents.jsonl", "documents.parquet", "vanban.duckdb")


ENGINES = {"local": run_local, "dask": run_dask}
PRESTART = {"local": prestart}   # what an engine starts once the first file to process is known


def pipeline_fingerprint(limits: RunLimits) -> str:
    """Changes whenever the code (and the models shipped in the package), the rules, the limits or a
    VANBAN_* setting change: stored records made by another pipeline are then made again, never reused."""
    from pipeline.rules import rules_dir

    h = hashlib.sha256(SCHEMA_VERSION.encode())
    h.update(json.dumps(dataclasses.asdict(limits), sort_keys=True, default=str).encode())
    h.update(json.dumps(sorted((k, v) for k, v in os.environ.items() if k.startswith("VANBAN_"))).encode())
    h.update(_package_digest().encode())
    h.update(_folder_digest(rules_dir()).encode())  # read again each run: rules are read lazily from disk
    return h.hexdigest()


@functools.lru_cache(maxsize=1)
def _package_digest() -> str:
    """The code and models of this process: hashed once, as the code was imported once."""
    return _folder_digest(Path(__file__).resolve().parents[1])   # the whole `pipeline` package


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
        on_progress, on_file = options.on_progress, options.on_file

        def progress(source: str, status: str, code: str | None) -> None:
            if on_progress:
                on_progress(status, code)
            if on_file:
                on_file(source, status, code)

        early: list[bool] = []   # the engine started before its first task

        def todo() -> Iterator[Task]:
            for entry in walk_inputs(inputs, out=out, follow_links=options.follow_links):
                if not options.selection.wanted(entry.path, entry.source):
                    continue
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
                    state.put(source, sha, fingerprint, res.status, res.error_code, res.body, prepared_of(res.body))
                    progress(source, res.status, res.error_code)
                elif not options.force and state.cached(source, sha, fingerprint, RETRY_CODES):
                    summary.reused += 1
                    progress(source, "reused", None)
                else:
                    if not early:
                        early.append(True)
                        _start_early(options.engine)
                    yield Task(entry.path, source, sha, size=size)

        for task, res in ENGINES[options.engine](largest_first(todo()), options):
            if not summary.processed:
                _warm_writer()
            state.put(task.source, res.sha256 or task.sha256, fingerprint, res.status, res.error_code, res.body,
                      prepared_of(res.body))
            summary.processed += 1
            progress(task.source, res.status, res.error_code)
        missing = state.missing()
        if missing:  # cannot happen unless an engine lost a task: refuse to write a short dataset
            raise RuntimeError(f"no record for {len(missing)}+ files, e.g. {missing[:3]}")
        state.prune()
        digest = state.digest() + (":partitioned" if partitioned else "")
        present = all((out / f).exists() for f in OUTPUT_FILES) and (not partitioned or (out / "parquet").is_dir())
        if options.force or not present or state.meta("dataset") != digest:
            state.set_meta("dataset", None)
            summary.counts = write_lines(state.entries(), out, partitioned=partitioned, part_docs=options.part_docs)
            state.set_meta("dataset", digest)
            summary.wrote = True
        for status, code, n in state.outcomes():
            summary.outcomes[(status, code)] += n
    finally:
        state.close()
    summary.seconds = time.monotonic() - started
    return summary


def prepared_of(body: bytes) -> bytes:
    """The record's table rows, made here as it arrives (the workers are busy with the next files)
    rather than all at the end of the run, when writing the dataset is all that is left to do."""
    return prepare(json.loads(zlib.decompress(body)))


def _start_early(engine: str) -> None:
    """Once there is work: the engine's workers start loading (the inputs are still being hashed and
    ordered), so that they do not wait for this process at the start of the run."""
    if engine in PRESTART:
        PRESTART[engine]()


def _warm_writer() -> None:
    """Once the first file is done: this process imports what writing the dataset needs (a fifth of a
    second of CPU) while the workers read, so that the write does not wait for it at the end of the run.
    Not sooner: at the start of the run it took that CPU from the fork server loading the workers."""
    threading.Thread(target=warm_writer, name="warm-writer", daemon=True).start()


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
