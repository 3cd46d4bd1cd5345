"""Responsible bodies and their roles (DATASET.md "bodies"), from role verbs and lists.

First the Nơi nhận / Kính gửi lists (role `recipient`), then every clause of the
body: a name that follows a role cue (`Giao X`, `phối hợp với X`) or stands
before one (`X chủ trì`) takes that role; names joined by commas and `và`
share it.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import rules
from ..document import Doc
from ..names import canonical


@lru_cache(maxsize=None)
def _patterns() -> dict:
    cfg = rules.load("roles")
    heads = sorted(cfg["name_heads"], key=len, reverse=True)
    stops = sorted(cfg["name_stop"], key=len, reverse=True)
    stop_alt = "|".join(re.escape(s) for s in stops)
    word = r"(?:(?!(?:" + stop_alt + r")\b)[^\s,;:.()“”\"]+)"
    name = r"(?<![\wĐđ])(?:" + "|".join(re.escape(h) for h in heads) + r")(?![\wĐđ])(?:\s+" + word + r"){0,9}"
    cues = []
    for role, sides in cfg["roles"].items():
        for side in ("before", "after"):
            for c in sides[side]:
                cues.append((c, role, side))
    cues.sort(key=lambda c: -len(c[0]))
    return {
        "name": re.compile(name),
        "cues": [(re.compile(r"(?<![\wĐđ])" + re.escape(c) + r"(?![\wĐđ])"), role, side) for c, role, side in cues],
    }


_SKIP_RECIPIENT = re.compile(r"^(?:Như\b|Lưu\s*:|Lưu\s+VT|Lưu$|VT\b|Các đ/c|Đ/c|đ/c|Các đồng chí|Đồng chí|Website|Cổng thông tin|Trang thông tin)", re.I)


def _clean(name: str) -> str:
    name = re.sub(r"\([^)]*\)?", "", name)
    name = re.sub(r"^\s*[-+•*]\s*", "", name)
    name = re.sub(r"^Lưu\s*:?\s*", "", name)
    return name.strip(" ;,.:")


def _recipients(doc: Doc) -> list[dict]:
    out = []
    for ln in doc.recipients:
        raw = ln.text
        name = _clean(raw)
        if not name or _SKIP_RECIPIENT.match(name) or len(name) > 150 or re.fullmatch(r"[A-ZĐ0-9, ]+", name):
            continue
        start = ln.start + max(0, raw.find(name[:10]))
        out.append({"name": canonical(name), "name_as_written": name, "role": "recipient",
                    "text": raw, "start": start, "end": start + len(name)})
    return out


def _clauses(text: str, start: int, end: int):
    """Clauses of the body: split at sentence ends, semicolons and line breaks."""
    pos = start
    for m in re.finditer(r"[;\n]|\.(?=\s|$)", text[start:end]):
        yield pos, start + m.start()
        pos = start + m.end()
    if pos < end:
        yield pos, end


def _role_for(cue_hits, name_start: int, name_end: int, clause_text_between) -> str | None:
    before = [c for c in cue_hits if c[1] <= name_start and c[3] == "before"]
    after = [c for c in cue_hits if c[0] >= name_end and c[3] == "after"]
    if before:
        b = max(before, key=lambda c: c[1])
        # only names, commas and `và` between the cue and this name
        between = clause_text_between(b[1], name_start)
        if len(between) < 160:
            return b[2]
    if after:
        a = min(after, key=lambda c: c[0])
        if len(clause_text_between(name_end, a[0])) < 120:
            return a[2]
    return None


def find(doc: Doc) -> list[dict]:
    p = _patterns()
    text = doc.text
    out = _recipients(doc)
    blocked = [(r["start"], r["end"]) for r in doc.found.get("references", [])]
    start = doc.structure.body_start
    end = doc.structure.closing_start
    for cs, ce in _clauses(text, start, end):
        clause = text[cs:ce]
        if "|" in clause:
            continue
        hits = []
        for pat, role, side in p["cues"]:
            for m in pat.finditer(clause):
                s, e = cs + m.start(), cs + m.end()
                if any(h[0] < e and s < h[1] for h in hits):
                    continue
                hits.append((s, e, role, side))
        if not hits:
            continue
        for m in p["name"].finditer(clause):
            s, e = cs + m.start(), cs + m.end()
            if any(a <= s < b for a, b in blocked):
                continue
            raw = m.group(0).strip(" ,")
            if len(raw.split()) < 2 and raw not in ("UBND", "HĐND", "MTTQ"):
                continue
            role = _role_for(hits, s, e, lambda a, b: text[a:b])
            if role is None:
                continue
            out.append({"name": canonical(raw), "name_as_written": raw, "role": role,
                        "text": raw, "start": s, "end": s + len(raw)})
    return out
