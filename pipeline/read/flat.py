"""Header and signature lines of a text copy that ran them together, put back one element a line.

Why: a document copied from a web page (the text export of a legal database, an archive's HTML) loses the
two columns of its header and the lines of its signature block:

    BẢO HIỂM XÃ HỘI VIỆT NAM --------
    Số: 296/BHXH-CSYT V/v hướng dẫn một số quy định …
    Hà Nội, ngày 02 tháng 02 năm 2021 Kính gửi:
    …
    KT. TỔNG GIÁM ĐỐC PHÓ TỔNG GIÁM ĐỐC Phạm Lương Sơn

The header and closing parsers read one element per line, as the printed page sets them (CONVENTIONS.md), so
they found no issuer, title or signer in such a copy. This cuts a line only between two elements the page
never sets on one line (rules/structure.yaml `flat`): the rule drawn under the issuer, the motto, `Số:`,
`V/v`, the place-date line, `Kính gửi`, the issuer's authority line under the title, an authority mark, a
signer's title and the signer's name. A text laid out line by line holds no such line and comes out as it was.
Each cut turns the spaces (or the rule of dashes) between the two elements into one line break, so the map
back to the raw text keeps every other character where it was.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline import rules


_HEADER_LINES = 6   # a run-together header takes the first lines; a cut further down would split a sentence


@lru_cache(maxsize=1)
def _patterns() -> dict:
    cfg = rules.load("structure")
    flat = cfg["flat"]
    titles = cfg["closing"]["signer_title"]
    caps_titles = "|".join(t for t in re.search(r"\((.*)\)", titles).group(1).split("|") if t.isupper())
    return {
        "rule": re.compile(flat["rule"]),
        "openers": re.compile(r"(?<=\S)[ \t]+(?=" + "|".join(flat["header_openers"]) + ")"),
        "place_date": re.compile(r"(?P<gap>[ \t]+)?(?<!\S)(?=" + flat["place_date"] + ")"),
        "after_date": re.compile(flat["place_date"] + r"(?P<gap>[ \t]+)(?=\S)"),
        "body_start": re.compile(flat["body_start"], re.M),
        "authority": re.compile(r"(?<=\S)[ \t]+(?=" + flat["authority_marks"] + r"[ \t]*[A-ZĐÀ-Ỹ]{2})"),
        "authority_start": re.compile(r"\s*" + flat["authority_marks"]),
        "mark_end": re.compile(r"(?:^|\s)" + flat["authority_marks"] + r"\Z"),
        # a line that opens on an authority mark, maybe after a table's empty cells (`|  | TM. ỦY BAN …`)
        "signature_row": re.compile(r"(?m)^(?:\|[ \t]*)*" + flat["authority_marks"] + r"[ \t]*[A-ZĐÀ-Ỹ]{2}"),
        "designation": re.compile(flat["designation"]),
        # `… TRONG TÌNH HÌNH MỚI” (Ban hành kèm theo Quyết định số …)`: an attached document's title and the line
        # saying what it is issued with, run into one line
        "attached_title": re.compile(r"(?<=[\dA-ZĐÀ-Ỹ”\"])[ \t]+(?=\((?:Ban hành )?[Kk]èm theo )"),
        "issuer_after_preface": re.compile(flat["issuer_after_preface"]),
        "issuer_head": re.compile(r"(?P<gap>[ \t]+)(?=(?:" + "|".join(flat["issuer_heads"]) + r")\b)"),
        "issuer_parent": re.compile(flat["issuer_parent"]),
        "issuer_head_compounds": frozenset(flat["issuer_head_compounds"]),
        "title": re.compile(r"(?<![\wÀ-ỹ])(?:" + caps_titles + r")(?![\wÀ-ỹ])"),
        "signer_name": re.compile(r"[ \t]+(?=" + flat["signer_name"] + r"[ \t]*$)"),
        "recipients": re.compile(cfg["closing"]["recipients"], re.M),
    }


def flattened(text: str) -> bool:
    """Whether the first lines run header elements together: a rule of dashes inside a line, or the motto
    after other text on its line. A page read line by line has neither."""
    p = _patterns()
    head = text[:600]
    first = head.split("\n", 1)[0]
    return bool(_RULE_INSIDE.search(head) or not first.startswith("|") and p["openers"].search(first))


# a rule of dashes with a word beside it on its line (a table's `|------|` row in a Markdown text is no rule)
_RULE_INSIDE = re.compile(r"[^\W_][ \t]*[-_=]{4,}|[-_=]{4,}[ \t]*[^\W_]")


def unflatten(text: str, offsets: list[int] | None) -> tuple[str, list[int] | None]:
    """`text` with the run-together header and signature lines cut apart; `offsets` carried (a cut maps to
    where its spaces began). Unchanged unless `flattened(text)`."""
    if not flattened(text):
        return text, offsets
    p = _patterns()
    body = p["body_start"].search(text)
    lines = text.split("\n", _HEADER_LINES)
    head_end = min(body.start() if body else len(text), len(text) - len(lines[-1]) if len(lines) > _HEADER_LINES else len(text))
    cuts: list[tuple[int, int]] = []
    for m in p["rule"].finditer(text, 0, head_end):
        cuts.append(m.span())
    head = text[:head_end]
    for m in p["openers"].finditer(head):
        lead = head[head.rfind("\n", 0, m.start()) + 1:m.start()].lstrip("| \t")    # (a table cell's pipe before it)
        if head.startswith("V/", m.end()) and not (lead.startswith("Số") or lead.isupper()):
            continue   # `V/v` after the number or the type word; in a sentence it names a cited letter's subject
        cuts.append(m.span())
    date = p["place_date"].search(head)      # the first place-date only, and only after other text on its line
    if date and date.group("gap") and date.start() > 0 and head[date.start() - 1] != "\n":
        cuts.append(date.span("gap"))
    cuts += [m.span() for m in (p["issuer_after_preface"].search(head),) if m]
    cuts += _issuer_levels(head)
    date = p["after_date"].search(head)
    if date:
        cuts.append(date.span("gap"))
    cuts += _authority_line(text, head_end)
    cuts += _designations(text)
    cuts += [m.span() for m in p["attached_title"].finditer(text)]
    cuts += _signature(text)
    cuts += _inline_items(text)
    return _labels(*_cut(text, offsets, cuts))


# `Nơi nhận: - Như trên; - Bộ Tài chính; - Lưu: VT.`, `Kính gửi: | - Bộ A; - Bộ B` (a table cell of the copy): the
# list's opening and each `;` before the next `- ` item
_LIST_OPENING = re.compile(r"(?m)^(?P<pipe>\|[ \t]*)?(?:Nơi nhận|Kính gửi)[ \t]*:(?P<gap>[ \t|]+)(?=[-–+•][ \t]+\S)")
_NEXT_ITEM = re.compile(r"[;,](?:[ \t]*\([^()\n]{1,40}\))?(?P<gap>[ \t]+)(?=[-–+•][ \t]+\S)")   # `; (báo cáo) - …`


def _inline_items(text: str) -> list[tuple[int, int]]:
    """A Nơi nhận or Kính gửi list run into one line: a break after its colon and between its items (a `;` then
    `- `), and the table pipe before it dropped; the recipients parser reads one item a line, as printed."""
    out = []
    for m in _LIST_OPENING.finditer(text):
        if m.group("pipe"):
            out.append((*m.span("pipe"), ""))
        out.append(m.span("gap"))
        end = text.find("\n", m.end())
        out += [g.span("gap") for g in _NEXT_ITEM.finditer(text, m.end(), len(text) if end < 0 else end)]
    return out


def _issuer_levels(head: str) -> list[tuple[int, int]]:
    """`ĐẢNG BỘ TỈNH LÀO CAI HUYỆN ỦY BẢO THẮNG`, `BỘ CÔNG THƯƠNG CỤC HÓA CHẤT`: the parent and the issuer, two
    lines of the left column run into one; cut before the issuer's head when a place or a ministry precedes it."""
    p = _patterns()
    out = []
    for line in re.finditer(r"(?m)^[^\n]+", head):
        text = line.group(0)
        for m in p["issuer_head"].finditer(text):
            before = text[:m.start()].rsplit(". ", 1)[-1]     # after a database's preface sentence
            compound = " ".join(before.split()[-1:] + text[m.end():].split(None, 1)[:1])
            if before.strip() and before.isupper() and p["issuer_parent"].search(before) \
                    and compound not in p["issuer_head_compounds"]:
                out.append((line.start() + m.start(), line.start() + m.start() + len(m.group("gap"))))
                break
    return out


