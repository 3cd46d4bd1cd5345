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
    ("Thời gian khai mạc hội thi: 08.10.2021 tại sân vận động huyện.", "2021-10-08", "event"),
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
    ("Mặt khác, từ thời điểm tháng 3 năm 2025 đến nay, nhiều hồ sơ chưa được cập nhật.", "2025-03/2025-08", "period"),
    ("Phấn đấu đến năm 2035 có ít nhất 60% số thôn đạt chuẩn văn hóa.", "2035", "deadline"),
    ("Lồng ghép vào Kế hoạch chuyển đổi số hằng năm của đơn vị.", "yearly", "recurrence"),
    ("Đánh giá, xếp loại hàng năm đối với đảng viên.", "yearly", "recurrence"),
    ("Sở Tài chính bố trí kinh phí hằng năm cho nhiệm vụ lưu trữ.", "yearly", "recurrence"),  # funding given yearly
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
    "Kinh phí bảo đảm từ dự toán chỉ thường xuyên của trường học.",    # a scan's `chi`: `only` makes no sense here
    "KẾ HOẠCH TUYỂN SINH ĐỐI VỚI GIÁO DỤC THƯỜNG XUYÊN NĂM HỌC MỚI",    # adult education named in capitals
    "Mã định danh hồ sơ 1.12.2024.15 do hệ thống cấp.",
    # the recurrent budget and benefits paid by the month are named, not scheduled
    "Kinh phí bố trí trong kinh phí hoạt động thường xuyên của Sở Nội vụ.",
    "Thân nhân liệt sĩ đang hưởng trợ cấp hàng tháng, tiền tuất nuôi dưỡng hằng tháng được miễn tiền sử dụng đất.",
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
                                    ("30/02x", None), ("33/1/2022", None),
                                    ("30/02/2026", None), ("31 tháng 6 năm 2025", None)])
def test_parse_day_used_by_references(s, iso):
    assert parse_day(s) == iso


# Issue 14: partial dates, months of a year, mixed ranges, `một quý một lần`, as-of dates,
# cited titles, blank issue dates, generic years, tables.
@pytest.mark.parametrize("sentence, value, kind", [
    ("Các phòng chuyên môn gửi báo cáo về Văn phòng trước ngày 15/12 để tổng hợp.", "2025-12-15", "deadline"),
    ("Tổ chức Hội nghị sơ kết công tác dân vận vào ngày 20 tháng 11.", "2025-11-20", "event"),
    ("Các xã hoàn thành việc rà soát hộ nghèo trong tháng 12.", "2025-12", "deadline"),
    ("Lũy kế đến cuối tháng 9, toàn huyện có 1.250 hộ được hỗ trợ nhà ở.", "2025-09", "event"),
    ("Tính trong 9 tháng đầu năm 2025, toàn tỉnh thu hút 42 dự án đầu tư.", "2025-01/2025-09", "period"),
    ("Kết quả thực hiện 3 tháng cuối năm 2024 được báo cáo tại Hội nghị.", "2024-10/2024-12", "period"),
    ("Tính trong 10 tháng đầu năm, ngân sách huyện thu đạt 86% dự toán.", "2025-01/2025-10", "period"),
    ("Báo cáo kết quả 6 tháng đầu năm 2025 gửi Sở Nội vụ.", "2025-H1", "event"),
    ("Số liệu được tổng hợp giai đoạn từ năm 2022 đến ngày 30/6/2025.", "2022/2025-06-30", "period"),
    ("Hội đồng họp định kỳ (một quý một lần) để đánh giá tiến độ.", "quarterly", "recurrence"),
    ("Ban Chỉ đạo họp mỗi tháng một lần vào tuần cuối tháng.", "monthly", "recurrence"),
    ("Định kỳ hằng quý, các sở báo cáo Ủy ban nhân dân tỉnh.", "quarterly", "recurrence"),
    ("Tính đến ngày 31/10/2025, toàn tỉnh có 18 xã đạt chuẩn nông thôn mới nâng cao.", "2025-10-31", "event"),
    ("Số đối tượng được quản lý (tính đến 15/8/2025) là 312 người.", "2025-08-15", "event"),
    ("Trong năm 2026, tập trung hoàn thiện thể chế về đầu tư công.", "2026", "period"),
    ("Năm 2024, toàn huyện giải quyết 95% hồ sơ đúng hạn.", "2024", "event"),
    ("Lễ khai mạc diễn ra vào lúc 08 giờ 00, ngày 12/01/2026 tại Hội trường tỉnh.", "2026-01-12", "event"),
    ("Từ ngày 01/11/2025 đến hết ngày 30/11/2025, các xã tổ chức kiểm tra chéo.", "2025-11-01/2025-11-30",
     "period"),
    ("Trong năm học 2025-2026, nhà trường tổ chức 4 chuyên đề.", "2025/2026", "period"),
    ("Tổng kết năm học 2024 - 2025 vào tháng 6/2025.", "2025-06", "event"),
    ("Từ tháng 3 đến tháng 9/2026, Đoàn kiểm tra làm việc tại các xã.", "2026-03/2026-09", "period"),
    ("Đến cuối năm 2026, 100% hồ sơ thủ tục hành chính được số hóa.", "2026", "deadline"),
    ("Hoàn thành việc sắp xếp trụ sở trước quý III/2026.", "2026-Q3", "deadline"),
    ("Tổ chức tọa đàm tại xã Đơn Dương ngày 22 tháng 5 năm 2026.", "2026-05-22", "event"),
    ("Triển khai Kế hoạch phát triển nông nghiệp giai đoạn 2026 - 2030 của tỉnh.", "2026/2030", "period"),
    # days of one month written once (`21-25/11/2025`), in a sentence, a table cell or brackets
    ("Ban Giám khảo chấm bài dự thi 12-16/10/2025.", "2025-10-12/2025-10-16", "period"),
    ("| 3 | Chấm chung khảo | 20 - 22/10/2025 | Ban Giám khảo |", "2025-10-20/2025-10-22", "period"),
    ("Mở lớp tập huấn 03 ngày (06-08/10/2025) cho cán bộ xã.", "2025-10-06/2025-10-08", "period"),
    # a timetable cell whose dash a scan lost: two days side by side are still its range
    ("| 2 | Triển lãm ảnh tư liệu | Bảo tàng tỉnh | 03/9 12/9/2025 |", "2025-09-03/2025-09-12", "period"),
])
def test_issue14_forms(sentence, value, kind):
    found = values(sentence)
    assert value in found, found
    assert found[value] == kind


