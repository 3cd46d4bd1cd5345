"""Bodies and roles from the rules: clause structure, lists, headings, recipients, names."""
import os

import pytest

from pipeline.resolve.bodies import body_key, distinct_bodies
from pipeline.run.process import process_text

PLAN = """ỦY BAN NHÂN DÂN
TỈNH LÂM ĐỒNG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/KH-UBND
Lâm Đồng, ngày 05 tháng 01 năm 2025
KẾ HOẠCH
Triển khai công tác cải cách hành chính năm 2025
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao chất lượng phục vụ người dân.
II. TỔ CHỨC THỰC HIỆN
1. Giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính, Sở Tư pháp và UBND các xã, phường triển khai Kế hoạch này.
2. Sở Y tế
a) Tham mưu Ủy ban nhân dân tỉnh chỉ đạo công tác y tế cơ sở.
b) Theo dõi, đôn đốc các cơ sở y tế thực hiện.
3. Các sở, ban, ngành báo cáo kết quả về Ủy ban nhân dân tỉnh (qua Sở Nội vụ) trước ngày 15/12/2025.
Nơi nhận:
- Thường trực Tỉnh ủy;
- Chủ tịch, các PCT UBND tỉnh;
- Sở Khoa học và Công nghệ;
- Lưu: VT, NC.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn A
"""


@pytest.fixture(scope="module")
def rules_bodies():
    old = os.environ.get("VANBAN_BODIES")
    os.environ["VANBAN_BODIES"] = "rules"
    try:
        rec = process_text("plan.txt", PLAN)
    finally:
        if old is None:
            os.environ.pop("VANBAN_BODIES")
        else:
            os.environ["VANBAN_BODIES"] = old
    return rec["bodies"]


def roles_of(items, written):
    return {b["role"] for b in items if b["name_as_written"] == written}


def test_object_and_subject_roles(rules_bodies):
    assert roles_of(rules_bodies, "Sở Nội vụ") >= {"lead", "report_to"}
    assert roles_of(rules_bodies, "Sở Tài chính") == {"coordinate"}
    assert roles_of(rules_bodies, "Sở Tư pháp") == {"coordinate"}
    assert "coordinate" in roles_of(rules_bodies, "UBND các xã, phường")


def test_heading_body_takes_the_verbs_below_it(rules_bodies):
    assert roles_of(rules_bodies, "Sở Y tế") >= {"lead", "advise", "monitor"}


def test_report_to_and_collectives(rules_bodies):
    assert "report_to" in roles_of(rules_bodies, "Ủy ban nhân dân tỉnh")
    assert "lead" in roles_of(rules_bodies, "Các sở, ban, ngành")


def test_recipients_skip_people_and_archive(rules_bodies):
    rec = {b["name"] for b in rules_bodies if b["role"] == "recipient"}
    assert rec == {"Thường trực Tỉnh ủy Lâm Đồng", "Sở Khoa học và Công nghệ"}


def test_canonical_name_and_jurisdiction(rules_bodies):
    b = next(b for b in rules_bodies if b["name_as_written"] == "UBND các xã, phường")
    assert b["name"] == "Ủy ban nhân dân các xã, phường"
    r = next(b for b in rules_bodies if b["name_as_written"] == "Ủy ban nhân dân tỉnh")
    assert r["name"] == "Ủy ban nhân dân tỉnh Lâm Đồng"
    for b in rules_bodies:
        assert 0 <= b["start"] < b["end"] <= len(PLAN)


def test_issuer_is_not_given_its_own_task(rules_bodies):
    # the issuer (UBND tỉnh Lâm Đồng) appears only as the body reported to
    assert roles_of(rules_bodies, "Ủy ban nhân dân tỉnh") == {"report_to"}


def test_distinct_bodies_groups_variants():
    rows = [
        {"source": "a", "name": "Ủy ban nhân dân tỉnh Lâm Đồng", "name_as_written": "UBND tỉnh", "role": "lead"},
        {"source": "b", "name": "Ủy ban nhân dân  tỉnh Lâm Đồng", "name_as_written": "Ủy ban nhân dân tỉnh", "role": "report_to"},
        {"source": "b", "name": "Sở Nội vụ", "name_as_written": "Sở Nội vụ", "role": "lead"},
    ]
    out = {r["body_key"]: r for r in distinct_bodies(rows)}
    ub = out[body_key("Ủy ban nhân dân tỉnh Lâm Đồng")]
    assert ub["count"] == 2 and ub["n_documents"] == 2
    assert set(ub["variants"]) == {"UBND tỉnh", "Ủy ban nhân dân tỉnh"}
    assert set(ub["roles"]) == {"lead", "report_to"}
    assert out["sở nội vụ"]["documents"] == ["b"]


