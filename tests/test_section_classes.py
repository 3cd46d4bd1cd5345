"""What is and is not a section of the document (issue 13): text quoted from another document, legal texts
(chapters, articles, clauses, points, forms of an appendix), table rows read from DOCX and PDF, and a label
set alone above its heading. Every text here is written for the test."""
from __future__ import annotations

from pathlib import Path

import pytest
from fixtures import STATE_BANNER, AdminDoc, to_docx, to_pdf
from test_structure import NATIONAL, SIGNATURE, parse_text, paths, state_header

from pipeline.parse.structure import parse
from pipeline.read.normalize import normalize
from pipeline.run.process import process_file


def letter(body: str, after: str = "") -> str:
    return state_header(type_word="", number="Số: 512/STP-HCTP",
                        title="V/v góp ý hồ sơ thành lập hội") + "Kính gửi: Hội Luật gia tỉnh.\n" \
        + body + SIGNATURE + after


def report(body: str, after: str = "") -> str:
    return state_header(type_word="BÁO CÁO", number="Số: 12/BC-UBND", title="Tổng kết năm") \
        + body + SIGNATURE + after


# ------------------------------------------------------------------ quoted from another document

def test_quoted_clauses_belong_to_the_cited_text():
    body = ("1. Về hồ sơ\nHồ sơ đã đủ thành phần.\n"
            "2. Về điều kiện thành lập\n"
            "Tại khoản 2 Điều 7 Nghị định số 10/2024/NĐ-CP ngày 05/02/2024 của Chính phủ quy định:\n"
            "“2. Hồ sơ đề nghị thành lập hội gồm:\n"
            "a) Đơn đề nghị thành lập hội;\n"
            "b) Dự thảo điều lệ hội;\n"
            "c) Danh sách những người trong ban vận động.”.\n"
            "Đề nghị Hội bổ sung dự thảo điều lệ.\n"
            "3. Về thời hạn\nHội gửi hồ sơ trước ngày 30/10/2025.\n")
    assert paths(letter(body)) == ["1", "2", "3"]


def test_a_quotation_opened_at_the_end_of_the_citing_line():
    body = ("1. Về căn cứ\nĐiều 5 Thông tư số 01/2025/TT-BNV quy định: “1. Cơ quan lập hồ sơ;\n"
            "2. Cơ quan thẩm định;\n3. Cơ quan quyết định.”\n"
            "2. Về tổ chức thực hiện\nCác đơn vị triển khai.\n")
    assert paths(letter(body)) == ["1", "2"]


def test_an_amendment_quoted_in_straight_quotes_closing_lines_later():
    # an amending decree quotes the new clause in straight quotes; the quote closes at the end of its
    # last point, and the decree's own next item follows
    body = ("Điều 1. Sửa đổi, bổ sung một số điều của Nghị định số 20/2019/NĐ-CP như sau:\n"
            "1. Khoản 2 Điều 6 được sửa đổi như sau:\n"
            "\"2. Hộ kinh doanh được miễn lệ phí trong các trường hợp sau:\n"
            "a) Hộ kinh doanh mới thành lập;\n"
            "b) Hộ kinh doanh ở vùng đặc biệt khó khăn\".\n"
            "2. Điều 9 được sửa đổi như sau:\n"
            "''Lệ phí được nộp vào ngân sách nhà nước.\n"
            "1. Cơ quan thu nộp toàn bộ số thu;\n"
            "2. Cơ quan thu được để lại chi phí''.\n"
            "Điều 2. Nghị định này có hiệu lực từ ngày 01 tháng 7 năm 2019.\n")
    raw = state_header(issuer="CHÍNH PHỦ", number="Số: 21/2019/NĐ-CP", type_word="NGHỊ ĐỊNH",
                       title="Sửa đổi, bổ sung một số điều của Nghị định về lệ phí") + body + SIGNATURE
    assert paths(raw) == ["Điều 1", "Điều 1/1", "Điều 1/2", "Điều 2"]


