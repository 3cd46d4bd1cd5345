"""The tables of a run (Parquet and DuckDB): typed columns, names that need no quoting, a data dictionary.

The JSONL record keeps its contract (`references`, `start`/`end`, ISO date strings); the tables are
for SQL and dataframe users, so:

- dates are DATE (`issued_date`, `citations.date`, `tasks.due`; the `dates` table keeps its text
  `value`, which may be a quarter, a period or a recurrence, beside typed `date_from`/`date_to`);
- integers are integers (Parquet carries pandas metadata, so `year` and `pages` read back as
  `Int64`, not float64, in pandas), lists are lists;
- no name is an SQL reserved word: the `references` field is the `citations` table, `end` is
  `end_offset` (`start` is not reserved and stays);
- every row carries `doc_id`, a stable integer per document (from its source path: the same file
  keeps its id across runs and machines) beside `source`.

`DICTIONARY` describes every table and column; it becomes DuckDB `COMMENT`s and the README's data
dictionary (`python -m pipeline.store.tables` prints it as Markdown).
"""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
import re

import pyarrow as pa

from pipeline.extract.tasks import TASKS_SCHEMA, task_rows
from pipeline.model import FIELDS

_STR, _INT, _DATE = pa.string(), pa.int64(), pa.date32()

# record field -> table name (only `references` is renamed: a reserved word in SQL)
TABLE_OF = {"sections": "sections", "references": "citations", "bodies": "bodies", "dates": "dates",
            "targets": "targets"}
RENAMED = {"end": "end_offset"}


def doc_id(source: str) -> int:
    """A stable positive 63-bit integer for a document's source path."""
    return int.from_bytes(hashlib.blake2b(source.encode("utf-8"), digest_size=8).digest(), "big") >> 1


def pandas_meta(schema: pa.Schema) -> pa.Schema:
    """Pandas metadata so integer columns read back as nullable `Int64` (not float64 when NULLs)."""
    cols = []
    for f in schema:
        if pa.types.is_integer(f.type):
            cols.append({"name": f.name, "field_name": f.name, "pandas_type": "int64", "numpy_type": "Int64",
                         "metadata": None})
        elif pa.types.is_boolean(f.type):
            cols.append({"name": f.name, "field_name": f.name, "pandas_type": "bool", "numpy_type": "boolean",
                         "metadata": None})
        else:
            cols.append({"name": f.name, "field_name": f.name, "pandas_type": "object", "numpy_type": "object",
                         "metadata": None})
    meta = {"index_columns": [], "column_indexes": [], "columns": cols, "creator": {"library": "vanban"},
            "pandas_version": "2.2.0"}
    return schema.with_metadata({b"pandas": json.dumps(meta).encode()})


_ITEM_SCHEMAS = {
    "sections": [("path", _STR), ("label", _STR), ("heading", _STR), ("level", _INT), ("start", _INT),
                 ("end_offset", _INT)],
    "citations": [("doc_type", _STR), ("identifier", _STR), ("date", _DATE), ("issuer", _STR),
                  ("relation", _STR), ("title", _STR), ("section", _STR), ("text", _STR), ("start", _INT),
                  ("end_offset", _INT)],
    "bodies": [("name", _STR), ("name_as_written", _STR), ("role", _STR), ("section", _STR), ("text", _STR),
               ("start", _INT), ("end_offset", _INT)],
    "dates": [("value", _STR), ("date_from", _DATE), ("date_to", _DATE), ("kind", _STR), ("section", _STR),
              ("text", _STR), ("start", _INT), ("end_offset", _INT)],
    "targets": [("value", pa.float64()), ("unit", _STR), ("comparator", _STR), ("subject", _STR),
                ("year", _INT), ("section", _STR), ("text", _STR), ("start", _INT), ("end_offset", _INT)],
}

_DOCUMENTS = [
    ("doc_id", _INT), ("source", _STR), ("sha256", _STR), ("status", _STR), ("error_code", _STR),
    ("error_message", _STR), ("format", _STR), ("doc_type", _STR), ("identifier", _STR), ("issuer", _STR),
    ("parent_issuer", _STR), ("place", _STR), ("issued_date", _DATE), ("year", _INT), ("title", _STR),
    ("signer_name", _STR), ("signer_title", _STR), ("signer_authority", _STR), ("pages", _INT),
    ("n_chars", _INT), ("n_sections", _INT), ("n_citations", _INT), ("n_bodies", _INT), ("n_dates", _INT),
    ("n_targets", _INT), ("text", _STR)]


