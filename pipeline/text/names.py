"""Canonical names of bodies: abbreviations expanded, capitals cased, tones placed as usual."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pipeline import rules
from pipeline.text import units as admin_units
from pipeline.text.identifiers import normalize_identifier
from pipeline.read.legacy import is_syllable


@lru_cache(maxsize=None)
def _abbrev_pattern() -> tuple[re.Pattern, dict]:
    table = {k.casefold(): v for k, v in rules.load("abbreviations")["bodies"].items()}
    keys = sorted(table, key=len, reverse=True)
    pat = re.compile(r"(?<![\wĐđ-])(" + "|".join(re.escape(k) for k in keys) + r")(?![\wĐđ-])", re.I)
    return pat, table


@lru_cache(maxsize=None)
def _mixed_case_abbreviations() -> tuple[re.Pattern | None, dict]:
    """The abbreviations written in mixed case (`Cty`), expanded only as written: an upper-case one is any upper-case
    token (`UBND`), a mixed-case one is a word only in that case (`cty` is no company)."""
    written = {k: v for k, v in rules.load("abbreviations")["bodies"].items() if not k.isupper() and k != k.casefold()}
    if not written:
        return None, written
    return re.compile(r"(?<![\wĐđ-])(" + "|".join(re.escape(k) for k in written) + r")(?![\wĐđ-])"), written


def expand_abbreviations(name: str) -> str:
    """`UBND tỉnh` → `Ủy ban nhân dân tỉnh`; only whole upper-case tokens are touched."""
    pat, table = _abbrev_pattern()
    heads = _field_heads()

    def repl(m):
        tok = m.group(1)
        if not tok.isupper() and tok not in ("TĐ-KT",):
            return tok
        full = table.get(tok.casefold(), tok)
        before = name[:m.start()].split()
        if before and before[-1].casefold() in heads and " ".join(before[-2:]).casefold() not in _compound_heads():
            full = _cap(full)      # `Phòng CCVC` → `Phòng Công chức, viên chức`: a field after its head
        return full

    # `TP Lào Cai`, `TP. Hồ Chí Minh`: before a place name `TP` is a city; so it is listed with other units (`các tỉnh,
    # TP trực thuộc TW`) or ending a body of a city (`UBND TP`, `Công an TP`); after a field head (`Sở TP`, `Phòng TP`)
    # it is the field Tư pháp and left as written
    mixed, written = _mixed_case_abbreviations()
    if mixed is not None:
        name = mixed.sub(lambda m: written[m.group(1)], name)   # `Cty CP …` → `Công ty CP …`, before the codes after heads
    name = _CITY_TP.sub("thành phố ", name)
    name = _CITY.sub(lambda m: m.group(1) + "thành phố", name)
    name = _STANDING.sub("Thường trực ", name)
    name = _COMMAND.sub("Bộ Chỉ huy", name)
    name = _FRONT_WORK.sub("Công tác Mặt trận", name)
    name = _field_code_after_head(name)
    name = _code_after_head(name)
    return pat.sub(repl, name)


@lru_cache(maxsize=None)
def _head_codes() -> list[tuple[re.Pattern, dict]]:
    out = []
    for head, table in (rules.load("abbreviations").get("head_codes") or {}).items():
        codes = sorted(table, key=len, reverse=True)      # longest first, as `_field_codes` orders its codes
        # (a dot inside a code may come as a space: `V.III`, its dot read as an abbreviation's, is `V III`)
        pat = re.compile(r"(?<![\wĐđ-])((?i:" + re.escape(head) + r"))\s+("
                         + "|".join(re.escape(c).replace(r"\.", "[. ]") for c in codes) + r")(?![\wĐđ&-])")
        out.append((pat, {**table, **{c.replace(".", " "): v for c, v in table.items() if "." in c}}))
    return out


def _code_after_head(name: str) -> str:
    """`Ban TT`, `Ban CTMT`, `Công ty CP`: right after its head a code names the head's kind (abbreviations.yaml
    `head_codes`)."""
    if not _TWO_CAPITALS.search(name):
        return name                   # no code in the name (most names): no pattern is tried
    for pat, table in _head_codes():
        name = pat.sub(lambda m: f"{m.group(1)} {table[m.group(2)]}", name)
    return name


_TWO_CAPITALS = re.compile(r"[A-ZĐ]{2}")


# `BCH Quân sự tỉnh`, `BCH BĐBP`: before an armed force `BCH` is its command (Bộ Chỉ huy), elsewhere the executive
# committee of a Party or mass organization (Ban Chấp hành, abbreviations.yaml)
_COMMAND = re.compile(r"(?<![\wĐđ-])BCH(?=\s+(?:Quân sự|QS|BĐBP|Bộ đội Biên phòng)\b)")


@lru_cache(maxsize=None)
def _field_codes() -> tuple[re.Pattern, dict]:
    table = dict(rules.load("abbreviations").get("fields") or {})
    codes = sorted(table, key=len, reverse=True)
    pat = re.compile(r"(?<![\wĐđ-])(Sở|Phòng|Bộ)\s+(" + "|".join(map(re.escape, codes)) + r")(?![\wĐđ&-])")
    return pat, table


def _field_code_after_head(name: str) -> str:
    """`Sở NN&PTNT`, `Sở KH&ĐT`, `Bộ TC`: right after the head of a department or ministry, a field's code
    (abbreviations.yaml `fields`) is that field, as it is in a list after a plural head (`các sở: TC, XD`)."""
    if "Sở " not in name and "Phòng " not in name and "Bộ " not in name:
        return name
    pat, table = _field_codes()
    return pat.sub(lambda m: f"{m.group(1)} {table[m.group(2)]}", name)


# `TT Tỉnh ủy`, `TT.HĐND tỉnh`: before a Party committee or a council `TT` is its standing board (elsewhere, `TT Y tế`,
# it may be a centre, and is left as written)
_STANDING = re.compile(r"(?<![\wĐđ-])(?i:TT)\.?\s*(?=(?:Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|Thị ủy|Đảng ủy|HĐND|Hội đồng nhân dân)\b)")
# `Ban công tác MT thôn`: after `công tác`, `MT` is the Mặt trận (elsewhere it may be môi trường, and is left as written)
_FRONT_WORK = re.compile(r"(?<![\wĐđ-])(?i:công tác)\s+MT(?![\wĐđ-])")
_CITY_TP = re.compile(r"(?<![\wĐđ-])TP\.?\s+(?=[A-ZĐÀ-Ỹ][a-zà-ỹđ])")   # `TP. Hồ Chí Minh`
_CITY = re.compile(r"((?:\b(?:tỉnh|huyện|quận|thị xã|xã|phường)\s*,\s*)|(?<!\bSở )(?<!\bPhòng )(?<!\bBan )(?<!\bVụ )(?<!\bCục )"
                   r"(?<!\bBộ )(?<![\wĐđ-]))(?:TP|tp)(?=\s+trực thuộc\b|\s*$)")


@lru_cache(maxsize=None)
def _compound_heads() -> frozenset:
    """Two-word heads that end in a field head's word but take no field (`Bệnh viện đa khoa`)."""
    cfg = rules.load("names")
    fields = {h.casefold() for h in cfg["field_heads"]}
    return frozenset(h.casefold() for h in cfg["org_heads"] if " " in h and h.casefold() not in fields)


