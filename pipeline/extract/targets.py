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

from pipeline.extract.registry import REGISTRY, extractor
from pipeline.extract.target_cues import (YEAR, config, doc_year, explains, heading_context, is_normative, is_plan,
                                          is_report, parse_number, sets_sums, stated_years, target_year)
from pipeline.extract.target_tables import table_targets
from pipeline.parse.document import Doc
from pipeline.text.fold import fold, lowered
from pipeline.text.matching import finds, word_led
from pipeline.text.spans import Taken, last_break, next_break

__all__ = ["find", "find_rules", "parse_number"]
_SCALE = {"nghìn": 1000, "ngàn": 1000, "triệu": 1_000_000}
_PER_TIME = re.compile(r"[ \t]*/[ \t]*(?:ngày|tuần|tháng|quý|năm|buổi|học kỳ|ca|kỳ)(?!\w)")
_LABEL_AT = re.compile(r"\d+(?:\.\d+)*\s*[.)]\s")      # a section's number (`3. `), asked of every figure
_NONE_LEFT = re.compile(word_led(r"\bkhông còn\s"), re.I)     # `\bkhông còn\s`, skipping to a `k` in C
_DONE = re.compile(r"\bđã\b")


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The stretch between the nearest `;`, line break or sentence end on each side."""
    s = last_break(text, start, (";", ". ")) + 1
    e = next_break(text, end, (";", ". "))
    e = e if e >= 0 else len(text)
    if text[e - 1:e] == "." and e == len(text):
        e -= 1
    return s, e


# the figure's match opening on the verb that carries it (`đạt từ 15% trở lên`): the subject is all before it
_OWN_VERB = re.compile(r"\s*(?:đạt|tăng|giảm|chiếm|duy trì)\b", re.I)
# a figure listed before this one in the clause, with its comma (`thanh toán trực tuyến trên 60%, `)
_FIGURE_LISTED = re.compile(r"\d(?:[\d.,]*\d)?\s*%?\s*,\s+(?:trong đó(?:\s+có)?\s+)?")
# a rate named inside a longer clause (`… bảo đảm tỷ lệ cán bộ nữ`): the subject starts at it
_RATE = re.compile(r"(?i)(?<!\w)(?:tỷ lệ|tỉ lệ|tốc độ)(?!\w)")
# an age that narrows whom a rate counts (`Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng`) is part of the subject, no figure
_AGE = re.compile(r"\d+\s*tuổi\b")


def _subject(text: str, start: int, number_start: int, clause_start: int, clause_end: int) -> str | None:
    """The noun phrase the number counts: after it, else before the verb that carries it."""
    cfg = config()
    after = text[start:clause_end]
    # `1,2%/năm`, `3,5 tỷ đồng/hợp tác xã`: a figure per a base names what it measures before it; the base, however
    # many words, is no subject
    after = "" if cfg["rate_after"].match(after) else after
    if "%" in text[number_start:start] and _RATE.search(text, clause_start, number_start):
        after = ""    # `Tỷ lệ bao phủ bảo hiểm y tế đạt 95% dân số`: the rate named before the percentage is what it measures
    after = re.sub(r"^\s*(?:trở lên|trở xuống)\b", "", after)   # `90% trở lên đảng viên …`
    if re.match(r"\s*,", after):
        after = ""   # `đạt 15.000 tỷ đồng, tăng 10% …`: nothing after the figure names it
    after = re.sub(r"^\s*\([\d\s/.,]+\)", "", after)   # `100% (15/15) xã`: the fraction restates the figure
    m = cfg["stop"].search(after)
    subj = (after[:m.start()] if m else after).strip(" ,.-–")
    if len(subj.split()) < 2:
        before = text[clause_start:number_start]
        listed = list(_FIGURE_LISTED.finditer(before))
        # `… trên 60%, tỷ lệ hồ sơ trực tuyến trên 80%`: named after the figure listed before it, if it is named there
        found = _named_before(cfg, text, before[listed[-1].end():], number_start, clause_start, subj) if listed else None
        subj = found if len((found or "").split()) >= 2 else _named_before(cfg, text, before, number_start, clause_start, subj)
    if len((subj or "").split()) < 2:
        m = cfg["measure_before"].search(text, clause_start, number_start)
        if m:   # `tổng diện tích 150 ha`: the measure named before the figure
            subj = re.sub(r"\s*(?:là|khoảng|đạt|trên|dưới|:)\s*$", "", m.group(0)).strip(" ,.-–") or subj
    if len((subj or "").split()) < 2 and re.search(r":\s*\Z", text[clause_start:number_start]):
        label = cfg["lead"].sub("", text[clause_start:number_start].strip()[:-1].strip())
        subj = label if len(label.split()) >= 2 else subj   # `Tỷ lệ hồ sơ đúng hạn: 100%`: the label
    return subj or None


def _named_before(cfg: dict, text: str, before: str, number_start: int, clause_start: int, subj: str) -> str:
    """The subject named before the figure: before the verb that carries it, or the clause's words when no verb
    does (`_subject`); `subj` when none is named there."""
    v = cfg["verb_before"].search(before) or _OWN_VERB.match(text, number_start) and re.search(r"\s*\Z", before)
    bare = cfg["lead"].sub("", before.strip() + " ")   # after the item's label (`a)`, `(1)`) and its lead words
    if not v and not subj and not re.search(r"[\d|:,;()\"“”]", _AGE.sub("tuổi", bare)) \
            and 2 <= len(bare.split()) <= 16 \
            and not cfg["measure_before"].search(text, clause_start, number_start):
        v = re.search(r"\s*\Z", before)   # `Tỷ lệ thất nghiệp không quá 3%`, `- Thanh toán trực tuyến ≥ 90%`: what
        # the clause names, with no verb, before a figure that ends it
    if not v:
        return subj
    cand = before[:v.start()]
    cand = re.split(r":|\(\d+\)|,\s*trong đó(?:\s+có)?\s", cand)[-1]   # after a label's colon, a goal's
    # number `(1)` or `, trong đó` (`đạt 75%, trong đó có chứng chỉ đạt 35%`: the part is the subject)
    first = cfg["verb_in_subject"].search(cand)
    if first and cfg["figure"].search(cand[first.start():]):
        cand = cand[:first.start()]   # `Quy mô … tăng trưởng 20%/năm, đạt 60 tỷ USD`: what grows and reaches
    cand = YEAR.sub(" ", cand)
    rate = [r.start() for r in _RATE.finditer(cand)]
    if rate and rate[-1] > 0 and not re.search(r"\d", cand[rate[-1]:]):
        cand = cand[rate[-1]:]   # `Đảng ủy … chuẩn bị nhân sự bảo đảm tỷ lệ cán bộ nữ đạt 15%`: the rate it names
    cand = cfg["lead"].sub("", cand.strip(" ,.-–") + " ")
    cand = re.sub(r"\s+", " ", cand).strip(" ,.-–")
    if len(cand.split()) >= 2:
        return cand
    if not cand:
        return _previous_subject(cfg, text, clause_start) or subj   # `… đạt khoảng 7%/năm; phấn đấu đạt 8%`: the
        # same measure as before
    return subj


def _previous_subject(cfg: dict, text: str, clause_start: int) -> str | None:
    """The measure named before the verb of the clause before (`Tốc độ tăng trưởng đạt 7%; phấn đấu 8%`)."""
    if text[clause_start - 1:clause_start] != ";":
        return None
    prev_start = last_break(text, clause_start - 1, (";", ". ")) + 1
    prev = text[prev_start:clause_start - 1]
    v = cfg["verb_before"].search(prev[:re.search(r"\d|$", prev).start()])
    if not v:
        return None
    cand = cfg["lead"].sub("", YEAR.sub(" ", prev[:v.start()]).strip(" ,.-–") + " ")
    cand = re.sub(r"\s+", " ", cand).strip(" ,.-–")
    return cand if len(cand.split()) >= 2 else None


def _strong_at(cfg: dict, text: str) -> int:
    """Offset of the last goal cue in `text` that is not reported as done (`đã hoàn thành`), or -1."""
    return _strong_in(cfg["strong"], text)


@lru_cache(maxsize=4096)
def _strong_in(strong: re.Pattern, text: str) -> int:
    """`_strong_at`, kept per text: a figure's clause is often its sentence's lead too, and every figure
    under the same headings asks of the same heading context (842 figures of one report asked 1,261 times)."""
    at = -1
    for m in strong.finditer(text):
        if not re.search(r"(?:đã|chưa|không)\s+(?:được\s+)?\Z", text[max(0, m.start() - 12):m.start()]):
            at = m.start()
    return at


@lru_cache(maxsize=4096)
def _found(pattern: re.Pattern, text: str) -> bool:
    """Whether the pattern occurs in the text, kept per text for what is asked of a heading context (the
    same for every figure under the same headings)."""
    return pattern.search(text) is not None


def _is_goal(doc: Doc, text: str, s: int, e: int, cs: int, ce: int, has_cmp: bool, money: bool = False) -> bool:
    """Does the text around the number set a goal rather than report a result or grade on a scale?"""
    cfg = config()
    before, after = text[cs:s], text[e:ce]
    if cfg["not_goal_before"].search(before) and not (
            has_cmp and cfg["floor_ceiling"].search(text[s:e]) and cfg["required_after_condition"].search(before)):
        return False    # a condition, a scale, a count of what is included (unless the condition's consequence is a standard)
    if cfg["band_after"].search(text[e:e + 12]) or (cfg["band_before"].search(text[max(0, s - 12):s])
                                                   and not _goal_range(cfg, text, s, e, ce)) \
            or cfg["score_after"].search(text[e:ce + 12]):
        return False
    sent_start = last_break(text, s, (". ",)) + 1
    lead = text[sent_start:s]
    paren = lead.rfind("(")
    if paren > lead.rfind(")") and cfg["goal_before_bracket"].search(lead[:paren]):
        return True   # `đạt 123% so với Nghị quyết đã đề ra (110 hội viên)`: the goal restated in brackets
    if money and sets_sums(doc) and "|" not in lead and cfg["money_goal"].search(lead) \
            and not cfg["money_past"].search(lead) and not _earlier_year(doc, text[cs:ce]) \
            and not _found(cfg["past_heading"], heading_context(doc, s)):
        return True   # `Giao dự toán …, tổng số: 3.450 triệu đồng`: a sum the decision sets, whatever the label
    strong = _strong_at(cfg, lead)
    if has_cmp and cfg["floor_ceiling"].search(text[s:e]) and not cfg["past_before"].search(lead[-16:]):
        strong = len(lead)   # `… đạt tối thiểu 90%`: a floor or a ceiling on the figure is itself a goal cue
    past = finds(cfg["past_finds"], before)     # (start, end, text) of each `past_before` match
    if past and cs + past[-1][1] > sent_start + strong and not (
            all(cfg["share_before"].fullmatch(m[2]) for m in past) and _under_goal(doc, s)):
        return False  # `đã …`, `hiện đạt` after the last goal cue: a result (a share only outside a goal heading)
    paren = lead.rfind("(")
    if paren > lead.rfind(")"):  # inside brackets: only a restated goal (`chỉ tiêu đề ra là 98%`) counts
        return _strong_at(cfg, lead[paren:]) >= 0
    if has_cmp and cfg["floor_ceiling"].search(text[s:e]):
        return True   # `Số đơn vị kiểm tra: tối thiểu 20%`: a floor or a ceiling is set, whatever the label
    label = _label(lead.rstrip()[:-1]) if re.search(r":\s*\Z", lead) else None
    if label is not None and not cfg["time_label"].fullmatch(label.strip(" -+*•\t")):
        # `Ban Chấp hành: 25 người`, `Kết quả kiểm tra: 100%` list what is; a time (`Năm 2027: 80% …`) is no label
        if money and sets_sums(doc) and cfg["money_goal"].search(label):
            return True   # `Giá gói thầu: 735.000.000 đồng`, `Tổng mức đầu tư: …`: the sum the document sets
        if cfg["colon_label_measure"].match(label) and not _found(cfg["past_heading"], heading_context(doc, s)) \
                and (_strong_at(cfg, heading_context(doc, s)) >= 0 or _found(cfg["goal_heading"], heading_context(doc, s))):
            return True   # under `Chỉ tiêu cụ thể`: `- Tỷ lệ hồ sơ giải quyết đúng hạn: 100%`
        if is_plan(doc) and not is_report(doc) and cfg["action"].match(label.strip(" -+*•\t")):
            return True   # a plan's activity and its count (`2. Thanh tra chuyên ngành: 08 cuộc`, `- Tập huấn: 03 lớp`)
        return bool(cfg["colon_label_goal"].search(label))
    if strong >= 0 and _strong_at(cfg, before) < 0 and _past_context(cfg, heading_context(doc, s)):
        return False  # under `Đánh giá kết quả nhiệm kỳ`: `…, đạt 107% chỉ tiêu; có 15 tập thể …` reports
    years = stated_years(text[cs:ce]) or stated_years(text[sent_start:cs])   # the clause's, else its sentence's
    said = stated_years(text[sent_start:s])   # the years said before the figure, not a cited title's after it
    if strong >= 0 and doc_year(doc) and said and max(said) < doc_year(doc) and not any(
            not re.search(r"\d\s*\Z", lead[:g.start()]) for g in cfg["explicit_goal"].finditer(lead)):
        return False   # `Năm 2025, tỉnh hoàn thành 16/18 chỉ tiêu, trong đó … đạt 36%`: a past year's results (a goal
        # word that sets the figure, not one counted, keeps a past year's goal: `Năm 2025, chỉ tiêu là 95%`)
    if strong >= 0:
        return True
    if doc_year(doc) and years and min(years) > doc_year(doc) and (cfg["weak"].search(text[cs:ce]) or _action_at(cfg, lead)
                                                                   or (is_plan(doc) and not is_report(doc))):
        return True   # `đến năm 2030, đạt 50% …`: a figure for a later year is a goal, in a report's results too; in a
        # plan whatever the verb (`Đến năm 2030, có 5 khu công nghiệp đi vào hoạt động`)
    if strong < 0 and doc_year(doc) and years and max(years) < doc_year(doc):
        return False  # `Năm 2025, tỷ lệ đô thị hóa đạt 38%` in a later document: a result, even under `Nhiệm vụ`
        # (`Giai đoạn 2021 - 2025, …; tỷ lệ che phủ rừng đạt 60%`: the sentence's period holds for each clause)
    context = heading_context(doc, s)
    if _past_context(cfg, context):
        return False   # under `Kết quả`, `Đánh giá kết quả nhiệm kỳ`: who was awarded is a result too
    if cfg["goal_after"].search(after):
        return True
    if _strong_at(cfg, context) >= 0 or (_found(cfg["goal_heading"], context) and not _earlier_year(doc, context)):
        return True   # under `Mục tiêu`, `Chỉ tiêu`, or a report's `Phương hướng, nhiệm vụ` for what comes next
    if cfg["past_after"].search(after):
        return False
    if money and sets_sums(doc) and cfg["money_goal"].search(lead) and "|" not in lead \
            and not _earlier_year(doc, text[cs:ce]):
        return True   # `phê duyệt dự toán … với tổng kinh phí 1.250.000.000 đồng`: a sum the document sets
    if is_report(doc):
        return False
    if cfg["bullet_lead"].fullmatch(lead):
        return True  # a plan's bullet that opens with the figure (`- 100% hồ sơ được số hóa`, `- Năm 2027: 80% …`)
    if doc_year(doc) and years and max(years) < doc_year(doc):
        return False  # a figure of an earlier year is a result
    # a plan's own action on what it counts (`thành lập mới 03 cụm công nghiệp`, `thu hút 40 dự án`)
    return bool(has_cmp or cfg["weak"].search(text[cs:ce])
                or (is_plan(doc) and _action_at(cfg, lead)))


_BRACKETED = re.compile(r"\([^()\n]*\)")
_LABEL_SEPARATOR = re.compile(r"[,;:.](?=[^,;:.]*\Z)")


def _label(lead: str) -> str:
    """The label a colon closes: the lead after its last `,;:.`, those inside brackets being part of the label
    (`- Tuyên truyền (in ấn, tờ gấp): 1.000.000đ` is labelled `Tuyên truyền (in ấn, tờ gấp)`)."""
    masked = _BRACKETED.sub(lambda m: "(" + " " * (len(m.group()) - 2) + ")", lead)
    m = _LABEL_SEPARATOR.search(masked)
    return lead[m.end():] if m else lead


def _past_context(cfg: dict, context: str) -> bool:
    """Do the headings (or the lead-in line) over a figure report results (`Kết quả năm 2025`, `… đã …`)?"""
    return _found(cfg["past_heading"], context) or _found(_DONE, context)


def _under_goal(doc: Doc, s: int) -> bool:
    """Do the headings over `s` (or its lead-in line) set goals rather than report results?"""
    cfg, context = config(), heading_context(doc, s)
    return not _past_context(cfg, context) and \
        (_strong_at(cfg, context) >= 0 or _found(cfg["goal_heading"], context))


def _earlier_year(doc: Doc, clause: str) -> bool:
    """Does the clause speak of a year before the document's (`năm 2023 là 10.000 tỷ đồng`)?"""
    years = stated_years(clause)
    return bool(doc_year(doc) and years and max(years) < doc_year(doc))


