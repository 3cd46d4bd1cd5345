"""Header and closing styles of older and central documents (issue 13): a header typed in a capitals
font whose case came through lost, the Công báo title line, numbers running into a rule, signature blocks
in lower case and merged with the Nơi nhận column. Every text here is written for the test."""
from __future__ import annotations

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
