"""Stage 3, structure: header metadata, the numbered section tree and the signer (DATASET.md)."""
from __future__ import annotations

import pytest
from fixtures import PARTY_BANNER, STATE_BANNER, AdminDoc, state_decision, to_docx, to_pdf

from pipeline.read.normalize import normalize
from pipeline.run.process import process_file
from pipeline.parse.sections import section_at
from pipeline.parse.structure import parse

NATIONAL = "\n".join(STATE_BANNER[:2])


def parse_text(raw: str, fmt: str = "docx"):
    return parse(normalize(raw, fmt).text)


def meta(raw: str, fmt: str = "docx") -> dict:
    return parse_text(raw, fmt).metadata


def paths(raw: str, fmt: str = "docx") -> list[str]:
    return [s["path"] for s in parse_text(raw, fmt).sections]


def state_header(issuer: str = "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG", number: str = "Số: 1441/QĐ-UBND",
                 date: str = "Lâm Đồng, ngày 25 tháng 9 năm 2025", type_word: str = "QUYẾT ĐỊNH",
                 title: str = "Về việc công bố Danh mục thủ tục hành chính") -> str:
    """A header as a DOCX header table reads: left column, then right column, then type and title."""
    return f"{issuer}\n{number}\n{NATIONAL}\n{date}\n{type_word}\n{title}\n"


SIGNATURE = "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn Bình\n"


# ------------------------------------------------------------------ identifier, place, date

@pytest.mark.parametrize("number,expected", [
    ("Số: 1441/QĐ-UBND", "1441/QĐ-UBND"),
    ("Số: 1441/QÐ-UBND", "1441/QĐ-UBND"),        # Eth lookalike in the code
    ("Số 123-KH/TU", "123-KH/TU"),                # Party form, no colon
    ("Số: 5 /KH-UBND", "05/KH-UBND"),             # padded to two digits, no spaces
    ("Số: 30/2020/NĐ-CP", "30/2020/NĐ-CP"),
    ("Số:      /QĐ-UBND", None),                  # a draft's blank number
    ("Số: ....../QĐ-UBND", None),
])
def test_identifier(number, expected):
    assert meta(state_header(number=number) + "Điều 1. Nội dung.\n")["identifier"] == expected


def test_identifier_of_a_law():
    raw = "QUỐC HỘI\nLuật số: 54/2024/QH15\n" + NATIONAL + "\nLUẬT\nTHI ĐUA, KHEN THƯỞNG\nChương I\n"
    assert meta(raw)["identifier"] == "54/2024/QH15"


@pytest.mark.parametrize("date,place,iso", [
    ("Lâm Đồng, ngày 25 tháng 9 năm 2025", "Lâm Đồng", "2025-09-25"),
    ("Bình Thuận, ngày 05 tháng 01 năm 2021", "Bình Thuận", "2021-01-05"),
    ("Hà Nội, ngày 1 tháng 12 năm 2020", "Hà Nội", "2020-12-01"),
    ("Lâm Đồng, ngày    tháng 11 năm 2025", "Lâm Đồng", None),   # a draft leaves the day blank
    ("Lâm Đồng, ngày ... tháng ... năm 2025", "Lâm Đồng", None),
])
def test_place_and_date(date, place, iso):
    m = meta(state_header(date=date) + "Điều 1. Nội dung.\n")
    assert (m["place"], m["issued_date"]) == (place, iso)


# ------------------------------------------------------------------ doc_type

@pytest.mark.parametrize("type_word,number,expected", [
    ("KẾ HOẠCH", "Số: 4088/KH-UBND", "Kế hoạch"),
    ("QUYẾT ĐỊNH", "Số: 1441/QĐ-UBND", "Quyết định"),
    ("TỜ TRÌNH", "Số: 3367/TTr-SNV", "Tờ trình"),
    ("QUYẾT ĐỊNH", "Số:      /QĐ-UBND", "Quyết định"),     # blank number: the word decides
    ("CÔNG VĂN", "Số: 545/HD-BTV", "Hướng dẫn"),           # the code wins over the word
    ("KẾ HOẠCH", "Số: 12/HD-UBND", "Hướng dẫn"),
])
def test_doc_type(type_word, number, expected):
    raw = state_header(type_word=type_word, number=number, title="Về việc tổ chức thực hiện") + "I. NỘI DUNG\n"
    assert meta(raw)["doc_type"] == expected


