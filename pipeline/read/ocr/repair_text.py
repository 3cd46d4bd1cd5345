"""Read back what Tesseract predictably gets wrong in the numbers and labels of a scanned page.

A scanned document is structured by a few short tokens: the section labels (`I.`, `II.`,
`PHẦN II`, `Điều 1.`), the numbers of identifiers and dates (`171/SKHCN`, `ngày 31 tháng 01`).
Those are exactly what OCR reads worst, because a lone numeral has no word around it to
steady the reading: `I.` comes back as `L.`, `II.` as `H.` or `ll.`, `III.` as `IH.`, `31`
as `3l`, `01` as `0I`, `16` in the italic date line as `76`, `1128 / STP` with spaces, `10797QĐ`
without its slash. Each fix here reads a token only where the genre leaves one reading:

- a number is digits, so inside a token that already holds digits `I l |` are `1` and `O` is `0`
  (and before an identifier's code, `ó` is `6` and `S` is `5`: `5ó/NĐ-CP`);
- an `Điều` or `Khoản` is numbered in Arabic figures, so `Điều I` is `Điều 1`; a legal text's
  divisions (`Chương`, `Mục`, `Điều`) keep the document's numbering style and run in order
  (heading_labels.py), so `Chương IIT` after `Chương II` is `Chương III` and `Điều l5.` is `Điều 15.`;
- the day and month of a `ngày … tháng … năm` line are a day and a month, so `76` is `16`;
- roman labels run in order, so a lookalike label (`L.`, `H.`, `IH.`) is read as the numeral
  that continues (or restarts) the sequence, and only when its letters could spell it;
- an identifier is one token, so spaces around its `/` and `-` go and a missing `/` between the
  number and the type code comes back.

Clean text has none of these tokens, so it passes unchanged. What reads one figure (a number before a code, a
share, a day, a score) is in figures.py. Lines are lists of words with
confidences; a repaired line is rebuilt with its word spans (`OcrLine.words`) recomputed.
"""
from __future__ import annotations

import re
import unicodedata

from pipeline.read.ocr.item_labels import FirstItems, letter_label, lower_roman_label
from pipeline.read.ocr.heading_labels import DEFAULT_STYLE, arabic_number, canonical_head, head_word, numbering_styles
from pipeline.read.ocr.codes import agree_numbers, fix_number_label, fix_type_codes
from pipeline.read.ocr.figures import (DIGIT_LOOKALIKE, fix_date_part, fix_number, fix_score, fix_shares,
                                       join_identifiers, join_periods)
from pipeline.text.fold import fold

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
         "XVI", "XVII", "XVIII", "XIX", "XX"]
ROMAN_VALUE = {r: i + 1 for i, r in enumerate(ROMAN)}
# What Tesseract makes of the strokes of a roman numeral: one stroke read as `l`, `1`, `|`, `L`, `T`;
# two joined by their serifs read as `H`.
ROMAN_LOOKALIKE = {"l": "I", "1": "I", "|": "I", "L": "I", "I": "I", "T": "I", "H": "II", "V": "V", "X": "X",
                   # a speck over the stroke makes it a Vietnamese or Latin accented I (`Chương Ï`)
                   **{c: "I" for c in "ÏÍÌỈĨỊïíìỉĩị!"}}
# Division words always numbered in Arabic figures (folded).
ARABIC_HEADS = {"dieu": "Điều", "khoan": "Khoản"}
STROKES = "lI|1"  # the one-stroke characters a speck beside a roman numeral is read as
DIGIT_SHAPES = {"G": "6", "S": "5", "§": "8"}   # a bold item number's figure read as the sign of its shape
# Item letters as OCR misreads them (an italic `a` read `d`): the letter a list expects, and its lookalikes.
DOUBLED_NEVER = "aeiy"     # vowels Vietnamese never writes twice running (o and u are: xoong, ưu)
QUOTE_REACH = 15        # lines within which a quotation opened by a misread star must close

