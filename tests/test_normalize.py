"""Stage 2, normalize: one canonical NFC text per document, and a map back to the raw text."""
from __future__ import annotations

import unicodedata

import pytest

from pipeline.read.normalize import normalize

NFC = "Quyết định số 1441/QĐ-UBND của Ủy ban nhân dân tỉnh Lâm Đồng về việc hòa giải"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def base(ch: str) -> str:
    """The letter under the marks, with the lookalikes the normalizer folds."""
    return unicodedata.normalize("NFD", ch.replace("Ð", "Đ").replace("–", "-"))[:1]


def test_decomposed_input_becomes_nfc():
    out = normalize(nfd(NFC)).text
    assert out == NFC
    assert unicodedata.is_normalized("NFC", out)


def test_mixed_composition_in_one_line():
    raw = "Ủy ban " + nfd("Ủy ban") + " tỉnh"
    assert normalize(raw).text == "Ủy ban Ủy ban tỉnh"


@pytest.mark.parametrize("raw,expected", [
    ("Số: 1441/QÐ-UBND", "Số: 1441/QĐ-UBND"),       # Latin Eth lookalike
    ("ðồng chí", "đồng chí"),
])
def test_eth_lookalike_becomes_d_with_stroke(raw, expected):
    assert normalize(raw).text == expected


@pytest.mark.parametrize("raw,expected", [
    ("giai đoạn 2016 – 2020", "giai đoạn 2016 - 2020"),    # spaced en dash
    ("giai đoạn 2016 — 2020", "giai đoạn 2016 - 2020"),    # spaced em dash
    ("Số 21‐KH/BDVTU", "Số 21-KH/BDVTU"),                  # hyphen
    ("Số 21−KH/BDVTU", "Số 21-KH/BDVTU"),                  # minus sign
    ("phong trào «Dân vận khéo»", "phong trào “Dân vận khéo”"),
    ("phong trào „Dân vận khéo”", "phong trào “Dân vận khéo”"),
])
def test_dashes_and_quotes_have_one_style(raw, expected):
    assert normalize(raw).text == expected


def test_word_s_symbol_font_bullets_become_a_bullet():
    # a PDF printed from Word keeps its list bullets as the Symbol/Wingdings fonts' private-use code points
    text = normalize("Lịch:\n\uf0b7 Họp tổ.\n\uf0a7 Chấm thi.\n\uf0d8 Tổng kết.", "pdf").text
    assert text == "Lịch:\n• Họp tổ.\n• Chấm thi.\n• Tổng kết."


def test_the_letter_oi_a_pdf_font_gives_for_u_horn_is_u_horn():
    # some Vietnamese fonts come out of a PDF's text layer with `ƣ` (U+01A3) for `ư`, in every word that holds it
    text = normalize("TRƢỜNG TIỂU HỌC\nPhƣơng hƣớng nhiệm kỳ của Trƣờng", "pdf").text
    assert text == "TRƯỜNG TIỂU HỌC\nPhương hướng nhiệm kỳ của Trường"


@pytest.mark.parametrize("raw,expected", [
    ("Ủy\u00a0ban  nhân\tdân", "Ủy ban nhân dân"),          # NBSP, double space, tab
    ("   ỦY BAN NHÂN DÂN   \n   Sở Nội vụ   ", "ỦY BAN NHÂN DÂN\nSở Nội vụ"),  # line edges trimmed
    ("KẾ HOẠCH\n\n\n\nI. MỤC ĐÍCH", "KẾ HOẠCH\nI. MỤC ĐÍCH"),  # blank lines collapsed
    ("Thủ\u200btục hành\u00adchính", "Thủtục hànhchính"),  # invisible characters dropped
    ("dòng một\r\nI. dòng hai", "dòng một\nI. dòng hai"),
])
def test_spaces_and_line_breaks(raw, expected):
    assert normalize(raw, "docx").text.strip("\n") == expected


def test_header_date_split_over_two_lines_is_rejoined():
    assert normalize("Bình Thuận, ngày\n05 tháng 10 năm 2020").text == "Bình Thuận, ngày 05 tháng 10 năm 2020"


def test_wrapped_lines_join_but_list_markers_do_not():
    raw = "Căn cứ Luật Tổ chức chính quyền\nđịa phương năm 2015;\n- gạch đầu dòng\n1. Mục một\na) điểm a"
    out = normalize(raw, "pdf", True).text.split("\n")
    assert out == ["Căn cứ Luật Tổ chức chính quyền địa phương năm 2015;", "- gạch đầu dòng",
                   "1. Mục một", "a) điểm a"]


