"""Quantitative targets: percentages, counts and sums set as goals (DATASET.md).

A candidate is a number with a unit (`90%`, `1.000 đồng`) or a number before a
counted noun (`90 tập thể`). It is a target when its sentence, or a heading or
lead-in line above it, sets a goal (`phấn đấu`, `chỉ tiêu`, `ít nhất`, `tặng`, …);
weak verbs (`đạt`, `tăng`) count only outside reports and when nothing marks the
number as a past result (`đã`, `so với cùng kỳ`, a year before the document's).
Cue words, units and nouns live in `rules/targets.yaml`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline import rules
from pipeline.extract.registry import REGISTRY, extractor
from pipeline.parse.document import Doc

_YEAR = re.compile(r"(?:(?:đến|tới)\s+(?:hết\s+)?|trong\s+|vào\s+)?năm\s+((?:19|20)\d{2})(?![\d/])", re.I)


@lru_cache(maxsize=None)
def _cfg() -> dict:
    cfg = rules.load("targets")
    flags = re.I
    cmp_words = sorted(((w.lower(), op) for op, ws in cfg["comparators"].items() for w in ws), key=lambda x: -len(x[0]))
    cmp_alt = "|".join(re.escape(w) for w, _ in cmp_words)
    units = cfg["units"]
    unit_alt = "|".join(f"(?P<u{i}>{u['pattern'].lower()})" for i, u in enumerate(units))
    nouns = "|".join(re.escape(n.lower())
                     for n in sorted(cfg["count_nouns"] + cfg["planned_nouns"], key=len, reverse=True))
    # number first, matched on the lower-cased text: `re` then only tries where a digit stands
    return {
        "measure": re.compile(cfg["number"] + r"[ \t]*(?:" + unit_alt + r")(?!\w)"),
        "count": re.compile(cfg["number"] + r"(?P<spelled>" + cfg["spelled"] + r")?[ \t]+(?P<noun>(?:" + nouns + r"))(?!\w)"),
        "cmp_before": re.compile(r"(?<!\w)(?P<cmp>" + cmp_alt + r")\s+\Z"),
        "left_guard": re.compile(r"[\w/.,+-]\Z"),
        "cmp": dict(cmp_words),
        "units": units,
        "at_least": re.compile(cfg["at_least_suffix"], flags),
        "at_most": re.compile(cfg["at_most_suffix"], flags),
        "strong": re.compile(cfg["goal_strong"], flags),
        "weak": re.compile(cfg["goal_weak"], flags),
        "goal_after": re.compile(cfg["goal_after"], flags),
        "past_before": re.compile(cfg["past_before"], flags),
        "past_after": re.compile(cfg["past_after"], flags),
        "not_goal_before": re.compile(cfg["not_goal_before"], flags),
        "band_after": re.compile(cfg["band_after"], flags),
        "band_before": re.compile(cfg["band_before"], flags),
        "score_after": re.compile(cfg["score_after"], flags),
        "colon_label_goal": re.compile(cfg["colon_label_goal"], flags),
        "past_heading": re.compile(cfg["past_heading"], flags),
        "count_not_after": re.compile(cfg["count_not_after"], flags),
        "report_types": set(cfg["report_types"]),
        "action": re.compile(cfg["goal_action"], flags),
        "floor_ceiling": re.compile(cfg["floor_ceiling"], flags),
        "plan_types": set(cfg["plan_types"]),
        "plan_title": re.compile(cfg["plan_title"], flags),
        "proposal_types": set(cfg["proposal_types"]),
        "rate_after": re.compile(cfg["rate_after"], flags),
        "goal_before_bracket": re.compile(cfg["goal_before_bracket"], flags),
        "table_unit_line": re.compile(cfg["table_unit_line"], flags),
        "planned_nouns": {n.lower() for n in cfg["planned_nouns"]},
        "explicit_goal": re.compile(r"\b(?:phấn đấu|mục tiêu|chỉ tiêu)\b", flags),
        "money_goal": re.compile(cfg["money_goal"], flags),
        "range_before": re.compile(cfg["range_before"], flags),
        "goal_heading": re.compile(cfg["goal_heading"], flags),
        "t_unit": re.compile(cfg["table_unit_col"], flags),
        "t_goal": re.compile(cfg["table_goal_col"], flags),
        "t_past": re.compile(cfg["table_past_col"], flags),
        "t_subject": re.compile(cfg["table_subject_col"], flags),
        "t_money": re.compile(cfg["table_money_col"], flags),
        "t_units": [(re.compile(u["pattern"], flags), u["unit"], u.get("factor", 1)) for u in cfg["table_units"]],
        "report_title": re.compile(cfg["report_title"], flags),
        "stop": re.compile(cfg["subject_stop"], flags),
        "verb_before": re.compile(cfg["subject_verb_before"], flags),
        "lead": re.compile(cfg["subject_lead"], flags),
        "measure_before": re.compile(cfg["measure_subject_before"], flags),
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


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The stretch between the nearest `;`, line break or sentence end on each side."""
    s = max(text.rfind("\n", 0, start), text.rfind(";", 0, start), text.rfind(". ", 0, start)) + 1
    ends = [i for i in (text.find("\n", end), text.find(";", end), text.find(". ", end)) if i >= 0]
    e = min(ends) if ends else len(text)
    if text[e - 1:e] == "." and e == len(text):
        e -= 1
    return s, e


