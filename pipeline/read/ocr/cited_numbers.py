"""The numbers of a scanned page's citations read again by the Latin model.

Why: Tesseract's `vie` model misreads the figures of a cited number more than its letters (`31-HD/BTCTW` read
`311-HD/BTCTW`, `76/NQ-CP` read `70/NQ-CP`), and a citation with one wrong figure is another document. The
`eng` model, whose training holds far more figures, reads them better (table_figures.py measured the same on
a table's figures). Each word of the page that opens with a number and its code is cut out, the words are
stacked into one strip read once as a block, and a word takes the new number only when the new reading has
the same code (its `Đ` read as `D` by the Latin model, which has none): the letters stay `vie`'s, but for one
or two capitals `vie` put in that the Latin reading has not (`59-CV/BCPĐ` read `59-CV/BCD`: `BCĐ`).
Over the 239 cited words of 33 scanned dev PDFs, 9 changed, each to its original's reading.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.read.ocr import table_figures
from pipeline.read.ocr.table_figures import read_strip, stacked

# the number with the strokes `vie` reads into it (`31l-HD`, which the lookalike pass makes `311-HD`)
_CITED = re.compile(r"(\d[\dIl|]{0,6}|[Il|]\d[\dIl|]{0,5})((?:/(?:19|20)\d{2})?[/-](?:[A-ZĐ][\w&./-]*)?)([,.;:)]*)")
_DIGITS = re.compile(r"\d{1,6}")
PAD_INCH = 0.03


def _code(rest: str) -> str:
    return rest.replace("Đ", "D").replace("Ð", "D").rstrip(",.;:)")


def reread(lines: dict[tuple, list[dict]], image, dpi: float, read) -> None:
    """The page's words (`parse_tsv`'s, in pixels) that open with a number and its code, their numbers read
    again by the `eng` model (`read(strip, dpi, lang, psm)` → TSV); a word's number replaced in place."""
    pad = round(PAD_INCH * dpi)
    todo = [w for ws in lines.values() for w in ws if _CITED.fullmatch(w["text"])]
    if not todo:
        return
    boxes = [(max(0, w["x0"] - pad), max(0, w["top"] - pad), min(image.width, w["x1"] + pad),
              min(image.height, w["bottom"] + pad)) for w in todo]
    strip, spans = stacked(image, boxes, 2 * pad)
    words = read_strip(read, strip, dpi)
    if words is None:
        return
    for w, (y0, y1) in zip(todo, spans):
        got = [g for g in words if y0 <= g[2] < y1]
        if len(got) != 1:
            continue
        old, new = _CITED.fullmatch(w["text"]), _CITED.fullmatch(got[0][0])
        if not new:
            continue
        code = old.group(2)
        if _code(new.group(2)) != _code(code):
            code = _without_specks(code, _code(new.group(2)))
        if code is None:
            continue
        number = new.group(1) if _DIGITS.fullmatch(new.group(1)) else old.group(1)
        w["text"] = number + code + old.group(3)


def _without_specks(code: str, latin: str) -> str | None:
    """`vie`'s code without the one or two letters `vie` put in that the Latin reading has not (`/BCPĐ` read
    `/BCD` → `/BCĐ`, `-KGVXNNYV` read `-KGVXNV` → `-KGVXNV`); None when the readings differ otherwise (the
    Latin model reads `Đ` as `D`, `DB`, and `Q` as `O`: what it has more, or other, is no guide; a small letter
    is a code's own, `TTr`, and stays)."""
    folded = _code(code)
    code = code[:len(folded)]
    extra = len(folded) - len(latin)
    if not 1 <= extra <= 2:
        return None
    keep, j = [], 0
    for k, c in enumerate(folded):
        if j < len(latin) and c == latin[j]:
            keep.append(k)
            j += 1
        elif not c.isupper():               # a figure, a mark or a code's own small letter (`TTr`) stays
            return None
    if j < len(latin) or len(keep) != len(latin):
        return None
    return "".join(code[k] for k in keep)


@dataclass
class Rereads:
    """What a page's figures are read again from: the prepared page, and Tesseract (`ocr.run_tesseract`)."""
    image: object
    dpi: float
    read: object

    def cells(self, tables, by_cell) -> None:
        table_figures.reread(tables, by_cell, self.image, self.dpi, self.read)

    def numbers(self, lines) -> None:
        reread(lines, self.image, self.dpi, self.read)
