"""Header and closing styles of older and central documents (issue 13): a header typed in a capitals
font whose case came through lost, the Công báo title line, numbers running into a rule, signature blocks
in lower case and merged with the Nơi nhận column. Every text here is written for the test."""
from __future__ import annotations

import pytest

from pipeline.parse.structure import parse
from pipeline.read.normalize import normalize


def meta(raw: str) -> dict:
    """Metadata of a text read as a TCVN3 file set in capitals fonts is read: a line starting in lower
    case stays on its own (`process.py` passes `join_lower=False`)."""
    return parse(normalize(raw, "doc", join_lower=False).text).metadata


# ------------------------------------------------------------------ issuer with its capitals lost

def test_issuer_in_lower_case_beside_the_motto():
    raw = ("bộ xây dựng cộng hoà xã hội chủ nghĩa Việt nam\n"
           "-0- Độc lập-Tự do-Hạnh phúc\n"
           "Số: 57/2001/QĐ-BXD\nHà Nội, ngày 3 tháng 4 năm 2001\n"
           "QUYẾT ĐỊNH\nVề việc ban hành định mức dự toán\nĐiều 1. Nội dung.\n")
    assert meta(raw)["issuer"] == "Bộ Xây dựng"


def test_government_as_issuer_in_running_case():
    raw = ("Chính phủ\n===\nSố: 41/2002/NĐ-CP\nCộng hoà xã hội chủ nghĩa việt nam\n"
           "Độc lập - Tự do - Hạnh phúc\nHà Nội, ngày 11 tháng 4 năm 2002\nNGHỊ ĐỊNH\n"
           "Về chính sách đối với lao động dôi dư\nĐiều 1. Nội dung.\n")
    assert meta(raw)["issuer"] == "Chính phủ"


def test_mixed_case_committee_over_its_city_and_a_stray_code():
    raw = ("ủy Ban Nhân Dân Cộng hòa xã hội chủ nghĩa việt nam\n"
           "thành phố hải phòng Độc lập - Tự do - Hạnh phúc\nKT12\n"
           "Số: 310/2003/QĐ-UB Hải Phòng, ngày 02 tháng 6 năm 2003\n"
           "QUYẾT ĐỊNH\nVề việc thành lập Ban quản lý dự án\nĐiều 1. Nội dung.\n")
    assert meta(raw)["issuer"] == "Ủy ban nhân dân thành phố Hải Phòng"


def test_a_sentence_opening_with_a_common_head_word_is_no_issuer():
    raw = ("Ban hành kèm theo hướng dẫn này\nSố: 12/HD-BTC\nĐiều 1. Nội dung.\n")
    assert meta(raw)["issuer"] is None


# ------------------------------------------------------------------ the number line of older documents

def _finance(number: str) -> str:
    return (f"BỘ CÔNG NGHIỆP\n{number}\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Hà Nội, ngày 9 tháng 10 năm 2000\nQUYẾT ĐỊNH\nVề việc phân cấp quản lý\nĐiều 1. Nội dung.\n")


def test_number_running_into_a_rule_of_dashes():
    assert meta(_finance("Số: 73 /2000/QĐ/BCN ---------------------"))["identifier"] == "73/2000/QĐ-BCN"
    assert meta(_finance("Số: 73/2000/QĐ-BCN------------"))["identifier"] == "73/2000/QĐ-BCN"


def test_number_word_in_capitals_and_a_space_after_the_slash():
    assert meta(_finance("SỐ: 61/ 2000/TT-BCN"))["identifier"] == "61/2000/TT-BCN"
    assert meta(_finance("SỐ:61/2000/TT/BCN"))["identifier"] == "61/2000/TT-BCN"


def test_slash_between_type_code_and_issuer_is_the_normal_hyphen():
    from pipeline.text.identifiers import normalize_identifier
    assert normalize_identifier("18/2001/TTLT/BTC-BGD") == "18/2001/TTLT-BTC-BGD"
    assert normalize_identifier("21-KH/BDVTU") == "21-KH/BDVTU"        # a Party number keeps its slash


# ------------------------------------------------------------------ the type word with its author

def test_type_word_with_its_author_is_no_title():
    raw = ("bộ giao thông vận tải cộng hoà xã hội chủ nghĩa Việt nam\nĐộc lập - Tự do - Hạnh phúc\n"
           "Số: 21/2002/QĐ-BGTVT\nHà Nội, ngày 5 tháng 8 năm 2002\n"
           "quyết định của bộ trưởng bộ giao thông vận tải\n"
           "về việc ban hành quy định về đăng kiểm phương tiện\nthủy nội địa\n"
           "bộ trưởng bộ giao thông vận tải\nCăn cứ Nghị định số 22/CP;\nQUYẾT ĐỊNH:\nĐiều 1. Nội dung.\n")
    m = meta(raw)
    assert m["doc_type"] == "Quyết định"
    assert m["title"] == "ban hành quy định về đăng kiểm phương tiện thủy nội địa"


