"""Header styles outside the Nghị định 30/2020 layout: the type word followed by its author (`QUYẾT ĐỊNH
của ỦY BAN NHÂN DÂN …`, `Nghị định của Chính phủ`) and the Công báo or database title line that holds the
type, author, number, date and subject in one sentence (`Nghị định của Chính phủ số 29/1998/NĐ-CP ngày 11
tháng 5 năm 1998 về việc ban hành …`)."""
from __future__ import annotations

import datetime
import re
from functools import lru_cache

from pipeline import rules
from pipeline.parse.common import layout_rules
from pipeline.text.identifiers import normalize_identifier
from pipeline.text.names import canonical


def iso_date(d, m, y) -> str | None:
    """The date in ISO form, only when it is a real calendar date (`ngày 30 tháng 02` is None)."""
    d, m, y = (int(re.sub(r"\D", "", str(v or "")) or 0) for v in (d, m, y))
    if not (d and m and y) or not 1900 <= y <= 2100:
        return None
    try:
        return datetime.date(y, m, d).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=None)
def _types_alternation() -> str:
    return "|".join(re.escape(n) for n in rules.doc_type_names())


def issued_by(text: str) -> tuple[str, str] | None:
    """(type, author) of a type line naming who issues it (`Nghị định của chính phủ`, `quyết định của bộ
    trưởng bộ tài chính`), in any case (a capitals font may have come through in lower case); the author
    is short and no sentence, and no number follows it (that is the Công báo line, `gazette`)."""
    m = re.match(rf"^(?P<type>{_types_alternation()})\s+của\s+(?P<org>.+?)\s*$", text, re.I)
    if not m or len(m.group("org").split()) > 10 or re.search(r"[.;:,]|\bsố\b|\d", m.group("org"), re.I):
        return None
    name = next(n for n in rules.doc_type_names() if n.casefold() == m.group("type").casefold())
    return name, m.group("org")


def issuer_of_author(author: str) -> str:
    """The issuing body of an author named with its head's title: `Bộ trưởng Bộ Tài chính` → `Bộ Tài
    chính`, `Chủ tịch Ủy ban nhân dân tỉnh X` → `Ủy ban nhân dân tỉnh X` (their headers print the body),
    but `Thủ tướng Chính phủ` issues in its own name (`header.issuing_persons`)."""
    cfg = layout_rules()
    up = re.sub(r"\s+", " ", author.strip()).upper()
    if up in cfg["header"].get("issuing_persons", []):
        return canonical(up)
    title = rules.compiled(cfg["closing"]["signer_title"]).match(up)
    heads = rules.load("names")["org_heads"]
    if title:
        rest = up[title.end():].strip()
        if any(rest == h or rest.startswith(h + " ") for h in heads):
            up = rest
    return canonical(up)


def is_author_line(text: str, author: str | None) -> bool:
    """The author's name set again on a line of its own above the preamble (`CHÍNH PHỦ`, `BỘ TRƯỞNG BỘ TÀI
    CHÍNH`), in any case: where a title ends."""
    folded = re.sub(r"\s+", " ", text.strip(" .:")).casefold()
    return bool(author) and folded == re.sub(r"\s+", " ", author.strip()).casefold()


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
    m = None
    for k in range(min(2, len(texts))):
        # the type word opens a line, under at most one short line (the issuer's name)
        if k and (len(texts[0]) > 40 or re.search(r"\d", texts[0])):
            break
        m = shape.match(" ".join(t for t in texts[k:] if t))
        if m:
            break
    if not m:
        return None
    author = m.group("org")
    rest = m.group("rest")
    for t in reversed(texts):   # the author's line closing the block is not the title's
        if not t:
            continue
        if is_author_line(t, author) and rest.endswith(t):
            rest = rest[:-len(t)].rstrip()
        break
    title = re.sub(r"^(?:về việc|v/v|về)\s*:?\s*", "", rest, flags=re.I).strip(" .")
    name = next(n for n in rules.doc_type_names() if n.casefold() == m.group("type").casefold())
    return {"doc_type": name, "author": author, "identifier": normalize_identifier(m.group("ident")),
            "issued_date": iso_date(m.group("d"), m.group("m"), m.group("y")), "title": title or None,
            "lines": len(texts)}
