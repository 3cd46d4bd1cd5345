"""The numbered section tree (I., 1., a), 2.4.1, Điều 3, Phụ lục) and where an offset sits in it."""
from __future__ import annotations

import re

from pipeline import rules
from pipeline.parse import ocr_labels
from pipeline.parse.common import decimal_last as _decimal_last, is_upper, layout_rules, opens_source
from pipeline.parse.section_order import first_and_next, first_lost, resumed, roman_skips_one, upper_follows
from pipeline.text.spans import Line


_LETTERS = "abcdđeghiklmnopqrstuvxy"
_WORDED = ("book", "chapter", "part", "article")   # labels with their word (`Chương II`, `Điều 3`)


def _kind_key(kind: str, label: str) -> str:
    return f"decimal{label.count('.')}" if kind == "decimal" else kind


def _label_text(label: str) -> str:
    """`PHẦN I` → `Phần I`, `CHƯƠNG II` → `Chương II`, `PHẦN THỨ HAI` → `Phần thứ hai`."""
    words = layout_rules()["sections"].get("label_words", {})
    head, _, num = re.sub(r"\s+", " ", label).partition(" ")
    if not re.fullmatch(r"[IVXLC\d]+", num):
        num = num.lower()   # an ordinal in words (`thứ nhất`)
    return f"{words.get(head.upper(), head)} {num}".strip()


def _letter_follows(stack: list, label: str) -> bool:
    """`i)` after `h)` (or `v)` after `u)`) goes on a list of letters, not of roman numerals."""
    for key, lbl, _ in reversed(stack):
        if key == "letter":
            return _LETTERS.find(label) == _LETTERS.find(lbl) + 1
    return False


def _quote_balance(text: str, marks: dict, open_before: int = 0) -> int:
    """Opening minus closing quotation marks of a line; a straight `"` opens when no quotation is open so
    far, counting the ones left open by the lines before (`open_before`): an amendment's quoted clause
    often closes its straight quote lines later (`c) … doanh thu".`)."""
    n = open_before
    for c in text.replace("''", '"'):   # a typewriter's two single quotes are one straight quote
        if c in marks["open"]:
            n += 1
        elif c in marks["close"]:
            n -= 1
        elif c in marks["both"]:
            n += 1 if n <= 0 else -1
    return n - open_before


class _Markers(list):
    """The section markers (kind, pattern, fallthrough) and `opens`, their patterns as one alternation: it matches a
    line exactly when one of them does, and most lines open with no label (one failed match, not ten). Its answer is
    kept per text: a line is asked again as it is read, checked for a run-on item, … (27440 asks, 11518 texts, dev)."""
    opens: re.Pattern

    def tried(self, text: str):     # the markers to try on `text`: none when none can match it
        known = self.__dict__.setdefault("known", {})
        return known[text] if text in known else known.setdefault(text, self if self.opens.match(text) else ())


def _next_heading(lines: list[Line], i: int, stop: int, kind: str, markers: list, cfg: dict) -> str | None:
    """The heading of a label set alone on its line (`II.` / `NHIỆM VỤ`): the next line, when it is a short
    title and no label itself; after an Arabic label only a title in capitals (a `1.` alone is often a cell)."""
    if i + 1 >= stop:
        return None
    nxt = lines[i + 1].text.strip()
    if (not nxt or "|" in nxt or len(nxt) > cfg.get("heading_next_max_chars", 200)
            or markers.opens.match(nxt)):
        return None
    if kind not in ("roman", "upper") and not is_upper(nxt):
        return None
    return nxt


def _goes_on(stack: list, markers: list, text: str) -> bool:
    """Whether `text` opens the next item of the document's top level (`III.` after `II.`): that ends a
    quotation whose closing mark was lost."""
    if not stack or stack[0][0] in ("arabic", "letter", "lroman"):
        return False   # a quoted `2.` would pass for the next of the document's own `1.`
    key, label, _ = stack[0]
    for kind, pat, _ in markers.tried(text):
        m = pat.match(text)
        if m:
            lbl = _BLANKS.sub(" ", m.group("label"))
            if kind in _WORDED:
                lbl = _label_text(lbl)
            return _kind_key(kind, lbl) == key and first_and_next(kind, lbl, label)
    return False