def _rules(text):
    old = os.environ.get("VANBAN_BODIES")
    os.environ["VANBAN_BODIES"] = "rules"
    try:
        return process_text("t.txt", text)["bodies"]
    finally:
        if old is None:
            os.environ.pop("VANBAN_BODIES")
        else:
            os.environ["VANBAN_BODIES"] = old


def test_names_listed_with_semicolons_share_the_next_verb():
    text = PLAN.replace("3. Các sở, ban, ngành báo cáo", "3. Ban Tuyên giáo Tỉnh ủy; Báo Lâm Đồng và Đài Phát thanh - Truyền hình tỉnh xây dựng chuyên mục.\n4. Các sở, ban, ngành báo cáo")
    got = _rules(text)
    assert roles_of(got, "Ban Tuyên giáo Tỉnh ủy") == {"lead"}
    assert roles_of(got, "Báo Lâm Đồng") == {"lead"}


def test_social_organizations_relative_bodies_and_numbered_boards():
    text = PLAN.replace("3. Các sở, ban, ngành báo cáo", "3. Các đoàn thể chính trị - xã hội tỉnh chỉ đạo tổng kết, gửi báo cáo Ban Thường vụ cấp ủy cùng cấp.\n4. Giao Ban Quản lý dự án đầu tư xây dựng số 1 chủ trì thi công.\n5. Các sở, ban, ngành báo cáo")
    got = _rules(text)
    names = {b["name"] for b in got}
    assert "các đoàn thể chính trị - xã hội tỉnh Lâm Đồng" in {n for n in names} or any(n.startswith("Các đoàn thể chính trị - xã hội tỉnh") for n in names)
    assert not any("cấp ủy" in n for n in names)
    assert roles_of(got, "Ban Quản lý dự án đầu tư xây dựng số 1") == {"lead"}


def test_issuer_of_a_cited_act_across_a_line_break_is_not_a_body():
    text = PLAN.replace("1. Nâng cao chất lượng phục vụ người dân.", "Căn cứ Quyết định số 1203/QĐ-UBND ngày 14/3/2025 của Chủ tịch\nUBND tỉnh về việc thí điểm các mô hình; theo đề nghị của Sở Tư pháp.")
    got = _rules(text)
    assert not any(b["role"] in ("lead", "monitor") and b["name"].startswith("Ủy ban nhân dân tỉnh") for b in got)
    assert "advise" in roles_of(got, "Sở Tư pháp")


# ------------------------------------------------------------------ names, lists and clauses of real documents

def _body_of(text):
    """A decision of the Lâm Đồng UBND whose articles and Nơi nhận are `text`."""
    head = PLAN.split("I. MỤC ĐÍCH")[0].replace("KẾ HOẠCH", "QUYẾT ĐỊNH")
    return _rules(head + text + "\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn A\n")


def roles_by_name(items, name):
    return {b["role"] for b in items if b["name"] == name}


def test_abbreviated_front_and_capitalised_federation_in_recipients():
    got = _body_of("Điều 1. Cho phép tổ chức giải đấu.\nNơi nhận:\n- Bộ Công Thương;\n- Liên Đoàn Cầu lông Việt Nam;\n"
                   "- UBMTTQVN tỉnh;\n- Cục QLTT - Bộ Công Thương;\n- Trang TTĐT Sở Y tế;\n- Lưu: VT, NC.")
    rec = {b["name"] for b in got if b["role"] == "recipient"}
    assert {"Liên Đoàn Cầu lông Việt Nam", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lâm Đồng",
            "Cục Quản lý thị trường - Bộ Công Thương", "Trang Thông tin điện tử Sở Y tế"} <= rec