_TRAIL = re.compile(r"[,.;:)]+$")
_LABEL_PUNCT = re.compile(r"^(.+?)([.:])$")
# A quarter's roman numeral as OCR and the figure pass leave it (`111/2025`, `lV`), with its year or stop.
_QUARTER = re.compile(r"([1Il|]{1,3}|[1Il|]?[VW])(/(?:19|20)\d{2}[,.;:)]?|[,.;:)]?)")
# A Party document's roman label ends in a dash (`I-`, `II-`, CONVENTIONS.md).
_PARTY_LABEL = re.compile(r"^([IVXLHl|1T]{1,5})(-)$")
# A line's first token that is no word and no label (`_âa`, `~.`): a bold numeral OCR garbled.
# An item number's figure lost (its full stop alone) or read as a ring or an `o` (`°.`, `o.`).
_LOST_FIGURE = re.compile(r"[°o]?\.")
_GARBLED_LABEL = re.compile(r"(?=\S*[_~^`#@])\S{1,4}")
_GLUED_SALUTATION = re.compile(r"kinhgu[il]?\s*:")
_GLUED_HEAD = re.compile(r"(\D+?)([\dIVXl|]{1,5}[.:]?)")
_QUOTED_LABEL = re.compile(r"“(?:[a-zđ]|\d{1,2}|[IVX]{1,5})[.)]")
_GLUED_DATE = re.compile(r"(?:(ng[àa]y)(\d{1,2})|(\d{1,2})(th[áa]ng|n[ăa]m))")
# A blank day or month of a date line (`ngày — tháng 7`): the dots or rule left for the hand read as marks.
_BLANK_DEBRIS = re.compile(r"[-—–_.…]{1,4}")
# A speck on the margin read as a mark of its own before a line's label (never a list's dash or plus sign).
_SPECK = re.compile(r"[_~`'^.,·•¸]{1,2}")
_GLUED_SPECK = re.compile(r"[_~`^·•¸]{1,4}(\S+)")
_LABEL = re.compile(r"(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2})*)\.|[a-zđ]\)")


def _case_like(word: str, written: str) -> str:
    return word.upper() if written.isupper() and len(written) > 1 else word


def single_vowel(word: str) -> str:
    """`KÉẾT` → `KẾT`: one vowel with stacked marks read twice, once with part of its marks. Vietnamese spelling
    never doubles a, e, i or y, so such a pair with a mark on it is one letter: the one with more marks."""
    if len(word) < 2 or word.isascii():
        return word
    out = list(word)
    k = 1
    while k < len(out):
        a, b = out[k - 1], out[k]
        if a != b and fold(a) == fold(b) and fold(a) in DOUBLED_NEVER and not (a + b).isascii():
            marks_a, marks_b = len(unicodedata.normalize("NFD", a)), len(unicodedata.normalize("NFD", b))
            del out[k - 1 if marks_b >= marks_a else k]
            continue
        k += 1
    return "".join(out)


def roman_readings(token: str) -> list[str]:
    """The roman numerals a lookalike token could be: `H` → II; `IH` → III, or II when the `H` is
    one stroke read twice; an ordinary word → none."""
    if not token or any(c not in ROMAN_LOOKALIKE for c in token):
        return []
    exact = "".join(ROMAN_LOOKALIKE[c] for c in token)
    out = [exact]
    if "H" in token:
        out.append("".join("I" if c == "H" else ROMAN_LOOKALIKE[c] for c in token))
    return [r for r in dict.fromkeys(out) if r in ROMAN_VALUE]


def _following(last: str | None) -> str | None:
    """The roman numeral after `last`."""
    return ROMAN[ROMAN_VALUE[last]] if last in ROMAN_VALUE and ROMAN_VALUE[last] < len(ROMAN) else None