def _articles_unworded(lines: list[Line], start: int, stop: int, markers: list) -> bool:
    """Whether the text is set in chapters with no `Điều` line, its Arabic items right under the chapters
    numbered on through them (`1.` first under `Chương I`, `4.` first under `Chương II`): a legal text
    (Quy chế, Quy định, Điều lệ) always holds articles in its chapters, so these are articles whose
    Word numbering (`Điều %1.`) printed only the number (antiword keeps `4.` of `Điều 4.`). A report or
    a project set in chapters numbers its items from 1 again in each."""
    firsts: list[int | None] = []   # the first item under each chapter, when it is an Arabic one
    under_chapter = False
    for i in range(start, stop):
        found = next(((kind, m) for kind, pat, _ in markers.tried(lines[i].text) if (m := pat.match(lines[i].text))), None)
        if found is None:
            continue
        kind, m = found
        if kind == "article":
            return False
        if kind == "chapter":
            under_chapter = True
        elif under_chapter:
            firsts.append(int(m.group("label")) if kind == "arabic" else None)
            under_chapter = False
    return bool(firsts) and firsts[0] == 1 and all(f is not None and f > 1 for f in firsts[1:])


def _unworded_article(stack: list, label: str, rest: str, prev: str | None, sentence_end) -> bool:
    """Whether an Arabic item of a chapter-set text without `Điều` lines is an article whose word was lost:
    its number goes on from the last article through the chapters, right under the chapter heading, or,
    inside an article (among its clauses and points only), as a short title (`2. Quyền hạn`)."""
    kinds = [k for k, _, _ in stack]
    if "chapter" not in kinds or int(label) != (int(prev.split()[-1]) if prev else 0) + 1:
        return False
    below = kinds[kinds.index("chapter") + 1:]
    if not below or below == ["part"]:
        return True
    if "article" not in below or any(k not in ("part", "article", "arabic", "letter", "lroman") for k in below):
        return False
    rest = rest.strip()
    return bool(rest) and len(rest) <= 120 and not sentence_end.search(rest) and not rest.endswith(":")


_DIVISIONS = ("book", "chapter", "part", "article")   # a legal text's divisions, outermost first


def _close_lower_divisions(stack: list, kind: str) -> None:
    """A division opens right under the nearest larger one (`Mục 1` under its `Chương`, after the
    clauses of the article before it): what the stack holds below that larger division is closed."""
    if kind not in _DIVISIONS:
        return
    rank = _DIVISIONS.index(kind)
    for idx in range(len(stack) - 1, -1, -1):
        if stack[idx][0] in _DIVISIONS[:rank]:
            del stack[idx + 1:]
            return
    # no larger division open (its line was lost, `Chương Ï` misread): a chapter never sits in an article
    for idx, entry in enumerate(stack):
        if entry[0] in _DIVISIONS[rank + 1:]:
            del stack[idx:]
            return


# A run-in head: a few words before a colon, then the item's text (not a list after `gồm:`)
_RUN_IN = re.compile(r"^(?P<head>[^:;.,“\"(]{2,60}?(?:,[^:;.,“\"(]{1,30})?)\s*:\s+(?=[A-ZĐÀ-Ỹ])\S.{20,}")
# blanks after a stop, before more text (`(?<=[.;!?])\s+(?=\S)`, the group): the stop read first, `re` skips to stops
# in C (rare), not to blanks (one character in five); scanned from a character before, the same blanks are found
_RUN_ON = re.compile(r"[.;!?](\s+)(?=\S)")
_BLANKS = re.compile(r"\s+")


def _label_of(kind: str, m: re.Match) -> str:
    label = _BLANKS.sub(" ", m.group("label"))
    return _label_text(label) if kind in _WORDED else label


def _next_of(kind: str, label: str, prev: str) -> bool:
    """Whether `label` comes right after `prev` in its sequence (no gap allowed)."""
    if kind == "letter":
        return _LETTERS.find(label) == _LETTERS.find(prev) + 1
    if kind == "decimal":
        return label.rsplit(".", 1)[0] == prev.rsplit(".", 1)[0] and _decimal_last(label) == _decimal_last(prev) + 1
    if kind == "arabic":
        return int(label) == int(prev) + 1
    return first_and_next(kind, label, prev)


_SUB_TAIL = re.compile(r"(?:[.)]\s*|\s+)(?=[A-ZĐÀ-Ỹ])")


def first_sub_item(text: str, label: str) -> int:
    """Where `4.1.` stands after a space with a capital after it, the first sub-item of item `label` (`4`):
    the offset of that space, -1 when none. What `re.search(r"\\s4\\.1(?:[.)]\\s*|\\s+)(?=[A-ZĐÀ-Ỹ])", text)`
    finds, without compiling a pattern per label (each compile cost half a millisecond)."""
    key = label + ".1"
    q = text.find(key, 1)
    while q >= 0:
        if text[q - 1].isspace() and _SUB_TAIL.match(text, q + len(key)):
            return q - 1
        q = text.find(key, q + 1)
    return -1