def test_the_paragraph_after_a_long_address_line_is_not_its_wrap():
    """A long `Kính gửi:` line ends with its addressee: the capital after it opens the letter's first paragraph (an
    addressee broken at the line's end is read whole by the recipients' reading, not here)."""
    raw = ("BẢO HIỂM XÃ HỘI VIỆT NAM\nSố: 296/BHXH-CSYT\nHà Nội, ngày 27 tháng 01 năm 2021\n"
           "Kính gửi: Bảo hiểm xã hội các tỉnh, thành phố trực thuộc Trung ương\n"
           "Đề nghị Bảo hiểm xã hội các tỉnh phối hợp với các cơ sở khám bệnh.\n")
    out = normalize(raw, "txt", True).text.split("\n")
    assert out[3] == "Kính gửi: Bảo hiểm xã hội các tỉnh, thành phố trực thuộc Trung ương"


def test_a_task_opening_in_capitals_is_not_the_wrap_of_a_long_heading():
    """`4. Phòng Kinh tế, Trung tâm Dịch vụ nông nghiệp huyện` (long, no colon) / `Tăng cường …`: a common word is
    capitalised only where a sentence starts, so the task is a line of its own and the heading keeps its bodies (a
    verb that may continue a name, `Ban` / `Chỉ đạo huyện`, is not one of rules/structure.yaml `wrap.sentence_openers`)."""
    raw = ("1. Phòng Tư pháp chủ trì tổ chức hội nghị triển khai cho cán bộ các xã và thị trấn.\n"
           "2. Phòng Nội vụ phối hợp theo dõi việc thực hiện ở các cơ quan chuyên môn của huyện.\n"
           "4. Phòng Kinh tế, Trung tâm Dịch vụ nông nghiệp và Ban Quản lý các chợ trên địa bàn huyện\n"
           "Tăng cường kiểm tra các cơ sở kinh doanh vật tư nông nghiệp.\n"
           "5. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam huyện cùng các thành viên của Ban\n"
           "Chỉ đạo huyện theo dõi.")
    out = normalize(raw, "txt", True).text.split("\n")
    assert out[2] == "4. Phòng Kinh tế, Trung tâm Dịch vụ nông nghiệp và Ban Quản lý các chợ trên địa bàn huyện"
    assert out[3] == "Tăng cường kiểm tra các cơ sở kinh doanh vật tư nông nghiệp."
    assert out[4] == "5. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam huyện cùng các thành viên của Ban Chỉ đạo huyện theo dõi."
    raw = ("1. Phòng Văn hóa và Thông tin chủ trì tổ chức tuyên truyền trên hệ thống truyền thanh của xã.\n"
           "2. Đề nghị Ủy ban MTTQ Việt Nam xã, Hội Liên hiệp Phụ nữ, Hội Nông dân và Đoàn Thanh niên xã\n"
           "Tuyên truyền, vận động hội viên thực hiện tốt các quy định.\n"
           "3. Giao các cơ quan: Sở Tài chính, Sở Kế hoạch và Đầu tư, Sở Công Thương, Sở Tư pháp và Sở\n"
           "Xây dựng hướng dẫn các chủ đầu tư lập hồ sơ.")
    out = normalize(raw, "txt", True).text.split("\n")
    assert out[1].endswith("Đoàn Thanh niên xã") and out[2].startswith("Tuyên truyền, vận động")
    assert out[3].endswith("Sở Tư pháp và Sở Xây dựng hướng dẫn các chủ đầu tư lập hồ sơ.")


@pytest.mark.parametrize("raw", [
    "Quyết định\u00a0số  1441/QÐ-UBND \u200bngày 25/9/2025",
    nfd("  Ủy ban nhân dân tỉnh   Lâm Đồng\n\n\n giai đoạn 2016 – 2020 "),
    nfd("KẾ HOẠCH**tổng kết, biểu dương**\n\nphong trào “*Dân vận khéo*” giai đoạn 2016 - 2020"),
])
@pytest.mark.parametrize("fmt", ["txt", "md", "docx"])
def test_offset_map_points_at_the_raw_character(raw, fmt):
    norm = normalize(raw, fmt, True)
    text, offsets = norm.text, norm.offsets
    assert len(offsets) == len(text) + 1
    assert offsets[-1] == len(raw)
    assert offsets == sorted(offsets)
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        assert base(raw[offsets[i]]) == base(ch), f"char {i} {ch!r} maps to raw {offsets[i]} {raw[offsets[i]]!r}"


def test_raw_span_recovers_the_written_words():
    raw = "Căn  cứ " + nfd("Nghị định") + " số 30/2020/NĐ-CP"
    norm = normalize(raw)
    start = norm.text.index("Nghị định")
    a, b = norm.raw_span(start, start + len("Nghị định"))
    assert unicodedata.normalize("NFC", raw[a:b]) == "Nghị định"


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_markdown_emphasis_is_removed(fmt):
    raw = "**KẾ HOẠCH**\n\nphong trào thi đua “*Dân vận khéo*” **trước ngày 30/11/2020**."
    out = normalize(raw, fmt, True).text
    assert "*" not in out
    assert out.split("\n") == ["KẾ HOẠCH", "phong trào thi đua “Dân vận khéo” trước ngày 30/11/2020."]


