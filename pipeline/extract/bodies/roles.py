"""Roles: the cues of a clause (subject verbs, object cues) and the role each name gets from them."""
from __future__ import annotations

import re
from functools import lru_cache
from pipeline.extract.bodies.clauses import Emitter, list_end, subject_prefix
from pipeline.extract.bodies.grammar import in_compound, name_start, role_rules
from pipeline.extract.bodies.tokens import is_cap, skip_brackets
from pipeline.extract.bodies.vocab import nominal_list_comma, vague
from pipeline.text import units


def _scan_cues(toks, a, b, skip, refs, name_ends=frozenset()):
    """Object cues and subject verbs of tokens a..b outside `skip`; a cue right after a cited
    document (`Quyết định số 510/QĐ-UBND giao Thanh tra tỉnh`) tells that document's task, so the
    scan stops there and the second value is where it stopped."""
    c = role_rules()
    cues, verbs = [], []
    nominal_end = nominal_list_comma(toks, a, b, skip, c)   # end of the last verb read as a noun (`công tác quản lý, kiểm tra`)
    i = a
    firsts = c["cue_firsts"]
    # only the words that open a cue are read (found in one pass); of the others, a `,` or `và` right after a verb read
    # as a noun (outside `skip`) carries its noun list on
    for at in [k for k in range(a, b) if toks[k].low in firsts and k not in skip]:
        if at < i:
            continue
        while i <= nominal_end < at and nominal_end not in skip and toks[nominal_end].t in (",", "và"):
            nominal_end += 1
        i = at
        low = toks[i].low             # the word opens a phrase of one of the three: only those are tried
        k = c["not_cues"].match(toks, i)[0] if low in c["not_cues"].firsts else 0
        if not k and i > a and toks[i - 1].low in c["not_cues"].firsts:
            k = max(0, c["not_cues"].match(toks, i - 1)[0] - 1)   # `… thuộc Chương trình:` whose `Chương` a name took
        if k:
            i += k
            continue
        # a capital inside a clause starts a name or a title, unless a colon near the start or after a body
        # opens a task there (`Bước 1: Trình Ủy ban nhân dân cấp tỉnh`, `Sở Xây dựng: Tiếp tục …`)
        # or after the matter a clause opens on (`- Đối với kiến nghị về bầu cử: Chuyển đến Tổ bầu cử …`)
        capital = i > a and is_cap(toks[i].t) and not (toks[i - 1].t == ":" and (
            i - 1 in name_ends or i - a <= 4 or _subject_marker(toks, a) and ":" not in {t.t for t in toks[a:i - 1]}))
        k, role = c["object_cues"].match(toks, i) if low in c["object_cues"].firsts else (0, None)
        if k and capital:
            i += k                        # `Ông Trương Văn Trình`, `Dự án 8: Nâng cao …`: a name or title, no task
            continue
        if not k and i in name_ends:       # `Đảng ủy xã lãnh đạo Ủy ban nhân dân xã …`: a verb right after its subject
            k, role = c["after_subject_cues"].match(toks, i)
        if k and not _names_a_document(toks, i + k, refs) and not _after(toks, i, c["noun_before_cue"]):
            if i > a and i - 1 in refs:
                return cues, verbs, i
            cues.append((i, i + k, role))
            i += k
            continue
        k, role = c["subject_verbs"].match(toks, i) if low in c["subject_verbs"].firsts else (0, None)
        if k and in_compound(toks, i, c):
            k = 0                         # `cử` of `bầu cử` appoints no one
        if k and capital:
            i += k
            continue
        if k and not _names_a_document(toks, i + k, refs):
            if role != "advise" and (_after(toks, i, c["noun_before_verb"]) and i not in name_ends or nominal_end == i
                                     or (nominal_end == i - 1 and toks[i - 1].t in (",", "và"))):
                nominal_end = i + k       # a task word used as a noun is no task: `tăng cường công tác kiểm tra`
                                          # (after a name that ends in such a noun, `Tổ công tác có nhiệm vụ`, it is)
                i += k
                continue
            verbs.append((i, i + k, role))
            i += k
            continue
        if nominal_end == i and toks[i].t in (",", "và"):
            nominal_end = i + 1
        i += max(k, 1)
    return cues, verbs, b