def test_decision_of_a_committee_whose_name_is_set_again_above_the_preamble():
    raw = ("ỦY BAN NHÂN DÂN\nTỈNH SÓC TRĂNG\nSố: 88/2003/QĐ-UB\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
           "Sóc Trăng, ngày 12 tháng 3 năm 2003\nQUYẾT ĐỊNH của ỦY BAN NHÂN DÂN TỈNH sóc trăng\n"
           "V/v thành lập Hội đồng thi tuyển công chức\nỦY BAN NHÂN DÂN TỈNH Sóc Trăng\n"
           "Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân;\nQUYẾT ĐỊNH:\nĐiều 1. Nội dung.\n")
    assert meta(raw)["title"] == "thành lập Hội đồng thi tuyển công chức"


def test_gazette_line_holds_type_author_number_date_and_subject():
    raw = ("Quyết định của Thủ tướng Chính phủ số 47/2003/QĐ-TTg ngày 3 tháng 4 năm 2003 về việc\n"
           "phê duyệt quy hoạch mạng lưới chợ\nThủ tướng Chính phủ\nCăn cứ Luật Tổ chức Chính phủ;\n"
           "Quyết định:\nĐiều 1. Nội dung.\n")
    m = meta(raw)
    assert (m["doc_type"], m["identifier"], m["issued_date"], m["issuer"]) == \
        ("Quyết định", "47/2003/QĐ-TTg", "2003-04-03", "Thủ tướng Chính phủ")
    assert m["title"] == "phê duyệt quy hoạch mạng lưới chợ"


def test_gazette_line_under_the_issuer_with_a_numeric_date():
    raw = ("Chính phủ\nNghị định của Chính phủ số 60/2002/NĐ-CP\nngày 6/6/2002 về đấu thầu mua sắm hàng hóa.\n"
           "Chính phủ\nCăn cứ Luật Tổ chức Chính phủ;\nNghị định:\nĐiều 1. Nội dung.\n")
    m = meta(raw)
    assert (m["identifier"], m["issued_date"], m["issuer"], m["title"]) == \
        ("60/2002/NĐ-CP", "2002-06-06", "Chính phủ", "đấu thầu mua sắm hàng hóa")


def test_minister_as_author_names_the_ministry():
    from pipeline.parse.header_styles import issuer_of_author
    assert issuer_of_author("Bộ trưởng Bộ Y tế") == "Bộ Y tế"
    assert issuer_of_author("Chủ tịch Ủy ban nhân dân tỉnh Long An") == "Ủy ban nhân dân tỉnh Long An"
    assert issuer_of_author("Thủ tướng Chính phủ") == "Thủ tướng Chính phủ"


def test_type_word_run_onto_the_place_date_line():
    raw = ("BỘ Y TẾ\nSỐ: 07/2001/TT-BYT\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
           "Hà Nội, ngày 2 tháng 5 năm 2001 thông tư\nHướng dẫn việc cấp chứng chỉ hành nghề dược\n"
           "Căn cứ Luật Dược;\nI. QUY ĐỊNH CHUNG\n")
    m = meta(raw)
    assert (m["doc_type"], m["title"]) == ("Thông tư", "Hướng dẫn việc cấp chứng chỉ hành nghề dược")


def test_month_run_onto_its_word():
    m = meta(("ỦY BAN NHÂN DÂN\nTỈNH TÂY NINH\nSố: 410/QĐ-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
              "Tây Ninh, ngày 21 tháng3 năm 2008\nQUYẾT ĐỊNH\nVề việc giao chỉ tiêu\nĐiều 1. Nội dung.\n"))
    assert m["issued_date"] == "2008-03-21"


# ------------------------------------------------------------------ a regulation issued with a decision

def test_regulation_with_a_motto_but_no_number_carries_the_decisions_identity():
    raw = ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH HẬU GIANG Độc lập - Tự do - Hạnh phúc\n"
           "QUY ĐỊNH\nVỀ TỔ CHỨC VÀ HOẠT ĐỘNG CỦA BAN QUẢN LÝ CHỢ\n"
           "( Ban hành kèm theo Quyết định số …17…./2007/ QĐ-UBND, ngày …9..tháng 3 năm 2007 "
           "của UBND tỉnh Hậu Giang )\nChương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi.\n")
    m = meta(raw)
    assert (m["doc_type"], m["identifier"]) == ("Quyết định", "17/2007/QĐ-UBND")
    assert m["title"].casefold() == "về tổ chức và hoạt động của ban quản lý chợ"
    assert m["place"] is None


