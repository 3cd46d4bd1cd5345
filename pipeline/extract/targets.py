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
from pipeline.extract.registry import extractor
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
    nouns = "|".join(re.escape(n.lower()) for n in sorted(cfg["count_nouns"], key=len, reverse=True))
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
        "report_title": re.compile(cfg["report_title"], flags),
        "stop": re.compile(cfg["subject_stop"], flags),
        "verb_before": re.compile(cfg["subject_verb_before"], flags),
        "lead": re.compile(cfg["subject_lead"], flags),
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


def _is_goal(doc: Doc, text: str, s: int, e: int, cs: int, ce: int, has_cmp: bool) -> bool:
    """Does the text around the number set a goal rather than report a result or grade on a scale?"""
    cfg = _cfg()
    before, after = text[cs:s], text[e:ce]
    if cfg["not_goal_before"].search(before):
        return False
    if cfg["band_after"].search(text[e:e + 12]) or cfg["band_before"].search(text[max(0, s - 12):s]) \
            or cfg["score_after"].search(text[e:ce + 12]):
        return False
    sent_start = max(text.rfind("\n", 0, s), text.rfind(". ", 0, s)) + 1
    lead = text[sent_start:s]
    strong = _strong_at(cfg, lead)
    past = [m.end() for m in cfg["past_before"].finditer(before)]
    if past and cs + past[-1] > sent_start + strong:
        return False  # `đã …`, `hiện đạt` after the last goal cue: a result
    paren = lead.rfind("(")
    if paren > lead.rfind(")"):  # inside brackets: only a restated goal (`chỉ tiêu đề ra là 98%`) counts
        return _strong_at(cfg, lead[paren:]) >= 0
    if re.search(r":\s*\Z", lead):  # `Ban Chấp hành: 25 người`, `Kết quả kiểm tra: 100%` list what is
        label = re.split(r"[,;:.]", lead.rstrip()[:-1])[-1]
        return bool(cfg["colon_label_goal"].search(label))
    if strong >= 0 or cfg["goal_after"].search(after):
        return True
    context = _context(doc, s)
    if cfg["past_heading"].search(context) or re.search(r"\bđã\b", context):
        return False
    if _strong_at(cfg, context) >= 0:
        return True
    if cfg["past_after"].search(after) or _is_report(doc):
        return False
    if re.fullmatch(r"\s*[-+*•–]\s*", lead):
        return True  # a plan's bullet that opens with the figure (`- 100% hồ sơ được số hóa`) states a goal
    years = [int(y) for y in _YEAR.findall(text[cs:ce])]
    if doc.year and years and max(years) < doc.year:
        return False  # a figure of an earlier year is a result
    return bool(has_cmp or cfg["weak"].search(text[cs:ce]))


def _year(doc: Doc, text: str, cs: int, ce: int, s: int) -> int | None:
    m = _YEAR.findall(text[cs:ce])
    if m:
        return int(m[0])
    m = _YEAR.findall(_context(doc, s))
    return int(m[-1]) if m else None


@extractor("targets", needs=("sections", "metadata", "references", "dates"))
def find(doc: Doc) -> list[dict]:
    """Numeric targets (value, unit, comparator, subject, year), outside references and dates."""
    cfg = _cfg()
    text = doc.text
    low = text.lower()
    if len(low) != len(text):  # keep offsets: lower only the letters that stay one character
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    blocked = [(x["start"], x["end"]) for k in ("references", "dates") for x in doc.found.get(k, [])]
    out: list[dict] = []
    taken: list[tuple[int, int]] = []
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
            if text[max(0, ns - 1):ns] == "(" and not cmp_word:
                continue  # a bracketed figure explains, it does not set a goal
            if kind == "count" and (re.match(r"\s*\(", text[e:e + 3])
                                    or cfg["count_not_after"].search(text[max(0, s - 25):s])):
                continue  # `của 3 tỉnh (Lâm Đồng, …)` names a known set, it does not set a goal
            value = parse_number(m.group("num"))
            if value is None:
                continue
            cs, ce = _clause(text, s, e)
            if not _is_goal(doc, text, s, e, cs, ce, bool(cmp_word)):
                continue
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
            comparator = cfg["cmp"].get(cmp_word, "=") if cmp_word else "="
            if cfg["at_least"].match(text[e:e + 12]):
                comparator = ">="
            elif cfg["at_most"].match(text[e:e + 12]):
                comparator = "<="
            elif cmp_word in ("từ", "đạt từ"):
                comparator = "="  # `từ 5 đến 10` is a range; only `từ … trở lên` is a floor
            taken.append((s, e))
            out.append({"value": value, "unit": unit, "comparator": comparator, "subject": subject,
                        "year": _year(doc, text, cs, ce, s), "text": text[s:e], "start": s, "end": e})
    return out