def _after(toks, i: int, words: frozenset) -> bool:
    """Whether the one or two words before token i are one of `words`."""
    one = toks[i - 1].low if i >= 1 else ""
    two = f"{toks[i - 2].low} {one}" if i >= 2 else ""
    return one in words or two in words


def _names_a_document(toks, j: int, refs) -> bool:
    """`Tờ trình số 141/TTr-STP`, `Đơn đề nghị số 258`: the cue word is the name of a document there."""
    return j < len(toks) and (toks[j].low == "số" or j in refs)


def _opened_subject(toks, start, b, names_in):
    """`Trong thời hạn 60 ngày, Ban Chủ nhiệm … có trách nhiệm`: the subject after an opening adverbial."""
    c = role_rules()
    k, _ = c["openers"].match(toks, start)
    if not k:
        return [], start
    # (`Đối với đơn thư …: Ban Thường trực … chuyển …`: the matter's colon, as a comma, ends the opening)
    comma = next((i for i in range(start + k, b) if toks[i].t in (",", ":")), None)
    nominal = toks[start + k - 1].low == "của"    # `Dưới sự chỉ đạo của Huyện ủy, …`: the bodies before the comma are the cue's
    if comma is None or not nominal and toks[comma].t == "," and any(start <= x < comma for x, _ in names_in):
        return [], start
    return subject_prefix(toks, comma + 1, names_in)


_HEADING_FILLERS = {",", "và", "cơ", "quan", "đơn", "vị", "*", "-", "+", "–", "(", ")"}


def _role_heading(toks, a, b, names_in, in_name):
    """`Chịu trách nhiệm tham mưu: Phòng Tổng hợp`, `Phối hợp: Sở A, Sở B`: role words, a colon, then only
    bodies; the bodies take the role of the last role word before the colon. None for other clauses."""
    c = role_rules()
    colon = next((i for i in range(a, b) if toks[i].t == ":"), None)
    if colon is None or colon == a:
        return None
    i, role = a, None
    while i < colon:
        k, r = c["object_cues"].match(toks, i)
        if not k:
            k, r = c["subject_verbs"].match(toks, i)
        if k:
            role, i = r, i + k
        elif toks[i].low in _HEADING_FILLERS:
            i += 1
        else:
            return None
    listed = [n for n in names_in if n[0] > colon]
    rest = [t for m, t in enumerate(toks[colon + 1:b], colon + 1) if m not in in_name and t.t not in (",", ";", ".", "và")]
    if role is None or not listed or rest:
        return None
    return role, listed


def _subject_marker(toks, i: int) -> int:
    """Length of a `subject_markers` phrase (rules/roles.yaml) opening at token i, 0 when none."""
    for words in role_rules()["subject_markers"]:
        if [t.low for t in toks[i:i + len(words)]] == words:
            return len(words)
    return 0


def _task_follows(toks, j: int, b: int) -> bool:
    """After `Đối với <body>`: a colon, a comma or a task verb says the body is given what follows
    (`Đối với Sở Y tế: …`, `Đối với Công an tỉnh xây dựng …`); `Đối với các cơ sở tại …` names a place."""
    if j >= b:
        return False
    return toks[j].t in (":", ",", "-", "–") or bool(role_rules()["subject_verbs"].match(toks, j)[0])


