"""Digitally signed PDFs: the number and day a signature stamp prints, the signatures, the reader.

Since e-signing, signed PDFs often carry `Số: 542` and `ngày 06` only in the appearance of the
signature widget the signing software adds; the page's own text layer reads `Số:   /TB-UBND`.
The PDFs here are built in code the way signing tools leave them: fpdf2 writes the page, and an
incremental update adds a /Sig field whose /Contents is a real detached PKCS#7 (made with
`cryptography`) and a Widget whose appearance stream draws the number and day over the blanks,
as text or as images. Nothing is mocked: the real readers, PDFium and Tesseract run.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import zlib
from pathlib import Path

import pytest

from pipeline.read.ingest import ingest
from pipeline.read.ocr import ocr
from pipeline.read.stamps import stamped_date
from pipeline.run.process import process_file
from pipeline.schema import validate


FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
PAGE_H = 841.89
SIZE = 12
SIGNER = "Nguyễn Thị Hồng Nhung"
CA = "Cơ quan chứng thực số Thử nghiệm"
SIGNED_M = "D:20241106091530+07'00'"
SIGNATURE = {"signer": SIGNER, "signed_at": "2024-11-06T09:15:30+07:00", "issuer_ca": CA}

needs_tesseract = pytest.mark.skipif(not ocr.available(), reason="tesseract with `vie` is not installed")

# ------------------------------------------------------------------ signed-looking PDFs, built in code

def make_pkcs7(signer: str = SIGNER, ca: str = CA, data: bytes = b"signed bytes") -> bytes:
    """A detached PKCS#7 SignedData by a certificate (CN `signer`) issued by a CA (CN `ca`)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs7
    from cryptography.x509.oid import NameOID

    now = dt.datetime(2024, 11, 1, tzinfo=dt.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, ca),
                         x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")])
    ca_cert = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
               .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now).not_valid_after(now + dt.timedelta(days=3650))
               .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
               .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, signer),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Ủy ban nhân dân tỉnh Lâm Đồng"),
                      x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(ca_name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now).not_valid_after(now + dt.timedelta(days=730))
            .sign(ca_key, hashes.SHA256()))
    return (pkcs7.PKCS7SignatureBuilder().set_data(data).add_signer(cert, key, hashes.SHA256())
            .add_certificate(ca_cert)
            .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature]))


