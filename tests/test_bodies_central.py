"""Probe set for issue 14: the bodies of central acts (a Government decree, a Prime Minister's decision, a
ministry's decision), whose executing article and Nơi nhận name ministries, the Government's agencies and the
committees of every province in their own way. Every sentence is invented for this test, written as such
documents write; each case lists exactly the bodies and roles DATASET.md "bodies" expects of it.

Names are compared as the shared scorer compares them (tests/test_bodies_levels.py `_same`).
"""
import os

import pytest

from pipeline.run.process import process_text
from tests.test_bodies_levels import _same

HEADS = {
    "government": "CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 31/2025/NĐ-CP\n"
                  "Hà Nội, ngày 12 tháng 3 năm 2025\nNGHỊ ĐỊNH\nQuy định về quản lý quỹ hỗ trợ hợp tác xã\nCHÍNH PHỦ\n"
                  "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;\n",
    "prime_minister": "THỦ TƯỚNG CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                      "Số: 640/QĐ-TTg\nHà Nội, ngày 02 tháng 6 năm 2025\nQUYẾT ĐỊNH\nPhê duyệt Đề án phát triển vùng "
                      "nguyên liệu\nTHỦ TƯỚNG CHÍNH PHỦ\nCăn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;\n",
    "ministry": "BỘ XÂY DỰNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 215/QĐ-BXD\n"
                "Hà Nội, ngày 20 tháng 6 năm 2025\nQUYẾT ĐỊNH\nVề việc ban hành Kế hoạch kiểm tra năm 2025\n"
                "BỘ TRƯỞNG BỘ XÂY DỰNG\nCăn cứ Nghị định số 33/2025/NĐ-CP ngày 25 tháng 02 năm 2025 của Chính phủ;\n",
}
SIGN = {"government": "TM. CHÍNH PHỦ\nTHỦ TƯỚNG\nLê Văn Minh\n", "prime_minister": "KT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\nTrần Văn Nam\n",
        "ministry": "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nPhạm Thị Lan\n"}


def _act(kind, preamble, articles, recipients=""):
    enact = "NGHỊ ĐỊNH:" if kind == "government" else "QUYẾT ĐỊNH:"
    text = HEADS[kind] + preamble.strip() + "\n" + enact + "\n" + articles.strip() + "\n"
    if recipients:
        text += "Nơi nhận:\n" + recipients.strip() + "\n- Lưu: VT.\n"
    return text + SIGN[kind]


def _rules_bodies(text):
    old = os.environ.get("VANBAN_BODIES")
    os.environ["VANBAN_BODIES"] = "rules"
    try:
        return process_text("probe.txt", text)["bodies"]
    finally:
        if old is None:
            os.environ.pop("VANBAN_BODIES")
        else:
            os.environ["VANBAN_BODIES"] = old


ARTICLE_1 = "Điều 1. Phạm vi điều chỉnh\nNghị định này quy định việc quản lý quỹ.\n"
DECIDE_1 = "Điều 1. Phê duyệt Đề án với các nội dung chính sau đây.\n"