def read_clause(em: Emitter, toks, a, b, names, actor, refs=frozenset(), quoted=frozenset()):
    """Roles in one clause; returns the subject that later clauses of the line inherit."""
    c = role_rules()
    names_in = [n for n in names if a <= n[0] and n[1] <= b]
    in_name = set()
    for x, y in names_in:
        in_name.update(range(x, y))
    heading = _role_heading(toks, a, b, names_in, in_name)
    if heading:
        role, listed = heading
        for n in listed:
            em.add(toks, n, role, "role-heading")
        return actor
    cues, verbs, b = _scan_cues(toks, a, b, in_name | refs | quoted, refs, frozenset(y for _, y in names_in))
    names_in = [n for n in names_in if n[1] <= b]
    cues = sorted(cues + _report_cues(toks, a, b, in_name, cues))
    # the subject: names at the clause start, or after `Giao` / `Đề nghị`, or after an opening adverbial
    start = a + 1 if toks[a].t == "(" and a + 1 < b else a
    marker = _subject_marker(toks, start)
    named = next((n for n in names_in if n[0] == start + marker), None) if marker else None
    if named and _task_follows(toks, skip_brackets(toks, named[1]), b):
        start += marker               # `Đối với Công an tỉnh xây dựng kế hoạch …`: the body is the subject
    lead_cue = None
    k, role = c["object_cues"].match(toks, start)
    if not k:
        k, role = c["opening_cues"].match(toks, start)
    if k and role == "lead":
        lead_cue = role
        start = start + k
    subj, after = subject_prefix(toks, start, names_in)
    if not subj and not lead_cue:
        subj, after = _opened_subject(toks, start, b, names_in)
    subject = actor
    used = set()
    quiet = False
    own = []
    if subj:
        first_act = min([x for x, _, _ in verbs + cues if x >= after] + [b])
        k_not = any(c["not_a_task"].match(toks, i)[0] and not c["task_passives"].match(toks, i)[0]
                    for i in range(after, min(first_act + 1, b)))
        if lead_cue or (verbs or cues) and not k_not:
            own = [(n, title) for n, title in subj
                   if not title or lead_cue or any(v[2] == "lead" and v[0] >= after for v in verbs)]
            subject = [(toks, n) for n, _ in own]
            used.update(n for n, _ in own)
        elif k_not and (verbs or cues or c["not_a_task"].match(toks, after)[0]):
            return []                         # `Sở Nội vụ đã chỉ đạo …`: a report of what was done assigns nothing
        elif _open_verb(toks, a, after, b, actor) and _directs(em.doc):
            own = list(subj)                  # `Kho bạc Nhà nước khu vực VIII thanh toán …`: any verb after it
            subject = [(toks, n) for n, _ in own]
            used.update(n for n, _ in own)
    else:
        main = _after_condition(toks, a, b, sorted(x for x, _, _ in verbs + cues))
        early = [x for x, _, _ in verbs + cues if x <= a + 4 or main is not None and main <= x <= main + 4]
        if not early and not c["titles"].match(toks, start)[0]:
            # (a clause that opens on a person, `Trưởng thôn, Bí thư Chi bộ phối hợp với Ban Công tác Mặt trận
            # thôn …`, opens on its subject: the bodies its cues name take their roles)
            # a sentence that does not open on a task: only the bodies the issuer itself tells to act
            # count (`Để đẩy nhanh tiến độ …, UBND tỉnh yêu cầu các sở, ban, ngành …`)
            cues = [cu for cu in cues if cu[2] in c["raw"]["late_cues"] and em.issuer_before(toks, cu[0], names_in)]
            if not cues:
                return actor
            quiet = True
    # objects: names after a cue with only names and separators between
    objects = _objects(toks, cues, verbs, [n for n in names_in if n not in used], refs)
    verbs = _drop_complements(toks, verbs, cues)
    roles = _subject_roles(toks, cues, verbs, objects, names_in, after, b)
    # a subject whose only act is to hand the task on (`Sở Nội vụ yêu cầu các phòng …`, `Ban Thường vụ Tỉnh ủy đề
    # nghị các cấp ủy …`) asks, it does not carry the task out
    # (one that also directs a body itself, `X chỉ đạo lực lượng Y và đề nghị Z …`, does the directing)
    leads = [cue for _, r, cue in objects if r == "lead" and cue[0] >= after]
    hands_on = not roles and not lead_cue and bool(leads) and all(_requests(toks, cue) for cue in leads)
    if (not roles and not hands_on) or "lead" in roles:
        # the clause's own subject leads unless all it is asked is to advise, monitor or coordinate
        # (`Sở Tư pháp tham mưu triển khai …`, `Giao Công an tỉnh theo dõi …`, `Đề nghị Sở Y tế phối hợp …`)
        for n, title in own:
            em.add(toks, n, "lead", "subject", title)
    if subject and not quiet:
        for tk, n in subject:
            for r in sorted(roles):
                em.add(tk, n, r, "subject-verb")
    told = []
    for n, role, cue in objects:
        before = len(em.out)
        em.add(toks, n, role, "object")
        raw = role_rules()["raw"]
        pointer = toks[cue[1] - 1].low in raw["report_pointers"] or toks[n[0] - 1].low in raw["addressee_pointers"] \
            and is_cap(toks[n[0]].t) and toks[n[0]].low not in ("các", "những")
        if role == "report_to" and len(em.out) > before and pointer:
            em.out[-1]["pointed"] = True    # `báo cáo kết quả về X`: the pointer names X the addressee
        if role == "lead" and cue[0] > a and not _nominal(toks, cue[0]):
            # `giao Công an tỉnh tổng hợp …; tham mưu …`: the body told to act does what follows
            told.append((toks, n))
            nxt = min((x for x, _, _ in cues if x > n[1]), default=b)
            for r in sorted({r for x, _, r in verbs if n[1] <= x < nxt} - {"lead"}):
                em.add(toks, n, r, "subject-verb")
    if subject and not quiet:
        for n in _urged(toks, verbs, names_in, b):
            em.add(toks, n, "lead", "object")
    return told or subject


