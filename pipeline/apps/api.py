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
from pathlib import Path
from typing import Annotated, Any, Iterator, Literal

from pipeline.apps.api_db import (MAX_LIMIT, MAX_OFFSET, Database, Where, body_tasks, citations, document_detail,
                                  locate_db, paged)
from pipeline.apps.api_models import (BodyRow, BodySummary, Citation, DateRow, DocumentDetail, DocumentSummary,
                                      ErrorRow, Health, IsoDate, Message, Page, ReferenceRow, TargetRow, Task)
from pipeline.model import SCHEMA_VERSION, __version__
from pipeline.schema import Comparator, DateKind, DocType, Relation, Role, Status

# free text from a request: bounded and without control characters
_FREE_TEXT = {"min_length": 1, "max_length": 300, "pattern": r"^[^\x00-\x1f\x7f]+$"}


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

    app = FastAPI(title="vanban", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Read-only access to a vanban run: documents, their sections and extractions, "
                              "references and the citation graph, bodies and their tasks, targets, errors.")
    offline_docs(app)

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
        return paged(cur, "* EXCLUDE (target_year)", "reference_targets" + w.sql, w.params,
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


def offline_docs(app) -> None:
    """`/docs`: Swagger UI from the files the `swagger-ui-bundle` package ships, served by the app itself
    (FastAPI's default page loads it from a CDN and stays blank offline)."""
    from fastapi.openapi.docs import get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
    from fastapi.staticfiles import StaticFiles
    from swagger_ui_bundle import swagger_ui_path

    app.mount("/docs-assets", StaticFiles(directory=swagger_ui_path), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs():
        return get_swagger_ui_html(openapi_url=app.openapi_url, title="vanban API",
                                   swagger_js_url="/docs-assets/swagger-ui-bundle.js",
                                   swagger_css_url="/docs-assets/swagger-ui.css",
                                   swagger_favicon_url="/docs-assets/favicon-32x32.png",
                                   oauth2_redirect_url="/docs/oauth2-redirect")

    @app.get("/docs/oauth2-redirect", include_in_schema=False)
    def oauth2_redirect():
        return get_swagger_ui_oauth2_redirect_html()


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
