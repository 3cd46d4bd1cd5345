"""The closing: the signature block (authority, title, name) and the Nơi nhận recipients."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline import rules
from pipeline.parse.common import layout_rules, is_upper
from pipeline.text.fold import fold, letter_count
from pipeline.text.names import case_name, place_tones
from pipeline.text import units
from pipeline.text.spans import Line


STROKE_LETTERS = 3   # letters at most of a line OCR makes of the signature's strokes (between title and name)


def _stroke_debris(t: str) -> bool:
    """A line of a few letters among marks (`Xe`, `7ZÄ\\`, `.. x`, `——=_—-ˆ`): what Tesseract reads of a hand
    signature. Under a signer's title, before the name, it is neither an item nor the end of the Nơi nhận list."""
    letters = letter_count(t)
    return letters <= STROKE_LETTERS or letters < len(t.replace(" ", "")) / 2


def find_closing(lines: list[Line], after: int) -> int:
    """Index of the first line of the closing (Nơi nhận or the authority line), else len(lines)."""
    cfg = layout_rules()["closing"]
    rec = rules.compiled(cfg["recipients"])
    auth = rules.compiled(cfg["authority"])
    for i in range(after, len(lines)):
        for t in lines[i].text.split(" | "):
            if rec.match(t) or _is_title_line(t, lines[i + 1:i + 4]):
                return i
            m = auth.match(t)
            if m and is_upper(_capitals(m.group("who").strip())) and len(t) < 80:
                return i
    return len(lines)


def _is_title_line(text: str, below: list[Line] = ()) -> bool:
    """A line that is only a signer's title in capitals (`PHÓ CHỦ TỊCH`, `GIÁM ĐỐC`), or the title with the
    body it heads (`CHỦ TỊCH HỘI ĐỒNG`, `TRƯỞNG BAN CHỈ ĐẠO`, `GIÁM ĐỐC SỞ`) when a signer's name follows
    within the lines `below`: boards, councils and minutes (Biên bản) with no Nơi nhận sign so, while the
    same words open an act's enacting line (`BỘ TRƯỞNG BỘ NỘI VỤ` / `Căn cứ …`), which no name follows."""
    m = rules.compiled(layout_rules()["closing"]["signer_title"]).match(text)
    if not m or not is_upper(text) or len(text) >= 40:
        return False
    rest = text[m.end():].strip()
    if not rest:
        return True
    name_re = rules.compiled(layout_rules()["closing"]["name"])
    if not any(name_re.match(ln.text.strip()) for ln in below):
        return False
    # the body may share the title's last word (`TRƯỞNG BAN` + `CHỈ ĐẠO`: `BAN CHỈ ĐẠO`)
    named = (rest, text[:m.end()].split()[-1] + " " + rest)
    return len(rest.split()) <= 4 and any(b == h or b.startswith(h + " ")
                                          for b in named for h in rules.load("names")["org_heads"])


def _caps_lost(text: str) -> bool:
    """A signature-block line typed in a capitals font whose case came through lost (`Phó thủ tướng`,
    `thủ tướng chính phủ`, `chính phủ` after `tm.`): a signer's title or a body's head opens it, it is
    short, and it is no Nơi nhận item (no bullet, no closing punctuation, no bracket)."""
    if is_upper(text) or len(text.split()) > 7 or re.search(r"^[-+•]|[;,.:()]", text):
        return False
    up = text.upper()
    heads = rules.load("names")["org_heads"]
    return bool(rules.compiled(layout_rules()["closing"]["signer_title"]).match(up)) \
        or any(up == h or up.startswith(h + " ") for h in heads)


def _capitals(text: str) -> str:
    """The line as printed: in capitals when its case was lost (`_caps_lost`)."""
    return text.upper() if _caps_lost(text) else text


def case_title_word(text: str) -> str:
    """`PHÓ CHỦ TỊCH` → `Phó Chủ tịch`, `BỘ TRƯỞNG` → `Bộ trưởng`: the spelling running text uses, its tones placed
    as in names (`T/M ĐẢNG UỶ` → `Đảng ủy`)."""
    return place_tones(_title_cased(place_tones(text)))


