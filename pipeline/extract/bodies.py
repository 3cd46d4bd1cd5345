"""Responsible bodies and their roles (DATASET.md "bodies"): rules, then the trained model.

Rules read the clause structure of directives: a body named in a heading
(`a) Sở Y tế`, `- Sở Nội vụ:`) or at the start of a clause is the subject of the
task verbs that follow (`chủ trì` → lead, `tham mưu` → advise, `theo dõi` →
monitor, `phối hợp` → coordinate); a body named after an object cue takes that
cue's role (`Giao X`, `phối hợp với X`, `báo cáo về X`). Names joined by commas
and `và` share a role. Nơi nhận / Kính gửi items are recipients. The name
grammar and every vocabulary live in `rules/roles.yaml`.

The trained span model (`pipeline.nlp`) then checks the clauses the rules looked
at: where it agrees it keeps the rule's span, where it finds a name the grammar
missed it adds it (role from the same cues). `VANBAN_BODIES=rules|model|both`
picks the mode (default `both`).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache

from .. import rules
from ..document import Doc
from ..names import canonical
from ..structure import section_at

MERGE_PREFIXES = False
ROLES = ("lead", "coordinate", "advise", "monitor", "report_to", "recipient")
_TOKEN = re.compile(r"[^\s,;:.()“”\"'!?]+|[,;:.()“”\"]")
_LABEL = re.compile(r"^\s*(?:(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)\-/]+|[-+•*–])\s*")
_NUMBERED = re.compile(r"^\s*(?:(?P<roman>[IVXLC]+)|(?P<num>\d+(?:\.\d+)*)|(?P<letter>[a-zđ]))\s*[.)\-/]")


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

    def __init__(self, phrases, fold: bool = True):
        self.fold = fold
        self.by_first: dict[str, list[tuple[tuple[str, ...], object]]] = {}
        for p, val in phrases:
            words = tuple((w.casefold() if fold else w) for w in _TOKEN.findall(p))
            if words:
                self.by_first.setdefault(words[0], []).append((words, val))
        for v in self.by_first.values():
            v.sort(key=lambda x: -len(x[0]))

    def match(self, toks: list[Tok], i: int):
        """(length, value) of the longest phrase starting at token i, else (0, None)."""
        if i >= len(toks):
            return 0, None
        key = toks[i].low if self.fold else toks[i].t
        for words, val in self.by_first.get(key, ()):
            n = len(words)
            if i + n <= len(toks) and all((toks[i + k].low if self.fold else toks[i + k].t) == words[k] for k in range(n)):
                return n, val
        return 0, None


@lru_cache(maxsize=None)
def _cfg():
    cfg = rules.load("roles")
    heads = [(h, "head") for h in cfg["name_heads"]] + [(h, "lower") for h in cfg["lower_heads"]]
    return {
        "raw": cfg,
        "heads": _Phrases(heads, fold=False),
        "lower_heads": _Phrases([(h, "lower") for h in cfg["lower_heads"]], fold=True),
        "stop": _Phrases([(s, True) for s in cfg["name_stop"]]),
        "list_nouns": _Phrases([(s, True) for s in cfg["list_nouns"]]),
        "units": _Phrases([(s, True) for s in cfg["units"]], fold=False),
        "after_unit": _Phrases([(s, True) for s in cfg["after_unit"]]),
        "not_units": _Phrases([(s, True) for s in cfg["not_units"]]),
        "relative": [tuple(w.casefold() for w in _TOKEN.findall(x)) for x in cfg["relative_tails"]],
        "subject_verbs": _Phrases([(v, r) for r, vs in cfg["subject_verbs"].items() for v in vs]),
        "object_cues": _Phrases([(v, r) for r, vs in cfg["object_cues"].items() for v in vs]),
        "report_about": _Phrases([(s, True) for s in cfg["report_about"]]),
        "not_a_task": _Phrases([(s, True) for s in cfg["not_a_task"]]),
        "titles": _Phrases([(s, s) for s in cfg["person_titles"]], fold=False),
        "need_cap": set(cfg["need_capital_after"]),
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
        head = " ".join(t.t for t in toks[i:i + n])
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
            if k and not _head_at(toks, j + 1):
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
    out, i = [], 0
    while i < len(toks):
        if _head_at(toks, i):
            j = _scan_name(toks, i)
            if j > i:
                out.append((i, j))
                i = j
                continue
        i += 1
    return out


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
        spans, i = [], 0
        while i < len(keep):
            end = i + 1
            while end < len(keep) and not (keep[end].t in (",", ".", ";") and end + 1 < len(keep)
                                            and (_head_at(keep, end + 1) or c["titles"].match(keep, end + 1)[0])
                                            and not c["list_nouns"].match(keep, end + 1)[0]):
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
    for i in range(a, b):
        if i in covered or toks[i].t in (",", "và", ":", "(", ")", "cũ", "mới") or toks[i].t.casefold() in ("đề", "nghị", "giao"):
            continue
        return False
    return True


class _Emitter:
    def __init__(self, doc: Doc, places):
        self.doc, self.places, self.out = doc, places, []

    def add(self, toks, span, role, how, title=None):
        a, b = span
        if b - a == 1 and not toks[a].t.isupper():
            return
        raw = self.doc.text[toks[a].s:toks[b - 1].e]
        self.out.append(_body(raw, role, toks[a].s, toks[b - 1].e, raw, self.places, how))
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
            break
        if title and title not in c["raw"]["acting_titles"] and title not in c["raw"]["title_keeps_head"]:
            return [], a
        subj.append((hit, title))
        i = hit[1]
        if i < len(toks) and toks[i].t in (",", "và", ";"):
            i += 1
            continue
        break
    return subj, i


def find_rules(doc: Doc) -> list[dict]:
    """Bodies and roles from the rules alone."""
    c = _cfg()
    places = _place_of(doc.metadata.get("issuer"))
    em = _Emitter(doc, places)
    em.out.extend(_recipients(doc, places))
    blocked = [(r["start"], r["end"]) for r in doc.found.get("references", [])]
    text = doc.text
    for rs, re_ in _regions(doc):
        heading_actor: list = []
        heading_rank = 0
        for ls, le in _lines(text, rs, re_):
            line = text[ls:le]
            if not line.strip() or line.count("|") >= 2:
                continue
            lab = _LABEL.match(line)
            body_off = ls + (lab.end() if lab else 0)
            toks = tokenize(text[body_off:le], body_off)
            if not toks:
                continue
            names = [n for n in find_names(toks) if not any(a <= toks[n[0]].s < b for a, b in blocked)]
            # a line that continues a sentence (`... của Chủ tịch` / `UBND tỉnh về việc ...`) keeps its left context
            prev = text[max(rs, ls - 40):max(rs, ls - 1)]
            ctx = tokenize(prev) if prev.strip() and not re.search(r"[.:;]\s*$", prev) and not lab else []
            ctx_toks = ctx + toks
            names = [n for n in names if not _owner_of_something(ctx_toks, n[0] + len(ctx))]
            rank = _rank(line)
            # a heading made only of bodies: `a) Sở Y tế`, `g) Đề nghị Ủy ban MTTQ ..., Tỉnh đoàn`, `- Sở Nội vụ:`
            colon = next((i for i, t in enumerate(toks) if t.t == ":"), None)
            head_end = colon if colon is not None else len(toks)
            if names and names[0][0] <= 2 and len(line) < 260 and _names_only(toks, 0, head_end, names):
                actor = [(toks, n) for n in names if n[1] <= head_end]
                for tk, n in actor:
                    em.add(tk, n, "lead", "heading")
                if colon is None or colon == len(toks) - 1:
                    heading_actor, heading_rank = actor, (rank or 9)
                    continue
                line_actor = actor
                first = colon + 1
            else:
                if rank is not None and rank <= heading_rank:
                    heading_actor, heading_rank = [], 0
                line_actor = heading_actor
                first = 0
            toks_line = toks
            actor = line_actor
            for ca, cb in _merge_name_lists(toks_line, _clause_bounds(toks_line), first, names):
                if cb <= first:
                    continue
                ca = max(ca, first)
                actor = _clause(em, toks_line, ca, cb, names, actor)
    return em.out


def _owner_of_something(toks: list[Tok], i: int) -> bool:
    """`của Sở Tư pháp`, `của Chủ tịch UBND tỉnh`: the body owns a thing (a cited act, a request)."""
    c = _cfg()
    for k in range(1, 6):
        a = i - k
        if a < 0:
            return False
        if toks[a].low == "của" and (k == 1 or c["titles"].match(toks, a + 1)[0] == k - 1):
            # `theo đề nghị của Sở Tư pháp` is a cue, not ownership
            return not (a > 0 and toks[a - 1].low == "nghị")
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


def _clause(em: _Emitter, toks, a, b, names, actor):
    """Roles in one clause; returns the subject that later clauses of the line inherit."""
    c = _cfg()
    names_in = [n for n in names if a <= n[0] and n[1] <= b]
    # object cues and subject verbs, outside names
    in_name = set()
    for x, y in names_in:
        in_name.update(range(x, y))
    cues, verbs = [], []
    i = a
    while i < b:
        if i in in_name:
            i += 1
            continue
        k, role = c["object_cues"].match(toks, i)
        if k:
            cues.append((i, i + k, role))
            i += k
            continue
        k, role = c["subject_verbs"].match(toks, i)
        if k:
            verbs.append((i, i + k, role))
            i += k
            continue
        i += 1
    has_report = any(toks[i].low in c["report_words"] or (i + 1 < b and f"{toks[i].low} {toks[i + 1].low}" in c["report_words"])
                     for i in range(a, b))
    if has_report:
        i = a
        while i < b:
            k, _ = c["report_about"].match(toks, i)
            if k and i not in in_name and not any(x <= i < y for x, y, _ in cues):
                cues.append((i, i + k, "report_to"))
            i += max(k, 1)
    cues.sort()
    # the subject: names at the clause start, or after `Giao` / `Đề nghị`
    start = a
    lead_cue = None
    k, role = c["object_cues"].match(toks, a)
    if k and role == "lead":
        lead_cue = role
        start = a + k
    subj, after = _subject_prefix(toks, start, names_in)
    subject = actor
    used = set()
    if subj:
        k_not, _ = c["not_a_task"].match(toks, after)
        if lead_cue or (verbs or cues) and not k_not:
            subject = []
            for n, title in subj:
                if title and not lead_cue and not any(v[2] == "lead" and v[0] >= after for v in verbs):
                    continue
                em.add(toks, n, "lead", "subject", title)
                subject.append((toks, n))
                used.add(n)
        elif k_not:
            used.update(n for n, _ in subj)
            subject = []
    else:
        early = [x for x, _, _ in verbs + cues if x <= a + 4]
        if not early:
            return actor
    # the subject's own roles, from verbs before the first object cue's object
    first_obj = min((x for x, _, _ in cues if x >= after), default=b)
    roles = {r for x, _, r in verbs if x < first_obj or r in ("advise", "monitor")}
    if any(r == "coordinate" for _, _, r in cues if not _names_after(toks, cues, names_in, r)):
        roles.add("coordinate")
    if subject:
        for tk, n in subject:
            for r in sorted(roles):
                em.add(tk, n, r, "subject-verb")
    # objects: names after a cue with only names and separators between
    for n in names_in:
        if n in used:
            continue
        prev = [cu for cu in cues if cu[1] <= n[0]]
        if not prev:
            continue
        cx, cy, role = prev[-1]
        between = toks[cy:n[0]]
        covered = {i for x, y in names_in for i in range(x, y)}
        gap = [t for i, t in enumerate(between, cy) if i not in covered and t.t not in (",", "và", "(", ")", "với", "cho", "về", "các", ":")]
        if len(gap) > (6 if role == "report_to" else 2):
            continue
        em.add(toks, n, role, "object")
    return subject


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


def _finalize(doc: Doc, items: list[dict]) -> list[dict]:
    """Drop the issuer unless reported to, vague collectives and duplicates."""
    places = _place_of(doc.metadata.get("issuer"))
    forms = _issuer_forms(doc.metadata.get("issuer"), places)
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
    from .. import nlp  # the model is loaded once per process, on first use
    return _finalize(doc, nlp.bodies(doc, mode, find_rules))
