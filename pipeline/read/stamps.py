"""Signature stamps: the number and day that e-signing software prints over a blank header.

Since e-signing, many signed PDFs carry `Số: 542` and `ngày 06` only in the appearance of a
signature Widget annotation that the signing software (VNPT SmartCA, the Government CA's
tools, iText-based ones) adds to page 1; the page's own text layer reads `Số:   /TB-UBND` and
`ngày   tháng 11 năm 2024`. The page is flattened in memory so PDFium reads the appearances as
text; what the flattening added is placed into the rows it covers. A stamp that is only an image
leaves the blank: page 1's blank number or day under an image is then read by Tesseract, and
kept only when it read clean digits.
"""
from __future__ import annotations

import ctypes
import re

from pipeline.read.pdfium_text import image_boxes, rows_of, words_from_chars

SNAP_OVERLAP = 0.5     # a stamp word joins a text row it overlaps by this share of its height
MAX_STAMP_CHARS = 600  # more new characters than this after flattening is not a signature stamp


def widget_rects(page) -> list[tuple[float, float, float, float]]:
    """Rectangles (left, bottom, right, top) of the page's Widget annotations."""
    import pypdfium2.raw as pdfium_c

    rects = []
    for i in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
        annot = pdfium_c.FPDFPage_GetAnnot(page.raw, i)
        if not annot:
            continue
        try:
            if pdfium_c.FPDFAnnot_GetSubtype(annot) != pdfium_c.FPDF_ANNOT_WIDGET:
                continue
            r = pdfium_c.FS_RECTF()
            if pdfium_c.FPDFAnnot_GetRect(annot, ctypes.byref(r)):
                rects.append((min(r.left, r.right), min(r.bottom, r.top), max(r.left, r.right), max(r.bottom, r.top)))
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return rects


def appearances_draw_text(page) -> bool:
    """Whether an annotation of the page draws text in its appearance (its normal appearance stream, form
    XObjects within it included): what `flatten` would add to the page's text layer comes from there.

    Why: e-signing software puts its signature Widgets on every page, and past page 1 they mostly draw only
    the signature's image; such a page was flattened, loaded and read again (`page_chars`) and the two
    readings compared character by character (`stamp_words`) to find no new character, on every page of
    every signed PDF. Over the dev and scans PDFs, 24 of 55 flattened pages drew no text, and none of
    them gained a character; the 31 that drew text each gained some."""
    import pypdfium2.raw as pdfium_c

    def draws(count, get, parent, depth: int = 0) -> bool:
        for j in range(count(parent)):
            obj = get(parent, j)
            kind = pdfium_c.FPDFPageObj_GetType(obj) if obj else None
            if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
                return True
            if kind == pdfium_c.FPDF_PAGEOBJ_FORM and (
                    depth >= 16 or draws(pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject, obj,
                                         depth + 1)):
                return True       # (a form nested deeper than any stamp's is taken to draw text)
        return False

    for i in range(pdfium_c.FPDFPage_GetAnnotCount(page.raw)):
        annot = pdfium_c.FPDFPage_GetAnnot(page.raw, i)
        if not annot:
            continue
        try:
            if draws(pdfium_c.FPDFAnnot_GetObjectCount, pdfium_c.FPDFAnnot_GetObject, annot):
                return True
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return False


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def snap_to_rows(new: list[dict], words: list[dict]) -> list[dict]:
    """Give each new word the top and bottom of the text row it lies on, so the line builder
    places it inside that row (`Số:` `542` `/TB-UBND`) rather than on a line of its own."""
    rows = [(min(w["top"] for w in r), max(w["bottom"] for w in r), r[0]["top"]) for r in rows_of(words)]
    for w in new:
        h = max(1.0, w["bottom"] - w["top"])
        best = max(rows, key=lambda r: _overlap(w["top"], w["bottom"], r[0], r[1]), default=None)
        if best and _overlap(w["top"], w["bottom"], best[0], best[1]) >= SNAP_OVERLAP * min(h, best[1] - best[0]):
            w["top"], w["bottom"] = best[2], best[2] + h
    return new


def _pin_mediabox(page) -> None:
    import pypdfium2.raw as pdfium_c

    l, b, r, t = (ctypes.c_float() for _ in range(4))
    if pdfium_c.FPDFPage_GetMediaBox(page.raw, l, b, r, t):
        return
    box = pdfium_c.FS_RECTF()
    if pdfium_c.FPDF_GetPageBoundingBox(page.raw, ctypes.byref(box)):
        pdfium_c.FPDFPage_SetMediaBox(page.raw, box.left, min(box.bottom, box.top), box.right, max(box.bottom, box.top))


class _Rounded(dict):
    """round(v, 1) of each value looked up, computed once: the characters before and after the
    flattening share their coordinates, and a row's characters their baseline."""

    def __missing__(self, v: float) -> float:
        out = self[v] = round(v, 1)
        return out


