"""Issue 16: each shortcut of the stages after ingest gives what the plain reading it replaced gave."""
from __future__ import annotations

import random
import re
from bisect import bisect_left

from pipeline.extract.bodies.model import _lines_holding
from pipeline.extract.target_cues import config as target_config
from pipeline.parse.document import section_paths
from pipeline.parse.sections import section_at
from pipeline.parse.structure import parse
from pipeline.read.normalize import _plain_blanks
from pipeline.text.fold import lowered
from pipeline.text.matching import finds, led_finds, longest_first, word_starts
from pipeline.text.spans import Line, line_spans, split_lines

# a letter written for these tests: sections, items, a Nơi nhận
LETTER = """ỦY BAN NHÂN DÂN
XÃ HÒA BÌNH
Số: 7/KH-UBND
Hòa Bình, ngày 2 tháng 2 năm 2026
KẾ HOẠCH
Dọn vệ sinh đường làng năm 2026
I. MỤC ĐÍCH
1. Giữ đường làng sạch.
2. Trồng thêm cây xanh.
II. TỔ CHỨC THỰC HIỆN
1. Giao Đoàn thanh niên xã chủ trì.
a) Mỗi thôn một đội.
b) Báo cáo trước ngày 30/6/2026.
2. Hội Phụ nữ xã phối hợp.
Nơi nhận:
- Như trên;
- Lưu: VT.
CHỦ TỊCH
Trần Văn Ba"""


def test_section_paths_are_section_at_of_each_offset():
    sections = parse(LETTER).sections
    offsets = list(range(-2, len(LETTER) + 3)) + [s["start"] for s in sections] + [s["end"] for s in sections]
    random.Random(1).shuffle(offsets)
    assert section_paths(sections, offsets) == [section_at(sections, o) for o in offsets]
    assert section_paths(sections, []) == []


def test_lines_holding_are_the_lines_with_an_offset():
    rnd = random.Random(2)
    for _ in range(300):
        a = rnd.randrange(0, len(LETTER))
        b = rnd.randrange(a, len(LETTER) + 1)
        at = sorted(rnd.randrange(-1, len(LETTER)) for _ in range(rnd.randrange(0, 12)))
        at += [LETTER.find("\n", a)] * rnd.randrange(0, 2)
        at.sort()

        def holds(s, e):
            k = bisect_left(at, s)
            return k < len(at) and at[k] < e

        assert _lines_holding(LETTER, a, b, at) == [(s, e) for s, e in line_spans(LETTER, a, b) if holds(s, e)]


def test_split_lines_cuts_as_line_spans():
    for text in (LETTER, "", "\n", "a\n\nb\n", "\nx"):
        assert split_lines(text) == [Line(s, e, text[s:e]) for s, e in line_spans(text)]


def _blanks_by_halving(text: str) -> str:
    while "  " in text:
        text = text.replace("  ", " ")
    if " " in text:
        text = "\n".join(line.strip(" ") for line in text.split("\n"))
    while "\n\n" in text:
        text = text.replace("\n\n", "\n")
    return text


def test_plain_blanks_as_halving_the_runs():
    rnd = random.Random(3)
    for _ in range(20000):
        text = "".join(rnd.choice(" \n a\tb") for _ in range(rnd.randrange(0, 16)))
        assert _plain_blanks(text) == _blanks_by_halving(text), repr(text)


def test_word_starts_keeps_each_words_places_for_the_next_patterns():
    text = "các ngày từ ngày 1 đến các ngày 5, từ nay"
    seen: dict = {}
    first = word_starts(text, ["các", "ngày", "từ"], seen)
    assert first == word_starts(text, ["các", "ngày", "từ"])
    assert word_starts(text, ["các", "ngày"], seen) == word_starts(text, ["các", "ngày"])
    assert set(seen) == {"các", "ngày", "từ"}


def test_lowered_keeps_the_offsets():
    assert lowered("Sở Nội Vụ") == "sở nội vụ"
    text = "İstanbul Ở"          # `İ` lowers to two characters: left as it is
    assert len(lowered(text)) == len(text) and lowered(text).endswith("ở")


def test_longest_first_chooses_as_the_alternation():
    words = ["Nghị quyết", "Nghị quyết liên tịch", "Nghị định", "Quyết định", "Luật", "Bộ luật"]
    tail = r"(?:\s+liên tịch)?\s*số\s*$"
    plain = re.compile("(?P<w>" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + ")" + tail, re.I)
    trie = re.compile("(?P<w>" + longest_first(words) + ")" + tail, re.I)
    for s in ("theo Nghị quyết liên tịch số", "NGHỊ QUYẾT LIÊN TỊCH số", "các Bộ luật số", "xem luật  số",
              "Quyết định số", "nghị định liên tịch số", "không có gì"):
        a, b = plain.search(s), trie.search(s)
        assert (a and (a.start(), a.group("w"))) == (b and (b.start(), b.group("w")))
    # two words parted only by case where they begin: the alternation itself
    assert longest_first(["Ab", "aBc"]) == "aBc|Ab"


def test_finds_are_finditer_matches():
    source = target_config()["past_before"].pattern
    plain = re.compile(source, re.I)
    led = led_finds(r"\b(?:đã|chưa|năm qua|qua\s+\d+\s+năm|(?<!chứng )chỉ đạt|đạt được|gồm có|gồm)\b", re.I)
    ref = re.compile(r"\b(?:đã|chưa|năm qua|qua\s+\d+\s+năm|(?<!chứng )chỉ đạt|đạt được|gồm có|gồm)\b", re.I)
    for s in ("Đã đạt được 90%, năm qua 3 năm chỉ đạt", "qua 2 năm qua 3 năm", "chứng chỉ đạt; GỒM CÓ", "", "gồm"):
        assert finds(led, s) == [(m.start(), m.end(), m.group(0)) for m in ref.finditer(s)]
        found = finds(target_config()["past_finds"], s)
        assert found == [(m.start(), m.end(), m.group(0)) for m in plain.finditer(s)]