def _urged(toks, verbs, names_in, b) -> list:
    """`theo dõi, đôn đốc các sở, ngành thực hiện`: the bodies right after a monitoring verb, when a task verb follows
    them, are the ones that carry the task out (they lead; the subject monitors)."""
    out = []
    for x, y, r in verbs:
        if r != "monitor":
            continue
        listed, i = [], y
        while i < b:
            hit = next((n for n in names_in if n[0] == i), None)
            if hit is None:
                break
            listed.append(hit)
            i = hit[1]
            if i < b and toks[i].t in (",", "và"):
                i += 1
                continue
            break
        # (bodies it names: a generic collective after the verb, `đôn đốc các cơ quan, đơn vị thực hiện`, is the
        # verb's reach, not a body given the task)
        if listed and any(v[0] == listed[-1][1] and v[2] == "lead" for v in verbs):
            out.extend(n for n in listed if not vague(" ".join(t.t for t in toks[n[0]:n[1]])))
    return out


def _after_condition(toks, a: int, b: int, acts: list[int]) -> int | None:
    """Where the main clause starts after an opening condition or adverbial (`Nếu có khó khăn, vướng mắc, báo
    cáo về Sở …`, `Trường hợp vượt thẩm quyền, báo cáo …`, `Về nội dung nêu trên, Thủ tướng Chính phủ giao …`,
    `Đối với kiến nghị về bầu cử: chuyển đến Tổ bầu cử …`): after the last colon, else the last comma, before the
    first act that follows it; the task it sets is read as if the sentence
    opened on it."""
    cond = next((i for i in range(a, min(b, a + 8)) if toks[i].low in ("nếu", "khi")
                 or toks[i].low == "trường" and i + 1 < b and toks[i + 1].low == "hợp"), None)
    if cond is None and toks[a].low == "về" and a + 1 < b and toks[a + 1].low != "phía":
        cond = a                      # `Về nội dung nêu trên, Thủ tướng Chính phủ giao …`: what the sentence is about
    if cond is None and toks[a].low == "đối" and a + 1 < b and toks[a + 1].low == "với":
        cond = a                      # `Đối với đơn thư …: Ban Thường trực … chuyển ngay đến …`: the matter it is about
    if cond is None and role_rules()["openers"].match(toks, a)[0]:
        cond = a                      # `Ngay sau hội nghị, gửi …`, `Trong thời hạn 05 ngày, báo cáo …`: when, first
    first = next((x for x in acts if cond is not None and x > cond), None)
    if first is None:
        return None
    colon = max((i for i in range(cond, first) if toks[i].t == ":"), default=None)
    if colon is not None:
        return colon + 1              # the matter's colon opens the main clause
    comma = max((i for i in range(cond, first) if toks[i].t == ","), default=None)
    return comma + 1 if comma is not None else None