def _title_cased(text: str) -> str:
    spellings = {t.casefold(): t for t in layout_rules()["closing"]["title_spellings"]}
    if "," in text:   # `BỘ TRƯỞNG, CHỦ NHIỆM`: two offices held by one signer, each spelt as a title
        return ", ".join(_title_cased(part) for part in text.split(",") if part.strip())
    folded = text.strip().casefold()
    if folded in spellings:
        return spellings[folded]
    for key in sorted(spellings, key=len, reverse=True):
        if folded.startswith(key + " "):
            rest = text.strip()[len(key) + 1:]
            if rest.split()[0].casefold() in units.words():   # `ỦY BAN NHÂN DÂN HUYỆN TÂN AN`: `huyện Tân An`
                return spellings[key] + " " + case_name(text.strip())[len(key) + 1:]
            return spellings[key] + " " + case_name(rest)
    return case_name(text.strip())


# a table's cell border in a line read from a table (`T/M BAN THƯỜNG VỤ |`, `| Nguyễn Văn An`): a pipe with a space
# or the line's edge on each side; a pipe inside a word (`Sở KH|CN` of an OCR) is left
_CELL = re.compile(r"(?:^|\s)\|(?=\s|$)")


def _authority_text(m: re.Match) -> str:
    auth = re.sub(r"\s+", "", m.group("auth").upper())
    auth = auth[:-1] + "." if auth.endswith("/") and len(auth) == 3 else auth   # `KT/` is `KT.`
    who = _capitals(m.group("who").strip())
    return f"{auth} {case_title_word(marked_title(who) or who)}".replace("  ", " ")


def marked_title(text: str) -> str | None:
    """A title in capitals whose tone marks OCR lost (`PHO TONG CỤC TRƯỜNG`, `TONG CỤC TRƯỞNG`), as the title is spelt
    (`PHÓ TỔNG CỤC TRƯỞNG`), else None: the letters match a title of rules/structure.yaml `title_spellings` and
    only the marks differ (another tool's transcription of a signed PDF reads capitals' marks worst)."""
    if not text.isupper():
        return None
    spelled = _unmarked_titles().get(fold(text).strip(), ())
    # (a title as written is left as it is; so are letters two titles share: `THU TRUONG` is `THỨ` or `THỦ TRƯỞNG`)
    return spelled[0] if len(spelled) == 1 and text.strip() not in _spelled_titles() else None


@lru_cache(maxsize=1)
def _unmarked_titles() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for t in layout_rules()["closing"]["title_spellings"]:
        out[fold(t)] = tuple(dict.fromkeys(out.get(fold(t), ()) + (t.upper(),)))
    return out


@lru_cache(maxsize=1)
def _spelled_titles() -> frozenset:
    return frozenset(t.upper() for t in layout_rules()["closing"]["title_spellings"])


def _continues(item: str, t: str, name_re, not_name) -> bool:
    """A line without a bullet that goes on with the Nơi nhận item above it: an item wrapped at the column's
    edge (`- Trung tâm Kiểm soát bệnh tật` / `tỉnh Lào Cai (để t/h);`). The item is still open (no `;` or
    `.` closes it, or a bracket is left open) and the line is no signer's name."""
    item = item.rstrip()
    if not item or item.endswith((";", ".", ":")) and item.count("(") <= item.count(")"):
        return False
    if is_upper(t) or re.match(r"[-+•]", t) or not any(ch.isalpha() for ch in t):
        return False
    if name_re.match(t) and not not_name.search(t):
        return False
    if t[0].islower() or t[0] in "(&" or item.count("(") > item.count(")") or item.endswith(("-", "&")):
        return True
    # a Party list ends its items with a comma; a bulleted item that does was wrapped at its comma (`- Ủy ban Kiểm
    # tra Đảng ủy, Ban Xây dựng Đảng,` / `Văn phòng Đảng ủy;`)
    return not item.endswith(",") or item.startswith(("-", "+", "•"))


_NAME_FIRST = re.compile(r"^((?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]*\s+){2,4}[A-ZĐÀ-Ỹ][a-zđà-ỹ]+)\s+(?!và\b)(?=[a-zđà-ỹ(])")
_NAME_LAST = re.compile(r"^(.*[;,.)])\s+((?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]*\s+){2,4}[A-ZĐÀ-Ỹ][a-zđà-ỹ]+)$")