def _range_start(cfg: dict, text: str, s: int, e: int, ce: int) -> int:
    """Where the figure's range starts (`tăng bình quân 10 - 10,5%/năm`), so its subject is sought before it."""
    rng = _goal_range(cfg, text, s, e, ce)
    return rng.start("low") if rng else s


def _goal_range(cfg: dict, text: str, s: int, e: int, ce: int) -> re.Match | None:
    """`kết nạp 10 – 15 hội viên`: a range set as a goal (no `dưới`, no score after it), not a band of a
    grading scale (`Từ 80% - dưới 90%: 0,5 điểm`)."""
    m = cfg["range_before"].search(text, max(0, s - 40), s)
    if not m or cfg["score_after"].search(text[e:ce + 12]):
        return None
    return m


def _open_count(cfg: dict, text: str, low: str, s: int, noun: int, taken: list[tuple[int, int]]) -> bool:
    """A count of a noun outside the vocabulary (`open_count_not` aside) is a plan's only where the plan acts on
    it: a lower-case noun right after one of its actions (`mua sắm 10 máy in`) or after `và` / a comma that
    follows a count it already took in the same line (`… 15 phòng học và 02 nhà đa năng`)."""
    if not text[noun].islower():
        return False              # `05 Sở`, `3 Phòng`: a name follows, not a thing counted
    line = low.rfind("\n", 0, s) + 1
    lead = low[line:s]
    if "|" in lead:
        return False              # table rows are the table reader's
    if cfg["open_count_lead"].search(lead):
        return True
    joined = re.search(r"(?<!\d)(?:,|\svà)\s*\Z", lead)   # not a list of numbers (`khối 10, 11 tham gia`)
    return bool(joined) and _ends_in_count(low, line, line + joined.start(), taken)


