"""OCR-damaged headers and closings (lines as Tesseract gave them for real scans) still give
their metadata, and nothing OCR could not read is guessed."""
from __future__ import annotations

import pytest

from pipeline.read.ocr.ocr_repair import fold, repair_line
from pipeline.parse.structure import parse

# The header and closing of a scanned decision, as our OCR read it: columns already cut
# (layout.split_columns), `ĐÒNG`/`Đông` for `ĐỒNG`, `QUYÉT`, a hand-written number and day.
SCANNED_DECISION = """ỦY BAN NHÂN DÂN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TÍNH LÂM ĐÒNG
Độc lập - Tự do - Hạnh phúc
Số: l#Œ/QĐ-UBND
Lâm Đông, ngày .Ò-} tháng 9 năm 2025
QUYÉT ĐỊNH
Về việc cho phép hợp nhất Hội Công chứng viên tỉnh Lâm Đồng
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐÒNG
Căn cứ Nghị định số 126/2024/NĐ-CP ngày 08 tháng 10 năm 2024 của Chính phủ quy định về tổ chức, hoạt động và quản lý hội;
QUYẾT ĐỊNH:
Điều 1. Cho phép hợp nhất Hội Công chứng viên.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
Nơi nhận:
KT. CHỦ TỊCH
- Như Điều 2;
PHO CHU TICH
- Lưu: VT, NC.
"""

SCANNED_LETTER = """UBND TĨNH LÂM ĐÔNG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG
Độc lập - Tự do - Hạnh phúc
Só: 1172/SNNMT-TCCB
Lâm Đông, ngày 04tháng 9 năm 2025
V/v cử đại diện lãnh đạo tham gia
Ban Vì sự tiến bộ của phụ nữ
Kính gửi: Sở Nội vụ
Sở Nông nghiệp và Môi trường nhận được Công văn số 1189/SNV-LĐVL&TN ngày 29/8/2025 của Sở Nội vụ.
"""


@pytest.mark.parametrize("damaged, read", [
    ("TÍNH LÂM ĐÒNG", "TỈNH LÂM ĐỒNG"),
    ("Lâm Đông, ngày 12 tháng 9", "Lâm Đồng, ngày 12 tháng 9"),
    ("QUYÉT ĐỊNH", "QUYẾT ĐỊNH"),
    ("GIÁY MỜI", "GIẤY MỜI"),
    ("BIẾN BẢN", "BIÊN BẢN"),
    ("KT. CHANH VAN PHONG", "KT. CHÁNH VĂN PHÒNG"),
    ("KT. GLAM ĐỌC", "KT. GIÁM ĐỐC"),                                       # OCR's l for I
    ("Só:¿92 /TB-UBND", "Số:¿92 /TB-UBND"),
    ("xem xét đề nghị của Ủy ban MTTQ", "xem xét đề nghị của Ủy ban MTTQ"),   # case of the line kept
    ("so với năm 2024 tính theo", "so với năm 2024 tính theo"),            # one syllable is never folded
])
def test_repair_reads_fixed_phrases_back_at_the_same_length(damaged, read):
    assert repair_line(damaged) == read
    assert len(repair_line(damaged)) == len(damaged)


def test_fold_keeps_one_character_for_one():
    text = "Ủy ban nhân dân tỉnh Lâm Đồng ¿ß"
    assert len(fold(text)) == len(text)
    assert fold("LÂM ĐÒNG") == fold("Lâm Đồng") == "lam dong"


def test_scanned_decision_header_and_signer():
    s = parse(SCANNED_DECISION, ocr=True)
    m = s.metadata
    assert m["doc_type"] == "Quyết định"
    assert m["issuer"] == "Ủy ban nhân dân tỉnh Lâm Đồng"
    assert m["place"] == "Lâm Đồng"
    assert m["identifier"] is None          # `l#Œ` is a hand-written number OCR could not read
    assert m["issued_date"] is None         # so is the day `.Ò-}`
    assert m["title"].startswith("cho phép hợp nhất Hội Công chứng viên")
    assert m["signer"]["authority"] == "KT. Chủ tịch"
    assert m["signer"]["title"] == "Phó Chủ tịch"
    assert [x["path"] for x in s.sections] == ["Điều 1", "Điều 2"]


def test_scanned_letter_header():
    m = parse(SCANNED_LETTER, ocr=True).metadata
    assert m["identifier"] == "1172/SNNMT-TCCB"
    assert m["issued_date"] == "2025-09-04"
    assert m["place"] == "Lâm Đồng"
    assert m["doc_type"] == "Công văn"
    assert m["issuer"] == "Sở Nông nghiệp và Môi trường tỉnh Lâm Đồng"
    assert m["title"] == "cử đại diện lãnh đạo tham gia Ban Vì sự tiến bộ của phụ nữ"