def _name_beside(t: str, name_re, not_name) -> tuple[str, str] | None:
    """(name, rest) when a row holds the signer's name beside the lower part of a wrapped Nơi nhận item (a
    two-column page read row by row: `Nguyễn Văn Bình tỉnh Lào Cai (để t/h);`). Three words at least, so the
    capitals of a body's name (`Sở Tài chính`, `Ban Quản lý`) are not taken for a person's."""
    m = _NAME_FIRST.match(t)
    if m:
        name, rest = m.group(1), t[m.end():]
    else:
        m = _NAME_LAST.match(t)
        if not m:
            return None
        rest, name = m.group(1), m.group(2)
    if name_re.match(name) and not not_name.search(name):
        return name, rest.strip()
    return None


@lru_cache(maxsize=None)
def _title_spellings() -> tuple[tuple[int, str], ...]:
    """(length, case-folded form) of each title spelling, longest first, made once (`_trailing_title` reads
    every closing line against all of them)."""
    return tuple((len(t), t.casefold()) for t in sorted(layout_rules()["closing"]["title_spellings"], key=len, reverse=True))


def _trailing_title(text: str, authority: bool = False, after_authority: bool = False) -> tuple[str, str] | None:
    """(text before, title) when a line ends with a signer's title printed from the signature column beside
    it (two columns read row by row): `- Văn phòng Trung ương Đảng thứ trưởng`, `- Như Điều 3; PHÓ CHỦ TỊCH`.
    In a Nơi nhận item the title stands out by its case (lower after capitals, or capitals after running
    case, or in any case right under an authority printed the same way); after an authority on its own line
    (`kt/bộ trưởng bộ tài chính thứ trưởng`) what is left must itself be one."""
    cfg = layout_rules()["closing"]
    title_re = rules.compiled(cfg["signer_title"])
    heads = rules.load("names")["org_heads"]
    for n, folded in _title_spellings():
        if len(text) <= n + 1 or text[-n - 1] != " ":
            continue
        tail = text[-n:]
        if tail.casefold() != folded:
            tail = marked_title(tail) or tail          # `+ Như trên: . PHO TONG CỤC TRƯỜNG`: marks OCR lost
        if tail.casefold() != folded or not title_re.match(tail.upper()):
            continue
        rest = text[:-n].rstrip()
        if authority and rest.endswith(","):
            return None               # `KT. BỘ TRƯỞNG, CHỦ NHIỆM`: two offices of the authority, no signer's title
        if authority:
            # what is left names an authority of two words at least (`ĐOÀN CHỦ TỊCH` is a body, the presidium)
            up = rest.upper()
            ok = len(up.split()) >= 2 and (bool(title_re.match(up)) or any(up.startswith(h + " ") for h in heads))
        else:
            words = rest.split()
            ok = tail.isupper() and not is_upper(rest) or tail.islower() and any(w[:1].isupper() for w in words[1:]) \
                or after_authority and len(words) >= 3 and words[-1].casefold() not in ("các", "chí", "đ/c")
        return (rest, case_title_word(tail.upper())) if ok else None
    return None


# a person's name ending a line, after the capitals of an authority and a title, maybe with the signing mark between
_NAME_AT_END = re.compile(r"(?:\s+\(?\s*(?:Đã ký|đã ký|ĐÃ KÝ)\s*\)?)?\s+((?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]*\s+){1,4}[A-ZĐÀ-Ỹ][a-zđà-ỹ]+)\s*$")


def _signed_on_one_line(m: re.Match, name_re, not_name) -> tuple[str, str] | None:
    """(authority and title in capitals, name) of a signature block run into one line, else None."""
    tail = _NAME_AT_END.search(m.group("who"))
    if not tail or not name_re.match(tail.group(1)) or not_name.search(tail.group(1)):
        return None
    caps = m.group("who")[:tail.start()].strip()
    return (caps, tail.group(1)) if len(caps.split()) >= 2 and is_upper(caps) else None


def _name_in_capitals(text: str) -> bool:
    """A signer's name printed in capitals (`NGUYỄN VĂN BÌNH`): two to five words, the first a family name."""
    words = text.split()
    surnames = {n.upper() for n in rules.load("names").get("surnames", [])}
    return is_upper(text) and 2 <= len(words) <= 5 and words[0] in surnames and all(w.isalpha() for w in words)


