"""Quantitative targets: percentages, counts and sums set as goals (DATASET.md)."""
from __future__ import annotations

import re
from functools import lru_cache

from .. import rules
from ..document import Doc


@lru_cache(maxsize=None)
def _patterns() -> dict:
    cfg = rules.load("targets")
    cmp_words = sorted(((w, op) for op, ws in cfg["comparators"].items() for w in ws), key=lambda x: -len(x[0]))
    cmp_alt = "|".join(re.escape(w) for w, _ in cmp_words)
    unit_alt = "|".join(f"(?P<u{i}>{p})" for i, p in enumerate(cfg["units"].values()))
    nouns = "|".join(re.escape(n) for n in sorted(cfg["count_nouns"], key=len, reverse=True))
    num = cfg["number"]
    return {
        "measure": re.compile(r"(?:(?P<cmp>" + cmp_alt + r")\s+)?" + num + r"\s*(?:" + unit_alt + r")"),
        "count": re.compile(r"(?:(?P<cmp>" + cmp_alt + r")\s+)?(?<![\w/.,-])" + num + r"\s+(?P<noun>(?:" + nouns + r")\b)"),
        "cmp": dict(cmp_words),
        "units": list(cfg["units"].keys()),
        "suffix": re.compile(cfg["at_least_suffix"]),
        "goal": cfg["goal_cues"],
        "past": cfg["past_cues"],
    }


def parse_number(s: str) -> float | None:
    """Vietnamese digits: `1.000` is one thousand, `2,5` two and a half, `01` one."""
    s = s.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
        s = s.replace(".", "")
    s = s.replace(",", ".")
    try:
        v = float(s)
    except ValueError:
        return None
    return int(v) if v.is_integer() else v


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    s = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start), text.rfind(";", 0, start)) + 1
    ends = [i for i in (text.find("\n", end), text.find(";", end), text.find(". ", end)) if i >= 0]
    return s, min(ends) if ends else len(text)


def _subject(text: str, start: int, stop: int) -> str | None:
    seg = text[start:stop]
    seg = re.split(r"\s(?:trở lên|trong năm|vào năm|đến năm|năm 20\d\d)\b|[;:(]|\.\s|\.$", seg)[0]
    words = seg.strip(" ,").split()
    return " ".join(words[:14]) or None


def find(doc: Doc) -> list[dict]:
    p = _patterns()
    text = doc.text
    blocked = [(x["start"], x["end"]) for k in ("references", "dates") for x in doc.found.get(k, [])]
    out: list[dict] = []
    taken: list[tuple[int, int]] = []
    for kind in ("measure", "count"):
        for m in p[kind].finditer(text):
            s, e = m.span()
            if any(a < e and s < b for a, b in blocked + taken):
                continue
            if m.start() < doc.structure.header_end:
                continue
            line_start = text.rfind("\n", 0, s) + 1
            if re.match(r"\s*$", text[line_start:s]) and re.match(r"\d+\s*[.)]", text[s:e]):
                continue  # a section label
            ss, se = _sentence(text, s, e)
            before = text[ss:s].lower()
            if any(c in before for c in p["past"]) or not any(c in text[ss:se].lower() for c in p["goal"]):
                continue
            value = parse_number(m.group("num"))
            if value is None:
                continue
            if kind == "measure":
                unit = next(p["units"][i] for i in range(len(p["units"])) if m.group(f"u{i}"))
                subject = _subject(text, e, se)
            else:
                unit = "count"
                subject = _subject(text, m.start("noun"), se)
            cmp_word = m.group("cmp")
            comparator = p["cmp"].get(cmp_word, "=") if cmp_word else "="
            if comparator == ">=" and cmp_word == "từ" and not p["suffix"].match(text, e):
                comparator = "="
            if comparator == "=" and p["suffix"].match(text, e):
                comparator = ">="
            yr = re.search(r"(?:đến|vào|trong)\s+năm\s+(20\d\d)|năm\s+(20\d\d)", text[ss:se])
            year = int(yr.group(1) or yr.group(2)) if yr else None
            taken.append((s, e))
            out.append({"value": value, "unit": unit, "comparator": comparator, "subject": subject,
                        "year": year, "text": text[s:e], "start": s, "end": e})
    return out
