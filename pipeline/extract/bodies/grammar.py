"""The name grammar: where a body's name starts (an organization head) and where it ends; a body item built from a
name. The vocabularies it reads are compiled in vocab.py (`role_rules`, re-exported here for the stages' imports)."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline import rules
from pipeline.extract.bodies.tokens import DIGIT, ORDINAL, SMALL_NUMBER, TOKEN, WORD, Tok, is_cap
from pipeline.text import units
from pipeline.text.names import canonical
from pipeline.extract.bodies.places import resolve_jurisdiction
from pipeline.extract.bodies.vocab import (UNIT_HEADS, field_across_and, field_across_comma, joint_office_of, role_rules,
                                         units_then_other, wrapped_head)  # noqa: F401  (role_rules re-exported)
from pipeline.extract.bodies.numbers import party_committee, unit_number
from pipeline.extract.bodies.spans import ListedSpan, listed_span, name_start, other_levels  # noqa: F401  (name_start re-exported)


def head_at(toks: list[Tok], i: int) -> int:
    """Length of a body-name head at token i (0 when none or when it opens a non-name)."""
    c = role_rules()
    low = toks[i].low                 # a matcher is tried only where the word opens one of its heads (most open none)
    n, kind = c["heads"].match(toks, i) if toks[i].t in c["heads"].table else (0, None)
    n2 = 0
    if low in c["lower_heads"].table:    # kinds listed after a head: `Sở, ban, ngành thành phố` is the collective
        n2, kind2 = c["lower_heads"].match(toks, i)
        if not n or n2 > n and any(t.t == "," for t in toks[i:i + n2]):
            n, kind = n2, kind2
    if not n:                         # `Trưởng phòng Tổ chức cán bộ`: the unit a head of unit heads
        return int(low in UNIT_HEADS and i > 0 and toks[i - 1].low == "trưởng"
                   and i + 1 < len(toks) and is_cap(toks[i + 1].t))
    if low in c["not_names"].firsts and c["not_names"].match(toks, i)[0] \
            or toks[i].t in c["surname_heads"] and _person(toks, i, c):
        return 0
    if kind == "head":
        head = " ".join(t.low for t in toks[i:i + n])
        if head in c["need_cap"]:
            nxt = toks[i + n].t if i + n < len(toks) else ""
            if not (is_cap(nxt) or c["lower_open"].match(toks, i)[0] or c["board_fields"].match(toks, i + n)[0]):
                return n2             # (`Hội đồng an toàn, vệ sinh lao động`: a board named by a field with a comma);
                                      # a collective opening a sentence keeps its capital (`Cơ quan thuế hướng dẫn`)
    return n


def _person(toks: list[Tok], i: int, c) -> bool:
    """`Đoàn Văn Bình`, `Đoàn Thanh Tâm`: a head that is also a family name, then a given name in capitals
    (rules/body_heads.yaml `surname_heads`, `middle_names`); `Đoàn Thanh niên` runs on in lower case."""
    if toks[i].t not in c["surname_heads"] or i + 2 >= len(toks):
        return False
    given = toks[i + 1].t, toks[i + 2].t
    return given[0] in c["middle_names"] and all(is_cap(t) and not t.isupper() for t in given)


def in_compound(toks: list[Tok], j: int, c=None) -> bool:
    """Whether token j is a syllable of a two-syllable word of roles.yaml `name_compounds` (`bầu cử`, `nông thôn`)."""
    c = c or role_rules()
    before = j > 0 and f"{toks[j - 1].low} {toks[j].low}" in c["compounds"]
    return before or j + 1 < len(toks) and f"{toks[j].low} {toks[j + 1].low}" in c["compounds"]


def _verb_goes_on(toks: list[Tok], j: int, kv: int, c) -> bool:
    """Whether the task verb at token j (kv tokens) opens a verb phrase rather than a word of the name: another
    task verb or `các` follows it (`tổ chức thẩm định`, `xây dựng các dự thảo`); `đầu tư xây dựng số 1`
    of a project board is its name."""
    if j >= 2 and f"{toks[j - 2].low} {toks[j - 1].low}" == "đầu tư":
        return False
    k = j + kv
    nxt = toks[k]
    if nxt.low == "số" and k + 1 < len(toks) and toks[k + 1].t.isdigit():
        return False
    if nxt.low in ("các", "những") or c["not_names"].match(toks, k)[0] or is_cap(toks[j - 1].t) and is_cap(toks[j - 2].t):
        return True                   # `Ban Thường vụ Tỉnh ủy tổ chức Hội nghị`, `Tổng công ty Đường sắt Việt Nam xây dựng`
    if j >= 2 and toks[j - 1].low in ("ủy", "uỷ") and is_cap(toks[j - 2].t):
        return True                   # `Văn phòng Đảng ủy tổ chức kiểm tra`: a Party committee's name ends at `ủy`
    if nxt.low in c["stop"].firsts and c["stop"].match(toks, k)[0] and not in_compound(toks, k, c):
        return True                   # `Vụ Pháp chế xây dựng dự thảo`: a word no name goes on with follows the verb
    # a verb after a department's whole field (`Bộ Nội vụ tổ chức thẩm định`, `Sở Tài chính tổ chức hội nghị`), not
    # inside a trade's name (`Hiệp hội Nhà thầu xây dựng hoàn thành`)
    # (a field of five words or more, `Giáo dục và Đào tạo`, `Khoa học và Công nghệ`, is read whole: the last four
    # words alone named none, and `Sở Khoa học và Công nghệ tổ chức hội thảo` read on as one name)
    fields = _fields_folded()
    return any(" ".join(t.low for t in toks[j - w:j]) in fields for w in range(1, min(j, _longest_field()) + 1))


def _ends_field(toks: list[Tok], a: int, end: int, c) -> bool:
    """Whether a field of body_heads.yaml `field_phrases` starts at or after token a and ends at token `end`."""
    return any(tuple(t.low for t in toks[s:end]) in c["field_phrases"] for s in range(max(a, end - 4), end - 1))


def _field_reaches_unit(toks: list[Tok], k: int, c, most: int = 6) -> bool:
    """Whether the lower-case words from token k run, without a verb or a stop word, into an administrative unit
    (`… và công nghiệp tỉnh`, `… và tìm kiếm cứu nạn huyện`): then a `và` before them joins two fields of one
    board's name rather than two bodies or a task."""
    for m in range(k, min(len(toks), k + most + 1)):
        if c["units"].match(toks, m)[0] and not c["not_units"].match(toks, m)[0] and not in_compound(toks, m, c):
            return m > k
        t = toks[m].t
        if not WORD.match(t) or is_cap(t) or (c["stop"].match(toks, m)[0] and not in_compound(toks, m, c)) \
                or c["subject_verbs"].match(toks, m)[0] and not in_compound(toks, m, c):
            return False
    return False


