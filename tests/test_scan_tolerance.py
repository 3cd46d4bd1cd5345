"""OCR's predictable misreadings of labels, numbers and dates, read back (pipeline/read/ocr/repair_text.py).
Every sentence here is invented."""
import pytest

from pipeline.read.ocr.ocr import OcrLine, OcrPage, read_back
from pipeline.read.ocr.ocr import available as ocr_available
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


def test_division_words_and_their_lookalike_numbers():
    got = _read(["Chương I", "QUY ĐỊNH CHUNG", "Điều 1. Phạm vi điều chỉnh", "Chương H", "QUẢN LÝ HỒ SƠ", "Muc l",
                 "Điều 2. Thu thập", "Muc 2", "Điểu 3. Chỉnh lý", "Chương IIl", "Ðiều 4. Trách nhiệm",
                 "CHƯƠNG TV", "ĐlỀU 5. Hiệu lực"])
    assert got == ["Chương I", "QUY ĐỊNH CHUNG", "Điều 1. Phạm vi điều chỉnh", "Chương II", "QUẢN LÝ HỒ SƠ", "Mục 1",
                   "Điều 2. Thu thập", "Mục 2", "Điều 3. Chỉnh lý", "Chương III", "Điều 4. Trách nhiệm",
                   "CHƯƠNG IV", "ĐIỀU 5. Hiệu lực"]
    assert _read(["CHƯƠNG l", "NHỮNG QUY ĐỊNH CHUNG"])[0] == "CHƯƠNG I"
    assert _read(["Chương I", "Chương II", "Chương II", "Chương IV"])[2] == "Chương III"   # a stroke lost


def test_a_chapter_numeral_lost_or_with_a_speck_is_the_next_one():
    got = _read(["Chương", "QUY ĐỊNH CHUNG", "Điều 1. Phạm vi", "Chương II", "TỔ CHỨC", "Chương lIII", "THI HÀNH",
                 "CHƯƠNG", "ĐIỀU KHOẢN CUỐI"])
    assert got == ["Chương I", "QUY ĐỊNH CHUNG", "Điều 1. Phạm vi", "Chương II", "TỔ CHỨC", "Chương III", "THI HÀNH",
                   "CHƯƠNG IV", "ĐIỀU KHOẢN CUỐI"]
    fixed = repair_lines([[("Chương", 91.0)], [("Chương", 88.0), ("II", 90.0)]])
    assert fixed[0] == [("Chương", 91.0), ("I", 91.0)] and fixed[1] == [("Chương", 88.0), ("II", 90.0)]


def test_a_division_word_glued_to_its_number():
    assert _read(["ChươngI", "QUY ĐỊNH CHUNG", "Điều1. Phạm vi", "ĐIỀU2. ĐỐI TƯỢNG", "Chươngtrình công tác"]) == \
        ["Chương I", "QUY ĐỊNH CHUNG", "Điều 1. Phạm vi", "ĐIỀU 2. ĐỐI TƯỢNG", "Chươngtrình công tác"]
    assert repair_lines([[("Điều7.", 52.0), ("Hiệu", 90.0)]]) == [[("Điều", 52.0), ("7.", 52.0), ("Hiệu", 90.0)]]


def test_an_article_number_that_breaks_the_run_by_a_lookalike():
    got = _read(["Điều 14. Phí", "Điều l5. Lệ phí", "Điều 1G. Miễn giảm", "Điều 17. Thu nộp", "Điều 1B. Quyết toán",
                 "Điều 2O. Hiệu lực"])
    assert got == ["Điều 14. Phí", "Điều 15. Lệ phí", "Điều 16. Miễn giảm", "Điều 17. Thu nộp", "Điều 18. Quyết toán",
                   "Điều 20. Hiệu lực"]
    # the regulation a decision issues restarts at 1; a clean number out of the run stays as written
    assert _read(["Điều 3. Thi hành", "Chương I", "Điều l. Phạm vi"])[2] == "Điều 1. Phạm vi"
    assert _read(["Điều 4. Hồ sơ", "Điều 7. Thời hạn"]) == ["Điều 4. Hồ sơ", "Điều 7. Thời hạn"]


