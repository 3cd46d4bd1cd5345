"""Issue 16: the faster stages after ingest find exactly what the slower ones did."""
from __future__ import annotations

import pytest

from pipeline.extract.bodies import model as body_model
from pipeline.run.process import process_text
from pipeline.text.fold import lowered

# a plan written for these tests: tasks in numbered lines, a Nơi nhận with repeated and new items
PLAN = """ỦY BAN NHÂN DÂN
TỈNH LÂM ĐỒNG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 31/KH-UBND
Lâm Đồng, ngày 12 tháng 3 năm 2026
KẾ HOẠCH
Kiểm tra công tác văn thư, lưu trữ năm 2026
I. MỤC ĐÍCH, YÊU CẦU
1. Bảo đảm hồ sơ được lập và lưu đúng quy định.
II. TỔ CHỨC THỰC HIỆN
1. Giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính và Công an tỉnh tổ chức kiểm tra từ ngày 01/4 đến ngày 30/6/2026.
2. Sở Tài chính bố trí kinh phí; gửi dự toán về Sở Nội vụ trước ngày 15/4/2026.
3. Trung tâm Lưu trữ lịch sử tỉnh hướng dẫn nghiệp vụ cho các xã, phường.
Nơi nhận:
- Bộ Nội vụ;
- Thường trực Tỉnh ủy;
- Chủ tịch, các PCT UBND tỉnh;
- Như trên;
- Sở Nội vụ;
- Trung tâm thông tin tỉnh;
- Lưu: VT, NC.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Văn Minh
"""


def _model():
    nlp = body_model.load()
    if nlp is None:
        pytest.skip("the bodies model is not trained here")
    return nlp


def _spans(sd):
    return tuple((sp.start_char, sp.end_char, sp.label_.lower()) for sp in sd.spans.get("bodies", sd.ents))


def test_unit_spans_are_what_the_model_reads_in_any_batch():
    nlp = _model()
    texts = ["Sở Nội vụ", "Như trên", "Giao Sở Tài chính chủ trì, phối hợp với Công an tỉnh kiểm tra.",
             "Sở Nội vụ", "Thường trực Hội đồng nhân dân tỉnh", "Lưu: VT, NC.", "Như trên"]
    alone = [_spans(nlp(t)) for t in texts]
    body_model.clear_cache()
    assert body_model.unit_spans(nlp, texts) == alone
    # read again, now from the cache, and mixed with texts it has not seen
    more = ["Ủy ban nhân dân các xã, phường", *texts]
    assert body_model.unit_spans(nlp, more) == [_spans(nlp(more[0])), *alone]


def test_covered_means_every_offset_in_a_span():
    items = [{"start": 10, "end": 15}, {"start": 14, "end": 20}, {"start": 30, "end": 40}]
    assert body_model._covered(items, 10, 20)
    assert body_model._covered(items, 12, 18)
    assert not body_model._covered(items, 9, 20)
    assert not body_model._covered(items, 18, 31)
    assert body_model._covered(items, 31, 40)
    assert not body_model._covered([], 0, 1)


def test_recipients_the_rules_cover_need_no_model(monkeypatch):
    """Skipping the model on a Nơi nhận item the rules' spans cover gives the bodies of reading it."""
    _model()
    body_model.clear_cache()
    skipped = process_text("plan.txt", PLAN)["bodies"]
    monkeypatch.setattr(body_model, "_covered", lambda items, start, end: False)
    body_model.clear_cache()
    read = process_text("plan.txt", PLAN)["bodies"]
    assert skipped == read
    assert {b["name"] for b in read if b["role"] == "recipient"} >= {"Bộ Nội vụ", "Sở Nội vụ"}


# a task line written for these tests: long, its weak cue (`báo cáo`) far from its start
REPORT_LINE = ("4. Sở Tài chính chủ trì, phối hợp với các sở, ngành liên quan rà soát nguồn kinh phí thực hiện "
               "kế hoạch trong năm; tổng hợp kết quả thực hiện, báo cáo Ủy ban nhân dân tỉnh trước ngày "
               "20/11/2026 để theo dõi, chỉ đạo kịp thời.")