def _board_number(toks: list[Tok], j: int) -> bool:
    """Whether the number at token j, right after a board's or team's opening, is its number (`Ban chỉ đạo 389`,
    `Đội kiểm tra 814`, `Tổ công tác 12`) rather than a count of the bodies named after it (`Ban Chấp hành 03 Hội
    …`: counts are written with a leading zero and a head follows them)."""
    return not toks[j].t.startswith("0") and not (j + 1 < len(toks) and head_at(toks, j + 1)
                                                  and not party_committee(toks, j + 1))


def scan_name(toks: list[Tok], i: int, max_lower: int = 7, head: int | None = None) -> int:
    """End index (exclusive) of the body name that starts with a head at token i (`head`: its length, when the
    caller has just read it with `head_at`)."""
    c = role_rules()
    n = head_at(toks, i) if head is None else head
    j = i + n
    if j < len(toks) and not is_cap(toks[j].t) and " ".join(t.t for t in toks[i:j]) in c["closed_heads"]:
        return j                      # `Trình Chính phủ các văn bản …`: the name is whole
    lo = c["lower_open"].match(toks, i)[0]
    if lo > n and any(0 < c["stop"].match(toks, m)[0] <= i + lo - m for m in range(i + n, i + lo)):
        j = i + lo                    # `Hội đồng thẩm định giá`, `Tổ giúp việc`, `Đội kiểm tra`: a stop word inside the
                                      # opening, or ending it, is the name's
    lower_run = 0
    if lo:
        max_lower += 6            # a board or council named by its field in lower case (`Ban Quản lý dự án đầu tư xây
                                  # dựng các công trình giao thông tỉnh`): its name is long by nature
    after_place = False       # inside `tỉnh Lâm Đồng`: a lower-case word ends the name
    # a procedural actor (`chủ đầu tư`, `cơ quan có thẩm quyền`) is one: a list after it is of others
    # (capitalized at a sentence's start too, where no head of a proper name opens it: `Cơ quan công an điều tra`)
    procedural = toks[i].low != "các" and c["lower_heads"].match(toks, i)[0] == n \
        and (not is_cap(toks[i].t) or toks[i].t in c["heads"].table and c["heads"].match(toks, i)[0] not in (0, n))
    while j < len(toks):
        t = toks[j].t
        if procedural and t in (",", "và"):
            break
        if t in (",", "và") and c["titles"].match(toks, j + 1)[0]:
            break
        if t == "," and toks[j - 1].low == "phòng" and j + 1 < len(toks) and toks[j + 1].low == "chống":
            j += 2                    # `Ban Chỉ đạo phòng, chống thiên tai`: `phòng, chống` is one word of the field
            continue
        if t == "," and toks[i].low == "văn" and toks[j - 1].t in ("HĐND", "dân") and j + 1 < len(toks) \
                and toks[j + 1].t in ("UBND", "Ủy", "Uỷ") and toks[i + 1].low == "phòng":
            j += 1                    # `Văn phòng HĐND, UBND xã`: one office serves both, as with `và`
            continue
        if t == ",":
            end = field_across_comma(toks, i + n, j, c)
            if end:
                j = end               # `Hội đồng an toàn, vệ sinh lao động`: the comma is inside the board's field
                continue
        if t == ",":
            k, _ = c["list_nouns"].match(toks, j + 1)
            nxt = toks[j + 1].t if j + 1 < len(toks) else ""
            if k and toks[i].low != "các" and (wrapped_head(toks, j + 1, c) or units_then_other(toks, i, j, c)):
                break                 # `… Tổ quốc Việt Nam, Phòng` / `Thương mại …`: the next body's head; `UBND các xã,
                                      # phường, đơn vị liên quan`: the units' committees, then other bodies
            if k and (not head_at(toks, j + 1) or toks[i].low == "các" and not is_cap(nxt)):
                unit = after_place and bool(c["units"].match(toks, j + 1)[0])
                j += 1 + k
                # a list of units stays one (`các xã, phường, đặc khu`) to its last unit, which ends it as the first
                # would; words that place it further (`trực thuộc Trung ương`) go on as after any unit
                after_place = unit and not c["after_unit"].match(toks, j)[0]
                if unit and j < len(toks) and re.match(r"[a-zđ]", toks[j].t) and not c["after_unit"].match(toks, j)[0] \
                        and not c["list_nouns"].match(toks, j)[0] and not c["units"].match(toks, j)[0]:
                    break             # `Ủy ban nhân dân quận, huyện chọn …`: a lower-case word after a list of units ends it
                continue
            if is_cap(nxt) and not head_at(toks, j + 1) and not after_place and nxt not in ("Sở", "Ban"):
                j += 1
                continue
            break
        if t in ("-", "–"):
            nxt = toks[j + 1].t if j + 1 < len(toks) else ""
            if nxt == "Cơ" and j + 2 < len(toks) and toks[j + 2].low == "quan":
                break                 # `Quốc hội Việt Nam - Cơ quan đại biểu cao nhất …`: what the body is, not its name
            if is_cap(nxt) or nxt.isdigit():
                j += 1
                continue
            if nxt and not is_cap(nxt) and WORD.match(nxt) and not c["stop"].match(toks, j + 1)[0] \
                    and not c["subject_verbs"].match(toks, j + 1)[0]:
                j += 1                # two fields joined by a dash: `Phòng Văn hóa - xã hội`, `Ban Kinh tế - ngân sách`
                continue
            break
        if t in ("và",):
            end = field_across_and(toks, i + n, j, c)
            if end:
                j = end               # `các sở giáo dục và đào tạo`: the field of a department typed in lower case
                continue
            nxt = toks[j + 1].t if j + 1 < len(toks) else ""
            if f"{toks[j - 1].low} và {nxt.casefold()}" in c["joined_words"]:
                j += 2                # `doanh nghiệp nhỏ và vừa`: one word of the field
                continue
            k, _ = c["list_nouns"].match(toks, j + 1)
            if is_cap(nxt) and (not head_at(toks, j + 1) or toks[i].low == "văn" and joint_office_of(toks, j)) \
                    and not after_place:
                j += 1                # `Văn phòng HĐND và UBND xã`, `Văn phòng Đoàn ĐBQH và HĐND tỉnh`: one office serves both
                continue
            if k and not head_at(toks, j + 1) and toks[i].low == "các":
                j += 1 + k
                continue
            if " ".join(x.low for x in toks[j + 1:j + 3]) in c["raw"]["not_units"] and not after_place:
                j += 3                # `Sở Lao động - Thương binh và xã hội`: the field, typed in lower case
                continue
            if lo and not after_place and _field_reaches_unit(toks, j + 1, c):
                j += 1                # `Ban Chỉ đạo phòng, chống thiên tai và tìm kiếm cứu nạn tỉnh`: two fields of one board
                continue
            break
        if t == "." and j + 1 < len(toks) and toks[j - 1].t.isupper() and toks[j - 1].e == toks[j].s == toks[j + 1].s - 1 \
                and toks[j + 1].t.isupper():
            j += 1                    # `VP.UBND tỉnh`: two abbreviations joined by a dot
            continue
        if t == "&" and j + 1 < len(toks) and is_cap(toks[j + 1].t) and j > i + n - 1:
            j += 1                    # `Sở Nông nghiệp & Phát triển nông thôn`: `&` is `và` inside a name
            continue
        if not WORD.match(t):
            break
        if t == "số" and j + 1 < len(toks) and SMALL_NUMBER.fullmatch(toks[j + 1].t):
            j += 2                    # `Ban Quản lý dự án đầu tư xây dựng số 1`
            continue
        if toks[j].low in c["collective_tails"].firsts and j > i + n - 1:
            kl = c["collective_tails"].match(toks, j)[0]
            if kl:
                j += kl               # `các cơ quan, đơn vị liên quan duy trì`: a collective is whole at `liên quan`
                break                 # (rules/roles.yaml `collective_tails`)
        if toks[j].low == "giúp" and j + 2 < len(toks) and toks[j + 1].low == "việc" and is_cap(toks[j + 2].t) \
                and head_at(toks, j + 2):
            j += 2                    # `Tổ chuyên viên giúp việc Ban Chỉ đạo …`: a team named by the body it serves
            continue
        low = toks[j].low             # a word that opens no phrase of a vocabulary is not looked up in it
        k = c["stop"].match(toks, j)[0] if low in c["stop"].firsts else 0
        if k and (in_compound(toks, j, c) or _ends_field(toks, i + 1, j + k, c)):
            k = 0                     # `Ban Chỉ đạo bầu cử`: the stop word `cử` is a syllable of `bầu cử`; `Phòng Kế
                                      # hoạch tổng hợp`: `tổng hợp` ends the field
        if k and not is_cap(t):      # `Ban Quản lý`: a capitalized word continues the name
            break
        kv = 0 if low not in c["subject_verbs"].firsts or in_compound(toks, j, c) else c["subject_verbs"].match(toks, j)[0]
        if kv and is_cap(t):          # `MTTQ Phối hợp với UBND xã`: a task verb typed in capitals ends the name only
            kv = kv if j + kv < len(toks) and toks[j + kv].low in ("với", ",") else 0    # right before its object
        if kv and _ends_field(toks, i + 1, j + kv, c):
            kv = 0
        if kv and (any(x.low == "các" for x in toks[i:j]) or toks[j - 1].t.isdigit()):
            break                     # `các sở, ngành liên quan xây dựng`: a collective ends at its verb; so does a
                                      # name at its number (`Trường Tiểu học số 2 tổ chức …`)
        if kv and j + kv < len(toks) and _verb_goes_on(toks, j, kv, c):
            break                     # `Bộ Nội vụ tổ chức thẩm định`, `Sở Nội vụ xây dựng các dự thảo`: a task after the name
        word = t.isalpha()            # (most tokens: a word of letters holds no digit and is a numeral only in capitals)
        if t.isdigit() or (not word or t[0] in "IVXLC") and ORDINAL.fullmatch(t):
            prev = toks[j - 1].t
            if len(t) <= 3 and (is_cap(prev) or prev in ("số", "vực", "-") or toks[j - 2].t in ("Đề", "Dự") and prev == "án" or lo and j == i + lo and _board_number(toks, j)):
                j += 1
                continue
            if unit_number(toks, j, c):
                j += 1                # `Bộ Tư lệnh Quân khu 7 chỉ đạo …`, `Vùng Cảnh sát biển 3`: the unit's number
            break
        if not word and DIGIT.search(t):
            break
        ku = c["units"].match(toks, j)[0] if low in c["units"].firsts else 0
        if ku and (c["not_units"].match(toks, j)[0] or in_compound(toks, j, c)):
            ku = 0                    # `chính trị - xã hội` is not a commune
        if ku:
            j += ku
            lower_run = 0
            # a proper place name after the unit
            m = j
            while m < len(toks) and (is_cap(toks[m].t) or (toks[m].t.isdigit() and len(toks[m].t) <= 3)) \
                    and not head_at(toks, m):
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
        if is_cap(t):
            if after_place and head_at(toks, j):
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
        if procedural:
            break                     # `chủ đầu tư hoàn chỉnh hồ sơ`: a procedural actor's name is its head
        lower_run += 1
        if lower_run > max_lower:
            # a run-on: keep the first lower-case word only; a collective (`các đơn vị hoạt động trong …`) ends
            # at its head, as no word of its own is capitalized to say where its name ends
            j = i + n if c["lower_heads"].match(toks, i)[0] == n else j - lower_run + 2
            break
        j += 1
    # trim words that cannot end a name
    while j > i + n and (toks[j - 1].t in ("và", "các", "của", "thuộc", "-", "–", ",", "trực", "cấp", "những", "tại")
                         or len(toks[j - 1].t) == 1 and toks[j - 1].t.islower()):      # `Bộ Y tế b` (a note's mark)
        if toks[j - 1].t == "trực" and toks[j - 2].low == "thường":
            break                     # `Ban Thường trực`: `trực` of `trực thuộc` only is trimmed
        if toks[j - 1].t == "cấp" and toks[j - 2].low in ("các", "cùng"):
            break                     # `Ủy ban nhân dân các cấp`: every level's committee; `… cùng cấp`: the same level's
        j -= 1
    return j