def test_division_numbers_keep_the_documents_own_style():
    assert _read(["Mục 1", "Mục 2. Khai thác"]) == ["Mục 1", "Mục 2. Khai thác"]     # was read `Mục I`
    assert _read(["Mục I. Tổng quan", "Mục II. Chi tiết"]) == ["Mục I. Tổng quan", "Mục II. Chi tiết"]
    assert _read(["Chương 1", "Chương 2", "Chương l"]) == ["Chương 1", "Chương 2", "Chương 1"]
    assert _read(["I. Kết quả", "10. Về y tế", "11. Về giáo dục", "II. Tồn tại"]) == \
        ["I. Kết quả", "10. Về y tế", "11. Về giáo dục", "II. Tồn tại"]


def test_running_text_at_a_line_start_is_kept():
    lines = ["Điều này quy định", "Mục tiêu chung", "Chương trình hành động", "Mục đích, yêu cầu",
             "Điều 5 của Luật này", "Chương II Luật Lưu trữ"]
    assert _read(lines)[:5] == lines[:5]


# ------------------------------------------------------------ an invented legal text, printed and scanned

_CHAPTERS = [("QUY ĐỊNH CHUNG", [["Phạm vi điều chỉnh", "Đối tượng áp dụng", "Giải thích từ ngữ", "Nguyên tắc"]]),
             ("QUẢN LÝ TÀI LIỆU LƯU TRỮ", [["Thu thập hồ sơ", "Chỉnh lý tài liệu", "Bảo quản tài liệu", "Số hóa"],
                                            ["Đối tượng khai thác", "Thủ tục khai thác", "Sao tài liệu", "Phí"]]),
             ("TRÁCH NHIỆM THI HÀNH", [["Sở Nội vụ", "Sở Tài chính", "Sở Thông tin và Truyền thông",
                                         "Ủy ban nhân dân cấp huyện", "Ủy ban nhân dân cấp xã", "Chế độ báo cáo"]]),
             ("ĐIỀU KHOẢN THI HÀNH", [["Khen thưởng", "Xử lý vi phạm", "Hiệu lực thi hành", "Điều khoản chuyển tiếp",
                                        "Tổ chức thực hiện"]])]
_CLAUSES = ["Cơ quan, tổ chức thực hiện đúng quy định tại Quy định này", "Việc lập hồ sơ bảo đảm đầy đủ, kịp thời",
            "Người đứng đầu chịu trách nhiệm về việc quản lý tài liệu"]
_POINTS = ["Bảo đảm an toàn tài liệu;", "Phân loại theo thời hạn bảo quản;", "Lập danh mục hồ sơ;",
           "Thống kê tài liệu;", "Kiểm tra định kỳ."]


