"""Referenced documents: every citation of another document, normalized (DATASET.md).

Found from the identifier outwards: the number-and-code is the anchor, the
type word before it, the date and the issuer after it, the relation from the
words before it in the same clause. Vocabularies live in `rules/`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import rules
from ..document import Doc
from ..names import canonical, complete_jurisdiction
from ..structure import normalize_identifier, section_at, type_from_identifier
from .dates import parse_day


@lru_cache(maxsize=None)
def _patterns() -> dict:
    cfg = rules.load("references")
    names = rules.doc_type_names() + ["Văn bản", "Công văn"]
    type_alt = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
    return {
        "ident": re.compile(r"(?<![\w/.-])" + cfg["identifier"]),
        "enum": re.compile(r"(?<![\w/.,-])" + cfg["enumeration"]),
        "type_before": re.compile(r"(?i)(?P<type>" + type_alt + r")(?:\s+liên tịch)?" + cfg["number_word"] + r"(?:\(\s*)?$"),
        "type_words_so": re.compile(r"(?P<type>" + type_alt + r")(?:\s+[a-zà-ỹđ]+){1," + str(cfg["type_words_between"])
                                    + r"}\s+số\s*[:.]?\s*$"),
        "named_before_number": re.compile(cfg["named_before_number"]),
        "so_before": re.compile(r"(?:số|Số)\s*[:.]?\s*$"),
        "date_issuer_before": re.compile(cfg["date_issuer_before"]),
        "issuer_before": re.compile(cfg["issuer_before"]),
        "priority": {r: i for i, r in enumerate(cfg["relation_priority"])},
        "joined_before": re.compile(r"^\s*(?:,|và|;)\s*(?:(?:số|Số)\s+)?$"),
        "date_after": re.compile(cfg["date_after"]),
        "issuer_after": re.compile(cfg["issuer_after"]),
        "named": [re.compile(p) for p in cfg["named"]],
        "relations": cfg["relations"],
        "window": cfg["relation_window"],
        "type_names": {n.casefold(): n for n in rules.doc_type_names()},
        "ocr_codes": {k.casefold(): v for k, v in (cfg.get("ocr_codes") or {}).items()},
        "own_number_ocr": re.compile(cfg["own_number_ocr"]),
    }


def _canonical_type(word: str | None) -> str | None:
    if not word:
        return None
    w = re.sub(r"\s+", " ", word).casefold()
    if w in ("văn bản", "công văn"):
        return "Công văn"
    return _patterns()["type_names"].get(w)


def _issuer_from_codes(ident: str) -> str | None:
    """The issuing body spelled by the identifier's own code (`21-KH/BDVTU` → Ban Dân vận Tỉnh ủy)."""
    table = {k.casefold(): v for k, v in rules.load("abbreviations")["issuers"].items()}
    if re.match(r"^\d+-", ident):            # Party: number-TYPE/ISSUER
        code = ident.rsplit("/", 1)[-1]
    elif re.search(r"/QH\d*$", ident):
        return "Quốc hội"
    else:                                     # State: number/(year/)TYPE-ISSUER or number/ISSUER-UNIT
        parts = re.split(r"[/]", ident)
        tail = parts[-1].split("-")
        code = tail[1] if len(tail) > 1 and tail[0].casefold() in rules.doc_type_by_code() else tail[0]
    return table.get(code.casefold())


def _relation(text: str, start: int, para_start: int, in_body: bool = False) -> str:
    """Relation of this document to the cited one, from the nearest cue in the same clause.

    `Căn cứ` opens a paragraph of bases (`Căn cứ A; B; C`), or a line ending in `:`
    whose bullets are bases. Other cues speak for the document only outside its
    numbered body: there, `triển khai thực hiện Chỉ thị …` says what a task concerns.
    """
    p = _patterns()
    para = text[para_start:start]
    if re.match(r"\s*[-+]?\s*Căn cứ", para):
        return "basis"
    if re.match(r"\s*[-+•]", para):
        prev_end = para_start - 1
        while prev_end > 0:
            prev_start = text.rfind("\n", 0, prev_end) + 1
            line = text[prev_start:prev_end]
            if not re.match(r"\s*[-+•]", line):
                if line.rstrip().endswith(":") and re.search(r"(?i)căn cứ", line):
                    return "basis"
                break
            prev_end = prev_start - 1
    window = para[-p["window"]:].lower()
    cut = max(window.rfind(";"), window.rfind(". "))
    window = window[cut + 1:] if cut >= 0 else window
    best, best_pos = "mentions", -1
    for rel, cues in p["relations"].items():
        if in_body and rel != "basis":
            continue
        for cue in cues:
            pos = window.rfind(cue.lower())
            if pos > best_pos:
                best, best_pos = rel, pos
    return best


