"""The bodies grammar on sentences written for these tests (none taken from a gold document): vocabulary
by level, administrative units, task tables, role headings, lists under a title, names that end where the
name ends, and the replacements of the fitted rules of issue 15."""
from pipeline.extract.bodies.grammar import find_names
from pipeline.extract.bodies.places import places_of
from pipeline.extract.bodies.tables import column_role
from pipeline.extract.bodies.tokens import tokenize
from pipeline.text import units
from pipeline.text.names import canonical, expand_abbreviations
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


def test_the_youth_union_committee_of_a_district_or_city_is_a_name_of_its_own():
    # `Huyện đoàn`, `Thành đoàn` are named like the Party's committees; after a comma they open a new body
    assert names_in("Đề nghị Ủy ban MTTQ huyện, Huyện đoàn, Hội Nông dân huyện phối hợp.") == [
        "Ủy ban MTTQ huyện", "Huyện đoàn", "Hội Nông dân huyện"]
    assert names_in("Thành đoàn chủ trì tổ chức chiến dịch tình nguyện hè.") == ["Thành đoàn"]


def test_the_city_named_by_its_capitalised_word_ends_the_name():
    # Hà Nội's and Hồ Chí Minh City's own documents call the city `Thành phố`: the name ends there, as at `tỉnh`
    assert names_in("Các quận, huyện đề nghị Ủy ban nhân dân Thành phố xét tặng bằng khen.") == [
        "Ủy ban nhân dân Thành phố"]
    assert names_in("Sở Văn hóa và Thể thao Thành phố Hà Nội chủ trì.") == ["Sở Văn hóa và Thể thao Thành phố Hà Nội"]


def test_the_competent_bodies_are_one_collective_to_their_tail():
    assert names_in("Hồ sơ được chuyển các cơ quan, tổ chức có thẩm quyền xem xét.") == [
        "các cơ quan , tổ chức có thẩm quyền"]   # (names_in joins the tokens with spaces)


def test_the_office_of_the_assembly_delegation_and_the_council_is_one_body():
    # one office has served a province's National Assembly delegation and its council since 2021
    assert names_in("Văn phòng Đoàn ĐBQH và HĐND tỉnh phối hợp tổ chức tiếp xúc cử tri.") == [
        "Văn phòng Đoàn ĐBQH và HĐND tỉnh"]
    assert names_in("Đoàn ĐBQH và HĐND tỉnh giám sát.") == ["Đoàn ĐBQH", "HĐND tỉnh"]
    assert canonical("Văn phòng Đoàn ĐBQH& HĐNDTP") == \
        "Văn phòng Đoàn Đại biểu Quốc hội và Hội đồng nhân dân thành phố"


def test_a_field_typed_in_lower_case_after_va_stays_in_the_name():
    assert "Sở Lao động - Thương binh và xã hội" in names_in(
        "Sở Lao động - Thương binh và xã hội chủ trì, phối hợp với Liên đoàn Lao động tỉnh.")


def test_departments_named_together_without_cac_are_one_collective():
    assert names_in("Sở, ban, ngành tỉnh và Ủy ban nhân dân các xã triển khai thực hiện.")[:1] == ["Sở , ban , ngành tỉnh"]
    assert names_in("Sở Y tế, Sở Tài chính phối hợp thực hiện.") == ["Sở Y tế", "Sở Tài chính"]


def test_every_level_of_a_mass_organisation_is_a_collective():
    assert "các cấp công đoàn" in names_in("Liên đoàn Lao động tỉnh chỉ đạo các cấp công đoàn phối hợp thực hiện.")
    assert "Các cấp hội" in names_in("Các cấp hội phối hợp tuyên truyền.")


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
    assert canonical("các cơ sở KCB BHYT").casefold() == "các cơ sở khám, chữa bệnh bảo hiểm y tế"
    # a commune's departments and a ward's residential groups
    assert canonical("Phòng VH-XH xã") == "Phòng Văn hóa - Xã hội xã"
    assert canonical("Phòng KT-HT") == "Phòng Kinh tế - Hạ tầng"
    assert canonical("các thôn, TDP") == "các thôn, tổ dân phố"
    assert canonical("Các đơn vị duy trì thoát nước và XLNT") == "Các đơn vị duy trì thoát nước và xử lý nước thải"
    # the office of both councils, glued by `&`; a Party committee's boards by their codes in a Nơi nhận
    assert canonical("Văn phòng HĐND&UBND xã") == "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã"
    assert canonical("Ban TG Tỉnh ủy") == "Ban Tuyên giáo Tỉnh ủy" and canonical("Ban DV Huyện ủy") == "Ban Dân vận Huyện ủy"


def test_a_company_abbreviated_as_written_is_named_in_full():
    """`Cty` opens a company's name (a Nơi nhận's `Cty CP …`, its kind's code then read after `Công ty`); only as
    written: `cty` in lower case is no abbreviation of it."""
    assert canonical("Cty CP Môi trường đô thị Hà Nam") == "Công ty Cổ phần Môi trường đô thị Hà Nam"
    assert canonical("Cty TNHH MTV Cấp thoát nước") == "Công ty TNHH MTV Cấp thoát nước"
    assert names_in("- Cty TNHH MTV Cấp thoát nước Hà Nam;") == ["Cty TNHH MTV Cấp thoát nước Hà Nam"]
    assert expand_abbreviations("cty con") == "cty con"


def test_a_field_code_right_after_its_head_is_the_field_and_never_lowered():
    assert canonical("Sở NN&PTNT") == "Sở Nông nghiệp và Phát triển nông thôn"
    assert canonical("SỞ KH&ĐT TỈNH NAM SƠN") == "Sở Kế hoạch và Đầu tư tỉnh Nam Sơn"
    assert canonical("Bộ TC") == "Bộ Tài chính"
    assert canonical("Phòng HC-QT") == "Phòng HC-QT"          # no field of the table: left as written


def test_xa_hoi_is_a_word_not_a_commune_and_each_field_after_a_dash_is_capitalised():
    assert canonical("BẢO HIỂM XÃ HỘI VIỆT NAM") == "Bảo hiểm xã hội Việt Nam"
    assert canonical("BẢO HIỂM XÃ HỘI TỈNH GIA LAI") == "Bảo hiểm xã hội tỉnh Gia Lai"
    assert canonical("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI") == "Sở Lao động - Thương binh và Xã hội"
    assert canonical("ỦY BAN NHÂN DÂN XÃ HỘI SƠN") == "Ủy ban nhân dân xã Hội Sơn"


def test_a_head_typed_twice_is_one_name():
    assert canonical("UBND UBND cấp xã") == "Ủy ban nhân dân cấp xã"
    assert canonical("Văn phòng Văn phòng Sở Nội vụ") == "Văn phòng Sở Nội vụ"
    assert canonical("Ban Chỉ đạo 35 tỉnh") == "Ban Chỉ đạo 35 tỉnh"


def test_a_schools_proper_name_is_raised_but_a_colleges_field_keeps_its_case():
    assert canonical("Trường THPT lê quý đôn") == "Trường Trung học phổ thông Lê Quý Đôn"
    assert canonical("Trường Cao đẳng Kinh tế - Kỹ thuật Hà Tĩnh") == "Trường Cao đẳng Kinh tế - Kỹ thuật Hà Tĩnh"
    assert canonical("Trường Đại học Sư phạm Kỹ thuật Vinh") == "Trường Đại học Sư phạm Kỹ thuật Vinh"
    # a school's number is no word of its proper name, printed in capitals or not
    assert canonical("TRƯỜNG THPT YÊN DŨNG SỐ 2") == "Trường Trung học phổ thông Yên Dũng số 2"
    assert canonical("Trường Tiểu học số 3 thị trấn Nham Biền") == "Trường Tiểu học số 3 thị trấn Nham Biền"


def test_forces_media_and_health_abbreviations():
    assert canonical("BCH Quân sự tỉnh") == "Bộ Chỉ huy Quân sự tỉnh"      # an armed force's command
    assert canonical("BCH Đoàn tỉnh") == "Ban Chấp hành Đoàn tỉnh"        # an organization's committee
    assert canonical("Bộ CHQS tỉnh") == "Bộ Chỉ huy Quân sự tỉnh"
    assert canonical("Ban CHQS xã") == "Ban Chỉ huy Quân sự xã"
    assert canonical("Đồn BĐBP Cửa khẩu") == "Đồn Bộ đội Biên phòng Cửa khẩu"
    assert canonical("Đài PT-TH tỉnh") == "Đài Phát thanh và Truyền hình tỉnh"   # a station's own name has `và`
    assert canonical("Trung tâm YTDP huyện") == "Trung tâm Y tế dự phòng huyện"
    assert canonical("Hội LHPN xã") == "Hội Liên hiệp Phụ nữ xã"