def test_windows_hold_the_span_its_words_around_inside_its_clause():
    text = "x " + REPORT_LINE + "\n"
    ls, le = 2, 2 + len(REPORT_LINE)
    a = text.index("Ủy ban")
    b = a + len("Ủy ban nhân dân tỉnh")
    (s, e, kind), = body_model.windows(text, ls, le, [(a, b)], n=2)
    assert (text[s:e], kind) == ("báo cáo Ủy ban nhân dân tỉnh trước ngày", "line")
    # the clause bounds it: nothing before the `;` is read, whatever n
    (s, e, _), = body_model.windows(text, ls, le, [(a, b)], n=50)
    assert text[s:e] == text[text.index("; ") + 1:le]
    # a span outside the line gives nothing; two spans whose windows meet give one window
    assert body_model.windows(text, ls, le, [(0, 1)]) == []
    c = text.index("Sở Tài chính")
    d = text.index("các sở")
    assert len(body_model.windows(text, ls, le, [(c, c + 12), (d, d + 6)], n=3)) == 1


def test_weak_objects_are_checked_in_windows_as_in_their_lines(monkeypatch):
    """The model reads a few words around a weak cue's object, not its line, and finds the same bodies."""
    nlp = _model()
    plan = PLAN.replace("Nơi nhận:", REPORT_LINE + "\nNơi nhận:")
    read = []
    real = body_model.unit_spans
    monkeypatch.setattr(body_model, "unit_spans", lambda m, texts: read.extend(texts) or real(m, texts))
    body_model.clear_cache()
    windowed = process_text("plan.txt", plan)["bodies"]
    assert REPORT_LINE not in read and all(len(t) < 80 for t in read)
    assert any("báo cáo Ủy ban nhân dân tỉnh" in t for t in read)
    assert {(b["name"], b["role"]) for b in windowed} >= {("Sở Nội vụ", "report_to")}
    assert any(b["role"] == "report_to" and b["name"].startswith("Ủy ban nhân dân tỉnh") for b in windowed)
    monkeypatch.setattr(body_model, "windows", lambda text, ls, le, spans, n=0: [(ls, le, "line")]
                        if any(ls <= a < le for a, _ in spans) else [])
    body_model.clear_cache()
    assert process_text("plan.txt", plan)["bodies"] == windowed
    assert nlp is body_model.load()


def test_digit_first_patterns_find_the_same_matches():
    import re

    from pipeline.extract.dates import digit_first
    text = "từ ngày 3/11 đến 15/11/2025, họp 1/12 và 12.10.2024; số 123/2025; 7 tháng 8; 5-6/2026"
    for src in (r"(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})", r"(?P<d>\d{1,2})(?:\s*[/-]\s*|\.)(?P<m>\d{1,2})",
                r"(?:các\s+)?ngày\s+(?P<d>\d{1,2}?)", r"(?P<n>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})"):
        old, new = re.compile(src), re.compile(digit_first(src))
        assert new.pattern != old.pattern
        assert [(m.span(), m.groupdict()) for m in new.finditer(text)] == \
            [(m.span(), m.groupdict()) for m in old.finditer(text)]


def test_dates_prefilters_agree_with_the_patterns():
    from pipeline.extract import dates
    cfg = dates._cfg()
    examples = ["Ví dụ: tỉnh A báo cáo ngày 5/3.", "ví dụ : doanh nghiệp B nộp", "Ông C nhận ngày 2/2.",
                "Xã Đ hoàn thành", "Sở A-B thực hiện", "huyện A.", "do Ông Nam ký", "không có ví dụ nào"]
    for s in examples:
        for a in range(len(s)):
            for b in range(a, len(s) + 1):
                assert bool(cfg["example_sentence"].search(s, a, b)) == dates._is_example(s, a, b), (s, a, b)
    assert sum(dates._is_example(s, 0, len(s)) for s in examples) == 4
    for cell in ["Lâm Đồng, ngày 12 tháng 01 năm 2026", "Hà Nội,ngày   tháng 5", "ngày 12 tháng 01",
                 "Đà Lạt ngày 1/2", "vào thứ Hai, ngày 12/01/2026"]:
        assert bool(cfg["place_date"].search(cell)) == \
            bool(cfg["place_date_comma"].search(cell) and cfg["place_date"].search(cell)), cell


