"""A list whose numbers Word set apart from the items by a hanging indent, scanned: the numbers are read
again from their own strip (pipeline/read/ocr/list_numbers.py). The page is built here; the text is invented."""
from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.read.ocr import ocr

DPI = 300
ITEMS = ["Đón tiếp học viên.", "Khai giảng lớp bồi dưỡng.", "Giới thiệu chuyên đề về lưu trữ số.",
         "Thảo luận nhóm theo tổ.", "Nghỉ giải lao.", "Tham luận của các phường.", "Trao đổi kinh nghiệm lập hồ sơ.",
         "Kiểm tra cuối khóa.", "Phát giấy chứng nhận cho học viên.", "Bế giảng lớp học.", "Chụp ảnh lưu niệm.",
         "Học viên trở về đơn vị."]


def programme_page() -> Image.Image:
    size = round(13 * DPI / 72)
    regular = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", size)
    bold = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf", size)
    page = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(page)
    draw.text((300, 300), "II. NGÀY THỨ HAI: Từ 7 giờ 30", font=bold, fill=0)
    y = 420
    for i, item in enumerate(ITEMS, 1):
        draw.text((420, y), f"{i}.", font=regular, fill=0)      # the number, a tab away from its item
        draw.text((640, y), item, font=regular, fill=0)
        y += 110
    draw.text((300, y + 40), "III. NGÀY THỨ BA: Tự học", font=bold, fill=0)
    return page


@pytest.mark.skipif(not ocr.available(), reason="tesseract-ocr-vie is not installed")
def test_each_item_gets_back_the_number_printed_beside_it():
    page = ocr.ocr_image(programme_page(), stated_dpi=DPI)
    texts = [ln.text for ln in page.lines]
    for i, item in enumerate(ITEMS, 1):
        assert f"{i}. {item}" in texts, (i, texts)
    # the junk the first reading made of the column of numbers is gone, and every word span still fits
    assert not any(t and sum(c.isalpha() for c in t) < 2 for t in texts)
    for ln in page.lines:
        assert all(ln.text[s:e].strip() == ln.text[s:e] and e <= len(ln.text) for s, e, _ in ln.words)


def _numbered(lines: list[str]) -> list[str]:
    from pipeline.read.ocr.list_numbers import number_items
    return [" ".join(words) for words in number_items([line.split() for line in lines])]


def test_items_the_strip_gave_no_number_or_a_misread_one_take_their_place_in_the_list():
    got = _numbered(["II. LỊCH HỌC: Từ 7 giờ 30", "lộn", "Đón tiếp học viên.", "Khai giảng lớp.",
                     ". Giới thiệu chuyên đề về lưu trữ số, cách lập danh mục hồ sơ và", "mục lục văn bản.",
                     "4. Thảo luận nhóm.", "Nghỉ giải lao.", "6. Tham luận của các phường.", "1. Trao đổi kinh nghiệm.",
                     "8. Kiểm tra cuối khóa.", "III. NGÀY THỨ BA"])
    assert got == ["II. LỊCH HỌC: Từ 7 giờ 30", "lộn", "1. Đón tiếp học viên.", "2. Khai giảng lớp.",
                   "3. Giới thiệu chuyên đề về lưu trữ số, cách lập danh mục hồ sơ và", "mục lục văn bản.",
                   "4. Thảo luận nhóm.", "5. Nghỉ giải lao.", "6. Tham luận của các phường.", "7. Trao đổi kinh nghiệm.",
                   "8. Kiểm tra cuối khóa.", "III. NGÀY THỨ BA"]


def test_a_paragraph_inside_a_list_and_a_list_with_few_sure_numbers_stay_as_read():
    lines = ["I. MỤC TIÊU", "1. Nâng cao chất lượng.", "2. Rút ngắn thời gian.", "Tuy nhiên, cần lưu ý nguồn lực.",
             "3. Bảo đảm an toàn.", "4. Công khai kết quả."]
    assert _numbered(lines) == lines
    lines = ["I. YÊU CẦU", "Đúng quy định.", "2. Kịp thời.", "Hiệu quả."]
    assert _numbered(lines) == lines
