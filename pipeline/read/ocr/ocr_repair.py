"""Read OCR'd header and closing lines back as the fixed words they print.

Tesseract reads the typed header of a scan well but not perfectly: `LÂM ĐÒNG` for
`LÂM ĐỒNG`, `QUYÉT ĐỊNH`, `Só:`. Those lines hold the metadata, so before the structure
stage reads them, any word sequence whose letters match a known phrase once tone marks
and case are folded away is replaced by that phrase (`rules/ocr.yaml`). Every fix keeps
the line's length, so offsets into the stored text stay exact; the text itself is not
changed, only what the header parser sees.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline import rules
from pipeline.text import units
from pipeline.text.fold import fold


@lru_cache(maxsize=None)
def _lookalikes() -> dict:
    return str.maketrans(rules.load("ocr").get("lookalikes") or {})


def _key(text: str) -> str:
    """What a phrase and its OCR'd reading share: folded, and OCR's lookalike letters made one."""
    return fold(text).translate(_lookalikes())


def _phrases() -> list[str]:
    cfg = rules.load("ocr")
    places = list(units.provinces().values()) + list(cfg["cities"])
    out = places + [f"{u} {p}" for u in cfg["place_units"] for p in places] + list(cfg["phrases"]) + list(cfg["title_terms"])
    out += rules.doc_type_names()
    out += rules.load("structure")["closing"]["title_spellings"]
    out += [h for h in rules.load("names")["org_heads"]]
    return [p for p in dict.fromkeys(out) if len(p.split()) >= 2]


@lru_cache(maxsize=None)
def _matcher() -> tuple[re.Pattern, dict[str, str]]:
    """One regex over folded text for every phrase (longest first) and folded → phrase."""
    table: dict[str, str] = {}
    for phrase in sorted(_phrases(), key=len, reverse=True):
        key = " ".join(_key(phrase).split())
        table.setdefault(key, phrase)
    alternatives = [r"\s*-\s*".join(r"\s+".join(map(re.escape, part.split())) for part in key.split(" - "))
                    for key in table]
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)"), table


def _in_case_of(word: str, written: str) -> str:
    """`word` in the case `written` has: all capitals, capitalized, or lower."""
    if len(written) > 1 and written.isupper():
        return word.upper()
    word = word.lower() if len(word) > 1 and word.isupper() else word
    return (word[:1].upper() if written[:1].isupper() else word[:1].lower()) + word[1:]


def repair_line(text: str) -> str:
    """The line with damaged fixed phrases read back; always the same length as `text`."""
    if not text:
        return text
    out = list(text)
    for fix in rules.load("ocr")["line_fixes"]:
        m = rules.compiled(fix["pattern"]).search(text)
        if m and len(m.group(0)) == len(fix["replace"]):
            out[m.start():m.end()] = fix["replace"]
    pattern, table = _matcher()
    folded = _key(text)
    for m in pattern.finditer(folded):
        key = " ".join(m.group(0).replace("-", " - ").split())
        phrase = table.get(key)
        if phrase is None:
            continue
        written = list(re.finditer(r"[^\s-]+", text[m.start():m.end()]))
        words = re.findall(r"[^\s-]+", phrase)
        if len(written) != len(words) or any(len(w.group(0)) != len(p) for w, p in zip(written, words)):
            continue
        for w, p in zip(written, words):
            s = m.start() + w.start()
            out[s:s + len(p)] = _in_case_of(p, w.group(0))
    fixed = "".join(out)
    return fixed if len(fixed) == len(text) else text
