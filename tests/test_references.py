"""Referenced documents: every citation form of issue 3, on real sentences."""
import pytest

from pipeline.process import process_text

HEADER = (
    "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 1441/QĐ-UBND\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "Lâm Đồng, ngày 25 tháng 9 năm 2025\nKẾ HOẠCH\nVề việc thí điểm\n"
)


def refs(body: str, header: str = HEADER) -> list[dict]:
    return process_text("t.txt", header + body, "docx", wrapped=False)["references"]


def one(body: str, header: str = HEADER) -> dict:
    found = refs(body, header)
    assert len(found) == 1, found
    return found[0]


def test_state_plan_with_date_and_issuer_after_cua():
    r = one("Căn cứ Kế hoạch số 4088/KH-UBND, ngày 28/10/2021 của UBND tỉnh triển khai phong trào thi đua.")
    assert (r["doc_type"], r["identifier"], r["date"], r["relation"]) == ("Kế hoạch", "4088/KH-UBND", "2021-10-28", "basis")
    assert r["issuer"] == "Ủy ban nhân dân tỉnh Lâm Đồng"  # `UBND tỉnh` resolved to the document's province
    text = process_text("t.txt", HEADER + "Căn cứ Kế hoạch số 4088/KH-UBND.", "docx", False)["text"]
    assert "4088/KH-UBND" in text[r["start"]:r["end"]] or r["text"].startswith("Kế hoạch số 4088")


def test_decree_with_long_date_form():
    r = one("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;")
    assert (r["doc_type"], r["identifier"], r["date"], r["issuer"]) == ("Nghị định", "30/2020/NĐ-CP", "2020-03-05", "Chính phủ")


def test_party_plan_issuer_from_code():
    r = one("Thực hiện Kế hoạch số 21-KH/BDVTU, ngày 28/4/2021, Ban Dân vận xây dựng kế hoạch như sau:")
    assert (r["identifier"], r["date"], r["relation"]) == ("21-KH/BDVTU", "2021-04-28", "implements")
    assert r["issuer"] == "Ban Dân vận Tỉnh ủy"


def test_enumeration_of_numbers_sharing_a_code():
    found = refs("Thực hiện Quyết định số 217, 218-QĐ/TW của Bộ Chính trị (khóa XI) về giám sát.")
    assert [r["identifier"] for r in found] == ["217-QĐ/TW", "218-QĐ/TW"]
    assert all(r["issuer"] == "Bộ Chính trị" and r["doc_type"] == "Quyết định" for r in found)


def test_enumeration_of_full_identifiers():
    found = refs("Theo các Công văn số 123/UBND-KT và 456/UBND-VX của Ủy ban nhân dân tỉnh.")
    assert [(r["doc_type"], r["identifier"]) for r in found] == [("Công văn", "123/UBND-KT"), ("Công văn", "456/UBND-VX")]
    assert found[0]["issuer"].startswith("Ủy ban nhân dân tỉnh")


def test_bare_letter_is_a_cong_van():
    r = one("Bộ Nội vụ có Văn bản số 8977/BNV-CQĐP hướng dẫn việc sắp xếp.")
    assert (r["doc_type"], r["identifier"], r["issuer"]) == ("Công văn", "8977/BNV-CQĐP", "Bộ Nội vụ")


def test_law_named_then_numbered():
    r = one("Căn cứ Luật Địa chất và Khoáng sản số 54/2024/QH15 ngày 29 tháng 11 năm 2024;")
    assert (r["doc_type"], r["identifier"], r["date"], r["issuer"]) == ("Luật", "54/2024/QH15", "2024-11-29", "Quốc hội")