def flatten(page) -> bool:
    """Flatten the page's Widget annotations into its content, in memory (PDFium `FPDFPage_Flatten`,
    print appearances); False when PDFium flattened nothing. The page must be loaded again to be
    read: flattening invalidates its handles.

    PDFium's flattening writes a Letter MediaBox into a page that inherited its own: the inherited
    one is written into the page first, so coordinates stay where they were."""
    import pypdfium2.raw as pdfium_c

    _pin_mediabox(page)
    return pdfium_c.FPDFPage_Flatten(page.raw, pdfium_c.FLAT_PRINT) == pdfium_c.FLATTEN_SUCCESS


def stamp_words(before: list, after: list, words: list[dict]) -> list[dict]:
    """Words printed only by the Widget annotations' appearances of a page: `before` and `after`
    are its characters (`page_chars`) read before and after `flatten`, in the same coordinates.

    Characters that were not in the text layer before are the stamps'. A stamp character
    drawn over the same character of the text layer (a stamp repeating the line) is dropped;
    one drawn over another is kept (`10797` whose last digit runs into `/QĐ`). The words
    are snapped to the rows they cover. The document is changed in memory only.
    """
    r1 = _Rounded()
    old = [c for c in before if c and "ch" in c]
    seen: dict[tuple, int] = {}
    same_char: dict[str, list[dict]] = {}     # the layer's characters by character: a stamp's is compared with those
    for c in old:
        key = (c["ch"], r1[c["x0"]], r1[c["bottom"]])
        seen[key] = seen.get(key, 0) + 1
        same_char.setdefault(c["ch"], []).append(c)
    if len([c for c in after if c and "ch" in c]) - len(old) > MAX_STAMP_CHARS:
        return []       # not a stamp: the flattening moved the page's own text (never seen)
    fresh: list[dict | None] = []
    for c in after:
        if c is None or "ch" not in c:
            fresh.append(None if c is None else c)
            continue
        key = (c["ch"], r1[c["x0"]], r1[c["bottom"]])
        if seen.get(key):
            seen[key] -= 1
            fresh.append(None)
            continue
        if any(_overlap(c["x0"], c["x1"], o["x0"], o["x1"]) > 0.5 * min(c["x1"] - c["x0"], o["x1"] - o["x0"])
               and _overlap(c["top"], c["bottom"], o["top"], o["bottom"]) > 0.5 * min(c["size"], o["size"])
               for o in same_char.get(c["ch"], ())):
            fresh.append(None)
            continue
        fresh.append(c)
    return fill_blanks(snap_to_rows(words_from_chars(fresh), words), words)


_BEFORE_BLANK = re.compile(r"^(?:S[ốô]\s*:?|ngày|tháng)$", re.I)
_AFTER_BLANK = re.compile(r"^(?:/.*|tháng|năm)$", re.I)


def fill_blanks(new: list[dict], words: list[dict]) -> list[dict]:
    """A stamped value that sits in the blank of `Số:   /QĐ-UBND` or `ngày   tháng` is widened
    to fill it, so the blank's width no longer reads as a column gap (`ngày 12` | `tháng 3`)."""
    rows = rows_of(words)
    for w in new:
        h = max(1.0, w["bottom"] - w["top"])
        row = next((r for r in rows if abs(r[0]["top"] - w["top"]) <= 3), None)
        if not row:
            continue
        mid = (w["x0"] + w["x1"]) / 2
        prev = max((o for o in row if (o["x0"] + o["x1"]) / 2 < mid), key=lambda o: o["x1"], default=None)
        nxt = min((o for o in row if (o["x0"] + o["x1"]) / 2 > mid), key=lambda o: o["x0"], default=None)
        if prev is None or nxt is None or prev["x1"] > w["x0"] + 1 or nxt["x0"] < w["x1"] - 1:
            continue    # not inside a blank: leave it where it is
        if _BEFORE_BLANK.match(prev["text"]) or _AFTER_BLANK.match(nxt["text"]):
            w["x0"] = min(w["x0"], prev["x1"] + 0.3 * h)
            w["x1"] = max(w["x1"], nxt["x0"] - 0.3 * h)
    return new


# ---------------------------------------------------------------- blank number or day under an image stamp

_NUMBER_LABEL = re.compile(r"^S[ốô]\s*:?$", re.I)
_DAY_LABEL = re.compile(r"^ngày$", re.I)
_MIN_GAP = 6.0          # points between the label and what follows: room for a digit


