"""Recipients: the Nơi nhận and Kính gửi items of a document, each a body with the `recipient` role."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline import rules
from pipeline.parse.document import Doc
from pipeline.extract.bodies.grammar import (body_item, find_names, head_at, listed_name, name_start, role_rules, scan_name,
                                             strip_title)
from pipeline.extract.bodies.tokens import Tok, is_cap, tokenize


_LISTED = re.compile(r"^\s*[-+•*–]?\s*(?i:các)\s+[^\W\d]+(?:,?\s+[^\W\d]+){0,3}\s*:\s*\S")


def recipient_items(doc: Doc):
    """(start, text) of each recipient item: Nơi nhận items up to `Lưu`, Kính gửi items split at `;`."""
    c = role_rules()
    closing = doc.structure.closing_start
    stopped = False
    for ln in doc.recipients:
        in_noi_nhan = ln.start >= closing
        if in_noi_nhan and stopped:
            continue
        raw = ln.text
        if not in_noi_nhan:
            m = c["cut"].search(raw)
            if m:
                raw = raw[:m.start()]
        pos = 0
        # `- Các sở, ngành: TC; XD; NN&MT;` is one item: the fields after a plural head's colon
        parts = [raw] if _LISTED.match(raw) else re.split(r";\s*(?=-|\s*[A-ZĐ])|;\s*$", raw)
        for part in parts:
            s = ln.start + raw.find(part, pos)
            pos = max(pos, raw.find(part, pos) + len(part))
            item = part.strip()
            lead = re.match(r"^[-+•*–]\s*", item)
            if lead:
                s += lead.end()
                item = item[lead.end():]
            if re.match(r"^Lưu\b", item):
                if in_noi_nhan:
                    stopped = True
                rest = re.sub(r"^Lưu\s*:?\s*", "", item)
                if not rest or re.match(r"^(VT|Văn thư)\b", rest) or re.fullmatch(r"[A-ZĐ0-9,.;&\s\-]+", rest):
                    continue
                s += item.find(rest)
                item = rest
            yield s, item


_BARE_ADDRESS = re.compile(r"^[ \t]*Kính gửi[ \t]*:?[ \t]*\n[ \t]*([^\n\-+•][^\n]{2,150})$", re.M)


def _bare_addressee(doc: Doc):
    """`Kính gửi:` alone on its line, the addressee on the next one without a bullet (a letter's two-column
    header read line by line): that line, when it is only a body's name."""
    m = _BARE_ADDRESS.search(doc.text, 0, doc.structure.body_start + 400)
    if not m or any(ln.start == m.start(1) for ln in doc.recipients):
        return
    toks = tokenize(m.group(1), m.start(1))
    names = find_names(toks)
    if names and names[0][0] == 0 and names[-1][1] >= len(toks) - 1:
        yield m.start(1), m.group(1).rstrip(" .;,")


def find_recipients(doc: Doc, places) -> list[dict]:
    """The bodies of the Nơi nhận and Kính gửi items, role `recipient`."""
    c = role_rules()
    out = []
    for s, item in [*recipient_items(doc), *_bare_addressee(doc)]:
        out.extend(_bracketed_bodies(doc, s, item, places))
        if not item or c["skip"].match(item) or len(item) > 200:
            continue
        toks = tokenize(item, s)
        depth, keep = 0, []
        for t in toks:
            if t.t == "(":
                depth += 1
            elif t.t == ")":
                depth = max(0, depth - 1)
            elif depth == 0:
                keep.append(t)
        listed = [sp for sp in find_names(keep) if getattr(sp, "head", None)]
        for sp in listed:                # `Các phòng: Tổng hợp, Kế hoạch`: one body per field
            a = name_start(sp)
            raw = doc.text[keep[a].s:keep[sp[1] - 1].e]
            out.append(body_item(listed_name(sp.head, raw), "recipient", keep[a].s, keep[sp[1] - 1].e, raw, places,
                             "recipient"))
        spans, i = [], listed[-1][1] if listed else 0
        while listed and i < len(keep) and keep[i].t in (",", ";", "và"):
            i += 1                        # `…: TC, TP, Thanh tra tỉnh`: a body named whole after the fields
        while i < len(keep):
            end = i + 1
            while end < len(keep) and not (keep[end].t in (",", ".", ";") and end + 1 < len(keep)
                                            and (head_at(keep, end + 1) or c["titles"].match(keep, end + 1)[0])
                                            and not (c["list_nouns"].match(keep, end + 1)[0]
                                                     and not is_cap(keep[end + 1].t))):
                end += 1
            a = i
            while True:
                j, title = strip_title(keep, a)
                if not title or j >= end:
                    break
                a = j
            if a < end and (head_at(keep, a) or c["lower_heads"].match(keep, a)[0]):
                spans.append((keep, a, end))
            i = end + 1
        if not spans:
            # a person with their body in brackets: `Trưởng Khối thi đua 6 (Báo cáo) (Ban Tuyên giáo Tỉnh ủy)`
            spans = [(toks, a, scan_name(toks, a)) for a, _ in _paren_spans(toks) if head_at(toks, a)]
        for tk, a, b in spans:
            while b > a and tk[b - 1].t in (",", ".", ";", ":", "-"):
                b -= 1
            while b - a > 1 and tk[b - 2].t == "." and _initials(tk[b - 1].t):
                b -= 2                # the drafter's initials after the item: `Văn phòng Tỉnh ủy. NVH`
            if b <= a:
                continue
            raw = doc.text[tk[a].s:tk[b - 1].e]
            out.append(body_item(raw, "recipient", tk[a].s, tk[b - 1].e, raw, places, "recipient"))
    return out