def _appendix_label(words: list[str], labels: dict) -> bool:
    """`Phụ lục H` → `Phụ lục II`, `Phụ lục` → `Phụ lục II`: an appendix line's roman numeral read in sequence
    with the appendix before it (`labels["phuluc"]`); a numeral read clean is kept as the new last one,
    figures are left to `fix_number`. True when the line is an appendix's heading (its numeral, and at most
    `số` or a dash besides), not a sentence that starts with the word."""
    if len(words) == 2:
        # `Phụ lục` alone on its line after `Phụ lục I`: the numeral lost (a first appendix may have none)
        following = _following(labels.get("phuluc"))
        if following and fold(words[1]) == "luc":
            labels["phuluc"] = following
            words.append(following)
        return fold(words[1]) == "luc"
    k = 3 if fold(words[2]) == "so" and len(words) >= 4 else 2
    heading = len(words) <= k + 1 or words[k + 1] in ("-", "–", ":")
    core = _TRAIL.sub("", words[k])
    tail = words[k][len(core):]
    if core in ROMAN_VALUE:
        labels["phuluc"] = core
        return heading
    reading = _next_roman(labels.get("phuluc"), core) if labels.get("phuluc") and k == 2 else None
    if not reading and not labels.get("phuluc") and heading and "H" in core and roman_readings(core):
        # `Phụ lục VH` with no appendix before it (an appendix issued as its own file is numbered as in
        # the set it belongs to): the `H` is the two strokes of `II`, the numeral read as written
        reading = roman_readings(core)[0]
    if reading and reading != "I":
        labels["phuluc"] = reading
        words[k] = reading + tail
        return heading
    return heading and bool(re.fullmatch(r"\d{1,2}", core.translate(DIGIT_LOOKALIKE)))


def _next_roman(last: str | None, token: str) -> str | None:
    """The reading of a lookalike label that continues the sequence after `last`, or restarts it."""
    wanted = [ROMAN[ROMAN_VALUE[last]]] if last and ROMAN_VALUE[last] < len(ROMAN) else []
    wanted.append("I")
    readings = roman_readings(token)
    for w in wanted:
        if w in readings:
            return w
    return None


def _division_label(words: list[str], head: str, labels: dict) -> bool:
    """`Chương IIT` → `Chương III`, `Điều l5.` → `Điều 15.`, `Muc l` → `Mục 1`: a division's word and
    number read in the document's numbering style (`labels["style:…"]`) and in sequence. True when the line
    was read as a division's heading (`Chương trình …` is none)."""
    if len(words) == 1:
        words.append("")                        # `Chương` alone: its numeral was lost, the run gives it
    num = _LABEL_PUNCT.match(words[1])
    core, punct = (num.group(1), num.group(2)) if num else (words[1], "")
    at_end = len(words) == 2 or bool(punct) or words[2][:1].isupper() or words[2][:1] in "(-–"
    word = canonical_head(head, words[0]) + words[0][len(_TRAIL.sub("", words[0])):]
    roman = labels.get("style:" + head, DEFAULT_STYLE[head]) == "roman"
    if roman:
        if not at_end:
            return False
        last = labels.get(head)
        following = ROMAN[ROMAN_VALUE[last]] if last and ROMAN_VALUE[last] < len(ROMAN) else None
        if not core:
            reading = following or ("I" if not last else None)
        elif core in ROMAN_VALUE and core == last and head != "muc" and following:
            reading = following                 # `Chương II` twice running: a stroke of `III` was lost
        else:
            reading = core if core in ROMAN_VALUE else _next_roman(last, core)
        if not reading and following:
            # `Chương lIII`: a speck at the edge of the numeral read as one stroke more
            cuts = [core[1:]] * (core[:1] in STROKES) + [core[:-1]] * (core[-1:] in STROKES)
            reading = following if any(following in roman_readings(c) for c in cuts if c) else None
        if not reading:
            return False
        labels[head] = reading
    else:
        last = labels.get("n:" + head)
        expected = [int(last) + 1, 1] if last else [1]
        core = core or str(expected[0])
        # an article's label ends with its full stop; a section's stands alone or before its title
        heading = bool(punct) or len(words) == 2 or (at_end and head not in ARABIC_HEADS)
        if heading:
            reading = arabic_number(core, expected)
        elif head in ARABIC_HEADS and re.fullmatch(r"[\dIl|]{1,3}", core):
            reading = core.translate(DIGIT_LOOKALIKE)     # `Điều l của Luật` running on at a line start
        else:
            return False
        if not reading:
            return False
        if heading:
            labels["n:" + head] = reading
    if head == "chuong":
        labels["muc"] = labels["n:muc"] = None   # sections restart in each chapter
    words[0] = word
    words[1] = reading + punct
    return roman or heading


