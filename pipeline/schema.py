"""The document record of DATASET.md, defined once as pydantic models.

Everything that describes a record derives from these classes: the JSON Schema
shipped in `schema/document.schema.json` (`scripts/gen_schema.py`), the tests
that validate every record a run writes, and the HTTP API's response models.

Strictness, decided once:
- the record's own fields are closed (`extra="forbid"`): a new top-level field
  is a schema change, bumps `SCHEMA_VERSION` and gets a line in
  `schema/CHANGELOG.md`. Documented optional extras (`pages`, `ocr`) are declared.
- `metadata`, `signer`, `error` and the extracted items are open
  (`extra="allow"`): extractors may add attributes (`name_as_written`, `title`,
  `year`, …) without breaking readers; the DATASET.md fields keep their types.
- types are strict (no `"3"` for 3), unknown values are `null`, never `""`.
- what JSON Schema cannot say (offsets inside the text, a `section` that names a
  section of the record) is checked by `DocumentRecord` itself.
"""
from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from pipeline import rules
from pipeline.model import FIELDS, SCHEMA_VERSION

SCHEMA_ID = "urn:vanban:schema:document"

# a value that is either a non-empty string or null ("unknown values are null, never \"\"")
Text = Annotated[str, StringConstraints(min_length=1)]
ISODate = Annotated[str, StringConstraints(pattern=r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")]
_POINT = r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?|-Q[1-4]|-H[12])?"
_RECURRENCE = "daily|weekly|monthly|quarterly|yearly|regular|periodic"
DateValue = Annotated[str, StringConstraints(pattern=rf"^({_POINT}(/{_POINT})?|{_RECURRENCE})$")]
Offset = Annotated[int, Field(ge=0)]

Status = Literal["ok", "error"]
Relation = Literal["basis", "implements", "guides", "amends", "replaces", "repeals", "mentions"]
Role = Literal["lead", "coordinate", "advise", "monitor", "report_to", "recipient"]
DateKind = Literal["deadline", "event", "period", "recurrence"]
Comparator = Literal["=", ">", ">=", "<", "<="]
# the closed list of document types lives in rules/doc_types.yaml
DocType = Literal[tuple(t["name"] for t in rules.load("doc_types")["types"])]  # type: ignore[misc]


class _Open(BaseModel):
    """An object whose known fields are typed and which may carry documented extras."""

    model_config = ConfigDict(strict=True, extra="allow")


class Span(_Open):
    """Where an extracted value sits in the record's `text`."""

    text: Text
    start: Offset
    end: Offset
    section: str = Field(description='path of the innermost numbered section holding the span, "" outside')
    page: Annotated[int, Field(ge=1)] | None = Field(
        None, description="1-based page of a paged source (PDF, image) where the span starts; absent otherwise")
    low_confidence: bool | None = Field(
        None, description="true when OCR read a word of the span with low confidence; absent when not OCR'd")


class Part(_Open):
    """Where a part of the document's layout lies in `text` (`start` ≤ `end`; empty when absent)."""

    start: Offset
    end: Offset


class Signer(_Open):
    name: Text | None
    title: Text | None
    authority: Text | None


class Metadata(_Open):
    doc_type: DocType | None
    identifier: Text | None = Field(description="số và ký hiệu in its official normal form")
    issuer: Text | None
    parent_issuer: Text | None = None
    place: Text | None
    issued_date: ISODate | None
    title: Text | None
    signer: Signer | None


class Signature(_Open):
    """One signature dictionary of a signed PDF, as the file claims it (nothing validated)."""

    signer: Text | None = Field(description="common name (CN) of the signing certificate's subject")
    signed_at: Text | None = Field(description="signing time, ISO 8601 with its UTC offset (the dictionary's /M, "
                                               "else the PKCS#7 signingTime)")
    issuer_ca: Text | None = Field(description="common name (CN) of the certificate's issuer (the CA)")


class ErrorInfo(_Open):
    code: Text
    message: str


class Failure(_Open):
    """An extractor that raised on this document: its field is left empty, the record's other fields stand."""

    stage: Text = Field(description="the extractor's name (`references`, `bodies`, `dates`, `targets`)")
    error: Text = Field(description="the exception's type and message")


class Section(_Open):
    path: Text
    label: Text
    heading: Text | None
    level: Annotated[int, Field(ge=1)]
    start: Offset
    end: Offset
    page: Annotated[int, Field(ge=1)] | None = Field(
        None, description="1-based page of a paged source (PDF, image) where the section starts")


class Reference(Span):
    doc_type: DocType | None
    identifier: Text | None
    date: ISODate | None
    issuer: Text | None
    relation: Relation
    title: Text | None = None


class Body(Span):
    name: Text
    role: Role
    name_as_written: Text | None = None


class DateItem(Span):
    value: DateValue
    kind: DateKind


class Target(Span):
    value: float
    unit: Text
    comparator: Comparator
    subject: Text | None
    year: Annotated[int, Field(ge=1900, le=2200)] | None = None


_STATUS_RULE = {"allOf": [
    {"if": {"properties": {"status": {"const": "error"}}},
     "then": {"properties": {"error": {"type": "object"}}}},
    {"if": {"properties": {"status": {"const": "ok"}}},
     "then": {"properties": {"error": {"type": "null"}}}},
]}


class DocumentRecord(BaseModel):
    """One line of documents.jsonl."""

    model_config = ConfigDict(strict=True, extra="forbid", title="vanban document record",
                              json_schema_extra=_STATUS_RULE)

    # a MINOR version only adds optional fields, so records of earlier MINOR versions stay valid
    schema_version: Literal["1.0", "1.1", "1.2", "1.3", "1.4", "1.5"]
    source: Text = Field(description="path relative to the input root, /-separated")
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None
    status: Status
    error: ErrorInfo | None
    format: Text | None
    text: str = Field(description="the normalized text; every start/end is an offset into it")
    metadata: Metadata
    sections: list[Section]
    references: list[Reference]
    bodies: list[Body]
    dates: list[DateItem]
    targets: list[Target]
    # documented optional extras
    pages: Annotated[int, Field(ge=0)] | None = Field(None, description="page count of a paged format (PDF)")
    page_starts: list[Offset] | None = Field(None, description="offset in `text` where each page starts")
    ocr: dict[str, Any] | None = Field(None, description="OCR confidences and low-confidence spans, if OCR'd")
    legacy: dict[str, Any] | None = Field(None, description="legacy encoding converted (TCVN3, VNI) and the fonts seen")
    reader: Text | None = Field(None, description="what read the file: pdfium, pdfplumber, tesseract, "
                                                  "pdfium+tesseract, python-docx, antiword, catdoc, striprtf, text")
    reader_fallback: Text | None = Field(None, description="why a faster or preferred reader did not read it, "
                                                           "when one failed; null otherwise")
    signatures: list[Signature] | None = Field(None, description="the PDF's digital signatures; [] when none")
    header: Part | None = Field(None, description="the header: national motto, issuer, number, date, type and "
                                                  "title, up to the body")
    closing: Part | None = Field(None, description="the closing: signature block and Nơi nhận, up to the first "
                                                   "appendix or attached document (empty at the end when none)")
    failed: list[Failure] | None = Field(None, description="extractors that raised on this document (their field "
                                                          "is empty, the others stand); absent when none did")

    @model_validator(mode="after")
    def _consistent(self) -> "DocumentRecord":
        """What JSON Schema cannot say: status/error agree, spans lie in the text, sections exist."""
        if (self.status == "error") != (self.error is not None):
            raise ValueError("`error` must be an object exactly when status is 'error'")
        n = len(self.text) if self.text is not None else None  # views may leave the text out
        paths = {s.path for s in self.sections}
        if n is not None and any(p > n for p in self.page_starts or []):
            raise ValueError(f"page_starts beyond the text (length {n})")
        for field in FIELDS:
            for i, it in enumerate(getattr(self, field)):
                if it.start > it.end or n is not None and it.end > n:
                    raise ValueError(f"{field}[{i}]: span {it.start}..{it.end} outside the text (length {n})")
                if field != "sections" and it.section and it.section not in paths:
                    raise ValueError(f"{field}[{i}]: section {it.section!r} is not a section of this record")
        return self


def json_schema() -> dict:
    """The JSON Schema (draft 2020-12) of one documents.jsonl line, as shipped in schema/."""
    body = DocumentRecord.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "version": SCHEMA_VERSION, **body}


def validate(record: dict) -> DocumentRecord:
    """The record as a model; raises pydantic.ValidationError naming the broken field."""
    return DocumentRecord.model_validate(record)