_MEMBERS = re.compile(r"^\s*(?:các\s+)?(?:thành viên|thành phần)\b", re.I)


def _bracketed_bodies(doc: Doc, s: int, item: str, places) -> list[dict]:
    """`- Thành viên Hội đồng (Sở Nội vụ, Sở Tư pháp, Sở Tài chính);`: the bracket of a members' item of the Nơi
    nhận that lists only bodies names each member (a bracket after a body's own name qualifies it instead); a
    bracket the page cut off runs to the item's end."""
    if "(" not in item or not _MEMBERS.match(item):
        return []
    toks = tokenize(item, s)
    open_at = next(i for i, t in enumerate(toks) if t.t == "(")
    close = next((i for i in range(open_at, len(toks)) if toks[i].t == ")"), len(toks))
    inner = toks[open_at + 1:close]
    names = find_names(inner)
    covered = {k for a, b in names for k in range(a, b)}
    if len(names) < 2 or any(k not in covered and t.t not in (",", ";", "và", ".") for k, t in enumerate(inner)):
        return []
    out = []
    for a, b in names:
        raw = doc.text[inner[a].s:inner[b - 1].e]
        out.append(body_item(raw, "recipient", inner[a].s, inner[b - 1].e, raw, places, "recipient"))
    return out


def _initials(tok: str) -> bool:
    """A person's initials (2 to 5 capitals) rather than an abbreviated body (`UBND`, `MTTQ`, rules/abbreviations.yaml)."""
    return 2 <= len(tok) <= 5 and tok.isupper() and tok.isalpha() and tok.casefold() not in _body_codes()


@lru_cache(maxsize=None)
def _body_codes() -> frozenset:
    table = rules.load("abbreviations")
    return frozenset(k.casefold() for part in ("bodies", "issuers") for k in table.get(part, {}))


def _paren_spans(toks: list[Tok]):
    stack = []
    for i, t in enumerate(toks):
        if t.t == "(":
            stack.append(i)
        elif t.t == ")" and stack:
            a = stack.pop()
            yield a + 1, i


_POINTER = re.compile(r"^\s*[-+•*–]?\s*Như\s+((?:(?:khoản|điểm)\s+\S+\s+)*Điều\s+[\dIVX]+(?:\s*(?:,|và)\s*(?:Điều\s+)?[\dIVX]+)*)",
                      re.I)


def pointed_recipients(doc: Doc, items: list[dict]) -> list[dict]:
    """`Như Điều 3` in the Nơi nhận stands for the bodies that article names (DATASET.md "bodies"): each body
    given a part there is also a recipient. (`Như trên` in a letter points to the Kính gửi line, whose
    bodies are read as recipients already.)"""
    if not role_rules()["raw"].get("pointed_recipients"):
        return []
    closing = doc.structure.closing_start
    articles: set[str] = set()
    for ln in doc.recipients:
        m = _POINTER.match(ln.text) if ln.start >= closing else None
        if m:
            articles.update(re.findall(r"[\dIVX]+", re.split(r"(?i)điều", m.group(1), maxsplit=1)[1]))
    if not articles:
        return []
    spans = {}                        # the document's own articles: the first of each number, before the signature
    for sec in doc.sections:
        m = re.fullmatch(r"Điều\s+(\S+)", str(sec.get("label", "")))
        if m and m.group(1) in articles and sec["start"] < closing:
            spans.setdefault(m.group(1), (sec["start"], sec["end"]))
    spans = list(spans.values())
    out, seen = [], set()
    for it in items:
        if it["role"] == "lead" and any(a <= it["start"] < b for a, b in spans) and it["name"] not in seen:
            seen.add(it["name"])
            out.append({**it, "role": "recipient", "source": "recipient"})
    return out
