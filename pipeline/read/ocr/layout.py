"""Where a printed line is really two: the column gap rule shared by text PDFs and OCR.

A header or signature block is two columns set side by side; read as one line, the
issuer runs into the national motto and `Nơi nhận:` into `KT. CHỦ TỊCH`. Both the PDF
text layer and Tesseract give words with boxes, so one rule splits both the same way,
and the structure stage sees the same layout whatever the source.
"""
from __future__ import annotations

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