def test_a_charter_issued_with_a_decision_is_titled_by_its_heading_not_its_issuers_province():
    raw = ("ỦY BAN NHÂN DÂN\nTỈNH NAM SƠN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
           "ĐIỀU LỆ (SỬA ĐỔI) HỘI NGƯỜI LÀM VƯỜN\n"
           "(Kèm theo Quyết định số 40/QĐ-UBND ngày 02/3/2025 của Ủy ban nhân dân tỉnh Nam Sơn)\n"
           "Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Tên gọi\n")
    m = meta(raw)
    assert (m["doc_type"], m["identifier"]) == ("Quyết định", "40/QĐ-UBND")
    assert m["title"] == "Điều lệ (sửa đổi) hội người làm vườn"


def test_form_issued_by_a_ministers_decision_names_the_ministry_and_its_heading():
    raw = ("C2-5-BC\nBáo cáo tiến độ thực hiện đề tài\n"
           "(Kèm theo Quyết định số 21/2005/QĐ-BYT ngày 8/8/2005\ncủa Bộ trưởng Bộ Y tế)\n1. Tên đề tài:\n")
    m = meta(raw)
    assert (m["identifier"], m["issuer"]) == ("21/2005/QĐ-BYT", "Bộ Y tế")
    assert m["title"] == "Báo cáo tiến độ thực hiện đề tài"


# ------------------------------------------------------------------ signature blocks of older documents

_DECREE_HEAD = ("Chính phủ\nSố: 35/2002/NĐ-CP\nCộng hoà xã hội chủ nghĩa việt nam\nHà Nội, ngày 4 tháng 4 năm 2002\n"
                "Nghị định của chính phủ\nVề việc sửa đổi danh mục hàng hóa\n____\nChính phủ\n"
                "Căn cứ Luật Tổ chức Chính phủ;\nNghị định:\nĐiều 1. Nội dung.\n"
                "Điều 2. Nghị định này có hiệu lực sau 15 ngày./.\n")


def test_signature_block_in_lower_case():
    m = meta(_DECREE_HEAD + "tm. chính phủ\nKT. thủ tướng\nPhó thủ tướng\nNơi nhận :\n- Ban Bí thư Trung ương Đảng,\n"
             "- Lưu : VT.\nNguyễn Văn Hùng\n")
    assert m["signer"] == {"name": "Nguyễn Văn Hùng", "title": "Phó Thủ tướng",
                           "authority": "TM. Chính phủ, KT. Thủ tướng"}


def test_signature_block_found_by_its_authority_in_running_case():
    m = meta(_DECREE_HEAD + "TM. Chính phủ\nThủ tướng\nTrần Quốc Bảo\n")
    assert (m["signer"]["name"], m["signer"]["title"]) == ("Trần Quốc Bảo", "Thủ tướng")


def test_signer_printed_into_the_recipients_column():
    m = meta(_DECREE_HEAD + "Nơi nhận: KT/ bộ trưởng bộ công nghiệp\n- Văn phòng Quốc hội, Thứ trưởng\n"
             "- Các Bộ, cơ quan ngang Bộ (Đã ký)\n- Sở Công nghiệp các tỉnh, thành phố\ntrực thuộc TW Đoàn Minh Khôi\n"
             "- Lưu: VP.\n")
    assert (m["signer"]["name"], m["signer"]["authority"]) == ("Đoàn Minh Khôi", "KT. Bộ trưởng Bộ Công nghiệp")


def test_signer_inside_a_row_and_before_a_signed_mark():
    rows = "tm. chính phủ\nthủ tướng\nNơi nhận:\n- Các Bộ,\n- Tòa án nhân dân tối cao, {} đã ký\n- Lưu: VT.\n"
    assert meta(_DECREE_HEAD + rows.format("Lê Hoài Nam"))["signer"]["name"] == "Lê Hoài Nam"
    inside = "tm. chính phủ\nthủ tướng\nNơi nhận:\n- Các Cục, Vụ, đơn vị Hồ Sĩ Lâm thuộc Bộ\n- Lưu: VT.\n"
    assert meta(_DECREE_HEAD + inside)["signer"]["name"] == "Hồ Sĩ Lâm"


def test_a_recipient_named_as_a_person_or_a_city_is_no_signer():
    rows = ("tm. chính phủ\nthủ tướng\nNơi nhận:\n- Đ/c Phạm Minh Đức, Ủy viên Trung ương;\n"
            "- UBND thành phố Hồ Chí Minh;\n- Lưu: VT.\n")
    assert meta(_DECREE_HEAD + rows)["signer"]["name"] is None


def test_number_broken_after_its_hyphen():
    assert meta(_finance("Số: 208 /SCT- QLTM"))["identifier"] == "208/SCT-QLTM"


