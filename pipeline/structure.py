"""Stage 3, structure: header, preamble, numbered section tree and closing of one document.

Works line by line on the normalized text. The layout patterns come from
`rules/structure.yaml`; what a label may follow is checked so that a stray
`2020.` or a numbered list inside a paragraph does not open a section.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import rules
from .names import canonical, case_name, case_title
from .ocr_repair import repair_line


@dataclass
class Line:
    start: int
    end: int
    text: str


@dataclass
class Structure:
    metadata: dict
    sections: list[dict]
    header_end: int = 0          # offset where the header (number, type, title) ends
    body_start: int = 0          # first numbered section or the first line after the preamble
    closing_start: int = 0       # Nơi nhận / signature block
    recipients: list[Line] = field(default_factory=list)   # Nơi nhận and Kính gửi items


def split_lines(text: str) -> list[Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def _cfg() -> dict:
    return rules.load("structure")


def _any(patterns: list[str], text: str) -> bool:
    return any(rules.compiled(p).search(text) for p in patterns)


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


# ------------------------------------------------------------------ header

def _clean_number(num: int | str | None) -> int | None:
    digits = re.sub(r"\D", "", str(num or ""))
    return int(digits) if digits else None


def _iso(d, m, y) -> str | None:
    d, m, y = _clean_number(d), _clean_number(m), _clean_number(y)
    if not (d and m and y) or not (1 <= d <= 31 and 1 <= m <= 12 and 1900 <= y <= 2100):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def normalize_identifier(raw: str) -> str | None:
    """`4088 /KH-UBND` → `4088/KH-UBND`; a blank number (`/QĐ-UBND`) → None."""
    ident = re.sub(r"\s+", "", raw or "").replace("Ð", "Đ").strip(".,;:")
    ident = re.sub(r"[–—]", "-", ident)
    if not ident or not re.match(r"\d", ident):
        return None
    m = re.match(r"^(\d+)(.*)$", ident)
    num, rest = m.group(1), m.group(2)
    rest = re.sub(r"^/((?:19|20)\d{2})-", r"/\1/", rest)   # `126/2024-NĐ-CP`: the year takes a slash
    if len(num) == 1:
        num = "0" + num
    rest = re.sub(r"(?<=[A-ZĐ])[Il](?=\d)", "1", rest)   # OCR's `QHI5` for the 15th National Assembly's QH15
    # official spellings of the codes (QĐ, KH, CTr, TTr, QĐi)
    rest = re.sub(r"[A-Za-zĐđÐ]+", lambda c: rules.canonical_code(c.group(0)), rest)
    return num + rest


def type_from_identifier(ident: str | None) -> str | None:
    """The type code inside an identifier: `4088/KH-UBND` → Kế hoạch, `21-KH/BDVTU` → Kế hoạch."""
    if not ident:
        return None
    codes = rules.doc_type_by_code()
    m = re.match(r"^\d+[a-zA-Z]?(?:-\d+)?(?:/\d{4})?[/-]([^/-]+)", ident)
    if m and m.group(1).casefold() in codes:
        party = re.match(r"^\d+-", ident) is not None
        code = m.group(1)
        if party and code.upper() in rules.load("doc_types").get("party_code_overrides", {}):
            return rules.load("doc_types")["party_code_overrides"][code.upper()]
        return codes[code.casefold()]
    return None


def _type_line(text: str) -> tuple[str, str] | None:
    """A line printed as the type word (`KẾ HOẠCH`, `QUYẾT ĐỊNH`), maybe followed by the title."""
    for name in rules.doc_type_names():
        up = name.upper()
        if text == up or text.startswith(up + " ") and not text.startswith(up + " SỐ"):
            rest = text[len(up):].strip()
            if rest and _is_upper(rest) and len(rest) < 40 and not rest.startswith(("VỀ", "V/V", "(")):
                continue  # an all-caps line that merely begins with a type word
            return name, rest
    return None


def _compose_issuer(lines: list[str]) -> tuple[str | None, str | None]:
    """Issuer and parent from the header's left column (`UBND TỈNH X` / `SỞ NỘI VỤ`)."""
    cfg = _cfg()["header"]
    heads = sorted(rules.load("names")["org_heads"], key=len, reverse=True)
    units: list[str] = []
    for line in lines:
        line = line.strip(" *-_")
        if not line:
            continue
        starts_org = any(line == h or line.startswith(h + " ") for h in heads)
        if units and not starts_org:
            units[-1] += " " + line
        else:
            units.append(line)
    if not units:
        return None, None
    own = units[-1]
    parent = units[-2] if len(units) > 1 else None
    if parent:
        parent_suffix = cfg.get("parent_as_suffix", {}).get(parent, parent)
        if rules.compiled(cfg["needs_parent"]).match(own) or rules.compiled(cfg["party_parent"]).search(parent) \
                and not rules.compiled(cfg["jurisdiction"]).search(own):
            own = f"{own} {parent_suffix}"
        else:
            m = re.search(r"\b(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)\s+\S.*$", parent)
            if m and not re.search(r"\b(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG)\b", own):
                own = f"{own} {m.group(0)}"
    return canonical(own), canonical(parent) if parent else None


