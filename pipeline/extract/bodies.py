"""Responsible bodies and their roles (DATASET.md "bodies"): rules, then the trained model.

Rules read the clause structure of directives: a body named in a heading
(`a) Sở Y tế`, `- Sở Nội vụ:`) or at the start of a clause is the subject of the
task verbs that follow (`chủ trì` → lead, `tham mưu` → advise, `theo dõi` →
monitor, `phối hợp` → coordinate); a body named after an object cue takes that
cue's role (`Giao X`, `phối hợp với X`, `báo cáo về X`). Names joined by commas
and `và` share a role. Nơi nhận / Kính gửi items are recipients. The name
grammar and every vocabulary live in `rules/roles.yaml`.

Only what the document itself assigns counts: a report of what was done (`đã`,
a `DIỄN BIẾN` / `KẾT QUẢ THỰC HIỆN` part), a cited act's own task (`Quyết định
số … giao X`), a quotation, an applicant in `Theo đề nghị của …` give no role.
Lines wrapped by the page are read rejoined; a body told to act (`giao X tổng hợp
…; tham mưu …`) does what follows it.

The trained span model (`pipeline.extract.bodies_model`) then checks the clauses the rules looked
at: where it agrees it keeps the rule's span, where it finds a name the grammar
missed it adds it (role from the same cues). `VANBAN_BODIES=rules|model|both`
picks the mode (default `both`).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline import rules
from pipeline.parse.document import Doc
from pipeline.text.names import canonical
from pipeline.parse.sections import section_at

MERGE_PREFIXES = False
ROLES = ("lead", "coordinate", "advise", "monitor", "report_to", "recipient")
_TOKEN = re.compile(r"[^\s,;:.()“”\"'!?]+|[,;:.()“”\"]")
# a label is not the start of a date running on from the line above (`30/11/2025.`)
_LABEL = re.compile(r"^\s*(?:(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)\-/]+(?!\d)|[-+•*–])\s*")
_NUMBERED = re.compile(r"^\s*(?:(?P<roman>[IVXLC]+)|(?P<num>\d+(?:\.\d+)*)|(?P<letter>[a-zđ]))\s*[.)\-/](?!\d)")


def _rank(line: str) -> int | None:
    """Depth of a numbered line's label: I. < 1. < 1.1. < a); None for other lines."""
    m = _NUMBERED.match(line)
    if not m:
        return None
    if m.group("roman"):
        return 1
    if m.group("num"):
        return 2 + m.group("num").count(".")
    return 6
_CAP = re.compile(r"^[A-ZĐÀ-ỸỲ-Ỹ][^\s]*$")


def _is_cap(tok: str) -> bool:
    return bool(tok) and (tok[0].isupper() or tok[0].isdigit() and False)


@dataclass
class Tok:
    s: int
    e: int
    t: str

    @property
    def low(self) -> str:
        return self.t.casefold()


def tokenize(text: str, offset: int = 0) -> list[Tok]:
    return [Tok(offset + m.start(), offset + m.end(), m.group(0)) for m in _TOKEN.finditer(text)]


class _Phrases:
    """Multi-word phrases matched at a token index (longest first)."""

    def __init__(self, phrases, fold: bool = True, fold_rest: bool = False):
        """`fold`: ignore case; `fold_rest`: only the first word's case counts (`Liên Đoàn` is `Liên đoàn`)."""
        self.fold = fold
        self.by_first: dict[str, list[tuple[tuple[str, ...], object]]] = {}
        for p, val in phrases:
            words = [w.casefold() if fold else w for w in _TOKEN.findall(p)]
            if fold_rest:
                words[1:] = [w.casefold() for w in words[1:]]
            if words:
                self.by_first.setdefault(words[0], []).append((tuple(words), val))
        for v in self.by_first.values():
            v.sort(key=lambda x: -len(x[0]))
        self.rest = fold or fold_rest

    def match(self, toks: list[Tok], i: int):
        """(length, value) of the longest phrase starting at token i, else (0, None)."""
        if i >= len(toks):
            return 0, None
        key = toks[i].low if self.fold else toks[i].t
        for words, val in self.by_first.get(key, ()):
            n = len(words)
            if i + n <= len(toks) and all((toks[i + k].low if self.rest else toks[i + k].t) == words[k] for k in range(1, n)):
                return n, val
        return 0, None


@lru_cache(maxsize=None)
def _cfg():
    cfg = rules.load("roles")
    heads = [(h, "head") for h in cfg["name_heads"]] + [(h, "lower") for h in cfg["lower_heads"]]
    return {
        "raw": cfg,
        "heads": _Phrases(heads, fold=False, fold_rest=True),
        "lower_heads": _Phrases([(h, "lower") for h in cfg["lower_heads"]], fold=True),
        "stop": _Phrases([(s, True) for s in cfg["name_stop"]]),
        "list_nouns": _Phrases([(s, True) for s in cfg["list_nouns"]]),
        "units": _Phrases([(s, True) for s in cfg["units"]], fold=False),
        "after_unit": _Phrases([(s, True) for s in cfg["after_unit"]]),
        "not_units": _Phrases([(s, True) for s in cfg["not_units"]]),
        "relative": [tuple(w.casefold() for w in _TOKEN.findall(x)) for x in cfg["relative_tails"]],
        "subject_verbs": _Phrases([(v, r) for r, vs in cfg["subject_verbs"].items() for v in vs]),
        "object_cues": _Phrases([(v, r) for r, vs in cfg["object_cues"].items() for v in vs]),
        "not_cues": _Phrases([(v, True) for v in cfg["not_cues"]]),
        "capacities": _Phrases([(v, True) for v in cfg["capacities"]]),
        "colon_heads": {k.casefold(): v for k, v in cfg["colon_heads"].items()},
        "openers": _Phrases([(v, True) for v in cfg["openers"]]),
        "narrative": re.compile(r"\s*(?:" + "|".join(re.escape(h) for h in cfg["narrative_headings"]) + r")\b", re.I),
        "alias": re.compile(r"\s*\((?:" + "|".join(re.escape(a) for a in cfg["alias_cues"]) + r")\s+(?P<short>[^()]{3,80})\)",
                            re.I),
        "noun_before_cue": frozenset(w.casefold() for w in cfg["noun_before_cue"]),
        "noun_before_verb": frozenset(w.casefold() for w in cfg["noun_before_verb"]),
        "qualifiers": _Phrases([(v, True) for v in cfg["name_qualifiers"]]),
        "report_about": _Phrases([(s, True) for s in cfg["report_about"]]),
        "not_a_task": _Phrases([(s, True) for s in cfg["not_a_task"]]),
        "titles": _Phrases([(s, s) for s in cfg["person_titles"]], fold=False),
        "need_cap": {h.casefold() for h in cfg["need_capital_after"]},
        "lower_open": [tuple(_TOKEN.findall(x)) for x in cfg["lower_openings"]],
        "not_names": [tuple(_TOKEN.findall(x)) for x in cfg["not_names"]],
        "report_words": [w.casefold() for w in cfg["report_words"]],
        "skip": re.compile(cfg["recipient_skip"], re.I),
        "cut": re.compile(cfg["recipient_cut"]),
    }


