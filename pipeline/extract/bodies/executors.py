"""The articles a Nơi nhận points to and the executing sentences of acts: `Như Điều 3` stands for the bodies that
article names (recipients), and the bodies an executing sentence lists lead (`… chịu trách nhiệm thi hành Quyết định
này`), both read as lists with `recipients.item_bodies`."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.parse.document import Doc
from pipeline.extract.bodies.places import doc_places
from pipeline.extract.bodies.grammar import body_item, role_rules
from pipeline.extract.bodies.recipients import item_bodies
from pipeline.extract.bodies.tokens import body_regions, tokenize
from pipeline.text.matching import word_led


def merges(it: dict, items: list[dict]) -> bool:
    """Whether a list reading's `it` reads again what the clause reading read there: it overlaps a body already
    read, other than as that one name read longer (`Phòng Kế hoạch tổng hợp` where the clause stopped at `Phòng
    Kế hoạch`); `cơ quan ngang bộ, cơ quan thuộc Chính phủ` where each was read is two bodies, not a third."""
    over = {(x["start"], x["end"]) for x in items if x["start"] < it["end"] and it["start"] < x["end"]}
    if not over:
        return False
    (a, b), = over if len(over) == 1 else ((None, None),)
    return a is None or not (it["start"] <= a and b <= it["end"]) or bool(re.search(r",|;|\bvà\b", it["text"]))


_POINTER = re.compile(r"^\s*[-+•*–]?\s*Như\s+((?:(?:khoản|điểm)\s+\S+\s+)*Điều\s+[\dIVX]+(?:\s*(?:,|và)\s*(?:Điều\s+)?[\dIVX]+)*)",
                      re.I)


def pointed_recipients(doc: Doc, items: list[dict]) -> list[dict]:
    """`Như Điều 3` in the Nơi nhận stands for the bodies that article names (DATASET.md "bodies"): each body
    given a part there is also a recipient. (`Như trên` in a letter points to the Kính gửi line, whose
    bodies are read as recipients already.)"""
    if not role_rules()["raw"].get("pointed_recipients"):
        return []
    closing = doc.structure.closing_start
    articles: set[str] = set()
    for ln in doc.recipients:
        m = _POINTER.match(ln.text) if ln.start >= closing else None
        if m:
            articles.update(re.findall(r"[\dIVX]+", re.split(r"(?i)điều", m.group(1), maxsplit=1)[1]))
    if not articles:
        return []
    spans = {}                        # the document's own articles: the first of each number, before the signature
    for sec in doc.sections:
        m = re.fullmatch(r"Điều\s+(\S+)", str(sec.get("label", "")))
        if m and m.group(1) in articles and sec["start"] < closing:
            spans.setdefault(m.group(1), (sec["start"], sec["end"]))
    spans = list(spans.values())
    out, seen = [], set()
    for it in items:
        if it["role"] == "lead" and any(a <= it["start"] < b for a, b in spans) and it["name"] not in seen:
            seen.add(it["name"])
            out.append({**it, "role": "recipient", "source": "recipient"})
    for a, b in spans if role_rules()["raw"].get("pointed_executors") else ():
        for it in _executors(doc, a, b, doc_places(doc.metadata)):
            if it["name"] not in seen and not merges(it, out):
                seen.add(it["name"])
                out.append(it)
    return out


# `\b(?:chịu trách nhiệm|có trách nhiệm|căn cứ…)…`, the `c` they open with factored out (`word_led`: `re` skips to it in C)
_EXECUTES = re.compile(word_led(r"\bc(?:hịu trách nhiệm|ó trách nhiệm|ăn cứ[^.;\n]{0,40}?)\s+(?:tổ chức\s+)?(?:thi hành|thực hiện)\b"),
                       re.I)


# people among the executors (`và các ông, bà có tên tại Điều 1`, `tổ chức, cá nhân có liên quan`), up to the next `;`
# people charged with the act (`các ông, bà có tên tại Điều 1`, `các thành viên UBND tỉnh`): blanked up to the next
# item that opens with a capital (`, Giám đốc Sở Nội vụ`), a `;`, or the end
_PEOPLE = re.compile(r"(?:^|,|;|\bvà)\s*(?:(?:các\s+)?(?:cơ quan,?\s*)?tổ chức,?\s*)?(?:các\s+)?"
                     r"(?:ông|bà|cá nhân|thành viên|đồng chí|đ/c)\b[^;]*?(?=\s*[,;]\s*(?-i:[A-ZĐÀ-Ỹ])|;|$)", re.I)


# the executing sentence proper of an act (`… chịu trách nhiệm thi hành Quyết định này`)
_EXECUTES_ACT = re.compile(word_led(r"\bc(?:hịu\s+trách\s+nhiệm|ó\s+trách\s+nhiệm|ăn cứ[^.;\n]{0,40}?)\s+(?:tổ chức\s+)?thi\s+hành\b"),
                           re.I)


def executing_leads(doc: Doc, places) -> list[dict]:
    """The bodies an act's executing sentence lists lead (DATASET.md "bodies": `chịu trách nhiệm`), read as a
    list as `Như Điều 3` reads it: a decree's or a decision's closing article names ministries, offices and
    committees by their heads' titles (`Chánh Văn phòng Bộ, Vụ trưởng Vụ Tổ chức cán bộ, Chánh Thanh tra Bộ
    và Thủ trưởng các đơn vị thuộc Bộ chịu trách nhiệm thi hành …`), where a clause reading loses the thread."""
    items = _executors(doc, doc.structure.header_end, doc.structure.closing_start, places, _EXECUTES_ACT)
    petitioner = re.compile(role_rules()["raw"]["petitioners"])
    return [{**it, "role": "lead", "source": "executes"} for it in items
            if _through_head(doc, it) or not petitioner.match(it["name"]) and not _VAGUE_GROUP.match(it["name"])]


_VAGUE_GROUP = re.compile(r"(?i)các\s+(?:cơ quan|đơn vị|tổ chức)\b[^;]*\bliên quan$")


def _through_head(doc: Doc, it: dict) -> bool:
    """Whether the executing sentence names the body through its head's title (`Vụ trưởng Vụ Tổ chức cán bộ`,
    `Thủ trưởng các đơn vị thuộc Bộ`, `Các Bộ trưởng`): the article charges the head of a body with it. A body
    named bare there (an association a decision sets up, `các cơ quan, đơn vị có liên quan`) is told of it."""
    if it["name"] in role_rules()["raw"]["heads_of_collectives"].values():
        return True
    line_start = doc.text.rfind("\n", 0, it["start"]) + 1
    before = tokenize(doc.text[max(line_start, it["start"] - 30):it["start"]])
    c = role_rules()
    if any(k and all(t.t in ("các", "Phó") for t in before[i + k:])
           for i in range(len(before)) for k in [c["titles"].match(before, i)[0]]):
        return True
    # one title for a list after its colon: `Giám đốc: Sở Nông nghiệp và Môi trường, Sở Tài chính, …`
    before = tokenize(doc.text[max(line_start, it["start"] - 240):it["start"]])
    titled = [i + k for i in range(len(before)) for k in [c["titles"].match(before, i)[0]] if k]
    return bool(titled) and titled[-1] < len(before) and before[titled[-1]].t == ":" \
        and not any(t.t in (";", ".") for t in before[titled[-1]:])


_POINTS_BACK = re.compile(r"\bcó tên tại\b|\bnêu tại\b|\bquy định tại\b", re.I)
# a line opening on an article's label (`Điều 4.`) ends the sentence before it; not a citation the page wrapped
# (`… các thành viên quy định tại` / `Điều 1 chịu trách nhiệm thi hành …`); a `;` at a line's end ends it only
# before a bulleted or numbered item: a scanned page wraps the list of executors at its `;` (`Chánh Văn phòng UBND
# tỉnh; các thành viên có tên tại Điều 1;` / `Chủ tịch UBND các xã … chịu trách nhiệm thi hành`)
_SENTENCE_END = re.compile(r"\.\s|[.:!?]\s*\n|;\s*\n(?=\s*(?:[-+•–]|[a-zđ]\)|\d+[.)]))|\n(?=\s*Điều\s+\S+?[.:])")


