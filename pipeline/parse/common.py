"""Helpers every part of the layout parser shares: its rules, what counts as capitals, a roman numeral's value."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline import rules


def layout_rules() -> dict:
    """`rules/structure.yaml`: the header, closing and section patterns."""
    return rules.load("structure")


def matches_any(patterns: list[str], text: str) -> bool:
    """Whether any of the patterns (compiled once) is found in `text`."""
    return any(rules.compiled(p).search(text) for p in patterns)


@lru_cache(maxsize=None)
def opens_source(patterns: tuple[str, ...]) -> str:
    """The section markers' patterns as one alternation without their group names (does a line open any item),
    built once per set of markers, not at every parse."""
    return "|".join("(?:" + re.sub(r"\(\?P<\w+>", "(?:", p) + ")" for p in patterns)


@lru_cache(maxsize=4096)
def is_upper(text: str) -> bool:
    """Set in capitals: 85% of the letters, so an OCR speck or `V/v` does not break it. Kept per text: the
    header and closing readers ask it of the same lines again (`ỦY BAN NHÂN DÂN`, `PHÓ CHỦ TỊCH`; on the dev
    corpus 10,548 asks of 2,966 texts)."""
    letters = list(filter(str.isalpha, text))      # the letters and their case read in C, not in a Python loop
    return bool(letters) and sum(map(str.isupper, letters)) >= 0.85 * len(letters)


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(s: str) -> int:
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = _ROMAN.get(a, 0)
        total += -v if _ROMAN.get(b, 0) > v else v
    return total


def decimal_last(label: str) -> int:
    """The last part of a decimal label as a number: `2.4` → 4, `4.1.a` → 1, `4.1.b` → 2 (a letter counts from a)."""
    last = label.rsplit(".", 1)[1]
    return int(last) if last.isdigit() else "abcdefgh".find(last) + 1
