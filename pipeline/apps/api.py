"""`vanban serve OUT`: a read-only HTTP API over a run's vanban.duckdb.

Why it is safe to expose on a workstation: it binds to 127.0.0.1 unless told
otherwise, attaches the run's file READ_ONLY, switches file access off and locks
the configuration before serving, and every query is a constant SQL string with
`?` parameters: nothing from a request is ever spliced into SQL. Each request
gets its own DuckDB cursor, so concurrent requests do not share state.

The run's tables are copied into memory at start (point queries on an attached
file cost ten times more), except the documents' full texts, which stay in the
file. Citations: when the graph stage has written `graph_nodes`/`graph_edges`,
cites and cited-by come from them; otherwise a reference is resolved to a
document of the run by identifier (any case) and year, as DATASET.md keys the
graph. Tasks of a body come from the run's `tasks` table when there is one,
else from the body's mentions and the line around each.
"""
import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Generic, Iterator, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from pipeline.model import SCHEMA_VERSION, __version__
from pipeline.schema import Body, Comparator, DateItem, DateKind, DocType, DocumentRecord, ErrorInfo, Metadata, Reference, Relation, Role, Status, Target

T = TypeVar("T")
MAX_LIMIT = 500
MAX_OFFSET = 1_000_000_000
# free text from a request: bounded and without control characters
_FREE_TEXT = {"min_length": 1, "max_length": 300, "pattern": r"^[^\x00-\x1f\x7f]+$"}
_TASK_WINDOW = 400


