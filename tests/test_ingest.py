"""Stage 1, ingest: real files of every supported kind, built here, read back as lines of text."""
from __future__ import annotations

import re
import unicodedata
import zipfile

import pytest
from fixtures import PARTY_BANNER, AdminDoc, long_plan, pdf_pages, state_decision, to_docx, to_pdf

from pipeline.read.base import IngestError
from pipeline.read.ingest import ingest
from pipeline.read.normalize import normalize

VIETNAMESE = "Ủy ban nhân dân tỉnh Khánh Hòa thông báo lịch tiếp công dân định kỳ; những kiến nghị đã gửi sẽ được trả lời sớm."
TONES = "\u0300\u0301\u0303\u0309\u0323"


def lines_of(text: str) -> list[str]:
    return [l.strip() for l in text.split("\n") if l.strip()]


def error_code(path) -> str:
    with pytest.raises(IngestError) as err:
        ingest(path)
    return err.value.code


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as old Vietnamese files hold it: base letters precomposed, tones combining."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
            out += base.encode("cp1258") + "".join(c for c in parts if c in TONES).encode("cp1258")
    return bytes(out)


# ------------------------------------------------------------------ plain text

@pytest.mark.parametrize("encoding,prefix", [
    ("utf-8", b""),
    ("utf-8", b"\xef\xbb\xbf"),
    ("utf-16-le", b"\xff\xfe"),
    ("utf-16-be", b"\xfe\xff"),
])
def test_text_in_unicode_encodings(tmp_path, encoding, prefix):
    path = tmp_path / "vanban.txt"
    path.write_bytes(prefix + VIETNAMESE.encode(encoding))
    got = ingest(path)
    assert got.format == "txt"
    assert got.wrapped is True
    assert got.text.strip() == VIETNAMESE  # no BOM left in the text


def test_text_in_windows_1258(tmp_path):
    path = tmp_path / "old.txt"
    data = to_cp1258(VIETNAMESE)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the file really is not UTF-8
    path.write_bytes(data)
    got = ingest(path)
    assert unicodedata.normalize("NFC", got.text) == VIETNAMESE
    assert normalize(got.text, "txt", True).text == VIETNAMESE


def test_markdown_keeps_its_format(tmp_path):
    path = tmp_path / "seed.md"
    path.write_text("**KẾ HOẠCH**\n\nI- MỤC ĐÍCH, YÊU CẦU\n", encoding="utf-8")
    got = ingest(path)
    assert got.format == "md"
    assert "KẾ HOẠCH" in got.text


# ------------------------------------------------------------------ DOCX

def test_docx_header_table_reads_left_column_then_right(tmp_path):
    path = to_docx(state_decision(), tmp_path / "qd.docx")
    got = ingest(path)
    assert got.format == "docx"
    lines = lines_of(got.text)
    order = ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số: 1441/QĐ-UBND",
             "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
             "Lâm Đồng, ngày 25 tháng 9 năm 2025", "QUYẾT ĐỊNH"]
    positions = [lines.index(x) for x in order]
    assert positions == sorted(positions)


def test_docx_signature_table_reads_recipients_then_signer(tmp_path):
    got = ingest(to_docx(state_decision(), tmp_path / "qd.docx"))
    lines = lines_of(got.text)
    order = ["Nơi nhận:", "- Như Điều 3;", "- Lưu: VT, NC.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Bình"]
    positions = [lines.index(x) for x in order]
    assert positions == sorted(positions)


def test_docx_data_table_becomes_pipe_rows(tmp_path):
    table = [["STT", "Chỉ tiêu", "Kết quả"], ["1", "Hồ sơ trực tuyến", "95%"],
             ["2", "Hồ sơ đúng hạn", "98%"], ["3", "Thủ tục công bố", "120"], ["4", "Văn bản số hóa", "100%"]]
    doc = state_decision()
    doc.body = [*doc.body[:4], table, *doc.body[4:]]
    lines = lines_of(ingest(to_docx(doc, tmp_path / "t.docx")).text)
    assert "STT | Chỉ tiêu | Kết quả" in lines
    assert "2 | Hồ sơ đúng hạn | 98%" in lines
    # the rows stay in place between the paragraphs around the table
    assert lines.index("STT | Chỉ tiêu | Kết quả") > lines.index(doc.body[3])
    assert lines.index("4 | Văn bản số hóa | 100%") < lines.index("QUYẾT ĐỊNH:")


def test_docx_paragraph_text_keeps_emphasis_words(tmp_path):
    doc = state_decision(body=["Phong trào thi đua “*Dân vận khéo*” giai đoạn **2016 - 2020**."])
    text = ingest(to_docx(doc, tmp_path / "e.docx")).text
    assert "Phong trào thi đua “Dân vận khéo” giai đoạn 2016 - 2020." in text


# ------------------------------------------------------------------ PDF