@lru_cache(maxsize=None)
def _field_heads() -> frozenset:
    return frozenset(h.casefold() for h in rules.load("names")["field_heads"] if " " not in h)


@lru_cache(maxsize=None)
def _tone_pattern() -> tuple[re.Pattern, dict]:
    table = rules.load("names")["tones"]
    pat = re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k in table) + r")(?!\w)")
    return pat, table


def place_tones(text: str) -> str:
    """`Uỷ ban`, `hoà` → `Ủy ban`, `hòa`: one tone style for names, as DATASET.md asks."""
    pat, table = _tone_pattern()
    return pat.sub(lambda m: table[m.group(1)], text)


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


@lru_cache(maxsize=None)
def _casing_tables() -> tuple[frozenset, frozenset, frozenset, frozenset, list]:
    """What `case_name` reads, built once: the codes that are not also words, the field and inner
    heads, the administrative units and the fixed spellings as compiled patterns."""
    _, table = _abbrev_pattern()
    # in a name set in capitals, a code that is also a word (`TƯ` in `SỞ TƯ PHÁP`) is the word
    abbrevs = frozenset(k for k in table if not is_syllable(k))
    cfg = rules.load("names")
    fixed = [(re.compile(re.escape(key) if key.startswith(" ") else r"(?<!\w)" + re.escape(key) + r"(?!\w)", re.I),
              spelled) for key, spelled in cfg["fixed"].items()]
    return (abbrevs, frozenset(cfg["field_heads"]), frozenset(cfg.get("inner_heads", [])),
            frozenset(admin_units.words()), fixed)