@lru_cache(maxsize=None)
def _courtesy() -> re.Pattern:
    forms = sorted(role_rules()["raw"]["courtesy"], key=len, reverse=True)
    return re.compile(r"\s*(?:" + "|".join(re.escape(f) for f in forms) + r")\s*", re.I)


def _executors(doc: Doc, a: int, b: int, places, executes: re.Pattern = _EXECUTES) -> list[dict]:
    """The bodies an article charges with carrying the act out (`Chánh Văn phòng UBND tỉnh; Giám đốc Sở Nội vụ
    và Thủ trưởng các cơ quan có liên quan chịu trách nhiệm thi hành Quyết định này`), read as a list: the
    article a `Như Điều 3` points to names its recipients there, whether or not a clause gave them a task."""
    text = doc.text[a:b]
    out = []
    for m in executes.finditer(text):
        # the sentence opens after the last full stop or a line ended as a sentence or an item ends; a line the
        # page wrapped (`… cơ quan thuộc` / `Chính phủ và Chủ tịch …`) goes on
        ends = [e.end() for e in _SENTENCE_END.finditer(text, 0, m.start())]
        begin = ends[-1] if ends else 0
        label = re.match(r"\s*Điều\s+\S+?[.:]\s*", text[begin:m.start()])
        if label:
            begin += label.end()
        subject = text[begin:m.start()]
        courtesy = _courtesy().match(subject)          # `Các ông (bà) Chánh Văn phòng …`: the titles follow
        if courtesy:
            subject = " " * courtesy.end() + subject[courtesy.end():]
        subject = _PEOPLE.sub(lambda p: " " * len(p.group()), subject)
        if subject.strip() and len(subject) < 600:
            # `các cơ quan, đơn vị có tên tại Điều 1` points to bodies named there, it names none
            out.extend(it for it in item_bodies(a + begin, subject, places) if not _POINTS_BACK.search(it["name"]))
    return out


# `báo cáo kết quả về Sở (qua Phòng …)`, `gửi về Bộ trước ngày …`: the issuer named by its head alone, as a letter names
# itself, after a report's pointer (a head followed by a capitalized field names another body: `về Sở Y tế`)
_SELF_POINTED = re.compile(r"\b(?:báo cáo|gửi)\b[^.;:\n]{0,80}?\bvề\s+(?P<head>Sở|Bộ|Cục|Tổng cục|Chi cục|Ban|Phòng|Trung tâm"
                           r"|Viện|Hội|Trường|Bệnh viện)(?=\s*[(,.;\n]|\s+(?:qua|trước|để|theo|trong|chậm|vào|trên)\b)")


def issuer_reported_to(doc: Doc, places) -> list[dict]:
    """The issuer as a report's addressee where the text names it by its head alone (`báo cáo về Sở`): a letter of a
    department asks for reports to itself so."""
    issuer = doc.metadata.get("issuer") or ""
    # (in the body and in what is issued with it: a Kế hoạch after a ministry's Quyết định asks `báo cáo về Bộ`)
    return [body_item(issuer, "report_to", m.start("head"), m.end("head"), m.group("head"), places, "issuer-pointed")
            for a, b in body_regions(doc) for m in _SELF_POINTED.finditer(doc.text, a, b)
            if issuer.startswith(m.group("head") + " ")]
