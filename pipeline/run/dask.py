"""The dask engine: the same per-file function on a Dask distributed cluster."""
from __future__ import annotations

import hashlib
import time
from typing import Iterator

from pipeline.run.jobs import EngineError, Result, RunOptions, Task, failure, process_one


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
