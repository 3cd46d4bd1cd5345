"""`vanban export OUT`: a run as Akoma Ntoso 3.0 XML, CSV for spreadsheets, or rows in any SQL database.

- Akoma Ntoso (OASIS LegalDocML) is what legislatures and legal publishers
  exchange: see `apps/akn.py`.
- SQL goes through SQLAlchemy, so PostgreSQL, SQL Server or SQLite all work.
  A re-export deletes a document's rows before inserting them again, in one
  transaction per batch, so running it twice never duplicates anything.
- CSV is UTF-8 with a byte-order mark (Excel then reads Vietnamese correctly);
  the documents' full text is left out unless asked for, since a spreadsheet
  cell holds at most 32,767 characters. A text cell that would start a formula
  (`=`, `+`, `-`, `@`, tab, carriage return) is prefixed with `'`, as OWASP
  recommends against CSV injection; numeric columns are written as they are.
- Every export failure (unreachable server, malformed URL, unknown dialect or
  driver, missing folder) is an `ExportError`: one line with the cause and the
  URL without its password.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from pipeline.apps.akn import export_akn

# how a table's rows belong to a document; tables without a key are replaced whole
TABLE_KEYS = {"graph_nodes": "node_id"}
_DEFAULT_KEY = "source"


def run_tables(out: Path) -> list[str]:
    """The run's tables (not views) in vanban.duckdb, documents first."""
    import duckdb

    con = duckdb.connect(str(out / "vanban.duckdb"), read_only=True)
    try:
        names = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' ORDER BY table_name"
        ).fetchall()]
    finally:
        con.close()
    return sorted(names, key=lambda n: (n != "documents", n))


def read_table(out: Path, table: str, nested_as_json: bool = True):
    """One table of the run as an Arrow table; lists and structs (tasks' leads, …) become JSON text
    (for CSV) unless `nested_as_json` is False (SQL export: ARRAY/JSONB columns)."""
    import json

    import duckdb
    import pyarrow as pa

    con = duckdb.connect(str(out / "vanban.duckdb"), read_only=True)
    try:
        data = con.sql(f'SELECT * FROM "{table}"').to_arrow_table()  # the name comes from the catalogue
    finally:
        con.close()
    if not nested_as_json:
        return data
    for i, field in enumerate(data.schema):
        if pa.types.is_nested(field.type):
            values = [None if v is None else json.dumps(v, ensure_ascii=False) for v in data.column(i).to_pylist()]
            data = data.set_column(i, pa.field(field.name, pa.string()), pa.array(values, pa.string()))
    return data


class ExportError(RuntimeError):
    """An export that cannot be done; the message is one line, with the cause and no password."""


# what a spreadsheet reads as the start of a formula (OWASP, CSV injection)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize_formulas(frame):
    """Prefix `'` to every text cell that a spreadsheet would run as a formula (`=HYPERLINK(…`, `-2+3`,
    `@SUM(…`); numeric columns are left alone, so a negative number stays a number."""
    import pandas as pd

    for col in frame.columns:
        if pd.api.types.is_object_dtype(frame[col]) or pd.api.types.is_string_dtype(frame[col]):
            frame[col] = frame[col].map(
                lambda v: "'" + v if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v)
    return frame


def export_csv(out: Path, dest: Path, with_text: bool = False) -> dict[str, int]:
    """One CSV per table (UTF-8 with BOM, for spreadsheets, formulas neutralized); returns rows per table."""
    dest.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in run_tables(out):
        frame = read_table(out, table).to_pandas()
        if table == "documents" and not with_text and "text" in frame.columns:
            frame = frame.drop(columns=["text"])
        frame = neutralize_formulas(frame)
        # CRLF rows (RFC 4180): a cell holding a carriage return is then quoted, never split
        frame.to_csv(dest / f"{table}.csv", index=False, encoding="utf-8-sig", lineterminator="\r\n")
        counts[table] = len(frame)
    return counts


def sql_table(metadata, name: str, arrow_schema, key: str | None):
    """A SQLAlchemy table for an Arrow schema: keys indexable everywhere, text unbounded, dates DATE,
    lists of text ARRAY in PostgreSQL (JSON elsewhere), other nested values JSONB (JSON elsewhere)."""
    import pyarrow as pa
    import sqlalchemy as sa
    from sqlalchemy.dialects import postgresql

    cols = []
    for field in arrow_schema:
        t = field.type
        if field.name == key:
            typ = sa.Unicode(1024)
        elif pa.types.is_integer(t):
            typ = sa.BigInteger()
        elif pa.types.is_floating(t):
            typ = sa.Float()
        elif pa.types.is_boolean(t):
            typ = sa.Boolean()
        elif pa.types.is_date(t):
            typ = sa.Date()
        elif pa.types.is_list(t) and pa.types.is_string(t.value_type):
            typ = sa.JSON().with_variant(postgresql.ARRAY(sa.UnicodeText()), "postgresql")   # text[]
        elif pa.types.is_nested(t):
            typ = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
        else:
            typ = sa.UnicodeText()
        cols.append(sa.Column(field.name, typ, nullable=True, index=field.name == key,
                              primary_key=(name == "documents" and field.name == key)))
    return sa.Table(name, metadata, *cols)


def _chunks(items: list, n: int) -> Iterator[list]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


