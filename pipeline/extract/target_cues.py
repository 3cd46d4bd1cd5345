"""What the target readers share (DATASET.md "targets"): the vocabularies of rules/targets.yaml compiled
once, Vietnamese numbers, the headings and lead-in line over a figure, the target year, and what kind of
document speaks (a plan sets goals, a report states results, a decision or proposal sets sums)."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline import rules
from pipeline.parse.document import Doc
from pipeline.text.matching import case_blind, digit_led, first_chars, led_finds, presence, trie_pattern
from pipeline.text.spans import last_break

PERIOD = re.compile(r"(?:giai đoạn|thời kỳ|nhiệm kỳ)\s+(?:19|20)\d{2}\s*[-–]\s*((?:19|20)\d{2})(?![\d/])", re.I)
_CENTURY = re.compile(r"(?:19|20)\d\d")      # what every match of PERIOD and YEAR holds (`re` skips to digits in C)
YEAR = re.compile(r"(?:(?:đến|tới)\s+(?:hết\s+)?(?:năm\s+)?|(?:trong\s+|vào\s+)?năm\s+)((?:19|20)\d{2})(?![\d/])", re.I)


def _unit_ahead(units: list[dict]) -> str:
    """A look-ahead on the first letters of the units (`(?=[ \\t]*[%ghk…])`): after most numbers of a text no unit
    follows, and it tells so at once, where the unit list tried each of its branches (and again after each
    shorter reading of the number). Empty when a unit's first letters cannot be told."""
    firsts = [first_chars(u["pattern"].lower()) for u in units]
    if not firsts or any(f is None for f in firsts):
        return ""
    return r"(?=[ \t]*[" + "".join(re.escape(c) for c in sorted(frozenset().union(*firsts))) + "])"


