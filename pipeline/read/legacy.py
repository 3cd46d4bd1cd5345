"""Vietnamese before Unicode: detect text typed in TCVN3 (ABC) or VNI fonts and convert it.

Old .doc/.rtf/.txt files store `Céng hoµ x· héi` (TCVN3) or `Coäng hoøa xaõ hoäi` (VNI): the bytes
of a font-specific encoding read back as Windows-1252. Files often mix such runs with real
Unicode, and the two share characters (`á` is `ỏ` in TCVN3), so the decision is made per line,
by which reading yields Vietnamese syllables; a line without evidence follows the document.
The same syllable test measures how Vietnamese any text is (OCR triage of PDF text layers).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pipeline import rules

ENCODINGS = ("tcvn3", "vni")
_TONES = "\u0300\u0301\u0303\u0309\u0323"
# a run of letters, or of the Latin-1 symbols TCVN3/VNI use as letters; digits, spaces and
# ASCII punctuation separate words
_WORD = re.compile(r"[^\s\d.,;:!?()\[\]{}\"'/\\\-–—…_=+*#%&<>|“”‘’•@$^~`]+")


# ---------------------------------------------------------------- syllables

@lru_cache(maxsize=None)
def _syllable_pattern() -> re.Pattern:
    spec = rules.load("encodings")["syllable"]
    alt = lambda xs: "|".join(sorted(xs, key=len, reverse=True))  # noqa: E731
    rhymes = [f"(?:{alt(spec['open_nuclei'])})", f"(?:{alt(spec['nuclei'])})"]
    rhymes += [f"(?:{alt(after)}){final}" for final, after in spec["finals"].items()]
    return re.compile(f"^(?:{alt(spec['onsets'])})?(?:{'|'.join(rhymes)})$")


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """True for one well-formed Vietnamese syllable (`nghiêng`, `Quyết`, `HOA`), any case."""
    if not word or len(word) > 8:
        return False
    nfd = unicodedata.normalize("NFD", word.lower())
    if sum(nfd.count(t) for t in _TONES) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONES))
    return bool(_syllable_pattern().match(bare))


def has_marks(word: str) -> bool:
    return not word.isascii()


def vietnamese_score(text: str) -> tuple[float, int]:
    """(share of words that are marked Vietnamese syllables, number of words).

    Unicode Vietnamese prose scores about 0.5-0.8; an English OCR layer (`CQNG HOA XA HQI`),
    a broken font map (`7ӌ1+`) or legacy-encoded text scores near 0.
    """
    kinds = list(map(_word_kind, _WORD.findall(unicodedata.normalize("NFC", text))))
    words = len(kinds) - kinds.count(0)
    if not words:
        return 0.0, 0
    return kinds.count(2) / words, words


@lru_cache(maxsize=1 << 17)
def _word_kind(w: str) -> int:
    """0: no letter (not a word); 2: a marked Vietnamese syllable; 1: any other word. Judged once per
    distinct word: a page's words come back on every page (the OCR triage scores every page)."""
    if not any(c.isalpha() for c in w):
        return 0
    return 2 if has_marks(w) and is_syllable(w) else 1


# ---------------------------------------------------------------- conversion tables

@lru_cache(maxsize=None)
def _tables() -> dict:
    spec = rules.load("encodings")
    comb = spec["combining"]
    tcvn3 = dict(spec["tcvn3"]["chars"])
    vni = spec["vni"]
    letters = dict(vni["letters"])
    pairs: dict[str, str] = {}
    bases = "aeiouyAEIOUY" + "ơưƠƯ"
    for mark, (modifier, tone) in vni["marks"].items():
        for base in bases:
            if modifier and base not in vni["modifiable"][modifier]:
                continue
            if not modifier and base not in vni["toneable"]:
                continue
            composed = base + (comb[modifier] if modifier else "") + (comb[tone] if tone else "")
            target = unicodedata.normalize("NFC", composed)
            src_base = next((k for k, v in letters.items() if v == base and k != v), base)
            pairs[src_base + mark] = target
    fonts = {enc: [re.compile(p, re.I) for p in spec[enc]["fonts"]] for enc in ENCODINGS}
    return {"tcvn3": tcvn3, "vni_letters": letters, "vni_pairs": pairs, "fonts": fonts}