def test_target_number_with_its_first_digit_factored_out_reads_the_same():
    import re

    from pipeline import rules
    old = re.compile(r"(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)")
    new = re.compile(rules.load("targets")["number"])
    text = "đạt 1.250,5 tỷ đồng; 12.3456 người; 2,5%; 100 xã, 07 huyện; mã 1.2.3; 45.000.000 đồng; 9"
    assert [(m.span(), m.group("num")) for m in new.finditer(text)] == \
        [(m.span(), m.group("num")) for m in old.finditer(text)]


def test_digit_led_keeps_the_look_behind():
    import re

    from pipeline.text.matching import digit_led
    text = "Công văn số 12/UBND-VP, 1/2025/NĐ-CP; x12/AB, 5.3/KH; 217, 218-QĐ/TW và 7 và 8/CT"
    pairs = [(r"(?<![\w/.-])(?P<num>\d{1,5})/(?P<c>[A-Z]+)", r"(?P<num>\d\d{0,4})/(?P<c>[A-Z]+)", r"[\w/.-]"),
             (r"(?<![\w/.,-])(?P<n>\d{1,5}(?:\s*,\s*\d{1,5})+|\d{1,5}(?:\s*(?:,|và)\s*\d{1,5})+)-",
              r"(?P<n>\d(?:\d{0,4}(?:\s*,\s*\d{1,5})+|\d{0,4}(?:\s*(?:,|và)\s*\d{1,5})+))-", r"[\w/.,-]")]
    for old, new, cls in pairs:
        a, b = re.compile(old), re.compile(digit_led(new, cls))
        assert [(m.span(), m.groupdict()) for m in a.finditer(text)] == \
            [(m.span(), m.groupdict()) for m in b.finditer(text)]
        for pos in range(len(text)):
            assert bool(a.search(text, pos)) == bool(b.search(text, pos))
    with pytest.raises(ValueError):
        digit_led(r"(?P<num>\d{1,5})", r"[\w]")


def test_first_sub_item_is_what_the_per_label_pattern_finds():
    import random
    import re

    from pipeline.parse.sections import first_sub_item
    rng = random.Random(7)
    pieces = ["4", "4.1", ".", " ", "\n", ")", "4.1.", " Đối", " với", "a", "B", "14.1 ", "4.12", "\u00a0", "Ủy"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 12)))
        for label in ("4", "1", "14", "4.1"):
            m = re.search(rf"\s{re.escape(label)}\.1(?:[.)]\s*|\s+)(?=[A-ZĐÀ-Ỹ])", text)
            assert first_sub_item(text, label) == (m.start() if m else -1), (text, label)


def test_is_upper_counts_letters_only():
    from pipeline.parse.common import is_upper
    assert is_upper("KẾ HOẠCH 12/2025")
    assert is_upper("V/v TRIỂN KHAI CÔNG TÁC")          # one lower letter in twenty
    assert not is_upper("Kế hoạch")
    assert not is_upper("2025 - ⒶⒷ")                    # no letter at all
    assert not is_upper("")


def test_fold_reads_each_character_as_before():
    import unicodedata

    from pipeline.text.fold import clear_cache, fold

    def slow(text):
        out = []
        for c in text:
            base = unicodedata.normalize("NFD", c)[0].lower()
            base = {"đ": "d", "ð": "d"}.get(base, base)
            out.append(base if len(base) == 1 else c)
        return "".join(out)
    clear_cache()
    for text in ["Lâm Đồng", "ỦY BAN NHÂN DÂN", "Ðà Lạt İstanbul ß ﬁ", "số 12/QĐ-UBND", ""]:
        assert fold(text) == slow(text)
        assert len(fold(text)) == len(text)


