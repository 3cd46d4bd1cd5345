"""Pages joined into one text (PDF, images): page numbers and running headers dropped."""
from __future__ import annotations

import re
from collections import Counter

from pipeline.read.base import Ingested


_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?(?:Trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?\s*$", re.I)


def assemble_pages(fmt: str, pages: list[list[tuple]], heights: list[float]) -> Ingested:
    """Join pages, dropping page numbers and lines repeated at the same edge of most pages.

    A line may carry OCR word confidences as a third item, `[(start, end, conf)]` within the
    line; words below `ocr.LOW_CONFIDENCE` are listed as spans of the joined text.
    """
    from pipeline.read.ocr.ocr import LOW_CONFIDENCE

    edge_counts: Counter = Counter()
    if len(pages) >= 3:
        for lines, h in zip(pages, heights):
            for top, text in {(item[0], item[1]) for item in lines}:
                if top < 0.08 * h or top > 0.92 * h:
                    edge_counts[re.sub(r"\d+", "#", text)] += 1
    running = {t for t, n in edge_counts.items() if n >= max(3, len(pages) // 2)}
    text_parts: list[str] = []
    starts: list[int] = []
    low: list[list] = []
    offset = 0
    for page_index, (lines, h) in enumerate(zip(pages, heights)):
        kept = []
        pos = offset
        for item in lines:
            top, text = item[0], item[1]
            at_edge = top < 0.1 * h or top > 0.9 * h
            # page one keeps its header even when attachments repeat it (`BỘ TƯ PHÁP` on pages 1, 3, 4)
            if at_edge and (_PAGE_NUMBER.match(text) or page_index > 0 and re.sub(r"\d+", "#", text) in running):
                continue
            for start, end, conf in (item[2] if len(item) > 2 else ()):
                if conf < LOW_CONFIDENCE:
                    low.append([pos + start, pos + end, conf])
            kept.append(text)
            pos += len(text) + 1
        page_text = "\n".join(kept)
        starts.append(offset)
        text_parts.append(page_text)
        offset += len(page_text) + 1
    return Ingested(format=fmt, text="\n".join(text_parts), page_starts=starts, wrapped=True,
                    ocr={"pages": [], "low_confidence": low})
