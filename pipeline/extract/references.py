"""Referenced documents: every citation of another document, normalized (DATASET.md).

Found from the identifier outwards: the number-and-code is the anchor, the
type word before it, the date and the issuer after it, the relation from the
words before it in the same clause. Vocabularies live in `rules/`.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from pipeline import rules
from pipeline.extract.registry import extractor
from pipeline.parse.document import Doc, section_paths
from pipeline.text.matching import digit_led, longest_first, presence
from pipeline.text.names import canonical, comma_fields, complete_jurisdiction, place_source
from pipeline.text.fold import title_key
from pipeline.text.spans import Taken, last_break
from pipeline.text.identifiers import (body_code, drop_footnote, issuer_from_codes, law_title, normalize_identifier,
                                       party_central_numbers, same_body, standard_id, type_from_identifier)
from pipeline.extract.dates import parse_day


@lru_cache(maxsize=None)
def _patterns() -> dict:
    cfg = rules.load("references")
    names = rules.doc_type_names() + ["Văn bản", "Công văn"]
    type_alt = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
    # (before every identifier: its type names as a trie, tried only where one can open: `presence`, whose span and
    # `type` group are the plain search's, its match opening on the character the search's match opens on)
    return {
        "ident": re.compile(digit_led(cfg["identifier"], r"[\w/.-]")),   # (?<![\w/.-]) after the first digit
        "enum": re.compile(digit_led(cfg["enumeration"], r"[\w/.,-]")),
        "type_before": presence(r"(?P<type>" + longest_first(names) + r")(?:\s+liên tịch)?" + cfg["number_word"] + r"(?:\(\s*)?$", re.I),
        "type_words_so": re.compile(r"(?P<type>" + type_alt + r")(?:\s+[a-zà-ỹđ]+){1," + str(cfg["type_words_between"])
                                    + r"}\s+số\s*[:.]?\s*$"),
        "named_before_number": re.compile(cfg["named_before_number"]),
        "so_before": re.compile(r"(?:số|Số)\s*[:.]?\s*$"),
        "form_before": re.compile(cfg["form_before"]),
        "date_issuer_before": re.compile(cfg["date_issuer_before"]),
        "issuer_before": re.compile(cfg["issuer_before"]),
        "priority": {r: i for i, r in enumerate(cfg["relation_priority"])},
        "joined_before": re.compile(r"^\s*(?:,|và|;)\s*(?:(?:số|Số)\s+)?$"),
        "date_after": re.compile(cfg["date_after"]),
        "issuer_after": re.compile(cfg["issuer_after"].replace("{comma_fields}", comma_fields())),
        "issuer_tail": re.compile(cfg["issuer_tail"]),
        "named": [re.compile(p) for p in cfg["named"]],
        "relations": cfg["relations"],   # and each cue in lower case with its whole-word pattern, compiled once:
        "cue_patterns": {rel: [(c.lower(), re.compile(r"(?<![\w])" + re.escape(c.lower()) + r"(?![\w])")) for c in cues]
                         for rel, cues in cfg["relations"].items()},
        "window": cfg["relation_window"],
        "object_words": cfg["relation_object_words"],
        "watch_words": re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in cfg["relation_watch_words"])
                                  + r")(?!\w)(?P<viec>\s+việc\b)?"),
        "watch_window": cfg["relation_watch_window"],
        "watched_cues": set(cfg["relation_watched_cues"]),
        "nested_gap": re.compile(cfg["relation_nested_gap"]),
        "passive": re.compile(cfg["relation_passive"]),
        "not_object": re.compile(cfg["relation_not_object"]),
        "proposal_words": re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in cfg["relation_proposal_words"])
                                     + r")(?!\w)"),
        "list_separator": re.compile(cfg["relation_list_separator"] + "(?:" + cfg["relation_list_lead"] + ")?$"),
        "other_doc_verb": re.compile(r"(?<![\w])(?:" + type_alt + r")(?:(?:\s*\([^()\n]{1,20}\))?\s*|\b"
                                     + cfg["relation_topic"] + ")$"),
        "line_label": re.compile(cfg["relation_line_label"]),
        "heading_chars": cfg["relation_heading_chars"],
        "quoted_before": re.compile(cfg["relation_quoted_before"]),
        "quoted_after": re.compile(cfg["relation_quoted_after"]),
        "type_names": {n.casefold(): n for n in rules.doc_type_names()},
        "ocr_codes": {k.casefold(): v for k, v in (cfg.get("ocr_codes") or {}).items()},
        "own_number_ocr": re.compile(cfg["own_number_ocr"]),
        "standard": re.compile(cfg["standard"]),
        "open_head": re.compile(cfg["issuer_open_head"]),
    }


def _canonical_type(word: str | None) -> str | None:
    if not word:
        return None
    w = re.sub(r"\s+", " ", word).casefold()
    if w in ("văn bản", "công văn"):
        return "Công văn"
    return _patterns()["type_names"].get(w)


def _assign_relations(doc: Doc, items: list[dict]) -> None:
    """Relation of this document to each cited one, in text order (later ones may share earlier ones').

    Each citation takes the last cue that governs it (`Thực hiện A`); a citation named
    inside another's description (`A của X thực hiện B`) is only mentioned; one listed
    after another (`Thực hiện A, B và C`; `A …; B …`) shares the relation of the list's head.
    """
    done: list[dict] = []
    for it, path in zip(items, section_paths(doc.sections, [it["start"] for it in items])):
        own = not _in_body(path)
        it["relation"], it["_nested"] = _relation(doc, it, done, own)
        it["_own"] = own
        done.append(it)
    for it in items:
        it.pop("_nested", None)


def _relation(doc: Doc, it: dict, earlier: list[dict], own: bool) -> tuple[str, bool]:
    """(relation, whether the citation is named inside an earlier citation's description)."""
    p = _patterns()
    text, s = doc.text, it["start"]
    if _basis_list(text, s, own):
        return "basis", False
    sent = _sentence_start(text, s, doc.structure.header_end)
    if p["quoted_before"].fullmatch(text[sent:s]) and p["quoted_after"].match(text, it["end"]):
        return "basis", False       # `Tại khoản 6 Điều 18 Quyết định số 1178/QĐ-BTP … quy định: “…”`
    clause = max(sent, text.rfind(";", sent, s) + 1)
    # (the earlier ones run in text order: those of this sentence are found by bisection, not all read again)
    before = [q for q in earlier[bisect_left(earlier, sent, key=lambda q: q["start"]):] if q["end"] <= s]
    last = before[-1] if before else None
    region = max(clause, last["end"]) if last else clause
    cue = _last_cue(text, region, s, clause, own)
    if cue:
        rel, c_start, c_end = cue
        if not (last and last["end"] >= clause and _describes(text[last["end"]:c_start])):
            return rel, False
        if _governs(text[c_end:s], rel):
            return "mentions", True     # `Kế hoạch số 21-KH/BDVTU … thực hiện Chương trình số 06-CTr/TU`
    m = p["list_separator"].search(text[max(sent, last["end"]):s]) if last else None
    if m:
        head = _list_head(text, before, sent, clause, m.group("sep"))
        if head:
            return head["relation"], head["_nested"]
    return "mentions", False


def _list_head(text: str, before: list[dict], sent: int, clause: int, sep: str) -> dict | None:
    """The citation a listed one shares its relation with: after `;`, the first of the previous
    clause (`Thực hiện A của X thực hiện B; C` → A); after `,`/`và`, the nearest one but a law
    only named inside another's description (`Nghị định số 104/2025/NĐ-CP … quy định chi tiết … Luật
    Công chứng, Quyết định số 1178/QĐ-BTP` → 104/2025; `thay thế Nghị định số 45/2010/NĐ-CP … và
    Nghị định số 33/2012/NĐ-CP` → 45/2010)."""
    if sep == ";":
        prev_clause = text.rfind(";", sent, clause - 1) + 1 or sent
        return next((q for q in before if q["start"] >= max(sent, prev_clause)), None)
    return next((q for q in reversed(before) if q["identifier"] or not q["_nested"]), None)


def _describes(gap: str) -> bool:
    """Whether a cue this close after a citation belongs to that citation's own description."""
    p = _patterns()
    return bool(p["nested_gap"].fullmatch(gap)) and not re.fullmatch(r"\s*,?\s*và\s*", gap)


def _last_cue(text: str, region: int, s: int, clause: int, own: bool) -> tuple[str, int, int] | None:
    """The cue nearest before the citation that speaks for this document, if any.

    A `Căn cứ` may stand some words away; an action (`thực hiện`, `thay thế`) must take
    the citation as its object. Not cues: an action that another named document does
    (`dự thảo Thông tư thay thế Thông tư số …`) or that is done to the cited one
    (`được sửa đổi, bổ sung tại …`), carrying out watched or reported on (`theo dõi việc
    triển khai thực hiện Chỉ thị …`), words inside a quoted title, and amending or
    replacing that the document only proposes or that its body, not its articles, states.
    """
    p = _patterns()
    low = text[region:s].lower()
    found = []
    for rel, cues in p["cue_patterns"].items():
        for word, pattern in cues:
            for m in (pattern.finditer(low) if word in low else ()):   # most cues are nowhere before it
                found.append((region + m.start(), region + m.end(), rel))
    cues: list[tuple[int, int, str]] = []
    for c in sorted(found, key=lambda c: (c[0], -c[1])):   # overlapping cues are one phrase
        if not cues or c[0] >= cues[-1][1]:
            cues.append(c)
    for c_start, c_end, rel in reversed(cues):
        before = text[clause:c_start]
        if rel == "basis":
            if s - c_start > p["window"]:
                continue
        elif not _governs(text[c_end:s], rel):
            continue
        if p["other_doc_verb"].search(text, max(clause, c_start - 120), c_start):
            continue
        if before.count("“") > before.count("”"):
            continue
        if rel != "basis" and p["passive"].search(text, max(0, c_start - 20), c_start):
            continue
        if text[c_start:c_end].lower() in p["watched_cues"] and _watched(before.lower()):
            continue
        if rel in ("amends", "replaces", "repeals") and (
                p["proposal_words"].search(before.lower()) or not (own or re.search(r"\bnày\b", before))):
            continue
        return rel, c_start, c_end
    return None


def _watched(before: str) -> bool:
    """`theo dõi việc …` watches the whole clause after it; a bare `kiểm tra` only the next words."""
    p = _patterns()
    return any(m.group("viec") or len(before) - m.start() <= p["watch_window"]
               for m in p["watch_words"].finditer(before))


def _governs(between: str, rel: str) -> bool:
    """Whether an action cue takes the citation as its object (`thực hiện có hiệu quả Kế hoạch số …`),
    not a phrase of its own (`thực hiện thủ tục hành chính, dịch vụ công ban hành tại …`)."""
    p = _patterns()
    short_list = all(len(part.split()) <= 2 for part in between.split(",")[1:])   # `các chỉ tiêu, mục tiêu, nhiệm vụ`
    return not (re.search(r"[;()“”\"]|\.\s", between) or not short_list
                or len(between.split()) > p["object_words"] or p["not_object"].search(between))


def _sentence_start(text: str, s: int, body_start: int = 0) -> int:
    """Start of the sentence holding offset `s`; a line wrapped inside a sentence does not end it,
    a heading (`2. Căn cứ pháp lý`) or the header's title above does."""
    p = _patterns()
    cut = max(text.rfind(". ", 0, s) + 2, text.rfind(": ", 0, s) + 1, text.rfind(":\n", 0, s) + 1,   # not `01:2019`
              text.rfind("|", 0, s) + 1, 0)
    line = text.rfind("\n", 0, s) + 1
    while line > max(cut, body_start):
        prev_start = text.rfind("\n", 0, line - 1) + 1
        prev = text[prev_start:line - 1].rstrip()
        if not prev or prev[-1] in ".;:!?" or prev.isupper() or p["line_label"].match(text, line) or (
                p["line_label"].match(text, prev_start) and len(prev) < p["heading_chars"]):
            break
        line = prev_start
    return max(cut, line)


def _basis_list(text: str, s: int, own: bool) -> bool:
    """`Căn cứ` opening a paragraph outside the numbered body (`Căn cứ A; B; C`), or a line
    ending in `:` with `căn cứ` whose bullets (wrapped lines included) are the bases."""
    para_start = _paragraph_start(text, s)
    para = text[para_start:s]
    if re.match(r"\s*[-+]?\s*Căn cứ", para) and own:
        return True
    if not re.match(r"\s*[-+•]", para):
        return False
    prev_end = para_start - 1
    while prev_end > 0:
        prev_start = text.rfind("\n", 0, prev_end) + 1
        line = text[prev_start:prev_end].rstrip()
        if not re.match(r"\s*[-+•]", line):
            if line.endswith(":"):
                return bool(re.search(r"(?i)căn cứ", line))
            above = text[text.rfind("\n", 0, max(0, prev_start - 1)) + 1:max(0, prev_start - 1)].rstrip()
            if not above or above[-1] in ".;!?":
                return False       # a paragraph of its own, not the wrapped end of a bullet
        prev_end = prev_start - 1
    return False


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
    if m and text[m.end():m.end() + 1] == "\n" and p["open_head"].search(m.group("issuer").rstrip()):
        joined = text[:m.end()] + " " + text[m.end() + 1:]   # `của Chủ tịch⏎UBND tỉnh`: one name over two lines
        m = p["issuer_after"].match(joined, end, min(len(joined), end + 160)) or m
    if m:
        raw = p["issuer_tail"].sub("", m.group("issuer"))   # `của Thủ tướng Chính phủ và⏎Hướng dẫn …`
        words = raw.split()
        if 0 < len(words) <= 16:   # `Ban Thường trực Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam`
            issuer = canonical(raw.strip())
            end = m.start("issuer") + len(raw)
            if date is None:
                m2 = p["date_after"].match(text, end, min(len(text), end + 60))
                if m2:
                    date = parse_day(m2.group("date"))
    explicit_issuer = issuer is not None
    if date is None or issuer is None:
        sent = last_break(text, span_start, (". ",)) + 1
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
        issuer = issuer_from_codes(ident) or _own_issuer(doc, ident)
    issuer = complete_jurisdiction(issuer, jurisdiction_source(doc))
    doc_type = _resolve_type(ident, type_word, text[max(0, span_start - 8):span_start])
    return {
        "doc_type": doc_type, "identifier": ident, "date": date, "issuer": issuer,
        "relation": None,
        "title": law_title(text[span_start:end]), "text": text[span_start:end], "start": span_start, "end": end,
        "_explicit_issuer": explicit_issuer,
    }


def jurisdiction_source(doc: Doc) -> str:
    """Where the citing document names its place (`names.place_source`), for `UBND tỉnh`: read once per document,
    not at each of its citations."""
    meta = doc.metadata
    return place_source(doc.text, doc.structure.header_end, meta.get("issuer"), meta.get("parent_issuer"))


def _own_issuer(doc: Doc, ident: str) -> str | None:
    """A letter of the citing body itself: its own code in the cited number (`428/TTXT-ĐTDN` cited
    in `512/TTXT-ĐTDN`, `173/KH-TTXT`) names the same issuer. Codes every body of a level shares
    (UBND, HĐND, TU …) are left to the text, since they say nothing about which body."""
    own = doc.metadata.get("identifier") or ""
    mine, theirs = body_code(own), body_code(ident)
    if not mine or mine != theirs or mine.casefold() in {k.casefold() for k in rules.load("abbreviations")["issuers"]}:
        return None
    return doc.metadata.get("issuer")


def _resolve_type(ident: str, type_word: str | None, before: str) -> str:
    """The type word, unless the identifier's code says otherwise (DATASET.md: the code wins).

    A refinement of the code's type (`Chương trình hành động` for CTr) keeps the word; a
    letter whose first code is an issuer's and no type's (`Công văn số 61/SNV-TCBC`) stays a letter,
    but a first code that is a type code (`Công văn số 12/TTr-…`) wins, as the code always does.
    """
    word_type = _canonical_type(type_word)
    code_type = type_from_identifier(ident)
    if code_type and word_type:
        if word_type.startswith(code_type):
            return word_type
        if word_type == "Công văn":
            first = re.split(r"[/-]", ident.split("/", 1)[1])[0] if "/" in ident else ""
            issuers = {k.casefold() for k in rules.load("abbreviations")["issuers"]}
            if first.casefold() in issuers and first.casefold() not in rules.doc_type_by_code() \
                    and not re.match(r"^\d+-", ident):
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


@extractor("references", needs=("sections", "metadata"))
def find(doc: Doc) -> list[dict]:
    """Citations of other documents with type, identifier, date, issuer and relation."""
    p = _patterns()
    text = doc.text
    own = (doc.metadata.get("identifier") or "").upper()
    out: list[dict] = []
    taken = Taken()                   # the standards and lists read: an identifier inside one is not read again
    prev_type: tuple[int, str | None] = (-1, None)

    def type_before(s: int) -> tuple[str | None, int]:
        nonlocal prev_type
        for key, back in (("type_before", 45), ("type_words_so", 60), ("named_before_number", 100)):
            m = p[key].search(text, max(0, s - back), s)
            if m:
                return m.group("type"), m.start()
        # `các Công văn số 123/UBND-KT và 456/UBND-VX`: the second shares the first's type
        if prev_type[0] >= 0 and p["joined_before"].match(text[prev_type[0]:s]):
            return prev_type[1], s
        return None, s

    # every standard's number opens with `QC` or `TCVN` (rules/references.yaml `standard`): most texts have none
    for m in p["standard"].finditer(text) if "QC" in text or "TCVN" in text or "uy chuẩn" in text else ():
        issuer = issuer_from_codes("0/" + m.group("issuer")) if m.group("issuer") else None
        out.append({"doc_type": "Văn bản", "identifier": standard_id(m.group("kind"), m.group("code")), "date": None,
                     "issuer": issuer, "relation": None, "title": None, "text": m.group(0),
                     "start": m.start(), "end": m.end(), "_explicit_issuer": False})
        taken.add(*m.span())

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
        taken.add(*m.span())
        prev_type = (m.end(), word)

    for m in p["ident"].finditer(text):
        if taken.overlaps(m.start(), m.start() + 1):
            continue
        line_start = _paragraph_start(text, m.start())
        before = text[line_start:m.start()]
        if re.match(r"\s*Số\s*[:.]?\s*$", before) or (
                m.start() < doc.structure.header_end and p["own_number_ocr"].match(before)):
            continue  # the document's own number line (`Só:¿92 /TB-UBND` as OCR reads a hand-written one)
        if p["form_before"].search(before[-20:]):
            continue  # `(Mẫu số 03/HNMT)`: a form's number, no document
        codes = _fix_codes(m.group("codes"))
        if not re.search(r"[A-ZĐ]{2}|[A-ZĐ][a-z]*[A-ZĐ]|^[A-ZĐ]+$", codes.replace(" ", "")):
            continue
        sep = m.group("sep") or ("" if m.group("year") else "-")   # `174 KL/TW` is the Party's `174-KL/TW`
        raw = m.group("num") + (m.group("year") or "") + sep + codes
        # how often the number is written, asked only of one whose code ends in a digit (a footnote mark's shape)
        ident = drop_footnote(normalize_identifier(raw), text.count(m.group(0)) if raw[-1].isdigit() else 1)
        if not ident or ident.upper() == own.upper():
            prev_type = (m.end(), None)
            continue
        word, start = type_before(m.start())
        code_type = type_from_identifier(ident)
        if word is None and code_type is None and not issuer_from_codes(ident):
            # a bare code with no type word and no known issuer: likely not a citation
            if not re.search(r"\b(?:số|Số)\s*$", text[max(0, m.start() - 6):m.start()]):
                continue
        out.append(_build(doc, ident, start, m.end(), word))
        prev_type = (m.end(), word)

    for ident, s_, e_, body in party_central_numbers(text):   # `Nghị quyết 57 và Nghị quyết 68 của Bộ Chính trị`
        if not taken.overlaps(s_, s_ + 1) and not any(o["start"] <= s_ < o["end"] for o in out):
            out.append({**_build(doc, ident, s_, e_, None), "issuer": body, "_explicit_issuer": True,
                        "text": text[s_:e_], "end": e_})

    for pat in p["named"]:
        for m in pat.finditer(text):
            after = text[m.end():m.end() + 25]
            if re.match(r"\s*(?:số|Số)\s*\d", after) or re.match(r"\s*(?:này|nay)\b", after):
                continue
            title = f"{m.group('type')} {m.group('title')}".strip()
            if len(title.split()) < 2:
                continue
            doc_type = _canonical_type(m.group("type")) or m.group("type")
            day = p["date_after"].match(text, m.end(), min(len(text), m.end() + 60))   # `Luật X ngày 29/11/2024`
            out.append({"doc_type": doc_type, "identifier": None, "date": parse_day(day.group("date")) if day else None,
                        "issuer": rules.load("references")["named_issuers"].get(doc_type), "relation": None,
                        "title": title, "text": m.group(0), "start": m.start(), "end": m.end(), "_explicit_issuer": False})
    out.sort(key=lambda x: (x["start"], x["end"]))
    _assign_relations(doc, out)
    _share_issuers(text, out)
    return _merge(out)


def _share_issuers(text: str, items: list[dict]) -> None:
    """`Báo cáo số 126/BC-TTr … và Công văn số 635/… của Thanh tra tỉnh`: one issuer for both."""
    for a, b in zip(reversed(items[:-1]), reversed(items[1:])):
        if not a.get("_explicit_issuer") and b.get("_explicit_issuer") and \
                re.fullmatch(r"\s*(?:,|và)\s*", text[a["end"]:b["start"]]) and \
                (not a["issuer"] or same_body(a["issuer"], b["issuer"])):
            a["issuer"], a["_explicit_issuer"] = b["issuer"], True   # not a Party code's (`48-CT/TW`) to a minister


def _merge(items: list[dict]) -> list[dict]:
    """One reference per cited document; every citation's span stays in `occurrences`.

    The first citation gives the span; the relation that stands for the document (`_rank`),
    the first date and an issuer the text states (over one read from the code) are kept.
    """
    prio = _patterns()["priority"]
    merged: dict[str, dict] = {}
    order: list[dict] = []
    named = {title_key(it["title"]): it["identifier"] for it in items if it["identifier"] and it.get("title")}
    for it in items:   # a law by its name alone (`Luật Đất đai năm 2024`) and by name and number is one
        key = it["identifier"] or named.get(title_key(it["title"])) or title_key(it["title"])
        explicit = it.pop("_explicit_issuer", False)
        if key not in merged:
            it["occurrences"], it["_explicit"] = [[it["start"], it["end"]]], explicit
            order.append(merged.setdefault(key, it))
            continue
        (m := merged[key])["occurrences"].append([it["start"], it["end"]])
        if it["identifier"] and not m["identifier"]:   # the number of a law first cited by its name alone
            m.update({k: it[k] for k in ("doc_type", "identifier", "title", "text", "start", "end")})
        if _rank(it, prio) < _rank(m, prio):
            m["relation"], m["_own"] = it["relation"], it["_own"]
        m["date"] = m["date"] or it["date"]
        if explicit and not m["_explicit"]:
            m["issuer"], m["_explicit"] = it["issuer"], True
        elif not m["issuer"]:
            m["issuer"] = it["issuer"]
    for it in order:
        it.pop("_explicit", None), it.pop("_own", None)
    return order


def _rank(it: dict, prio: dict) -> tuple:
    """Which citation's relation stands for the document: any over `mentions`; one stated
    outside the numbered body (preamble, articles, header) over the body's; then the strongest."""
    return it["relation"] == "mentions", not it.get("_own", True), prio.get(it["relation"], 99)
