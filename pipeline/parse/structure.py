"""Stage 3, parse: header, preamble, numbered section tree and closing of one document.

Works line by line on the normalized text. The layout patterns come from
`rules/structure.yaml`; what a label may follow is checked so that a stray
`2020.` or a numbered list inside a paragraph does not open a section.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline import rules
from pipeline.parse.closing import find_closing, parse_closing
from pipeline.parse.common import is_upper, layout_rules, matches_any
from pipeline.parse.header import parse_header, type_line
from pipeline.parse.sections import parse_sections
from pipeline.read.ocr.ocr_repair import repair_line
from pipeline.text.spans import Line, split_lines


@dataclass
class Structure:
    metadata: dict
    sections: list[dict]
    header_end: int = 0          # offset where the header (number, type, title) ends
    body_start: int = 0          # first numbered section or the first line after the preamble
    closing_start: int = 0       # Nơi nhận / signature block
    recipients: list[Line] = field(default_factory=list)   # Nơi nhận and Kính gửi items
    document_start: int = 0           # where the document begins after a saved web page's matter above it
    document_end: int | None = None   # where a saved web page's own matter after the document begins (else the end)


def _attached_starts(lines: list[Line], closing: int, appendix_starts: list[int]) -> list[int]:
    """Lines after the signature where a document issued with this one begins without a `Phụ lục`
    label: its type word set alone in capitals (`QUY CHẾ`, `KẾ HOẠCH`), or, right under a national
    motto of its own, the type word with its title run on in capitals (`QUY CHẾ HOẠT ĐỘNG`); before
    any appendix (the forms of an appendix, `Mẫu số 01` / `TỜ TRÌNH`, belong to it)."""
    national = layout_rules()["header"]["national_lines"]
    stop = appendix_starts[0] if appendix_starts else len(lines)
    starts = []
    recent: list[str] = []     # the header lines above: a scan reads the header's two columns interleaved, so
    #   the motto of an attached document can stand a few lines above its type line, with only lines in capitals
    #   (the issuer's column) between them
    # the lines that hold a `(Ban hành theo …)`, searched once each (not once for each of the five lines above them)
    under = {j for j in range(closing + 2, stop) if _ISSUED_UNDER.search(lines[j].text)}
    for i in range(closing + 1, stop):
        t = lines[i].text
        if not t:
            continue
        # the type word alone, in any case, over a title of a few lines and its `(Ban hành theo …)` line
        issued = any(j in under for j in range(i + 1, min(i + 6, stop)))
        if issued or is_upper(t):     # else no type line: what stands above and below it is not asked
            nxt = next((lines[j].text for j in range(i + 1, min(i + 3, stop)) if lines[j].text), "")
            stands = any(matches_any(national, r) for r in recent) or bool(_ISSUED_WITH.match(nxt))
            found = type_line(t, caps_rest=stands)
            if found and (not found[1] or stands):
                starts.append(i)
                recent = []
                continue
        recent = (recent + [t])[-_MOTTO_REACH:] if is_upper(t) or matches_any(national, t) else []
    return starts


def _titleless_chapter(lines: list[Line], closing: int, stop: int) -> int | None:
    """The first chapter label after the signature, before any attached document or appendix (`stop`), set as
    a chapter's heading (`Chương II` over `TIÊU CHUẨN, QUY TRÌNH …`): a regulation issued with this one whose
    title page the copy lost. A signature or a Nơi nhận never holds a chapter, so the chapters there are that
    regulation's, and their articles its sections (their own root, as an attached document's)."""
    chapter = next(rules.compiled(m["pattern"]) for m in layout_rules()["sections"]["markers"] if m["kind"] == "chapter")
    for i in range(closing + 1, stop):
        m = chapter.match(lines[i].text)
        if m is None:
            continue
        rest = m.group("rest").strip(" .:-–")
        nxt = next((lines[j].text for j in range(i + 1, min(i + 3, stop)) if lines[j].text), "")
        if (is_upper(rest) if rest else is_upper(nxt)):
            return i
    return None


# how many lines with text above a type line its own header's motto may stand: the two header columns
# (issuer over its number, motto over place and date) read in turn are at most six lines
_MOTTO_REACH = 6


# `(Ban hành kèm theo Quyết định số …)`, `(Ban hành theo Quyết định số …)` under the title of a document
# issued with another one
_LABELLED = re.compile(r"(?:[IVXLC]+|[A-Z]|\d{1,2})[.)]\s")
_ISSUED_WITH = re.compile(r"^\(\s*(?:Ban hành\s+)?[Kk]èm theo\b")
_ISSUED_UNDER = re.compile(r"\(\s*(?:Ban hành\s+)?(?:[Kk]èm\s+)?theo\s+(?:Quyết định|Nghị quyết|Nghị định|Thông tư|Chỉ thị|"
                           r"Công văn|Văn bản|Kế hoạch)")


def _appendix_heading(lines: list[Line], a: int, stop: int, rest: str) -> str | None:
    """The title of an appendix: the text after its label, else the title in capitals set under the label
    (`Phụ lục I` / `KẾT QUẢ CHỈ SỐ … NĂM 2025` / `CỦA CÁC CƠ QUAN …`), its lines joined, up to the
    `(Kèm theo …)` line or the first line not in capitals."""
    if rest:
        return rest
    parts: list[str] = []
    for i in range(a + 1, min(stop, a + 5)):
        t = lines[i].text.strip()
        if not t:
            continue
        if "|" in t or _ISSUED_WITH.match(t) or not is_upper(t) or _LABELLED.match(t):
            break                     # a labelled line (`A. KHỐI TỈNH`) opens the appendix's first part
        parts.append(t)
    return " ".join(parts) or None


def _leading_appendix(lines: list[Line], header_end: int, closing: int, appendix_re) -> int | None:
    """The line of the label of a file that is itself an appendix (`BỘ NỘI VỤ` / `Phụ lục 2` / its title /
    `(Kèm theo Công văn số …)`): the label among the file's first lines, before any text of a body."""
    for i in range(0, min(closing, max(header_end + 1, 3), 8)):
        if appendix_re.match(lines[i].text):
            return i
    return None


