"""Referenced documents: every citation form of issue 3, on real sentences."""
import pytest

from pipeline.run.process import process_text

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


# Relations (DATASET.md "references"): the cue that governs each citation, on sentences of the dev corpus.

BODY = "I. MỤC ĐÍCH, YÊU CẦU\nNâng cao chất lượng công tác.\nII. NHIỆM VỤ\n1. Công tác chỉ đạo\n"


def relations(body: str, header: str = HEADER) -> dict:
    return {r["identifier"] or r["title"]: r["relation"] for r in refs(body, header)}


def test_a_task_of_the_body_implements_what_it_carries_out():
    found = relations(BODY + "b) Tập trung thực hiện Quyết định số 787/QĐ-UBND ngày 25/9/2025 của Chủ tịch "
                             "UBND tỉnh về việc công bố danh mục thủ tục hành chính.")
    assert found == {"787/QĐ-UBND": "implements"}


def test_carrying_out_that_is_only_watched_or_summed_up_is_a_mention():
    found = relations(BODY + "- Theo dõi việc triển khai thực hiện Chỉ thị số 11-CT/TU, ngày 07/9/2021 của Ban "
                             "Thường vụ Tỉnh ủy về tăng cường công tác dân vận.\n"
                             "- Năm 2023, tham mưu Ban Thường vụ Tỉnh ủy tổng kết 10 năm thực hiện Quyết định số "
                             "217, 218-QĐ/TW của Bộ Chính trị (khóa XI).")
    assert found == {"11-CT/TU": "mentions", "217-QĐ/TW": "mentions", "218-QĐ/TW": "mentions"}


def test_a_citation_inside_another_ones_description_is_a_mention_and_lists_share_their_head():
    found = relations(BODY + (
        "Chủ động tham mưu triển khai thực hiện có hiệu quả các nhiệm vụ được nêu tại Kế hoạch số 21-KH/BDVTU, "
        "ngày 28/4/2021 của Ban Dân vận Tỉnh ủy thực hiện Chương trình hành động số 06-CTr/TU, ngày 22/01/2021 "
        "của Ban Chấp hành Đảng bộ tỉnh thực hiện Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XIV, nhiệm kỳ "
        "2020 - 2025; Kế hoạch số 30-KH/BDVTU, ngày 19/8/2021 của Ban Dân vận Tỉnh ủy về thực hiện Chương trình "
        "hành động số 01-CTr/BDVTW, ngày 17/6/2021 của Ban Dân vận Trung ương; đồng thời, triển khai thực hiện "
        "tốt Chương trình hành động số 16-CTr/TU, ngày 10/08/2021 của Tỉnh ủy."))
    assert {k: v for k, v in found.items() if "/" in k} == {
        "21-KH/BDVTU": "implements", "06-CTr/TU": "mentions", "30-KH/BDVTU": "implements",
        "01-CTr/BDVTW": "mentions", "16-CTr/TU": "implements"}


def test_citations_listed_after_the_first_share_its_cue():
    found = relations(BODY + (
        "Tham mưu triển khai thực hiện hiệu quả Nghị quyết số 201/2023/NQ-HĐND ngày 12/7/2023 của Hội đồng "
        "nhân dân tỉnh về quy định một số chế độ đối với người cai nghiện ma túy và Nghị quyết số "
        "420/2025/NQ-HĐND của Hội đồng nhân dân tỉnh Lâm Đồng về quy định mức hỗ trợ.\n"))
    assert found == {"201/2023/NQ-HĐND": "implements", "420/2025/NQ-HĐND": "implements"}
    found = relations(
        "Thực hiện Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội nước Cộng hòa xã hội chủ nghĩa "
        "Việt Nam, theo đó sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của tỉnh Đắk Nông, tỉnh Bình "
        "Thuận và tỉnh Lâm Đồng (cũ) thành tỉnh mới có tên gọi là tỉnh Lâm Đồng, Công văn 3917/BTP-BTTP ngày "
        "01/7/2025 của Bộ tư pháp về việc hợp nhất TCXH - NN của công chứng viên.")
    assert found == {"202/2025/QH15": "implements", "3917/BTP-BTTP": "implements"}