def _requests(toks, cue) -> bool:
    """Whether a lead cue asks another body to act (`yêu cầu`, `đề nghị`, `giao`: rules/roles.yaml `request_cues`),
    rather than name a task of the subject's own (`chỉ đạo các thôn …`: directing is the subject's work)."""
    return " ".join(t.low for t in toks[cue[0]:cue[1]]) in role_rules()["raw"]["request_cues"]


def _report_cues(toks, a, b, in_name, cues) -> list:
    """`báo cáo kết quả về Sở Nội vụ`: `về`, `qua`, `cho` point to whom, after a report word only."""
    c = role_rules()
    words, firsts = c["report_words"], c["report_firsts"]
    at = next((i for i in range(a, b) if toks[i].low in firsts and (toks[i].low in words
               or (i + 1 < b and f"{toks[i].low} {toks[i + 1].low}" in words))), None)
    out = []
    i = b if at is None else at + 1
    about = c["report_about"]
    while i < b:
        k, _ = about.match(toks, i) if toks[i].low in about.firsts else (0, None)
        if k and i not in in_name and not any(x <= i < y for x, y, _ in cues):
            out.append((i, i + k, "report_to"))
        i += max(k, 1)
    return out


def _subject_roles(toks, cues, verbs, objects, names_in, after, b) -> set[str]:
    """What the clause asks of its subject: verbs before the first object; advise and monitor up to the
    first body told to act or reported to (`gửi Ủy ban nhân dân tỉnh biết, theo dõi` is the receiver's);
    coordinate from `phối hợp`, unless it presides (`chủ trì, phối hợp với X`: then X coordinates)."""
    first_obj = min((x for x, _, _ in cues if x >= after), default=b)
    # a verb after a body the subject monitors or advises is that body's (`theo dõi, đôn đốc các sở thực hiện`,
    # `tham mưu Ủy ban nhân dân tỉnh bố trí kinh phí`)
    # (the person who heads it too: `tham mưu Giám đốc Sở bố trí`, `tham mưu Bộ trưởng quyết định`)
    titles = role_rules()["titles"]
    first_obj = min([first_obj] + [n[0] for n in names_in if n[0] >= after
                                   and any(r in ("monitor", "advise") and y <= n[0] <= y + 1 for _, y, r in verbs)]
                    + [y for _, y, r in verbs if r == "advise" and y >= after and titles.match(toks, y)[0]])
    handed = min([n[0] for n, r, cue in objects if r in ("lead", "report_to") or _requests(toks, cue)]
                 + [i for i in range(after, b) if toks[i].low == "biết"], default=b)
    roles = {r for x, _, r in verbs if x < first_obj or (r in ("advise", "monitor") and x < handed)}
    if any(r == "lead" and x >= after and not any(after <= n[0] <= y + 2 for n in names_in) and not _nominal(toks, x)
           for x, y, r in cues):
        roles.add("lead")             # `Đề nghị Ủy ban MTTQ tỉnh chỉ đạo hướng dẫn, kiểm tra …`: a lead cue with no body
                                      # after it, before any other body, is the subject's own task
    presides = any(" ".join(t.low for t in toks[x:y]) in role_rules()["raw"]["presiding_verbs"] for x, y, _ in verbs)
    # (`chủ trì, phối hợp với doanh nghiệp kinh doanh cảng …`: a presiding subject works with a partner the grammar may
    # not name, it does not coordinate itself)
    if any(r == "coordinate" and x < handed and (not presides or not _names_after(toks, cues, names_in, r)
                                                 and toks[y - 1].low not in _PARTNER_WORDS)
           and not _nominal(toks, x) for x, y, r in cues):
        roles.add("coordinate")
    return roles


def _nominal(toks, x: int) -> bool:
    """Whether the cue at token x names its act as a noun (`sự phối hợp của`: rules/roles.yaml `nominal_cue_word`)."""
    return toks[x].low == role_rules()["raw"]["nominal_cue_word"]