def test_a_quoted_sentence_whose_closing_mark_is_lost_does_not_swallow_the_next_item():
    body = ("1. Về tên gọi\nCông văn số 19/BNV-TCPCP hướng dẫn: “Đối với quỹ hoạt động trong tỉnh thì đổi tên.\n"
            "Việc đổi tên là phù hợp.\n2. Về điều lệ\nDự thảo điều lệ đảm bảo.\n")
    assert paths(letter(body)) == ["1", "2"]


def test_clauses_cited_without_quotes_do_not_continue_the_letters_numbering():
    # a `c)` and an `Điều 24` inside item 2 of a letter whose own items are 1., 2., 3.
    body = ("1. Về hồ sơ\nĐã đủ thành phần.\n"
            "2. Về thẩm quyền\n"
            "Theo điểm c khoản 1 Điều 24 Luật Thư viện quy định như sau:\n"
            "c) Thư viện cấp tỉnh có nhiệm vụ thu thập tài liệu;\n"
            "Điều 24. Thư viện công lập\n"
            "1. Thư viện công lập do cơ quan nhà nước thành lập.\n"
            "3. Về thời hạn\nGửi hồ sơ trước ngày 30/10/2025.\n")
    secs = parse_text(letter(body)).sections
    assert [s["path"] for s in secs] == ["1", "2", "3"]
    assert secs[1]["end"] == secs[2]["start"]


def test_an_extract_introduced_by_trich():
    body = ("I. CĂN CỨ\nTrích Quyết định số 45/QĐ-UBND ngày 05/3/2025:\n1. Thành lập Tổ công tác.\n"
            "2. Tổ công tác tự giải thể.\nII. NỘI DUNG\n1. Rà soát\n")
    assert paths(report(body)) == ["I", "II", "II/1"]


def test_a_circulars_own_guidance_after_its_grounds_is_not_a_citation():
    # a ministry's circular names the provisions it implements, then gives its own numbered guidance
    body = ("I. CHI PHÍ ĐƯỢC TRỪ\n"
            "Căn cứ Điều 6 Luật Phí và lệ phí, Điều 4 Nghị định số 82/2023/NĐ-CP, các khoản chi được trừ "
            "được hướng dẫn cụ thể như sau:\n"
            "1. Chi khấu hao tài sản cố định dùng cho việc thu phí.\n"
            "2. Chi mua vật tư, văn phòng phẩm phục vụ việc thu phí.\n"
            "II. TỔ CHỨC THỰC HIỆN\n")
    raw = state_header(issuer="BỘ TÀI CHÍNH", number="Số: 15/2024/TT-BTC", type_word="THÔNG TƯ",
                       title="Hướng dẫn chế độ thu, nộp và quản lý phí") + body + SIGNATURE
    assert paths(raw) == ["I", "I/1", "I/2", "II"]


def test_own_items_after_nhu_sau_are_still_sections():
    # `như sau:` after the document's own words, citing nothing, opens the document's own items
    body = "I. NHIỆM VỤ\nỦy ban nhân dân tỉnh giao nhiệm vụ như sau:\n1. Sở Nội vụ\n2. Sở Tư pháp\n"
    assert paths(report(body)) == ["I", "I/1", "I/2"]


# ------------------------------------------------------------------ legal texts

def decree(after: str = "") -> str:
    return ("CHÍNH PHỦ\n" + NATIONAL + "\nSố: 45/2026/NĐ-CP\nHà Nội, ngày 10 tháng 02 năm 2026\n"
            "NGHỊ ĐỊNH\nQuy định về thư viện số\nCăn cứ Luật Thư viện ngày 21 tháng 11 năm 2019;\n"
            "Chính phủ ban hành Nghị định quy định về thư viện số.\n"
            "Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh\nNghị định này quy định về thư viện số.\n"
            "Chương II\nHOẠT ĐỘNG THƯ VIỆN SỐ\nMục 1\nTÀI NGUYÊN SỐ\nĐiều 2. Tài nguyên thông tin số\n"
            "1. Hồ sơ số hóa tài liệu\na) Danh mục tài liệu;\nb) Kế hoạch số hóa.\n"
            "2. Thời hạn số hóa là 12 tháng.\nMục 2\nDỊCH VỤ\nĐiều 3. Dịch vụ thư viện số\n"
            "Chương III\nĐIỀU KHOẢN THI HÀNH\nĐiều 4. Hiệu lực thi hành\n"
            "Nơi nhận:\n- Các bộ;\n- Lưu: VT.\nTM. CHÍNH PHỦ\nTHỦ TƯỚNG\nTrần Văn Nam\n" + after)


