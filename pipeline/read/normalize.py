"""Stage 2, normalize: one canonical text per document, with a map back to the raw text.

Every later span is an offset into the normalized text, which is what the
dataset stores; `offsets[i]` is where character i came from in the ingested
text (for tracing a value to an OCR word or a PDF page).
"""
from __future__ import annotations

import re
from functools import lru_cache
import unicodedata
from dataclasses import dataclass

from pipeline.read.flat import unflatten
from pipeline.read.spacing import has_spelled_words, spelled_runs, spelled_words


@dataclass
class Normalized:
    text: str
    # normalized index -> raw index; one extra entry for the end (None when not asked for)
    offsets: list[int] | None

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets[start], self.offsets[end]


def _sub(pattern: re.Pattern, repl, text: str, offsets: list[int] | None,
         matches=None) -> tuple[str, list[int] | None]:
    """re.sub that carries the offset map: replaced characters point at their match start. Without a
    map (None), re.sub itself: the same text (a match replaced by itself changes nothing either way).
    `matches(text)`: what `pattern.finditer(text)` yields, found a cheaper way (`repl` then a function)."""
    if offsets is None and matches is None:
        return pattern.sub(repl, text), None
    if offsets is None:
        out, pos = [], 0
        for m in matches(text):
            out += (text[pos:m.start()], repl(m))
            pos = m.end()
        return "".join(out) + text[pos:], None
    out: list[str] = []
    out_map: list[int] = []
    pos = 0
    literal = None if callable(repl) or "\\" in repl else repl    # no group to expand
    for m in (matches or pattern.finditer)(text):
        s, e = m.span()
        new = literal if literal is not None else repl(m) if callable(repl) else m.expand(repl)
        if new == m.group(0):
            continue
        out.append(text[pos:s])
        out_map.extend(offsets[pos:s])
        out.append(new)
        if len(new) == e - s:
            out_map.extend(offsets[s:e])
        else:
            out_map.extend(offsets[s] if i == 0 or s + i >= e else offsets[s + i] for i in range(len(new)))
        pos = e
    if pos == 0:
        return text, offsets
    out.append(text[pos:])
    out_map.extend(offsets[pos:])
    return "".join(out), out_map


_COMBINING = re.compile(r"[^\u0300-\u036f\n][\u0300-\u036f]+")
_MARK_RUN = re.compile(r"[\u0300-\u036f]+")


def _combining_marks(text: str):
    """What `_COMBINING.finditer(text)` yields: a match is one character and the whole run of marks after it, so it
    is tried only before each run (`re` skips to the marks in C; the pattern was tried at every character)."""
    for run in _MARK_RUN.finditer(text):
        if run.start():
            m = _COMBINING.match(text, run.start() - 1)
            if m:
                yield m