@lru_cache(maxsize=None)
def _vni_pattern() -> re.Pattern:
    t = _tables()
    keys = sorted(t["vni_pairs"], key=len, reverse=True) + [k for k, v in t["vni_letters"].items() if k != v]
    return re.compile("|".join(re.escape(k) for k in keys))


def convert(text: str, encoding: str) -> str:
    """Text read as Windows-1252 from a TCVN3 or VNI font, as Unicode (NFC)."""
    t = _tables()
    if encoding == "tcvn3":
        table = t["tcvn3"]
        return "".join(table.get(c, c) for c in text)
    if encoding == "vni":
        pairs, letters = t["vni_pairs"], t["vni_letters"]
        return _vni_pattern().sub(lambda m: pairs.get(m.group(0)) or letters[m.group(0)], text)
    raise ValueError(f"unknown legacy encoding {encoding!r}")


def encoding_of_font(name: str | None) -> str | None:
    """`tcvn3` for `.VnTime`, `vni` for `VNI-Times`, else None."""
    if not name:
        return None
    for enc, patterns in _tables()["fonts"].items():
        if any(p.search(name) for p in patterns):
            return enc
    return None


def capital_fonts(info: dict | None) -> bool:
    """Did a converted file use TCVN3's capital fonts (`.VnTimeH`), which show lower case as capitals?"""
    pattern = rules.compiled(rules.load("encodings")["tcvn3"]["capital_fonts"])
    return bool(info) and info.get("encoding") == "tcvn3" and any(pattern.match(f) for f in info.get("fonts") or [])


# ---------------------------------------------------------------- detection

def _evidence(line: str, encoding: str) -> int:
    """Words that only read as Vietnamese once converted, minus words the conversion breaks."""
    return _evidences(line)[ENCODINGS.index(encoding)]


def _evidences(line: str) -> tuple[int, int]:
    """`_evidence` of the line for each of ENCODINGS, in one pass over its words."""
    tcvn3 = vni = 0
    for w in _WORD.findall(line):
        if w.isascii():
            continue   # no TCVN3 or VNI code is ASCII: the word reads the same either way
        a, b = _word_evidence(w)
        tcvn3 += a
        vni += b
    return tcvn3, vni


@lru_cache(maxsize=1 << 17)
def _word_evidence(w: str) -> tuple[int, ...]:
    """+1 when the word only reads as Vietnamese once converted, -1 when the conversion breaks it,
    per encoding (the same words come back on every line: each is judged once)."""
    out = []
    for encoding in ENCODINGS:
        new = convert(w, encoding)
        score = 0
        if new != w:
            before, after = is_syllable(w), is_syllable(new)
            if encoding == "tcvn3" and _caps(w) and after and any(c.islower() and not c.isascii() for c in w):
                score = 1   # `MôC`: capitals with a lower-case toned letter are TCVN3 in a capitals font
            elif after and not before:
                score = 1
            elif before and not after:
                score = -1
        out.append(score)
    return tuple(out)


def _caps(word: str) -> bool:
    """Typed with Caps Lock in a TCVN3 capitals font (`.VnTimeH`): `PHÇN`, `THø`."""
    ascii_letters = [c for c in word if c.isascii() and c.isalpha()]
    return len(ascii_letters) >= 2 and all(c.isupper() for c in ascii_letters)


