"""Read back the numbers of a legal text's divisions (`Chương II`, `Mục 1`, `Điều 15.`) as OCR gives them.

A Nghị định, Thông tư or Quy định is a tree of `Chương` (roman), `Mục` (Arabic, restarting in each
chapter) and `Điều` (Arabic, running on through the chapters), and every clause and point below takes
its path from them: one misread label (`Chương IIT`, `Điều l5.`) moves everything under it. The
words and numbers are short and bold, which is what Tesseract reads worst, but the genre leaves one
reading for each:

- a division's number is written in the document's own style: the style its clean labels show
  (`Chương II`, `Mục 2`), so a lone `1` under roman chapters is `I`, and `I` under Arabic sections
  is `1` (the structure parser knows only Arabic `Mục`);
- articles are numbered in order (or restart at 1 in a regulation attached to a decision), so a
  number that breaks the run and whose characters are lookalikes of the expected one is it.

A clean number (digits, or a roman numeral) is never changed, except a roman label read twice
running, which is the next one with a stroke lost.
"""
from __future__ import annotations

import re

from pipeline.text.fold import fold

# Division words (folded) and how they are written; their numbering when the document shows none.
HEADS = {"phan": "Phần", "chuong": "Chương", "muc": "Mục", "dieu": "Điều", "khoan": "Khoản"}
DEFAULT_STYLE = {"phan": "roman", "chuong": "roman", "muc": "arabic", "dieu": "arabic", "khoan": "arabic"}
# What the letters of a division word become in OCR (`ĐlỀU`, `CHƯ0NG`, `Rnục`), folded.
HEAD_LOOKALIKE = str.maketrans({"0": "o", "l": "i", "1": "i", "|": "i"})
# Characters OCR gives for a digit of a bold number: a digit only where the expected number has it.
DIGIT_SHAPES = {"1": "Il|!i]J", "0": "OoQD", "2": "Zz", "5": "Ss", "6": "Gb", "8": "B§", "9": "g"}
TO_DIGIT = str.maketrans({"I": "1", "l": "1", "|": "1", "O": "0", "o": "0", "§": "8"})
_ROMAN_CLEAN = re.compile(r"^(?:X{0,3})(?:IX|IV|V?I{0,3})$")


def head_word(word: str) -> str | None:
    """The folded division word a line's first word reads as (`Điểu` → `dieu`, `CHƯ0NG` → `chuong`), or None."""
    key = re.sub(r"[,.;:)]+$", "", fold(word)).translate(HEAD_LOOKALIKE).replace("rn", "m")
    return key if key in HEADS else None


def canonical_head(head: str, written: str) -> str:
    """The division word spelt right, in the case most of its letters were written in (`ĐlỀU` → `ĐIỀU`)."""
    word = HEADS[head]
    upper = sum(c.isupper() for c in written)
    return word.upper() if len(written) > 1 and upper > len(written) - upper else word


def numbering_styles(first_words: list[tuple[str, str]]) -> dict[str, str]:
    """Each division word's numbering in this document, from its labels no OCR reading could confuse:
    roman (`II`, `IV`) against Arabic digits (`2`, `15`); `I` and `1` say nothing. `first_words` are the
    first two words of each line."""
    votes: dict[str, list[int]] = {}
    for first, second in first_words:
        head = head_word(first)
        if not head:
            continue
        core = re.sub(r"[.:]$", "", second)
        vote = votes.setdefault(head, [0, 0])
        if core and core != "I" and _ROMAN_CLEAN.match(core):
            vote[0] += 1
        elif core.isdigit() and core != "1":
            vote[1] += 1
    styles = dict(DEFAULT_STYLE)
    for head, (roman, arabic) in votes.items():
        if roman != arabic:
            styles[head] = "roman" if roman > arabic else "arabic"
    return styles


def shapes_number(core: str, number: int) -> bool:
    """Whether OCR's `core` can be `number` written out: each character the digit or one of its shapes."""
    want = str(number)
    return len(core) == len(want) and all(c == d or c in DIGIT_SHAPES.get(d, "") for c, d in zip(core, want))


def arabic_number(core: str, expected: list[int]) -> str | None:
    """An Arabic division number read back: clean digits as they are; a reading that is the shape of an
    expected number (the next in the run, or 1) that number; else the digits its lookalikes make."""
    if core.isdigit():
        return core
    for number in expected:
        if shapes_number(core, number):
            return str(number)
    fixed = core.translate(TO_DIGIT)
    return fixed if fixed.isdigit() and len(fixed) <= 3 else None