_CHARMAP = str.maketrans({
    "Ð": "Đ", "ð": "đ", "Ɖ": "Đ", "ɖ": "đ",
    "⁄": "/", "∕": "/", "／": "/",
    "‐": "-", "‑": "-", "‒": "-", "−": "-", "﹣": "-", "－": "-",
    "„": "“", "‟": "“", "«": "“", "»": "”", "″": "”",
    "‛": "‘", "′": "’",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u3000": " ",
    "\t": " ", "\r": "\n", "\f": "\n", "\v": "\n", "\u2028": "\n", "\u2029": "\n",
    "\u200b": "", "\ufeff": "", "\u00ad": "", "\u200c": "", "\u200d": "",
    # `ƣ`/`Ƣ` (U+01A3/U+01A2, the letter oi) stand for `ư`/`Ư` in the text layer of PDFs printed from Word with
    # some Vietnamese fonts (`phƣơng hƣớng`, `Trƣờng`); no Vietnamese word holds the letter oi
    "ƣ": "ư", "Ƣ": "Ư",
    # Word's list bullets drawn from the Symbol and Wingdings fonts come out of a PDF's text layer as the
    # fonts' private-use code points (`\uf0b7` `•`, `\uf0a7` `▪`, `\uf0d8` `➢`, `\uf076` `❖`, `\uf0fc` `✓`);
    # as `•` every rule that knows a bullet opening a line (a timetable's row, a target's item) reads them
    **dict.fromkeys(["\uf0b7", "\uf0a7", "\uf0a8", "\uf0d8", "\uf0d7", "\uf076", "\uf0fc", "\uf06e",
                     "\uf0e0", "\uf0f0", "\uf071", "\uf0a9"], "•"),
})
_SPACES = re.compile(r"  +")     # two spaces or more (a literal first space: `re` skips to spaces in C)
# spaces at a line's edges (a bare line break is left alone, not matched): `[ ]+\n[ ]*|\n[ ]+|^[ ]+|[ ]+$` with each
# branch opening on its first character (`^[ ]+` as a space at the start), so `re` skips to spaces and line
# breaks in C instead of trying every position; the same matches
_LINE_EDGES = re.compile(r" [ ]*\n[ ]*|\n[ ]+| (?<=^ )[ ]*| [ ]*$")
_BLANK_LINES = re.compile(r"\n\n+")    # two line breaks or more (a literal first, as `_SPACES`)
_GLUED_BOLD = re.compile(r"(?<=[\w”\"])\*\*(?=\w)")
_EMPHASIS = re.compile(r"\*\*|__|(?<=[\s(“\"])\*(?=\S)|(?<=\S)\*(?=[\s).,;:”\"]|$)")
# The Official Gazette's running header (`CÔNG BÁO/Số 1215 + 1216/Ngày 28-12-2025`, the page number before or
# after it) printed on every page of a gazette copy: no line of the document (its `Ngày` no date of the text, its
# `Số` no number), dropped with its line break wherever a page break left it
# … and the cover: `CÔNG BÁO`, then its number and day on lines of their own (`Số 1215 + 1216`,
# `Ngày 28 tháng 12 năm 2025`), a line or two between them at most
_GAZETTE_HEADER = re.compile(r"(?m)^[ \t]*(?:\d{1,4}[ \t]+)?CÔNG BÁO[ \t]*/[ \t]*Số[ \t]*\d[\d \t+]*/[ \t]*Ngày[ \t]*"
                             r"\d{1,2}[-/.]\d{1,2}[-/.]\d{4}(?:[ \t]+\d{1,4})?[ \t]*(?:\n|\Z)"
                             r"|^[ \t]*CÔNG BÁO[ \t]*\n(?:[^\n]*\n){0,2}?[ \t]*Số[ \t]*\d+(?:[ \t]*\+[ \t]*\d+)*[ \t]*\n"
                             r"(?:[^\n]*\n){0,2}?[ \t]*Ngày[ \t]+\d{1,2}[ \t]+tháng[ \t]+\d{1,2}[ \t]+năm[ \t]+\d{4}[ \t]*(?:\n|\Z)")
_HEADER_DATE_SPLIT = re.compile(r"(,\s*ngày[\s.…_]*)\n(?=[\s.…_\d]*tháng)")
_EN_DASH_SPACED = re.compile(r"[–—](?<= [–—])(?= )")   # a dash between spaces (the dash first: `re` skips to it)
_WORD = re.compile(r"[^\W_]")
# a list marker opening a line, then a space, or for `a)`/`ii)` a capital straight after (`a)Mạng lưới`: the
# tab after the label lost in the PDF's text); `(1)`, `(2)` number the tasks of Party texts, one a line; `a.1)` a
# letter's own items
_MARKER = re.compile(r"^(?:(?:[-+*•]|[a-zđ]\)|[a-zđ]\.\d{1,2}\)|[a-zđ][,.\-–/](?=\s[A-ZĐ])|[ivx]{1,4}\)|\d+(?:\.\d+)*[.)\-/]|\d+(?:\.\d+)+"
                     r"|[IVX]+[.\-/]|\(\d{1,2}\))\s|(?:[a-zđ]|[ivx]{1,4})\)(?=[A-ZĐÀ-Ỹ]))")


def _type_line(line: str) -> bool:
    """`KẾ HOẠCH`, `CHỈ THỊ`: a type word alone on its line. The title under it is centred and ends where the
    paragraph after it starts, so a long title line does not take a next line that opens in capitals."""
    return line.isupper() and line.strip().casefold() in _type_words()


@lru_cache(maxsize=1)
def _type_words() -> frozenset:
    from pipeline import rules

    return frozenset(n.casefold() for n in rules.doc_type_names())


def _opens_paragraph(line: str) -> bool:
    """`Căn cứ …`, `Thực hiện …`: words that open a preamble paragraph, never continue a line."""
    from pipeline import rules

    return any(rules.compiled(p).match(line) for p in rules.load("structure")["header"]["body_start"])


def _name_goes_on(line: str) -> bool:
    """Whether a line ends where a body's name or a list goes on (`… và Sở`, `… Ủy ban`, `…, `): rules/structure.yaml
    `wrap.name_heads`, a comma, `và`."""
    return _name_end().search(line) is not None


