"""Stage 5, store: documents.jsonl, one Parquet file per table and an embedded DuckDB file.

Everything is written beside its final name and moved into place with
`os.replace`, so a crash never leaves a half-written dataset behind.
`store.state.RunState` is the incremental half (`OUT/.state/`).
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.extract.tasks import TASKS_SCHEMA, task_rows
from pipeline.model import FIELDS
from pipeline.resolve import bodies as bodies_table


_STR = pa.string()


_INT = pa.int64()


SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("source", _STR), ("sha256", _STR), ("status", _STR), ("error_code", _STR), ("error_message", _STR),
        ("format", _STR), ("doc_type", _STR), ("identifier", _STR), ("issuer", _STR), ("parent_issuer", _STR),
        ("place", _STR), ("issued_date", _STR), ("year", _INT), ("title", _STR), ("signer_name", _STR),
        ("signer_title", _STR), ("signer_authority", _STR), ("pages", _INT), ("n_chars", _INT),
        ("n_sections", _INT), ("n_references", _INT), ("n_bodies", _INT), ("n_dates", _INT), ("n_targets", _INT),
        ("text", _STR)]),
    "sections": pa.schema([("source", _STR), ("path", _STR), ("label", _STR), ("heading", _STR),
                           ("level", _INT), ("start", _INT), ("end", _INT)]),
    "references": pa.schema([("source", _STR), ("doc_type", _STR), ("identifier", _STR), ("date", _STR),
                             ("issuer", _STR), ("relation", _STR), ("title", _STR), ("section", _STR),
                             ("text", _STR), ("start", _INT), ("end", _INT)]),
    "bodies": pa.schema([("source", _STR), ("name", _STR), ("name_as_written", _STR), ("role", _STR),
                         ("section", _STR), ("text", _STR), ("start", _INT), ("end", _INT)]),
    "dates": pa.schema([("source", _STR), ("value", _STR), ("kind", _STR), ("section", _STR), ("text", _STR),
                        ("start", _INT), ("end", _INT)]),
    "targets": pa.schema([("source", _STR), ("value", pa.float64()), ("unit", _STR), ("comparator", _STR),
                          ("subject", _STR), ("year", _INT), ("section", _STR), ("text", _STR),
                          ("start", _INT), ("end", _INT)]),
}
for _table in FIELDS:   # where a value sits on a paged source, and whether OCR doubted it (schema 1.2)
    SCHEMAS[_table] = SCHEMAS[_table].append(pa.field("page", _INT))
    if _table != "sections":
        SCHEMAS[_table] = SCHEMAS[_table].append(pa.field("low_confidence", pa.bool_()))


SCHEMAS["tasks"] = TASKS_SCHEMA   # one row per section that assigns work (pipeline/tasks.py)


def document_row(rec: dict) -> dict:
    meta = rec.get("metadata") or {}
    signer = meta.get("signer") or {}
    err = rec.get("error") or {}
    date = meta.get("issued_date")
    return {
        "source": rec["source"], "sha256": rec.get("sha256"), "status": rec["status"],
        "error_code": err.get("code"), "error_message": err.get("message"), "format": rec.get("format"),
        "doc_type": meta.get("doc_type"), "identifier": meta.get("identifier"), "issuer": meta.get("issuer"),
        "parent_issuer": meta.get("parent_issuer"), "place": meta.get("place"), "issued_date": date,
        "year": int(date[:4]) if date else None, "title": meta.get("title"),
        "signer_name": signer.get("name"), "signer_title": signer.get("title"),
        "signer_authority": signer.get("authority"), "pages": rec.get("pages"),
        "n_chars": len(rec.get("text") or ""),
        **{f"n_{t}": len(rec.get(t) or []) for t in FIELDS},
        "text": rec.get("text") or "",
    }


def item_rows(rec: dict, table: str) -> list[dict]:
    names = SCHEMAS[table].names
    return [{**{k: it.get(k) for k in names}, "source": rec["source"]} for it in rec.get(table) or []]


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
        self._push("documents", [document_row(rec)])
        for t in FIELDS:
            self._push(t, item_rows(rec, t))
        self._push("tasks", task_rows(rec))

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
        if self.current is None or self.in_part >= self.part_docs:
            self._roll()
        self.current.add(rec)
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


def write_duckdb(parquet_dir: Path, db_path: Path, extra_tables: Iterable[str] = ()) -> None:
    """The same tables in one DuckDB file, built beside it and moved into place."""
    import duckdb

    with atomic_path(db_path) as tmp:
        tmp.unlink()
        con = duckdb.connect(str(tmp), config={"memory_limit": "1GB", "threads": 1})
        try:
            for table in [*SCHEMAS, *extra_tables]:
                f = parquet_dir / f"{table}.parquet"
                if f.exists():
                    con.execute(f'CREATE TABLE "{table}" AS SELECT * FROM read_parquet(?)', [str(f)])
            con.execute("CREATE OR REPLACE VIEW errors AS SELECT source, format, error_code, error_message "
                        "FROM documents WHERE status = 'error'")
        finally:
            con.close()


def encode_record(rec: dict) -> str:
    """The record as its documents.jsonl line (no newline); lone surrogates become `?`, never a crash."""
    line = json.dumps(rec, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = line.encode("utf-8", "replace").decode("utf-8")
    return line


def write_dataset(records: Iterable[dict], out: Path, on_record=None, partitioned: bool = False) -> dict[str, int]:
    """Write documents.jsonl, the Parquet tables and vanban.duckdb from a stream of records."""
    return write_lines(((encode_record(r), r) for r in records), out, on_record, partitioned)


def write_lines(lines: Iterable[str | tuple[str, dict]], out: Path, on_record=None, partitioned: bool = False,
                part_docs: int = 1000) -> dict[str, int]:
    """The dataset from records already encoded as JSON lines (parsed here once for the tables).

    With `partitioned`, `parquet/<table>/part-*.parquet` is written too; without
    it, a partitioned folder left by an earlier run is removed so nothing stale stays.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
    try:
        tables = TableWriter(staging)
        parts = PartitionedWriter(staging / PARTITIONED_DIR, part_docs) if partitioned else None
        with open(staging / "documents.jsonl", "w", encoding="utf-8") as fh:
            for item in lines:
                line, rec = item if isinstance(item, tuple) else (item, json.loads(item))
                fh.write(line + "\n")
                tables.add(rec)
                if parts:
                    parts.add(rec)
                if on_record:
                    on_record(rec)
        tables.close()
        if parts:
            parts.close()
        bodies_table.write_distinct(staging)   # canonical names with their variants, across the run
        write_duckdb(staging, staging / "vanban.duckdb", extra_tables=[bodies_table.TABLE])
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