@pytest.mark.parametrize("sentence, absent", [
    # a number's range is no range of days
    ("Hồ sơ lưu theo số 12-15/10/2025 của sổ đăng ký.", "2025-10-12/2025-10-15"),
    # a period or year in the title of a cited document
    ("Thực hiện Quyết định số 1234/QĐ-UBND ngày 05/3/2025 của UBND tỉnh về phê duyệt Đề án phát triển "
     "du lịch cộng đồng giai đoạn 2025 - 2030, Sở Văn hóa hướng dẫn các xã.", "2025/2030"),
    ("Căn cứ Kế hoạch số 55-KH/HU ngày 10/02/2025 của Ban Thường vụ Huyện ủy về thực hiện "
     "nhiệm vụ chuyển đổi số năm 2025;", "2025"),
    ("Thực hiện Chỉ thị số 08/CT-TTg ngày 20/4/2024 của Thủ tướng Chính phủ về đẩy mạnh "
     "Chương trình tổng thể giai đoạn 2021 - 2030, tỉnh chỉ đạo các sở.", "2021/2030"),
    ("Tiếp tục thực hiện Chiến lược phát triển văn hóa Việt Nam đến năm 2030 trên địa bàn tỉnh.", "2030"),
    ("Lồng ghép với Đề án phát triển văn hóa đọc trong cộng đồng giai đoạn 2021 - 2025.", "2021/2025"),
    # a blank issue date (a draft, an appendix's `Kèm theo`)
    ("(Kèm theo Quyết định số /QĐ-UBND ngày tháng 12 năm 2025 của UBND tỉnh)", "2025-12"),
    ("(Kèm theo Quyết định số /QĐ-UBND ngày tháng 12 năm 2025 của UBND tỉnh)", "2025"),
    ("(Ban hành kèm theo Kế hoạch số …/KH-UBND ngày … tháng … năm 2026)", "2026"),
    # the same blank as a scan reads it: specks or a stray mark left in the day's place
    ("Đà Lạt, ngày ˆ tháng 4 năm 2026", "2026-04"),
    ("Đà Lạt, ngày ˆ tháng 4 năm 2026", "2026"),
    ("Đà Lạt, ngày ' , tháng 4 năm 2026", "2026-04"),
    # a day of any year
    ("Số liệu tính từ ngày 01/10 năm trước đến ngày 30/9 của năm đánh giá.", "2025-09-30"),
    ("Các xã gửi báo cáo trước ngày 25 hằng tháng.", "2025-12-25"),
    ("Định kỳ hằng năm (trước ngày 15/11), các phòng báo cáo kết quả về Văn phòng.", "2025-11-15"),
    ("Hằng năm, trước ngày 20/12, Ban Kiểm tra gửi báo cáo.", "2025-12-20"),
    # a day the calendar does not have (a misprint or a misread digit) is no date
    ("Các xã báo cáo kết quả về Sở Xây dựng trước ngày 31/6/2026.", "2026-06-31"),
    ("Hoàn thành việc rà soát chậm nhất ngày 30 tháng 02 năm 2026.", "2026-02-30"),
    # a cited document's date, also when OCR dropped a letter
    ("Sở Tài chính có ý kiến như sau.\ngày 12/5/2025, Sở Tài chính đã có Công văn số 410/STC-NS về việc "
     "rà soát kinh phí.", "2025-05-12"),
    ("Phòng nhận được Công văn số 1185/S V-CCVC ngày 15/5/2025 của Sở Nội vụ.", "2025-05-15"),
    ("Phòng nhận được Đơn kiến nghị của Hội Người cao tuổi xã Phước Hưng ngày 10/9/2025 về việc hỗ trợ.",
     "2025-09-10"),
])
def test_issue14_not_dates(sentence, absent):
    assert absent not in values(sentence)