def test_divisions_and_fields_listed_after_a_colon():
    got = _body_of("Điều 1. Sở Y tế báo cáo các sở: Xây dựng, Khoa học và Công nghệ để được hướng dẫn.\n"
                   "Nơi nhận:\n- Các phòng: Tổng hợp, Kế hoạch - Tài chính (góp ý);\n- Lưu: VT.")
    rec = {b["name"] for b in got if b["role"] == "recipient"}
    assert {"Phòng Tổng hợp", "Phòng Kế hoạch - Tài chính"} <= rec
    assert roles_by_name(got, "Sở Xây dựng") == {"report_to"}
    assert roles_by_name(got, "Sở Khoa học và Công nghệ") == {"report_to"}


def test_address_line_gives_recipients_not_report_to():
    text = PLAN.replace("KẾ HOẠCH\nTriển khai công tác cải cách hành chính năm 2025\n",
                        "V/v xây dựng báo cáo\nKính gửi: Công an tỉnh.\n")
    got = _rules(text)
    assert "report_to" not in roles_by_name(got, "Công an tỉnh Lâm Đồng")
    assert "recipient" in roles_by_name(got, "Công an tỉnh Lâm Đồng")


def test_body_named_to_advise_after_a_colon():
    got = _body_of("Điều 1. Theo dõi việc thực hiện.\n* Chịu trách nhiệm tham mưu: Phòng Tổng hợp.\n")
    assert roles_by_name(got, "Phòng Tổng hợp") == {"advise"}


def test_heads_of_bodies_name_their_bodies_in_a_heading():
    got = _body_of("1. Thủ trưởng các sở, ban, ngành và Chủ tịch UBND các xã, phường, đặc khu:\n"
                   "a) Chủ động áp dụng các mô hình cải cách hành chính.\n")
    assert "lead" in roles_by_name(got, "các sở, ban, ngành")
    assert "lead" in roles_by_name(got, "Ủy ban nhân dân các xã, phường, đặc khu")


def test_subject_after_an_opening_adverbial():
    got = _body_of("Điều 5. Trong thời hạn 30 ngày, Ban Chấp hành lâm thời Hội Doanh nhân trẻ có trách nhiệm tổ chức Đại hội.\n"
                   "Điều 6. Căn cứ nhiệm vụ được phân công, các sở, ban, ngành, các đơn vị Trung ương đóng trên địa bàn lập kế hoạch chi tiết.\n")
    assert "lead" in roles_by_name(got, "Ban Chấp hành lâm thời Hội Doanh nhân trẻ")
    assert "lead" in roles_by_name(got, "các sở, ban, ngành")
    assert "lead" in roles_by_name(got, "các đơn vị Trung ương đóng trên địa bàn")


def test_matter_before_a_colon_and_a_matter_handed_on():
    """`Đối với <a matter>: …` opens on what the sentence is about; after its colon the clause's own subject, or its
    first verb, follow (the capital there opens the task). A matter handed on (`chuyển đến X để giải quyết`) is X's
    to settle: lead."""
    got = _body_of("Điều 5. Tiếp nhận, xử lý đơn thư như sau:\n"
                   "- Đối với đơn thư liên quan đến người ứng cử đại biểu Hội đồng nhân dân: Ban Thường trực Ủy ban MTTQ xã "
                   "chuyển ngay đến Ủy ban bầu cử huyện để xem xét, giải quyết.\n"
                   "- Đối với phản ánh về niêm yết danh sách cử tri: Chuyển đến Tổ bầu cử để khắc phục ngay.\n")
    assert "lead" in roles_by_name(got, "Ủy ban bầu cử huyện")
    assert "lead" in roles_by_name(got, "Tổ bầu cử")
    assert "lead" in roles_by_name(got, "Ban Thường trực Ủy ban Mặt trận Tổ quốc xã")


def test_bodies_an_announcement_tells_to_know_and_carry_out():
    """`… thông báo để X biết, triển khai thực hiện`: X is the subject of the task; `để X xem xét` alone is not."""
    got = _body_of("Điều 5. Văn phòng thông báo để các sở, ngành và Công ty Cổ phần Sông Đà biết, triển khai thực hiện.\n"
                   "Điều 6. Sở Tài chính tổng hợp, báo cáo để Ủy ban nhân dân tỉnh xem xét.\n")
    assert "lead" in roles_by_name(got, "Công ty Cổ phần Sông Đà")
    assert "lead" in roles_by_name(got, "các sở, ngành")
    assert "lead" not in roles_by_name(got, "Ủy ban nhân dân tỉnh Lâm Đồng")