def _page(print_name: bool = True) -> tuple[bytes, dict]:
    """The unsigned page; returns the PDF and where the blanks are (x in points, baseline)."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.set_creation_date(dt.datetime(2024, 11, 6, tzinfo=dt.timezone.utc))
    pdf.add_font("DejaVu", "", FONT)
    pdf.set_font("DejaVu", size=SIZE)
    pdf.add_page()

    def centred(text: str, cx: float, y: float, size: float = SIZE) -> None:
        pdf.set_font_size(size)
        pdf.text(cx - pdf.get_string_width(text) / 2, y, text)
        pdf.set_font_size(SIZE)

    centred("ỦY BAN NHÂN DÂN", 150, 60, 11)
    centred("TỈNH LÂM ĐỒNG", 150, 75, 11)
    centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 410, 60, 11)
    centred("Độc lập - Tự do - Hạnh phúc", 410, 75, 11)
    spots = {}
    y = 105
    x = 90
    pdf.text(x, y, "Số:")
    spots["number"] = x + pdf.get_string_width("Số:") + 6
    pdf.text(x + pdf.get_string_width("Số:") + 40, y, "/TB-UBND")
    x = 300
    head = "Lâm Đồng, ngày"
    pdf.text(x, y, head)
    spots["day"] = x + pdf.get_string_width(head) + 7
    pdf.text(x + pdf.get_string_width(head) + 30, y, "tháng 11 năm 2024")
    spots["baseline"] = y
    centred("THÔNG BÁO", 297, 150, 14)
    centred("Kết luận của Chủ tịch Ủy ban nhân dân tỉnh tại cuộc họp về công tác cải cách hành chính", 297, 170)
    body = [
        "Ngày 04 tháng 11 năm 2024, Chủ tịch Ủy ban nhân dân tỉnh chủ trì cuộc họp về công tác",
        "cải cách hành chính. Sau khi nghe Sở Nội vụ báo cáo và ý kiến của các đại biểu dự họp,",
        "Chủ tịch Ủy ban nhân dân tỉnh kết luận như sau:",
        "1. Giao Sở Nội vụ chủ trì, phối hợp với các sở, ngành hoàn thành báo cáo trước ngày",
        "30 tháng 11 năm 2024.",
        "2. Các sở, ban, ngành tổ chức thực hiện nghiêm túc các nội dung trên.",
    ]
    for i, line in enumerate(body):
        pdf.text(70, 210 + 18 * i, line)
    pdf.text(70, 360, "Nơi nhận:")
    pdf.text(70, 375, "- Như trên;")
    pdf.text(70, 390, "- Lưu: VT.")
    centred("KT. CHỦ TỊCH", 420, 360)
    centred("PHÓ CHỦ TỊCH", 420, 375)
    if print_name:                                   # else the name is only in the signature's image
        centred("Nguyễn Thị Hồng Nhung", 420, 450)
    return bytes(pdf.output()), spots


def _obj_text(data: bytes, num: int) -> bytes:
    m = re.search(rb"(?<![0-9])%d 0 obj\s*(<<.*?>>)\s*endobj" % num, data, re.S)
    if not m:
        raise ValueError(f"object {num} not found")
    return m.group(1)


def _stream(dict_body: bytes, data: bytes) -> bytes:
    return b"<< " + dict_body + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def _digits_image(text: str, height_px: int = 90) -> tuple[bytes, int, int]:
    """`text` drawn in black on white, greyscale, as raw pixels (for an image-only stamp)."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, int(height_px * 0.8))
    left, top, right, bottom = font.getbbox(text)
    w, h = right - left + 16, height_px
    im = Image.new("L", (w, h), 255)
    ImageDraw.Draw(im).text((8 - left, (h - (bottom - top)) // 2 - top), text, fill=0, font=font)
    return im.tobytes(), w, h


def signed_pdf(path: str | Path, number: str = "542", day: str = "06", as_image: bool = False,
               pkcs7: bytes | None = None, print_name: bool = True) -> Path:
    """Write the signed-looking PDF to `path`.

    One signature Widget spans the header row; its appearance draws `number` over the blank of
    `Số:` and `day` over the blank of `ngày` (with Helvetica text, or as images when `as_image`).
    """
    base, spots = _page(print_name=print_name)
    root = int(re.search(rb"/Root (\d+) 0 R", base).group(1))
    page_num = next(int(n) for n in re.findall(rb"(\d+) 0 obj", base)
                    if re.search(rb"/Type\s*/Page\b(?!s)", _obj_text(base, int(n))))
    size = int(re.findall(rb"/Size (\d+)", base)[-1])
    prev = int(re.findall(rb"startxref\s+(\d+)", base)[-1])
    sig, widget, ap, font, img1, img2 = range(size, size + 6)

    rect_left, rect_right = spots["number"] - 4, spots["day"] + 30
    base_y = PAGE_H - spots["baseline"]                     # the row's baseline, bottom-up
    rect_bottom, rect_top = base_y - 6, base_y + 14
    w, h = rect_right - rect_left, rect_top - rect_bottom
    objects: dict[int, bytes] = {}
    if as_image:
        ops = []
        for num, (text, x) in ((img1, (number, spots["number"])), (img2, (day, spots["day"]))):
            pixels, pw, ph = _digits_image(text)
            iw, ih = pw * 12 / ph, 12.0                         # 12 points high, as a line of text
            objects[num] = _stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                                   b"/BitsPerComponent 8 /Filter /FlateDecode" % (pw, ph), zlib.compress(pixels))
            ops.append(b"q %.2f 0 0 %.2f %.2f %.2f cm /Im%d Do Q" % (iw, ih, x - rect_left, base_y - 2.5 - rect_bottom, num))
        resources = b"/XObject << /Im%d %d 0 R /Im%d %d 0 R >>" % (img1, img1, img2, img2)
        content = b"\n".join(ops)
    else:
        objects[font] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
        resources = b"/Font << /F1 %d 0 R >>" % font
        content = (b"BT /F1 12 Tf %.2f %.2f Td (%s) Tj ET\nBT /F1 12 Tf %.2f %.2f Td (%s) Tj ET"
                   % (spots["number"] - rect_left, base_y - rect_bottom, number.encode(),
                      spots["day"] - rect_left, base_y - rect_bottom, day.encode()))
    objects[ap] = _stream(b"/Type /XObject /Subtype /Form /BBox [0 0 %.2f %.2f] /Resources << %s >>"
                          % (w, h, resources), content)
    contents = pkcs7 if pkcs7 is not None else make_pkcs7()
    placeholder = contents.hex().upper().encode().ljust(8192, b"0")
    objects[sig] = (b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached "
                    b"/ByteRange [0 0 0 0] /M (%s) /Name (%s) /Contents <%s> >>"
                    % (SIGNED_M.encode(), b"signer", placeholder))
    objects[widget] = (b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) /V %d 0 R /F 132 "
                       b"/Rect [%.2f %.2f %.2f %.2f] /P %d 0 R /AP << /N %d 0 R >> >>"
                       % (sig, rect_left, rect_bottom, rect_right, rect_top, page_num, ap))
    catalog = _obj_text(base, root)
    objects[root] = catalog[:-2] + b" /AcroForm << /Fields [%d 0 R] /SigFlags 3 >> >>" % widget
    page = _obj_text(base, page_num)
    objects[page_num] = page[:-2] + b" /Annots [%d 0 R] >>" % widget

    out = io.BytesIO()
    out.write(base if base.endswith(b"\n") else base + b"\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = out.tell()
        out.write(b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n")
    for num in sorted(offsets):
        out.write(b"%d 1\n%010d 00000 n \n" % (num, offsets[num]))
    out.write(b"trailer\n<< /Size %d /Root %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n"
              % (max(size, *offsets) + 1, root, prev, xref))
    path = Path(path)
    path.write_bytes(out.getvalue())
    return path


def image_pdf(path: str | Path) -> Path:
    """An ordinary text PDF with a picture on it (a logo): PDFium must read it, not pdfplumber."""
    from fpdf import FPDF
    from PIL import Image

    pdf = FPDF(unit="pt", format="A4")
    pdf.add_font("DejaVu", "", FONT)
    pdf.set_font("DejaVu", size=SIZE)
    pdf.add_page()
    lines = ["ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "Số: 123/KH-UBND", "KẾ HOẠCH",
             "Triển khai công tác chuyển đổi số năm 2025 trên địa bàn tỉnh Lâm Đồng",
             "Ủy ban nhân dân tỉnh ban hành kế hoạch triển khai công tác chuyển đổi số",
             "năm 2025 với các nội dung chủ yếu như sau, các sở, ngành thực hiện."]
    for i, line in enumerate(lines):
        pdf.text(70, 80 + 20 * i, line)
    logo = Image.new("RGB", (120, 120), (200, 30, 30))
    pdf.image(logo, x=420, y=200, w=90, h=90)
    path = Path(path)
    pdf.output(str(path))
    return path


# ------------------------------------------------------------------ the reader

def test_image_pdf_is_read_by_pdfium(tmp_path):
    """pypdfium2 5 has no `PdfImage.get_pos`: a PDF with a picture once fell back to pdfplumber
    without a word. Now PDFium reads it, and the record says so."""
    rec = process_file(image_pdf(tmp_path / "logo.pdf"))
    assert rec["status"] == "ok"
    assert rec["reader"] == "pdfium"
    assert rec["reader_fallback"] is None
    assert rec["signatures"] == []
    assert rec["metadata"]["identifier"] == "123/KH-UBND"


def test_image_share_sees_the_picture(tmp_path):
    import pypdfium2 as pdfium

    from pipeline.read.pdfium_text import image_share

    pdf = pdfium.PdfDocument(str(image_pdf(tmp_path / "logo.pdf")))
    try:
        page = pdf[0]
        share = image_share(page)
        page.close()
    finally:
        pdf.close()
    assert share == pytest.approx(90 * 90 / (595.28 * 841.89), rel=0.01)


def test_every_record_names_its_reader(tmp_path):
    txt = tmp_path / "a.txt"
    txt.write_text("KẾ HOẠCH\nTriển khai công tác chuyển đổi số năm 2025 trên địa bàn tỉnh\n", encoding="utf-8")
    rec = process_file(txt)
    assert (rec["reader"], rec["reader_fallback"], rec["signatures"]) == ("text", None, [])
    assert ingest(txt).reader == "text"


# ------------------------------------------------------------------ signatures and stamps

def test_signed_pdf_takes_number_and_day_from_the_stamp(tmp_path):
    rec = process_file(signed_pdf(tmp_path / "signed.pdf"))
    meta = rec["metadata"]
    assert meta["identifier"] == "542/TB-UBND"
    assert meta["issued_date"] == "2024-11-06"
    assert meta["doc_type"] == "Thông báo"
    assert rec["signatures"] == [SIGNATURE]
    assert rec["reader"] == "pdfium" and rec["reader_fallback"] is None
    assert re.search(r"Số: 542 ?/TB-UBND", rec["text"])
    assert "ngày 06 tháng 11 năm 2024" in rec["text"]
    validate(rec)


def test_a_block_that_prints_no_name_takes_the_signing_certificates(tmp_path):
    """The name is only in the signature's image: the signing certificate's common name stands in for it,
    and the record says so; an office's certificate (`SỞ NỘI VỤ`) names no signer."""
    rec = process_file(signed_pdf(tmp_path / "signed.pdf", print_name=False))
    signer = rec["metadata"]["signer"]
    assert (signer["name"], signer["title"], signer["name_from"]) == (SIGNER, "Phó Chủ tịch", "signature certificate")
    validate(rec)
    office = process_file(signed_pdf(tmp_path / "office.pdf", print_name=False, pkcs7=make_pkcs7(signer="SỞ NỘI VỤ")))
    assert office["metadata"]["signer"]["name"] is None
    named = process_file(signed_pdf(tmp_path / "named.pdf"))
    assert "name_from" not in named["metadata"]["signer"]


@needs_tesseract
def test_image_stamp_is_read_by_ocr(tmp_path):
    """A stamp that is only an image: the blank number and day of page 1 are OCR'd."""
    rec = process_file(signed_pdf(tmp_path / "signed.pdf", as_image=True))
    assert rec["metadata"]["identifier"] == "542/TB-UBND"
    assert rec["metadata"]["issued_date"] == "2024-11-06"
    assert rec["signatures"] == [SIGNATURE]


def test_a_stamp_that_draws_text_is_told_from_one_that_draws_an_image(tmp_path):
    """Only a page whose annotations draw text can gain characters when flattened (`stamps.flatten`): a
    page whose signature draws an image only is not flattened and read again past page 1."""
    import pypdfium2 as pdfium

    from pipeline.read import stamps

    for as_image, draws in ((False, True), (True, False)):
        pdf = pdfium.PdfDocument(str(signed_pdf(tmp_path / f"signed-{as_image}.pdf", as_image=as_image)))
        try:
            page = pdf[0]
            assert stamps.widget_rects(page) and stamps.appearances_draw_text(page) is draws
            page.close()
        finally:
            pdf.close()


def test_unsigned_blank_header_stays_null(tmp_path):
    """A draft with the same blanks and no signature: nothing is added, the values stay null."""
    data, _ = _page()
    path = tmp_path / "draft.pdf"
    path.write_bytes(data)
    rec = process_file(path)
    assert rec["metadata"]["identifier"] is None
    assert rec["metadata"]["issued_date"] is None
    assert rec["signatures"] == []
    signed = process_file(signed_pdf(tmp_path / "signed.pdf"))
    # the stamp adds its two values and nothing else
    assert signed["text"].replace(" 542 ", " ").replace("ngày 06 ", "ngày ") \
        .replace("Số: 542/", "Số: /") == rec["text"]


def test_signature_without_certificate_keeps_its_time(tmp_path):
    rec = process_file(signed_pdf(tmp_path / "signed.pdf", pkcs7=b"\x30\x03\x02\x01\x01"))
    assert rec["signatures"] == [{"signer": None, "signed_at": "2024-11-06T09:15:30+07:00", "issuer_ca": None}]
    assert rec["metadata"]["identifier"] == "542/TB-UBND"


def test_stamped_signing_time_fills_a_blank_day():
    page = ("Số: 2061/QĐ-UBND\nThời gian ký: 2026-05-13T14:41:57+07:00\nDANH MỤC\n"
            "(Ban hành kèm theo Quyết định số: /QĐ-UBND ngày tháng 5 năm 2026 của UBND tỉnh)")
    assert stamped_date(page) == "2026-05-13"
    assert stamped_date(page.replace("tháng 5", "tháng 6")) is None        # another month: not this one
    assert stamped_date(page.replace("ngày tháng", "ngày 12 tháng")) is None  # the day is printed
    assert stamped_date("Ký bởi: Sở Nội vụ\nNgày ký: 13/05/2026 10:20\nngày   tháng 5 năm 2026") == "2026-05-13"


# ------------------------------------------------------------------ real signed PDFs

WIDE = [  # file, what page 1 shows (pdftotext -layout): number, date
    ("0002_hcm-sgddt-cv4646-tccb.pdf", "4646/SGDĐT-TCCB", "2025-11-14"),
    ("0003_hcm-ubnd-qd2858-dutoan-signed.pdf", "2858/QĐ-UBND", "2025-11-21"),
    ("0005_hcm-thpt-phuocbuu-kh230-startup.pdf", "230/KH-THPT.PB", "2025-11-14"),
    ("0011_bxd-vienkientruc-cv185-gopy.pdf", "185/VKTQG-QLKH", "2026-03-26"),
    ("0016_ubndtinh-qd2061-phuluc-danhmuc-signed.pdf", "2061/QĐ-UBND", "2026-05-13"),
]


@pytest.mark.parametrize("name,identifier,issued", WIDE)
def test_wide_signed_pdfs(shared_dir, name, identifier, issued):
    path = shared_dir / "corpus" / "wide" / name
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    rec = process_file(path)
    assert (rec["metadata"]["identifier"], rec["metadata"]["issued_date"]) == (identifier, issued)
    assert rec["reader"] == "pdfium" and rec["reader_fallback"] is None
    assert rec["signatures"] and all(s["signer"] and s["signed_at"] and s["issuer_ca"] for s in rec["signatures"])
