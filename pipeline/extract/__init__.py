"""Stage 4, extract: find references, bodies, dates and targets in a structured document.

Each extractor is a plain function `find(doc) -> list[dict]`; every item carries
`text`, `start`, `end` (offsets into the normalized text). `extract_all` adds the
section path of each span. The same functions run as spaCy components
(`pipeline.extract.bodies.model`), so a trained model can sit beside or after them.
"""
from __future__ import annotations

from pipeline.parse.document import Doc
from pipeline.parse.sections import section_at
from pipeline.extract import bodies, dates, references, targets

EXTRACTORS = {
    "references": references.find,
    "bodies": bodies.find,
    "dates": dates.find,
    "targets": targets.find,
}


def extract_all(doc: Doc, fields=None) -> dict[str, list[dict]]:
    """Run every extractor (or those named) and attach section paths."""
    out = {}
    for name, find in EXTRACTORS.items():
        if fields and name not in fields:
            continue
        items = find(doc)
        for it in items:
            it["section"] = section_at(doc.sections, it["start"])
        items.sort(key=lambda it: (it["start"], it["end"]))
        out[name] = items
        doc.found[name] = items
    return out
