"""The identifier grammar of a document number (`4088/KH-UBND`, `21-KH/BDVTU`): shared by the
header parser (a document's own number) and the references extractor (the numbers it cites)."""
from __future__ import annotations

import re

from pipeline import rules


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