def _ocr_identifier(ident: str | None) -> str | None:
    """An OCR'd identifier only in the official shape; a hand-written number OCR garbled is None."""
    return ident if ident and rules.compiled(rules.load("ocr")["identifier"]).match(ident) else None


def _ocr_place_date(text: str) -> re.Match | None:
    return rules.compiled(rules.load("ocr")["place_date"]).search(text)


def _ocr_iso(m: re.Match) -> str | None:
    clean = rules.compiled(rules.load("ocr")["clean_day"])
    return _iso(m.group("d"), m.group("m"), m.group("y")) if clean.match(m.group("d")) and clean.match(m.group("m")) else None


def _is_debris(text: str) -> bool:
    """An OCR'd header line that is a stamp's edge or a signature's ink (`RIN,=T:`, `í`), not a
    name: under three letters, few letters among its characters, or few real syllables."""
    from .legacy import is_syllable

    chars = [c for c in text if not c.isspace()]
    letters = sum(c.isalpha() for c in chars)
    words = re.findall(r"[^\W\d_]+", text)
    syllables = sum(1 for w in words if is_syllable(w) or (w.isupper() and len(w) <= 6))
    share = rules.load("ocr")["min_vietnamese"]
    return letters < 3 or letters < 0.8 * len(chars) or syllables < share * max(1, len(words))


