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
                "Hà Nội, ngày 20 tháng 5 năm 2025\nQUYẾT ĐỊNH\nVề việc ban hành Kế hoạch kiểm tra năm 2025\n"
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
     ARTICLE_1 + "Điều 2. Hiệu lực thi hành\nNghị định này có hiệu lực từ ngày ký.\nĐiều 3. Trách nhiệm thi hành\n"
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
     DECIDE_1 + "Điều 2. Các Bộ, cơ quan ngang Bộ, Ủy ban nhân dân các cấp có trách nhiệm tuyên truyền, "
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
      "các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ": {"recipient"},
      "Hội đồng nhân dân các tỉnh, thành phố trực thuộc trung ương": {"recipient"},
      "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương": {"recipient"},
      "Văn phòng Chủ tịch nước": {"recipient"}, "Tòa án nhân dân tối cao": {"recipient"},
      "Viện kiểm sát nhân dân tối cao": {"recipient"}, "Kiểm toán nhà nước": {"recipient"},
      "Ủy ban trung ương Mặt trận Tổ quốc Việt Nam": {"recipient"}, "Cơ quan trung ương của các đoàn thể": {"recipient"},
      "Văn phòng Chính phủ": {"recipient"}, "các Vụ, Cục": {"recipient"}, "Công báo": {"recipient"}}),
    # `TP` listed with other units is a city; `TT` before a council its standing board
    ("ministry", "Theo đề nghị của Vụ trưởng Vụ Kế hoạch - Tài chính.",
     "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch kiểm tra năm 2025.",
     "- UBND, Sở Xây dựng các tỉnh, TP trực thuộc TW;\n- TT HĐND các tỉnh, TP;",
     {"Vụ Kế hoạch - Tài chính": {"advise"},
      "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương": {"recipient"},
      "Sở Xây dựng các tỉnh, thành phố trực thuộc Trung ương": {"recipient"},
      "Thường trực Hội đồng nhân dân các tỉnh, thành phố": {"recipient"}}),
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
