"""A number written in blue pen over the typed form of a scanned page 1 is read again from its strokes
(pipeline/read/ocr/handwritten.py), with the real Tesseract; type, seals and grey pages are left alone."""
from __future__ import annotations

import shutil

import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.read.ocr import handwritten, ocr

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs the tesseract binary")

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
DPI = 300
BLUE = (30, 60, 200)


def header_page(number: str = "317", ink=BLUE) -> Image.Image:
    """The top of an A4 page at 300 dpi: `Số:` and `/KH-UBND` typed in black, the number between them in ink."""
    page = Image.new("RGB", (2480, 3508), "white")
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 50)
    draw.text((300, 480), "Số:", fill="black", font=font)
    draw.text((400, 470), number, fill=ink, font=ImageFont.truetype(FONT, 62))
    draw.text((560, 480), "/KH-UBND", fill="black", font=font)
    return page


def first_reading(text: str) -> ocr.OcrPage:
    """Page 1 as the whole-page reading left it: the number line at 116 pt (480 px), misread."""
    line = ocr.OcrLine(top=115.0, text=text, words=[(0, len(text), 40.0)], left=72.0, right=330.0)
    return ocr.OcrPage(page=1, lines=[line], confidence=70.0, height=842.0, width=595.0)


def test_a_number_in_blue_pen_is_read_from_its_strokes():
    page = handwritten.reread(first_reading("Só:¿1}/KH-UBND"), header_page(), DPI)
    assert page.lines[0].text == "Só:317 /KH-UBND"


def test_a_number_read_well_the_first_time_is_kept():
    page = handwritten.reread(first_reading("Số: 317/KH-UBND"), header_page(), DPI)
    assert page.lines[0].text == "Số: 317/KH-UBND"


def test_black_type_and_a_grey_page_give_no_mark():
    assert handwritten.blue_marks(header_page(ink="black"), DPI) == []
    grey = header_page().convert("L")
    page = handwritten.reread(first_reading("Só:¿1}/KH-UBND"), grey, DPI)
    assert page.lines[0].text == "Só:¿1}/KH-UBND"


def test_a_red_seal_is_no_blue_mark():
    page = header_page(ink=(200, 30, 40))
    assert handwritten.blue_marks(page, DPI) == []


def test_a_colour_photo_or_scan_file_keeps_its_first_page_in_colour(tmp_path):
    path = tmp_path / "trang1.png"
    header_page().save(path, dpi=(300, 300))
    frames = ocr.image_frames(path)
    assert frames[0][0].mode == "RGB" and round(frames[0][1]) == 300
    grey = tmp_path / "xam.png"
    header_page().convert("L").save(grey)
    assert ocr.image_frames(grey)[0][0].mode == "L"
