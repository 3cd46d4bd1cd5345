"""Dates, deadlines, periods and recurrences (issue 5), on sentences of real plans and letters.

Each test runs the whole text pipeline (`process_text`), so references found
earlier and the document's own date take part exactly as they do in a run.
"""
import pytest

from pipeline.extract.dates import parse_day
from pipeline.run.process import process_text


def header(year: int = 2025) -> str:
    return ("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 1441/KH-UBND\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            f"Lâm Đồng, ngày 25 tháng 9 năm {year}\nKẾ HOẠCH\nTriển khai phong trào thi đua\n")


def dates(body: str, year: int = 2025) -> list[dict]:
    return process_text("t.txt", header(year) + body, "docx", wrapped=False)["dates"]


def values(body: str, year: int = 2025) -> dict[str, str]:
    return {d["value"]: d["kind"] for d in dates(body, year)}


@pytest.mark.parametrize("sentence, value, kind", [
    ("Các đơn vị gửi báo cáo về Sở Nội vụ trước ngày 15 tháng 9 năm 2020.", "2020-09-15", "deadline"),
    ("Ban Dân vận tổng hợp, báo cáo Thường trực Tỉnh ủy trước ngày 30/11/2020.", "2020-11-30", "deadline"),
    ("Hội nghị tổng kết được tổ chức ngày 15-9-2020 tại Hội trường tỉnh.", "2020-09-15", "event"),
    ("Đề nghị gửi danh sách về Văn phòng trước 14 giờ 00 ngày 29/7/2020 để tổng hợp.", "2020-07-29", "deadline"),
    ("Văn bản góp ý gửi về Sở Nội vụ chậm nhất ngày 27/8/2025 để tổng hợp.", "2025-08-27", "deadline"),
    ("Phong trào thi đua trong năm 2026 và tính đến hết ngày 31/12/2026.", "2026-12-31", "deadline"),
    ("Tổ chức Hội nghị tổng kết phong trào thi đua trong tháng 01/2021.", "2021-01", "event"),
    ("Hoàn thành việc phê duyệt phương án bồi thường trong tháng 4/2026.", "2026-04", "deadline"),
    ("Tham mưu tổ chức sơ kết việc thực hiện Kế hoạch (quý III/2022).", "2022-Q3", "event"),
    ("Các Hội tiến hành Đại hội trong Quý I năm 2026 theo hướng dẫn.", "2026-Q1", "event"),
    ("Đại hội hợp nhất phải được tổ chức xong trong Quý III/2025.", "2025-Q3", "deadline"),
    ("Báo cáo kết quả thực hiện 6 tháng đầu năm 2025 gửi Bộ Nội vụ.", "2025-H1", "event"),
    ("Năm 2023, tham mưu Ban Thường vụ Tỉnh ủy tổng kết việc thực hiện Chỉ thị.", "2023", "event"),
    ("Tiếp tục thực hiện phong trào thi đua giai đoạn 2021 - 2025 trên địa bàn tỉnh.", "2021/2025", "period"),
    ("Thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIV, nhiệm kỳ 2020-2025.", "2020/2025", "period"),
    ("Phê chuẩn kết quả Đại hội Đoàn Luật sư tỉnh nhiệm kỳ X (2024 - 2029).", "2024/2029", "period"),
    ("Thời gian thực hiện thí điểm từ ngày 26/8/2025 đến hết ngày 30/9/2025.", "2025-08-26/2025-09-30", "period"),
    ("Qua theo dõi, từ tháng 7 năm 2024 đến tháng 9 năm 2024, các đơn vị đã triển khai.", "2024-07/2024-09", "period"),
    ("Nhiệm kỳ của Hội được tính từ năm 2025 đến năm 2030.", "2025/2030", "period"),
    ("Tuy nhiên, từ thời điểm tháng 10 năm 2024 đến nay, một số thủ tục chưa được số hóa.", "2024-10", "period"),
    ("Phấn đấu đến năm 2030 đạt ít nhất 50% số xã không có ma túy.", "2030", "deadline"),
    ("Đưa vào Kế hoạch cải cách hành chính hằng năm của cơ quan.", "yearly", "recurrence"),
    ("Kiểm điểm hàng năm đối với tập thể, cá nhân.", "yearly", "recurrence"),
    ("Các đơn vị báo cáo kết quả hàng quý về Sở Nội vụ.", "quarterly", "recurrence"),
    ("Thu phí hội viên hàng tháng theo quy định.", "monthly", "recurrence"),
    ("Định kỳ 6 tháng, các cơ quan báo cáo kết quả thực hiện.", "periodic", "recurrence"),
    ("Thường xuyên theo dõi, kiểm tra việc thực hiện nhiệm vụ.", "regular", "recurrence"),
])
def test_every_form_is_found_with_its_value_and_kind(sentence, value, kind):
    found = values(sentence)
    assert value in found, found
    assert found[value] == kind


def test_partial_date_takes_the_documents_year():
    assert values("Các huyện gửi báo cáo về Ban Thường vụ Tỉnh ủy trước ngày 30/11.", year=2020) == \
        {"2020-11-30": "deadline"}


def test_partial_date_prefers_the_year_of_its_sentence():
    assert "2026-02-15" in values("Hồ sơ năm 2026 gửi về Sở Nội vụ trước ngày 15/02 để tổng hợp.", year=2025)


def test_span_covers_the_clock_time_and_points_into_the_text():
    text = header() + "Đề nghị có mặt lúc 08 giờ 00, ngày 09 tháng 10 năm 2025 tại Hội trường."
    rec = process_text("t.txt", text, "docx", wrapped=False)
    (d,) = rec["dates"]
    assert d["value"] == "2025-10-09"
    assert rec["text"][d["start"]:d["end"]] == d["text"]
    assert d["text"].startswith("lúc 08 giờ 00")


@pytest.mark.parametrize("sentence", [
    # durations, anniversaries, identifiers and section numbers are not dates
    "Đánh giá kết quả 5 năm thực hiện phong trào thi đua.",
    "Kỷ niệm 90 năm Ngày truyền thống công tác dân vận của Đảng.",
    "Triển khai Nghị định số 30/2020/NĐ-CP về công tác văn thư.",
    "2.4.1. Về nâng cao hiệu quả công tác giám sát.",
    "Tỷ lệ hồ sơ trực tuyến đạt 4.790/9.578 hồ sơ.",
    "Đảm bảo kinh phí chi thường xuyên của đơn vị sự nghiệp.",
])
def test_what_is_not_a_date(sentence):
    assert dates(sentence) == []


@pytest.mark.parametrize("sentence", [
    # a cited document's own date belongs to the reference, not to the dates
    "Căn cứ Kế hoạch số 4088/KH-UBND, ngày 28/10/2021 của UBND tỉnh triển khai phong trào thi đua.",
    "Thực hiện Quyết định số 787/QĐ-UBND ngày 21/8/2025 của Chủ tịch UBND tỉnh về việc thí điểm.",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;",
    "Theo khoản 2, Điều 21 Luật Khiếu nại năm 2011 quy định về thẩm quyền.",
    "Ngày 14/3/2025, Chủ tịch Ủy ban nhân dân tỉnh ban hành Quyết định số 510/QĐ-UBND về việc giao Thanh tra.",
    "Sở Nội vụ nhận được Đơn đề nghị ngày 23/10/2025 của Hội đồng quản lý Quỹ.",
    "Hồ sơ có mã H36.78-23091 ngày 21/9/2023 được tiếp nhận.",
])
def test_a_cited_documents_date_is_not_a_date_of_the_text(sentence):
    assert dates(sentence) == []


def test_the_documents_own_date_line_is_left_out():
    found = values("Tổ chức Hội nghị sơ kết trong tháng 10/2025.")
    assert "2025-09-25" not in found and "2025-10" in found


def test_a_signature_date_line_is_left_out():
    assert dates("Tổ chức Hội nghị vào ngày 18/11/2025.\nChuyên viên | Lãnh đạo phòng\n"
                 "Ngày 15 tháng 12 năm 2025 | Ngày 15 tháng 12 năm 2025") == [
        d for d in dates("Tổ chức Hội nghị vào ngày 18/11/2025.") if d["value"] == "2025-11-18"]


def test_anniversary_ends_are_events_not_a_period():
    found = values("Kỷ niệm 90 năm Ngày truyền thống công tác dân vận của Đảng (15/10/1930 - 15/10/2020).",
                   year=2020)
    assert found == {"1930-10-15": "event", "2020-10-15": "event"}


@pytest.mark.parametrize("s, iso", [("13/9/2021", "2021-09-13"), ("13-9-2021", "2021-09-13"),
                                    ("13.9.2021", "2021-09-13"), ("05 tháng 01 năm 2021", "2021-01-05"),
                                    ("31/02x", None), ("32/1/2021", None)])
def test_parse_day_used_by_references(s, iso):
    assert parse_day(s) == iso
