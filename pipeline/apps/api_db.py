"""The HTTP API's queries: the run's DuckDB file behind a locked in-memory instance, and every query as
a constant SQL string with `?` parameters.
"""
from pathlib import Path
from typing import Any, Literal

from pipeline.model import FIELDS, SCHEMA_VERSION
from pipeline.schema import Metadata

MAX_LIMIT = 500
MAX_OFFSET = 1_000_000_000


_TASK_WINDOW = 400


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
            # tables are copied into memory (fast point queries); full texts stay in the file
            self.columns[name] = cols
            keep_out = " EXCLUDE (text)" if name == "documents" else ""
            con.execute(f'CREATE TABLE "{name}" AS SELECT *{keep_out} FROM run."{name}"')
            if "source" in cols:
                con.execute(f'CREATE INDEX "{name}_source" ON "{name}" (source)')
        con.execute("CREATE VIEW document_texts AS SELECT source, text FROM run.documents")
        # the graph stage's tables, when present with the columns read here
        self.has_graph = ({"node_id", "source", "doc_type", "identifier", "year", "issuer", "title"}
                          <= self.columns.get("graph_nodes", set())
                          and {"target_node", "relation", "source", "start", "end"}
                          <= self.columns.get("graph_edges", set()))
        con.execute("CREATE TABLE reference_targets AS "
                    + (_REFERENCE_TARGETS_GRAPH if self.has_graph else _REFERENCE_TARGETS))
        con.execute("CREATE TABLE citation_edges AS " + (_EDGES_GRAPH if self.has_graph else _EDGES_FALLBACK))
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


# The year a reference points to: its date's, else the one inside a legal identifier (30/2020/NĐ-CP).
_REF_YEAR = ("coalesce(try_cast(substr(r.date, 1, 4) AS INTEGER), "
             "try_cast(nullif(regexp_extract(r.identifier, '^[0-9]+[A-Za-z]?/([0-9]{4})/', 1), '') AS INTEGER))")


# Each reference with the document of the run it points to: same identifier (any case) and a
# compatible year. Without the graph tables the citation edges are these, one per
# (citing document, cited work, relation).
_REFERENCE_TARGETS = f"""
    WITH r AS (SELECT *, {_REF_YEAR} AS ref_year FROM "references" r)
    SELECT r.*, min(d.source) AS target_source, min(d.year) AS target_year
    FROM r LEFT JOIN documents d
      ON d.identifier IS NOT NULL AND r.identifier IS NOT NULL AND lower(d.identifier) = lower(r.identifier)
     AND (d.year IS NULL OR r.ref_year IS NULL OR d.year = r.ref_year) AND d.source <> r.source
    GROUP BY ALL"""


_EDGES_FALLBACK = """
    SELECT source, target_source, relation, doc_type, identifier, coalesce(target_year, ref_year) AS year,
           issuer, title, count(*) AS mentions, min(start) AS first_start
    FROM reference_targets GROUP BY ALL"""


# With the graph stage's tables, edges and each reference's target come from them.
_EDGES_GRAPH = """
    SELECT e.source AS source, n.source AS target_source, e.relation AS relation, n.doc_type AS doc_type,
           n.identifier AS identifier, n.year AS year, n.issuer AS issuer, n.title AS title,
           count(*) AS mentions, min(e.start) AS first_start
    FROM graph_edges e JOIN graph_nodes n ON n.node_id = e.target_node
    GROUP BY ALL"""


_REFERENCE_TARGETS_GRAPH = f"""
    WITH r AS (SELECT *, {_REF_YEAR} AS ref_year FROM "references" r)
    SELECT r.*, min(n.source) AS target_source, min(n.year) AS target_year
    FROM r LEFT JOIN graph_edges e ON e.source = r.source AND e.start = r.start AND e."end" = r."end"
    LEFT JOIN graph_nodes n ON n.node_id = e.target_node
    GROUP BY ALL"""


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


def task_line(window: str, at: int, end: int) -> str:
    """The line of `window` around [at, end), shortened to a readable length."""
    left = window.rfind("\n", 0, at) + 1
    right = window.find("\n", end)
    line = window[left: right if right >= 0 else len(window)].strip()
    return line if len(line) <= _TASK_WINDOW else line[:_TASK_WINDOW].rstrip() + "…"


_TASK_TABLE_COLUMNS = {"source", "section", "heading", "text", "lead", "coordinate", "due", "start", "end"}


def body_tasks(cur, db: Database, body: str, role: str | None, source: str | None, limit: int, offset: int) -> dict:
    """A page of `Task`: from the `tasks` table when the run has one, else from body mentions and their lines."""
    if _TASK_TABLE_COLUMNS <= db.columns.get("tasks", set()):
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
    w = Where()
    w.add("lower(b.name) = lower(?)", body)
    if role is None:
        w.add("b.role <> 'recipient'")
    else:
        w.add("b.role = ?", role)
    w.when(source, "b.source = ?")
    select = ("b.name AS body, b.role AS role, b.source AS source, d.doc_type AS doc_type, "
              "d.identifier AS identifier, d.title AS doc_title, b.section AS section, "
              "s.heading AS section_heading, b.start AS start, b.\"end\" AS \"end\", NULL AS due, "
              f"greatest(b.start - {_TASK_WINDOW}, 0) AS win_start, "
              f"substr(dt.text, greatest(b.start - {_TASK_WINDOW}, 0) + 1, "
              f"b.\"end\" - greatest(b.start - {_TASK_WINDOW}, 0) + {_TASK_WINDOW}) AS win")
    from_where = ("bodies b JOIN documents d ON d.source = b.source "
                  "JOIN document_texts dt ON dt.source = b.source "
                  "LEFT JOIN sections s ON s.source = b.source AND s.path = b.section" + w.sql)
    page = paged(cur, select, from_where, w.params, 'b.source, b.start, b."end", b.role', limit, offset)
    for it in page["items"]:
        win, base = it.pop("win") or "", it.pop("win_start")
        it["task"] = task_line(win, it["start"] - base, it["end"] - base) or it["body"]
    return page
