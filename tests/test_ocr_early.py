"""Pages set to OCR while a PDF's text layer is still being read (pipeline/read/ocr/early.py) read as the
usual stream reads them; a page the settled list leaves out is dropped. Pages and lines are invented."""
from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.read.ocr import ocr
from pipeline.read.ocr.early import EarlyOcr

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
needs_tesseract = pytest.mark.skipif(not ocr.available(), reason="tesseract-ocr-vie is not installed")


def _page(lines: list[str]) -> Image.Image:
    page = Image.new("L", (1654, 2339), 255)          # A4 at 200 dpi
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 36)
    for i, line in enumerate(lines):
        draw.text((150, 200 + 70 * i), line, font=font, fill=0)
    return page


@needs_tesseract
def test_a_page_started_early_reads_as_the_stream_reads_it(tmp_path):
    import pypdfium2 as pdfium

    path = tmp_path / "scan.pdf"
    first = _page(["Ủy ban nhân dân xã Đông Hòa", "Về việc sửa chữa trường mầm non"])
    second = _page(["Điều 2. Giao Văn phòng theo dõi", "Điều 3. Quyết định có hiệu lực từ ngày ký"])
    first.save(path, save_all=True, append_images=[second], resolution=200)
    early = EarlyOcr(2)
    pdf = pdfium.PdfDocument(str(path))
    try:
        early.start(pdf, 0)
        early.start(pdf, 1)
    finally:
        pdf.close()
    try:
        got = ocr.ocr_pdf_pages(path, [1], early=early)     # page 1 started but not settled: dropped
    finally:
        early.close()
    plain = ocr.ocr_pdf_pages(path, [1])
    assert [p.page for p in got] == [2]
    assert [(ln.text, ln.words) for ln in got[0].lines] == [(ln.text, ln.words) for ln in plain[0].lines]
    assert "Điều 3" in " ".join(ln.text for ln in got[0].lines)