def _nulls(meta: dict) -> None:
    """An unknown value is null, never an empty string (DATASET.md)."""
    for key, value in meta.items():
        if isinstance(value, dict):
            _nulls(value)
        elif isinstance(value, str) and not value.strip(" .,;:-|"):
            meta[key] = None


# How far down a page's clutter may push a document's header, how many lines in capitals its issuer may take above
# the motto (`ỦY BAN NHÂN` / `DÂN` / `TỈNH BẮC NINH` / `CỘNG HÒA XÃ` / `HỘI CHỦ NGHĨA VIỆT NAM`), and where a motto
# sits when the header starts on the first lines (a signing stamp's lines, an issuer of three lines)
CLUTTER_MAX_LINES = 150
ISSUER_MAX_LINES = 8
MOTTO_NEAR_TOP = 10


def document_top(lines: list[Line]) -> int:
    """The line where the document's own header starts: 0, unless a saved web page (a legal database's copy) puts
    its banner and its own table of the document's fields (`Số hiệu:`, `Loại văn bản: Quyết định`, `Ngày ban
    hành:`) above it. Then the header is the issuer's lines in capitals right above the first national motto, and
    what is above them is no part of the document's header. Why: the header reader takes the first number and type
    it meets, and the page's table holds both, out of their places. Only a top that holds nothing of a document's
    own (no preamble or article, no signature, no Nơi nhận) is passed over: a motto far down under a document's body
    is an attached document's, not this one's."""
    cfg = layout_rules()
    national = cfg["header"]["national_lines"]
    motto = next((i for i in range(min(len(lines), CLUTTER_MAX_LINES)) if matches_any(national, lines[i].text)), None)
    if motto is None or motto < MOTTO_NEAR_TOP:
        return 0
    start, k = motto, motto
    while k > 0 and motto - k < ISSUER_MAX_LINES:
        above = lines[k - 1].text
        if above and not any(c.isalnum() for c in above):
            k -= 1                      # the rule under the issuer (`--------`)
            continue
        if not above or not is_upper(above) or len(above) >= 80:
            break
        start = k = k - 1
    closing = [cfg["closing"]["authority"], r"^Nơi nhận\b"]
    if any(matches_any(cfg["header"]["body_start"], ln.text) or matches_any(closing, ln.text) for ln in lines[:start]):
        return 0
    return start