def test_programme_without_header_signed_by_a_body():
    raw = ("CHƯƠNG TRÌNH\nLễ phát động Tháng hành động vì trẻ em năm 2026\nThời gian: 8 giờ 00, ngày 02/6/2026.\n"
           "Thời gian | Nội dung\n8h00 | Khai mạc\nBAN TỔ CHỨC\n")
    assert meta(raw)["issuer"] == "Ban Tổ chức"


# ------------------------------------------------------------------ a Party organization over its committee

def _party(left: str) -> dict:
    return meta(left + "\n*\nSố 31-TB/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nYên Bái, ngày 8 tháng 5 năm 2026\nTHÔNG BÁO\n"
                "kết luận của Thường trực\n-----\n1. Nội dung.\n")


def test_committee_under_its_party_organization_is_the_units_committee():
    assert _party("ĐẢNG BỘ TỈNH YÊN BÁI\nTỈNH ỦY")["issuer"] == "Tỉnh ủy"
    assert _party("ĐẢNG BỘ TỈNH YÊN BÁI\nBAN THƯỜNG VỤ TỈNH ỦY")["issuer"] == "Ban Thường vụ Tỉnh ủy"
    assert _party("ĐẢNG BỘ HUYỆN VĂN CHẤN\nỦY BAN KIỂM TRA")["issuer"] == "Ủy ban Kiểm tra Huyện ủy"
    assert _party("ĐẢNG BỘ XÃ SƠN THỊNH\nĐẢNG ỦY")["issuer"] == "Đảng ủy xã Sơn Thịnh"
    assert _party("ĐẢNG BỘ XÃ SƠN THỊNH\nBAN THƯỜNG VỤ ĐẢNG ỦY")["issuer"] == "Ban Thường vụ Đảng ủy xã Sơn Thịnh"


def test_a_cell_under_its_party_organization_keeps_its_name():
    assert _party("ĐẢNG BỘ XÃ SƠN THỊNH\nCHI BỘ THÔN 5")["issuer"] == "Chi bộ thôn 5"


# ------------------------------------------------------------------ blocks side by side, names in capitals

_MINUTES = ("ỦY BAN NHÂN DÂN\nXÃ TẢ VAN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "BIÊN BẢN\nHọp bàn phương án giải phóng mặt bằng\n"
            "Hôm nay, vào lúc 14 giờ ngày 6 tháng 4 năm 2026, tại trụ sở Ủy ban nhân dân xã.\n1. Thành phần.\n")


def test_the_head_signs_in_the_right_hand_column():
    m = meta(_MINUTES + "THƯ KÝ | CHỦ TỌA\nLù Thị Mỷ | Sần Văn Phìn\n")
    assert (m["signer"]["name"], m["signer"]["title"]) == ("Sần Văn Phìn", "Chủ tọa")
    m = meta(_MINUTES + "NGƯỜI GHI BIÊN BẢN | CHỦ TỊCH\n| \nLù Thị Mỷ | Sần Văn Phìn\n")
    assert m["signer"]["name"] == "Sần Văn Phìn"


def test_signer_name_in_capitals():
    m = meta(_MINUTES + "Nơi nhận:\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nGIÀNG A DỈA\n")
    assert m["signer"]["name"] == "Giàng A Dỉa"


def test_a_law_is_dated_by_the_day_it_was_passed():
    raw = ("luật\nBẢO VỆ NGUỒN LỢI THỦY SẢN\nCăn cứ vào Hiến pháp năm 1992;\nChương I\nNHỮNG QUY ĐỊNH CHUNG\n"
           "Điều 1. Phạm vi.\nVăn bản luật này được Quốc hội khóa X tại kỳ họp thứ hai "
           "thông qua ngày 12 tháng 11 năm 1997.\nCHỦ TỊCH QUỐC HỘI\n(Đã ký)\nNông Đức Minh\n")
    m = meta(raw)
    assert (m["doc_type"], m["issued_date"], m["issuer"]) == ("Luật", "1997-11-12", "Quốc hội")


def test_title_run_onto_the_authority_or_a_recipients_row():
    m = meta(_DECREE_HEAD + "kt/bộ trưởng bộ thương mại thứ trưởng\nNơi nhận:\n- Văn phòng Quốc hội,\n- Lưu: VP.\n"
             "Lương Văn Tự\n")
    assert m["signer"] == {"name": "Lương Văn Tự", "title": "Thứ trưởng", "authority": "KT. Bộ trưởng Bộ Thương mại"}
    m = meta(_DECREE_HEAD + "Nơi nhận: KT. CHỦ TỊCH\n- Như Điều 3; PHÓ CHỦ TỊCH\n- Lưu: VT.\nNguyễn Thị Hằng\n")
    assert (m["signer"]["title"], m["signer"]["name"]) == ("Phó Chủ tịch", "Nguyễn Thị Hằng")