def _starts_with(toks: list[Tok], i: int, words: tuple) -> bool:
    return i + len(words) <= len(toks) and all(toks[i + k].t == words[k] for k in range(len(words)))


# ------------------------------------------------------------------ name grammar

def _head_at(toks: list[Tok], i: int) -> int:
    """Length of a body-name head at token i (0 when none or when it opens a non-name)."""
    c = _cfg()
    n, kind = c["heads"].match(toks, i)
    if not n:
        n, kind = c["lower_heads"].match(toks, i)
    if not n:
        return 0
    if any(_starts_with(toks, i, w) for w in c["not_names"]):
        return 0
    if kind == "head":
        head = " ".join(t.low for t in toks[i:i + n])
        if head in c["need_cap"]:
            nxt = toks[i + n].t if i + n < len(toks) else ""
            if not (_is_cap(nxt) or any(_starts_with(toks, i, w) for w in c["lower_open"])):
                return 0
    return n


def _scan_name(toks: list[Tok], i: int, max_lower: int = 7) -> int:
    """End index (exclusive) of the body name that starts with a head at token i."""
    c = _cfg()
    n = _head_at(toks, i)
    j = i + n
    lower_run = 0
    after_place = False       # inside `tỉnh Lâm Đồng`: a lower-case word ends the name
    while j < len(toks):
        t = toks[j].t
        if t in (",", "và") and c["titles"].match(toks, j + 1)[0]:
            break
        if t == ",":
            k, _ = c["list_nouns"].match(toks, j + 1)
            nxt = toks[j + 1].t if j + 1 < len(toks) else ""
            if k and (not _head_at(toks, j + 1) or toks[i].low == "các" and not _is_cap(nxt)):
                j += 1 + k
                after_place = False
                continue
            if _is_cap(nxt) and not _head_at(toks, j + 1) and not after_place and nxt not in ("Sở", "Ban"):
                j += 1
                continue
            break
        if t in ("-", "–"):
            nxt = toks[j + 1].t if j + 1 < len(toks) else ""
            if _is_cap(nxt) or nxt.isdigit():
                j += 1
                continue
            if nxt in ("xã",):
                j += 1
                continue
            break
        if t in ("và",):
            nxt = toks[j + 1].t if j + 1 < len(toks) else ""
            k, _ = c["list_nouns"].match(toks, j + 1)
            if _is_cap(nxt) and not _head_at(toks, j + 1) and not after_place:
                j += 1
                continue
            if k and not _head_at(toks, j + 1) and toks[i].low == "các":
                j += 1 + k
                continue
            break
        if not re.match(r"[\wĐđ]", t):
            break
        if t == "số" and j + 1 < len(toks) and re.fullmatch(r"\d{1,2}", toks[j + 1].t):
            j += 2                    # `Ban Quản lý dự án đầu tư xây dựng số 1`
            continue
        k, _ = c["stop"].match(toks, j)
        if k and not _is_cap(t):      # `Ban Quản lý`: a capitalized word continues the name
            break
        if not _is_cap(t) and c["subject_verbs"].match(toks, j)[0] and any(x.low == "các" for x in toks[i:j]):
            break                     # `các sở, ngành liên quan xây dựng`: a collective ends at its verb
        if t.isdigit() or re.fullmatch(r"\d+[A-Za-z]?|[IVXLC]+", t):
            prev = toks[j - 1].t
            if len(t) <= 3 and (_is_cap(prev) or prev in ("số", "vực", "-")):
                j += 1
                continue
            break
        if re.search(r"\d", t):
            break
        ku, _ = c["units"].match(toks, j)
        if ku and c["not_units"].match(toks, j)[0]:
            ku = 0                    # `chính trị - xã hội` is not a commune
        if ku:
            j += ku
            lower_run = 0
            # a proper place name after the unit
            m = j
            while m < len(toks) and (_is_cap(toks[m].t) or (toks[m].t.isdigit() and len(toks[m].t) <= 3)) \
                    and not _head_at(toks, m):
                m += 1
            if m > j:
                j = m
                after_place = True
                continue
            ka, _ = c["after_unit"].match(toks, j)
            if ka:
                j += ka
            after_place = True
            continue
        if _is_cap(t):
            if after_place and _head_at(toks, j):
                break
            lower_run = 0
            j += 1
            continue
        if after_place:
            ka, _ = c["after_unit"].match(toks, j)
            if ka:
                j += ka
                continue
            break
        lower_run += 1
        if lower_run > max_lower:
            j = j - lower_run + 2     # a run-on: keep the first lower-case word only
            break
        j += 1
    # trim words that cannot end a name
    while j > i + n and toks[j - 1].t in ("và", "các", "của", "thuộc", "-", "–", ",", "trực", "cấp", "những", "tại"):
        j -= 1
    return j