def test_letter_with_vv_line_is_cong_van():
    raw = ("ỦY BAN NHÂN DÂN\nTỈNH BÌNH THUẬN\nSố: 3083/UBND-NCKS\nV/v kết quả đại hội Hiệp hội Doanh nghiệp tỉnh\n"
           f"{NATIONAL}\nBình Thuận, ngày 10 tháng 10 năm 2025\nKính gửi: Sở Nội vụ.\n"
           "Ủy ban nhân dân tỉnh có ý kiến như sau.\n" + SIGNATURE)
    m = meta(raw)
    assert m["doc_type"] == "Công văn"
    assert m["identifier"] == "3083/UBND-NCKS"
    assert m["title"] == "kết quả đại hội Hiệp hội Doanh nghiệp tỉnh"


def test_party_letter_code_cv():
    raw = (f"ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH\n*\nSố 2449-CV/ĐU\nV/v tổng kết công tác năm\n"
           f"{PARTY_BANNER[0]}\nBình Thuận, ngày 10 tháng 12 năm 2024\nKính gửi: Các chi bộ.\n")
    assert meta(raw)["doc_type"] == "Công văn"


# ------------------------------------------------------------------ issuer

@pytest.mark.parametrize("left,issuer", [
    ("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG", "Ủy ban nhân dân tỉnh Lâm Đồng"),
    ("TỈNH ỦY BÌNH THUẬN\nBAN DÂN VẬN\n*", "Ban Dân vận Tỉnh ủy Bình Thuận"),
    ("BỘ NỘI VỤ\n-------", "Bộ Nội vụ"),
    ("UBND TỈNH BÌNH THUẬN\nSỞ TƯ PHÁP", "Sở Tư pháp tỉnh Bình Thuận"),
    ("UBND TỈNH LÂM ĐỒNG\nVĂN PHÒNG", "Văn phòng Ủy ban nhân dân tỉnh Lâm Đồng"),
])
def test_issuer_composition(left, issuer):
    assert meta(state_header(issuer=left) + "I. NỘI DUNG\n")["issuer"] == issuer


def test_issuer_so_noi_vu_keeps_lower_case_tinh():
    raw = state_header(issuer="UBND TỈNH LÂM ĐỒNG\nSỞ NỘI VỤ", number="Số: 3183/SNV-TCBC") + "I. NỘI DUNG\n"
    m = meta(raw)
    assert m["issuer"] == "Sở Nội vụ tỉnh Lâm Đồng"
    assert m["parent_issuer"] == "Ủy ban nhân dân tỉnh Lâm Đồng"


def test_party_issuer_parent():
    raw = ("TỈNH ỦY BÌNH THUẬN\nBAN DÂN VẬN\n*\nSố 21-KH/BDVTU\n" + PARTY_BANNER[0]
           + "\nBình Thuận, ngày 05 tháng 01 năm 2021\nKẾ HOẠCH\ntổng kết phong trào\nI- MỤC ĐÍCH\n")
    m = meta(raw)
    assert (m["issuer"], m["parent_issuer"]) == ("Ban Dân vận Tỉnh ủy Bình Thuận", "Tỉnh ủy Bình Thuận")
    assert (m["identifier"], m["doc_type"], m["issued_date"]) == ("21-KH/BDVTU", "Kế hoạch", "2021-01-05")


# ------------------------------------------------------------------ title

def test_title_drops_ve_viec():
    assert meta(state_header() + "Điều 1. Nội dung.\n")["title"] == "công bố Danh mục thủ tục hành chính"


def test_title_over_several_lines():
    raw = state_header(type_word="KẾ HOẠCH", number="Số: 4088/KH-UBND",
                       title="hưởng ứng và tổ chức thực hiện phong trào thi đua\ntheo Chỉ thị số 16/CT-UBND") \
        + "-----\nCăn cứ Chỉ thị số 16/CT-UBND;\nI. MỤC ĐÍCH\n"
    assert meta(raw)["title"] == "hưởng ứng và tổ chức thực hiện phong trào thi đua theo Chỉ thị số 16/CT-UBND"


def test_title_in_capitals_is_cased():
    raw = state_header(type_word="KẾ HOẠCH", number="Số: 4088/KH-UBND",
                       title="TRIỂN KHAI PHONG TRÀO THI ĐUA NĂM 2022") \
        + "I. MỤC ĐÍCH\n"
    assert meta(raw)["title"] == "Triển khai phong trào thi đua năm 2022"


