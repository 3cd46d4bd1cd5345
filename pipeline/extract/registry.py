"""The extractor registry: each extractor declares what it needs and what it adds.

An extractor is a plain function `find(doc) -> list[dict]` registered with

    @extractor("dates", needs=("sections", "references"), adds=("dates",))
    def find(doc): ...

`needs` names what it reads: `sections` (the parse) or what another extractor adds, which it finds
in `doc.found` (dates leave the spans of references alone, targets those of references and dates).
`ordered()` runs them so that every need is met first, in registration order otherwise, and
refuses a need nothing provides. New extractors register the same way and run in the same loop,
in the pipeline (`extract_all`) and as spaCy components (`spacy_components`).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import wraps
from typing import Callable

from pipeline.text.spans import example_spans

# what the parse stage provides before any extractor runs
PARSED = ("sections", "metadata", "recipients")


@dataclass(frozen=True)
class Extractor:
    """One registered extractor: its name, its function, what it reads and what it adds."""

    name: str
    find: Callable
    needs: tuple[str, ...] = ()
    adds: tuple[str, ...] = ()


REGISTRY: dict[str, Extractor] = {}


def extractor(name: str, needs: tuple[str, ...] = ("sections",), adds: tuple[str, ...] | None = None):
    """Register the decorated `find(doc)` under `name` (it adds the field `name` unless told)."""
    def register(find: Callable) -> Callable:
        REGISTRY[name] = Extractor(name, _outside_examples(find), tuple(needs), tuple(adds if adds is not None else (name,)))
        return find
    return register


def _outside_examples(find: Callable) -> Callable:
    """`find` without the items it finds inside a worked example (`text.spans.example_spans`): an example's days,
    figures, bodies and citations are made up to show a rule, in every field alike, in the pipeline and in spaCy."""
    @wraps(find)
    def outside(doc):
        items = find(doc)
        spans = example_spans(doc.text)
        if not spans:
            return items
        return [it for it in items if not any(s <= it["start"] < e for s, e in spans)]
    return outside


def ordered(names=None) -> list[Extractor]:
    """The registered extractors (or those named and what they need) in an order that meets every need."""
    wanted = set(REGISTRY) if names is None else set(names)
    providers = {field: ex.name for ex in REGISTRY.values() for field in ex.adds}
    # what the wanted ones need comes along
    todo = list(wanted)
    while todo:
        ex = REGISTRY[todo.pop()]
        for need in ex.needs:
            if need in PARSED:
                continue
            if need not in providers:
                raise ValueError(f"extractor {ex.name!r} needs {need!r}, which no extractor adds")
            if providers[need] not in wanted:
                wanted.add(providers[need])
                todo.append(providers[need])
    out: list[Extractor] = []
    done: set[str] = set(PARSED)
    pending = [ex for ex in REGISTRY.values() if ex.name in wanted]
    while pending:
        ready = next((ex for ex in pending if set(ex.needs) <= done), None)
        if ready is None:
            raise ValueError(f"extractors with needs that form a cycle: {[ex.name for ex in pending]}")
        out.append(ready)
        done.update(ready.adds)
        pending.remove(ready)
    return out