def find_names(toks: list[Tok]) -> list[tuple[int, int]]:
    """Token spans (start, end) of every body name in a run of tokens."""
    c = _cfg()
    out, i = [], 0
    while i < len(toks):
        k, _ = c["capacities"].match(toks, i)
        if k:
            # `Cơ quan thường trực Hội đồng Thi đua` says what a body is, it names no other body
            i += k
            if _head_at(toks, i):
                i = _scan_name(toks, i)
            continue
        if _head_at(toks, i):
            j = _qualified(toks, _scan_name(toks, i))
            items = _colon_items(toks, i, j)
            if items:
                out.extend(items)
                i = items[-1][1]
                continue
            if j > i:
                out.append((i, j))
                i = j
                continue
        i += 1
    return out


class _Span(tuple):
    """A name's token span (start, end); `head` is prefixed to a listed field that starts at `field`:
    `các sở: Tài chính` → `Sở Tài chính` (the first field's span opens at `các sở:`)."""
    head: str | None = None
    field: int | None = None


def _span(a: int, b: int, head: str | None = None, field: int | None = None) -> _Span:
    sp = _Span((a, b))
    sp.head, sp.field = head, field
    return sp


def _field(sp) -> int:
    """Token index where a name's own words start."""
    f = getattr(sp, "field", None)
    return sp[0] if f is None else f


def _colon_items(toks: list[Tok], i: int, j: int) -> list[_Span]:
    """`các sở: Nông nghiệp và Môi trường, Tài chính`, `Các phòng: CCVC, XDCQ, TCBC`: a plural kind of body,
    a colon, then the fields of each one (rules/roles.yaml `colon_heads`)."""
    c = _cfg()
    head = c["colon_heads"].get(" ".join(t.low for t in toks[i:j]).replace(" ,", ","))
    if not head or j >= len(toks) or toks[j].t != ":":
        return []
    # fields are parted by `;` when one comes first (`Văn hóa, Thể thao và Du lịch; Ngoại vụ`), else by `,`
    seps = [t.t for t in toks[j + 1:j + 30] if t.t in (",", ";")]
    sep = seps[0] if seps else ","
    inner = {",", "và"} if sep == ";" else {"và"}
    out, k = [], j + 1
    while k < len(toks) and (_is_cap(toks[k].t) or toks[k].t.isupper()) and not _head_at(toks, k) \
            and not c["titles"].match(toks, k)[0]:
        m = k + 1
        while m < len(toks) and m - k < 10 and (re.match(r"[\wĐđ&]", toks[m].t) or toks[m].t in inner) \
                and not c["stop"].match(toks, m)[0] and not (toks[m].t in inner and (m + 1 == len(toks)
                                                             or _head_at(toks, m + 1) or not _is_cap(toks[m + 1].t))):
            m += 1
        out.append(_span(k if out else i, m, head, k))
        if m + 1 < len(toks) and toks[m].t == sep:
            k = m + 1
            continue
        break
    return out


def _qualified(toks: list[Tok], j: int) -> int:
    """End of a name with its bracketed qualifier: `Đoàn Luật sư tỉnh Lâm Đồng (cũ)` is not the `(mới)` one."""
    if j < len(toks) and toks[j].t == "(":
        k, _ = _cfg()["qualifiers"].match(toks, j + 1)
        if k and j + 1 + k < len(toks) and toks[j + 1 + k].t == ")":
            return j + 2 + k
    return j


def _skip_brackets(toks: list[Tok], i: int) -> int:
    """Index after a bracketed remark that opens at i (i itself when none opens there)."""
    if i < len(toks) and toks[i].t == "(":
        depth = 0
        for j in range(i, len(toks)):
            depth += {"(": 1, ")": -1}.get(toks[j].t, 0)
            if depth == 0:
                return j + 1
    return i


def _strip_title(toks: list[Tok], i: int) -> tuple[int, str | None]:
    """Skip a person's title before a name: (index where the body starts, title)."""
    c = _cfg()
    k, title = c["titles"].match(toks, i)
    if not k:
        return i, None
    keeps = c["raw"]["title_keeps_head"]
    if title in keeps:
        return i + k - len(_TOKEN.findall(keeps[title])), title
    j = i + k
    while j < len(toks) and toks[j].t in (",", "các", "Phó", "PCT", "PCVP", "PCTT"):
        if toks[j].t == "các" and _head_at(toks, j):
            break             # `Thủ trưởng các cơ quan chuyên môn`: the collective is the body
        j += 1
    return j, title


# ------------------------------------------------------------------ helpers

def _place_of(issuer: str | None) -> dict[str, str]:
    """`Ủy ban nhân dân tỉnh Lâm Đồng` → {"tỉnh": "Lâm Đồng"}; Party issuers give Tỉnh ủy's province."""
    out: dict[str, str] = {}
    if not issuer:
        return out
    m = re.search(r"\b(tỉnh|thành phố|huyện|xã|phường|Tỉnh ủy|Thành ủy|Huyện ủy)\s+((?:[A-ZĐÂ][^\s,]*\s*)+)$", issuer, re.I)
    if m:
        unit = m.group(1)
        unit = unit.lower() if unit.lower() in ("tỉnh", "thành phố", "huyện", "xã", "phường") else unit
        place = m.group(2).strip()
        out[unit] = place
        if unit == "Tỉnh ủy":
            out["tỉnh"] = place
        if unit == "tỉnh":
            out["Tỉnh ủy"] = place
    return out


def resolve_jurisdiction(name: str, places: dict[str, str]) -> str:
    """`Ủy ban nhân dân tỉnh` in a Lâm Đồng document → `Ủy ban nhân dân tỉnh Lâm Đồng`."""
    for unit, place in places.items():
        if re.search(r"(?<![\wĐđ])" + re.escape(unit) + r"$", name) and not re.search(r"\bcác\b|\bcấp\s+" + re.escape(unit) + "$", name):
            return f"{name} {place}"
    return name


def _body(name_raw: str, role: str, start: int, end: int, text: str, places, how: str) -> dict:
    canon = resolve_jurisdiction(canonical(name_raw), places)
    return {"name": canon, "name_as_written": name_raw, "role": role, "text": text,
            "start": start, "end": end, "source": how}


# ------------------------------------------------------------------ recipients

