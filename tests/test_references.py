"""Referenced documents: every citation form of issue 3 and issue 14.

Every sentence here is written for the test (numbers, bodies and wording invented in the
genre's usual shape); none is taken from a gold document.
"""
import pytest

from pipeline.run.process import process_text

HEADER = (
    "ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nSố: 2207/KH-UBND\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "Nghệ An, ngày 14 tháng 4 năm 2026\nKẾ HOẠCH\nVề việc chuyển đổi số\n"
)
# a department under the province: the province is named only on the line above it
DEPT_HEADER = (
    "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ\nSỞ CÔNG THƯƠNG\nSố: 815/SCT-QLNL\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "Quảng Trị, ngày 02 tháng 3 năm 2026\nV/v an toàn điện\n"
)


def refs(body: str, header: str = HEADER) -> list[dict]:
    return process_text("t.txt", header + body, "docx", wrapped=False)["references"]


def one(body: str, header: str = HEADER) -> dict:
    found = refs(body, header)
    assert len(found) == 1, found
    return found[0]


def test_state_plan_with_date_and_issuer_after_cua():
    r = one("Căn cứ Kế hoạch số 1536/KH-UBND, ngày 17/5/2024 của UBND tỉnh về phát triển kinh tế số.")
    assert (r["doc_type"], r["identifier"], r["date"], r["relation"]) == ("Kế hoạch", "1536/KH-UBND", "2024-05-17", "basis")
    assert r["issuer"] == "Ủy ban nhân dân tỉnh Nghệ An"  # `UBND tỉnh` resolved to the document's province
    text = process_text("t.txt", HEADER + "Căn cứ Kế hoạch số 1536/KH-UBND.", "docx", False)["text"]
    assert "1536/KH-UBND" in text[r["start"]:r["end"]] or r["text"].startswith("Kế hoạch số 1536")


def test_decree_with_long_date_form():
    r = one("Căn cứ Nghị định số 47/2021/NĐ-CP ngày 01 tháng 4 năm 2021 của Chính phủ về doanh nghiệp;")
    assert (r["doc_type"], r["identifier"], r["date"], r["issuer"]) == ("Nghị định", "47/2021/NĐ-CP", "2021-04-01", "Chính phủ")


def test_party_plan_issuer_from_code():
    r = one("Thực hiện Kế hoạch số 44-KH/BDVTU, ngày 09/3/2023, Ban Dân vận xây dựng chương trình như sau:")
    assert (r["identifier"], r["date"], r["relation"]) == ("44-KH/BDVTU", "2023-03-09", "implements")
    assert r["issuer"] == "Ban Dân vận Tỉnh ủy"


def test_enumeration_of_numbers_sharing_a_code():
    found = refs("Quán triệt Quy định số 105, 106-QĐ/TW của Bộ Chính trị (khóa XII) về kiểm tra.")
    assert [r["identifier"] for r in found] == ["105-QĐ/TW", "106-QĐ/TW"]
    assert all(r["issuer"] == "Bộ Chính trị" and r["doc_type"] == "Quyết định" for r in found)


def test_enumeration_of_full_identifiers():
    found = refs("Theo các Công văn số 318/UBND-NN và 742/UBND-TH của Ủy ban nhân dân tỉnh.")
    assert [(r["doc_type"], r["identifier"]) for r in found] == [("Công văn", "318/UBND-NN"), ("Công văn", "742/UBND-TH")]
    assert found[0]["issuer"].startswith("Ủy ban nhân dân tỉnh")


def test_bare_letter_is_a_cong_van():
    r = one("Bộ Tài chính có Văn bản số 2716/BTC-NSNN đề nghị rà soát số liệu.")
    assert (r["doc_type"], r["identifier"], r["issuer"]) == ("Công văn", "2716/BTC-NSNN", "Bộ Tài chính")


def test_law_named_then_numbered():
    r = one("Căn cứ Luật Thủ đô số 39/2024/QH15 ngày 28 tháng 6 năm 2024;")
    assert (r["doc_type"], r["identifier"], r["date"], r["issuer"]) == ("Luật", "39/2024/QH15", "2024-06-28", "Quốc hội")


@pytest.mark.parametrize("written,normal", [
    ("671 /KH-UBND", "671/KH-UBND"),
    ("45/QÐ-UBND", "45/QĐ-UBND"),       # Ð (eth) lookalike
    ("45/QD-UBND", "45/QĐ-UBND"),       # OCR dropped the bar of Đ
    ("2290/SYT-\nNVY", "2290/SYT-NVY"),  # broken by a line wrap
    ("07- HD/TU", "07-HD/TU"),
    ("8/KH-UBND", "08/KH-UBND"),         # two-digit number
])
def test_damaged_identifiers_are_normalized(written, normal):
    r = one(f"Thực hiện Kế hoạch số {written} ngày 11/06/2025 của Ủy ban nhân dân tỉnh.")
    assert r["identifier"] == normal