def test_taken_answers_as_the_list_does():
    import random

    from pipeline.text.spans import Taken
    rng = random.Random(3)
    for _ in range(300):
        spans, taken = [], Taken()
        for _ in range(60):
            s = rng.randrange(100)
            e = s + rng.randrange(-2, 12)
            expected = any(a < e and s < b for a, b in spans)
            assert taken.overlaps(s, e) == expected
            if rng.random() < 0.7 or not expected:     # mostly what an extractor adds, sometimes anything
                spans.append((s, e))
                taken.add(s, e)
    assert Taken([(0, 5), (3, 8)]).overlaps(6, 7)     # overlapping spans given at once


def test_layout_prefilters_hold_for_every_line_the_patterns_take():
    import re

    from pipeline import rules
    from pipeline.parse.header import _PLACE_DATE_CUE
    cfg = rules.load("structure")
    assert "thứ tự" in cfg["sections"]["table_header"]
    lines = ["STT", "Số thứ tự", "Nội dung | STT", "Danh sách các đơn vị STT", "TT", "Số TT",
             "Căn cứ khoản 2 Điều 32 Nghị định số 126/2024/NĐ-CP quy định như sau:  ",
             "Trích Quyết định số 5/QĐ-UBND:", "Điều 1. Phê duyệt như sau:", "Theo Điều 3 Luật Đất đai quy định:\t",
             "Lâm Đồng, ngày 05 tháng 3 năm 2026", "Hà Nội,ngày  tháng  năm 2025", "TP. Hồ Chí Minh, NGÀY 1 THÁNG 2 NĂM 2024",
             "Đà Lạt ngày 05 tháng 3 năm 2026", "Số: 12/KH-UBND, ngày 3 tháng 4 năm 2024", "không có gì"]
    table = re.compile(cfg["sections"]["table_header"])
    cue = re.compile(cfg["sections"]["citation_cue"])
    place = re.compile(cfg["header"]["place_date"])
    for t in lines:
        if table.search(t):
            assert "TT" in t or "thứ tự" in t
        if cue.search(t):
            assert t.rstrip().endswith(":")
        if place.search(t):
            assert _PLACE_DATE_CUE.search(t)
    assert sum(bool(place.search(t)) for t in lines) >= 3 and sum(bool(cue.search(t)) for t in lines) >= 2


def test_alias_matches_are_the_patterns_matches():
    from pipeline.extract.bodies.filters import alias_matches
    from pipeline.extract.bodies.grammar import role_rules
    pat = role_rules()["alias"]
    for text in ["Hiệp hội công chứng viên  (gọi tắt là Hiệp hội) và Ban Thường vụ (gọi tắt là Ban Thường vụ)",
                 "(gọi tắt là Ban X)(gọi tắt là Ban Y)", "x \n (Sau đây gọi tắt là Sở A) \t(gọi tắt là B C)",
                 "  ( gọi tắt là X)", "Sở Nội vụ (gọi là Sở)", "không có gì"]:
        assert [(s, m.end(), m.group("short")) for s, m in alias_matches(text)] == \
            [(m.start(), m.end(), m.group("short")) for m in pat.finditer(text)]


def test_party_numbers_only_where_a_party_body_is_named():
    from pipeline.text.identifiers import party_central_numbers
    assert party_central_numbers("Nghị quyết 57 và Nghị quyết 68 của Bộ Chính trị")[0][0] == "57-NQ/TW"
    assert party_central_numbers("Nghị quyết 57 của Quốc hội") == []


def test_normalize_edge_patterns_match_as_written_before():
    import random
    import re

    from pipeline.read import normalize as N
    pairs = [(re.compile(r"[ ]+\n[ ]*|\n[ ]+|^[ ]+|[ ]+$"), N._LINE_EDGES),
             (re.compile(r"(?<= )[–—](?= )"), N._EN_DASH_SPACED), (re.compile(r"[ ]{2,}"), N._SPACES)]
    rng = random.Random(5)
    for _ in range(20000):
        text = "".join(rng.choice(" \n a–—b") for _ in range(rng.randrange(0, 14)))
        for old, new in pairs:
            assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)], (text, old)


