"""OCR'd syllables read back with the tone marks the genre writes (`tông hợp` → `tổng hợp`).

Why: Tesseract's `vie` model reads a scan's letters well and their marks less well: `Tô quốc`,
`thành phô`, `Xúc tiền`, `khân trương`, `bồ sung`, `Lâm Đông`. A body name with one wrong mark is
another name (`Ủy ban Mặt trận Tô quốc`), and a verb with one (`tông hợp`) no longer ends the name
before it. The letters are what OCR gets right, the marks what it gets wrong, so each run of
syllables is decoded as a noisy channel: the candidates of a syllable are the syllables with its
letters (`đ` kept apart from `d`), a bigram model of the genre's born-digital text
(`pipeline/models/ocr_lm/`, `scripts/train_ocr_lm.py`, with the two-syllable words of underthesea's
Viet74K dictionary as a fraction of a sighting each) scores each reading, and changing a syllable costs
`CHANGE_COST` (nats), so only a reading the genre makes far likelier than the written one replaces it;
a syllable written beside a neighbour the genre writes it with (`sổ tay`; the dictionary's rare words,
`chính tông`, do not count) is never changed.

A dictionary alone cannot do this (tried): most neighbouring syllables are no word of their own, and a
line of clean text then gets hundreds of "repairs" (`về` → `vệ`, `của` → `cửa`); the counts know that
`về việc` is written and `vệ việc` is not. Each syllable keeps its length (marks are one character for
one in NFC), so every word offset of the line stays exact.
"""
from __future__ import annotations

import importlib.util
import math
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from pipeline.text.fold import fold

MODEL = Path(__file__).resolve().parents[2] / "models" / "ocr_lm" / "syllable_bigrams.tsv"
CHANGE_COST = 7.0      # nats a changed syllable must win back: about 1 in 1100 readings changed by chance
BACKOFF = 3.0          # weight of the unigram in an unseen pair (Witten-Bell-like interpolation)
MIN_CANDIDATE = 3      # sightings a syllable needs to be offered as a reading
DICTIONARY_WEIGHT = 0.3  # one dictionary word as a share of one sighting in the genre: a word exists,
                         # but a rare one (`chính tông`) must not outweigh what the genre writes
ATTESTED = 2           # sightings of a pair in the genre's text (a dictionary word alone is one) that keep it
_RUN = re.compile(r"[^\W\d_]+(?:\s+[^\W\d_]+)*")
_SYLLABLE = re.compile(r"[^\W\d_]+")
# A measure's symbol written after its figure (`450 ha`, `12 km`, `3 kg`): no syllable, so no mark of a word to
# read back (`450 ha cánh đồng` is no `hạ cánh`). A year before it is no figure of a measure (`2025 hạ tầng`).
_MEASURE = re.compile(r"ha|km|kg|mw|kw|kwh|gw|cm|mm|ml|m", re.I)
_AFTER_FIGURE = re.compile(r"(?<![\d.,])(?!(?:19|20)\d\d[ \t])\d[\d.,]*[ \t]+$")


def _shape(syllable: str) -> str:
    """A syllable's letters without marks, `đ` kept apart from `d` (OCR confuses them too, `Giáo đục`, but
    reading them as one gained nothing on the scans measured and offers many more wrong readings)."""
    return "".join("\0" if c in "đĐ" else f for c, f in zip(syllable, fold(syllable)))


_OLD_PLACEMENT = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "oè": "òe", "oé": "óe",
                  "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe", "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}


def _modern(syllable: str) -> str:
    """The mark of a final `oa`, `oe`, `uy` on its first vowel (`uỷ` → `ủy`): both placements are
    correct spellings of one syllable, never a misreading to repair."""
    tail = syllable[-2:]
    return syllable[:-2] + _OLD_PLACEMENT[tail] if tail in _OLD_PLACEMENT and syllable[-3:-2] != "q" else syllable


def _viet74k() -> Path | None:
    """Viet74K.txt inside the installed underthesea, found without importing the package (which loads
    its models)."""
    spec = importlib.util.find_spec("underthesea")
    for root in (spec.submodule_search_locations or []) if spec else []:
        path = Path(root) / "corpus" / "data" / "Viet74K.txt"
        if path.is_file():
            return path
    return None


class Model:
    """Syllable and pair counts, and the readings of each shape."""

    def __init__(self, uni: dict[str, int], pairs: dict[str, float]):
        self.uni, self.pairs = uni, pairs
        self.total = sum(uni.values()) or 1
        self.vocab = len(uni) or 1
        self.by_shape: dict[str, list[str]] = {}
        for s, c in uni.items():
            if c >= MIN_CANDIDATE:
                self.by_shape.setdefault(_shape(s), []).append(s)

    def p_uni(self, s: str) -> float:
        return (self.uni.get(s, 0) + 0.5) / (self.total + 0.5 * self.vocab)

    def score(self, a: str | None, b: str) -> float:
        """log P(b | a), a `None` at the start of a run."""
        if a is None:
            return math.log(self.p_uni(b))
        ca = self.uni.get(a, 0)
        return math.log((self.pairs.get(f"{a} {b}", 0) + BACKOFF * self.p_uni(b)) / (ca + BACKOFF))


