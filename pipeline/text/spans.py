"""Lines of a text with their offsets: what the parsers and extractors walk.

One splitter: `line_spans` cuts a text (or a part of it) at its newlines and gives offsets into the
whole text; `split_lines` is the same with each line's characters. The bodies extractor rejoins lines
wrapped by the page on top of it (`extract/bodies/tokens.logical_lines`), the Akoma Ntoso export trims
blank ones (`apps/akn`). `column_header` finds the header cell of a table read as lines of `|`-separated cells.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
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
    """Every line of `text` with its offsets (`line_spans`, each line's characters the piece `split` cut: not
    cut out of the text again)."""
    out, pos = [], 0
    for ln in text.split("\n"):
        end = pos + len(ln)
        out.append(Line(pos, end, ln))
        pos = end + 1
    return out


def last_break(text: str, start: int, marks: tuple[str, ...] = ()) -> int:
    """`max(text.rfind(m, 0, start) for m in ("\\n", *marks))`: the last line break or mark before `start`, -1 when
    none. Why: the marks (none holding a line break) are looked for only after the last line break, never back to the
    start of the text, which a long document's every figure searched through (tests/test_speed_extract.py)."""
    nl = text.rfind("\n", 0, start)
    return max([nl] + [text.rfind(m, nl + 1, start) for m in marks])


def last_stop(text: str, lo: int, start: int) -> int:
    """The last line break, or `.` or `;` with a space after it (before `start`), in text[lo:start]; -1 when none:
    the last of `re.finditer(r"[.;\\n](?:(?<=[.;])(?=\\s)|(?<=\\n))", text, lo, start)`, looked for from `start` back."""
    best = text.rfind("\n", lo, start)
    for mark in ".;":
        at = text.rfind(mark, max(lo, best + 1), max(0, start - 1))
        while at >= 0 and not text[at + 1].isspace():
            at = text.rfind(mark, max(lo, best + 1), at)
        best = max(best, at)
    return best


def next_break(text: str, end: int, marks: tuple[str, ...] = ()) -> int:
    """The first of the found `text.find(m, end)` for m in ("\\n", *marks), -1 when none: the marks (none holding a
    line break) looked for only up to the next line break, as in `last_break`."""
    nl = text.find("\n", end)
    hi = len(text) if nl < 0 else nl
    return min((i for i in [nl] + [text.find(m, end, hi) for m in marks] if i >= 0), default=-1)


class Taken:
    """Spans [start, end) an extractor has taken, asked whether a new span overlaps one (`a < end and
    start < b`, what `any(...)` over a list of them answers) in logarithmic time.

    Why: an extractor checks every match against everything it took before; over a list that is quadratic
    in the matches, seconds on a long document. Spans that overlap none taken before (what an extractor
    keeps: it has just checked) are kept sorted, where the only one that can overlap a new span is the last
    to start before its end; any other span (empty, or overlapping one already in) is kept in a plain
    list asked one by one, so the answer is exact whatever is added."""

    def __init__(self, spans=()):
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.loose: list[tuple[int, int]] = []
        for a, b in spans:
            self.add(a, b)

    def _sorted_overlap(self, start: int, end: int) -> bool:
        k = bisect_left(self.starts, end) - 1
        return k >= 0 and self.ends[k] > start

    def overlaps(self, start: int, end: int) -> bool:
        return self._sorted_overlap(start, end) or any(a < end and start < b for a, b in self.loose)

    def add(self, start: int, end: int) -> None:
        if start < end and not self._sorted_overlap(start, end):
            i = bisect_left(self.starts, start)
            self.starts.insert(i, start)
            self.ends.insert(i, end)
        else:
            self.loose.append((start, end))


def column_header(text: str, pos: int) -> str:
    """The header cell of the table column `pos` is in (`''` outside a table): tables are read as
    lines of `|`-separated cells, the first line of the block being the header."""
    ls = text.rfind("\n", 0, pos) + 1
    le = text.find("\n", pos)
    if "|" not in text[ls:le if le >= 0 else len(text)]:
        return ""
    col = text.count("|", ls, pos)
    head = ls
    while head > 0:
        prev = text.rfind("\n", 0, head - 1) + 1
        if "|" not in text[prev:head - 1]:
            break
        head = prev
    if head == ls:
        return ""
    cells = text[head:text.find("\n", head)].split("|")
    return cells[col] if col < len(cells) else ""


# a line that opens a worked example (`Ví dụ:`, `- Ví dụ 1:`), after an optional bullet
_EXAMPLE = re.compile(r"(?m)^[ \t]*(?P<mark>[-–+*•]?)[ \t]*(?:Ví dụ|VÍ DỤ)\b[^\n]*")
# bullets by depth: a line under the example goes on it while its bullet is deeper than the example line's
_BULLET_DEPTH = {"": 0, "-": 1, "–": 1, "+": 2, "*": 3, "•": 3}


@lru_cache(maxsize=8)
def example_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each worked example of `text`: its `Ví dụ` line and, when that line ends on a colon, the lines
    under it whose bullet is deeper than its own (`- Ví dụ: … như sau:` / `+ …` / `+ …`). Why: an example's days,
    figures and bodies are made up to show a rule (a guidance's `Ví dụ: … từ ngày 15 tháng 12 năm 2020 …`, a style
    guide's specimen Nơi nhận); they are not the document's own."""
    if "Ví dụ" not in text and "VÍ DỤ" not in text:
        return ()
    out = []
    for m in _EXAMPLE.finditer(text):
        depth, end = _BULLET_DEPTH[m.group("mark")], m.end()
        if m.group(0).rstrip().endswith(":"):
            for s, e in line_spans(text, end + 1):
                mark = text[s:e].lstrip()[:1]
                if _BULLET_DEPTH.get(mark, 0) <= depth or mark not in _BULLET_DEPTH:
                    break
                end = e
        out.append((m.start(), end))
    return tuple(out)      # (cached: every extractor of a document asks, through the registry)


def unwrapped(text: str, b: int, s: int) -> str:
    """`text[b:s]` with the line breaks the page made inside a sentence as spaces (`… ngày 05/12/2025 của UBND tỉnh` /
    `Phú Thọ về việc …`): the line before is a full printed line with no closing mark (`.`, `;`, `:`), and the next
    opens no item, label, new ground (`Căn cứ`) or line in capitals (a header's)."""
    stretch = text[b:s]
    if "\n" not in stretch:
        return stretch
    lines = stretch.split("\n")
    out = lines[0]
    first = text[text.rfind("\n", 0, b) + 1:b] + lines[0]       # the whole line the stretch starts in
    for prev, line in zip([first] + lines[1:], lines[1:]):
        wrapped = len(prev.strip()) >= _FULL_LINE and not prev.rstrip().endswith((".", ";", ":")) \
            and not _NEW_LINE.match(line)
        out += (" " if wrapped else "\n") + line
    return out


_FULL_LINE = 50        # characters of a printed line of body text the page wrapped (a date line, a title's, is shorter)
# what opens a line of its own: an item's bullet or label, a new ground, a line in capitals
_NEW_LINE = re.compile(r"\s*(?:[-+•*]|\d+[.)/]|[a-zđ][).]|[IVXLC]+[./]|Căn cứ|Thực hiện|Theo |Xét |Điều "
                       r"|[A-ZĐÀ-Ỹ]{2,}\s+[A-ZĐÀ-Ỹ]{2,}|$)")