def _context(doc: Doc, start: int) -> str:
    """Headings of the sections around `start` and the lead-in line (`… sau:`) above its list."""
    parts = [s.get("heading") or "" for s in doc.sections if s["start"] <= start < s["end"]]
    text = doc.text
    line_start = text.rfind("\n", 0, start)
    for _ in range(12):  # walk up through the bullets of a list to the line that opens it
        if line_start <= 0:
            break
        prev = text.rfind("\n", 0, line_start - 1) + 1
        line = text[prev:line_start].strip()
        if line.endswith(":"):
            parts.append(line)
            break
        if not re.match(r"[-+*•]|[a-zđ]\)", line):
            break
        line_start = prev - 1
    return " ".join(parts)


def _subject(text: str, start: int, number_start: int, clause_start: int, clause_end: int) -> str | None:
    """The noun phrase the number counts: after it, else before the verb that carries it."""
    cfg = _cfg()
    after = text[start:clause_end]
    rate = cfg["rate_after"].match(after)   # `1,2%/năm`, `14 bác sĩ/vạn dân`: the rate's base is no subject
    after = after[rate.end():] if rate else after
    m = cfg["stop"].search(after)
    subj = (after[:m.start()] if m else after).strip(" ,.-–")
    if len(subj.split()) < 2:
        before = text[clause_start:number_start]
        v = cfg["verb_before"].search(before)
        if v:
            cand = before[:v.start()]
            cand = re.split(r"[:]", cand)[-1]
            cand = _YEAR.sub(" ", cand)
            cand = cfg["lead"].sub("", cand.strip(" ,.-–"))
            cand = re.sub(r"\s+", " ", cand).strip(" ,.-–")
            if len(cand.split()) >= 2:
                subj = cand
    if len((subj or "").split()) < 2:
        m = cfg["measure_before"].search(text, clause_start, number_start)
        if m:   # `tổng diện tích 150 ha`: the measure named before the figure
            subj = re.sub(r"\s*(?:là|khoảng|đạt|trên|dưới|:)\s*$", "", m.group(0)).strip(" ,.-–") or subj
    return subj or None


def _strong_at(cfg: dict, text: str) -> int:
    """Offset of the last goal cue in `text` that is not reported as done (`đã hoàn thành`), or -1."""
    at = -1
    for m in cfg["strong"].finditer(text):
        if not re.search(r"(?:đã|chưa|không)\s+(?:được\s+)?\Z", text[max(0, m.start() - 12):m.start()]):
            at = m.start()
    return at


def _is_report(doc: Doc) -> bool:
    cfg = _cfg()
    return doc.metadata.get("doc_type") in cfg["report_types"] or \
        bool(cfg["report_title"].search(doc.metadata.get("title") or ""))


