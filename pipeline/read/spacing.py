"""Words a copy spelled out letter by letter: `ỦY B AN NHÂN D Â N T HÀNH P HỐ HỒ C H Í M I NH`, `Số: 3210/QĐ - U
B ND`, `Hội L iên h i ệ p P hụ nữ`.

Why: a legal database's copy of a scanned or letter-spaced original (and the text files archivists keep of it)
breaks words at the printed spacing; every name, number and title in such a line is lost to the grammar. A
fragment of consonants alone (`B`, `T`, `M`, `h`) can only be part of a word: the run of short fragments around
it is regrouped into the fewest non-words, each group being one fragment as written, a syllable the genre writes
(`BAN`, `Thành`, `MINH`) or a known code (`UBND`), the likeliest such grouping by the syllable counts of the OCR
language model (`CHÍ MINH`, not `CHÍM INH`). Runs without such a fragment (`của Sở Y tế`) are never touched.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

from pipeline import rules
from pipeline.read.legacy import is_syllable
from pipeline.read.ocr.tone_repair import model

# short letter-only fragments in a row (digits, dots and slashes end a run)
_RUN = re.compile(r"(?<![\w/.-])(?:[^\W\d_]{1,4} )+[^\W\d_]{1,4}(?![\w/.-])")
# a fragment no syllable can be: consonant letters only (`B`, `Th`, `NH`)
_CONSONANTS = re.compile(r"[^\W\d_aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]+",
                         re.IGNORECASE)
_MAX_GROUP = 6                      # fragments one word may have been spread over (`C h i ế n` is five)
_SEEN = 2                           # sightings in the genre's text a joined word needs (the OCR language model's)


@lru_cache(maxsize=1)
def _codes() -> frozenset[str]:
    """Codes a group of capitals may form (`U B ND` → `UBND`): the bodies' abbreviations (rules/abbreviations.yaml)."""
    return frozenset(k for k in rules.load("abbreviations")["bodies"] if k.isupper() and k.isalpha())


def _joined_word(group: str, m, fragments: list[str] = ()) -> bool:
    """A group of fragments is a word the genre writes (a syllable seen in its text), a known code, or a code
    spelled out in single capitals (`T N C S` → `TNCS`, `T P` → `TP`)."""
    return group in _codes() or is_syllable(group) and m.uni.get(group.lower(), 0) >= _SEEN \
        or len(fragments) > 1 and all(len(f) == 1 and f.isupper() and _CONSONANTS.fullmatch(f) for f in fragments)


def regroup(fragments: list[str]) -> list[str]:
    """The fragments joined into words: fewest fragments left that are no word, then the likeliest words (the
    syllable counts of the OCR language model). Only a group holding a fragment of consonants alone is joined:
    two fragments that are words each stay apart."""
    m = model()
    if m is None:
        return fragments
    n = len(fragments)
    best: list[tuple[int, float, list[str]] | None] = [None] * (n + 1)
    best[0] = (0, 0.0, [])
    for i in range(n):
        if best[i] is None:
            continue
        bad, cost, words = best[i]
        for k in range(1, min(_MAX_GROUP, n - i) + 1):
            part = fragments[i:i + k]
            group = "".join(part)
            if k > 1 and not (any(_broken(f, m) for f in part) and _joined_word(group, m, part)):
                continue
            word = k > 1 or is_syllable(group) or group in _codes()
            cand = (bad + (0 if word else 1), cost - math.log(m.p_uni(group.lower())), words + [group])
            if best[i + k] is None or cand[:2] < best[i + k][:2]:
                best[i + k] = cand
    return best[n][2]


def _broken(fragment: str, m) -> bool:
    """A fragment that can only be part of a word: consonants alone (`B`, `Th`), or a short piece the genre never
    writes as a word of its own though it spells like one (`ễn` of `Ngu y ễn`, `ủ` of `Thành ủ y`, `Cự` of `Cự u`:
    a database's copy breaks syllables where the original's markup changed)."""
    return bool(_CONSONANTS.fullmatch(fragment)) or len(fragment) <= 3 and m is not None \
        and m.uni.get(fragment.lower(), 0) == 0 and is_syllable(fragment)


def has_spelled_words(text: str) -> bool:
    """Whether a text may hold a word spelled out: a fragment of consonants alone before a letter (`Y B AN`), or a
    run of short fragments holding a piece no word is (`_broken`)."""
    if _LONE_CONSONANTS.search(text):
        return True
    m = model()
    return m is not None and any(_broken(f, m) for run in _RUN.finditer(text) for f in run.group(0).split(" "))


_LONE_CONSONANTS = re.compile(r"(?<!\S)[bcdđghklmnpqrstvxBCDĐGHKLMNPQRSTVX]{1,2} (?=[^\W\d_])")


def spelled_runs() -> re.Pattern:
    """The runs of short fragments `spelled_words` regroups (for a substitution that keeps an offset map)."""
    return _RUN


def spelled_words(mt: re.Match) -> str:
    """A run of fragments regrouped (`regroup`), or as it is when none is consonants alone."""
    fragments = mt.group(0).split(" ")
    m = model()
    if not any(_broken(f, m) for f in fragments):
        return mt.group(0)
    return " ".join(regroup(fragments))


def join_spelled(text: str) -> str:
    """`text` with every run of spelled-out fragments regrouped; other runs as they are."""
    return _RUN.sub(spelled_words, text)