@pytest.mark.parametrize("written,iso", [
    ("7/11/2022", "2022-11-07"), ("7-11-2022", "2022-11-07"), ("7.11.2022", "2022-11-07"),
    ("7 tháng 11 năm 2022", "2022-11-07"), ("03 tháng 02 năm 2022", "2022-02-03"),
])
def test_date_forms(written, iso):
    assert one(f"Căn cứ Chỉ thị số 09/CT-UBND ngày {written} của UBND tỉnh.")["date"] == iso


def test_date_and_issuer_stated_before_the_citation():
    r = one("Ngày 03/02/2026, Sở Tài chính có Công văn số 611/STC-QLG về việc thẩm định giá.")
    assert (r["date"], r["issuer"]) == ("2026-02-03", "Sở Tài chính")


def test_code_wins_over_the_word():
    assert one("Thực hiện Công văn số 77/HD-MTTQ ngày 04/8/2025.")["doc_type"] == "Hướng dẫn"
    # a refinement of the code's type keeps the word
    assert one("Thực hiện Chương trình hành động số 14-CTr/TU ngày 30/6/2021.")["doc_type"] == "Chương trình hành động"


def test_an_issuer_ends_where_its_name_ends():
    # a whole name (`Chính phủ`) then the sentence going on; `và` before a lower-case word that is no field's
    assert one("Căn cứ Nghị định số 112/2020/NĐ-CP ngày 18/9/2020 của Chính phủ nghị định về xử lý kỷ luật.")["issuer"] \
        == "Chính phủ"
    assert one("Chi từ kinh phí tại Quyết định số 25/QĐ-UBND ngày 08/12/2025 của UBND tỉnh và các nguồn kinh phí "
               "khác.")["issuer"].startswith("Ủy ban nhân dân tỉnh")
    assert one("Căn cứ Thông tư số 01/2025/TT-BLĐTBXH ngày 02/01/2025 của Bộ Lao động - Thương binh và xã hội.")[
        "issuer"].casefold().endswith("và xã hội")
    # a field's `và` before a capital the range `à-ỹ` also holds (`Đ`) goes on with the name
    assert one("Thực hiện Công văn số 4449/SGDĐT-TCCB ngày 02/10/2025 của Sở Giáo dục và Đào tạo.")["issuer"] \
        == "Sở Giáo dục và Đào tạo"
    # a Party resolution passed at a plenum is its Central Committee's
    r = one("Thực hiện Nghị quyết số 21-NQ/TW ngày 25/10/2017 của Hội nghị lần thứ sáu Ban Chấp hành Trung ương khóa XII.")
    assert r["issuer"].startswith("Ban Chấp hành Trung ương")
    # the day a law was passed, after its issuer, is the citation's date
    r = one("Căn cứ Nghị quyết số 202/2025/QH15 của Quốc hội thông qua ngày 12 tháng 6 năm 2025 về việc sắp xếp.")
    assert (r["issuer"], r["date"]) == ("Quốc hội", "2025-06-12")


def test_a_type_code_first_wins_over_the_letter_word():
    # `TTr` is the code of a Tờ trình (DATASET.md): the code wins even after `Công văn số`
    assert one("Xét Công văn số 52/TTr-KHTC ngày 09/01/2026 của Thanh tra tỉnh.")["doc_type"] == "Tờ trình"
    # a first code that is an issuer's and no type's keeps the letter
    assert one("Xét Công văn số 61/SNV-TCBC ngày 09/01/2026.")["doc_type"] == "Công văn"


def test_unnumbered_references_have_a_title():
    found = refs("Căn cứ Luật Đầu tư công ngày 29/11/2024; quán triệt Nghị quyết Đại hội XIV của Đảng.")
    titled = {r["title"]: r for r in found if r["identifier"] is None}
    assert "Luật Đầu tư công" in titled
    assert titled["Luật Đầu tư công"]["doc_type"] == "Luật"
    assert titled["Luật Đầu tư công"]["issuer"] == "Quốc hội"   # a law named without number is the Quốc hội's
    assert any(t.startswith("Nghị quyết Đại hội XIV") for t in titled)


def test_own_identifier_and_self_reference_are_not_references():
    found = refs("Kế hoạch này thay thế Kế hoạch số 2207/KH-UBND; các sở, ngành triển khai Kế hoạch này.")
    assert found == []


def test_relations_from_the_words_before():
    found = {r["identifier"]: r["relation"] for r in refs(
        "Căn cứ Nghị định số 47/2021/NĐ-CP ngày 01/4/2021 của Chính phủ;\n"
        "Quyết định này thay thế Quyết định số 316/QĐ-UBND ngày 12/3/2022 của UBND tỉnh.\n"
        "Bãi bỏ Quyết định số 29/QĐ-UBND ngày 06/01/2019.\n"
        "Sửa đổi, bổ sung Quyết định số 88/QĐ-UBND ngày 14/02/2020.\n"
        "Triển khai Kế hoạch số 153/KH-UBND ngày 20/3/2023.\n"
        "Thông tư số 03/2022/TT-BNV ngày 30/5/2022 được nhắc đến.")}
    assert found == {"47/2021/NĐ-CP": "basis", "316/QĐ-UBND": "replaces", "29/QĐ-UBND": "repeals",
                     "88/QĐ-UBND": "amends", "153/KH-UBND": "implements", "03/2022/TT-BNV": "mentions"}