def _doc_year(doc: Doc) -> int | None:
    """The document's year; for an undated draft or report, the year of the latest full date it cites
    (what it reports on happened by then), so a figure `đến năm 2030` still reads as a later goal."""
    if doc.year:
        return doc.year
    days = [x["value"][:4] for x in doc.found.get("dates", [])
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", x.get("value") or "") and x.get("kind") != "deadline"]
    return int(max(days)) if days else None


def _is_plan(doc: Doc) -> bool:
    """A plan, or a decision or proposal that approves one (`Quyết định phê duyệt Kế hoạch …`): what it
    builds, sets up or runs is its goal."""
    cfg = _cfg()
    return doc.metadata.get("doc_type") in cfg["plan_types"] or \
        (not _is_report(doc) and bool(cfg["plan_title"].search(doc.metadata.get("title") or "")))


def _sets_sums(doc: Doc) -> bool:
    """Does the document set sums of money (a decision, a plan, a proposal submitting a budget or a
    tender plan for approval) rather than report them?"""
    return not _is_report(doc) or doc.metadata.get("doc_type") in _cfg()["proposal_types"]


def _is_goal(doc: Doc, text: str, s: int, e: int, cs: int, ce: int, has_cmp: bool, money: bool = False) -> bool:
    """Does the text around the number set a goal rather than report a result or grade on a scale?"""
    cfg = _cfg()
    before, after = text[cs:s], text[e:ce]
    if cfg["not_goal_before"].search(before):
        return False
    if cfg["band_after"].search(text[e:e + 12]) or (cfg["band_before"].search(text[max(0, s - 12):s])
                                                   and not _goal_range(cfg, text, s, e, ce)) \
            or cfg["score_after"].search(text[e:ce + 12]):
        return False
    sent_start = max(text.rfind("\n", 0, s), text.rfind(". ", 0, s)) + 1
    lead = text[sent_start:s]
    paren = lead.rfind("(")
    if paren > lead.rfind(")") and cfg["goal_before_bracket"].search(lead[:paren]):
        return True   # `đạt 123% so với Nghị quyết đã đề ra (110 hội viên)`: the goal restated in brackets
    strong = _strong_at(cfg, lead)
    past = [m.end() for m in cfg["past_before"].finditer(before)]
    if past and cs + past[-1] > sent_start + strong:
        return False  # `đã …`, `hiện đạt` after the last goal cue: a result
    paren = lead.rfind("(")
    if paren > lead.rfind(")"):  # inside brackets: only a restated goal (`chỉ tiêu đề ra là 98%`) counts
        return _strong_at(cfg, lead[paren:]) >= 0
    if has_cmp and cfg["floor_ceiling"].search(text[s:e]):
        return True   # `Số đơn vị kiểm tra: tối thiểu 20%`: a floor or a ceiling is set, whatever the label
    if re.search(r":\s*\Z", lead):  # `Ban Chấp hành: 25 người`, `Kết quả kiểm tra: 100%` list what is
        label = re.split(r"[,;:.]", lead.rstrip()[:-1])[-1]
        if money and _sets_sums(doc) and cfg["money_goal"].search(label):
            return True   # `Giá gói thầu: 735.000.000 đồng`, `Tổng mức đầu tư: …`: the sum the document sets
        return bool(cfg["colon_label_goal"].search(label))
    if strong >= 0 or cfg["goal_after"].search(after):
        return True
    years = [int(y) for y in _YEAR.findall(text[cs:ce])]
    if _doc_year(doc) and years and min(years) > _doc_year(doc) and (cfg["weak"].search(text[cs:ce]) or _action_at(cfg, lead)):
        return True   # `đến năm 2030, đạt 50% …`: a figure for a later year is a goal, in a report's results too
    context = _context(doc, s)
    if cfg["past_heading"].search(context) or re.search(r"\bđã\b", context):
        return False
    if _strong_at(cfg, context) >= 0 or cfg["goal_heading"].search(context):
        return True   # under `Mục tiêu`, `Chỉ tiêu`, or a report's `Phương hướng, nhiệm vụ` for what comes next
    if cfg["past_after"].search(after):
        return False
    if money and _sets_sums(doc) and cfg["money_goal"].search(lead) and "|" not in lead:
        return True   # `phê duyệt dự toán … với tổng kinh phí 1.250.000.000 đồng`: a sum the document sets
    if _is_report(doc):
        return False
    if re.fullmatch(r"\s*[-+*•–]\s*", lead):
        return True  # a plan's bullet that opens with the figure (`- 100% hồ sơ được số hóa`) states a goal
    if _doc_year(doc) and years and max(years) < _doc_year(doc):
        return False  # a figure of an earlier year is a result
    # a plan's own action on what it counts (`thành lập mới 03 cụm công nghiệp`, `thu hút 40 dự án`)
    return bool(has_cmp or cfg["weak"].search(text[cs:ce])
                or (_is_plan(doc) and _action_at(cfg, lead)))


def _goal_range(cfg: dict, text: str, s: int, e: int, ce: int) -> re.Match | None:
    """`kết nạp 10 – 15 hội viên`: a range set as a goal (no `dưới`, no score after it), not a band of a
    grading scale (`Từ 80% - dưới 90%: 0,5 điểm`)."""
    m = cfg["range_before"].search(text, max(0, s - 16), s)
    if not m or cfg["score_after"].search(text[e:ce + 12]):
        return None
    return m


def _action_at(cfg: dict, lead: str) -> bool:
    """A plan's action verb before the figure, in running text (`thành lập mới 03 …`), not inside a
    capitalized name (`Sở Xây dựng | 87,50`) nor in a table row, which the table reader handles."""
    if "|" in lead:
        return False
    return any(m.group(0)[0].islower() or not lead[:m.start()].strip(" -+•*\t")
               for m in cfg["action"].finditer(lead))


def _year(doc: Doc, text: str, cs: int, ce: int, s: int) -> int | None:
    m = _YEAR.findall(text[cs:ce])
    if m:
        return int(m[0])
    m = _YEAR.findall(_context(doc, s))
    return int(m[-1]) if m else None


_CELL_NUMBER = re.compile(r"\s*(?P<cmp>≥|>=|≤|<=|>|<|trên|ít nhất|tối thiểu|không dưới|không quá|tối đa|dưới)?\s*"
                          r"(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\s*(?P<pct>%)?\s*(?P<up>trở lên)?\s*$", re.I)
_CELL_CMP = {"≥": ">=", ">=": ">=", "≤": "<=", "<=": "<=", ">": ">", "<": "<", "trên": ">", "ít nhất": ">=",
             "tối thiểu": ">=", "không dưới": ">=", "không quá": "<=", "tối đa": "<=", "dưới": "<"}
_ROW_LABEL = re.compile(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)]?\s*$")


