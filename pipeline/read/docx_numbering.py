"""Word's automatic list numbers (`w:numPr`), which the text of a DOCX does not hold.

A paragraph numbered by Word (`Điều %1.`, `%1.`, `%1.%2.`, `%3)`, `%1.` in upper roman) carries only a
reference to a list definition in `word/numbering.xml`; python-docx, like any reader of `w:t`, gives its
text without the number, so a plan's `1.`, `a)` or a decree's `Điều 4.` would be lost. Here the numbers
are counted as Word counts them (per abstract list, a level restarting under a higher one) and printed
before the paragraph's text. Bullets (`•`, `-`, `o`) print nothing: they are no sections.
"""
from __future__ import annotations

import re

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
VAL = W + "val"
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _roman(n: int) -> str:
    out = []
    for value, digits in _ROMAN:
        while n >= value:
            out.append(digits)
            n -= value
    return "".join(out)


def _format(n: int, fmt: str) -> str | None:
    if fmt in ("bullet", "none"):
        return None
    if fmt == "lowerLetter":
        return _LETTERS[(n - 1) % 26] * ((n - 1) // 26 + 1)
    if fmt == "upperLetter":
        return (_LETTERS[(n - 1) % 26] * ((n - 1) // 26 + 1)).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _val(el, tag: str) -> str | None:
    found = None if el is None else el.find(W + tag)
    return None if found is None else found.get(VAL)


class Numbering:
    """The list definitions of one DOCX and the counters of its lists, in document order."""

    def __init__(self, numbering_root, styles_root) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}   # abstract id → ilvl → (start, fmt, text)
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}          # num id → (abstract id, start overrides)
        if numbering_root is not None:
            for absn in numbering_root.iter(W + "abstractNum"):
                levels = {}
                for lvl in absn.iter(W + "lvl"):
                    levels[int(lvl.get(W + "ilvl", "0"))] = (int(_val(lvl, "start") or 1),
                                                           _val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or "")
                self.levels[absn.get(W + "abstractNumId")] = levels
            for num in numbering_root.iter(W + "num"):
                overrides = {int(o.get(W + "ilvl", "0")): int(_val(o, "startOverride"))
                             for o in num.iter(W + "lvlOverride") if _val(o, "startOverride") is not None}
                self.nums[num.get(W + "numId")] = (_val(num, "abstractNumId"), overrides)
        self.style_num: dict[str, tuple[str, int]] = {}   # paragraph style → (num id, ilvl)
        if styles_root is not None:
            for style in styles_root.iter(W + "style"):
                ppr = style.find(W + "pPr")
                numpr = None if ppr is None else ppr.find(W + "numPr")
                if numpr is not None and _val(numpr, "numId"):
                    self.style_num[style.get(W + "styleId")] = (_val(numpr, "numId"), int(_val(numpr, "ilvl") or 0))
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()

    def label(self, p) -> str | None:
        """The number Word prints before paragraph `p` (`2.`, `a)`, `Điều 4.`), counting it; None when
        the paragraph is no numbered item (or a bullet)."""
        ppr = p.find(W + "pPr")
        numpr = None if ppr is None else ppr.find(W + "numPr")
        if numpr is not None and _val(numpr, "numId") is not None:
            num_id, ilvl = _val(numpr, "numId"), int(_val(numpr, "ilvl") or 0)
        else:
            style = _val(ppr, "pStyle")
            if style not in self.style_num:
                return None
            num_id, ilvl = self.style_num[style]
        if num_id not in self.nums:
            return None
        abstract, overrides = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        if ilvl not in levels:
            return None
        counters = self.counters.setdefault(abstract, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for lvl, start in overrides.items():
                counters[lvl] = start - 1
        start, fmt, text = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [lvl for lvl in counters if lvl > ilvl]:
            del counters[deeper]
        if _format(1, fmt) is None:
            return None

        def part(m: re.Match) -> str:
            lvl = int(m.group(1)) - 1
            lstart, lfmt, _ = levels.get(lvl, (1, "decimal", ""))
            return _format(counters.get(lvl, lstart), lfmt) or ""

        return re.sub(r"%(\d)", part, text).strip() or None