@lru_cache(maxsize=1)
def _name_end() -> re.Pattern:
    from pipeline import rules

    heads = rules.load("structure")["wrap"]["name_heads"]
    return re.compile(r"(?:(?<!\w)(?:" + "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
                      + r"|và)|,)\s*$")


@lru_cache(maxsize=1)
def _sentence_opener() -> re.Pattern:
    """rules/structure.yaml `wrap.sentence_openers`, as one pattern: a task's capitalised verb and a word boundary."""
    from pipeline import rules

    words = rules.load("structure")["wrap"]["sentence_openers"]
    return re.compile("(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?!\w)")


_MAPPED = re.compile("[" + "".join(re.escape(chr(c)) for c in _CHARMAP) + "]")
# the same map as (character, replacement) pairs: no replacement is itself replaced, so replacing each
# character in turn (`str.replace`, C loops) gives what one `str.translate` (a dict look-up per
# character of the text) gives, in a tenth of the time
_CHARMAP_PAIRS = [(chr(c), v) for c, v in _CHARMAP.items()]
_COMBINING_MARK = re.compile(r"[\u0300-\u036f]")
_DELETED = re.compile("[" + "".join(re.escape(chr(c)) for c, v in _CHARMAP.items() if not v) + "]")


def _translate(text: str, offsets: list[int] | None) -> tuple[str, list[int] | None]:
    """Character-for-character replacements (lookalikes, spaces); deletions drop their map entries.

    One `str.translate` over the whole text: every replacement is one character for one, so the
    map only changes where characters are deleted."""
    if not _MAPPED.search(text):
        return text, offsets
    new = text
    for char, replacement in _CHARMAP_PAIRS:
        if char in new:
            new = new.replace(char, replacement)
    if len(new) == len(text) or offsets is None:
        return new, offsets
    out_map, pos = [], 0
    for m in _DELETED.finditer(text):
        out_map.extend(offsets[pos:m.start()])
        pos = m.end()
    out_map.extend(offsets[pos:])
    return new, out_map


def _rejoin(text: str, offsets: list[int] | None, aggressive: bool,
            join_lower: bool = True) -> tuple[str, list[int] | None]:
    """Join physical lines that are one paragraph wrapped on the page.

    A line that starts in lower case continues the previous one unless it is a
    list marker. With `aggressive` (PDF and plain text), a long line that does
    not end a sentence also takes the next line.
    """
    lines = text.split("\n")
    if len(lines) < 2:
        return text, offsets
    lengths = sorted(len(l) for l in lines if l)
    wide = lengths[int(len(lengths) * 0.9)] if lengths else 0
    joins: list[int] = []  # indices of the "\n" characters to turn into spaces
    pos = 0
    for i, line in enumerate(lines[:-1]):
        pos += len(line)
        nxt = lines[i + 1]
        if line and nxt and not _MARKER.match(nxt) and "|" not in line and "|" not in nxt \
                and _WORD.search(line):
            ends_sentence = line.rstrip()[-1:] in ".:;!?"
            lower = nxt[0].islower() or nxt[0] == "("
            if join_lower and lower and not line.rstrip().endswith((":", "./.")) and not line.isupper():
                joins.append(pos)
            elif aggressive and not ends_sentence and wide >= 40 and len(line) >= 0.85 * wide \
                    and not line.isupper() and not _opens_paragraph(nxt) and not (i and _type_line(lines[i - 1])) \
                    and not (_sentence_opener().match(nxt) and not _name_goes_on(line)) \
                    and not (nxt.isupper() and len(_WORD.findall(nxt)) > 4) \
                    and not (line.lstrip().startswith("Kính gửi") and nxt[0].isupper()):
                # (a heading in capitals is no wrap; nor is the paragraph after an address line: `Kính gửi: Bảo hiểm
                # xã hội các tỉnh, thành phố trực thuộc Trung ương` / `Đề nghị …`)
                joins.append(pos)
        pos += 1
    if not joins:
        return text, offsets
    parts, prev = [], 0               # the text between the line breaks that become spaces (in order)
    for j in joins:
        parts.append(text[prev:j])
        prev = j + 1
    parts.append(text[prev:])
    return " ".join(parts), offsets


def _double_spaced(text: str) -> bool:
    """A text with a blank line after most of its lines (a page exported double-spaced) says nothing of its
    paragraphs by them."""
    lines = text.split("\n")
    filled = [i for i, ln in enumerate(lines[:-1]) if ln.strip()]
    return bool(filled) and sum(not lines[i + 1].strip() for i in filled) > 0.6 * len(filled)


