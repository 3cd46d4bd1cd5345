"""The signature block of a scan: a red seal scanned in grey lifted off the type (pipeline/read/ocr/seals.py),
and the block read again on its own when the first reading lost the name (signature_block.py). Pages and
lines are built here; names are invented."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from pipeline.read.ocr import ocr, signature_block
from pipeline.read.ocr.seals import find_seals, lift_seals

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"
DPI = 300
BLOCK = ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", "", "Nguyễn Thị Hằng"]


def signature_page(seal_tone: int | None = 85, seal_at: tuple[int, int] = (1600, 720)) -> Image.Image:
    """A signature block (bold, black) with a round seal of `seal_tone` grey stamped over its left side,
    as an office scanner returns a red seal in greyscale: a thick ring, a thinner one inside, a star."""
    size = round(13 * DPI / 72)
    page = Image.new("L", (2480, 1300), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, size)
    for i, line in enumerate(BLOCK):
        if line:
            draw.text((1460, 220 + round(i * size * 1.6)), line, font=font, fill=0)
    if seal_tone is not None:
        seal = Image.new("L", page.size, 255)
        sd = ImageDraw.Draw(seal)
        x, y, r = *seal_at, 230                        # a 39 mm seal at 300 dpi
        sd.ellipse((x - r, y - r, x + r, y + r), outline=seal_tone, width=12)
        sd.ellipse((x - r + 70, y - r + 70, x + r - 70, y + r - 70), outline=seal_tone, width=6)
        sd.regular_polygon((x, y, 60), 5, fill=seal_tone)
        page = Image.fromarray(np.minimum(np.asarray(page), np.asarray(seal)))   # ink over ink: the darker
    arr = np.asarray(page.filter(ImageFilter.GaussianBlur(0.6)), dtype=np.float32)
    arr += np.random.default_rng(3).normal(0, 5, arr.shape)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")


def test_a_seal_is_found_by_its_ring_and_text_alone_is_not():
    (x, y, r), = find_seals(signature_page(), DPI)
    assert abs(x - 1600) < 20 and abs(y - 720) < 20 and 200 < r < 250
    assert find_seals(signature_page(seal_tone=None), DPI) == []


def test_the_seal_is_whitened_and_the_type_kept():
    page = signature_page()
    lifted = np.asarray(lift_seals(page, DPI))
    ring = np.asarray(page)[714:726, 1372:1380]            # on the outer ring, left of the type
    assert ring.mean() < 130 and lifted[714:726, 1372:1380].mean() > 240
    before, after = np.asarray(page) < 30, lifted < 30      # the black of the type is untouched
    assert (before & ~after).sum() == 0


def test_a_page_without_a_seal_is_left_pixel_for_pixel():
    page = signature_page(seal_tone=None)
    assert lift_seals(page, DPI) is page


def test_a_seal_as_dark_as_the_type_is_left_alone():
    """A grey copy of a copy: the seal cannot be told from the type by its tone, so nothing is whitened."""
    page = signature_page(seal_tone=10)
    assert find_seals(page, DPI) and lift_seals(page, DPI) is page


@pytest.mark.skipif(not ocr.available(), reason="tesseract-ocr-vie is not installed")
def test_the_name_a_seal_hid_from_the_first_reading_is_read_in_the_block_alone():
    image = signature_page(seal_at=(1700, 900))
    first = ocr.parse_tsv(ocr.run_tesseract(image, DPI), 1, DPI, image.height)
    assert "Nguyễn Thị Hằng" not in [line.text for line in first.lines]
    page = ocr.ocr_image(image, stated_dpi=DPI)
    assert [line.text for line in page.lines][-3:] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Thị Hằng"]


# ---------------------------------------------------------------- the signature block read again

def _line(top: float, text: str, left: float, right: float) -> ocr.OcrLine:
    words, pos = [], 0
    for w in text.split():
        words.append((pos, pos + len(w), 80.0))
        pos += len(w) + 1
    return ocr.OcrLine(top=top, text=text, words=words, left=left, right=right)


def _closing_page(name_line: str) -> ocr.OcrPage:
    """The last page of a letter as a first reading gives it: Nơi nhận on the left, the block on the right."""
    lines = [_line(500, "Nơi nhận:", 60, 120), _line(502, "KT. GIÁM ĐÓC", 380, 480),
             _line(515, "- Như trên;", 60, 110), _line(517, "PHÓ GIÁM ĐÓC", 376, 484),
             _line(530, "- Lưu: VT, VP.", 60, 130), _line(560, "Z/ SÀN", 370, 400), _line(600, name_line, 360, 490)]
    return ocr.OcrPage(page=2, lines=lines, confidence=80.0, height=842.0, width=595.0)


def test_strokes_around_a_name_or_title_are_dropped():
    for text, clean in [("= Trần Văn Bình", "Trần Văn Bình"), ("_ “Lê Thị Hoa", "Lê Thị Hoa"),
                        ("—_— PHÓ GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"), ("- Lê Văn Tâm", "Lê Văn Tâm"), ("Irần Văn Bình", "Trần Văn Bình"), ("1rương Thị Lan", "Trương Thị Lan"),
                        ("PHÓ GIÁM Ð", "PHÓ GIÁM ĐỐC"), ("— CHU TỊC", "CHỦ TỊCH")]:
        line = _line(0, text, 0, 100)
        assert signature_block.strip_strokes(line) and line.text == clean
        assert [line.text[a:b] for a, b, _ in line.words] == clean.split()
    line = _line(0, "- Sở Tài chính;", 0, 100)         # a Nơi nhận item is no name
    assert not signature_block.strip_strokes(line) and line.text == "- Sở Tài chính;"


def test_a_block_whose_name_was_lost_is_read_again():
    boxes = []

    def read_region(box, psm):
        boxes.append(box)
        lines = [_line(2, "KT. GIÁM ĐỐC", 40, 140), _line(15, "PHÓ GIÁM ĐỐC", 36, 144), _line(40, "'/ h", 60, 90),
                 _line(100, "= Trần Văn Bình", 30, 150)]
        return ocr.OcrPage(page=1, lines=lines, confidence=80.0, height=200.0, width=245.0)

    page = signature_block.reread(_closing_page("<==rần Văn Bình"), read_region, 300, (2480, 3508))
    texts = [ln.text for ln in page.lines]
    assert texts == ["Nơi nhận:", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "'/ h", "Trần Văn Bình", "- Như trên;",
                     "- Lưu: VT, VP."]
    x0, y0, x1, y1 = boxes[0]                        # the right column, from the heading down
    assert x0 > 0.4 * 2480 and y0 < 502 * 300 / 72 < y1


def test_a_block_read_well_the_first_time_is_not_read_again():
    def read_region(box, psm):
        raise AssertionError("read again")

    page = signature_block.reread(_closing_page("Trần Văn Bình"), read_region, 300, (2480, 3508))
    assert page.lines[-1].text == "Trần Văn Bình"


def test_a_block_whose_title_was_lost_is_read_again_and_the_fuller_reading_kept():
    tried = []

    def read_region(box, psm):
        tried.append(psm)
        if psm == 6:                                  # as one block: the name glued to a stroke
            return ocr.OcrPage(page=1, lines=[_line(2, "KT. GIÁM ĐỐC", 40, 140), _line(100, "1rần Văn Bình", 30, 150)],
                               confidence=80.0, height=200.0, width=245.0)
        lines = [_line(2, "KT. GIÁM ĐỐC", 40, 140), _line(15, "PHÓ GIÁM ĐỐC", 36, 144), _line(100, "Trần Văn Bình", 30, 150)]
        return ocr.OcrPage(page=1, lines=lines, confidence=80.0, height=200.0, width=245.0)

    first = _closing_page("Trần Văn Bình")
    first.lines = [ln for ln in first.lines if ln.text != "PHÓ GIÁM ĐÓC"]
    page = signature_block.reread(first, read_region, 300, (2480, 3508))
    assert tried == [6, 4]
    assert [ln.text for ln in page.lines][1:4] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn Bình"]


def test_a_title_cut_short_is_completed_only_when_one_title_begins_so():
    assert signature_block.completed_title("PHÓ CHỦ TỊC") == "PHÓ CHỦ TỊCH"
    assert signature_block.completed_title("THỨ TRƯỞN") is None       # Thứ trưởng or Thủ trưởng
    assert signature_block.completed_title("PHÓ") is None
    assert signature_block.completed_title("Phó Giám") is None         # not in capitals: running text


def test_a_block_whose_heading_was_lost_is_read_up_from_its_name():
    """No heading read, only the name at the block's foot: the box reaches up from it; what the new reading
    has above the heading (the end of the text) is left out, and the name keeps its first reading."""
    def read_region(box, psm):
        lines = [_line(5, "thi hành Quyết định này./.", 0, 120), _line(60, "TM. ỦY BAN NHÂN DÂN", 40, 200),
                 _line(75, "CHỦ TỊCH", 90, 150), _line(120, "vu. g6", 60, 90), _line(160, "Đồ Văn Hải", 60, 160)]
        return ocr.OcrPage(page=1, lines=lines, confidence=80.0, height=200.0, width=245.0)

    lines = [_line(380, "Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày ký.", 60, 520),
             _line(400, "Nơi nhận:", 60, 120), _line(415, "- Như Điều 3;", 60, 130), _line(430, "- Lưu: VT.", 60, 120),
             _line(520, "Đỗ Văn Hải", 390, 470)]
    page = signature_block.reread(ocr.OcrPage(page=3, lines=lines, confidence=80.0, height=842.0, width=595.0),
                                  read_region, 300, (2480, 3508))
    assert [ln.text for ln in page.lines] == ["Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày ký.", "Nơi nhận:",
                                              "- Như Điều 3;", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
                                              "vu. g6", "Đỗ Văn Hải"]


def test_a_block_read_as_a_picture_is_looked_for_beside_noi_nhan():
    """Nothing read in the right column beside `Nơi nhận:`: the block is read there."""
    boxes = []

    def read_region(box, psm):
        boxes.append(box)
        lines = [_line(3, "TM. HỘI ĐỒNG", 60, 180), _line(20, "PHÓ CHỦ TỊCH", 70, 170), _line(110, "Lê Minh Hà", 80, 160)]
        return ocr.OcrPage(page=1, lines=lines, confidence=80.0, height=200.0, width=357.0)

    lines = [_line(600, "Hội đồng báo cáo Chủ tịch UBND tỉnh xem xét./.", 88, 400), _line(635, "Nơi nhận:", 88, 140),
             _line(648, "- UBND tỉnh;", 88, 150), _line(660, "- Lưu: VT.", 88, 140)]
    page = signature_block.reread(ocr.OcrPage(page=4, lines=lines, confidence=80.0, height=842.0, width=595.0),
                                  read_region, 300, (2480, 3508))
    assert [ln.text for ln in page.lines][-3:] == ["TM. HỘI ĐỒNG", "PHÓ CHỦ TỊCH", "Lê Minh Hà"]
    x0, y0, _, _ = boxes[0]
    assert x0 == round(0.4 * 595 * 300 / 72) and y0 < 635 * 300 / 72


# ---------------------------------------------------------------- a seal over an appendix's heading

ITALIC = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf"
REGULAR = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
APPENDIX = [("Phụ lục 3", FONT, 1600), ("DANH MỤC HỒ SƠ LƯU TRỮ CỦA ỦY BAN NHÂN DÂN CẤP XÃ", FONT, 900),
            ("(Kèm theo Kế hoạch số 58/KH-UBND ngày 20 tháng 8 năm 2026 của Ủy ban nhân dân tỉnh Gia Lai)",
             ITALIC, 700)]


def appendix_page() -> Image.Image:
    """The first page of an appendix (landscape, 300 dpi) with the issuer's seal stamped over its heading
    (`dấu treo`), in grey, its emblem engraved; a numbered list under it."""
    size = round(12 * DPI / 72)
    page = Image.new("L", (3508, 2480), 255)
    draw = ImageDraw.Draw(page)
    y = 250
    for text, font, x in APPENDIX:
        draw.text((x, y), text, font=ImageFont.truetype(font, size), fill=0)
        y += round(size * 1.5)
    y += 80
    for k in range(12):
        draw.text((300, y), f"{k + 1}. Sổ theo dõi công văn đi, công văn đến của văn phòng năm {2014 + k}",
                  font=ImageFont.truetype(REGULAR, size), fill=0)
        y += round(size * 1.5)
    seal = Image.new("L", page.size, 255)
    sd = ImageDraw.Draw(seal)
    x, y, r, tone = 1000, 380, 230, 140
    sd.ellipse((x - r, y - r, x + r, y + r), outline=tone, width=12)
    sd.ellipse((x - r + 70, y - r + 70, x + r - 70, y + r - 70), outline=tone, width=6)
    sd.regular_polygon((x, y, 60), 5, fill=tone)
    rng = np.random.default_rng(7)
    for _ in range(600):
        a, b = rng.uniform(-1, 1, 2) * 130
        if a * a + b * b < 130 * 130:
            sd.line((x + a, y + b, x + a + rng.uniform(-25, 25), y + b + rng.uniform(-25, 25)), fill=tone, width=4)
    page = Image.fromarray(np.minimum(np.asarray(page), np.asarray(seal)))
    arr = np.asarray(page.filter(ImageFilter.GaussianBlur(0.6)), dtype=np.float32)
    arr += np.random.default_rng(3).normal(0, 5, arr.shape)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")


@pytest.mark.skipif(not ocr.available(), reason="tesseract-ocr-vie is not installed")
def test_the_heading_a_seal_hid_from_the_first_reading_is_read_in_its_band():
    from pipeline.parse.structure import parse

    image = appendix_page()
    ready, dpi = ocr.prepare(image, DPI)
    first = [line.text for line in ocr.parse_tsv(ocr.run_tesseract(ready, dpi), 1, dpi, ready.height).lines]
    assert not any("Kèm theo" in t for t in first)            # the seal took the heading with it
    lines = [line.text for line in ocr.ocr_image(image, stated_dpi=DPI).lines]
    assert lines[:3] == [text for text, _, _ in APPENDIX]
    meta = parse("\n".join(lines), ocr=True).metadata
    assert (meta["doc_type"], meta["identifier"], meta["issued_date"]) == ("Kế hoạch", "58/KH-UBND", "2026-08-20")
    assert meta["title"] == "Danh mục hồ sơ lưu trữ của Ủy ban nhân dân cấp xã"


# ------------------------------------------------------------------ in colour: seal and pen line taken off by hue

def colour_signature_page() -> Image.Image:
    """The block in black type under a red seal, and a blue pen line drawn through the title (read in grey,
    `PHÓ` is lost to it), as a colour scan or a signed PDF's page image gives it."""
    size = round(13 * DPI / 72)
    page = Image.new("RGB", (2480, 1300), "white")
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, size)
    for i, line in enumerate(BLOCK):
        if line:
            draw.text((1460, 220 + round(i * size * 1.6)), line, font=font, fill=(0, 0, 0))
    ink = Image.new("RGB", page.size, "white")
    d = ImageDraw.Draw(ink)
    x, y, r = 1500, 700, 230
    d.ellipse((x - r, y - r, x + r, y + r), outline=(200, 30, 40), width=14)
    d.ellipse((x - r + 70, y - r + 70, x + r - 70, y + r - 70), outline=(200, 30, 40), width=6)
    d.regular_polygon((x, y, 60), 5, fill=(200, 30, 40))
    d.line((1400, 300, 2150, 560), fill=(30, 40, 160), width=9)            # the signature's stroke
    page = Image.fromarray(np.minimum(np.asarray(page), np.asarray(ink)))
    return page.filter(ImageFilter.GaussianBlur(0.6))


