"""Plain text (`.txt`, `.md`): UTF-8, UTF-16, Windows-1258, or TCVN3/VNI bytes."""
from __future__ import annotations

from pathlib import Path

from pipeline.read import legacy
from pipeline.read.base import IngestError, Ingested, Limits, fix_legacy
from pipeline.read.doc import unfold_ascii_tables
from pipeline.read.markdown import drop_front_matter, looks_like_markdown, markdown_to_text
from pipeline.read.sniff import EXTENSION_FORMATS, decode_text


def check_text_size(path: Path, limits: Limits, what: str) -> None:
    """Refuse a text or RTF file over the text limit before reading a byte of it: a real document is
    well under 2 MB, and decoding (or RTF parsing) costs many times the file's size in memory and time."""
    size = path.stat().st_size
    if size > limits.max_text_bytes:
        raise IngestError("too_large", f"a {what} file of {size} bytes, over the text limit of "
                                       f"{limits.max_text_bytes} (vanban run --max-text-mb)")


def read_text(path: Path, limits: Limits) -> Ingested:
    check_text_size(path, limits, "text")
    data = path.read_bytes()
    try:
        text = drop_front_matter(decode_text(data))
    except IngestError as exc:
        named = EXTENSION_FORMATS.get(path.suffix.lower())
        if exc.code != "binary_content" or named in (None, "txt", "md"):
            raise
        # a `.pdf`, `.docx` … whose bytes hold none of that format's structure: say so, not only that it is no text
        raise IngestError(exc.code, f"the file's name says {named.upper()} but its bytes hold no {named.upper()} "
                                    f"structure, and no text either: {exc.message}") from None
    fmt = "md" if path.suffix.lower() == ".md" else "txt"
    if fmt == "md" or looks_like_markdown(text):
        text = markdown_to_text(text)      # headings, escapes, pipe tables as rows (markdown.py), empty cells kept
    elif "|" in text:
        text = unfold_ascii_tables(text)   # `| a | b |` tables without a separator row, as in .doc output
    result = Ingested(format=fmt, text=text, wrapped=True)
    if _is_8bit(data):
        # TCVN3/VNI bytes read best as Windows-1252, the way Word's fonts drew them
        fixed, enc = legacy.fix_text(data.decode("cp1252", errors="replace"))
        if enc and legacy.vietnamese_score(fixed)[0] > legacy.vietnamese_score(text)[0]:
            result.text, result.legacy = fixed, {"encoding": enc, "fonts": []}
            return result
    return fix_legacy(result)


def _is_8bit(data: bytes) -> bool:
    """Neither UTF-8 nor UTF-16: a single-byte legacy file."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False
