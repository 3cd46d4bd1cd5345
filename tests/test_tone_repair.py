"""OCR's lost tone marks read back from the genre's syllable counts (pipeline/read/ocr/tone_repair.py).

Sentences written for these tests; each misreading is one Tesseract makes on scans of the genre."""
from __future__ import annotations

import pytest

from pipeline.read.ocr import tone_repair
from pipeline.read.ocr.ocr import OcrLine, OcrPage, read_back

pytestmark = pytest.mark.skipif(tone_repair.model() is None, reason="needs pipeline/models/ocr_lm (make train)")


@pytest.mark.parametrize("scanned, meant", [
    ("Sở Nội vụ tông hợp, báo cáo", "Sở Nội vụ tổng hợp, báo cáo"),
    ("Ủy ban Mặt trận Tô quốc Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("các tỉnh, thành phô trực thuộc Trung ương", "các tỉnh, thành phố trực thuộc Trung ương"),
    ("đề nghị khân trương bồ sung hồ sơ", "đề nghị khẩn trương bổ sung hồ sơ"),
    ("theo thâm quyên được giao", "theo thẩm quyền được giao"),
    ("QUYÉT ĐỊNH", "QUYẾT ĐỊNH"),
    # a province's name with a misread mark: the provinces' list knows it where one province's counts do not
    ("TỈNH ỦY HÀ TỈNH", "TỈNH ỦY HÀ TĨNH"),
    ("Báo Quảng Ngải và Đài Phát thanh tỉnh Bắc Kan", "Báo Quảng Ngãi và Đài Phát thanh tỉnh Bắc Kạn"),
    # a woman's middle name misread, in a signer's name
    ("Đoàn Thì Hậu", "Đoàn Thị Hậu"),
])
def test_misread_marks_are_read_back(scanned, meant):
    assert tone_repair.repair_text(scanned) == meant


@pytest.mark.parametrize("clean", [
    "Về việc tổ chức hội nghị tổng kết công tác năm 2025",
    "Ủy ban nhân dân tỉnh giao Sở Nội vụ chủ trì, phối hợp với các cơ quan, đơn vị liên quan",
    "Uỷ ban nhân dân các huyện, thành phố báo cáo kết quả thực hiện",   # the old placement stays
    "đồng chí Tô Lâm",                                                  # a name is no misreading
    "khi đó Thì Sở Tài chính báo cáo",                                  # `thì` the conjunction, no middle name
])
def test_clean_text_is_left_as_written(clean):
    assert tone_repair.repair_text(clean) == clean


def test_every_word_keeps_its_length_so_offsets_stay_exact():
    words = "Sở Nội vụ tông hợp, báo cáo thành phô".split()
    fixed = tone_repair.repair_words(words)
    assert [len(w) for w in fixed] == [len(w) for w in words]
    assert fixed[3] == "tổng" and fixed[-1] == "phố"


def test_ocr_pages_are_read_back_with_their_marks():
    text = "Giao Sở Nội vụ tông hợp kết quả"
    words, pos = [], 0
    for w in text.split():
        words.append((pos, pos + len(w), 90.0))
        pos += len(w) + 1
    page = OcrPage(page=1, lines=[OcrLine(top=10.0, text=text, words=words)], confidence=90.0, height=800.0)
    [out] = read_back([page])
    assert out.lines[0].text == "Giao Sở Nội vụ tổng hợp kết quả"
    assert [out.lines[0].text[s:e] for s, e, _ in out.lines[0].words][4] == "tổng"


def test_a_measures_symbol_after_its_figure_keeps_its_letters():
    # `hạ cánh` is a pair the genre writes; `ha` after a figure is a hectare, no syllable to mark
    assert tone_repair.repair_text("san lấp 320 ha cánh đồng ven sông") == "san lấp 320 ha cánh đồng ven sông"
    assert tone_repair.repair_text("đầu tư ha tầng giao thông") == "đầu tư hạ tầng giao thông"
