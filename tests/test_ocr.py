"""OCR on scans the tests make: a document rendered to an image, degraded (noise, blur, a small
rotation, uneven light, low resolution), read by the real Tesseract, then extracted."""
from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from pipeline.read.ocr import ocr
from pipeline.read.ingest import ingest
from pipeline.read.pdf import needs_ocr
from pipeline.run.process import process_file

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
needs_tesseract = pytest.mark.skipif(not ocr.available(), reason="tesseract-ocr-vie is not installed")

DECISION = [
    "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
    "Số: 125/QĐ-UBND",
    "QUYẾT ĐỊNH",
    "Về việc thành lập Hội đồng thẩm định",
    "Căn cứ Quyết định số 1716/QĐ-UBND ngày 10 tháng 9 năm 2025 của",
    "Ủy ban nhân dân tỉnh về việc ban hành quy chế làm việc;",
    "Điều 1. Thành lập Hội đồng thẩm định gồm 7 thành viên.",
    "Điều 2. Sở Nội vụ chủ trì, phối hợp với các sở, ngành liên quan.",
]


def render(lines: list[str], dpi: int = 200, angle: float = 0.0, noise: float = 0.0, blur: float = 0.0,
           shade: bool = False, seed: int = 7) -> Image.Image:
    """A page of text as a scanner or a phone camera would give it back."""
    size = round(12 * dpi / 72)  # 12 pt
    font = ImageFont.truetype(FONT, size)
    width = round(7.5 * dpi)
    image = Image.new("L", (width, round(size * 1.8 * (len(lines) + 3))), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((round(0.6 * dpi), round(size * 1.8 * (i + 1.5))), line, font=font, fill=0)
    if angle:
        image = image.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255)
    arr = np.asarray(image, dtype=np.float32)
    if shade:  # light falling off across the page, as under a desk lamp
        arr = arr * np.linspace(1.0, 0.55, arr.shape[1])[None, :] * np.linspace(1.0, 0.8, arr.shape[0])[:, None]
    if noise:
        arr = arr + np.random.default_rng(seed).normal(0, noise, arr.shape)
    image = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    return image


def wer(reference: str, hypothesis: str) -> float:
    from difflib import SequenceMatcher
    r, h = reference.split(), hypothesis.split()
    matched = sum(m.size for m in SequenceMatcher(None, r, h, autojunk=False).get_matching_blocks())
    return 1 - matched / len(r)


# ---------------------------------------------------------------- no OCR needed

def test_triage_keeps_vietnamese_and_rejects_garbage_layers():
    vietnamese = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025; " * 3
    english_ocr = "CQNG HOA XA HQI CHU NGHIA VIET NAM DQc lap Tu do Hanh phuc Lam Dong ngay thang nam " * 2
    broken_map = "UBND 7ӌ1+ LÀO CAI 6Ӣ 1Ӝ,9Ө 7+Ï1* %È2 &È2 9ӄ 9,ӊ& 7+Ӵ& +,ӊ1 48< Ĉӎ1+ " * 2
    assert not needs_ocr(vietnamese, image_share=1.0)
    assert needs_ocr(english_ocr, image_share=1.0)
    assert needs_ocr(broken_map, image_share=0.0)
    assert needs_ocr("Ký bởi: Ủy ban nhân dân tỉnh", image_share=0.95)   # a stamp's text on a scan
    assert not needs_ocr("Trang 2", image_share=0.0)                       # a short born-digital page


def test_skew_is_measured_and_corrected():
    page = render(DECISION, dpi=150)
    tilted = page.rotate(2.0, resample=Image.BICUBIC, expand=True, fillcolor=255)
    assert abs(ocr.skew_angle(tilted) + 2.0) <= 0.3
    straight, angle = ocr.deskew(tilted)
    assert abs(angle + 2.0) <= 0.3 and abs(ocr.skew_angle(straight)) <= 0.3