def test_first_chars_and_the_unit_look_ahead():
    import re

    from pipeline import rules
    from pipeline.extract.target_cues import config
    from pipeline.text.matching import first_chars
    assert first_chars("%|phần trăm") == {"%", "p"}
    assert first_chars("(?:x|y)z|[ab]c") == {"x", "y", "a", "b"}
    assert first_chars(r"\d+") is None and first_chars("a?b") is None and first_chars("(?i)ab") is None
    t = rules.load("targets")
    units = "|".join(f"(?P<u{i}>{u['pattern'].lower()})" for i, u in enumerate(t["units"]))
    old = re.compile(t["number"] + r"[ \t]*(?:" + units + r")(?!\w)")
    new = config()["measure"]
    assert "(?=" in new.pattern
    text = "đạt 95%, 1.200 tỷ đồng; 30 ha, 12 km2, năm 2025 có 300 người, 5 mw và 2,5 triệu usd; 7 tấn/ha"
    assert [(m.span(), m.groupdict()) for m in new.finditer(text)] == \
        [(m.span(), m.groupdict()) for m in old.finditer(text)]


def test_look_behinds_after_the_first_character_match_the_same():
    import random
    import re

    from pipeline import rules
    pairs = [(re.compile(r"(?<!\w)[Ss]ố\s*:?\s*\d+[-/][\w./&-]+"), re.compile(rules.load("dates")["document_number"]))]
    rng = random.Random(9)
    chars = [".", ";", " ", "\n", "a", "A", "S", "s", "ố", ":", "1", "/", "-", "x", "\t"]
    for old, new in pairs:
        for _ in range(5000):
            text = "".join(rng.choice(chars) for _ in range(rng.randrange(0, 14)))
            for pos in range(len(text) + 1):
                end = rng.randrange(pos, len(text) + 1)
                assert [m.span() for m in new.finditer(text, pos, end)] == \
                    [m.span() for m in old.finditer(text, pos, end)], (text, pos, end)


def test_run_on_blanks_are_the_blanks_after_a_stop():
    """sections._RUN_ON reads the stop before the blanks (its group is the blanks): scanned from the character before
    `pos`, it finds the blanks `(?<=[.;!?])\\s+(?=\\S)` finds from `pos`."""
    import random
    import re

    from pipeline.parse.sections import _RUN_ON
    old = re.compile(r"(?<=[.;!?])\s+(?=\S)")
    rng = random.Random(9)
    chars = [".", ";", "!", "?", " ", "\n", "\t", "\u00a0", "a", "A", "1"]
    for _ in range(5000):
        text = "".join(rng.choice(chars) for _ in range(rng.randrange(0, 14)))
        for pos in range(len(text) + 1):
            assert [m.span(1) for m in _RUN_ON.finditer(text, max(0, pos - 1))] == \
                [m.span() for m in old.finditer(text, pos)], (text, pos)


def test_phrases_match_as_reading_every_length():
    """Phrases.match (which stops at a second word that opens no longer phrase) against reading every phrase."""
    import random

    from pipeline.extract.bodies.phrases import Phrases
    from pipeline.extract.bodies.tokens import tokenize
    words = ["Sở", "sở", "Nội", "vụ", "tỉnh", "Ban", "chỉ", "đạo", "các", "cơ", "quan"]
    rng = random.Random(11)
    for fold, fold_rest in ((True, False), (False, True), (False, False)):
        phrases = [(" ".join(rng.choice(words) for _ in range(rng.randrange(1, 4))), k) for k in range(40)]
        ph = Phrases(phrases, fold=fold, fold_rest=fold_rest)

        def key(w, first):
            return w.casefold() if fold or (fold_rest and not first) else w

        def slow(toks, i):
            best = (0, None)
            for p, val in phrases:
                ws = [t.t for t in tokenize(p)]
                if i + len(ws) <= len(toks) and all(key(w, k == 0) == key(toks[i + k].t, k == 0)
                                                    for k, w in enumerate(ws)) and len(ws) > best[0]:
                    best = (len(ws), val)
            return best
        for _ in range(300):
            toks = tokenize(" ".join(rng.choice(words) for _ in range(rng.randrange(0, 6))))
            for i in range(len(toks) + 1):
                assert ph.match(toks, i) == slow(toks, i)