def test_a_task_entrusted_or_handed_over():
    """`ủy thác cho X thực hiện`, `chuyển giao ngay cho X điều tra`: X carries the task out."""
    got = _body_of("Điều 5. Ủy thác cho Quỹ hỗ trợ phát triển thực hiện nghiệp vụ bảo lãnh.\n"
                   "Điều 6. Đoàn kiểm tra chuyển giao ngay cho Công an tỉnh các vụ việc có dấu hiệu tội phạm.\n")
    assert "lead" in roles_by_name(got, "Quỹ hỗ trợ phát triển")
    assert "lead" in roles_by_name(got, "Công an tỉnh Lâm Đồng")


def test_old_and_new_bodies_of_a_merger_stay_apart():
    got = _body_of("Điều 4. Hội Luật gia tỉnh Quảng Nam (cũ), Hội Luật gia thành phố Đà Nẵng (cũ) có trách nhiệm bàn giao "
                   "hồ sơ cho Hội Luật gia thành phố Đà Nẵng (mới).\n")
    assert "lead" in roles_by_name(got, "Hội Luật gia tỉnh Quảng Nam (cũ)")
    assert "lead" in roles_by_name(got, "Hội Luật gia thành phố Đà Nẵng (cũ)")


def test_applicant_is_not_an_adviser_and_the_agency_after_it_is():
    got = _body_of("Theo đề nghị của Hội Người cao tuổi tỉnh Lâm Đồng tại Văn bản số 21/HNCT ngày 03 tháng 3 năm 2026 "
                   "và Sở Nội vụ tại Tờ trình số 77/TTr-SNV ngày 10 tháng 3 năm 2026.\nĐiều 1. Phê duyệt Điều lệ.\n")
    assert roles_by_name(got, "Sở Nội vụ") == {"advise"}
    assert not roles_by_name(got, "Hội Người cao tuổi tỉnh Lâm Đồng")


def test_state_management_of_a_body_is_monitoring():
    got = _body_of("Điều 5. Hội Kiến trúc sư tỉnh là tổ chức xã hội - nghề nghiệp, chịu sự quản lý nhà nước của "
                   "Sở Xây dựng, Sở Nội vụ và các ngành chức năng khác.\n")
    assert "monitor" in roles_by_name(got, "Sở Xây dựng")
    assert "monitor" in roles_by_name(got, "Sở Nội vụ")


def test_body_given_a_task_does_what_follows_and_receivers_watch():
    got = _body_of("Điều 1. Chủ tịch UBND tỉnh giao Công an tỉnh rà soát số liệu, lập báo cáo sơ kết; "
                   "tham mưu Ủy ban nhân dân tỉnh trước ngày 15/7/2026.\n"
                   "Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng thẩm định dự thảo, gửi UBND tỉnh biết, theo dõi.\n")
    assert roles_by_name(got, "Công an tỉnh Lâm Đồng") >= {"lead", "advise"}
    assert "monitor" not in roles_by_name(got, "Sở Tài chính")
    assert roles_by_name(got, "Sở Xây dựng") == {"coordinate"}


def test_past_acts_cited_acts_and_quotes_assign_nothing():
    got = _body_of("Điều 1. Sở Nội vụ đã phối hợp với Sở Xây dựng rà soát hồ sơ.\n"
                   "Chủ tịch UBND tỉnh ban hành Quyết định số 1536/QĐ-UBND ngày 09/4/2026 giao Thanh tra tỉnh chủ trì, phối hợp với Sở Y tế kiểm tra.\n"
                   "Điều lệ quy định: “Hội Làm vườn chịu sự quản lý của Sở Công Thương và phối hợp với\n"
                   "Sở Ngoại vụ”.\n")
    for name in ("Sở Xây dựng", "Thanh tra tỉnh Lâm Đồng", "Sở Ngoại vụ", "Sở Công Thương", "Sở Y tế"):
        assert not roles_by_name(got, name), name


