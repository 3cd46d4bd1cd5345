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