def test_numbers_that_are_not_identifiers():
    assert refs("Phấn đấu 95% hồ sơ; vùng 2 - Nghệ An; ngày 02/9/2025; giai đoạn 2026 - 2030.") == []


def test_every_citation_keeps_its_span():
    body = "Căn cứ Kế hoạch số 153/KH-UBND ngày 20/3/2023.\nTriển khai Kế hoạch số 153/KH-UBND."
    rec = process_text("t.txt", HEADER + body, "docx", wrapped=False)
    (r,) = rec["references"]
    assert len(r["occurrences"]) == 2
    for start, end in r["occurrences"]:
        assert rec["text"][start:end].startswith("Kế hoạch số 153/KH-UBND")


# Issue 14: technical standards, other code shapes, issuers that end where the name ends.

def test_technical_standards_are_documents_of_no_known_type():
    found = refs("Thiết kế theo QCVN 07-5:2016/BXD và QCVN 02A:2021/BCT; vật liệu đạt TCVN 9386:2012.\n")
    assert [(r["doc_type"], r["identifier"], r["issuer"]) for r in found] == [
        ("Văn bản", "QCVN 07-5:2016/BXD", "Bộ Xây dựng"),
        ("Văn bản", "QCVN 02A:2021/BCT", "Bộ Công Thương"),
        ("Văn bản", "TCVN 9386:2012", None)]
    # the year and ministry inside a standard are not a letter `2021/BCT`
    assert all(not r["identifier"].startswith("20") for r in found)


@pytest.mark.parametrize("written,normal", [
    ("34.2/ĐLĐB", "34.2/ĐLĐB"),            # a dotted number
    ("58/KH-07", "58/KH-07"),              # a unit number after the codes
    ("19/2025CV-TKV", "19/2025CV-TKV"),    # a code glued to the year
    ("62/2023/TT-BTC3", "62/2023/TT-BTC"),  # a footnote mark glued to the issuer code
])
def test_dotted_digit_and_footnoted_codes(written, normal):
    assert one(f"Thực hiện văn bản số {written} ngày 10/10/2025.")["identifier"] == normal


def test_footnote_digits_stay_on_codes_that_carry_numbers():
    assert one("Căn cứ Luật số 56/2024/QH15 ngày 29/11/2024.")["identifier"] == "56/2024/QH15"
    assert one("Thực hiện Công văn số 904/BCA-V03 ngày 10/10/2025.")["identifier"] == "904/BCA-V03"


def test_a_party_number_with_a_space_for_its_hyphen():
    r = one("Tiếp tục thực hiện Kết luận 96 KL/TW ngày 17/5/2024 về đổi mới.")
    assert (r["identifier"], r["doc_type"], r["date"]) == ("96-KL/TW", "Kết luận", "2024-05-17")


def test_party_central_documents_cited_by_bare_number_and_body():
    found = refs("Lồng ghép nội dung Nghị quyết 71 và Kết luận 93 (khóa XIII) của Bộ Chính trị vào kế hoạch.")
    assert [(r["identifier"], r["doc_type"], r["issuer"]) for r in found] == [
        ("71-NQ/TW", "Nghị quyết", "Bộ Chính trị"), ("93-KL/TW", "Kết luận", "Bộ Chính trị")]
    # a bare number of a state body is no Party document
    assert refs("Thực hiện Nghị quyết 12 của Hội đồng nhân dân tỉnh.") == []


def test_issuer_stops_before_the_date_and_a_bracket():
    r = one("Thực hiện Nghị quyết số 12-NQ/TU của Tỉnh ủy Nghệ An ngày 20/12/2025 về chuyển đổi số.")
    assert (r["issuer"], r["date"]) == ("Tỉnh ủy Nghệ An", "2025-12-20")
    r = one("Căn cứ Quyết định số 704/QĐ-UBND ngày 02/4/2026 của UBND tỉnh (Sở Tài chính thẩm định).")
    assert r["issuer"] == "Ủy ban nhân dân tỉnh Nghệ An"


def test_issuer_stops_before_a_standard_cited_next():
    found = refs("Thi công theo Thông tư số 09/2024/TT-BXD ngày 30/8/2024 của Bộ Xây dựng và QCVN 02:2023/BXD.")
    assert [(r["identifier"], r["issuer"]) for r in found if r["doc_type"] == "Thông tư"] == [
        ("09/2024/TT-BXD", "Bộ Xây dựng")]


def test_capitalized_words_belong_to_the_issuers_name():
    r = one("Thực hiện Hướng dẫn số 18-HD/BTCTW ngày 03/5/2025 của Ban Tổ chức Trung ương về việc sắp xếp.")
    assert r["issuer"] == "Ban Tổ chức Trung ương"
    r = one("Căn cứ Quyết định số 41/QĐ-TTg ngày 05/01/2026 của Thủ tướng Chính phủ Ban hành danh mục.")
    assert r["issuer"] == "Thủ tướng Chính phủ"


def test_an_issuer_broken_over_two_lines():
    r = one("Căn cứ Quyết định số 366/QĐ-UBND ngày 18/02/2026 của Chủ tịch\nUBND tỉnh về việc giao chỉ tiêu.")
    assert r["issuer"] == "Chủ tịch Ủy ban nhân dân tỉnh Nghệ An"