def parse_header(lines: list[Line], ocr: bool = False) -> tuple[dict, int]:
    """Metadata from the header block; returns it and the index of the first line after it."""
    cfg = _cfg()["header"]
    meta = {"doc_type": None, "identifier": None, "issuer": None, "parent_issuer": None,
            "place": None, "issued_date": None, "title": None}
    limit = min(len(lines), cfg["max_lines"])
    national = [i for i in range(limit) if _any(cfg["national_lines"], lines[i].text)]
    body_re = cfg["body_start"]
    number_i = place_i = type_i = subject_i = None
    end = 0
    for i in range(limit):
        t = lines[i].text
        if i > 0 and _any(body_re, t) and (number_i is not None or type_i is not None or i > 3):
            break
        if number_i is None:
            m = rules.compiled(cfg["number"]).search(t)
            if m and (t.startswith("Số") or "|" in t or m.start() < 3 or i in national
                      or rules.compiled(cfg["number_after_type"]).match(t)):
                number_i = i
                meta["identifier"] = normalize_identifier(m.group("ident"))
                if ocr:
                    meta["identifier"] = _ocr_identifier(meta["identifier"])
        if place_i is None:
            m = rules.compiled(cfg["place_date"]).search(t)
            if m is None and ocr:
                m = _ocr_place_date(t)
            if m and i < 25:
                place_i = i
                place = m.group("place").strip(" .|-")
                place = re.sub(r"^.*\b(?:Số\s*:?\s*\S*)\s+", "", place).strip()
                place = re.sub(r"^\S*[/-]\S*\s+", "", place)   # an identifier before it on the line
                meta["place"] = place if place and len(place) < 40 and place[0].isupper() else None
                meta["issued_date"] = _ocr_iso(m) if ocr else _iso(m.group("d"), m.group("m"), m.group("y"))
        if type_i is None:
            found = _type_line(t)
            if found:
                type_i = i
                meta["doc_type"] = found[0]
                meta["_title_rest"] = found[1]
        if subject_i is None and rules.compiled(cfg["subject"]).match(t) and type_i is None:
            subject_i = i
        if number_i == i or place_i == i or type_i == i or subject_i == i or i in national:
            end = i + 1
    # title: the lines under the type word, or the V/v subject of a letter
    title_lines: list[str] = []
    stop_re = [cfg["separator"], *body_re, r"^Kính gửi", r"^\(?[Dd]ự thảo", *cfg["national_lines"],
               r"^[-+•*]\s", r"^\d{1,2}\s*[.)]\s",
               cfg["place_date"], r"^Số\s*[:.]"]
    if type_i is not None:
        rest = meta.pop("_title_rest", "")
        if rest:
            title_lines.append(rest)
        for j in range(type_i + 1, min(type_i + 6, len(lines))):
            t = lines[j].text
            if ocr and t and _is_debris(t):
                continue   # a speck under the type word
            first = not title_lines
            if first and t and not rules.compiled(cfg["separator"]).match(t) \
                    and not rules.compiled(cfg["not_title"]).match(t) and len(t) < cfg["title_max_chars"] \
                    and not t.endswith(":"):
                title_lines.append(t)   # the line under the type word is its title, whatever it starts with
                end = max(end, j + 1)
                continue
            if not t or _any(stop_re, t) or (title_lines and _is_upper(t) and not _is_upper(title_lines[-1])):
                break
            if len(t) > 160 or t.endswith(":"):
                break   # a paragraph of the preamble, not a wrapped title line
            if title_lines and rules.compiled(_cfg()["closing"]["signer_title"]).match(t) and _is_upper(t):
                break
            title_lines.append(t)
            end = max(end, j + 1)
    elif subject_i is not None:
        inline = rules.compiled(cfg["national_inline"])
        m = rules.compiled(cfg["subject"]).match(lines[subject_i].text)
        title_lines.append(inline.sub("", m.group("title")))
        for j in range(subject_i + 1, min(subject_i + 6, len(lines))):
            t = lines[j].text
            cut = inline.sub("", t)
            if cut != t:
                if cut:
                    title_lines.append(cut)
                break
            if not t or _any(stop_re, t) or _type_line(t):
                break
            title_lines.append(t)
    meta.pop("_title_rest", None)
    if not title_lines:
        for i in range(min(len(lines), cfg["max_lines"] + 20)):
            m = rules.compiled(cfg["abstract"]).search(lines[i].text)
            if m:
                title_lines.append(m.group("title"))
                break
    if title_lines:
        title = " ".join(title_lines).strip()
        title = rules.compiled(cfg["title_prefix"]).sub("", title).strip(" .:")
        if _is_upper(title):
            title = case_title(title)
        meta["title"] = title or None
    # issuer: capitals above the number line that are not the national motto
    top = number_i if number_i is not None else (type_i if type_i is not None else 0)
    issuer_lines = []
    inline = rules.compiled(cfg["national_inline"])
    for i in range(0, top):
        t = inline.sub("", lines[i].text)
        if not t or i in national or _any(cfg["national_lines"], t) or rules.compiled(cfg["separator"]).match(t) \
                or rules.compiled(cfg["place_date"]).search(t):
            continue
        if _is_upper(t) and len(t) < 80 and not (ocr and _is_debris(t)):
            issuer_lines.append(t)
    meta["issuer"], meta["parent_issuer"] = _compose_issuer(issuer_lines)
    if meta["issuer"] is None:
        for i in range(min(len(lines), end + 4)):
            m = rules.compiled(cfg["issuer_in_preamble"]).search(lines[i].text)
            if m:
                meta["issuer"] = canonical(m.group("org"))
                break
    # type: the code in the identifier wins over the word (DATASET.md); a letter has V/v
    by_code = type_from_identifier(meta["identifier"])
    if by_code:
        meta["doc_type"] = by_code
    elif meta["doc_type"] is None:
        raw_number = lines[number_i].text if number_i is not None else ""
        code_match = re.search(r"/\s*([A-Za-zĐđ]+)-", raw_number)
        code_type = rules.doc_type_by_code().get(code_match.group(1).casefold()) if code_match else None
        if code_type:
            meta["doc_type"] = code_type
        elif subject_i is not None or number_i is not None:
            meta["doc_type"] = "Công văn"
    if meta["doc_type"] is None:
        # a type word opening the title line in running case (`Hướng dẫn một số nội dung …`)
        for i in range(min(limit, end + 2)):
            for name in rules.doc_type_names():
                if lines[i].text.startswith(name + " ") and not _any(body_re, lines[i].text):
                    meta["doc_type"] = name
                    break
            if meta["doc_type"]:
                break
    if meta["doc_type"] is None and (meta["title"] or meta["issuer"]):
        meta["doc_type"] = rules.load("doc_types")["fallback"]   # a document of no known type
    if meta["title"] is None and meta["doc_type"] and type_i is None:
        for i in range(max(0, (place_i or 0) + 1), min(limit, (place_i or 0) + 4)):
            t = lines[i].text
            if t.startswith(meta["doc_type"] + " ") and not _any(body_re, t):
                meta["title"] = t[len(meta["doc_type"]):].strip()
                for j in range(i + 1, min(i + 4, len(lines))):
                    u = lines[j].text
                    if not u or _any(stop_re, u) or not u[:1].islower():
                        break
                    meta["title"] += " " + u
                end = max(end, i + 1)
                break
    return meta, end


