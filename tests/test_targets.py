"""Quantitative targets (issues 5 and 14): goals in sentences and table rows, and the numbers that are not.

Every sentence here is written for the test (numbers, bodies and wording invented in the
genre's usual shape); none is taken from a gold document.
"""
import pytest

from pipeline.extract.targets import parse_number
from pipeline.run.process import process_text

HEADER = ("HUYỆN ỦY QUỲNH LƯU\n*\nSố 112-KH/HU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
          "Quỳnh Lưu, ngày 12 tháng 01 năm 2026\nKẾ HOẠCH\nthực hiện nhiệm vụ năm 2026\n"
          "Ban Thường vụ Huyện ủy xây dựng kế hoạch như sau:\n")
STATE_HEADER = ("ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: 318/KH-UBND\n"
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                "Hà Tĩnh, ngày 20 tháng 02 năm 2026\nKẾ HOẠCH\nPhát triển công nghiệp giai đoạn 2026 - 2030\n")


def targets(body: str, header: str = HEADER) -> list[dict]:
    return process_text("t.txt", header + body, "docx", wrapped=False)["targets"]


def names_match(a: str, b: str | None) -> bool:
    """The scorer's rule: one name contains the other (case and spacing aside)."""
    a, b = " ".join(a.lower().split()), " ".join((b or "").lower().split())
    return bool(b) and (a in b or b in a)


def one(body: str, header: str = HEADER) -> dict:
    found = targets(body, header)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("sentence, value, unit, comparator, subject", [
    ("- Phấn đấu trên 85% chi bộ được xếp loại hoàn thành tốt nhiệm vụ.",
     85, "%", ">", "chi bộ được xếp loại hoàn thành tốt nhiệm vụ"),
    ("- 100% hồ sơ đăng ký kinh doanh được tiếp nhận trực tuyến, bảo đảm đúng hạn.",
     100, "%", "=", "hồ sơ đăng ký kinh doanh được tiếp nhận trực tuyến"),
    ("- Ban Thường vụ Huyện ủy khen thưởng 45 tập thể, cá nhân có thành tích xuất sắc.",
     45, "count", "=", "tập thể, cá nhân"),
    ('- Duy trì phong trào "Mỗi tuần tiết kiệm 2.000 đồng giúp bạn nghèo".',
     2000, "VND", "=", None),
    ("- Đến năm 2029, phấn đấu ít nhất 70% số thôn, bản có nhà văn hóa đạt chuẩn.",
     70, "%", ">=", "số thôn, bản có nhà văn hóa đạt chuẩn"),
    ("- Tỷ lệ thu gom rác thải sinh hoạt đạt không dưới 92%.",
     92, "%", ">=", "Tỷ lệ thu gom rác thải sinh hoạt"),
    ("- Mỗi chi bộ được giới thiệu tối đa 03 (ba) đảng viên để xét tặng Huy hiệu.",
     3, "count", "<=", "đảng viên"),
    ("- Phấn đấu tỷ lệ trẻ em được tiêm chủng đầy đủ đạt từ 97% trở lên.",
     97, "%", ">=", None),
    ("- Phấn đấu giảm 3,5% số vụ tai nạn giao thông so với năm 2025.",
     3.5, "%", "=", "số vụ tai nạn giao thông"),
    ("- Mỗi xã có ít nhất 02 (hai) mô hình, sáng kiến dân vận khéo được nhân rộng.",
     2, "count", ">=", "mô hình, sáng kiến dân vận khéo"),
    ("- Kinh phí tổ chức mỗi hội thi không quá 40 triệu đồng.",
     40_000_000, "VND", "<=", None),
])
def test_goal_sentences(sentence, value, unit, comparator, subject):
    t = one(sentence)
    assert (t["value"], t["unit"], t["comparator"]) == (value, unit, comparator)
    if subject:
        assert names_match(subject, t["subject"]), t["subject"]