def test_ubnd_tinh_takes_the_province_from_the_header_line_above_the_department():
    r = one("Thực hiện Công văn số 1190/UBND-CN ngày 20/02/2026 của UBND tỉnh về an toàn điện.", DEPT_HEADER)
    assert r["issuer"] == "Ủy ban nhân dân tỉnh Quảng Trị"


def test_the_citing_bodys_own_code_names_it():
    header = HEADER.replace("ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN", "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN\nTRUNG TÂM XÚC TIẾN ĐẦU TƯ").replace(
        "2207/KH-UBND", "91/TTXT-HCTH")
    r = one("Trung tâm đã có Công văn số 77/TTXT-HCTH ngày 09/3/2026 báo cáo kết quả.", header)
    assert r["issuer"] and r["issuer"].startswith("Trung tâm Xúc tiến")
    # a code every body of a level shares says nothing about which one
    assert one("Đã có Công văn số 77/UBND-TH ngày 09/3/2026.", DEPT_HEADER)["issuer"] != "Sở Công Thương"


def test_joint_documents_name_every_issuer():
    r = one("Thực hiện Chương trình phối hợp số 05/CTrPH-BCA-BYT ngày 11/02/2025 về phòng chống dịch.")
    assert r["issuer"] == "Bộ Công an, Bộ Y tế"


def test_an_issuer_is_shared_along_a_list_only_when_the_codes_agree():
    found = refs("Thực hiện Chỉ thị số 21-CT/TW, Quyết định số 912/QĐ-TTg ngày 06/8/2024 của Thủ tướng Chính phủ.")
    issuers = {r["identifier"]: r["issuer"] for r in found}
    assert issuers["912/QĐ-TTg"] == "Thủ tướng Chính phủ"
    assert issuers["21-CT/TW"] != "Thủ tướng Chính phủ"   # a Party code is no minister's
    found = refs("Thực hiện Kết luận số 31-KL/TW, Kết luận số 32-KL/TW ngày 11/3/2024 của Ban Bí thư.")
    assert {r["issuer"] for r in found} == {"Ban Bí thư"}   # the central bodies share the `/TW` code


# Relations (DATASET.md "references"): the cue that governs each citation.

BODY = "I. MỤC ĐÍCH, YÊU CẦU\nBảo đảm tiến độ chuyển đổi số.\nII. NHIỆM VỤ\n1. Công tác chỉ đạo\n"


def relations(body: str, header: str = HEADER) -> dict:
    return {r["identifier"] or r["title"]: r["relation"] for r in refs(body, header)}


def test_a_task_of_the_body_implements_what_it_carries_out():
    found = relations(BODY + "c) Khẩn trương thực hiện Quyết định số 947/QĐ-UBND ngày 30/10/2025 của Chủ tịch "
                             "UBND tỉnh về danh mục dịch vụ công trực tuyến.")
    assert found == {"947/QĐ-UBND": "implements"}


def test_carrying_out_that_is_only_watched_or_summed_up_is_a_mention():
    found = relations(BODY + "- Giám sát việc triển khai thực hiện Chỉ thị số 08-CT/TU, ngày 15/3/2022 của Ban "
                             "Thường vụ Tỉnh ủy về cải cách hành chính.\n"
                             "- Năm 2027, giúp Ban Thường vụ Tỉnh ủy sơ kết 5 năm thực hiện Quy định số "
                             "131, 132-QĐ/TW của Bộ Chính trị (khóa XIII).")
    assert found == {"08-CT/TU": "mentions", "131-QĐ/TW": "mentions", "132-QĐ/TW": "mentions"}


def test_a_citation_inside_another_ones_description_is_a_mention_and_lists_share_their_head():
    found = relations(BODY + (
        "Tích cực triển khai thực hiện có hiệu quả những nội dung tại Kế hoạch số 52-KH/BDVTU, "
        "ngày 02/6/2022 của Ban Dân vận Tỉnh ủy thực hiện Chương trình hành động số 11-CTr/TU, ngày 08/3/2022 "
        "của Ban Chấp hành Đảng bộ tỉnh thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XIX, nhiệm kỳ "
        "2020 - 2025; Kế hoạch số 61-KH/BDVTU, ngày 25/9/2022 của Ban Dân vận Tỉnh ủy về thực hiện Chương trình "
        "hành động số 04-CTr/BDVTW, ngày 11/5/2022 của Ban Dân vận Trung ương; đồng thời, triển khai thực hiện "
        "nghiêm Chương trình hành động số 27-CTr/TU, ngày 19/10/2022 của Tỉnh ủy."))
    assert {k: v for k, v in found.items() if "/" in k} == {
        "52-KH/BDVTU": "implements", "11-CTr/TU": "mentions", "61-KH/BDVTU": "implements",
        "04-CTr/BDVTW": "mentions", "27-CTr/TU": "implements"}