def test_dates_figure_patterns_tried_where_one_scan_finds_a_start():
    """The date patterns that open with a figure, tried only where `_DIGIT_STARTS` finds one, give what
    scanning the whole text for each gives (invented lines: fractions, dates, ranges, money, months)."""
    from pipeline.extract import dates as D
    from pipeline.text.matching import matches_at

    cfg = D._cfg()
    assert {"day_bare", "day_partial_bare", "month_numeric", "range_days_bare"} <= cfg["digit_opened"]
    low = lowered("Từ 15/11 - 20/11/2025 họp 3 lần; 1.000 người, 12-3-2024 và 2.4.2023; 6 tháng đầu năm 2026\n"
                   "tỷ lệ 3/4 xã, tháng 11/2025 – 02/2026, ngày 7 / 8 ; 123/456/789, 1 2/3 4 tháng cuối năm\n"
                   "v.v. 09 / 2025, 31.12.2025 đồng 5/5/2025 người 1 -\n2/3 ")
    by_sep = {}             # each pattern tried only at the starts followed by what its figure is followed by
    for m in D._DIGIT_STARTS.finditer(low):
        by_sep.setdefault(m.group(1) or "t", []).append(m.start())
    assert set(by_sep) == {"/", "-", ".", "–", "t"}
    for name in cfg["digit_opened"]:
        pat = cfg["patterns"][name]
        want = [(m.span(), m.groups()) for m in pat.finditer(low)]
        starts = D.starts_for(by_sep, cfg["digit_seps"][name])
        assert [(m.span(), m.groups()) for m in matches_at(pat, low, starts)] == want, name


def test_breaks_are_the_searches_over_the_whole_text():
    """`text.spans.last_break` / `next_break`, which look for the marks only up to the nearest line break, give what
    searching the whole text before or after the offset gives (targets' clauses and sentences, dates' sentences)."""
    import random

    from pipeline.text.spans import last_break, next_break

    rng = random.Random(16)
    for _ in range(3000):
        text = "".join(rng.choice("ab .;\n") for _ in range(rng.randint(0, 30)))
        marks = rng.choice([(), (". ",), (";", ". "), (".", ";")])
        at = rng.randint(-2, len(text) + 1)
        assert last_break(text, at, marks) == max(text.rfind(m, 0, at) for m in ("\n", *marks)), (text, at, marks)
        found = [i for i in (text.find(m, at) for m in ("\n", *marks)) if i >= 0]
        assert next_break(text, at, marks) == min(found, default=-1), (text, at, marks)


def test_day_figures_read_without_a_pattern_as_with_one():
    """`days._figure` reads what `int(re.sub(r"\\D", "", str(v)) or 0)` reads, for every digit `re` knows."""
    import re
    import sys

    from pipeline.text.days import _figure, iso_day

    def slow(v):
        try:
            return int(re.sub(r"\D", "", str(v if v is not None else "")) or 0)
        except ValueError:
            return "error"

    def fast(v):
        try:
            return _figure(v)
        except ValueError:
            return "error"

    digits = [c for c in map(chr, range(sys.maxunicode + 1)) if re.fullmatch(r"\d", c)]
    assert digits == [c for c in map(chr, range(sys.maxunicode + 1)) if c.isdecimal()]
    for v in ["05", "5.", "", None, 2025, -3, 0, True, False, "12 ", " 1", "1_0", "²", "3/4", "abc", 3.0, "٠٧"] + digits:
        assert fast(v) == slow(v), v
    assert iso_day("٣٠", "11", 2020) == "2020-11-30" and iso_day("31", "6", "2026") is None