def _authority_line(text: str, head_end: int) -> list[tuple[int, int]]:
    """`… TRONG TÌNH HÌNH MỚI ỦY BAN NHÂN DÂN TỈNH KON TUM`: the issuer's name (its first line) ending the
    title's line, maybe after its head's title (`BỘ TRƯỞNG BỘ XÂY DỰNG`), is the authority line over `Căn cứ`."""
    p = _patterns()
    caps = re.search(r"[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ,]{5,}$", p["rule"].split(text.split("\n", 1)[0])[0].strip())
    if not caps:
        return []
    first = caps.group(0).strip()
    out = []
    line_start = text.find("\n") + 1
    while 0 < line_start < head_end:
        line_end = text.find("\n", line_start)
        line_end = head_end if line_end < 0 or line_end > head_end else line_end
        line = text[line_start:line_end]
        if line.rstrip().endswith(first) and len(line.rstrip()) > len(first):
            at = line.rstrip().rfind(first)
            before = line[:at].rstrip()
            title = list(p["title"].finditer(before))
            if title and title[-1].end() == len(before) and title[-1].start() > 0:
                at = title[-1].start()
            gap = re.search(r"[ \t]+\Z", line[:at])
            if gap and line[:at].strip():
                out.append((line_start + gap.start(), line_start + at))
        line_start = line_end + 1
    return out


