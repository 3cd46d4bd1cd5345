"""The HTTP API's response models: the record's own models (`pipeline.schema`) plus pages, summaries
and rows, so the OpenAPI description (`schema/openapi.json`) says exactly what each route returns.
"""
import datetime as dt
import re
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from pipeline.schema import (Body, DateItem, DocType, DocumentRecord, ErrorInfo, Reference, Relation, Role, Status,
                             Target)


T = TypeVar("T")


def _iso_only(value: Any) -> Any:
    """Dates in queries are written YYYY-MM-DD; pydantic alone would also take `0` or a timestamp."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("dates are written YYYY-MM-DD")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_only)]


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