def test_recurrence_day_of_month_is_no_date():
    assert values("Các xã gửi báo cáo trước ngày 25 hằng tháng.") == {"monthly": "recurrence"}


def test_deadline_column_of_a_table():
    body = ("Phụ lục nhiệm vụ\nSTT | Nhiệm vụ | Đơn vị chủ trì | Thời gian hoàn thành\n"
            "1 | Ban hành quy chế phối hợp | Sở Tư pháp | Quý II/2026\n"
            "2 | Đưa cổng dữ liệu vào vận hành | Sở Khoa học và Công nghệ | Bắt đầu từ năm 2027\n")
    found = values(body)
    assert found["2026-Q2"] == "deadline"
    assert found["2027"] == "event"


def test_partial_date_takes_its_column_headers_year():
    body = ("TT | Nội dung | Đơn vị thực hiện | Thời gian (Năm 2026)\n"
            "1 | Tọa đàm trực tuyến | Sở Công Thương | Từ 20 giờ 00 ngày 14 tháng 3\n")
    assert values(body)["2026-03-14"] == "event"


def test_a_draft_without_issue_day_takes_the_year_of_its_date_line():
    text = header(2025).replace("ngày 18 tháng 8 năm 2025", "ngày     tháng 02 năm 2026") \
        + "Các phòng gửi báo cáo trước ngày 20/3 để tổng hợp."
    found = {d["value"]: d["kind"] for d in process_text("t.txt", text, "docx", wrapped=False)["dates"]}
    assert found == {"2026-03-20": "deadline"}


@pytest.mark.parametrize("sentence, value", [
    ("Thời gian tổ chức: từ ngày 17 đến ngày 21/11/2025 tại các điểm trường.", "2025-11-17/2025-11-21"),
    ("Hội thao diễn ra trong 02 ngày 15 - 16/11/2025 tại Nhà thi đấu huyện.", "2025-11-15/2025-11-16"),
    ("Tuần 1 (17/11 - 23/11/2025): các lớp đăng ký ý tưởng dự thi.", "2025-11-17/2025-11-23"),
    ("Nhận hồ sơ | 01/12/2025 – 05/12/2025 | Văn phòng trường", "2025-12-01/2025-12-05"),
    ("Các tổ chấm sơ khảo từ ngày 24/11 đến hết ngày 28/11 tại phòng họp.", "2025-11-24/2025-11-28"),
])
def test_day_ranges_in_all_their_shapes(sentence, value):
    assert values(sentence).get(value) == "period", values(sentence)


def test_a_fraction_is_no_day_range():
    assert values("Đã hoàn thành 1/3 - 2/3 khối lượng công việc.") == {}


