"""Stage 5, store: documents.jsonl, Parquet and DuckDB (`dataset`), and the run state (`state`)."""
