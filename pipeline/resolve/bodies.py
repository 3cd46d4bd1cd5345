"""Distinct bodies across the corpus: one row per canonical name, with the variants seen.

The `bodies` table has one row per (document, section, body, role); systems that
join on organizations need the other view too: each body once, how it was
written, how often and where. Built from the bodies rows after a run
(`write_distinct(folder)` reads `bodies.parquet`, writes `bodies_distinct.parquet`).
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Iterable

import pyarrow as pa
import pyarrow.parquet as pq

TABLE = "bodies_distinct"
SCHEMA = pa.schema([
    ("body_key", pa.string()),          # join key: the canonical name, case- and spacing-folded
    ("name", pa.string()),              # the canonical name most often given
    ("variants", pa.list_(pa.string())),  # every way the documents wrote it, most frequent first
    ("roles", pa.list_(pa.string())),
    ("count", pa.int64()),              # mentions (bodies rows)
    ("n_documents", pa.int64()),
    ("documents", pa.list_(pa.string())),
])


def body_key(name: str | None) -> str:
    """The join key of a canonical name: NFC, case-folded, one space, no edge punctuation."""
    s = unicodedata.normalize("NFC", name or "").casefold()
    s = re.sub(r"\s*[-–—]\s*", " - ", s)
    return re.sub(r"\s+", " ", s).strip(" ,;:.")


def distinct_bodies(rows: Iterable[dict]) -> list[dict]:
    """Rows of the bodies table (source, name, name_as_written, role) → one row per body."""
    groups: dict[str, dict] = {}
    for r in rows:
        key = body_key(r.get("name"))
        if not key:
            continue
        g = groups.setdefault(key, {"names": {}, "variants": {}, "roles": {}, "docs": {}, "count": 0})
        g["count"] += 1
        for field, value in (("names", r.get("name")), ("variants", r.get("name_as_written") or r.get("name")),
                             ("roles", r.get("role")), ("docs", r.get("source"))):
            if value:
                g[field][value] = g[field].get(value, 0) + 1
    out = []
    for key, g in sorted(groups.items()):
        by_count = lambda d: [k for k, _ in sorted(d.items(), key=lambda kv: (-kv[1], kv[0]))]  # noqa: E731
        out.append({"body_key": key, "name": by_count(g["names"])[0], "variants": by_count(g["variants"]),
                    "roles": by_count(g["roles"]), "count": g["count"], "n_documents": len(g["docs"]),
                    "documents": sorted(g["docs"])})
    return out


def write_distinct(folder: Path) -> Path | None:
    """`folder/bodies.parquet` → `folder/bodies_distinct.parquet`; None when there is no bodies table."""
    folder = Path(folder)
    src = folder / "bodies.parquet"
    if not src.exists():
        return None
    rows = pq.read_table(src, columns=["source", "name", "name_as_written", "role"]).to_pylist()
    dst = folder / f"{TABLE}.parquet"
    pq.write_table(pa.Table.from_pylist(distinct_bodies(rows), schema=SCHEMA), dst, compression="zstd")
    return dst