def test_opening_words_are_what_every_match_opens_with():
    """`matching.opening_words` reads the plain words a pattern opens with, and the date patterns that open with
    a few of them, tried only where one stands, give what scanning the whole text gives (invented lines)."""
    from pipeline.extract import dates as D
    from pipeline.text.matching import matches_at, opening_words, word_starts

    assert opening_words(r"(?:từ\s+|các\s+ngày|ngày)\d") == ["các", "ngày", "từ"]
    assert opening_words(r"(?<!\w)(?:h[ằà]ng|mỗi)\s") == ["hàng", "hằng", "mỗi"]
    assert opening_words(r"(?:năm|năm học)\s") == ["năm"]          # a word another opens with covers it
    assert opening_words(r"\bab(?:c|)d") == ["abcd", "abd"] and opening_words(r"(?:a|)b") == ["ab", "b"]
    for none in (r"\d+", r"(?:a|\w)b", r"(?:ab)?c", r"(?i)ab|cd", r"[^a]b", r"(?:a|)", r"a*b"):
        assert opening_words(none) is None, none
    cfg = D._cfg()
    assert {"range_days", "period", "half", "until_year"} <= set(cfg["word_opened"])
    low = lowered("Từ ngày 3 đến ngày 5/11/2025, các ngày 7, 8 và 9/12; giai đoạn 2021 - 2025, nhiệm kỳ 2020-2025\n"
                   "định kỳ hằng năm, hàng quý và tháng; mỗi tháng một lần; 6 tháng đầu năm 2026, nửa cuối năm; "
                   "đến hết năm 2030, tới năm 2027; khóa XV (2021 – 2026); niên khoá 2024-2025, thường xuyên")
    for name, words in cfg["word_opened"].items():
        pat = cfg["patterns"][name]
        want = [(m.span(), m.groups()) for m in pat.finditer(low)]
        assert [(m.span(), m.groups()) for m in matches_at(pat, low, word_starts(low, words))] == want, name
    assert sum(bool(list(cfg["patterns"][n].finditer(low))) for n in cfg["word_opened"]) >= 5


def test_presence_led_patterns_find_a_match_where_the_plain_ones_do():
    """`matching.presence_led` finds a match in exactly the windows where the pattern does (the date rules it is
    used for, over windows of invented text ending anywhere, and small patterns over random strings)."""
    import random
    import re

    from pipeline import rules
    from pipeline.text.matching import presence_led, trie_pattern

    for none in (r"(?:)", r"[^a]b", r"(?i)ab", r"a?", r"(?:a|)", r".b"):
        assert presence_led(none) is None, none
    cfg = rules.load("dates")
    sources = [cfg["cited_before"].replace("{doc_types}", trie_pattern(rules.doc_type_names())),
               cfg["cited_title_before"], cfg["received_stamp_before"], cfg["place_date"]]
    text = ("Căn cứ Quyết định số 12/2024/QĐ-UBND ký ngày 3/5/2024; Luật Đất đai năm 2013 sửa đổi, bổ sung ngày "
            "ĐẾN Số: 45 Ngày: 7/8/2025; Hà Nội, ngày 5 tháng 6 năm 2025 | Thứ Hai, ngày 2/6; văn bản ban hành vào "
            "ngày 9/9; CV123/UBND ngày 1/1; Nghị định 15/2020/NĐ-CP, ngày; Biên bản họp ngày; Thời gian ký: 1/2")
    for src in sources:
        plain, led = re.compile(src), re.compile(presence_led(src))
        for s in range(len(text)):
            for w in (text[max(0, s - 120):s], text[:s]):
                assert bool(plain.search(w)) == bool(led.search(w)), (src[:30], w)
            assert bool(plain.search(text, max(0, s - 60), s)) == bool(led.search(text, max(0, s - 60), s))
    rng = random.Random(7)
    for src in (r"\b(?:ab|c\d)\Z", r"(?:x)?y+z", r"(?<![ab])(?:a|b)*c", r"(?:\s|^)[A-C]\w*,", r"\d+\s*[-/]\w\Z"):
        plain, led = re.compile(src), re.compile(presence_led(src))
        for _ in range(2000):
            w = "".join(rng.choice("abcxyzAB1 2,-/\n") for _ in range(rng.randrange(0, 12)))
            assert bool(plain.search(w)) == bool(led.search(w)), (src, w)