@pytest.mark.parametrize("sentence, value, kind", [
    ("Các lớp nộp sản phẩm dự thi trước 20/11 để Ban tổ chức chấm.", "2025-11-20", "deadline"),
    ("Dự báo từ đêm 15/11 đến sáng ngày 17/11, khu vực có mưa to.", "2025-11-15/2025-11-17", "period"),
    ("Tuần 2 (24/11 - 30/11): chấm sơ khảo bài dự thi.", "2025-11-24/2025-11-30", "period"),
    ("STT | Nội dung | Thời gian\n1 | Họp Ban tổ chức | 17/11\n", "2025-11-17", "event"),
])
def test_a_day_without_year_or_ngay(sentence, value, kind):
    assert values(sentence).get(value) == kind, values(sentence)


@pytest.mark.parametrize("sentence", [
    "Đến nay đã hoàn thành 2/3 khối lượng công việc.",
    "Kết quả: 9/10 học sinh đạt yêu cầu.",
    "STT | Nội dung | Tỷ lệ\n1 | Hộ có nước sạch | 3/4\n",
])
def test_a_fraction_is_no_day(sentence):
    assert dates(sentence) == []


def test_the_day_of_a_named_yearly_observance_is_no_date():
    assert values("Hưởng ứng “Ngày Pháp luật Việt Nam” (9/11) bằng các hình thức phù hợp.") == {}


def test_the_day_a_paper_was_signed_is_the_papers():
    assert values("Hai huyện tiếp tục thực hiện thỏa thuận hợp tác ký ngày 12/3/2019 giữa hai địa phương.") == {}


def test_reporting_within_a_month_is_a_deadline():
    assert values("Sở Tài chính tổng hợp, báo cáo UBND tỉnh trong tháng 6 năm 2026.") == {"2026-06": "deadline"}


@pytest.mark.parametrize("sentence, value, kind", [
    ("Đoàn kiểm tra làm việc tại các xã vào tháng 12-2025.", "2025-12", "event"),
    ("Ban Chỉ đạo họp mỗi quý để đánh giá kết quả.", "quarterly", "recurrence"),
    ("STT | Nội dung | Thời gian\n1 | Khai mạc Hội thi | Ngày 15 tháng 11 năm 2025\n", "2025-11-15", "event"),
])
def test_month_dash_year_each_quarter_and_timetable_cells(sentence, value, kind):
    assert values(sentence).get(value) == kind, values(sentence)


def test_a_meeting_on_the_day_of_the_document_is_an_event():
    # a record of a meeting (biên bản) bears the meeting's day: the body's day is the meeting, not the issue date
    found = values("Hôm nay, vào lúc 14 giờ 00, ngày 18 tháng 8 năm 2025, tại Hội trường Ủy ban nhân dân "
                   "tỉnh, Tổ chuyên gia họp xét hồ sơ dự thầu.")
    assert found == {"2025-08-18": "event"}


def test_a_month_range_takes_its_year_from_the_text():
    assert values("Từ tháng 3 đến tháng 5, các xã tổ chức ra quân làm đường giao thông nông thôn.") == \
        {"2025-03/2025-05": "period"}


@pytest.mark.parametrize("sentence, expected", [
    ("Hội thi diễn ra trong các ngày 15 và 16/11/2025 tại trường.", {"2025-11-15": "event", "2025-11-16": "event"}),
    ("Tập huấn vào ngày 20, 21 tháng 11 năm 2025.", {"2025-11-20": "event", "2025-11-21": "event"}),
    ("Nộp hồ sơ trước ngày 5, 6/12.", {"2025-12-05": "deadline", "2025-12-06": "deadline"}),
])
def test_several_days_of_one_month(sentence, expected):
    assert values(sentence) == expected


def test_a_named_deadline_before_a_colon():
    assert values("Hạn cuối nhận bài dự thi: 20/11/2025.") == {"2025-11-20": "deadline"}


def test_a_draft_year_comes_from_its_date_line_not_a_cited_date():
    text = header(2025).replace("Thái Bình, ngày 18 tháng 8 năm 2025", "Thái Bình, ngày     tháng 02 năm 2026") \
        + "Căn cứ Nghị định số 45/2021/NĐ-CP ngày 15 tháng 4 năm 2021 của Chính phủ;\n" \
        + "Các xã hoàn thành việc rà soát trong tháng 4."
    found = {d["value"] for d in process_text("t.txt", text, "docx", wrapped=False)["dates"]}
    assert found == {"2026-04"}