def _legal_pdf(path, font_dir) -> None:
    """A Quy định of 4 chapters (one split into 2 sections), 23 articles, clauses `1.` and points `a)`…`đ)`."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("S", "", str(font_dir / "DejaVuSerif.ttf"))
    pdf.add_font("S", "B", str(font_dir / "DejaVuSerif-Bold.ttf"))
    pdf.set_margins(25, 15, 20)
    pdf.add_page()

    def line(text, bold=False, center=False):
        pdf.set_font("S", "B" if bold else "", 10)
        pdf.multi_cell(0, 5, text, align="C" if center else "L", new_x="LMARGIN", new_y="NEXT")

    for text in ("ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "Số: 27/2026/QĐ-UBND", "Lào Cai, ngày 14 tháng 3 năm 2026"):
        line(text, center=True)
    line("QUY ĐỊNH", bold=True, center=True)
    line("Quản lý tài liệu lưu trữ trên địa bàn tỉnh", bold=True, center=True)
    article = 0
    for c, (title, sections) in enumerate(_CHAPTERS):
        line(f"Chương {['I', 'II', 'III', 'IV'][c]}", bold=True, center=True)
        line(title, bold=True, center=True)
        for s, headings in enumerate(sections):
            if len(sections) > 1:
                line(f"Mục {s + 1}", bold=True, center=True)
                line(["HỒ SƠ VÀ TÀI LIỆU", "KHAI THÁC VÀ SỬ DỤNG"][s], bold=True, center=True)
            for heading in headings:
                article += 1
                line(f"Điều {article}. {heading}", bold=True)
                for k in range(1 + article % 3):
                    points = (article + k) % 2 == 0
                    line(f"{k + 1}. {_CLAUSES[(article + k) % 3]}" + (":" if points else "."))
                    for j, letter in enumerate("abcdđ"[:2 + article % 4] if points else ""):
                        line(f"{letter}) {_POINTS[(article + j) % 5]}")
    pdf.output(str(path))


@pytest.mark.skipif(not ocr_available(), reason="tesseract-ocr-vie is not installed")
def test_a_scanned_legal_text_keeps_its_section_paths(tmp_path):
    """Printed, scanned as an office scanner does (scripts/eval_scans.py) and read back, a Quy định has the
    section paths of its original: one misread `Chương`, `Mục` or `Điều` would move all below it."""
    import sys
    from pathlib import Path

    from pipeline import parse_text, read_document

    font_dir = Path("/usr/share/fonts/truetype/dejavu")
    if not (font_dir / "DejaVuSerif-Bold.ttf").is_file():
        pytest.skip("no DejaVu fonts (Vietnamese glyphs) to print the text with")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    import eval_scans

    original, scan = tmp_path / "quy-dinh.pdf", tmp_path / "scan" / "quy-dinh.pdf"
    _legal_pdf(original, font_dir)
    eval_scans.make_scan(original, scan, "quy-dinh")

    def paths(path):
        read = read_document(path)
        return [s["path"] for s in parse_text(read.text, fmt=read.format, wrapped=read.wrapped).sections]

    want, got = paths(original), paths(scan)
    assert len(want) > 100 and "Chương II/Mục 2/Điều 10/1" in want
    assert sum(p in set(got) for p in want) / len(want) >= 0.97
    assert len(got) <= len(want) * 1.03


def test_a_point_letter_read_twice_with_and_without_its_bar():
    got = _read(["2. Hồ sơ gồm:", "a) Tờ khai;", "b) Bản sao;", "c) Ảnh chân dung;", "đd) Giấy xác nhận;", "d) Lệ phí."])
    assert got[4:] == ["d) Giấy xác nhận;", "đ) Lệ phí."]
    assert _read(["cả. Tất cả"]) == ["cả. Tất cả"]


def test_an_accented_i_read_for_a_chapters_numeral_is_chapter_one():
    """A speck over the stroke: Tesseract reads `Chương I` as `Chương Ï` or `Chương Í`."""
    from pipeline.read.ocr.repair_text import repair_lines

    lines = ["Chính phủ ban hành Nghị định.", "Chương Ï", "NHỮNG QUY ĐỊNH CHUNG", "Điều 1. Phạm vi",
             "Chương II", "QUẢN LÝ DỰ ÁN", "Điều 2. Đối tượng", "Ví dụ: chữ í và Ì giữa câu vẫn giữ nguyên."]
    out = [" ".join(w for w, _ in line) for line in repair_lines([[(w, 90.0) for w in l.split()] for l in lines])]
    assert out[1] == "Chương I"
    assert out[4] == "Chương II" and out[7] == lines[7]


def test_a_rubric_score_after_a_colon_is_read_as_a_figure():
    """An italic 0 read as `()`, `(0)` or `0)`, a 1 as one stroke, a 5 as `Š`: the score a rubric prints at a
    line's end after a colon. Other last words after a colon stay as they are."""
    got = _read(["Từ 25% số đơn vị trở lên: l", "Dưới 10% số đơn vị: (0)", "Đầy đủ, đúng thời hạn: ().75",
                 "Chưa đầy đủ: 0.Š", "Có văn bản chỉ đạo: Ì", "Không thực hiện: 0)", "Đạt yêu cầu: (0.25"])
    assert got == ["Từ 25% số đơn vị trở lên: 1", "Dưới 10% số đơn vị: 0", "Đầy đủ, đúng thời hạn: 0.75",
                   "Chưa đầy đủ: 0.5", "Có văn bản chỉ đạo: 1", "Không thực hiện: 0", "Đạt yêu cầu: 0.25"]
    kept = ["Thành phần gồm: (2)", "Kính gửi: Ban", "Nội dung như sau: o", "Hội nghị gồm: 45"]
    assert _read(kept) == kept


def test_a_salutation_glued_by_ocr_is_parted():
    """`Kínhgử:`: the space after bold `Kính` lost and the last letter of `gửi` with it; the letter's
    recipients follow it, so a title above must stop there."""
    assert _read(["Kínhgử: Sở Tài chính", "Kínhgửi:", "Kính gửi: Sở Y tế"]) == \
        ["Kính gửi: Sở Tài chính", "Kính gửi:", "Kính gửi: Sở Y tế"]