def export_sql(out: Path, url: str, tables: Iterable[str] | None = None, batch: int = 500) -> dict[str, int]:
    """Load the run's tables into the database at `url`; a document's old rows are replaced, never kept twice.

    Raises `ExportError` (one line, no password) for anything that keeps the export from being done.
    """
    import sqlalchemy as sa

    try:
        parsed = sa.engine.make_url(url)
    except (sa.exc.ArgumentError, ValueError, TypeError):
        raise ExportError("not a database URL: expected dialect+driver://user:password@host:port/database "
                          "or sqlite:///path/to/file.db") from None
    shown = parsed.render_as_string(hide_password=True)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:") \
            and not parsed.database.startswith("file:"):
        folder = Path(parsed.database).expanduser().resolve().parent
        if not folder.is_dir():
            raise ExportError(f"cannot export to {shown}: the folder {folder} does not exist")
    try:
        return _export_sql(out, url, tables, batch)
    except ExportError:
        raise
    except Exception as exc:   # driver, dialect and database errors: their cause, on one line
        raise ExportError(f"cannot export to {shown}: {_cause(exc, parsed.password)}") from None


def _cause(exc: BaseException, password: str | None) -> str:
    """What went wrong, on one line, with the password (if any) masked."""
    import sqlalchemy as sa

    if isinstance(exc, sa.exc.NoSuchModuleError):
        text = f"unknown database dialect or driver ({exc})"
    elif isinstance(exc, ImportError):
        text = f"the database driver is not installed ({exc})"
    else:
        orig = getattr(exc, "orig", None)   # the driver's own message, without SQLAlchemy's statement dump
        text = f"{type(orig or exc).__name__}: {orig or exc}"
    text = " ".join(text.split())
    if password:
        text = text.replace(str(password), "***")
    return text


def _export_sql(out: Path, url: str, tables: Iterable[str] | None, batch: int) -> dict[str, int]:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    metadata = sa.MetaData()
    counts: dict[str, int] = {}
    try:
        for table in tables or run_tables(out):
            data = read_table(out, table, nested_as_json=False)
            key = TABLE_KEYS.get(table, _DEFAULT_KEY if _DEFAULT_KEY in data.column_names else None)
            t = sql_table(metadata, table, data.schema, key)
            t.create(engine, checkfirst=True)
            present = {c["name"] for c in sa.inspect(engine).get_columns(table)}
            missing = [c for c in data.column_names if c not in present]
            if missing:
                raise ExportError(f"table {table!r} in {engine.url.render_as_string(hide_password=True)} "
                                  f"lacks columns {missing}: drop it or export to a fresh database")
            rows = data.to_pylist()
            with engine.begin() as conn:   # one transaction: delete then insert, all or nothing
                if key is None:
                    conn.execute(t.delete())
                else:
                    keys = sorted({r[key] for r in rows if r[key] is not None})
                    for part in _chunks(keys, 900):   # SQL Server takes at most 2,100 parameters
                        conn.execute(t.delete().where(t.c[key].in_(part)))
                for part in _chunks(rows, batch):
                    conn.execute(t.insert(), part)
            counts[table] = len(rows)
    finally:
        engine.dispose()
    return counts


def register(main) -> None:
    import click

    @main.command("export")
    @click.argument("out", type=click.Path(exists=True, file_okay=False))
    @click.option("--format", "formats", multiple=True, type=click.Choice(["akn", "csv"]),
                  help="akn: one Akoma Ntoso XML per document; csv: one CSV per table (repeatable)")
    @click.option("--to", "url", help="SQLAlchemy URL to load the tables into, e.g. postgresql+psycopg://…, "
                                      "mssql+pyodbc://…, sqlite:///vanban.db")
    @click.option("--dest", type=click.Path(file_okay=False), help="folder for the files (default OUT/akn, OUT/csv; DEST/akn and DEST/csv when both are asked for)")
    @click.option("--with-text", is_flag=True, help="csv: keep the documents' full text column")
    @click.option("--no-validate", is_flag=True, help="akn: skip the schema check")
    def export(out, formats, url, dest, with_text, no_validate):
        """Export the run in OUT as Akoma Ntoso, CSV, or into a SQL database."""
        out = Path(out)
        if not formats and not url:
            raise click.UsageError("give --format akn, --format csv and/or --to URL")
        if not (out / "documents.jsonl").exists():
            raise click.ClickException(f"{out} holds no documents.jsonl: run `vanban run ... --out {out}` first")
        failed = False
        if "akn" in formats:
            target = Path(dest) / "akn" if dest and len(formats) > 1 else Path(dest or out / "akn")
            stats = export_akn(out, target, validate=not no_validate)
            bad = stats["invalid"]
            click.echo(f"akn: {stats['written']} files -> {target}/ ({stats['skipped']} unreadable documents "
                       f"skipped)" + ("" if no_validate else
                                      f"; valid Akoma Ntoso 3.0: {stats['written'] - len(bad)}/{stats['written']}"))
            for source, errors in list(bad.items())[:10]:
                click.echo(f"  invalid {source}: {errors[0][:300]}", err=True)
            failed |= bool(bad)
        if "csv" in formats:
            target = Path(dest) / "csv" if dest and len(formats) > 1 else Path(dest or out / "csv")
            counts = export_csv(out, target, with_text)
            click.echo(f"csv: {target}/ " + "  ".join(f"{t} {n}" for t, n in counts.items()))
        if url:
            import sqlalchemy as sa

            try:
                counts = export_sql(out, url)
            except ExportError as exc:
                raise click.ClickException(str(exc)) from None
            shown = sa.engine.make_url(url).render_as_string(hide_password=True)
            click.echo(f"sql: {shown} " + "  ".join(f"{t} {n}" for t, n in counts.items()))
        if failed:
            raise SystemExit(1)