def test_codes_naming_a_heads_kind():
    assert canonical("Ban TT UBMTTQ tỉnh") == "Ban Thường trực Ủy ban Mặt trận Tổ quốc tỉnh"
    assert canonical("Các Ban CTMT thôn") == "Các Ban Công tác Mặt trận thôn"
    assert canonical("Các tổ chức CT-XH xã") == "Các tổ chức chính trị - xã hội xã"
    assert canonical("Ban Quản lý CTMT") == "Ban Quản lý chương trình mục tiêu"     # elsewhere a target programme
    assert canonical("Công ty CP Cấp nước Nam Sơn") == "Công ty Cổ phần Cấp nước Nam Sơn"
    assert canonical("Các bộ, cơ quan ngang bộ, cơ quan thuộc CP") == "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ"


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
    assert roles_by_name(got, "Sở Y tế") == {"monitor"}      # told to inspect: the role of its verb


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
    got = _body_of(text)                            # the defaults (rules/roles.yaml): both read
    assert roles_by_name(got, "Sở Y tế") == {"lead", "recipient"}
    assert roles_by_name(got, "các cơ quan, đơn vị liên quan") == {"coordinate"}
    monkeypatch.setitem(role_rules()["raw"], "pointed_recipients", False)
    monkeypatch.setitem(role_rules()["raw"], "generic_collectives", False)
    got = _body_of(text)
    assert "recipient" not in roles_by_name(got, "Sở Y tế")
    assert not roles_by_name(got, "các cơ quan, đơn vị liên quan")


# ------------------------------------------------------------------ issue 14, second pass

def test_a_name_ends_where_the_name_ends():
    assert names_in("Ủy ban nhân dân cấp xã nêu cao vai trò người đứng đầu.") == ["Ủy ban nhân dân cấp xã"]
    assert names_in("Các cơ quan, đơn vị liên quan duy trì chế độ báo cáo.") == ["Các cơ quan , đơn vị liên quan"]
    assert names_in("Giao các đơn vị hoạt động trong lĩnh vực vận tải kiểm tra.") == ["các đơn vị hoạt động"]
    assert names_in("UBND các xã, phường nơi có dự án đi qua phối hợp.") == ["UBND các xã , phường"]
    assert names_in("Bộ Tài chính tổ chức thẩm định hồ sơ.") == ["Bộ Tài chính"]
    assert names_in("Sở Y tế xây dựng các phương án.") == ["Sở Y tế"]
    # a field of five words or more is a whole field too: the verb after it is the task
    assert names_in("Sở Khoa học và Công nghệ tổ chức hội thảo chuyên đề.") == ["Sở Khoa học và Công nghệ"]
    assert names_in("Sở Giáo dục và Đào tạo tổ chức thi nghề cho học viên.") == ["Sở Giáo dục và Đào tạo"]
    assert names_in("Sở Nông nghiệp và Phát triển nông thôn xây dựng mô hình điểm.") == \
        ["Sở Nông nghiệp và Phát triển nông thôn"]
    assert names_in("Ban Quản lý dự án đầu tư xây dựng số 2 lập hồ sơ.") == ["Ban Quản lý dự án đầu tư xây dựng số 2"]
    got = _body_of("Điều 1. Giao Ủy ban nhân dân cấp xã chủ trì kiểm tra.\nNơi nhận:\n- UBND cấp xã;\n- Lưu: VT.")
    assert not any(b["name"].count("Ủy ban nhân dân") > 1 for b in got)


def test_what_a_report_carries_is_no_part_of_the_body_it_goes_to():
    assert names_in("Hằng quý báo cáo Sở Kế hoạch tình hình thực hiện.") == ["Sở Kế hoạch"]
    assert names_in("Gửi Phòng Nội vụ danh sách cán bộ trước ngày 10.") == ["Phòng Nội vụ"]
    assert names_in("Cục Thống kê chủ trì, phối hợp với Vụ Pháp chế xây dựng dự thảo quy chế.") == \
        ["Cục Thống kê", "Vụ Pháp chế"]
    assert names_in("Phối hợp với Chi cục Quản lý thị trường kiểm soát hàng hóa.") == ["Chi cục Quản lý thị trường"]
    # a unit's field whose last words are also a verb (`tổng hợp`) goes on with its name
    assert names_in("Phòng Kế hoạch tổng hợp chủ trì giám sát.") == ["Phòng Kế hoạch tổng hợp"]
    assert names_in("Phòng Hành chính tổng hợp tổng hợp số liệu.") == ["Phòng Hành chính tổng hợp"]
    # a market's name keeps its `trong`
    assert names_in("Vụ Thị trường trong nước theo dõi giá.") == ["Vụ Thị trường trong nước"]


def test_a_party_committees_base_organizations_are_one_collective():
    assert names_in("Các chi, đảng bộ trực thuộc Đảng ủy xã quán triệt Chỉ thị.") == \
        ["Các chi , đảng bộ trực thuộc Đảng ủy xã"]
    assert names_in("Các tổ chức cơ sở đảng xây dựng kế hoạch.") == ["Các tổ chức cơ sở đảng"]


def test_field_codes_listed_after_a_plural_head():
    got = _body_of("Điều 1. Đề nghị các sở, ngành: TC, XD, NN&MT rà soát danh mục.\n"
                   "Nơi nhận:\n- Các sở: NV, TP;\n- Lưu: VT.")
    for name in ("Sở Tài chính", "Sở Xây dựng", "Sở Nông nghiệp và Môi trường"):
        assert roles_by_name(got, name) == {"lead"}
    assert roles_by_name(got, "Sở Nội vụ") == {"recipient"}
    assert roles_by_name(got, "Sở Tư pháp") == {"recipient"}


def test_procedural_actors_given_a_part_are_bodies_a_person_is_not():
    got = _body_of("Điều 1. Các chủ đầu tư lập hồ sơ dự án, trình cơ quan có thẩm quyền thẩm định.\n"
                   "Điều 2. Người có thẩm quyền quyết định đầu tư phê duyệt điều chỉnh; chủ đầu tư báo cáo Sở Tài chính.\n")
    # `Các chủ đầu tư` in one article, `chủ đầu tư` in the next: one body, one name (filters._one_spelling)
    assert roles_by_name(got, "Các chủ đầu tư") == {"lead"}
    assert roles_by_name(got, "cơ quan có thẩm quyền") == {"report_to"}
    assert not roles_by_name(got, "chủ đầu tư")
    assert not any("người" in b["name"].casefold() for b in got)
    assert names_in("Giao chủ đầu tư, đơn vị quản lý hoàn chỉnh hồ sơ.") == ["chủ đầu tư"]


def test_each_body_of_a_clause_gets_its_own_role():
    got = _body_of("Điều 1. Giao Sở Công Thương chủ trì, Sở Tài chính và Công an tỉnh phối hợp tổ chức kiểm tra; "
                   "Văn phòng UBND tỉnh theo dõi, đôn đốc.\n"
                   "Điều 2. Đề nghị Sở Nội vụ tham mưu, báo cáo về Ủy ban nhân dân tỉnh.\n")
    assert roles_by_name(got, "Sở Công Thương") == {"lead"}
    assert roles_by_name(got, "Sở Tài chính") == {"coordinate"}
    assert roles_by_name(got, "Công an tỉnh Lâm Đồng") == {"coordinate"}
    assert roles_by_name(got, "Văn phòng Ủy ban nhân dân tỉnh Lâm Đồng") == {"monitor"}
    assert "advise" in roles_by_name(got, "Sở Nội vụ")
    assert roles_by_name(got, "Ủy ban nhân dân tỉnh Lâm Đồng") == {"report_to"}


def test_an_addressee_on_the_line_after_a_bare_kinh_gui():
    from test_bodies import _rules
    letter = ("BỘ NỘI VỤ\nSố: 12/BNV-TCPCP\nV/v hướng dẫn công tác hội\nHà Nội, ngày 5 tháng 3 năm 2026\n"
              "Kính gửi:\nSở Nội vụ tỉnh Gia Lai\n"
              "Bộ Nội vụ nhận được văn bản của Sở Nội vụ về công tác hội, có ý kiến như sau:\n"
              "1. Sở Nội vụ hướng dẫn các hội rà soát điều lệ.\n"
              "Nơi nhận:\nKT. BỘ TRƯỞNG\n- Như trên;\nTHỨ TRƯỞNG\n- Bộ trưởng (để b/c);\n- Lưu: VT.\nNguyễn Văn A\n")
    got = _rules(letter)
    assert "recipient" in roles_by_name(got, "Sở Nội vụ tỉnh Gia Lai")


def test_field_codes_of_a_recipient_item_parted_by_semicolons_and_commas():
    got = _body_of("Điều 1. Hiệu lực.\nNơi nhận:\n- Các sở, ngành: TC; XD; CT; VH,TT&DL; YT, TP, Thanh tra tỉnh;\n- Lưu: VT.")
    rec = {b["name"] for b in got if b["role"] == "recipient"}
    assert {"Sở Tài chính", "Sở Văn hóa, Thể thao và Du lịch", "Sở Xây dựng", "Sở Công Thương", "Sở Y tế", "Sở Tư pháp",
            "Thanh tra tỉnh Lâm Đồng"} <= rec