# (issuer, preamble, articles, Nơi nhận items, {expected name: roles}); only the roles listed are checked for
# the names listed, and no other body may come out
CASES = [
    # ---------------------------------------------------------------- executing articles
    ("government", "Theo đề nghị của Bộ trưởng Bộ Nông nghiệp và Môi trường;",
     ARTICLE_1 + "Điều 2. Hiệu lực thi hành\nNghị định này có hiệu lực thi hành kể từ ngày ký.\nĐiều 3. Trách nhiệm thi hành\n"
     "Các Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân các "
     "tỉnh, thành phố trực thuộc Trung ương chịu trách nhiệm thi hành Nghị định này./.", "",
     {"Bộ Nông nghiệp và Môi trường": {"advise"}, "các Bộ": {"lead"}, "cơ quan ngang Bộ": {"lead"},
      "cơ quan thuộc Chính phủ": {"lead"}, "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương": {"lead"}}),
    ("ministry", "Theo đề nghị của Chánh Thanh tra Bộ.",
     "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch kiểm tra năm 2025.\n"
     "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n"
     "Điều 3. Chánh Văn phòng Bộ, Cục trưởng Cục Kinh tế xây dựng, Vụ trưởng Vụ Tổ chức cán bộ, Chánh Thanh tra Bộ "
     "và Thủ trưởng các đơn vị thuộc Bộ chịu trách nhiệm thi hành Quyết định này./.", "",
     {"Thanh tra Bộ": {"advise", "lead"}, "Văn phòng Bộ": {"lead"}, "Cục Kinh tế xây dựng": {"lead"},
      "Vụ Tổ chức cán bộ": {"lead"}, "các đơn vị thuộc Bộ": {"lead"}}),
    # an act typed in mixed case: `Nghị Định:` opens the articles, it ends no name of the line above
    ("government", "Theo đề nghị của Bộ trưởng Bộ Tài chính,\nNghị Định:",
     ARTICLE_1 + "Điều 2. Bộ Tài chính hướng dẫn thi hành Nghị định này.", "",
     {"Bộ Tài chính": {"advise", "lead"}}),
    # every level's committee is one collective, named whole
    ("prime_minister", "Theo đề nghị của Bộ trưởng Bộ Nội vụ.",
     DECIDE_1 + "Điều 2. Ủy ban nhân dân các cấp, các Bộ, cơ quan ngang Bộ có trách nhiệm tuyên truyền, "
     "phổ biến Đề án.", "",
     {"Bộ Nội vụ": {"advise"}, "các Bộ, cơ quan ngang Bộ": {"lead"}, "Ủy ban nhân dân các cấp": {"lead"}}),
    # ---------------------------------------------------------------- the Nơi nhận of central acts
    ("prime_minister", "Theo đề nghị của Bộ trưởng Bộ Công Thương.", DECIDE_1,
     "- Ban Bí thư Trung ương Đảng;\n- Thủ tướng, các Phó Thủ tướng Chính phủ;\n"
     "- Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ;\n- HĐND, UBND các tỉnh, thành phố trực thuộc trung ương;\n"
     "- Văn phòng Chủ tịch nước;\n- Tòa án NDTC;\n- Viện kiểm sát NDTC;\n- Kiểm toán nhà nước;\n"
     "- Ủy ban trung ương Mặt trận Tổ quốc Việt Nam;\n- Cơ quan trung ương của các đoàn thể;\n"
     "- VPCP: BTCN, các PCN, Trợ lý TTg, các Vụ, Cục, Công báo;",
     {"Bộ Công Thương": {"advise"}, "Ban Bí thư Trung ương Đảng": {"recipient"},
      "các Phó Thủ tướng Chính phủ": {"recipient"},
      "các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ": {"recipient"},
      "Hội đồng nhân dân các tỉnh, thành phố trực thuộc trung ương": {"recipient"},
      "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương": {"recipient"},
      "Văn phòng Chủ tịch nước": {"recipient"}, "Tòa án nhân dân tối cao": {"recipient"},
      "Viện kiểm sát nhân dân tối cao": {"recipient"}, "Kiểm toán nhà nước": {"recipient"},
      "Ủy ban trung ương Mặt trận Tổ quốc Việt Nam": {"recipient"}, "Cơ quan trung ương của các đoàn thể": {"recipient"},
      "Văn phòng Chính phủ": {"recipient"}, "các Vụ, Cục": {"recipient"}, "Công báo": {"recipient"}}),
    # heads of central bodies charged with an act; a department of every province shares the units said once
    ("ministry", "Theo đề nghị của Tổng cục trưởng Tổng cục Thống kê.",
     "Điều 1. Sửa đổi biểu mẫu báo cáo thống kê.\nĐiều 2. Tổng cục trưởng Tổng cục Thống kê, Thống đốc Ngân hàng Nhà "
     "nước Việt Nam và Thủ trưởng các đơn vị thuộc Bộ chịu trách nhiệm thi hành Quyết định này./.",
     "- Như Điều 2;\n- UBND, Sở Xây dựng, Cục Thống kê các tỉnh, TP trực thuộc TW;",
     {"Tổng cục Thống kê": {"advise", "lead", "recipient"}, "Ngân hàng Nhà nước Việt Nam": {"lead", "recipient"},
      "các đơn vị thuộc Bộ": {"lead", "recipient"},
      "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương": {"recipient"},
      "Sở Xây dựng các tỉnh, thành phố trực thuộc Trung ương": {"recipient"},
      "Cục Thống kê các tỉnh, thành phố trực thuộc Trung ương": {"recipient"}}),
    # a two-column closing read line by line: the signature column's words are no part of the items beside them
    ("ministry", "Theo đề nghị của Vụ trưởng Vụ Pháp chế.", "Điều 1. Sửa đổi biểu mẫu báo cáo.",
     "- Văn phòng Trung ương Đảng                    Thứ trưởng\n- Các Bộ, cơ quan ngang Bộ   (Đã ký)\n"
     "- Ban Giám đốc Kho bạc Nhà nước;",
     {"Vụ Pháp chế": {"advise"}, "Văn phòng Trung ương Đảng": {"recipient"}, "các Bộ, cơ quan ngang Bộ": {"recipient"},
      "Ban Giám đốc Kho bạc Nhà nước": {"recipient"}}),
    # the Government's heads are offices of state, named with the Government once for both
    ("government", "Theo đề nghị của Bộ trưởng Bộ Tư pháp;", ARTICLE_1,
     "- Thủ tướng, các PTT Chính phủ;\n- Văn phòng Quốc hội;",
     {"Bộ Tư pháp": {"advise"}, "Thủ tướng Chính phủ": {"recipient"}, "các Phó Thủ tướng Chính phủ": {"recipient"},
      "Văn phòng Quốc hội": {"recipient"}}),
    # the Prime Minister alone, or abbreviated with the deputies (named), is the same office, never `Chính phủ`
    ("ministry", "Theo đề nghị của Vụ trưởng Vụ Pháp chế.", ARTICLE_1,
     "- Thủ tướng Chính phủ (để b/c);\n- Văn phòng Quốc hội;",
     {"Vụ Pháp chế": {"advise"}, "Thủ tướng Chính phủ": {"recipient"}, "Văn phòng Quốc hội": {"recipient"}}),
    ("government", "Theo đề nghị của Bộ trưởng Bộ Tư pháp;", ARTICLE_1,
     "- TTg, các PTTg: Trần Văn A, Lê Văn B;\n- Văn phòng Quốc hội;",
     {"Bộ Tư pháp": {"advise"}, "Thủ tướng Chính phủ": {"recipient"}, "các Phó Thủ tướng Chính phủ": {"recipient"},
      "Văn phòng Quốc hội": {"recipient"}}),
    # `TP` listed with other units is a city; `TT` before a council its standing board
    ("ministry", "Theo đề nghị của Vụ trưởng Vụ Kế hoạch - Tài chính.",
     "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch kiểm tra năm 2025.",
     "- UBND, Sở Xây dựng các tỉnh, TP trực thuộc TW;\n- TT HĐND các tỉnh, TP;",
     {"Vụ Kế hoạch - Tài chính": {"advise"},
      "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương": {"recipient"},
      "Sở Xây dựng các tỉnh, thành phố trực thuộc Trung ương": {"recipient"},
      "Thường trực Hội đồng nhân dân các tỉnh, thành phố": {"recipient"}}),
    # the state groups and corporations a ministry addresses together are one collective, as `các sở, ban, ngành`
    ("ministry", "Theo đề nghị của Cục trưởng Cục Điện lực.",
     "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch tiết kiệm điện năm 2025.\n"
     "Điều 2. Các tập đoàn, tổng công ty nhà nước và các tổ chức tín dụng chịu trách nhiệm thi hành Quyết định này./.",
     "",
     {"Cục Điện lực": {"advise"}, "các tập đoàn, tổng công ty nhà nước": {"lead"},
      "các tổ chức tín dụng": {"lead"}}),
]


