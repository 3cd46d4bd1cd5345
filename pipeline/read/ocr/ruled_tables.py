"""Ruled tables on a scanned page, read one row per line (`a | b | c`) as the PDF and DOCX readers give them.

A plan's tasks, its targets and its appendices are set in ruled tables, and the columns carry the meaning
(`Đơn vị chủ trì`, `Đơn vị phối hợp`, `Thời gian hoàn thành`). Tesseract reads a table page in blocks: a
cell that wraps onto two or three lines comes back interleaved with its neighbours' lines (`Văn phòng` /
`1` / `Rà soát tiêu chí|HĐND và` / `Các thôn Tháng 6/2025`), and which body leads and which date is whose
is lost. The rules the table is drawn with are the surest thing on the page: long straight runs of ink.
They are found here with numpy (runs of ink along rows and columns, one `np.diff` pass each), handed to the text
PDF reader's lattice finder (`pdf_tables.find_tables`, in points, so both read a grid the same way), and
each word Tesseract read goes to the cell under its centre. A cell's words are put back into lines top
to bottom and joined with a space, as `pdf_tables` joins a cell's lines.

Text without rules (the header's two columns, the signature block) has no run that long, so it is never
a table; neither is a single box drawn around a paragraph (`find_tables` wants two rows and two columns).
"""
from __future__ import annotations

import numpy as np

from pipeline.read.pdf_tables import Table, find_tables

RULE_INK = 170              # a rule pixel is darker than this (scans blur and lighten thin rules)
H_RULE_INCH = 0.6           # a horizontal rule runs at least this far: a short underline is no cell side
V_RULE_INCH = 0.2           # a vertical rule at least one text row high; letters are shorter
MAX_RULE_INCH = 0.04        # a rule is thinner than this; a filled block (a seal, a photo) is no rule
MIN_TABLE_INCH = 3.0        # a table spans a good part of the text width
RULE_SPECK = frozenset("|!_—–-[].:,;'`~")   # a token of these only is a rule or a speck read as text


def _long_runs(mask: np.ndarray, length: int) -> list[tuple[int, int, int]]:
    """(row, start, end) of every run of at least `length` inked pixels along the rows of `mask`, gaps of
    one pixel closed (a scan's noise breaks a thin rule): one pass of `np.diff` over the whole page."""
    h, w = mask.shape
    padded = np.zeros((h, w + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    padded[:, 1:-2] |= mask[:, 1:]                      # close one-pixel gaps
    d = np.diff(padded.ravel())
    starts, ends = np.flatnonzero(d == 1), np.flatnonzero(d == -1)
    keep = (ends - starts) >= length
    starts, ends = starts[keep], ends[keep]
    return list(zip((starts // (w + 2)).tolist(), (starts % (w + 2)).tolist(), (ends % (w + 2)).tolist()))


def _rules(runs: list[tuple[int, int, int]], thickness: int) -> list[tuple[int, int, int]]:
    """Runs on neighbouring rows that overlap merged into one rule (position, start, end); a block
    thicker than a rule (a seal, a filled box) dropped."""
    groups: list[list] = []            # [first row, last row, start, end]
    for row, a, b in sorted(runs):
        for g in reversed(groups[-8:]):
            if row - g[1] <= 1 and a < g[3] and b > g[2]:
                g[1], g[2], g[3] = row, min(g[2], a), max(g[3], b)
                break
        else:
            groups.append([row, row, a, b])
    return [((g[0] + g[1]) // 2, g[2], g[3]) for g in groups if g[1] - g[0] < thickness]


def find_rules(image, dpi: float) -> tuple[list[tuple], list[tuple]]:
    """The page's horizontal rules `(y, x0, x1)` and vertical ones `(x, top, bottom)`, in points."""
    ink = np.asarray(image.convert("L"), dtype=np.uint8) < RULE_INK
    scale = 72.0 / dpi
    thickness = max(2, round(MAX_RULE_INCH * dpi))
    horizontal = _rules(_long_runs(ink, round(H_RULE_INCH * dpi)), thickness)
    if len(horizontal) < 3:
        return [], []                                   # no grid: skip the vertical pass
    vertical = _rules(_long_runs(np.ascontiguousarray(ink.T), round(V_RULE_INCH * dpi)), thickness)
    return ([(y * scale, a * scale, b * scale) for y, a, b in horizontal],
            [(x * scale, a * scale, b * scale) for x, a, b in vertical])


def find(image, dpi: float) -> list[Table]:
    """The ruled tables of a prepared page image, in points, top to bottom: grids at least
    MIN_TABLE_INCH wide (a received-document stamp, `ĐẾN Số … Ngày …`, is a small ruled box of its own)."""
    return [t for t in find_tables(*find_rules(image, dpi)) if t.xs[-1] - t.xs[0] >= MIN_TABLE_INCH * 72]


def filled(table: Table, cells: list[list[dict]]) -> bool:
    """Whether words fill at least half the cells: a table of text, not boxes drawn around a few words
    (a stamp's frame beside the header's rules)."""
    return sum(1 for c in cells if c) * 2 >= len(table.cells)


def _cell_text(words: list[dict]) -> list[dict]:
    """A cell's words in reading order: lines top to bottom, each left to right."""
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: w["top"]):
        if lines and w["top"] < lines[-1][0]["top"] + 0.5 * (lines[-1][0]["bottom"] - lines[-1][0]["top"]):
            lines[-1].append(w)
        else:
            lines.append([w])
    return [w for line in lines for w in sorted(line, key=lambda w: w["x0"])]


def _split_at_rules(word: dict) -> list[dict]:
    """`chí|HĐND`: two cells' words Tesseract read as one across the rule between them, parted at the `|`,
    each part given its share of the box by its share of the letters."""
    text = word["text"].strip("|")
    if "|" not in text:
        return [word]
    parts, out, at = [p for p in text.split("|")], [], 0
    per = (word["x1"] - word["x0"]) / max(1, len(word["text"]))
    for part in parts:
        if part:
            x0 = word["x0"] + per * (word["text"].index(part, at))
            out.append({**word, "text": part, "x0": x0, "x1": x0 + per * len(part)})
        at += len(part) + 1
    return out


def take_cells(tables: list[Table], words: list[dict], scale: float) -> tuple[list[dict], list[list[list[dict]]]]:
    """The words outside the tables, and each table's words by cell (word boxes in pixels, cells in
    points); a token that is only a rule read as text is dropped."""
    rest: list[dict] = []
    by_cell = [[[] for _ in t.cells] for t in tables]
    for w in (part for word in words for part in _split_at_rules(word)):
        cx, cy = (w["x0"] + w["x1"]) / 2 * scale, (w["top"] + w["bottom"]) / 2 * scale
        for ti, table in enumerate(tables):
            ci = table.cell_at(cx, cy)
            if ci is not None:
                text = w["text"].strip("|")
                if text and not set(text) <= RULE_SPECK:
                    by_cell[ti][ci].append({**w, "text": text})
                break
        else:
            rest.append(w)
    return rest, by_cell


def table_rows(table: Table, cells: list[list[dict]]) -> list[tuple[float, list[list[dict]]]]:
    """(top in points, the words of each cell left to right) per row; a cell spanning rows is read in
    each of them, as `pdf_tables.table_rows` reads it; a row with no word is left out."""
    ordered = [_cell_text(c) for c in cells]
    rows = []
    for top in sorted({c[1] for c in table.cells}):
        row = sorted((c[0], n) for n, c in enumerate(table.cells) if c[1] <= top < c[3])
        texts = [ordered[n] for _, n in row]
        if any(texts):
            rows.append((top, texts))
    return rows