def test_a_listed_citation_after_a_law_named_in_a_description_shares_the_basis():
    found = relations(BODY + (
        "Sở Tư pháp đề xuất, căn cứ quy định Luật Công chứng 2024, Nghị định số 104/2025/NĐ-CP ngày 15/5/2025 "
        "của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Công chứng, Quyết định số "
        "1178/QĐ-BTP ngày 28/6/2023 của Bộ trưởng Bộ Tư pháp về việc phê duyệt Điều lệ Hiệp hội.\n"))
    assert (found["104/2025/NĐ-CP"], found["1178/QĐ-BTP"]) == ("basis", "basis")


def test_amending_or_replacing_done_by_another_document_or_only_proposed_is_a_mention():
    found = relations(
        "Ủy ban nhân dân tỉnh nhận được Công văn số 1127/BTC-CST ngày 24/01/2025 về việc tham gia ý kiến về "
        "dự thảo Thông tư thay thế Thông tư số 244/2016/TT-BTC ngày 11/11/2016 của Bộ Tài chính.\n"
        "- Tại Nghị định số 93/2019/NĐ-CP ngày 25/11/2019 của Chính phủ (được sửa đổi bổ sung tại Nghị định "
        "số 136/2024/NĐ-CP ngày 23/10/2024 của Chính phủ) về tổ chức quỹ.\n"
        "Đề nghị Bộ Nội vụ xem xét, sớm trình Chính phủ sửa đổi, bổ sung Nghị định số 126/2024/NĐ-CP ngày "
        "08/10/2024 của Chính phủ.")
    assert found == {"1127/BTC-CST": "mentions", "244/2016/TT-BTC": "mentions", "93/2019/NĐ-CP": "mentions",
                     "136/2024/NĐ-CP": "mentions", "126/2024/NĐ-CP": "mentions"}


def test_an_article_replaces_and_the_list_after_it_too():
    found = relations(
        "Điều 1. Thành lập Hội đồng.\nĐiều 2. Quyết định này có hiệu lực kể từ ngày ký ban hành và thay thế "
        "Quyết định số 385/QĐ-UBND ngày 18 tháng 02 năm 2003 của Chủ tịch Ủy ban nhân dân tỉnh về công nhận "
        "Điều lệ Hiệp hội và Quyết định số 1366/QĐ-UBND ngày 23 tháng 6 năm 2011 của Chủ tịch Ủy ban nhân dân tỉnh.")
    assert found == {"385/QĐ-UBND": "replaces", "1366/QĐ-UBND": "replaces"}


def test_keeping_to_a_rule_is_not_carrying_it_out():
    found = relations(
        "Việc chỉnh lý hồ sơ địa chính được thực hiện theo khoản 3 Điều 5 Thông tư số 24/2014/TT-BTNMT ngày "
        "19/4/2014 của Bộ Tài nguyên và Môi trường.\n"
        "Văn phòng Đăng ký đất đai có trách nhiệm thực hiện việc đo đạc địa chính để thực hiện chia tách thửa "
        "đất theo quy định tại điểm a khoản 2 Điều 75 Nghị định số 43/2014/NĐ-CP ngày 15/5/2014 của Chính phủ.")
    assert found == {"24/2014/TT-BTNMT": "mentions", "43/2014/NĐ-CP": "mentions"}


def test_a_basis_far_before_a_main_clause_does_not_reach_a_later_citation():
    found = relations(BODY + (
        "Căn cứ quy định nêu trên, ý kiến của Sở Nội vụ đối với Đề án tổ chức Đại hội hợp nhất Hội Công chứng "
        "viên tỉnh, Sở Tư pháp kính trình Ủy ban nhân dân tỉnh xem xét phê duyệt Đề án theo Tờ trình số "
        "59/TTr-HCCV ngày 28/11/2025 của Hội Công chứng viên tỉnh Lâm Đồng.\n"))
    assert found == {"59/TTr-HCCV": "mentions"}


