"""Dates, deadlines, periods and recurrences, normalized to DATASET.md value forms.

The patterns and cue words live in `rules/dates.yaml`. Each match becomes a value
(`2020-11-30`, `2021-01`, `2022-Q3`, `2022-H1`, `2023`, `2021/2025`, `yearly`) and a
kind (`deadline`, `event`, `period`, `recurrence`). Dates that belong to a cited
document (its number or title right before, or the sentence saying it was issued
that day), a reference's own date, and signature or issue-date lines are left out:
they are metadata of other documents, not times of this one. So are periods and
years inside a cited document's title (`Quyết định số … về phê duyệt Đề án … giai
đoạn 2021 - 2025`), blank issue dates of drafts (`ngày   tháng 12 năm 2025`) and
days of a generic year (`30/9 của năm đánh giá`).

A date written without its year (`trước ngày 15/12`, `trong tháng 12`, a timetable's
`17/11`) takes the year of its sentence, else of its table column's header, else the
document's own (a draft with a blank day: the year on its date line).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from re import _parser

from pipeline import rules
from pipeline.extract.registry import extractor
from pipeline.parse.document import Doc
from pipeline.text.days import iso_day, until_now
from pipeline.text.fold import lowered
from pipeline.text.matching import (case_blind, matches_at, opening_words, presence, required_literal, trie_pattern,
                                    word_starts)
from pipeline.text.spans import Taken, column_header, last_break, last_stop, next_break, unwrapped

_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR_IN_SENTENCE = re.compile(r"(?<![\d/.-])((?:19|20)\d{2})(?![\d/])")
_SENTENCE_END = re.compile(r"[.;\n]")
_WITHIN = re.compile(r"trong\s*$", re.I)        # `trong` right before a date (`trong tháng 12`, `trong năm 2026`)
# `[.;](?=\s)|\n` written to open with one class (`re` skips to its characters in C): the same one-character matches
_CLAUSE_END = re.compile(r"[.;\n](?:(?<=[.;])(?=\s)|(?<=\n))")
_DAY_KINDS = ("day", "day_bare", "day_partial_bare", "day_list")
_PERIOD_KINDS = ("vision", "quarter_pair", "month_numeric_range", "range_days", "range_days_bare", "range_days_short", "range_months", "month_pair", "range_year_day", "range_years", "period",
                 "paren_years", "months_of_year")
# kinds whose year may be left out and is then taken from the text around them
_PARTIAL_KINDS = _DAY_KINDS + ("month_bare", "month_label", "quarter_pair", "quarter", "half", "months_of_year", "range_days", "range_days_bare",
                                  "range_months")


@lru_cache(maxsize=None)
def _cfg() -> dict:
    """The rules of `dates.yaml`, compiled once per process."""
    cfg = rules.load("dates")
    pieces = cfg["pieces"]

    def expand(p: str) -> str:
        for name, piece in pieces.items():
            p = p.replace("{" + name + "}", piece)
        return p

    doc_types = "|".join(re.escape(n) for n in rules.doc_type_names())
    return {
        # run on the lower-cased text: a literal first word lets `re` skip ahead fast, and so does a first digit
        # (`digit_first`)
        "patterns": (patterns := {name: re.compile(digit_first(expand(p))) for name, p in cfg["patterns"].items()}),
        "digit_opened": frozenset(digit_seps := {name: seps for name, pat in patterns.items()
                                                 if (seps := _opening_seps(pat.pattern))}),
        "digit_seps": digit_seps,
        # the others that open with one of a few words not all opening with one character (`re` skips to that one)
        "word_opened": {name: words for name, pat in patterns.items() if name not in digit_seps
                        and (words := opening_words(pat.pattern)) and len({w[0] for w in words}) > 1},
        "left_guard": {name: re.compile(p) for name, p in cfg["left_guard"].items()},
        "left_need": {name: re.compile(p) for name, p in cfg["left_need"].items()},
        "generic_year_after": re.compile(cfg["generic_year_after"]),
        "generic_year_before": re.compile(cfg["generic_year_before"]),
        "partial_day_context": re.compile(cfg["partial_day_context"], re.M),
        "day_label_before": re.compile(cfg["day_label_before"]),
        "day_label_after": re.compile(cfg["day_label_after"]),
        "day_label_line": re.compile(cfg["day_label_line"]),
        "time_column": re.compile(cfg["time_column"]),
        "occasion_before": re.compile(cfg["occasion_before"]),
        "named_day_before": re.compile(cfg["named_day_before"]),
        "as_of_before": presence(cfg["as_of_before"], re.I),
        "as_of_after": case_blind(cfg["as_of_after"]),
        "deadline_column": case_blind(cfg["deadline_column"]),
        "title_after_ref": case_blind(cfg["title_after_ref"]),
        "document_number": re.compile(cfg["document_number"]),
        "title_end": re.compile(cfg["title_end"]),
        "program_title_before": re.compile(cfg["program_title_before"]),
        "time_prefix": re.compile(cfg["time_prefix"]),
        "school_year": case_blind(cfg["school_year"]),   # `re` skips to its `n`
        # the whole rule (what `_is_example` answers), its parts, and the longest word a placeholder follows
        "example_sentence": re.compile(rf"(?:{cfg['example_said']}|(?<!\w)(?:{cfg['example_heads']})\s+{cfg['example_letter']})"),
        "example_said": re.compile(cfg["example_said"]),
        "example_letter": re.compile(cfg["example_letter"]),     # (a placeholder: after a blank, `_is_example`)
        "example_head_before": re.compile(rf"(?<!\w)(?:{cfg['example_heads']})\Z"),
        "example_head_width": _parser.parse(cfg["example_heads"]).getwidth()[1],
        "received_stamp_before": presence(cfg["received_stamp_before"]),   # case matters: `ĐẾN` in capitals
        "recurrence": cfg["recurrence_values"],
        "deadline_before": presence(cfg["deadline_before"], re.I),
        "deadline_listed": case_blind(cfg["deadline_listed"]),
        "within_before": case_blind(cfg["deadline_within_before"]),
        "within_after": case_blind(cfg["deadline_within_after"]),
        "since_before": case_blind(cfg["since_before"]),
        "since_after": case_blind(cfg["since_after"]),
        # case matters here: `Luật Đất đai` is a title, `luật` in running text is not
        # searched for presence only (`presence`, as the other `…_before` windows of a date): the names as a trie
        "cited_before": presence(cfg["cited_before"].replace("{doc_types}", trie_pattern(rules.doc_type_names()))),
        "cited_title_before": presence(cfg["cited_title_before"]),
        "time_relation_before": case_blind(cfg["time_relation_before"]),
        "cited_after": re.compile(cfg["cited_after"].replace("{doc_types}", doc_types)),
        "recurrence_not_before": presence(cfg["recurrence_not_before"]),
        "recurrence_daily_not_before": presence(cfg["recurrence_daily_not_before"]),
        "date_only_cell": case_blind(cfg["date_only_cell"]),
        "place_date": presence(cfg["place_date"]),
        "place_date_word": required_literal(cfg["place_date"]),     # `ngày`: a cell without it is not searched
        # a cell where no `ngày` follows a comma holds no place-and-date line: not searched either
        "place_date_comma": re.compile(r",\s*ngày"),
        "anniversary_before": case_blind(cfg["anniversary_before"]),
    }


# How the patterns that open with a day's or a month's figure go on (`15/`, `15-`, `15.`, `6 tháng`, `20 – 22/10`): such
# a pattern can match only where `_DIGIT_STARTS` finds a start, so one scan of the text finds where to try
# them all (each scanning the whole text took 0.1 ms a document; there are six). One whose source opens with a
# few words (`opening_words`: `từ|các|ngày`) is tried where `str.find` finds one (each scan tried its branches at
# every `t`, `c`, `n`: half its time); any other is scanned for as before.
# each opening, and what stands after its figure and the spaces after it as `_DIGIT_STARTS` reads it there (`t`:
# `tháng`; one thing only: `\d?` takes a second digit when there is one and the spaces are all read): a pattern is
# tried only at the starts followed by one of its own (half the tries; each is a call from Python)
_DIGIT_OPENINGS = {r"(\d\d?)\s*/": "/", r"(\d\d?)(?:\s*[/-]\s*|\.)": "/-.", r"(\d\d?)\s+tháng": "t",
                   r"(\d\d?)\s*[-–]": "-–"}
_DIGIT_STARTS = re.compile(r"\d(?=\d?\s*([/.\-–])|\d?\s+tháng)")


def _opening_seps(pattern: str) -> str:
    source = re.sub(r"^\(\?P<\w+>", "(", pattern)
    return next((seps for opening, seps in _DIGIT_OPENINGS.items() if source.startswith(opening)), "")


def starts_for(by_sep: dict[str, list[int]], seps: str) -> list[int]:
    """The starts (in order) of `by_sep` (`_DIGIT_STARTS`' starts by what follows the figure) followed by one of `seps`."""
    lists = [by_sep[c] for c in seps if c in by_sep]
    return lists[0] if len(lists) == 1 else sorted(p for ps in lists for p in ps)


def digit_first(pattern: str) -> str:
    """The same pattern with every `\\d{1,2}` written `\\d\\d?` (the same strings, tried in the same order).
    Why: `re` skips to the next digit in C only when a pattern opens with a plain character set, not with a
    repeat of one, so `(?P<d>\\d{1,2})/…` was tried at every position of the text (a third of this stage)."""
    return pattern.replace(r"\d{1,2}", r"\d\d?")


def _is_example(text: str, a: int, b: int) -> bool:
    """Whether text[a:b] is a worked example's sentence: what `example_sentence.search(text, a, b)` answers.
    Why not that search: it tried a dozen words at every position of the clause (quadratic on a text with no
    sentence ends). A placeholder (`A` after a blank: the letter found first, `re` skipping to capitals, not tried at
    every blank) is found first, then a word of `example_heads` ending right where the blanks before it start."""
    cfg = _cfg()
    if cfg["example_said"].search(text, a, b):
        return True
    for m in cfg["example_letter"].finditer(text, a + 1, b):
        if not text[(q := m.start() - 1)].isspace():
            continue
        while q > a and text[q - 1].isspace():
            q -= 1
        if cfg["example_head_before"].search(text, max(a, q - cfg["example_head_width"]), q):
            return True
    return False


def parse_day(s: str) -> str | None:
    """`13/9/2021`, `13-9-2021`, `13.9.2021`, `13 tháng 9 năm 2021` → `2021-09-13`."""
    m = re.match(r"\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})", s) or \
        re.match(r"\s*(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", s)
    return iso_day(*m.groups()) if m else None


def _month(m, y) -> str | None:
    try:
        m, y = int(m), int(y)
    except (TypeError, ValueError):
        return None
    return f"{y:04d}-{m:02d}" if 1 <= m <= 12 and 1900 <= y <= 2100 else None


def _sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    s = last_break(text, start, (".", ";")) + 1
    m = _SENTENCE_END.search(text, end)
    return s, m.start() if m else len(text)


def _clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a span, ended only by a stop before a space or by a line end (`9.500 tỷ` goes on)."""
    m = _CLAUSE_END.search(text, end)
    return last_stop(text, max(0, start - 400), start) + 1, (m.start() if m else len(text))


def _year_near(text: str, start: int, end: int, default: int | None) -> int | None:
    """A partial date takes the year written in its sentence, else its table column's header
    (`Thời gian (Năm 2026)`), else the document's own year."""
    s, e = _sentence_span(text, start, end)
    years = _YEAR_IN_SENTENCE.findall(text[s:start] + " " + text[end:e])
    if not years:
        years = _YEAR_IN_SENTENCE.findall(column_header(text, start))
    return int(years[-1]) if years else default


def own_year(doc: Doc) -> int | None:
    """The year a date written without one falls in: the document's issue date, else (a draft with
    a blank day, `ngày   tháng 01 năm 2026`) the year on its place-and-date line, else its title's."""
    if doc.year:
        return doc.year
    head = doc.text[:1500]
    m = re.search(r",\s*ngày[\s.…_/\d]*tháng[\s.…_\d]*năm\s+((?:19|20)\d{2})", head) \
        or _YEAR_IN_SENTENCE.search(doc.metadata.get("title") or "")
    return int(m.group(1)) if m else None


def school_year(doc: Doc) -> tuple[int, int] | None:
    """The school year a school's plan is for (`năm học 2025 - 2026` in its title or opening)."""
    m = _cfg()["school_year"].search(doc.metadata.get("title") or "") \
        or _cfg()["school_year"].search(doc.text[:3000])
    return (int(m.group("y1")), int(m.group("y2"))) if m else None


def _label_months(m: re.Match, text: str, year: int | None, school: tuple[int, int] | None) -> str | None:
    """`Tháng 10`, `Tháng 11, 12`, `Tháng 3 - 4` opening a timetable's row: months of the year written
    near them, else of the school year (August on: its first year), else of the document."""
    g = m.groupdict()

    def month(mo: str) -> str | None:
        y = _year_of(mo, m, text, year, school)
        return _month(mo, y) if y else None
    a = month(g["m1"])
    if not g["m2"]:
        return a
    b = month(g["m2"])
    if not (a and b):
        return None
    if g["sep"] in (",", "và"):
        return f"{a} {b}"
    return f"{a}/{b}" if a < b else None


def _year_of(month: str | None, m: re.Match, text: str, year: int | None,
             school: tuple[int, int] | None) -> int | str | None:
    """The year of a day or month written without one: the year written near it, else in a school's plan
    the school year's (August on: its first year; `trước 30/6` of `năm học 2025 - 2026` is 2026), else the
    document's own."""
    near = _year_near(text, m.start(), m.end(), None)
    if near or not (school and month and month.isdigit()):
        return near or year
    return school[0] if int(month) >= 8 else school[1]


def _value(name: str, m: re.Match, text: str, year: int | None, school: tuple[int, int] | None = None) -> str | None:
    g = m.groupdict()
    if name == "month_label":
        return _label_months(m, text, year, school)
    if name in ("range_days", "range_days_bare", "range_days_short"):
        y2 = g["y2"] or _year_of(g["m2"], m, text, year, school)
        a, b = iso_day(g["d1"], g.get("m1") or g["m2"], g.get("y1") or y2), iso_day(g["d2"], g["m2"], y2)
        return f"{a}/{b}" if a and b and a < b else None
    if name in ("range_months", "month_pair"):
        y2 = g["y2"] or _year_of(g["m2"], m, text, year, school)
        a, b = _month(g["m1"], g.get("y1") or y2), _month(g["m2"], y2)
        return f"{a}/{b}" if a and b and a <= b else None
    if name == "range_year_day":
        b = iso_day(g["d2"], g["m2"], g["y2"])
        return f"{g['y1']}/{b}" if b and g["y1"] <= b[:4] else None
    if name == "months_of_year":
        y, n = g["y"] or _year_near(text, m.start(), m.end(), year), int(g["n"])
        if not y or not 1 <= n <= 11 or n == 6:
            return None
        a, b = (1, n) if g["which"] == "đầu" else (13 - n, 12)
        return f"{_month(a, y)}/{_month(b, y)}"
    if name == "month_bare":
        y = _year_of(g["m"], m, text, year, school)
        return _month(g["m"], y) if y else None
    if name in ("range_years", "period", "paren_years"):
        return f"{g['y1']}/{g['y2']}" if g["y1"] <= g["y2"] else None
    if name == "day_list":  # several days, one value each, joined by spaces until they are listed
        y = g["y"] or _year_near(text, m.start(), m.end(), year)
        days = [iso_day(d, g["m"], y) for d in re.findall(r"\d{1,2}", g["days"])] if y else []
        return " ".join(days) if days and all(days) else None
    if name == "month_list":  # several months of one year, one value each
        months = [_month(mo, g["y"]) for mo in re.findall(r"\d{1,2}", g["months"])]
        return " ".join(months) if all(months) else None
    if name in _DAY_KINDS:
        mo = g.get("m") or g.get("m_w")
        y = g.get("y") or g.get("y_w") or _year_of(mo, m, text, year, school)
        return iso_day(g["d"], mo, y) if y else None
    if name == "month":
        return _month(g["m"], g["y"])
    if name == "month_numeric_range":
        a, b = _month(g["m1"], g["y1"]), _month(g["m2"], g["y2"])
        return f"{a}/{b}" if a and b and a < b else None
    if name == "month_numeric":
        return _month(g["m"], g["y"])
    if name == "quarter_pair":
        y = g["y2"] or _year_near(text, m.start(), m.end(), year)
        a, b = _QUARTERS[g["q1"].upper()], _QUARTERS[g["q2"].upper()]
        joined = re.search(r"\svà\s", m.group(0)) is not None
        if not y or not a < b or joined and b != a + 1:
            return None   # `quý I và quý III`: two quarters, not the run between them
        return f"{int(y)}-Q{a}/{int(y)}-Q{b}"
    if name == "quarter":
        y = g["y"] or _year_near(text, m.start(), m.end(), year)
        return f"{int(y)}-Q{_QUARTERS[g['q'].upper()]}" if y else None
    if name == "half":
        y = g["y"] or g["y_only"] or _year_near(text, m.start(), m.end(), year)
        return f"{int(y)}-H{2 if (g['which'] or '').lower() == 'cuối' else 1}" if y else None
    if name in ("until_year", "year", "vision"):
        return g["y"]
    if name == "recurrence":
        word = re.sub(r"\s+", " ", g["word"].lower())
        if word.startswith("thường xuyên"):
            return "regular"
        unit = re.search(r"(?:hằng|hàng|mỗi|^một)\s+(năm|quý|tháng|tuần|ngày)", word)
        if not unit:
            return "periodic"
        units = [unit.group(1)] + re.findall(r"(?:,|và)\s*(năm|quý|qúy|tháng|tuần)", word[unit.end():])
        return " ".join(_cfg()["recurrence"].get(u.replace("qúy", "quý"), "periodic") for u in units)
    return None


def _kind(name: str, text: str, s: int, e: int) -> str:
    cfg = _cfg()
    if name == "recurrence":
        return "recurrence"
    if name in _PERIOD_KINDS:
        return "period"
    before, after = text[max(0, s - 80):s], text[e:e + 40]
    if cfg["since_before"].search(before) and cfg["since_after"].search(after):
        return "period"
    if cfg["as_of_before"].search(before) and cfg["as_of_after"].search(after):
        return "event"  # `tính đến ngày …`: where a figure stands, not a time limit
    if name == "until_year" or cfg["deadline_before"].search(before):
        return "deadline"
    if _WITHIN.search(before) and (cfg["within_before"].search(before)
                                                  or cfg["within_after"].search(after)):
        return "deadline"
    if name == "year" and _WITHIN.search(before):
        return "period"  # `trong năm 2026`: the whole year, not a moment in it
    return "event"


def _clause_start(text: str, s: int) -> bool:
    """Whether a day opens its clause (`Ngày 14/3/2025, …`; OCR may drop the capital: `gày 18/02/2025`)."""
    before = text[max(0, s - 12):s]
    return not text[max(0, s - 3):s].strip() or bool(re.search(r"(?:^|[.;:,\n])\s*(?:[Nn]?gày\s*)?$", before))


def _is_cited(name: str, text: str, s: int, e: int) -> bool:
    """A date that is a cited document's own date (its number or title just before it)."""
    if name not in _DAY_KINDS and name != "year":
        return False
    cfg = _cfg()
    before = text[max(0, s - 120):s]
    if cfg["cited_before"].search(before) or cfg["cited_title_before"].search(before) \
            and not cfg["time_relation_before"].search(before):
        return True
    return name in _DAY_KINDS and _clause_start(text, s) and bool(cfg["cited_after"].search(text[e:e + 140]))


def _partial_day_is_date(text: str, s: int, e: int, name: str) -> bool:
    """A bare `d/m` is a date after a word placing it in time, in parentheses, in a table column of
    times, as the label of a timetable's line (`- 17/11: Họp …`) or as the day of the occasion an activity
    is held on (`nhân Ngày Pháp luật Việt Nam 9/11`), unless it is the day of a named yearly observance
    merely named (`“Ngày …” (26/6)`)."""
    cfg = _cfg()
    if name == "day_partial_bare" and cfg["named_day_before"].search(text, max(0, s - 100), s):
        return False
    return bool(cfg["partial_day_context"].search(text, max(0, s - 20), s)) \
        or _timetable_line(text, s, e) \
        or name == "day_partial_bare" and bool(cfg["occasion_before"].search(text, max(0, s - 90), s)) \
        or bool(cfg["time_column"].search(column_header(text, s)))


def _timetable_line(text: str, s: int, e: int) -> bool:
    """A `d/m` and a colon opening a line (`- 17/11: Họp …`) next to another line opened so: a timetable
    written as lines. One such line alone may be a ratio's label (`- 3/4: số trường đạt chuẩn`)."""
    cfg = _cfg()
    if not (cfg["day_label_before"].search(text, max(0, s - 10), s) and cfg["day_label_after"].match(text, e)):
        return False
    start = text.rfind("\n", 0, s)
    before = text.rfind("\n", 0, max(0, start))
    after = text.find("\n", e)
    return bool(start > 0 and cfg["day_label_line"].match(text, before + 1)
                or after >= 0 and cfg["day_label_line"].match(text, after + 1))


def _in_cited_title(name: str, text: str, s: int, ref_ends: list[int], own_type: str | None) -> bool:
    """A period, year, month or recurrence inside a cited document's title: in the `về …` clause right
    after a reference, or after a named programme or strategy that is not this document."""
    if name in _DAY_KINDS:
        return False
    cfg = _cfg()
    numbers = [m.end() for m in cfg["document_number"].finditer(text, max(0, s - 300), s)]
    for b in ref_ends[bisect_left(ref_ends, s - 300):bisect_right(ref_ends, s)] + numbers:   # (the ends near, not every one)
        between = unwrapped(text, b, s) if b <= s and s - b <= 300 else None
        cue = cfg["title_after_ref"].search(between) if between is not None else None
        if cue and not _SENTENCE_END.search(between) and not cfg["title_end"].search(between[cue.end():]):
            return True
    if name in _PERIOD_KINDS + ("until_year",) and not re.match(r"(?:nhiệm kỳ|khóa|khoá)", text[s:s + 9], re.I):
        m = cfg["program_title_before"].search(text, max(0, s - 130), s)
        return bool(m) and m.group("type") != own_type
    return False


def _cell(text: str, s: int, e: int) -> str:
    """The table cell (or line) around a span; `|` looked for only inside the span's line (`last_break`)."""
    end = next_break(text, e, ("|",))
    return text[last_break(text, s, ("|",)) + 1:end if end >= 0 else len(text)]


@extractor("dates", needs=("sections", "metadata", "references"))
def find(doc: Doc) -> list[dict]:
    """Dates, deadlines, periods and recurrences, as ISO values (DATASET.md `dates`)."""
    cfg = _cfg()
    text, year, school = doc.text, own_year(doc), school_year(doc)
    low = lowered(text)
    refs = doc.found.get("references", [])
    ref_spans = [(r["start"], r["end"]) for r in refs]
    ref_dates = {r.get("date") for r in refs if r.get("date")}
    in_ref = Taken(ref_spans)
    ref_ends = sorted(b for _, b in ref_spans)
    out: list[dict] = []
    taken = Taken()
    by_sep: dict[str, list[int]] = {}
    seen: dict[str, list[int]] = {}       # where each pattern's opening words stand, found once per text
    for m in _DIGIT_STARTS.finditer(low) if cfg["digit_opened"] else ():
        by_sep.setdefault(m.group(1) or "t", []).append(m.start())
    for name, pat in cfg["patterns"].items():
        guard = cfg["left_guard"].get(name)
        seps, words = cfg["digit_seps"].get(name), cfg["word_opened"].get(name)
        for m in (matches_at(pat, low, starts_for(by_sep, seps)) if seps
                  else matches_at(pat, low, word_starts(low, words, seen)) if words else pat.finditer(low)):
            s, e = m.span()
            if guard and guard.search(low[max(0, s - 30):s]):
                continue
            need = cfg["left_need"].get(name)
            if need and not need.search(low[max(0, s - 40):s]):
                continue
            if name == "day":
                s = cfg["time_prefix"].search(low, max(0, s - 40), s).start()
            if taken.overlaps(s, e):
                continue
            value = _value(name, m, low, year, school)
            if not value:
                continue
            if (name in ("day_partial_bare", "month_numeric", "month_numeric_range")
                    or name in ("range_days_bare", "range_days_short") and not m.group("y2")) \
                    and not _partial_day_is_date(text, s, e, name):
                continue  # `1/3` alone may be a fraction
            if name in _PARTIAL_KINDS and not any(m.groupdict().get(k) for k in ("y", "y_w", "y_only", "y2")) \
                    and (cfg["generic_year_after"].search(low[e:e + 60])
                         or cfg["generic_year_before"].search(low, max(0, s - 45), s)):
                taken.add(s, e)
                continue  # `30/9 của năm đánh giá`: a day of any year, no calendar date
            taken.add(s, e)  # a rejected date still hides the pieces inside it
            cell = _cell(text, s, e)
            if name in _DAY_KINDS + ("month", "year") and (
                    cfg["date_only_cell"].match(cell) or cfg["place_date_word"] in cell and cfg["place_date_comma"].search(cell)
                    and cfg["place_date"].search(cell)) \
                    and not cfg["time_column"].search(column_header(text, s)):
                continue  # the place-and-date line of this or an attached document (not a timetable's cell)
            if name == "recurrence" and (cfg["recurrence_not_before"].search(text[max(0, s - 30):s]) or value == "daily"
                                         and cfg["recurrence_daily_not_before"].search(text[max(0, s - 30):s])):
                continue
            a, b = _clause_span(text, s, e)
            if _is_example(text, a, b):
                continue  # a worked example's date
            if cfg["received_stamp_before"].search(text[max(0, s - 60):s]):
                continue  # the day a scanned copy was received, stamped on it
            kind = "period" if name == "month_label" and "/" in value else _kind(name, text, s, e)
            if kind == "period" and "/" not in value and cfg["since_after"].search(text[e:e + 40]):
                value = until_now(value, doc.metadata.get("issued_date"))   # `từ năm 2001 đến nay`: to the issue
            if name in _DAY_KINDS and in_ref.overlaps(s, e):
                continue  # inside a citation: the cited document's date (periods in its title still count)
            if kind == "event" and _is_cited(name, text, s, e):
                continue
            if _in_cited_title(name, text, s, ref_ends, doc.metadata.get("doc_type")):
                continue
            if kind == "event" and cfg["deadline_column"].search(column_header(text, s)) \
                    and not re.search(r"(?:từ|bắt đầu)\s*\Z", text[max(0, s - 12):s], re.I):
                kind = "deadline"  # a date in the `Thời gian hoàn thành` column
            if kind == "event" and name in _DAY_KINDS and value in ref_dates:
                continue
            if kind == "event" and out and out[-1]["kind"] == "deadline" \
                    and cfg["deadline_listed"].fullmatch(text, out[-1]["end"], s):
                kind = "deadline"  # `trước ngày 15/6/2025 và 15/12/2025`: the second day shares the cue
            if kind == "period" and name in ("range_days", "range_days_bare", "paren_years") \
                    and cfg["anniversary_before"].search(text[max(0, s - 160):s]):
                for part in value.split("/"):
                    out.append({"value": part, "kind": "event", "text": text[s:e], "start": s, "end": e})
                continue
            for part in value.split(" "):
                out.append({"value": part, "kind": kind, "text": text[s:e], "start": s, "end": e})
    return out