def certificate_signer(signatures: list[dict]) -> str | None:
    """The signer's name from the PDF's signature certificates, for a signature block that prints none
    (the name is only in the signature's image): the first certificate whose common name is a person's as
    a block prints one (`_name_in_capitals`, or the `name` pattern with a family name first), not an
    office's (`SỞ NỘI VỤ`, `HIỆP HỘI CÔNG CHỨNG VIÊN VIỆT NAM`)."""
    name_re = rules.compiled(layout_rules()["closing"]["name"])
    for sig in signatures:
        cn = " ".join((sig.get("signer") or "").split())
        if _name_in_capitals(cn):
            return _cased(cn)
        if name_re.match(cn) and _name_in_capitals(cn.upper()):
            return cn
    return None


def _cased(name: str) -> str:
    """`NGUYỄN VĂN BÌNH` → `Nguyễn Văn Bình`."""
    return " ".join(w[:1] + w[1:].lower() for w in name.split())


def _signing_column(cells: list[tuple]) -> list[tuple]:
    """Signature blocks set side by side in one table (`THƯ KÝ | CHỦ TỌA`, `NGƯỜI LẬP BIỂU | THỦ TRƯỞNG ĐƠN
    VỊ`, then `Nguyễn Thu Hà | Vàng A Páo`): the head signs in the right-hand column, so a row of titles in
    capitals keeps its last one, and a row of names below it the name in that column."""
    cfg = layout_rules()["closing"]
    title_re, name_re = rules.compiled(cfg["signer_title"]), rules.compiled(cfg["name"])
    rows: dict[int, list[tuple]] = {}
    for cell in cells:
        rows.setdefault(cell[0], []).append(cell)
    out: list[tuple] = []
    col = None
    for row in rows.values():
        full = [c for c in row if c[2]]
        if len(full) >= 2 and all(is_upper(c[2]) and len(c[2]) < 60 and not re.search(r"[\d;:]", c[2]) for c in full) \
                and title_re.match(full[-1][2]):
            col = row.index(full[-1])
            out.append(full[-1])
        elif len(full) >= 2 and col is not None and all(name_re.match(c[2]) or _name_in_capitals(c[2]) for c in full):
            out.append(row[col] if col < len(row) and row[col][2] else full[-1])
        else:
            out.extend(row)
    return out


def _name_in_rows(texts: list[str]) -> str | None:
    """The signer's name printed into a Nơi nhận row when a two-column page was read row by row
    (`- Các Vụ, đơn vị Trần Văn Hải thuộc Bộ`, `- Tòa án nhân dân tối cao, Lê Minh Tâm đã ký`): three or
    four capitalized words opening with a family name (names.yaml `surnames`), with no capitalized word
    on either side (so never part of a body's name), not a person named as a recipient (`đ/c`, `ông`), and
    not a place named after a person; the last such name, as the signature column ends lowest."""
    cfg = layout_rules()["closing"]
    surnames = set(rules.load("names").get("surnames", []))
    places = set(cfg.get("names_of_places", []))
    found = None
    for text in texts:
        words = re.sub(r"[,;()]", " ", text).split()
        i = 0
        while i < len(words):
            j = i
            while j < len(words) and words[j][:1].isupper() and words[j][1:].islower() and words[j].isalpha():
                j += 1
            for k in range(i, j):
                run = words[k:j]
                if 3 <= len(run) <= 4 and run[0] in surnames:
                    before = words[k - 1].casefold() if k else ""
                    if " ".join(run) not in places and before not in ("đ/c", "ông", "bà", "chí") \
                            and (k == i or k > i and words[k - 1] in ("TW", "TP")):
                        found = " ".join(run)
                    break
            i = max(j, i + 1)
    return found


_STORE_ITEM = re.compile(r"[-+•]\s*Lưu\b")


def _enumeration_goes_on(item: str, t: str) -> bool:
    """An unbulleted line under a bulleted item that lists bodies after a colon (`- Các sở, ngành: TC; XD; YT;` /
    `KHCN, TP, GD&ĐT, NV, Thanh tra tỉnh;`): the list wrapped at an item's `;`, not a new item, as every item of
    the list carries its bullet."""
    return ":" in item and not item.lstrip("-+• ").startswith("Lưu") and not t.startswith(("-", "+", "•")) \
        and t[0].isupper() and not re.match(r"(?:Như|Lưu)\b", t)


def _plain_item(t: str, name_re, not_name) -> bool:
    """A Nơi nhận line without a bullet that reads as an item: not a title in capitals nor a person's name, short,
    ending as items end (`;`, `.`, `,`) or opening with `Như`/`Lưu`."""
    if is_upper(t) or name_re.match(t) and not not_name.search(t) or len(t) > 150:
        return False
    return t.rstrip().endswith((";", ".", ",")) or bool(re.match(r"(?:Như|Lưu)\b", t))