def test_last_stop_is_the_last_clause_end_the_pattern_finds():
    """`spans.last_stop` finds, looking back, the last stop the clause-end pattern finds scanning forward (random
    strings of stops, spaces of several kinds, line breaks, letters; every window)."""
    import random
    import re

    from pipeline.text.spans import last_stop

    clause_end = re.compile(r"[.;\n](?:(?<=[.;])(?=\s)|(?<=\n))")
    rng = random.Random(11)
    for _ in range(20000):
        t = "".join(rng.choice("ab.;\n \t\u00a0\u2028x") for _ in range(rng.randrange(0, 14)))
        start = rng.randrange(0, len(t) + 1)
        lo = rng.randrange(0, start + 1)
        stops = [m.start() for m in clause_end.finditer(t, lo, start)]
        assert last_stop(t, lo, start) == (stops[-1] if stops else -1), (t, lo, start)


def test_presence_led_ignoring_case_finds_what_the_pattern_finds():
    """Ignoring case, the class `presence_led` opens with holds every form `re` takes for its letters (`K` the
    Kelvin sign for `k`, `ſ` for `s`): the rules it is used for and small patterns over random mixed-case strings."""
    import random
    import re

    from pipeline import rules
    from pipeline.text.matching import presence_led

    assert presence_led(r"(?i)ab") is None and presence_led(r"[a-c]x", re.I) is None
    sources = [rules.load("dates")["as_of_before"], rules.load("dates")["deadline_before"],
               rules.load("targets")["not_goal_before"], r"\b(?:sở|kỳ|Ích|ĐI)\s*\Z", r"(?:x)?Ky+"]
    rng = random.Random(5)
    alphabet = "sSſkKKiIİıĐđởỞyYxXcC ,:;-\n" + "\u212a"
    for src in sources:
        plain, led = re.compile(src, re.I), re.compile(presence_led(src, re.I), re.I)
        for _ in range(3000):
            w = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 10)))
            assert bool(plain.search(w)) == bool(led.search(w)), (src, w)
        for w in ("Tính đến ngày ", "THỜI HẠN HOÀN THÀNH: ", "trước ", "nếu ", "- Trước khi ", "ĐƯỢC TÍNH "):
            assert bool(plain.search(w)) == bool(led.search(w)), (src, w)


def test_combining_marks_found_before_their_runs_as_by_the_scan():
    """`normalize._combining_marks` yields what `_COMBINING.finditer` yields, and the text normalized with it is the
    same with or without the offset map (random strings of letters, marks, line breaks)."""
    import random
    import unicodedata

    from pipeline.read import normalize as N

    rng = random.Random(13)
    nfc = lambda m: unicodedata.normalize("NFC", m.group(0))      # noqa: E731
    for _ in range(20000):
        t = "".join(rng.choice(["a", "e", "\n", "\u0301", "\u0300", "\u0323", "ư", " ", "o\u0302"])
                    for _ in range(rng.randrange(0, 12)))
        assert [m.span() for m in N._combining_marks(t)] == [m.span() for m in N._COMBINING.finditer(t)], repr(t)
        plain = N._COMBINING.sub(nfc, t)
        assert N._sub(N._COMBINING, nfc, t, None, N._combining_marks)[0] == plain
        assert N._sub(N._COMBINING, nfc, t, list(range(len(t))), N._combining_marks) == \
            N._sub(N._COMBINING, nfc, t, list(range(len(t))))
