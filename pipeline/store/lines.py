"""A record as its documents.jsonl line: what workers need of the store, without pyarrow or networkx.

Kept apart from `store.dataset` so the fork server every worker comes from does not import the
table and graph writers (a few tenths of a second before the first file can start).
"""
from __future__ import annotations

import json


def encode_record(rec: dict) -> str:
    """The record as its documents.jsonl line (no newline); lone surrogates become `?`, never a crash."""
    line = json.dumps(rec, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = line.encode("utf-8", "replace").decode("utf-8")
    return line