@pytest.mark.parametrize("written,normal", [
    ("4088 /KH-UBND", "4088/KH-UBND"),
    ("12/QÐ-UBND", "12/QĐ-UBND"),       # Ð (eth) lookalike
    ("12/QD-UBND", "12/QĐ-UBND"),       # OCR dropped the bar of Đ
    ("3183/SNV-\nTCBC", "3183/SNV-TCBC"),  # broken by a line wrap
    ("03- HD/TU", "03-HD/TU"),
    ("5/KH-UBND", "05/KH-UBND"),         # two-digit number
])
def test_damaged_identifiers_are_normalized(written, normal):
    r = one(f"Thực hiện Kế hoạch số {written} ngày 01/02/2025 của Ủy ban nhân dân tỉnh.")
    assert r["identifier"] == normal


@pytest.mark.parametrize("written,iso", [
    ("13/9/2021", "2021-09-13"), ("13-9-2021", "2021-09-13"), ("13.9.2021", "2021-09-13"),
    ("13 tháng 9 năm 2021", "2021-09-13"), ("05 tháng 01 năm 2021", "2021-01-05"),
])
def test_date_forms(written, iso):
    assert one(f"Căn cứ Chỉ thị số 16/CT-UBND ngày {written} của UBND tỉnh.")["date"] == iso


def test_date_and_issuer_stated_before_the_citation():
    r = one("Ngày 12/12/2025, Sở Nội vụ có Công văn số 3542/SNV-TCCB về việc góp ý Đề án.")
    assert (r["date"], r["issuer"]) == ("2025-12-12", "Sở Nội vụ")


def test_code_wins_over_the_word():
    assert one("Thực hiện Công văn số 545/HD-BTV ngày 29/7/2025.")["doc_type"] == "Hướng dẫn"
    # a refinement of the code's type keeps the word
    assert one("Thực hiện Chương trình hành động số 06-CTr/TU ngày 22/01/2021.")["doc_type"] == "Chương trình hành động"


def test_unnumbered_references_have_a_title():
    found = refs("Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022; quán triệt Nghị quyết Đại hội XIII của Đảng.")
    titled = {r["title"]: r for r in found if r["identifier"] is None}
    assert "Luật Thi đua, khen thưởng" in titled
    assert titled["Luật Thi đua, khen thưởng"]["doc_type"] == "Luật"
    assert any(t.startswith("Nghị quyết Đại hội XIII") for t in titled)


def test_own_identifier_and_self_reference_are_not_references():
    found = refs("Kế hoạch này thay thế Kế hoạch số 1441/QĐ-UBND; các đơn vị triển khai Kế hoạch này.")
    assert found == []


def test_relations_from_the_words_before():
    found = {r["identifier"]: r["relation"] for r in refs(
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;\n"
        "Quyết định này thay thế Quyết định số 892/QĐ-UBND ngày 05/6/2024 của UBND tỉnh.\n"
        "Bãi bỏ Quyết định số 12/QĐ-UBND ngày 01/02/2020.\n"
        "Sửa đổi, bổ sung Quyết định số 77/QĐ-UBND ngày 01/02/2021.\n"
        "Triển khai Kế hoạch số 99/KH-UBND ngày 01/02/2022.\n"
        "Thông tư số 01/2023/TT-VPCP ngày 05/5/2023 được nhắc đến.")}
    assert found == {"30/2020/NĐ-CP": "basis", "892/QĐ-UBND": "replaces", "12/QĐ-UBND": "repeals",
                     "77/QĐ-UBND": "amends", "99/KH-UBND": "implements", "01/2023/TT-VPCP": "mentions"}


def test_numbers_that_are_not_identifiers():
    assert refs("Phấn đấu 100% hồ sơ; khu vực 1 - Lâm Đồng; ngày 15/10/2020; giai đoạn 2021 - 2025.") == []


def test_every_citation_keeps_its_span():
    body = "Căn cứ Kế hoạch số 99/KH-UBND ngày 01/02/2022.\nTriển khai Kế hoạch số 99/KH-UBND."
    rec = process_text("t.txt", HEADER + body, "docx", wrapped=False)
    (r,) = rec["references"]
    assert len(r["occurrences"]) == 2
    for start, end in r["occurrences"]:
        assert rec["text"][start:end].startswith("Kế hoạch số 99/KH-UBND")