def _convert_line(line: str, encoding: str, sure: bool) -> str:
    """Convert word by word, keeping words that already read as Unicode Vietnamese and that
    the conversion would break (or, when the line itself is not `sure`, would change at all).

    TCVN3 has no toned capitals: a capitals font draws the lower-case codes as capitals,
    so in a word (or a line) typed in capitals the converted letters are raised too.
    """
    words = _WORD.findall(line)
    cased = [w for w in words if any(c.isascii() and c.isalpha() for c in w)]
    lower = sum(1 for w in cased if any(c.isascii() and c.islower() for c in w))
    caps_line = encoding == "tcvn3" and sum(1 for w in cased if _caps(w)) >= 2 and lower <= 0.1 * len(cased)
    converted = caps_line and any(convert(w, encoding) != w for w in words)

    def fix(m: re.Match) -> str:
        w = m.group(0)
        new = convert(w, encoding)
        if new != w and has_marks(w) and is_syllable(w) and (not sure or not is_syllable(new)):
            return w
        if encoding == "tcvn3" and (caps_line or _caps(w)) and (
                new != w or sure and caps_line and converted and any(c.islower() and not c.isascii() for c in w)):
            return new.upper()   # `QU¶N Lý`: on a TCVN3 capitals line the font draws `ý` as `Ý`
        return new
    return _WORD.sub(fix, line)


# lines a file's encoding is decided on first: spread over the whole file, so a Unicode heading does
# not decide for a legacy body
SAMPLE_LINES = 400


def _totals(lines) -> list[int]:
    """Per encoding, the evidence of the lines that hold two legacy words at least: OCR's specks (`Ñ`, `š`, `ff` at
    a line's end) are TCVN3/VNI codes of single letters, one to a line, in a Unicode text; a legacy line holds
    several."""
    totals = [0] * len(ENCODINGS)
    for line in lines:
        for i, ev in enumerate(_evidences(line)):
            totals[i] += ev if ev >= LINE_EVIDENCE else 0
    return totals


LINE_EVIDENCE = 2


def detect(text: str) -> str | None:
    """The legacy encoding most of the text is in, or None when it reads as Unicode.

    Decided once per file: on an evenly spread sample of the lines that can hold evidence (a
    non-ASCII letter) when the sample is conclusive, else on all of them (a Unicode file with a few
    legacy lines). Each distinct word is judged once per process (`_word_evidence`)."""
    lines = [line for line in text.split("\n") if not line.isascii()]
    if len(lines) > SAMPLE_LINES:
        step = len(lines) / SAMPLE_LINES
        picked = {int(i * step) for i in range(SAMPLE_LINES)}
        totals = _totals(lines[i] for i in sorted(picked))
        if max(totals) < 3:
            rest = _totals(line for i, line in enumerate(lines) if i not in picked)
            totals = [a + b for a, b in zip(totals, rest)]
    else:
        totals = _totals(lines)
    best = max(range(len(ENCODINGS)), key=lambda i: totals[i])
    return ENCODINGS[best] if totals[best] >= 3 else None


def fix_text(text: str, hint: str | None = None) -> tuple[str, str | None]:
    """(Unicode text, encoding found or None). `hint` is the encoding of the file's fonts, if known.

    Each line is converted with the encoding that gives it more Vietnamese words; a line
    with no evidence either way (a name, an all-caps heading) follows the document's main
    encoding.
    """
    main = hint or detect(text)
    if main is None:
        return text, None
    lines = text.split("\n")
    evidence = [dict(zip(ENCODINGS, _evidences(line))) for line in lines]
    legacy_lines = sum(1 for ev in evidence if max(ev.values()) > 0)
    unicode_lines = sum(1 for ev in evidence if max(ev.values()) < 0)
    # with (almost) no Unicode line, a word that reads both ways is taken as legacy too
    pure = unicode_lines <= 0.05 * max(1, legacy_lines)
    out = []
    for line, ev in zip(lines, evidence):
        best = max(ENCODINGS, key=lambda e: ev[e])
        if ev[best] > 0:
            out.append(_convert_line(line, best, sure=True))
        elif ev[best] == 0 and ev[main] == 0:
            out.append(_convert_line(line, main, sure=pure))
        else:
            out.append(line)
    return "\n".join(out), main