def test_part_telling_what_happened_assigns_nothing():
    got = _body_of("I. TÌNH HÌNH THỰC HIỆN\nỦy ban nhân dân tỉnh giao Sở Xây dựng kiểm tra công trình.\n"
                   "II. Ý KIẾN\nĐề nghị Chi cục Thuế khu vực 6 xem xét, giải quyết.\n")
    assert not roles_by_name(got, "Sở Xây dựng")
    assert roles_by_name(got, "Chi cục Thuế khu vực 6") == {"lead"}


def test_short_name_given_by_the_document_stands_for_the_full_one():
    got = _body_of("Điều 1. Ban Thường vụ Hội Luật gia tỉnh Lâm Đồng (gọi tắt là Ban Thường vụ Hội) hướng dẫn như sau:\n"
                   "1. Các chi hội gửi hồ sơ về Ban Thường vụ Hội trước ngày 15/8/2025.\n")
    assert roles_by_name(got, "Ban Thường vụ Hội Luật gia tỉnh Lâm Đồng") >= {"report_to"}
    assert not roles_by_name(got, "Ban Thường vụ Hội")


def test_name_wrapped_over_two_lines_is_one_name():
    got = _body_of("Điều 1. Giao Sở Nội vụ chủ trì.\nVậy, Sở Nội vụ đề nghị Ban Thường vụ Hội Nông dân, Ban chấp hành\n"
                   "Hội Cựu chiến binh của 2 xã phổ biến, quán triệt văn bản này tới hội viên.\n")
    assert "lead" in {b["role"] for b in got if b["name"].casefold() == "ban chấp hành hội cựu chiến binh"}


def test_collectives_end_at_their_verb_and_nouns_are_not_tasks():
    got = _body_of("Điều 1. Sở Nông nghiệp và Môi trường chủ trì, phối hợp với các sở, ngành liên quan rà soát danh mục dự án.\n"
                   "Điều 2. Sở Tư pháp tham mưu tổ chức thực hiện các hoạt động thuộc Tiểu dự án 4: Trợ giúp pháp lý cho người dân.\n"
                   "Điều 3. Sở Y tế chỉ đạo thực hiện chương trình phối hợp công tác với Bộ Công an; đẩy mạnh "
                   "công tác thanh tra, kiểm tra các cơ sở giết mổ.\n")
    assert roles_by_name(got, "các sở, ngành liên quan") == {"coordinate"}
    assert roles_by_name(got, "Sở Tư pháp") == {"advise"}
    assert roles_by_name(got, "Sở Y tế") == {"lead"}
    assert not roles_by_name(got, "Bộ Công an")


def test_every_body_of_a_semicolon_list_after_a_cue_shares_it():
    got = _body_of("Điều 1. Đội kiểm tra liên ngành tỉnh có nhiệm vụ sau.\n"
                   "1. Chủ động phối hợp với Công an tỉnh; Quản lý thị trường; Hải quan; Cục Thuế tỉnh để kiểm tra "
                   "các cơ sở kinh doanh.\nNơi nhận:\n- Lưu: VT.")
    for name in ("Quản lý thị trường", "Hải quan", "Cục Thuế tỉnh Lâm Đồng"):
        assert roles_by_name(got, name) == {"coordinate"}, name


def test_a_quote_closed_with_an_opening_mark_ends_there():
    # `“một cửa“`: typists close a quotation with the opening mark; the lines after it are not quoted
    got = _body_of("Điều 1. Triển khai cơ chế “một cửa“ tại các cơ quan như sau:\n"
                   "+ Sở Xây dựng: các thủ tục cấp giấy phép xây dựng.\n"
                   "+ Sở Tư pháp: các thủ tục hộ tịch.\nNơi nhận:\n- Lưu: VT.")
    assert roles_by_name(got, "Sở Xây dựng") >= {"lead"}
    assert roles_by_name(got, "Sở Tư pháp") >= {"lead"}


def test_the_bodies_a_coordination_is_between_coordinate():
    got = _body_of("Điều 1. Yêu cầu.\n1. Cần có sự phối hợp chặt chẽ giữa Phòng Văn hóa huyện và Công an huyện "
                   "khi thanh tra lễ hội.\n2. Phối hợp giữa các ngành chức năng để xử lý vi phạm.\n"
                   "Nơi nhận:\n- Lưu: VT.")
    assert roles_by_name(got, "Phòng Văn hóa huyện") == {"coordinate"}
    assert roles_by_name(got, "các ngành chức năng") == {"coordinate"}


