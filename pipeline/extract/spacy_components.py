"""The rule extractors as spaCy components, registered the spaCy way.

`nlp.add_pipe("vanban_references")` (likewise `vanban_bodies`, `vanban_dates`,
`vanban_targets`, or `vanban_extract` for all four) runs the same plain
functions as the pipeline over `doc.text` and puts what they find in
`doc.spans[<field>]`, each span carrying the normalized item in `span._.vanban`.
A trained component placed after them can read or correct those spans.
"""
from __future__ import annotations

from pipeline.extract.spacy_lite import spacy  # noqa: F401 - spaCy without its command line
from spacy.language import Language
from spacy.tokens import Doc as SpacyDoc, Span

from pipeline.parse.document import Doc
from pipeline.extract import REGISTRY, ordered
from pipeline.parse.sections import section_at
from pipeline.parse.structure import parse

if not Span.has_extension("vanban"):
    Span.set_extension("vanban", default=None)
if not SpacyDoc.has_extension("vanban_structure"):
    SpacyDoc.set_extension("vanban_structure", default=None)


class RuleExtractor:
    """Runs the named extractors (in pipeline order) and stores their spans."""

    def __init__(self, fields: tuple[str, ...]):
        self.fields = fields

    def __call__(self, sdoc: SpacyDoc) -> SpacyDoc:
        structure = sdoc._.vanban_structure or parse(sdoc.text)
        sdoc._.vanban_structure = structure
        doc = Doc(source="", text=sdoc.text, structure=structure)
        for ex in ordered():   # earlier fields feed later ones (dates skip references)
            name, find = ex.name, ex.find
            key = f"vanban_{name}"
            items = doc.found.get(name) or (sdoc.user_data.get(key) if key in sdoc.user_data else None)
            if items is None:
                items = find(doc)
                for it in items:
                    it["section"] = section_at(structure.sections, it["start"])
                sdoc.user_data[key] = items
            doc.found[name] = items
            if name not in self.fields:
                continue
            spans = []
            for it in items:
                span = sdoc.char_span(it["start"], it["end"], label=_label(name, it), alignment_mode="expand")
                if span is not None:
                    span._.vanban = it
                    spans.append(span)
            sdoc.spans[name] = spans
        return sdoc


def _label(field: str, item: dict) -> str:
    return {"references": item.get("relation"), "bodies": item.get("role"), "dates": item.get("kind"),
            "targets": item.get("unit")}.get(field) or field


def _register(name: str, fields: tuple[str, ...]) -> None:
    Language.factory(name, func=lambda nlp, name: RuleExtractor(fields))


_register("vanban_extract", tuple(REGISTRY))
for _field in REGISTRY:
    _register(f"vanban_{_field}", (_field,))