# ------------------------------------------------------------------ closing

def find_closing(lines: list[Line], after: int) -> int:
    """Index of the first line of the closing (Nơi nhận or the authority line), else len(lines)."""
    cfg = _cfg()["closing"]
    rec = rules.compiled(cfg["recipients"])
    auth = rules.compiled(cfg["authority"])
    for i in range(after, len(lines)):
        for t in lines[i].text.split(" | "):
            if rec.match(t) or _is_title_line(t):
                return i
            m = auth.match(t)
            if m and _is_upper(m.group("who")) and len(t) < 80:
                return i
    return len(lines)


def _is_title_line(text: str) -> bool:
    """A line that is only a signer's title in capitals (`PHÓ CHỦ TỊCH`, `GIÁM ĐỐC`)."""
    m = rules.compiled(_cfg()["closing"]["signer_title"]).match(text)
    return bool(m) and m.end() == len(text.rstrip()) and _is_upper(text) and len(text) < 40


def case_title_word(text: str) -> str:
    """`PHÓ CHỦ TỊCH` → `Phó Chủ tịch`, `BỘ TRƯỞNG` → `Bộ trưởng`: the spelling running text uses."""
    spellings = {t.casefold(): t for t in _cfg()["closing"]["title_spellings"]}
    folded = text.strip().casefold()
    if folded in spellings:
        return spellings[folded]
    for key in sorted(spellings, key=len, reverse=True):
        if folded.startswith(key + " "):
            return spellings[key] + " " + case_name(text.strip()[len(key) + 1:])
    return case_name(text.strip())


def _authority_text(m: re.Match) -> str:
    auth = m.group("auth").upper()
    return f"{auth} {case_title_word(m.group('who'))}".replace("  ", " ")


