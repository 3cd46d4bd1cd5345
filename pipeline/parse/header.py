"""The header block: number, type, title, issuer, place and date of one document."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline import rules
from pipeline.parse import header_ocr
from pipeline.parse.common import layout_rules, matches_any, is_upper
from pipeline.parse.header_styles import (author_again, body_headed, gazette, is_author_line, issued_by,
                                          issuer_of_author, own_number, signed_by_body)
from pipeline.parse.issuer import compose_issuer
from pipeline.text.days import iso_day
from pipeline.text.identifiers import normalize_identifier, type_from_identifier
from pipeline.text.names import canonical, case_title
from pipeline.text.spans import Line


# A title line ending on a word that needs what follows (`… NGÀY 15 THÁNG 8 NĂM 2024 CỦA`): the next line goes on
# with the title even when it opens with an author's name (`THỦ TƯỚNG CHÍNH PHỦ VỀ VIỆC …`).
_DANGLING = re.compile(r"(?i)\s(?:của|về|và|cho|với|tại|trong|đối với|theo|giữa|đến)\s*$")


def _author_over_preamble(lines: list[Line], type_i: int, body_re: list[str]) -> str | None:
    """A copy that lost the header's left column (a web page's text opening on the motto) still names its author
    above the preamble: `CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH YÊN BÁI` under a decision's title is the issuer's head and
    the body he heads (`header_styles.issuer_of_author`)."""
    for ln in lines[type_i + 1:type_i + 8]:
        t = ln.text.strip(" .:")
        if matches_any(body_re, t):
            return None
        if is_upper(t) and body_headed(t):
            return issuer_of_author(t)
    return None


def _type_line(text: str, caps_rest: bool = False) -> tuple[str, str] | None:
    """A line printed as the type word (`KẾ HOẠCH`, `QUYẾT ĐỊNH`, `Biên bản`), maybe followed by the title.

    With `caps_rest` (the line stands where the type word stands, under the number and the motto),
    a type word followed by more capitals is the type and the start of its title (`BIÊN BẢN HỌP …`,
    `BÁO CÁO KIỂM ĐIỂM`)."""
    folded = text.casefold()
    names_folded, ups = _type_name_keys()
    if folded not in names_folded and not text.startswith(ups):
        return None     # no name's test below can pass: neither equal to one nor opening with one in capitals
    for name, name_folded, up in _type_names():
        if folded == name_folded:
            return name, ""
        if text == up or text.startswith(up + " ") and not text.startswith(up + " SỐ"):
            rest = text[len(up):].strip()
            if rest and is_upper(rest) and len(rest) < 40 and not rest.startswith(("VỀ", "V/V", "(")) \
                    and not caps_rest:
                continue  # an all-caps line that merely begins with a type word
            return name, rest
    return None


@lru_cache(maxsize=None)
def _type_names() -> tuple[tuple[str, str, str], ...]:
    """Each type name with its case-folded and upper-case forms, made once (`_type_line` reads every line
    of a header against all of them)."""
    return tuple((name, name.casefold(), name.upper()) for name in rules.doc_type_names())


@lru_cache(maxsize=None)
def _type_name_keys() -> tuple[frozenset[str], tuple[str, ...]]:
    """The case-folded names and the upper-case ones as one set and one tuple: most lines are no type line,
    told by one look-up and one `startswith` instead of a test per name."""
    names = _type_names()
    return frozenset(f for _, f, _ in names), tuple(up for _, _, up in names)


def type_line(text: str, caps_rest: bool = False) -> tuple[str, str] | None:
    """A line printed as the type word, maybe followed by the title: (type, rest) or None; with
    `caps_rest`, capitals after the type word are the start of its title (`QUY CHẾ HOẠT ĐỘNG`)."""
    return _type_line(text, caps_rest=caps_rest)


def _caps_lost(t: str, continuing: bool) -> bool:
    """A header line whose capitals were lost: typed in a capitals font of the old TCVN3 sets
    (`.VnTimeH`), its letters come through in lower or mixed case (`bộ tài chính`, `ủy Ban Nhân Dân`,
    `Chính phủ`). It names a body when it opens with a body's head (a head that is also a common word,
    `ban hành`, `tổ chức`, only in capitals) or, under such a line, with an administrative unit
    (`thành phố cần thơ`); it is short and no sentence."""
    if is_upper(t) or len(t) > 60 or len(t.split()) > 8 or re.search(r"[.;:,!?]$|\d", t):
        return False
    names = rules.load("names")
    words = {h.casefold() for h in names.get("heads_also_words", [])}
    folded = t.casefold()
    if any(folded == h or folded.startswith(h + " ") for h in
           (h.casefold() for h in names["org_heads"] if h.casefold() not in words)):
        return not _type_line(t.upper(), caps_rest=True)
    return continuing and bool(rules.compiled(layout_rules()["header"]["jurisdiction"]).match(t.upper()))


def _issuer_lines(lines: list[Line], top: int, national: list[int], ocr: bool, caps_lost: bool = False) -> list[str]:
    """The header's left column above the number line, in capitals, without the motto, titles or codes;
    with `caps_lost`, the lines of a header whose capitals were lost (`_caps_lost`), set back in capitals."""
    cfg = layout_rules()["header"]
    inline = rules.compiled(cfg["national_inline"])
    any_case = rules.compiled(cfg["national_inline_any_case"])
    heads = rules.load("names")["org_heads"]
    issuer_lines: list[str] = []
    in_title = False
    for i in range(0, top):
        line = lines[i].text
        if i in national:
            # the right column read first: `Độc lập - Tự do - Hạnh phúc CỤC HÓA CHẤT`
            line = rules.compiled(cfg["national_prefix"]).sub("", line)
            if line == lines[i].text or not is_upper(line):
                continue
        # a header table's cells (`SỞ CÔNG THƯƠNG | | TỈNH LÀO CAI | |`) are lines of their own
        cells = any_case.sub(" | ", line) if caps_lost else inline.sub("", line)
        for t in (c.strip() for c in cells.split("|")):
            if not t or matches_any(cfg["national_lines"], t) or rules.compiled(cfg["separator"]).match(t) \
                    or _place_date(cfg, t) or rules.compiled(cfg["number"]).search(t) \
                    or rules.compiled(cfg["stray_code"]).match(t):
                continue
            if caps_lost and _caps_lost(t, continuing=bool(issuer_lines)):
                t = t.upper()
            if rules.compiled(cfg["not_issuer"]).match(t) or _type_line(t, caps_rest=True):
                in_title = True   # a title in capitals (`DANH MỤC …`), and the lines that go on with it
                continue
            if in_title and not any(t == h or t.startswith(h + " ") for h in heads):
                continue
            in_title = False
            if is_upper(t) and len(t) < 80 and not (ocr and header_ocr.is_debris(t)):
                issuer_lines.append(t)
    return issuer_lines


# what every place-and-date line holds (rules/structure.yaml header `place_date`): `, ngày ` after the place
_PLACE_DATE_CUE = re.compile(r",\s*(?:[Nn]gày|NGÀY)\s")


def _place_date(cfg: dict, text: str) -> re.Match | None:
    """The header's `place_date` found in `text`; a line without its `, ngày ` is not searched (the pattern
    tries up to 40 characters of a place at every position of a line: a tenth of the layout parser)."""
    return rules.compiled(cfg["place_date"]).search(text) if _PLACE_DATE_CUE.search(text) else None


# The author's line a Party act (and an old decision) prints under its type word, above the title: `CỦA BAN
# THƯỜNG VỤ TỈNH ỦY`, `CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH`, `CỦA BỘ TRƯỞNG BỘ TÀI CHÍNH`
_AUTHOR_UNDER_TYPE = re.compile(r"CỦA\s+\w")


def _type_after_ink(text: str) -> tuple[str, str] | None:
    """The type word in capitals at the end of a line whose start is a stamp's ink as OCR read it (`DEN i: : _¬ CHỈ
    THỊ`: the `ĐẾN` stamp an office puts on what it receives, left of the type word)."""
    m = _type_at_end().search(text) if text[-1:].isupper() else None
    if m:
        ink = text[:m.start()].strip()
        if ink and len(ink) <= MAX_INK_CHARS and header_ocr.is_debris(ink):
            return _type_line(m.group(1))
    return None


@lru_cache(maxsize=None)
def _type_at_end() -> re.Pattern:
    """A type word in capitals ending a line after a blank (one search, not one `endswith` per type name)."""
    ups = sorted(_type_name_keys()[1], key=len, reverse=True)
    return re.compile(r"\s(" + "|".join(map(re.escape, ups)) + r")$")


MAX_INK_CHARS = 24


def _ocr_attachment(head: list[Line]) -> dict | None:
    """The attachment line as OCR leaves it under a seal (rules/ocr.yaml `attached_to`): type, number, body,
    day and the line's index; the type from the number's code when the type word was lost."""
    pattern = rules.compiled(rules.load("ocr")["attached_to"])
    for n, ln in enumerate(head):
        m = pattern.search(ln.text)
        if not m:
            continue
        lead = re.search(r"\b(" + "|".join(map(re.escape, rules.doc_type_names())) + r")\s*$", m.group("lead").strip())
        doc_type = lead.group(1) if lead else None
        num = header_ocr.ocr_identifier(m.group("num"))    # clean digits and a code as printed, or none
        if doc_type is None:
            # the type code right before the dash (`QĐ-BNV`); capitals before it are digits misread
            # (`1SZQĐ-BNV`), and the number is then no number
            codes = rules.doc_type_by_code()
            run = re.search(r"([A-ZĐ]{2,})-[A-ZĐ]", m.group("num"))
            k = next((k for k in range(len(run.group(1)) - 1) if run.group(1)[k:].casefold() in codes), None) \
                if run else None
            if k is None:
                continue
            doc_type = codes[run.group(1)[k:].casefold()]
            num = num if k == 0 else None
        d, mo = header_ocr.ocr_date_part(m.group("d"), 31), header_ocr.ocr_date_part(m.group("m"), 12)
        return {"type": doc_type, "num": num, "org": m.group("org"), "at": n,
                "date": iso_day(str(d), str(mo), m.group("y")) if d and mo else None}
    return None


def _attachment_identity(lines: list[Line], meta: dict, type_i: int | None, national: list[int],
                         number_i: int | None = None, ocr: bool = False) -> None:
    """A table or appendix issued as a file of its own (`Bảng 2` / `CHỈ SỐ …` / `(Ban hành kèm theo
    Quyết định số 1187/QĐ-BNV ngày … của Bộ Nội vụ)`) has no number line: it carries the identity of the
    document it was issued with (type, number, issuer), and its title is the heading above that line.
    On a scan, that line may come back damaged by the seal stamped over it (`_ocr_attachment`)."""
    cfg = layout_rules()["header"]
    head = lines[:12]
    joined, starts = "", []
    for ln in head:
        starts.append(len(joined))
        joined += ln.text + " "
    m = rules.compiled(cfg["attached_to"]).search(joined) or rules.compiled(cfg["attached_to_line"]).search(joined)
    found = None
    if m:
        found = {"type": m.group("type"), "num": m.group("num"), "org": m.group("org"),
                 "at": max(n for n, st in enumerate(starts) if st <= m.start())}
        d = rules.compiled(cfg["attached_date"]).search(m.group(0))
        found["date"] = iso_day(d.group("d"), d.group("m"), d.group("y")) if d else None
    elif ocr:
        found = _ocr_attachment(head)
    if not found:
        return
    at = found["at"]
    if type_i is not None and type_i > at or number_i is not None and any(n <= at for n in national):
        return   # a header of its own (the national motto and a number, its type word): a document
    # the type word alone on its line (`QUY ĐỊNH` / `VỀ …`): the title under it is its own
    alone = type_i is not None and any(lines[type_i].text.casefold() == n.casefold() for n in rules.doc_type_names())
    own_title = meta["title"] if alone else None
    parent_type = "Công văn" if found["type"] == "Văn bản" else found["type"]
    meta["doc_type"] = parent_type
    own = normalize_identifier(own_number(found["num"])) if found["num"] else None
    if ocr:
        own = header_ocr.ocr_identifier(own)
    meta["identifier"] = own or meta["identifier"]   # a blank number may have been stamped on the page
    if meta["issuer"] is None:
        meta["issuer"] = issuer_of_author(found["org"])
    heads = rules.load("names")["org_heads"]
    label = rules.compiled(cfg["attachment_label"])
    above = [ln.text for ln in head[:at] if ln.text and not label.match(ln.text)
             and not rules.compiled(cfg["stray_code"]).match(ln.text)
             and not any(ln.text == h or ln.text.startswith(h + " ") for h in heads)
             and not rules.compiled(cfg["jurisdiction"]).match(ln.text)   # the issuer's `TỈNH LÂM ĐỒNG`
             and not matches_any(cfg["national_lines"], ln.text)
             and not rules.compiled(cfg["number"]).search(ln.text)]
    # the heading in capitals; a heading typed in running case when no line above is in capitals
    title = [t for t in above if is_upper(t)] or [t for t in above if len(t) < 120]
    if meta["issued_date"] is None:
        meta["issued_date"] = found["date"]
    if own_title:
        meta["title"] = own_title
    elif title:
        joined = " ".join(title)
        meta["title"] = case_title(joined) if is_upper(joined) else joined


def parse_header(lines: list[Line], ocr: bool = False) -> tuple[dict, int]:
    """Metadata from the header block; returns it and the index of the first line after it."""
    cfg = layout_rules()["header"]
    meta = {"doc_type": None, "identifier": None, "issuer": None, "parent_issuer": None,
            "place": None, "issued_date": None, "title": None}
    limit = min(len(lines), cfg["max_lines"])
    national = [i for i in range(limit) if matches_any(cfg["national_lines"], lines[i].text)]
    body_re = cfg["body_start"]
    number_i = place_i = type_i = subject_i = None
    end = 0
    for i in range(limit):
        t = lines[i].text
        if i > 0 and matches_any(body_re, t) and (number_i is not None or type_i is not None or i > 3):
            break
        if number_i is None:
            m = rules.compiled(cfg["number"]).search(t)
            # a number, or the label of a blank one (`Số:`); never a form's column `| Số, ngày, nơi cấp`
            numbered = m and (m.group("ident") or re.match(r"\s*(?:Số|SỐ)\s*[:.]", t[m.start():].lstrip("| ")))
            if numbered and (t.startswith(("Số", "SỐ")) or ("|" in t and t[:m.start() + 1].rstrip(" ").endswith("|"))
                             or m.start() < 3 or i in national
                             or rules.compiled(cfg["number_after_type"]).match(t)):
                number_i = i
                meta["identifier"] = normalize_identifier(own_number(m.group("ident")))
                if ocr:
                    meta["identifier"] = header_ocr.ocr_identifier(meta["identifier"]) or header_ocr.number_below(lines, i, m)
        if place_i is None:
            m = _place_date(cfg, t)
            for form in cfg["place_date_forms"] if m is None or not m.group("d").strip(" .…_") else []:
                m = rules.compiled(form).search(t) or m
                if m and m.group("d").strip(" .…_"):
                    break
            if m is None and ocr:
                m = header_ocr.ocr_place_date(t)
            if m and i < 25:
                place_i = i
                place = m.group("place").strip(" .|-")
                place = re.sub(r"^.*\b(?:Số\s*:?\s*\S*)\s+", "", place).strip()
                place = re.sub(r"^\S*[/-]\S*\s+", "", place)   # an identifier before it on the line
                meta["place"] = place if place and len(place) < 40 and place[0].isupper() \
                    and not re.match(r"[A-ZĐ]+[-/][A-ZĐ]+$", place) else None   # not a code (`QĐ-UBND, ngày`)
                meta["issued_date"] = header_ocr.ocr_iso(m) if ocr else iso_day(m.group("d"), m.group("m"), m.group("y"))
        if type_i is None:
            by = issued_by(t)   # `Nghị định của chính phủ`: the type and its author, the title under it
            found = (by[0], "") if by else _type_line(t)
            tail = t[m.end():].strip() if place_i == i and m else ""
            if found is None and tail and any(tail.casefold() == n.casefold() for n in rules.doc_type_names()):
                found = _type_line(tail)   # the type word run onto the place-date line (`…năm 1998 thông tư`)
            if by:
                meta["_by"] = by[1]
            if found is None:
                found = _type_after_ink(t)
            if found is None and is_upper(t) and (national and i > max(national) or number_i is not None) \
                    and not rules.compiled(cfg["number"]).search(t) and not matches_any(cfg["national_lines"], t):
                found = _type_line(t, caps_rest=True)
            if found:
                type_i = i
                meta["doc_type"] = found[0]
                meta["_title_rest"] = found[1]
        if subject_i is None and rules.compiled(cfg["subject"]).match(t) and type_i is None:
            subject_i = i
        if number_i == i or place_i == i or type_i == i or subject_i == i or i in national:
            end = i + 1
    # title: the lines under the type word, or the V/v subject of a letter
    title_lines: list[str] = []
    stop_re = [cfg["separator"], *body_re, r"^Kính gửi", r"^\(?[Dd]ự thảo", *cfg["national_lines"],
               r"^[-+•*]\s", r"^\d{1,2}\s*[.)\-–]\s", r"^[a-zđ]\s*[)\-–]\s", r"^(?:Thời gian|Địa điểm|Thành phần|Chủ trì)\b[^:]{0,20}:",
               cfg["place_date"], r"^Số\s*[:.]", r"^\||\s\|\s"]      # a table's row (`Thời gian | Nội dung | …`) is no title
    if type_i is not None:
        rest = meta.pop("_title_rest", "")
        nxt = lines[type_i + 1].text if type_i + 1 < len(lines) else ""
        if rest and is_upper(rest) and rules.compiled(cfg["subject"]).match(nxt):
            rest = ""   # `BIÊN BẢN HỌP TỔ CHUYÊN GIA` / `Về việc …`: the subject is the title
        if rest:
            title_lines.append(rest)
        for j in range(type_i + 1, min(type_i + 6, len(lines))):
            t = lines[j].text
            if ocr and t and header_ocr.is_debris(t):
                continue   # a speck under the type word
            if title_lines and t and _DANGLING.search(title_lines[-1]) and not matches_any(stop_re, t):
                title_lines.append(t)   # `… CỦA` / `THỦ TƯỚNG CHÍNH PHỦ VỀ VIỆC …`: the title goes on
                end = max(end, j + 1)
                continue
            if is_author_line(t, meta.get("_by")) or author_again(lines, j, body_re):
                break      # the author set again above the preamble (`ỦY BAN NHÂN DÂN THÀNH PHỐ …`)
            first = not title_lines
            if first:
                t = header_ocr.subject_after_ink(t)
            if first and not rest and _AUTHOR_UNDER_TYPE.match(t) and is_upper(t):
                end = max(end, j + 1)
                continue   # `CHỈ THỊ` / `CỦA BAN THƯỜNG VỤ TỈNH ỦY` / `về …`: who issues it, above the title
            subject = bool(rules.compiled(cfg["subject"]).match(t))
            if first and t and not rules.compiled(cfg["separator"]).match(t) \
                    and not rules.compiled(cfg["not_title"]).match(t) \
                    and len(t) < cfg["title_max_chars"] * (3 if subject else 1) \
                    and not t.endswith(":"):
                title_lines.append(t)   # the line under the type word is its title, whatever it starts with
                end = max(end, j + 1)
                continue
            if not t or matches_any(stop_re, t) or (title_lines and is_upper(t) and not is_upper(title_lines[-1])):
                break
            if len(t) > 160 or t.endswith(":") or t[:1].isupper() and t.endswith(".") and not t.endswith(".."):
                break   # a paragraph of the preamble (or a sentence of the body), not a wrapped title line
            if title_lines and rules.compiled(layout_rules()["closing"]["signer_title"]).match(t) and is_upper(t):
                break
            title_lines.append(t)
            end = max(end, j + 1)
    elif subject_i is not None:
        inline = rules.compiled(cfg["national_inline"])
        m = rules.compiled(cfg["subject"]).match(lines[subject_i].text)
        title_lines.append(inline.sub("", m.group("title")))
        for j in range(subject_i + 1, min(subject_i + 6, len(lines))):
            t = lines[j].text
            cut = inline.sub("", t)
            if cut != t:
                if cut:
                    title_lines.append(cut)
                break
            if not t or matches_any(stop_re, t) or _type_line(t):
                break
            title_lines.append(t)
    meta.pop("_title_rest", None)
    if not title_lines:
        for i in range(min(len(lines), cfg["max_lines"] + 20)):
            m = rules.compiled(cfg["abstract"]).search(lines[i].text)
            if m:
                title_lines.append(m.group("title"))
                break
    if title_lines:
        title = " ".join(title_lines).strip()
        title = rules.compiled(cfg["title_prefix"]).sub("", title).strip(" .:")
        if is_upper(title):
            title = case_title(title)
        meta["title"] = title or None
    # issuer: capitals above the number line that are not the national motto
    # without a number line (a scan's `Só”//72/…`), the issuer's column still ends above the type word, or
    # above the place-date line when that stands where the number would, right under the motto
    near = place_i if place_i is not None and place_i <= (max(national) if national else 0) + 3 else None
    top = number_i if number_i is not None else min((i for i in (type_i, near) if i is not None), default=0)
    issuer_lines = _issuer_lines(lines, top, national, ocr)
    if not issuer_lines:
        issuer_lines = _issuer_lines(lines, min(top, 6), national, ocr, caps_lost=True)   # the top of the page
    meta["issuer"], meta["parent_issuer"] = compose_issuer(issuer_lines)
    if meta["issuer"] is None:
        for i in range(min(len(lines), end + 4)):
            m = rules.compiled(cfg["issuer_in_preamble"]).search(lines[i].text)
            if m:
                meta["issuer"] = canonical(m.group("org"))
                break
    if meta["issuer"] is None and number_i is None:
        meta["issuer"] = signed_by_body(lines)
    author = meta.pop("_by", None)
    if meta["issuer"] is None and author:
        meta["issuer"] = issuer_of_author(author)
    if meta["issuer"] is None and type_i is not None:
        meta["issuer"] = _author_over_preamble(lines, type_i, body_re)
    found = gazette(lines)
    if found:
        # the Công báo line names type, author, number, date and subject in one sentence
        meta["doc_type"] = found["doc_type"]
        meta["identifier"] = meta["identifier"] or found["identifier"]
        meta["issued_date"] = meta["issued_date"] or found["issued_date"]
        meta["title"] = found["title"] or meta["title"]
        if meta["issuer"] is None and found["author"]:
            meta["issuer"] = issuer_of_author(found["author"])
        end = max(end, found["lines"])
    _attachment_identity(lines, meta, type_i, national, number_i, ocr)
    # type: the code in the identifier wins over the word (DATASET.md); a letter has V/v
    by_code = type_from_identifier(meta["identifier"])
    if by_code in rules.load("doc_types")["never_letters"] and type_i is None and subject_i is not None:
        by_code = "Công văn"        # `Số: 5348/CT-CS` over `V/v …`: a letter whose issuer's code reads as a type
    if by_code:
        meta["doc_type"] = by_code
    elif meta["doc_type"] is None:
        raw_number = lines[number_i].text if number_i is not None else ""
        code_match = re.search(r"/\s*([A-Za-zĐđ]+)-", raw_number)
        code_type = rules.doc_type_by_code().get(code_match.group(1).casefold()) if code_match else None
        if code_type:
            meta["doc_type"] = code_type
        elif subject_i is not None or number_i is not None:
            meta["doc_type"] = "Công văn"
    if meta["doc_type"] is None:
        # a type word opening the title line in running case (`Hướng dẫn một số nội dung …`)
        for i in range(min(limit, end + 2)):
            for name in rules.doc_type_names():
                if lines[i].text.startswith(name + " ") and not matches_any(body_re, lines[i].text):
                    meta["doc_type"] = name
                    break
            if meta["doc_type"]:
                break
    if meta["doc_type"] is None and (meta["title"] or meta["issuer"]):
        meta["doc_type"] = rules.load("doc_types")["fallback"]   # a document of no known type
    if meta["title"] is None and meta["doc_type"] and type_i is None:
        for i in range(max(0, (place_i or 0) + 1), min(limit, (place_i or 0) + 4)):
            t = lines[i].text
            if t.startswith(meta["doc_type"] + " ") and not matches_any(body_re, t):
                meta["title"] = t[len(meta["doc_type"]):].strip()
                for j in range(i + 1, min(i + 4, len(lines))):
                    u = lines[j].text
                    if not u or matches_any(stop_re, u) or not u[:1].islower():
                        break
                    meta["title"] += " " + u
                end = max(end, i + 1)
                break
    if meta["doc_type"] in cfg["passed_types"] and meta["issued_date"] is None and place_i is None:
        # a law is dated by the day it was passed, said in its last lines
        passed = rules.compiled(cfg["passed_date"])
        for ln in reversed(lines[-15:]):
            m = passed.search(ln.text)
            if m:
                meta["issued_date"] = iso_day(m.group("d"), m.group("m"), m.group("y"))
                meta["issuer"] = meta["issuer"] or canonical(m.group("org"))
                break
    if meta["doc_type"] == "Biên bản" and meta["issued_date"] is None and place_i is None:
        # minutes are dated by the meeting they record (`Thời gian: 10 giờ ngày 30 tháng 03 năm 2026`)
        when = rules.compiled(cfg["minutes_date"])
        for ln in lines[end:end + 12]:
            m = when.search(ln.text)
            if m:
                meta["issued_date"] = iso_day(m.group("d"), m.group("m"), m.group("y"))
                break
    return meta, end