def repair_words(words: list[str], labels: dict[str, str | None]) -> list[str]:
    """One line's words with its numbers, labels and date read back. `labels` carries the last
    roman label of each kind (bare, and each heading word) from line to line."""
    words = fix_number_label(list(words))
    if not words:
        return words
    if len(words) >= 3 and _SPECK.fullmatch(words[0]) and (head_word(words[1]) or _LABEL.fullmatch(words[1])):
        del words[0]                            # `_ Điều 2.`, `. II. NỘI DUNG`: a speck before the label read as a mark
    glued = _GLUED_SPECK.fullmatch(words[0])
    if glued and len(words) >= 2 and _LABEL.fullmatch(glued.group(1)) and words[1][:1].isupper():
        words[0] = glued.group(1)               # `___2. Ông …`: the same glued to the label (a rule's or a stain's)
    if any(_GLUED_DATE.fullmatch(w) for w in words):
        # `ngày 04tháng 9`, `ngày15 tháng`: the space between a date's figure and its word lost
        words = [p for w in words for p in ([g for g in _GLUED_DATE.fullmatch(w).groups() if g] if _GLUED_DATE.fullmatch(w) else [w])]
    glued = _GLUED_HEAD.fullmatch(words[0])
    if glued and head_word(glued.group(1)) in ("chuong", "dieu"):
        words[:1] = [glued.group(1), glued.group(2)]    # `Điều15.`: the space after a bold word lost
    if _GLUED_SALUTATION.fullmatch(fold(words[0])):
        words[:1] = ["Kính", "gửi:"]                    # `Kínhgử:`: the same, with the hook of `gửi` lost
    words = [single_vowel(w) for w in words]
    folded = [fold(w).translate(str.maketrans({"0": "o"})) for w in words]
    if len(words) >= 2 and folded[0] == "phu" and folded[1].startswith("luc"):
        if _appendix_label(words, labels):      # `Phụ lục H` after `Phụ lục I`: the second appendix
            labels["bare"] = None               # and its sections start from `I.` again
    # a division word and its number at the start of the line (`PHẢN H`, `Điêu I.`, `Chương IIT`, `Muc l`)
    head = head_word(words[0])
    if head and (len(words) >= 2 or head == "chuong" and words[0].isalpha()):
        if _division_label(words, head, labels):
            labels["bare"] = None               # a new part or chapter numbers its sections from `I.` again
        if words[-1] == "":
            words.pop()                         # a lone `Chương` the run could not number stays alone
    else:
        # a bare roman label: `L. Những việc đã làm`, `IH. Đánh giá chung`
        m = _LABEL_PUNCT.match(words[0]) or _PARTY_LABEL.match(words[0])
        if m and len(words) >= 2 and words[1][:1].isupper():
            core = m.group(1)
            if core in ROMAN_VALUE and core == labels.get("bare"):
                # `II.` twice running: a stroke of `III.` was lost; `I.` twice, with no part or appendix
                # between to restart the list (they set it back), is `II.` (seen: `II.` read as `I.` beside
                # a line of figure debris)
                reading = ROMAN[ROMAN_VALUE[core]] if ROMAN_VALUE[core] < len(ROMAN) else core
                labels["bare"] = reading
                words[0] = reading + m.group(2)
            elif core in ROMAN_VALUE:
                labels["bare"] = core
            elif core.isdigit() and labels.get("arabic") and int(core) == int(labels["arabic"]) + 1:
                pass                            # `11.` right after `10.` is a clause, not `II.`
            else:
                reading = _next_roman(labels.get("bare"), core)
                if not reading and core[-1:] in "Ll|" and core[:-1] in ROMAN_VALUE \
                        and core[:-1] in (_following(labels.get("bare")), "I"):
                    reading = core[:-1]         # `IL.`: a bold label's serif read as one more letter before its stop
                if reading and (reading != "I" or core in ("L", "l", "|") or core[:-1] == "I"):
                    labels["bare"] = reading
                    words[0] = reading + m.group(2)
        if not m and len(words) >= 2 and words[1][:1].isupper() and words[0] in ROMAN_VALUE and labels.get("bare") \
                and words[0] == _following(labels["bare"]):
            labels["bare"] = words[0]           # `II Nội dung` right after `I.`: the label's full stop lost
            words[0] += "."
            m = True
        if not m and len(words) >= 3 and all(w.isupper() for w in words[1:]) \
                and (_following(labels.get("bare")) or "I") in roman_readings(words[0]):
            # `L CÔNG TÁC TRIỂN KHAI`: a roman heading's numeral read as a lookalike and its full stop lost, before
            # a heading in capitals
            reading = _following(labels.get("bare")) or "I"
            labels["bare"] = reading
            words[0] = reading + "."
            m = True
        if not m and len(words) >= 2 and words[1][:1].isupper() and words[0][-1:] in "Ll|" and labels.get("bare"):
            # `VIIIL ĐÁNH GIÁ`: the full stop after the numeral read as one more letter
            following = _following(labels["bare"])
            if following and following in roman_readings(words[0][:-1]):
                labels["bare"] = following
                words[0] = following + "."
        lower_roman_label(words, labels)
        letter_label(words, labels)
        m = re.fullmatch(r"(\d{1,2}(?:\.\d{1,2})+)[Ll|I]", words[0])
        if m:                                   # `1.1L Theo kết quả`: the final full stop read as a letter
            words[0] = m.group(1) + "."
    shaped = re.fullmatch(r"([GS§])\.", words[0])
    if shaped and len(words) >= 2 and words[1][:1].isupper() and labels.get("arabic") \
            and int(labels["arabic"]) + 1 == int(DIGIT_SHAPES[shaped.group(1)]):
        words[0] = DIGIT_SHAPES[shaped.group(1)] + "."   # `G. Cải cách …` right after `5.`: the 6 read as a G
    if len(words) >= 2 and _LOST_FIGURE.fullmatch(words[0]) and words[1][:1].isupper() and labels.get("arabic"):
        words[0] = f"{int(labels['arabic']) + 1}."        # `. Quyết định …` after `4.`: the figure lost or a speck
    top = re.fullmatch(r"(\d{1,2})\.", words[0])
    if top:
        labels["arabic"] = top.group(1)
    # `khoản 2 Điêu 15 Nghị định`: inside a sentence, a word that folds to `dieu` before an article's number
    # is `Điều` with its tone misread (Tesseract's `ề` → `ê`, `ể`, `ế`); `điệu` is a word of its own (`giai điệu`)
    for i in range(1, len(words) - 1):
        core = _TRAIL.sub("", words[i])
        if core == words[i] and fold(core) == "dieu" and core.casefold() in ("điêu", "điểu", "điếu", "điễu") \
                and re.fullmatch(r"\d{1,3}[,.;:]?", words[i + 1]):
            right = canonical_head("dieu", core)
            words[i] = right if core[:1].isupper() else right.lower()
    # `Điều I` or `Khoản l` inside a sentence: an article is numbered in figures
    for i in range(1, len(words)):
        if _TRAIL.sub("", folded[i - 1]) in ARABIC_HEADS and re.fullmatch(r"[Il|]{1,2}[,.;:]?", words[i]):
            words[i] = words[i].translate(DIGIT_LOOKALIKE)
    for i, w in enumerate(words):
        label = _LABEL_PUNCT.match(w)
        if i == 0 and label and all(c in ROMAN_LOOKALIKE for c in label.group(1)):
            continue                            # a label like `I1.` is the roman pass's, not a number
        words[i] = fix_number(w)
    # a quarter is numbered in roman (`Quý III/2025`), which the number pass above read as figures (`111/2025`);
    # the word before it lost its tone (`Quy`) as often
    for i in range(1, len(words)):
        quarter = _QUARTER.fullmatch(words[i])
        if quarter and fold(words[i - 1]) == "quy" and quarter.group(1) != "1":    # `Quý 1/2025` is printed so
            # (the V read as a W, `IW/2025`; the word's tone read as a tilde, `Quỹ`)
            words[i] = quarter.group(1).replace("1", "I").replace("l", "I").replace("|", "I").replace("W", "V") \
                + quarter.group(2)
            word = words[i - 1]
            words[i - 1] = "QUÝ" if word.isupper() else "Quý" if word[:1].isupper() else "quý"
    # the date line: `ngày 76 tháng 0I năm 2026`
    for i in range(len(words) - 1):
        f = folded[i]
        if f in ("ngay", "thang") and i + 2 < len(words) and fold(words[i + 2]) in ("thang", "nam"):
            words[i + 1] = fix_date_part(words[i + 1], 31 if f == "ngay" else 12)
            if _BLANK_DEBRIS.fullmatch(words[i + 1]):
                words[i + 1] = "…"             # a blank left for the day or month: no figure of its own
    join_periods(words)
    fix_shares(words, labels.get("last word") or "")
    labels["last word"] = words[-1]
    if len(words) >= 2 and words[-2].endswith(":"):
        words[-1] = fix_score(words[-1])
    return words


