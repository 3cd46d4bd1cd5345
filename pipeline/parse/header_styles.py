"""Header styles outside the Nghị định 30/2020 layout: the type word followed by its author (`QUYẾT ĐỊNH của
ỦY BAN NHÂN DÂN …`, `Nghị định của Chính phủ`), the Công báo or database title line that holds type, author,
number, date and subject in one sentence (`Nghị định của Chính phủ số 29/1998/NĐ-CP ngày 11 tháng 5 năm 1998 về
việc ban hành …`), Party committees under their organization, and the number and issuer read from the edges
of a page (a number run into a rule, a body signing a headerless text)."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline import rules
from pipeline.parse.common import is_upper, layout_rules, matches_any
from pipeline.text.days import iso_day
from pipeline.text.identifiers import normalize_identifier
from pipeline.text.names import canonical
from pipeline.text.spans import Line


@lru_cache(maxsize=None)
def _types_alternation() -> str:
    return "|".join(re.escape(n) for n in rules.doc_type_names())


@lru_cache(maxsize=None)
def _issued_by() -> re.Pattern:
    """A type word, `của` and its author, compiled once (asked of every line of every header)."""
    return re.compile(rf"^(?P<type>{_types_alternation()})\s+của\s+(?P<org>.+?)\s*$", re.I)


def issued_by(text: str) -> tuple[str, str] | None:
    """(type, author) of a type line naming who issues it (`Nghị định của chính phủ`, `quyết định của bộ
    trưởng bộ tài chính`), in any case (a capitals font may have come through in lower case); the author
    is short and no sentence, and no number follows it (that is the Công báo line, `gazette`)."""
    m = _issued_by().match(text)
    if not m or len(m.group("org").split()) > 10 or re.search(r"[.;:,]|\bsố\b|\d", m.group("org"), re.I):
        return None
    name = next(n for n in rules.doc_type_names() if n.casefold() == m.group("type").casefold())
    return name, m.group("org")


def issuer_of_author(author: str) -> str:
    """The issuing body of an author named with its head's title: `Bộ trưởng Bộ Tài chính` → `Bộ Tài
    chính`, `Chủ tịch Ủy ban nhân dân tỉnh X` → `Ủy ban nhân dân tỉnh X` (their headers print the body),
    but `Thủ tướng Chính phủ` issues in its own name (`header.issuing_persons`)."""
    up = re.sub(r"\s+", " ", author.strip()).upper()
    if up in layout_rules()["header"].get("issuing_persons", []):
        return canonical(up)
    return canonical(body_headed(up) or up)


def body_headed(author: str) -> str | None:
    """The body an author line names after its head's title (`CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X` → `ỦY BAN NHÂN DÂN
    TỈNH X`), None when the line is no title followed by a body's head (rules/names.yaml `org_heads`)."""
    title = rules.compiled(layout_rules()["closing"]["signer_title"]).match(author)
    rest = author[title.end():].strip() if title else ""
    heads = rules.load("names")["org_heads"]
    return rest if rest and any(rest == h or rest.startswith(h + " ") for h in heads) else None


def is_author_line(text: str, author: str | None) -> bool:
    """The author's name set again on a line of its own above the preamble (`CHÍNH PHỦ`, `BỘ TRƯỞNG BỘ TÀI
    CHÍNH`), in any case: where a title ends."""
    folded = _BLANKS.sub(" ", text.strip(" .:")).casefold()
    return bool(author) and folded == _BLANKS.sub(" ", author.strip()).casefold()


_BLANKS = re.compile(r"\s+")


def gazette(lines: list, limit: int = 8) -> dict | None:
    """The Công báo / database title line, possibly wrapped over a few lines and under the issuer's name:
    `[Chính phủ] Nghị định của Chính phủ số 114/2003/NĐ-CP ngày 10/10/2003 về cán bộ, công chức …`. Gives
    type, author, identifier, date and title (what follows `về việc`/`về`, up to the author's line or the
    preamble)."""
    cfg = layout_rules()["header"]
    body = cfg["body_start"]
    texts: list[str] = []
    for ln in lines[:limit]:
        t = ln.text.strip()
        if any(rules.compiled(p).search(t) for p in body) and texts:
            break
        texts.append(t)
    date = r"(?P<d>\d{1,2})\s*(?:tháng|/|-|\.)\s*(?P<m>\d{1,2})\s*(?:năm|/|-|\.)\s*(?P<y>\d{4})"
    shape = re.compile(rf"^(?P<type>{_types_alternation()})\s+(?:của\s+(?P<org>.{{2,80}}?)\s+|liên tịch\s+.{{2,80}}?\s+)?"
                       rf"số\s*:?\s*(?P<ident>\d+[^\s,]*)\s*,?\s+ngày\s+{date}\s*[,.]?\s*(?P<rest>.*)$", re.I)
    # … or number and date first, the author after them (`Quyết định số 115/2004/QĐ-TTg ngày 25/6/2004 của
    # Thủ tướng Chính phủ về việc …`)
    shape2 = re.compile(rf"^(?P<type>{_types_alternation()})\s+số\s*:?\s*(?P<ident>\d+[^\s,]*)\s*,?\s+ngày\s+{date}"
                        rf"\s*,?\s+của\s+(?P<org>.{{2,80}}?)\s+(?P<rest>(?:về việc|về|v/v)\s.*)$", re.I)
    m = None
    for k in range(min(2, len(texts))):
        # the type word opens a line, under at most one short line (the issuer's name)
        if k and (len(texts[0]) > 40 or re.search(r"\d", texts[0])):
            break
        joined = " ".join(t for t in texts[k:] if t)
        m = shape2.match(joined) or shape.match(joined)
        if m:
            # the author set again on a line of its own closes the title (`Thủ tướng Chính phủ` / `Căn cứ …`)
            end = next((n for n in range(k + 1, len(texts)) if is_author_line(texts[n], m.group("org"))), None)
            if end is not None:
                joined = " ".join(t for t in texts[k:end] if t)
                m = shape2.match(joined) or shape.match(joined)
            break
    if not m:
        return None
    author = m.group("org")
    rest = m.group("rest")
    title = re.sub(r"^(?:về việc|v/v|về)\s*:?\s*", "", rest, flags=re.I).strip(" .")
    name = next(n for n in rules.doc_type_names() if n.casefold() == m.group("type").casefold())
    return {"doc_type": name, "author": author, "identifier": normalize_identifier(m.group("ident")),
            "issued_date": iso_day(m.group("d"), m.group("m"), m.group("y")), "title": title or None,
            "lines": len(texts)}


