"""The bodies grammar on sentences written for these tests (none taken from a gold document): vocabulary
by level, administrative units, task tables, role headings, lists under a title, names that end where the
name ends, and the replacements of the fitted rules of issue 15."""
from pipeline.extract.bodies.grammar import find_names, places_of
from pipeline.extract.bodies.tables import column_role
from pipeline.extract.bodies.tokens import tokenize
from pipeline.text import units
from pipeline.text.names import canonical
from test_bodies import _body_of, roles_by_name


def names_in(sentence):
    toks = tokenize(sentence)
    return [" ".join(t.t for t in toks[a:b]) for a, b in find_names(toks)]


# ------------------------------------------------------------------ vocabulary and places

def test_commune_party_front_and_election_bodies_are_names():
    got = names_in("Đảng ủy xã Hòa Bình, Ban Công tác Mặt trận thôn Tân Lập và Tổ bầu cử số 3 triển khai; "
                   "Ủy ban Bầu cử xã Hòa Bình theo dõi; Trạm Y tế xã Hòa Bình phối hợp.")
    assert "Đảng ủy xã Hòa Bình" in got
    assert "Ban Công tác Mặt trận thôn Tân Lập" in got
    assert "Ủy ban Bầu cử xã Hòa Bình" in got
    assert "Trạm Y tế xã Hòa Bình" in got


def test_enterprises_boards_and_papers_are_names():
    got = names_in("Tập đoàn Điện lực Việt Nam, Tạp chí Người Xây dựng và Chi nhánh Ngân hàng Chính sách xã hội tỉnh phối hợp.")
    assert "Tập đoàn Điện lực Việt Nam" in got
    assert "Tạp chí Người Xây dựng" in got


def test_a_family_name_that_is_a_head_opens_a_person_not_a_body():
    assert names_in("Ông Đoàn Văn Bình theo dõi.") == []
    assert names_in("Bà Đoàn Thị Lan hướng dẫn.") == []
    assert names_in("Đoàn Thanh niên xã chủ trì.") == ["Đoàn Thanh niên xã"]


def test_verbs_and_things_are_not_heads():
    assert names_in("Tổ chức hội nghị sơ kết.") == []
    assert names_in("Đội ngũ cán bộ được kiện toàn.") == []


def test_one_table_of_units_gives_places_and_party_committees():
    assert "tổ dân phố" in units.words() and "đặc khu" in units.words("commune")
    assert places_of("Thành ủy Cần Thơ") == {"Thành ủy": "Cần Thơ", "thành phố": "Cần Thơ"}
    assert places_of("Ủy ban nhân dân đặc khu Côn Đảo") == {"đặc khu": "Côn Đảo"}
    assert units.bare_place("Xã Tân Phú") == "xã Tân Phú"
    assert units.bare_place("Xã hội hóa") is None


def test_abbreviations_of_fields_are_expanded():
    assert canonical("Trung tâm PVHCC tỉnh") == "Trung tâm Phục vụ hành chính công tỉnh"
    assert canonical("Ban QLDA ĐTXD số 2") == "Ban Quản lý dự án đầu tư xây dựng số 2"


# ------------------------------------------------------------------ grammar

def test_task_table_columns_give_their_roles():
    got = _body_of("Điều 1. Phân công như sau:\n"
                   "STT | Nhiệm vụ | Thời gian thực hiện | Cơ quan chủ trì | Cơ quan phối hợp | Theo dõi, đôn đốc\n"
                   "I | Cải cách thể chế | | | |\n"
                   "1 | Rà soát văn bản | Quý II | Sở Giáo dục và Đào tạo; UBND các xã, phường | Lãnh đạo Sở Y tế | Văn phòng UBND tỉnh\n"
                   "2 | Kiểm tra | Tháng 5 | Xã Hòa Bình | Phường 2 Bảo Lộc |\n"
                   "Điều 2. Hiệu lực kể từ ngày ký.\n")
    assert roles_by_name(got, "Sở Giáo dục và Đào tạo") == {"lead"}
    assert roles_by_name(got, "Ủy ban nhân dân các xã, phường") == {"lead"}
    assert roles_by_name(got, "Sở Y tế") == {"coordinate"}
    assert roles_by_name(got, "Văn phòng Ủy ban nhân dân tỉnh Lâm Đồng") == {"monitor"}
    assert roles_by_name(got, "Ủy ban nhân dân xã Hòa Bình") == {"lead"}
    assert roles_by_name(got, "Ủy ban nhân dân phường 2 Bảo Lộc") == {"coordinate"}


