"""Part numerals an OCR pass misread, in text that arrives already OCR'd (a transcription of a scan).

Why: a roman part label is a few vertical strokes, and OCR reads a stroke as `1`, `l` or drops one: `I.` comes
out `1.`, `III.` comes out `Il.`. The parser then reads the first part as an item and drops the others (not the
next roman numeral), and the whole tree is lost. What makes the repair safe is the heading: a part's heading is
printed in capitals, and the numbering of the parts runs on from one capital heading to the next.
"""
from __future__ import annotations

import re

from pipeline.parse.common import is_upper, roman_value

# a labelled heading in capitals: its label (strokes, digits, roman letters) and its text
_CAPS_LABELLED = re.compile(r"^(?P<label>[IVXl1|]{1,5}|\d{1,2})\s*[.\-–:)]\s*(?P<rest>\S.*)$")
_STROKES = str.maketrans({"l": "I", "1": "I", "|": "I"})
MIN_HEADING = 8     # letters of a part's heading (`TỔ CHỨC THỰC HIỆN`); shorter capitals may be a table's cell


def _caps_heading(rest: str) -> bool:
    return len(rest) >= MIN_HEADING and is_upper(rest)


def first_part_as_one(later, rest: str) -> bool:
    """Whether `1. HEADING IN CAPITALS` is the document's part `I.`: the next line labelled with a heading in
    capitals is part II (`II.`, `Il.`), not an Arabic `2.` (a plan numbering its parts `1.`, `2.` in capitals)."""
    if not _caps_heading(rest):
        return False
    for text in later:
        m = _CAPS_LABELLED.match(text)
        if not m or not _caps_heading(m.group("rest")):
            continue
        label = m.group("label")
        if label.isdigit() and label != "11":
            return False
        return roman_value(label.translate(_STROKES)) == 2
    return False


def mixed_roman(label: str, prev: str | None, rest: str) -> str | None:
    """A roman numeral written in mixed case (`iV.`: a caps font lost; `Il.`: OCR) read as the part after `prev`:
    when its value is that part's, or (a stroke lost, its heading in capitals) the value of `prev` itself
    (`Il. TỔ CHỨC THỰC HIỆN` after `II.` is `III.`). None when it is no next part."""
    if not prev:
        return None
    upper = label.upper().replace("L", "I")
    want = roman_value(prev) + 1
    if roman_value(upper) == want:
        return upper
    if roman_value(upper) == want - 1 and "l" in label and set(label) <= set("Il") and _caps_heading(rest):
        return _roman(want)
    return None


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out