def open_quotes_read_as_stars(lines: list[list[tuple[str, float]]]) -> list[list[tuple[str, float]]]:
    """`*...2. Hồ sơ gồm:` is `“…2. Hồ sơ gồm:`: a star glued to the ellipsis that opens a line, when a `”`
    closes later (`”`, or a backtick read for it, within QUOTE_REACH lines and before any other `“`), is the opening quote OCR misread."""
    out = [list(words) for words in lines]
    for i, words in enumerate(out):
        if not words or not re.match(r"\*(?:\.\.\.|…)", words[0][0]):   # a star bullet stays a star
            continue
        later = " ".join(w for ws in out[i:i + QUOTE_REACH] for w, _ in ws)[len(words[0][0]):]
        closes = [k for k in (later.find("”"), later.find("`")) if k >= 0]   # a backtick: a misread `”`
        reopen = later.find("“")
        if closes and (reopen < 0 or min(closes) < reopen):
            words[0] = ("“" + words[0][0][1:], words[0][1])
    return out


def close_quotes(words: list[str], open_quotes: int) -> tuple[list[str], int]:
    """A closing `”` that OCR read as a backtick (`trợ giúp `.`): Vietnamese print has no backtick, so
    one that follows an open `“` closes it (a quote left open would swallow the labels after it).
    Returns the words and the count of quotes still open, carried to the next line."""
    out = []
    if len(words) >= 2 and words[0] in ("“", "\"") and words[1][:1].isupper():
        # a quote mark stands glued to the words it opens; one alone at a line's start before a capital is the
        # dash of a list item OCR read as it (left open, it would swallow every label after it)
        words = ["-", *words[1:]]
    for w in words:
        if open_quotes > 0 and re.fullmatch(r"[^`]*`{1,2}[.,;:)]*", w):
            w = re.sub(r"`{1,2}", "”", w, count=1)
        open_quotes = max(0, open_quotes + w.count("“") - w.count("”"))
        out.append(w)
    return out, open_quotes