def test_bullets_under_a_can_cu_line_are_bases_even_when_wrapped():
    found = relations(BODY + (
        "Đề nghị các Ban Chủ nhiệm các Đoàn Luật sư, căn cứ quy định tại:\n"
        "- Công văn số 1018/MTTQ-BTT ngày 13/6/2025 của Ủy ban Trung ương\n"
        "Mặt trận Tổ quốc Việt Nam triển khai thực hiện sắp xếp Mặt trận tổ quốc;\n"
        "- Công văn số 358/LĐLSVN-BTV ngày 16/7/2025 của Liên Đoàn Luật sư\n"
        "Việt Nam về việc hướng dẫn các Đoàn Luật sư thực hiện hợp nhất.\n"))
    assert found == {"1018/MTTQ-BTT": "basis", "358/LĐLSVN-BTV": "basis"}


def test_a_provision_quoted_as_the_ground_is_a_basis():
    found = relations(BODY + (
        "1.1. Khoản 2 Điều 18 Quyết định số 1178/QĐ-BTP ngày 28/6/2023 của Bộ Tư pháp về việc phê duyệt Điều "
        "lệ Hiệp hội công chứng viên Việt Nam (sau đây gọi tắt Điều lệ Hiệp hội) có quy định: “Đại hội Hội "
        "công chứng viên được tổ chức theo hình thức Đại hội toàn thể”.\n"))
    assert found == {"1178/QĐ-BTP": "basis"}


def test_what_the_document_says_for_itself_outranks_its_body():
    body = ("Thực hiện Công văn số 3944/BTP-BTTP ngày 02/7/2025 của Bộ Tư pháp, Ban Thường vụ hướng dẫn như sau:\n"
            "1. Tên gọi Đại hội\n"
            "Hiệp hội đề nghị thống nhất tên gọi, căn cứ theo tinh thần hướng dẫn của Công văn số 3917/BTP-BTTP "
            "ngày 01/7/2025 của Bộ Tư pháp “V/v hợp nhất TCXH-NN của công chứng viên, luật sư khi thực hiện hợp "
            "nhất địa giới hành chính” và Công văn số 3944/BTP-BTTP ngày 02/7/2025 của Bộ Tư pháp.\n")
    assert relations(body) == {"3944/BTP-BTTP": "implements", "3917/BTP-BTTP": "basis"}


def test_as_requested_by_a_letter_implements_it():
    found = relations(
        "Ủy ban nhân dân tỉnh nhận được Công văn số 5240/BCA-V01 ngày 23/11/2025 của Bộ Công an về việc báo "
        "cáo tổng kết công tác phòng, chống ma túy năm 2025.\nChủ tịch Ủy ban nhân dân tỉnh giao Công an tỉnh "
        "tổng hợp, xây dựng báo cáo tổng kết theo yêu cầu và đề cương đính kèm Công văn số 5240/BCA-V01 "
        "ngày 23/11/2025 nêu trên.")
    assert found == {"5240/BCA-V01": "implements"}
    assert relations("Ủy ban nhân dân tỉnh nhận được Công văn số 5240/BCA-V01 ngày 23/11/2025 của Bộ Công an "
                     "về việc báo cáo tổng kết.") == {"5240/BCA-V01": "mentions"}


def test_a_conjunction_where_a_line_broke_is_not_part_of_the_issuer():
    found = refs("Thực hiện Quyết định số 28/QĐ-TTg ngày 24/8/2025 của Thủ tướng Chính phủ và\n"
                 "Hướng dẫn số 37/HD-BCA ngày 24/9/2025 của Bộ Công an, Ủy ban nhân dân thành phố báo cáo.")
    assert [(r["identifier"], r["issuer"], r["relation"]) for r in found] == [
        ("28/QĐ-TTg", "Thủ tướng Chính phủ", "implements"), ("37/HD-BCA", "Bộ Công an", "implements")]