def test_coloured_ink_is_taken_off_and_the_black_type_kept():
    from pipeline.read.ocr.seals import without_colour_ink
    page = colour_signature_page()
    grey = np.asarray(page.convert("L"))
    lifted = np.asarray(without_colour_ink(page))
    assert grey[694:706, 1266:1274].mean() < 200 and lifted[694:706, 1266:1274].mean() > 240   # red ring
    assert (grey < 30).sum() > 1000 and ((grey < 30) & ~(lifted < 30)).sum() == 0            # type untouched
    blue = np.asarray(page)[:, :, 2].astype(int) - np.asarray(page)[:, :, 0] > 100
    assert blue.sum() > 1000 and (lifted[blue] > 240).all()                                 # the pen line


@pytest.mark.skipif(not ocr.available(), reason="tesseract-ocr-vie is not installed")
def test_a_colour_page_gives_its_signer_with_seal_and_pen_line_taken_off():
    page = ocr.ocr_image(colour_signature_page(), stated_dpi=DPI)
    assert [ln.text for ln in page.lines][-3:] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Thị Hằng"]


def test_a_surname_a_pen_line_crossed_is_read_back_from_the_list_of_surnames():
    assert signature_block._struck_surname("N«uyễn") == "Nguyễn"
    assert signature_block._struck_surname("N„uyên") == "Nguyễn"      # marks near the line lost too
    assert signature_block._struck_surname("Tr|ần") == "Trần"
    assert signature_block._struck_surname("Nguyễn") is None          # nothing struck
    assert signature_block._struck_surname("X«yz") is None              # no surname fits