@pytest.mark.parametrize("kind,preamble,articles,recipients,expected", CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_central(kind, preamble, articles, recipients, expected):
    got = _rules_bodies(_act(kind, preamble, articles, recipients))
    pred = [(b["name"], b["role"]) for b in got]
    unexpected = sorted({n for n, _ in pred if not any(_same(n, e) for e in expected)})
    assert not unexpected, f"not bodies here: {unexpected}; all: {pred}"
    for name, roles in expected.items():
        found = {r for n, r in pred if _same(n, name)}
        assert found == roles, f"{name}: {found or 'missed'} (want {roles}); all: {pred}"


# a decision and the programme issued with it, after the decision's signature and Nơi nhận; its title typed in mixed
# case, so only the `(Ban hành kèm theo Quyết định …)` line says where it starts
ISSUED_WITH = """ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 75/QĐ-UBND
Lào Cai, ngày 05 tháng 3 năm 2025
QUYẾT ĐỊNH
Ban hành Chương trình chuyển đổi số giai đoạn 2025 - 2030
ỦY BAN NHÂN DÂN TỈNH
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Chương trình chuyển đổi số giai đoạn 2025 - 2030.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Hoàng Văn Nam
Nơi nhận:
- Bộ Khoa học và Công nghệ;
- Lưu: VT.
Chương trình
Chuyển đổi số tỉnh Lào Cai giai đoạn 2025 - 2030
(Ban hành kèm theo Quyết định số 75/QĐ-UBND ngày 05/3/2025 của Ủy ban nhân dân tỉnh)
Để thực hiện hiệu quả nhiệm vụ chuyển đổi số, Ủy ban nhân dân tỉnh ban hành Chương trình như sau.
Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính tham mưu bố trí nguồn kinh phí cho Chương trình.
Trung tâm Phục vụ hành chính công tỉnh theo dõi, đôn đốc việc số hóa hồ sơ.
"""


def test_issued_with_programme():
    pred = {(b["name"], b["role"]) for b in _rules_bodies(ISSUED_WITH)}
    assert ("Sở Khoa học và Công nghệ", "lead") in pred, pred
    assert ("Sở Tài chính", "coordinate") in pred, pred
    assert ("Trung tâm Phục vụ hành chính công tỉnh Lào Cai", "monitor") in pred, pred
    assert ("Bộ Khoa học và Công nghệ", "recipient") in pred, pred


def test_a_plan_issued_with_a_ministrys_decision_reports_to_the_ministry_named_by_its_head():
    # `báo cáo kết quả về Bộ (qua Cục …)` in the plan after the decision's signature: the issuing ministry
    text = _act("ministry", "", "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch kiểm tra năm 2025.\n"
                "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.") + (
        "KẾ HOẠCH\nKiểm tra công tác quản lý chất lượng công trình năm 2025\n"
        "(Ban hành kèm theo Quyết định số 215/QĐ-BXD ngày 20/6/2025 của Bộ trưởng Bộ Xây dựng)\n"
        "I. NHIỆM VỤ\n1. Sở Xây dựng các tỉnh, thành phố tự kiểm tra các công trình trên địa bàn; báo cáo kết quả về Bộ "
        "(qua Cục Giám định nhà nước về chất lượng công trình xây dựng) trước ngày 15/11/2025.\n")
    pred = {(b["name"], b["role"]) for b in _rules_bodies(text)}
    assert ("Bộ Xây dựng", "report_to") in pred, pred
    assert ("Bộ Xây dựng", "recipient") not in pred and ("Bộ Xây dựng", "lead") not in pred, pred


# a province's decision whose executing article opens with the courtesy form, names the office through its head's
# title in lower case, lists departments after one title and a colon, and joins a field's words with `&`
PROVINCE_DECISION = """ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 91/QĐ-UBND
Lào Cai, ngày 14 tháng 6 năm 2025
QUYẾT ĐỊNH
Về việc phê duyệt Kế hoạch trồng rừng thay thế
ỦY BAN NHÂN DÂN TỈNH
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;
QUYẾT ĐỊNH:
Điều 1. Phê duyệt Kế hoạch trồng rừng thay thế năm 2025.
Điều 2. Giao Sở Tài chính, Sở Văn hóa & Du lịch và UBND các xã, phường thực hiện nhiệm vụ được phân công.
Điều 3. Các ông (bà) Chánh văn phòng UBND tỉnh, Giám đốc: Sở Văn hóa & Du lịch, Sở Xây dựng, Sở Tài chính, Chủ tịch
UBND các xã, phường chịu trách nhiệm thi hành Quyết định này.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Trần Văn Nam
"""


def test_executing_article_of_a_province():
    pred = {(b["name"], b["role"]) for b in _rules_bodies(PROVINCE_DECISION)}
    for name in ("Văn phòng Ủy ban nhân dân tỉnh Lào Cai", "Sở Tài chính", "Sở Văn hóa và Du lịch", "Sở Xây dựng",
                 "Ủy ban nhân dân các xã, phường"):
        assert (name, "lead") in pred, (name, pred)


def _letter(addressed, body):
    return ("BỘ TÀI CHÍNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 1234/BTC-HCSN\n"
            "V/v đôn đốc gửi báo cáo định mức\nHà Nội, ngày 5 tháng 3 năm 2024\nKính gửi: " + addressed + "\n" + body +
            "\nNơi nhận:\n- Như trên;\n- Lưu: VT, HCSN.\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nNguyễn Văn Bình\n")


@pytest.mark.parametrize("addressed, body, expected", [
    # `quý Bộ` is the one ministry addressed; the person `Hoàng Quý …` is no body
    ("Bộ Giáo dục và Đào tạo",
     "Bộ Tài chính đề nghị quý Bộ khẩn trương gửi báo cáo rà soát định mức, ý kiến của chuyên gia Hoàng Quý Sở ghi tại "
     "Phụ lục.", {("Bộ Giáo dục và Đào tạo", "recipient"), ("Bộ Giáo dục và Đào tạo", "lead")}),
    # `Quý cơ quan` stands for every addressee; `quý Sở` for the departments only
    ("- Sở Tài chính tỉnh Hà Nam;\n- Kho bạc Nhà nước tỉnh Hà Nam.",
     "Đề nghị Quý cơ quan rà soát số liệu. Đề nghị quý Sở tổng hợp, gửi Bộ Tài chính trước ngày 30/3/2024.",
     {("Sở Tài chính tỉnh Hà Nam", "recipient"), ("Kho bạc Nhà nước tỉnh Hà Nam", "recipient"),
      ("Sở Tài chính tỉnh Hà Nam", "lead"), ("Kho bạc Nhà nước tỉnh Hà Nam", "lead"), ("Bộ Tài chính", "report_to")}),
    # a full name after `quý` is the name; with no ministry addressed, `quý Bộ` names none
    ("Ủy ban nhân dân tỉnh Hà Nam", "Đề nghị quý Ủy ban phối hợp với quý Bộ Xây dựng rà soát. Đề nghị quý Bộ gửi báo cáo.",
     {("Ủy ban nhân dân tỉnh Hà Nam", "recipient"), ("Ủy ban nhân dân tỉnh Hà Nam", "coordinate"),
      ("Bộ Xây dựng", "coordinate")}),
])
def test_addressee_named_by_courtesy(addressed, body, expected):
    pred = {(b["name"], b["role"]) for b in _rules_bodies(_letter(addressed, body))}
    assert pred == expected


def test_executing_article_wrapped_before_a_cited_article():
    """The page wrapped the executing sentence before the article it cites (`… quy định tại` / `Điều 1 chịu trách
    nhiệm thi hành …`): that line is no article of its own, the sentence goes on to its verb."""
    text = _act("prime_minister", "", DECIDE_1 + "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.\n"
                "Điều 3. Các Bộ trưởng, Thủ trưởng cơ quan ngang Bộ và các thành viên Ban Chỉ đạo quy định tại\n"
                "Điều 1 chịu trách nhiệm thi hành Quyết định này./.")
    got = {(b["name"], b["role"]) for b in _rules_bodies(text)}
    assert {("các Bộ", "lead"), ("cơ quan ngang Bộ", "lead")} <= got, got


def test_standard_recipients_of_a_central_act_and_the_associations_it_calls_on():
    """`doanh nghiệp nhỏ và vừa` is one word of an association's name; the National Assembly's committees and the
    trade associations are addressed together (`các Ủy ban của Quốc hội`, `các hiệp hội`); a speck OCR read after
    an item's `;` is no part of it."""
    text = _act("prime_minister", "", "Điều 1. Đề nghị Phòng Thương mại và Công nghiệp Việt Nam, Hiệp hội Doanh "
                "nghiệp nhỏ và vừa Việt Nam có biện pháp động viên doanh nghiệp. Bộ Văn hóa, Thể thao và Du lịch phối hợp với các "
                "hiệp hội nghề nghiệp về du lịch xây dựng Chương trình kích cầu du lịch.\n",
                "Nơi nhận:\n- Văn phòng Trung ương và các Ban của Đảng; ff\n"
                "- Hội đồng Dân tộc và các Ủy ban của Quốc hội; z x\n- Lưu: VT.\n")
    got = {(b["name"], b["role"]) for b in _rules_bodies(text)}
    assert {("Hiệp hội Doanh nghiệp nhỏ và vừa Việt Nam", "lead"), ("các hiệp hội nghề nghiệp", "coordinate"),
            ("các Ban của Đảng", "recipient"), ("Hội đồng Dân tộc", "recipient"),
            ("các Ủy ban của Quốc hội", "recipient")} <= got, got
    assert not {n for n, _ in got if n.endswith(("ff", "x")) or n == "Hiệp hội Doanh nghiệp nhỏ"}, got


def test_executors_listed_over_two_lines_of_a_scan_wrapped_at_a_semicolon():
    text = _act("prime_minister", "", DECIDE_1 + "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.\n"
                "Điều 3. Bộ trưởng Bộ Tài chính; các thành viên có tên tại Điều 1;\n"
                "Chủ tịch Ủy ban nhân dân các tỉnh và các đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./.")
    got = {(b["name"], b["role"]) for b in _rules_bodies(text)}
    assert {("Bộ Tài chính", "lead"), ("Ủy ban nhân dân các tỉnh", "lead")} <= got, got


def test_an_article_s_bulleted_tasks_before_its_executing_sentence_stay_apart():
    text = _act("ministry", "", "Điều 1. Giao nhiệm vụ:\n- Vụ Kế hoạch - Tài chính rà soát định mức;\n"
                "- Vụ Pháp chế chịu trách nhiệm thi hành Quyết định này./.")
    got = {(b["name"], b["role"]) for b in _rules_bodies(text)}
    assert {("Vụ Pháp chế", "lead"), ("Vụ Kế hoạch - Tài chính", "lead")} <= got, got
    assert not any("rà soát" in n for n, _ in got), got


def test_the_national_assemblys_organs_and_codes_and_deputies_who_are_people():
    text = _act("government", "", "Điều 1. Chính phủ báo cáo Ủy ban thường vụ Quốc hội kết quả thực hiện.\n"
                "Điều 2. Ủy ban thường vụ Quốc hội, Hội đồng dân tộc, các Ủy ban của Quốc hội, Đoàn đại biểu Quốc hội, "
                "đại biểu Quốc hội giám sát việc thực hiện Nghị quyết này.\n",
                "Nơi nhận:\n- Ban Dân nguyện của QH;\n- VPTƯ Đảng, VPCP, VPCTN;\n- Các cơ quan của UBTVQH;\n- Lưu: VT.\n")
    got = {(b["name"], b["role"]) for b in _rules_bodies(text)}
    assert {("Ủy ban thường vụ Quốc hội", "report_to"), ("Hội đồng dân tộc", "monitor"),
            ("Đoàn đại biểu Quốc hội", "monitor"), ("Ban Dân nguyện của Quốc hội", "recipient"),
            ("Văn phòng Trung ương Đảng", "recipient"), ("Văn phòng Chủ tịch nước", "recipient"),
            ("Các cơ quan của Ủy ban Thường vụ Quốc hội", "recipient")} <= got, got
    assert ("Quốc hội", "monitor") not in got, got


def test_the_committees_of_the_national_assembly_written_short():
    text = _act("prime_minister", "", DECIDE_1, "Nơi nhận:\n- Hội đồng Dân tộc và các UB của Quốc hội;\n- Lưu: VT.\n")
    got = {(b["name"], b["role"]) for b in _rules_bodies(text) if b["role"] == "recipient"}
    assert got == {("Hội đồng Dân tộc", "recipient"), ("các Ủy ban của Quốc hội", "recipient")}, got


def test_the_national_assemblys_committee_written_with_ub():
    text = _act("ministry", "", DECIDE_1, "Nơi nhận:\n- UB các vấn đề XH của QH;\n- Lưu: VT.\n")
    got = {(b["name"], b["role"]) for b in _rules_bodies(text) if b["role"] == "recipient"}
    assert ("Ủy ban các vấn đề xã hội của Quốc hội", "recipient") in got, got


def test_a_task_written_in_a_table_cell_is_read_as_a_line_and_a_criterion_cell_is_not():
    """A ministry's guidance tables its criteria: how each is scored and who does what are sentences in a cell
    (`Bộ Tài chính sẽ phối hợp với các bộ, cơ quan liên quan để tổng hợp dữ liệu`); a body spared the work
    (`Các tỉnh không bắt buộc thực hiện đánh giá`) is given none, and a cell that names what is assessed
    (`Cổng thông tin điện tử đáp ứng yêu cầu …`) assigns nothing."""
    text = (HEADS["ministry"] + "QUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Hướng dẫn chấm điểm.\n"
            "STT | Tiêu chí | Cách chấm điểm | Tài liệu kiểm chứng\n"
            "1. | Cổng thông tin điện tử đáp ứng yêu cầu chức năng, tính năng kỹ thuật theo quy định | 0.50 | Báo cáo\n"
            "2. | Thu ngân sách hằng năm của tỉnh | Các tỉnh không bắt buộc thực hiện đánh giá. Bộ Tài chính sẽ phối "
            "hợp với các bộ, cơ quan liên quan để tổng hợp dữ liệu và tính điểm. | Báo cáo của tỉnh\n"
            + SIGN["ministry"])
    got = {(b["name"], b["role"]) for b in _rules_bodies(text)}
    assert got == {("Bộ Tài chính", "coordinate"), ("các bộ, cơ quan liên quan", "coordinate")}


@pytest.mark.parametrize("mark", [".", ":", " -"])
def test_an_articles_body_is_read_whatever_mark_follows_its_number(mark):
    """`Điều 2 - Ban Chỉ đạo có nhiệm vụ:` in a district's decision: the article's number is a label whatever mark
    follows it, so the body after it is the subject of the article's items, as after `Điều 2.`; the section keeps
    its heading without the mark."""
    text = (HEADS["ministry"] + "QUYẾT ĐỊNH:\nĐiều 1. Thành lập Tổ công tác liên ngành.\n"
            f"Điều 2{mark} Tổ công tác liên ngành có nhiệm vụ:\na) Kiểm tra việc thực hiện;\nb) Báo cáo kết quả.\n"
            "Điều 3. Các đơn vị thi hành.\n" + SIGN["ministry"])
    assert ("Tổ công tác liên ngành", "lead") in {(b["name"], b["role"]) for b in _rules_bodies(text)}
    heading = next(s["heading"] for s in process_text("probe.txt", text)["sections"] if s["path"] == "Điều 2")
    assert heading == "Tổ công tác liên ngành có nhiệm vụ"


def test_the_items_under_a_bodys_duty_frame_are_its_duties():
    """`1. Sở Y tế có trách nhiệm:` / `Điều 2. Tổ công tác có nhiệm vụ:`: each item under it is a duty of that body
    (`b) Phối hợp với Sở Tài chính …` makes it a coordinator, `c) Theo dõi, …` a monitor)."""
    text = (HEADS["ministry"] + "QUYẾT ĐỊNH:\nĐiều 1. Thành lập Tổ công tác liên ngành.\n"
            "Điều 2. Tổ công tác liên ngành có nhiệm vụ:\na) Tham mưu Bộ trưởng chỉ đạo công tác;\n"
            "b) Theo dõi, đôn đốc các đơn vị.\nĐiều 3. Các đơn vị thi hành.\n" + SIGN["ministry"])
    roles = {b["role"] for b in _rules_bodies(text) if b["name"] == "Tổ công tác liên ngành"}
    assert {"advise", "monitor"} <= roles


def test_a_letter_that_asks_for_reports_to_itself_by_its_head_alone():
    """A department's letter asks its units to report `về Sở (qua Phòng …)`: the department itself is the addressee;
    `về Sở Tài chính` names another body and is read as a name."""
    head = ("ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\nSỞ XÂY DỰNG\nSố: 88/SXD-KHTC\nV/v báo cáo tiến độ\n"
            "Ninh Bình, ngày 05 tháng 01 năm 2026\nKính gửi: Các đơn vị trực thuộc.\n")
    text = head + ("Sở Xây dựng đề nghị các đơn vị báo cáo tiến độ về Sở (qua Phòng Kế hoạch - Tài chính) trước ngày "
                   "15/01/2026.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nLê Văn Tâm\n")
    assert ("Sở Xây dựng tỉnh Ninh Bình", "report_to") in {(b["name"], b["role"]) for b in _rules_bodies(text)}


def test_the_ministry_of_healths_letter_addresses_the_health_services_of_ministries():
    """`Y tế các Bộ, ngành`, `Y tế Bộ Công an`: the health services of ministries and sectors, addressed beside the
    Sở Y tế; a general tenet about health (`Y tế cơ sở cần được củng cố`) names no body."""
    text = ("BỘ Y TẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 77/BYT-KCB\n"
            "Hà Nội, ngày 08 tháng 4 năm 2024\nV/v rà soát người hành nghề\nKính gửi:\n"
            "- Sở Y tế các tỉnh, thành phố trực thuộc Trung ương;\n- Y tế các Bộ, ngành;\n- Y tế Bộ Công an.\n"
            "Đề nghị các đơn vị rà soát danh sách người hành nghề. Y tế cơ sở cần được củng cố.\n"
            "Nơi nhận:\n- Như trên;\n- Lưu: VT, KCB.\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nHoàng Minh Đức\n")
    got = {(b["name"], b["role"]) for b in _rules_bodies(text)}
    assert {("Y tế các Bộ, ngành", "recipient"), ("Y tế Bộ Công an", "recipient")} <= got
    assert not any(name.startswith("Y tế cơ sở") for name, _ in got)


def test_a_general_departments_deputy_head_is_spelled_as_the_title_is():
    """`PHÓ TỔNG CỤC TRƯỞNG` is a `Phó Tổng cục trưởng` (the title's one capital, as `Cục trưởng`), and the authority
    `KT. Tổng cục trưởng`."""
    text = ("BỘ TÀI CHÍNH\nTỔNG CỤC HẢI QUAN\nSố: 515/TCHQ-GSQL\nV/v thủ tục hải quan\n"
            "Hà Nội, ngày 02 tháng 02 năm 2017\nKính gửi: Cục Hải quan các tỉnh, thành phố.\n"
            "Tổng cục Hải quan hướng dẫn các đơn vị thực hiện.\nNơi nhận:\n- Như trên;\n- Lưu: VT, GSQL.\n"
            "KT. TỔNG CỤC TRƯỞNG\nPHÓ TỔNG CỤC TRƯỞNG\nVũ Ngọc Lâm\n")
    signer = process_text("t.txt", text, "txt")["metadata"]["signer"]
    assert signer == {"name": "Vũ Ngọc Lâm", "title": "Phó Tổng cục trưởng", "authority": "KT. Tổng cục trưởng"}


LETTER = ("BỘ TÀI CHÍNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 4321/BTC-TCHQ\n"
          "Hà Nội, ngày 21 tháng 11 năm 2016\nV/v hướng dẫn xử lý hàng tồn đọng\nKính gửi: Cục Hải quan các tỉnh, thành phố.\n")


def _letter_roles(body):
    text = LETTER + body + "\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nĐỗ Văn Hòa\n"
    return {(b["name"], b["role"]) for b in _rules_bodies(text)}


def test_a_presiding_body_does_not_coordinate_with_a_partner_the_grammar_cannot_name():
    """`X chủ trì, phối hợp với <partners>`: X leads and the partners coordinate, even when a partner is no name of the
    vocabulary (`doanh nghiệp kinh doanh kho bãi`); the partners after it in the list are still read, and a partner
    list past a comma is not a new clause."""
    got = _letter_roles("1. Sở Công Thương chủ trì, phối hợp với doanh nghiệp kinh doanh kho bãi, chính quyền địa "
                        "phương và cơ quan liên quan thực hiện tiêu hủy hàng hóa.\n"
                        "2. Công an tỉnh chủ trì phối hợp cùng người dân giữ gìn trật tự.\n")
    assert {("Sở Công Thương", "lead"), ("chính quyền địa phương", "coordinate"),
            ("cơ quan liên quan", "coordinate"), ("Công an tỉnh", "lead")} <= got
    assert ("Sở Công Thương", "coordinate") not in got and ("Công an tỉnh", "coordinate") not in got
    assert ("chính quyền địa phương", "lead") not in got


def test_a_partner_list_stops_at_a_complement():
    """`phối hợp với Sở Nội vụ làm việc với … về nhân sự Ban Kiểm tra …`: bodies after a complement's word are what the
    work is about, not partners."""
    got = _letter_roles("Giao Sở Tài chính chủ trì, phối hợp với Sở Nội vụ làm việc với Hiệp hội Du lịch về nhân sự "
                        "Ban Chấp hành, Ban Kiểm tra Hiệp hội.\n")
    assert ("Sở Nội vụ", "coordinate") in got
    assert not any(name.startswith("Ban Kiểm tra") for name, _ in got)


def test_a_task_set_for_a_case_is_the_subjects_after_the_case():
    """`Trường hợp …, <body> chủ trì …`, `Nếu có vướng mắc, <body> báo cáo …`: the case is an opening adverbial."""
    got = _letter_roles("Trường hợp hàng hóa không có người nhận, cơ quan hải quan chủ trì tổ chức thanh lý.\n"
                        "Nếu phát sinh vướng mắc, Cục Hải quan các tỉnh, thành phố báo cáo Tổng cục Hải quan.\n")
    assert {("cơ quan hải quan", "lead"), ("Cục Hải quan các tỉnh, thành phố", "lead"),
            ("Tổng cục Hải quan", "report_to")} <= got


def test_the_model_of_local_government_is_no_body():
    """`chính quyền địa phương hai cấp` is how the state is organized, not a body; `chính quyền địa phương` given a part
    is one, and its name ends there (`… vùng ven biển` says where)."""
    got = _letter_roles("Sở Nội vụ phối hợp với chính quyền địa phương hai cấp hoàn thiện tổ chức bộ máy.\n"
                        "Hội Nông dân tỉnh cùng chính quyền địa phương vùng ven biển vận động hội viên.\n"
                        "Hội Cựu chiến binh tỉnh phối hợp với chính quyền địa phương vùng ven biển vận động hội viên.\n")
    assert ("chính quyền địa phương", "coordinate") in got
    assert not any("hai cấp" in name or "vùng" in name for name, _ in got)


def test_a_plural_written_before_the_head_is_the_same_body():
    """`các Cục Hải quan tỉnh, thành phố` in a task is the `Cục Hải quan các tỉnh, thành phố` the letter is addressed to:
    a list of unit kinds is plural whichever word `các` stands before; `Ủy ban nhân dân các tỉnh` stays apart from the
    committee of one province."""
    got = _letter_roles("Bộ Tài chính yêu cầu các Cục Hải quan tỉnh, thành phố triển khai thực hiện.\n")
    assert ("Cục Hải quan các tỉnh, thành phố", "lead") in got
    assert not any(name.startswith("các Cục") for name, _ in got)


def test_working_together_said_with_ket_hop():
    """`kết hợp với`, `phối kết hợp với` say what `phối hợp với` says: the bodies after it coordinate, and the verb ends
    the name before it (`Sở Tư pháp`, not `Sở Tư pháp kết hợp`)."""
    got = _letter_roles("Đề nghị Sở Tư pháp kết hợp với Công an tỉnh thực hiện việc cấp phiếu lý lịch tư pháp.\n"
                        "Sở Công Thương chủ trì, phối kết hợp với Sở Tài chính thẩm định giá.\n")
    assert {("Công an tỉnh", "coordinate"), ("Sở Tài chính", "coordinate"), ("Sở Công Thương", "lead")} <= got
    assert not any("kết hợp" in name for name, _ in got)
