"""The phrase matcher the bodies grammar runs at every token: which vocabulary phrase (a head, a cue, a
stop word) starts here, longest first. Kept apart from the grammar because it is the hot loop of the
bodies stage and has its own equivalence tests (tests/test_speed.py)."""
from __future__ import annotations

from functools import lru_cache
from itertools import product

from pipeline import rules
from pipeline.extract.bodies.tokens import TOKEN, Tok


class Phrases:
    """Multi-word phrases matched at a token index (longest first).

    Indexed by first word, then by length (longest first), then by the tuple of the other words: a
    match is one dict look-up per length, not a comparison with every phrase that shares the first
    word (`Sở`, `Ban`, `Ủy ban` open hundreds of heads)."""

    def __init__(self, phrases, fold: bool = True, fold_rest: bool = False):
        """`fold`: ignore case; `fold_rest`: only the first word's case counts (`Liên Đoàn` is `Liên đoàn`)."""
        self.fold = fold
        self.rest = fold or fold_rest
        by_first: dict[str, dict[int, dict[tuple[str, ...], object]]] = {}
        for p, val in _with_old_tones(phrases):
            words = [w.casefold() if fold else w for w in TOKEN.findall(p)]
            if fold_rest:
                words[1:] = [w.casefold() for w in words[1:]]
            if words:    # the first phrase given wins among equal ones
                by_first.setdefault(words[0], {}).setdefault(len(words), {}).setdefault(tuple(words[1:]), val)
        # per first word: (longest length, [(length, {other words: value})] longest first, the second words of its
        # longer phrases, the value of the word alone or _NONE): a word after it that opens none of the longer
        # phrases leaves only the word alone to match (most tries end there, with no tuple of words built)
        self.table = {k: (max(v), sorted(v.items(), reverse=True),
                          frozenset(rest[0] for n, ph in v.items() if n > 1 for rest in ph), v.get(1, {}).get((), _NONE))
                      for k, v in by_first.items()}
        self.firsts = frozenset(k.casefold() for k in self.table)    # a token's case-folded form opens none else

    def match(self, toks: list[Tok], i: int):
        """(length, value) of the longest phrase starting at token i, else (0, None)."""
        if i >= len(toks):
            return 0, None
        entry = self.table.get(toks[i].low if self.fold else toks[i].t)
        if entry is None:
            return 0, None
        longest, by_length, seconds, alone = entry
        if longest == 1:              # only one-word phrases open with this word: no other word to read
            return 1, by_length[0][1][()]
        room = len(toks) - i
        if room == 1 or (toks[i + 1].low if self.rest else toks[i + 1].t) not in seconds:
            return (0, None) if alone is _NONE else (1, alone)
        after = toks[i + 1:i + min(longest, room)]
        rest = tuple([t.low for t in after] if self.rest else [t.t for t in after])
        for n, phrases in by_length:
            if n <= room:
                val = phrases.get(rest[:n - 1], _NONE)
                if val is not _NONE:
                    return n, val
        return 0, None


_NONE = object()


def _with_old_tones(phrases):
    """Each phrase, then its spellings in the old tone placement (`Đảng ủy` → `Đảng uỷ`, `Ủy ban Kiểm tra` → `Uỷ ban
    Kiểm tra`, `hòa giải` → `hoà giải`; rules/names.yaml `tones` read backwards): many offices still type `uỷ`,
    `hoà`, and a vocabulary written in one style found none of their Party committees."""
    old = _old_tones()
    for p, val in phrases:
        yield p, val
        words = p.split(" ")
        options = [(w, old[w]) if w in old else (w,) for w in words]
        if len(options) == len(words) and sum(len(o) > 1 for o in options) in (1, 2, 3):
            for variant in product(*options):
                if list(variant) != words:
                    yield " ".join(variant), val


@lru_cache(maxsize=1)
def _old_tones() -> dict[str, str]:
    """New tone placement → old (`ủy` → `uỷ`), the spellings of the same length only (offsets do not move)."""
    return {new: old for old, new in rules.load("names")["tones"].items() if old != new and len(old) == len(new)}
