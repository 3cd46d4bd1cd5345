"""The shape of the data that flows between the stages, named once.

The typed model of a record (Document, Section, Reference, Body, DateItem, Target, Signer, as
pydantic classes) is `pipeline/schema.py`; the JSON Schema in `schema/` is generated from it.
What every stage needs without importing pydantic lives here: the versions and the list fields
of a record, in the order a record holds them.
"""
from __future__ import annotations

__version__ = "0.1.0"
SCHEMA_VERSION = "1.5"

# the list fields of a record: the parse's sections, then what the extractors add
FIELDS = ("sections", "references", "bodies", "dates", "targets")
EXTRACTED = FIELDS[1:]