def parse_closing(lines: list[Line], start: int, stop: int) -> tuple[dict | None, list[Line]]:
    """Signer (authority, title, name) and the Nơi nhận items between `start` and `stop`."""
    cfg = _cfg()["closing"]
    auth_re = rules.compiled(cfg["authority"])
    title_re = rules.compiled(cfg["signer_title"])
    name_re = rules.compiled(cfg["name"])
    not_name = rules.compiled(cfg["not_name"])
    rec_re = rules.compiled(cfg["recipients"])
    authorities, title, name = [], None, None
    recipients: list[Line] = []
    in_recipients = False
    title_i = None
    cells = [(i, lines[i], c.strip()) for i in range(start, stop) for c in lines[i].text.split(" | ")]
    for i, ln, t in cells:
        if rec_re.match(t):
            in_recipients = True
            rest = rec_re.sub("", t).strip()
            if rest.startswith("-"):
                recipients.append(Line(ln.start + ln.text.index(rest), ln.end, rest))
            continue
        m = auth_re.match(t)
        if m and _is_upper(m.group("who")):
            if title is None:
                authorities.append(_authority_text(m))
            continue   # a PDF interleaves the signature with the Nơi nhận column
        if title is None and _is_upper(t) and title_re.match(t) and len(t) < 60:
            title = case_title_word(t)
            title_i = i
            continue
        if in_recipients and t.startswith(("-", "+", "•")):
            recipients.append(ln if t == ln.text.strip() else Line(ln.start + ln.text.find(t), ln.start + ln.text.find(t) + len(t), t))
            if re.match(r"[-+•]\s*Lưu\b", t):
                in_recipients = False   # `- Lưu: VT` closes the list
            continue
        if title is not None and name is None and name_re.match(t) and not not_name.search(t) and i > (title_i or 0):
            name = t
            continue
        if in_recipients and t and not _is_upper(t):
            in_recipients = False
    if name is None and cells:
        # a signature stamped over the title (a scan) leaves the typed name as the block's last line
        _, _, last = next((c for c in reversed(cells) if c[2]), cells[-1])
        if name_re.match(last) and not not_name.search(last) and not last.startswith(("-", "+", "•")):
            name = last
    if not (authorities or title or name):
        return None, recipients
    signer = {"name": name, "title": title, "authority": ", ".join(authorities) or None}
    return signer, recipients


# ------------------------------------------------------------------ sections

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_LETTERS = "abcdđeghiklmnopqrstuvxy"


def roman_value(s: str) -> int:
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = _ROMAN.get(a, 0)
        total += -v if _ROMAN.get(b, 0) > v else v
    return total


def _first_and_next(kind: str, label: str, prev: str | None) -> bool:
    """Whether `label` may open a new level (prev None) or follow `prev` at the same level."""
    if kind == "roman":
        v = roman_value(label)
        return v == 1 if prev is None else v == roman_value(prev) + 1
    if kind == "arabic":
        v = int(label)
        return v == 1 if prev is None else 1 <= v - int(prev) <= 2
    if kind == "letter":
        return label in "ab" if prev is None else label != prev
    if kind == "article":
        v = int(label.split()[-1])
        return v == 1 if prev is None else 1 <= v - int(prev.split()[-1]) <= 2
    if kind == "decimal":
        last = int(label.rsplit(".", 1)[1])
        if prev is None:
            return last in (0, 1)
        return label.rsplit(".", 1)[0] == prev.rsplit(".", 1)[0] and 1 <= last - int(prev.rsplit(".", 1)[1]) <= 2
    return True


def _kind_key(kind: str, label: str) -> str:
    return f"decimal{label.count('.')}" if kind == "decimal" else kind


