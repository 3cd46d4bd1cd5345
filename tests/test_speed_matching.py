"""Issue 16: the compiled matchers answer what the plain ones did (the trie regex, cached names)."""
from __future__ import annotations

import random
import re

from pipeline.text.matching import required_literal, trie_pattern


def _plain(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def test_trie_matches_exactly_the_words():
    words = ["Sở Y tế", "Sở Nội vụ", "Sở", "giao", "giao cho", "phối hợp", "x.y", "(bà)"]
    rx = re.compile(trie_pattern(words))
    for w in words:
        assert rx.fullmatch(w)
    for w in ["Sở Y", "gia", "giao ch", "xzy", "bà", ""]:
        assert not rx.fullmatch(w)
    assert trie_pattern([]) == "(?!)" and not re.search(trie_pattern([]), "anything")


def test_trie_finds_what_the_plain_alternation_finds():
    """Between the same word boundaries, a line holds a word of the trie exactly when it holds one of the plain
    longest-first alternation, ignoring case or not; minding case, the trie's match is that longest one too
    (ignoring it, `Đ…` and `đ…` are two branches and the first that fits wins: presence only)."""
    rng = random.Random(16)
    letters = "abcĐđ ."
    for _ in range(300):
        words = {"".join(rng.choice(letters) for _ in range(rng.randint(1, 5))) for _ in range(rng.randint(1, 30))}
        edge = r"(?<![\wĐđ])(?:{})(?![\wĐđ])"
        for flags in (0, re.I):
            plain = re.compile(edge.format(_plain(words)), flags)
            trie = re.compile(edge.format(trie_pattern(words)), flags)
            for _ in range(100):
                s = "".join(rng.choice(letters + "xyz") for _ in range(rng.randint(0, 20)))
                a, b = plain.search(s), trie.search(s)
                assert bool(a) == bool(b), (words, s)
                if a and not flags:
                    assert a.span() == b.span(), (words, s)


def test_phrase_trie_finds_what_the_joined_phrases_find():
    """Phrases of tokens with what may stand between two tokens (`vocab._name_opening`): a text holds one as the
    trie finds it exactly when it holds one as the plain alternation of the phrases joined finds it."""
    rng = random.Random(10)
    between = r"[\s'!?]*"
    for _ in range(300):
        phrases = {tuple("".join(rng.choice("abđ-") for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(1, 3)))
                   for _ in range(rng.randint(1, 20))}
        plain = re.compile("|".join(between.join(map(re.escape, p)) for p in phrases))
        trie = re.compile(trie_pattern(phrases, between=between))
        for _ in range(100):
            s = "".join(rng.choice("abđ- '!?x") for _ in range(rng.randint(0, 20)))
            assert bool(plain.search(s)) == bool(trie.search(s)), (phrases, s)
    assert re.fullmatch(trie_pattern([("sở", "y", "tế")], between=r"\s*"), "sở  y tế")


def test_required_literal_is_in_every_match():
    place_date = r"(?:^|\s)(?:[A-ZĐ][^\s,|]*\s+){0,3}[A-ZĐ][^\s,|]*,\s*ngày[\s.…]*\d{0,2}\s*(?:t?h?áng|/)"
    assert required_literal(place_date) == "ngày"
    assert required_literal(r"a?bc|ngày") == ""            # two branches: neither is required
    assert required_literal(r"(?i)ngày \d+") == ""          # ignoring case, `NGÀY` matches without `ngày`
    assert required_literal(r"ngày \d+", re.I) == ""
    assert required_literal(r"x(?i:abc)yz") == "yz"
    assert required_literal(r"[") == ""                     # not a pattern: no shortcut
    for text in ["Đà Lạt, ngày 12 tháng 3", "Hà Nội,ngày 1/", "Số 5, ngày", "ngày 12 tháng 3", "Lâm Đồng, Ngày 2 tháng"]:
        found = re.search(place_date, text)
        assert not found or "ngày" in found.group(0)
    assert re.search(place_date, "Đà Lạt, ngày 12 tháng 3") and not re.search(place_date, "Đà Lạt, Ngày 12 tháng 3")


def test_a_line_not_read_still_carries_the_quotation_on():
    """The bodies reader passes over the Kính gửi lines and narrative parts without reading them, but a
    quotation opened or closed there opens or closes for the lines after it, as when they were read."""
    from pipeline.extract.bodies.clauses import follow_quotes

    quote = [False, 0]
    assert follow_quotes("Trích dẫn nguyên văn: “Điều 2. Phòng Văn hóa", 0, quote) is not None
    assert quote == [True, 0]
    assert follow_quotes("| Cột một | Cột hai |", 50, quote) is None and quote == [True, 0]   # a table row: as it was
    inside = follow_quotes("chủ trì việc kiểm tra.”", 80, quote)
    assert inside and min(inside) == 80 and quote[0] is False


def test_word_led_letter_forms_are_what_ignoring_case_takes():
    """The class `word_led` opens with holds exactly the characters `re` takes for the letter ignoring case (every
    code point checked, for the letters of Vietnamese words)."""
    import sys

    from pipeline.text.matching import _LETTERS, word_led
    every = " ".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    for letter in sorted(_LETTERS):
        lead = re.compile(word_led(rf"\b{letter}"), re.I)
        assert set(lead.findall(every)) == set(re.findall(rf"\b{letter}", every, re.I)), letter


def test_word_led_finds_what_the_word_edge_finds():
    """Anywhere in a text, from any start: `\\b` (or `(?<!\\w)`) then a word, and the same with the letter first."""
    from pipeline.extract.bodies.executors import _EXECUTES, _EXECUTES_ACT
    from pipeline.extract.targets import _NONE_LEFT
    from pipeline.text.matching import word_led
    rng = random.Random(7)
    pieces = ["không còn ", "KHÔNG CÒN\n", "Không còn", "xkhông còn ", "Chịu trách nhiệm thi hành", "có trách nhiệm  thực hiện",
              "căn cứ quyết định tổ chức thi hành", "cchịu trách nhiệm thi hành", "năm học 2025 - 2026", "Năm học 2025-2026",
              " ", ".", "á", "1", "_", "\n"]
    pairs = [(r"\bkhông còn\s", _NONE_LEFT),
             (r"\b(?:chịu trách nhiệm|có trách nhiệm|căn cứ[^.;\n]{0,40}?)\s+(?:tổ chức\s+)?(?:thi hành|thực hiện)\b", _EXECUTES),
             (r"\b(?:chịu\s+trách\s+nhiệm|có\s+trách\s+nhiệm|căn cứ[^.;\n]{0,40}?)\s+(?:tổ chức\s+)?thi\s+hành\b", _EXECUTES_ACT),
             (r"(?<!\w)năm học\s+(?P<y1>(?:19|20)\d{2})\s*[-–]\s*(?P<y2>(?:19|20)\d{2})",
              re.compile(word_led(r"(?<!\w)năm học\s+(?P<y1>(?:19|20)\d{2})\s*[-–]\s*(?P<y2>(?:19|20)\d{2})"), re.I))]
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        for plain, led in pairs:
            plain = re.compile(plain, re.I)
            for pos in range(0, len(text) + 1, 3):
                assert [m.span() for m in plain.finditer(text, pos)] == [m.span() for m in led.finditer(text, pos)], text
    assert word_led("hai", strict=False) == "hai"


def test_word_led_rules_find_what_they_found_before():
    """Every case-blind pattern of rules/targets.yaml and rules/dates.yaml, as written and as `word_led` writes it
    (those it can), finds the same spans and groups in texts made of its own words, from any start."""
    from pipeline import rules
    from pipeline.text.matching import word_led
    rng = random.Random(16)
    tried = 0
    for name in ("targets", "dates", "roles"):
        for key, p in rules.load(name).items():
            if not isinstance(p, str) or word_led(p, strict=False) == p:
                continue
            plain, led = re.compile(p, re.I), re.compile(word_led(p), re.I)
            words = re.findall(r"[^\W\d_]+", p) + ["2025", "15", "%", "ha", "X"]
            tried += 1
            for _ in range(150):
                text = "".join(rng.choice(words) + rng.choice([" ", " ", ", ", ": ", "\n", "", "."]) for _ in range(rng.randint(1, 9)))
                text = text.upper() if rng.random() < 0.2 else text
                for pos in range(0, len(text) + 1, 4):
                    assert [(m.span(), m.groups()) for m in plain.finditer(text, pos)] == \
                        [(m.span(), m.groups()) for m in led.finditer(text, pos)], (name, key, text)
    assert tried >= 10
    assert word_led(r"\b(?:[ab]c|đã)x", strict=False) == r"\b(?:[ab]c|đã)x"     # a word opening with a class: as written
    assert word_led(r"\bi?x", strict=False) == r"\bi?x"                              # a letter made optional: as written
    assert re.compile(word_led(r"\b(?:a[\]|]b|c[]|]f|d\))z"), re.I).fullmatch("C|fz")


def test_clause_end_finds_what_the_plain_pattern_finds():
    """dates._CLAUSE_END, opening with one class, ends clauses where `[.;](?=\\s)|\\n` does, within any bounds."""
    from pipeline.extract.dates import _CLAUSE_END
    plain, rng = re.compile(r"[.;](?=\s)|\n"), random.Random(5)
    for _ in range(3000):
        t = "".join(rng.choice(".;\n a\t") for _ in range(rng.randint(0, 8)))
        for i in range(len(t) + 1):
            for j in range(i, len(t) + 1):
                assert [m.span() for m in plain.finditer(t, i, j)] == [m.span() for m in _CLAUSE_END.finditer(t, i, j)]


def test_plain_blanks_is_the_three_substitutions():
    """Without an offset map, normalize's spaces and line breaks are made one with string methods: the text the
    three substitutions give."""
    from pipeline.read.normalize import _BLANK_LINES, _LINE_EDGES, _SPACES, _plain_blanks
    rng = random.Random(9)
    for _ in range(20000):
        t = "".join(rng.choice(["  ", " ", "\n", "a", "B", "."]) for _ in range(rng.randint(0, 12)))
        want = _BLANK_LINES.sub("\n", _LINE_EDGES.sub(lambda m: "\n" if "\n" in m.group(0) else "", _SPACES.sub(" ", t)))
        assert _plain_blanks(t) == want, t
