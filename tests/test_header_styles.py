"""Header and closing styles of older and central documents (issue 13): a header typed in a capitals
font whose case came through lost, the Công báo title line, numbers running into a rule, signature blocks
in lower case and merged with the Nơi nhận column. Every text here is written for the test."""
from __future__ import annotations

from test_structure import meta


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
