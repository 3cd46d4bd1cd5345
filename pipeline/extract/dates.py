"""Dates, deadlines, periods and recurrences, normalized to DATASET.md value forms."""
from __future__ import annotations

import re
from functools import lru_cache

from .. import rules
from ..document import Doc

_ORDER = ["range_days", "time_day", "day_words", "day_bare", "month", "quarter", "half", "period",
          "until_year", "year", "recurrence"]
_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@lru_cache(maxsize=None)
def _patterns() -> dict:
    cfg = rules.load("dates")
    return {name: re.compile(cfg["patterns"][name]) for name in _ORDER}


def iso_day(d, m, y) -> str | None:
    try:
        d, m, y = int(d), int(m), int(y)
    except (TypeError, ValueError):
        return None
    if 1 <= d <= 31 and 1 <= m <= 12 and 1900 <= y <= 2100:
        return f"{y:04d}-{m:02d}-{d:02d}"
    return None


def parse_day(s: str) -> str | None:
    """`13/9/2021`, `13-9-2021`, `13.9.2021`, `13 tháng 9 năm 2021` → `2021-09-13`."""
    m = re.match(r"\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})", s) or \
        re.match(r"\s*(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", s)
    return iso_day(*m.groups()) if m else None


def _year_near(text: str, start: int, default: int | None) -> int | None:
    """A partial date takes the year of its sentence, else the document's."""
    sent_start = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    sent_end_candidates = [i for i in (text.find(".", start), text.find("\n", start)) if i >= 0]
    sent_end = min(sent_end_candidates) if sent_end_candidates else len(text)
    years = re.findall(r"(?<!\d)(20\d{2}|19\d{2})(?!\d)", text[sent_start:sent_end])
    return int(years[0]) if years else default


def _value(name: str, m: re.Match, text: str, year: int | None) -> str | None:
    g = m.groupdict()
    if name == "range_days":
        y2 = int(g["y2"])
        a = iso_day(g["d1"], g["m1"], g["y1"] or y2)
        b = iso_day(g["d2"], g["m2"], y2)
        return f"{a}/{b}" if a and b else None
    if name in ("time_day", "day_words", "day_bare"):
        y = g.get("y") or _year_near(text, m.start(), year)
        return iso_day(g["d"], g["m"], y) if y else None
    if name == "month":
        mo = int(g["m"])
        return f"{int(g['y']):04d}-{mo:02d}" if 1 <= mo <= 12 else None
    if name == "quarter":
        y = g.get("y") or _year_near(text, m.start(), year)
        return f"{int(y)}-Q{_QUARTERS[g['q']]}" if y else None
    if name == "half":
        y = g.get("y") or _year_near(text, m.start(), year)
        return f"{int(y)}-H{1 if 'đầu' in g['which'] else 2}" if y else None
    if name == "period":
        return f"{g['y1']}/{g['y2']}"
    if name in ("until_year", "year"):
        return g["y"]
    if name == "recurrence":
        word = re.sub(r"\s+", " ", g["word"])
        return rules.load("dates")["recurrence_values"].get(word, "periodic")
    return None


def _kind(name: str, text: str, start: int) -> str:
    if name == "recurrence":
        return "recurrence"
    if name in ("range_days", "period"):
        return "period"
    before = text[max(0, start - 30):start].lower()
    match_text = text[start:start + 12].lower()
    if name == "until_year":
        return "deadline"
    for cue in rules.load("dates")["deadline_cues"]:
        if before.rstrip().endswith(cue) or match_text.startswith(cue):
            return "deadline"
    if re.search(r"(trước|chậm nhất|hạn)\s*(?:ngày)?\s*$", before):
        return "deadline"
    return "event"


def find(doc: Doc) -> list[dict]:
    text = doc.text
    year = doc.year
    blocked = [(r["start"], r["end"]) for r in doc.found.get("references", [])]
    # the document's own place-and-date line is its issue date, not a date in the text
    header = text[:doc.structure.header_end]
    for m in re.finditer(r"[^\n]*ngày[^\n]*tháng[^\n]*năm[^\n]*", header):
        blocked.append(m.span())
    out: list[dict] = []
    taken: list[tuple[int, int]] = []
    for name, pat in _patterns().items():
        for m in pat.finditer(text):
            s, e = m.span()
            if any(a < e and s < b for a, b in taken) or any(a <= s < b for a, b in blocked):
                continue
            value = _value(name, m, text, year)
            if not value:
                continue
            taken.append((s, e))
            out.append({"value": value, "kind": _kind(name, text, s), "text": m.group(0),
                        "start": s, "end": e})
    return out