def test_markdown_bold_glued_to_a_word_marks_a_new_line():
    out = normalize("KẾ HOẠCH**tổng kết, biểu dương**", "md", True).text
    assert out.split("\n") == ["KẾ HOẠCH", "tổng kết, biểu dương"]


def test_markdown_emphasis_map_skips_the_marks():
    raw = "**KẾ HOẠCH**"
    norm = normalize(raw, "md", True)
    assert norm.text == "KẾ HOẠCH"
    assert norm.offsets[0] == 2


def test_asterisks_of_a_word_file_are_text():
    # the `*` under a Party issuer is printed, not markdown
    assert normalize("TỈNH ỦY BÌNH THUẬN\n*\nSố 123-KH/TU", "docx").text.split("\n")[1] == "*"


def test_a_letter_item_whose_space_after_the_bracket_was_lost_is_no_wrapped_line():
    text = normalize("1. Hạ tầng số:\na)Mạng lưới viễn thông;\nb)Trung tâm dữ liệu.\n", "pdf", wrapped=True).text
    assert text.splitlines() == ["1. Hạ tầng số:", "a)Mạng lưới viễn thông;", "b)Trung tâm dữ liệu."]


@pytest.mark.parametrize("fmt,wrapped", [("pdf", True), ("docx", False)])
def test_tasks_numbered_in_brackets_are_lines_of_their_own(fmt, wrapped):
    """Party texts number the tasks under a heading `(1)`, `(2)`: a line that opens so is no wrapped tail of the
    heading above it (a line opening on `(` otherwise continues the one before, as `(b/c)` does)."""
    raw = "1. Công tác chính trị\n(1) Tổ chức hội nghị quán triệt.\n(2) Tổ chức tọa đàm.\n- Lưu: VT\n(b/c)"
    assert normalize(raw, fmt, wrapped).text.split("\n") == [
        "1. Công tác chính trị", "(1) Tổ chức hội nghị quán triệt.", "(2) Tổ chức tọa đàm.", "- Lưu: VT (b/c)"]


def test_the_gazette_s_running_header_is_no_line_of_the_document():
    raw = ("CÔNG BÁO/Số 1301 + 1302/Ngày 15-11-2025\nTHỦ TƯỚNG CHÍNH PHỦ\nĐiều 2. Bộ Xây dựng chủ trì\n"
           "36 CÔNG BÁO/Số 1301 + 1302/Ngày 15-11-2025\nthực hiện Đề án.\nCÔNG BÁO/Số 1301 + 1302/Ngày 15-11-2025 37\n")
    norm = normalize(raw, "txt")
    assert norm.text == "THỦ TƯỚNG CHÍNH PHỦ\nĐiều 2. Bộ Xây dựng chủ trì thực hiện Đề án.\n"
    start = norm.text.index("thực hiện")
    assert raw[norm.raw_span(start, start + 9)[0]:][:9] == "thực hiện"
    # the cover: its masthead, number and day on lines of their own
    cover = normalize("CÔNG BÁO\nSố 1301 + 1302\nNgày 15 tháng 11 năm 2025\nTHỦ TƯỚNG CHÍNH PHỦ\n", "txt").text
    assert cover == "THỦ TƯỚNG CHÍNH PHỦ\n"
    # the gazette named in a sentence stays
    assert "đăng CÔNG BÁO" in normalize("Văn phòng Chính phủ đăng CÔNG BÁO theo quy định.", "txt").text


def test_a_blank_line_parts_paragraphs_in_a_text_file_unless_every_line_has_one():
    from pipeline.read.normalize import normalize
    # a list item and the paragraph after a blank line stay apart, however the line lengths look
    parted = ("SỞ Y TẾ TỈNH NAM SƠN\nSố: 315/SYT-NVY\nV/v tăng cường phòng, chống sốt xuất huyết\n"
              "Nam Sơn, ngày 12 tháng 5 năm 2026\nKính gửi:\n"
              "- Các bệnh viện tuyến tỉnh; - Trung tâm Y tế các huyện và các phòng khám đa khoa khu vực\n\n"
              "Sở Y tế đề nghị các đơn vị tổ chức giám sát ca bệnh.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n")
    assert "khu vực\nSở Y tế" in normalize(parted, "txt", wrapped=True).text
    # a page exported double-spaced: the blank lines say nothing, the wrapped line is joined as before
    spaced = ("phấn đấu trên 90% đảng viên được xếp loại hoàn thành tốt nhiệm vụ trong năm, trong đó có\n\n"
              "đảng viên hoàn thành xuất sắc nhiệm vụ và không có đảng viên nào bị kỷ luật.\n\n"
              "Công đoàn cơ sở đạt danh hiệu vững mạnh.\n\n")
    assert "trong đó có đảng viên" in normalize(spaced, "txt", wrapped=True).text