def _tasks_fields() -> list[tuple[str, pa.DataType]]:
    out = [("doc_id", _INT)]
    for f in TASKS_SCHEMA:
        name = RENAMED.get(f.name, f.name)
        out.append((name, _DATE if name == "due" else f.type))
    return out


SCHEMAS: dict[str, pa.Schema] = {"documents": pa.schema(_DOCUMENTS)}
for _field, _table in TABLE_OF.items():   # page and OCR doubt: schema 1.2
    _cols = [("doc_id", _INT), ("source", _STR), *_ITEM_SCHEMAS[_table], ("page", _INT)]
    if _table != "sections":
        _cols.append(("low_confidence", pa.bool_()))
    SCHEMAS[_table] = pa.schema(_cols)
SCHEMAS["tasks"] = pa.schema(_tasks_fields())
SCHEMAS = {name: pandas_meta(s) for name, s in SCHEMAS.items()}


def to_date(value: str | None) -> dt.date | None:
    """An ISO day (`2025-06-30`) as a date; anything else None."""
    try:
        return dt.date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


_POINT = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-Q([1-4])|-H([12]))?")


def _bounds(point: str) -> tuple[dt.date, dt.date] | None:
    m = _POINT.fullmatch(point)
    if not m:
        return None
    y, mo, d, q, h = m.groups()
    year = int(y)
    try:
        if d:
            day = dt.date(year, int(mo), int(d))
            return day, day
        first, last = (int(mo), int(mo)) if mo else (int(q) * 3 - 2, int(q) * 3) if q else \
            (int(h) * 6 - 5, int(h) * 6) if h else (1, 12)
        return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])
    except ValueError:
        return None


def date_range(value: str | None) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day a `dates` value covers: `2026-Q2` → 2026-04-01..2026-06-30,
    `2021/2025` → 2021-01-01..2025-12-31; a recurrence (`monthly`) → (None, None)."""
    if not value:
        return None, None
    parts = value.split("/")
    if len(parts) > 2:
        return None, None
    a, b = _bounds(parts[0]), _bounds(parts[-1])
    return (a[0] if a else None), (b[1] if b else None)


def document_row(rec: dict) -> dict:
    meta = rec.get("metadata") or {}
    signer = meta.get("signer") or {}
    err = rec.get("error") or {}
    date = meta.get("issued_date")
    return {
        "doc_id": doc_id(rec["source"]), "source": rec["source"], "sha256": rec.get("sha256"),
        "status": rec["status"], "error_code": err.get("code"), "error_message": err.get("message"),
        "format": rec.get("format"), "doc_type": meta.get("doc_type"), "identifier": meta.get("identifier"),
        "issuer": meta.get("issuer"), "parent_issuer": meta.get("parent_issuer"), "place": meta.get("place"),
        "issued_date": to_date(date), "year": int(date[:4]) if date else None, "title": meta.get("title"),
        "signer_name": signer.get("name"), "signer_title": signer.get("title"),
        "signer_authority": signer.get("authority"), "pages": rec.get("pages"),
        "n_chars": len(rec.get("text") or ""),
        **{f"n_{TABLE_OF[t]}": len(rec.get(t) or []) for t in FIELDS},
        "text": rec.get("text") or "",
    }


def item_rows(rec: dict, field: str) -> list[dict]:
    """The rows of one list field of a record, in its table's names and types."""
    table = TABLE_OF[field]
    names = SCHEMAS[table].names
    ident = doc_id(rec["source"])
    out = []
    for it in rec.get(field) or []:
        row = {k: it.get(k) for k in names}
        row.update(doc_id=ident, source=rec["source"], end_offset=it.get("end"))
        if table == "citations":
            row["date"] = to_date(it.get("date"))
        elif table == "dates":
            row["date_from"], row["date_to"] = date_range(it.get("value"))
        out.append(row)
    return out


def task_table_rows(rec: dict) -> list[dict]:
    ident = doc_id(rec["source"])
    return [{**{RENAMED.get(k, k): v for k, v in r.items()}, "doc_id": ident, "due": to_date(r.get("due"))}
            for r in task_rows(rec)]


def rows_of(rec: dict) -> dict[str, list[dict]]:
    """Every table's rows for one record."""
    out = {"documents": [document_row(rec)]}
    for f in FIELDS:
        out[TABLE_OF[f]] = item_rows(rec, f)
    out["tasks"] = task_table_rows(rec)
    return out