def test_title_stops_before_the_first_paragraph():
    raw = state_header(type_word="KẾ HOẠCH", number="Số 123-KH/TU",
                       title="tổng kết phong trào thi đua “Dân vận khéo”") \
        + "Tiếp tục đẩy mạnh các phong trào thi đua yêu nước, Ban Thường vụ ban hành Kế hoạch như sau:\nI- MỤC ĐÍCH\n"
    assert meta(raw)["title"] == "tổng kết phong trào thi đua “Dân vận khéo”"


# ------------------------------------------------------------------ sections

PLAN_BODY = """I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
1.1. Nâng cao chất lượng
1.2. Đổi mới phương thức
2. Yêu cầu
- Bảo đảm thiết thực, hiệu quả.
+ Không hình thức.
II- NỘI DUNG
1. Công tác tuyên truyền
2. Công tác khen thưởng
2.1. Cấp tỉnh
2.2. Cấp sở
2.3. Cấp ngành
2.4. Cấp huyện
2.4.1. Tập thể
2.4.2. Cá nhân
a) Tiêu chuẩn
b) Hồ sơ
3. Tổ chức hội nghị tổng kết.
III. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ chủ trì, phối hợp các cơ quan liên quan triển khai thực hiện Kế hoạch này.
"""


def plan(body: str = PLAN_BODY, after: str = "") -> str:
    return state_header(type_word="KẾ HOẠCH", number="Số: 4088/KH-UBND", title="Triển khai phong trào") \
        + body + SIGNATURE + after


def test_section_paths_roman_arabic_decimal_letter():
    assert paths(plan()) == [
        "I", "I/1", "I/1/1.1", "I/1/1.2", "I/2",
        "II", "II/1", "II/2", "II/2/2.1", "II/2/2.2", "II/2/2.3", "II/2/2.4", "II/2/2.4/2.4.1", "II/2/2.4/2.4.2",
        "II/2/2.4/2.4.2/a", "II/2/2.4/2.4.2/b", "II/3",
        "III", "III/1",
    ]


def test_section_labels_headings_levels():
    by_path = {s["path"]: s for s in parse_text(plan()).sections}
    assert by_path["II/2/2.4/2.4.1"]["label"] == "2.4.1"
    assert by_path["II/2/2.4/2.4.1"]["level"] == 4
    assert by_path["II"]["label"] == "II"
    assert by_path["II"]["heading"] == "NỘI DUNG"
    assert by_path["I/1/1.2"]["heading"] == "Đổi mới phương thức"
    assert by_path["II/2/2.4/2.4.2/a"]["heading"] == "Tiêu chuẩn"
    # a labelled sentence of the body has no heading
    assert by_path["III/1"]["heading"] is None
    assert by_path["II/3"]["heading"] is None


def test_section_spans_and_section_at():
    text = normalize(plan(), "docx").text
    sections = parse(text).sections
    by_path = {s["path"]: s for s in sections}
    assert text[by_path["II/2/2.4"]["start"]:].startswith("2.4. Cấp huyện")
    assert by_path["II/2/2.4"]["end"] == by_path["II/3"]["start"]
    assert by_path["I"]["end"] == by_path["II"]["start"]
    assert section_at(sections, text.index("Tập thể")) == "II/2/2.4/2.4.1"
    assert section_at(sections, text.index("Bảo đảm thiết thực")) == "I/2"
    assert section_at(sections, text.index("Triển khai phong trào")) == ""     # header
    assert section_at(sections, text.index("Nguyễn Văn Bình")) == ""           # closing


def test_bullets_recipients_and_table_rows_are_not_sections():
    body = PLAN_BODY + "STT | Đơn vị | Số lượng\n1 | Sở Nội vụ | 5\n2 | Sở Tư pháp | 3\n"
    raw = plan(body).replace("Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.",
                             "Nơi nhận:\n1. Bộ Nội vụ;\n2. Thường trực Tỉnh ủy;\n3. Lưu: VT.")
    got = paths(raw)
    assert got[-2:] == ["III", "III/1"]
    assert not [p for p in got if p.startswith("III/") and p != "III/1"]


