"""Images (PNG, JPEG, TIFF with several pages): every frame OCR'd."""
from __future__ import annotations

from pathlib import Path

from pipeline.read.base import IngestError, Ingested, Limits
from pipeline.read.pages import assemble_pages


def read_image(path: Path, limits: Limits) -> Ingested:
    """Scans and photos (PNG, JPEG, TIFF with several pages): every frame OCR'd."""
    from pipeline.read.ocr import ocr

    if not limits.ocr or not ocr.available():
        raise IngestError("needs_ocr", "image files need OCR: install tesseract-ocr and tesseract-ocr-vie")
    try:
        pages = ocr.ocr_image_file(path)
    except ocr.OcrUnavailable as exc:
        raise IngestError("needs_ocr", str(exc)) from exc
    except (OSError, ValueError) as exc:  # PIL: truncated or unknown image data
        raise IngestError("corrupt_image", f"the image could not be decoded: {exc}") from exc
    if len(pages) > limits.max_ocr_pages:
        raise IngestError("too_many_pages", f"{len(pages)} frames, over the limit of {limits.max_ocr_pages}")
    result = assemble_pages("image", [[(l.top, l.text, l.words) for l in p.lines] for p in pages],
                             [p.height for p in pages])
    result.ocr["pages"] = [{"page": p.page, "confidence": p.confidence} for p in pages]
    return result