def find_names(toks: list[Tok]) -> list[tuple[int, int]]:
    """Token spans (start, end) of every body name in a run of tokens, the addressee named by courtesy among them
    (`_courtesy`)."""
    names = _names(toks)
    return _courtesy(toks, names) if role_rules()["addressee_courtesy"] else names


def _courtesy(toks: list[Tok], names: list) -> list:
    """`đề nghị quý Bộ chủ trì`, `Quý cơ quan gửi báo cáo`: a letter's addressee named by courtesy and its kind
    (rules/roles.yaml `addressee_courtesy`, `addressee_kinds`), a span `filters.courtesy_addressees` names after the
    Kính gửi addressee; not where the full name follows (`quý Bộ Y tế`) nor inside a person's name (`Hoàng Quý …`)."""
    c = role_rules()
    starts = {n[0] for n in names}
    found = [(i, i + 1 + k) for i, t in enumerate(toks[:-1]) if t.low in c["addressee_courtesy"]
             and i + 1 not in starts and not (i and is_cap(toks[i - 1].t))
             for k in (c["addressee_kinds"].match(toks, i + 1)[0],) if k]
    return sorted(names + found) if found else names


def _names(toks: list[Tok]) -> list[tuple[int, int]]:
    c = role_rules()
    out, i = [], 0
    heads, firsts = c["head_firsts"], c["name_firsts"]
    # only where a head or a capacity can open (`head_at` is 0 at any other word): found in one pass
    for at in [k for k, t in enumerate(toks) if t.t in heads or t.low in firsts]:
        if at < i:
            continue                  # inside a name read or a capacity passed over
        i = at
        k = c["capacities"].match(toks, i)[0] if toks[i].low in c["capacities"].firsts else 0
        if k:
            # `Cơ quan thường trực Hội đồng Thi đua` says what a body is, it names no other body
            i += k
            if i < len(toks) and head_at(toks, i):   # a capacity may end the run (`Điều 4. Cơ quan thường trực`)
                i = scan_name(toks, i)
            continue
        n = head_at(toks, i)
        if n:
            j = _qualified(toks, scan_name(toks, i, head=n))
            items = _colon_items(toks, i, j)
            if items:
                out.extend(items)
                i = items[-1][1]
                continue
            if j > i:
                out.append((i, j))
                more = other_levels(toks, i, j)
                out.extend(more)
                i = more[-1][1] if more else j
                continue
        i += 1
    return out


