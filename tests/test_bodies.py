"""Bodies and roles from the rules: clause structure, lists, headings, recipients, names."""
import os

import pytest

from pipeline.bodies_table import body_key, distinct_bodies
from pipeline.process import process_text

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
    text = PLAN.replace("1. Nâng cao chất lượng phục vụ người dân.", "Căn cứ Quyết định số 787/QĐ-UBND ngày 21/8/2025 của Chủ tịch\nUBND tỉnh về việc thí điểm các mô hình; theo đề nghị của Sở Tư pháp.")
    got = _rules(text)
    assert not any(b["role"] in ("lead", "monitor") and b["name"].startswith("Ủy ban nhân dân tỉnh") for b in got)
    assert "advise" in roles_of(got, "Sở Tư pháp")