@pytest.mark.parametrize("tilt", [-3.5, -0.6, 0.6, 3.5])
def test_skew_measured_from_sheared_rows_is_the_tilt(tilt):
    """The profile counted from the ink's sheared rows finds the page's tilt to the step the search takes (0.1°)."""
    page = render(DECISION, dpi=150)
    tilted = page.rotate(tilt, resample=Image.BICUBIC, expand=True, fillcolor=255)
    assert abs(ocr.skew_angle(tilted) + tilt) <= 0.15


def test_low_resolution_is_upscaled_and_light_flattened():
    photo = render(DECISION[:3], dpi=100, shade=True)
    big, dpi = ocr.upscale(photo, ocr.source_dpi(photo, 100))
    assert dpi == pytest.approx(300) and big.width == 3 * photo.width
    flat = np.asarray(ocr.flatten_light(big), dtype=np.float32)
    right_margin = flat[:, -40:]
    assert right_margin.mean() > 235          # the shaded side is paper-white again


def test_tsv_words_keep_lines_and_confidences():
    tsv = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
           "5\t1\t1\t1\t1\t1\t10\t300\t50\t20\t96.5\tSố:\n"
           "5\t1\t1\t1\t1\t2\t70\t302\t90\t20\t41.0\t125/QĐ-UBND\n"
           "5\t1\t1\t1\t2\t1\t10\t600\t90\t20\t90.0\tQUYẾT\n")
    page = ocr.parse_tsv(tsv, page=3, dpi=300, height_px=3300)
    assert [l.text for l in page.lines] == ["Số: 125/QĐ-UBND", "QUYẾT"]
    assert page.lines[0].words[1] == (4, 15, 41.0) and page.lines[0].top == pytest.approx(72.0)
    assert page.page == 3 and page.height == pytest.approx(792.0) and page.confidence == pytest.approx(75.8, abs=0.1)


def _tsv(rows: list[tuple[int, int, int, int, str]], size: tuple[int, int] = (2480, 3508)) -> str:
    """Tesseract's TSV for words given as (line, left, top, width, text), all of block 1, height 40 px."""
    out = ["level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
           f"1\t1\t0\t0\t0\t0\t0\t0\t{size[0]}\t{size[1]}\t-1\t"]
    for n, (line, left, top, width, text) in enumerate(rows):
        h = 40 if text.strip("-|") else 2
        out.append(f"5\t1\t1\t1\t{line}\t{n}\t{left}\t{top}\t{width}\t{h}\t90\t{text}")
    return "\n".join(out) + "\n"


def test_a_letters_summary_comes_after_the_date_beside_it():
    """`V/v …` beside `Lâm Đồng, ngày …` on one row: the date first, so the summary meets its next line."""
    words = "V/v góp ý dự thảo Kế hoạch".split()
    date = "Lâm Đồng, ngày 16 tháng 01 năm 2026".split()
    rows = [(1, 300 + 110 * i, 480, 100, w) for i, w in enumerate(words)]
    rows += [(1, 1250 + 110 * i, 466, 100, w) for i, w in enumerate(date)]
    rows += [(2, 300, 540, 100, "kiểm"), (2, 410, 540, 100, "tra")]
    page = ocr.parse_tsv(_tsv(rows), page=1, dpi=300, height_px=3508)
    assert [l.text for l in page.lines] == [" ".join(date), " ".join(words), "kiểm tra"]
    assert page.lines[1].left == pytest.approx(72.0) and page.width == pytest.approx(595.2)


def test_a_speck_is_no_word():
    """A 3x2 px mark beside a signer's name (a pen stroke's end) is not read as a dash before it."""
    rows = [(1, 1600, 900, 3, "-"), (1, 1640, 900, 80, "Lê"), (1, 1730, 900, 150, "Văn"), (1, 1890, 900, 120, "Tâm"),
            (2, 300, 1000, 30, "-"), (2, 340, 1000, 90, "Lưu")]
    page = ocr.parse_tsv(_tsv(rows), page=2, dpi=300, height_px=3508)
    assert [l.text for l in page.lines] == ["Lê Văn Tâm", "- Lưu"]


# ---------------------------------------------------------------- real OCR