@lru_cache(maxsize=1)
def _not_units() -> frozenset:
    return frozenset(rules.load("roles").get("not_units", []))


_AFTER_NOT_UNIT = {"việt", "tỉnh", "thành", "huyện", "quận", "và", "-", ","}


def _not_unit(words: list[str], i: int) -> bool:
    """`xã hội` (rules/roles.yaml `not_units`) ending the name or followed by its place or `và` is the word
    (`BẢO HIỂM XÃ HỘI VIỆT NAM`, `THƯƠNG BINH VÀ XÃ HỘI`, `BẢO HIỂM XÃ HỘI TỈNH …`); followed by a name it is a
    commune (`ỦY BAN NHÂN DÂN XÃ HỘI SƠN`)."""
    if " ".join(words[i:i + 2]) not in _not_units():
        return False
    return i + 2 >= len(words) or words[i + 2].strip(",") in _AFTER_NOT_UNIT or words[i + 1].endswith(",")


def _is_code(word: str) -> bool:
    """`KHCN`, `ĐMST`, `CĐS` in `BAN CHỈ ĐẠO VỀ PHÁT TRIỂN KHCN, ĐMST, CĐS`: two or more capitals without a
    vowel cannot be read as a word, so they are an abbreviation, kept in capitals whether or not
    abbreviations.yaml knows it. A word with a vowel is lowered, even when it is no Vietnamese syllable:
    the places of the Central Highlands (`KRÔNG NÔ`, `ĐẮK MIL`) are cased as names."""
    bare = word.strip(",.;:()")
    letters_only = bare.replace("&", "").replace("-", "")     # `NN&PTNT`, `PT-TH`
    if len(letters_only) < 2 or not letters_only.isalpha() or not letters_only.isupper():
        return False
    letters = unicodedata.normalize("NFD", letters_only.casefold())
    return not any(c in "aeiouy" for c in letters)


def _case_provinces(words: list[str], after: tuple[str, ...] = ()) -> list[str]:
    """A province's name among lowered words takes its capitals back (`bình thuận` → `Bình Thuận`); with
    `after`, only where the word before it is one of those (a title's `tỉnh lâm đồng`)."""
    table = admin_units.provinces()
    folded = [w.strip(",.;:").casefold() for w in words]
    out = list(words)
    i = 0
    while i < len(words):
        if not after or i and folded[i - 1] in after:
            for key in sorted((k for k in table if k[0] == folded[i]), key=len, reverse=True):
                if tuple(folded[i:i + len(key)]) == key:
                    for j, spelled in enumerate(table[key].split()):
                        w = out[i + j]
                        out[i + j] = spelled + w[len(w.rstrip(",.;:")):]
                    i += len(key) - 1
                    break
        i += 1
    return out


_ROMAN_NUMBER = re.compile(r"(?:V\.)?[IVXL]{1,5}")