@pytest.mark.parametrize("sentence, value, unit, comparator, subject", [
    # counts of things a plan sets up or draws in, with their own nouns
    ("1. Giai đoạn 2026 - 2030 thành lập mới 05 cụm công nghiệp trên địa bàn các huyện miền núi.",
     5, "count", "=", "cụm công nghiệp"),
    ("2. Thu hút 25 dự án điện gió ngoài khơi vào tỉnh.", 25, "count", "=", "dự án điện gió"),
    # areas, power, length and money keep their unit (money scaled to đồng)
    ("3. Trồng mới 1.250 ha rừng phòng hộ ven biển.", 1250, "ha", "=", None),
    ("4. Phấn đấu tổng công suất nguồn điện mặt trời mái nhà đạt 350 MW.", 350, "MW", "=",
     "tổng công suất nguồn điện mặt trời mái nhà"),
    ("5. Nâng cấp 42 km đê biển xung yếu.", 42, "km", "=", "đê biển xung yếu"),
    ("6. Huy động tổng vốn đầu tư đạt ít nhất 4.800 tỷ đồng.", 4_800_000_000_000, "VND", ">=", None),
])
def test_plan_counts_and_measures(sentence, value, unit, comparator, subject):
    t = one(sentence, STATE_HEADER)
    assert (t["value"], t["unit"], t["comparator"]) == (value, unit, comparator)
    if subject:
        assert names_match(subject, t["subject"]), t["subject"]


def test_the_measure_named_before_the_figure_is_its_subject():
    t = one("- Xây dựng khu tái định cư với tổng diện tích 38 ha.", STATE_HEADER)
    assert (t["value"], t["unit"]) == (38, "ha")
    assert names_match("tổng diện tích", t["subject"]), t["subject"]


def test_table_rows_take_the_rows_heading_and_unit():
    body = ("PHỤ LỤC\nCHỈ TIÊU PHÁT TRIỂN\n"
            "STT | Chỉ tiêu | Đơn vị tính | Thực hiện năm 2025 | Kế hoạch năm 2026\n"
            "1 | Diện tích cây ăn quả | ha | 2.140 | 2.300\n"
            "2 | Tỷ lệ hộ dùng nước sạch | % | 91,5 | 94\n"
            "3 | Số doanh nghiệp thành lập mới | Doanh nghiệp | 410 | 450\n"
            "4 | Tổng thu ngân sách trên địa bàn | Tỷ đồng | 5.600 | 6.100\n")
    found = {t["subject"]: (t["value"], t["unit"], t["year"]) for t in targets(body, STATE_HEADER)}
    assert found == {
        "Diện tích cây ăn quả": (2300, "ha", 2026),
        "Tỷ lệ hộ dùng nước sạch": (94, "%", 2026),
        "Số doanh nghiệp thành lập mới": (450, "count", 2026),
        "Tổng thu ngân sách trên địa bàn": (6_100_000_000_000, "VND", 2026),
    }   # the results column (`Thực hiện năm 2025`) gives none


def test_a_table_with_no_goal_column_gives_no_targets():
    body = ("STT | Nội dung | Đơn vị tính | Số liệu | Ghi chú\n"
            "1 | Số văn bản đã ban hành | Văn bản | 57 |\n"
            "2 | Số hồ sơ tiếp nhận | Hồ sơ | 12.400 |\n")
    assert targets(body, STATE_HEADER) == []