def test_bodies_listed_in_a_recipients_bracket():
    got = _body_of("Điều 1. Hiệu lực.\nNơi nhận:\n- Thành viên Tổ công tác (Sở Nội vụ, VP.UBND tỉnh, Sở Tư pháp, Sở Y tế);\n"
                   "- Giám đốc (để b/c);\n- Lưu: VT.")
    rec = {b["name"] for b in got if b["role"] == "recipient"}
    assert {"Sở Nội vụ", "Văn phòng Ủy ban nhân dân tỉnh Lâm Đồng", "Sở Tư pháp", "Sở Y tế"} <= rec


def test_a_report_part_on_the_situation_and_results_assigns_nothing():
    got = _body_of("Phần thứ nhất\nTÌNH HÌNH, KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2025\n1. Công tác chỉ đạo\n"
                   "Công an tỉnh chủ trì mở đợt cao điểm; Sở Y tế phối hợp kiểm tra các cơ sở.\n"
                   "Phần thứ hai\nNHIỆM VỤ NĂM 2026\n1. Sở Công Thương chủ trì kiểm tra thị trường.\n")
    assert not roles_by_name(got, "Công an tỉnh Lâm Đồng")
    assert not roles_by_name(got, "Sở Y tế")
    assert "lead" in roles_by_name(got, "Sở Công Thương")


def test_a_report_part_on_what_was_done_and_its_shortcomings_assigns_nothing():
    got = _body_of("I. Những việc đã làm được\nHiệp hội phối hợp với Trung tâm Xúc tiến Đầu tư tỉnh tổ chức hội thảo.\n"
                   "II. Những tồn tại, hạn chế\nBan Chấp hành Hiệp hội chưa chủ động phối hợp với Sở Công Thương.\n"
                   "III. PHƯƠNG HƯỚNG, NHIỆM VỤ\n1. Sở Nội vụ chủ trì, phối hợp với Sở Tài chính tổ chức hội nghị đối thoại.\n")
    assert not roles_by_name(got, "Trung tâm Xúc tiến Đầu tư tỉnh Lâm Đồng")
    assert not roles_by_name(got, "Sở Công Thương")
    assert roles_by_name(got, "Sở Tài chính") == {"coordinate"}


def test_an_inspectorate_is_named_by_its_level_inspecting_is_a_task():
    assert names_in("Thanh tra, kiểm tra việc thực hiện chính sách.") == []
    assert names_in("Thanh tra việc chấp hành pháp luật.") == []
    assert names_in("Thanh tra tỉnh chủ trì.") == ["Thanh tra tỉnh"]
    assert names_in("Thanh tra Bộ kiểm tra.") == ["Thanh tra Bộ"]


def test_boards_named_by_a_long_lower_case_field_keep_their_whole_name():
    """A project board or steering committee carries its field in lower case, often longer than a run-on
    guard allows, with `phòng, chống` and `và` between two fields before its level."""
    assert names_in("Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp huyện Hòa Vang "
                    "chủ trì lập hồ sơ.") == ["Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công "
                                              "nghiệp huyện Hòa Vang"]
    assert names_in("Ban Chỉ đạo phòng, chống thiên tai và tìm kiếm cứu nạn thành phố theo dõi.") == [
        "Ban Chỉ đạo phòng , chống thiên tai và tìm kiếm cứu nạn thành phố"]
    assert names_in("Ban Chỉ đạo xây dựng nông thôn mới xã Tân Lập báo cáo.") == [
        "Ban Chỉ đạo xây dựng nông thôn mới xã Tân Lập"]
    # a `và` before another body or a task still ends the name
    assert names_in("Ban Quản lý dự án và Phòng Kinh tế thẩm định hồ sơ.") == ["Ban Quản lý dự án", "Phòng Kinh tế"]


def test_doi_voi_and_rieng_put_the_body_after_them_forward_as_the_subject():
    got = _body_of("Điều 1. Giao nhiệm vụ.\n- Đối với Công an huyện Hòa Vang: xây dựng kế hoạch bảo đảm an ninh trật tự.\n"
                   "- Riêng Sở Giáo dục và Đào tạo có trách nhiệm hướng dẫn các trường học.\n")
    assert "lead" in roles_by_name(got, "Công an huyện Hòa Vang")
    assert "lead" in roles_by_name(got, "Sở Giáo dục và Đào tạo")
    # `Đối với <something>,` only opens the clause: its subject comes after the comma
    got = _body_of("Điều 1. Giao nhiệm vụ.\n- Đối với các trường hợp phát sinh, Sở Tư pháp tổng hợp ý kiến.\n")
    assert {b["name"] for b in got} == {"Sở Tư pháp"}


def test_a_bracket_of_names_after_a_collective_subject_lists_members_that_act_with_it():
    got = _body_of("Điều 1. Giao nhiệm vụ.\n- Các cơ quan ngành dọc trên địa bàn (Chi cục Thuế khu vực, Bảo hiểm xã hội "
                   "huyện và Kho bạc Nhà nước huyện) có trách nhiệm niêm yết thủ tục hành chính.\n")
    names = {b["name"] for b in got if b["role"] == "lead"}
    assert any(n.startswith("Chi cục Thuế khu vực") for n in names), names
    assert any(n.startswith("Kho bạc Nhà nước huyện") for n in names), names


def test_a_team_is_named_by_the_body_it_serves():
    assert names_in("Tổ chuyên viên giúp việc Hội đồng Thi đua - Khen thưởng huyện tổng hợp hồ sơ.")[0].startswith(
        "Tổ chuyên viên giúp việc Hội đồng Thi đua")


def test_a_list_of_bodies_split_by_semicolons_after_a_cue_shares_the_cue():
    got = _body_of("Điều 1. Giao nhiệm vụ.\n- Sở Công Thương phối hợp với Công an tỉnh; Cục Quản lý thị trường tỉnh; "
                   "Chi cục Kiểm lâm để kiểm tra hàng hóa.\n")
    assert roles_by_name(got, "Chi cục Kiểm lâm") == {"coordinate"}
    assert {b["role"] for b in got if b["name"].startswith("Cục Quản lý thị trường tỉnh")} == {"coordinate"}


def test_enforcement_forces_named_by_their_branch_are_bodies():
    assert names_in("Cảnh sát giao thông, Quản lý thị trường và Bộ đội Biên phòng tỉnh tăng cường tuần tra.") == [
        "Cảnh sát giao thông", "Quản lý thị trường", "Bộ đội Biên phòng tỉnh"]


def test_a_committee_typed_in_lower_case_by_a_tcvn3_text_font_is_a_body():
    """TCVN3 `.VnTime` has no `Ủ`: legacy documents typed `ủy ban nhân dân xã`; the name is written properly."""
    got = _body_of("Điều 1. Giao nhiệm vụ.\n- ủy ban nhân dân xã Tân Lập chủ trì tổ chức hội nghị thôn.\n"
                   "- Chủ tịch Uỷ ban nhân dân huyện Hòa Vang chịu trách nhiệm thi hành.\n")
    names = {b["name"] for b in got}
    assert "Ủy ban nhân dân xã Tân Lập" in names
    assert "Ủy ban nhân dân huyện Hòa Vang" in names
    # a capitals line (the issuing authority above `Căn cứ`) is not read through the lower-case forms
    assert names_in("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG") == []


def test_a_promotion_centre_written_with_its_codes_is_expanded():
    assert canonical("Trung tâm XTĐT, TM và DL tỉnh Hòa Bình") == \
        "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh Hòa Bình"


def test_a_lower_case_word_after_a_list_of_units_ends_the_name():
    assert names_in("Ủy ban nhân dân các xã, phường đẩy nhanh tiến độ giải ngân.") == [
        "Ủy ban nhân dân các xã , phường"]
    assert names_in("Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương chỉ đạo.") == [
        "Ủy ban nhân dân các tỉnh , thành phố trực thuộc Trung ương"]
    # a list of three units or more ends at its last one as at its first; placing words go on
    assert names_in("Ủy ban nhân dân các xã, phường, đặc khu nâng cấp hạ tầng số.") == [
        "Ủy ban nhân dân các xã , phường , đặc khu"]
    assert names_in("Ủy ban nhân dân các xã, phường, đặc khu trên địa bàn tỉnh rà soát.") == [
        "Ủy ban nhân dân các xã , phường , đặc khu trên địa bàn tỉnh"]


def test_a_groups_provincial_branch_and_a_digital_unit_are_names():
    assert names_in("Viễn thông Nam Sơn phối hợp với Điện lực Nam Sơn bảo đảm thông tin.") == [
        "Viễn thông Nam Sơn", "Điện lực Nam Sơn"]
    assert names_in("Báo cáo về Phòng Chuyển đổi số để tổng hợp.") == ["Phòng Chuyển đổi số"]


