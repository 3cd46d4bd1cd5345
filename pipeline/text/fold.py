"""Vietnamese folding: tone marks, `Đ` and case away, one character for one."""
from __future__ import annotations

import unicodedata


def _fold_char(c: str) -> str:
    base = unicodedata.normalize("NFD", c)[0].lower()
    base = {"đ": "d", "ð": "d"}.get(base, base)
    return base if len(base) == 1 else c


def fold(text: str) -> str:
    """Tone marks, `Đ` and case folded away, one character for one: `Lâm Đồng` → `lam dong`.

    For matching names however they were typed or read (OCR, old encodings); keeping the
    length lets a match in the folded text be replaced in the original.
    """
    return "".join(_fold_char(c) for c in text)
