"""Stage 1, ingest: read one file of any supported format into plain lines of text.

The format is sniffed from the bytes, not trusted from the extension. Layout is
flattened the way a reader scans a page: a two-column header table becomes its
left column then its right column, data tables become `a | b | c` rows, PDF
page numbers and running headers are dropped. A file that cannot be read
raises `IngestError` with a stable code; the caller turns it into a record.

Scans are read by OCR (`ocr/`): images always, PDF pages whose text layer is not
Vietnamese (none, an English OCR layer, a broken font map). Text typed in the pre-Unicode
TCVN3/VNI fonts is converted (`legacy.py`) before anything else sees it.
"""
from __future__ import annotations

from pathlib import Path

from pipeline.read.base import IngestError, Ingested, Limits
from pipeline.read.doc import read_doc
from pipeline.read.docx import read_docx
from pipeline.read.image import read_image
from pipeline.read.pdf import read_pdf
from pipeline.read.rtf import read_rtf
from pipeline.read.sniff import sniff_format
from pipeline.read.text import read_text


def ingest(path: str | Path, limits: Limits | None = None) -> Ingested:
    """Read one file; raise IngestError with a code for anything unreadable."""
    limits = limits or Limits()
    path = Path(path)
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise IngestError("unreadable", f"cannot open file: {exc.strerror or exc}") from exc
    if size == 0:
        raise IngestError("empty_file", "the file is empty (0 bytes)")
    if size > limits.max_bytes:
        raise IngestError("too_large", f"file is {size} bytes, over the limit of {limits.max_bytes}")
    fmt = sniff_format(path, head)
    reader = _READERS[fmt]
    result = reader(path, limits)
    result.reader = result.reader or READER_NAMES[fmt]
    if not result.text.strip():
        raise IngestError("no_text", f"no text could be read from this {fmt} file")
    return result


# what reads each format when the reader does not say otherwise (PDF and .doc say)
READER_NAMES = {
    "txt": "text",
    "md": "text",
    "docx": "lxml",
    "doc": "antiword",
    "pdf": "pdfium",
    "rtf": "striprtf",
    "image": "tesseract",
}

_READERS = {
    "txt": read_text,
    "md": read_text,
    "docx": read_docx,
    "doc": read_doc,
    "pdf": read_pdf,
    "rtf": read_rtf,
    "image": read_image,
}
