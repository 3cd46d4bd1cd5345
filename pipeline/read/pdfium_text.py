"""PDFium's text layer as characters and words, and where a page's images and ruled lines lie.

Both come from PDFium in C (pypdfium2): pdfminer, under pdfplumber, interprets every drawing
operator in Python, which costs seconds on pages full of table rules. Coordinates are top-down
(`top` grows down the page), like pdfplumber's, so one line builder serves both readers.
"""
from __future__ import annotations

import ctypes
from functools import lru_cache


@lru_cache(maxsize=None)
def _char_calls():
    """PDFium's per-character functions without ctypes argument checking: pypdfium2 declares their
    argument types, and converting four pointers through them costs more than the call itself
    (three calls for every character of every page). The arguments given are always of the right
    C types (the text page's handle, an int, pointers to doubles or to an FS_MATRIX).

    The functions are PYFUNCTYPE: they keep the GIL, which a call of well under a microsecond
    gains nothing by letting go (13% of the character loop went to releasing and taking it back);
    PDFium calls nothing back and is not to be used from two threads at once anyway."""
    import pypdfium2.raw as pdfium_c

    def bare(fn, restype):
        return ctypes.PYFUNCTYPE(restype)(ctypes.cast(fn, ctypes.c_void_p).value)

    return (bare(pdfium_c.FPDFText_GetCharBox, ctypes.c_int), bare(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int),
            bare(pdfium_c.FPDFText_GetFontSize, ctypes.c_double), bare(pdfium_c.FPDFText_GetMatrix, ctypes.c_int))


@lru_cache(maxsize=None)
def _object_calls():
    """PDFium's per-object functions of the page walk without ctypes argument checking, as
    `_char_calls`: a page of text has hundreds of objects, each asked its type and bounds. An
    object comes back as pypdfium2's FPDF_PAGEOBJECT, so the functions taking one get it as such;
    bounds are written into c_floats passed by reference."""
    import pypdfium2.raw as pdfium_c

    def bare(fn, restype):
        return ctypes.PYFUNCTYPE(restype)(ctypes.cast(fn, ctypes.c_void_p).value)

    return (bare(pdfium_c.FPDFPage_GetObject, pdfium_c.FPDF_PAGEOBJECT), bare(pdfium_c.FPDFPageObj_GetType, ctypes.c_int),
            bare(pdfium_c.FPDFPageObj_GetBounds, ctypes.c_int))


