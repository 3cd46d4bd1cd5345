"""How the labels of the section tree follow each other: which label may open a level, which may go on from the
last one at its level, and the few ways a drafter or a copy breaks the sequence that still keep it (a numeral
skipped, a first item lost, a text resuming at its second chapter). `sections.parse_sections` asks these."""
from __future__ import annotations

import re

from pipeline.parse.common import decimal_last, is_upper, roman_value
from pipeline.text.spans import Line


def first_and_next(kind: str, label: str, prev: str | None) -> bool:
    """Whether `label` may open a new level (prev None) or follow `prev` at the same level."""
    if kind == "roman":
        v = roman_value(label)
        return v == 1 if prev is None else v == roman_value(prev) + 1
    if kind == "arabic":
        v = int(label)
        return v == 1 if prev is None else 1 <= v - int(prev) <= 2
    if kind == "lroman":
        v = roman_value(label.upper())
        return v == 1 if prev is None else v == roman_value(prev.upper()) + 1
    if kind == "upper":
        order = "ABCDĐEFGHKLMNOPQRSTUWYZ"
        return label == "A" if prev is None else 1 <= order.find(label) - order.find(prev) <= 2
    if kind == "letter":
        return label in "ab" if prev is None else label != prev
    if kind == "article":
        v = int(label.split()[-1])
        return v == 1 if prev is None else 1 <= v - int(prev.split()[-1]) <= 2
    if kind == "decimal":
        last = decimal_last(label)
        if prev is None:
            return last in (0, 1)
        return label.rsplit(".", 1)[0] == prev.rsplit(".", 1)[0] and 1 <= last - decimal_last(prev) <= 2
    return True


def roman_skips_one(kind: str, label: str, prev: str, rest: str) -> bool:
    """`IV. KẾT LUẬN` right after the items of `II.`: a part's heading in capitals one numeral past the next
    (the drafter's slip, or a line a scan lost) still opens the next part; its items are not the last part's."""
    return kind == "roman" and roman_value(label) == roman_value(prev) + 2 and len(rest) >= 8 and is_upper(rest)


def upper_follows(label: str, prev: str | None) -> bool:
    """Whether a capital letter is the very next one after the document's last capital label (`B` after `A`)."""
    order = "ABCDĐEFGHKLMNOPQRSTUWYZ"
    return bool(prev) and order.find(label) == order.find(prev) + 1


def resumed(sections: list[dict]) -> bool:
    """Whether the text resumes a law-like text after its first chapter (its first section is `Chương II`): its
    articles go on from the lost chapter's, so the first one is not `Điều 1`."""
    return bool(sections) and sections[0]["label"].split()[0] in ("Chương", "CHƯƠNG") \
        and sections[0]["label"].split()[-1].upper() not in ("I", "1")


def first_lost(work: list[Line], i: int, kind: str, label: str, pat: re.Pattern) -> bool:
    """Whether a document's first list starts at `2.` because its `1.` was lost (Word numbered the first
    item and the reader kept no number): it goes on with `3.` before any `1.` of its kind."""
    if kind not in ("arabic", "roman") or label not in ("2", "II"):
        return False
    for ln in work[i + 1:]:
        m = pat.match(ln.text)
        if m and m.group("label") in ("1", "I"):
            return False
        if m and m.group("label") in ("3", "III"):
            return True
    return False