def test_a_recipient_ending_on_a_title_word_gives_way_to_the_title_line():
    m = meta(_DECREE_HEAD + "Nơi nhận:\nKT. CHỦ TỊCH\n- Thường trực Tỉnh ủy, Chủ tịch\nPHÓ CHỦ TỊCH\n- Lưu: VT.\n"
             "Nguyễn Thị Hằng\n")
    assert (m["signer"]["title"], m["signer"]["name"]) == ("Phó Chủ tịch", "Nguyễn Thị Hằng")


# ------------------------------------------------------------------ place-date lines in other forms

def _dated(line: str) -> tuple:
    m = meta(f"SỞ TƯ PHÁP\nSố: 41/STP-VP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n{line}\nV/v góp ý dự thảo\n"
             "Kính gửi: Các phòng.\nSở Tư pháp đề nghị như sau.\n")
    return m["issued_date"], m["place"]


def test_place_date_in_figures_and_without_its_comma_or_day_word():
    assert _dated("Yên Bái, ngày 07/4/2026") == ("2026-04-07", "Yên Bái")
    assert _dated("Yên Bái, ngày 7-4-2026") == ("2026-04-07", "Yên Bái")
    assert _dated("Yên Bái ngày 07 tháng 4 năm 2026") == ("2026-04-07", "Yên Bái")
    assert _dated("Yên Bái, 07 tháng 4 năm 2026") == ("2026-04-07", "Yên Bái")


def test_place_date_words_in_capitals_or_run_together():
    assert _dated("YÊN BÁI, NGÀY 07 THÁNG 4 NĂM 2026")[0] == "2026-04-07"
    assert _dated("Yên Bái, Ngày 07 tháng 4, năm 2026")[0] == "2026-04-07"
    assert _dated("Yên Bái, ngày mùng 7 tháng 4 năm2026")[0] == "2026-04-07"


def test_a_blank_day_stays_blank_whatever_the_form():
    assert _dated("Yên Bái, ngày    tháng 4 năm 2026")[0] is None


def test_a_cited_number_and_date_inside_a_sentence_is_no_place_date():
    m = meta("THAM LUẬN\nGiải pháp phòng, chống ma túy\nSở Y tế\nThực hiện Kết luận số 96-KL/TW, ngày 30/9/2024 "
             "về tiếp tục thực hiện Nghị quyết, Sở đã triển khai.\n")
    assert (m["issued_date"], m["place"]) == (None, None)


def test_a_presidium_is_an_authority_not_a_title():
    m = meta(_DECREE_HEAD + "T/M ĐOÀN CHỦ TỊCH\nCHỦ TỊCH\nVũ Trọng Kim\n")
    assert m["signer"]["authority"] == "T/M Đoàn Chủ tịch"


def test_a_title_in_capitals_stops_at_the_issuing_body_named_again():
    raw = ("HỘI ĐỒNG NHÂN DÂN\nTỈNH HÀ GIANG\nSố: 27/NQ-HĐND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
           "Hà Giang, ngày 9 tháng 7 năm 2026\nNGHỊ QUYẾT\nQUY ĐỊNH MỨC HỖ TRỢ HỌC SINH BÁN TRÚ\n"
           "HỘI ĐỒNG NHÂN DÂN TỈNH HÀ GIANG\nKHÓA XVII, KỲ HỌP THỨ 5\nCăn cứ Luật Tổ chức chính quyền địa phương;\n"
           "QUYẾT NGHỊ:\nĐiều 1. Mức hỗ trợ.\n")
    assert meta(raw)["title"] == "Quy định mức hỗ trợ học sinh bán trú"


def test_names_with_an_apostrophe_or_ending_on_one_letter():
    for name in ("Điểu K'Ré", "H'Yim Kđoh", "Lò Văn A"):
        assert meta(_MINUTES + f"Nơi nhận:\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n{name}\n")["signer"]["name"] == name
    assert meta(_MINUTES + "Nơi nhận:\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nMẫu B\n")["signer"]["name"] is None


def test_appendix_issued_with_a_decision_named_on_a_line_of_its_own():
    raw = ("Phụ lục\nBan hành kèm theo Quyết định số 318/2004/QĐ-UB ngày 4 tháng 3 năm 2004 của UBND tỉnh Đồng Tháp "
           "về việc ban hành danh mục dự án kêu gọi đầu tư.\n________________\nDanh mục 1\nI. Nông nghiệp\n")
    m = meta(raw)
    assert (m["doc_type"], m["identifier"], m["issued_date"], m["issuer"]) == \
        ("Quyết định", "318/2004/QĐ-UB", "2004-03-04", "Ủy ban nhân dân tỉnh Đồng Tháp")