def _ends_in_count(low: str, line: int, at: int, taken: list[tuple[int, int]]) -> bool:
    """Whether the words just before `at` close a count taken earlier on the line (`15 phòng học mới` before `và`)."""
    return any(line <= a and b <= at and not re.search(r"[,;:.()]", low[b:at]) and len(low[b:at].split()) <= 4
               for a, b in taken)


def _action_at(cfg: dict, lead: str) -> bool:
    """A plan's action verb before the figure, in running text (`thành lập mới 03 …`), not inside a
    capitalized name (`Sở Xây dựng | 87,50`) nor in a table row, which the table reader handles."""
    if "|" in lead:
        return False
    return any(m.group(0)[0].islower() or not lead[:m.start()].strip(" -+•*\t")
               for m in cfg["action"].finditer(lead))


# the low end of a range written without spaces (`tăng 8-9%/năm`, `đạt 2,5-3%`): the figure after the dash is its high end,
# not the tail of a code (`QĐ-9`, `1/2-3` have a letter or a slash before the first number)
_TIGHT_RANGE = re.compile(r"(?<![\w/.,-])\d{1,3}(?:,\d+)?[-–]\Z")


@extractor("targets", needs=("sections", "metadata", "references", "dates"))
def find(doc: Doc) -> list[dict]:
    """Numeric targets (value, unit, comparator, subject, year), outside references and dates."""
    cfg = config()
    text = doc.text
    low = lowered(text)        # keep offsets: lower only the letters that stay one character
    blocked = [(x["start"], x["end"]) for k in ("references", "dates") for x in doc.found.get(k, [])]
    out: list[dict] = table_targets(doc, blocked)
    taken: list[tuple[int, int]] = [(t["start"], t["end"]) for t in out]
    kept = Taken(blocked + taken)     # the same spans, asked for an overlap in logarithmic time
    restated: set[tuple] = set()
    normative = is_normative(doc)
    plan = is_plan(doc) and not is_report(doc)
    for kind in ("measure", "count", "open_count"):
        if kind == "open_count" and not plan:
            break
        for m in cfg["scan"][kind].finditer(low):
            ns, e = m.span()
            if cfg["left_guard"].search(low, max(0, ns - 1), ns) \
                    and not (kind in ("measure", "count") and _TIGHT_RANGE.search(low, max(0, ns - 10), ns)):
                continue
            c = cfg["cmp_before"].search(low, max(0, ns - 25), ns)
            cmp_word = c.group("cmp") if c else ""
            s = c.start() if c else ns
            if kept.overlaps(s, e):
                continue
            if kind == "open_count":
                if not _open_count(cfg, text, low, s, m.start("noun"), taken):
                    continue
                match_kind = "count"
            else:
                match_kind = kind
            line_start = text.rfind("\n", 0, ns) + 1
            if _LABEL_AT.match(text, ns, ns + 8) and not text[line_start:ns].strip():
                continue  # a section label such as `3. ` at the start of a line
            bracket_floor = None
            if text[max(0, ns - 1):ns] == "(" and not cmp_word:
                bracket_floor = cfg["goal_before_bracket"].search(text, max(0, ns - 40), ns - 1)
                if not bracket_floor:
                    continue  # a bracketed figure explains, it does not set a goal (`tối thiểu (10%)` does)
            if match_kind == "count" and (re.match(r"\s*\(", text[e:e + 3])
                                    or (not cmp_word and cfg["count_not_after"].search(text[max(0, s - 25):s]))):
                continue  # `của 3 tỉnh (Lâm Đồng, …)` names a known set, it does not set a goal
            if match_kind == "count" and not cmp_word and _PER_TIME.match(text, e):
                continue  # `học 2 buổi/ngày`: how often, part of what is measured; `ít nhất 01 lần/năm` is a floor
            value = parse_number(m.group("num"))
            if value is None or (value == 1 and cfg["per_one"].match(cmp_word)):
                continue   # `trên 01 ha đất trồng trọt đạt 150 triệu đồng`: per hectare, a base, not a floor
            if kind == "count" and m.group("scale"):   # `2,5 triệu lượt khách`
                value = parse_number(str(round(value * _SCALE[m.group("scale")])))
            cs, ce = _clause(text, s, e)
            if match_kind == "count" and m.group("noun") in cfg["staff_nouns"] and not cfg["floor_ceiling"].match(cmp_word):
                r = _range_start(cfg, text, s, e, ce)
                if cfg["composition_before"].search(text[max(0, r - 12):r]) and _strong_at(cfg, text[cs:r]) < 0:
                    continue  # `thành lập Ban … có từ 3 đến 4 cán bộ`: the make-up of a body, not a goal
            if explains(doc, ns, e):
                continue   # a worked example or a calculation shows how a rule applies
            if normative and not cfg["explicit_goal"].search(text[cs:s] + " " + heading_context(doc, s)):
                continue   # a rate, a fine or a condition of a rule of law, not a goal
            if match_kind == "count" and m.group("noun") in cfg["planned_nouns"] and \
                    not cfg["floor_ceiling"].match(cmp_word) and not bracket_floor and \
                    not is_plan(doc) and \
                    not cfg["explicit_goal"].search(text[cs:s] + " " + heading_context(doc, s)):
                continue   # `đẩy nhanh tiến độ 02 dự án` in a letter: projects already known
            money = match_kind == "measure" and next(u["unit"] for i, u in enumerate(cfg["units"]) if m.group(f"u{i}")) == "VND"
            if not _is_goal(doc, text, s, e, cs, ce, bool(cmp_word), money):
                continue
            factor = 1
            if match_kind == "measure":
                i = next(i for i in range(len(cfg["units"])) if m.group(f"u{i}"))
                if text[m.start(f"u{i}")] == "Đ" or (m.group(f"u{i}") == "đ" and (value or 0) < 1000):
                    continue  # `9 Đồng Nai` is a province in a table, not nine đồng; `3 đ` no sum
                unit = cfg["units"][i]["unit"]
                factor = cfg["units"][i].get("factor", 1)
                if factor != 1:
                    value = parse_number(str(round(value * factor)))
                subject = _subject(text, e, _range_start(cfg, text, s, e, ce), cs, ce)
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
            rate = cfg["rate_after"].match(text[e:e + 40])   # `8%/năm trở lên`: the floor follows the rate
            tail = text[e + (rate.end() if rate else 0):][:12]
            if cfg["at_least"].match(tail):
                comparator = ">="
            elif cfg["at_most"].match(tail):
                comparator = "<="
            elif cmp_word in ("từ", "đạt từ"):
                # `từ 5 đến 10` is a range; only `từ … trở lên` is a floor, the thing counted maybe between
                # (`kết nạp từ 50 đảng viên mới trở lên`, `có từ 75% tổ chức cơ sở đảng trở lên`)
                comparator = ">=" if _FLOOR_AFTER.match(text, e, ce) else "="
            taken.append((s, e))
            kept.add(s, e)
            year = target_year(doc, text, cs, ce, s)
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
    out += _none_allowed(doc, blocked + taken)
    return _once(out)