def parse(text: str, ocr: bool = False) -> Structure:
    """The whole structure of one normalized document.

    With `ocr`, the lines are first read back through `ocr_repair` (same lengths, so every
    offset still points into `text`) and the header is read with OCR's damage allowed for.
    """
    lines = split_lines(text)
    if ocr:
        lines = [Line(ln.start, ln.end, repair_line(ln.text)) for ln in lines]
    top = document_top(lines)
    meta, header_end = parse_header(lines[top:], ocr=ocr)
    header_end += top
    closing = find_closing(lines, header_end)
    chrome = rules.compiled(layout_rules()["page_chrome"])
    tail = next((i for i in range(closing + 1, len(lines)) if chrome.search(lines[i].text)), None)
    document_end = lines[tail].start if tail is not None else len(text)
    lines = lines[:tail]        # a saved web page's own matter after the document (`Văn bản liên quan`, …): not read
    cfg = layout_rules()["closing"]
    appendix_re = rules.compiled(cfg["appendix"])
    appendix_starts = [i for i in range(closing + 1, len(lines)) if appendix_re.match(lines[i].text)]
    attached = _attached_starts(lines, closing, appendix_starts)
    parts = sorted(appendix_starts + attached)
    titleless = _titleless_chapter(lines, closing, parts[0] if parts else len(lines))
    if titleless is not None:
        parts.insert(0, titleless)
    sign_stop = parts[0] if parts else len(lines)
    signer, recipients = parse_closing(lines, closing, sign_stop, stamp_lines=lines)
    meta["signer"] = signer or {"name": None, "title": None, "authority": None}
    _nulls(meta)
    lead = _leading_appendix(lines, header_end, closing, appendix_re)
    if lead is not None:
        # the file is an appendix of another document: its labels before the signature start the roots
        parts = sorted(set(parts) | {i for i in range(lead, closing) if appendix_re.match(lines[i].text)})
        sections = []
    else:
        sections = parse_sections(lines, header_end, closing)
    for n, a in enumerate(parts):
        stop = parts[n + 1] if n + 1 < len(parts) else len(lines)
        if a in attached or a == titleless:
            # a document issued with this one (a Quy chế, a Kế hoạch): its own root, up to its signature; the chapter
            # line of one whose title page was lost is the first of its sections, not a type line above them
            first = a if a == titleless else a + 1
            sections.extend(parse_sections(lines, first, max(a + 1, min(stop, find_closing(lines, a + 1)))))
            continue
        m = appendix_re.match(lines[a].text)
        label = f"Phụ lục {m.group('num')}" if m.group("num") else "Phụ lục"
        rest = lines[a].text[m.end():].strip(" .:-")
        sections.append({"path": label, "label": label, "heading": _appendix_heading(lines, a, stop, rest), "level": 1,
                         "start": lines[a].start, "end": lines[stop - 1].end})
        sections.extend(parse_sections(lines, a + 1, stop, root=[label]))
    # Kính gửi recipients of a letter
    for i in range(0, min(len(lines), header_end + 8)):
        t = lines[i].text
        if t.startswith("Kính gửi"):
            rest = re.sub(r"^Kính gửi\s*:?\s*", "", t)
            if rest:
                recipients.append(Line(lines[i].end - len(rest), lines[i].end, rest))
            for j in range(i + 1, min(i + 15, len(lines))):
                u = lines[j].text
                if u.startswith(("-", "+", "•")):
                    recipients.append(lines[j])
                elif u:
                    break
            break
    body_start = lines[header_end].start if header_end < len(lines) else len(text)
    closing_start = lines[closing].start if closing < len(lines) else len(text)
    return Structure(metadata=meta, sections=sections, header_end=body_start, body_start=body_start,
                     closing_start=closing_start, recipients=recipients, document_start=lines[top].start if top else 0,
                     document_end=document_end)
