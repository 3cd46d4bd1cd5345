"""Targets of tables (DATASET.md "targets"): a header row names a goal column, each row's heading is the
subject, its `Đơn vị tính` cell (or the column's, or a unit line above the table) the unit."""
from __future__ import annotations

import re

from pipeline.extract.target_cues import (config, doc_year, is_normative, is_plan, is_report, parse_number, sets_sums,
                                          target_year)
from pipeline.parse.document import Doc

_CELL_NUMBER = re.compile(r"\s*(?P<cmp>≥|>=|≤|<=|>|<|trên|ít nhất|tối thiểu|không dưới|không quá|tối đa|dưới)?\s*"
                          r"(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\s*(?:(?P<pct>%)|(?P<vnd>đồng|đ|vnđ|vnd)"
                          r"|(?!trở lên)(?P<word>[^\W\d_][^\W\d_ ]*(?: [^\W\d_]+){0,2}))?\s*(?P<up>trở lên)?\s*$", re.I)
# (`05 lớp`, `30 ha`, `2,5 tỷ đồng`: a cell that names its own unit or the thing it counts)
_CELL_CMP = {"≥": ">=", ">=": ">=", "≤": "<=", "<=": "<=", ">": ">", "<": "<", "trên": ">", "ít nhất": ">=",
             "tối thiểu": ">=", "không dưới": ">=", "không quá": "<=", "tối đa": "<=", "dưới": "<"}
_YEAR_CELL = re.compile(r"\s*(?:19|20)\d{2}\s*$")   # a header's year column (`| 2026 | 2027 |`), no figure
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


def table_targets(doc: Doc, blocked: list[tuple[int, int]]) -> list[dict]:
    """Targets of a table whose header names a goal column (`Kế hoạch năm 2027`, `Chỉ tiêu`, `Mục tiêu
    đến 2030`): each row's heading is the subject, its `Đơn vị tính` cell the unit. Columns of results
    (`Thực hiện`, `Ước`, `So sánh`, a year before the document's) are left out."""
    cfg, text = config(), doc.text
    out: list[dict] = []
    for rows in _table_rows(text):
        header, roles = None, {}
        table_unit = _unit_above(cfg, text, rows[0][0][0])
        measures = is_plan(doc) and not is_report(doc) and not _past_title(cfg, text, rows[0][0][0])
        budget = sets_sums(doc) and (_unit_named(cfg, table_unit) or ("",))[0] == "VND"
        for cells in rows:
            vals = [text[a:b].strip() for a, b in cells]
            if not any(_CELL_NUMBER.match(v) and not _YEAR_CELL.match(v) for v in vals[1:]) and (budget and header is None or any(
                    cfg["t_goal"].search(v) or cfg["t_unit"].match(v) or cfg["t_money"].search(v)
                    or (measures and cfg["t_measure"].search(v)) for v in vals)):
                header, roles = vals, _column_roles(doc, vals, budget, measures)
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
                if col in roles.get("quantity", ()):   # how many of the row's thing: its own unit, never the table's sums'
                    unit, factor = _row_unit(cfg, unit_cell, "", subject, bool(m.group("pct")))
                else:
                    unit, factor = _row_unit(cfg, unit_cell, header[col], subject, bool(m.group("pct")), table_unit)
                if m.group("vnd") and unit != "VND":
                    unit, factor = "VND", 1   # `2.150.000.000đ`: the cell names its own unit
                elif m.group("word"):    # `30 ha`, `2,5 tỷ đồng`, `05 lớp`; not a time (`12 tháng`)
                    if cfg["time_word"].match(m.group("word")):
                        continue
                    unit, factor = _unit_named(cfg, m.group("word")) or ("count", 1)
                if value is None or unit is None:
                    continue
                if factor != 1:
                    value = parse_number(str(round(value * factor)))
                comparator = ">=" if m.group("up") else _CELL_CMP.get((m.group("cmp") or "").lower(), "=")
                out.append({"value": value, "unit": unit, "comparator": comparator, "subject": subject,
                            "year": year or target_year(doc, text, s, e, s), "text": text[s:e], "start": s, "end": e})
    return out


