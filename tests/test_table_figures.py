"""A scanned table's columns of figures read again by the Latin model (pipeline/read/ocr/table_figures.py).
The tables are invented: a score sheet drawn in code."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from pipeline.read.ocr import ocr, table_figures
from pipeline.read.pdf_tables import Table

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


def _grid(columns: int, rows: int, width: float = 72.0, height: float = 24.0) -> Table:
    cells = [(c * width, r * height, (c + 1) * width, (r + 1) * height) for r in range(rows) for c in range(columns)]
    return Table(cells=cells, xs=[c * width for c in range(columns + 1)], ys=[r * height for r in range(rows + 1)],
                 lattice={(c, r): r * columns + c for r in range(rows) for c in range(columns)})


def _words(*texts: str) -> list[dict]:
    return [{"text": t, "conf": 80.0, "x0": 0, "x1": 10, "top": 0, "bottom": 10} for t in texts]


def _tsv(lines: list[tuple[str, int]]) -> str:
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [f"5\t1\t1\t1\t{k}\t1\t10\t{top}\t40\t20\t91.5\t{text}" for k, (text, top) in enumerate(lines)]
    return "\n".join([head, *rows]) + "\n"


def test_a_column_of_figures_is_read_again_and_its_heading_and_names_stay():
    table = _grid(3, 5)
    cells = [_words("STT"), _words("Đơn", "vị"), _words("Tỷ", "lệ"),
             _words("1"), _words("Sở", "Tư", "pháp"), _words("S8,27%"),
             _words("2"), _words("Sở", "Y", "tế"), _words("9346%"),
             _words("3"), _words("Sở", "Nội", "vụ"), _words("81,05%"),
             _words("4"), _words("Thanh", "tra"), _words("&HI")]
    asked = []

    def read(strip, dpi, lang, psm):
        asked.append((lang, psm))
        inset = round(table_figures.INSET * dpi)
        gap, height = 2 * inset, round(24 * dpi / 72) - 2 * inset
        tops = [gap + k * (height + gap) + 5 for k in range(4)]   # the column's four cells stacked in the strip
        replies = ["1", "2", "3", "4"] if len(asked) == 1 else ["88,27%", "93,46%", "81,05%", "Tỷ lệ"]
        return _tsv(list(zip(replies, tops)))

    table_figures.reread([table], [cells], Image.new("L", (300, 200), 255), 72.0 * 3, read)
    assert asked == [("eng", 6), ("eng", 6)]    # the STT and share columns, not the names
    assert [" ".join(w["text"] for w in cells[n]) for n in (2, 5, 8, 11, 14)] == \
        ["Tỷ lệ", "88,27%", "93,46%", "81,05%", "&HI"]
    assert [w["text"] for w in cells[3]] == ["1"] and [w["text"] for w in cells[4]] == ["Sở", "Tư", "pháp"]


def test_without_the_latin_model_the_page_reading_stays():
    table = _grid(2, 4)
    cells = [_words("STT"), _words("Điểm"), _words("1"), _words("1850"), _words("2"), _words("1739"),
             _words("3"), _words("1620")]

    def read(strip, dpi, lang, psm):
        raise ocr.OcrUnavailable("no eng")

    table_figures.reread([table], [cells], Image.new("L", (200, 120), 255), 216.0, read)
    assert [w["text"] for w in cells[3]] == ["1850"]


def score_sheet(dpi: int = 200) -> Image.Image:
    """A ruled sheet of scores and shares in a serif face, as scanned (grey, turned, blurred, noisy)."""
    rows = [["STT", "Đơn vị", "Điểm tối đa", "Điểm đạt", "Tỷ lệ"]] + [
        [str(k), name, "18,50", score, share] for k, (name, score, share) in enumerate([
            ("Xã Tân Phú", "16,28", "88,00%"), ("Xã Phước Long", "17,94", "96,97%"),
            ("Phường Bình An", "15,06", "81,41%"), ("Xã Đồng Nai", "14,38", "77,73%"),
            ("Xã Hòa Bình", "16,83", "90,97%"), ("Phường Tân Mai", "13,87", "74,97%")], 1)]
    size = round(11 * dpi / 72)
    step = round(size * 1.9)
    font = ImageFont.truetype(FONT, size)
    widths = [0.5, 2.0, 1.2, 1.2, 1.1]
    image = Image.new("L", (round(8.27 * dpi), round(5 * dpi)), 255)
    draw = ImageDraw.Draw(image)
    xs = [round(0.7 * dpi)]
    for w in widths:
        xs.append(xs[-1] + round(w * dpi))
    top = y = round(0.6 * dpi)
    for cells in rows:
        draw.line([(xs[0], y), (xs[-1], y)], fill=0, width=2)
        for x, text in zip(xs, cells):
            draw.text((x + size // 2, y + step // 5), text, font=font, fill=0)
        y += step
    draw.line([(xs[0], y), (xs[-1], y)], fill=0, width=2)
    for x in xs:
        draw.line([(x, top), (x, y)], fill=0, width=2)
    image = image.rotate(0.3, resample=Image.BICUBIC, fillcolor=255).filter(ImageFilter.GaussianBlur(0.7))
    arr = np.asarray(image, dtype=np.float32) + np.random.default_rng(3).normal(0, 8, (image.height, image.width))
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")


@pytest.mark.skipif(not ocr.available(), reason="tesseract-ocr-vie is not installed")
def test_a_scanned_score_sheet_keeps_its_decimal_commas_and_shares():
    page = ocr.ocr_image(score_sheet(), 1, 200)
    text = "\n".join(line.text for line in page.lines)
    for share in ("88,00%", "96,97%", "81,41%", "77,73%", "90,97%", "74,97%"):
        assert share in text
    assert text.count("18,50") == 6


def _page_words(*texts: str) -> dict[tuple, list[dict]]:
    return {(1, 1, k): [{"text": t, "conf": 70.0, "x0": 20, "x1": 200, "top": 20 + 60 * k, "bottom": 50 + 60 * k}]
            for k, t in enumerate(texts)}


def test_a_cited_numbers_figures_read_again_keep_their_code():
    from pipeline.read.ocr import cited_numbers

    lines = _page_words("3I1-HD/BTGTW", "45/2026/NĐ-CP;", "Căn", "88/UBND-KT", "12/QĐ-UBND")

    def read(strip, dpi, lang, psm):
        pad = round(cited_numbers.PAD_INCH * dpi)
        tops, y = [], 2 * pad
        for _ in range(4):                  # the four cited words, each its box and padding, stacked
            tops.append(y + 5)
            y += 30 + 2 * pad + 2 * pad
        replies = ["31-HD/BTGTW", "46/2026/ND-CP;", "88/UBNO-KI", "12/QD-UBND"]
        return _tsv(list(zip(replies, tops)))

    cited_numbers.reread(lines, Image.new("L", (400, 400), 255), 300.0, read)
    assert [ws[0]["text"] for ws in lines.values()] == \
        ["31-HD/BTGTW", "46/2026/NĐ-CP;", "Căn", "88/UBND-KT", "12/QĐ-UBND"]


def test_capitals_vie_put_into_a_code_that_the_latin_reading_has_not_are_taken_out():
    from pipeline.read.ocr import cited_numbers

    lines = _page_words("71-CV/BCPĐ", "503/UBND-KTNNTV", "64/TTr-STC", "9/QĐ-TTg")

    def read(strip, dpi, lang, psm):
        pad = round(cited_numbers.PAD_INCH * dpi)
        tops = [2 * pad + k * (30 + 4 * pad) + 5 for k in range(4)]
        return _tsv(list(zip(["71-CV/BCD", "503/UBND-KTNV", "64/TT-STC", "9/OD-TTg"], tops)))

    cited_numbers.reread(lines, Image.new("L", (400, 400), 255), 300.0, read)
    assert [ws[0]["text"] for ws in lines.values()] == ["71-CV/BCĐ", "503/UBND-KTNV", "64/TTr-STC", "9/QĐ-TTg"]
