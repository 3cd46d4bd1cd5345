"""The header as OCR leaves it: a number or day in the official shape only, a stamp's or a signature's ink told from
a name. Why apart: what reads a clean header should not have to carry the allowances made for a scan's."""
from __future__ import annotations

import re

from pipeline import rules
from pipeline.text.days import iso_day
from pipeline.text.spans import Line


def ocr_identifier(ident: str | None) -> str | None:
    """An OCR'd identifier only in the official shape; a hand-written number OCR garbled is None."""
    return ident if ident and rules.compiled(rules.load("ocr")["identifier"]).match(ident) else None


def number_below(lines: list[Line], i: int, m: re.Match) -> str | None:
    """A scan's `Số:` alone on its line and its number opening the next (OCR parted the label from it)."""
    if m.group("ident") or i + 1 >= len(lines) or not lines[i + 1].text.split():
        return None
    return ocr_identifier(lines[i + 1].text.split()[0].rstrip(",.;:"))


def ocr_place_date(text: str) -> re.Match | None:
    return rules.compiled(rules.load("ocr")["place_date"]).search(text)


def ocr_iso(m: re.Match) -> str | None:
    clean = rules.compiled(rules.load("ocr")["clean_day"])
    return iso_day(m.group("d"), m.group("m"), m.group("y")) if clean.match(m.group("d")) and clean.match(m.group("m")) else None


# A number as titles and names print it: a year, a term, a period, a count (`(2019-2025)`, `2025–2030`,
# `số 2`, `1.000`), with its brackets and separators. It is no ink: a debris test sets it aside.
NUMBER_TOKEN = re.compile(r"(?<!\S)\(?\d+(?:[-–/.,]\d+)*\)?[.,;:]?(?!\S)")


def is_debris(text: str) -> bool:
    """An OCR'd header line that is a stamp's edge or a signature's ink (`RIN,=T:`, `í`), not a
    name: under three letters, few letters among its characters, or few real syllables. Numbers
    written as numbers (`NHIỆM KỲ IV (2019-2025)`) are neither letters nor ink."""
    from pipeline.read.legacy import is_syllable

    chars = [c for c in NUMBER_TOKEN.sub(" ", text) if not c.isspace()]
    letters = sum(c.isalpha() for c in chars)
    words = re.findall(r"[^\W\d_]+", text)
    syllables = sum(1 for w in words if is_syllable(w) or (w.isupper() and len(w) <= 6))
    share = rules.load("ocr")["min_vietnamese"]
    return letters < 3 or letters < 0.8 * len(chars) or syllables < share * max(1, len(words))


def ocr_date_part(token: str, limit: int) -> int | None:
    """A day (limit 31) or month (12) of an OCR'd attachment line: digits and their lookalikes (`lŠ`, `I0`)."""
    table = str.maketrans(rules.load("ocr")["date_digit_lookalikes"])
    if not token or len(token) > 2 or (len(token) == 1 and not token.isdigit()):
        return None
    fixed = token.translate(table)
    return int(fixed) if fixed.isdigit() and 0 < int(fixed) <= limit else None


# a stamp's ink OCR'd left of the title's opening `Về` (`Ig-Q612/2G20 -| Về các nhiệm vụ …`: the `ĐẾN` stamp's number
# and day, printed across the header by the office that received the document)
_INK_BEFORE_SUBJECT = re.compile(r"^(?P<ink>\S.{0,23}?)\s+(?=(?:Về|VỀ|V/v|V/V)\s)")


def subject_after_ink(text: str) -> str:
    """The title line without the stamp's ink OCR read before its `Về`; the line itself when it holds none."""
    m = _INK_BEFORE_SUBJECT.match(text)
    return text[m.end():] if m and is_debris(m.group("ink")) else text