def test_decree_chapters_sections_articles_clauses_points():
    secs = {s["path"]: s for s in parse_text(decree()).sections}
    assert list(secs) == [
        "Chương I", "Chương I/Điều 1", "Chương II", "Chương II/Mục 1", "Chương II/Mục 1/Điều 2",
        "Chương II/Mục 1/Điều 2/1", "Chương II/Mục 1/Điều 2/1/a", "Chương II/Mục 1/Điều 2/1/b",
        "Chương II/Mục 1/Điều 2/2", "Chương II/Mục 2", "Chương II/Mục 2/Điều 3", "Chương III",
        "Chương III/Điều 4"]
    assert secs["Chương II/Mục 1"]["heading"] == "TÀI NGUYÊN SỐ"
    # a clause whose line is a title over its points has a heading; a clause that is a sentence has none
    assert secs["Chương II/Mục 1/Điều 2/1"]["heading"] == "Hồ sơ số hóa tài liệu"
    assert secs["Chương II/Mục 1/Điều 2/2"]["heading"] is None


def test_forms_of_an_appendix_are_templates_not_sections():
    # DATASET.md: the appendix after the signature is a root; a form (`Mẫu số 01`) is a template to fill
    # in, not a provision, so neither it nor its numbered fields are sections of the decree
    after = ("Phụ lục\nCÁC MẪU VĂN BẢN\n(Kèm theo Nghị định số 45/2026/NĐ-CP)\n"
             "Mẫu số 01\nĐƠN ĐỀ NGHỊ CÔNG NHẬN THƯ VIỆN SỐ\n1. Tên thư viện: ……\n2. Địa chỉ: ……\n"
             "I. THÔNG TIN CHUNG\na) Người đứng đầu: ……\n"
             "Mẫu số 02\nBÁO CÁO\n1. Kết quả: ……\n")
    got = paths(decree(after))
    assert got[-2:] == ["Chương III/Điều 4", "Phụ lục"]


def test_an_appendix_without_forms_keeps_its_numbering():
    after = "PHỤ LỤC I\nDANH MỤC TÀI LIỆU\n1. Sách cổ\n2. Bản đồ\n"
    assert paths(decree(after))[-3:] == ["Phụ lục I", "Phụ lục I/1", "Phụ lục I/2"]


# ------------------------------------------------------------------ tables

def test_a_body_that_is_a_pdf_table_has_no_sections():
    # a table read from a PDF text layer: its column headers, then each row's cells on lines of their own
    body = ("STT\nTiêu chí\nĐiểm tối đa\n1. CÔNG TÁC CHỈ ĐẠO\n9.50\n1.1. Kế hoạch năm\n1.50\n"
            "2. CẢI CÁCH THỂ CHẾ\n9.00\n2.1. Kiểm tra văn bản\n2.00\n")
    raw = state_header(type_word="BẢNG CHỈ SỐ", number="Số: 9/BC-SNV", title="Chỉ số cải cách hành chính") \
        + body + SIGNATURE
    assert paths(raw) == []


def test_a_table_inside_a_section_does_not_stop_the_sections():
    body = "I. KẾT QUẢ\nSTT\nĐơn vị\n1. Sở Nội vụ\n1.00\nII. NHIỆM VỤ\n1. Rà soát\n"
    assert paths(report(body))[-2:] == ["II", "II/1"]


