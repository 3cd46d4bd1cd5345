"""Stage 3, extract: find references, bodies, dates and targets in a parsed document.

Each extractor is a plain function `find(doc) -> list[dict]` registered in `registry` with what it
needs and what it adds; every item carries `text`, `start`, `end` (offsets into the normalized
text). `extract_all` runs them in an order that meets every need and adds the section path of each
span. The same functions run as spaCy components (`spacy_components`), and the bodies extractor
has a trained model beside its rules (`bodies.model`).
"""
from __future__ import annotations

import logging

from pipeline.extract import bodies, dates, references, targets  # noqa: F401  (each registers itself)
from pipeline.extract.registry import REGISTRY, ordered
from pipeline.parse.document import Doc, section_paths

__all__ = ["REGISTRY", "extract_all", "ordered", "run_extractor"]

log = logging.getLogger(__name__)


def extract_all(doc: Doc, fields=None) -> dict[str, list[dict]]:
    """Run every extractor (or those named, with what they need) and attach section paths.

    What an extractor adds is kept in `doc.found` for the extractors that need it. An extractor that
    raises leaves its own field empty and is listed in `doc.failed` (the record's `failed`): one bug
    met on one document's odd line must not cost that document its text, header and other fields."""
    out = {}
    for ex in ordered(fields):
        try:
            items = run_extractor(ex, doc)
        except Exception as exc:  # noqa: BLE001 - recorded in the record, never silent
            log.warning("%s: extractor %s failed: %s: %s", doc.source, ex.name, type(exc).__name__, exc)
            doc.failed.append({"stage": ex.name, "error": f"{type(exc).__name__}: {exc}"[:500]})
            items = []
            for name in ex.adds:
                doc.found[name] = items
        if fields is None or ex.name in fields:
            out[ex.name] = items
    return out


def run_extractor(ex, doc: Doc) -> list[dict]:
    """One extractor over one document: its items in text order with their section paths, kept in
    `doc.found` under what it adds (the benchmark times this same step per extractor)."""
    items = ex.find(doc)
    for it, path in zip(items, section_paths(doc.sections, [it["start"] for it in items])):
        it["section"] = path
    items.sort(key=lambda it: (it["start"], it["end"]))
    for name in ex.adds:
        doc.found[name] = items
    return items
