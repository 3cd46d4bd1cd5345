"""Read again the number and the day a clerk wrote by hand in the header of a scanned page 1.

A paper document gets its number and its day at the registry, after it is signed: `Số: 493 /TB-UBND`
and `ngày 13 tháng 11` are filled in with a pen, most often in blue ink, over the typed form's blanks.
Read with the page, Tesseract's Vietnamese model takes the handwriting for letters (`Só:¿92/TB-UBND`,
`ngày J2 tháng`), so the record loses its identifier and its issue date.

Blue ink is set apart from the black type and the red seal by its colour. On page 1 (rendered in
colour), the blue strokes of the top of the page are grouped into marks; a mark that lies on the
number line (`Số:` … `/CODE`) or on the place-and-date line (`ngày … tháng … năm`) is read again on
its own, strokes only, with digits alone allowed, and replaces the field it fills when that field does
not already read as a number of the right kind. Nothing changes for a page in greyscale, for typed
fields, or for a mark that does not read as digits.
"""
from __future__ import annotations

import dataclasses
import re
import subprocess

import numpy as np
from PIL import Image, ImageFilter

TOP_SHARE = 0.4          # the header: the top share of page 1
BLUE_MARGIN = 35         # blue channel above red by this much: ballpoint or ink-pen blue, not the red seal
MIN_STROKE_PX = 40       # blue pixels a mark needs (a speck of scanner colour noise has fewer)
GAP_INCH = 0.25          # blue columns further apart than this are two marks
LINE_SLACK_PT = 9.0      # how far above a line's top or below its baseline a mark may reach (handwriting is tall)
LINE_HEIGHT_PT = 16.0
DIGIT_HEIGHT_PX = 24     # a mark's height when read

NUMBER_LINE = re.compile(r"^(?P<lead>\s*S\S{0,2}\s*:?\s*)(?P<field>.*?)(?P<code>\s*/\s*[A-ZĐ].*)$")
DATE_LINE = re.compile(r"(?P<day_word>ngày)\s*(?P<day>\S*?)\s*(?P<month_word>tháng)\s*(?P<month>\S*?)\s*(?P<year_word>năm)")