def _in_body(section: str) -> bool:
    """Inside the numbered body, except articles (`Điều 2. … thay thế Quyết định số …`),
    which speak for the document itself."""
    return section != "" and not section.startswith(("Điều", "Chương"))


def _paragraph_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _build(doc: Doc, ident: str, span_start: int, ident_end: int, type_word: str | None) -> dict:
    p = _patterns()
    text = doc.text
    end = ident_end
    date = None
    m = p["date_after"].match(text, end, min(len(text), end + 60))
    if m:
        date = parse_day(m.group("date"))
        end = m.end()
    issuer = None
    m = p["issuer_after"].match(text, end, min(len(text), end + 120))
    if m:
        raw = m.group("issuer").strip()
        words = raw.split()
        if 0 < len(words) <= 12:
            issuer = canonical(raw)
            end = m.start("issuer") + len(m.group("issuer").rstrip())
            if date is None:
                m2 = p["date_after"].match(text, end, min(len(text), end + 60))
                if m2:
                    date = parse_day(m2.group("date"))
    explicit_issuer = issuer is not None
    if date is None or issuer is None:
        sent = max(text.rfind("\n", 0, span_start), text.rfind(". ", 0, span_start)) + 1
        before = text[max(sent, span_start - 200):span_start]
        m = p["date_issuer_before"].search(before)
        if m:
            date = date or parse_day(m.group("date"))
            if issuer is None:
                issuer, explicit_issuer = canonical(m.group("issuer")), True
        elif issuer is None:
            m = p["issuer_before"].search(before)
            if m:
                issuer, explicit_issuer = canonical(m.group("issuer")), True
    if issuer is None:
        issuer = _issuer_from_codes(ident)
    issuer = complete_jurisdiction(issuer, doc.metadata.get("issuer"))
    doc_type = _resolve_type(ident, type_word, text[max(0, span_start - 8):span_start])
    return {
        "doc_type": doc_type, "identifier": ident, "date": date, "issuer": issuer,
        "relation": _relation(text, span_start, _paragraph_start(text, span_start),
                              in_body=_in_body(section_at(doc.sections, span_start))),
        "title": None, "text": text[span_start:end], "start": span_start, "end": end,
        "_explicit_issuer": explicit_issuer,
    }


def _resolve_type(ident: str, type_word: str | None, before: str) -> str:
    """The type word, unless the identifier's code says otherwise (DATASET.md: the code wins).

    A refinement of the code's type (`Chương trình hành động` for CTr) keeps the word; a
    letter (`Công văn số 635/TTr-TCDKNTC`) whose first code is also an issuer's stays a letter.
    """
    word_type = _canonical_type(type_word)
    code_type = type_from_identifier(ident)
    if code_type and word_type:
        if word_type.startswith(code_type):
            return word_type
        if word_type == "Công văn":
            first = re.split(r"[/-]", ident.split("/", 1)[1])[0] if "/" in ident else ""
            issuers = {k.casefold() for k in rules.load("abbreviations")["issuers"]}
            if first.casefold() in issuers and not re.match(r"^\d+-", ident):
                return word_type
        return code_type
    if code_type or word_type:
        return code_type or word_type
    if re.search(r"/QH\d*$", ident):
        return "Luật"
    if type_word is None and _patterns()["so_before"].search(before):
        return "Văn bản"   # `Đơn đề nghị số …`: a paper of no known type
    return "Công văn"


def _fix_codes(raw: str) -> str:
    """OCR and typing slips in codes: `QÐ`, `QD` before a known issuer → `QĐ`."""
    fixes = _patterns()["ocr_codes"]
    return re.sub(r"[A-Za-zĐđÐ]+", lambda m: fixes.get(m.group(0).casefold(), m.group(0)), raw)


