"""Documents saved from a legal database's web page: the site's banner and its own table of the document's fields
(`Số hiệu:`, `Loại văn bản:`, `Ngày ban hành:`) stand above the document's header. Every sentence here is invented."""
from pipeline.parse.structure import document_top, parse
from pipeline.run.process import process_file
from pipeline.text.spans import split_lines

PAGE_TOP = """Bản dịch này thuộc quyền sở hữu của THƯ VIỆN PHÁP LUẬT.
CÁC NỘI DUNG ĐƯỢC SỬA ĐỔI, HƯỚNG DẪN
Click vào phần bôi vàng để xem chi tiết.
Đang tải văn bản...
Số hiệu:
{number}
Loại văn bản:
{kind}
Nơi ban hành:
Tỉnh Hòa Bình
Người ký:
Trần Văn Bình
Ngày ban hành:
20/03/2025
Tình trạng:
Đã biết
"""

DECISION = """ỦY BAN NHÂN
DÂN
TỈNH HÒA BÌNH
--------
CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 88/QĐ-UBND
Hòa Bình, ngày 20 tháng 3 năm 2025
QUYẾT ĐỊNH
VỀ VIỆC PHÊ DUYỆT KẾ HOẠCH XÚC TIẾN THƯƠNG MẠI NĂM 2025
ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH
Căn cứ Luật Thương mại ngày 14/6/2005;
QUYẾT ĐỊNH:
Điều 1. Phê duyệt Kế hoạch xúc tiến thương mại năm 2025.
Điều 2. Sở Công Thương chủ trì tổ chức thực hiện.
Nơi nhận:
- Như Điều 2;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Văn Bình
"""


def test_the_header_is_read_under_the_pages_table_of_fields(tmp_path):
    path = tmp_path / "qd.txt"
    path.write_text(PAGE_TOP.format(number="88/QĐ-UBND", kind="Quyết định") + DECISION, encoding="utf-8")
    meta = process_file(path)["metadata"]
    assert (meta["doc_type"], meta["identifier"], meta["issued_date"]) == ("Quyết định", "88/QĐ-UBND", "2025-03-20")
    assert meta["issuer"] == "Ủy ban nhân dân tỉnh Hòa Bình"
    assert meta["title"].casefold().endswith("kế hoạch xúc tiến thương mại năm 2025")


def test_a_document_whose_header_opens_the_page_starts_at_its_top():
    assert document_top(split_lines(DECISION)) == 0
    # a document's own body above a motto far down: that motto is an attached document's, not the header's
    attached = DECISION + "\n".join(f"Nội dung thứ {n} của kế hoạch." for n in range(12)) + "\n" + DECISION
    assert document_top(split_lines(attached)) == 0
    assert parse(attached).metadata["identifier"] == "88/QĐ-UBND"


def test_a_letter_whose_issuer_code_reads_as_a_type_is_a_letter(tmp_path):
    letter = ("BỘ TÀI CHÍNH\nCỤC THUẾ\n--------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
              "Số: 1234/CT-CS\nV/v chính sách thuế đối với hoạt động góp vốn\nHà Nội, ngày 12 tháng 5 năm 2025\n"
              "Kính gửi: Thuế tỉnh Quảng Trị.\nCục Thuế có ý kiến như sau:\n1. Về chính sách thuế.\n"
              "Nơi nhận:\n- Như trên;\n- Lưu: VT, CS.\nKT. CỤC TRƯỞNG\nPHÓ CỤC TRƯỞNG\nNguyễn Văn An\n")
    path = tmp_path / "cv.txt"
    path.write_text(PAGE_TOP.format(number="1234/CT-CS", kind="Công văn") + letter, encoding="utf-8")
    meta = process_file(path)["metadata"]
    assert (meta["doc_type"], meta["identifier"], meta["issuer"]) == ("Công văn", "1234/CT-CS", "Cục Thuế")
    # the same code under a type word is the type's (`CHỈ THỊ`)
    directive = letter.replace("V/v chính sách thuế đối với hoạt động góp vốn\n", "").replace(
        "Kính gửi: Thuế tỉnh Quảng Trị.\n", "CHỈ THỊ\nVề tăng cường quản lý thuế\n")
    assert parse(directive).metadata["doc_type"] == "Chỉ thị"


def test_the_pages_matter_around_the_document_is_not_read(tmp_path):
    """The page's table above (`Ngày ban hành: 20/03/2025`) and its list of related documents after the signature
    (`Văn bản liên quan` / `Ban hành: 23/10/2024`, a notice citing `Nghị định 13/2023/NĐ-CP`) give no date, no
    reference and no section; the record's text is still the whole file's."""
    tail = ("Quyết định 88/QĐ-UBND năm 2025 phê duyệt Kế hoạch xúc tiến thương mại Văn bản này chưa cập nhật nội dung "
            "Tiếng Anh\nVăn bản liên quan\nBan hành:\n23/10/2024\nCập nhật:\n27/10/2024\n"
            "1. Thực hiện Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân, chúng tôi cập nhật Quy chế.\n")
    path = tmp_path / "qd.txt"
    path.write_text(PAGE_TOP.format(number="88/QĐ-UBND", kind="Quyết định") + DECISION + tail, encoding="utf-8")
    rec = process_file(path)
    assert not [d for d in rec["dates"] if d["value"].startswith(("2024", "2025-03-20"))], rec["dates"]
    assert [r["identifier"] for r in rec["references"]] == [None]          # Luật Thương mại only
    assert [s["path"] for s in rec["sections"]] == ["Điều 1", "Điều 2"]
    assert rec["text"].rstrip().endswith("chúng tôi cập nhật Quy chế.")

