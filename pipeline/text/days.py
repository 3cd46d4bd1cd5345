"""One calendar check for every day the pipeline writes.

Why: a header's `ngày 30 tháng 02` and a deadline's `trước ngày 31/6/2026` are misprints or OCR misreads;
DATASET.md asks for real calendar dates only (an impossible one is `null`). The header and the dates
extractor used to keep two checks, and only the header's knew the length of a month."""
from __future__ import annotations

import datetime
import re


def iso_day(d, m, y) -> str | None:
    """`(30, 11, 2020)` → `2020-11-30`; None unless day, month and year (1900–2100) make a real date.
    Digits are read out of each part, so `"05"` and `"5."` both work."""
    try:
        d, m, y = _figure(d), _figure(m), _figure(y)
    except ValueError:
        return None
    if not (d and m and 1900 <= y <= 2100):
        return None
    try:
        return datetime.date(y, m, d).isoformat()
    except ValueError:
        return None


_NOT_DIGIT = re.compile(r"\D")


def _figure(v) -> int:
    """The number the digits of `v` spell (0 when none): `int(re.sub(r"\\D", "", str(v)) or 0)`, with no pattern run
    for the usual part, a figure read by a pattern's group (`re`'s `\\d` is what `str.isdecimal` tells, and `int`
    reads every such digit) or a year as a whole number."""
    if v.__class__ is str and v.isdecimal():
        return int(v)
    if v.__class__ is int and v >= 0:
        return v
    return int(_NOT_DIGIT.sub("", str(v if v is not None else "")) or 0)


def until_now(start: str, issued: str | None) -> str:
    """`từ năm 2001 đến nay` in a document issued on 2004-07-01 is the period `2001/2004`: the start, then the issue
    date cut to the start's precision (year, month or day); the start alone when the issue date is unknown or
    not after it."""
    now = (issued or "")[:len(start)]
    return f"{start}/{now}" if len(now) == len(start) and now > start else start