def party_committee(own: str, party: re.Match) -> str | None:
    """`TỈNH ỦY`, `BAN THƯỜNG VỤ TỈNH ỦY` or `ỦY BAN KIỂM TRA` under `ĐẢNG BỘ TỈNH LÀO CAI`: the unit's
    committee (`Tỉnh ủy`, `Ban Thường vụ Tỉnh ủy`, `Ủy ban Kiểm tra Tỉnh ủy`), never `… Đảng bộ tỉnh Lào Cai`;
    a commune's committee is named with its unit and place (`Đảng ủy xã Bảo Thắng`), as its bodies are."""
    from pipeline.text import units as admin_units

    unit, name = party.group("unit"), party.group("name")
    committee = admin_units.party_of().get(unit.lower())
    if not committee:
        return None
    commune = committee == "Đảng ủy"
    place = f" {unit} {name}" if commune else ""
    committee = committee.upper()
    if own in (committee, f"{committee} {unit}") or own.endswith((" " + committee, f" {committee} {unit}")):
        head = own[:own.rindex(committee)]
        return canonical(f"{head}{committee}{place}".strip())
    if rules.compiled(layout_rules()["header"]["party_organs"]).match(own):
        return canonical(f"{own} {committee}{place}")
    return None


def signed_by_body(lines: list[Line]) -> str | None:
    """A document with no header (a conference programme, a notice) signed by a body's name alone in
    capitals on its last line (`BAN TỔ CHỨC`, `BAN BIÊN TẬP`): that body issues it."""
    last = next((ln.text.strip() for ln in reversed(lines) if ln.text.strip()), "")
    heads = rules.load("names")["org_heads"]
    if is_upper(last) and len(last.split()) <= 6 and not re.search(r"[\d|:;,.]", last) \
            and any(last == h or last.startswith(h + " ") for h in heads):
        return canonical(last)
    return None


def author_again(lines: list[Line], j: int, body_re: list[str]) -> bool:
    """The issuing body named again in capitals between the title and the preamble (`ỦY BAN NHÂN DÂN TỈNH
    LÀO CAI`, `HỘI ĐỒNG NHÂN DÂN TỈNH …` / `KHÓA XVI, KỲ HỌP THỨ 20`): it opens with the header's top line and
    the preamble follows within three lines; a title in capitals ends there."""
    top = lines[0].text.strip() if lines else ""
    t = lines[j].text
    return len(top.split()) >= 2 and is_upper(top) and is_upper(t) and t.startswith(top) \
        and any(matches_any(body_re, lines[k].text) for k in range(j + 1, min(j + 4, len(lines))))


def own_number(raw: str) -> str:
    """The number as printed, without what surrounds it on its line: a rule of dashes run on
    (`144/2002/QĐ/BTC-----`) and the dots of a blank it was filled into (`…05…./2006/QĐ-UBND`)."""
    raw = re.sub(r"\s*[-–_=]{2,}.*$", "", raw)
    return re.sub(r"^[.…_\s]+|(?<=\d)[.…_]+(?=[/\s]|$)", "", raw)