def _iso_only(value: Any) -> Any:
    """Dates in queries are written YYYY-MM-DD; pydantic alone would also take `0` or a timestamp."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("dates are written YYYY-MM-DD")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_only)]


# ------------------------------------------------------------------ response models

class Page(BaseModel, Generic[T]):
    """One page of a filtered list; `total` counts every match, not just this page."""

    total: int
    limit: int
    offset: int
    items: list[T]


class Message(BaseModel):
    detail: str


class DocumentSummary(BaseModel):
    source: str
    status: Status
    format: str | None
    doc_type: DocType | None
    identifier: str | None
    issuer: str | None
    issued_date: str | None
    year: int | None
    title: str | None
    error_code: str | None
    n_sections: int
    n_references: int
    n_bodies: int
    n_dates: int
    n_targets: int


class Citation(BaseModel):
    """An edge of the citation graph: `source` cites the document described by the other fields.

    `target_source` is the cited document when it is part of this run, else null.
    """

    source: str
    target_source: str | None
    relation: Relation | None
    doc_type: DocType | None
    identifier: str | None
    year: int | None
    issuer: str | None
    title: str | None
    mentions: int = Field(ge=1)


class DocumentDetail(DocumentRecord):
    """A document record rebuilt from the tables, with its place in the citation graph.

    `text` is null unless asked for (`?text=true`); `schema_version` is the
    version this server speaks.
    """

    model_config = ConfigDict(strict=False, extra="forbid", title="document detail")

    text: str | None = None  # type: ignore[assignment]
    cites: list[Citation]
    cited_by: list[Citation]


class ReferenceRow(Reference):
    source: str
    target_source: str | None = None


class BodyRow(Body):
    source: str


class DateRow(DateItem):
    source: str


class TargetRow(Target):
    source: str


class BodySummary(BaseModel):
    name: str
    mentions: int
    documents: int
    roles: list[Role]


class Task(BaseModel):
    """A body's part in a document: the task's text (or the line naming the body) under its section."""

    body: str
    role: Role
    source: str
    doc_type: DocType | None
    identifier: str | None
    doc_title: str | None
    section: str
    section_heading: str | None
    task: str
    start: int
    end: int
    due: str | None = None   # the earliest deadline's last day, when the run has a tasks table


class ErrorRow(BaseModel):
    source: str
    format: str | None
    error: ErrorInfo


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    schema_version: str
    documents: int
    graph_tables: bool


# ------------------------------------------------------------------ database

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
    for table in ("sections", "references", "bodies", "dates", "targets"):
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


# ------------------------------------------------------------------ the application

def create_app(out: str | Path | None):
    """The FastAPI application over OUT's vanban.duckdb (None: no database, for the OpenAPI text only)."""
    from contextlib import asynccontextmanager

    from fastapi import Depends, FastAPI, HTTPException, Query, Request

    db_path = locate_db(out) if out is not None else None

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.db = Database(db_path) if db_path is not None else None
        try:
            yield
        finally:
            if app.state.db is not None:
                app.state.db.close()

    app = FastAPI(title="vanban", version=__version__, lifespan=lifespan,
                  description="Read-only access to a vanban run: documents, their sections and extractions, "
                              "references and the citation graph, bodies and their tasks, targets, errors.")

    def cursor(request: Request) -> Iterator:
        db: Database | None = request.app.state.db
        if db is None:
            raise HTTPException(503, "no database loaded")
        cur = db.cursor()
        try:
            yield cur
        finally:
            cur.close()

    Cur = Annotated[Any, Depends(cursor)]
    Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="page size")]
    Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")]
    FreeText = Annotated[str | None, Query(**_FREE_TEXT)]
    Src = Annotated[str | None, Query(**_FREE_TEXT, description="a document's source")]
    not_found = {404: {"model": Message, "description": "no such document"}}

    def db_of(request: Request) -> Database:
        return request.app.state.db

    def require_document(cur, source: str) -> None:
        if cur.execute("SELECT 1 FROM documents WHERE source = ?", [source]).fetchone() is None:
            raise HTTPException(404, f"no document with source {source!r}")

    @app.get("/health", response_model=Health, tags=["meta"])
    def health(request: Request, cur: Cur):
        n = cur.execute("SELECT count(*) FROM documents").fetchone()[0]
        return {"status": "ok", "version": __version__, "schema_version": SCHEMA_VERSION, "documents": n,
                "graph_tables": db_of(request).has_graph}

    @app.get("/documents", response_model=Page[DocumentSummary], tags=["documents"])
    def list_documents(cur: Cur, limit: Limit = 50, offset: Offset = 0,
                       doc_type: DocType | None = None,
                       issuer: Annotated[str | None, Query(**_FREE_TEXT,
                                                           description="part of the issuer's name, any case")] = None,
                       identifier: Annotated[str | None, Query(**_FREE_TEXT,
                                                               description="số và ký hiệu, any case")] = None,
                       date_from: Annotated[IsoDate | None, Query(description="issued on or after")] = None,
                       date_to: Annotated[IsoDate | None, Query(description="issued on or before")] = None,
                       year: Annotated[int | None, Query(ge=1900, le=2200)] = None,
                       status: Status | None = None,
                       q: Annotated[str | None, Query(**_FREE_TEXT, description="part of the title")] = None,
                       sort: Literal["source", "issued_date", "-issued_date"] = "source"):
        """Documents by type, issuer, issue-date range (inclusive; an inverted range matches nothing),
        identifier, year, status or title words."""
        w = Where()
        w.when(doc_type, "doc_type = ?")
        w.when(issuer, "contains(lower(issuer), lower(?))")
        w.when(identifier, "lower(identifier) = lower(?)",
               "".join(identifier.split()) if identifier else None)
        w.when(date_from, "issued_date >= ?", date_from.isoformat() if date_from else None)
        w.when(date_to, "issued_date <= ?", date_to.isoformat() if date_to else None)
        w.when(year, "year = ?")
        w.when(status, "status = ?")
        w.when(q, "contains(lower(title), lower(?))")
        order = {"source": "source", "issued_date": "issued_date NULLS LAST, source",
                 "-issued_date": "issued_date DESC NULLS LAST, source"}[sort]
        select = ", ".join(DocumentSummary.model_fields)
        return paged(cur, select, "documents" + w.sql, w.params, order, limit, offset)

    @app.get("/documents/{source:path}", response_model=DocumentDetail, responses=not_found, tags=["documents"])
    def get_document(request: Request, cur: Cur, source: str,
                     text: Annotated[bool, Query(description="include the normalized text")] = False):
        """One document with its metadata, sections, extractions, and what it cites and is cited by."""
        rec = document_detail(cur, source, text)
        if rec is None:
            raise HTTPException(404, f"no document with source {source!r}")
        return rec

    @app.get("/cites/{source:path}", response_model=Page[Citation], responses=not_found, tags=["graph"])
    def cites(request: Request, cur: Cur, source: str, limit: Limit = 50, offset: Offset = 0):
        """The documents SOURCE cites, resolved to documents of the run when they are in it."""
        page = citations(cur, source, "cites", limit, offset)
        if not page["total"]:
            require_document(cur, source)
        return page

    @app.get("/cited-by/{source:path}", response_model=Page[Citation], responses=not_found, tags=["graph"])
    def cited_by(request: Request, cur: Cur, source: str, limit: Limit = 50, offset: Offset = 0):
        """The documents of the run that cite SOURCE."""
        page = citations(cur, source, "cited_by", limit, offset)
        if not page["total"]:
            require_document(cur, source)
        return page

    @app.get("/references", response_model=Page[ReferenceRow], tags=["extractions"])
    def list_references(cur: Cur, limit: Limit = 50, offset: Offset = 0, source: Src = None,
                        doc_type: DocType | None = None, identifier: FreeText = None,
                        relation: Relation | None = None, issuer: FreeText = None,
                        resolved: Annotated[bool | None, Query(
                            description="only references to a document of the run (true) or outside it (false)")]
                        = None):
        """References across the run, each with the document of the run it points to, if any."""
        w = Where()
        w.when(source, "source = ?")
        w.when(doc_type, "doc_type = ?")
        w.when(identifier, "lower(identifier) = lower(?)", "".join(identifier.split()) if identifier else None)
        w.when(relation, "relation = ?")
        w.when(issuer, "contains(lower(issuer), lower(?))")
        if resolved is not None:
            w.add("target_source IS NOT NULL" if resolved else "target_source IS NULL")
        return paged(cur, "* EXCLUDE (ref_year, target_year)", "reference_targets" + w.sql, w.params,
                     'source, start, "end", identifier', limit, offset)

    @app.get("/bodies", response_model=Page[BodySummary], tags=["bodies"])
    def list_bodies(cur: Cur, limit: Limit = 50, offset: Offset = 0,
                    name: Annotated[str | None, Query(**_FREE_TEXT, description="part of the name, any case")]
                    = None,
                    role: Role | None = None, source: Src = None):
        """Bodies named across the run, most widely involved first."""
        w = Where()
        w.when(name, "contains(lower(name), lower(?))")
        w.when(role, "role = ?")
        w.when(source, "source = ?")
        select = "name, count(*) AS mentions, count(DISTINCT source) AS documents, list_sort(list(DISTINCT role)) AS roles"
        return paged(cur, select, "bodies" + w.sql + " GROUP BY name", w.params,
                     "documents DESC, mentions DESC, name", limit, offset)

    @app.get("/bodies/mentions", response_model=Page[BodyRow], tags=["bodies"])
    def body_mentions(cur: Cur, limit: Limit = 50, offset: Offset = 0, name: FreeText = None,
                      role: Role | None = None, source: Src = None):
        """Every body mention as extracted, with its span."""
        w = Where()
        w.when(name, "lower(name) = lower(?)")
        w.when(role, "role = ?")
        w.when(source, "source = ?")
        return paged(cur, "*", "bodies" + w.sql, w.params, 'source, start, "end", name', limit, offset)

    @app.get("/tasks", response_model=Page[Task], tags=["bodies"])
    def tasks(request: Request, cur: Cur,
              body: Annotated[str, Query(**_FREE_TEXT, description="the body's name, any case")],
              limit: Limit = 50, offset: Offset = 0,
              role: Annotated[Role | None, Query(description="default: every role but recipient")] = None,
              source: Src = None):
        """What a body is asked to do: the tasks naming it as lead or coordinator when the run has a
        `tasks` table, else each line naming it with a role, under its section."""
        return body_tasks(cur, db_of(request), body, role, source, limit, offset)

    @app.get("/dates", response_model=Page[DateRow], tags=["extractions"])
    def list_dates(cur: Cur, limit: Limit = 50, offset: Offset = 0, source: Src = None,
                   kind: DateKind | None = None,
                   value: Annotated[str | None, Query(min_length=1, max_length=40, pattern=r"^[0-9A-Za-z/-]+$",
                                                      description="value prefix: 2025, 2025-06, 2021/2025")]
                   = None):
        """Time expressions (deadlines, events, periods, recurrences)."""
        w = Where()
        w.when(source, "source = ?")
        w.when(kind, "kind = ?")
        w.when(value, "starts_with(value, ?)")
        return paged(cur, "*", "dates" + w.sql, w.params, 'source, start, "end"', limit, offset)

    @app.get("/targets", response_model=Page[TargetRow], tags=["extractions"])
    def list_targets(cur: Cur, limit: Limit = 50, offset: Offset = 0, source: Src = None,
                     unit: FreeText = None, comparator: Comparator | None = None,
                     year: Annotated[int | None, Query(ge=1900, le=2200)] = None,
                     subject: Annotated[str | None, Query(**_FREE_TEXT, description="part of the subject")]
                     = None):
        """Quantitative objectives."""
        w = Where()
        w.when(source, "source = ?")
        w.when(unit, "unit = ?")
        w.when(comparator, "comparator = ?")
        w.when(year, "year = ?")
        w.when(subject, "contains(lower(subject), lower(?))")
        return paged(cur, "*", "targets" + w.sql, w.params, 'source, start, "end"', limit, offset)

    @app.get("/errors", response_model=Page[ErrorRow], tags=["documents"])
    def list_errors(cur: Cur, limit: Limit = 50, offset: Offset = 0, code: FreeText = None):
        """Files the run could not read, with a stable error code."""
        w = Where()
        w.add("status = 'error'")
        w.when(code, "error_code = ?")
        page = paged(cur, "source, format, error_code, error_message", "documents" + w.sql, w.params,
                     "source", limit, offset)
        page["items"] = [{"source": r["source"], "format": r["format"],
                          "error": {"code": r["error_code"] or "unknown", "message": r["error_message"] or ""}}
                         for r in page["items"]]
        return page

    return app


def openapi_document() -> dict:
    """The OpenAPI description, as served at /openapi.json and shipped in schema/openapi.json."""
    return create_app(None).openapi()


def register(main) -> None:
    import click

    @main.command()
    @click.argument("out", type=click.Path(exists=True))
    @click.option("--host", default="127.0.0.1", show_default=True, help="interface to bind (loopback by default)")
    @click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
    @click.option("--log-level", default="warning", show_default=True,
                  type=click.Choice(["critical", "error", "warning", "info", "debug"]))
    def serve(out, host, port, log_level):
        """Serve OUT's vanban.duckdb read-only over HTTP (OpenAPI at /openapi.json, docs at /docs)."""
        import uvicorn

        db = locate_db(out)
        if not db.is_file():
            raise click.ClickException(f"{db} not found: run `vanban run ... --out {out}` first")
        if host not in ("127.0.0.1", "localhost", "::1"):
            click.echo(f"warning: serving on {host}, reachable from other machines", err=True)
        click.echo(f"vanban serve: {db} on http://{host}:{port} (docs at /docs)", err=True)
        uvicorn.run(create_app(out), host=host, port=port, log_level=log_level)
