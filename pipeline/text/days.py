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
        d, m, y = (int(re.sub(r"\D", "", str(v if v is not None else "")) or 0) for v in (d, m, y))
    except ValueError:
        return None
    if not (d and m and 1900 <= y <= 2100):
        return None
    try:
        return datetime.date(y, m, d).isoformat()
    except ValueError:
        return None
