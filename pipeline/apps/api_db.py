"""The HTTP API's queries: the run's DuckDB file behind a locked in-memory instance, and every query as
a constant SQL string with `?` parameters.
"""
from pathlib import Path
from typing import Any, Literal

from pipeline.model import FIELDS, SCHEMA_VERSION
from pipeline.schema import Metadata

MAX_LIMIT = 500
MAX_OFFSET = 1_000_000_000



class Database:
    """The run's tables behind one in-memory DuckDB instance; requests take cursors from it.

    The run's file is attached READ_ONLY and exposed through views, the citation
    edges are computed once into memory, then file access is switched off and
    the configuration locked, so no request can read, attach or write anything.
    """

    def __init__(self, path: Path):
        import duckdb

        if not path.is_file():
            raise FileNotFoundError(f"no DuckDB file at {path}")
        self.path = path
        # one thread per query: requests already run side by side, and point queries gain nothing from more
        self.con = duckdb.connect(":memory:", config={"threads": 1})
        con = self.con
        con.execute("ATTACH ? AS run (READ_ONLY)", [str(path)])
        found = con.execute("SELECT table_name, table_type FROM information_schema.tables "
                            "WHERE table_catalog = 'run'").fetchall()
        self.tables = {name for name, _ in found}
        self.columns: dict[str, set[str]] = {}
        if "documents" not in self.tables:
            raise ValueError(f"{path} has no documents table: not a vanban run")
        for name, kind in found:   # names come from the run's own catalogue
            if kind != "BASE TABLE":
                continue
            cols = {r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                              "WHERE table_catalog = 'run' AND table_name = ?", [name]).fetchall()}
            self.columns[name] = cols
            # tables are copied into memory (fast point queries) under the record's names (`references`,
            # `end`, ISO date strings: the API speaks the JSONL contract); full texts stay in the file
            con.execute(f'CREATE TABLE "{_API_NAME.get(name, name)}" AS SELECT {_api_select(cols, name)} '
                        f'FROM run."{name}"')
            if "source" in cols:
                con.execute(f'CREATE INDEX "{name}_source" ON "{_API_NAME.get(name, name)}" (source)')
        if not {"graph_nodes", "graph_edges", "citations", "tasks"} <= set(self.columns) or "cites" not in {
                n for n, kind in found if kind == "VIEW"}:
            raise ValueError(f"{path} lacks the citation graph or the tasks table (a run made by an older "
                             f"vanban): run the same `vanban run` again")
        con.execute("CREATE VIEW document_texts AS SELECT source, text FROM run.documents")
        self.has_graph = True
        # resolve's output, read through the run's own views (pipeline/store/dictionary.py): nothing resolved here
        cols = {r[0] for r in con.execute("SELECT column_name FROM information_schema.columns WHERE "
                                          "table_catalog = 'run' AND table_name = 'citation_targets'").fetchall()}
        con.execute("CREATE TABLE reference_targets AS SELECT "
                    + _api_select(cols - {"target_doc_id", "target_node"}, "citation_targets")
                    + " FROM run.citation_targets")
        con.execute("CREATE TABLE citation_edges AS SELECT citing_source AS source, cited_source AS target_source, "
                    "relation, cited_doc_type AS doc_type, cited_identifier AS identifier, cited_year AS year, "
                    "cited_issuer AS issuer, cited_title AS title, mentions, first_start FROM run.cites")
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")

    def cursor(self):
        return self.con.cursor()

    def close(self) -> None:
        self.con.close()


def locate_db(out: str | Path) -> Path:
    """OUT may be the run folder or the .duckdb file itself."""
    out = Path(out)
    return out if out.suffix == ".duckdb" else out / "vanban.duckdb"


class Where:
    """WHERE clauses from constant SQL fragments, values bound as parameters."""

    def __init__(self):
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, sql: str, *values: Any) -> None:
        self.clauses.append(sql)
        self.params.extend(values)

    def when(self, value: Any, sql: str, *values: Any) -> None:
        """Add `sql` only when the filter was given."""
        if value is not None:
            self.add(sql, *(values or (value,)))

    @property
    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


def rows(cur, sql: str, params: list | tuple = ()) -> list[dict]:
    res = cur.execute(sql, list(params))
    names = [d[0] for d in res.description]
    return [dict(zip(names, r)) for r in res.fetchall()]