# ------------------------------------------------------------------ invitations, timetables, forecasts

@pytest.mark.parametrize("sentence, expected", [
    # a weekday before the day is no place of a date line
    ("Hội nghị khai mạc vào lúc 7 giờ 30, thứ Ba, ngày 10/02/2026 tại Hội trường tầng 3.", {"2026-02-10": "event"}),
    ("Chủ Nhật, ngày 15/3/2026: các chi đoàn ra quân làm vệ sinh môi trường.", {"2026-03-15": "event"}),
    # `tháng 4 - tháng 6/2026`: both months written with their word
    ("Thời gian tổ chức: tháng 4 - tháng 6/2026 tại các cụm thi đua.", {"2026-04/2026-06": "period"}),
    # several months of one year, one event each
    ("| 3 | Hội thao cụm trường | Tháng 11, 12/2025 | Tổ Thể dục |", {"2025-11": "event", "2025-12": "event"}),
    ("Đợt kiểm tra diễn ra trong các tháng 7 và 8 năm 2026.", {"2026-07": "event", "2026-08": "event"}),
    # an hour before either end of a range of days
    ("Tổng lượng mưa từ 19 giờ ngày 03/10 đến 19 giờ ngày 05/10/2025 phổ biến 80-150 mm.",
     {"2025-10-03/2025-10-05": "period"}),
    # a label that names the time of completion makes a deadline
    ("Thời gian hoàn thành: tháng 9/2026.", {"2026-09": "deadline"}),
    ("Thời hạn hoàn thành: Quý III năm 2026.", {"2026-Q3": "deadline"}),
])
def test_invitations_timetables_and_forecasts(sentence, expected):
    assert values(sentence) == expected


def test_a_timetables_month_labels_take_the_school_years_years():
    # a school's plan for a school year: months from August on fall in its first year
    body = ("Kế hoạch tổ chức hoạt động trải nghiệm năm học 2025 - 2026.\n"
            "Thời gian | Nội dung | Người phụ trách\n"
            "Tháng 9 | Thành lập câu lạc bộ | Đoàn trường\n"
            "Tháng 11, 12 | Hội thi ý tưởng sáng tạo | Tổ Vật lý\n"
            "Tháng 3 - 4 | Tham gia cuộc thi cấp tỉnh | Giáo viên hướng dẫn\n"
            "- Tháng 5: Tổng kết, khen thưởng.\n")
    found = values(body)
    for value in ("2025-09", "2025-11", "2025-12", "2026-05"):
        assert found.get(value) == "event", found
    assert found.get("2026-03/2026-04") == "period", found


def test_a_school_plans_days_without_a_year_take_the_school_years():
    # as its month labels do: a day from August on falls in the school year's first year, before it in its second
    body = ("Kế hoạch tổ chức các hoạt động năm học 2025 - 2026.\n"
            "- Ngày 20/11: mít tinh kỷ niệm Ngày Nhà giáo Việt Nam.\n"
            "- Ngày 26/3: hội trại truyền thống.\n"
            "- Nộp hồ sơ thi đua trước ngày 30/5.\n")
    found = values(body)
    assert found.get("2025-11-20") == "event" and found.get("2026-03-26") == "event", found
    assert found.get("2026-05-30") == "deadline", found


def test_a_month_after_a_time_fields_label():
    # the year is the document's own (2025 here), none being written in the sentence
    found = values("Tổ chức tập huấn cho cán bộ cơ sở.\nThời gian thực hiện: tháng 9.\n"
                   "- Thời hạn hoàn thành: tháng 11.\n")
    assert found.get("2025-09") == "event" and found.get("2025-11") == "deadline", found


def test_a_month_inside_running_text_or_a_header_row_is_no_label():
    # `tháng 10 vừa qua` is not set as a label; a Gantt header `Tháng` / `1` / `2` is no month
    assert values("Trong tuần, tháng 10 vừa qua, nhiều xã đã hoàn thành.\n") == {}
    assert values("TT | Nội dung công việc | Tháng\n| | 1 | 2 | 3\n") == {}