def test_citations_listed_after_the_first_share_its_cue():
    found = relations(BODY + (
        "Tham mưu thực hiện đầy đủ Nghị quyết số 35/2024/NQ-HĐND ngày 09/12/2024 của Hội đồng "
        "nhân dân tỉnh về chính sách hỗ trợ doanh nghiệp nhỏ và vừa và Nghị quyết số "
        "61/2025/NQ-HĐND ngày 10/7/2025 quy định mức chi tiếp khách.\n"))
    assert found == {"35/2024/NQ-HĐND": "implements", "61/2025/NQ-HĐND": "implements"}
    found = relations(
        "Thực hiện Nghị quyết số 1662/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội, theo đó "
        "nhập toàn bộ diện tích tự nhiên và quy mô dân số của các xã thành xã mới, Công văn 2031/BNV-CQĐP ngày "
        "20/6/2025 của Bộ Nội vụ về việc bàn giao hồ sơ địa giới.")
    assert found == {"1662/NQ-UBTVQH15": "implements", "2031/BNV-CQĐP": "implements"}
    # a standard's code holds a colon that ends no sentence, and the words naming it stand before its span
    found = relations(
        "Thực hiện Nghị định số 62/2025/NĐ-CP ngày 04/3/2025 của Chính phủ; Quy chuẩn kỹ thuật quốc gia "
        "QCVN 07:2023/BXD của Bộ Xây dựng; Công văn số 715/SXD-QLXD ngày 02/4/2026 của Sở Xây dựng, các xã "
        "rà soát hệ thống chiếu sáng công cộng.")
    assert found == {"62/2025/NĐ-CP": "implements", "QCVN 07:2023/BXD": "implements",
                     "715/SXD-QLXD": "implements"}


def test_a_listed_citation_after_a_law_named_in_a_description_shares_the_basis():
    found = relations(BODY + (
        "Sở Xây dựng đề xuất, căn cứ quy định Luật Nhà ở 2023, Nghị định số 95/2024/NĐ-CP ngày 24/7/2024 "
        "của Chính phủ quy định chi tiết khoản 3 Điều 57 của Luật Nhà ở, Quyết định số "
        "806/QĐ-BXD ngày 30/8/2024 của Bộ trưởng Bộ Xây dựng về việc ban hành quy trình.\n"))
    assert (found["95/2024/NĐ-CP"], found["806/QĐ-BXD"]) == ("basis", "basis")


def test_amending_or_replacing_done_by_another_document_or_only_proposed_is_a_mention():
    found = relations(
        "Sở Xây dựng đã tiếp nhận Văn bản số 4410/BXD-QLN ngày 02/10/2025 xin ý kiến các địa phương về "
        "dự thảo Thông tư thay thế Thông tư số 19/2016/TT-BXD ngày 30/6/2016 của Bộ Xây dựng.\n"
        "- Tại Nghị định số 15/2021/NĐ-CP ngày 03/3/2021 của Chính phủ (được sửa đổi bổ sung tại Nghị định "
        "số 35/2023/NĐ-CP ngày 20/6/2023 của Chính phủ) về quản lý dự án.\n"
        "Kiến nghị Bộ Tài chính nghiên cứu, sớm trình Chính phủ sửa đổi, bổ sung Nghị định số 60/2021/NĐ-CP ngày "
        "21/6/2021 của Chính phủ.")
    assert found == {"4410/BXD-QLN": "mentions", "19/2016/TT-BXD": "mentions", "15/2021/NĐ-CP": "mentions",
                     "35/2023/NĐ-CP": "mentions", "60/2021/NĐ-CP": "mentions"}


def test_an_article_replaces_and_the_list_after_it_too():
    found = relations(
        "Điều 1. Kiện toàn Ban Chỉ đạo.\nĐiều 2. Kể từ ngày ký, văn bản này thay thế "
        "Quyết định số 1215/QĐ-UBND ngày 07 tháng 5 năm 2019 của UBND tỉnh về kiện toàn "
        "Ban Chỉ đạo và Quyết định số 2003/QĐ-UBND ngày 14 tháng 9 năm 2021 của UBND tỉnh.")
    assert found == {"1215/QĐ-UBND": "replaces", "2003/QĐ-UBND": "replaces"}


def test_keeping_to_a_rule_is_not_carrying_it_out():
    found = relations(
        "Việc cấp đổi giấy chứng nhận được thực hiện theo Điều 9 Thông tư số 14/2023/TT-BTNMT ngày "
        "12/10/2023 do Bộ Tài nguyên và Môi trường ban hành.\n"
        "Người sử dụng đất được thực hiện hợp thửa khi đủ điều kiện theo quy định tại khoản 4 Điều 220 "
        "Nghị định số 101/2024/NĐ-CP ngày 29/7/2024 của Chính phủ.")
    assert found == {"14/2023/TT-BTNMT": "mentions", "101/2024/NĐ-CP": "mentions"}


def test_a_basis_far_before_a_main_clause_does_not_reach_a_later_citation():
    found = relations(BODY + (
        "Căn cứ các quy định nêu trên và ý kiến thống nhất của các sở, ngành đối với phương án sắp xếp trụ sở "
        "làm việc dôi dư, Sở Tài chính báo cáo để Ủy ban nhân dân tỉnh cho ý kiến theo Tờ trình số "
        "88/TTr-BQLDA ngày 14/10/2025 của Ban Quản lý dự án tỉnh.\n"))
    assert found == {"88/TTr-BQLDA": "mentions"}