def _recipient_items(doc: Doc):
    """(start, text) of each recipient item: Nơi nhận items up to `Lưu`, Kính gửi items split at `;`."""
    c = _cfg()
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
        for part in re.split(r";\s*(?=-|\s*[A-ZĐ])|;\s*$", raw):
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


def _recipients(doc: Doc, places) -> list[dict]:
    c = _cfg()
    out = []
    for s, item in _recipient_items(doc):
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
        for sp in listed:                # `Các phòng: CCVC, XDCQ, TCBC`: one body per field
            a = _field(sp)
            raw = doc.text[keep[a].s:keep[sp[1] - 1].e]
            out.append(_body(f"{sp.head} {raw}", "recipient", keep[a].s, keep[sp[1] - 1].e, raw, places,
                             "recipient"))
        spans, i = [], len(keep) if listed else 0
        while i < len(keep):
            end = i + 1
            while end < len(keep) and not (keep[end].t in (",", ".", ";") and end + 1 < len(keep)
                                            and (_head_at(keep, end + 1) or c["titles"].match(keep, end + 1)[0])
                                            and not (c["list_nouns"].match(keep, end + 1)[0]
                                                     and not _is_cap(keep[end + 1].t))):
                end += 1
            a = i
            while True:
                j, title = _strip_title(keep, a)
                if not title or j >= end:
                    break
                a = j
            if a < end and (_head_at(keep, a) or c["lower_heads"].match(keep, a)[0]):
                spans.append((keep, a, end))
            i = end + 1
        if not spans:
            # a person with their body in brackets: `Trưởng Khối thi đua 6 (Báo cáo) (Ban Tuyên giáo Tỉnh ủy)`
            spans = [(toks, a, _scan_name(toks, a)) for a, _ in _paren_spans(toks) if _head_at(toks, a)]
        for tk, a, b in spans:
            while b > a and tk[b - 1].t in (",", ".", ";", ":", "-"):
                b -= 1
            while b - a > 1 and tk[b - 2].t == "." and tk[b - 1].t.isupper():   # `Văn phòng Tỉnh ủy. LTT`
                b -= 2
            if b <= a:
                continue
            raw = doc.text[tk[a].s:tk[b - 1].e]
            out.append(_body(raw, "recipient", tk[a].s, tk[b - 1].e, raw, places, "recipient"))
    return out


def _paren_spans(toks: list[Tok]):
    stack = []
    for i, t in enumerate(toks):
        if t.t == "(":
            stack.append(i)
        elif t.t == ")" and stack:
            a = stack.pop()
            yield a + 1, i


# ------------------------------------------------------------------ clauses

def _regions(doc: Doc) -> list[tuple[int, int]]:
    """Body of the document and its appendices (after the signature)."""
    out = [(doc.structure.header_end, doc.structure.closing_start)]
    for s in doc.sections:
        if s["level"] == 1 and str(s["path"]).startswith("Phụ lục"):
            out.append((s["start"], s["end"]))
    return out


def _lines(text: str, start: int, end: int):
    pos = start
    for ln in text[start:end].split("\n"):
        yield pos, pos + len(ln)
        pos += len(ln) + 1


def _logical_lines(text: str, start: int, end: int):
    """Physical lines, a line wrapped by the page rejoined with the next: `… đề nghị Ban Chủ nhiệm Đoàn Luật
    sư, Ban chấp hành` / `Hội công chứng viên của 3 tỉnh … triển khai`. A line runs on when it ends without
    `.`, `:`, `!`, `?` (a long one) or with `,`, `;` (a list), is not a numbered heading and the next line
    opens with no label or bullet."""
    cur, last = None, None
    for ls, le in _lines(text, start, end):
        line = text[ls:le]
        if cur is not None:
            prev = text[last[0]:last[1]].rstrip()
            runs_on = prev.endswith((",", ";")) or (len(prev) >= 50 and not prev.endswith((".", ":", "!", "?", "…")))
            if runs_on and line.strip() and not _LABEL.match(line) and line.count("|") < 2 \
                    and prev.count("|") < 2 and _rank(text[cur[0]:cur[1]]) is None:
                cur, last = (cur[0], le), (ls, le)
                continue
            yield cur
        cur = last = (ls, le)
    if cur is not None:
        yield cur


def _clause_bounds(toks: list[Tok]) -> list[tuple[int, int]]:
    """Token ranges of clauses: split at `;` and sentence ends."""
    out, a = [], 0
    for i, t in enumerate(toks):
        if t.t == ";" or (t.t == "." and (i + 1 == len(toks) or _is_cap(toks[i + 1].t))):
            if i > a:
                out.append((a, i))
            a = i + 1
    if a < len(toks):
        out.append((a, len(toks)))
    return out


def _names_only(toks: list[Tok], a: int, b: int, names: list[tuple[int, int]]) -> bool:
    """Whether tokens a..b hold only names (with people's titles), commas, `và` and a trailing colon."""
    covered = set()
    starts = {x for x, _ in names}
    for x, y in names:
        covered.update(range(x, y))
    i = a
    while i < b:
        j, title = _strip_title(toks, i)
        if title and j in starts:
            covered.update(range(i, j))
            i = j
        i += 1
    i = a
    while i < b:
        if toks[i].t == "(":
            i = max(i + 1, _skip_brackets(toks, i))     # a remark in brackets: `Sở Nội vụ (Cơ quan thường trực …)`
            continue
        if i in covered or toks[i].t in (",", ";", "và", ":", ")") or toks[i].t.casefold() in ("đề", "nghị", "giao"):
            i += 1
            continue
        return False
    return True


class _Emitter:
    def __init__(self, doc: Doc, places):
        self.doc, self.places, self.out = doc, places, []
        self.issuer = _issuer_forms(doc.metadata.get("issuer"), places)

    def issuer_before(self, toks, x: int, names) -> bool:
        """Whether the word before token x ends the issuer's name (`…, UBND tỉnh yêu cầu`)."""
        n = next((n for n in names if n[1] == x), None)
        if n is None:
            return False
        raw = self.doc.text[toks[n[0]].s:toks[n[1] - 1].e]
        return resolve_jurisdiction(canonical(raw), self.places).casefold() in self.issuer

    def add(self, toks, span, role, how, title=None):
        a, b = _field(span), span[1]
        head = getattr(span, "head", None)
        if b - a == 1 and not toks[a].t.isupper() and not head:
            return
        raw = self.doc.text[toks[a].s:toks[b - 1].e]
        name = f"{head} {raw}" if head else raw
        self.out.append(_body(name, role, toks[a].s, toks[b - 1].e, raw, self.places, how))
        if title:
            self.out[-1]["title"] = title