def test_the_government_is_a_whole_name():
    assert names_in("1. Trình Chính phủ các văn bản quy phạm pháp luật về cán bộ, công chức.") == ["Chính phủ"]
    assert canonical("Cơ quan BHXH huyện") == "Cơ quan Bảo hiểm xã hội huyện"


def test_a_commune_party_committees_units_take_its_place():
    places = places_of("Đảng ủy xã Tân Lập")
    from pipeline.extract.bodies.places import resolve_jurisdiction
    assert resolve_jurisdiction("Văn phòng Đảng ủy", places) == "Văn phòng Đảng ủy xã Tân Lập"
    assert resolve_jurisdiction("các Đảng ủy", places) == "các Đảng ủy"


def test_a_level_the_issuer_does_not_name_takes_its_parents_place():
    from pipeline.extract.bodies.places import doc_places, resolve_jurisdiction
    places = doc_places({"issuer": "Đảng ủy xã Tân Lập", "parent_issuer": "Đảng bộ tỉnh Yên Bình"})
    assert resolve_jurisdiction("Ban Thường vụ Tỉnh ủy", places) == "Ban Thường vụ Tỉnh ủy Yên Bình"
    assert resolve_jurisdiction("Ủy ban nhân dân xã", places) == "Ủy ban nhân dân xã Tân Lập"


def test_a_team_named_by_a_task_word_keeps_it_and_its_number():
    # the opening ends on a stop word (`kiểm tra`, `thẩm định`): still the team's name, and a number after it is its own
    assert names_in("Đội kiểm tra 701 các cấp có nhiệm vụ sau.") == ["Đội kiểm tra 701 các cấp"]
    assert names_in("Trình Hội đồng thẩm định xem xét kết quả chấm điểm.") == ["Hội đồng thẩm định"]
    assert names_in("Tổ công tác 15 của huyện báo cáo hằng tuần.")[0].startswith("Tổ công tác 15")
    # a count written with a leading zero before the bodies it counts is no number of the board
    assert names_in("Ban Chấp hành 02 Hội nông dân xã bàn giao hồ sơ.") == ["Ban Chấp hành", "Hội nông dân xã"]


def test_an_association_s_inspection_board_in_lower_case_is_a_name():
    assert names_in("Ban kiểm tra Hội Cựu chiến binh xã giám sát việc thu chi.") == [
        "Ban kiểm tra Hội Cựu chiến binh xã"]


def test_branch_agencies_and_the_collectives_of_party_and_commune_texts_are_names():
    assert names_in("Chuyển hồ sơ vụ việc cho cơ quan công an để điều tra.") == ["cơ quan công an"]
    assert names_in("Định kỳ báo cáo cơ quan chủ quản và cơ quan thuế.") == ["cơ quan chủ quản", "cơ quan thuế"]
    assert names_in("Các cấp, các ngành có trách nhiệm tuyên truyền sâu rộng.") == ["Các cấp , các ngành"]
    assert names_in("Chính quyền các cấp hỗ trợ người dân.") == ["Chính quyền các cấp"]
    # the State at a level named beside its Party committees: one collective
    assert names_in("Các cấp ủy, chính quyền và các đoàn thể vận động nhân dân.")[0] == "Các cấp ủy , chính quyền"


def test_an_office_of_a_committee_typed_in_lower_case_keeps_its_head():
    assert names_in("Chánh Văn phòng ủy ban nhân dân huyện chịu trách nhiệm thi hành.") == [
        "Văn phòng ủy ban nhân dân huyện"]
    assert canonical("Văn phòng uỷ ban nhân dân tỉnh") == "Văn phòng Ủy ban nhân dân tỉnh"


def test_a_board_s_field_with_a_comma_inside_is_read_whole():
    assert names_in("Hội đồng an toàn, vệ sinh lao động huyện tư vấn cho Ủy ban nhân dân huyện.")[0] == \
        "Hội đồng an toàn , vệ sinh lao động huyện"
    got = names_in("Gửi Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06 "
                   "huyện Đông Sơn để tổng hợp.")
    assert got == ["Ban Chỉ đạo phát triển khoa học , công nghệ , đổi mới sáng tạo , chuyển đổi số và Đề án 06 "
                   "huyện Đông Sơn"]
    assert names_in("Hội đồng thẩm định, đánh giá Chỉ số cải cách hành chính huyện tổng hợp điểm.")[0] == \
        "Hội đồng thẩm định , đánh giá Chỉ số cải cách hành chính huyện"
    # elsewhere the comma still parts two bodies
    assert names_in("Sở Khoa học và Công nghệ, Sở Tài chính phối hợp.") == ["Sở Khoa học và Công nghệ", "Sở Tài chính"]


def test_the_boards_of_a_commune_and_its_villages_are_names_in_lower_case():
    assert names_in("Ban thanh tra nhân dân xã giám sát việc thu chi.") == ["Ban thanh tra nhân dân xã"]
    assert names_in("Ban giám sát đầu tư của cộng đồng xã theo dõi công trình.") == [
        "Ban giám sát đầu tư của cộng đồng xã"]
    assert names_in("Ban nhân dân ấp Tân Thạnh phối hợp với Tổ hòa giải ấp.") == [
        "Ban nhân dân ấp Tân Thạnh", "Tổ hòa giải ấp"]


def test_steering_board_and_personnel_department_codes_are_expanded():
    assert canonical("Ban Chỉ đạo CCHCTW") == "Ban Chỉ đạo cải cách hành chính Trung ương"
    assert canonical("Vụ TCCB") == "Vụ Tổ chức cán bộ"


def test_a_party_committee_name_ends_at_uy_before_a_task_verb():
    got = names_in("Ban Xây dựng Đảng và Văn phòng Đảng ủy tổ chức kiểm tra chéo giữa các chi bộ.")
    assert "Văn phòng Đảng ủy" in got
    assert not any(n.endswith("tổ chức") for n in got)


def test_a_report_after_an_opening_condition_is_the_readers_task():
    got = _body_of("Điều 1. Giao các sở triển khai.\nĐiều 2. Nếu có khó khăn, vướng mắc, báo cáo về Sở Xây dựng để "
                   "xem xét.\nĐiều 3. Trong quá trình thực hiện, nếu phát sinh vướng mắc, kịp thời báo cáo BHXH tỉnh "
                   "để phối hợp giải quyết.\nNơi nhận:\n- Lưu: VT.")
    assert roles_by_name(got, "Sở Xây dựng") == {"report_to"}
    assert roles_by_name(got, "Bảo hiểm xã hội tỉnh Lâm Đồng") == {"report_to"}
    got = _body_of("Điều 1. Về kiến nghị nêu trên, Chủ tịch Ủy ban nhân dân tỉnh giao Sở Công Thương nghiên cứu, đề xuất; "
                   "trường hợp vượt thẩm quyền, báo cáo Bộ Công Thương.\nNơi nhận:\n- Lưu: VT.")
    assert roles_by_name(got, "Sở Công Thương") == {"lead"}
    assert roles_by_name(got, "Bộ Công Thương") == {"report_to"}


def test_a_survey_cited_as_a_source_gives_no_task():
    got = _body_of("Điều 1. Báo Nhân Dân ngày 12 tháng 3 năm 2026 đưa tin, theo khảo sát, có 70% doanh nghiệp "
                   "gặp khó khăn.\nĐiều 2. Sở Tài chính khảo sát nhu cầu vốn của doanh nghiệp.\nNơi nhận:\n- Lưu: VT.")
    assert roles_by_name(got, "Báo Nhân Dân") == set()
    assert roles_by_name(got, "Sở Tài chính") == {"lead"}


def test_coordination_between_bodies_however_it_is_qualified():
    got = _body_of("Điều 1. Tăng cường phối hợp hiệu quả giữa các cơ quan, đơn vị liên quan trong triển khai.\n"
                   "Nơi nhận:\n- Lưu: VT.")
    assert roles_by_name(got, "các cơ quan, đơn vị liên quan") == {"coordinate"}


def test_a_body_named_with_its_province_and_no_unit_word_gives_that_province():
    from pipeline.extract.bodies.places import doc_places
    assert places_of("Sở Y tế Lào Cai") == {"tỉnh": "Lào Cai", "Tỉnh ủy": "Lào Cai"}
    assert places_of("Công an Hà Nội") == {"thành phố": "Hà Nội", "Thành ủy": "Hà Nội"}
    assert places_of("Bảo hiểm xã hội Việt Nam") == {}
    # … but an old province kept in a name after the merger yields to the parent's unit and place
    assert doc_places({"issuer": "Liên đoàn Bóng rổ Bình Thuận",
                       "parent_issuer": "Ủy ban nhân dân tỉnh Lâm Đồng"})["tỉnh"] == "Lâm Đồng"
    assert doc_places({"issuer": "Bệnh viện Sản Nhi", "parent_issuer": "Sở Y tế Lào Cai"})["tỉnh"] == "Lào Cai"


