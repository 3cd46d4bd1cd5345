"""Lines of a text with their offsets: what the parsers and extractors walk."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Line:
    start: int
    end: int
    text: str


def split_lines(text: str) -> list[Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out