def test_standing_committee_under_its_council():
    raw = ("HỘI ĐỒNG NHÂN DÂN\nXÃ MƯỜNG HUM\nTHƯỜNG TRỰC\nSố: 08/TB-HĐND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
           "Độc lập - Tự do - Hạnh phúc\nMường Hum, ngày 2 tháng 6 năm 2026\nTHÔNG BÁO\nLịch tiếp công dân\n1. Nội dung.\n")
    assert meta(raw)["issuer"] == "Thường trực Hội đồng nhân dân xã Mường Hum"


def test_gazette_line_with_its_author_after_number_and_date():
    raw = ("Chỉ thị số 19/2004/CT-TTg ngày 1 tháng 6 năm 2004 của Thủ tướng Chính phủ về việc\n"
           "tăng cường công tác quản lý xuất khẩu gạo\nThủ tướng Chính phủ\nTrong thời gian qua, xuất khẩu tăng.\n"
           "1. Bộ Thương mại chủ trì.\n")
    m = meta(raw)
    assert (m["doc_type"], m["identifier"], m["issued_date"], m["issuer"], m["title"]) == \
        ("Chỉ thị", "19/2004/CT-TTg", "2004-06-01", "Thủ tướng Chính phủ", "tăng cường công tác quản lý xuất khẩu gạo")


def test_old_tone_placement_in_a_header_in_capitals():
    raw = ("UỶ BAN NHÂN DÂN\nTỈNH BẠC LIÊU\nSố: 14/2005/QĐ-UBND\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
           "Bạc Liêu, ngày 2 tháng 3 năm 2005\nQUYẾT ĐỊNH\nVề việc giao chỉ tiêu\nĐiều 1. Nội dung.\n")
    assert meta(raw)["issuer"] == "Ủy ban nhân dân tỉnh Bạc Liêu"


def test_a_forms_table_names_no_issuer_and_no_number():
    raw = ("danh sách cổ đông sáng lập công ty cổ phần\nTT | Tên cổ đông | Số, ngày, nơi cấp chứng minh nhân dân | "
           "Vốn góp\n(A) | (B) | (1) | (2)\nSở hữu vốn | Phần vốn góp\n1 | | |\n")
    m = meta(raw)
    assert (m["identifier"], m["issuer"]) == (None, None)


def test_a_unit_named_by_its_level_takes_the_place_its_parent_prints():
    from pipeline.parse.issuer import compose_issuer
    assert compose_issuer(["SỞ Y TẾ TỈNH HÀ GIANG", "BỆNH VIỆN ĐA KHOA TỈNH"])[0] == "Bệnh viện đa khoa tỉnh Hà Giang"
    assert compose_issuer(["UBND TỈNH HÀ GIANG", "THANH TRA TỈNH"])[0] == "Thanh tra tỉnh Hà Giang"


# ------------------------------------------------------------------ issuer names printed in capitals

def test_issuer_in_capitals_keeps_its_codes_its_province_and_a_lower_va():
    """Codes that are no syllable stay in capitals, a province's name is cased as a name (and the unit
    takes no second jurisdiction from its parent line), `và` after a field head stays lower."""
    board = ("UBND TỈNH NAM SƠN\nBAN CHỈ ĐẠO\nVỀ PHÁT TRIỂN CĐS VÀ ĐMST\nSố: 12/QĐ-BCĐ\n"
             "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
             "Nam Sơn, ngày 3 tháng 4 năm 2025\nQUYẾT ĐỊNH\nVề việc thành lập Tổ giúp việc\nĐiều 1. Nội dung.\n")
    assert meta(board)["issuer"] == "Ban Chỉ đạo về phát triển CĐS và ĐMST tỉnh Nam Sơn"
    league = ("UBND TỈNH LÂM ĐỒNG\nHỘI CỜ TƯỚNG KON TUM\nSố: 7/CV-HCT\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
              "Độc lập - Tự do - Hạnh phúc\nLâm Đồng, ngày 3 tháng 4 năm 2025\nV/v đổi tên hội\nNội dung.\n")
    assert meta(league)["issuer"] == "Hội Cờ tướng Kon Tum"
    paper = ("TỈNH ỦY NAM SƠN\nBÁO VÀ ĐÀI PHÁT THANH\nSố: 5-CV/BĐ\nĐẢNG CỘNG SẢN VIỆT NAM\n"
             "Nam Sơn, ngày 3 tháng 4 năm 2025\nV/v cử cán bộ\nNội dung.\n")
    assert meta(paper)["issuer"].startswith("Báo và Đài ")


def test_a_title_in_capitals_names_its_province_with_capitals():
    from pipeline.text.names import case_title
    assert case_title("KẾ HOẠCH CHUYỂN ĐỔI SỐ TỈNH LÂM ĐỒNG NĂM 2026") == "Kế hoạch chuyển đổi số tỉnh Lâm Đồng năm 2026"
    assert case_title("VÌ HÒA BÌNH VÀ HỮU NGHỊ") == "Vì hòa bình và hữu nghị"


