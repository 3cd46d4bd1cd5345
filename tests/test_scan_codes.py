"""OCR's misreadings of number labels, cited codes and shares, read back (pipeline/read/ocr/codes.py and
figures.py). Every sentence here is invented."""
from pipeline.read.ocr.codes import agree_numbers, fix_number_label, fix_type_codes
from pipeline.read.ocr.figures import fix_number, fix_shares
from pipeline.read.ocr.repair_text import repair_lines


def _read(lines: list[str]) -> list[str]:
    fixed = repair_lines([[(w, 80.0) for w in line.split()] for line in lines])
    return [" ".join(w for w, _ in words) for words in fixed]


def test_the_number_label_read_with_a_lookalike_of_its_o():
    assert fix_number_label(["SỐô:58/SXD-QLN"]) == ["Số:", "58/SXD-QLN"]
    assert fix_number_label(["Sô:", "1402/UBND-TH"]) == ["Số:", "1402/UBND-TH"]
    assert fix_number_label(["S6:", "…/QĐ-UBND"]) == ["Số:", "…/QĐ-UBND"]
    assert fix_number_label(["PHÒNG", "Y", "TẾ", "|", "Sọ:", "17/BC-PYT"])[4] == "Số:"


def test_words_that_only_look_like_the_number_label_stay():
    for line in (["Sổ:", "ghi", "chép"], ["Sở:", "12/KH"], ["Số:", "9/TB-BQL"], ["SỐ:", "9/TB-BQL"],
                 ["So:", "sánh"], ["Kèm", "Sô:", "12/KH-UBND"]):
        assert fix_number_label(list(line)) == line


def test_a_header_whose_number_label_was_misread_keeps_its_number():
    assert _read(["SỐô:317/SCT-KTAT", "Cao Bằng, ngày 14 tháng 2 năm 2026"])[0] == "Số: 317/SCT-KTAT"


def test_a_cited_type_code_one_lookalike_from_the_named_types():
    lines = [["Căn", "cứ", "Nghị", "quyết", "số", "41/NG-HĐND", "ngày", "3"],
             ["theo", "Hướng", "dẫn", "số", "8-H0/BTGTW", "và", "Quyết", "định", "số", "905/QÐ-BXD;"],
             ["tại", "Thông", "báo"], ["số", "66/T8-VPCP"]]
    fix_type_codes(lines)
    assert lines[0][5] == "41/NQ-HĐND"
    assert lines[1][4] == "8-HD/BTGTW" and lines[1][9] == "905/QĐ-BXD;"
    assert lines[3][1] == "66/TB-VPCP"


def test_codes_no_type_word_settles_or_that_are_codes_stay():
    lines = [["Công", "văn", "số", "88/SGTVT-QLVT"], ["Kế", "hoạch", "số", "21/NQ-UBND"],
             ["theo", "số", "5/NG-CP"], ["Nghị", "quyết", "số", "7/XY-CP"]]
    before = [list(ws) for ws in lines]
    fix_type_codes(lines)
    assert lines == before


def test_a_number_read_once_with_a_letter_more_or_less_than_its_other_readings():
    lines = [["Công", "văn", "số", "3210/UBND-KTNVV", "ngày"], ["số", "3210/UBND-KTNV,"],
             ["theo", "3210/UBND-KTNV."], ["và", "3210/UBND-KTN"]]
    agree_numbers(lines)
    assert lines[0][3] == "3210/UBND-KTNV" and lines[3][1] == "3210/UBND-KTNV"
    assert lines[1][1] == "3210/UBND-KTNV," and lines[2][1] == "3210/UBND-KTNV."


def test_numbers_the_document_reads_once_each_or_that_differ_by_a_type_code_stay():
    lines = [["Chỉ", "thị", "số", "12/CT-TTg", "và", "12/CT-TTg"], ["Chương", "trình", "12/CTr-TTg"],
             ["số", "45/SNV-TCBC", "và", "45/SNV-TCB"], ["số", "77/KH-UBND", "và", "78/KH-UBNDT", "78/KH-UBNDT"]]
    before = [list(ws) for ws in lines]
    agree_numbers(lines)
    assert lines == before


def test_a_share_whose_sign_was_read_as_a_slash_and_four_or_with_a_nine():
    words = ["đạt", "tối", "thiểu", "85/4", "số", "hồ", "sơ"]
    fix_shares(words)
    assert words[3] == "85%"
    words = ["(mục", "tiêu", "tối", "thiểu", "609%)."]
    fix_shares(words)
    assert words[4] == "60%)."
    for kept in (["đến", "ngày", "25/4", "năm"], ["đạt", "25/4", "chỉ", "tiêu"], ["đạt", "109%", "kế", "hoạch"],
                 ["tăng", "709%", "so"]):
        words = list(kept)
        fix_shares(words)
        assert words == kept


def test_a_share_that_opens_its_line_after_its_cue_word():
    assert _read(["số hồ sơ trả đúng hạn (chỉ tiêu là", "954). Về công tác"])[1] == "95%). Về công tác"
    assert _read(["số hồ sơ trả đúng hạn bảo đảm", "954). Về công tác"])[1] == "954). Về công tác"


def test_a_quoted_hundred_per_cent_whose_one_was_read_as_seven():
    words = ["chỉ", "tiêu", "“700%", "hồ", "sơ", "được", "số", "hóa”"]
    fix_shares(words)
    assert words[2] == "“100%"


def test_a_speck_glued_before_a_number_and_its_code():
    assert fix_number("ø214/HD-MTTQ") == "214/HD-MTTQ"
    assert fix_number("°15/2026/TT-BYT,") == "15/2026/TT-BYT,"
    assert fix_number("ø") == "ø"


def test_a_scans_number_label_alone_on_its_line_takes_the_number_below():
    from pipeline.parse.structure import parse

    head = ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "HUYỆN ĐỒNG XUÂN", "Độc lập - Tự do - Hạnh phúc",
            "Số:", "207/TTr-UBND", "Đồng Xuân, ngày 9 tháng 3 năm 2026", "TỜ TRÌNH",
            "Về việc đề nghị bổ sung kinh phí sửa chữa trường học", "Kính gửi: Ủy ban nhân dân tỉnh"]
    assert parse("\n".join(head) + "\n", ocr=True).metadata["identifier"] == "207/TTr-UBND"
    blank = head[:5] + head[6:]          # a blank number stays blank: the line below is the date
    assert parse("\n".join(blank) + "\n", ocr=True).metadata["identifier"] is None


def test_a_speck_glued_before_an_items_label():
    assert _read(["1. Giao Phòng Kinh tế chủ trì", "___2. Bà Lò Thị Hoa không tham gia"])[1] == \
        "2. Bà Lò Thị Hoa không tham gia"
    assert _read(["~b) Các thôn rà soát"]) == ["b) Các thôn rà soát"]
    assert _read(["__x2 vẫn giữ nguyên"]) == ["__x2 vẫn giữ nguyên"]