def test_a_vowel_read_twice_with_its_marks_split_is_one():
    """`KÉẾT`, `tiêếp`: one vowel under stacked marks read twice; Vietnamese never doubles a, e, i or y."""
    assert _read(["TÔNG KÉẾT HOẠT ĐỘNG", "tiêếp tục thực hiện"]) == ["TÔNG KẾT HOẠT ĐỘNG", "tiếp tục thực hiện"]
    kept = ["Phụ lục II", "hươu sao", "cái xoong", "mã AA"]
    assert _read(kept) == kept


def test_an_article_word_with_its_tone_misread_inside_a_sentence():
    assert _read(["được quy định tại khoản 3 Điêu 12 Luật này và Điểu 4, điếu 7 của Nghị định"]) == \
        ["được quy định tại khoản 3 Điều 12 Luật này và Điều 4, điều 7 của Nghị định"]
    # `điệu` is a word of its own; `điêu khắc` takes no number
    assert _read(["biểu diễn giai điệu 2 lần, nghệ nhân điêu khắc 3 tượng"]) == \
        ["biểu diễn giai điệu 2 lần, nghệ nhân điêu khắc 3 tượng"]


def test_the_number_before_a_code_with_a_six_read_as_o_acute_or_a_five_read_as_s():
    assert fix_number("7ó/NĐ-CP") == "76/NĐ-CP"
    assert fix_number("2S4/QĐ-UBND,") == "254/QĐ-UBND,"
    assert _read(["theo Nghị định số 1ó/2024/NĐ-CP của Chính phủ"]) == ["theo Nghị định số 16/2024/NĐ-CP của Chính phủ"]
    # words, and a code with no digit before it, stay
    assert fix_number("Só:") == "Só:" and fix_number("S/TTr") == "S/TTr" and fix_number("ó") == "ó"


def test_the_national_assemblys_code_keeps_its_terms_number():
    assert fix_number("61/2020/QHI4,") == "61/2020/QH14," and fix_number("29/2018/QHl4") == "29/2018/QH14"
    assert fix_number("QHI4") == "QHI4"


def test_an_appendix_numeral_read_as_a_letter_or_lost_follows_the_appendix_before():
    got = _read(["Phụ lục I", "DANH SÁCH ĐƠN VỊ", "Phụ lục H", "ĐỀ CƯƠNG BÁO CÁO", "Phụ lục", "BIỂU MẪU"])
    assert got == ["Phụ lục I", "DANH SÁCH ĐƠN VỊ", "Phụ lục II", "ĐỀ CƯƠNG BÁO CÁO", "Phụ lục III", "BIỂU MẪU"]
    # a single appendix printed without a numeral stays as it is
    assert _read(["Phụ lục", "DANH SÁCH ĐƠN VỊ"]) == ["Phụ lục", "DANH SÁCH ĐƠN VỊ"]


def test_a_roman_label_whose_full_stop_was_read_as_a_letter():
    got = _read(["VII. XÂY DỰNG CHÍNH QUYỀN SỐ", "1. Kết quả", "VIIIL ĐÁNH GIÁ CHUNG"])
    assert got[-1] == "VIII. ĐÁNH GIÁ CHUNG"
    assert _read(["IV. Tổ chức", "Lê Văn An dự họp"]) == ["IV. Tổ chức", "Lê Văn An dự họp"]


def test_an_item_number_read_as_the_letter_of_its_shape_after_the_one_before():
    got = _read(["5. Cải cách chế độ công vụ", "a) Việc tuyển dụng.", "G. Cải cách tài chính công", "S. Kết luận"])
    assert got[2] == "6. Cải cách tài chính công"
    assert got[3] == "S. Kết luận"          # not the number after 6: a letter as written


def test_a_first_roman_label_read_twice_running_is_the_second_unless_a_part_restarts_the_list():
    got = _read(["I. VỀ KẾT QUẢ NĂM 2024", "1. Tổng quan", "I. TÌNH HÌNH NĂM 2025", "1. Chỉ số"])
    assert got[2] == "II. TÌNH HÌNH NĂM 2025"
    got = _read(["I. MỤC ĐÍCH", "1. Mục đích", "Phụ lục I", "I. THÀNH PHẦN", "PHẦN II", "I. NỘI DUNG"])
    assert got[3] == "I. THÀNH PHẦN" and got[5] == "I. NỘI DUNG"