def test_a_motto_wrapped_over_two_lines_is_no_part_of_the_issuer():
    raw = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ NAM SƠN\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
           "Số: 15/KH-UBND\nNam Sơn, ngày 3 tháng 4 năm 2025\nKẾ HOẠCH\nPhòng chống thiên tai\nNội dung.\n")
    assert meta(raw)["issuer"] == "Ủy ban nhân dân thành phố Nam Sơn"


def test_a_title_in_capitals_keeps_the_number_and_type_of_what_it_cites():
    from pipeline.text.names import case_title
    assert case_title("TRIỂN KHAI CHỈ THỊ SỐ 12/CT-TTG NGÀY 03 THÁNG 4 NĂM 2025") == \
        "Triển khai Chỉ thị số 12/CT-TTg ngày 03 tháng 4 năm 2025"
    assert case_title("THỰC HIỆN KẾT LUẬN SỐ 80-KL/TW") == "Thực hiện Kết luận số 80-KL/TW"


@pytest.mark.parametrize("capitals,sentence", [
    ("BÁO CÁO TỔNG KẾT NHIỆM KỲ III VÀ PHƯƠNG HƯỚNG NHIỆM KỲ IV", "Báo cáo tổng kết nhiệm kỳ III và phương hướng nhiệm kỳ IV"),
    ("CHƯƠNG TRÌNH CÔNG TÁC QUÝ II NĂM 2026", "Chương trình công tác quý II năm 2026"),
    ("TỔ CHỨC ĐẠI HỘI HỘI NÔNG DÂN XÃ LẦN THỨ XI", "Tổ chức đại hội Hội Nông dân xã lần thứ XI"),   # the organization by its name
    ("DỰ ÁN NHÀ MÁY XI MĂNG", "Dự án nhà máy xi măng"),        # a word spelled like a numeral, after no counting word
])
def test_a_title_in_capitals_keeps_its_roman_numerals(capitals, sentence):
    from pipeline.text.names import case_title
    assert case_title(capitals) == sentence


def test_a_title_line_ending_on_a_preposition_goes_on_over_an_authors_name():
    raw = ("ỦY BAN NHÂN DÂN\nTỈNH NAM SƠN\nSố: 15/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
           "Độc lập - Tự do - Hạnh phúc\nNam Sơn, ngày 3 tháng 4 năm 2025\nKẾ HOẠCH\n"
           "THỰC HIỆN CHỈ THỊ SỐ 12/CT-TTG NGÀY 03 THÁNG 4 NĂM 2025 CỦA\n"
           "THỦ TƯỚNG CHÍNH PHỦ VỀ PHÒNG CHỐNG THIÊN TAI\nThực hiện Chỉ thị trên, Ủy ban nhân dân tỉnh ban hành.\n")
    assert meta(raw)["title"] == ("Thực hiện Chỉ thị số 12/CT-TTg ngày 03 tháng 4 năm 2025 của Thủ tướng Chính phủ "
                                  "về phòng chống thiên tai")


def test_a_title_stops_at_the_table_under_it_whose_heading_row_then_gives_the_roles():
    """An appendix or a programme whose table starts right under its title: the table's heading row is
    no line of the title, so the table is read with its own headings (`Thực hiện` leads; the first row of
    data is no heading)."""
    from pipeline.run.process import process_text
    raw = ("BỘ Y TẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nCHƯƠNG TRÌNH\n"
           "Hội nghị tổng kết công tác phòng bệnh năm 2025\n"
           "Thời gian | Nội dung | Thực hiện\n"
           "08h00 - 08h30 | Đón tiếp đại biểu | Văn phòng Bộ\n"
           "08h30 - 09h00 | Báo cáo tổng kết công tác năm | Cục Phòng bệnh\n")
    record = process_text("programme.txt", raw)
    assert record["metadata"]["title"] == "Hội nghị tổng kết công tác phòng bệnh năm 2025"
    assert {(b["name"], b["role"]) for b in record["bodies"]} == {("Văn phòng Bộ", "lead"), ("Cục Phòng bệnh", "lead")}


def test_an_authority_wrapped_in_a_narrow_column_and_a_signer_holding_two_offices():
    head = ("ỦY BAN NHÂN DÂN\nTỈNH NAM SƠN\nSố: 15/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nNam Sơn, ngày 3 tháng 4 năm 2025\nKẾ HOẠCH\nPhòng chống thiên tai\n"
            "I. MỤC ĐÍCH\n1. Chủ động ứng phó.\nNơi nhận:\n- Lưu: VT.\n")
    wrapped = meta(head + "TM. ỦY BAN NHÂN\nDÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLò Văn Pấng\n")["signer"]
    assert wrapped == {"name": "Lò Văn Pấng", "title": "Phó Chủ tịch", "authority": "TM. Ủy ban nhân dân, KT. Chủ tịch"}
    two = meta(head + "BỘ TRƯỞNG, CHỦ NHIỆM\nTrần Văn Sơn\n")["signer"]
    assert two["title"] == "Bộ trưởng, Chủ nhiệm" and two["name"] == "Trần Văn Sơn"


