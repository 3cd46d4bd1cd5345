"""Helpers every part of the layout parser shares: its rules and what counts as capitals."""
from __future__ import annotations

from pipeline import rules


def layout_rules() -> dict:
    """`rules/structure.yaml`: the header, closing and section patterns."""
    return rules.load("structure")


def matches_any(patterns: list[str], text: str) -> bool:
    """Whether any of the patterns (compiled once) is found in `text`."""
    return any(rules.compiled(p).search(text) for p in patterns)


def is_upper(text: str) -> bool:
    """Set in capitals: 85% of the letters, so an OCR speck or `V/v` does not break it."""
    letters = list(filter(str.isalpha, text))      # the letters and their case read in C, not in a Python loop
    return bool(letters) and sum(map(str.isupper, letters)) >= 0.85 * len(letters)