def test_a_number_line_damaged_beyond_reading_still_leaves_the_issuer_above_the_date():
    lines = SCANNED_LETTER.splitlines()
    number = next(i for i, line in enumerate(lines) if "SNNMT-TCCB" in line)
    lines[number] = "Só”//72/SNNMT-TCCB"
    m = parse("\n".join(lines) + "\n", ocr=True).metadata
    assert m["identifier"] is None
    assert m["issuer"] == "Sở Nông nghiệp và Môi trường tỉnh Lâm Đồng"


def test_garbled_day_is_not_read_as_a_date():
    text = SCANNED_LETTER.replace("ngày 04tháng", "ngày J2 tháng")
    assert parse(text, ocr=True).metadata["issued_date"] is None


def test_ocr_mode_keeps_every_offset_into_the_text():
    s = parse(SCANNED_DECISION, ocr=True)
    for sec in s.sections:
        assert SCANNED_DECISION[sec["start"]:].startswith(sec["label"])


def test_clean_text_is_read_the_same_without_ocr_mode():
    clean = SCANNED_LETTER.replace("TĨNH LÂM ĐÔNG", "TỈNH LÂM ĐỒNG").replace("Só:", "Số:").replace("Đông,", "Đồng,")
    assert parse(clean).metadata == parse(clean, ocr=True).metadata


def test_ocr_damaged_own_number_is_not_a_reference():
    from pipeline.run.process import process_text

    text = ("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSó:¿92 /TB-UBND\nLâm Đồng, ngày 12 tháng 11 năm 2025\nTHÔNG BÁO\n"
            "Kết luận của đồng chí Phó Chủ tịch\n"
            "Thực hiện Nghị quyết số 202/2025/QHI5 ngày 12/6/2025 của Quốc hội về sắp xếp đơn vị hành chính.\n")
    refs = {r["identifier"] for r in process_text("scan.txt", text)["references"]}
    assert refs == {"202/2025/QH15"}     # `QHI5`: OCR's I for 1 inside a code


def test_title_terms_get_back_the_marks_ocr_lost():
    """The hook above a hatted vowel lost or read as a tone (`thâm`, `bồ`, `đối`, `só`): the title's terms are read
    back, the rest of the line and its length kept."""
    line = "Về việc sửa đối, bố sung Quy chế thâm định chí só cải cách hành chính"
    fixed = repair_line(line)
    assert fixed == "Về việc sửa đổi, bổ sung Quy chế thẩm định chỉ số cải cách hành chính"
    assert len(fixed) == len(line)
    letter = "SỞ NỘI VỤ\nSố: 12/SNV-TCBC\nV/v góp ý Kế hoạch tông kêt nhiệm kỳ\nKính gửi: Sở Tài chính\nNội dung."
    assert parse(letter, ocr=True).metadata["title"] == "góp ý Kế hoạch tổng kết nhiệm kỳ"


# A scanned report's header as OCR gives it: its title runs over lines that hold a term and its years.
SCANNED_REPORT = """UBND HUYỆN ĐAM RÔNG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HỘI NÔNG DÂN
Độc lập - Tự do - Hạnh phúc
Số: 14/BC-HND
Đam Rông, ngày 09 tháng 3 năm 2026
BÁO CÁO
TÔNG KẾT CÔNG TÁC HỘI NHIỆM KỲ VII (2021-2026)
VÀ PHƯƠNG HƯỚNG NHIỆM KỲ VIII (2026-2031)
PHẦN I:
KẾT QUẢ THỰC HIỆN NHIỆM VỤ
Trong nhiệm kỳ qua, Hội đã vận động hội viên tham gia các phong trào thi đua.
"""


def test_a_title_line_with_years_is_no_ocr_debris():
    assert parse(SCANNED_REPORT, ocr=True).metadata["title"] == \
        "Tổng kết công tác hội nhiệm kỳ VII (2021-2026) và phương hướng nhiệm kỳ VIII (2026-2031)"
    report = SCANNED_REPORT.replace("TÔNG KẾT CÔNG TÁC HỘI NHIỆM KỲ VII (2021-2026)\nVÀ PHƯƠNG HƯỚNG NHIỆM KỲ VIII (2026-2031)",
                                    "tổng kết công tác hội\nNhiệm kỳ VII (2021-2026)")
    assert parse(report, ocr=True).metadata["title"] == "tổng kết công tác hội Nhiệm kỳ VII (2021-2026)"


@pytest.mark.parametrize("line, debris", [
    ("NHIỆM KỲ VII (2021-2026)", False), ("GIAI ĐOẠN 2026–2030", False), ("TRƯỜNG TIỂU HỌC SỐ 2", False),
    ("RIN,=T:", True), ("(1) 2-", True), ("12 34", True), ("í", True)])
def test_debris_sets_numbers_aside(line, debris):
    from pipeline.parse.header_ocr import is_debris
    assert is_debris(line) is debris


# An appendix's first lines as OCR gives them under the seal stamped over its heading.
SEALED_APPENDIX = """Biểu số 02
TỔNG HỢP KINH PHÍ SỬA CHỮA TRƯỜNG HỌC
ẞ (Kèm theo Kế hoạch số )4*UBND-VX ngày2O/ 082026 của Ủy ban nhân dân huyện Krông Nô)
STT | Tên trường | Hạng mục | Kinh phí
1 | Trường Tiểu học Nam Đà | Lợp mái | 120
"""