@lru_cache(maxsize=None)
def config() -> dict:
    cfg = rules.load("targets")
    flags = re.I
    cmp_words = sorted(((w.lower(), op) for op, ws in cfg["comparators"].items() for w in ws), key=lambda x: -len(x[0]))
    cmp_alt = "|".join(re.escape(w) for w, _ in cmp_words)
    units = cfg["units"]
    unit_alt = "|".join(f"(?P<u{i}>{u['pattern'].lower()})" for i, u in enumerate(units))
    # the counted nouns as a trie: the nouns a text can match at one place are prefixes of one another, and the
    # trie tries the longest first as the longest-first alternation did (the same matches), with one branch per
    # letter instead of every noun tried at every number
    nouns = trie_pattern(n.lower() for n in cfg["count_nouns"] + cfg["planned_nouns"])
    # number first (one digit first: rules/targets.yaml `number`), matched on the lower-cased text: `re` then
    # only tries where a digit stands
    forms = {
        "measure": cfg["number"] + _unit_ahead(units) + r"[ \t]*(?:" + unit_alt + r")(?!\w)",
        "count": cfg["number"] + r"(?P<spelled>" + cfg["spelled"] + r")?[ \t]+" + cfg["count_scale"] + r"(?P<noun>(?:" + nouns + r"))(?!\w)",
        "open_count": cfg["number"] + r"[ \t]+(?!" + cfg["open_count_not"] + r")(?P<noun>[^\W\d_]+)(?!\w)",
    }
    return {
        **{kind: re.compile(p) for kind, p in forms.items()},
        # what `targets.find` scans the text with: the same patterns, with the left guard it drops a figure by
        # (`left_guard`, and for a measure or count a `-` only when not `_TIGHT_RANGE`'s) tried right after the
        # first digit. Why: `re` tried each pattern again at every digit inside a number (`2025`, `1.234,5`), at the
        # figure of a code (`m2`) or of a fraction (`1/2`), and each such match was dropped; the digits a match
        # holds are all led by a digit, `.`, `,`, a letter or a `/`, so none the guard lets through was hidden by
        # one (tests/test_speed.py checks the same figures are found). A third of the scan's time.
        "scan": {kind: re.compile(digit_led(p, r"[\w/.,+-]" if kind == "open_count" else r"[\w/.,+]"))
                 for kind, p in forms.items()},
        # (a floor may stand between the action and its figure: `thiết kế tối thiểu 03 mẫu nhà ở`)
        "open_count_lead": re.compile(r"(?:" + cfg["goal_action"] + r")(?:\s+(?:mới|thêm|bổ sung))?"
                                      r"(?:\s+(?:tối thiểu|ít nhất|không dưới|khoảng))?\s*\Z", flags),
        "cmp_before": re.compile(r"(?<!\w)(?P<cmp>" + cmp_alt + r")" + cfg["cmp_verb"] + r"(?:\s+|(?<=[≥≤<>=])[ \t]*)\Z"),   # a sign may touch the figure (`≥80%`)
        "left_guard": re.compile(r"[\w/.,+-]\Z"),
        "cmp": dict(cmp_words),
        "units": units,
        "at_least": case_blind(cfg["at_least_suffix"]),
        "per_one": case_blind(cfg["per_one"]),
        "at_most": case_blind(cfg["at_most_suffix"]),
        "strong": case_blind(cfg["goal_strong"]),
        "weak": case_blind(cfg["goal_weak"]),
        "goal_after": case_blind(cfg["goal_after"]),
        "past_before": case_blind(cfg["past_before"]),
        "past_finds": led_finds(cfg["past_before"], re.I),      # the same, for `matching.finds`
        "share_before": case_blind(cfg["share_before"]),
        "past_after": case_blind(cfg["past_after"]),
        "not_goal_before": presence(cfg["not_goal_before"], re.I),     # searched for presence only
        "required_after_condition": case_blind(cfg["required_after_condition"]),
        "band_after": case_blind(cfg["band_after"]),
        "band_before": case_blind(cfg["band_before"]),
        "score_after": case_blind(cfg["score_after"]),
        "colon_label_goal": case_blind(cfg["colon_label_goal"]),
        "past_heading": case_blind(cfg["past_heading"]),
        "count_not_after": case_blind(cfg["count_not_after"]),
        "report_types": set(cfg["report_types"]),
        "action": case_blind(cfg["goal_action"]),
        "floor_ceiling": case_blind(cfg["floor_ceiling"]),
        "plan_types": set(cfg["plan_types"]),
        "plan_title": case_blind(cfg["plan_title"]),
        "proposal_types": set(cfg["proposal_types"]),
        "tender_title": case_blind(cfg["tender_title"]),
        "rate_after": case_blind(cfg["rate_after"]),
        "goal_before_bracket": case_blind(cfg["goal_before_bracket"]),
        "table_unit_line": case_blind(cfg["table_unit_line"]),
        "planned_nouns": {n.lower() for n in cfg["planned_nouns"]},
        "explicit_goal": re.compile(r"\b(?:phấn đấu|mục tiêu|chỉ tiêu)\b", flags),
        "money_goal": case_blind(cfg["money_goal"]),
        "money_past": case_blind(cfg["money_past"]),
        "colon_label_measure": case_blind(cfg["colon_label_measure"]),
        "range_before": case_blind(cfg["range_before"]),
        "goal_heading": case_blind(cfg["goal_heading"]),
        "t_unit": case_blind(cfg["table_unit_col"]),
        "t_goal": case_blind(cfg["table_goal_col"]),
        "t_past": case_blind(cfg["table_past_col"]),
        "t_subject": case_blind(cfg["table_subject_col"]),
        "t_money": case_blind(cfg["table_money_col"]),
        "t_quantity": case_blind(cfg["table_quantity_col"]),
        "t_measure": case_blind(cfg["table_measure_col"]),
        "t_past_title": case_blind(cfg["table_past_title"]),
        "time_label": case_blind(cfg["time_label"]),
        "bullet_lead": re.compile(r"\s*[-+*•–]\s*(?:" + cfg["time_label"] + r":\s*)?", flags),
        "time_word": re.compile(r"^(?:" + cfg["open_count_not"] + r")", flags),
        "t_units": [(re.compile(u["pattern"], flags), u["unit"], u.get("factor", 1)) for u in cfg["table_units"]],
        "report_title": case_blind(cfg["report_title"]),
        "normative_types": set(cfg["normative_types"]),
        "normative_title": case_blind(cfg["normative_title"]),
        "normative_heading": re.compile(cfg["normative_heading"], re.M),
        "example_line": case_blind(cfg["example_line"]),
        "arithmetic_before": case_blind(cfg["arithmetic_before"]),
        "arithmetic_after": case_blind(cfg["arithmetic_after"]),
        "stop": case_blind(cfg["subject_stop"]),
        "verb_before": case_blind(cfg["subject_verb_before"]),
        "verb_in_subject": case_blind(cfg["subject_verb_inside"]),
        "none_allowed": re.compile(cfg["none_allowed"], flags | re.M),
        "none_left": case_blind(cfg["none_left"]),
        "staff_nouns": {n.lower() for n in cfg["staff_nouns"]},
        "composition_before": case_blind(cfg["composition_before"]),
        "figure": re.compile(r"\d\s*(?:%|tỷ|triệu|nghìn|ngàn|ha\b|km\b|tấn\b|usd\b)", flags),
        "lead": case_blind(cfg["subject_lead"]),
        "measure_before": case_blind(cfg["measure_subject_before"]),
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


def heading_context(doc: Doc, start: int) -> str:
    """Headings of the sections around `start` and the lead-in line (`… sau:`) above its list."""
    parts = [s.get("heading") or "" for s in doc.sections if s["start"] <= start < s["end"]]
    parts.append(lead_in(doc, start))
    return " ".join(p for p in parts if p)


def is_report(doc: Doc) -> bool:
    cfg = config()
    return doc.metadata.get("doc_type") in cfg["report_types"] or \
        bool(cfg["report_title"].search(doc.metadata.get("title") or ""))


def is_normative(doc: Doc) -> bool:
    """A document that lays down rules of law (or a decision issuing a Quy định, Quy chế, Điều lệ): its
    figures are rates, fines and conditions, goals only where a goal word sets them."""
    cfg = config()
    return doc.metadata.get("doc_type") in cfg["normative_types"] or \
        bool(cfg["normative_title"].search(doc.metadata.get("title") or "")) or \
        bool(cfg["normative_heading"].search(doc.text[:1500]))


def explains(doc: Doc, s: int, e: int) -> bool:
    """Is the figure part of a worked example or a calculation (`Ví dụ: …`, `… x 32% = 7,68 triệu đồng`)?"""
    cfg, text = config(), doc.text
    line = text[text.rfind("\n", 0, s) + 1:s]
    return bool(cfg["arithmetic_before"].search(text[max(0, s - 4):s]) or cfg["arithmetic_after"].match(text[e:e + 4])
                or cfg["example_line"].search(line) or _EXAMPLE_WORD.search(lead_in(doc, s)))


_EXAMPLE_WORD = re.compile(r"(?i)\b(?:ví dụ|thí dụ)\b")


_BULLET = re.compile(r"[-+*•]|[a-zđ]\)")   # a list item's mark (compiled once: lead_in runs per figure)


def lead_in(doc: Doc, start: int) -> str:
    """The line ending in `:` that opens the list (or paragraph run) holding `start`, or ``."""
    text = doc.text
    line_start = text.rfind("\n", 0, start)
    for _ in range(12):
        if line_start <= 0:
            break
        prev = text.rfind("\n", 0, line_start - 1) + 1
        line = text[prev:line_start].strip()
        if line.endswith(":"):
            return line
        if not _BULLET.match(line):
            break
        line_start = prev - 1
    return ""


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")     # compiled once: doc_year reads every date for each figure


def doc_year(doc: Doc) -> int | None:
    """The document's year; for an undated draft or report, the year of the latest full date it cites
    (what it reports on happened by then), so a figure `đến năm 2030` still reads as a later goal."""
    if doc.year:
        return doc.year
    dates = doc.found.get("dates", [])
    last = _last_year
    if last[0] is doc and last[1] is dates and last[2] == len(dates):
        return last[3]                # asked for every figure of the document: its dates read once
    days = [x["value"][:4] for x in dates
            if _ISO_DAY.fullmatch(x.get("value") or "") and x.get("kind") != "deadline"]
    year = int(max(days)) if days else None
    _last_year[:] = [doc, dates, len(dates), year]
    return year


# the document and dates list doc_year read last (kept, so neither can be another one at the same address),
# how many dates it held and the year found
_last_year: list = [None, None, -1, None]


def is_plan(doc: Doc) -> bool:
    """A plan, or a decision or proposal that approves one (`Quyết định phê duyệt Kế hoạch …`): what it
    builds, sets up or runs is its goal."""
    cfg = config()
    return doc.metadata.get("doc_type") in cfg["plan_types"] or \
        (not is_report(doc) and bool(cfg["plan_title"].search(doc.metadata.get("title") or "")))


def sets_sums(doc: Doc) -> bool:
    """Does the document set sums of money (a decision, a plan, a proposal submitting a budget or a
    tender plan for approval, the minutes of a tender) rather than report them?"""
    cfg = config()
    return not is_report(doc) or doc.metadata.get("doc_type") in cfg["proposal_types"] or \
        bool(cfg["tender_title"].search(doc.metadata.get("title") or ""))


def stated_years(clause: str) -> list[int]:
    """The years a clause speaks of, leaving out a baseline (`tăng 10% so với năm 2025`); a period
    (`giai đoạn 2021 - 2025`) speaks of its last year."""
    if not _CENTURY.search(clause):
        return []         # each pattern reads a 19xx or 20xx year: a clause without one holds none (most do not)
    found = sorted([(m.start(), int(m.group(1))) for m in YEAR.finditer(clause)]
                   + [(m.start(), int(m.group(1))) for m in PERIOD.finditer(clause)])
    return [y for at, y in found if not re.search(r"so với\s+(?:cùng kỳ\s+)?\Z", clause[max(0, at - 20):at])]


def target_year(doc: Doc, text: str, cs: int, ce: int, s: int) -> int | None:
    """The year a figure is set for: its clause's (not a baseline), else the one its sentence opens with
    (`Đến năm 2028 phấn đấu đạt các chỉ tiêu: 100% …; 80% …`), else its headings'."""
    years = stated_years(text[cs:ce])
    if years:
        return years[0]
    sent_start = last_break(text, s, (". ",)) + 1
    years = stated_years(text[sent_start:min(cs, s)])
    if years:
        return years[-1]
    years = stated_years(heading_context(doc, s))
    return years[-1] if years else None