def test_bullets_under_a_can_cu_line_are_bases_even_when_wrapped():
    found = relations(BODY + (
        "Đề nghị các hội nghề nghiệp của tỉnh, căn cứ quy định tại:\n"
        "- Công văn số 2245/MTTQ-BTT ngày 05/5/2025 của Ủy ban Trung ương\n"
        "Mặt trận Tổ quốc Việt Nam hướng dẫn hợp nhất các tổ chức hội;\n"
        "- Công văn số 414/LHH-VP ngày 21/5/2025 của Liên hiệp các Hội\n"
        "Khoa học và Kỹ thuật Việt Nam về việc kiện toàn tổ chức.\n"))
    assert found == {"2245/MTTQ-BTT": "basis", "414/LHH-VP": "basis"}


def test_a_provision_quoted_as_the_ground_is_a_basis():
    found = relations(BODY + (
        "2.1. Khoản 4 Điều 12 Quyết định số 612/QĐ-BYT ngày 09/3/2022 của Bộ Y tế về việc ban hành Điều "
        "lệ Hội Dược học (sau đây gọi là Điều lệ) có quy định: “Hội nghị thường niên do Ban Chấp hành "
        "triệu tập mỗi năm một lần”.\n"))
    assert found == {"612/QĐ-BYT": "basis"}


def test_what_the_document_says_for_itself_outranks_its_body():
    body = ("Thực hiện Công văn số 2780/BYT-KCB ngày 16/5/2025 của Bộ Y tế, Sở Y tế hướng dẫn như sau:\n"
            "1. Về tổ chức khám sàng lọc\n"
            "Các bệnh viện thống nhất quy trình, căn cứ theo nội dung chỉ đạo của Công văn số 2611/BYT-KCB "
            "ngày 08/5/2025 của Bộ Y tế “V/v tăng cường khám sàng lọc cho học sinh khi tựu trường” và Công "
            "văn số 2780/BYT-KCB ngày 16/5/2025 của Bộ Y tế.\n")
    assert relations(body) == {"2780/BYT-KCB": "implements", "2611/BYT-KCB": "basis"}


def test_as_requested_by_a_letter_implements_it():
    # `theo yêu cầu tại|của …`: the document does what the cited one asks
    found = relations(
        "Sở Xây dựng nhận được Công văn số 3309/BXD-KTXD ngày 12/8/2025 của Bộ Xây dựng về việc rà soát định "
        "mức.\nTheo yêu cầu tại Công văn số 3309/BXD-KTXD nêu trên, Sở Xây dựng đề nghị các chủ đầu tư báo cáo.")
    assert found == {"3309/BXD-KTXD": "implements"}
    found = relations("Theo chỉ đạo của Ủy ban nhân dân tỉnh tại Công văn số 512/UBND-KT ngày 04/3/2026, "
                      "các sở rà soát danh mục.")
    assert found == {"512/UBND-KT": "implements"}
    # a request named without its letter is no cue: receiving a letter only mentions it
    assert relations("Sở Xây dựng nhận được Công văn số 3309/BXD-KTXD ngày 12/8/2025 của Bộ Xây dựng "
                     "về việc rà soát định mức.") == {"3309/BXD-KTXD": "mentions"}


def test_the_proposers_name_may_hold_commas():
    r = one("Theo đề nghị của Chủ tịch Hội đồng thẩm định, xếp hạng di tích tỉnh tại Tờ trình số "
            "17/TTr-HĐTĐ ngày 05/3/2026.")
    assert r["issuer"].startswith("Chủ tịch Hội đồng thẩm định, xếp hạng di tích tỉnh")


def test_a_conjunction_where_a_line_broke_is_not_part_of_the_issuer():
    found = refs("Thực hiện Quyết định số 64/QĐ-TTg ngày 13/01/2026 của Thủ tướng Chính phủ và\n"
                 "Hướng dẫn số 22/HD-BYT ngày 05/02/2026 của Bộ Y tế, Ủy ban nhân dân thành phố báo cáo.")
    assert [(r["identifier"], r["issuer"], r["relation"]) for r in found] == [
        ("64/QĐ-TTg", "Thủ tướng Chính phủ", "implements"), ("22/HD-BYT", "Bộ Y tế", "implements")]


# Issue 14, held-out classes (sentences invented).
PARTY_HEADER = ("ĐẢNG BỘ TỈNH HÀ GIANG\nBAN THƯỜNG VỤ TỈNH ỦY\n*\nSố 88-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
                "Hà Giang, ngày 20 tháng 01 năm 2026\nKẾ HOẠCH\nthực hiện nhiệm vụ năm 2026\n")