def _table_rows(text: str) -> list[list[list[tuple[int, int]]]]:
    """Runs of consecutive table lines (`cell | cell | …`), each row its cells' (start, end)."""
    tables, current, pos = [], [], 0
    for line in text.split("\n"):
        if line.count("|") >= 2:
            cells, a = [], pos
            for part in line.split("|"):
                cells.append((a, a + len(part)))
                a += len(part) + 1
            current.append(cells)
        elif current:
            tables.append(current)
            current = []
        pos += len(line) + 1
    if current:
        tables.append(current)
    return tables


def _table_targets(doc: Doc, blocked: list[tuple[int, int]]) -> list[dict]:
    """Targets of a table whose header names a goal column (`Kế hoạch năm 2027`, `Chỉ tiêu`, `Mục tiêu
    đến 2030`): each row's heading is the subject, its `Đơn vị tính` cell the unit. Columns of results
    (`Thực hiện`, `Ước`, `So sánh`, a year before the document's) are left out."""
    cfg, text = _cfg(), doc.text
    out: list[dict] = []
    for rows in _table_rows(text):
        header, roles = None, {}
        table_unit = _unit_above(cfg, text, rows[0][0][0])
        for cells in rows:
            vals = [text[a:b].strip() for a, b in cells]
            if not any(_CELL_NUMBER.match(v) for v in vals[1:]) and any(
                    cfg["t_goal"].search(v) or cfg["t_unit"].match(v) or cfg["t_money"].search(v) for v in vals):
                header, roles = vals, _column_roles(doc, vals)
                continue
            if header is None or len(vals) != len(header) or not roles.get("goal"):
                continue
            subject = _row_subject(vals, roles)
            if not subject:
                continue
            unit_cell = vals[roles["unit"]] if "unit" in roles else ""
            for col, year in roles["goal"]:
                m = _CELL_NUMBER.match(vals[col])
                if not m:
                    continue
                raw = text[cells[col][0]:cells[col][1]]
                s = cells[col][0] + len(raw) - len(raw.lstrip())
                e = s + len(raw.strip())
                if any(a < e and s < b for a, b in blocked):
                    continue
                value = parse_number(m.group("num"))
                unit, factor = _row_unit(cfg, unit_cell, header[col], subject, bool(m.group("pct")), table_unit)
                if value is None or unit is None:
                    continue
                if factor != 1:
                    value = parse_number(str(round(value * factor)))
                comparator = ">=" if m.group("up") else _CELL_CMP.get((m.group("cmp") or "").lower(), "=")
                out.append({"value": value, "unit": unit, "comparator": comparator, "subject": subject,
                            "year": year or _year(doc, text, s, e, s), "text": text[s:e], "start": s, "end": e})
    return out