def _column_roles(doc: Doc, header: list[str], budget: bool = False, measures: bool = False) -> dict:
    """Which column holds the unit, the row's heading and the goals (with the year a goal column names).
    In a budget (a decision's table under `Đơn vị tính: triệu đồng`) every column of figures is a sum it sets."""
    cfg = config()
    roles: dict = {"goal": []}
    normative = is_normative(doc)   # a rule's table of rates and fines sets no goal unless its header says so
    for i, h in enumerate(header):
        years = [int(y) for y in re.findall(r"(?:19|20)\d{2}", h)]
        if cfg["t_unit"].match(h):
            roles.setdefault("unit", i)
        elif "subject" not in roles and cfg["t_subject"].search(h) and i <= 2:
            roles["subject"] = i
        elif cfg["t_past"].search(h) or (normative and not cfg["explicit_goal"].search(h)):
            continue
        elif cfg["t_quantity"].search(h):
            if sets_sums(doc) or is_plan(doc):
                roles["goal"].append((i, max(years) if years else None))
                roles.setdefault("quantity", set()).add(i)
        elif cfg["t_goal"].search(h) and not (doc_year(doc) and years and max(years) < doc_year(doc)
                                              and not re.search(r"(?i)kế hoạch|mục tiêu|chỉ tiêu", h)):
            roles["goal"].append((i, max(years) if years else None))
        elif (cfg["t_money"].search(h) and sets_sums(doc)) or (budget and i > 0 and h) \
                or (measures and cfg["t_measure"].search(h)):   # a plan's list: the size it sets for each row
            roles["goal"].append((i, max(years) if years else None))   # a budget's sums, as the document sets them
    # `Năm 2025 | Kế hoạch năm 2026`: beside a column the header calls the plan, an earlier year's column is where the
    # figures start from (a result or an estimate), not a goal
    planned = [y for i, y in roles["goal"] if y and _PLANNED.search(header[i])]
    if planned:
        roles["goal"] = [(i, y) for i, y in roles["goal"] if not (y and y < max(planned) and not _PLANNED.search(header[i]))]
    return roles


_PLANNED = re.compile(r"(?i)kế hoạch|mục tiêu|chỉ tiêu|phấn đấu|dự kiến")


def _row_subject(vals: list[str], roles: dict) -> str | None:
    """The row's heading: the subject column, else its first cell with words."""
    if "subject" in roles:
        cand = vals[roles["subject"]]
    else:
        cand = next((v for v in vals if re.search(r"[^\W\d_]{2,}", v) and not _ROW_LABEL.match(v)), "")
    cand = re.sub(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)]\s+", "", cand).strip(" -–+*•:")
    return cand if re.search(r"[^\W\d_]{2,}", cand) else None


def _past_title(cfg: dict, text: str, table_start: int) -> bool:
    """Do the two lines above the table title it as what exists or was done (`Hiện trạng …`, `Kết quả …`)?"""
    above = text[max(0, table_start - 300):table_start].rstrip("\n").split("\n")[-2:]
    return any(cfg["t_past_title"].search(line) for line in above)


def _unit_above(cfg: dict, text: str, table_start: int) -> str:
    """The unit a line just above the table gives all its figures (`Đơn vị tính: triệu đồng`), or ``."""
    above = text[max(0, table_start - 300):table_start].rstrip("\n").split("\n")[-2:]
    for line in reversed(above):
        m = cfg["table_unit_line"].search(line.strip())
        if m:
            return m.group("unit").strip()
    return ""


def _unit_named(cfg: dict, source: str) -> tuple[str, float] | None:
    source = re.sub(r"\s*/.*$", "", source)   # `Triệu đồng/người/năm`: a rate, in the unit of its sum
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
    named = _unit_named(cfg, unit_cell)
    if named:
        return named
    for source in re.findall(r"\(([^()]{1,20})\)", subject):   # the row's own unit: `Chiều dài đường dây (km)`
        named = _unit_named(cfg, source)
        if named:
            return named
    if above:   # a unit cell that names no unit (`Đơn vị` holding a school's name) leaves the table's
        return above
    src = unit_cell.strip().lower()
    if re.fullmatch(r"[^\W\d_][\w ]{0,30}", src):
        return "count", 1    # `Dự án`, `Người`, `Hộ`: a count of the noun
    if re.match(r"(?i)\s*tỷ lệ", subject):
        return "%", 1
    return ("count", 1) if not unit_cell else (None, 1)