def test_chapters_articles_clauses_points():
    raw = ("QUỐC HỘI\n" + NATIONAL + "\nLUẬT\nTHI ĐUA, KHEN THƯỞNG\n"
           "Chương I\nNHỮNG QUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh\n1. Luật này quy định:\n"
           "a) Đối tượng, nguyên tắc thi đua;\nb) Nội dung thi đua;\n2. Khoản hai.\nĐiều 2. Đối tượng áp dụng\n")
    assert paths(raw) == ["Chương I", "Chương I/Điều 1", "Chương I/Điều 1/1", "Chương I/Điều 1/1/a",
                          "Chương I/Điều 1/1/b", "Chương I/Điều 1/2", "Chương I/Điều 2"]


def test_articles_continue_across_chapters():
    raw = ("QUỐC HỘI\n" + NATIONAL + "\nLUẬT\nTHI ĐUA, KHEN THƯỞNG\n"
           "Chương I\nNHỮNG QUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh\nĐiều 2. Đối tượng áp dụng\n"
           "Chương II\nTỔ CHỨC THI ĐUA\nĐiều 3. Hình thức tổ chức thi đua\nĐiều 4. Danh hiệu\n")
    assert paths(raw) == ["Chương I", "Chương I/Điều 1", "Chương I/Điều 2",
                          "Chương II", "Chương II/Điều 3", "Chương II/Điều 4"]


def test_decision_articles_under_no_chapter():
    raw = state_header() + "Căn cứ Luật Tổ chức chính quyền địa phương;\nQUYẾT ĐỊNH:\n" \
        "Điều 1. Công bố kèm theo Quyết định này Danh mục.\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký.\n" \
        "Điều 3. Chánh Văn phòng chịu trách nhiệm thi hành./.\n" + SIGNATURE
    assert paths(raw) == ["Điều 1", "Điều 2", "Điều 3"]


def test_articles_printed_in_capitals():
    raw = state_header() + "Căn cứ Luật Tổ chức chính quyền địa phương;\nQUYẾT ĐỊNH:\n" \
        "ĐIỀU 1. Công bố kèm theo Quyết định này Danh mục.\n1. Danh mục thủ tục mới.\n" \
        "ĐIỀU 2. Quyết định này có hiệu lực kể từ ngày ký.\n" + SIGNATURE
    st = parse_text(raw)
    assert [s["path"] for s in st.sections] == ["Điều 1", "Điều 1/1", "Điều 2"]
    assert st.metadata["title"] == "công bố Danh mục thủ tục hành chính"


def test_appendix_after_signature_starts_its_own_root():
    after = ("PHỤ LỤC I\nTIÊU CHÍ XÉT CHỌN\n1. Đối với tập thể\n2. Đối với cá nhân\na) Cán bộ\n"
             "Phụ lục II\n1. Mẫu báo cáo\n")
    got = paths(plan(after=after))
    assert got[-6:] == ["Phụ lục I", "Phụ lục I/1", "Phụ lục I/2", "Phụ lục I/2/a", "Phụ lục II", "Phụ lục II/1"]
    assert "III/1" in got and not [p for p in got if p.startswith("III/") and p != "III/1"]


# ------------------------------------------------------------------ signer

@pytest.mark.parametrize("block,signer", [
    ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn Bình",
     {"authority": "KT. Chủ tịch", "title": "Phó Chủ tịch", "name": "Nguyễn Văn Bình"}),
    ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nĐỗ Hữu Huy",
     {"authority": "TM. Ủy ban nhân dân", "title": "Chủ tịch", "name": "Đỗ Hữu Huy"}),
    ("T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\nDương Văn An",
     {"authority": "T/M Ban Thường vụ", "title": "Phó Bí thư", "name": "Dương Văn An"}),
    ("TL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG\nNguyễn Đức Hải Tùng",
     {"authority": "TL. Chủ tịch, KT. Chánh Văn phòng", "title": "Phó Chánh Văn phòng",
      "name": "Nguyễn Đức Hải Tùng"}),
    ("GIÁM ĐỐC\n(Đã ký)\nĐỗ Văn Chung", {"authority": None, "title": "Giám đốc", "name": "Đỗ Văn Chung"}),
])
def test_signer(block, signer):
    raw = plan().replace(SIGNATURE, "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n" + block + "\n")
    assert meta(raw)["signer"] == signer


# ------------------------------------------------------------------ the same header from real files