def header_blanks(words: list[dict], height: float) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Blanks of the page's header: [("number"|"day", (x0, top, x1, bottom))] between `Số:` and
    `/TB-UBND`, and between `ngày` and `tháng`, in the top third of the page."""
    blanks = []
    for row in rows_of(words):
        if row[0]["top"] > height / 3:
            break
        row.sort(key=lambda w: w["x0"])
        for a, b in zip(row, row[1:]):
            gap = b["x0"] - a["x1"]
            if gap < _MIN_GAP:
                continue
            top, bottom = min(a["top"], b["top"]), max(a["bottom"], b["bottom"])
            if _NUMBER_LABEL.match(a["text"]) and b["text"].startswith("/"):
                blanks.append(("number", (a["x1"], top, b["x0"], bottom)))
            elif _DAY_LABEL.match(a["text"]) and b["text"].lower() == "tháng":
                blanks.append(("day", (a["x1"], top, b["x0"], bottom)))
    return blanks


def ocr_digits(image) -> str | None:
    """A one-line crop read by Tesseract `vie` (`--psm 7`); the digits when that is all it read."""
    from pipeline.read.ocr import ocr

    if not ocr.available():
        return None
    try:
        page = ocr.parse_tsv(ocr.run_tesseract(image, 300, "vie", psm=7), 1, 300, image.height)
    except (ocr.OcrUnavailable, OSError, ValueError):
        return None
    text = " ".join(line.text for line in page.lines).strip()
    return text if re.fullmatch(r"\d{1,6}", text) else None


def ocr_blank_words(pdf, index: int, words: list[dict], dpi: int = 300) -> list[dict]:
    """Number and day of the header that only an image stamp shows, read by OCR.

    Only blanks that an image covers are read (a draft's blank stays blank); the crop spans
    the blank and half a line above and below; the value is kept only when Tesseract read
    nothing but digits (a day 1-31).
    """
    if not header_blanks(words, float("inf")):
        return []           # no blank anywhere on the page, let alone in its top third: not loaded
    page = pdf[index]
    try:
        width, height = page.get_width(), page.get_height()
        blanks = header_blanks(words, height)
        if not blanks:
            return []
        images = [(l, height - t, r, height - b) for l, b, r, t in image_boxes(page)]   # top-down
        found = []
        for kind, (x0, top, x1, bottom) in blanks:
            line = bottom - top
            box = (x0 + 0.5, top - 0.5 * line, x1 - 0.5, bottom + 0.5 * line)
            if not any(_overlap(box[0], box[2], l, r) >= 0.5 * min(box[2] - box[0], r - l)
                       and _overlap(box[1], box[3], t, b) > 0 for l, t, r, b in images):
                continue
            crop = (box[0], height - box[3], width - box[2], box[1])     # left, bottom, right, top cut
            bitmap = page.render(scale=dpi / 72, crop=crop, grayscale=True, draw_annots=True)
            image = bitmap.to_pil().convert("L")
            value = ocr_digits(_pad(image))
            if value is None or (kind == "day" and not 1 <= int(value) <= 31):
                continue
            found.append({"x0": box[0], "x1": box[2], "top": top, "bottom": bottom, "text": value})
        return fill_blanks(found, words)
    finally:
        page.close()


def _pad(image):
    """A white margin around the crop: Tesseract reads a line poorly when it touches the edge."""
    from PIL import ImageOps

    return ImageOps.expand(image, border=20, fill=255)


# ---------------------------------------------------------------- a signing time printed beside a blank day

# the day blank (`ngày   tháng 5`), or a stamp's ink OCR'd in its place (`ngày C4 tháng 3`: no day of 1 to 31)
_BLANK_DAY = re.compile(r"\bngày\s+(?:(?P<ink>\S{1,3})\s+)?tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I)
_STAMP_TIME = re.compile(r"(?:Thời gian ký|Ngày ký|Giờ ký)\s*:\s*(?:(\d{4})-(\d{2})-(\d{2})|"
                         r"(?:\d{1,2}:\d{2}(?::\d{2})?\s*)?(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}))", re.I)


def stamped_date(first_page: str) -> str | None:
    """The issue date a signature stamp prints as its signing time (`Thời gian ký:
    2026-05-13T14:41:57+07:00`, `Ngày ký: 13/05/2026`) when the header leaves the day blank
    (`ngày   tháng 5 năm 2026`) or unreadable (`ngày C4 tháng 3`: the stamp's ink where OCR read the day)
    and the stamp's month and year are the header's; else None."""
    blank = _BLANK_DAY.search(first_page)
    ink = blank.group("ink") if blank else None
    if not blank or ink and (ink.isdigit() and 1 <= int(ink) <= 31 or not any(c.isdigit() for c in ink)):
        return None
    month, year = int(blank.group(2)), int(blank.group(3))
    for m in _STAMP_TIME.finditer(first_page):
        if m.group(1):
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        else:
            d, mo, y = int(m.group(4)), int(m.group(5)), int(m.group(6))
        if (y, mo) == (year, month) and 1 <= d <= 31:
            try:
                import datetime

                return datetime.date(y, mo, d).isoformat()
            except ValueError:
                return None
    return None