_HYPHEN = "\ufffe"      # PDFium's mark for a hyphen that broke the line
# what breaks a word: NUL and every character str.isspace() calls a space (tests/test_speed.py
# checks the list against the Unicode database); a set, as the test runs for every character
_BREAKS = frozenset("\x00\x09\x0a\x0b\x0c\x0d\x1c\x1d\x1e\x1f\x20\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
                    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


def pdfium_chars(textpage, height: float) -> list[dict | None]:
    """PDFium's characters with boxes in top-down coordinates; None breaks a word; a hyphen
    that broke the line is marked `hyphen` (with a box when PDFium gave it one).

    PDFium's C functions are called directly (`_char_calls`), with the ctypes arguments made once
    per page: the loop runs for every character of every page, and pypdfium2's `get_charbox`
    wrapper made four new doubles per character."""
    import pypdfium2.raw as pdfium_c
    from pypdfium2 import PdfiumError

    n = textpage.count_chars()
    if n <= 0:
        return []
    text = textpage.get_text_range(0, n)
    raw = textpage.raw
    left, right, low, high = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    x, y = ctypes.c_double(), ctypes.c_double()
    matrix = pdfium_c.FS_MATRIX()
    # the arguments spelled out, not unpacked from a tuple: the call runs three times a character
    b_left, b_right, b_low, b_high = ctypes.byref(left), ctypes.byref(right), ctypes.byref(low), ctypes.byref(high)
    o_x, o_y = ctypes.byref(x), ctypes.byref(y)
    matrix_ref = ctypes.byref(matrix)
    char_box, char_origin, font_size, char_matrix = _char_calls()
    out: list[dict | None] = []
    append = out.append
    breaks = _BREAKS
    for i, ch in enumerate(text[:n]):
        if ch in breaks:
            append(None)
            continue
        if not char_box(raw, i, b_left, b_right, b_low, b_high):
            raise PdfiumError("Failed to get charbox.")
        x0, x1 = left.value, right.value
        if x1 <= x0 or not char_origin(raw, i, o_x, o_y):
            append({"hyphen": True} if ch == _HYPHEN else None)
            continue
        # rows are told apart by the baseline, the same for every font on a line; the size
        # is the font's times the text matrix's scale: old PDFs set size 1 and scale by 16, OCR
        # text layers set size 328 and scale by 0.037
        size = font_size(raw, i)
        if not size > 1.0:          # max(1.0, size), without the call
            size = 1.0
        if size < 2.0 or size > 72.0:
            if char_matrix(raw, i, matrix_ref):
                scale = abs(matrix.d) if matrix.d else abs(matrix.b)
                size = max(size, size * scale) if size < 2.0 else max(1.0, size * scale)
        bottom = height - y.value
        if ch == _HYPHEN:
            append({"ch": ch, "x0": x0, "x1": x1, "top": bottom - size, "bottom": bottom, "size": size, "hyphen": True})
        else:
            append({"ch": ch, "x0": x0, "x1": x1, "top": bottom - size, "bottom": bottom, "size": size})
    return out


def words_from_chars(chars: list[dict | None]) -> list[dict]:
    """Characters joined into words: same baseline, no more than a small gap apart.

    The word being built is kept in local variables and written out when it ends (the loop runs
    for every character, and a cell's characters are joined again for each table cell)."""
    words: list[dict] = []
    text = None         # the current word's text; None between words
    x0 = x1 = top = bottom = 0.0
    for c in chars:
        if c is None:
            if text is not None:
                words.append({"x0": x0, "x1": x1, "top": top, "bottom": bottom, "text": text})
                text = None
            continue
        if c.get("hyphen"):
            if text is not None:
                text += "-"
                continue
            if "ch" not in c:
                continue
        size = c["size"]
        cb = c["bottom"]
        if text is not None and abs(bottom - cb) <= 0.5 * size and -0.5 * size <= c["x0"] - x1 <= 0.6 * size:
            text += c["ch"]
            # as max() and min() do: the first value is kept on a tie
            cx1, ct = c["x1"], c["top"]
            if cx1 > x1:
                x1 = cx1
            if ct < top:
                top = ct
            if cb > bottom:
                bottom = cb
        else:
            if text is not None:
                words.append({"x0": x0, "x1": x1, "top": top, "bottom": bottom, "text": text})
            x0, x1, top, bottom, text = c["x0"], c["x1"], c["top"], cb, c["ch"]
    if text is not None:
        words.append({"x0": x0, "x1": x1, "top": top, "bottom": bottom, "text": text})
    return words


def page_chars(page, height: float | None = None) -> list[dict | None]:
    textpage = page.get_textpage()
    try:
        return pdfium_chars(textpage, page.get_height() if height is None else height)
    finally:
        textpage.close()


def pdfium_words(page) -> list[dict]:
    """Words with their boxes from PDFium's text layer (top-down coordinates, like pdfplumber's)."""
    return words_from_chars(page_chars(page))


def _apply(m, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _compose(inner, outer):
    """The matrix doing `inner` then `outer`."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


# A path whose box is at most this thin (points) and at least RULE_MIN_LENGTH long is a rule: Word and
# LibreOffice draw a table's borders as thin filled rectangles, other writers as stroked lines.
RULE_THICKNESS = 3.0
RULE_MIN_LENGTH = 4.0
# A stroked path of more segments than this is a drawing (a map, a chart, a signature's ink), not a grid.
RULE_MAX_SEGMENTS = 1000


def page_objects(page, rules: bool = True, max_depth: int = 3) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """(image boxes, horizontal rules, vertical rules) of a page, in one walk over its page objects.

    Image boxes are page-space `(left, bottom, right, top)`, those inside form XObjects (a signature
    stamp's appearance, a scan wrapped in a form) included: their bounds are in the form's space,
    mapped to the page through the forms' matrices. Rules are the straight lines a table's grid is
    drawn with, in top-down coordinates like the characters': horizontal `(y, x0, x1)`, vertical
    `(x, top, bottom)`; with `rules=False` paths are not read."""
    import pypdfium2.raw as pdfium_c

    height = page.get_height()
    boxes: list[tuple] = []
    hrules: list[tuple] = []
    vrules: list[tuple] = []
    l, b, r, t = (ctypes.c_float() for _ in range(4))
    bounds_args = ctypes.byref(l), ctypes.byref(b), ctypes.byref(r), ctypes.byref(t)
    page_object, object_type, object_bounds = _object_calls()
    image_kind, path_kind, form_kind = pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM

    def page_box(matrix):
        if matrix is None:
            return l.value, b.value, r.value, t.value
        pts = [_apply(matrix, x, y) for x in (l.value, r.value) for y in (b.value, t.value)]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        return min(xs), min(ys), max(xs), max(ys)

    def walk(handle, count, get, matrix, depth):
        for i in range(count(handle)):
            obj = get(handle, i)
            kind = object_type(obj)
            if kind == path_kind and rules:
                if object_bounds(obj, *bounds_args):
                    _path_rules(obj, page_box(matrix), matrix, height, hrules, vrules)
            elif kind == image_kind:
                if object_bounds(obj, *bounds_args):
                    boxes.append(page_box(matrix))
            elif kind == form_kind and depth < max_depth:
                m = pdfium_c.FS_MATRIX()
                if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
                    continue
                own = (m.a, m.b, m.c, m.d, m.e, m.f)
                walk(obj, pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject,
                     own if matrix is None else _compose(own, matrix), depth + 1)

    walk(page.raw, pdfium_c.FPDFPage_CountObjects, page_object, None, 0)
    return boxes, hrules, vrules


def _path_rules(obj, box, matrix, height: float, hrules: list, vrules: list) -> None:
    """The rules a path draws: a thin box is one rule along its middle; a stroked path of other
    shape (a cell's outline, a grid drawn as one path) gives its straight horizontal and vertical
    segments. A filled shape that is not thin (a shaded cell) draws none."""
    import pypdfium2.raw as pdfium_c

    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    if h <= RULE_THICKNESS and w >= RULE_MIN_LENGTH and w > 2 * h:
        hrules.append((height - (y0 + y1) / 2, x0, x1))
        return
    if w <= RULE_THICKNESS and h >= RULE_MIN_LENGTH and h > 2 * w:
        vrules.append(((x0 + x1) / 2, height - y1, height - y0))
        return
    if w < RULE_MIN_LENGTH and h < RULE_MIN_LENGTH:
        return
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)) or not stroke.value:
        return
    count = pdfium_c.FPDFPath_CountSegments(obj)
    if count > RULE_MAX_SEGMENTS:
        return
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return
    own = (m.a, m.b, m.c, m.d, m.e, m.f)
    full = own if matrix is None else _compose(own, matrix)
    x, y = ctypes.c_float(), ctypes.c_float()
    start = prev = None
    for i in range(count):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        if not pdfium_c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
            continue
        point = _apply(full, x.value, y.value)
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        if kind == pdfium_c.FPDF_SEGMENT_LINETO and prev is not None:
            _add_segment(prev, point, height, hrules, vrules)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        prev = point
        if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None:
            _add_segment(point, start, height, hrules, vrules)
            prev = start


def _add_segment(p, q, height: float, hrules: list, vrules: list) -> None:
    (px, py), (qx, qy) = p, q
    if abs(py - qy) <= 1 and abs(px - qx) >= RULE_MIN_LENGTH:
        hrules.append((height - (py + qy) / 2, min(px, qx), max(px, qx)))
    elif abs(px - qx) <= 1 and abs(py - qy) >= RULE_MIN_LENGTH:
        vrules.append(((px + qx) / 2, height - max(py, qy), height - min(py, qy)))


def image_boxes(page) -> list[tuple[float, float, float, float]]:
    """Page-space boxes of the page's images (`page_objects`)."""
    return page_objects(page, rules=False)[0]


def image_share(page, boxes: list[tuple] | None = None) -> float:
    """Share of the page under images, from PDFium's page objects."""
    area = page.get_width() * page.get_height()
    covered = sum(max(0.0, (r - l) * (t - b)) for l, b, r, t in (image_boxes(page) if boxes is None else boxes))
    return min(1.0, covered / area) if area else 0.0


def rows_of(words: list[dict]) -> list[list[dict]]:
    """Words grouped into rows by their tops (within 3 points), top to bottom: the rows the
    line builder makes."""
    rows: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - w["top"]) <= 3:
            rows[-1].append(w)
        else:
            rows.append([w])
    return rows