@needs_tesseract
def test_scanned_decision_is_read_and_extracted(tmp_path):
    scan = render(DECISION, dpi=200, angle=1.2, noise=12, blur=0.8)
    path = tmp_path / "scan.png"
    scan.save(path, dpi=(200, 200))
    rec = process_file(path)
    assert rec["status"] == "ok", rec["error"]
    assert rec["format"] == "image"
    assert rec["metadata"]["identifier"] == "125/QĐ-UBND"
    assert rec["metadata"]["doc_type"] == "Quyết định"
    assert "1716/QĐ-UBND" in {r["identifier"] for r in rec["references"]}
    assert rec["ocr"]["pages"][0]["page"] == 1 and rec["ocr"]["pages"][0]["confidence"] > 75
    assert wer(" ".join(DECISION), rec["text"]) <= 0.10


@needs_tesseract
def test_phone_photo_multipage_tiff(tmp_path):
    """Page 1 a 100 dpi photo under uneven light, page 2 a clean scan: both read, pages kept apart."""
    photo = render(DECISION[4:], dpi=100, angle=-1.0, noise=6, shade=True)
    clean = render(DECISION[:2], dpi=200)
    path = tmp_path / "photos.tif"
    photo.save(path, save_all=True, append_images=[clean.resize(photo.size)], dpi=(100, 100))
    got = ingest(path)
    assert got.format == "image" and len(got.page_starts) == 2
    assert [p["page"] for p in got.ocr["pages"]] == [1, 2]
    first_page = got.text[: got.page_starts[1]]
    assert wer(" ".join(DECISION[4:]), first_page) <= 0.10
    for start, end, conf in got.ocr["low_confidence"]:
        assert 0 <= start < end <= len(got.text) and conf < ocr.LOW_CONFIDENCE


@needs_tesseract
def test_pdf_with_an_english_ocr_layer_is_read_again(tmp_path):
    fpdf = pytest.importorskip("fpdf")
    scan = render(DECISION[:4], dpi=200, angle=0.6, noise=8)
    png = tmp_path / "page.png"
    scan.save(png)
    pdf = fpdf.FPDF(unit="pt", format=(scan.width * 72 / 200, scan.height * 72 / 200))
    pdf.add_page()
    pdf.image(str(png), x=0, y=0, w=pdf.w, h=pdf.h)
    pdf.set_font("helvetica", size=10)
    pdf.text_mode = "INVISIBLE"
    pdf.set_xy(20, 20)
    pdf.multi_cell(pdf.w - 40, 12, "UY BAN NHAN DAN TINH LAM DONG CQNG HOA XA HQI CHU NGHIA VIET NAM "
                                   "So 125/QD-UBND QUYET DINH Ve viec thanh lap Hoi dong tham dinh")
    path = tmp_path / "signed.pdf"
    pdf.output(str(path))
    got = ingest(path)
    assert got.ocr and [p["page"] for p in got.ocr["pages"]] == [1]
    assert "QUYẾT ĐỊNH" in got.text and "125/QĐ-UBND" in got.text.replace(" ", "")


def render_columns(rows: list[tuple[str, str]], dpi: int = 200, angle: float = 0.0, noise: float = 0.0) -> Image.Image:
    """Two columns side by side, as a header or signature table prints them."""
    size = round(12 * dpi / 72)
    font = ImageFont.truetype(FONT, size)
    image = Image.new("L", (round(8.27 * dpi), round(size * 1.8 * (len(rows) + 3))), 255)
    draw = ImageDraw.Draw(image)
    for i, (left, right) in enumerate(rows):
        y = round(size * 1.8 * (i + 1.5))
        if left:
            draw.text((round(0.4 * dpi), y), left, font=font, fill=0)
        if right:
            draw.text((round(3.9 * dpi), y), right, font=font, fill=0)
    if angle:
        image = image.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255)
    if noise:
        arr = np.asarray(image, dtype=np.float32) + np.random.default_rng(3).normal(0, noise, image.size[::-1])
        image = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")
    return image