def _subject_prefix(toks, a, names_in) -> tuple[list, int]:
    """Names that open a clause (after an optional title) and the index after them."""
    c = _cfg()
    subj, i = [], a
    while i < len(toks):
        j, title = _strip_title(toks, i)
        hit = next((n for n in names_in if n[0] == j), None)
        if hit is None:
            # a person listed among the bodies: `Lãnh đạo Ban, Chi ủy, …`, `Các Bộ trưởng, Thủ trưởng cơ quan …`
            comma = next((m for m in range(i + 1, min(j + 3, len(toks))) if toks[m].t == ","), None)
            if title and comma is not None and comma + 1 < len(toks) and (
                    c["titles"].match(toks, comma + 1)[0]
                    or any(n[0] == _strip_title(toks, comma + 1)[0] for n in names_in)):
                i = comma + 1
                continue
            break
        if title and title not in c["raw"]["acting_titles"] and title not in c["raw"]["title_keeps_head"]:
            return [], a
        subj.append((hit, title))
        i = _skip_brackets(toks, hit[1])
        if i < len(toks) and toks[i].t in (",", "và", ";"):
            i += 1
            continue
        break
    return subj, i


def find_rules(doc: Doc) -> list[dict]:
    """Bodies and roles from the rules alone."""
    places = _place_of(doc.metadata.get("issuer"))
    em = _Emitter(doc, places)
    em.out.extend(_recipients(doc, places))
    blocked = [(r["start"], r["end"]) for r in doc.found.get("references", [])]
    addressed, narrated = _not_clauses(doc)
    for rs, re_ in _regions(doc):
        heading_actor: list = []
        heading_rank = 0
        quote = [False, 0]            # a quotation open at the line's start, and for how many lines
        for ls, le in _logical_lines(doc.text, rs, re_):
            ln = _read_line(doc, rs, ls, le, blocked, quote)
            if ln is None or ls in addressed or any(a <= ls < b for a, b in narrated):
                continue
            toks, names = ln.toks, ln.names
            head = _heading(ln)
            if head is not None:
                actor, colon = head
                for tk, n in actor:
                    em.add(tk, n, "lead", "heading")
                if colon is None or colon == len(toks) - 1:
                    heading_actor, heading_rank = actor, (ln.rank or 9)
                    continue
                line_actor, first = actor, colon + 1
            else:
                if ln.rank is not None and ln.rank <= heading_rank:
                    heading_actor, heading_rank = [], 0
                line_actor, first = heading_actor, 0
            actor = line_actor
            for ca, cb in _merge_name_lists(toks, _clause_bounds(toks), first, names):
                if cb > first:
                    actor = _clause(em, toks, max(ca, first), cb, names, actor, ln.refs, ln.quoted)
            if ln.rank is not None and actor and actor is not line_actor and not re.search(r"[.;:!?…]\s*$", ln.text):
                # `c) Bộ Chỉ huy quân sự tỉnh chỉ đạo lực lượng Bộ đội Biên phòng và đề nghị Bộ Tư lệnh …` with
                # no full stop: the lines under it are what those bodies are to do
                heading_actor, heading_rank = actor, ln.rank
    return em.out


def _not_clauses(doc: Doc) -> tuple[set[int], list[tuple[int, int]]]:
    """Where no task is assigned: the starts of the Kính gửi lines (their recipients are read with the
    Nơi nhận) and the spans of top parts that tell what happened (`I. DIỄN BIẾN VỤ VIỆC`)."""
    c = _cfg()
    addressed = {ln.start for ln in doc.recipients
                 if ln.start < doc.structure.closing_start and not c["cut"].search(ln.text)}
    narrated = [(sec["start"], sec["end"]) for sec in doc.sections
                if sec["level"] == 1 and c["narrative"].match(sec.get("heading") or "")]
    return addressed, narrated


@dataclass
class _Line:
    text: str
    toks: list
    names: list
    refs: frozenset               # token indices inside a cited document
    quoted: frozenset             # token indices inside a quotation
    rank: int | None


def _read_line(doc: Doc, rs: int, ls: int, le: int, blocked, quote: list) -> _Line | None:
    """Tokens and body names of one logical line (None when it holds none); `quote` carries an open
    quotation over lines (`“2. Hội công chứng viên chịu sự quản lý …”` cites, it assigns nothing)."""
    text = doc.text
    line = text[ls:le]
    if not line.strip() or line.count("|") >= 2:
        return None
    quote[1] = quote[1] + 1 if quote[0] else 0
    if quote[1] > 10:
        quote[0] = False
    quoted_at, quote[0] = _quoted(tokenize(line, ls), quote[0])
    lab = _LABEL.match(line)
    body_off = ls + (lab.end() if lab else 0)
    toks = tokenize(text[body_off:le], body_off)
    if not toks:
        return None
    quoted = frozenset(i for i, t in enumerate(toks) if t.s in quoted_at)
    names = [n for n in find_names(toks) if not any(a <= toks[_field(n)].s < b for a, b in blocked)
             and _field(n) not in quoted]
    refs = frozenset(i for i, t in enumerate(toks) if any(a <= t.s < b for a, b in blocked))
    # a line that continues a sentence (`... của Chủ tịch` / `UBND tỉnh về việc ...`) keeps its left context
    prev = text[max(rs, ls - 40):max(rs, ls - 1)]
    ctx = tokenize(prev) if prev.strip() and not re.search(r"[.:;]\s*$", prev) and not lab else []
    names = [n for n in names if not _owner_of_something(ctx + toks, n[0] + len(ctx))]
    return _Line(line, toks, names, refs, quoted, _rank(line))


