"""Read again the item numbers of a list that Word set apart from its items by a hanging indent.

Why: an auto-numbered list prints `1.`, `2.`, … in a narrow column, a tab away from the items' text.
Tesseract's page layout takes that column for a block of its own and reads it as one line of junk
(`ÐØ PÐ P£ © 6 6 MP m`), so every item loses its label and the section tree its numbered level
(on a real programme scanned: 18 of 23 sections). The items themselves come back as a run of lines
that all start at the same indent, right of the body's margin, none with a label. So the strip left
of such a run is read again on its own as a column (`--psm 6`), and each number it gives is put at the
head of the item line at its height; the junk the first reading made of the strip is dropped. A run
whose strip gives fewer than two numbers is left as first read.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from statistics import median

from pipeline.text.fold import letter_count

MIN_RUN = 3            # item lines in a run before its strip is read again
INDENT_PT = 12.0       # the run starts at least this far right of the body's left edge (points)
SAME_LEFT_PT = 4.0     # the lines of one run start within this of each other
RIGHT_LIMIT = 0.4      # a run starting right of this share of the page is a signature block, not a list
_LABEL = re.compile(r"^\(?(?:[\dIlLOSG|]{1,3}|[a-zđ])[.,)]$")          # `1.`, `L1.`, `15,`, `a)`, `(2)`
_LABELLED = re.compile(r"^\(?(?:\d{1,3}(?:\.\d{1,2})*|[IVXLC]+|[a-zđ])[.)]\s")


def _body_left(page) -> float:
    """The left edge of the page's running text and headings: where its lines of some length start, the
    leftmost tenth (a page may be mostly the list itself)."""
    lefts = sorted(ln.left for ln in page.lines if len(ln.text) >= 15)
    return lefts[len(lefts) // 10] if lefts else 0.0


def _runs(page, body_left: float) -> list[list[int]]:
    """Indices of the runs of consecutive unlabelled lines starting at one indent right of the margin."""
    runs, current = [], []
    for i, ln in enumerate(page.lines):
        if letter_count(ln.text) < 2 and current:
            continue                    # `¬`, `—`: a speck of the number column between two items
        item = (ln.left >= body_left + INDENT_PT and ln.left < RIGHT_LIMIT * (page.width or 1e9)
                and not _LABELLED.match(ln.text) and not ln.text.startswith(("-", "+", "•", "*", "–"))
                and len(ln.text) >= 3)
        if item and current and abs(ln.left - page.lines[current[0]].left) <= SAME_LEFT_PT \
                and ln.top > page.lines[current[-1]].top:
            current.append(i)
            continue
        if len(current) >= MIN_RUN:
            runs.append(current)
        current = [i] if item else []
    if len(current) >= MIN_RUN:
        runs.append(current)
    return runs


def reread(page, read_region: Callable, dpi: float):
    """The page with the numbers of its hanging-indent lists read again. `read_region((x0, y0, x1, y1),
    psm, lift)` reads a box of the prepared page (pixels) as a page of its own."""
    if not page.lines or not page.width:
        return page
    body_left = _body_left(page)
    px = dpi / 72
    drop: set[int] = set()
    for run in _runs(page, body_left):
        lines = [page.lines[i] for i in run]
        step = median(b.top - a.top for a, b in zip(lines, lines[1:]))
        x0, x1 = max(0.0, body_left - 6), lines[0].left - 2
        y0, y1 = max(0.0, lines[0].top - step / 3), lines[-1].top + step
        if x1 - x0 < 8:
            continue
        strip = read_region((round(x0 * px), round(y0 * px), round(x1 * px), round(y1 * px)), 6, False)
        labels = [(y0 + ln.top, ln.text.strip()) for ln in strip.lines if _LABEL.match(ln.text.strip())]
        if len(labels) < 2:
            continue
        for top, label in labels:
            k = min(range(len(lines)), key=lambda j: abs(lines[j].top - top))
            ln = lines[k]
            if abs(ln.top - top) > step / 2 or _LABELLED.match(ln.text):
                continue
            shift = len(label) + 1
            ln.text = f"{label} {ln.text}"
            ln.words = [(0, len(label), -1.0)] + [(s + shift, e + shift, c) for s, e, c in ln.words]
            ln.left = x0
        drop.update(i for i, ln in enumerate(page.lines)
                    if i not in run and ln.right <= x1 + 4 and y0 - 2 <= ln.top <= y1 and ln.left >= x0 - 4)
    if drop:
        page.lines = [ln for i, ln in enumerate(page.lines) if i not in drop]
    return page


_ITEM = re.compile(r"^(\d{1,2})[.,]$")
_PART = re.compile(r"^(?:[IVXLC]+\.|[A-ZĐ]\.)$")      # `II.`, `B.`: a part whose items are numbered from 1 again
_ENDS = ".;:!?"


def number_items(lines: list[list[str]]) -> list[list[str]]:
    """A document's OCR lines (words) with the numbers of each part's numbered items read in sequence: an item
    the strip gave no number (`Phóng sự …` between `4.` and `6.`) or a misread one (`1.` between `8.` and
    `10.`) takes the number its place between two numbers that agree with it says. An item is a line that
    carries a number, or opens with a capital after a line that ended a sentence; only items between two
    numbers that both read as their place in a list counted from 1 are changed, so a paragraph inside the
    list, or a list numbered otherwise, stays as read."""
    out = [list(words) for words in lines]
    start = 0
    for i in range(len(out) + 1):
        if i == len(out) or (out[i] and (_PART.match(out[i][0]) or _heading(out[i]))):
            _number_part(out, start, i)
            start = i + 1
    return out


def _heading(words: list[str]) -> bool:
    """A line in capitals (`PHỤ LỤC`, `KẾ HOẠCH NĂM 2026`): a heading that ends a list, never one of its items."""
    letters = [c for c in " ".join(words) if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


def _number_part(lines: list[list[str]], a: int, b: int) -> None:
    items: list[tuple[int, int | None]] = []          # (line, its number when it has one)
    ended = True
    for k in range(a, b):
        words = lines[k]
        if not words or letter_count(" ".join(words)) <= 3 and not _ITEM.match(words[0]):
            continue                                   # `lộn`, `¬`: what OCR left of the column of numbers
        m = _ITEM.match(words[0])
        first = words[1] if words[0] == "." and len(words) > 1 else words[0]
        if m:
            items.append((k, int(m.group(1))))
        elif ended and first[:1].isupper():
            items.append((k, None))
        ended = words[-1][-1:] in _ENDS
    agree = [j for j, (_, n) in enumerate(items) if n == j + 1]
    if len(agree) < 3:
        return
    for lo, hi in zip([-1] + agree, agree):
        if lo == -1 and hi > 3:
            continue                                   # the list's start is too far from its first sure number
        for j in range(lo + 1, hi):
            k, n = items[j]
            words = lines[k]
            if n is None:
                lines[k] = ([f"{j + 1}."] + words[1:]) if words[0] == "." else [f"{j + 1}."] + words
            else:
                words[0] = f"{j + 1}."