_FLOOR_AFTER = re.compile(r"[^,;.:\n\d]{0,60}?(?<!\w)trở lên(?!\w)")


def _none_allowed(doc: Doc, taken: list[tuple[int, int]]) -> list[dict]:
    """`- Không có thủ tục hành chính ban hành trái quy định` under a plan's `Mục tiêu`, or each `không còn …`
    after a goal word (`mục tiêu không còn phòng học tạm, không còn …`): a goal of zero. Only a line that
    opens with the words under a goal heading, or a list after the goal word, outside reports (where
    `Không có …` lists what is missing)."""
    cfg, text = config(), doc.text
    if is_report(doc):
        return []
    lists = [[(m.start("cue"), m.end("cue"))] for m in cfg["none_allowed"].finditer(text)
             if _under_goal(doc, m.start("cue"))]
    # every match ends on `không còn` (rules/targets.yaml `none_left`): a text without it is not scanned
    for m in cfg["none_left"].finditer(text) if _NONE_LEFT.search(text) else ():   # `mục tiêu không còn A, …`
        end = next_break(text, m.end(), (". ", ";"))
        lists.append([k.span() for k in _NONE_LEFT.finditer(text, m.start(), end if end >= 0 else len(text))])
    out, seen = [], set()
    for cues in sorted(lists):
        found = []
        for s, e in cues:
            rest = text[e:text.find("\n", e) if "\n" in text[e:] else len(text)]
            stop = cfg["stop"].search(rest)
            subject = (rest[:stop.start()] if stop else rest).split(",")[0].strip(" .-–")
            if len(subject.split()) >= 2 and not any(a < e and s < b for a, b in taken):
                found.append({"value": 0, "unit": "count", "comparator": "=", "subject": subject,
                              "year": target_year(doc, text, s, e, s), "text": text[s:e], "start": s, "end": e})
        subjects = {t["subject"].lower() for t in found}
        if subjects & seen:
            continue   # the goal restated later (`để thực hiện mục tiêu không còn …` again) counts once
        seen |= subjects
        out += found
    return out


def _once(items: list[dict]) -> list[dict]:
    """Each goal once: a summary or an appendix table that restates a goal of the text (same value, unit
    and subject), or a total restating a sum already set, adds nothing; the scorer pairs gold and
    predicted targets one to one."""
    seen: set[tuple] = set()
    out = []
    for t in sorted(items, key=lambda t: t["start"]):
        if t["unit"] == "VND" and not t["value"]:
            continue   # a sum of nothing (`Lập dự toán | 0`) sets nothing
        # subjects told apart by their words, not their tone marks (`Chuyển đổi số`, OCR's `Chuyên đổi số`)
        key = (t["value"], t["unit"], " ".join(fold(t["subject"] or "").split()))
        total = t["unit"] == "VND" and re.match(r"(?i)\s*(?:tổng|cộng)\b", t["subject"] or "")
        if (t["subject"] and key in seen) or (total and (t["value"], t["unit"]) in seen):
            continue   # … and a total restating a sum already set (`Tổng giá trị các phần công việc`) adds nothing
        seen.update({key, (t["value"], t["unit"])} if t["unit"] == "VND" else {key})
        out.append(t)
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
