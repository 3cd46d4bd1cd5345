"""Lines of a text with their offsets: what the parsers and extractors walk.

One splitter: `line_spans` cuts a text (or a part of it) at its newlines and gives offsets into the
whole text; `split_lines` is the same with each line's characters. The bodies extractor rejoins lines
wrapped by the page on top of it (`extract/bodies/tokens.logical_lines`), the Akoma Ntoso export trims
blank ones (`apps/akn`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator


@dataclass
class Line:
    """One line of a text: its offsets in the text and its characters."""

    start: int
    end: int
    text: str


def line_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of every line of `text[start:end]`, as offsets into `text`; an empty line too."""
    pos = start
    for ln in text[start:end].split("\n"):
        yield pos, pos + len(ln)
        pos += len(ln) + 1


def split_lines(text: str) -> list[Line]:
    """Every line of `text` with its offsets."""
    return [Line(s, e, text[s:e]) for s, e in line_spans(text)]