def _drop_complements(toks, verbs, cues=()):
    """`tham mưu triển khai thực hiện …`: the verbs right after `tham mưu` say what the advice is about; so do
    those right after `phối hợp` (`phối hợp tổ chức kiểm tra` coordinates, it does not monitor)."""
    out, end = [], None
    after_cue = {y for _, y, r in cues if r == "coordinate"}
    for x, y, r in verbs:
        if end == x or x in after_cue and r != "advise":
            end = y
            continue
        end = y if r == "advise" else None
        out.append((x, y, r))
    # `tăng cường kiểm tra`, `tiếp tục theo dõi`: a verb that only says how leaves the role to the verb right after it
    aux = role_rules()["raw"]["auxiliary_verbs"]
    return [(x, y, r) for x, y, r in out if not (r == "lead" and " ".join(t.low for t in toks[x:y]) in aux
                                                  and any(x2 == y and r2 != "lead" for x2, _, r2 in out))]


# words after a subject that open no task of its own: `Sở Y tế là cơ quan …`, `Bộ Y tế của …`
_NOT_A_VERB = {"của", "thuộc", "là", "và", "các", "những", "tại", "trên", "ở", "với", "theo", "trong", "cho", "về", "để",
               "do", "này", "đó", "nào", "năm", "ngày", "tháng", "số", "không", "cũng", "gồm", "bao", "như", "hoặc",
               "hay", "từ", "đến", "sau", "trước", "khi", "nếu", "thì", "mà", "vì", "nên", "bị", "có", "chưa", "thành",
               "ủy", "uỷ", "ra", "nhiệm", "lần", "quý", "hằng", "hàng", "đồng", "một", "hai", "nơi"}


def _open_verb(toks, a, after, b, actor) -> bool:
    """Whether a lower-case word that can be a verb follows the subject, with words after it: a clause of a
    plan that opens on a body says what that body does, whatever its verb (`Kho bạc Nhà nước thanh toán kinh
    phí`, `Cổng Thông tin điện tử tỉnh đăng tải …`), not only the verbs of rules/roles.yaml. The clause opens
    a sentence, or follows one that gave a body a task (`Sở A chủ trì …; Sở B đăng tải …`)."""
    if after + 1 >= b or toks[after - 1].t in (",", "và", ";"):
        return False                  # `Cổng Thông tin điện tử tỉnh, … và hệ thống …`: a list of things runs on
    if a > 0 and toks[a - 1].t not in (".", ":", "(") and not (actor and toks[a - 1].t == ";"):
        return False                  # `Hợp nhất Hội A; Hội B và Hội C thành …`: a clause inside another's sentence
    w = toks[after].t
    if not w[:1].islower() or w in _NOT_A_VERB:       # (`[a-zà-ỹ]` would take `Đ`, `Ư`: the range holds capitals)
        return False
    # the name ended at a word that ends names (rules/roles.yaml `name_stop`), or where a name ends of itself: on a
    # proper name or a unit's word (`Ủy ban nhân dân xã Tân Lập phát huy …`, `Công an xã bảo vệ …`), not where a run
    # of lower-case words was cut (`Các Hội công chứng viên thuộc diện …`)
    return bool(role_rules()["stop"].match(toks, after)[0]) or _closed_name(toks, after)


def _closed_name(toks, after: int) -> bool:
    """Whether the name before token `after` ends as names end: on a unit's word (`tỉnh`, `xã`) or on a proper name
    after its head (`Sở Tư pháp Lâm Đồng`); a bare head (`Các Hội công chứng viên …` read as `Các Hội`) was cut."""
    last = toks[after - 1]
    if last.low in _unit_words():
        return True
    k = after - 1
    while k > 0 and is_cap(toks[k - 1].t) and toks[k - 1].low != "các":
        k -= 1
    return is_cap(last.t) and k < after - 1


@lru_cache(maxsize=1)
def _unit_words() -> frozenset:
    return frozenset(w.split()[-1] for w in units.words())


