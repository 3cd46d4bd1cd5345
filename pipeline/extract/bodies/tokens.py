"""Tokens and lines of the bodies extractor: words with offsets, numbered-line ranks, the regions and
(logical) lines of a document that can assign work."""
from __future__ import annotations

import re
from bisect import bisect_left
from operator import attrgetter

from pipeline.parse.document import Doc
from pipeline.text.spans import line_spans


ROLES = ("lead", "coordinate", "advise", "monitor", "report_to", "recipient")


# (`TP.HCM`, the city's code with its dot, is one word: `Công an TP.HCM` is not `Công an TP` and a full stop)
TOKEN = re.compile(r"T[Pp]\.HCM(?!\w)|[^\s,;:.()“”\"'!?]+|[,;:.()“”\"]")


# tests of one token, compiled once (the name grammar runs them at every word of every name)
WORD = re.compile(r"[\wĐđ]")
SMALL_NUMBER = re.compile(r"\d{1,2}")
ORDINAL = re.compile(r"\d+[A-Za-z]?|[IVXLC]+")
DIGIT = re.compile(r"\d")


# a label is not the start of a date running on from the line above (`30/11/2025.`); an article's number is a label
# too, whatever mark follows it (`Điều 2.`, `Điều 2:`, `Điều 2 -`)
_ARTICLE = r"(?:Điều|ĐIỀU)\s+\d+"      # an article's number, in the label and in the rank below
LABEL = re.compile(r"^\s*(?:(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)\-/]+(?!\d)|[-+•*–]|" + _ARTICLE
                   + r"\s*(?:[.:]|[-–](?=\s)))\s*")


_NUMBERED = re.compile(r"^\s*(?:(?P<roman>[IVXLC]+)|(?P<num>\d+(?:\.\d+)*)|(?P<letter>[a-zđ])|(?P<article>" + _ARTICLE + "))"
                       r"\s*(?:[.)\-/](?!\d)|(?<=\d)\s*:)")


def line_rank(line: str) -> int | None:
    """Depth of a numbered line's label: I. (or an article, `Điều 2.`) < 1. < 1.1. < a); None for other lines."""
    m = _NUMBERED.match(line)
    if not m:
        return None
    if m.group("roman") or m.group("article"):     # an article, like a part, holds the numbered items
        return 1
    if m.group("num"):
        return 2 + m.group("num").count(".")
    return 6


def is_cap(tok: str) -> bool:
    """A token that opens with a capital (a sentence start, a name)."""
    return bool(tok) and tok[0].isupper()


class Tok:
    """A token: its offsets in the document's text, its characters and their case-folded form (folded once:
    the phrase matcher reads it at every token)."""

    __slots__ = ("s", "e", "t", "low")

    def __init__(self, s: int, e: int, t: str):
        self.s, self.e, self.t, self.low = s, e, t, t.casefold()

    def __repr__(self) -> str:
        return f"Tok({self.s}, {self.e}, {self.t!r})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Tok) and (self.s, self.e, self.t) == (other.s, other.e, other.t)

    __hash__ = None


def tokenize(text: str, offset: int = 0) -> list[Tok]:
    """Words and punctuation of `text`, offsets shifted by `offset` (where `text` starts in the document).

    A line's text after its label is tokenized right after the whole line: when `text` is the end of
    the text tokenized last, at the same place in the document, and no token straddles where it
    starts, its tokens are the last ones from there (a token is found from its own first character
    on, whatever came before), so the line is not tokenized twice."""
    global _last
    last_text, last_offset, last_toks = _last
    cut = offset - last_offset
    if 0 <= cut < len(last_text) and len(last_text) - cut == len(text) and last_text.endswith(text):
        j = bisect_left(last_toks, offset, key=_start)
        if j == 0 or last_toks[j - 1].e <= offset:
            return list(last_toks[j:])
    toks = []
    append = toks.append
    end = offset
    for gap, t in _GAP_TOKEN.findall(text):     # no match object per token: a fifth of the time
        tok = _new(Tok)                 # each Tok's slots set here: calling Tok() per token costs a third more
        tok.s = start = end + len(gap)
        tok.e = end = start + len(t)
        tok.t = t
        tok.low = t.casefold()
        append(tok)
    _last = (text, offset, tuple(toks))    # a tuple: what a caller does to its list does not reach it
    return toks