def test_a_capacity_ending_the_line_is_read_without_error():
    # a charter's article heading that names what a body is and stops there (it once raised IndexError and the
    # whole document came out as `pipeline_failed`)
    assert names_in("Điều 4. Cơ quan thường trực") == []
    assert names_in("Sở Tài chính là cơ quan thường trực") == ["Sở Tài chính"]


def test_a_noun_whose_first_word_a_name_took_gives_no_cue():
    # `… thuộc Chương trình:`: the name runs on to `Chương`, and `trình` alone would read as `trình` (to submit)
    from pipeline.run.process import process_text
    text = ("UBND TỈNH LÀO CAI\nSỞ NỘI VỤ\nSố: 12/KH-SNV\nLào Cai, ngày 02 tháng 3 năm 2026\nKẾ HOẠCH\nHội nghị sơ kết\n"
            "I. NỘI DUNG\n1. Tham luận của các sở, ngành chủ các dự án thuộc Chương trình: Sở Y tế; Sở Tư pháp.\n")
    roles = {(b["name"], b["role"]) for b in process_text("t.txt", text)["bodies"]}
    assert not any(r == "report_to" for _, r in roles), roles


def test_an_opening_quote_with_a_space_after_it_opens_no_quotation():
    # a scan's bullet read as `“` opens no quotation that would hide the lines under it; a real quote stays closed off
    from pipeline.run.process import process_text
    text = ("UBND TỈNH QUẢNG BÌNH\nSỞ NỘI VỤ\nSố: 40/KH-SNV\nQuảng Bình, ngày 02 tháng 3 năm 2026\nKẾ HOẠCH\nTập huấn\n"
            "I. KINH PHÍ\n“ _ In tài liệu: 2.000.000đ.\n“ - Nước uống: 500.000đ.\nII. PHÂN CÔNG\n"
            "1. Văn phòng Sở: chuẩn bị hội trường.\n2. Phòng Tổ chức cán bộ: mời giảng viên.\n")
    names = {b["name"] for b in process_text("t.txt", text)["bodies"]}
    assert {"Phòng Tổ chức cán bộ"} <= names, names


# ------------------------------------------------------------------ acts named as nouns (`sự … của`)

def test_an_act_named_as_a_noun_gives_its_role_to_the_body_after_cua():
    got = _body_of("Điều 1. Sở Khoa học và Công nghệ tổ chức hội chợ công nghệ với sự phối hợp của Sở Công Thương.\n"
                   "Điều 2. Việc chấm giải có sự giám sát, kiểm tra của Thanh tra tỉnh.")
    assert roles_by_name(got, "Sở Khoa học và Công nghệ") == {"lead"}     # the subject does not coordinate
    assert roles_by_name(got, "Sở Công Thương") == {"coordinate"}


def test_a_clause_opening_on_who_directs_it_has_its_subject_after_the_comma():
    got = _body_of("Điều 1. Dưới sự chỉ đạo của Ban Thường vụ Huyện ủy, Ủy ban nhân dân huyện Đức Trọng rà soát quỹ đất.\n"
                   "Điều 2. Với sự phối hợp của Công an tỉnh, Sở Giao thông vận tải kiểm tra các bến xe.")
    assert roles_by_name(got, "Ban Thường vụ Huyện ủy") == {"lead"}
    assert roles_by_name(got, "Ủy ban nhân dân huyện Đức Trọng") == {"lead"}
    assert roles_by_name(got, "Công an tỉnh Lâm Đồng") == {"coordinate"}
    assert roles_by_name(got, "Sở Giao thông vận tải") == {"monitor"}


def test_a_letters_courtesy_close_asks_no_one_to_coordinate():
    got = _body_of("Điều 1. Rất mong nhận được sự phối hợp chặt chẽ của các sở, ban, ngành.")
    assert not roles_by_name(got, "các sở, ban, ngành")


def test_departments_listed_in_brackets_after_their_plural_head_are_one_body_each():
    got = _body_of("Điều 1. Các sở (Nội vụ, Tư pháp, Văn phòng UBND tỉnh, Tài chính) tăng cường kiểm tra, đôn đốc.\n"
                   "Điều 2. Giao các sở (Xây dựng, Công Thương) hướng dẫn thủ tục đầu tư.\n"
                   "Điều 3. Các sở (theo chức năng, nhiệm vụ được giao) tổ chức thực hiện.")
    for name in ("Sở Nội vụ", "Sở Tư pháp", "Văn phòng Ủy ban nhân dân tỉnh Lâm Đồng", "Sở Tài chính"):
        assert roles_by_name(got, name) == {"monitor"}, name
    assert roles_by_name(got, "Sở Xây dựng") == roles_by_name(got, "Sở Công Thương") == {"lead"}
    assert roles_by_name(got, "Các sở") == {"lead"}          # a remark in brackets lists no one


def test_the_focal_point_of_a_task_presides_over_it():
    got = _body_of("Điều 1. Giao Cục Quản lý Khám, chữa bệnh làm đầu mối, phối hợp với Vụ Kế hoạch - Tài chính hướng dẫn.\n"
                   "Điều 2. Trung tâm Dân số - Kế hoạch hóa gia đình là đầu mối tiếp nhận phản ánh của người dân.")
    assert roles_by_name(got, "Cục Quản lý Khám, chữa bệnh") == {"lead"}
    assert roles_by_name(got, "Vụ Kế hoạch - Tài chính") == {"coordinate"}
    assert roles_by_name(got, "Trung tâm Dân số - Kế hoạch hóa gia đình") == {"lead"}


def test_parts_of_a_unit_are_no_ministries():
    assert names_in("Là đầu mối, phối hợp với các bộ phận chuyên môn ứng cứu sự cố.") == []


def test_party_and_state_bodies_typed_in_the_old_tone_placement_are_names():
    # `uỷ`, `Uỷ` for `ủy`, `Ủy`: many offices still type them; the vocabulary is written in the new style
    assert names_in("Đảng uỷ xã lãnh đạo Uỷ ban nhân dân xã rà soát.") == ["Đảng uỷ xã", "Uỷ ban nhân dân xã"]
    assert names_in("Các cấp uỷ, tổ chức đảng quán triệt Chỉ thị.") == ["Các cấp uỷ , tổ chức đảng"]
    assert names_in("- Uỷ ban Kiểm tra Huyện uỷ, Văn phòng Huyện uỷ;") == ["Uỷ ban Kiểm tra Huyện uỷ", "Văn phòng Huyện uỷ"]
    got = _body_of("Điều 1. Ban Tổ chức Tỉnh uỷ chủ trì, phối hợp với Uỷ ban Kiểm tra Tỉnh uỷ hướng dẫn nhân sự.")
    assert roles_by_name(got, "Ban Tổ chức Tỉnh ủy Lâm Đồng") == {"lead"}
    assert roles_by_name(got, "Ủy ban Kiểm tra Tỉnh ủy Lâm Đồng") == {"coordinate"}


def test_a_standing_board_and_a_ministry_s_departments_written_by_their_codes():
    got = _body_of("Điều 1. Giao Vụ KHTC chủ trì, phối hợp với Vụ PC thẩm định dự toán.\n"
                   "Nơi nhận:\n- BTT Ủy ban MTTQ Việt Nam tỉnh;\n- Lưu: VT.")
    assert roles_by_name(got, "Vụ Kế hoạch - Tài chính") == {"lead"}
    assert roles_by_name(got, "Vụ Pháp chế") == {"coordinate"}
    assert roles_by_name(got, "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lâm Đồng") == {"recipient"}


def test_a_front_committee_named_without_viet_nam_is_still_the_issuer():
    from pipeline.extract.bodies.places import issuer_forms
    forms = issuer_forms("Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Lập", {})
    assert "ban thường trực ủy ban mặt trận tổ quốc xã tân lập" in forms
    assert "ban thường trực ủy ban mặt trận tổ quốc việt nam xã tân lập" in forms


def test_the_office_of_a_communes_council_and_committee_is_one_body():
    got = _body_of("Điều 1. Giao Văn phòng HĐND, UBND xã Tà Nung tổng hợp kết quả.\nNơi nhận:\n- Văn phòng HĐND, UBND xã;\n- Lưu: VT.")
    # (the Nơi nhận's `Văn phòng HĐND, UBND xã` is the same office, named short)
    assert roles_by_name(got, "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã Tà Nung") == {"lead", "recipient"}
    assert not roles_by_name(got, "Ủy ban nhân dân xã Tà Nung")