def test_a_body_asked_to_direct_and_check_leads_and_monitors():
    got = _body_of("Điều 1. Ban hành quy chế.\nĐiều 2. Đề nghị ủy ban Mặt trận Tổ quốc tỉnh, các đoàn thể chỉ đạo "
                   "hướng dẫn, kiểm tra cơ sở thực hiện quy chế này.\nNơi nhận:\n- Lưu: VT.")
    assert roles_by_name(got, "Ủy ban Mặt trận Tổ quốc tỉnh Lâm Đồng") == {"lead", "monitor"}
    assert roles_by_name(got, "các đoàn thể") == {"lead", "monitor"}
    # a body it advises directs: the adviser does not lead
    got = _body_of("Điều 1. Sở Nội vụ tham mưu Ủy ban nhân dân tỉnh chỉ đạo việc sắp xếp.\nNơi nhận:\n- Lưu: VT.")
    assert "lead" not in roles_by_name(got, "Sở Nội vụ")


def test_a_list_of_addressees_named_at_once_stands_for_each_of_them():
    head = PLAN.split("KẾ HOẠCH")[0].replace("Số: ", "Số: 12/SYT-NV\nSố cũ: ")
    got = _rules(head + "V/v thanh toán chi phí khám bệnh\nKính gửi:\n- Trung tâm Y tế các huyện;\n"
                 "- Bệnh viện Đa khoa tỉnh.\n(Sau đây gọi chung là các đơn vị)\n"
                 "1. Đề nghị các đơn vị rà soát hồ sơ thanh toán.\n2. Quỹ BHYT thanh toán theo mức hưởng.\n"
                 "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nGIÁM ĐỐC\nNguyễn Văn A\n")
    assert roles_by_name(got, "Trung tâm Y tế các huyện") == {"recipient", "lead"}
    assert roles_by_name(got, "Bệnh viện Đa khoa tỉnh Lâm Đồng") == {"recipient", "lead"}
    assert not roles_by_name(got, "các đơn vị")
    assert not [b for b in got if b["name"].startswith("Quỹ")]      # a fund is money, not a body


def test_a_bulleted_recipient_wrapped_at_its_comma_goes_on_and_a_communes_joint_office_is_one():
    got = _body_of("Điều 1. Các thôn thực hiện.\nNơi nhận:\n- Ủy ban Kiểm tra Đảng ủy, Ban Xây dựng Đảng,\nVăn phòng Đảng ủy;\n"
                   "- Văn phòng HĐND, UBND xã Tà Nung;\n- Lưu: VT.")
    assert roles_by_name(got, "Văn phòng Đảng ủy") == {"recipient"}
    assert roles_by_name(got, "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã Tà Nung") == {"recipient"}


def test_one_body_is_given_one_spelling_in_a_document():
    """A task names `Sở, ban, ngành thành phố`, the Nơi nhận `Sở, ban ngành thành phố`; one plan writes `Ban chỉ đạo`
    and `Ban Chỉ đạo`: each body keeps one name, a proper name's most capitalized spelling."""
    from pipeline.extract.bodies.filters import _one_spelling
    items = [{"name": "Ban chỉ đạo Cải cách hành chính tỉnh", "role": "lead", "start": 10},
             {"name": "Ban Chỉ đạo Cải cách hành chính tỉnh", "role": "monitor", "start": 50},
             {"name": "Sở, ban, ngành thành phố", "role": "lead", "start": 20},
             {"name": "Sở, ban ngành thành phố", "role": "recipient", "start": 90},
             {"name": "các sở, ban, ngành liên quan", "role": "coordinate", "start": 30},
             {"name": "Sở, ban, ngành liên quan", "role": "lead", "start": 60},
             {"name": "Sở Tài chính", "role": "lead", "start": 70}]
    assert [it["name"] for it in _one_spelling(items)] == [
        "Ban Chỉ đạo Cải cách hành chính tỉnh", "Ban Chỉ đạo Cải cách hành chính tỉnh", "Sở, ban, ngành thành phố",
        "Sở, ban, ngành thành phố", "các sở, ban, ngành liên quan", "các sở, ban, ngành liên quan", "Sở Tài chính"]
