"""OCR's predictable misreadings of labels, numbers and dates, read back (pipeline/read/ocr/repair_text.py).
Every sentence here is invented."""
from pipeline.read.ocr.ocr import OcrLine, OcrPage, read_back
from pipeline.read.ocr.repair_text import fix_number, join_identifiers, repair_lines, roman_readings


def _read(lines: list[str]) -> list[str]:
    fixed = repair_lines([[(w, 80.0) for w in line.split()] for line in lines])
    return [" ".join(w for w, _ in words) for words in fixed]


def test_roman_labels_are_read_in_sequence():
    got = _read(["L. Kết quả thực hiện:", "1. Về tổ chức", "H. Hạn chế, tồn tại:", "IH. Phương hướng:",
                 "IV. Kiến nghị"])
    assert got == ["I. Kết quả thực hiện:", "1. Về tổ chức", "II. Hạn chế, tồn tại:", "III. Phương hướng:",
                   "IV. Kiến nghị"]


def test_a_lookalike_label_restarts_the_sequence_under_a_new_part():
    got = _read(["PHẢN I:", "I. Tình hình chung", "II. Đánh giá", "PHẢN H", "L. Mục tiêu chung:",
                 "IH. Nhiệm vụ trọng tâm", "IH. Giải pháp"])
    assert got == ["PHẦN I:", "I. Tình hình chung", "II. Đánh giá", "PHẦN II", "I. Mục tiêu chung:",
                   "II. Nhiệm vụ trọng tâm", "III. Giải pháp"]


def test_a_label_that_breaks_the_sequence_and_ordinary_words_are_kept():
    assert _read(["IV. Tổ chức thực hiện", "H. Đức Trọng và H. Lâm Hà"]) == \
        ["IV. Tổ chức thực hiện", "H. Đức Trọng và H. Lâm Hà"]
    assert _read(["Phan Thiết, ngày 05 tháng 3 năm 2024"])[0].startswith("Phan Thiết")
    assert roman_readings("Lâm") == []


def test_articles_are_numbered_in_figures():
    assert _read(["Điêu I. Phạm vi điều chỉnh", "theo khoản 2 Điều l Thông tư này"]) == \
        ["Điều 1. Phạm vi điều chỉnh", "theo khoản 2 Điều 1 Thông tư này"]


def test_numbers_with_letter_lookalikes():
    assert fix_number("3l") == "31"
    assert fix_number("0I/2025,") == "01/2025,"
    assert fix_number("I52/SYT-NVY") == "152/SYT-NVY"
    assert fix_number("4O8") == "408"
    assert fix_number("10342QĐ-UBND") == "10342/QĐ-UBND"
    assert fix_number("Ông") == "Ông" and fix_number("lO") == "lO" and fix_number("2024") == "2024"


def test_date_line_day_and_month():
    assert _read(["Gia Lai, ngày 7l tháng 0I năm 2026"]) == ["Gia Lai, ngày 11 tháng 01 năm 2026"]
    assert _read(["Hà Giang, ngày /2 tháng 77 năm 2023"]) == ["Hà Giang, ngày 12 tháng 11 năm 2023"]
    assert _read(["Huế, ngày 27 tháng 7 năm 2024"]) == ["Huế, ngày 27 tháng 7 năm 2024"]


def test_spaces_inside_an_identifier_are_dropped():
    assert join_identifiers("theo Quyết định số 215 / QĐ - UBND ngày") == "theo Quyết định số 215/QĐ-UBND ngày"
    assert join_identifiers("Nghị quyết 42- NQ/TU của Tỉnh ủy") == "Nghị quyết 42-NQ/TU của Tỉnh ủy"
    assert join_identifiers("giai đoạn 2021 - 2025 và năm 2026") == "giai đoạn 2021 - 2025 và năm 2026"


def test_read_back_keeps_word_spans_and_confidence():
    line = OcrLine(top=10.0, text="Số: 88 / SNV - TCBC", words=[(0, 3, 91.0), (4, 6, 90.0), (7, 8, 40.0),
                                                               (9, 12, 88.0), (13, 14, 70.0), (15, 19, 86.0)])
    page = read_back([OcrPage(page=1, lines=[line], confidence=80.0, height=800.0)])[0]
    got = page.lines[0]
    assert got.text == "Số: 88/SNV-TCBC"
    assert [got.text[s:e] for s, e, _ in got.words] == ["Số:", "88/SNV-TCBC"]
    assert got.words[1][2] == 40.0


def test_item_letters_restart_at_a_under_each_numbered_item():
    got = _read(["1. Chuẩn bị hồ sơ", "a) Thành phần:", "b) Số lượng:", "2. Thời gian nộp",
                 "d) Hạn cuối:", "b) Gia hạn:", "c) Cách nộp:", "d) Lệ phí:"])
    assert got == ["1. Chuẩn bị hồ sơ", "a) Thành phần:", "b) Số lượng:", "2. Thời gian nộp",
                   "a) Hạn cuối:", "b) Gia hạn:", "c) Cách nộp:", "d) Lệ phí:"]