def parse_sections(lines: list[Line], start: int, stop: int, root: list[str] | None = None,
                   text_end: int | None = None) -> list[dict]:
    """The numbered hierarchy between lines `start` and `stop`, as DATASET.md `sections`."""
    cfg = _cfg()["sections"]
    markers = [(m["kind"], rules.compiled(m["pattern"])) for m in cfg["markers"]]
    sentence_end = rules.compiled(cfg["heading_sentence_end"])
    stack: list[tuple[str, str, dict]] = []   # (kind key, label, section)
    last_label: dict[str, str] = {}
    sections: list[dict] = []
    root = root or []
    for i in range(start, stop):
        ln = lines[i]
        t = ln.text
        if not t or "|" in t:
            continue
        for kind, pat in markers:
            m = pat.match(t)
            if not m:
                continue
            label = re.sub(r"\s+", " ", m.group("label"))
            key = _kind_key(kind, label)
            keys = [k for k, _, _ in stack]
            if key in keys:
                idx = keys.index(key)
                if not _first_and_next(kind, label, stack[idx][1]):
                    m = None
                else:
                    del stack[idx:]
            elif kind == "article" and key in last_label and _first_and_next(kind, label, last_label[key]):
                pass   # articles run on through the chapters of a law (Chương II / Điều 3)
            else:
                if kind == "decimal" and stack:
                    parent_label = label.rsplit(".", 1)[0]
                    if not any(lbl == parent_label for _, lbl, _ in stack) and not _first_and_next(kind, label, None):
                        m = None
                elif not _first_and_next(kind, label, None):
                    m = None
                if m and kind == "decimal":
                    # a decimal belongs under the item it extends (2.4.1 under 2.4)
                    parent_label = label.rsplit(".", 1)[0]
                    for idx, (_, lbl, _) in enumerate(stack):
                        if lbl == parent_label:
                            del stack[idx + 1:]
                            break
            if m is None:
                break
            rest = m.group("rest").strip()
            heading = rest.rstrip(":").strip() or None
            if heading and (len(heading) > cfg["heading_max_chars"] or sentence_end.search(heading)
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
            break
    # a labelled line with items under it is their heading, even when it ends in `.`
    for n, sec in enumerate(sections):
        rest = sec.pop("_rest", None)
        if rest and n + 1 < len(sections) and sections[n + 1]["level"] > sec["level"]:
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


def parse(text: str, ocr: bool = False) -> Structure:
    """The whole structure of one normalized document.

    With `ocr`, the lines are first read back through `ocr_repair` (same lengths, so every
    offset still points into `text`) and the header is read with OCR's damage allowed for.
    """
    lines = split_lines(text)
    if ocr:
        lines = [Line(ln.start, ln.end, repair_line(ln.text)) for ln in lines]
    meta, header_end = parse_header(lines, ocr=ocr)
    closing = find_closing(lines, header_end)
    cfg = _cfg()["closing"]
    appendix_re = rules.compiled(cfg["appendix"])
    appendix_starts = [i for i in range(closing + 1, len(lines)) if appendix_re.match(lines[i].text)]
    sign_stop = appendix_starts[0] if appendix_starts else len(lines)
    signer, recipients = parse_closing(lines, closing, sign_stop)
    meta["signer"] = signer or {"name": None, "title": None, "authority": None}
    sections = parse_sections(lines, header_end, closing)
    for n, a in enumerate(appendix_starts):
        stop = appendix_starts[n + 1] if n + 1 < len(appendix_starts) else len(lines)
        m = appendix_re.match(lines[a].text)
        label = f"Phụ lục {m.group('num')}" if m.group("num") else "Phụ lục"
        rest = lines[a].text[m.end():].strip(" .:-")
        sections.append({"path": label, "label": label, "heading": rest or None, "level": 1,
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
                     closing_start=closing_start, recipients=recipients)


def section_at(sections: list[dict], offset: int) -> str:
    """Path of the innermost section holding `offset`; "" outside every section."""
    best, level = "", 0
    for s in sections:
        if s["start"] <= offset < s["end"] and s["level"] > level:
            best, level = s["path"], s["level"]
    return best