@lru_cache(maxsize=None)
def _field_codes() -> dict[str, str]:
    return {k.casefold(): v for k, v in (rules.load("abbreviations").get("fields") or {}).items()}


@lru_cache(maxsize=None)
def _fields_folded() -> frozenset:
    """The whole fields a name can end on: a department's (abbreviations.yaml `fields`) and a mass organization's
    (body_heads.yaml `whole_fields`: `Đoàn Thanh niên tổ chức …` ends at `Thanh niên`)."""
    fields = list(_field_codes().values()) + rules.load("body_heads").get("whole_fields", [])
    return frozenset(" ".join(TOKEN.findall(v.casefold())) for v in fields)


@lru_cache(maxsize=1)
def _longest_field() -> int:
    """Words in the longest field of rules/abbreviations.yaml `fields`."""
    return max(len(f.split(" ")) for f in _fields_folded())


def listed_name(head: str, raw: str) -> str:
    """A field listed after a plural head and a colon, as a body's name: `Sở` + `TC` → `Sở Tài chính`
    (rules/abbreviations.yaml `fields`), `Sở` + `Xây dựng` → `Sở Xây dựng`."""
    return f"{head} {_field_codes().get(raw.strip().casefold(), raw)}"


def _colon_items(toks: list[Tok], i: int, j: int) -> list[ListedSpan]:
    """`các sở: Nông nghiệp và Môi trường, Tài chính`, `Các phòng: Tổng hợp, Kế hoạch`: a plural kind of body,
    a colon, then the fields of each one (rules/roles.yaml `colon_heads`); or the fields in brackets, a whole
    name among them (`Các sở (Nội vụ, Tư pháp, Văn phòng UBND tỉnh, Tài chính)`), the bracket closing the list."""
    if j >= len(toks) or toks[j].t not in (":", "("):
        return []                     # (most names: no colon after them, no head to look up)
    c = role_rules()
    head = c["colon_heads"].get(" ".join(t.low for t in toks[i:j]).replace(" ,", ","))
    if not head:
        return []
    bracket = toks[j].t == "("
    # fields are parted by `;` when one comes first (`Văn hóa, Thể thao và Du lịch; Ngoại vụ`), else by `,`
    seps = [t.t for t in toks[j + 1:j + 30] if t.t in (",", ";")]
    sep = seps[0] if seps else ","
    inner = {",", "và"} if sep == ";" else {"và"}
    if j + 1 < len(toks) and toks[j + 1].low in _field_codes():
        sep, inner = (",", ";"), {"và"}          # codes (`TC; XD, NN&MT`) are parted by either
    # places (`Ủy ban nhân dân các huyện: Đức Trọng; Lâm Hà, Di Linh`): proper names only, parted by either
    places = head in {canonical(h) for h in rules.load("body_heads")["place_listed_heads"]} \
        or head.rsplit(" ", 1)[-1] in units.words()
    if places:
        sep, inner = (",", ";"), {"và"}
    out, k = [], j + 1
    m = k
    codes = _field_codes()
    while k < len(toks) and (is_cap(toks[k].t) or toks[k].t.isupper()) and _field_not_name(toks, k) \
            and (toks[k].low in codes or not c["titles"].match(toks, k)[0]):     # `CT` is Công Thương here
        m = k + max(1, c["comma_fields"].match(toks, k)[0])     # `Văn hóa, Thể thao và Du lịch` is one field
        while m < len(toks) and m - k < 10 and (re.match(r"[\wĐđ&]", toks[m].t) or toks[m].t in inner or _joining_dot(toks, m)
                                          or toks[m].t in ("-", "–") and m + 1 < len(toks) and is_cap(toks[m + 1].t)) \
                and not (c["stop"].match(toks, m)[0] and not (places and is_cap(toks[m].t)) and not in_compound(toks, m, c)) \
                and not (toks[m].t in inner and (m + 1 == len(toks)
                                                             or head_at(toks, m + 1) or not is_cap(toks[m + 1].t))) \
                and not (places and not (is_cap(toks[m].t) or toks[m].t.isdigit() or toks[m].t in ("-", "–"))):
            m += 1
        out.append(listed_span(k if out else i, m, head, k))
        if m + 1 < len(toks) and toks[m].t in sep:
            k = m + 1
            while bracket and k < len(toks) and head_at(toks, k):
                m = scan_name(toks, k)    # a whole name among the fields: `Văn phòng UBND tỉnh`, to its comma
                m = next((x for x in range(k + 1, m) if toks[x].t in sep), m)
                out.append(ListedSpan((k, m)))
                if not (m + 1 < len(toks) and toks[m].t in sep):
                    break
                k = m + 1
            if m < len(toks) and toks[m].t == ")":
                break
            continue
        break
    if bracket and not (m < len(toks) and toks[m].t == ")"):
        return []                     # a remark in brackets, not a list of the departments
    return out