@pytest.mark.parametrize("sentence", [
    "Ví dụ: tổng thu ngân sách của tỉnh A năm 2024 là 9.500 tỷ đồng, tăng 8% so với năm 2023.",
    "- Doanh nghiệp B nộp hồ sơ ngày 10/3/2025 và được cấp phép ngày 20/3/2025.",
    "Trường hợp ông C nghỉ hưu từ tháng 7/2026 thì không tính vào chỉ tiêu.",
])
def test_a_worked_examples_dates_are_no_times_of_the_text(sentence):
    # a guidance works an example through with placeholder bodies and people
    assert values(sentence) == {}


def test_a_place_named_with_an_apostrophe_is_no_placeholder():
    assert values("Ngày 12/3/2026, UBND phường B'Lao tổ chức hội nghị.") == {"2026-03-12": "event"}


def test_a_worked_example_far_into_a_long_document():
    # the example's sentence is found where it is, however much text comes before it
    filler = "Các cơ quan thực hiện đúng quy định về chế độ báo cáo. " * 40
    assert values(filler + "\nVí dụ: - Năm 2023 số thu của Công ty A đạt 500 triệu đồng.\n") == {}


@pytest.mark.parametrize("sentence, expected", [
    # a reporting regime lists its units after one `hằng`: one recurrence each
    ("Các phòng thực hiện chế độ báo cáo định kỳ hằng tháng, quý, năm về Văn phòng.",
     {"monthly": "recurrence", "quarterly": "recurrence", "yearly": "recurrence"}),
    ("Tổng hợp số liệu hàng quý và năm gửi Cục Thống kê.", {"quarterly": "recurrence", "yearly": "recurrence"}),
    # a unit followed by a number is a day or a month, not one more unit
    ("Nộp báo cáo hằng tháng, ngày 05 gửi Sở Tài chính.", {"monthly": "recurrence"}),
    # a run of quarters is one period
    ("Trong quý III và quý IV năm 2026, các xã hoàn thành việc rà soát.", {"2026-Q3/2026-Q4": "period"}),
    ("Triển khai thí điểm trong quý II - III/2026.", {"2026-Q2/2026-Q3": "period"}),
    # a cited decision's day filled in by hand (`ngày …25.. tháng 01 năm 2006`) lends no month or year
    ("(Ban hành kèm theo Quyết định số …12…./2026/QĐ-UBND, ngày …20.. tháng 01 năm 2026 của UBND tỉnh)", {}),
])
def test_reporting_regimes_runs_of_quarters_and_hand_filled_days(sentence, expected):
    assert values(sentence) == expected


def test_a_day_after_a_time_word_is_the_texts_even_after_a_paper():
    # `Tờ khai … đã nộp từ ngày …` relates a time to the papers, it is not a paper's own date
    assert values("Quyết định áp dụng cho các tờ khai hải quan đã nộp từ ngày 01/7/2026.") == {"2026-07-01": "event"}
    assert values("Căn cứ Tờ khai hàng hóa nhập khẩu ngày 12/3/2026 của Công ty.") == {}


def test_months_written_as_numbers_in_a_timetable_or_after_a_time_word():
    body = ("Thời gian | Nội dung | Phụ trách\n10/2025 | Phát động cuộc thi | Đoàn trường\n"
            "11/2025 - 12/2025 | Chấm vòng sơ khảo | Ban giám khảo\n")
    assert values(body) == {"2025-10": "event", "2025-11/2025-12": "period"}
    assert values("Mô hình được triển khai từ 9/2025 đến 5/2026.") == {"2025-09/2026-05": "period"}
    # a number that is no month: a decision's number, a ratio
    assert values("Quyết định số 10/2025 của Hội đồng trường; đạt tỷ lệ 3/2025 hộ.") == {}


def test_two_quarters_apart_are_no_run():
    assert values("Ban Kiểm tra họp vào quý I và quý III năm 2026.") == {"2026-Q1": "event", "2026-Q3": "event"}


@pytest.mark.parametrize("sentence, expected", [
    ("Các trường tổ chức tọa đàm nhân Ngày Nhà giáo Việt Nam 20/11.", {"2025-11-20": "event"}),
    ("Hưởng ứng Ngày Pháp luật Việt Nam 9/11, các xã tổ chức thi tìm hiểu pháp luật.", {"2025-11-09": "event"}),
    # a yearly observance merely named, its day in parentheses; a ratio
    ("Tuyên truyền về “Ngày Quốc tế phòng, chống ma túy” (26/6).", {}),
    ("Có 9/11 xã đạt tiêu chí về văn hóa.", {}),
])
def test_the_day_of_the_occasion_an_activity_is_held_on(sentence, expected):
    assert values(sentence) == expected