def _rejoin(texts: list[str], confs: list[float]) -> list[tuple[str, float]]:
    """The line's words after `join_identifiers`; a joined word keeps the lowest confidence of its parts."""
    orig = " ".join(texts)
    joined = join_identifiers(orig)
    if joined == orig:
        return list(zip(texts, confs))
    owner = []
    for k, t in enumerate(texts):
        owner += [k] * len(t) + [-1]
    pos, j = [], 0
    for ch in joined:
        while orig[j] != ch:
            j += 1
        pos.append(j)
        j += 1
    out, start = [], 0
    for tok in joined.split(" "):
        parts = {owner[pos[p]] for p in range(start, start + len(tok))} - {-1}
        out.append((tok, min((confs[k] for k in parts), default=-1.0)))
        start += len(tok) + 1
    return out


def drop_date_specks(words: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """`ngày 10 tháng ý 7`, `tháng ỗ 3`: a speck in a table cell read as a letter of its own between the word of
    a date and its figure, dropped with its confidence (a letter there is no word: the month's figure follows)."""
    drop = {i for i in range(1, len(words) - 1)
            if len(words[i][0]) == 1 and words[i][0].isalpha() and words[i][0] not in DIGIT_LIKE_LETTERS
            and fold(words[i - 1][0]) in ("ngay", "thang") and _DAY_OR_MONTH.fullmatch(words[i + 1][0])}
    return [w for i, w in enumerate(words) if i not in drop] if drop else words


DIGIT_LIKE_LETTERS = "IlOoSsZzBg"     # letters OCR reads for figures: the figure pass reads them back
_DAY_OR_MONTH = re.compile(r"\d{1,2}[,.;:]?")


def repair_lines(lines: list[list[tuple[str, float]]]) -> list[list[tuple[str, float]]]:
    """A document's OCR lines in reading order, each a list of (word, confidence), read back.
    One pass over the whole document, so roman labels are read in their sequence."""
    labels: dict[str, str | None] = {}
    for head, style in numbering_styles([(ws[0][0], ws[1][0]) for ws in lines if len(ws) >= 2]).items():
        labels["style:" + head] = style
    out = []
    open_quotes = 0
    lines = open_quotes_read_as_stars(lines)
    last_top, garbled = None, None
    quoted = False
    first_items = FirstItems()      # a list's first label that only the next one decides
    for words in lines:
        bare = labels.get("bare")
        # a quoted clause opened by its own label (`“c) …`) runs until its quote closes
        quoted = bool(words) and bool(_QUOTED_LABEL.match(words[0][0])) or quoted and open_quotes > 0
        letter = labels.get("letter")
        words = drop_date_specks(words)
        texts = repair_words([w for w, _ in words], labels)
        if quoted:
            labels["letter"] = letter      # a quoted clause's points (`“c) …; d) …”`) are not the document's list
        label = texts[0] if texts else None
        texts, open_quotes = close_quotes(texts, open_quotes)
        confs = [c for _, c in words]
        confs = confs[:1] * (len(texts) - len(confs)) + confs[max(0, len(confs) - len(texts)):]
        # a numeral split off or supplied: its word's confidence; a speck dropped: its own goes
        out.append(_rejoin(texts, confs))
        first_items.see(words[0][0] if words else "", label, bare, texts, labels, out, _rejoin)
        if not texts:
            continue
        comma = re.fullmatch(r"(\d{1,2}),", texts[0])
        if comma and last_top and int(comma.group(1)) == int(last_top) + 1 and len(texts) > 1 and texts[1][:1].isupper():
            texts[0] = comma.group(1) + "."        # `5, Văn phòng …` after item 4.: the item's dot read as a comma
            out[-1] = _rejoin(texts, confs)
        if re.fullmatch(r"[IVX]{1,5}\.", texts[0]) and len(texts) > 1 and texts[1][:1].isupper():
            last_top = "0"                         # a roman heading: the list under it starts at 1 (`1, Nâng cao …`)
        top = re.fullmatch(r"(\d{1,2})\.", texts[0])
        first_child = re.fullmatch(r"(\d{1,2})\.1\.?", texts[0])
        if top:
            last_top, garbled = top.group(1), None
        elif first_child and first_child.group(1) != last_top and garbled is not None:
            # `1.1.` with no `1.` before it: the garbled label of the last heading was `1.`
            out[garbled][0] = (first_child.group(1) + ".", out[garbled][0][1])
            last_top, garbled = first_child.group(1), None
        elif len(texts) > 1 and _GARBLED_LABEL.fullmatch(texts[0]) and texts[1][:1].isupper():
            garbled = len(out) - 1
    texts = [[w for w, _ in ws] for ws in out]
    fix_type_codes(texts)                   # codes a cited type or the document's other readings settle
    agree_numbers(texts)
    return [[(t, c) for t, (_, c) in zip(ts, ws)] for ts, ws in zip(texts, out)]
