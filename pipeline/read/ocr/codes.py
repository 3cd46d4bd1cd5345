"""The codes of a scanned page read back where one token cannot tell: the number line's label, a cited type's
code, a number the same document reads two ways.

Each reading is settled by what the genre fixes around the token:

- the header's number line opens with `Số:` (Nghị định 30/2020, form of the first page): a line or cell that
  opens with an `S` and one or two lookalikes of `ố` and its colon (`SỐô:`, `Sô:`, `S6:`) before a number with
  its code is that label (`Sổ` and `Sở` are words of their own and stay);
- a citation names its type before its number (`Nghị quyết số 76/NQ-CP`), and each type has its code
  (rules/doc_types.yaml): a code that is no type's code and is one lookalike letter off the named type's
  (`NG` for `NQ`, `QÐ` for `QĐ`, `H0` for `HD`) is that code;
- a document cites one number the same way each time: a code read once with one letter more or less than the
  reading it has at least twice (`2769/UBND-NCKSTTTHC` beside two `2769/UBND-NCKSTTHC`) is that reading.

A clean text has none of these shapes, so it passes unchanged (and only OCR'd pages come here).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from pipeline import rules
from pipeline.text.fold import fold

# `S` and what Tesseract makes of `ố`: the hat and the acute read as another tone, a second vowel, a 6 or 0
_LABEL = re.compile(r"S[ỐốÔôÓóÒòÕõỌọỒồỖỗỘộOoƠơỚớỜờỢợ06]{1,2}[:.;]")
_NUMBER_AFTER = re.compile(r"[\d…._]*[/-][A-ZĐ]|\d{1,6}(?:$|[/-])")
# a cited number and its first code: `76/NQ-CP`, `25/2025/NĐ-CP`, `31-HD/BTCTW`
_CITED = re.compile(r"(\d{1,6}(?:/(?:19|20)\d{2})?[/-])([A-Za-zĐđÐ0-9]{1,5})((?:[/-].*)?)")
# Letters and figures Tesseract reads for one another inside a capital code.
_LOOKALIKE_GROUPS = ("QGO0", "CG", "DĐÐO0", "Il1|T", "B8", "S5", "Z2")
_TRAIL = re.compile(r"[,.;:)”\"]+$")
_LEAD = re.compile(r"\d+")
_NUMBER = re.compile(r"\d{1,6}(?:/(?:19|20)\d{2})?[/-][A-ZĐ][A-Za-zĐđ&/-]*[A-Za-zĐđ]")


def fix_number_label(words: list[str]) -> list[str]:
    """`SỐô:223/STP-BTTP` → `Số:` `223/STP-BTTP`, `Sô: 45/UBND-VP` → `Số: 45/UBND-VP`: the label of the number
    line read with a lookalike of its `ố`, at a line's or cell's start and before a number or a blank one."""
    for i, w in enumerate(words):
        if i and words[i - 1] != "|":
            continue
        m = _LABEL.match(w)
        if not m or w[:m.end() - 1] in ("Số", "SỐ"):
            continue
        rest = w[m.end():]
        after = rest or (words[i + 1] if i + 1 < len(words) else "")
        if _NUMBER_AFTER.match(after):
            return words[:i] + ["Số:"] + ([rest] if rest else []) + words[i + 1:]
    return words


@lru_cache(maxsize=1)
def _type_codes() -> tuple[dict[str, list[str]], frozenset[str]]:
    """Each type's name (folded) → its codes, and every type code (case-folded)."""
    by_name = {fold(t["name"]): list(t["codes"]) for t in rules.load("doc_types")["types"] if t["codes"]}
    return by_name, frozenset(c.casefold() for cs in by_name.values() for c in cs)


def _alike(a: str, b: str) -> bool:
    """Same length, and each letter that differs is a lookalike of the other."""
    return len(a) == len(b) and a != b and all(
        x == y or any(x in g and y in g for g in _LOOKALIKE_GROUPS) for x, y in zip(a, b))


def _named_type(before: list[str]) -> str | None:
    """The type name (folded) the words before a number end with, `số` and a colon allowed after it."""
    folded = [fold(w).strip(":.") for w in before[-4:]]
    if folded and folded[-1] == "so":
        folded.pop()
    by_name = _type_codes()[0]
    for n in (3, 2, 1):
        name = " ".join(folded[-n:]) if len(folded) >= n else None
        if name in by_name:
            return name
    return None


def fix_type_codes(lines: list[list[str]]) -> None:
    """`Nghị quyết số 76/NG-CP` → `76/NQ-CP`: a cited number's first code, when it is no type's code and is one
    lookalike letter off the code of the type named before it (on its line or at the end of the one before)."""
    by_name, every = _type_codes()
    flat = [(i, k) for i, ws in enumerate(lines) for k in range(len(ws))]
    for n, (i, k) in enumerate(flat):
        m = _CITED.fullmatch(lines[i][k])
        if not m or m.group(2).casefold() in every:
            continue
        name = _named_type([lines[a][b] for a, b in flat[max(0, n - 4):n]])
        codes = [c for c in by_name.get(name, ()) if _alike(m.group(2), c)]
        if len(codes) == 1:
            lines[i][k] = m.group(1) + codes[0] + m.group(3)


def _one_letter_more(longer: str, shorter: str) -> bool:
    """`longer` is `shorter` with one letter put in (`NCKSTTTHC`, `NCKSTTHC`)."""
    if len(longer) != len(shorter) + 1:
        return False
    k = next((j for j, (x, y) in enumerate(zip(longer, shorter)) if x != y), len(shorter))
    return longer[k].isalpha() and longer[:k] + longer[k + 1:] == shorter


def _segments_apart(a: str, b: str) -> set[str]:
    sa, sb = re.split(r"[/-]", a), re.split(r"[/-]", b)
    return set(sa) ^ set(sb)


def agree_numbers(lines: list[list[str]]) -> None:
    """A number cited once with one letter more or less in its code than the reading the document gives it at
    least twice is that reading (a type code is never changed into another: `15/CT-TTg` and `15/CTr-TTg` stay)."""
    _, every = _type_codes()
    found = Counter()
    for ws in lines:
        for w in ws:
            core = _TRAIL.sub("", w)
            if _NUMBER.fullmatch(core):
                found[core] += 1
    if len(found) < 2:
        return
    fixes = {}
    for once in (t for t, c in found.items() if c == 1):
        agreed = [t for t, c in found.items() if c >= 2 and _LEAD.match(t).group() == _LEAD.match(once).group()
                  and (_one_letter_more(once, t) or _one_letter_more(t, once))]
        if len(agreed) == 1 and not any(s.casefold() in every for s in _segments_apart(once, agreed[0])):
            fixes[once] = agreed[0]
    if not fixes:
        return
    for ws in lines:
        for k, w in enumerate(ws):
            core = _TRAIL.sub("", w)
            if core in fixes:
                ws[k] = fixes[core] + w[len(core):]