def _run_on_item(text: str, stack: list, markers: list) -> tuple[int, int] | None:
    """Where a line runs the next item on after a sentence (`… chất lượng. 2. Đảm bảo tiến độ`, two lines of
    a PDF read as one): (end of the first item, start of the next), or None. Only the very next label of an
    item still open (or of the line's own label) counts, so a number inside a sentence (`năm 2024. 3 …`)
    or an inline list that opens nothing stays where it is."""
    open_items = {k: lbl for k, lbl, _ in stack}
    body, own = 0, None
    for kind, pat, _ in markers.tried(text):
        m = pat.match(text)
        if m:
            label = _label_of(kind, m)
            key = _kind_key(kind, label)
            if key in open_items:   # the line's own item closes the deeper ones
                keys = [k for k, _, _ in stack]
                open_items = {k: lbl for k, lbl, _ in stack[:keys.index(key)]}
            open_items[key] = label
            body = m.start("rest") if m.group("rest") is not None else m.end()
            own = label if kind in ("arabic", "decimal") else None
            break
    if own is not None:
        # the first sub-item of a heading run on after it, with no stop (`4. Kết quả năm 4.1. Đối với …`)
        sub = first_sub_item(text[body:], own)
        if sub >= 0:
            return body + sub, body + sub + 1
    for r in _RUN_ON.finditer(text, max(0, body - 1)) if open_items else ():   # (no item open: none goes on)
        tail = text[r.end(1):]
        for kind, pat, _ in markers.tried(tail):
            m = pat.match(tail)
            if not m:
                continue
            if kind not in ("roman", "upper", "arabic", "decimal", "letter") or not (m.group("rest") or "")[:1].isupper():
                break
            label = _label_of(kind, m)
            prev = open_items.get(_kind_key(kind, label))
            if prev is not None and _next_of(kind, label, prev):
                return r.start(1), r.end(1)
            break
    return None


def _form_start(lines: list[Line], start: int, stop: int, cfg: dict) -> int:
    """Where the first form of an appendix (`Mẫu số 01`) begins; `stop` when it holds none."""
    pat = rules.compiled(cfg["form_label"]) if cfg.get("form_label") else None
    if pat is None:
        return stop
    for i in range(start, stop):
        if pat.match(lines[i].text):
            return i
    return stop