@lru_cache(maxsize=1 << 16)
def case_name(name: str) -> str:
    """Case a name printed in capitals the way running text writes it.

    `SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH` → `Sở Văn hóa, Thể thao và Du lịch`;
    `ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG` → `Ủy ban nhân dân tỉnh Lâm Đồng`.
    Mixed-case input is left as written. Cached: the same header lines and names come back for every
    reference and body of a document.
    """
    abbrevs, heads, inner, units, fixed = _casing_tables()
    # a unit's Roman number (`Vụ III`, `khu vực XV`) says nothing of the name's case and keeps its own
    kept = [w for w in name.split(" ") if w.casefold() not in abbrevs and not _ROMAN_NUMBER.fullmatch(w)]
    letters = [c for c in "".join(kept) if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return name
    words = [w if w.casefold() in abbrevs or _is_code(w) or _ROMAN_NUMBER.fullmatch(w) and i
             else w.lower() for i, w in enumerate(name.split(" "))]
    out: list[str] = []
    place = False
    cap_next = True
    i = 0
    while i < len(words):
        w = words[i]
        two = " ".join(words[i:i + 2])
        if place:
            out.append(_cap(w))
        elif cap_next and w != "và":      # `Báo và Phát thanh`: a field head's next word, but `và` is no name
            out.append(_cap(w))
            cap_next = False
        else:
            out.append(w)
        if not place and (w in units or two in units) and i + 1 < len(words) and not _not_unit(words, i):
            if two in units:
                out.append(words[i + 1])
                i += 1
            place = True
        elif w.endswith(",") or w in ("và", "-"):   # `LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI`: each field capitalised
            cap_next = True
        elif i == 0 and (w in heads or two in heads):   # `Sở Nội vụ`: the field after the head
            if two in heads and two != w:
                out.append(words[i + 1])
                i += 1
            cap_next = True
        elif i > 0 and not place and (two in inner or w in inner) and words[i - 1] not in inner:
            # a body named inside the name: `Văn phòng Thường trực Ban Chỉ huy …`
            out[-1] = _cap(w)
            if two in inner and two != w:
                out.append(words[i + 1])
                i += 1
            cap_next = True
        i += 1
    text = " ".join(_case_provinces(out))
    for pattern, spelled in fixed:
        text = pattern.sub(spelled, text)
    return text


@lru_cache(maxsize=1 << 16)
def canonical(name: str) -> str:
    """The canonical form of a body's name: expanded, cased, tones placed, edges trimmed; `&` between words
    written `và` (`Sở Nông nghiệp & Phát triển nông thôn`). Cached: a document names the same bodies again and
    again, and the answer depends on the name and the rules (read once per process) alone."""
    name = _PARTY_CODE.sub(_party_code, name)   # before casing: `TU` is a word too
    if "TP" in name:
        name = _GLUED_CITY.sub(r"\1 thành phố", name)
    name = place_tones(proper_name(expand_abbreviations(raise_legacy_head(case_name(trim_edges(name.replace(" & ", " và ")))))))
    name = _cased_field(name)
    if "&" in name:               # `Văn phòng HĐND&UBND xã`, expanded: the office of both, glued by `&` (on one side or two)
        name = _GLUED_AND.sub(" và ", name)
    if name.startswith("Văn phòng Hội đồng nhân dân, "):
        name = name.replace(", ", " và ", 1)    # `Văn phòng HĐND, UBND xã`: the office of both, `Văn phòng HĐND và UBND xã`
    return _DOUBLED.sub(r"\1", name) if " " in name else name


# `TT. TU`, `BTV HU`, `VP ĐU`: a Party committee by its code after the code of its board or office (`tu`, `hu`, `đu` are
# also syllables, which casing a name printed in capitals would lower); spelled out as rules/abbreviations.yaml says
# (glued to the code before it only by a dot: `VPTU`, `BTGTU` are codes of their own, rules/abbreviations.yaml `bodies`)
_PARTY_CODE = re.compile(r"(?<![\wĐđ-])((?:TT\.|(?:TT|BTV|VP|UBKT|BTG|BDV|BTC|BCH|BXDĐ)\s)\s*)(TU|HU|ĐU)(?![\wĐđ-])")


def _party_code(m: re.Match) -> str:
    return m.group(1) + rules.load("abbreviations")["bodies"][m.group(2)]
# the council or the committee of Hà Nội or Hồ Chí Minh City with the city's `TP` glued on (`Đoàn ĐBQH& HĐNDTP`, `VP
# UBNDTP`); not an abbreviation of rules/abbreviations.yaml, whose words the reading of letter-spaced text joins up
# (`UBND TP Lào Cai` would become `UBNDTP Lào Cai`)
_GLUED_CITY = re.compile(r"(?<![\wĐđ])(HĐND|UBND)TP(?![\wĐđ])")
_GLUED_AND = re.compile(r"(?<=[^\W\d_])\s?&\s?(?=[^\W\d_])")   # (glued on one side too: `Đoàn ĐBQH& HĐND`)
# a head typed twice (`UBND UBND cấp xã`, once expanded: `Ủy ban nhân dân Ủy ban nhân dân cấp xã`): one name
_DOUBLED = re.compile(r"(?<!\S)((?:\S+ ){1,4}?\S+) \1(?!\S)")


def _cased_field(name: str) -> str:
    """`Bộ Giáo dục và đào tạo`, `các sở giáo dục và đào tạo` → `… Giáo dục và Đào tạo`: a department's field after its
    head is written as rules/abbreviations.yaml `fields` spells it, whatever case the text typed it in."""
    pat, spelled = _field_spellings()
    return pat.sub(lambda m: f"{m.group(1)} {spelled[m.group(2).casefold()]}", name) if " " in name else name


@lru_cache(maxsize=1)
def _field_spellings() -> tuple[re.Pattern, dict]:
    fields = sorted(set((rules.load("abbreviations").get("fields") or {}).values()), key=len, reverse=True)
    heads = sorted(_field_heads(), key=len, reverse=True)
    pat = re.compile(r"(?i)(?<![\wĐđ])(" + "|".join(map(re.escape, heads)) + r") ("
                     + "|".join(re.escape(f) for f in fields if " " in f) + r")(?![\wĐđ])")
    return pat, {f.casefold(): f for f in fields}


def raise_legacy_head(name: str) -> str:
    """`ủy ban nhân dân xã` → `Ủy ban nhân dân xã`: TCVN3 text fonts had no `Ủ`, so legacy documents typed the
    head of a committee's name in lower case (the text keeps it as typed; the name is written properly), also
    inside the name of its office (`Văn phòng ủy ban nhân dân tỉnh`)."""
    name = "Ủ" + name[1:] if name.startswith(("ủy ban", "uỷ ban")) else name
    return _LEGACY_COMMITTEE.sub("Ủy ban nhân dân", name) if " ban nhân dân" in name else name


_LEGACY_COMMITTEE = re.compile(r"(?<=\w )(?:ủy|uỷ) ban nhân dân\b")


def proper_name(name: str) -> str:
    """`Trường Trung học phổ thông phước bửu` → `… Phước Bửu`: after the kind of a school (names.yaml
    `proper_name_after`), every word is its proper name, up to an administrative unit."""
    folded = name.casefold()
    cfg = rules.load("names")
    for kind in sorted(cfg.get("proper_name_after", []), key=len, reverse=True):
        if folded.startswith(kind + " "):
            head, rest = name[:len(kind)], name[len(kind) + 1:].split(" ")
            if kind in cfg.get("field_named", []) and any(w[:1].isupper() for w in rest):
                return name   # a college named after its field, cased by its writer: `Trường Cao đẳng Kinh tế - Kỹ thuật`
            units = set(admin_units.words())
            for n, w in enumerate(rest):
                if w in units or " ".join(rest[n:n + 2]) in units:
                    break
                # (a school's number is no word of its name: `Trường THPT Lục Ngạn số 1`, `Trường Tiểu học số 2`)
                rest[n] = w.lower() if w.casefold() == "số" and n + 1 < len(rest) and rest[n + 1].isdigit() else _cap(w)
            return head + " " + " ".join(rest)
    return name


_BLANKS = re.compile(r"\s+")


def trim_edges(name: str) -> str:
    """Spaces and punctuation off both ends, but a closing qualifier stays: `Đoàn Luật sư tỉnh Lâm Đồng (cũ)`."""
    name = _BLANKS.sub(" ", name)
    keep = name.rstrip(" \t.,;:-–“”\"'").endswith(")") and "(" in name
    name = name.strip(" \t.,;:-–“”\"'()")
    if keep and name.count("(") > name.count(")"):
        name += ")"
    return name


def case_title(text: str) -> str:
    """A title printed in capitals, in sentence case (`THỂ THỨC VÀ KỸ THUẬT …` → `Thể thức và kỹ thuật …`)."""
    low = text.lower()
    for key, spelled in rules.load("names")["fixed"].items():
        if not key.startswith(" "):
            low = re.sub(r"(?<!\w)" + re.escape(key) + r"(?!\w)", spelled, low)
    low = _province_after_unit(low)
    low = _cited_in_title(text, low)
    low = _roman_numerals().sub(lambda m: m.group(1) + m.group(2).upper(), low)
    return low[:1].upper() + low[1:]


@lru_cache(maxsize=1)
def _roman_numerals() -> re.Pattern:
    """A Roman numeral (I to XXXIX) in lower case after a word that counts terms, sittings or parts (rules/names.yaml
    `roman_numeral_after`): `nhiệm kỳ iv` → `nhiệm kỳ IV`."""
    after = "|".join(sorted((re.escape(w) for w in rules.load("names")["roman_numeral_after"]), key=len, reverse=True))
    return re.compile(r"(?<!\w)((?:" + after + r") )((?=[ivx])x{0,3}(?:ix|iv|v?i{0,3}))(?![\w/])")


_CODE = re.compile(r"(?<![\w/])\d[\w.]*(?:/[\wĐđ.\-]+)+|(?<![\w/])\d+-[A-ZĐ]+/[\wĐđ\-]+")


def _cited_in_title(text: str, low: str) -> str:
    """`THỰC HIỆN CHỈ THỊ SỐ 27/CT-TTG …` → `Thực hiện Chỉ thị số 27/CT-TTg …`: a document the title cites keeps
    its number in the official form and its type capitalised, as running text writes a citation."""
    if not _CODE.search(text):
        return low
    out = list(low)
    for m in _CODE.finditer(text):
        ident = normalize_identifier(m.group(0)) or m.group(0)
        if len(ident) == m.end() - m.start():
            out[m.start():m.end()] = ident
    return _cited_type().sub(lambda t: t.group(1)[:1].upper() + t.group(1)[1:], "".join(out))


@lru_cache(maxsize=1)
def _cited_type() -> re.Pattern:
    """A document type in lower case before `số` and a number (`chỉ thị số 27/…`), compiled once."""
    types = "|".join(sorted((re.escape(t.lower()) for t in rules.doc_type_names()), key=len, reverse=True))
    return re.compile(r"(?<!\w)(" + types + r")(?=\s+số\s+\d)")


def _province_after_unit(text: str) -> str:
    """`… tỉnh lâm đồng năm 2026` → `… tỉnh Lâm Đồng năm 2026`: in a title, a province's name is cased after its
    unit word only (`hòa bình` alone is the common word peace)."""
    if "tỉnh " not in text and "thành phố " not in text:
        return text
    return " ".join(_case_provinces(text.split(" "), after=("tỉnh", "phố")))


@lru_cache(maxsize=None)
def _unit_at_end() -> re.Pattern:
    """A bare unit with a Party committee of its own at the end of a name (rules/admin_units.yaml)."""
    return rules.compiled(r"(?<![\wĐđ])(" + "|".join(re.escape(w) for w in admin_units.party_of()
                                                   if admin_units.party_of()[w] != "Đảng ủy") + r")\s*$")


def complete_jurisdiction(name: str | None, document_issuer: str | None) -> str | None:
    """`Ủy ban nhân dân tỉnh` in a Lâm Đồng document is `Ủy ban nhân dân tỉnh Lâm Đồng`.

    Only a name that ends on a bare unit word is completed, from the same unit
    named in the issuing body of the document.
    """
    if not name or not document_issuer:
        return name
    m = _unit_at_end().search(name)
    if not m:
        return name
    unit = m.group(1)
    party = admin_units.party_of()
    place = re.search(r"(?:\b" + unit + r"|" + party[unit] + r")\s+((?:[A-ZĐÀ-Ỹ][^\s,;]*\s?)+)", document_issuer)
    if not place:
        return name
    return f"{name} {place.group(1).strip()}"


def comma_fields() -> str:
    """An alternation of the fields whose own name holds a comma (rules/body_heads.yaml `comma_fields`,
    `board_fields`: `Văn hóa, Thể thao và Du lịch`, `phòng, chống`), for a pattern that ends a name at a comma."""
    vocab = rules.load("body_heads")
    return "|".join(re.escape(f) for k in ("comma_fields", "board_fields") for f in sorted(vocab[k], key=len, reverse=True))


_PROVINCE = re.compile(r"tỉnh(?<![\wĐđ]tỉnh)\s+((?:[A-ZĐÀ-Ỹ][^\W\d_]*)(?:[ \t]+[A-ZĐÀ-Ỹ][^\W\d_]*){0,3})")


@lru_cache(maxsize=8)
def place_source(text: str, header_end: int, issuer: str | None, parent: str | None) -> str:
    """Where a document names its place: its issuer, the parent body above it and the header's capitals (`ỦY BAN NHÂN
    DÂN TỈNH ĐIỆN BIÊN` over `SỞ CÔNG THƯƠNG`: the lines of `text[:header_end]`), else the one province its text names."""
    lines = [case_name(ln.strip()) for ln in text[:header_end].split("\n") if ln.strip() and ln.strip().isupper() and len(ln) < 80]
    return " ; ".join(x for x in [issuer, parent, *lines, sole_province(text)] if x)


@lru_cache(maxsize=8)
def sole_province(text: str) -> str | None:
    """`tỉnh X` when the text names one province and no other (a commune's document, whose header names only the
    commune, sends its report to `UBND tỉnh Thái Nguyên`), so a bare `UBND tỉnh` it cites is that one; else None."""
    names = {m.group(1) for m in _PROVINCE.finditer(text)} if "tỉnh " in text else set()
    return f"tỉnh {names.pop()}" if len(names) == 1 else None