def test_columns_that_list_no_bodies():
    assert column_role("Thời gian thực hiện") is None
    assert column_role("Đơn vị tính") is None
    assert column_role("Phối hợp thực hiện") == "coordinate"
    assert column_role("Chủ trì thực hiện") == "lead"


def test_role_headings_give_their_role_to_the_bodies_after_them():
    got = _body_of("Điều 1. Tổ chức hội nghị.\n"
                   "- Cơ quan chủ trì: Sở Xây dựng.\n"
                   "- Cơ quan phối hợp: Sở Tài chính, Công an tỉnh.\n"
                   "- Theo dõi, đôn đốc: Văn phòng Ủy ban nhân dân tỉnh.\n")
    assert roles_by_name(got, "Sở Xây dựng") == {"lead"}
    assert roles_by_name(got, "Sở Tài chính") == {"coordinate"}
    assert roles_by_name(got, "Công an tỉnh Lâm Đồng") == {"coordinate"}
    assert roles_by_name(got, "Văn phòng Ủy ban nhân dân tỉnh Lâm Đồng") == {"monitor"}


def test_titled_bodies_listed_with_semicolons_share_the_verb():
    got = _body_of("Điều 1. Thành lập Tổ công tác.\nĐiều 2. Quyết định có hiệu lực kể từ ngày ký.\n"
                   "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh; Giám đốc Sở Y tế; Thủ trưởng các sở, ban, ngành có "
                   "liên quan chịu trách nhiệm thi hành Quyết định này.\n")
    assert roles_by_name(got, "Văn phòng Ủy ban nhân dân tỉnh Lâm Đồng") == {"lead"}
    assert roles_by_name(got, "Sở Y tế") == {"lead"}


# ------------------------------------------------------------------ replacements of the fitted rules (issue 15)

def test_divisions_listed_after_a_colon_need_no_room_codes():
    got = _body_of("Điều 1. Góp ý dự thảo.\nNơi nhận:\n- Các phòng: Tổng hợp, Kế hoạch - Tài chính;\n- Lưu: VT.")
    rec = {b["name"] for b in got if b["role"] == "recipient"}
    assert {"Phòng Tổng hợp", "Phòng Kế hoạch - Tài chính"} <= rec


def test_advise_heading_without_a_fixed_phrase():
    got = _body_of("Điều 1. Theo dõi việc thực hiện.\n* Tham mưu: Phòng Kinh tế.\n")
    assert roles_by_name(got, "Phòng Kinh tế") == {"advise"}


def test_two_fields_joined_by_a_dash_stay_one_name():
    got = _body_of("Điều 1. Phòng Văn hóa - xã hội huyện phối hợp tuyên truyền.\n")
    assert roles_by_name(got, "Phòng Văn hóa - xã hội huyện") == {"coordinate"}


def test_a_drafters_initials_after_a_recipient_are_dropped_a_body_code_is_not():
    got = _body_of("Điều 1. Hiệu lực.\nNơi nhận:\n- Văn phòng Tỉnh ủy. NVH;\n- Lưu: VT.")
    rec = {b["name"] for b in got if b["role"] == "recipient"}
    assert "Văn phòng Tỉnh ủy Lâm Đồng" in rec