def test_a_village_front_board_written_with_mt_is_a_name():
    from pipeline.text.names import canonical
    assert canonical("Ban công tác MT thôn") == "Ban Công tác Mặt trận thôn"
    assert canonical("Sở TN và MT") == "Sở TN và MT"            # `MT` is the Mặt trận only after `công tác`
    got = _body_of("Điều 1. Các thôn thực hiện.\nNơi nhận:\n- Ban công\ntác MT các thôn;\n- Lưu: VT.")
    assert roles_by_name(got, "Ban Công tác Mặt trận các thôn") == {"recipient"}


def test_the_bodies_a_subject_urges_to_act_carry_the_task_out():
    got = _body_of("Điều 1. Sở Nội vụ kiểm tra, đôn đốc Ủy ban nhân dân các huyện triển khai kế hoạch.\n"
                   "Điều 2. Văn phòng Ủy ban nhân dân tỉnh theo dõi, đôn đốc các cơ quan, đơn vị thực hiện.")
    assert roles_by_name(got, "Sở Nội vụ") == {"monitor"}
    assert roles_by_name(got, "Ủy ban nhân dân các huyện") == {"lead"}
    assert not roles_by_name(got, "các cơ quan, đơn vị")      # a generic collective is the verb's reach, no body


def test_a_council_named_by_what_it_does_in_lower_case_is_a_name():
    assert names_in("Hội đồng xét duyệt thực hiện nhiệm vụ được quy định tại Điều 2.") == ["Hội đồng xét duyệt"]
    assert names_in("Tổ hòa giải thôn phối hợp với Công an xã.") == ["Tổ hòa giải thôn", "Công an xã"]


def test_a_body_named_short_after_its_full_name_is_that_body():
    got = _body_of("Điều 1. Ban Chấp hành Hội Cựu chiến binh tỉnh Lâm Đồng chủ trì tổ chức đại hội.\n"
                   "Điều 2. Ban Chấp hành Hội chỉ đạo các chi hội chuẩn bị nhân sự.\n"
                   "Điều 3. Ban Chấp hành Hội Nông dân hoạt động theo điều lệ; Ban Chấp hành Hội Nông dân phối hợp.")
    assert roles_by_name(got, "Ban Chấp hành Hội Cựu chiến binh tỉnh Lâm Đồng") == {"lead"}
    assert not roles_by_name(got, "Ban Chấp hành Hội")


def test_a_name_with_another_field_is_no_short_form_of_it():
    # `Cục Quản lý Dược` is not `Cục Quản lý Y, Dược cổ truyền` named short: a capital put before its field opens
    # another one; the lower-case and head words a full name puts in (`cấp tỉnh`, `Hội`) are the same body's
    got = _body_of("Điều 1. Cục Quản lý Y, Dược cổ truyền chủ trì; Cục Quản lý Dược phối hợp thẩm định.\n"
                   "Điều 2. Ban Chấp hành Hội lâm thời chủ trì; Ban Chấp hành lâm thời chuẩn bị đại hội.")
    assert roles_by_name(got, "Cục Quản lý Y, Dược cổ truyền") == {"lead"}
    assert roles_by_name(got, "Cục Quản lý Dược") == {"coordinate"}
    assert not roles_by_name(got, "Ban Chấp hành lâm thời")


def test_the_health_ministry_s_departments_written_by_their_codes():
    got = _body_of("Điều 1. Các Viện, Bệnh viện trực thuộc Bộ Y tế thực hiện; Giao Bộ Tài chính cân đối nguồn vốn.\n"
                   "Nơi nhận:\n- Cục Quản lý YDCT, Cục QLD, Cục QLKCB;\n- Trung tâm CNTT;\n- Lưu: VT.")
    assert roles_by_name(got, "Các Viện, Bệnh viện trực thuộc Bộ Y tế") == {"lead"}
    assert roles_by_name(got, "Bộ Tài chính") == {"lead"}
    for name in ("Cục Quản lý Y, Dược cổ truyền", "Cục Quản lý Dược", "Cục Quản lý Khám, chữa bệnh",
                 "Trung tâm Công nghệ thông tin"):
        assert roles_by_name(got, name) == {"recipient"}, name


def test_a_units_roman_number_says_nothing_of_the_names_case():
    from pipeline.text.names import canonical, case_name
    # `Vụ III` is written in running text's case already: its number is not a name printed in capitals
    assert case_name("Vụ III") == "Vụ III" and case_name("Kho bạc Nhà nước khu vực XV") == "Kho bạc Nhà nước khu vực XV"
    assert case_name("VỤ III") == "Vụ III" and case_name("SỞ Y TẾ") == "Sở Y tế"
    assert canonical("Vụ V.III") == "Vụ III"


def test_on_the_basis_of_is_no_part_of_a_name():
    # `trên cơ sở …` (on the basis of) opens an adverbial; `trên địa bàn …` still places the body
    assert names_in("Sở Y tế trên cơ sở kết quả rà soát bảo đảm thuốc cho người dân.") == ["Sở Y tế"]
    assert names_in("Các cơ quan trên địa bàn tỉnh thực hiện.") == ["Các cơ quan trên địa bàn tỉnh"]


def test_a_branch_agency_named_by_its_field_opens_a_sentence_with_its_capital():
    # `cơ quan thuế`, `cơ quan công an` are collectives in lower case; at a sentence's start the capital is the
    # sentence's, the name is still the collective and ends with it
    assert names_in("Cơ quan thuế hướng dẫn người nộp thuế kê khai.") == ["Cơ quan thuế"]
    assert names_in("Cơ quan công an điều tra, xử lý các hành vi vi phạm.") == ["Cơ quan công an"]


def test_a_plural_before_the_bodies_it_lists_is_the_lists_title():
    got = _body_of("Điều 1. Phân công chuẩn bị hội nghị.\n- Các đơn vị: Sở Công Thương, Sở Xây dựng, Công an tỉnh "
                   "chuẩn bị báo cáo tham luận.\n- Các tổ chức đoàn thể: Hội Nông dân tỉnh, Tỉnh đoàn phối hợp tuyên truyền.\n")
    names = {b["name"]: b["role"] for b in got}
    assert names == {"Sở Công Thương": "lead", "Sở Xây dựng": "lead", "Công an tỉnh Lâm Đồng": "lead",
                     "Hội Nông dân tỉnh Lâm Đồng": "coordinate", "Tỉnh đoàn": "coordinate"}


def test_the_body_after_do_that_a_task_verb_follows_is_the_tasks_agent():
    got = _body_of("Điều 1. Tổ chức hội nghị sơ kết.\n1. Hội nghị do Sở Công Thương chủ trì, phối hợp với Sở Xây dựng "
                   "chuẩn bị nội dung.\n2. Nội dung tập huấn do các địa phương thực hiện.\n")
    assert roles_by_name(got, "Sở Công Thương") == {"lead"}
    assert roles_by_name(got, "Sở Xây dựng") == {"coordinate"}
    assert roles_by_name(got, "các địa phương") == {"lead"}


def test_do_before_an_issuer_a_campaigns_author_or_after_a_comma_names_no_agent():
    got = _body_of("Điều 1. Triển khai thực hiện Quy chế do Sở Tư pháp ban hành.\n"
                   "2. Hưởng ứng các phong trào do Hội Nông dân tỉnh phát động.\n"
                   "3. Công tác chuẩn bị đã xong, do Tỉnh đoàn thực hiện vai trò đầu mối.\n")
    assert {b["name"] for b in got} == set()


def test_branch_agencies_named_by_their_field_are_collectives():
    assert names_in("Cơ quan quân sự các cấp phối hợp với cơ quan bảo hiểm xã hội thực hiện.") == [
        "Cơ quan quân sự", "cơ quan bảo hiểm xã hội"]
    assert names_in("Giao cơ quan thanh tra, cơ quan thống kê theo dõi.") == ["cơ quan thanh tra", "cơ quan thống kê"]


def test_a_committee_of_one_level_goes_on_with_the_same_committee_of_others():
    assert names_in("Ủy ban nhân dân cấp huyện, cấp xã tổ chức thực hiện.") == [
        "Ủy ban nhân dân cấp huyện", "cấp xã"]
    got = _body_of("Điều 1. Giao nhiệm vụ.\n1. UBND các huyện và xã, phường, thị trấn tổ chức thực hiện.\n"
                   "2. Ban Chỉ đạo cấp tỉnh và cấp huyện kiểm tra.\n")
    assert {b["name"]: b["role"] for b in got} == {
        "Ủy ban nhân dân các huyện": "lead", "Ủy ban nhân dân các xã, phường, thị trấn": "lead",
        "Ban Chỉ đạo cấp tỉnh": "monitor", "Ban Chỉ đạo cấp huyện": "monitor"}


def test_related_bodies_without_cac_as_a_table_cell_writes_them():
    assert names_in("Cơ quan, đơn vị có liên quan phối hợp thực hiện.") == ["Cơ quan , đơn vị có liên quan"]
    assert names_in("Cơ quan, tổ chức, cá nhân vi phạm bị xử lý.") == []