def _joining_dot(toks: list[Tok], m: int) -> bool:
    """A dot inside one code, no space on either side (`V.III`, the Government Office's Vụ III)."""
    return toks[m].t == "." and 0 < m < len(toks) - 1 and toks[m - 1].e == toks[m].s == toks[m + 1].s - 1 \
        and toks[m + 1].t.isupper()


def _field_not_name(toks: list[Tok], k: int) -> bool:
    """Whether a listed item at token k is a field, not a body's whole name: no head opens it, or a head stands
    there alone (`Các Bộ: Quốc phòng, Công an, Ngoại giao`: `Công an` is Bộ Công an's field)."""
    h = head_at(toks, k)
    return not h or k + h >= len(toks) or toks[k + h].t in (",", ";", ".", "và", ")")


def _qualified(toks: list[Tok], j: int) -> int:
    """End of a name with its bracketed qualifier: `Đoàn Luật sư tỉnh Lâm Đồng (cũ)` is not the `(mới)` one."""
    if j < len(toks) and toks[j].t == "(":
        k, _ = role_rules()["qualifiers"].match(toks, j + 1)
        if k and j + 1 + k < len(toks) and toks[j + 1 + k].t == ")":
            return j + 2 + k
    return j


def strip_title(toks: list[Tok], i: int) -> tuple[int, str | None]:
    """Skip a person's title before a name: (index where the body starts, title)."""
    c = role_rules()
    k, title = c["titles"].match(toks, i) if i < len(toks) and toks[i].low in c["titles"].firsts else (0, None)
    if not k:
        return i, None
    keeps = c["raw"]["title_keeps_head"]
    if title in keeps:
        return i + k - len(TOKEN.findall(keeps[title])), title
    j = i + k
    while j < len(toks) and toks[j].t in (",", "các", "Phó", "PCT", "PCVP", "PCTT", ":"):     # `Giám đốc: Sở A, Sở B`
        if toks[j].t == "các" and head_at(toks, j):
            break             # `Thủ trưởng các cơ quan chuyên môn`: the collective is the body
        j += 1
    return j, title


_ABBREVIATION_DOT = re.compile(r"(?<=[A-ZĐ])\.(?=[A-ZĐ])")     # `VP.UBND`: compiled once, as every pattern here


def body_item(name_raw: str, role: str, start: int, end: int, text: str, places, how: str) -> dict:
    """A bodies item: the canonical name (its place completed from the issuer's), as written, role, span."""
    canon = resolve_jurisdiction(canonical(_ABBREVIATION_DOT.sub(" ", name_raw) if "." in name_raw else name_raw), places)
    canon = role_rules()["raw"]["heads_of_collectives"].get(canon.casefold(), canon)    # `Các Bộ trưởng` → `các Bộ`
    if canon.split(" ", 1)[0] in ("phòng", "khoa", "văn"):
        canon = canon[:1].upper() + canon[1:]          # `Trưởng phòng Tổ chức cán bộ` → `Phòng Tổ chức cán bộ`
    return {"name": canon, "name_as_written": name_raw, "role": role, "text": text,
            "start": start, "end": end, "source": how}