def test_a_report_part_assigns_nothing_whatever_its_heading_word():
    got = _body_of("I. KẾT QUẢ ĐẠT ĐƯỢC\nỦy ban nhân dân tỉnh giao Sở Công Thương kiểm tra các chợ.\n"
                   "II. NHIỆM VỤ\nGiao Sở Y tế kiểm tra các cơ sở.\n")
    assert not roles_by_name(got, "Sở Công Thương")
    assert "lead" in roles_by_name(got, "Sở Y tế")


def test_committees_listed_by_place_after_a_colon_are_one_body_each():
    got = _body_of("Điều 1. Giao Ủy ban nhân dân các huyện: Đức Trọng, Lâm Hà; Di Linh tổ chức kiểm tra.\n"
                   "Nơi nhận:\n- UBND các xã: Tân Hà, Phú Sơn;\n- Lưu: VT.")
    for place in ("huyện Đức Trọng", "huyện Lâm Hà", "huyện Di Linh"):
        assert "lead" in roles_by_name(got, f"Ủy ban nhân dân {place}")
    assert roles_by_name(got, "Ủy ban nhân dân xã Tân Hà") == {"recipient"}
    assert roles_by_name(got, "Ủy ban nhân dân xã Phú Sơn") == {"recipient"}


def test_a_syllable_of_a_compound_does_not_end_a_name():
    assert names_in("Ban Chỉ đạo bầu cử xã theo dõi.") == ["Ban Chỉ đạo bầu cử xã"]
    assert names_in("Ban Quản lý dự án giao thông tỉnh chủ trì.") == ["Ban Quản lý dự án giao thông tỉnh"]


def test_village_units_continue_a_collective_and_a_name():
    assert names_in("Ban Công tác Mặt trận các thôn, tổ dân phố tuyên truyền.") == \
        ["Ban Công tác Mặt trận các thôn , tổ dân phố"]
    assert names_in("Ban Công tác Mặt trận thôn Tân Lập tuyên truyền.") == ["Ban Công tác Mặt trận thôn Tân Lập"]


def test_a_field_whose_name_holds_a_comma_is_one_body_in_a_list():
    got = _body_of("Điều 3. Chánh Văn phòng UBND tỉnh; Giám đốc các Sở: Nội vụ, Văn hóa, Thể thao và Du lịch, Y tế; "
                   "Thủ trưởng các đơn vị liên quan chịu trách nhiệm thi hành.\n")
    for name in ("Sở Nội vụ", "Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế"):
        assert roles_by_name(got, name) == {"lead"}
    assert not roles_by_name(got, "Sở Văn hóa")


def test_a_party_committee_issuer_without_a_place_gives_no_place():
    assert places_of("BAN TUYÊN GIÁO TỈNH ỦY") == {}
    assert places_of("TỈNH ỦY GIA LAI") == {"Tỉnh ủy": "GIA LAI", "tỉnh": "GIA LAI"}


def test_pointer_and_generic_collectives_follow_their_switches(monkeypatch):
    from pipeline.extract.bodies.grammar import role_rules
    text = ("Điều 1. Giao Sở Y tế chủ trì, phối hợp với các cơ quan, đơn vị liên quan triển khai.\nĐiều 2. Hiệu lực.\n"
            "Nơi nhận:\n- Như Điều 1;\n- Lưu: VT.")
    got = _body_of(text)                            # the defaults: neither read
    assert "recipient" not in roles_by_name(got, "Sở Y tế")
    assert not roles_by_name(got, "các cơ quan, đơn vị liên quan")
    monkeypatch.setitem(role_rules()["raw"], "pointed_recipients", True)
    monkeypatch.setitem(role_rules()["raw"], "generic_collectives", True)
    got = _body_of(text)
    assert roles_by_name(got, "Sở Y tế") == {"lead", "recipient"}
    assert roles_by_name(got, "các cơ quan, đơn vị liên quan") == {"coordinate"}