def test_a_signature_block_read_from_a_table_keeps_no_cell_border():
    head = ("HUYỆN ỦY ĐÔNG SƠN\n*\nSố 45-KH/HU\nĐẢNG CỘNG SẢN VIỆT NAM\nĐông Sơn, ngày 05 tháng 01 năm 2026\n"
            "KẾ HOẠCH\nhọc tập chuyên đề năm 2026\n1. Các chi bộ tổ chức học tập.\nNơi nhận:\n- Các chi bộ,\n- Lưu VPHU.\n")
    for block in ("T/M BAN THƯỜNG VỤ |\nPHÓ BÍ THƯ |\nLê Văn Quang |\n", "| T/M BAN THƯỜNG VỤ\n| PHÓ BÍ THƯ\n| Lê Văn Quang\n"):
        signer = parse(normalize(head + block, "docx").text).metadata["signer"]
        assert signer == {"name": "Lê Văn Quang", "title": "Phó Bí thư", "authority": "T/M Ban Thường vụ"}, signer


def test_a_signing_authority_typed_with_the_old_tones_is_spelt_as_names_are():
    raw = ("ĐẢNG BỘ HUYỆN LÂM HÀ\nĐẢNG UỶ XÃ TÂN HÀ\n*\nSố 45-KH/ĐU\nTân Hà, ngày 12 tháng 3 năm 2026\nKẾ HOẠCH\n"
           "tổ chức hội nghị\nI. NỘI DUNG\nCác chi bộ học tập.\nNơi nhận:\n- Các chi bộ,\n- Lưu VP.\n"
           "T/M ĐẢNG UỶ\nBÍ THƯ\nNguyễn Thị Hoa\n")
    assert meta(raw)["signer"]["authority"] == "T/M Đảng ủy"


# ------------------------------------------------------------------ mass organizations' headers

def _mass(left: str) -> dict:
    return meta(left + "\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 12/KH-HND\n"
                "Hà Nam, ngày 5 tháng 3 năm 2026\nKẾ HOẠCH\nTổ chức hội thi nhà nông giỏi\n1. Nội dung.\n")


@pytest.mark.parametrize("left, issuer, parent", [
    # the national organization above its committee, the committee's line opening on an abbreviated head
    ("HỘI NÔNG DÂN VIỆT NAM\nBCH HỘI NÔNG DÂN TỈNH HÀ NAM", "Ban Chấp hành Hội Nông dân tỉnh Hà Nam", "Hội Nông dân Việt Nam"),
    ("TỔNG LĐLĐ VIỆT NAM\nLĐLĐ TỈNH HÀ NAM", "Liên đoàn Lao động tỉnh Hà Nam", "Tổng Liên đoàn Lao động Việt Nam"),
    # the Youth Union's name stands where the motto stands: the committee is the issuer
    ("BCH TỈNH ĐOÀN HÀ NAM\nĐOÀN TNCS HỒ CHÍ MINH", "Ban Chấp hành Tỉnh đoàn Hà Nam", None),
])
def test_a_mass_organization_s_committee_under_its_national_organization(left, issuer, parent):
    m = _mass(left)
    assert (m["issuer"], m["parent_issuer"]) == (issuer, parent)


def test_a_sub_committee_under_its_committee_issues_in_its_committees_name():
    """`ỦY BAN BẦU CỬ XÃ …` over `TIỂU BAN THÔNG TIN, TUYÊN TRUYỀN, KHÁNH TIẾT`: the sub-committee is the issuer, named
    with the committee it belongs to (a congress's and an election's sub-committees issue their own plans)."""
    text = ("ỦY BAN BẦU CỬ XÃ PHÚ LƯƠNG\nTIỂU BAN THÔNG TIN, TUYÊN TRUYỀN, KHÁNH TIẾT\nSố: 02/KH-TBTT\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nPhú Lương, ngày 12 tháng 12 năm 2025\n"
            "KẾ HOẠCH\nTuyên truyền cuộc bầu cử\nI. NỘI DUNG\n1. Tuyên truyền trên hệ thống loa truyền thanh.\n")
    meta = parse(text).metadata
    assert meta["issuer"].casefold() == "tiểu ban thông tin, tuyên truyền, khánh tiết ủy ban bầu cử xã phú lương"
    assert meta["issuer"].startswith("Tiểu ban ")
    assert meta["parent_issuer"] == "Ủy ban Bầu cử xã Phú Lương"
