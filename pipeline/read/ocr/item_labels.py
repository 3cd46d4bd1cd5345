"""The labels of a numbered item's list as Tesseract misreads them: letters (`a)`, `b)`, read `d)` or `đd)`)
and lower-case roman numerals (`i)`, `ii)`, read `¡)`, `1i)`). Both lists start at their first label and run
in order, so a label that breaks the order and has the shape of the expected one is read as it; `labels`
carries the last of each from line to line (repair_text.repair_words)."""
from __future__ import annotations

import re

ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
# Letters an item list uses (Vietnamese has no f, j, w, z) and the shapes Tesseract gives some of them.
LETTERS = "abcdđeghiklmnopqrstuvxy"
# An italic `a` comes back as `q`, a bold or italic `đ` as `ä` (its bar read as two dots), a `g` as `ø` or `q` (its loop closed or cut).
LETTER_LOOKALIKE = {"a": "dàảäq", "b": "h6", "c": "e", "d": "đ", "đ": "dä", "e": "c", "g": "øØq"}
# Letters whose small and capital shapes differ only in size, which Tesseract reads either way (`C)` for `c)`); a
# part's capital label ends in a full stop (`C.`), an item's letter in a bracket.
SAME_SHAPE_CAPITALS = "cosuvx"
# Read twice, a `g` also gives its tail as a figure (`Ø8)`, `ø9)`).
TWICE_LOOKALIKE = {"g": "89"}
# An `i` whose dot Tesseract read apart from its stroke, or as a tone mark.
_I_LOOKALIKE = str.maketrans({c: "i" for c in "¡íìïĩỉị"})


def lower_roman_label(words: list[str], labels: dict) -> None:
    """`¡)`, `1i)` after `ii)`: a lower-case roman item (`i)`, `ii)`, `iii)`) whose `i` was read as `¡`, an
    accented i, `1` or `l`. Such a list starts at `i` and runs in order, so a token of those shapes is read as
    the expected numeral when its length is that numeral's or one less (a stroke lost); a `1)` or `l)`
    alone is a number or a letter unless it comes where `i)` or `ii)` is expected after a roman item."""
    if re.fullmatch(r"\d{1,2}[.)]|[A-ZĐ][.)]|[IVXL]{1,5}[.\-]", words[0]):
        labels["lroman"] = None                 # a numbered item or a part: its list of items starts again
        return
    m = re.fullmatch(r"([ivx¡íìïĩỉị1l|]{1,5})([).])", words[0])
    if not m or len(words) < 2:
        return
    core, punct = m.group(1), m.group(2)
    last = labels.get("lroman")
    expected = ROMAN[ROMAN.index(last) + 1] if last in ROMAN[:-1] else "i"
    if core == expected or core in ROMAN:
        labels["lroman"] = core if core == expected or last or core == "i" else None
        return
    read = core.translate(_I_LOOKALIKE)
    plain_digit = all(c in "1l|" for c in core)
    if plain_digit and not last:
        return                                  # `1)` with no roman item before it is a number
    shape = read.replace("1", "i").replace("l", "i").replace("|", "i")
    if shape == expected or (len(shape) + 1 == len(expected) and set(shape) <= set(expected)):
        words[0] = expected + punct
        labels["lroman"] = expected


def letter_label(words: list[str], labels: dict) -> None:
    """`d) Thời hạn` right under `2. …` is `a)`: an item list starts at `a` and runs in order, so a
    letter label that breaks the order and looks like the expected letter is read as it."""
    if labels.get("letter") == "h" and re.fullmatch(r"[1l|]\)", words[0]):
        words[0], labels["letter"] = "i)", "i"  # `i)` after `h)`: its dot lost, its stroke read as a figure
        return
    if re.fullmatch(r"\d{1,2}[.)]", words[0]):
        labels["letter"] = None                 # a new numbered item: its list of letters starts again
        return
    last = labels.get("letter")
    expected = "a" if last is None else (LETTERS[LETTERS.index(last) + 1] if last in LETTERS[:-1] else None)
    if last and expected in SAME_SHAPE_CAPITALS and words[0] == expected.upper() + ")":
        words[0], labels["letter"] = expected + ")", expected   # `C)` after `b)`: the small c read as its capital
        return
    m = re.fullmatch(r"([a-zđàảäøØ6]{1,2}|[øØq][89])([).])", words[0])
    if not m:
        return
    got = m.group(1)
    shapes = (expected or "") + LETTER_LOOKALIKE.get(expected, "")
    if len(got) == 2:                           # `đd)`: one letter read twice, with and without its bar
        if not (expected and all(c in shapes + TWICE_LOOKALIKE.get(expected, "") for c in got)):
            return
        words[0], got = expected + m.group(2), expected
    if expected and got != expected and got in LETTER_LOOKALIKE.get(expected, ""):
        words[0] = expected + m.group(2)
        got = expected
    labels["letter"] = got if got in LETTERS else None


# One stroke and a full stop at a line's start: the `1.` of a bold first item as Tesseract reads it (`l.`, `I.`, `|.`).
_STROKE_ITEM = re.compile(r"[lI|LỊÍÌ!\]]\.")
_NEXT_LABEL = re.compile(r"(?:\d{1,2}|[IVXL]{1,5})\.")
_ANY_LABEL = re.compile(r"(?:\d{1,2}|[a-zđ]|[IVXL]{1,5})[.)\-]")


class FirstItems:
    """A list's first label that only the label after it decides.

    - `1)` may be a roman list's `i)` (Tesseract reads the lone stroke as a figure): `ii)` next says it was.
    - The `1.` of the first item under a roman heading comes back as a stroke (`I. MỤC ĐÍCH` / `l. Mục đích` / … /
      `2. Yêu cầu`): the repair reads it as roman `I.`, or, right after `I.`, as the `II.` whose stroke was lost, and
      the list under the heading loses its first item and with it the rest (the section tree takes a list from its
      `1.`). A list starts at 1, so a stroke label whose next label is `2.` was `1.`; the roman sequence goes back
      to where it was before it."""

    def __init__(self):
        self.roman = None       # index of a `1)` line
        self.arabic = None      # (index of a stroke-label line, the roman label before it)

    def see(self, raw_first: str, label: str | None, bare: str | None, texts: list[str], labels: dict, out: list,
            rejoin) -> None:
        """One repaired line, the last of `out` ((word, confidence) lists; `rejoin` rebuilds one): its first OCR
        word `raw_first`, its first word as repaired `label` (before quotes are closed), its words `texts`, and
        the last roman label before it `bare`."""
        if label is not None:
            if re.fullmatch(r"[1l|]\)", label):
                self.roman = len(out) - 1
            elif self.roman is not None and label == "ii)":
                out[self.roman][0] = ("i)", out[self.roman][0][1])   # `1)` then `ii)`: roman from its first item
                labels["lroman"] = "ii"
                self.roman = None
            elif _ANY_LABEL.fullmatch(label):
                self.roman = None
        if not texts:
            return
        if _STROKE_ITEM.fullmatch(raw_first) and len(texts) > 1 and texts[1][:1].isupper() \
                and not texts[1].isupper():
            self.arabic = (len(out) - 1, bare)
            return
        if self.arabic is not None and _NEXT_LABEL.fullmatch(texts[0]):
            at, before = self.arabic
            self.arabic = None
            if texts[0] == "2.":
                words = out[at]
                out[at] = rejoin(["1."] + [w for w, _ in words[1:]], [c for _, c in words])
                labels["bare"] = before
                labels["arabic"] = "2"
