"""The plain record that flows between stages once a file has been read."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from pipeline.parse.structure import Structure
from pipeline.text.spans import Line


@dataclass
class Doc:
    """One normalized document with its structure: what every extractor reads."""

    source: str
    text: str
    structure: Structure
    # what earlier extractors found, so later ones can leave those spans alone
    found: dict = field(default_factory=dict)
    # extractors that raised on this document ({stage, error}): their field stays empty (`extract_all`)
    failed: list = field(default_factory=list)

    @property
    def metadata(self) -> dict:
        return self.structure.metadata

    @property
    def sections(self) -> list[dict]:
        return self.structure.sections

    @property
    def recipients(self) -> list[Line]:
        return self.structure.recipients

    @property
    def year(self) -> int | None:
        """The document's own year, for dates written without one."""
        d = self.metadata.get("issued_date")
        return int(d[:4]) if d else None


def section_paths(sections: list[dict], offsets: list[int]) -> list[str]:
    """`sections.section_at(sections, offset)` of each offset (the path of the innermost section holding it, the first
    of equal depth; "" outside every section). Why: in one pass over the sections, each marking only the offsets it
    holds (found by bisection), not every section of a long document asked again for each of its thousand items."""
    order = sorted(range(len(offsets)), key=offsets.__getitem__)
    keys = [offsets[k] for k in order]
    paths, levels = [""] * len(offsets), [0] * len(offsets)
    for s in sections:
        level = s["level"]
        for j in range(bisect_left(keys, s["start"]), bisect_left(keys, s["end"])):
            k = order[j]
            if level > levels[k]:
                paths[k], levels[k] = s["path"], level
    return paths