@lru_cache(maxsize=1)
def model() -> Model | None:
    """The shipped counts (None when not trained: nothing is repaired)."""
    if not MODEL.is_file():
        return None
    uni: dict[str, int] = {}
    pairs: dict[str, float] = {}
    for line in MODEL.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        key, _, count = line.rpartition("\t")
        (pairs if " " in key else uni)[key] = int(count)
    dictionary = _viet74k()
    if dictionary is not None:
        for raw in dictionary.read_text(encoding="utf-8").splitlines():
            entry = unicodedata.normalize("NFC", raw.strip())
            if entry[:1].islower() and entry.count(" ") == 1:
                pairs[entry] = pairs.get(entry, 0) + DICTIONARY_WEIGHT
    return Model(uni, pairs)


def _decode(m: Model, run: list[str]) -> list[str]:
    """The likeliest reading of a run of lower-case syllables (Viterbi over same-letter readings)."""
    options = []
    for i, s in enumerate(run):
        attested = (i > 0 and m.pairs.get(f"{run[i - 1]} {s}", 0) >= ATTESTED) or \
            (i + 1 < len(run) and m.pairs.get(f"{s} {run[i + 1]}", 0) >= ATTESTED)
        options.append([s] if attested else [s] + [c for c in m.by_shape.get(_shape(s), ())
                                                    if len(c) == len(s) and _modern(c) != _modern(s)])
    if all(len(o) == 1 for o in options):
        return run
    best = {c: (m.score(None, c) - (CHANGE_COST if c != run[0] else 0.0), [c]) for c in options[0]}
    for i in range(1, len(run)):
        nxt = {}
        for c in options[i]:
            cost = CHANGE_COST if c != run[i] else 0.0
            prev, (sc, path) = max(best.items(), key=lambda kv: kv[1][0] + m.score(kv[0], c))
            nxt[c] = (sc + m.score(prev, c) - cost, path + [c])
        best = nxt
    return max(best.values(), key=lambda v: v[0])[1]


def _in_case_of(word: str, written: str) -> str:
    return "".join(w.upper() if c.isupper() else w for w, c in zip(word, written))


def repair_text(text: str) -> str:
    """A line of OCR text with its syllables' marks read back; the same length as `text`."""
    m = model()
    if m is None or not text:
        return text
    out = list(text)
    for run in _RUN.finditer(text):
        found = list(_SYLLABLE.finditer(run.group(0)))
        if _MEASURE.fullmatch(found[0].group(0)) and _AFTER_FIGURE.search(text, max(0, run.start() - 30), run.start()):
            found = found[1:]                   # `450 ha cánh đồng`: a measure's symbol after a figure keeps it
        if len(found) < 2:
            continue
        written = [f.group(0) for f in found]
        reading = _decode(m, [w.lower() for w in written])
        for f, w, r in zip(found, written, reading):
            if r != w.lower():
                s = run.start() + f.start()
                out[s:s + len(w)] = _in_case_of(r, w)
    fixed = _middle_name_marked(_provinces_marked("".join(out)))
    return fixed if len(fixed) == len(text) else text


@lru_cache(maxsize=1)
def _province_shapes() -> dict[tuple[str, ...], str]:
    """Province names (rules/admin_units.yaml) by the shapes of their syllables, where no two share one."""
    from pipeline.text import units

    by_shape: dict[tuple[str, ...], set[str]] = {}
    for words, name in units.provinces().items():
        by_shape.setdefault(tuple(_shape(w) for w in words), set()).add(name)
    return {k: next(iter(v)) for k, v in by_shape.items() if len(v) == 1 and len(k) >= 2}


_CAPITALISED_RUN = re.compile(r"[A-ZĐÀ-Ỹ][^\W\d_]*(?:[ \t]+[A-ZĐÀ-Ỹ][^\W\d_]*)+")


def _provinces_marked(text: str) -> str:
    """A province's name whose marks OCR misread (`Hà Tỉnh` → `Hà Tĩnh`): the letters of a run of capitalised
    syllables are a province's, its marks are not. A rare name the bigram counts of one province's text
    cannot know; the provinces' list does."""
    shapes = _province_shapes()
    out = text
    for run in _CAPITALISED_RUN.finditer(text):
        words = list(_SYLLABLE.finditer(run.group(0)))
        for i in range(len(words)):
            for n in (2, 3):
                part = words[i:i + n]
                if len(part) < n:
                    break
                name = shapes.get(tuple(_shape(w.group(0).lower()) for w in part))
                if not name:
                    continue
                for w, right in zip(part, name.split()):
                    if w.group(0).lower() != right.lower():
                        s = run.start() + w.start()
                        out = out[:s] + _in_case_of(right.lower(), w.group(0)) + out[s + len(w.group(0)):]
    return out


def repair_words(words: list[str]) -> list[str]:
    """The same for a line given as words (each keeps its length)."""
    fixed = repair_text(" ".join(words))
    out, pos = [], 0
    for w in words:
        out.append(fixed[pos:pos + len(w)])
        pos += len(w) + 1
    return out


_PERSON = re.compile(r"(?<![^\W\d_])([^\W\d_]+)[ \t]+(Th[ìíỉĩ])[ \t]+([^\W\d_]+)")


def _middle_name_marked(text: str) -> str:
    """`Đoàn Thì Hậu` → `Đoàn Thị Hậu`: in a person's name (capitalised syllables around it), a middle `Thi` with a
    mark other than the dot is OCR's reading of `Thị`, the women's middle name (no name has `Thì`, `Thí`)."""
    def fix(m: re.Match) -> str:
        if not (m.group(1)[0].isupper() and m.group(3)[0].isupper() and not m.group(1).isupper()):
            return m.group(0)
        return f"{m.group(1)} Thị {m.group(3)}"
    return _PERSON.sub(fix, text) if "Th" in text else text