def _objects(toks, cues, verbs, names_in, refs):
    """(name, role, cue) of the names a cue points to: only names, separators, people's titles and the
    cited documents they sent (`Sở Tư pháp tại Tờ trình số 141/TTr-STP`) between, no other verb."""
    c = role_rules()
    petitioner = re.compile(c["raw"]["petitioners"])
    covered = {i for x, y in names_in for i in range(x, y)}
    acts, starts = verbs + cues, {name_start(n): n for n in names_in}
    out = []
    for n in names_in:
        prev = [cu for cu in cues if cu[1] <= n[0]]
        if not prev:
            continue
        cue = prev[-1]
        cx, cy, role = cue
        if any(cy <= x < n[0] for x, _, _ in verbs):
            continue                          # `phối hợp Ban cán sự … tham mưu Ban Thường vụ`: another verb's object
        gap, i = 0, cy
        while i < n[0]:
            k, _ = c["titles"].match(toks, i)
            if k:
                i += k
                continue
            if toks[i].low == "tại":          # `… tại Tờ trình số 141/TTr-STP ngày …`: where the body asked
                while i < n[0] and toks[i].t not in (",", ";", "và"):
                    i += 1
                continue
            if i not in covered and i not in refs and toks[i].low not in _OBJECT_SEPARATORS:
                gap += 1
            i += 1
        # (a partner's list may hold one the grammar does not name: `phối hợp với doanh nghiệp kinh doanh cảng, kho, bãi,
        # chính quyền địa phương …`; no verb between, checked above)
        listed = role == "coordinate" and toks[cy - 1].low in _PARTNER_WORDS and toks[n[0] - 1].low in (",", "và", ";") \
            and _list_items_only(toks, cy, n[0])
        if gap > (10 if listed else 6 if role == "report_to" else 2):
            continue
        if role == "advise" and petitioner.match(toks[n[0]].t + " " + " ".join(t.t for t in toks[n[0] + 1:n[1]])):
            continue                          # `Theo đề nghị của Hội X tại Đơn …`: an applicant, not an adviser
        out.append((n, _told_role(toks, n, role, cue, acts, starts), cue))
    return out


def _list_items_only(toks, a: int, b: int) -> bool:
    """Whether tokens a..b read as items of a list (`doanh nghiệp kinh doanh cảng, kho, bãi,`), no word that opens a
    complement between (`làm việc với Ban Chấp hành Hội … về nhân sự …`); a bracket's words are an aside."""
    depth = 0
    for t in toks[a:b]:
        depth += (t.t == "(") - (t.t == ")")
        if not depth and t.low in _COMPLEMENT_WORDS:
            return False
    return True


# the words a coordinate cue names its partners after (`phối hợp với`, `phối hợp cùng`)
_PARTNER_WORDS = ("với", "cùng")
_COMPLEMENT_WORDS = frozenset(("về", "với", "của", "cho", "tại", "trong", "để", "nhằm", "theo", "đến", "từ", "giữa"))


def _told_role(toks, n, role, cue, acts, starts) -> str:
    """A body asked to act (`đề nghị`, `giao`, `yêu cầu`) is given the role of the verb right after it, or after
    the list it stands in: `Sở Y tế chủ trì và đề nghị Công an tỉnh phối hợp …` asks Công an tỉnh to coordinate."""
    if role != "lead" or not _requests(toks, cue):
        return role
    j = list_end(toks, n, starts, len(toks))
    return next((r for x, _, r in acts if x == j and r in ("coordinate", "advise", "monitor")), role)


_OBJECT_SEPARATORS = {",", ";", "và", "(", ")", "với", "cho", "về", "các", ":", "tại", "ngày"}


def _names_after(toks, cues, names_in, role) -> bool:
    """Whether a cue of `role` has a name right after it."""
    for x, y, r in cues:
        if r == role and any(y <= n[0] <= y + 2 for n in names_in):
            return True
    return False


def _directs(doc) -> bool:
    """Whether the document gives tasks in its running text: a report, minutes or a submission tells what
    was done (rules/roles.yaml `narrative_types`), so a verb outside the task vocabulary there is no task."""
    return (doc.metadata.get("doc_type") or "") not in role_rules()["raw"]["narrative_types"]