def _designations(text: str) -> list[tuple[int, int]]:
    """`Quyết định 435/QĐ-UBND năm 2020. Điều 1.`: a database's copy opens with the document's own designation
    and repeats it before every heading, as a page repeats a running header; where it opens a later line it
    is dropped (the heading keeps its line)."""
    first = _patterns()["designation"].match(text)
    if not first:
        return []
    prefix = first.group(0)
    out, at = [], text.find("\n" + prefix)
    while at >= 0:
        out.append((at + 1, at + 1 + len(prefix)))
        at = text.find("\n" + prefix, at + 1)
    return out


def _signature(text: str) -> list[tuple[int, int]]:
    """In the closing (from the last `Nơi nhận`, else the last lines; and a signature row before an attached text,
    `_signature_rows`): a line break before an authority mark
    or a signer's title that follows other words, before a second title after the first (`KT. TỔNG GIÁM ĐỐC
    PHÓ TỔNG GIÁM ĐỐC`, `TM. ỦY BAN NHÂN DÂN CHỦ TỊCH`), and before the signer's name that ends the line."""
    p = _patterns()
    found = list(p["recipients"].finditer(text))
    start = found[-1].start() if found else max(0, len(text) - 600)
    out = []
    rows = _signature_rows(text, start)
    line_start = rows.pop(0) if rows else start
    while line_start < len(text):
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        line = text[line_start:line_end]
        cuts = [m.span() for m in p["authority"].finditer(line)]
        for m in p["title"].finditer(line):
            gap = re.search(r"[ \t]+\Z", line[:m.start()])
            if not gap or not line[:gap.start()].strip():
                continue
            lead = line[:gap.start()]
            if p["mark_end"].search(lead) or re.search(r"(?:,|\svà)\Z", lead):
                continue   # `KT. TỔNG GIÁM ĐỐC`: the mark's own title; `BỘ TRƯỞNG, CHỦ NHIỆM`: one title
            before = lead.split()[-1]
            if any(c.islower() for c in before) or before.endswith((")", ".", ";")) or p["title"].search(lead) \
                    or p["authority_start"].match(lead.rsplit("|", 1)[-1]):
                cuts.append(gap.span())   # (`TM. ỦY BAN NHÂN DÂN TỈNH CHỦ TỊCH`: the organ's name, then the title)
        # (a table row's closing pipe is no part of the name: `… CHỦ TỊCH Phạm Thế Dũng |`)
        name = p["signer_name"].search(line.rstrip(" \t|")) if cuts or p["authority_start"].match(line) else None
        if name and line[:name.start()].strip() and (line[:name.start()].split()[-1].isupper()
                                                      or line[:name.start()].endswith((".", ",", ")"))):
            cuts.append(name.span())   # the name after the capitals of the title (`PHÓ GIÁM ĐỐC Đặng Văn Lực`)
        out += [(line_start + a, line_start + b) for a, b in cuts]
        line_start = rows.pop(0) if rows else max(line_end + 1, start)
    return out


def _signature_rows(text: str, start: int) -> list[int]:
    """Starts of the lines before the closing's window (the last `Nơi nhận`, else the last lines) that open on an
    authority mark, maybe after a table's empty cells (`|  | TM. ỦY BAN NHÂN DÂN TỈNH …`): the signature of a
    decision whose attached regulation follows it."""
    return [m.start() for m in _patterns()["signature_row"].finditer(text, 0, start)]


def _cut(text: str, offsets: list[int] | None, cuts: list[tuple]) -> tuple[str, list[int] | None]:
    """Each (start, end) stretch of spaces or dashes becomes one line break, each (start, end, " ") one space,
    each (start, end, "") nothing; overlapping stretches merge."""
    if not cuts:
        return text, offsets
    merged: list[list] = []
    for a, b, *rest in sorted(cuts):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b, rest[0] if rest else "\n"])
    parts, maps, pos = [], [], 0
    for a, b, repl in merged:
        parts += [text[pos:a], repl]
        if offsets is not None:
            maps += [offsets[pos:a], [offsets[a]] if repl else []]
        pos = b
    parts.append(text[pos:])
    if offsets is None:
        return "".join(parts), None
    maps.append(offsets[pos:])
    return "".join(parts), [o for m in maps for o in m]


_TRAILING_LABEL = re.compile(r"(?<=\S)[ \t]+(?=\d+(?:\.\d+)+\.?[ \t]*\n)")
_LONE_LABEL = re.compile(r"(?m)^(?:\d+(?:\.\d+)*|[IVX]+)\.(\n)(?=[A-ZĐÀ-Ỹ])")


def _labels(text: str, offsets: list[int] | None) -> tuple[str, list[int] | None]:
    """`… và tiến bộ 1.1.` / `Tổ chức nghiên cứu …` and `4.` / `Đề nghị …`: a copy that set a heading's label at
    the end of the line above it, or alone on its line, has the label open its heading's line again."""
    text, offsets = _cut(text, offsets, [m.span() for m in _TRAILING_LABEL.finditer(text)])
    return _cut(text, offsets, [(*m.span(1), " ") for m in _LONE_LABEL.finditer(text)])
