"""The figures of a scanned page read back: numbers before a code, shares, scores, dates and periods.

Split from repair_text.py (which reads a line's labels in their sequence): what is here looks at one token, or at
a token and its neighbours, never at the lines before. A clean text has none of these shapes, so it passes unchanged.
"""
from __future__ import annotations

import re
import unicodedata

from pipeline.text.fold import fold

_TRAIL = re.compile(r"[,.;:)]+$")
_DIGITS_READ_AS = {"I": "1", "l": "1", "|": "1", "O": "0", "o": "0", "§": "8"}     # what OCR gives for a figure
DIGIT_LOOKALIKE = str.maketrans(_DIGITS_READ_AS)
# Inside a day or month beside a figure, also the 5 read as `S` or `Š` (`ngày 1Š tháng 10`).
DATE_LOOKALIKE = str.maketrans({**_DIGITS_READ_AS, "S": "5", "Š": "5"})
SCORE_ONE = "lI|ÌÍ"       # a lone stroke where a score stands: 1
SCORE_LOOKALIKE = str.maketrans({"Š": "5", "O": "0", "o": "0"})
_NUMBERISH = re.compile(r"^(?=[^\d]*\d)[\dIl|O§]+(?:[/.-][\dIl|O§]+)*$")
_NUMBER_THEN_CODE = re.compile(r"^(?=[^/-]*\d)([\dIl|O§óS]{1,6})([/-](?:(?:19|20)\d{2}/)?[A-ZĐ].*)$")
# Inside the number before a code, also the 6 Tesseract's Vietnamese model reads as `ó` and the 5 read as `S`.
CODE_NUMBER_LOOKALIKE = str.maketrans({**_DIGITS_READ_AS, "ó": "6", "S": "5"})
# The Assembly's term is one or two figures (QH9 … QH15): a stroke before two figures is a speck of the H read as
# a letter (`QHI15`), a stroke before one is the term's 1 (`QHI5`).
_ASSEMBLY_TERM = re.compile(r"(/(?:UBTV)?QH)[Il|](\d)(\d?)$")
# A type or issuer code's `S` (`/SNV-`, `-STP`) read as the section sign its bold shape resembles.
_CODE_S = re.compile(r"(?<=[/-])§(?=[A-ZĐ]{1,8}(?:[-/]|$))|(?<=[A-ZĐ]-)§(?=[A-ZĐ]*$)")
# A speck glued before a number with its code, read as a letter no Vietnamese word has or a ring (`ø670/HD-…`).
_SPECK_BEFORE = re.compile(r"^[øØ°ºæßþð¤](?=\d{1,6}(?:/(?:19|20)\d{2})?[/-][A-ZĐ])")
_GLUED_CODE = re.compile(r"^(\d{1,6})([A-ZĐ][A-ZĐa-z]?[A-ZĐ]*-[A-ZĐ][\w&.-]*)$")
_NUMBER_TRAIL = re.compile(r"[,.;:)-]+$")
_IDENT_SPACED = re.compile(r"(?<![\w/])(\d{1,6})((?:\s*[/-]\s*(?:(?:19|20)\d{2}|[A-ZĐ][A-ZĐa-z&ƯƠÂĂÊÔ]*))+)(?![\w])")
_NOT_IN_CODE = re.compile(r"[ƯƠÂĂÊÔ]")
_SCORE = re.compile(r"\d{1,2}(?:\.\d{1,2})?")
# A share and the closing bracket after it, its per cent sign read as a figure (`209)` for `20%)`); and the words that
# put a share right before it (`tối thiểu`, `tối đa`, `đạt`, `là`, `trên`, `dưới`, `khoảng`), folded: a count after
# them names what it counts.
_SHARE_CLOSED = re.compile(r"(\d{2,3}(?:,\d{1,2})?)([49])(\)[.,;:]*)")
SHARE_BEFORE = {"thieu", "da", "dat", "la", "tren", "duoi", "khoang"}
SHARE_BOUND = {"thieu", "da"}
_SHARE_SLASHED = re.compile(r"(\d{2,3})[/⁄]4([).,;:]*)")
_SHARE_NINE = re.compile(r"(\d{2,3})9%([).,;:]*)")
_YEAR = re.compile(r"((?:19|20)\d{2})[,.;:)]?")


