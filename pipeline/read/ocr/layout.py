"""Where a printed line is really two: the column gap rule shared by text PDFs and OCR.

A header or signature block is two columns set side by side; read as one line, the
issuer runs into the national motto and `Nơi nhận:` into `KT. CHỦ TỊCH`. Both the PDF
text layer and Tesseract give words with boxes, so one rule splits both the same way,
and the structure stage sees the same layout whatever the source.
"""
from __future__ import annotations

import re

# A gap wider than this many line heights splits a line when it is near mid-page;
# anywhere, a gap wider than WIDE_GAP heights does (tables, signature blocks).
MID_GAP = 2.2
WIDE_GAP = 6.0
# The header of page one sets its two centred columns close together.
HEADER_GAP = 0.9
HEADER_SHARE = 0.3          # top share of page one that is the header
MID_FROM, MID_TO = 0.35, 0.75


def split_columns(row: list[dict], width: float, height: float, first_page: bool = False) -> list[list[dict]]:
    """One row of words (`x0`, `x1`, `top`, `bottom`), left to right, cut at column gaps."""
    if not row:
        return []
    size = max(4.0, sum(w["bottom"] - w["top"] for w in row) / len(row))
    in_header = first_page and row[0]["top"] < HEADER_SHARE * height
    segments = [[row[0]]]
    for w in row[1:]:
        gap = w["x0"] - segments[-1][-1]["x1"]
        mid = MID_FROM * width < w["x0"] < MID_TO * width
        if (gap > MID_GAP * size and (mid or gap > WIDE_GAP * size)) or (in_header and mid and gap > HEADER_GAP * size):
            segments.append([w])
        else:
            segments[-1].append(w)
    return segments


_SUMMARY = re.compile(r"^V/[vV]\b")
_PLACE_DATE = re.compile(r"\bng[àa]y\b.*\bn[ăa]m\b", re.I)


def date_before_summary(segments: list[list[dict]]) -> list[list[dict]]:
    """A letter's header row `V/v góp ý dự thảo …` | `Lâm Đồng, ngày 16 tháng 01 năm 2026`, with the date
    first. The summary under the number wraps onto the lines below it while the place-date line beside
    it never does; put after the date, the summary's first line meets its continuation, as in the
    PDF's text layer, instead of the date running on into it."""
    if len(segments) == 2:
        left, right = (" ".join(w["text"] for w in s) for s in segments)
        if _SUMMARY.match(left) and _PLACE_DATE.search(right):
            return [segments[1], segments[0]]
    return segments
