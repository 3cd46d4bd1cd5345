"""The format of a file from its bytes, confirmed by its structure, and the encoding of a plain-text file.

A format is taken from the content only when the content proves it: the magic sits where the format
puts it and the structure behind it parses (a zip whose central directory names `word/document.xml`,
an OLE2 header, a PDF header line followed by objects or a trailer, an RTF group, an image header).
A byte string found elsewhere proves nothing: a `.txt` that mentions `%PDF-` is text. When the content
claims a format but does not prove it, the extension decides (a truncated `.pdf` is still read as a
PDF and reported `corrupt_pdf`); a file that claims no binary format at all is read as text.
"""
from __future__ import annotations

import os
import re
import unicodedata
import zipfile
from pathlib import Path

from pipeline.read.base import IMAGE_SUFFIXES, IngestError

# what each extension says the file is
EXTENSION_FORMATS = {".pdf": "pdf", ".docx": "docx", ".doc": "doc", ".rtf": "rtf", ".txt": "txt", ".md": "md",
                     **{s: "image" for s in IMAGE_SUFFIXES}}
TEXT_FORMATS = frozenset({"txt", "md"})

_PDF_HEADER = re.compile(rb"%PDF-\d\.\d")
_PDF_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PROBE = 64 * 1024   # how much of the head and of the tail a confirmation may read


def sniff_format(path: Path, head: bytes) -> str:
    """The reader for a file: the format its content proves, else the one its extension names.

    `head` is the file's first bytes (1 KiB is enough); the confirmation reads more of the file when
    it needs to (the zip directory, a PDF's tail).
    """
    path = Path(path)
    by_ext = EXTENSION_FORMATS.get(path.suffix.lower())
    claimed, at_start = _claim(head)
    if claimed and _confirmed(claimed, path, head):
        # a PDF behind junk bytes is a PDF, unless the file says it is text: then the text wins
        if at_start or by_ext not in TEXT_FORMATS:
            return claimed
    if claimed and (at_start or by_ext == claimed):
        # in doubt: what the extension says, else what the magic claims (its reader reports what is wrong)
        return by_ext or claimed
    return "md" if by_ext == "md" else "txt"   # no binary format proven or claimed: text (binary is refused)


def _claim(head: bytes) -> tuple[str | None, bool]:
    """(format whose magic the head holds, whether it sits at offset 0 as the format requires)."""
    if head.startswith(b"%PDF-"):
        return "pdf", True
    if head.startswith(b"PK\x03\x04"):
        return "docx", True
    if head.startswith(_OLE2):
        return "doc", True
    if head.startswith(b"{\\rtf"):
        return "rtf", True
    if (head.startswith((b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*", b"\xff\xd8\xff", b"GIF87a", b"GIF89a"))
            or (head[:4] == b"RIFF" and head[8:12] == b"WEBP") or head.startswith(b"BM")):
        return "image", True
    if _PDF_HEADER.search(head[:1024]):   # PDF readers accept junk before the header within the first KiB
        return "pdf", False
    return None, False


def _confirmed(fmt: str, path: Path, head: bytes) -> bool:
    try:
        return _CONFIRM[fmt](path, head)
    except (OSError, ValueError, EOFError, zipfile.BadZipFile, zipfile.LargeZipFile):
        return False


def _pdf(path: Path, head: bytes) -> bool:
    """A header line `%PDF-d.d` then indirect objects, or a trailer (`startxref`, `%%EOF`) at the end."""
    with open(path, "rb") as fh:
        start = fh.read(_PROBE)
        m = _PDF_HEADER.search(start[:1024])
        if not m:
            return False
        if _PDF_OBJECT.search(start, m.end()):
            return True
        size = os.fstat(fh.fileno()).st_size
        fh.seek(max(0, size - _PROBE))
        tail = fh.read(_PROBE)
    return b"startxref" in tail or b"%%EOF" in tail


def _docx(path: Path, head: bytes) -> bool:
    """A zip whose central directory (read, not inflated) names the Word body part."""
    with zipfile.ZipFile(path) as zf:
        return "word/document.xml" in zf.NameToInfo


def _doc(path: Path, head: bytes) -> bool:
    """An OLE2 compound file header: little-endian byte order mark, 512- or 4096-byte sectors."""
    return head[28:30] == b"\xfe\xff" and head[30:32] in (b"\x09\x00", b"\x0c\x00")


def _rtf(path: Path, head: bytes) -> bool:
    """`{\\rtf1` (or `{\\rtf` followed by a control word or a brace), a group RTF readers accept."""
    return re.match(rb"\{\\rtf(\d|\\|\{|\s)", head) is not None


def _image(path: Path, head: bytes) -> bool:
    """An image header Pillow can parse (size and mode, without decoding the pixels)."""
    from PIL import Image

    with Image.open(path) as im:
        return im.size[0] > 0 and im.size[1] > 0


_CONFIRM = {"pdf": _pdf, "docx": _docx, "doc": _doc, "rtf": _rtf, "image": _image}


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1258; binary is refused, BOM or not."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _refuse_binary(data[3:].decode("utf-8", errors="replace"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # a BOM proves nothing about what follows: random bytes decode to unpaired surrogates,
        # private-use and unassigned code points, which text does not hold
        return _refuse_binary(data.decode("utf-16", errors="replace"))
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


_NOT_TEXT = frozenset({"Cc", "Cs", "Co", "Cn"})   # controls, surrogates, private use, unassigned


def _refuse_binary(text: str) -> str:
    """The decoded text, unless more than 1% of its first 64K characters are not text (or any is NUL)."""
    sample = text[:65536]
    if "\x00" in sample:
        raise IngestError("binary_content", "the file holds binary data behind a text byte-order mark")
    bad = sum(1 for ch in sample
              if ch == "\ufffd" or (ch not in "\t\n\r\f\v" and unicodedata.category(ch) in _NOT_TEXT))
    if bad > len(sample) * 0.01:
        raise IngestError("binary_content", f"the file holds binary data behind a text byte-order mark "
                                            f"({bad} of {len(sample)} characters are not text)")
    return text