def test_the_received_stamp_of_a_scanned_copy_gives_no_date():
    stamp = "VP. UBND TỈNH THÁI BÌNH\nĐẾN Ngà y 21/08/2025\nChuyển: Phòng KGVX\n"
    body = "Các phòng họp vào ngày 26/8/2025 để thống nhất nội dung.\n"
    found = process_text("t.txt", stamp + header() + body, "pdf", wrapped=False)["dates"]
    assert [d["value"] for d in found] == ["2025-08-26"]
    stamp = "SỞ Y TẾ TỈNH THÁI BÌNH\nĐẾN\nSố: 5123\nNgày: 21/08/2025\n"
    found = process_text("t.txt", stamp + header() + body, "pdf", wrapped=False)["dates"]
    assert [d["value"] for d in found] == ["2025-08-26"]
    # a heading in capitals that ends a period is no stamp
    assert values("II. KẾT QUẢ TỪ NGÀY 01/7/2025 ĐẾN NGÀY 31/12/2025\n") == {"2025-07-01/2025-12-31": "period"}


def test_the_signing_time_an_e_signature_stamp_prints_on_a_scanned_copy_gives_no_date():
    stamp = "Ký bởi: Sở Xây dựng tỉnh Hà Tĩnh\nCơ quan: Sở Xây dựng tỉnh Hà Tĩnh\nThời gian ký: 09.04.2026 14:02:51 +07:00\n"
    body = "Các phòng họp vào ngày 26/8/2025 để thống nhất nội dung.\n"
    found = process_text("t.txt", stamp + header() + body, "pdf", wrapped=False)["dates"]
    assert [d["value"] for d in found] == ["2025-08-26"]
    assert "2026-04-09" in values("Hồ sơ nộp trước ngày 09/04/2026.\n")


def test_a_day_listed_after_a_deadline_shares_its_cue():
    found = {(d["value"], d["kind"]) for d in dates(
        "Các phòng gửi báo cáo sơ kết trước ngày 20/6/2025 và 20/12/2025 để tổng hợp.")}
    assert {("2025-06-20", "deadline"), ("2025-12-20", "deadline")} <= found
    found = {(d["value"], d["kind"]) for d in dates("Hội nghị họp ngày 10/3/2025 và ngày 12/3/2025.")}
    assert {("2025-03-10", "event"), ("2025-03-12", "event")} <= found


def test_a_timetable_s_lines_opened_by_their_day_are_dates():
    text = ("Lịch tổ chức như sau:\n- 17/11: Họp tổ chuyên môn phân công giáo viên.\n"
            "\uf0b7 20/11: Hội thảo về ý tưởng khởi nghiệp.\n22/11 - 25/11: Các nhóm nộp hồ sơ.\n")
    assert values(text) == {"2025-11-17": "event", "2025-11-20": "event", "2025-11-22/2025-11-25": "period"}
    # a ratio ending a line's label is no day
    assert values("Kết quả:\n- 3/4: số trường đạt chuẩn.\n") == {}


def test_a_week_s_days_without_their_year_and_a_range_drawn_as_an_arrow():
    assert values("Tuần 2 (22-28/11): thi vòng sơ khảo.\n") == {"2025-11-22/2025-11-28": "period"}
    assert values("Lịch thi đấu (15/11 → 10/12/2025).\n") == {"2025-11-15/2025-12-10": "period"}
    # days of a month without `Tuần`, parentheses or a word placing them in time: no date
    assert values("Khối 10-12/11 lớp tham gia.\n") == {}


def test_a_timetable_read_by_ocr_keeps_its_days():
    # a scan's bullets come back as marks (`“ _`, `‹`) and its arrow as `—›`
    text = ("Lịch tổ chức như sau:\n“ _ 17/11: Họp tổ chuyên môn phân công giáo viên.\n"
            "‹ 20/11: Hội thảo về ý tưởng khởi nghiệp.\nThời gian thi (15/11 —› 10/12/2025).\n")
    assert values(text) == {"2025-11-17": "event", "2025-11-20": "event", "2025-11-15/2025-12-10": "period"}