def _heading(ln: _Line):
    """(actor, colon) of a heading made only of bodies: `a) Sở Y tế`, `g) Đề nghị Ủy ban MTTQ ..., Tỉnh đoàn`,
    `- Sở Nội vụ:`; None for other lines (an item ending in `;` belongs to a list: `- Giám đốc Sở Nội vụ;`)."""
    toks, names = ln.toks, ln.names
    colon = next((i for i, t in enumerate(toks) if t.t == ":" and not any(n[0] < i < _field(n) for n in names)), None)
    head_end = colon if colon is not None else len(toks)
    if names and names[0][0] <= 2 and len(ln.text) < 260 and (head_end == 0 or toks[head_end - 1].t != ";") \
            and _names_only(toks, 0, head_end, names):
        return [(toks, n) for n in names if n[1] <= head_end], colon
    return None


def _owner_of_something(toks: list[Tok], i: int) -> bool:
    """`của Sở Tư pháp`, `của Chủ tịch UBND tỉnh`: the body owns a thing (a cited act, a request)."""
    c = _cfg()
    for k in range(1, 6):
        a = i - k
        if a < 0:
            return False
        if toks[a].low == "của" and (k == 1 or c["titles"].match(toks, a + 1)[0] == k - 1):
            # `theo đề nghị của Sở Tư pháp`, `chịu sự quản lý nhà nước của Sở Tư pháp` are cues, not ownership
            return not (a > 0 and toks[a - 1].low == "nghị") and \
                not any(c["object_cues"].match(toks, a - m)[0] == m + 1 for m in range(1, min(a, 7) + 1))
    return False


def _merge_name_lists(toks, bounds, first, names) -> list[tuple[int, int]]:
    """`Ban Tuyên giáo Tỉnh ủy; Báo Bình Thuận và Đài ... xây dựng`: names listed with `;` at the
    start of a line share the verb of the clause that follows them."""
    out = list(bounds)
    while len(out) > 1:
        a, b = out[0]
        a = max(a, first)
        if a < b and any(n[0] == a for n in names) and _names_only(toks, a, b, names):
            out[0:2] = [(out[0][0], out[1][1])]
            continue
        break
    return out


def _quoted(toks, inside: bool = False) -> tuple[set[int], bool]:
    """Start offsets of the tokens inside “…” quotes (a quoted title or text assigns nothing here), and
    whether a quote is still open at the end."""
    out = set()
    for t in toks:
        if t.t == "“" or (t.t == '"' and not inside):
            inside = True
        elif t.t == "”" or (t.t == '"' and inside):
            inside = False
        elif inside:
            out.add(t.s)
    return out, inside


def _scan_cues(toks, a, b, skip, refs, name_ends=frozenset()):
    """Object cues and subject verbs of tokens a..b outside `skip`; a cue right after a cited
    document (`Quyết định số 510/QĐ-UBND giao Thanh tra tỉnh`) tells that document's task, so the
    scan stops there and the second value is where it stopped."""
    c = _cfg()
    cues, verbs = [], []
    nominal_end = -1                  # end of the last verb read as a noun (`công tác quản lý, kiểm tra`)
    i = a
    while i < b:
        if i in skip:
            i += 1
            continue
        k, _ = c["not_cues"].match(toks, i)
        if k:
            i += k
            continue
        # a capital inside a clause starts a name or a title, unless a colon near the start or after a body
        # opens a task there (`Bước 1: Trình Ủy ban nhân dân cấp tỉnh`, `Sở Xây dựng: Tiếp tục …`)
        capital = i > a and _is_cap(toks[i].t) and not (toks[i - 1].t == ":" and (i - 1 in name_ends or i - a <= 4))
        k, role = c["object_cues"].match(toks, i)
        if k and capital:
            i += k                        # `Ông Trương Văn Trình`, `Dự án 8: Nâng cao …`: a name or title, no task
            continue
        if k and not _names_a_document(toks, i + k, refs) and not _after(toks, i, c["noun_before_cue"]):
            if i > a and i - 1 in refs:
                return cues, verbs, i
            cues.append((i, i + k, role))
            i += k
            continue
        k, role = c["subject_verbs"].match(toks, i)
        if k and capital:
            i += k
            continue
        if k and not _names_a_document(toks, i + k, refs):
            if role != "advise" and (_after(toks, i, c["noun_before_verb"]) or nominal_end == i
                                     or (nominal_end == i - 1 and toks[i - 1].t in (",", "và"))):
                nominal_end = i + k       # a task word used as a noun is no task: `tăng cường công tác kiểm tra`
                i += k
                continue
            verbs.append((i, i + k, role))
            i += k
            continue
        if nominal_end == i and toks[i].t in (",", "và"):
            nominal_end = i + 1
        i += max(k, 1)
    return cues, verbs, b


def _after(toks, i: int, words: frozenset) -> bool:
    """Whether the one or two words before token i are one of `words`."""
    one = toks[i - 1].low if i >= 1 else ""
    two = f"{toks[i - 2].low} {one}" if i >= 2 else ""
    return one in words or two in words


def _names_a_document(toks, j: int, refs) -> bool:
    """`Tờ trình số 141/TTr-STP`, `Đơn đề nghị số 258`: the cue word is the name of a document there."""
    return j < len(toks) and (toks[j].low == "số" or j in refs)


def _opened_subject(toks, start, b, names_in):
    """`Trong thời hạn 60 ngày, Ban Chủ nhiệm … có trách nhiệm`: the subject after an opening adverbial."""
    c = _cfg()
    k, _ = c["openers"].match(toks, start)
    if not k:
        return [], start
    comma = next((i for i in range(start + k, b) if toks[i].t == ","), None)
    if comma is None or any(start <= x < comma for x, _ in names_in):
        return [], start
    return _subject_prefix(toks, comma + 1, names_in)