def party_plan_with_basis() -> AdminDoc:
    return AdminDoc(issuer=["TỈNH ỦY BÌNH THUẬN", "ỦY BAN KIỂM TRA", "*"], number="Số 21-KH/UBKTTU",
                    national=list(PARTY_BANNER), place_date="Bình Thuận, ngày 05 tháng 01 năm 2021",
                    type_word="KẾ HOẠCH", title=["sơ kết phong trào “Đảng viên gương mẫu” giai đoạn 2019 - 2021"],
                    body=["Căn cứ Hướng dẫn số 14-HD/UBKTTW ngày 20/7/2019 của Ủy ban Kiểm tra Trung ương;",
                          "I- MỤC ĐÍCH, YÊU CẦU", "1. Nhìn lại những cách làm hay của phong trào.",
                          "II- TỔ CHỨC THỰC HIỆN", "1. Các chi bộ trực thuộc chủ trì triển khai."],
                    recipients=["Nơi nhận:", "- Ủy ban Kiểm tra Trung ương,", "- Lưu."],
                    signature=["K/T CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "", "Nguyễn Thị Hoa"])


@pytest.mark.parametrize("render", [to_docx, to_pdf], ids=["docx", "pdf"])
def test_metadata_from_built_files(tmp_path, render):
    rec = process_file(render(party_plan_with_basis(), tmp_path / f"kh.{render.__name__[3:]}"))
    assert rec["status"] == "ok"
    m = rec["metadata"]
    assert {k: m[k] for k in ("doc_type", "identifier", "issuer", "place", "issued_date")} == {
        "doc_type": "Kế hoạch", "identifier": "21-KH/UBKTTU", "issuer": "Ủy ban Kiểm tra Tỉnh ủy Bình Thuận",
        "place": "Bình Thuận", "issued_date": "2021-01-05"}
    assert m["signer"] == {"authority": "K/T Chủ nhiệm", "title": "Phó Chủ nhiệm", "name": "Nguyễn Thị Hoa"}
    assert [s["path"] for s in rec["sections"]] == ["I", "I/1", "II", "II/1"]


@pytest.mark.parametrize("render", [
    to_docx,
    to_pdf,
], ids=["docx", "pdf"])
def test_title_from_built_files(tmp_path, render):
    rec = process_file(render(party_plan_with_basis(), tmp_path / f"kh.{render.__name__[3:]}"))
    assert rec["metadata"]["title"] == "sơ kết phong trào “Đảng viên gương mẫu” giai đoạn 2019 - 2021"


def test_state_decision_from_docx(tmp_path):
    rec = process_file(to_docx(state_decision(), tmp_path / "qd.docx"))
    m = rec["metadata"]
    assert (m["doc_type"], m["identifier"], m["issuer"], m["issued_date"]) == \
        ("Quyết định", "1441/QĐ-UBND", "Ủy ban nhân dân tỉnh Lâm Đồng", "2025-09-25")
    assert m["title"] == "công bố Danh mục thủ tục hành chính lĩnh vực nội vụ"
    assert [s["path"] for s in rec["sections"]] == ["Điều 1", "Điều 2", "Điều 3"]


# ------------------------------------------------------------------ recipients (Nơi nhận)

RECIPIENTS = ["- Ban Tổ chức Trung ương Đảng,", "- Ban Dân vận Trung ương,", "- Các huyện ủy, thành ủy,",
              "- Lưu Văn phòng Tỉnh ủy."]
PARTY_SIGNATURE = ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Dương Văn An"]


def test_recipients_of_a_docx_closing():
    raw = plan().replace(SIGNATURE, "\n".join(["Nơi nhận:", *RECIPIENTS, *PARTY_SIGNATURE]) + "\n")
    s = parse_text(raw)
    assert [r.text for r in s.recipients] == RECIPIENTS
    assert s.metadata["signer"]["name"] == "Dương Văn An"


def test_recipients_interleaved_with_the_signature_as_in_a_pdf():
    interleaved = ["Nơi nhận:", "T/M BAN THƯỜNG VỤ", RECIPIENTS[0], "PHÓ BÍ THƯ", RECIPIENTS[1],
                   RECIPIENTS[2], "Dương Văn An", RECIPIENTS[3]]
    raw = plan().replace(SIGNATURE, "\n".join(interleaved) + "\n")
    s = parse_text(raw, "pdf")
    assert s.metadata["signer"] == {"authority": "T/M Ban Thường vụ", "title": "Phó Bí thư", "name": "Dương Văn An"}
    assert [r.text for r in s.recipients] == RECIPIENTS


def test_a_chapter_after_a_lost_chapter_line_is_never_inside_an_article():
    """When the first `Chương` line is unreadable, the next chapter still closes the article before it."""
    from pipeline import parse_text

    text = ("NGHỊ ĐỊNH\nQuy định về quản lý\nCăn cứ Luật Tổ chức Chính phủ;\nChính phủ ban hành Nghị định.\n"
            "Chương @\nNHỮNG QUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh\nNghị định này quy định.\n"
            "Chương II\nQUẢN LÝ DỰ ÁN\nĐiều 2. Đối tượng\n1. Cơ quan nhà nước.\n"
            "Chương III\nĐIỀU KHOẢN THI HÀNH\nĐiều 3. Hiệu lực\nNghị định có hiệu lực.\n")
    paths = [s["path"] for s in parse_text(text).sections]
    assert "Chương II/Điều 2/1" in paths and "Chương III/Điều 3" in paths
    assert not any("Điều 1/Chương" in p for p in paths)


def test_an_appendix_takes_the_title_in_capitals_set_under_its_label():
    body = "Điều 1. Công bố kết quả tại Phụ lục kèm theo.\nĐiều 2. Quyết định có hiệu lực từ ngày ký.\n"
    appendix = ("Phụ lục II\nKẾT QUẢ XẾP HẠNG CÁC XÃ, PHƯỜNG\nNĂM 2025\n"
                "(Kèm theo Quyết định số 120/QĐ-UBND ngày 10/02/2026 của UBND tỉnh)\n"
                "1. Nhóm xã đạt loại tốt\n")
    secs = parse_text(state_header(type_word="QUYẾT ĐỊNH") + body + SIGNATURE + appendix).sections
    root = next(s for s in secs if s["path"] == "Phụ lục II")
    assert root["heading"] == "KẾT QUẢ XẾP HẠNG CÁC XÃ, PHƯỜNG NĂM 2025"
    assert "Phụ lục II/1" in [s["path"] for s in secs]


def test_a_file_that_is_an_appendix_of_another_document_is_rooted_at_its_label():
    # an appendix sent as a file of its own: the issuer, its label, its title, what it is attached to
    raw = ("BỘ TÀI CHÍNH\nPhụ lục 3\nHƯỚNG DẪN LẬP DỰ TOÁN KINH PHÍ\n"
           "(Kèm theo Công văn số 4512/BTC-HCSN ngày 20/10/2025 của Bộ Tài chính)\n"
           "I. NGUYÊN TẮC CHUNG\n1. Dự toán lập theo từng nhiệm vụ.\n2. Không lập trùng nội dung.\n"
           "II. BIỂU MẪU\n")
    assert paths(raw) == ["Phụ lục 3", "Phụ lục 3/I", "Phụ lục 3/I/1", "Phụ lục 3/I/2", "Phụ lục 3/II"]


def test_a_programme_issued_with_a_decision_starts_its_own_root_whatever_its_case():
    # the decision's signature, then the programme it issues: its type word in title case over a title of
    # a few lines and `(Ban hành theo Quyết định số …)`
    body = "Điều 1. Ban hành kèm theo Quyết định này Chương trình.\nĐiều 2. Quyết định có hiệu lực từ ngày ký.\n"
    attached = ("Chương trình\nPhát triển du lịch cộng đồng\ngiai đoạn 2026 - 2030\n"
                "(Ban hành theo Quyết định số 88/QĐ-UBND ngày 12/01/2026 của UBND tỉnh)\n"
                "I. MỤC TIÊU\n1. Mục tiêu chung\n2. Mục tiêu cụ thể\nII. NHIỆM VỤ\n")
    raw = state_header(type_word="QUYẾT ĐỊNH", title="Ban hành Chương trình phát triển du lịch cộng đồng") \
        + body + SIGNATURE + attached
    assert paths(raw) == ["Điều 1", "Điều 2", "I", "I/1", "I/2", "II"]


def test_a_regulation_after_the_signature_whose_title_page_was_lost_keeps_its_chapters_and_articles():
    # a copy of a decision and the regulation it issues that lost the regulation's first pages: after the decision's
    # signature the text goes on mid-article, then `Chương II` in capitals; its articles go on from the lost chapter's
    body = "Điều 1. Ban hành kèm theo Quyết định này Quy định về xét tặng danh hiệu.\nĐiều 2. Hiệu lực từ ngày ký.\n"
    attached = ("5. Phòng Nội vụ thẩm định hồ sơ đề nghị của các xã.\n"
                "Chương II\nTIÊU CHUẨN VÀ HỒ SƠ XÉT TẶNG\nĐiều 4. Tiêu chuẩn\n1. Có thành tích tiêu biểu.\n"
                "2. Gương mẫu chấp hành pháp luật.\nĐiều 5. Hồ sơ\nHồ sơ gồm tờ trình và báo cáo thành tích.\n"
                "Chương III\nTỔ CHỨC THỰC HIỆN\nĐiều 6. Trách nhiệm thi hành\n")
    raw = state_header(type_word="QUYẾT ĐỊNH", title="Ban hành Quy định xét tặng danh hiệu") + body + SIGNATURE + attached
    doc = parse(raw)
    assert [s["path"] for s in doc.sections] == [
        "Điều 1", "Điều 2", "Chương II", "Chương II/Điều 4", "Chương II/Điều 4/1", "Chương II/Điều 4/2",
        "Chương II/Điều 5", "Chương III", "Chương III/Điều 6"]
    assert doc.metadata["signer"]["name"] == "Nguyễn Văn Bình"


def test_a_chapter_title_on_the_next_line_in_sentence_case():
    # a transcription that lost its caps font prints the chapter title in sentence case under `Chương I`
    raw = (state_header(issuer="CHÍNH PHỦ", number="Số: 12/2026/NĐ-CP", type_word="NGHỊ ĐỊNH",
                        title="Quy định về công trái giáo dục")
           + "Chương I\nNhững quy định chung\nĐiều 1. Phạm vi điều chỉnh\nNghị định này quy định việc phát hành.\n"
           + "Chương II\nĐiều 2. Hiệu lực thi hành\nNghị định có hiệu lực từ ngày ký.\n" + SIGNATURE)
    heads = {s["path"]: s["heading"] for s in parse(raw).sections}
    assert heads["Chương I"] == "Những quy định chung"
    assert heads["Chương II"] is None   # an article under it is no title of the chapter


def _minutes(signature: str) -> str:
    return ("SỞ TÀI CHÍNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 12/BB-STC\n"
            "Yên Bái, ngày 20 tháng 02 năm 2025\nBIÊN BẢN\nThẩm định dự toán kinh phí sửa chữa trụ sở\n"
            "Hôm nay, Hội đồng thẩm định họp tại trụ sở Sở Tài chính.\n1. Kết luận: thống nhất dự toán.\n"
            "Biên bản kết thúc lúc 11 giờ cùng ngày./.\n" + signature)


def test_a_board_signs_with_its_title_and_body_on_one_line():
    m = parse_text(_minutes("CHỦ TỊCH HỘI ĐỒNG\nVương Đình Khải\n")).metadata
    assert (m["signer"]["name"], m["signer"]["title"]) == ("Vương Đình Khải", "Chủ tịch Hội đồng")
    m = parse_text(_minutes("TRƯỞNG BAN CHỈ ĐẠO\n(Đã ký)\nVương Đình Khải\n")).metadata
    assert m["signer"]["name"] == "Vương Đình Khải"


def test_an_acts_enacting_line_is_no_signature_block():
    s = parse_text("BỘ Y TẾ\nSố: 77/QĐ-BYT\nHà Nội, ngày 03 tháng 3 năm 2025\nQUYẾT ĐỊNH\n"
                   "Về việc phân công theo dõi các bệnh viện\nBỘ TRƯỞNG BỘ Y TẾ\n"
                   "Xét đề nghị của Vụ trưởng Vụ Tổ chức cán bộ;\nQUYẾT ĐỊNH:\nĐiều 1. Phân công các Vụ theo dõi.\n"
                   "Điều 2. Các Vụ báo cáo hằng quý.\nNơi nhận:\n- Lưu: VT.\nBỘ TRƯỞNG\nĐinh Quốc Vĩnh\n")
    assert [x["path"] for x in s.sections] == ["Điều 1", "Điều 2"]
    assert s.metadata["signer"]["name"] == "Đinh Quốc Vĩnh"
