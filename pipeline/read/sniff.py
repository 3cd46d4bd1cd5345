"""The format of a file from its first bytes, and the encoding of a plain-text file."""
from __future__ import annotations

from pathlib import Path

from pipeline.read.base import IMAGE_SUFFIXES, IngestError


def sniff_format(path: Path, head: bytes) -> str:
    """Decide the reader from the first bytes; the extension only breaks ties."""
    suffix = path.suffix.lower()
    if b"%PDF-" in head:  # readers accept junk before the marker within the first KiB
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head[:4] in (b"\x89PNG", b"II*\x00", b"MM\x00*") or head[:3] == b"\xff\xd8\xff" or head[:4] == b"GIF8":
        return "image"
    if suffix in IMAGE_SUFFIXES and head[:4] == b"RIFF":
        return "image"
    if suffix == ".md":
        return "md"
    return "txt"


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1258; binary is refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    sample = data[:65536]
    if sample.count(b"\x00") > 0:
        raise IngestError("binary_content", "the file holds binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if controls > len(sample) * 0.01:
        raise IngestError("binary_content", "the file holds binary data, not text")
    return data.decode("cp1258", errors="replace")