# a number with its codes (`125-KH/HU`, `88/SCT-QLTM`); a capital vowel with a tone mark in it is OCR's, as the
# type and issuer codes of Nghị định 30 and Hướng dẫn 36 are written in plain capitals and Đ
_CODED = re.compile(r"^\d{1,6}(?:[/-][\wĐđ&.]+)+$")
_TONED_CAPITAL = re.compile(r"[ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ]")


def _untoned(m: re.Match) -> str:
    """The capital without its tone mark (`Ủ` → `U`, `Ừ` → `Ư`: a horn or a hat is a letter's, `TƯ` stays)."""
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", m.group())
                                                if c not in "\u0300\u0301\u0303\u0309\u0323"))


# A share in per cent as OCR leaves it: figures with their lookalikes (`§0%`, `7§,61%`), the decimal comma read as
# a slash (`82/86%`) or lost (`8130%`).
_PERCENT = re.compile(r"^(?=[^%]*\d)([\dIl|O§]{1,4})(?:([.,/])([\dIl|O§]{1,3}))?%$")


def fix_percent(core: str) -> str | None:
    """`§0%` → `80%`, `82/86%` → `82,86%`, `8130%` → `81,30%`: a per cent figure read back, or None when `core`
    is no per cent token. A share is never a fraction, so a slash between its figures is its decimal comma; and
    no document sets or reports a share of thousands of per cent in four bare figures (a thousand is written
    with its dot, `1.200%`), so four figures are a two-place decimal whose comma was lost."""
    m = _PERCENT.match(core)
    if not m:
        return None
    whole = m.group(1).translate(DIGIT_LOOKALIKE)
    if m.group(2) is None:
        if len(whole) == 4 and not whole.startswith("0"):
            return f"{whole[:2]},{whole[2:]}%"
        return whole + "%"
    sep = "," if m.group(2) == "/" else m.group(2)
    return f"{whole}{sep}{m.group(3).translate(DIGIT_LOOKALIKE)}%"


def fix_number(token: str) -> str:
    """`3l` → `31`, `0I/2026` → `01/2026`, `I71/SKHCN` → `171/SKHCN`: lookalikes in a token with digits;
    `/QHI5` → `/QH15`, `/QHI15` → `/QH15`: the National Assembly's code carries its term's number, one or two
    figures; `ø670/HD-HH` → `670/HD-HH`: a speck glued before a number with its code."""
    core = _NUMBER_TRAIL.sub("", token)
    tail = token[len(core):]
    core = _SPECK_BEFORE.sub("", core)
    core = _ASSEMBLY_TERM.sub(lambda m: m.group(1) + ("" if m.group(3) else "1") + m.group(2) + m.group(3), core)
    if _CODED.match(core) and _TONED_CAPITAL.search(core):
        core = _TONED_CAPITAL.sub(_untoned, core)     # `125-KH/HỦ` → `125-KH/HU`: no code letter carries a tone
    if "§" in core and "/" in core:
        core = _CODE_S.sub("S", core)
    token = core + tail
    if core.endswith("%"):
        return (fix_percent(core) or core) + tail
    if len(core) >= 2 and _NUMBERISH.match(core) and not core.isdigit():
        return core.translate(DIGIT_LOOKALIKE) + tail
    m = _NUMBER_THEN_CODE.match(core)
    if m and not m.group(1).isdigit():
        return m.group(1).translate(CODE_NUMBER_LOOKALIKE) + m.group(2) + tail
    m = _GLUED_CODE.match(core)
    if m:
        return f"{m.group(1)}/{m.group(2)}{tail}"
    return token


def fix_date_part(token: str, limit: int) -> str:
    """A day (limit 31) or month (12) of an OCR'd date line: lookalikes and `7` for an italic `1`."""
    core = _TRAIL.sub("", token)
    tail = token[len(core):]
    if not any(c.isdigit() for c in core):
        return token                            # a blank day with a speck in it (`ngày | tháng`) stays blank
    fixed = core.translate(DATE_LOOKALIKE).replace("/", "1")
    if not fixed.isdigit() or len(fixed) > 2:
        return token
    if int(fixed) > limit or int(fixed) == 0:
        alt = fixed.replace("7", "1")
        if 0 < int(alt) <= limit:
            fixed = alt
    return (fixed if 0 < int(fixed) <= limit else core) + tail