def test_party_roman_labels_with_a_dash_read_in_sequence():
    got = _read(["I- NHIỆM VỤ CHUNG", "1- Quán triệt sâu rộng.", "I- GIẢI PHÁP", "1- Tăng cường kiểm tra.",
                   "II- PHÂN CÔNG THỰC HIỆN"])
    assert [line.split()[0] for line in got] == ["I-", "1-", "II-", "1-", "III-"]


def test_a_lower_roman_item_whose_i_was_read_as_an_inverted_mark():
    got = _read(["1. Rà soát văn bản:", "¡) Rà soát các nghị định;", "ii) Đề xuất bãi bỏ."])
    assert [line.split()[0] for line in got] == ["1.", "i)", "ii)"]


def test_lower_roman_items_read_in_sequence_and_a_lost_full_stop():
    got = _read(["I. CÔNG VIỆC", "1. Rà soát văn bản:", "i) Rà soát các nghị định;", "ii) Đề xuất bãi bỏ;",
                 "1i) Tổng hợp ý kiến.", "II Giải pháp thực hiện", "1) Một số điểm"])
    assert [line.split()[0] for line in got] == ["I.", "1.", "i)", "ii)", "iii)", "II.", "1)"]


def test_a_bold_labels_serif_read_as_a_letter_before_its_stop():
    got = _read(["Điều 3. Các sở thi hành Quyết định này.", "IL. MỤC TIÊU", "1. Mục tiêu chung", "IL. NHIỆM VỤ"])
    assert [line.split()[0] for line in got] == ["Điều", "I.", "1.", "II."]


def test_a_roman_items_first_i_read_as_a_figure_is_told_by_the_next_item():
    got = _read(["2. Kiểm tra việc thi hành:", "1) Lập danh sách;", "ii) Kiểm tra tại chỗ;", "3. Khác:", "1) Một việc;",
                 "2) Việc khác."])
    assert [line.split()[0] for line in got] == ["2.", "i)", "ii)", "3.", "1)", "2)"]


def test_a_quarters_roman_numeral_read_as_figures():
    got = _read(["Hoàn thành trong Quy 111/2025 và quý lV năm 2025, báo cáo quý 1/2026."])
    assert got == ["Hoàn thành trong Quý III/2025 và quý IV năm 2025, báo cáo quý 1/2026."]


def test_item_letters_whose_bar_or_loop_was_misread():
    """A bold `đ)` read as `ä)`, a `g)` as `ø)` or `q)`: read as the letter the list expects, so the item keeps its
    own line instead of running on to the sentence before it."""
    got = _read(["2. Kết quả cụ thể", "a) Về thể chế.", "b) Về tổ chức bộ máy.", "c) Về biên chế.",
                 "d) Về tài chính công.", "ä) Về công vụ.", "e) Về số hóa.", "ø) Về kiểm tra.",
                 "3. Tồn tại", "a) Một việc.", "ä) Việc khác."])
    assert [line.split()[0] for line in got] == ["2.", "a)", "b)", "c)", "d)", "đ)", "e)", "g)", "3.", "a)", "ä)"]
    assert _read(["d) Về tài chính.", "e) Về số hóa.", "q) Về đào tạo."])[2].startswith("g)")


def test_an_item_number_read_as_a_section_sign_after_the_one_before():
    got = _read(["7. Giao Sở Tài chính:", "- Bố trí kinh phí.", "§. Giao Sở Y tế:", "§. Xem ghi chú"])
    assert got[2] == "8. Giao Sở Y tế:" and got[3] == "§. Xem ghi chú"


def test_a_first_appendix_whose_two_strokes_were_read_as_h():
    got = _read(["Phụ lục VH", "KẾT QUẢ CHẤM ĐIỂM CÁC TIÊU CHÍ", "I. KHỐI SỞ"])
    assert got[0] == "Phụ lục VII"
    assert _read(["Phụ lục Hướng dẫn"]) == ["Phụ lục Hướng dẫn"]


def test_an_issuer_codes_s_read_as_a_section_sign():
    assert fix_number("1234/§YT-KHTC") == "1234/SYT-KHTC" and fix_number("56/QĐ-§") == "56/QĐ-S"
    assert fix_number("/§NV-TCBC") == "/SNV-TCBC"      # the number read apart, before its code


