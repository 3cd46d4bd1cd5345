"""Stage 5, store: documents.jsonl, one Parquet file per table and an embedded DuckDB file.

Everything is written beside its final name and moved into place with
`os.replace`, so a crash never leaves a half-written dataset behind.
"""
from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

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
ITEM_TABLES = ("sections", "references", "bodies", "dates", "targets")


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
        **{f"n_{t}": len(rec.get(t) or []) for t in ITEM_TABLES},
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
    """Streams rows into one Parquet file per table in batches, so memory stays flat."""

    def __init__(self, folder: Path, batch: int = 500):
        self.folder = folder
        self.batch = batch
        self.buffers: dict[str, list[dict]] = {t: [] for t in SCHEMAS}
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.counts: dict[str, int] = {t: 0 for t in SCHEMAS}

    def add(self, rec: dict) -> None:
        self._push("documents", [document_row(rec)])
        for t in ITEM_TABLES:
            self._push(t, item_rows(rec, t))

    def _push(self, table: str, rows: list[dict]) -> None:
        buf = self.buffers[table]
        buf.extend(rows)
        self.counts[table] += len(rows)
        if len(buf) >= self.batch:
            self._flush(table)

    def _flush(self, table: str) -> None:
        buf = self.buffers[table]
        if table not in self.writers:
            self.writers[table] = pq.ParquetWriter(str(self.folder / f"{table}.parquet"), SCHEMAS[table],
                                                   compression="zstd")
        if buf:
            self.writers[table].write_table(pa.Table.from_pylist(buf, schema=SCHEMAS[table]))
        buf.clear()

    def close(self) -> None:
        for t in SCHEMAS:
            self._flush(t)
            self.writers[t].close()


def write_duckdb(parquet_dir: Path, db_path: Path, extra_tables: Iterable[str] = ()) -> None:
    """The same tables in one DuckDB file, built beside it and moved into place."""
    import duckdb

    with atomic_path(db_path) as tmp:
        tmp.unlink()
        con = duckdb.connect(str(tmp))
        try:
            for table in [*SCHEMAS, *extra_tables]:
                f = parquet_dir / f"{table}.parquet"
                if f.exists():
                    con.execute(f'CREATE TABLE "{table}" AS SELECT * FROM read_parquet(?)', [str(f)])
            con.execute("CREATE OR REPLACE VIEW errors AS SELECT source, format, error_code, error_message "
                        "FROM documents WHERE status = 'error'")
        finally:
            con.close()


def write_dataset(records: Iterable[dict], out: Path, on_record=None) -> dict[str, int]:
    """Write documents.jsonl, the Parquet tables and vanban.duckdb from a stream of records."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
    try:
        tables = TableWriter(staging)
        with open(staging / "documents.jsonl", "w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                tables.add(rec)
                if on_record:
                    on_record(rec)
        tables.close()
        write_duckdb(staging, staging / "vanban.duckdb")
        for f in staging.iterdir():
            os.replace(f, out / f.name)
        return dict(tables.counts)
    finally:
        for f in staging.glob("*"):
            f.unlink()
        staging.rmdir()


def read_jsonl(path: Path) -> Iterator[dict]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)