def fix_score(token: str) -> str:
    """`l` → `1`, `()` → `0`, `().75` → `0.75`, `0.Š` → `0.5`: the score a rubric prints after a colon at a
    line's end (`Từ 20% số đơn vị trở lên: 1`, `Dưới 15%: 0`), where an italic 0 is read as `()`, `(0)` or `0)`,
    a 1 as one stroke and a 5 as `Š`. Anything that does not then read as a small figure stays as it was."""
    core = token.rstrip(";,.")
    tail = token[len(core):]
    if len(core) == 1 and core in SCORE_ONE:
        return "1" + tail
    fixed = core.replace("()", "0").translate(SCORE_LOOKALIKE)
    if fixed.startswith("(") and (fixed.count("(") > fixed.count(")") or fixed.endswith(")")):
        fixed = fixed[1:]                       # `(0.25`, `(0)`: the stroke before an italic 0 read as a bracket
    if fixed.endswith(")") and "(" not in fixed:
        fixed = fixed[:-1]                      # `0)`: the stroke after it
    if fixed != core and len(core) > 1 and fixed.startswith("0") and _SCORE.fullmatch(fixed):
        return fixed + tail
    return token


def join_identifiers(text: str) -> str:
    """`1128 / STP - BTTP` → `1128/STP-BTTP`, `178- KL/TW` → `178-KL/TW`: spaces OCR put inside a number."""
    def join(m: re.Match) -> str:
        chain = m.group(2)
        if "/" not in chain or not (re.search(r"\s", m.group(0)) or _NOT_IN_CODE.search(chain)):
            return m.group(0)
        # a code is Latin capitals and Đ: a vowel with a hat or horn in it is a speck read as a mark
        return m.group(1) + _NOT_IN_CODE.sub("", re.sub(r"\s+", "", chain))
    return _IDENT_SPACED.sub(join, text)


def fix_shares(words: list[str], before: str = "") -> None:
    """`(chỉ tiêu tối thiểu 209).` → `20%).`: a share closing its bracket after a word that puts a share before it,
    its `%)` read as `9)` or `4)` (only a share of 10 to 100: a small figure or a count stays). `before`: the last
    word of the line before, for a share that opens its line. Also, after such a word: a share's sign read as
    a slash and a 4 (`tối thiểu 95/4` → `95%`; over 31 it is no day, and no fraction of four); after a bound
    (`tối thiểu`, `tối đa`), a sign read with a 9 before it (`509%` → `50%`: a bound of 509% is no share); and
    a share of a hundred opening a quotation, its 1 read as the 7 beside the quote's stroke (`“700%` → `“100%`)."""
    for i in range(len(words)):
        cue = fold((words[i - 1] if i else before).lstrip("(“\""))
        share = _SHARE_CLOSED.fullmatch(words[i])
        if share and cue in SHARE_BEFORE and 10 <= float(share.group(1).replace(",", ".")) <= 100:
            words[i] = share.group(1) + "%" + share.group(3)
        slashed = _SHARE_SLASHED.fullmatch(words[i])
        if slashed and cue in SHARE_BEFORE and 31 < int(slashed.group(1)) <= 100:
            words[i] = slashed.group(1) + "%" + slashed.group(2)
        nine = _SHARE_NINE.fullmatch(words[i])
        if nine and cue in SHARE_BOUND and 10 <= int(nine.group(1)) <= 100:
            words[i] = nine.group(1) + "%" + nine.group(2)
        if words[i].startswith("“700%"):
            words[i] = "“100%" + words[i][5:]


def join_periods(words: list[str]) -> None:
    """`giai đoạn 2021 2030` → `2021 - 2030`: two years side by side are a period whose dash OCR lost."""
    for i in range(len(words) - 1, 0, -1):
        a, b = _YEAR.fullmatch(words[i - 1]), _YEAR.fullmatch(words[i])
        if a and b and a.group(0) == a.group(1) and 0 < int(b.group(1)) - int(a.group(1)) <= 30:
            words[i:i] = ["-"]