def test_marks_and_specks_inside_a_cited_number():
    assert fix_number("240§-") == "2408-"
    assert fix_number("4I-KH/TU") == "41-KH/TU"
    assert join_identifiers("theo Kết luận 95- KLƯ/TU ngày") == "theo Kết luận 95-KL/TU ngày"
    assert join_identifiers("Nghị quyết số 12-NQ/TW ngày") == "Nghị quyết số 12-NQ/TW ngày"


def test_a_backtick_closes_an_open_quotation():
    got = _read(["được sửa lại như sau: “3. Hỗ trợ học sinh có hoàn cảnh khó khăn `.", "b) Tại Điều 9:",
                 "ghi chú ` không mở"])
    assert got == ["được sửa lại như sau: “3. Hỗ trợ học sinh có hoàn cảnh khó khăn ”.", "b) Tại Điều 9:",
                   "ghi chú ` không mở"]


def test_a_star_that_opens_a_quotation():
    got = _read(["quy định như sau:", "*...3. Hồ sơ gồm:", "a) Tờ khai;", "b) Bản sao giấy phép.”"])
    assert got[1] == "“...3. Hồ sơ gồm:"
    assert _read(["*Ghi chú: số liệu tạm tính"]) == ["*Ghi chú: số liệu tạm tính"]


def test_a_star_and_a_backtick_make_one_quotation():
    got = _read(["*...2. Hồ sơ gồm:", "a) Đơn đề nghị;", "b) Biên bản họp `.", "Qua rà soát, còn thiếu “bản chính”."])
    assert got[0] == "“...2. Hồ sơ gồm:" and got[2] == "b) Biên bản họp ”."


def test_d_and_dd_items_in_order():
    got = _read(["3. Thành viên gồm:", "a) Sở Y tế", "b) Sở Xây dựng", "c) Công an tỉnh", "đ) Sở Tài chính",
                 "đ) Sở Công Thương", "d) Sở Nội vụ"])
    assert got[4:] == ["d) Sở Tài chính", "đ) Sở Công Thương", "d) Sở Nội vụ"]   # `d` is no lookalike of `e`


def test_identifier_codes_typed_or_read_without_their_dd():
    from pipeline.text.identifiers import normalize_identifier
    assert normalize_identifier("215 / QD - UBND") == "215/QĐ-UBND"
    assert normalize_identifier("61/2023/ND-CP") == "61/2023/NĐ-CP"
    assert normalize_identifier("204/BGDDT-GDPT") == "204/BGDĐT-GDPT"
    assert normalize_identifier("3l/CT-TTg") == "31/CT-TTg"
    assert normalize_identifier("12/HD-SYT") == "12/HD-SYT"          # HD is itself a code: kept
    assert normalize_identifier("1530/QĐ-UBND") == "1530/QĐ-UBND"


def test_a_roman_label_read_twice_running_is_the_next_one():
    got = _read(["I. Kết quả", "II. Tồn tại", "II. Nguyên nhân", "IV. Kiến nghị", "I8. |UBND xã Tân Minh"])
    assert got == ["I. Kết quả", "II. Tồn tại", "III. Nguyên nhân", "IV. Kiến nghị", "18. |UBND xã Tân Minh"]


def test_a_doubled_letter_in_a_short_code():
    from pipeline.text.identifiers import normalize_identifier
    assert normalize_identifier("1716/QĐĐ-UBND") == "1716/QĐ-UBND"
    assert normalize_identifier("52/TTr-UBND") == "52/TTr-UBND"
    assert normalize_identifier("9/UBND-VX") == "09/UBND-VX"


def test_a_garbled_heading_number_is_inferred_from_its_first_child():
    got = _read(["Sở báo cáo như sau:", "_âa Kết quả thực hiện năm 2025", "1.1L Về thể chế", "1.2. Về tổ chức",
                 "2. Kiến nghị"])
    assert got == ["Sở báo cáo như sau:", "1. Kết quả thực hiện năm 2025", "1.1. Về thể chế", "1.2. Về tổ chức",
                   "2. Kiến nghị"]
    assert _read(["1. Mục tiêu", "~ Ghi chú", "1.1. Chỉ tiêu"])[1] == "~ Ghi chú"


def test_ocr_readings_are_taken_from_the_cache_when_asked(tmp_path, monkeypatch):
    from PIL import Image

    from pipeline.read.ocr import ocr
    calls = []
    monkeypatch.setattr(ocr, "_tesseract_tsv", lambda pgm, dpi, lang, psm: calls.append(1) or "level\tTSV")
    monkeypatch.setenv("VANBAN_OCR_CACHE", str(tmp_path))
    page = Image.new("L", (40, 20), 255)
    assert ocr.run_tesseract(page) == ocr.run_tesseract(page) == "level\tTSV"
    assert len(calls) == 1 and len(list(tmp_path.glob("*.tsv"))) == 1
    monkeypatch.delenv("VANBAN_OCR_CACHE")
    ocr.run_tesseract(page)
    assert len(calls) == 2


def test_a_blank_day_with_a_speck_stays_blank():
    assert _read(["Lào Cai, ngày | tháng 8 năm 2025"]) == ["Lào Cai, ngày | tháng 8 năm 2025"]
    assert _read(["Lào Cai, ngày l tháng 8 năm 2025"]) == ["Lào Cai, ngày l tháng 8 năm 2025"]