def _column_roles(doc: Doc, header: list[str]) -> dict:
    """Which column holds the unit, the row's heading and the goals (with the year a goal column names)."""
    cfg = _cfg()
    roles: dict = {"goal": []}
    for i, h in enumerate(header):
        years = [int(y) for y in re.findall(r"(?:19|20)\d{2}", h)]
        if cfg["t_unit"].match(h):
            roles.setdefault("unit", i)
        elif "subject" not in roles and cfg["t_subject"].search(h) and i <= 2:
            roles["subject"] = i
        elif cfg["t_past"].search(h):
            continue
        elif cfg["t_goal"].search(h) and not (_doc_year(doc) and years and max(years) < _doc_year(doc)
                                              and not re.search(r"(?i)kế hoạch|mục tiêu|chỉ tiêu", h)):
            roles["goal"].append((i, max(years) if years else None))
        elif cfg["t_money"].search(h) and _sets_sums(doc):
            roles["goal"].append((i, max(years) if years else None))   # a budget's sums, as the document sets them
    return roles


def _row_subject(vals: list[str], roles: dict) -> str | None:
    """The row's heading: the subject column, else its first cell with words."""
    if "subject" in roles:
        cand = vals[roles["subject"]]
    else:
        cand = next((v for v in vals if re.search(r"[^\W\d_]{2,}", v) and not _ROW_LABEL.match(v)), "")
    cand = re.sub(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)]\s+", "", cand).strip(" -–+*•:")
    return cand if re.search(r"[^\W\d_]{2,}", cand) else None


def _unit_above(cfg: dict, text: str, table_start: int) -> str:
    """The unit a line just above the table gives all its figures (`Đơn vị tính: triệu đồng`), or ``."""
    above = text[max(0, table_start - 300):table_start].rstrip("\n").split("\n")[-2:]
    for line in reversed(above):
        m = cfg["table_unit_line"].search(line.strip())
        if m:
            return m.group("unit").strip()
    return ""


def _unit_named(cfg: dict, source: str) -> tuple[str, float] | None:
    for pat, unit, factor in cfg["t_units"]:
        if pat.search(source.strip().lower()):
            return unit, factor
    return None


def _row_unit(cfg: dict, unit_cell: str, head: str, subject: str, pct: bool,
              table_unit: str = "") -> tuple[str | None, float]:
    """The unit of a row's value: `%` in the cell, a unit in the column's header (`(tỷ đồng)`, a money
    column, in the table's unit when a line above it names one), the row's unit cell, the table's unit,
    a share (`Tỷ lệ …`) is `%`, any other counted noun a count."""
    if pct:
        return "%", 1
    for source in re.findall(r"\(([^()]{1,20})\)", head):   # the column's own unit: `Thành tiền (triệu đồng)`
        named = _unit_named(cfg, source)
        if named:
            return named
    above = _unit_named(cfg, table_unit) if table_unit else None
    if cfg["t_money"].search(head):
        return above if above and above[0] == "VND" else ("VND", 1)
    if above and not unit_cell.strip():
        return above
    src = unit_cell.strip().lower()
    for pat, unit, factor in cfg["t_units"]:
        if pat.search(src):
            return unit, factor
    if re.fullmatch(r"[^\W\d_][\w ]{0,30}", src):
        return "count", 1    # `Dự án`, `Người`, `Hộ`: a count of the noun
    if re.match(r"(?i)\s*tỷ lệ", subject):
        return "%", 1
    return ("count", 1) if not unit_cell else (None, 1)