def _clause(em: _Emitter, toks, a, b, names, actor, refs=frozenset(), quoted=frozenset()):
    """Roles in one clause; returns the subject that later clauses of the line inherit."""
    c = _cfg()
    names_in = [n for n in names if a <= n[0] and n[1] <= b]
    in_name = set()
    for x, y in names_in:
        in_name.update(range(x, y))
    cues, verbs, b = _scan_cues(toks, a, b, in_name | refs | quoted, refs, frozenset(y for _, y in names_in))
    names_in = [n for n in names_in if n[1] <= b]
    cues = sorted(cues + _report_cues(toks, a, b, in_name, cues))
    # the subject: names at the clause start, or after `Giao` / `Đề nghị`, or after an opening adverbial
    start = a + 1 if toks[a].t == "(" and a + 1 < b else a
    lead_cue = None
    k, role = c["object_cues"].match(toks, start)
    if k and role == "lead":
        lead_cue = role
        start = start + k
    subj, after = _subject_prefix(toks, start, names_in)
    if not subj and not lead_cue:
        subj, after = _opened_subject(toks, start, b, names_in)
    subject = actor
    used = set()
    quiet = False
    own = []
    if subj:
        first_act = min([x for x, _, _ in verbs + cues if x >= after] + [b])
        k_not = any(c["not_a_task"].match(toks, i)[0] for i in range(after, min(first_act + 1, b)))
        if lead_cue or (verbs or cues) and not k_not:
            own = [(n, title) for n, title in subj
                   if not title or lead_cue or any(v[2] == "lead" and v[0] >= after for v in verbs)]
            subject = [(toks, n) for n, _ in own]
            used.update(n for n, _ in own)
        elif k_not:
            return []                         # `Sở Nội vụ đã chỉ đạo …`: a report of what was done assigns nothing
    else:
        early = [x for x, _, _ in verbs + cues if x <= a + 4]
        if not early:
            # a sentence that does not open on a task: only the bodies the issuer itself tells to act
            # count (`Để đẩy nhanh tiến độ …, UBND tỉnh yêu cầu các sở, ban, ngành …`)
            cues = [cu for cu in cues if cu[2] in c["raw"]["late_cues"] and em.issuer_before(toks, cu[0], names_in)]
            if not cues:
                return actor
            quiet = True
    # objects: names after a cue with only names and separators between
    objects = _objects(toks, cues, verbs, [n for n in names_in if n not in used], refs)
    verbs = _drop_complements(verbs)
    roles = _subject_roles(toks, cues, verbs, objects, names_in, after, b)
    if lead_cue or not roles or "lead" in roles:
        # the clause's own subject leads unless all it is asked is to advise, monitor or coordinate
        # (`Sở Tư pháp tham mưu triển khai …`)
        for n, title in own:
            em.add(toks, n, "lead", "subject", title)
    if subject and not quiet:
        for tk, n in subject:
            for r in sorted(roles):
                em.add(tk, n, r, "subject-verb")
    told = []
    for n, role, cue in objects:
        em.add(toks, n, role, "object")
        if role == "lead" and cue[0] > a:
            # `giao Công an tỉnh tổng hợp …; tham mưu …`: the body told to act does what follows
            told.append((toks, n))
            nxt = min((x for x, _, _ in cues if x > n[1]), default=b)
            for r in sorted({r for x, _, r in verbs if n[1] <= x < nxt} - {"lead"}):
                em.add(toks, n, r, "subject-verb")
    return told or subject


def _report_cues(toks, a, b, in_name, cues) -> list:
    """`báo cáo kết quả về Sở Nội vụ`: `về`, `qua`, `cho` point to whom, after a report word only."""
    c = _cfg()
    at = next((i for i in range(a, b) if toks[i].low in c["report_words"]
               or (i + 1 < b and f"{toks[i].low} {toks[i + 1].low}" in c["report_words"])), None)
    out = []
    i = b if at is None else at + 1
    while i < b:
        k, _ = c["report_about"].match(toks, i)
        if k and i not in in_name and not any(x <= i < y for x, y, _ in cues):
            out.append((i, i + k, "report_to"))
        i += max(k, 1)
    return out


def _subject_roles(toks, cues, verbs, objects, names_in, after, b) -> set[str]:
    """What the clause asks of its subject: verbs before the first object; advise and monitor up to the
    first body told to act or reported to (`gửi Ủy ban nhân dân tỉnh biết, theo dõi` is the receiver's);
    coordinate from `phối hợp`, unless it presides (`chủ trì, phối hợp với X`: then X coordinates)."""
    first_obj = min((x for x, _, _ in cues if x >= after), default=b)
    handed = min([n[0] for n, r, _ in objects if r in ("lead", "report_to")]
                 + [i for i in range(after, b) if toks[i].low == "biết"], default=b)
    roles = {r for x, _, r in verbs if x < first_obj or (r in ("advise", "monitor") and x < handed)}
    presides = any(" ".join(t.low for t in toks[x:y]) in _cfg()["raw"]["presiding_verbs"] for x, y, _ in verbs)
    if any(r == "coordinate" and x < handed and (not presides or not _names_after(toks, cues, names_in, r))
           for x, _, r in cues):
        roles.add("coordinate")
    return roles


def _drop_complements(verbs):
    """`tham mưu triển khai thực hiện …`: the verbs right after `tham mưu` say what the advice is about."""
    out, end = [], None
    for x, y, r in verbs:
        if end == x:
            end = y
            continue
        end = y if r == "advise" else None
        out.append((x, y, r))
    return out


def _objects(toks, cues, verbs, names_in, refs):
    """(name, role, cue) of the names a cue points to: only names, separators, people's titles and the
    cited documents they sent (`Sở Tư pháp tại Tờ trình số 141/TTr-STP`) between, no other verb."""
    c = _cfg()
    petitioner = re.compile(c["raw"]["petitioners"])
    covered = {i for x, y in names_in for i in range(x, y)}
    out = []
    for n in names_in:
        prev = [cu for cu in cues if cu[1] <= n[0]]
        if not prev:
            continue
        cue = prev[-1]
        cx, cy, role = cue
        if any(cy <= x < n[0] for x, _, _ in verbs):
            continue                          # `phối hợp Ban cán sự … tham mưu Ban Thường vụ`: another verb's object
        gap, i = 0, cy
        while i < n[0]:
            k, _ = c["titles"].match(toks, i)
            if k:
                i += k
                continue
            if toks[i].low == "tại":          # `… tại Tờ trình số 141/TTr-STP ngày …`: where the body asked
                while i < n[0] and toks[i].t not in (",", ";", "và"):
                    i += 1
                continue
            if i not in covered and i not in refs and toks[i].low not in _OBJECT_SEPARATORS:
                gap += 1
            i += 1
        if gap > (6 if role == "report_to" else 2):
            continue
        if role == "advise" and petitioner.match(toks[n[0]].t + " " + " ".join(t.t for t in toks[n[0] + 1:n[1]])):
            continue                          # `Theo đề nghị của Hội X tại Đơn …`: an applicant, not an adviser
        out.append((n, role, cue))
    return out


