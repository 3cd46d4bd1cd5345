"""Quantitative targets (issue 5) on sentences of real plans, and the numbers that are not targets."""
import pytest

from pipeline.extract.targets import parse_number
from pipeline.run.process import process_text

HEADER = ("TỈNH ỦY BÌNH THUẬN\n*\nSố 285-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
          "Bình Thuận, ngày 05 tháng 10 năm 2020\nKẾ HOẠCH\nthực hiện nhiệm vụ năm 2021\n"
          "Ban Thường vụ Tỉnh ủy xây dựng kế hoạch như sau:\n")


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
    ("- Phấn đấu trên 90% đảng viên được xếp loại hoàn thành tốt nhiệm vụ.",
     90, "%", ">", "đảng viên được xếp loại hoàn thành tốt nhiệm vụ"),
    ("- 100% hồ sơ thủ tục hành chính được số hóa, bảo đảm đúng quy định.",
     100, "%", "=", "hồ sơ thủ tục hành chính được số hóa"),
    ("- Bí thư Tỉnh ủy biểu dương, tặng thư khen cho 90 tập thể, cá nhân tiêu biểu.",
     90, "count", "=", "tập thể, cá nhân"),
    ('- Tiếp tục thực hiện mô hình "Mỗi ngày tiết kiệm 1.000 đồng để làm việc nghĩa".',
     1000, "VND", "=", None),
    ("- Phấn đấu đến năm 2030 đạt ít nhất 50% số xã, phường không có ma túy.",
     50, "%", ">=", "số xã, phường không có ma túy"),
    ("- Tỷ lệ hồ sơ giải quyết đúng hạn đạt không dưới 95%.",
     95, "%", ">=", "Tỷ lệ hồ sơ giải quyết đúng hạn"),
    ("- Mỗi cơ quan, đơn vị được đề xuất tối đa 02 (hai) cá nhân để xét tặng Bằng khen.",
     2, "count", "<=", "cá nhân"),
    ("- Phấn đấu tỷ lệ giải quyết hồ sơ đúng hạn đạt từ 98% trở lên.",
     98, "%", ">=", None),
    ("- Phấn đấu giảm 2,5% số vụ vi phạm so với năm 2020.",
     2.5, "%", "=", "số vụ vi phạm"),
    ("- Mỗi cơ quan có ít nhất 01 (một) mô hình, sáng kiến cải cách hành chính được áp dụng.",
     1, "count", ">=", "mô hình, sáng kiến cải cách hành chính"),
    ("- Kinh phí hỗ trợ mỗi mô hình không quá 50 triệu đồng.",
     50_000_000, "VND", "<=", None),
])
def test_goal_sentences(sentence, value, unit, comparator, subject):
    t = one(sentence)
    assert (t["value"], t["unit"], t["comparator"]) == (value, unit, comparator)
    if subject:
        assert names_match(subject, t["subject"]), t["subject"]


def test_target_year_from_the_sentence_or_the_heading():
    t = one("- Phấn đấu đến năm 2025 có 80% cơ quan đạt chuẩn văn hóa.")
    assert t["year"] == 2025
    body = "I. CHỈ TIÊU PHẤN ĐẤU NĂM 2021\n1. Có 100% chi bộ hoàn thành tốt nhiệm vụ.\n"
    assert one(body)["year"] == 2021


def test_subject_before_the_verb_when_the_number_ends_the_clause():
    t = one("2. Phấn đấu đến hết năm 2026, mức độ hài lòng của người dân về giải quyết thủ tục hành chính "
            "đạt tối thiểu 90%; duy trì kết quả.")
    assert (t["value"], t["comparator"]) == (90, ">=")
    assert t["subject"] == "mức độ hài lòng của người dân về giải quyết thủ tục hành chính"


def test_counts_under_a_criteria_heading():
    body = ("a) Tiêu chuẩn xét khen thưởng:\n"
            "- Có kết quả đánh giá đạt loại Tốt và nằm trong nhóm 03 cơ quan dẫn đầu.\n")
    t = one(body)
    assert (t["value"], t["unit"]) == (3, "count")


@pytest.mark.parametrize("sentence", [
    # past results, statistics and scales are not targets
    "- Năm 2019 đã có 85% hồ sơ được giải quyết đúng hạn.",
    "- Tổng số hồ sơ tiếp nhận là 1.200 hồ sơ, tăng 15% so với cùng kỳ.",
    "- Mức TỐT tương ứng với kết quả Chỉ số CCHC đạt từ 80% - dưới 90%;",
    "Từ 20% số cơ quan, đơn vị trở lên: 1\nDưới 15% số cơ quan, đơn vị: 0",
    "- Nếu đạt từ 80% đến dưới 100% thì điểm đánh giá là 0.25 điểm.",
    "- Dự kiến Ban Chấp hành: 25 người; Ban Thường vụ: 11 người.",
    "- Sở Tư pháp đề nghị Ban Chủ nhiệm của 03 tỉnh (Lâm Đồng, Đắk Nông, Bình Thuận) phối hợp bảo đảm tiến độ.",
    "- Kỷ niệm 90 năm Ngày truyền thống công tác dân vận của Đảng, phấn đấu hoàn thành tốt nhiệm vụ.",
    "- Thực hiện nghiêm Nghị định số 30/2020/NĐ-CP, phấn đấu hoàn thành trước ngày 15/10/2020.",
    "- Chi hội được thành lập khi có từ 15 hội viên trở lên.",
    "- Trong 5 năm, phấn đấu hoàn thành tốt nhiệm vụ được giao.",
])
def test_what_is_not_a_target(sentence):
    assert targets(sentence) == []


def test_section_labels_are_not_counts():
    body = "a) Tiêu chuẩn khen thưởng:\n3. Cá nhân phải hoàn thành xuất sắc nhiệm vụ.\n2 cá nhân tiêu biểu được tặng Bằng khen.\n"
    assert [(t["value"], t["unit"]) for t in targets(body)] == [(2, "count")]


def test_a_report_states_results_not_goals():
    report = HEADER.replace("KẾ HOẠCH", "BÁO CÁO").replace("-KH/", "-BC/").replace(
        "thực hiện nhiệm vụ năm 2021", "kết quả năm 2020")
    assert targets("- Tỷ lệ hồ sơ nộp trực tuyến đạt 88%.", report) == []
    assert [t["value"] for t in targets("- Năm 2021, phấn đấu 100% hồ sơ được số hóa.", report)] == [100]


@pytest.mark.parametrize("s, v", [("1.000", 1000), ("2,5", 2.5), ("01", 1), ("1.234.567", 1234567),
                                  ("12,75", 12.75), ("x", None)])
def test_vietnamese_number_formats(s, v):
    assert parse_number(s) == v