@extractor("targets", needs=("sections", "metadata", "references", "dates"))
def find(doc: Doc) -> list[dict]:
    """Numeric targets (value, unit, comparator, subject, year), outside references and dates."""
    cfg = _cfg()
    text = doc.text
    low = text.lower()
    if len(low) != len(text):  # keep offsets: lower only the letters that stay one character
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    blocked = [(x["start"], x["end"]) for k in ("references", "dates") for x in doc.found.get(k, [])]
    out: list[dict] = _table_targets(doc, blocked)
    taken: list[tuple[int, int]] = [(t["start"], t["end"]) for t in out]
    restated: set[tuple] = set()
    for kind in ("measure", "count"):
        for m in cfg[kind].finditer(low):
            ns, e = m.span()
            if cfg["left_guard"].search(low, max(0, ns - 1), ns):
                continue
            c = cfg["cmp_before"].search(low, max(0, ns - 25), ns)
            cmp_word = c.group("cmp") if c else ""
            s = c.start() if c else ns
            if any(a < e and s < b for a, b in blocked + taken):
                continue
            line_start = text.rfind("\n", 0, ns) + 1
            if re.match(r"\d+(?:\.\d+)*\s*[.)]\s", text[ns:ns + 8]) and not text[line_start:ns].strip():
                continue  # a section label such as `3. ` at the start of a line
            bracket_floor = None
            if text[max(0, ns - 1):ns] == "(" and not cmp_word:
                bracket_floor = cfg["goal_before_bracket"].search(text, max(0, ns - 40), ns - 1)
                if not bracket_floor:
                    continue  # a bracketed figure explains, it does not set a goal (`tối thiểu (10%)` does)
            if kind == "count" and (re.match(r"\s*\(", text[e:e + 3])
                                    or (not cmp_word and cfg["count_not_after"].search(text[max(0, s - 25):s]))):
                continue  # `của 3 tỉnh (Lâm Đồng, …)` names a known set, it does not set a goal
            value = parse_number(m.group("num"))
            if value is None:
                continue
            cs, ce = _clause(text, s, e)
            if kind == "count" and m.group("noun") in cfg["planned_nouns"] and \
                    not cfg["floor_ceiling"].match(cmp_word) and not bracket_floor and \
                    not _is_plan(doc) and \
                    not cfg["explicit_goal"].search(text[cs:s] + " " + _context(doc, s)):
                continue   # `đẩy nhanh tiến độ 02 dự án` in a letter: projects already known
            money = kind == "measure" and next(u["unit"] for i, u in enumerate(cfg["units"]) if m.group(f"u{i}")) == "VND"
            if not _is_goal(doc, text, s, e, cs, ce, bool(cmp_word), money):
                continue
            factor = 1
            if kind == "measure":
                i = next(i for i in range(len(cfg["units"])) if m.group(f"u{i}"))
                if text[m.start(f"u{i}")] == "Đ":
                    continue  # `9 Đồng Nai` is a province in a table, not nine đồng
                unit = cfg["units"][i]["unit"]
                factor = cfg["units"][i].get("factor", 1)
                if factor != 1:
                    value = parse_number(str(round(value * factor)))
                subject = _subject(text, e, s, cs, ce)
            else:
                unit = "count"
                subject = _subject(text, m.start("noun"), s, cs, ce)
            if bracket_floor:   # `tỷ lệ khảo sát tối thiểu (10%)`: the label before the bracket
                label = re.split(r"[,;:()\n]|\b(?:về|và|của)\s", text[max(0, ns - 120):ns - 1])[-1].strip()
                subject = label if len(label.split()) >= 2 else subject
                key = (value, unit, (subject or "").lower())
                if key in restated:
                    continue   # the same floor restated in every paragraph of a report counts once
                restated.add(key)
            comparator = cfg["cmp"].get(cmp_word, "=") if cmp_word else "="
            if bracket_floor and bracket_floor.group("cmp"):
                comparator = cfg["cmp"].get(bracket_floor.group("cmp").lower(), "=")
            if cfg["at_least"].match(text[e:e + 12]):
                comparator = ">="
            elif cfg["at_most"].match(text[e:e + 12]):
                comparator = "<="
            elif cmp_word in ("từ", "đạt từ"):
                comparator = "="  # `từ 5 đến 10` is a range; only `từ … trở lên` is a floor
            taken.append((s, e))
            year = _year(doc, text, cs, ce, s)
            rng = _goal_range(cfg, text, s, e, ce) if comparator == "=" else None
            if rng:   # `10 – 15 hội viên`: at least the low end, at most the high one
                lo = parse_number(rng.group("low"))
                if lo is not None and factor != 1:
                    lo = parse_number(str(round(lo * factor)))
                if lo is not None:
                    out.append({"value": lo, "unit": unit, "comparator": ">=", "subject": subject, "year": year,
                                "text": text[rng.start("low"):e], "start": rng.start("low"), "end": rng.end("low")})
                    comparator = "<="
            out.append({"value": value, "unit": unit, "comparator": comparator, "subject": subject,
                        "year": year, "text": text[s:e], "start": s, "end": e})
    return out


find_rules = find   # the rules alone


@extractor("targets", needs=REGISTRY["targets"].needs)
def find(doc: Doc) -> list[dict]:  # noqa: F811
    """`VANBAN_TARGETS=rules|model|both` (default `rules`): the trained classifier of
    `pipeline.extract.targets_model` alone, or adding to the rules."""
    import os
    mode = os.environ.get("VANBAN_TARGETS", "rules")
    if mode == "rules":
        return find_rules(doc)
    from pipeline.extract import targets_model
    return targets_model.targets(doc, mode, find_rules)