def blue_marks(image: Image.Image, dpi: float) -> list[tuple[int, int, int, int, np.ndarray]]:
    """(x0, y0, x1, y1, strokes) of the blue marks of the top of `image` (RGB), strokes as a boolean mask."""
    top = image.crop((0, 0, image.width, int(image.height * TOP_SHARE)))
    rgb = np.asarray(top, dtype=np.int16)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    ink = (b - r > BLUE_MARGIN) & (b - g > BLUE_MARGIN // 3) & (r < 170)
    if ink.sum() < MIN_STROKE_PX:
        return []
    marks = []
    rows = np.nonzero(ink.any(axis=1))[0]
    for band in _runs(rows, int(dpi * 0.12)):
        y0, y1 = band[0], band[-1] + 1
        cols = np.nonzero(ink[y0:y1].any(axis=0))[0]
        for run in _runs(cols, int(dpi * GAP_INCH)):
            x0, x1 = run[0], run[-1] + 1
            mask = ink[y0:y1, x0:x1]
            if mask.sum() >= MIN_STROKE_PX:
                marks.append((int(x0), int(y0), int(x1), int(y1), mask))
    return marks


def _runs(values: np.ndarray, gap: int) -> list[np.ndarray]:
    """Sorted indices cut where two neighbours are more than `gap` apart."""
    if not len(values):
        return []
    cuts = np.nonzero(np.diff(values) > gap)[0] + 1
    return np.split(values, cuts)


def read_digits(mask: np.ndarray, both: bool = False) -> str:
    """The digits of a mark's strokes, or `` when unsure: drawn black on white at the height Tesseract reads
    digits best (about 24 px), read as one line of digits with the strokes as drawn and thickened; only a
    reading one of them gives and the other does not contradict, with as many digits as the mark is wide,
    counts (handwriting is misread too often for a single guess to become a document's number)."""
    readings = [_tesseract_digits(mask, thicken) for thicken in (False, True)]
    if both and readings[0] != readings[1]:
        return ""                 # a day or a month: one or two digits, too easily misread to take one guess
    readings = set(readings) - {""}
    if len(readings) != 1:
        return ""                 # none, or two that disagree
    digits = readings.pop()
    wide = mask.shape[1] / max(1, mask.shape[0])      # a handwritten digit is about as wide as it is tall
    return digits if 0.5 * wide <= len(digits) <= 2 + 2 * wide else ""


def _tesseract_digits(mask: np.ndarray, thicken: bool) -> str:
    pad = 12
    canvas = np.full((mask.shape[0] + 2 * pad, mask.shape[1] + 2 * pad), 255, dtype=np.uint8)
    canvas[pad:pad + mask.shape[0], pad:pad + mask.shape[1]][mask] = 0
    img = Image.fromarray(canvas, "L")
    if thicken:
        img = img.filter(ImageFilter.MinFilter(3))
    factor = DIGIT_HEIGHT_PX / max(1, mask.shape[0])
    img = img.resize((max(1, round(img.width * factor)), max(1, round(img.height * factor))), Image.LANCZOS)
    header = f"P5\n{img.width} {img.height}\n255\n".encode()
    out = subprocess.run(["tesseract", "stdin", "stdout", "--psm", "7", "-c", "tessedit_char_whitelist=0123456789"],
                         input=header + img.tobytes(), capture_output=True, timeout=60).stdout.decode("utf-8", "replace")
    return re.sub(r"\D", "", out)


def reread(page, image: Image.Image, dpi: float):
    """`page` (the OcrPage of page 1) with a handwritten number or day put in its field (see the module)."""
    if image.mode != "RGB" or page.page != 1:
        return page
    marks = blue_marks(image, dpi)
    if not marks:
        return page
    scale = 72.0 / dpi
    lines = list(page.lines)
    for k, line in enumerate(lines):
        number = NUMBER_LINE.match(line.text)
        date = DATE_LINE.search(line.text)
        if not (number or date):
            continue
        near = [m for m in marks if line.top - LINE_SLACK_PT <= (m[1] + m[3]) / 2 * scale
                <= line.top + LINE_HEIGHT_PT + LINE_SLACK_PT and line.left - 20 <= m[0] * scale <= line.right + 20]
        if not near:
            continue
        text = line.text
        if number and not re.fullmatch(r"\s*\d{1,6}\s*", number.group("field")):
            digits = read_digits(near[0][4])
            if 1 <= len(digits) <= 6:
                text = number.group("lead") + digits + " " + number.group("code").lstrip()
        elif date:
            text = _fill_date(line, date, sorted(near, key=lambda m: m[0]), scale)
        if text != line.text:
            lines[k] = dataclasses.replace(line, text=text, words=_words(text))
    return dataclasses.replace(page, lines=lines)


def _fill_date(line, m: re.Match, marks: list, scale: float) -> str:
    """The date line with its handwritten day (and month) read from the marks, a mark going to the field
    whose place on the line it lies nearest (the line's width shared out by its characters)."""
    text = line.text
    width = max(1.0, line.right - line.left)

    def x_of(i: int) -> float:
        return line.left + width * i / max(1, len(text))

    fields = {"day": (range(1, 32), m.start("day_word"), m.end("day_word")),
              "month": (range(1, 13), m.start("month_word"), m.end("month_word"))}
    filled = {}
    for mark in marks:
        x = (mark[0] + mark[2]) / 2 * scale
        name = min(fields, key=lambda f: abs(x - x_of(fields[f][2])))
        if name in filled or x < x_of(fields[name][1]):
            continue
        current = m.group(name)
        if current.isdigit() and int(current) in fields[name][0]:
            continue
        digits = read_digits(mark[4], both=True)
        if digits and int(digits) in fields[name][0]:
            filled[name] = digits
    if not filled:
        return text
    day = filled.get("day", m.group("day"))
    month = filled.get("month", m.group("month"))
    return text[:m.start()] + f"ngày {day} tháng {month} năm" + text[m.end():]


def _words(text: str) -> list[tuple[int, int, float]]:
    """Word spans of a rewritten line (the confidence of a re-read field is not known: 0)."""
    return [(w.start(), w.end(), 0.0) for w in re.finditer(r"\S+", text)]
