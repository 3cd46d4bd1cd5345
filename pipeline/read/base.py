"""What every reader shares: the result of a read, its limits, the error it raises."""
from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.read import legacy


IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp"}


class IngestError(Exception):
    """A file that cannot be read; `code` is stable for other systems to count on."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Ingested:
    """What a file says, before normalization: text, its format and where its pages start."""

    format: str
    text: str
    page_starts: list[int] = field(default_factory=list)
    # True when physical lines are not paragraphs (PDF, plain text): normalize rejoins them.
    wrapped: bool = False
    # OCR per-page confidences and low-confidence spans in `text` (start, end, conf), if OCR'd.
    ocr: dict | None = None
    # {"encoding": "tcvn3"|"vni", "fonts": [...]} when legacy-encoded text was converted.
    legacy: dict | None = None
    # which reader read it (`pdfium`, `pdfplumber`, `tesseract`, `python-docx`, …) and, when a
    # faster or preferred one failed first, why
    reader: str | None = None
    reader_fallback: str | None = None
    # PDF signature dictionaries: [{"signer", "signed_at", "issuer_ca"}]
    signatures: list[dict] = field(default_factory=list)


@dataclass
class Limits:
    """Per-file limits that keep memory bounded whatever the input."""

    max_bytes: int = 300 * 1024 * 1024
    max_text_bytes: int = 16 * 1024 * 1024       # plain text and RTF, checked before reading
    max_unzipped_bytes: int = 50 * 1024 * 1024   # a DOCX's parts, counted as they are inflated
    max_pdf_pages: int = 2000
    converter_timeout: int = 120
    ocr: bool = True            # read scanned pages and images with Tesseract when installed
    max_ocr_pages: int = 200


def fix_legacy(result: Ingested, fonts: list[str] | None = None) -> Ingested:
    """Convert TCVN3/VNI runs to Unicode in place; the fonts, when known, hint the encoding."""
    hints = [e for e in (legacy.encoding_of_font(f) for f in fonts or []) if e]
    hint = max(set(hints), key=hints.count) if hints else None
    fixed, enc = legacy.fix_text(result.text, hint)
    if enc and fixed != result.text:
        result.text = fixed
        result.legacy = {"encoding": enc, "fonts": sorted(set(fonts or []))}
    return result