def party_plan() -> AdminDoc:
    return AdminDoc(issuer=["TỈNH ỦY BÌNH THUẬN", "BAN DÂN VẬN", "*"], number="Số 21-KH/BDVTU",
                    national=list(PARTY_BANNER), place_date="Bình Thuận, ngày 05 tháng 01 năm 2021",
                    type_word="KẾ HOẠCH", title=["tổng kết phong trào thi đua “Dân vận khéo”"],
                    body=["I- MỤC ĐÍCH, YÊU CẦU", "Nhân rộng những mô hình hay của phong trào thi đua ở cơ sở."],
                    recipients=["Nơi nhận:", "- Ban Dân vận Trung ương,", "- Lưu."],
                    signature=["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "", "Dương Văn An"])


def test_pdf_two_column_header_is_split(tmp_path):
    got = ingest(to_pdf(party_plan(), tmp_path / "kh.pdf"))
    assert got.format == "pdf"
    lines = lines_of(got.text)
    for whole in ["TỈNH ỦY BÌNH THUẬN", "ĐẢNG CỘNG SẢN VIỆT NAM", "BAN DÂN VẬN", "Số 21-KH/BDVTU",
                  "Bình Thuận, ngày 05 tháng 01 năm 2021", "KẾ HOẠCH"]:
        assert whole in lines, f"{whole!r} is not a line of its own: {lines[:8]}"


def test_pdf_signature_columns_are_split(tmp_path):
    lines = lines_of(ingest(to_pdf(party_plan(), tmp_path / "kh.pdf")).text)
    for whole in ["Nơi nhận:", "T/M BAN THƯỜNG VỤ", "- Ban Dân vận Trung ương,", "PHÓ BÍ THƯ", "Dương Văn An"]:
        assert whole in lines


def test_pdf_page_numbers_and_running_header_are_dropped(tmp_path):
    running = "Kế hoạch số 4088/KH-UBND của UBND tỉnh Bình Thuận"
    doc = long_plan()
    path = to_pdf(doc, tmp_path / "long.pdf", running_header=running, page_numbers=True)
    pages = pdf_pages(path)
    assert pages >= 3
    got = ingest(path)
    assert len(got.page_starts) == pages
    assert running not in got.text
    assert not [l for l in lines_of(got.text) if re.fullmatch(r"\d{1,3}", l)]
    # the body itself is all there, the last page's text included
    norm = normalize(got.text, got.format, got.wrapped).text
    headings = [b for b in doc.body if re.match(r"^\d+\. Nhiệm vụ", b)]
    assert all(h in norm.split("\n") for h in headings)
    assert norm.count("báo cáo kết quả về Sở Nội vụ") == sum(1 for b in doc.body if "Sở Nội vụ" in b)


def test_pdf_wrapped_lines_rejoin_into_paragraphs(tmp_path):
    paragraph = ("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư; "
                 "Ủy ban nhân dân tỉnh giao các sở, ban, ngành phối hợp triển khai thực hiện nghiêm túc, "
                 "đồng bộ và hiệu quả các nội dung của kế hoạch này trong năm 2025.")
    doc = state_decision(body=[paragraph, "Điều 1. Quyết định này có hiệu lực kể từ ngày ký."])
    got = ingest(to_pdf(doc, tmp_path / "wrap.pdf"))
    assert got.wrapped is True
    assert paragraph not in got.text.split("\n")  # the page really wrapped it
    norm = normalize(got.text, got.format, got.wrapped).text.split("\n")
    assert paragraph in norm
    assert "Điều 1. Quyết định này có hiệu lực kể từ ngày ký." in norm


# ------------------------------------------------------------------ errors and sniffing

def test_empty_file(tmp_path):
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    assert error_code(path) == "empty_file"


def test_corrupt_docx(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 50)
    assert error_code(path) == "corrupt_docx"


def test_truncated_docx(tmp_path):
    good = to_docx(state_decision(), tmp_path / "good.docx").read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(good[: len(good) // 2])
    assert error_code(path) == "corrupt_docx"


def test_zip_that_is_not_a_word_file(tmp_path):
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "not a document")
    assert error_code(path) == "unsupported_format"


def test_binary_named_txt(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 20)
    assert error_code(path) == "binary_content"


def test_binary_named_pdf_says_it_holds_no_pdf(tmp_path):
    """Bytes with no `%PDF` header behind a `.pdf` name: the error says the name promised a PDF, not only that the
    bytes are no text (the code stays the one other systems count)."""
    path = tmp_path / "scan.pdf"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(IngestError) as err:
        ingest(path)
    assert err.value.code == "binary_content"
    assert "name says PDF" in err.value.message


def test_corrupt_pdf(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj garbage endobj\n%%EOF\n")
    assert error_code(path) == "corrupt_pdf"


def test_encrypted_pdf(tmp_path):
    path = to_pdf(state_decision(), tmp_path / "locked.pdf", user_password="mat-khau")
    assert error_code(path) == "encrypted_pdf"


def test_pdf_with_owner_password_only_is_read(tmp_path):
    # restrictions without a password to open: readers open it, so must we
    path = to_pdf(state_decision(), tmp_path / "restricted.pdf", owner_password="chu-so-huu")
    assert "Số: 1441/QĐ-UBND" in lines_of(ingest(path).text)


def test_wrong_extension_is_sniffed(tmp_path):
    pdf = to_pdf(state_decision(), tmp_path / "a.pdf")
    docx = to_docx(state_decision(), tmp_path / "b.docx")
    as_docx = tmp_path / "really-a-pdf.docx"
    as_docx.write_bytes(pdf.read_bytes())
    as_txt = tmp_path / "really-a-docx.txt"
    as_txt.write_bytes(docx.read_bytes())
    assert ingest(as_docx).format == "pdf"
    assert ingest(as_txt).format == "docx"
    assert "Số: 1441/QĐ-UBND" in lines_of(ingest(as_txt).text)


def test_missing_file(tmp_path):
    assert error_code(tmp_path / "nowhere.pdf") == "unreadable"
