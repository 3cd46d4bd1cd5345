"""RTF through striprtf."""
from __future__ import annotations

import re
from pathlib import Path

from pipeline.read.base import IngestError, Ingested, Limits, fix_legacy
from pipeline.read.text import check_text_size


def read_rtf(path: Path, limits: Limits) -> Ingested:
    """RTF through striprtf; `\\'xx` bytes are read as Windows-1252, then TCVN3/VNI converted."""
    try:
        from striprtf.striprtf import rtf_to_text
    except ImportError as exc:
        raise IngestError("unsupported_format", "RTF needs the striprtf package (pip install striprtf)") from exc
    check_text_size(path, limits, "RTF")
    raw = path.read_bytes().decode("latin-1")
    try:
        text = rtf_to_text(raw, encoding="cp1252", errors="replace")
    except Exception as exc:
        raise IngestError("corrupt_rtf", f"not a readable RTF file: {type(exc).__name__}: {exc}") from exc
    fonts = re.findall(r"\\f\d+\\[^;{}]*?\s([^;{}\\]+);", raw[:200000])
    return fix_legacy(Ingested(format="rtf", text=text), [f.strip() for f in fonts])
