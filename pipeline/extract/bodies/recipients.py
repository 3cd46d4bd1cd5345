"""Recipients: the Nơi nhận and Kính gửi items of a document, each a body with the `recipient` role."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline import rules
from pipeline.parse.document import Doc
from pipeline.extract.bodies.grammar import (body_item, find_names, head_at, listed_name, name_start, role_rules,
                                             scan_name, strip_title)
from pipeline.extract.bodies.tokens import Tok, is_cap, tokenize
from pipeline.extract.bodies.vocab import joint_office_of, list_title
from pipeline.parse.common import is_upper
from pipeline.text import units
from pipeline.text.spans import Line


_LISTED = re.compile(r"^\s*[-+•*–]?\s*(?i:các)\s+[^\W\d]+(?:,?\s+[^\W\d]+){0,3}\s*:\s*\S")


# `Kính gửi:`, or the addressing line of a telegram (Công điện: `THỦ TƯỚNG CHÍNH PHỦ điện:`)
_ADDRESS = re.compile(r"^[ \t]*(?:Kính gửi|[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ]{3,80}[ \t]điện)[ \t]*:?[ \t]*", re.M)
_FURNITURE = re.compile(r"^\s*(?:Độc lập\s*[-–]|[^\W\d][^,\n]{1,40},\s*ngày\b|ngày\s+\S+\s+tháng\b|Số\s*:|V/v\b)", re.I)
# a Kính gửi item broken where the line ran out: it ends on a word that cannot end a name
_DANGLING = re.compile(r"(?:,|\bvà|\bcác|\b(?i:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|đặc khu)|-|&|\([^)]*)$")


def address_lines(doc: Doc) -> list[Line]:
    """The Kính gửi items of a letter read again from its text: the lines a two-column header prints between
    `Kính gửi:` and its items (the national motto, the place and date) are passed over, and an item broken
    at the line's end (`Kính gửi: Đoàn Luật sư tỉnh Lâm Đồng, tỉnh` / `Bình Thuận, tỉnh Đắk Nông (cũ).`)
    is read whole."""
    text = doc.text
    m = _ADDRESS.search(text, 0, doc.structure.body_start + 400)
    if not m or m.start() >= doc.structure.closing_start:
        return []
    out: list[Line] = []
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    if text[m.end():line_end].strip():
        out.append(Line(m.end(), line_end, text[m.end():line_end]))
    pos, skipped = line_end + 1, 0
    while pos < len(text) and len(out) < 40:
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        ln = Line(pos, end, text[pos:end])
        pos = end + 1
        t = ln.text.strip()
        if re.match(r"[-+•*–]\s*\S", t) or _plain_address(t, out):
            out.append(ln)
        elif out and t and _DANGLING.search(out[-1].text.rstrip()) and not is_upper(t) and len(t) < 80 \
                and not role_rules()["cut"].search(t) and not re.search(r"\b(?:đã|đề nghị|thực hiện)\b", t):
            out[-1] = Line(out[-1].start, ln.end, text[out[-1].start:ln.end])
        elif not out and (not t or is_upper(t) or _FURNITURE.match(t) or t[0].islower()) and skipped < 6:
            skipped += 1               # the other column of the header (motto, date, the subject's second line)
        else:
            break
    return out


def _plain_address(t: str, out: list[Line]) -> bool:
    """An address item without a bullet (Word's list bullets are not in the text): `Sở Y tế;` then `Sở Tài chính.`,
    each ended as list items end."""
    if not t or len(t) > 120 or is_upper(t) or role_rules()["cut"].search(" " + t):
        return False
    return t.endswith(";") or bool(out) and out[-1].text.strip().endswith(";") and t.endswith(".")


def _addressed(doc: Doc) -> list[Line]:
    """The Kính gửi lines: the header's own reading, or this one when it finds more."""
    closing = doc.structure.closing_start
    parsed = [ln for ln in doc.recipients if ln.start < closing]
    again = address_lines(doc)
    if sum(len(ln.text) for ln in again) > sum(len(ln.text) for ln in parsed) and \
            (not parsed or again[0].start <= parsed[0].start):
        return again
    return parsed


# an item's parts, its mark and the `Lưu` item (compiled once: recipient_items is read by every bodies step)
_ITEM_SPLIT = re.compile(r";\s*(?=-|\s*[A-ZĐ])|;\s*$")
_ITEM_MARK = re.compile(r"^[-+•*–]\s*")
_FILED = re.compile(r"^Lưu\b")


def recipient_items(doc: Doc) -> list[tuple[int, str]]:
    """(start, text) of each recipient item: Nơi nhận items up to `Lưu`, Kính gửi items split at `;`. Kept for the
    last document read: the rules (`find_recipients`) and the model (`model.units`) each ask for them in turn, and
    reading them seeks the Kính gửi line through the header again."""
    global _last_items
    if _last_items[0] is not doc:
        _last_items = (doc, list(_recipient_items(doc)))
    return _last_items[1]


_last_items: tuple = (None, [])


def _recipient_items(doc: Doc):
    c = role_rules()
    closing = doc.structure.closing_start
    stopped = False
    for ln in [*_addressed(doc), *(ln for ln in doc.recipients if ln.start >= closing)]:
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
        parts = [raw] if _LISTED.match(raw) else _ITEM_SPLIT.split(raw)
        for part in parts:
            s = ln.start + raw.find(part, pos)
            pos = max(pos, raw.find(part, pos) + len(part))
            s += len(part) - len(part.lstrip())
            item = part.strip()
            lead = _ITEM_MARK.match(item)
            if lead:
                s += lead.end()
                item = item[lead.end():]
            if _FILED.match(item):
                if in_noi_nhan:
                    stopped = True
                continue              # `Lưu: VT`, `Lưu Văn phòng Tỉnh ủy`: the archive copy, no part given
            yield s, _signature_blanked(item, doc) if in_noi_nhan else item


# the signature column of a two-column closing read into the Nơi nhận lines: `(Đã ký)`, the signer's title ending an
# item (`- Văn phòng Trung ương Đảng     Thứ trưởng`)
_SIGNED = re.compile(r"\(?\s*[Đđ]ã\s+ký\s*\)?")
_SIGNER_TITLE = re.compile(r"(?<=\S)\s+(?:KT\.\s*|TM\.\s*)?(?:Phó\s+)?(?:Thứ trưởng|Bộ trưởng|Chủ tịch|Giám đốc|Thủ tướng|"
                           r"Trưởng ban|Chánh Văn phòng)\s*$")


def _signature_blanked(item: str, doc: Doc) -> str:
    """A Nơi nhận item with the signature column's words blanked out (offsets kept): `(Đã ký)`, the signer's name
    (metadata), a signer's title that ends the item."""
    item = _SIGNED.sub(lambda m: " " * len(m.group()), item)
    name = ((doc.metadata.get("signer") or {}).get("name") or "").strip()
    if len(name) > 5 and name in item:
        item = item.replace(name, " " * len(name))
    m = _SIGNER_TITLE.search(item.rstrip())
    if m and not re.search(r"(?i:\bban|\bphòng|\bhội đồng|\bcác)\s*$", item[:m.start()]):   # `Ban Giám đốc` is a body
        item = item[:m.start()] + " " * (len(item) - m.start())
    return item.rstrip()


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
        members = _MEMBERS_AND.match(item)
        if members:                  # `Thành viên và Tổ giúp việc của Hội đồng`: the members are people, the team a body
            s, item = s + members.end(), item[members.end():]
        if not item or c["skip"].match(item) or len(item) > 200:
            continue
        out.extend(item_bodies(s, _OCR_SPECK.sub("", item), places))
    return out


def item_bodies(s: int, item: str, places) -> list[dict]:
    """The bodies one list item names (`Giám đốc các Sở: Nội vụ, Tài chính`, `Chủ tịch UBND các xã`), each a
    recipient: a person's title gives the body it heads; the fields after a plural head's colon one body each."""
    out = []
    pm = _PRIME_MINISTERS.match(item)
    if pm or _PRIME_MINISTER.match(item):   # `Thủ tướng, các Phó Thủ tướng Chính phủ`: the Government's heads, offices
        names = ("Thủ tướng Chính phủ", "các Phó Thủ tướng Chính phủ") if pm else ("Thủ tướng Chính phủ",)   # of state
        return [body_item(name, "recipient", s, s + len(item.rstrip(" .,;")), item, places, "recipient") for name in names]
    organ = _shared_organ(item)
    if organ is not None:               # `Thường trực: Thành ủy, HĐND Thành phố`: the board of each body listed
        head, cut = organ
        return [body_item(f"{head} {b['name_as_written']}", "recipient", b["start"], b["end"],
                          f"{head} {b['name_as_written']}", places, "recipient")
                for b in item_bodies(s + cut, item[cut:], places)]
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
        raw = _written(item, s, keep[a].s, keep[sp[1] - 1].e)
        out.append(body_item(listed_name(sp.head, raw), "recipient", keep[a].s, keep[sp[1] - 1].e, raw, places,
                         "recipient"))
    spans = []
    first = min(listed[0][0], name_start(listed[0])) if listed else len(keep)
    regions = [(0, first)]            # the bodies before a colon list (`Chánh Văn phòng UBND tỉnh, Giám đốc các Sở: …`)
    if listed:
        i = listed[-1][1]
        while i < len(keep) and keep[i].t in (",", ";", "và"):
            i += 1                    # `…: TC, TP, Thanh tra tỉnh`: a body named whole after the fields
        regions.append((i, len(keep)))
    for i, stop in regions:
        _split_items(keep, i, stop, spans)
    if not spans:
        # a person with their body in brackets: `Trưởng Khối thi đua 6 (Báo cáo) (Ban Tuyên giáo Tỉnh ủy)`
        spans = [(toks, a, scan_name(toks, a)) for a, _ in _paren_spans(toks) if head_at(toks, a)]
    found = []
    for tk, a, b in spans:
        if list_title(tk, a, b - 1 if b > a and tk[b - 1].t == ":" else b):
            continue    # `Thủ trưởng các cơ quan: Văn phòng UBND tỉnh, Sở Công Thương, …`: the list's own words, no body
        while b > a and tk[b - 1].t in (",", ".", ";", ":", "-"):
            b -= 1
        while b - a > 1 and tk[b - 2].t == "." and _initials(tk[b - 1].t):
            b -= 2                # the drafter's initials after the item: `Văn phòng Tỉnh ủy. NVH`
        if b <= a or _COMMITTEE_MEMBER.match(_written(item, s, tk[a].s, tk[b - 1].e)):
            continue
        found.append((tk, a, b))
    tail = _shared_place(_written(item, s, found[-1][0][found[-1][1]].s, found[-1][0][found[-1][2] - 1].e)) \
        if len(found) > 1 else None
    standing = _standing_head(_written(item, s, found[0][0][found[0][1]].s, found[0][0][found[0][2] - 1].e)) \
        if len(found) > 1 else None
    for n, (tk, a, b) in enumerate(found):
        raw = _written(item, s, tk[a].s, tk[b - 1].e)
        raw = tk[a].t + raw[len(tk[a].t):]      # the head capitalised after a title (`Trưởng phòng …`)
        if standing and n and _organ_patterns()[1].match(raw):
            raw = f"{standing} {raw}"           # `TT Thành ủy, HĐND Thành phố`: the council's standing board too
        if tail and n < len(found) - 1 and (_bare_head(tk, a, b) or tail.startswith("các tỉnh") and tk[a].t == "Sở") \
                and not _semicolon_between(found[n], found[-1]):
            # `HĐND, UBND xã`, `Ủy ban MTTQ và các đoàn thể tỉnh`: the place is said once; a department of every
            # province too (`Sở Tài chính, Cục Thuế các tỉnh, thành phố`)
            raw = f"{raw} {tail}"
        for name in by_place(raw):
            out.append(body_item(name, "recipient", tk[a].s, tk[b - 1].e, raw, places, "recipient"))
    return out


# what OCR makes of a speck or a stroke of the seal after an item's closing mark (`các Ban của Đảng; ff`, `; Ñ`)
_OCR_SPECK = re.compile(r"(?<=[;.])(?:\s+[^\s\d]{1,2}){1,2}\s*$")

_PRIME_MINISTERS = re.compile(r"\s*(?:Thủ tướng|TTg)(?:\s+Chính phủ)?\s*(?:,|và)\s*(?:các\s+)?(?:Phó Thủ tướng|PTTg|PTT)"
                              r"(?:\s+Chính phủ)?(?:\s*:[^;()]*)?\s*(?:\([^()]*\))?\s*[.,;]?\s*$")
# `Thủ tướng Chính phủ (để b/c)`, `TTg;`: the Prime Minister alone, an office of state as above (not `Chính phủ`)
_PRIME_MINISTER = re.compile(r"\s*(?:Thủ tướng(?:\s+Chính phủ)?|TTg)\s*(?:\([^()]*\))?\s*[.,;]?\s*$")


@lru_cache(maxsize=1)
def _organ_patterns() -> tuple[re.Pattern, re.Pattern]:
    """rules/roles.yaml `shared_organs` (the words, as an item's opening) and `shared_organ_bodies`."""
    c = role_rules()["raw"]
    words = "|".join(re.escape(w) for w in sorted(c["shared_organs"], key=len, reverse=True))
    return re.compile(rf"(?i:{words})(?=\s|:)"), re.compile(rf"(?:{c['shared_organ_bodies']})(?!\w)")


def _organ_at(text: str) -> tuple[str, int] | None:
    """(the organ, where its word ends) when `text` opens with one of rules/roles.yaml `shared_organs`, else None."""
    m = _organ_patterns()[0].match(text)
    return (role_rules()["raw"]["shared_organs"][m.group(0).casefold()], m.end()) if m else None


def _shared_organ(item: str) -> tuple[str, int] | None:
    """(`Thường trực`, where the bodies begin) for an item that names a standing board or office once, then a colon
    and the bodies it serves (`VP: Thành ủy, Đoàn ĐBQH`); None for any other item."""
    at = _organ_at(item)
    colon = re.match(r"\s*:\s*", item[at[1]:]) if at else None
    if colon is None or at[1] + colon.end() >= len(item):
        return None
    return at[0], at[1] + colon.end()


def _standing_head(first: str) -> str | None:
    """The organ the first body of a comma list is named by when it is a Party committee's or a council's
    (`TT Thành ủy` → `Thường trực`), else None."""
    at = _organ_at(first)
    return at[0] if at and _organ_patterns()[1].match(first[at[1]:].lstrip(" .")) else None


def _semicolon_between(first: tuple, last: tuple) -> bool:
    """Whether a `;` parts two bodies of an item (`…, Sở Công Thương; Chủ tịch UBND các xã, phường`): the place said
    once after a list is shared within its `;` group only."""
    tk, last_tk = first[0], last[0]
    return tk is last_tk and any(t.t == ";" for t in tk[first[2]:last[1]])


def _bare_head(tk: list[Tok], a: int, b: int) -> bool:
    """A body named by its head alone, or with capitalised words only (`HĐND`, `Ủy ban MTTQ Việt Nam`): it
    names no place of its own. A collective in lower case (`cơ quan ngang Bộ`) is central, it takes no place; a Party
    committee (`TT Tỉnh ủy`) names its unit already."""
    k = head_at(tk, a)
    return k > 0 and tk[a].low != "các" and not tk[a].t[:1].islower() and tk[b - 1].low not in ("ủy", "uỷ", "tu", "hu", "đu") and all(t.t[:1].isupper() or not t.t[:1].isalpha() for t in tk[a + k:b])


def _head_any_case(keep: list[Tok], j: int) -> bool:
    """A body's head opens `keep[j:]`, its first word in lower case or not (`Phòng TCKT, phòng KHTH`)."""
    if head_at(keep, j):
        return True
    return keep[j].t.islower() and j + 1 < len(keep) and is_cap(keep[j + 1].t) \
        and bool(head_at([*keep[:j], Tok(keep[j].s, keep[j].e, keep[j].t.capitalize()), *keep[j + 1:]], j))


def _title_at(keep: list[Tok], j: int) -> bool:
    """A person's title opens `keep[j:]`, in capitals or not (`…, thủ trưởng các cơ quan có liên quan`)."""
    titles = role_rules()["titles"]
    if titles.match(keep, j)[0]:
        return True
    return keep[j].t.islower() and bool(titles.match([*keep[:j], Tok(keep[j].s, keep[j].e, keep[j].t.capitalize()),
                                                      *keep[j + 1:]], j)[0])


# `Các đồng chí Đảng ủy viên`, `Tỉnh ủy viên`: a member of a Party committee is a person
_COMMITTEE_MEMBER = re.compile(r"^(?:\S+\s+)?(?i:ủy)\s+viên\b")


def _shared_place(raw: str) -> str | None:
    """The unit (and place) ending the last body of an item, which the bare heads before it share: `xã`,
    `tỉnh Lào Cai`, `các tỉnh, thành phố trực thuộc trung ương` (`HĐND, UBND các tỉnh, thành phố …`)."""
    not_units = "|".join(re.escape(w) for w in role_rules()["raw"].get("not_units", [])) or "(?!)"
    m = re.search(rf"\s((?:các\s+)?(?!(?:{not_units})\b)(?:{_unit_alternation()})\b.*)$", raw)
    return m.group(1) if m else None   # `chính trị - xã hội tỉnh`: `xã hội` is a word (roles.yaml `not_units`)


@lru_cache(maxsize=None)
def _unit_alternation() -> str:
    return "|".join(re.escape(w) for w in units.words())


def _continues_list(keep: list[Tok], j: int, stop: int) -> bool:
    """A lower-case collective noun after a comma goes on with the name before it (`các sở, ban, ngành`,
    `các khoa, phòng liên quan`), unless a name of its own follows it (`Phòng TCKT, phòng KHTH`)."""
    n = role_rules()["list_nouns"].match(keep, j)[0]
    return bool(n) and not is_cap(keep[j].t) and not (j + n < stop and is_cap(keep[j + n].t))


def _split_items(keep: list[Tok], i: int, stop: int, spans: list) -> None:
    """The bodies of `keep[i:stop]`, split where a `,` `;` `.` or `và` is followed by a body's head or a person's
    title (`Chánh Văn phòng UBND tỉnh; Giám đốc Sở Nội vụ và Thủ trưởng các cơ quan`); the title gives its body.
    A colon after a body opens its people and units (`VPCP: BTCN, các PCN, các Vụ, Cục`)."""
    c = role_rules()
    while i < stop:
        end = i + 1
        while end < stop and not (keep[end].t in (",", ".", ";", "và", ":") and end + 1 < stop and not _glued(keep, end)
                                  and (_head_any_case(keep, end + 1) or _title_at(keep, end + 1))
                                  and not _continues_list(keep, end + 1, stop) and not _joint_office(keep, i, end)):
            end += 1
        a = i
        if keep[a].t.islower() and _head_any_case(keep, a) and not head_at(keep, a):
            keep[a] = Tok(keep[a].s, keep[a].e, keep[a].t.capitalize())   # `…, phòng KHTH`
        while True:
            j, title = strip_title(keep, a)
            if not title or j >= end:
                break
            a = j
            if keep[a].t.islower() and a + 1 < end and is_cap(keep[a + 1].t):
                up = Tok(keep[a].s, keep[a].e, keep[a].t.capitalize())
                if head_at([*keep[:a], up, *keep[a + 1:]], a):
                    keep[a] = up      # `Trưởng phòng Kế hoạch tổng hợp`: the title's second word is the body's head
        if a < end and (head_at(keep, a) or c["lower_heads"].match(keep, a)[0]) \
                and not c["skip"].match(" ".join(t.t for t in keep[a:end])):
            spans.append((keep, a, end))
        i = end + 1


def _joint_office(keep: list[Tok], i: int, end: int) -> bool:
    """`Văn phòng HĐND và UBND xã`, `Văn phòng HĐND, UBND xã`: one office serves the council and the committee, the
    `và` or the comma at `end` parts no items (as the name grammar reads it)."""
    joins = keep[end].t == "và" and joint_office_of(keep, end) \
        or keep[end].t == "," and end + 1 < len(keep) and keep[end + 1].t in ("UBND", "Ủy", "Uỷ") \
        and keep[end - 1].t in ("HĐND", "dân")
    return joins and any(keep[k].low == "văn" and keep[k + 1].low == "phòng" for k in range(i, end - 1))


def _glued(keep: list[Tok], i: int) -> bool:
    """A dot between two words with no space (`TT.HĐND`, `VP.UBND`), or right after an abbreviated head
    (`TT. Thành ủy`): an abbreviation's, it parts no items."""
    if keep[i].t != "." or not 0 < i < len(keep) - 1 or keep[i - 1].e != keep[i].s:
        return False
    return keep[i].e == keep[i + 1].s or (keep[i - 1].t == "TT" and head_at(keep, i - 1) > 2)


_PLACE = r"(?:[A-ZĐÀ-Ỹ0-9][\w'’.-]*(?:\s+[A-ZĐÀ-Ỹ0-9][\w'’.-]*)*(?:\s*\(cũ\))?)"


@lru_cache(maxsize=None)
def _by_place_patterns() -> tuple[re.Pattern, re.Pattern]:
    unit = _unit_alternation()
    plural = re.compile(rf"^(?P<body>.+?)\s+các\s+(?P<unit>{unit})\s*:?\s+(?P<places>{_PLACE}(?:\s*(?:,|;|\bvà\b)\s*{_PLACE})+)$")
    each = re.compile(rf"^(?P<body>.+?)\s+(?P<places>(?:{unit})\s+{_PLACE}(?:\s*(?:,|;|\bvà\b)\s*(?:{unit})\s+{_PLACE})+)$")
    return plural, each


def by_place(raw: str) -> list[str]:
    """An item that names one kind of body in several places, one body each: `Đoàn Luật sư tỉnh Lào Cai, tỉnh
    Yên Bái` → `Đoàn Luật sư tỉnh Lào Cai`, `Đoàn Luật sư tỉnh Yên Bái`; `Sở Y tế các tỉnh: Lào Cai, Yên Bái`
    → `Sở Y tế tỉnh Lào Cai`, `Sở Y tế tỉnh Yên Bái`. A list of kinds of unit (`các tỉnh, thành phố trực thuộc
    Trung ương`) names one group body and stays whole."""
    plural, each = _by_place_patterns()
    m = plural.match(raw)
    if m:
        return [f"{m.group('body')} {m.group('unit')} {p.strip()}"
                for p in re.split(r"\s*(?:,|;|\bvà\b)\s*", m.group("places")) if p.strip()]
    m = each.match(raw)
    if m:
        return [f"{m.group('body')} {p.strip()}" for p in re.split(r"\s*(?:,|;|\bvà\b)\s*", m.group("places")) if p.strip()]
    return [raw]


def _written(item: str, s: int, a: int, b: int) -> str:
    """The words of an item between two document offsets, one space between them: an item wrapped over two
    lines of a two-column page has the signature column's lines blanked out of its text (parse/closing.py)."""
    return " ".join(item[a - s:b - s].split())


_MEMBERS_AND = re.compile(r"^\s*(?:các\s+)?(?:thành viên|thành phần)\b[^;()]*?\s+và\s+(?=[A-ZĐÀ-Ỹ])", re.I)
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
    names = []
    found = find_names(inner)
    for n, (a, b) in enumerate(found):      # a name's lower-case tail up to the comma: `Phòng Kế hoạch tổng hợp`
        stop = found[n + 1][0] if n + 1 < len(found) else len(inner)
        while b < stop and inner[b].t not in (",", ";", "và", ".") and inner[b].t.isalpha():
            b += 1
        names.append((a, b))
    covered = {k for a, b in names for k in range(a, b)}
    if len(names) < 2 or any(k not in covered and t.t not in (",", ";", "và", ".") for k, t in enumerate(inner)):
        return []
    out = []
    for a, b in names:
        raw = _written(item, s, inner[a].s, inner[b - 1].e)
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