def test_an_issuers_term_session_or_year_is_no_part_of_its_name():
    found = refs("Thực hiện Nghị quyết số 27/NQ-HĐND ngày 9/12/2025 của HĐND tỉnh khóa XIX, kỳ họp thứ 31; "
                 "Kế hoạch số 15/KH-UBND của UBND tỉnh năm 2026 về chuyển đổi số; Quyết định số 301/QĐ-UBND của "
                 "UBND tỉnh Nghệ An nhiệm kỳ 2021 - 2026.")
    assert [r["issuer"] for r in found] == ["Hội đồng nhân dân tỉnh Nghệ An"] + ["Ủy ban nhân dân tỉnh Nghệ An"] * 2
    r = one("Thực hiện Nghị quyết số 39-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XIII về nguồn nhân lực.", PARTY_HEADER)
    assert r["issuer"] == "Ban Chấp hành Trung ương Đảng"


def test_standards_with_a_hyphenated_year_or_an_adopted_iso_number():
    found = refs("Yêu cầu áp dụng TCVN 4054-2005, TCVN ISO 14001:2015 và QCVN 07-5:2016/BXD khi thiết kế.", DEPT_HEADER)
    assert [(r["doc_type"], r["identifier"]) for r in found] == [
        ("Văn bản", "TCVN 4054-2005"), ("Văn bản", "TCVN ISO 14001:2015"), ("Văn bản", "QCVN 07-5:2016/BXD")]
    assert found[2]["issuer"] == "Bộ Xây dựng"


def test_dotted_codes_and_a_units_code_in_brackets_are_part_of_the_number():
    found = refs("Xét đề nghị của Công an tỉnh tại Tờ trình số 233/TTr-CAT(PV01) ngày 5/2/2026; Quyết định số "
                 "712/QĐ-CT.UB ngày 14/6/2004 của Chủ tịch UBND tỉnh; Thông báo số 41/TB-STP.KTVB ngày 3/3/2026.")
    assert [r["identifier"] for r in found] == ["233/TTr-CAT(PV01)", "712/QĐ-CT.UB", "41/TB-STP.KTVB"]
    assert [r["date"] for r in found] == ["2026-02-05", "2004-06-14", "2026-03-03"]
    assert found[2]["issuer"] == "Sở Tư pháp"
    # a full stop with no space before the next sentence is no dotted code
    assert one("Căn cứ Quyết định số 19/QĐ-UBND.Theo đó các sở thực hiện.")["identifier"] == "19/QĐ-UBND"


def test_a_law_cited_by_name_and_by_name_and_number_is_one_reference():
    found = refs("Căn cứ Luật Điện lực năm 2024; Luật Điện lực số 61/2024/QH15 ngày 30/11/2024; "
                 "Luật Phòng, chống thiên tai và Luật phòng chống thiên tai.")
    assert [(r["identifier"], r["title"]) for r in found] == [
        ("61/2024/QH15", "Luật Điện lực"), (None, "Luật Phòng, chống thiên tai")]
    assert found[0]["date"] == "2024-11-30" and len(found[0]["occurrences"]) == 2


def test_a_thousands_dot_in_a_number_is_no_dotted_code():
    assert one("Căn cứ Quyết định số 2.318/QĐ-UBND ngày 4/11/2025 của UBND tỉnh.")["identifier"] == "2318/QĐ-UBND"
    assert one("Thực hiện Công văn số 14.2/ĐLNA-KT ngày 4/01/2026.", DEPT_HEADER)["identifier"] == "14.2/ĐLNA-KT"


def test_an_issuer_whose_field_holds_a_comma_is_read_whole():
    found = refs("Thực hiện Kế hoạch số 07/KH-BCĐ ngày 6/1/2026 của Ban Chỉ đạo phòng, chống tham nhũng, tiêu cực tỉnh; "
                 "Công văn số 41/SVHTTDL-QLDL ngày 8/1/2026 của Sở Văn hóa, Thể thao và Du lịch về mùa lễ hội.")
    assert [r["issuer"] for r in found] == ["Ban Chỉ đạo phòng, chống tham nhũng, tiêu cực tỉnh Nghệ An",
                                           "Sở Văn hóa, Thể thao và Du lịch"]
    r = one("Thực hiện Thông báo số 12-TB/TU ngày 9/01/2026 của đồng chí Bí thư Tỉnh ủy.", PARTY_HEADER)
    assert r["issuer"] == "Bí thư Tỉnh ủy"
    r = one("Căn cứ Quyết định số 905/QĐ-UBND ngày 2/10/2025 của UBND tỉnh ủy quyền Giám đốc Sở Tài chính phê duyệt.")
    assert r["issuer"] == "Ủy ban nhân dân tỉnh Nghệ An"


def test_a_standards_year_is_never_read_as_a_number_of_its_own():
    found = refs("Thực hiện đúng QCVN QTĐ-6:2009/BCT, QCVN QTĐ 7:2009/BCT, QCVN 05/2020/BCT và quy chuẩn 01:2021/BCT.",
                 DEPT_HEADER)
    assert [(r["doc_type"], r["identifier"]) for r in found] == [
        ("Văn bản", "QCVN QTĐ-6:2009/BCT"), ("Văn bản", "QCVN QTĐ-7:2009/BCT"), ("Văn bản", "QCVN 05:2020/BCT"),
        ("Văn bản", "QCVN 01:2021/BCT")]
    assert not any(r["doc_type"] == "Công văn" for r in found)


