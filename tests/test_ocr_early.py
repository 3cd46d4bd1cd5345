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


def test_pages_are_read_first_then_from_the_last_back():
    from pipeline.read.pdf import reading_order

    assert reading_order(0) == [] and reading_order(1) == [0]
    assert reading_order(4) == [0, 3, 2, 1]
    assert sorted(reading_order(9)) == list(range(9))


@needs_tesseract
def test_a_scanned_last_page_is_set_to_ocr_before_the_pages_between_are_read(tmp_path, monkeypatch):
    """Two text pages then a scanned one (a signature page scanned from paper): its OCR starts once the
    first page is read, not after every page; the record is the one a reading in page order gives."""
    import pypdfium2 as pdfium
    from fpdf import FPDF

    from pipeline.read import pdf as pdf_reader
    from pipeline.read.ocr.early import EarlyOcr
    from pipeline.run.process import process_file

    text = FPDF(unit="pt", format="A4")
    text.add_font("DejaVu", "", FONT)
    text.set_font("DejaVu", size=12)
    for lines in (["ỦY BAN NHÂN DÂN HUYỆN ĐẠ TẺH", "KẾ HOẠCH", "Tổ chức kiểm tra công tác văn thư năm học mới"],
                  ["II. TỔ CHỨC THỰC HIỆN", "1. Phòng Nội vụ chủ trì, phối hợp với các đơn vị liên quan"]):
        text.add_page()
        for i, line in enumerate(lines * 6):
            text.text(70, 80 + 20 * i, line)
    scan = tmp_path / "scan.pdf"
    _page(["Nơi nhận:", "- Như trên;", "CHỦ TỊCH", "Trần Văn Bình"]).save(scan, resolution=200)
    path = tmp_path / "mixed.pdf"
    doc = pdfium.PdfDocument(bytes(text.output()))
    doc.import_pages(pdfium.PdfDocument(str(scan)))
    doc.save(str(path))
    doc.close()

    events = []
    read, start = pdf_reader.page_chars, EarlyOcr.start
    monkeypatch.setattr(pdf_reader, "page_chars", lambda page, *a: events.append("read") or read(page, *a))
    monkeypatch.setattr(EarlyOcr, "start", lambda self, pdf, i: events.append(f"ocr {i}") or start(self, pdf, i))
    rec = process_file(path)
    assert events[:3] == ["read", "read", "ocr 2"]           # page 1, page 3, its OCR; then page 2
    assert rec["reader"] == "pdfium+tesseract" and "Trần Văn Bình" in rec["text"]

    monkeypatch.setattr(pdf_reader, "reading_order", lambda n: list(range(n)))
    assert process_file(path) == rec
