"""The identifier grammar of a document number (`4088/KH-UBND`, `21-KH/BDVTU`): shared by the
header parser (a document's own number) and the references extractor (the numbers it cites)."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline import rules
from pipeline.text.matching import matches_at, word_starts


# the identifier grammar's substitutions, compiled once (a document cites its numbers many times)
_ID = [re.compile(p) for p in (
    r"\s+",
    r"[–—]",
    r"\d",
    r"^(\d+)[Il|](?=[/-])",
    r"^(\d{1,2})\.(\d{3})(?=[/-])",
    r"^(\d+)(.*)$",
    r"^/((?:19|20)\d{2})-",
    r"(?<=[A-ZĐ])[Il](?=\d)",
    r"[A-Za-zĐđÐ]+",
    r"(?<=QH)[Il|](?=\d{2}(?!\d))",
)]


@lru_cache(maxsize=4096)
def normalize_identifier(raw: str) -> str | None:
    """`4088 /KH-UBND` → `4088/KH-UBND`; a blank number (`/QĐ-UBND`) → None.

    Kept per string (a string in, a string out, from rules read once per process): a document cites the
    same numbers again and again, and each reading costs a dozen substitutions."""
    ident = _ID[0].sub("", raw or "").replace("Ð", "Đ").strip(".,;:")
    ident = _ID[1].sub("-", ident)
    if not ident or not _ID[2].match(ident):
        return None
    ident = _ID[3].sub(r"\g<1>1", ident)   # OCR's `3l/CT-TTg`: a number is digits
    ident = _ID[4].sub(r"\1\2", ident)   # `1.245/QĐ-UBND`: a thousands dot, not `21.4/GĐN`
    m = _ID[5].match(ident)
    num, rest = m.group(1), m.group(2)
    rest = _ID[6].sub(r"/\1/", rest)   # `126/2024-NĐ-CP`: the year takes a slash
    # `144/2002/QĐ/BTC`, `40/2000/TT/BTC`: older numbers put a slash where the normal form has the
    # hyphen between the type code and the issuer (`144/2002/QĐ-BTC`)
    rest = re.sub(r"^(/(?:19|20)\d{2}/)([A-Za-zĐđÐ]+)/(?=[A-Za-zĐđÐ])",
                  lambda m: m.group(1) + m.group(2) + ("-" if m.group(2).casefold().replace("ð", "đ")
                                                        in rules.doc_type_by_code() else "/"), rest)
    if len(num) == 1:
        num = "0" + num
    # the National Assembly's term is one or two figures: OCR's `QHI15` has a speck of the H read as a stroke
    rest = _ID[9].sub("", rest)
    rest = _ID[7].sub("1", rest)   # OCR's `QHI5` for the 15th National Assembly's QH15
    # official spellings of the codes (QĐ, KH, CTr, TTr, QĐi)
    rest = _ID[8].sub(lambda c: code_with_dd(c.group(0)), rest)
    return num + rest


@lru_cache(maxsize=None)
def _known_codes() -> dict[str, str]:
    codes = {c.casefold(): c for t in rules.load("doc_types")["types"] for c in t["codes"]}
    codes.update({c.casefold(): c for c in rules.load("abbreviations")["issuers"]})
    return codes


def code_with_dd(code: str) -> str:
    """A code's official spelling, a `Đ` OCR doubled taken out (`QĐĐ` → `QĐ`), its `Đ` restored when it was typed or read as `D` (`QD` → `QĐ`,
    `ND` → `NĐ`, `BGDDT` → `BGDĐT`): only when the code as written is no known code and exactly one
    way of putting `Đ` back makes it one."""
    known = _known_codes()
    if code.casefold().replace("ð", "đ") in known:
        return rules.canonical_code(code)
    single = re.sub(r"([ĐÐ])[ĐÐ]", r"\1", code)    # OCR's doubled `Đ`: `QĐĐ` for `QĐ`
    if single != code and single.casefold().replace("ð", "đ") in known:
        return known[single.casefold()]
    if "d" not in code.casefold():
        return rules.canonical_code(code)
    spots = [i for i, c in enumerate(code) if c in "Dd"]
    fits = {known[v.casefold()] for v in [code[:i] + "Đ" + code[i + 1:] for i in spots]
            + ["".join("Đ" if c in "Dd" else c for c in code)] if v.casefold() in known}
    return fits.pop() if len(fits) == 1 else rules.canonical_code(code)


@lru_cache(maxsize=4096)
def type_from_identifier(ident: str | None) -> str | None:
    """The type code inside an identifier: `4088/KH-UBND` → Kế hoạch, `21-KH/BDVTU` → Kế hoạch (kept per
    identifier, as normalize_identifier)."""
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


def drop_footnote(ident: str | None, written: int = 1) -> str | None:
    """A footnote mark glued to a cited number: `105/2025/NĐ-CP2` → `105/2025/NĐ-CP`.

    Only the last code loses its digits, and only when without them it is an issuer code that
    never carries a number (`CP`, `TTg`, `UBND`), while with them it is no known code, or when it is
    one digit after a code of two letters or more (a unit's number is written `V01`, `PC04`, `BCĐ389`); a
    National Assembly's term (`QH15`) and unit codes (`BCA-V01`) keep theirs. A number `written` the same way
    twice or more in the document (`847/UBND-VX1` in the text and again in the attachment's line) keeps its
    digit: a footnote is marked once, a division's number (`VX1`) every time.
    """
    if not ident or written > 1:
        return ident
    m = re.search(r"(?<=[-/])([A-Za-zĐđ]+)(\d{1,2})$", ident)
    if not m or m.group(1).upper().endswith("QH"):   # `QH15`, `UBTVQH15`: the Assembly's term
        return ident
    known = {c.casefold() for c in rules.load("abbreviations")["issuers"]}
    if m.group(1).casefold() in known and m.group(0).casefold() not in known:
        return ident[:m.start()] + m.group(1)
    if re.fullmatch(r"[1-9]", m.group(2)) and len(m.group(1)) >= 2 and m.group(0).casefold() not in known:
        return ident[:m.start()] + m.group(1)   # one digit after a code of letters (`KH-ĐLQT2`, `UBND-KT5`): a footnote
    return ident


def issuer_from_codes(ident: str) -> str | None:
    """The issuing body spelled by the identifier's own code (`21-KH/BDVTU` → Ban Dân vận Tỉnh ủy)."""
    table = {k.casefold(): v for k, v in rules.load("abbreviations")["issuers"].items()}
    if re.match(r"^\d+-", ident):            # Party: number-TYPE/ISSUER
        code = ident.rsplit("/", 1)[-1]
        central = rules.load("references")["party_central_by_type"]
        kind = re.match(r"^\d+-([^/]+)/", ident)
        if code.upper() == "TW" and kind and kind.group(1).upper() in central:
            return central[kind.group(1).upper()]
    elif re.search(r"/QH\d*$", ident):
        return "Quốc hội"
    else:                                     # State: number/(year/)TYPE-ISSUER or number/ISSUER-UNIT
        parts = re.split(r"[/]", ident)
        tail = parts[-1].split("-")
        types = rules.doc_type_by_code()
        if len(tail) > 2 and re.sub(r"(?i)ph$", "", tail[0]).casefold() in types:
            # a joint document (`KHPH`, `CTrLT` …) of several bodies: `03/CTrPH-BCA-BGDĐT`
            joint = [table[c.casefold()] for c in tail[1:] if c.casefold() in table]
            if len(joint) == len(tail) - 1:
                return ", ".join(joint)
        code = tail[1] if len(tail) > 1 and tail[0].casefold() in types else tail[0]
    return table.get(re.split(r"[.(]", code)[0].casefold())   # `STP.ĐKT`, `CAT(PC04)`: the body before its unit


def body_code(ident: str) -> str | None:
    """The issuing body's code of a state identifier: `KH-TTXT` → TTXT, `TTXT-ĐTDN` → TTXT."""
    if not ident or re.match(r"^\d+-", ident) or "/" not in ident:
        return None
    tail = ident.rsplit("/", 1)[-1].split("-")
    code = tail[1] if len(tail) > 1 and tail[0].casefold() in rules.doc_type_by_code() else tail[0]
    code = re.split(r"[.(]", code)[0]
    return code if re.fullmatch(r"[A-ZĐ][A-Za-zĐđ&]+", code) else None


def same_body(code_issuer: str, stated: str | None) -> bool:
    """The issuer a code spells agrees with the one the text states (`Sở Nội vụ` in `Sở Nội vụ tỉnh X`);
    the Party's central bodies share one code (`/TW`: Ban Chấp hành, Bộ Chính trị, Ban Bí thư)."""
    a, b = code_issuer.casefold(), (stated or "").casefold()
    central = {x.casefold() for x in rules.load("references")["party_central_bodies"]}
    return bool(b) and (a in b or b in a or (a in central and b in central))


_PARTY_LIST = re.compile(r"(?P<list>(?:(?:Nghị quyết|Chỉ thị|Kết luận|Quy định)\s+(?:số\s+)?\d{1,4}(?![\d/.,-]\d|[\d/-])"
                         r"\s*(?:,|và)?\s*)+)(?:\([^()\n]{1,30}\)\s*)?,?\s*của\s+"
                         r"(?P<body>Bộ Chính trị|Ban Bí thư|Ban Chấp hành Trung ương(?: Đảng)?)")
_PARTY_ITEM = re.compile(r"(?P<type>Nghị quyết|Chỉ thị|Kết luận|Quy định)\s+(?:số\s+)?(?P<num>\d{1,4})")
_PARTY_BODIES = ("Bộ Chính trị", "Ban Bí thư", "Ban Chấp hành Trung ương")
_PARTY_CODES = {"Nghị quyết": "NQ", "Chỉ thị": "CT", "Kết luận": "KL", "Quy định": "QĐi"}


def party_central_numbers(text: str) -> list[tuple[str, int, int, str]]:
    """Party central documents cited by their bare number and body (`Nghị quyết 57 và Nghị quyết 68 của
    Bộ Chính trị`): they are always numbered `{số}-{type}/TW` (Hướng dẫn 36-HD/VPTW), so the number and
    the body give the identifier. (identifier, start, end, body) for each."""
    out = []
    # every such citation names one of the bodies (most texts none: then the list pattern, which `re` tries at
    # every position, is not run)
    if not any(body in text for body in _PARTY_BODIES):
        return out
    # a list opens with one of its types (case counts): tried only where one stands, not at every position
    for m in matches_at(_PARTY_LIST, text, word_starts(text, list(_PARTY_CODES))):
        for it in _PARTY_ITEM.finditer(m.group("list")):
            ident = f"{int(it.group('num')):02d}-{_PARTY_CODES[it.group('type')]}/TW"
            out.append((ident, m.start("list") + it.start(), m.start("list") + it.end(), m.group("body")))
    return out


_LAW_NAMED = re.compile(r"(?:Luật|Bộ luật|Pháp lệnh|Hiến pháp)\s+[A-ZĐ][^\d;:\n]{1,80}?(?=\s+số\b)")


def law_title(citation: str) -> str | None:
    """The name a law is cited by before its number (`Luật Đất đai số 31/2024/QH15` → `Luật Đất đai`), so a
    later citation by the name alone is known for the same law; None for any other citation."""
    m = _LAW_NAMED.match(citation)
    return m.group(0) if m else None


def standard_id(kind: str, code: str) -> str:
    """A technical standard's number in its normal form: `QCVN 01:2019/BCT` (the year after a colon, also where
    it was printed after a slash), `QCVN QTĐ-8:2010/BCT` (a letter series joined to its number by a hyphen),
    `TCVN ISO 9001:2015`; `quy chuẩn 01:2020/BCT` cited without its series word is a QCVN."""
    kind = "QCVN" if kind.casefold().startswith("quy") else kind
    code = re.sub(r"^(ISO(?:/IEC)?)", r"\1 ", re.sub(r"\s+", "", code))
    code = re.sub(r"^(?!ISO)([A-ZĐ]{2,4})-?(?=\d)", r"\1-", code)
    return f"{kind} " + re.sub(r"(?<=\d)/(?=(?:19|20)\d{2}(?:/|$))", ":", code)
