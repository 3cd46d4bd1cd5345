"""Stage 5, store: documents.jsonl, one Parquet file per table and an embedded DuckDB file.

Everything is written beside its final name and moved into place with
`os.replace`, so a crash never leaves a half-written dataset behind.
`store.state.RunState` is the incremental half (`OUT/.state/`).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
import threading
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.model import FIELDS
from pipeline.resolve import bodies as bodies_table
from pipeline.resolve.graph import build_graph
from pipeline.store import dictionary
from pipeline.store.graph_files import GRAPH_TABLES, write_graph_tables, write_graphml
from pipeline.store.lines import encode_record
from pipeline.store.tables import SCHEMAS, TABLE_OF, document_row, item_rows, rows_of  # noqa: F401 (re-exported)


@contextmanager
def atomic_path(final: Path) -> Iterator[Path]:
    """A temporary path beside `final`, moved over it only when the block succeeds."""
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=final.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, final)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


class TableWriter:
    """Streams rows into one Parquet file per table in batches, so memory stays flat.

    With `part`, each table goes to `folder/<table>/<part>` instead (one part of a partitioned dataset).
    """

    def __init__(self, folder: Path, batch: int = 500, part: str | None = None):
        self.folder = folder
        self.batch = batch
        self.part = part
        self.buffers: dict[str, list[dict]] = {t: [] for t in SCHEMAS}
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.counts: dict[str, int] = {t: 0 for t in SCHEMAS}

    def path(self, table: str) -> Path:
        if self.part is None:
            return self.folder / f"{table}.parquet"
        (self.folder / table).mkdir(parents=True, exist_ok=True)
        return self.folder / table / self.part

    def add(self, rec: dict) -> None:
        self.add_rows(rows_of(rec))

    def add_rows(self, rows_by_table: dict[str, list[dict]]) -> None:
        for table, rows in rows_by_table.items():
            self._push(table, rows)

    def _push(self, table: str, rows: list[dict]) -> None:
        buf = self.buffers[table]
        buf.extend(rows)
        self.counts[table] += len(rows)
        if len(buf) >= self.batch:
            self._flush(table)

    def _flush(self, table: str) -> None:
        buf = self.buffers[table]
        if table not in self.writers:
            self.writers[table] = pq.ParquetWriter(str(self.path(table)), SCHEMAS[table], compression="zstd")
        if buf:
            self.writers[table].write_table(pa.Table.from_pylist(buf, schema=SCHEMAS[table]))
        buf.clear()

    def close(self) -> None:
        for t in SCHEMAS:
            self._flush(t)
            self.writers[t].close()


PARTITIONED_DIR = "parquet"


_PARTITIONED_MARK = "_VANBAN_DATASET"


class PartitionedWriter:
    """`parquet/<table>/part-NNNNN.parquet`, a new part every `part_docs` documents.

    The layout DuckDB (`read_parquet('parquet/documents/*.parquet')`), pandas,
    pyarrow.dataset and Spark read as one table; parts keep each file small.
    """

    def __init__(self, folder: Path, part_docs: int = 1000):
        self.folder = folder
        self.part_docs = part_docs
        self.current: TableWriter | None = None
        self.in_part = 0
        self.parts = 0
        self.counts: dict[str, int] = {t: 0 for t in SCHEMAS}
        folder.mkdir(parents=True, exist_ok=True)
        (folder / _PARTITIONED_MARK).write_text("written by vanban; the whole folder is replaced on each run\n")

    def _roll(self) -> None:
        self._close_part()
        self.current = TableWriter(self.folder, part=f"part-{self.parts:05d}.parquet")
        self.parts += 1
        self.in_part = 0

    def add(self, rec: dict) -> None:
        self.add_rows(rows_of(rec))

    def add_rows(self, rows_by_table: dict[str, list[dict]]) -> None:
        if self.current is None or self.in_part >= self.part_docs:
            self._roll()
        self.current.add_rows(rows_by_table)
        self.in_part += 1

    def _close_part(self) -> None:
        if self.current is not None:
            self.current.close()
            for t, n in self.current.counts.items():
                self.counts[t] += n
            self.current = None

    def close(self) -> None:
        if self.parts == 0:  # every table still gets one (empty) part, so readers find a schema
            self._roll()
        self._close_part()


def warm_writer() -> None:
    """Import what writing the dataset imports on first use (DuckDB; pandas, which pyarrow loads on the
    first array it builds from Python objects): called in a thread while the workers run, so the
    single-threaded write at the end of a run does not start with a second of imports."""
    try:
        import duckdb  # noqa: F401

        pa.array([0])
    except Exception:  # noqa: BLE001 - only a head start
        pass


def write_duckdb(parquet_dir: Path, db_path: Path, extra_tables: Iterable[str] = ()) -> None:
    """The same tables in one DuckDB file, built beside it and moved into place."""
    import duckdb

    with atomic_path(db_path) as tmp:
        tmp.unlink()
        con = duckdb.connect(str(tmp), config={"memory_limit": "1GB", "threads": 1})
        try:
            # one transaction: one commit (and sync to disk) rather than one per table, view and comment
            con.execute("BEGIN TRANSACTION")
            for table in [*SCHEMAS, *extra_tables]:
                f = parquet_dir / f"{table}.parquet"
                if f.exists():   # names need no quoting (store/tables); they come from the code
                    con.execute(f"CREATE TABLE {table} AS SELECT * FROM read_parquet(?)", [str(f)])
            dictionary.apply(con)   # views on resolve's graph, COMMENTs from the data dictionary
            con.execute("COMMIT")
        finally:
            con.close()


CITED_KEYS = ("source", "status", "metadata", "references")   # what the citation graph reads of a record
_DATE_COLUMNS = {t: [f.name for f in schema if pa.types.is_date(f.type)] for t, schema in SCHEMAS.items()}


def prepare(rec: dict) -> bytes:
    """What the dataset needs of a record besides its JSON line: its rows in every table and what the
    citation graph reads of it, as compressed JSON (dates as ISO days, restored by `unprepare`).

    Why: a run makes this as each record arrives, while the workers are still reading (`run.batch`
    keeps it in the state beside the record), so that writing the dataset at the end of the run only
    moves rows instead of first deriving them from every record (half of the write's time)."""
    data = {"rows": rows_of(rec), "cited": {k: rec.get(k) for k in CITED_KEYS}}
    return zlib.compress(json.dumps(data, ensure_ascii=False, default=_iso_day).encode("utf-8"), 1)


def _iso_day(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not a table value")


def unprepare(blob: bytes) -> tuple[dict[str, list[dict]], dict]:
    """(rows per table, what the citation graph reads) of `prepare`'s output, dates as dates again."""
    data = json.loads(zlib.decompress(blob))
    rows = data["rows"]
    for table, columns in _DATE_COLUMNS.items():
        for row in rows.get(table) or ():
            for col in columns:
                if row.get(col) is not None:
                    row[col] = dt.date.fromisoformat(row[col])
    return rows, data["cited"]


def write_dataset(records: Iterable[dict], out: Path, on_record=None, partitioned: bool = False) -> dict[str, int]:
    """Write documents.jsonl, the Parquet tables and vanban.duckdb from a stream of records."""
    return write_lines(((encode_record(r), r) for r in records), out, on_record, partitioned)


def write_lines(lines: Iterable[str | tuple[str, dict | bytes | None]], out: Path, on_record=None,
                partitioned: bool = False, part_docs: int = 1000) -> dict[str, int]:
    """The dataset from records already encoded as JSON lines: each a line (parsed here once for the
    tables), a (line, record) pair, or a (line, `prepare(record)`) pair (its rows made beforehand).

    With `partitioned`, `parquet/<table>/part-*.parquet` is written too; without
    it, a partitioned folder left by an earlier run is removed so nothing stale stays.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
    try:
        tables = TableWriter(staging)
        parts = PartitionedWriter(staging / PARTITIONED_DIR, part_docs) if partitioned else None
        cited = []   # what the citation graph needs of each record (no text)
        with open(staging / "documents.jsonl", "w", encoding="utf-8") as fh:
            for item in lines:
                line, rec = item if isinstance(item, tuple) else (item, None)
                fh.write(line + "\n")
                if isinstance(rec, bytes):
                    rows, cites = unprepare(rec)
                    rec = json.loads(line) if on_record else None
                else:
                    rec = rec if rec is not None else json.loads(line)
                    rows, cites = rows_of(rec), {k: rec.get(k) for k in CITED_KEYS}
                tables.add_rows(rows)
                cited.append(cites)
                if parts:
                    parts.add_rows(rows)
                if on_record:
                    on_record(rec)
        tables.close()
        if parts:
            parts.close()
        bodies_table.write_distinct(staging)   # canonical names with their variants, across the run
        graph = build_graph(cited)   # the graph is part of every run, written with it
        del cited
        write_graph_tables(graph, staging)
        # DuckDB builds its file (mostly waiting on the disk, out of the GIL) while GraphML is written
        db = _Background(write_duckdb, staging, staging / "vanban.duckdb",
                         extra_tables=[bodies_table.TABLE, *GRAPH_TABLES])
        try:
            write_graphml(graph, staging)
        finally:
            db.join()
        del graph
        for f in sorted(staging.iterdir()):
            if f.is_dir():
                _replace_dir(f, out / f.name)
            else:
                os.replace(f, out / f.name)
        stale = out / PARTITIONED_DIR
        if not partitioned and (stale / _PARTITIONED_MARK).exists():
            shutil.rmtree(stale)
        return dict(tables.counts)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


class _Background(threading.Thread):
    """A call run in a thread; `join` re-raises what it raised."""

    def __init__(self, fn, *args, **kwargs):
        super().__init__(name=f"vanban-{fn.__name__}", daemon=True)
        self.call, self.error = (fn, args, kwargs), None
        self.start()

    def run(self) -> None:
        fn, args, kwargs = self.call
        try:
            fn(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - handed to the joining thread
            self.error = exc

    def join(self, timeout=None) -> None:
        super().join(timeout)
        if self.error is not None:
            raise self.error


def _replace_dir(new: Path, final: Path) -> None:
    """Swap a folder into place: the old one is renamed aside first, then removed."""
    old = None
    if final.exists():
        old = final.with_name(f".old-{final.name}-{os.getpid()}")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(final, old)
    os.replace(new, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def clean_leftovers(out: Path) -> None:
    """Staging folders and temporary files a killed run left in OUT (call only under the run lock)."""
    for f in Path(out).glob(".staging-*"):
        shutil.rmtree(f, ignore_errors=True)
    for f in Path(out).glob(".old-*"):
        shutil.rmtree(f, ignore_errors=True)
    for f in Path(out).glob(".*.tmp"):
        f.unlink(missing_ok=True)


def read_jsonl(path: Path) -> Iterator[dict]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)