def paged(cur, select: str, from_where: str, params: list, order: str, limit: int, offset: int) -> dict:
    """`total` and one page of `SELECT select FROM from_where ORDER BY order`."""
    items = rows(cur, f"SELECT {select}, count(*) OVER () AS __total FROM {from_where} ORDER BY {order} "
                      "LIMIT ? OFFSET ?", [*params, limit, offset])
    if items:
        total = items[0]["__total"]
        for it in items:
            del it["__total"]
    else:   # past the end: count on its own
        total = cur.execute(f"SELECT count(*) FROM (SELECT {select} FROM {from_where})", params).fetchone()[0]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


# Each record field as the API names it, from the table that holds it (pipeline/store/tables.py).
_API_NAME = {"citations": "references"}
_TYPED = {"issued_date", "date", "due"}          # DATE in the tables, ISO text in the API
_EXTRA = {"doc_id", "date_from", "date_to", "n_citations"}   # table columns the API does not serve


def _api_select(cols: set[str], table: str) -> str:
    """The columns of a run's table under the record's names and types."""
    parts = []
    for c in sorted(cols):
        if c == "text" and table == "documents":
            continue
        if c in _EXTRA:
            if c == "n_citations":
                parts.append("n_citations AS n_references")
            continue
        if c == "end_offset":
            parts.append('end_offset AS "end"')
        elif c in _TYPED:
            parts.append(f'CAST("{c}" AS VARCHAR) AS "{c}"')   # DATE → `2026-06-30`
        else:
            parts.append(f'"{c}"')
    return ", ".join(parts)


_CITATION_FIELDS = "source, target_source, relation, doc_type, identifier, year, issuer, title, mentions"


def citations(cur, source: str, direction: Literal["cites", "cited_by"],
              limit: int = MAX_LIMIT, offset: int = 0) -> dict:
    """The documents `source` cites, or those citing it, as a page of `Citation`."""
    side = "source" if direction == "cites" else "target_source"
    return paged(cur, _CITATION_FIELDS, f"citation_edges WHERE {side} = ?", [source],
                 "first_start, source, identifier NULLS LAST, title", limit, offset)


def document_detail(cur, source: str, with_text: bool) -> dict | None:
    """The record of one document rebuilt from the tables, or None."""
    found = rows(cur, "SELECT * FROM documents WHERE source = ?", [source])
    if not found:
        return None
    d = found[0]
    signer = {"name": d["signer_name"], "title": d["signer_title"], "authority": d["signer_authority"]}
    rec = {
        "schema_version": SCHEMA_VERSION, "source": d["source"], "sha256": d["sha256"], "status": d["status"],
        "error": {"code": d["error_code"], "message": d["error_message"] or ""} if d["error_code"] else None,
        "format": d["format"],
        "text": cur.execute("SELECT text FROM document_texts WHERE source = ?", [source]).fetchone()[0]
        if with_text else None,
        "metadata": {k: d[k] for k in Metadata.model_fields if k in d} | {"signer": signer},
        "pages": d.get("pages"),
    }
    for table in FIELDS:
        items = rows(cur, f'SELECT * EXCLUDE (source) FROM "{table}" WHERE source = ? ORDER BY start, "end"',
                     [source])
        rec[table] = items
    for key, side in (("cites", "source"), ("cited_by", "target_source")):
        rec[key] = rows(cur, f"SELECT {_CITATION_FIELDS} FROM citation_edges WHERE {side} = ? "
                             "ORDER BY first_start, source, identifier NULLS LAST, title", [source])
    return rec


def body_tasks(cur, db: Database, body: str, role: str | None, source: str | None, limit: int, offset: int) -> dict:
    """A page of `Task` from the run's `tasks` table (pipeline/extract/tasks.py): the tasks naming the body
    as lead or coordinator."""
    if role not in (None, "lead", "coordinate"):
        return {"total": 0, "limit": limit, "offset": offset, "items": []}
    parts, params = [], []
    for r in ("lead", "coordinate") if role is None else (role,):
        # `r` is one of two constants; the body's name is a parameter
        parts.append(f"SELECT t.*, '{r}' AS role, ? AS body FROM tasks t "
                     f"WHERE EXISTS (SELECT 1 FROM (SELECT unnest(t.{r}) AS name) WHERE lower(name) = lower(?))"
                     + (" AND t.source = ?" if source else ""))
        params += [body, body] + ([source] if source else [])
    select = ("t.body AS body, t.role AS role, t.source AS source, d.doc_type AS doc_type, "
              "d.identifier AS identifier, d.title AS doc_title, t.section AS section, "
              't.heading AS section_heading, t.text AS task, t.start AS start, t."end" AS "end", t.due AS due')
    from_where = f"({' UNION ALL '.join(parts)}) t JOIN documents d ON d.source = t.source"
    return paged(cur, select, from_where, params, 't.source, t.start, t."end", t.role', limit, offset)