def test_an_i_item_read_as_a_figure_after_h_and_a_g_read_twice():
    got = _read(["1. Thành viên:", "a) Sở Y tế;", "b) Sở Xây dựng;", "c) Sở Tài chính;", "d) Sở Nội vụ;",
                 "đ) Công an tỉnh;", "e) Sở Tư pháp;", "Ø8) Sở Công Thương;", "h) Sở Ngoại vụ;", "1) Sở Du lịch.",
                 "2. Nhiệm vụ:", "1) Một việc."])
    assert [line.split()[0] for line in got] == ["1.", "a)", "b)", "c)", "d)", "đ)", "e)", "g)", "h)", "i)", "2.", "1)"]


def test_an_item_number_whose_figure_was_lost_or_read_as_a_ring():
    got = _read(["Điều 6. Quyền của xã viên", "3. Được hưởng lãi chia;", "4. Được cung cấp thông tin;",
                 ". Được đề đạt ý kiến;", "°. Được ra khỏi hợp tác xã.", "o. Được chuyển vốn góp."])
    assert [line.split()[0] for line in got][1:] == ["3.", "4.", "5.", "6.", "7."]
    assert _read(["Ghi chú:", ". Xem phụ lục"])[1] == ". Xem phụ lục"      # no numbered item before it


def test_a_first_item_letter_read_as_q():
    got = _read(["2. Thành viên gồm:", "q) Sở Y tế;", "b) Sở Xây dựng."])
    assert [line.split()[0] for line in got] == ["2.", "a)", "b)"]


def test_a_first_item_read_as_a_stroke_is_item_one_when_item_two_follows():
    """`1.` of the first item under a roman heading comes back as `l.`, `|.` or `I.`; read as roman it took
    the whole list under the heading with it (the tree takes a list from its `1.`), and `I.` right after `I.`
    pushed every later roman label one on (`II.` read as `III.`)."""
    for stroke in ("l.", "|.", "I.", "L."):
        got = _read(["I. MỤC ĐÍCH, YÊU CẦU", f"{stroke} Mục đích", "Nâng cao chất lượng.", "2. Yêu cầu",
                     "II. NHIỆM VỤ", f"{stroke} Tuyên truyền", "2. Kiểm tra", "III. KINH PHÍ"])
        assert got == ["I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "Nâng cao chất lượng.", "2. Yêu cầu",
                       "II. NHIỆM VỤ", "1. Tuyên truyền", "2. Kiểm tra", "III. KINH PHÍ"], stroke
    # a roman heading whose list starts at `1.` stays roman
    assert _read(["L. Kết quả thực hiện", "1. Về tổ chức", "2. Về nhân sự", "H. Tồn tại"]) == \
        ["I. Kết quả thực hiện", "1. Về tổ chức", "2. Về nhân sự", "II. Tồn tại"]


def test_a_speck_read_as_a_stroke_before_the_assemblys_two_figure_term():
    from pipeline.text.identifiers import normalize_identifier

    # the term is one or two figures: `QHI15` is QH15 with a speck of the H read as a stroke, not QH115
    assert fix_number("45/2024/QHI15;") == "45/2024/QH15;" and fix_number("12/2023/UBTVQHI15") == "12/2023/UBTVQH15"
    assert fix_number("61/2020/QHI4") == "61/2020/QH14"
    assert _read(["theo Luật số 45/2024/QHI15 của Quốc hội"]) == ["theo Luật số 45/2024/QH15 của Quốc hội"]
    assert normalize_identifier("45/2024/QHI15") == "45/2024/QH15"
    assert normalize_identifier("61/2020/QHI4") == "61/2020/QH14"
    assert normalize_identifier("45/2024/QH15") == "45/2024/QH15"


def test_per_cent_figures_with_lookalikes_a_slash_or_a_lost_comma():
    # a share is no fraction (its slash is the comma), and four bare figures before `%` lost their comma
    assert fix_number("82/86%") == "82,86%" and fix_number("8130%;") == "81,30%;"
    assert fix_number("§0%") == "80%" and fix_number("7§,61%") == "78,61%" and fix_number("l00%,") == "100%,"
    assert _read(["| 12 | UBND xã Tân Phú | 17,25 | 8415% |"]) == ["| 12 | UBND xã Tân Phú | 17,25 | 84,15% |"]
    assert _read(["Tỷ lệ hộ dân dùng nước sạch đạt §5/40% cuối năm"]) == ["Tỷ lệ hộ dân dùng nước sạch đạt 85,40% cuối năm"]
    # what a document writes stays: whole shares, decimals, a thousand with its dot, a word
    for token in ("100%", "35,5%", "1.200%", "5%", "%", "0,25%", "120%"):
        assert fix_number(token) == token