def test_a_score_is_not_a_label():
    body = "I. KẾT QUẢ\n1. Điểm trung bình\n2.00\n4.50 điểm\n2. Xếp loại\n"
    assert paths(report(body)) == ["I", "I/1", "I/2"]


def _doc_with_table(table: list[list[str]]) -> AdminDoc:
    return AdminDoc(
        issuer=["ỦY BAN NHÂN DÂN", "TỈNH KHÁNH HÒA"], number="Số: 77/KH-UBND", national=list(STATE_BANNER),
        place_date="Khánh Hòa, ngày 05 tháng 3 năm 2025", type_word="KẾ HOẠCH",
        title=["Số hóa tài liệu lưu trữ năm 2025"],
        body=["I. MỤC ĐÍCH", "1. Bảo quản tài liệu", "II. NHIỆM VỤ", table, "III. TỔ CHỨC THỰC HIỆN"],
        recipients=["Nơi nhận:", "- Các sở;", "- Lưu: VT."], signature=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "",
                                                                        "Lê Văn Hải"])


TABLE = [["STT", "Nhiệm vụ", "Đơn vị chủ trì"],
         ["1.", "Số hóa sách cổ", "Thư viện tỉnh"],
         ["2.", "a) Xây dựng phần mềm", "Sở Khoa học và Công nghệ"],
         ["3. Đào tạo", "II. Tập huấn", "Sở Nội vụ"]]


@pytest.mark.parametrize("render", [to_docx, to_pdf])
def test_table_rows_of_a_file_never_become_sections(tmp_path: Path, render):
    path = render(_doc_with_table(TABLE), tmp_path / ("plan" + (".docx" if render is to_docx else ".pdf")))
    record = process_file(path, path.name)
    assert [s["path"] for s in record["sections"]] == ["I", "I/1", "II", "III"]


# ------------------------------------------------------------------ a label alone on its line

def test_a_heading_on_the_line_after_a_label_alone():
    body = "I.\nMỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nII.\nNHIỆM VỤ\n1.\nRÀ SOÁT VĂN BẢN\nCác sở rà soát.\n"
    secs = {s["path"]: s for s in parse_text(report(body)).sections}
    assert list(secs) == ["I", "I/1", "II", "II/1"]
    assert secs["II"]["heading"] == "NHIỆM VỤ"
    assert secs["II/1"]["heading"] == "RÀ SOÁT VĂN BẢN"
    assert secs["I"]["heading"] == "MỤC ĐÍCH, YÊU CẦU"


def test_a_number_alone_above_a_sentence_is_no_section():
    body = "I. NHIỆM VỤ\n1.\nCác sở rà soát văn bản trong tháng 3.\n2. Báo cáo\n"
    assert paths(report(body)) == ["I"]


def test_items_a_pdf_ran_together_on_one_line_are_split():
    body = ("I. MỤC ĐÍCH\n1. Nâng cao chất lượng phục vụ người dân. 2. Bảo đảm tiến độ giải quyết hồ sơ.\n"
            "II. NỘI DUNG\n1. Rà soát thủ tục theo Quyết định số 12. 3. Thủ tục được giữ lại.\n")
    text = normalize(report(body), "pdf").text
    secs = {s["path"]: s for s in parse(text).sections}
    assert list(secs) == ["I", "I/1", "I/2", "II", "II/1"]
    assert text[secs["I/2"]["start"]:].startswith("2. Bảo đảm tiến độ")
    assert text[secs["I/1"]["start"]:secs["I/1"]["end"]].rstrip().endswith("người dân.")


def test_the_first_sub_item_run_on_after_its_heading_is_split():
    body = ("I. KẾT QUẢ\n1. Tổng hợp\n2. Kết quả thẩm định chỉ số năm 2.1. Đối với các sở (15 đơn vị)\n"
            "a) Nhóm 1\nb) Nhóm 2\n2.2. Đối với các xã\n")
    secs = {s["path"]: s["heading"] for s in parse_text(report(body), "pdf").sections}
    assert list(secs) == ["I", "I/1", "I/2", "I/2/2.1", "I/2/2.1/a", "I/2/2.1/b", "I/2/2.2"]
    assert secs["I/2/2.1"] == "Đối với các sở (15 đơn vị)"