HEADER_ROWS = [
    ("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("TỈNH LÂM ĐỒNG", "Độc lập - Tự do - Hạnh phúc"),
    ("Số: 125/QĐ-UBND", "Lâm Đồng, ngày 10 tháng 9 năm 2025"),
    ("", "QUYẾT ĐỊNH"),
    ("", "Về việc thành lập Hội đồng thẩm định"),
    ("Điều 1. Thành lập Hội đồng thẩm định cải cách hành chính của tỉnh Lâm Đồng.", ""),
    ("Điều 2. Sở Nội vụ chủ trì, phối hợp với các sở, ngành liên quan thực hiện.", ""),
    ("Nơi nhận:", "KT. CHỦ TỊCH"),
    ("- Như Điều 2;", "PHÓ CHỦ TỊCH"),
    ("- Lưu: VT.", ""),
    ("", "Nguyễn Minh"),
]


@needs_tesseract
def test_two_column_scan_is_cut_into_columns_and_its_header_read(tmp_path):
    """Tesseract reads a header row as one line; it is cut at the gap like a PDF text layer."""
    path = tmp_path / "header.png"
    render_columns(HEADER_ROWS, angle=0.8, noise=8).save(path, dpi=(200, 200))
    rec = process_file(path)
    assert rec["status"] == "ok", rec["error"]
    lines = rec["text"].split("\n")
    assert "ỦY BAN NHÂN DÂN" in lines and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines
    assert "Nơi nhận:" in lines
    m = rec["metadata"]
    assert (m["doc_type"], m["identifier"], m["issued_date"], m["place"]) == \
        ("Quyết định", "125/QĐ-UBND", "2025-09-10", "Lâm Đồng")
    assert m["issuer"] == "Ủy ban nhân dân tỉnh Lâm Đồng"
    assert m["signer"] == {"name": "Nguyễn Minh", "title": "Phó Chủ tịch", "authority": "KT. Chủ tịch"}


@needs_tesseract
def test_pages_stream_through_the_readers_in_order():
    """A generator of pages is read in page order with the pages rendered as they are asked for."""
    drawn = []

    def pages():
        for n in range(1, 6):
            drawn.append(n)
            yield n, render([f"Trang số {n} của văn bản"], dpi=200), 200

    got = ocr.read_stream(pages(), max_workers=2)
    assert [p.page for p in got] == [1, 2, 3, 4, 5] and drawn == [1, 2, 3, 4, 5]
    assert all(f"Trang số {p.page}" in " ".join(line.text for line in p.lines) for p in got)


def test_values_carry_their_page_and_ocr_doubt():
    from pipeline.run.process import locate_values

    rec = {"page_starts": [0, 100], "ocr": {"pages": [{"page": 1}, {"page": 2}], "low_confidence": [[10, 14, 40.0], [130, 136, 51.0]]},
           "sections": [{"path": "1", "start": 0, "end": 150}],
           "references": [{"start": 5, "end": 12}, {"start": 120, "end": 129}, {"start": 136, "end": 140}],
           "dates": [{"start": 128, "end": 131}], "bodies": [], "targets": []}
    locate_values(rec)
    assert [r["page"] for r in rec["references"]] == [1, 2, 2]
    assert [r["low_confidence"] for r in rec["references"]] == [True, False, False]
    assert rec["dates"][0] == {"start": 128, "end": 131, "page": 2, "low_confidence": True}
    assert rec["sections"][0] == {"path": "1", "start": 0, "end": 150, "page": 1}   # no doubt flag on a whole section


@needs_tesseract
def test_reference_on_page_two_of_a_scan_says_so(tmp_path):
    first = render(DECISION[:4], dpi=200)
    second = render(DECISION[4:], dpi=200, noise=10)
    path = tmp_path / "two-pages.tif"
    first.save(path, save_all=True, append_images=[second.resize(first.size)], dpi=(200, 200))
    rec = process_file(path)
    ref = next(r for r in rec["references"] if r["identifier"] == "1716/QĐ-UBND")
    assert ref["page"] == 2 and isinstance(ref["low_confidence"], bool)
    assert all(s["page"] in (1, 2) for s in rec["sections"])