def parse_sections(lines: list[Line], start: int, stop: int, root: list[str] | None = None,
                   text_end: int | None = None) -> list[dict]:
    """The numbered hierarchy between lines `start` and `stop`, as DATASET.md `sections`.

    Not sections: table rows (a `|` row; every numbered line of a body that opens with a PDF table's
    `STT` column header; under a section, a PDF table's rows that open no item of the document), text
    quoted from another document (inside quotation marks opened after a `:`, or new levels under a line
    citing a provision `… khoản 2 Điều 5 Nghị định … quy định:` until the document's own next item), a
    label alone on its line with no title under it, and in an appendix (`root`) the template of a form
    (`Mẫu số 01` and what follows it). A label alone on its line takes the title under it as heading."""
    cfg = layout_rules()["sections"]
    markers = _Markers((m["kind"], rules.compiled(m["pattern"]), m.get("fallthrough", False)) for m in cfg["markers"])
    markers.opens = rules.compiled(opens_source(tuple(m["pattern"] for m in cfg["markers"])))
    sentence_end = rules.compiled(cfg["heading_sentence_end"])
    table_header = rules.compiled(cfg["table_header"]) if cfg.get("table_header") else None
    quote_open = rules.compiled(cfg["quote_open"]) if cfg.get("quote_open") else None
    citation_cue = rules.compiled(cfg["citation_cue"]) if cfg.get("citation_cue") else None
    # both asked only of lines that can hold them (the searches tried every position of every line): a citation
    # cue ends its line with `:`, a table's column header holds `TT` or `thứ tự` (tests/test_speed_extract.py)
    quote_open_inline = rules.compiled(r":\s*[“\"«]")
    marks = cfg.get("quote_marks", {"open": "“", "close": "”", "both": '"'})
    stack: list[tuple[str, str, dict]] = []   # (kind key, label, section)
    last_label: dict[str, str] = {}
    sections: list[dict] = []
    if root:
        stop = max(start, _form_start(lines, start, stop, cfg))
    unworded = _articles_unworded(lines, start, stop, markers)
    root = root or []
    in_table = False      # a body that is a PDF table (its first line of substance is `STT`)
    quote = 0             # open quotation marks of a quotation that began a line after a `:`
    cited = False         # under a line that cites another document's provision
    table = False         # inside a PDF table of a section (after its `STT` column header)
    prev = ""             # the last non-empty line
    work = list(lines[start:stop])   # the lines, a line that runs two items together split in two
    i = -1
    while i + 1 < len(work):
        i += 1
        ln = work[i]
        t = ln.text
        if not t:
            continue
        cut = _run_on_item(t, stack, markers) if quote == 0 and "|" not in t else None
        if cut is not None:
            head = t[:cut[0]].rstrip()
            work[i:i + 1] = [Line(ln.start, ln.start + len(head), head), Line(ln.start + cut[1], ln.end, t[cut[1]:])]
            ln, t = work[i], head
        before, prev = prev, t
        if quote > 0 and not _goes_on(stack, markers, t):
            quote = max(0, quote + _quote_balance(t, marks, quote))
            continue
        quote = 0
        inline = quote_open_inline.search(t)
        if inline and not markers.opens.match(t[inline.end():].lstrip("…. ")):
            inline = None   # a quoted sentence, not quoted clauses (`hướng dẫn: “Đối với hội …`)
        if quote_open is not None and (before.rstrip().endswith(":") and quote_open.match(t) or inline):
            # a quotation after `:` (opening this line, or opening clauses at its end): the cited text,
            # up to its closing mark
            quote = max(0, _quote_balance(t[inline.start():] if inline else t, marks))
            if quote_open.match(t):
                continue
        if citation_cue is not None and stack and before.rstrip().endswith(":") and citation_cue.search(before):
            cited = True   # (before any section of its own, what follows a cue is the document's)
        if "|" in t:
            continue
        if table_header is not None and ("TT" in t or "thứ tự" in t) and table_header.search(t):
            if not sections:
                in_table = True
            elif stack:
                table = True   # a table inside a section: its numbered rows open no level
        for kind, pat, fallthrough in markers.tried(t):
            m = pat.match(t)
            if not m:
                continue
            label = _BLANKS.sub(" ", m.group("label"))
            if kind in _WORDED:
                label = _label_text(label)
            if kind == "roman" and not label.isupper():
                label = ocr_labels.mixed_roman(label, last_label.get("roman"), m.group("rest") or "")
                if label is None:
                    continue
            elif kind == "arabic" and label == "1" and "roman" not in last_label and ocr_labels.first_part_as_one(
                    (w.text for w in work[i + 1:]), m.group("rest") or ""):
                kind, label = "roman", "I"   # OCR read the first part's `I.` as `1.`
            if unworded and kind == "arabic" and _unworded_article(stack, label, m.group("rest") or "",
                                                                   last_label.get("article"), sentence_end):
                kind, label = "article", f"Điều {label}"
            if kind == "upper" and (m.group("rest") or "")[:1].isalpha() and not m.group("rest")[:1].isupper() \
                    and not upper_follows(label, last_label.get("upper")):
                continue   # `A. và …` in running text; but `B. nội dung …` right after an `A.` goes on with it
            if in_table and not (kind in ("book", "chapter", "roman", "upper", "article")
                                 and first_and_next(kind, label, None)):
                break   # a row of the table
            if in_table:
                in_table = False
            if table:
                own = [k for k, _, _ in stack]
                k = _kind_key(kind, label)
                goes_on = k in own and first_and_next(kind, label, stack[own.index(k)][1])
                extends = kind == "decimal" and any(lbl == label.rsplit(".", 1)[0] for _, lbl, _ in stack)
                if not (goes_on or extends or kind in ("book", "chapter", "part", "roman", "article")):
                    if fallthrough:
                        continue
                    break   # a row of the table (`1`, `a)`), not an item of the document
                table = False
            if cited:
                own = [k for k, _, _ in stack]
                k = _kind_key(kind, label)
                if k not in own or not first_and_next(kind, label, stack[own.index(k)][1]):
                    if fallthrough:
                        continue
                    break   # the cited text's own numbering
                cited = False
            if not (m.group("rest") or "").strip(" .:") and kind in ("roman", "upper", "arabic"):
                alone = _next_heading(work, i, len(work), kind, markers, cfg)
                if alone is None and not (before.rstrip().endswith(":") and first_and_next(kind, label, None)):
                    break   # a label alone, no title under it: a table cell, a page number (not a draft's blank first item after `:`)
            if kind == "lroman" and _letter_follows(stack, label):
                continue
            key = _kind_key(kind, label)
            saved = stack[:]
            _close_lower_divisions(stack, kind)
            keys = [k for k, _, _ in stack]
            if key in keys:
                idx = keys.index(key)
                if not first_and_next(kind, label, stack[idx][1]) \
                        and not roman_skips_one(kind, label, stack[idx][1], m.group("rest") or ""):
                    m = None
                else:
                    del stack[idx:]
            elif kind == "article" and key in last_label and first_and_next(kind, label, last_label[key]):
                pass   # articles run on through the chapters of a law (Chương II / Điều 3)
            else:
                if kind == "decimal" and stack:
                    parent_label = label.rsplit(".", 1)[0]
                    if not any(lbl == parent_label for _, lbl, _ in stack) and not first_and_next(kind, label, None):
                        m = None
                elif not first_and_next(kind, label, None) \
                        and not (not sections and first_lost(work, i, kind, label, pat)) \
                        and not (kind == "article" and key not in last_label and resumed(sections)):
                    m = None
                if m and kind == "decimal":
                    # a decimal belongs under the item it extends (2.4.1 under 2.4)
                    parent_label = label.rsplit(".", 1)[0]
                    for idx, (_, lbl, _) in enumerate(stack):
                        if lbl == parent_label:
                            del stack[idx + 1:]
                            break
            if m is None:
                stack[:] = saved
                if fallthrough:
                    continue
                break
            rest = (m.group("rest") or "").strip()
            if not rest.strip(":. ") and kind in ("roman", "upper", "arabic"):
                rest = _next_heading(work, i, len(work), kind, markers, cfg) or ""
            if not rest.strip(":. ") and kind in ("book", "chapter", "part") and i + 1 < len(work):
                # `Chương I` / `NHỮNG QUY ĐỊNH CHUNG`: the heading on the next line, in capitals or (a transcription
                # that lost its caps font) a short line that ends no sentence (`Những quy định chung`)
                nxt = work[i + 1].text
                if nxt and "|" not in nxt and not markers.opens.match(nxt) and (
                        is_upper(nxt) or len(nxt) <= 100 and not sentence_end.search(nxt) and not nxt.endswith(":")):
                    rest = nxt
            heading = rest.rstrip(":").strip() or None
            lead = _RUN_IN.match(rest) if kind not in _WORDED else None
            if lead:
                heading = lead.group("head")   # `Sở Tư pháp: Chủ trì, …`, `Kết quả: Chỉ số …` → its run-in head
            elif heading and (len(heading) > cfg["heading_max_chars"] or sentence_end.search(heading)
                              or heading.endswith("./")):
                heading = None
            path = "/".join(root + [lbl for _, lbl, _ in stack] + [label])
            sec = {"path": path, "label": label, "heading": heading, "level": len(root) + len(stack) + 1,
                   "start": ln.start, "end": None}
            stack.append((key, label, sec))
            sections.append(sec)
            last_label[key] = label
            if heading is None and rest and len(rest) <= cfg["heading_max_chars"]:
                sec["_rest"] = rest.rstrip(":. ").strip()
                nxt = next((w.text for w in work[i + 1:] if w.text), "")
                sec["_text_under"] = bool(nxt) and "|" not in nxt and not markers.opens.match(nxt) \
                    and rest.endswith(".") and len(rest) <= 160 and not re.search(r"[.;:]\s", rest)
            break
    # a labelled line with items under it is their heading, even when it ends in `.`; so is a one-sentence
    # labelled line with a paragraph of its own under it (`2. Thực hiện vai trò cầu nối.` / `Hiệp hội đã …`)
    for n, sec in enumerate(sections):
        rest = sec.pop("_rest", None)
        text_under = sec.pop("_text_under", False)
        if rest and (text_under or n + 1 < len(sections) and sections[n + 1]["level"] > sec["level"]):
            sec["heading"] = rest
    end_offset = lines[stop - 1].end if stop > start else (text_end or 0)
    # a section runs to the next section at its own level or above
    for n, sec in enumerate(sections):
        sec["end"] = end_offset
        for later in sections[n + 1:]:
            if later["level"] <= sec["level"]:
                sec["end"] = later["start"]
                break
    return sections


def section_at(sections: list[dict], offset: int) -> str:
    """Path of the innermost section holding `offset`; "" outside every section."""
    best, level = "", 0
    for s in sections:
        if s["start"] <= offset < s["end"] and s["level"] > level:
            best, level = s["path"], s["level"]
    return best
