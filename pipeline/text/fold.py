"""Vietnamese folding: tone marks, `Đ` and case away, one character for one."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


def _fold_char(c: str) -> str:
    base = unicodedata.normalize("NFD", c)[0].lower()
    base = {"đ": "d", "ð": "d"}.get(base, base)
    return base if len(base) == 1 else c


def fold(text: str) -> str:
    """Tone marks, `Đ` and case folded away, one character for one: `Lâm Đồng` → `lam dong`.

    For matching names however they were typed or read (OCR, old encodings); keeping the
    length lets a match in the folded text be replaced in the original.
    """
    return text.translate(_FOLDED)


class _Folded(dict):
    """Character code -> its folded character, filled in as characters are met (`str.translate` looks each
    one up in C; `_fold_char`, with its Unicode decomposition, runs once per distinct character)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLDED = _Folded()


def clear_cache() -> None:
    """Forget the characters folded so far (the benchmark times every round from a cold cache)."""
    _FOLDED.clear()


_LETTER = re.compile(r"[A-Za-zÀ-ỹĐđ]")


def letter_count(text: str) -> int:
    """How many Latin letters `text` holds (A–Z and the accented range À–ỹ where Vietnamese letters lie):
    not digits, nor the modifier letters OCR makes of strokes and specks (`ˆ`), which `str.isalpha` counts."""
    return len(_LETTER.findall(text))


_TITLE_TAIL = re.compile(r"(?:\s+(?:nam\s+)?(?:19|20)\d{2}|\s+hien hanh|\s+sua doi(?:\s+bo sung)?)+$")


def title_key(title: str | None) -> str:
    """A law cited by name however it is written: `Luật Thi đua, Khen thưởng năm 2022` and
    `Luật thi đua khen thưởng` are one document (case, tones, punctuation and a trailing year aside)."""
    t = re.sub(r"[^\w\s]", " ", fold(title or ""))
    t = re.sub(r"\s+", " ", t).strip()
    return _TITLE_TAIL.sub("", t)


@lru_cache(maxsize=4)
def lowered(text: str) -> str:
    """`text.lower()` with the same offsets (a letter that would grow is left as it is). Kept for the last texts:
    the dates and the targets stages each scan the same document lowered (lowering it is a tenth of either)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