def test_a_list_whose_first_number_was_lost_starts_at_2():
    # Word numbered the first item; the reader kept its text but not its `1.`
    body = ("Sau khi nghe báo cáo, đồng chí chủ trì kết luận như sau:\nThống nhất tổ chức hội nghị.\n"
            "2. Đối với tiến độ dự án\na) Giao Sở Tài chính\nb) Giao Sở Xây dựng\n3. Về dự thảo Kế hoạch\n")
    assert paths(report(body)) == ["2", "2/a", "2/b", "3"]
    assert paths(report("Nội dung kết luận.\n2. Đối với tiến độ dự án\n")) == []


def test_a_run_in_head_before_a_colon_is_the_heading():
    body = ("I. TỔ CHỨC THỰC HIỆN\n1. Sở Văn hóa, Thể thao và Du lịch: Chủ trì triển khai các hoạt động truyền thông "
            "trên địa bàn tỉnh\n2. Các đơn vị gồm: Sở Tư pháp, Sở Y tế.\n3. Kết quả: Chỉ số trung bình đạt 90,44%; cao nhất "
            "là 95%\n")
    secs = {s["path"]: s["heading"] for s in parse_text(report(body)).sections}
    assert secs == {"I": "TỔ CHỨC THỰC HIỆN", "I/1": "Sở Văn hóa, Thể thao và Du lịch", "I/2": None,
                    "I/3": "Kết quả"}


def test_a_one_sentence_item_with_its_own_paragraph_is_a_heading():
    body = ("I. KẾT QUẢ\n1. Làm cầu nối giữa doanh nghiệp với chính quyền.\nHiệp hội đã tổ chức 12 buổi đối thoại.\n"
            "2. Tổ chức 05 hội nghị chuyên đề về chuyển đổi số.\n3. Kết nạp 40 hội viên mới.\n")
    secs = {s["path"]: s["heading"] for s in parse_text(report(body)).sections}
    assert secs == {"I": "KẾT QUẢ", "I/1": "Làm cầu nối giữa doanh nghiệp với chính quyền", "I/2": None, "I/3": None}


def test_a_drafts_blank_first_item_after_its_lead_in_is_a_section():
    # a draft conclusion notice whose items are not written yet: `1.` alone after `… như sau:`
    body = ("Sau khi nghe báo cáo, đồng chí Phó Chủ tịch UBND tỉnh kết luận như sau:\n1.\n./.\n")
    raw = state_header(type_word="THÔNG BÁO", number="Số:    /TB-UBND",
                       title="Kết luận của Phó Chủ tịch UBND tỉnh tại buổi làm việc") + body + SIGNATURE
    assert paths(raw) == ["1"]


def test_a_page_number_alone_is_still_no_section():
    body = "I. TÌNH HÌNH\nCác xã đã triển khai.\n2\nII. NHIỆM VỤ\n"
    assert paths(report(body)) == ["I", "II"]


def test_the_next_capital_letter_goes_on_even_when_its_text_starts_in_lower_case():
    # `B. nội dung …` right after `A.` (a transcription that lost its caps font); a lone `C. và` in running
    # text after no `B.` is no label
    body = ("I. NỘI DUNG\nA. Nhiệm vụ đến năm 2030\n1. Cải cách thể chế\n2. Cải cách thủ tục\n"
            "B. nhiệm vụ năm 2026\n1. Rà soát văn bản\nII. TỔ CHỨC THỰC HIỆN\n")
    assert paths(report(body)) == ["I", "I/A", "I/A/1", "I/A/2", "I/B", "I/B/1", "II"]


