"""Ruled tables on scanned pages (pipeline/read/ocr/ruled_tables.py): a plan's task table drawn in code,
with cells that wrap onto two lines, scanned (grey, turned a little, blurred, noisy) and read by the real
Tesseract. Its rows must come out one line each, `a | b | c`, as the text PDF and DOCX readers give them,
so the columns still say which body leads and which coordinates."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from pipeline.read.ocr import ocr, ruled_tables
from pipeline.run.process import process_file

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
needs_tesseract = pytest.mark.skipif(not ocr.available(), reason="tesseract-ocr-vie is not installed")

ABOVE = ["ỦY BAN NHÂN DÂN XÃ PHÚ HỮU", "Số: 61/KH-UBND", "KẾ HOẠCH", "Chuyển đổi số năm 2026",
         "I. NHIỆM VỤ VÀ PHÂN CÔNG"]
# (column widths in inches, rows of cells; a cell's lines are split at "\n")
WIDTHS = [0.5, 2.0, 1.6, 1.6, 1.3]
ROWS = [["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn"],
        ["1", "Số hóa hồ sơ\nhộ tịch", "Văn phòng HĐND\nvà UBND xã", "Công an xã", "Tháng 8/2026"],
        ["2", "Lắp đặt mạng\ncáp quang", "Trạm Viễn thông\nPhú Hữu", "Các ấp", "Quý III/2026"]]
BELOW = ["II. TỔ CHỨC THỰC HIỆN", "Các đơn vị báo cáo kết quả trước ngày 15/12/2026."]


def table_page(dpi: int = 300, angle: float = 0.3, noise: float = 6.0, blur: float = 0.6) -> Image.Image:
    """A page with lines of text, a ruled table whose cells wrap, and lines under it, as scanned."""
    size = round(12 * dpi / 72)
    step = round(size * 1.7)
    font = ImageFont.truetype(FONT, size)
    left = round(0.7 * dpi)
    image = Image.new("L", (round(8.27 * dpi), round(11.0 * dpi)), 255)
    draw = ImageDraw.Draw(image)
    y = round(0.8 * dpi)
    for line in ABOVE:
        draw.text((left, y), line, font=font, fill=0)
        y += step
    xs = [left]
    for w in WIDTHS:
        xs.append(xs[-1] + round(w * dpi))
    rule = max(2, dpi // 150)
    top = y
    for cells in ROWS:
        height = max(c.count("\n") + 1 for c in cells) * step + step // 2
        draw.line([(xs[0], y), (xs[-1], y)], fill=0, width=rule)
        for x, cell in zip(xs, cells):
            for k, text in enumerate(cell.split("\n")):
                draw.text((x + size // 2, y + step // 4 + k * step), text, font=font, fill=0)
        y += height
    draw.line([(xs[0], y), (xs[-1], y)], fill=0, width=rule)
    for x in xs:
        draw.line([(x, top), (x, y)], fill=0, width=rule)
    y += step
    for line in BELOW:
        draw.text((left, y), line, font=font, fill=0)
        y += step
    image = image.rotate(angle, resample=Image.BICUBIC, fillcolor=255).filter(ImageFilter.GaussianBlur(blur))
    arr = np.asarray(image, dtype=np.float32) + np.random.default_rng(5).normal(0, noise, (image.height, image.width))
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")


def test_rules_make_one_grid_and_text_alone_makes_none():
    ready, dpi = ocr.prepare(table_page(), 300)
    tables = ruled_tables.find(ready, dpi)
    assert len(tables) == 1
    assert (len(tables[0].xs), len(tables[0].ys)) == (len(WIDTHS) + 1, len(ROWS) + 1)
    text_only = Image.new("L", (2480, 1200), 255)
    draw = ImageDraw.Draw(text_only)
    for i, line in enumerate(ABOVE + BELOW):
        draw.text((200, 100 + i * 85), line, font=ImageFont.truetype(FONT, 50), fill=0)
    assert ruled_tables.find(text_only, 300) == []


def test_a_word_read_across_a_rule_is_parted_at_it():
    word = {"text": "chí|HĐND", "x0": 100, "x1": 180, "top": 10, "bottom": 30, "conf": 90.0}
    parts = ruled_tables._split_at_rules(word)
    assert [p["text"] for p in parts] == ["chí", "HĐND"]
    assert parts[0]["x1"] <= parts[1]["x0"]


@needs_tesseract
def test_a_scanned_task_table_reads_one_row_per_line(tmp_path):
    page = ocr.ocr_image(table_page(), 1, 300)
    texts = [line.text for line in page.lines]
    rows = [t for t in texts if t.count("|") == len(WIDTHS) - 1]      # an empty first cell leaves `| …`
    assert len(rows) == len(ROWS), texts
    assert "Văn phòng HĐND và UBND xã" in rows[1].split("|")[2]
    assert rows[2].split("|")[3].strip() == "Các ấp"
    # the rows stand where the table stands, between the lines above and below it
    at = texts.index(rows[0])
    assert "NHIỆM VỤ" in texts[at - 1] and "TỔ CHỨC" in texts[at + len(ROWS)]
    path = tmp_path / "plan.png"
    table_page().save(path, dpi=(300, 300))
    rec = process_file(path)
    roles = {(b["name"], b["role"]) for b in rec["bodies"]}
    assert any(name.startswith("Văn phòng") and role == "lead" for name, role in roles), roles
    assert any(name.startswith("Công an xã") and role == "coordinate" for name, role in roles), roles


def test_a_received_stamps_small_ruled_box_is_no_table():
    image = Image.new("L", (2480, 1200), 255)
    draw = ImageDraw.Draw(image)
    for y in (100, 200, 300):                       # a stamp's frame, 2 inches wide, split in two rows and columns
        draw.line([(150, y), (750, y)], fill=0, width=3)
    for x in (150, 450, 750):
        draw.line([(x, 100), (x, 300)], fill=0, width=3)
    draw.text((170, 130), "ĐẾN Số: 512", font=ImageFont.truetype(FONT, 40), fill=0)
    assert ruled_tables.find(image, 300) == []