def test_a_worked_example_holds_no_dates_of_the_document():
    body = ("1. Thẻ hết hạn trong thời gian điều trị nội trú được thanh toán đến khi ra viện.\n"
            "- Ví dụ: Người bệnh vào viện ngày 10 tháng 3 năm 2024, thẻ hết hạn ngày 31/3/2024, thanh toán như sau:\n"
            "+ Chi phí từ ngày 10/3/2024 đến ngày 31/3/2024 theo thẻ cũ;\n"
            "+ Chi phí từ ngày 01/4/2024 theo thẻ mới.\n"
            "- Hướng dẫn này áp dụng từ ngày 15/7/2025.\n")
    assert [d["value"] for d in dates(body)] == ["2025-07-15"]


def test_example_spans_cover_the_example_line_and_the_deeper_bullets_under_it():
    from pipeline.text.spans import example_spans
    text = "Mở đầu.\nVí dụ:\n- Các sở;\n- Lưu: VT.\n1.2. Kỹ thuật trình bày\n- Ví dụ 2: chữ in hoa.\n+ Không thuộc ví dụ.\n"
    assert [text[s:e] for s, e in example_spans(text)] == ["Ví dụ:\n- Các sở;\n- Lưu: VT.", "- Ví dụ 2: chữ in hoa."]


def test_the_year_a_law_was_amended_is_its_titles():
    # `(sửa đổi, bổ sung một số điều năm 2017)` dates the law's amendment, not anything this document does
    assert values("Quán triệt Bộ luật Hình sự năm 2015 (sửa đổi, bổ sung một số điều năm 2017) đến cán bộ.") == {}


def test_the_horizon_a_plan_looks_to():
    assert values("Bộ Công Thương lập quy hoạch điện lực thời kỳ 2021 - 2030 tầm nhìn 2045; xử lý vướng mắc.\n") == \
        {"2021/2030": "period", "2045": "period"}
    assert values("Mục tiêu đến năm 2030, tầm nhìn đến năm 2050 là trở thành trung tâm.\n") == \
        {"2030": "deadline", "2050": "period"}


def test_the_days_of_a_trade_described_are_no_recurrence():
    """`điều hành công việc hằng ngày của Quỹ`, `hoạt động hàng ngày của doanh nghiệp`: what happens every day, not a
    task set for every day; a report sent every day is one."""
    got = [(d["value"], d["text"]) for d in dates(
        "1. Giám đốc Quỹ là người điều hành công việc hằng ngày của Quỹ.\n"
        "2. Đối thoại về hoạt động hàng ngày của doanh nghiệp.\n"
        "3. Các đơn vị báo cáo tình hình dịch bệnh hằng ngày về Sở Y tế.\n")]
    assert got == [("daily", "hằng ngày")], got


def test_a_period_in_a_cited_title_the_page_wrapped_is_the_titles():
    """`Căn cứ Quyết định số 2107/QĐ-UBND ngày 05/12/2024 của UBND tỉnh` / `Thái Bình về việc giao quyền tự chủ …
    giai đoạn 2025-2029;`: the page broke the citation's line before its title; the period is still the title's.
    A period of the plan's own, on a line of its own, is kept."""
    cited = ("Căn cứ Quyết định số 2107/QĐ-UBND ngày 05/12/2024 của Ủy ban nhân dân tỉnh\n"
             "Thái Bình về việc giao quyền tự chủ tài chính cho các đơn vị sự nghiệp giai đoạn 2025-2029;\n")
    assert "2025/2029" not in values(cited + "Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:\n")
    assert values(cited + "1. Các sở thực hiện trong giai đoạn 2025-2029.\n").get("2025/2029") == "period"


def test_since_a_time_until_now_is_a_period_to_the_issue_date():
    """`từ năm 2019 đến nay` in a plan issued on 18 August 2025 is the period 2019/2025; the end has the start's
    precision (a month's start ends in the issue month)."""
    assert values("Kết quả từ năm 2019 đến nay cho thấy nhiều chuyển biến.\n").get("2019/2025") == "period"
    assert values("Từ tháng 10 năm 2024 đến nay, tình hình ổn định.\n").get("2024-10/2025-08") == "period"


def test_a_quarter_in_the_old_spelling():
    """`quí` is how older documents spell `quý`."""
    assert values("Các phòng hoàn thành việc rà soát trong quí III năm 2025.\n") == {"2025-Q3": "deadline"}