DECISION_HEADER = ("ỦY BAN NHÂN DÂN\nXÃ TÂN PHÚ\nSố: 41/QĐ-UBND\n"
                   "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                   "Tân Phú, ngày 06 tháng 3 năm 2026\nQUYẾT ĐỊNH\nPhê duyệt dự toán sửa chữa nhà văn hóa\n")


def test_a_sum_the_document_sets_is_a_target():
    t = one("Điều 1. Phê duyệt dự toán sửa chữa nhà văn hóa thôn với tổng kinh phí 865.000.000 đồng.\n",
            DECISION_HEADER)
    assert (t["value"], t["unit"]) == (865_000_000, "VND")
    t = one("Điều 2. Mức hỗ trợ cho mỗi hộ là 3 triệu đồng.\n", DECISION_HEADER)
    assert (t["value"], t["unit"]) == (3_000_000, "VND")


def test_a_budget_tables_sums_take_the_columns_unit():
    body = ("Điều 1. Phê duyệt dự toán như sau:\n"
            "STT | Nội dung | Đơn vị tính | Số lượng | Thành tiền (triệu đồng)\n"
            "1 | Lợp lại mái tôn | m2 | 120 | 96\n"
            "2 | Bàn ghế hội trường | Bộ | 30 | 45\n")
    found = {t["subject"]: (t["value"], t["unit"]) for t in targets(body, DECISION_HEADER)}
    assert found == {"Lợp lại mái tôn": (96_000_000, "VND"), "Bàn ghế hội trường": (45_000_000, "VND")}


def test_a_range_set_as_a_goal_is_a_floor_and_a_ceiling():
    found = [(t["value"], t["comparator"]) for t in targets(
        "- Phấn đấu mỗi năm tổ chức 4 – 6 buổi sinh hoạt chuyên đề.\n")]
    assert found == [(4, ">="), (6, "<=")]
    # a band of a grading scale stays out
    assert targets("- Mức Khá: đạt từ 65% - dưới 80%: 0,75 điểm.\n") == []


def test_a_floor_after_a_labels_colon_is_a_goal():
    t = one("2. Số cơ sở được kiểm tra: tối thiểu 30% cơ sở kinh doanh trên địa bàn.\n", STATE_HEADER)
    assert (t["value"], t["unit"], t["comparator"]) == (30, "%", ">=")


def test_a_figure_for_a_later_year_is_a_goal_in_a_report_too():
    report = HEADER.replace("KẾ HOẠCH", "BÁO CÁO").replace("-KH/", "-BC/").replace(
        "thực hiện nhiệm vụ năm 2026", "tổng kết 5 năm")
    found = targets("- Tiếp tục xây dựng xã không ma túy theo lộ trình đến năm 2030, đạt 60% số xã.\n", report)
    assert [(t["value"], t["year"]) for t in found] == [(60, 2030)]


@pytest.mark.parametrize("sentence", [
    "- Khẩn trương rà soát danh mục 54 dự án kêu gọi đầu tư theo Quyết định đã ban hành.",  # a known list
    "- Triển khai Đề án 06 tỉnh Hà Tĩnh về dữ liệu dân cư.",                               # a document's name
    "5 | Sở Xây dựng | 86,00 | 77,40 | 90,00% | TỐT",                                      # a results table
])
def test_known_sets_names_and_results_tables_are_not_counts(sentence):
    assert targets(sentence, STATE_HEADER) == []


def test_target_year_from_the_sentence_or_the_heading():
    t = one("- Phấn đấu đến năm 2028 có 75% cơ quan đạt chuẩn văn hóa.")
    assert t["year"] == 2028
    body = "I. CHỈ TIÊU PHẤN ĐẤU NĂM 2026\n1. Có 100% tổ chức cơ sở đảng hoàn thành nhiệm vụ.\n"
    assert one(body)["year"] == 2026


def test_subject_before_the_verb_when_the_number_ends_the_clause():
    t = one("3. Phấn đấu đến hết năm 2027, mức độ hài lòng của doanh nghiệp về thủ tục đầu tư "
            "đạt tối thiểu 88%; duy trì kết quả.")
    assert (t["value"], t["comparator"]) == (88, ">=")
    assert t["subject"] == "mức độ hài lòng của doanh nghiệp về thủ tục đầu tư"


def test_a_table_cell_ends_the_subject():
    t = one("1 | Phấn đấu 100% văn bản đi được ký số | Văn phòng | Quý IV\n")
    assert t["subject"] == "văn bản đi được ký số"


def test_counts_under_a_criteria_heading():
    body = ("b) Tiêu chuẩn xét chọn:\n"
            "- Xếp loại Hoàn thành xuất sắc nhiệm vụ và nằm trong nhóm 05 đơn vị dẫn đầu.\n")
    t = one(body)
    assert (t["value"], t["unit"]) == (5, "count")


def test_a_reports_plan_for_the_next_term_states_goals():
    report = HEADER.replace("KẾ HOẠCH", "BÁO CÁO").replace("-KH/", "-BC/").replace(
        "thực hiện nhiệm vụ năm 2026", "tổng kết nhiệm kỳ 2021 - 2026")
    body = ("I. KẾT QUẢ NHIỆM KỲ\n- Kết nạp được 86 hội viên mới.\n"
            "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NHIỆM KỲ 2026 - 2031\n- Kết nạp 120 hội viên mới.\n")
    assert [t["value"] for t in targets(body, report)] == [120]


@pytest.mark.parametrize("sentence", [
    # past results, statistics and scales are not targets
    "- Năm 2024 đã có 78% hồ sơ được giải quyết đúng hạn.",
    "- Tổng số lượt khách đạt 2.300 lượt, tăng 11% so với cùng kỳ.",
    "- Mức KHÁ tương ứng với kết quả đánh giá đạt từ 70% - dưới 80%;",
    "Từ 30% số xã trở lên: 1\nDưới 10% số xã: 0",
    "- Nếu đạt từ 70% đến dưới 90% thì điểm đánh giá là 0.5 điểm.",
    "- Dự kiến Ban Chấp hành: 31 người; Ban Thường vụ: 9 người.",
    "- Huyện ủy đề nghị Ban Thường vụ của 04 xã (Quỳnh Thắng, Quỳnh Tân, Quỳnh Châu, Quỳnh Hoa) phối hợp.",
    "- Kỷ niệm 95 năm Ngày thành lập Đảng bộ tỉnh, phấn đấu hoàn thành tốt nhiệm vụ.",
    "- Quán triệt Nghị định số 45/2021/NĐ-CP, phấn đấu hoàn thành trước ngày 30/6/2026.",
    "- Tổ hội được thành lập khi có từ 10 hội viên trở lên.",
    "- Trong 3 năm, phấn đấu hoàn thành tốt nhiệm vụ được giao.",
    "- Tổ chức thực hiện 37 trường hợp vi phạm đã được xử lý.",
])
def test_what_is_not_a_target(sentence):
    assert targets(sentence) == []


def test_section_labels_are_not_counts():
    body = "b) Tiêu chuẩn khen thưởng:\n4. Tập thể phải hoàn thành xuất sắc nhiệm vụ.\n3 tập thể tiêu biểu được tặng Giấy khen.\n"
    assert [(t["value"], t["unit"]) for t in targets(body)] == [(3, "count")]


def test_a_report_states_results_not_goals():
    report = HEADER.replace("KẾ HOẠCH", "BÁO CÁO").replace("-KH/", "-BC/").replace(
        "thực hiện nhiệm vụ năm 2026", "kết quả năm 2025")
    assert targets("- Tỷ lệ hồ sơ giải quyết trực tuyến đạt 81%.", report) == []
    assert targets("- Năm 2025 đã thành lập mới 02 cụm công nghiệp.", report) == []
    assert [t["value"] for t in targets("- Năm 2026, phấn đấu 100% văn bản được ký số.", report)] == [100]


@pytest.mark.parametrize("s, v", [("2.000", 2000), ("3,5", 3.5), ("03", 3), ("4.800.000", 4800000),
                                  ("91,25", 91.25), ("x", None)])
def test_vietnamese_number_formats(s, v):
    assert parse_number(s) == v