_OBJECT_SEPARATORS = {",", "và", "(", ")", "với", "cho", "về", "các", ":", "tại", "ngày"}


def _names_after(toks, cues, names_in, role) -> bool:
    """Whether a cue of `role` has a name right after it."""
    for x, y, r in cues:
        if r == role and any(y <= n[0] <= y + 2 for n in names_in):
            return True
    return False


# ------------------------------------------------------------------ filtering

def _issuer_forms(issuer: str | None, places) -> set[str]:
    """The issuer's name with and without its place: `Sở Nội vụ tỉnh Lâm Đồng`, `Sở Nội vụ`."""
    if not issuer:
        return set()
    full = canonical(issuer)
    base = re.sub(r"\s+(?i:tỉnh|thành phố|huyện|xã|phường)\s+(?:[A-ZĐÂ]\S*\s*)+$", "", full)
    forms = {full, base, resolve_jurisdiction(base, places)}
    return {f.casefold() for f in forms}


def _vague(name: str) -> bool:
    """`các cơ quan, đơn vị liên quan`: a collective that names no one."""
    words = re.findall(r"[^\s,]+", name.casefold())
    if not words or words[0] != "các":
        return False
    if "trên" in words:
        words = words[:words.index("trên")]      # `… trên địa bàn tỉnh` only says where they are
    vague = set(_cfg()["raw"]["vague_words"])
    return all(w in vague for w in words[1:])


def _relative(doc: Doc, it: dict) -> bool:
    """`Ban Thường vụ cấp ủy cùng cấp`: a body named relative to the reader, not an organization."""
    words = [w.casefold() for w in _TOKEN.findall(it["name"])]
    after = [w.casefold() for w in _TOKEN.findall(doc.text[it["end"]:it["end"] + 20])]
    for tail in _cfg()["relative"]:
        n = len(tail)
        if tuple(words[-n:]) == tail or tuple(after[:n]) == tail:
            return True
    return False


def _after_person_title(doc: Doc, it: dict) -> bool:
    """`Chủ tịch UBND tỉnh`, `Chủ tịch, các PCT UBND tỉnh`: the body is named through its head person."""
    line_start = doc.text.rfind("\n", 0, it["start"]) + 1
    before = tokenize(doc.text[max(line_start, it["start"] - 40):it["start"]])
    c = _cfg()
    for i in range(len(before)):
        k, _ = c["titles"].match(before, i)
        rest = before[i + k:]
        if k and all(t.t in (",", "các", "và", "PCT", "PCTT", "PCVP", "Phó") or c["titles"].match(rest, m)[0]
                     for m, t in enumerate(rest)):
            return True
    return False


def _aliases(doc: Doc, places) -> dict[str, str]:
    """Short names a document defines: `Ban Thường vụ Hiệp hội công chứng viên Việt Nam (gọi tắt là Ban
    Thường vụ Hiệp hội)` makes `Ban Thường vụ Hiệp hội` stand for the full name (rules/roles.yaml `alias_cues`)."""
    out = {}
    for m in _cfg()["alias"].finditer(doc.text):
        toks = tokenize(doc.text[max(0, m.start() - 200):m.start()])
        names = [n for n in find_names(toks) if n[1] == len(toks)]
        short = canonical(m.group("short"))
        if names and len(short.split()) >= 2:
            full = doc.text[max(0, m.start() - 200):m.start()][toks[names[-1][0]].s:toks[-1].e]
            full = resolve_jurisdiction(canonical(full), places)
            if full.casefold() != short.casefold():
                out[short.casefold()] = full
    return out


def _finalize(doc: Doc, items: list[dict]) -> list[dict]:
    """Drop the issuer unless reported to, vague collectives and duplicates."""
    places = _place_of(doc.metadata.get("issuer"))
    forms = _issuer_forms(doc.metadata.get("issuer"), places)
    aliases = _aliases(doc, places)
    items = [{**it, "name": aliases.get(it["name"].casefold(), it["name"])} for it in items]
    items = [it for it in items if not _vague(it["name"]) and not _relative(doc, it)]
    chain = forms | _issuer_forms(doc.metadata.get("parent_issuer"), places)
    items = [it for it in items if not (it["name"].casefold() in chain and _after_person_title(doc, it))]
    iss = None
    # names that end cleanly somewhere in the document win over longer run-ons
    known = sorted({it["name"] for it in items}, key=len)
    out, seen = [], set()
    for it in items:
        name = it["name"]
        for k in (known if MERGE_PREFIXES else ()):
            if len(k) < len(name) and name.startswith(k + " ") and len(k.split()) >= 2 and it.get("source") != "recipient":
                tail = name[len(k) + 1:]
                if not re.match(r"(tỉnh|thành phố|huyện|xã|phường|Trung ương|Việt Nam|khu vực)\b", tail):
                    it = {**it, "name": k}
                    name = k
                    break
        if name.casefold() in forms and it["role"] != "report_to" and it.get("source") != "heading":
            continue
        key = (name.casefold(), it["role"], section_at(doc.sections, it["start"]))   # one row per section
        if key in seen:
            continue
        seen.add(key)
        it = {k: v for k, v in it.items() if k not in ("source", "kind")}
        out.append(it)
    return out


def find(doc: Doc) -> list[dict]:
    mode = os.environ.get("VANBAN_BODIES", "both")
    if mode == "rules":
        return _finalize(doc, find_rules(doc))
    from pipeline.extract import bodies_model as nlp
    return _finalize(doc, nlp.bodies(doc, mode, find_rules))