def test_bodies_a_person_works_with_take_their_roles():
    got = _body_of("Điều 1. Tổ chức tuyên truyền.\n1. Công chức Văn hóa - Xã hội xã chủ trì, phối hợp với Đoàn Thanh "
                   "niên xã tổ chức tuyên truyền.\n2. Trưởng thôn, Bí thư Chi bộ các thôn phối hợp với Ban Công tác Mặt "
                   "trận thôn vận động nhân dân.\n")
    assert {b["name"]: b["role"] for b in got} == {"Đoàn Thanh niên xã": "coordinate",
                                                   "Ban Công tác Mặt trận thôn": "coordinate"}


def test_the_same_levels_body_is_named_whole():
    assert names_in("Sở Y tế chủ trì, phối hợp với Ủy ban nhân dân cùng cấp thực hiện.") == [
        "Sở Y tế", "Ủy ban nhân dân cùng cấp"]
    assert names_in("Phối hợp với Liên đoàn Lao động cùng cấp tổ chức đối thoại.") == ["Liên đoàn Lao động cùng cấp"]


def test_a_boards_number_before_its_party_committee_is_its_name():
    assert names_in("Ban Chỉ đạo 35 Tỉnh ủy chỉ đạo đấu tranh phản bác các quan điểm sai trái.") == [
        "Ban Chỉ đạo 35 Tỉnh ủy"]
    assert names_in("Ban Chấp hành 03 Hội Nông dân tham dự.") == ["Ban Chấp hành", "Hội Nông dân"]


def test_a_body_that_directs_one_body_and_asks_another_does_the_directing():
    got = _body_of("Điều 1. Giao nhiệm vụ.\n1. Sở Y tế chỉ đạo Trung tâm Kiểm soát bệnh tật tỉnh và đề nghị "
                   "Hội Chữ thập đỏ tỉnh vận động hiến máu.\n2. Sở Công Thương đề nghị Sở Xây dựng rà soát.\n")
    assert roles_by_name(got, "Sở Y tế") == {"lead"}
    assert roles_by_name(got, "Sở Công Thương") == set()       # only asks: the task is Sở Xây dựng's
    assert roles_by_name(got, "Sở Xây dựng") == {"lead"}


def test_a_units_number_ends_its_name_and_a_count_is_no_part_of_it():
    assert names_in("Đề nghị Bộ Tư lệnh Quân khu 7 chỉ đạo thực hiện.") == ["Bộ Tư lệnh Quân khu 7"]
    assert names_in("Phối hợp với Trường Trung học cơ sở số 2 tổ chức hội thi.") == ["Trường Trung học cơ sở số 2"]
    assert names_in("Báo cáo Sở Y tế 5 ngày trước khi tổ chức; gửi Sở Nội vụ 02 bản.") == ["Sở Y tế", "Sở Nội vụ"]


def test_the_news_agency_is_a_body_of_its_own():
    assert names_in("Chỉ đạo Đài Tiếng nói Việt Nam, Thông tấn xã Việt Nam đẩy mạnh tuyên truyền.") == [
        "Đài Tiếng nói Việt Nam", "Thông tấn xã Việt Nam"]


def test_a_body_asked_mid_sentence_takes_the_role_of_its_own_verb():
    got = _body_of("Điều 1. Giao nhiệm vụ.\n1. Sở Y tế chủ trì và đề nghị Công an tỉnh phối hợp kiểm tra các cơ sở.\n"
                   "2. Sở Xây dựng chỉ đạo Trung tâm Quy hoạch và đề nghị Hội Kiến trúc sư tỉnh theo dõi.\n")
    assert roles_by_name(got, "Sở Y tế") == {"lead"}
    assert roles_by_name(got, "Công an tỉnh Lâm Đồng") == {"coordinate"}
    assert roles_by_name(got, "Hội Kiến trúc sư tỉnh Lâm Đồng") == {"monitor"}


def test_a_body_named_short_before_its_full_name_is_that_body():
    # a task part names the project board short; the full name comes later
    got = _body_of("Điều 1. Ban Quản lý dự án đô thị chủ trì lập hồ sơ.\n"
                   "Điều 2. Sở Tư pháp và Ban Quản lý dự án phát triển đô thị và môi trường tỉnh phối hợp.\n")
    full = "Ban Quản lý dự án phát triển đô thị và môi trường tỉnh Lâm Đồng"
    assert roles_by_name(got, full) == {"lead", "coordinate"}
    assert not roles_by_name(got, "Ban Quản lý dự án đô thị")


def test_the_prime_minister_written_as_the_government_office_writes_him():
    got = _body_of("Điều 1. Giao nhiệm vụ.\nNơi nhận:\n- Như trên;\n- TTCP, PTTg Lê Văn Tám (để b/c);\n- Lưu: VT.\n")
    assert roles_by_name(got, "Thủ tướng Chính phủ") == {"recipient"}
    assert not any("PTTg" in b["name"] or "Tám" in b["name"] for b in got)


def test_the_investor_column_of_a_capital_plan_names_who_carries_each_project_out():
    assert column_role("Chủ đầu tư") == "lead"
    got = _body_of("Điều 1. Phân bổ vốn như sau:\nTT | Danh mục dự án | Chủ đầu tư | Kế hoạch vốn (triệu đồng)\n"
                   "1 | Nhà văn hóa xã | Ủy ban nhân dân xã Hòa Bình | 2.300\n"
                   "2 | Kè chống sạt lở | Sở Nông nghiệp và Môi trường | 7.000\n")
    assert roles_by_name(got, "Ủy ban nhân dân xã Hòa Bình") == {"lead"}
    assert roles_by_name(got, "Sở Nông nghiệp và Môi trường") == {"lead"}


def test_a_head_written_in_lower_case_in_the_executing_sentence_is_a_title():
    got = _body_of("Điều 1. Phê duyệt danh sách.\nĐiều 2. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Nội vụ; chủ tịch "
                   "UBND các xã; thủ trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này.\n")
    assert {"Văn phòng Ủy ban nhân dân tỉnh Lâm Đồng", "Sở Nội vụ", "Ủy ban nhân dân các xã",
            "các cơ quan, đơn vị có liên quan"} <= {b["name"] for b in got if b["role"] == "lead"}


def test_land_registration_and_notary_offices_are_named_by_their_field_in_lower_case():
    assert names_in("Văn phòng đăng ký đất đai tỉnh cập nhật biến động.") == ["Văn phòng đăng ký đất đai tỉnh"]
    assert names_in("Văn phòng công chứng Hòa Bình thực hiện công chứng.") == ["Văn phòng công chứng Hòa Bình"]
    # the office's older name holds a verb (`sử dụng`) that would end any other name
    assert names_in("Hồ sơ gửi đến Văn phòng đăng ký quyền sử dụng đất huyện.") == ["Văn phòng đăng ký quyền sử dụng đất huyện"]


def test_funds_named_by_their_purpose_in_lower_case():
    """A state fund is named by its purpose in lower case (`Quỹ hỗ trợ phát triển`, `Quỹ đầu tư phát triển tỉnh …`);
    the fund a unit keeps (`quỹ đầu tư phát triển của đơn vị`, lower-case `quỹ`) is no body."""
    assert names_in("Ủy thác cho Quỹ hỗ trợ phát triển thực hiện nghiệp vụ.") == ["Quỹ hỗ trợ phát triển"]
    assert names_in("Quỹ đầu tư phát triển tỉnh Hà Nam cho vay.") == ["Quỹ đầu tư phát triển tỉnh Hà Nam"]
    assert names_in("Trích quỹ đầu tư phát triển của đơn vị.") == []


def test_a_name_ends_before_the_estimate_sent_to_it_and_keeps_an_sme_field():
    assert names_in("đồng thời gửi Kho bạc Nhà nước dự toán điều chỉnh để phối hợp thực hiện.") == ["Kho bạc Nhà nước"]
    assert names_in("Đề nghị Hiệp hội Doanh nghiệp nhỏ và vừa Việt Nam, các hội nghề nghiệp có biện pháp hỗ trợ.") == \
        ["Hiệp hội Doanh nghiệp nhỏ và vừa Việt Nam", "các hội nghề nghiệp"]


def test_the_partys_groups_in_the_state_addressed_together_are_a_collective():
    found = names_in("Căn cứ Kế hoạch này, các Đảng đoàn, Ban Cán sự đảng, Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh "
                     "xây dựng kế hoạch.")
    assert [n.replace(" ,", ",") for n in found] == ["các Đảng đoàn, Ban Cán sự đảng",
                                                     "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"]


def test_units_given_a_budget_are_given_the_work():
    got = _body_of("Điều 2. Các cơ quan, đơn vị, địa phương được phân bổ vốn tổ chức thực hiện đúng quy định.\n")
    assert roles_by_name(got, "Các cơ quan, đơn vị, địa phương") == {"lead"}


