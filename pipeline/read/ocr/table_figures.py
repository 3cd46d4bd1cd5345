"""The figures of a scanned table read again, cell by cell, by the Latin model.

Why: Tesseract's `vie` model, reading a whole page, reads the figures of a ruled table worst of all: a score
column of `18,50` comes back as `1850`, `18320`, `150`; a share column of `88,27%` as `S8,27%`, `67,08%`,
`811%`, the 8 of a Times-like face read as `S`, `Š` or `6` and the small decimal comma dropped. The same
cell cut out and read alone as one line (`--psm 7`) by the `eng` model, whose training holds far more
figures, reads them as printed (measured on a scanned appendix of scores: 44 of 44 cells right, against
30 by `vie` on the page and 36 by `vie` on the cell). A table's column keeps one shape of figure (`18,50`,
`93,46%`, `1.250`), so only the cells of a column of figures that break its shape or that Tesseract was
unsure of are read again, and a new reading is kept only when it has the column's shape.

Only scanned pages come here (ocr.py `ocr_image`), and without the `eng` model nothing changes.
"""
from __future__ import annotations

import csv
import io
import re
import subprocess

# The shapes a figure of a table cell takes: a share, a decimal, a thousands figure, a whole number.
SHAPES = (("share", re.compile(r"\d{1,3}(?:,\d{1,3})?%")), ("decimal", re.compile(r"\d{1,4},\d{1,3}")),
          ("thousands", re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d{1,3})?")), ("whole", re.compile(r"\d{1,6}")))
MIN_FIGURES = 3         # cells of the column's shape that make it a column of figures
INSET = 0.06            # of an inch kept off each side of a cell: its rules are no text
_HAS_FIGURE = re.compile(r"\d")


def shape(text: str) -> str | None:
    return next((name for name, rx in SHAPES if rx.fullmatch(text)), None)


def _figurish(text: str) -> bool:
    """A cell read as a figure, or as a figure OCR garbled (`9346%`, `87/08%`): figures at least half its signs."""
    signs = text.replace(" ", "")
    return len(signs) >= 1 and 2 * sum(c.isdigit() for c in signs) >= len(signs)


def _columns(table) -> dict[int, list[int]]:
    """The table's cells by the column their left side stands at, top to bottom."""
    cols: dict[int, list[int]] = {}
    for n, c in sorted(enumerate(table.cells), key=lambda nc: nc[1][1]):
        cols.setdefault(round(c[0]), []).append(n)
    return cols


def _read(tsv: str) -> list[tuple[str, float]]:
    rows = csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [((r.get("text") or "").strip(), float(r.get("conf") or -1), int(r["top"]) + int(r["height"]) / 2)
            for r in rows if r.get("level") == "5" and (r.get("text") or "").strip()]


def stacked(image, boxes: list[tuple[int, int, int, int]], gap: int):
    """The cells cut out and stacked one under another on white, `gap` apart; each one's (top, bottom) in it."""
    from PIL import Image

    width = max(b[2] - b[0] for b in boxes) + 2 * gap
    height = sum(b[3] - b[1] for b in boxes) + gap * (len(boxes) + 1)
    strip = Image.new("L", (width, height), 255)
    spans, y = [], gap
    for b in boxes:
        strip.paste(image.crop(b).convert("L"), (gap, y))
        spans.append((y, y + b[3] - b[1]))
        y += b[3] - b[1] + gap
    return strip, spans


def read_strip(read, strip, dpi: float) -> list[tuple[str, float, float]] | None:
    """A strip read by the `eng` model as a block: (word, confidence, middle height); None without the model."""
    try:
        return _read(read(strip, dpi, "eng", 6))
    except (RuntimeError, OSError, subprocess.SubprocessError):
        return None


def reread(tables: list, by_cell: list[list[list[dict]]], image, dpi: float, read) -> None:
    """Each table's columns of figures read again by the `eng` model, a column's cells cut out and stacked
    into one strip read as a block (`read(strip, dpi, lang, psm)` → TSV: one Tesseract call a column; one
    strip for the whole page read `77,51%` as `71,51%` on a measured page); a cell's words replaced in
    `by_cell` when the new reading is one figure."""
    scale, inset = dpi / 72.0, round(INSET * dpi)
    for table, cells in zip(tables, by_cell):
        for column in _columns(table).values():
            texts = [" ".join(w["text"] for w in cells[n]) for n in column]
            figures = [k for k, t in enumerate(texts) if _figurish(t)]
            if len(figures) < MIN_FIGURES or len(figures) * 2 < sum(1 for t in texts if t):
                continue
            todo = []
            for n, text in zip(column[figures[0]:], texts[figures[0]:]):    # the heading rows above stay
                x0, top, x1, bottom = table.cells[n]
                box = (round(x0 * scale) + inset, round(top * scale) + inset,
                       round(x1 * scale) - inset, round(bottom * scale) - inset)
                if text and (_HAS_FIGURE.search(text) or len(text) <= 6) and box[2] - box[0] > inset \
                        and box[3] - box[1] > inset:
                    todo.append((n, box))
            if not todo:
                continue
            strip, spans = stacked(image, [b for _, b in todo], inset * 2)
            words = read_strip(read, strip, dpi)
            if words is None:                   # no `eng` model: the page's reading stays
                return
            for (n, box), (y0, y1) in zip(todo, spans):
                got = [w for w in words if y0 <= w[2] < y1]
                if len(got) == 1 and shape(got[0][0]):
                    cells[n] = [{"text": got[0][0], "conf": got[0][1], "x0": box[0], "x1": box[2],
                                 "top": box[1], "bottom": box[3]}]