def find(doc: Doc) -> list[dict]:
    p = _patterns()
    text = doc.text
    own = (doc.metadata.get("identifier") or "").upper()
    out: list[dict] = []
    taken: list[tuple[int, int]] = []
    prev_type: tuple[int, str | None] = (-1, None)

    def type_before(s: int) -> tuple[str | None, int]:
        nonlocal prev_type
        m = p["type_before"].search(text, max(0, s - 45), s)
        if m:
            return m.group("type"), m.start()
        m = p["type_words_so"].search(text, max(0, s - 60), s)
        if m:
            return m.group("type"), m.start()
        m = p["named_before_number"].search(text, max(0, s - 100), s)
        if m:
            return m.group("type"), m.start()
        # `các Công văn số 123/UBND-KT và 456/UBND-VX`: the second shares the first's type
        if prev_type[0] >= 0 and p["joined_before"].match(text[prev_type[0]:s]):
            return prev_type[1], s
        return None, s

    for m in p["enum"].finditer(text):
        nums = re.split(r"\s*(?:,|và)\s*", m.group("nums"))
        word, start = type_before(m.start())
        if word is None:
            continue
        codes = _fix_codes(m.group("codes"))
        for n in nums:
            ident = normalize_identifier(f"{n}{m.group('sep')}{codes}")
            if ident and ident.upper() != own:
                out.append(_build(doc, ident, start, m.end(), word))
        taken.append(m.span())
        prev_type = (m.end(), word)

    for m in p["ident"].finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        line_start = _paragraph_start(text, m.start())
        before = text[line_start:m.start()]
        if re.match(r"\s*Số\s*[:.]?\s*$", before) or (
                m.start() < doc.structure.header_end and p["own_number_ocr"].match(before)):
            continue  # the document's own number line (`Só:¿92 /TB-UBND` as OCR reads a hand-written one)
        codes = _fix_codes(m.group("codes"))
        if not re.search(r"[A-ZĐ]{2}|[A-ZĐ][a-z]*[A-ZĐ]|^[A-ZĐ]+$", codes.replace(" ", "")):
            continue
        raw = m.group("num") + (m.group("year") or "") + m.group("sep") + codes
        ident = normalize_identifier(raw)
        if not ident or ident.upper() == own.upper():
            prev_type = (m.end(), None)
            continue
        word, start = type_before(m.start())
        code_type = type_from_identifier(ident)
        if word is None and code_type is None and not _issuer_from_codes(ident):
            # a bare code with no type word and no known issuer: likely not a citation
            if not re.search(r"\b(?:số|Số)\s*$", text[max(0, m.start() - 6):m.start()]):
                continue
        out.append(_build(doc, ident, start, m.end(), word))
        prev_type = (m.end(), word)

    for pat in p["named"]:
        for m in pat.finditer(text):
            after = text[m.end():m.end() + 25]
            if re.match(r"\s*(?:số|Số)\s*\d", after) or re.match(r"\s*(?:này|nay)\b", after):
                continue
            title = f"{m.group('type')} {m.group('title')}".strip()
            if len(title.split()) < 2:
                continue
            out.append({"doc_type": _canonical_type(m.group("type")) or m.group("type"), "identifier": None,
                        "date": None, "issuer": None,
                        "relation": _relation(text, m.start(), _paragraph_start(text, m.start())),
                        "title": title, "text": m.group(0), "start": m.start(), "end": m.end(),
                        "_explicit_issuer": False})
    out.sort(key=lambda x: (x["start"], x["end"]))
    _share_issuers(text, out)
    return _merge(out)


def _share_issuers(text: str, items: list[dict]) -> None:
    """`Báo cáo số 126/BC-TTr … và Công văn số 635/… của Thanh tra tỉnh`: one issuer for both."""
    for a, b in zip(reversed(items[:-1]), reversed(items[1:])):
        if not a.get("_explicit_issuer") and b.get("_explicit_issuer") and \
                re.fullmatch(r"\s*(?:,|và|;)\s*", text[a["end"]:b["start"]]):
            a["issuer"], a["_explicit_issuer"] = b["issuer"], True


def _merge(items: list[dict]) -> list[dict]:
    """One reference per cited document; every citation's span stays in `occurrences`.

    The first citation gives the span; the strongest relation, the first date and an
    issuer the text states (over one read from the code) are kept.
    """
    prio = _patterns()["priority"]
    merged: dict[str, dict] = {}
    order: list[dict] = []
    for it in items:
        key = it["identifier"] or (it.get("title") or "").casefold()
        explicit = it.pop("_explicit_issuer", False)
        if key not in merged:
            it["occurrences"] = [[it["start"], it["end"]]]
            it["_explicit"] = explicit
            merged[key] = it
            order.append(it)
            continue
        m = merged[key]
        m["occurrences"].append([it["start"], it["end"]])
        if prio.get(it["relation"], 99) < prio.get(m["relation"], 99):
            m["relation"] = it["relation"]
        m["date"] = m["date"] or it["date"]
        if explicit and not m["_explicit"]:
            m["issuer"], m["_explicit"] = it["issuer"], True
        elif not m["issuer"]:
            m["issuer"] = it["issuer"]
    for it in order:
        it.pop("_explicit", None)
    return order