def test_a_small_c_item_read_as_its_capital_and_a_d_read_with_its_bar():
    got = _read(["2. Yêu cầu", "a) Bảo đảm tiến độ.", "b) Đúng quy định.", "C) Công khai kết quả.",
                 "đ) Báo cáo định kỳ.", "đ) Lưu trữ hồ sơ."])
    assert got[3:] == ["c) Công khai kết quả.", "d) Báo cáo định kỳ.", "đ) Lưu trữ hồ sơ."]
    # a part's capital label (`C.`) and a `C)` that opens no list stay
    assert _read(["C. TỔ CHỨC THỰC HIỆN"]) == ["C. TỔ CHỨC THỰC HIỆN"]
    assert _read(["C) Nội dung chung"]) == ["C) Nội dung chung"]


def test_a_lone_quote_mark_at_a_line_start_is_a_list_dash():
    got = _read(["a) Tổng hợp kết quả:", "“ Tổng hợp điểm của các đơn vị theo cột “Điểm", "đạt được”.",
                 "b) Xếp loại kết quả"])
    assert got == ["a) Tổng hợp kết quả:", "- Tổng hợp điểm của các đơn vị theo cột “Điểm", "đạt được”.",
                   "b) Xếp loại kết quả"]
    # a quote glued to its word stays
    assert _read(["“Điểm đạt được” là tổng điểm."]) == ["“Điểm đạt được” là tổng điểm."]


def test_a_speck_read_as_a_mark_before_a_label_is_dropped():
    got = _read(["Điều 1. Ban hành kèm theo Quyết định này Quy chế mẫu.", "_ Điều 2. Quyết định này có hiệu lực.",
                 "~ II. TỔ CHỨC THỰC HIỆN"])
    assert got[1:] == ["Điều 2. Quyết định này có hiệu lực.", "II. TỔ CHỨC THỰC HIỆN"]
    # a list's dash and plus sign stay, and so does a mark before ordinary words
    assert _read(["- Điều 5 của Luật này", "+ 2. Nội dung", "_ chú thích ở lề"]) == \
        ["- Điều 5 của Luật này", "+ 2. Nội dung", "_ chú thích ở lề"]


def test_a_first_item_whose_full_stop_was_read_as_a_comma_under_a_roman_heading():
    got = _read(["II. NỘI DUNG", "1. Rà soát hồ sơ", "2. Kiểm tra hiện trường", "III. GIẢI PHÁP",
                 "1, Tăng cường chỉ đạo điều hành", "2. Đẩy mạnh tuyên truyền"])
    assert got[4] == "1. Tăng cường chỉ đạo điều hành"
    # a figure with its comma inside running text stays
    assert _read(["III. KINH PHÍ", "1, 2 và 3 là các khoản chi"]) == ["III. KINH PHÍ", "1, 2 và 3 là các khoản chi"]


def test_a_date_line_with_a_five_read_as_s_a_glued_figure_or_a_blank_read_as_a_dash():
    assert _read(["Hà Giang, ngày 2Š tháng 10 năm 2024"]) == ["Hà Giang, ngày 25 tháng 10 năm 2024"]
    assert _read(["Căn cứ Luật số 12 ngày 05tháng 6 năm 2023"]) == ["Căn cứ Luật số 12 ngày 05 tháng 6 năm 2023"]
    assert _read(["Sơn La, ngày14 tháng 3 năm 2024"]) == ["Sơn La, ngày 14 tháng 3 năm 2024"]
    assert _read(["Hà Nội, ngày — tháng 7 năm 2024"]) == ["Hà Nội, ngày … tháng 7 năm 2024"]
    # a day of one S with no figure beside it stays (a speck, not a 5)
    assert _read(["Hà Nội, ngày S tháng 7 năm 2024"]) == ["Hà Nội, ngày S tháng 7 năm 2024"]


def test_two_years_side_by_side_are_a_period_whose_dash_was_lost():
    assert _read(["Chương trình giai đoạn 2021 2025 của tỉnh"]) == ["Chương trình giai đoạn 2021 - 2025 của tỉnh"]
    assert _read(["nhiệm kỳ 2024 2029."]) == ["nhiệm kỳ 2024 - 2029."]
    # a period already written, a year and a count, or years out of order stay
    for line in ("giai đoạn 2021 - 2025", "năm 2025 2000 hộ dân", "năm 2025, 2024 và 2023"):
        assert _read([line]) == [line]