def test_a_footnote_digit_after_a_code_of_letters_and_more_issuer_codes():
    found = refs("Thực hiện Thông báo số 31/TB-VPUBND1 ngày 6/1/2026; Công văn số 52/BHXH-TST2 ngày 7/1/2026; Công văn số "
                 "66/BCA-V01 ngày 8/1/2026; Kế hoạch số 17/KH-BCĐ389 ngày 9/1/2026.", DEPT_HEADER)
    assert [r["identifier"] for r in found] == ["31/TB-VPUBND", "52/BHXH-TST", "66/BCA-V01", "17/KH-BCĐ389"]
    assert [r["issuer"] for r in found[:3]] == ["Văn phòng Ủy ban nhân dân", "Bảo hiểm xã hội", "Bộ Công an"]


def test_a_division_s_number_written_every_time_is_no_footnote():
    """`847/UBND-VX1` in the text and again in the attachment's line: a footnote is marked once, the division's number
    (`VX1`) every time the document writes the number."""
    found = refs("Ủy ban nhân dân tỉnh nhận được Công văn số 847/UBND-VX1 ngày 22/3/2026 của UBND tỉnh Quảng Ninh về "
                 "tuyên truyền.\n(Đính kèm Công văn số 847/UBND-VX1 ngày 22/3/2026)\n", DEPT_HEADER)
    assert {r["identifier"] for r in found} == {"847/UBND-VX1"}


COMMUNE_HEADER = ("ỦY BAN NHÂN DÂN\nXÃ KIM SƠN\nSố: 21/BC-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                  "Độc lập - Tự do - Hạnh phúc\nKim Sơn, ngày 5 tháng 2 năm 2026\nBÁO CÁO\nKết quả công tác tháng 01\n")


def test_a_bare_ubnd_tinh_in_a_communes_document_is_the_one_province_it_names():
    body = ("Thực hiện Kế hoạch số 140/KH-UBND ngày 6/1/2026 của UBND tỉnh về chuyển đổi số.\n"
            "Nơi nhận:\n- UBND tỉnh Phú Thọ (b/c);\n- Lưu: VT.\n")
    assert one(body, COMMUNE_HEADER)["issuer"] == "Ủy ban nhân dân tỉnh Phú Thọ"
    # two provinces named: which one is meant is not known
    body = body.replace("về chuyển đổi số", "về hợp tác với tỉnh Tuyên Quang")
    assert one(body, COMMUNE_HEADER)["issuer"] == "Ủy ban nhân dân tỉnh"


def test_a_forms_number_is_no_document():
    got = refs("1. Lập biên bản hội nghị (Mẫu số 05/HNBC) gửi kèm Công văn số 88/UBND-NC ngày 02/3/2026.\n"
               "2. Báo cáo theo mẫu 02/BC-SNV; Biểu số 01/TKDS.\n")
    assert [r["identifier"] for r in got] == ["88/UBND-NC"]


def test_a_law_cited_by_name_takes_the_day_it_was_passed_as_its_date():
    found = refs("Căn cứ Luật Quy hoạch đô thị và nông thôn ngày 26 tháng 11 năm 2024; Bộ luật Dân sự ngày 24/11/2015.")
    assert [(r["title"], r["date"]) for r in found] == [("Luật Quy hoạch đô thị và nông thôn", "2024-11-26"),
                                                        ("Bộ luật Dân sự", "2015-11-24")]


def test_the_constitution_is_cited_by_its_state_or_its_year_not_when_only_obeyed():
    """`Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam` opens many decisions' grounds: the rest of its name is
    in lower case, which the pattern of laws' names (a capital after the type) did not take; `tuân thủ Hiến pháp và
    pháp luật` names no document."""
    got = refs("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\nCăn cứ Luật Đất đai ngày 18/01/2024;\n")
    assert [(r["doc_type"], r["issuer"], r["relation"]) for r in got if r["doc_type"] == "Hiến pháp"] == \
        [("Hiến pháp", "Quốc hội", "basis")]
    assert refs("Căn cứ Hiến pháp năm 2013;\n")[0]["doc_type"] == "Hiến pháp"
    assert [r for r in refs("Cán bộ phải tuân thủ Hiến pháp và pháp luật.\n") if r["doc_type"] == "Hiến pháp"] == []


def test_a_footnote_mark_glued_to_the_number_keeps_the_date_and_the_issuer():
    """`Quyết định số 11/2026/QĐ-UBND(1) ngày 05/01/2026 của UBND tỉnh`: the footnote's mark stands between the number
    and what follows it; the citation still has its date and its issuer."""
    got = refs("Căn cứ Quyết định số 11/2026/QĐ-UBND(1) ngày 05/01/2026 của Ủy ban nhân dân tỉnh;\n"
               "Căn cứ Nghị định số 15/2025/NĐ-CP[2] của Chính phủ;\n")
    by_id = {r["identifier"]: r for r in got}
    assert by_id["11/2026/QĐ-UBND"]["date"] == "2026-01-05"
    assert by_id["11/2026/QĐ-UBND"]["issuer"].startswith("Ủy ban nhân dân tỉnh")
    assert by_id["15/2025/NĐ-CP"]["issuer"] == "Chính phủ"