_new = object.__new__
# each token with the characters before it that no token holds (`TOKEN` passes over whitespace, `'`, `!`, `?`): the
# lengths of the two give the token's offsets
_GAP_TOKEN = re.compile(r"([\s'!?]*)(" + TOKEN.pattern + ")")
_last: tuple[str, int, tuple[Tok, ...]] = ("", 0, ())   # the text tokenized last, where it starts, its tokens
_start = attrgetter("s")


def starts_with(toks: list[Tok], i: int, words: tuple) -> bool:
    """Whether the tokens from `i` spell `words` exactly (case counts)."""
    return i + len(words) <= len(toks) and all(toks[i + k].t == words[k] for k in range(len(words)))


def body_regions(doc: Doc) -> list[tuple[int, int]]:
    """Body of the document, its appendices and the documents issued with it (after the signature): a Quy chế,
    Kế hoạch or Chương trình `ban hành kèm theo Quyết định …` assigns its tasks there, with or without a label
    the parser read as a root of its own. Kept for the last document read: the clause reading, the tables and the
    model each walk the regions (the issued-with line is sought from the signature to the end each time)."""
    global _last_regions
    if _last_regions[0] is not doc:
        _last_regions = (doc, _body_regions(doc))
    return list(_last_regions[1])


_last_regions: tuple = (None, [])


def _body_regions(doc: Doc) -> list[tuple[int, int]]:
    closing = doc.structure.closing_start
    out = [(doc.structure.header_end, closing)]
    for s in doc.sections:
        if s["level"] == 1 and s["start"] >= closing and not any(a <= s["start"] < b for a, b in out):
            out.append((s["start"], s["end"]))
    m = _ISSUED_WITH.search(doc.text, closing)
    if m and not any(a <= m.start() < b for a, b in out[1:]):
        end = _SIGNS.search(doc.text, m.end())
        end = min([end.start() if end else len(doc.text)] + [a for a, _ in out[1:] if a > m.start()])
        out.append((m.start(), end))      # up to its signature, or to where its own sections were read
    return out


# `(Ban hành kèm theo Quyết định số …)` under the title of a document issued with this one, and the signature or
# Nơi nhận that ends it
_ISSUED_WITH = re.compile(r"(?:^|\()\s*(?i:ban hành\s+(?:kèm\s+)?theo|kèm theo)\s+(?i:quyết định|nghị định|nghị quyết)\b", re.M)
_SIGNS = re.compile(r"^\s*(?:TM\.|T/M|KT\.|K/T|(?i:tm\s*\.|kt\s*\.)|Nơi nhận\b)", re.M)


# the line that opens an act's articles (`QUYẾT ĐỊNH:`, and in old or typed-over documents `Nghị Định:`,
# `quyết định:`): a line of its own, never the end of the `Theo đề nghị của …,` line above it
_ENACTS = re.compile(r"\s*(?i:quyết định|nghị định|nghị quyết|chỉ thị|thông tư|quy định|kết luận)\s*:\s*$")


def logical_lines(text: str, start: int, end: int):
    """Physical lines, a line wrapped by the page rejoined with the next: `… đề nghị Ban Chủ nhiệm Đoàn Luật
    sư, Ban chấp hành` / `Hội công chứng viên của 3 tỉnh … triển khai`. A line runs on when it ends without
    `.`, `:`, `!`, `?` (a long one) or with `,`, `;` (a list), is not a numbered heading and the next line
    opens with no label or bullet."""
    cur, last = None, None
    for ls, le in line_spans(text, start, end):
        line = text[ls:le]
        if cur is not None:
            prev = text[last[0]:last[1]].rstrip()
            runs_on = prev.endswith((",", ";")) or (len(prev) >= 50 and not prev.endswith((".", ":", "!", "?", "…")))
            if runs_on and line.strip() and not LABEL.match(line) and line.count("|") < 2 and not _ENACTS.match(line) \
                    and prev.count("|") < 2 and line_rank(text[cur[0]:cur[1]]) is None:
                cur, last = (cur[0], le), (ls, le)
                continue
            yield cur
        cur = last = (ls, le)
    if cur is not None:
        yield cur


def skip_brackets(toks: list[Tok], i: int) -> int:
    """Index after a bracketed remark that opens at i (i itself when none opens there)."""
    if i < len(toks) and toks[i].t == "(":
        depth = 0
        for j in range(i, len(toks)):
            depth += {"(": 1, ")": -1}.get(toks[j].t, 0)
            if depth == 0:
                return j + 1
    return i
