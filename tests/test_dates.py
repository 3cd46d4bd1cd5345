"""Dates, deadlines, periods and recurrences (issue 5).

Each test runs the whole text pipeline (`process_text`), so references found
earlier and the document's own date take part exactly as they do in a run.
Every sentence here is written for the test (numbers, bodies and wording invented in the
genre's usual shape); none is taken from a gold document.
"""
import pytest

from pipeline.extract.dates import parse_day
from pipeline.run.process import process_text


def header(year: int = 2025) -> str:
    return ("ỦY BAN NHÂN DÂN\nTỈNH THÁI BÌNH\nSố: 736/KH-UBND\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            f"Thái Bình, ngày 18 tháng 8 năm {year}\nKẾ HOẠCH\nPhát động phong trào thi đua\n")


def dates(body: str, year: int = 2025) -> list[dict]:
    return process_text("t.txt", header(year) + body, "docx", wrapped=False)["dates"]


def values(body: str, year: int = 2025) -> dict[str, str]:
    return {d["value"]: d["kind"] for d in dates(body, year)}


@pytest.mark.parametrize("sentence, value, kind", [
    ("Các phòng gửi báo cáo về Sở Y tế trước ngày 20 tháng 10 năm 2021.", "2021-10-20", "deadline"),
    ("Ban Tuyên giáo tổng hợp, báo cáo Thường trực Huyện ủy trước ngày 15/12/2021.", "2021-12-15", "deadline"),
    ("Lễ phát động được tổ chức ngày 02-9-2021 tại Nhà văn hóa trung tâm.", "2021-09-02", "event"),
    ("Đề nghị gửi danh sách về Phòng Nội vụ trước 16 giờ 30 ngày 14/6/2021 để tổng hợp.", "2021-06-14", "deadline"),
    ("Ý kiến tham gia gửi về Sở Tư pháp chậm nhất ngày 05/11/2025 để hoàn thiện.", "2025-11-05", "deadline"),
    ("Đợt thi đua kéo dài trong năm 2027 và tính đến hết ngày 30/11/2027.", "2027-11-30", "deadline"),
    ("Tổ chức Lễ tuyên dương điển hình tiên tiến trong tháng 03/2022.", "2022-03", "event"),
    ("Hoàn thành việc bàn giao mặt bằng sạch trong tháng 7/2026.", "2026-07", "deadline"),
    ("Tham mưu sơ kết giữa kỳ việc thực hiện Chương trình (quý II/2023).", "2023-Q2", "event"),
    ("Các chi hội tổ chức hội nghị trong Quý IV năm 2026 theo hướng dẫn.", "2026-Q4", "event"),
    ("Việc sáp nhập các trường phải được hoàn thành xong trong Quý II/2025.", "2025-Q2", "deadline"),
    ("Báo cáo kết quả 6 tháng cuối năm 2024 gửi Bộ Y tế.", "2024-H2", "event"),
    ("Năm 2024, giúp Thường trực Huyện ủy sơ kết việc thực hiện Nghị quyết.", "2024", "event"),
    ("Tiếp tục đẩy mạnh phong trào xây dựng nông thôn mới giai đoạn 2026 - 2030 trên địa bàn.", "2026/2030", "period"),
    ("Quán triệt Nghị quyết Đại hội Đảng bộ huyện lần thứ XXV, nhiệm kỳ 2025-2030.", "2025/2030", "period"),
    ("Công nhận kết quả Đại hội Hội Cựu chiến binh tỉnh khóa VIII (2022 - 2027).", "2022/2027", "period"),
    ("Thời gian thu nhận hồ sơ từ ngày 04/3/2026 đến hết ngày 25/4/2026.", "2026-03-04/2026-04-25", "period"),
    ("Trên thực tế, từ tháng 5 năm 2023 đến tháng 8 năm 2023, các xã đã rà soát.", "2023-05/2023-08", "period"),
    ("Nhiệm kỳ của Ban Chấp hành được tính từ năm 2024 đến năm 2029.", "2024/2029", "period"),
    ("Mặt khác, từ thời điểm tháng 3 năm 2025 đến nay, nhiều hồ sơ chưa được cập nhật.", "2025-03", "period"),
    ("Phấn đấu đến năm 2035 có ít nhất 60% số thôn đạt chuẩn văn hóa.", "2035", "deadline"),
    ("Lồng ghép vào Kế hoạch chuyển đổi số hằng năm của đơn vị.", "yearly", "recurrence"),
    ("Đánh giá, xếp loại hàng năm đối với đảng viên.", "yearly", "recurrence"),
    ("Các phòng tổng hợp số liệu hàng quý gửi Văn phòng.", "quarterly", "recurrence"),
    ("Nộp quỹ hội hàng tháng theo điều lệ.", "monthly", "recurrence"),
    ("Định kỳ 6 tháng, các đơn vị gửi báo cáo tiến độ.", "periodic", "recurrence"),
    ("Thường xuyên rà soát, đôn đốc việc thực hiện kế hoạch.", "regular", "recurrence"),
])
def test_every_form_is_found_with_its_value_and_kind(sentence, value, kind):
    found = values(sentence)
    assert value in found, found
    assert found[value] == kind


def test_partial_date_takes_the_documents_year():
    assert values("Các xã gửi báo cáo về Thường trực Huyện ủy trước ngày 10/12.", year=2021) == \
        {"2021-12-10": "deadline"}


def test_partial_date_prefers_the_year_of_its_sentence():
    assert "2027-03-20" in values("Hồ sơ năm 2027 gửi về Sở Tài chính trước ngày 20/03 để thẩm định.", year=2025)


def test_span_covers_the_clock_time_and_points_into_the_text():
    text = header() + "Đề nghị có mặt lúc 14 giờ 00, ngày 21 tháng 10 năm 2025 tại Hội trường."
    rec = process_text("t.txt", text, "docx", wrapped=False)
    (d,) = rec["dates"]
    assert d["value"] == "2025-10-21"
    assert rec["text"][d["start"]:d["end"]] == d["text"]
    assert d["text"].startswith("lúc 14 giờ 00")


@pytest.mark.parametrize("sentence", [
    # durations, anniversaries, identifiers and section numbers are not dates
    "Nhìn lại kết quả 3 năm thực hiện phong trào thi đua.",
    "Kỷ niệm 75 năm Ngày thành lập ngành Kiểm sát nhân dân.",
    "Quán triệt Nghị định số 45/2021/NĐ-CP về quản lý dự án.",
    "3.2.1. Về tăng cường công tác tuyên truyền.",
    "Tỷ lệ hồ sơ đúng hạn đạt 2.615/2.700 hồ sơ.",
    "Bảo đảm kinh phí chi thường xuyên của trường học.",
])
def test_what_is_not_a_date(sentence):
    assert dates(sentence) == []


@pytest.mark.parametrize("sentence", [
    # a cited document's own date belongs to the reference, not to the dates
    "Căn cứ Kế hoạch số 1536/KH-UBND, ngày 17/5/2024 của UBND tỉnh về phát triển kinh tế số.",
    "Thực hiện Quyết định số 947/QĐ-UBND ngày 30/10/2025 của UBND tỉnh, các xã rà soát dịch vụ công.",
    "Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 19 tháng 02 năm 2025;",
    "Theo khoản 3, Điều 8 Luật Tiếp công dân năm 2013 quy định về trách nhiệm.",
    "Ngày 09/4/2025, Giám đốc Sở Xây dựng ban hành Quyết định số 217/QĐ-SXD về việc giao nhiệm vụ.",
    "Phòng Tư pháp nhận được Đơn đề nghị ngày 12/11/2025 của Ban Quản lý chợ.",
    "Hồ sơ có mã T22.41-88120 ngày 05/10/2024 được tiếp nhận.",
])
def test_a_cited_documents_date_is_not_a_date_of_the_text(sentence):
    assert dates(sentence) == []


def test_the_documents_own_date_line_is_left_out():
    found = values("Tổ chức Hội nghị tổng kết trong tháng 11/2025.")
    assert "2025-08-18" not in found and "2025-11" in found


def test_a_signature_date_line_is_left_out():
    assert dates("Tổ chức Hội nghị vào ngày 24/11/2025.\nNgười lập | Trưởng phòng\n"
                 "Ngày 03 tháng 12 năm 2025 | Ngày 03 tháng 12 năm 2025") == [
        d for d in dates("Tổ chức Hội nghị vào ngày 24/11/2025.") if d["value"] == "2025-11-24"]


def test_anniversary_ends_are_events_not_a_period():
    found = values("Kỷ niệm 70 năm Ngày thành lập Hội Nông dân tỉnh (01/3/1955 - 01/3/2025).",
                   year=2025)
    assert found == {"1955-03-01": "event", "2025-03-01": "event"}


@pytest.mark.parametrize("s, iso", [("7/11/2022", "2022-11-07"), ("7-11-2022", "2022-11-07"),
                                    ("7.11.2022", "2022-11-07"), ("03 tháng 02 năm 2022", "2022-02-03"),
                                    ("30/02x", None), ("33/1/2022", None)])
def test_parse_day_used_by_references(s, iso):
    assert parse_day(s) == iso