def _plain_blanks(text: str, keep_blank: bool = False) -> str:
    """`_SPACES`, `_LINE_EDGES` and `_BLANK_LINES` substituted in turn, without an offset map: runs of spaces made
    one, spaces cut off each line's ends, runs of line breaks made one (kept with `keep_blank`). Why: the runs each in
    one scan of patterns that open on a literal (`re` skips to it in C; halving them with `str.replace` until none is
    left took up to seven passes over a text aligned with spaces, four times as long), the line ends with C string
    methods; the same text."""
    if "  " in text:
        text = _SPACES.sub(" ", text)
    if " " in text:               # (no two spaces are left: a line has at most one space at either end)
        text = text.replace(" \n", "\n").replace("\n ", "\n").strip(" ")
    if "\n\n" in text and not keep_blank:
        text = _BLANK_LINES.sub("\n", text)
    return text


def normalize(raw: str, fmt: str = "txt", wrapped: bool = False, join_lower: bool = True,
              offsets: bool = True) -> Normalized:
    """NFC, `Ð`→`Đ`, one dash and quote style, single spaces, paragraphs one per line.

    `join_lower=False` keeps a line that starts in lower case on its own: in a TCVN3 file set
    in capital fonts (`.VnTimeH`), headings are typed in lower case and only look capital.
    `offsets=False` leaves the map back to the raw text out (`offsets` None): the same text, in
    half the time, for a caller with no page or OCR span to place (a DOCX, a .doc, a text).
    """
    if not offsets:
        return Normalized(text=_normalized(raw, fmt, wrapped, join_lower, None)[0], offsets=None)
    return Normalized(*_normalized(raw, fmt, wrapped, join_lower, list(range(len(raw) + 1))))


def _normalized(raw: str, fmt: str, wrapped: bool, join_lower: bool,
                offsets: list[int] | None) -> tuple[str, list[int] | None]:
    text = raw
    if _COMBINING_MARK.search(text):   # most texts hold no combining mark: no need to try every character
        text, offsets = _sub(_COMBINING, lambda m: unicodedata.normalize("NFC", m.group(0)), text, offsets,
                             _combining_marks)
    if offsets is None:
        text, _ = _translate(text, None)
    else:
        end = offsets[-1]
        text, offsets = _translate(text, offsets[:-1])
        offsets.append(end)
    if fmt in ("txt", "md"):
        # Markdown bold that swallowed a line break (`KẾ HOẠCH**tổng kết`) marks a new line.
        text, offsets = _sub(_GLUED_BOLD, "\n", text, offsets)
        text, offsets = _sub(_EMPHASIS, "", text, offsets)
        text, offsets = unflatten(text, offsets)   # a web page's text: header and signature lines run together
        if has_spelled_words(text):   # a copy spelled out letter by letter (`ỦY B AN NHÂN D Â N`): words again
            text, offsets = _sub(spelled_runs(), spelled_words, text, offsets)
    if " – " in text or " — " in text:    # (what `_EN_DASH_SPACED` matches: most texts hold none, not scanned)
        text, offsets = _sub(_EN_DASH_SPACED, "-", text, offsets)
    if "CÔNG BÁO" in text:
        text, offsets = _sub(_GAZETTE_HEADER, "", text, offsets)
    # in a text file a blank line parts two paragraphs: no line is joined across it (`- Trung tâm Y tế các huyện` /
    # (blank) / `Sở Y tế đề nghị …`), so the blank lines go only after the wrapped lines are joined
    paragraphs = fmt in ("txt", "md") and "\n\n" in text and not _double_spaced(text)
    if offsets is None:
        text = _plain_blanks(text, keep_blank=paragraphs)
    else:
        text, offsets = _sub(_SPACES, " ", text, offsets)
        text, offsets = _sub(_LINE_EDGES, lambda m: "\n" if "\n" in m.group(0) else "", text, offsets)
        if not paragraphs:
            text, offsets = _sub(_BLANK_LINES, "\n", text, offsets)
    text, offsets = _sub(_HEADER_DATE_SPLIT, r"\1 ", text, offsets)
    text, offsets = _rejoin(text, offsets, aggressive=wrapped, join_lower=join_lower)
    if paragraphs:
        text, offsets = (_plain_blanks(text), None) if offsets is None else _sub(_BLANK_LINES, "\n", text, offsets)
    if "  " in text:                  # (the runs were made one above: a rejoined line seldom makes one again)
        text, offsets = _sub(_SPACES, " ", text, offsets)
    # strip leading newline
    if text.startswith("\n"):
        text, offsets = text[1:], (offsets[1:] if offsets is not None else None)
    return text, offsets