def _joined(item: Line, ln: Line, t: str) -> Line:
    """The item with its continuation; lines printed between them (the signature column of a two-column page)
    are blanked, so every offset of the joined text still points into the document."""
    start = ln.start + ln.text.find(t)
    gap = start - item.end
    pad = "\n" if gap <= 1 else "\n" + " " * (gap - 2) + "\n"
    return Line(item.start, start + len(t), item.text + pad + t)


def parse_closing(lines: list[Line], start: int, stop: int,
                  stamp_lines: list[Line] | None = None) -> tuple[dict | None, list[Line]]:
    """Signer (authority, title, name) and the Nơi nhận items between `start` and `stop`;
    `stamp_lines` (the whole document) may name the signer when the block does not."""
    cfg = layout_rules()["closing"]
    auth_re = rules.compiled(cfg["authority"])
    title_re = rules.compiled(cfg["signer_title"])
    name_re = rules.compiled(cfg["name"])
    not_name = rules.compiled(cfg["not_name"])
    rec_re = rules.compiled(cfg["recipients"])
    authorities, title, name = [], None, None
    recipients: list[Line] = []
    in_recipients = False
    plain = None                     # the Nơi nhận items carry no bullet (True), carry one (False), not known yet
    title_i = None
    row_title = None                 # a title read at the end of a Nơi nhận row, when none has a line of its own
    cosigner = rules.compiled(cfg["cosigner_title"])
    signed_mark = rules.compiled(cfg["signed_mark"])
    stamp_line = rules.compiled(cfg["stamp_line"])
    cells = _signing_column([(i, lines[i], c.strip()) for i in range(start, stop) for c in _CELL.split(lines[i].text)])
    after_authority = False
    last_bullet = max((i for i, _, t in cells if t.startswith(("-", "+", "•"))), default=-1)
    # the `- Lưu` item that closes a bulleted Nơi nhận list: below a label OCR could not read (`TH:` under the
    # seal), the bulleted lines down to it are still the list
    store = next((i for i, _, t in cells if _STORE_ITEM.match(t)), None)
    for i, ln, t in cells:
        if after_authority and t and is_upper(t) and len(t.split()) <= 2 and not auth_re.match(t) \
                and not title_re.match(t):
            authorities[-1] = _authority_text(auth_re.match(f"{authorities[-1].upper()} {t}"))
            continue   # `TM. ỦY BAN NHÂN` / `DÂN`: the authority's name wrapped in a narrow column
        after_authority = False
        if title is not None and name is not None and cosigner.match(title) is not None \
                and is_upper(t) and title_re.match(t) and len(t) < 60 and not cosigner.match(t):
            title, name = None, None   # the secretary's block came first: the chair's block signs
        if title is not None and name is None and signed_mark.match(t) and signed_mark.sub("", t):
            t = signed_mark.sub("", t)   # `(Đã ký) Nguyễn Văn A`
        if rec_re.match(t):
            in_recipients = True
            rest = rec_re.sub("", t).strip()
            m = auth_re.match(rest)
            if m and title is None and is_upper(_capitals(m.group("who").strip())):
                authorities.append(_authority_text(m))   # `Nơi nhận: KT/ bộ trưởng`: the other column
                continue
            if title is None and _caps_lost(rest):
                title = case_title_word(rest.upper())     # `Nơi nhận: chủ tịch`
                title_i = i
                continue
            if rest.startswith("-") or rest and _plain_item(rest, name_re, not_name):
                plain = not rest.startswith("-")
                recipients.append(Line(ln.start + ln.text.index(rest), ln.start + ln.text.index(rest) + len(rest), rest))
            continue
        m = auth_re.match(t)
        one_line = _signed_on_one_line(m, name_re, not_name) if m and title is None and name is None else None
        if one_line:
            # `KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Hữu Tín`: a copy that ran the block into one line; its name is split off
            m, name = auth_re.match(f"{m.group('auth')} {one_line[0]}"), one_line[1]
        if m and is_upper(_capitals(m.group("who").strip())):
            split = _trailing_title(m.group("who").strip(), authority=True)
            if title is None and split:
                # `kt/bộ trưởng bộ tài chính thứ trưởng`: the title run onto the authority's line
                authorities.append(_authority_text(auth_re.match(f"{m.group('auth')} {split[0]}")))
                title, title_i = split[1], i
            elif title is None:
                authorities.append(_authority_text(m))
                after_authority = True
            continue   # a PDF interleaves the signature with the Nơi nhận column
        caps = _capitals(t) if title is None and len(t) < 60 else ""
        marked = marked_title(caps) if caps and is_upper(caps) else None    # (`PHO TONG CỤC TRƯỜNG`: the marks OCR lost)
        if caps and is_upper(caps) and (title_re.match(caps) or marked):
            title = case_title_word(marked or caps)
            title_i = i
            continue
        if not in_recipients and not recipients and store is not None and i <= store and t.startswith(("-", "+", "•")):
            in_recipients = True     # the list's label is lost: its first bullet opens it
        if in_recipients and t.startswith(("-", "+", "•")):
            plain = False
            split = _trailing_title(t) if title is None and name is None else None
            if split:
                t, title, title_i = split[0], split[1], i   # `- Văn phòng Trung ương Đảng thứ trưởng`
            elif title is None and authorities and row_title is None:
                # the same in running case: only if no title line of its own comes later
                row_title = (_trailing_title(t, after_authority=True) or (None, None))[1]
            recipients.append(ln if t == ln.text.strip() else Line(ln.start + ln.text.find(t), ln.start + ln.text.find(t) + len(t), t))
            if _STORE_ITEM.match(t):
                in_recipients = False   # `- Lưu: VT` closes the list
            continue
        if in_recipients and t and (not any(ch.isalpha() for ch in t) or stamp_line.match(t)):
            continue                 # a page number or a line of the signing software's stamp between two items
        if in_recipients and title is not None and name is None and _stroke_debris(t):
            continue                 # `Xe`, `7ZÄ\`, `——=_—-ˆ`: the hand signature under the title as OCR reads it
        if in_recipients and recipients and t and title is not None and name is None:
            split = _name_beside(t, name_re, not_name)
            if split and _continues(recipients[-1].text, split[1], name_re, not_name):
                name, t = split      # the signer's name read into the row of a wrapped item
        if in_recipients and recipients and t and _continues(recipients[-1].text, t, name_re, not_name) \
                and not (plain and t[0].isupper() and recipients[-1].text.count("(") <= recipients[-1].text.count(")")):
            recipients[-1] = _joined(recipients[-1], ln, t)
            continue
        if in_recipients and recipients and plain is False and t and _enumeration_goes_on(recipients[-1].text, t) \
                and _plain_item(t, name_re, not_name):
            recipients[-1] = _joined(recipients[-1], ln, t)
            continue
        if in_recipients and plain is not False and t and _plain_item(t, name_re, not_name):
            # items without a bullet (Word's own list bullets are not in the text): one a line, up to `Lưu`
            plain = True
            recipients.append(Line(ln.start + ln.text.find(t), ln.start + ln.text.find(t) + len(t), t))
            if re.match(r"Lưu\b", t):
                in_recipients = False
            continue
        if title is not None and name is None and name_re.match(t) and not not_name.search(t) and i > (title_i or 0):
            name = t
            continue
        if title is not None and name is None and i > (title_i or 0) and _name_in_capitals(t):
            name = _cased(t)
            continue
        if in_recipients and t and not is_upper(t) and not (plain is not True and i < last_bullet and len(t) < 50):
            in_recipients = False    # a short line of the other column between bulleted items (a title in running
                                     # case, what OCR made of the seal) does not end a list whose bullets go on
    if name is None and cells:
        # a signature stamped over the title (a scan) leaves the typed name as the block's last line
        _, _, last = next((c for c in reversed(cells) if c[2]), cells[-1])
        if name_re.match(last) and not not_name.search(last) and not last.startswith(("-", "+", "•")):
            name = last
    title = title or row_title
    if name is None and (title or authorities):
        name = _name_in_rows([t for _, _, t in cells])
    if name is None and stamp_lines:
        # the name only the signing software printed (`Người ký: Nguyễn Văn A`)
        stamp_re = rules.compiled(cfg["stamp_signer"])
        for ln in stamp_lines:
            m = stamp_re.match(ln.text.strip())
            if m and name_re.match(m.group("name")) and not not_name.search(m.group("name")):
                name = m.group("name")
                break
    if not (authorities or title or name):
        return None, recipients
    signer = {"name": name, "title": title, "authority": ", ".join(authorities) or None}
    return signer, recipients