def test_associations_named_in_lower_case_by_whom_they_gather():
    assert names_in("phối hợp với Sở Y tế, Hội đồng giám định Y khoa, Hội nạn nhân chất độc da cam/dioxin, "
                    "Hội Cựu chiến binh") == ["Sở Y tế", "Hội đồng giám định Y khoa", "Hội nạn nhân chất độc da cam/dioxin",
                                             "Hội Cựu chiến binh"]


def test_a_provinces_station_is_named_with_va_and_the_merged_paper_keeps_its_name():
    assert canonical("Đài PTTH tỉnh") == "Đài Phát thanh và Truyền hình tỉnh"
    assert canonical("Đài PT-TH tỉnh") == "Đài Phát thanh và Truyền hình tỉnh"
    assert canonical("Báo và PT-TH Lâm Đồng") == "Báo và Phát thanh - Truyền hình Lâm Đồng"


def test_a_head_after_a_comma_at_the_line_end_is_not_part_of_the_name_before_it():
    """`Đề nghị Hội Liên hiệp Phụ nữ tỉnh, Phòng` / `Thương mại và Công nghiệp …`: the page wrapped the next body's
    name after its head; the head is not a kind of unit listed with the first name, as a unit after a
    committee's is (`Ủy ban nhân dân các huyện, Thành phố`)."""
    assert names_in("Đề nghị Hội Liên hiệp Phụ nữ tỉnh, Phòng") == ["Hội Liên hiệp Phụ nữ tỉnh"]
    assert names_in("Đề nghị Sở Y tế, Ban") == ["Sở Y tế"]
    assert names_in("Ủy ban nhân dân các huyện, Thành phố thực hiện") == ["Ủy ban nhân dân các huyện , Thành phố"]


def test_a_task_verb_typed_in_capitals_ends_the_name_before_its_object():
    """`- MTTQ Phối hợp với UBND xã`: a line typed with its verb capitalized; a capitalized word goes on with a name
    (`Ban Quản lý`), but not a task verb right before its object (`với`, a comma)."""
    assert names_in("- MTTQ Phối hợp với UBND xã tổ chức hội nghị.") == ["MTTQ", "UBND xã"]
    assert names_in("Sở Y tế Chủ trì, phối hợp với Sở Tài chính") == ["Sở Y tế", "Sở Tài chính"]


def test_what_a_body_is_after_a_dash_is_not_its_name():
    """`Quốc hội Việt Nam - Cơ quan đại biểu cao nhất của Nhân dân`: the apposition says what the body is; a dash
    inside a name joins its fields (`Sở Lao động - Thương binh và Xã hội`)."""
    assert names_in("tuyên truyền về Quốc hội Việt Nam - Cơ quan đại biểu cao nhất của Nhân dân") == ["Quốc hội Việt Nam"]
    assert names_in("Sở Lao động - Thương binh và Xã hội chủ trì") == ["Sở Lao động - Thương binh và Xã hội"]


def test_a_party_committee_by_its_code_after_its_board_or_standing_body():
    """A provincial Nơi nhận writes the Party's standing board by codes (`TT. TU, HĐND tỉnh`, `TTHU`, `BTV TU`);
    `TU`, `HU`, `ĐU` are also syllables, so a name in capitals is not cased over them."""
    assert names_in("- TT. TU, HĐND tỉnh (b/c);") == ["TT . TU", "HĐND tỉnh"]
    assert [canonical(n) for n in ("TT. TU", "TTHU", "BTV TU", "VP ĐU")] == \
        ["Thường trực Tỉnh ủy", "Thường trực Huyện ủy", "Ban Thường vụ Tỉnh ủy", "Văn phòng Đảng ủy"]
    assert canonical("SỞ TƯ PHÁP") == "Sở Tư pháp"


def test_a_state_treasury_branch_by_its_code_is_expanded():
    """`KBNN khu vực IX` in a Nơi nhận is the State Treasury's regional branch (its code is no longer only an
    issuer's code of a cited number)."""
    assert canonical("KBNN khu vực IX") == "Kho bạc Nhà nước khu vực IX"
    assert canonical("BHXHVN") == "Bảo hiểm xã hội Việt Nam"
    # a commune's council and committee share one office, their codes joined by a dash
    assert canonical("VP HĐND-UBND xã") == "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã"


def test_police_courts_and_branches_by_their_codes_in_an_address_list():
    """A provincial Nơi nhận shortens the police, the courts, the central bank's branch, a commune's health station
    and the farmers' union (`CA tỉnh`, `TAND tỉnh, VKSND tỉnh`, `NHNN chi nhánh tỉnh`, `Trạm YT xã`, `Hội ND tỉnh`);
    a bare `CA` is no police."""
    assert names_in("- CA tỉnh; TAND tỉnh, VKSND tỉnh;") == ["CA tỉnh", "TAND tỉnh", "VKSND tỉnh"]
    assert names_in("Ký bởi CA của đơn vị") == []
    assert [canonical(n) for n in ("CA tỉnh", "TAND tỉnh", "VKSND tỉnh", "NHNN chi nhánh tỉnh", "Trạm YT xã",
                                   "Hội ND tỉnh", "BCH QS tỉnh")] == \
        ["Công an tỉnh", "Tòa án nhân dân tỉnh", "Viện Kiểm sát nhân dân tỉnh", "Ngân hàng Nhà nước chi nhánh tỉnh",
         "Trạm Y tế xã", "Hội Nông dân tỉnh", "Bộ Chỉ huy Quân sự tỉnh"]


def test_a_committees_units_end_before_another_kind_of_body_in_the_list():
    """`UBND các xã, phường, đơn vị liên quan`: the committees of the units, then other bodies; a Party list of
    committees by their units goes on (`Ban Thường vụ các huyện, thị, thành ủy`)."""
    assert names_in("Giao UBND các xã, phường, đơn vị liên quan tổ chức thực hiện.")[0] == "UBND các xã , phường"
    assert names_in("Ban Thường vụ các huyện, thị, thành ủy chỉ đạo")[0].startswith("Ban Thường vụ các huyện , thị")


def test_a_plural_of_units_opening_a_line_takes_no_place_of_the_issuer():
    """`Các xã thực hiện` in a commune's plan names every commune, not the issuer's own, whether its `các` opens a
    line (capitalized) or not; a capitalized collective that names its owner unit (`Các tổ chức chính trị - xã hội
    xã`) is the issuer's own, as before."""
    from pipeline.extract.bodies.places import resolve_jurisdiction
    places = {"xã": "Lương Minh", "tỉnh": "Lâm Đồng"}
    assert resolve_jurisdiction("Các xã", places) == "Các xã"
    assert resolve_jurisdiction("các xã", places) == "các xã"
    assert resolve_jurisdiction("Ủy ban nhân dân xã", places) == "Ủy ban nhân dân xã Lương Minh"
    assert resolve_jurisdiction("Các tổ chức chính trị - xã hội xã", places) == \
        "Các tổ chức chính trị - xã hội xã Lương Minh"


def test_a_party_committees_office_and_boards_by_their_glued_codes():
    """`VPTU`, `BTGTU` are codes of their own: the office of the Party committee, not `VP` + `Tỉnh ủy`; a code after
    its board's code and a space or a dot is still the committee (`TT. TU`, `VP ĐU`)."""
    assert canonical("VPTU") == "Văn phòng Tỉnh ủy" and canonical("VPHU") == "Văn phòng Huyện ủy"
    assert canonical("BTGTU") == "Ban Tuyên giáo Tỉnh ủy" and canonical("UBKTTU") == "Ủy ban Kiểm tra Tỉnh ủy"
    assert canonical("TT. TU") == "Thường trực Tỉnh ủy" and canonical("VP ĐU") == "Văn phòng Đảng ủy"
    assert names_in("Gửi các ban đảng, VPTU, UBKT Tỉnh ủy.") == ["các ban đảng", "VPTU", "UBKT Tỉnh ủy"]


def test_a_departments_field_typed_in_lower_case_is_one_name_spelled_as_the_field():
    """`các sở giáo dục và đào tạo` is one collective (its `và` joins the two words of the field, not two bodies), and
    a field typed in any case is written as rules/abbreviations.yaml `fields` spells it."""
    assert names_in("Yêu cầu các sở giáo dục và đào tạo triển khai.") == ["các sở giáo dục và đào tạo"]
    assert canonical("Bộ Giáo dục và đào tạo") == "Bộ Giáo dục và Đào tạo"
    assert canonical("Sở Tài nguyên và môi trường tỉnh Lâm Đồng") == "Sở Tài nguyên và Môi trường tỉnh Lâm Đồng"
    assert canonical("Sở Nội Vụ") == "Sở Nội vụ" and canonical("Bộ tài chính") == "Bộ Tài chính"
    # a school named after a field keeps its name as written
    assert canonical("Trường Đại học Giáo dục và đào tạo") == "Trường Đại học Giáo dục và đào tạo"