def test_a_roman_numeral_in_mixed_case_goes_on_only_after_the_one_before():
    # `iV.` (a lost caps font) or `lV.` (OCR) right after `III.`; a mixed-case numeral out of sequence is none
    body = ("I. KẾT QUẢ\nII. HẠN CHẾ\nIII. NHIỆM VỤ\n1. Rà soát văn bản.\niV. Về tổ chức thực hiện:\n1. Sở Nội vụ.\n"
            "Vi. Ghi chú khác\n")
    # (parsed as the lines stand: a transcription keeps its lines)
    assert [s["path"] for s in parse(report(body)).sections] == ["I", "II", "III", "III/1", "IV", "IV/1"]


def test_an_appendix_title_stops_at_its_first_labelled_part():
    s = parse_text(report("I. KẾT QUẢ\n1. Hoàn thành kế hoạch.\n",
                          after="Phụ lục I\nDANH SÁCH ĐƠN VỊ\nA. KHỐI TỈNH\n1. Sở Xây dựng\nB. KHỐI XÃ\n1. Xã Tân Phú\n"))
    by_path = {x["path"]: x for x in s.sections}
    assert by_path["Phụ lục I"]["heading"] == "DANH SÁCH ĐƠN VỊ"
    assert by_path["Phụ lục I/A"]["heading"] == "KHỐI TỈNH"


def test_a_plans_parts_numbered_muc_in_roman():
    """`Mục I. MỤC ĐÍCH` right under the title opens the body (it is no line of the title) and each `Mục` is a root."""
    body = "Mục I. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao nhận thức.\nMục II. NHIỆM VỤ\n1. Tổ chức tuyên truyền.\n"
    assert paths(report(body)) == ["Mục I", "Mục I/1", "Mục II", "Mục II/1"]


# ------------------------------------------------------------------ a part's numeral one past the next

def test_a_part_heading_in_capitals_one_numeral_past_the_next_still_opens_the_next_part():
    """`IV. KẾT LUẬN` right after the items of `II.` (a slip of the drafter, or the `III.` line a scan lost):
    the next part, not an item of `II.`; a sentence one numeral past, or two past, is no part."""
    body = ("I. THÀNH PHẦN THAM DỰ\n1. Đại diện Sở Xây dựng.\n2. Đại diện Sở Y tế.\n"
            "II. NỘI DUNG LÀM VIỆC\n1. Sở Xây dựng báo cáo tiến độ.\n2. Các đại biểu thảo luận.\n"
            "IV. KẾT LUẬN CUỘC HỌP\n1. Thống nhất tiến độ đề ra.\n2. Giao Sở Xây dựng tổng hợp.\n")
    assert paths(report(body)) == ["I", "I/1", "I/2", "II", "II/1", "II/2", "IV", "IV/1", "IV/2"]
    body = ("I. THÀNH PHẦN THAM DỰ\n1. Đại diện Sở Xây dựng.\n"
            "II. NỘI DUNG LÀM VIỆC\n1. Sở Xây dựng báo cáo tiến độ.\n"
            "V. KẾT LUẬN CUỘC HỌP\n1. Thống nhất tiến độ đề ra.\n")
    assert "V" not in paths(report(body))


# ------------------------------------------------------------------ a letter's own items

@pytest.mark.parametrize("fmt", ["docx", "txt"])
def test_a_letters_own_items_are_sections_under_it(fmt):
    """`a.1)`, `a.2)` under `a)` (a ministry's guidance): each its own item one level below the letter, also in a text
    copy whose lines a wrap joiner would run together (a lower-case first letter)."""
    body = ("1. Thẩm quyền gia hạn\na) Đối với hàng tạm nhập:\na.1) Chi cục trưởng gia hạn một lần.\n"
            "a.2) Cục trưởng gia hạn lần thứ hai.\nb) Đối với hàng gửi kho ngoại quan.\nb.1) Thời hạn là 12 tháng.\n"
            "2. Tổ chức thực hiện\n")
    assert paths(letter(body), fmt) == ["1", "1/a", "1/a/a.1", "1/a/a.2", "1/b", "1/b/b.1", "2"]