def test_a_quarter_whose_v_was_read_as_w_and_its_tone_as_a_tilde():
    assert _read(["hoàn thành trong Quỹ IW/2025."]) == ["hoàn thành trong Quý IV/2025."]
    # a fund named before a figure stays a fund
    assert _read(["Quỹ 2025 của hội"]) == ["Quỹ 2025 của hội"]


def test_a_roman_headings_numeral_read_as_a_lookalike_without_its_full_stop():
    got = _read(["Văn phòng tổng hợp tình hình dưới đây:", "L VIỆC CHUẨN BỊ", "Các phòng đã họp bàn.",
                 "H KẾT QUẢ ĐẠT ĐƯỢC", "1. Hồ sơ điện tử"])
    assert got[1] == "I. VIỆC CHUẨN BỊ" and got[3] == "II. KẾT QUẢ ĐẠT ĐƯỢC"
    # a letter before running words, and a lookalike out of sequence, stay
    assert _read(["L Văn Hùng, chuyên viên"]) == ["L Văn Hùng, chuyên viên"]
    assert _read(["I. MỤC ĐÍCH", "X QUANG KỸ THUẬT SỐ"]) == ["I. MỤC ĐÍCH", "X QUANG KỸ THUẬT SỐ"]


def test_the_points_of_a_quoted_clause_do_not_advance_the_documents_list():
    got = _read(["b) Khoản 1 Điều 5 Nghị định quy định thời hạn.", "c) Khoản 2 Điều 5 Nghị định quy định hồ sơ:",
                 "“c) Hồ sơ gồm đơn đề nghị;", "d) Bản sao điều lệ ”.", "đ) Khoản 3 Điều 7 Nghị định quy định phí."])
    assert got[2:] == ["“c) Hồ sơ gồm đơn đề nghị;", "d) Bản sao điều lệ ”.", "d) Khoản 3 Điều 7 Nghị định quy định phí."]


def test_a_share_closing_its_bracket_with_its_per_cent_sign_read_as_a_figure():
    got = _read(["Tỷ lệ hồ sơ trực tuyến đạt 62,15% (chỉ tiêu tối thiểu 409).",
                 "Tỷ lệ giải quyết đúng hạn (đạt 1004), tỷ lệ hài lòng (đạt 88,504)."])
    assert got == ["Tỷ lệ hồ sơ trực tuyến đạt 62,15% (chỉ tiêu tối thiểu 40%).",
                   "Tỷ lệ giải quyết đúng hạn (đạt 100%), tỷ lệ hài lòng (đạt 88,50%)."]
    # a year, a count that names its noun, an appendix's number and a small figure stay
    for line in ("(giai đoạn 2021 - 2024).", "(tối thiểu 109 hộ).", "(Phụ lục 04).", "(đạt 14)."):
        assert _read([line]) == [line]


def test_a_speck_between_a_dates_word_and_its_figure_is_dropped():
    # a table cell's speck read as a letter of its own: `ngày 10 tháng ý 7`, `tháng ỗ 3`
    assert _read(["Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 10 tháng ý 7", "ngày 27 tháng ỗ 3 năm 2026"]) == \
        ["Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 10 tháng 7", "ngày 27 tháng 3 năm 2026"]
    # a word after `tháng` is kept (`tháng Tư`), and so is a letter with no figure after it
    assert _read(["trong tháng Tư năm 2026", "Phụ lục tháng A và B"]) == ["trong tháng Tư năm 2026", "Phụ lục tháng A và B"]


def test_a_speck_after_a_whole_name_in_a_table_cell_is_dropped():
    from pipeline.run.process import process_text

    text = ("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 12/KH-UBND\nLâm Đồng, ngày 05 tháng 1 năm 2026\nKẾ HOẠCH\nCải cách hành chính năm 2026\n"
            "I. NHIỆM VỤ\nTT | Nhiệm vụ | Chủ trì | Phối hợp\n1 | Rà soát văn bản quy phạm pháp luật | Sở Tư pháp K | "
            "Sở Tài chính Ẹ\n2 | Kiểm tra công tác cải cách hành chính | Cục Thuế khu vực X | Sở Nội vụ\n")
    names = {b["name"] for b in process_text("kh.txt", text)["bodies"]}
    assert {"Sở Tư pháp", "Sở Tài chính"} <= names, names
    assert not {n for n in names if n.endswith((" K", " Ẹ"))}, names