def test_an_appendix_line_damaged_by_a_seal_gives_type_day_and_issuer_never_a_number():
    meta = parse(SEALED_APPENDIX, ocr=True).metadata
    assert (meta["doc_type"], meta["identifier"], meta["issued_date"]) == ("Kế hoạch", None, "2026-08-20")
    assert meta["issuer"] == "Ủy ban nhân dân huyện Krông Nô"
    assert meta["title"] == "Tổng hợp kinh phí sửa chữa trường học"
    # without OCR the line is no attachment line: nothing is read from its damage
    assert parse(SEALED_APPENDIX).metadata["issued_date"] is None


def test_an_appendix_line_whose_type_word_was_lost_takes_the_type_of_its_code():
    text = SEALED_APPENDIX.replace("ẞ (Kèm theo Kế hoạch số )4*UBND-VX ngày2O/ 082026",
                                   "(Ban hàNh ) xo nà, định sói 4SZQĐ-UBND ngàylO tháng O3năm 2026")
    meta = parse(text, ocr=True).metadata
    assert (meta["doc_type"], meta["identifier"], meta["issued_date"]) == ("Quyết định", None, "2026-03-10")
    # a number read clean is kept; a lone stroke for the day is a speck on a blank day
    text = SEALED_APPENDIX.replace("ẞ (Kèm theo Kế hoạch số )4*UBND-VX ngày2O/ 082026",
                                   "(Ban hành kèm theo Quyết định số 215/QĐ-UBND ngàyl tháng 5 năm 2026")
    meta = parse(text, ocr=True).metadata
    assert (meta["doc_type"], meta["identifier"], meta["issued_date"]) == ("Quyết định", "215/QĐ-UBND", None)


SCANNED_CLOSING = """BỘ NỘI VỤ
Số: 4021/BNV-CCHC
Hà Nội, ngày 12 tháng 8 năm 2025
V/v bổ sung số liệu
Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.
Đề nghị các địa phương gửi số liệu về Bộ Nội vụ trước ngày 20 tháng 8 năm 2025./.
hót nhận:
KT. BỘ TRƯỞNG
THỨ TRƯỞNG
Xe
7ZÄ\\
.. x
——=_—-ˆ
Phan Văn Khôi
- Như trên;
- Sở Nội vụ các tỉnh, thành phố trực thuộc TW;
- Các đơn vị thuộc, trực thuộc Bộ Nội vụ;
- Lưu: VT, CCHC.
"""


def test_a_scanned_closing_keeps_its_recipients_past_the_signature_strokes():
    """`Nơi nhận:` misread in its bold italics, and what OCR makes of the hand signature between the title
    and the name, neither end the list: its items are read after the name."""
    s = parse(SCANNED_CLOSING, ocr=True)
    assert s.metadata["signer"] == {"name": "Phan Văn Khôi", "title": "Thứ trưởng", "authority": "KT. Bộ trưởng"}
    items = [ln.text for ln in s.recipients]
    assert "- Sở Nội vụ các tỉnh, thành phố trực thuộc TW;" in items
    assert "- Các đơn vị thuộc, trực thuộc Bộ Nội vụ;" in items


@pytest.mark.parametrize("line, read", [("hót nhận:", "Nơi nhận:"), ("Nói nhận:", "Nơi nhận:"),
                                        ("Bên nhận:", "Bên nhận:"), ("Xác nhận:", "Xác nhận:"),
                                        ("Ghi nhận: đã đủ", "Ghi nhận: đã đủ")])
def test_the_recipients_heading_is_read_back_and_other_x_nhan_lines_are_not(line, read):
    assert repair_line(line) == read



def test_a_tone_on_a_code_letter_is_ocrs():
    """Type and issuer codes are plain capitals (and Đ): `125-KH/HỦ` is `125-KH/HU`; a horn is a letter's (`TƯ`)."""
    from pipeline.read.ocr.repair_text import fix_number

    assert fix_number("125-KH/HỦ") == "125-KH/HU"
    assert fix_number("45/KH-ÙBND") == "45/KH-UBND"
    assert fix_number("35-CT/TƯ") == "35-CT/TƯ"
    assert fix_number("12/QĐ-UBND") == "12/QĐ-UBND"



def test_an_items_dot_read_as_a_comma_after_the_item_before():
    from pipeline.read.ocr.repair_text import repair_lines

    lines = [[("3.", 90.0), ("Sở", 90.0), ("Xây", 90.0), ("dựng", 90.0)], [("4,", 88.0), ("Công", 90.0), ("an", 90.0)],
             [("tỉnh", 90.0), ("7,", 90.0)]]
    assert [[w for w, _ in ln] for ln in repair_lines(lines)] == [
        ["3.", "Sở", "Xây", "dựng"], ["4.", "Công", "an"], ["tỉnh", "7,"]]
