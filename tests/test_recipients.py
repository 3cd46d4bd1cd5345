"""Bodies that come from lists: the Nơi nhận and Kính gửi items (role `recipient`), `Như Điều 3` standing for the
bodies the article charges with carrying the act out, enumerations by place, and the Nơi nhận of a two-column
PDF whose items wrap beside the signature. The documents are invented, one per kind of issuer."""
import importlib.util
from pathlib import Path

import pytest

from pipeline.extract.bodies.grammar import role_rules
from pipeline.run.process import process_file, process_text

HEADERS = {
    "ubnd": ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
             "Số: 45/QĐ-UBND\nLào Cai, ngày 05 tháng 3 năm 2025\nQUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\n",
             "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn An\n"),
    "so": ("UBND TỈNH LÀO CAI\nSỞ Y TẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
           "Số: 88/SYT-NVY\nLào Cai, ngày 02 tháng 4 năm 2025\nV/v tăng cường phòng chống sốt xuất huyết\n",
           "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nLê Thị Hoa\n"),
    "bo": ("BỘ TÀI CHÍNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 1520/BTC-NSNN\n"
           "Hà Nội, ngày 10 tháng 02 năm 2025\nV/v hướng dẫn lập dự toán\n",
           "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nTrần Quốc Phương\n"),
    "tinhuy": ("ĐẢNG BỘ TỈNH LÀO CAI\nTỈNH ỦY\nĐẢNG CỘNG SẢN VIỆT NAM\nSố: 45-CV/TU\n"
               "Lào Cai, ngày 15 tháng 5 năm 2025\nV/v chuẩn bị đại hội\n",
               "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\nHoàng Văn Sơn\n"),
    "dangxa": ("ĐẢNG BỘ TỈNH LÀO CAI\nĐẢNG ỦY XÃ BẢN HỒ\nĐẢNG CỘNG SẢN VIỆT NAM\nSố: 12-TB/ĐU\n"
               "Bản Hồ, ngày 03 tháng 6 năm 2025\nTHÔNG BÁO\nPhân công nhiệm vụ\n",
               "T/M ĐẢNG ỦY\nBÍ THƯ\nGiàng A Pao\n"),
    "mttq": ("UBMTTQ VIỆT NAM TỈNH LÀO CAI\nỦY BAN MTTQ VIỆT NAM XÃ TẢ VAN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
             "Độc lập - Tự do - Hạnh phúc\nSố: 07/KH-MTTQ\nTả Van, ngày 20 tháng 3 năm 2025\nKẾ HOẠCH\n"
             "Tổ chức Ngày hội Đại đoàn kết\n",
             "TM. BAN THƯỜNG TRỰC\nCHỦ TỊCH\nVàng Thị Mai\n"),
    "bv": ("SỞ Y TẾ TỈNH PHÚ THỌ\nBỆNH VIỆN ĐA KHOA TỈNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
           "Độc lập - Tự do - Hạnh phúc\nSố: 310/QĐ-BVĐK\nPhú Thọ, ngày 08 tháng 7 năm 2025\nQUYẾT ĐỊNH\n"
           "Về việc thành lập Tổ kiểm tra chéo\n",
           "GIÁM ĐỐC\nĐinh Văn Nam\n"),
}


@pytest.fixture(autouse=True)
def rules_only(monkeypatch):
    monkeypatch.setenv("VANBAN_BODIES", "rules")
    # `Như Điều 3` read through the article's executing sentence (rules/roles.yaml `pointed_executors`)
    monkeypatch.setitem(role_rules()["raw"], "pointed_executors", True)


def record(kind: str, body: str) -> dict:
    head, signature = HEADERS[kind]
    return process_text("t.txt", head + body + "\n" + signature)


def recipients(kind: str, body: str) -> set[str]:
    return {b["name"] for b in record(kind, body)["bodies"] if b["role"] == "recipient"}


DECISION = ("Điều 1. Thành lập Tổ công tác rà soát thủ tục hành chính.\n"
            "Điều 2. Tổ công tác có nhiệm vụ rà soát, đề xuất phương án đơn giản hóa.\n"
            "Điều 3. {executors} chịu trách nhiệm thi hành Quyết định này./.\n"
            "Nơi nhận:\n- Như Điều 3;\n{rest}- Lưu: VT, NC.")

CASES = [
    # ---- UBND tỉnh: `Như Điều 3` stands for the bodies charged with carrying the decision out
    ("ubnd", DECISION.format(executors="Chánh Văn phòng UBND tỉnh; Giám đốc Sở Nội vụ; Giám đốc Sở Y tế; "
                                       "Chủ tịch UBND các xã, phường và các thành viên Tổ công tác", rest=""),
     {"Văn phòng Ủy ban nhân dân tỉnh Lào Cai", "Sở Nội vụ", "Sở Y tế", "Ủy ban nhân dân các xã, phường"},
     {"các thành viên Tổ công tác", "Tổ công tác"}),
    ("ubnd", DECISION.format(executors="Chánh Văn phòng UBND tỉnh, Giám đốc các Sở: Nội vụ, Tư pháp; Thủ trưởng "
                                       "các cơ quan chuyên môn thuộc UBND tỉnh", rest=""),
     {"Văn phòng Ủy ban nhân dân tỉnh Lào Cai", "Sở Nội vụ", "Sở Tư pháp"}, {"các Sở"}),
    # a sub-department named through its head's title is a body of its own, parted from the office before it
    ("so", DECISION.format(executors="Chánh Văn phòng Sở, Chi cục trưởng Chi cục Dân số và Trưởng các phòng có liên quan",
                           rest=""),
     {"Văn phòng Sở", "Chi cục Dân số", "các phòng có liên quan"}, {"Văn phòng Sở, Chi cục trưởng Chi cục Dân số"}),
    # one office serves the council and the committee: its `và` parts no bodies
    ("ubnd", DECISION.format(executors="Văn phòng HĐND và UBND tỉnh, các thành viên UBND tỉnh, Giám đốc Sở Nội vụ",
                             rest=""),
     {"Văn phòng Hội đồng nhân dân và Ủy ban nhân dân tỉnh Lào Cai", "Sở Nội vụ"},
     {"Văn phòng Hội đồng nhân dân tỉnh Lào Cai", "Văn phòng Hội đồng nhân dân", "Ủy ban nhân dân tỉnh Lào Cai"}),
    ("ubnd", DECISION.format(executors="Các ông (bà) có tên tại Điều 1", rest="- Bộ Nội vụ (b/c);\n"),
     {"Bộ Nội vụ"}, set()),
    # Party and state recipients of a provincial decision; the issuer's own leaders are no body
    ("ubnd", DECISION.format(executors="Giám đốc Sở Nội vụ",
                             rest="- TT Tỉnh ủy (b/c);\n- Thường trực HĐND tỉnh;\n- Chủ tịch, các PCT UBND tỉnh;\n"
                                  "- Ban Tổ chức Tỉnh ủy;\n- Các đảng ủy trực thuộc Tỉnh ủy;\n"),
     {"Thường trực Tỉnh ủy Lào Cai", "Thường trực Hội đồng nhân dân tỉnh Lào Cai", "Ban Tổ chức Tỉnh ủy Lào Cai",
      "Các đảng ủy trực thuộc Tỉnh ujy Lào Cai".replace("ujy", "ủy")},
     {"Ủy ban nhân dân tỉnh Lào Cai", "Ủy ban nhân dân tỉnh"}),
    # `TT.` with its dot and a space before the committee: the standing body, one item with the next after the comma
    ("ubnd", DECISION.format(executors="Giám đốc Sở Nội vụ", rest="- TT. Tỉnh ủy, TT. HĐND tỉnh;\n"),
     {"Thường trực Tỉnh ủy Lào Cai", "Thường trực Hội đồng nhân dân tỉnh Lào Cai"}, {"Tỉnh ủy Lào Cai", "TT"}),
    # the Prime Minister alone is that office, not the Government
    ("ubnd", DECISION.format(executors="Giám đốc Sở Nội vụ", rest="- Thủ tướng Chính phủ (để b/c);\n"),
     {"Thủ tướng Chính phủ"}, {"Chính phủ"}),
    # the bare front shares the place that ends the item, never the `xã hội` of `chính trị - xã hội`
    ("ubnd", DECISION.format(executors="Giám đốc Sở Nội vụ", rest="- Ủy ban MTTQ Việt Nam và các tổ chức chính trị - xã hội tỉnh;\n"),
     {"Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lào Cai", "các tổ chức chính trị - xã hội tỉnh"},
     {"Ủy ban Mặt trận Tổ quốc Việt Nam xã hội tỉnh Lào Cai"}),
    # `(b/c)`, `(để t/h)`, `(đăng tải)` say why the copy is sent; they are not part of the name
    ("ubnd", DECISION.format(executors="Giám đốc Sở Nội vụ",
                             rest="- Cổng TTĐT tỉnh (đăng tải);\n- Trung tâm Phục vụ hành chính công tỉnh (để t/h);\n"),
     {"Cổng Thông tin điện tử tỉnh Lào Cai", "Trung tâm Phục vụ hành chính công tỉnh Lào Cai"}, set()),
    ("ubnd", DECISION.format(executors="Giám đốc Sở Nội vụ", rest="- Các Sở, ban, ngành tỉnh;\n- UBND các xã, phường;\n"),
     {"Các Sở, ban, ngành tỉnh Lào Cai", "Ủy ban nhân dân các xã, phường"}, set()),
    # ---- a Sở's letter: Kính gửi, Như trên, a Cục of a Bộ, the Sở's own page
    ("so", "Kính gửi:\n- Trung tâm Y tế các huyện, thị xã, thành phố;\n- Bệnh viện Đa khoa tỉnh;\n"
           "- Trung tâm Kiểm soát bệnh tật tỉnh.\nSở Y tế đề nghị các đơn vị triển khai thực hiện./.\n"
           "Nơi nhận:\n- Như trên;\n- UBND tỉnh (b/c);\n- Cục Y tế dự phòng - Bộ Y tế (b/c);\n"
           "- Giám đốc, các PGĐ Sở;\n- Trang TTĐT Sở Y tế (đăng tải);\n- Lưu: VT, NVY.",
     {"Trung tâm Y tế các huyện, thị xã, thành phố", "Bệnh viện Đa khoa tỉnh Lào Cai",
      "Trung tâm Kiểm soát bệnh tật tỉnh Lào Cai", "Ủy ban nhân dân tỉnh Lào Cai", "Cục Y tế dự phòng - Bộ Y tế",
      "Trang Thông tin điện tử Sở Y tế"}, {"VT", "NVY"}),
    # the other column of the header (motto, place and date) read between `Kính gửi:` and its items
    ("so", "Kính gửi:\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
           "Lào Cai, ngày 02 tháng 4 năm 2025\n- Trung tâm Kiểm soát bệnh tật tỉnh;\n- Bệnh viện Sản Nhi tỉnh.\n"
           "Sở Y tế đề nghị các đơn vị khẩn trương thực hiện./.\nNơi nhận:\n- Như trên;\n- Lưu: VT.",
     {"Trung tâm Kiểm soát bệnh tật tỉnh Lào Cai", "Bệnh viện Sản Nhi tỉnh Lào Cai"}, set()),
    # an address broken where the line ran out, enumerated by place
    ("so", "Kính gửi: Trung tâm Y tế huyện Bảo Thắng, huyện\nBảo Yên, huyện Văn Bàn.\n"
           "Sở Y tế nhận được báo cáo của các đơn vị./.\nNơi nhận:\n- Như trên;\n- Lưu: VT.",
     {"Trung tâm Y tế huyện Bảo Thắng", "Trung tâm Y tế huyện Bảo Yên", "Trung tâm Y tế huyện Văn Bàn"}, set()),
    # a one-line address is not joined to the letter's first sentence
    ("so", "Kính gửi: Bệnh viện Đa khoa tỉnh\nSở Y tế nhận được Công văn số 12/BVĐK ngày 02/3/2025./.\n"
           "Nơi nhận:\n- Như trên;\n- Lưu: VT.",
     {"Bệnh viện Đa khoa tỉnh Lào Cai"}, set()),
    ("so", "Kính gửi:\n- Sở Tư pháp các tỉnh: Lào Cai, Yên Bái, Hà Giang;\n- UBND các huyện Bảo Thắng, Bảo Yên và Văn Bàn.\n"
           "Đề nghị các đơn vị phối hợp./.\nNơi nhận:\n- Như trên;\n- Lưu: VT.",
     {"Sở Tư pháp tỉnh Lào Cai", "Sở Tư pháp tỉnh Yên Bái", "Sở Tư pháp tỉnh Hà Giang", "Ủy ban nhân dân huyện Bảo Thắng",
      "Ủy ban nhân dân huyện Bảo Yên", "Ủy ban nhân dân huyện Văn Bàn"}, set()),
    # ---- a ministry: kinds of unit name one group body; ministers and deputies are people
    ("bo", "Kính gửi:\n- Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ;\n"
           "- Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương.\nBộ Tài chính hướng dẫn như sau./.\n"
           "Nơi nhận:\n- Như trên;\n- Kiểm toán nhà nước;\n- Bộ trưởng (để b/c);\n- Các Thứ trưởng;\n"
           "- Các Vụ, Cục, đơn vị thuộc Bộ;\n- Sở Tài chính các tỉnh, thành phố trực thuộc trung ương;\n- Lưu: VT, NSNN.",
     {"Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ", "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
      "Kiểm toán nhà nước", "Các Vụ, Cục, đơn vị thuộc Bộ", "Sở Tài chính các tỉnh, thành phố trực thuộc trung ương"},
     {"Bộ trưởng", "Các Thứ trưởng", "Thứ trưởng", "Sở Tài chính tỉnh thành phố trực thuộc trung ương"}),
    ("bo", "Kính gửi: Kho bạc Nhà nước các tỉnh: Lào Cai, Yên Bái.\nBộ Tài chính đề nghị các đơn vị thực hiện./.\n"
           "Nơi nhận:\n- Như trên;\n- Văn phòng Trung ương và các Ban của Đảng;\n- Lưu: VT.",
     {"Kho bạc Nhà nước tỉnh Lào Cai", "Kho bạc Nhà nước tỉnh Yên Bái", "Văn phòng Trung ương", "các Ban của Đảng"},
     set()),
    # a place said once after two heads belongs to both
    ("bo", "Điều 1. Ban hành Quy chế quản lý ngân sách.\nNơi nhận:\n- HĐND, UBND các tỉnh, thành phố trực thuộc trung ương;\n"
           "- Tòa án nhân dân tối cao;\n- Lưu: VT, NSNN.",
     {"Hội đồng nhân dân các tỉnh, thành phố trực thuộc trung ương",
      "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương", "Tòa án nhân dân tối cao"},
     {"Hội đồng nhân dân"}),
    # ---- a provincial Party committee
    ("tinhuy", "Kính gửi:\n- Các đảng ủy trực thuộc Tỉnh ủy;\n- Các ban đảng, Văn phòng Tỉnh ủy.\n"
               "Đề nghị các đơn vị chuẩn bị tốt./.\nNơi nhận:\n- Như trên;\n- Ban Tổ chức Trung ương (b/c);\n"
               "- Thường trực Tỉnh ủy;\n- Ủy ban Kiểm tra Tỉnh ủy;\n- Đảng đoàn HĐND tỉnh, Ban cán sự đảng UBND tỉnh;\n"
               "- Lưu Văn phòng Tỉnh ủy.",
     # the committee's own units take the place its parent line prints (`ĐẢNG BỘ TỈNH LÀO CAI` / `TỈNH ỦY`)
     {"Các đảng ủy trực thuộc Tỉnh ủy Lào Cai", "Các ban đảng", "Văn phòng Tỉnh ủy Lào Cai", "Ban Tổ chức Trung ương",
      "Thường trực Tỉnh ủy Lào Cai", "Ủy ban Kiểm tra Tỉnh ủy Lào Cai", "Đảng đoàn Hội đồng nhân dân tỉnh Lào Cai",
      "Ban cán sự đảng Ủy ban nhân dân tỉnh Lào Cai"}, set()),
    # ---- a commune Party committee: members are people; a place said once is shared
    ("dangxa", "1. Giao Ủy ban nhân dân xã chủ trì triển khai.\nNơi nhận:\n- Ban Thường vụ Tỉnh ủy (b/c);\n"
               "- Các đồng chí Đảng ủy viên;\n- Các chi bộ trực thuộc;\n- HĐND, UBND xã;\n"
               "- Công an, Ban Chỉ huy Quân sự xã;\n- Lưu Văn phòng Đảng ủy.",
     {"Ban Thường vụ Tỉnh ủy Lào Cai", "Các chi bộ trực thuộc", "Hội đồng nhân dân xã Bản Hồ", "Ủy ban nhân dân xã Bản Hồ",
      "Công an xã Bản Hồ", "Ban Chỉ huy Quân sự xã Bản Hồ"},
     {"Đảng ủy viên", "Hội đồng nhân dân", "Công an", "Văn phòng Đảng ủy", "Văn phòng Đảng ủy xã Bản Hồ"}),
    ("dangxa", "1. Giao Ủy ban nhân dân xã chủ trì triển khai.\nNơi nhận:\n- Ủy ban MTTQ và các đoàn thể xã;\n"
               "- Thường trực Tỉnh ủy, HĐND, UBND tỉnh;\n- Lưu Văn phòng Đảng ủy.",
     # the province's bodies take the place the parent line prints (`ĐẢNG BỘ TỈNH LÀO CAI`)
     # (the council's standing board too, named once before them; not the committee's: corpus/probes p9, p16)
     {"Ủy ban Mặt trận Tổ quốc xã Bản Hồ", "Thường trực Tỉnh ủy Lào Cai", "Thường trực Hội đồng nhân dân tỉnh Lào Cai",
      "Ủy ban nhân dân tỉnh Lào Cai"},
     {"Thường trực Tỉnh ủy tỉnh", "Ủy ban Mặt trận Tổ quốc"}),
    # ---- a commune Mặt trận board: its village boards listed by place
    ("mttq", "I. MỤC ĐÍCH\n1. Củng cố khối đoàn kết của Nhân dân ở các khu dân cư.\nNơi nhận:\n"
             "- Ban Thường trực UBMTTQ Việt Nam tỉnh (b/c);\n- Thường trực Đảng ủy xã (b/c);\n- UBND xã;\n"
             "- Các tổ chức chính trị - xã hội xã;\n- Ban công tác Mặt trận các thôn: Tả Van Giáy, Lồ Lao Chải;\n"
             "- Lưu: VT.",
     {"Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lào Cai", "Thường trực Đảng ủy xã Tả Van",
      "Ủy ban nhân dân xã Tả Van", "Các tổ chức chính trị - xã hội xã Tả Van",
      "Ban Công tác Mặt trận thôn Tả Van Giáy", "Ban Công tác Mặt trận thôn Lồ Lao Chải"}, set()),
    # ---- a hospital: Như Điều 3, the director and deputies are people
    ("bv", "Điều 1. Thành lập Tổ kiểm tra chéo của Bệnh viện.\nĐiều 2. Tổ kiểm tra có nhiệm vụ kiểm tra hồ sơ bệnh án.\n"
           "Điều 3. Trưởng phòng Kế hoạch tổng hợp, Trưởng phòng Điều dưỡng và các ông, bà có tên tại Điều 1 chịu trách "
           "nhiệm thi hành Quyết định này./.\nNơi nhận:\n- Như Điều 3;\n- Sở Y tế (b/c);\n- Giám đốc, các PGĐ;\n"
           "- Phòng Tài chính kế toán;\n- Lưu: VT, TCCB.",
     {"Sở Y tế", "Phòng Tài chính kế toán", "Phòng Kế hoạch tổng hợp", "Phòng Điều dưỡng"}, {"Giám đốc", "các PGĐ"}),
    # members are people; the team named beside them is a body
    ("ubnd", DECISION.format(executors="Giám đốc Sở Nội vụ",
                             rest="- Thành viên và Tổ giúp việc của Hội đồng thẩm định (Sở Nội vụ, Sở Tư pháp);\n"
                                  "- Thành viên Hội đồng;\n"),
     {"Tổ giúp việc của Hội đồng thẩm định", "Sở Nội vụ", "Sở Tư pháp"}, {"Hội đồng", "Thành viên Hội đồng"}),
    # a head repeated in lower case after a comma opens the next body
    ("bv", "Điều 1. Ban hành kế hoạch khám sức khỏe định kỳ.\nNơi nhận:\n- Sở Y tế (để b/c);\n- Phòng TCKT, phòng KHTH;\n"
           "- Lưu: VT, TCCB.",
     {"Sở Y tế", "Phòng TCKT", "Phòng KHTH"}, {"Phòng TCKT, phòng KHTH"}),
    # a members' item names each member body in its brackets, the bracket wrapped onto the next line
    ("bv", "Điều 1. Thành lập Hội đồng thuốc và điều trị.\nNơi nhận:\n"
           "- Thành viên Hội đồng (Phòng Kế hoạch tổng hợp, Phòng Điều dưỡng,\nPhòng Tài chính kế toán);\n- Lưu: VT.",
     {"Phòng Kế hoạch tổng hợp", "Phòng Điều dưỡng", "Phòng Tài chính kế toán"}, set()),
    # a Party committee's members addressed as comrades are people; its base organizations are one collective
    ("tinhuy", "Ban Thường vụ Tỉnh ủy đề nghị các cấp ủy chuẩn bị đại hội.\nNơi nhận:\n- Ban Tổ chức Trung ương (b/c);\n"
               "- Các đồng chí Tỉnh ủy viên;\n- Các đ/c Ủy viên Ban Thường vụ;\n- Các chi, đảng bộ trực thuộc;\n"
               "- Lưu Văn phòng Tỉnh ủy.",
     {"Ban Tổ chức Trung ương", "Các chi, đảng bộ trực thuộc"},
     {"Các đồng chí Tỉnh ủy viên", "Các đồng chí Tỉnh ủy Lào Cai", "Tỉnh ủy Lào Cai", "Ban Thường vụ Tỉnh ủy Lào Cai"}),
    # a standing board or an office named once before the bodies it serves: after a colon, the one of each; before a
    # comma list, of the Party committees and councils only (the People's Committee after them is itself)
    ("ubnd", DECISION.format(executors="Giám đốc Sở Xây dựng",
                             rest="- Thường trực: Tỉnh uỷ, HĐND tỉnh;\n- VP: Tỉnh ủy, Đoàn ĐBQH tỉnh;\n"
                                  "- TT Huyện ủy, HĐND, UBND huyện Bảo Yên;\n"),
     {"Thường trực Tỉnh ủy Lào Cai", "Thường trực Hội đồng nhân dân tỉnh Lào Cai", "Văn phòng Tỉnh ủy Lào Cai",
      "Văn phòng Đoàn Đại biểu Quốc hội tỉnh Lào Cai", "Thường trực Huyện ủy",
      "Thường trực Hội đồng nhân dân huyện Bảo Yên", "Ủy ban nhân dân huyện Bảo Yên"},
     {"Thường trực", "Văn phòng", "Tỉnh ủy Lào Cai", "Thường trực Ủy ban nhân dân huyện Bảo Yên"}),
    # the Ministry of Justice's department of every legal-normative decision, a city by its code
    ("ubnd", DECISION.format(executors="Giám đốc Sở Tư pháp",
                             rest="- Cục Kiểm tra VBQPPL - Bộ Tư pháp;\n- Công an TP.HCM;\n"),
     {"Cục Kiểm tra văn bản quy phạm pháp luật - Bộ Tư pháp", "Công an Thành phố Hồ Chí Minh"}, {"Công an TP"}),
]


@pytest.mark.parametrize("kind,body,expected,absent", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_list_bodies_are_recipients(kind, body, expected, absent):
    got = recipients(kind, body)
    assert expected <= got, expected - got
    assert not (absent & got), absent & got


def test_the_model_reads_no_item_that_is_no_body(monkeypatch):
    """The trained model is not given the items the vocabulary says are no body (`Lưu`, a committee's members):
    read whole, `Các đồng chí Tỉnh ủy viên` came out as a recipient."""
    monkeypatch.setenv("VANBAN_BODIES", "both")
    body = ("Ban Thường vụ Tỉnh ủy đề nghị các cấp ủy chuẩn bị đại hội.\nNơi nhận:\n- Ban Tổ chức Trung ương (b/c);\n"
            "- Các đồng chí Tỉnh ủy viên;\n- Lưu Văn phòng Tỉnh ủy.")
    got = recipients("tinhuy", body)
    assert "Ban Tổ chức Trung ương" in got
    assert not any("đồng chí" in n for n in got), got


def test_a_plural_head_before_its_listed_fields_is_no_recipient_of_its_own(monkeypatch):
    """`- Các Bộ: Quốc phòng, Công an, Ngoại giao;` names three ministries; `Các Bộ` is not a fourth (the model read
    it as one beside the rules' fields). A field that is also a head (`Công an`) is still a field there, and the
    Government Office's departments are written by their codes (`các Vụ: TH, KTTH, V.III`)."""
    monkeypatch.setenv("VANBAN_BODIES", "both")
    body = ("Bộ Tài chính đề nghị các đơn vị thực hiện.\nNơi nhận:\n- Các Bộ: Quốc phòng, Công an, Ngoại giao;\n"
            "- Các sở, ngành: TC; XD;\n- VPCP: các Vụ: TH, KTTH, V.III, KGVX;\n- Lưu: VT.")
    got = recipients("bo", body)
    assert {"Bộ Quốc phòng", "Bộ Công an", "Bộ Ngoại giao", "Sở Tài chính", "Sở Xây dựng", "Vụ Tổng hợp",
            "Vụ Kinh tế tổng hợp", "Vụ III", "Vụ Khoa giáo - Văn xã"} <= got, got
    assert not {"Các Bộ", "Các sở, ngành", "các Vụ", "Công an, Ngoại giao"} & got, got


# ------------------------------------------------------------------ two-column pages: items wrapped beside the signature

CLOSING = ("Điều 1. Thành lập Tổ công tác.\nNơi nhận:\n"
           "- Bộ Y tế (b/c);\n- Ủy ban Mặt trận Tổ quốc Việt Nam\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n"
           "tỉnh Lào Cai;\n- Trung tâm Kiểm soát bệnh tật\ntỉnh Lào Cai (để t/h);\n2\n- Bệnh viện Đa khoa tỉnh;\n"
           "Nguyễn Văn Bình\n- Lưu: VT, VX.")


def _closing_record(text: str) -> dict:
    return process_text("t.txt", HEADERS["ubnd"][0] + text + "\n")


def test_item_continued_on_the_next_line_is_one_body():
    got = {b["name"] for b in _closing_record(CLOSING)["bodies"] if b["role"] == "recipient"}
    assert {"Trung tâm Kiểm soát bệnh tật tỉnh Lào Cai", "Bộ Y tế"} <= got
    assert "Trung tâm Kiểm soát bệnh tật" not in got


def test_item_continued_after_the_signature_lines_is_one_body_and_the_signer_is_kept():
    rec = _closing_record(CLOSING)
    got = {b["name"] for b in rec["bodies"] if b["role"] == "recipient"}
    assert "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lào Cai" in got
    assert rec["metadata"]["signer"]["title"] == "Phó Chủ tịch"
    assert rec["metadata"]["signer"]["name"] == "Nguyễn Văn Bình"


def test_page_number_between_items_does_not_end_the_list():
    got = {b["name"] for b in _closing_record(CLOSING)["bodies"] if b["role"] == "recipient"}
    assert "Bệnh viện Đa khoa tỉnh Lào Cai" in got


def test_signer_name_beside_a_wrapped_item_is_the_signer():
    text = CLOSING.replace("- Trung tâm Kiểm soát bệnh tật\ntỉnh Lào Cai (để t/h);",
                           "- Trung tâm Kiểm soát bệnh tật\nNguyễn Văn Bình tỉnh Lào Cai (để t/h);").replace(
                           "Nguyễn Văn Bình\n- Lưu", "- Lưu")
    rec = _closing_record(text)
    got = {b["name"] for b in rec["bodies"] if b["role"] == "recipient"}
    assert "Trung tâm Kiểm soát bệnh tật tỉnh Lào Cai" in got
    assert rec["metadata"]["signer"]["name"] == "Nguyễn Văn Bình"


def test_name_after_an_unclosed_item_is_the_signer_not_part_of_the_item():
    rec = _closing_record("Điều 1. Thành lập Tổ công tác.\nNơi nhận:\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n- Bộ Y tế\n"
                          "Nguyễn Văn Bình\n")
    assert rec["metadata"]["signer"]["name"] == "Nguyễn Văn Bình"
    assert {b["name"] for b in rec["bodies"] if b["role"] == "recipient"} == {"Bộ Y tế"}


def test_a_bulleted_list_whose_label_ocr_lost_is_still_the_list():
    # a scan under the seal: `Nơi nhận:` read as `TH:`, the items interleaved with the signature column
    rec = _closing_record("Điều 1. Thành lập Tổ công tác./.\nTH:\nKT. CHỦ TỊCH\n- Như trên;\n- Văn phòng Chính phủ;\n"
                          "PHÓ CHỦ TỊCH\n- Thường trực Tỉnh ủy;\n- Lưu: VT, NC.\nNguyễn Văn Bình")
    got = {b["name"] for b in rec["bodies"] if b["role"] == "recipient"}
    assert {"Văn phòng Chính phủ", "Thường trực Tỉnh ủy Lào Cai"} <= got, got
    assert rec["metadata"]["signer"]["name"] == "Nguyễn Văn Bình"


@pytest.mark.parametrize("label", ["Noi nhận:", "Nơi nhân:", "Nơinhận:", "NOI NHẬN:"])
def test_a_label_whose_marks_ocr_dropped_opens_the_list(label):
    rec = _closing_record(f"Điều 1. Thành lập Tổ công tác./.\n{label} THỦ TƯỚNG\n- Ban Bí thư Trung ương Đảng;\n"
                          "- Văn phòng Quốc hội.\nNguyễn Văn Bình")
    got = {b["name"] for b in rec["bodies"] if b["role"] == "recipient"}
    assert {"Ban Bí thư Trung ương Đảng", "Văn phòng Quốc hội"} <= got, got


def test_bullets_of_the_body_without_a_closing_list_are_no_recipients():
    rec = _closing_record("Điều 1. Giao nhiệm vụ:\n- Sở Y tế chủ trì;\n- Sở Tài chính phối hợp.\n"
                          "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn Bình")
    assert not [b for b in rec["bodies"] if b["role"] == "recipient"]


def test_an_enumeration_wrapped_after_its_semicolon_goes_on_in_the_next_line():
    rec = _closing_record("Điều 1. Thành lập Tổ công tác.\nNơi nhận:\nTL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n"
                          "Nguyễn Văn Bình\n- Các sở, ngành: TC; XD; YT;\nKHCN, TP, Thanh tra tỉnh;\n- Lưu: VT.")
    got = {b["name"] for b in rec["bodies"] if b["role"] == "recipient"}
    assert {"Sở Tài chính", "Sở Y tế", "Sở Khoa học và Công nghệ", "Sở Tư pháp", "Thanh tra tỉnh Lào Cai"} <= got, got


def _a4_page():
    """An A4 page in a Unicode font and `at(x, y, text, size)` to place a line on it (fpdf2)."""
    from fpdf import FPDF
    font = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
    if not Path(font).exists():
        pytest.skip("no Unicode font")
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.add_font("S", "", font)

    def at(x, y, s, size=11):
        pdf.set_font("S", "", size)
        pdf.set_xy(x, y)
        pdf.cell(0, 5, s)

    return pdf, at


@pytest.mark.skipif(importlib.util.find_spec("fpdf") is None, reason="fpdf2 builds the test PDF")
def test_two_column_pdf_read_by_the_real_reader(tmp_path):
    """A letter set on a page the way offices print it: the Nơi nhận on the left, the signature on the right,
    two items wrapped at the column's edge, read through vanban's PDF reader."""
    pdf, at = _a4_page()

    at(20, 15, "ỦY BAN NHÂN DÂN")
    at(110, 15, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 10)
    at(25, 21, "TỈNH LÀO CAI")
    at(125, 21, "Độc lập - Tự do - Hạnh phúc")
    at(20, 29, "Số: 215/UBND-VX")
    at(115, 29, "Lào Cai, ngày 12 tháng 3 năm 2025")
    at(20, 36, "V/v triển khai tiêm chủng mở rộng", 10)
    at(60, 48, "Kính gửi: Sở Y tế tỉnh Lào Cai.")
    at(20, 58, "Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính triển khai tiêm chủng./.")
    at(20, 70, "Nơi nhận:", 10)
    at(130, 70, "KT. CHỦ TỊCH")
    items = ["- Như trên;", "- Bộ Y tế (b/c);", "- Ủy ban Mặt trận Tổ quốc Việt Nam", "tỉnh Lào Cai;",
             "- Trung tâm Kiểm soát bệnh tật", "tỉnh Lào Cai (để t/h);", "- Bệnh viện Đa khoa tỉnh;", "- Lưu: VT, VX."]
    for i, item in enumerate(items):
        at(20, 75 + i * 4.5, item, 9)
    at(130, 79.5, "PHÓ CHỦ TỊCH")
    at(130, 97.5, "Nguyễn Văn Bình")
    path = tmp_path / "cong-van.pdf"
    pdf.output(str(path))
    rec = process_file(path)
    got = {b["name"] for b in rec["bodies"] if b["role"] == "recipient"}
    assert {"Sở Y tế tỉnh Lào Cai", "Bộ Y tế", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lào Cai",
            "Trung tâm Kiểm soát bệnh tật tỉnh Lào Cai", "Bệnh viện Đa khoa tỉnh Lào Cai"} <= got, got
    assert not any("Nguyễn Văn Bình" in n for n in got)
    assert rec["metadata"]["signer"]["name"] == "Nguyễn Văn Bình"


# ------------------------------------------------------------------ lists without bullets

def test_nơi_nhận_items_without_bullets_are_read_one_a_line():
    """Word's list bullets are not part of the text: the items come one a line, bare, up to `Lưu`."""
    got = recipients("bv", "Điều 1. Thành lập Tổ kiểm tra chéo.\nNơi nhận:\nNhư Điều 1;\nSở Y tế (b/c);\n"
                           "Phòng Kế hoạch tổng hợp;\nLưu: VT, TCCB.")
    assert {"Sở Y tế", "Phòng Kế hoạch tổng hợp"} <= got
    assert not any("VT" in n or "TCCB" in n for n in got)


def test_address_items_without_bullets():
    got = recipients("so", "Kính gửi:\nTrung tâm Kiểm soát bệnh tật tỉnh;\nBệnh viện Sản Nhi tỉnh.\n"
                           "Sở Y tế đề nghị các đơn vị khẩn trương thực hiện./.\nNơi nhận:\n- Như trên;\n- Lưu: VT.")
    assert {"Trung tâm Kiểm soát bệnh tật tỉnh Lào Cai", "Bệnh viện Sản Nhi tỉnh Lào Cai"} <= got


def test_first_sentence_of_a_letter_is_no_address_item():
    got = recipients("so", "Kính gửi:\nCăn cứ Luật Khám bệnh, chữa bệnh số 15/2023/QH15;\nSở Y tế hướng dẫn như sau./.\n"
                           "Nơi nhận:\n- Lưu: VT.")
    assert not any("Luật" in n for n in got)


def test_an_address_run_into_the_letters_first_sentence_ends_where_the_sentence_opens():
    # a copy that ran the Kính gửi line into the paragraph: the capitalised opening word ends the addressee
    got = recipients("bo", "Kính gửi: Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương Trong năm 2024, "
                           "các địa phương đã lập dự toán đúng hạn.\nBộ Tài chính đề nghị các tỉnh tiếp tục thực hiện./.\n"
                           "Nơi nhận:\n- Như trên;\n- Lưu: VT.")
    assert "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương" in got, got


@pytest.mark.skipif(importlib.util.find_spec("docx") is None, reason="python-docx builds the test file")
def test_docx_closing_table_with_word_bullets(tmp_path):
    """A hospital decision whose Nơi nhận sits in the left cell of the closing table, in Word's bulleted style."""
    import docx
    d = docx.Document()
    for line in HEADERS["bv"][0].strip().split("\n") + [
            "Điều 1. Thành lập Tổ kiểm tra chéo.",
            "Điều 2. Trưởng phòng Kế hoạch tổng hợp chịu trách nhiệm thi hành Quyết định này./."]:
        d.add_paragraph(line)
    left, right = d.add_table(rows=1, cols=2).rows[0].cells
    left.paragraphs[0].text = "Nơi nhận:"
    for item in ["Như Điều 2;", "Sở Y tế (b/c);", "Phòng Tài chính kế toán;", "Lưu: VT, TCCB."]:
        left.add_paragraph(item, style="List Bullet")
    right.paragraphs[0].text = "GIÁM ĐỐC"
    right.add_paragraph("Đinh Văn Nam")
    path = tmp_path / "quyet-dinh.docx"
    d.save(str(path))
    rec = process_file(path)
    got = {b["name"] for b in rec["bodies"] if b["role"] == "recipient"}
    assert {"Sở Y tế", "Phòng Tài chính kế toán", "Phòng Kế hoạch tổng hợp"} <= got, got
    assert rec["metadata"]["signer"]["name"] == "Đinh Văn Nam"


# ------------------------------------------------------------------ tables of tasks: bodies read by column

PLAN = "Điều 1. Ban hành Kế hoạch triển khai.\nII. NHIỆM VỤ\n{table}\nNơi nhận:\n- Lưu: VT."


def roles_in(kind: str, body: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for b in record(kind, body)["bodies"]:
        out.setdefault(b["name"], set()).add(b["role"])
    return out


def test_table_columns_give_lead_and_coordinate():
    got = roles_in("ubnd", PLAN.format(table="STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian\n"
                                             "1 | Rà soát thủ tục | Sở Tư pháp | Sở Nội vụ; UBND các xã | Quý II"))
    assert got.get("Sở Tư pháp") == {"lead"}
    assert got.get("Sở Nội vụ") == {"coordinate"}
    assert got.get("Ủy ban nhân dân các xã") == {"coordinate"}


def test_table_with_two_heading_rows():
    """`Cơ quan thực hiện` spread over two columns, `Chủ trì` and `Phối hợp` beneath it."""
    got = roles_in("ubnd", PLAN.format(table="STT | Nhiệm vụ | Cơ quan thực hiện | | Thời gian hoàn thành\n"
                                             " | | Chủ trì | Phối hợp | \n"
                                             "1 | Số hóa hồ sơ | Sở Khoa học và Công nghệ | Các sở, ban, ngành | 2025"))
    assert got.get("Sở Khoa học và Công nghệ") == {"lead"}
    assert got.get("Các sở, ban, ngành") == {"coordinate"}


def test_table_group_row_is_no_body():
    got = roles_in("ubnd", PLAN.format(table="STT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp\n"
                                             "II | Ủy ban nhân dân cấp xã | |\n"
                                             "1 | Tuyên truyền | Sở Văn hóa, Thể thao và Du lịch | Báo Lào Cai"))
    assert got.get("Sở Văn hóa, Thể thao và Du lịch") == {"lead"}
    assert got.get("Báo Lào Cai") == {"coordinate"}
    assert "Ủy ban nhân dân cấp xã" not in got


@pytest.mark.skipif(importlib.util.find_spec("fpdf") is None, reason="fpdf2 builds the test PDF")
def test_address_beside_a_two_line_subject_in_a_pdf(tmp_path):
    """`Kính gửi:` on the right of the subject line, the subject's second line read between it and its items."""
    pdf, at = _a4_page()

    at(20, 15, "UBND TỈNH LÀO CAI")
    at(110, 15, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 10)
    at(25, 21, "SỞ Y TẾ")
    at(125, 21, "Độc lập - Tự do - Hạnh phúc")
    at(20, 29, "Số: 88/SYT-NVY")
    at(115, 29, "Lào Cai, ngày 02 tháng 4 năm 2025")
    at(20, 40, "V/v tăng cường phòng chống", 10)
    at(95, 40, "Kính gửi:")
    at(20, 45, "dịch sốt xuất huyết", 10)
    for n, item in enumerate(["- Trung tâm Kiểm soát bệnh tật tỉnh;", "- Bệnh viện Đa khoa tỉnh;",
                              "- Trung tâm Y tế các huyện, thị xã,", "thành phố."]):
        at(115, 45 + 5 * n, item)
    at(20, 70, "Sở Y tế đề nghị các đơn vị triển khai thực hiện./.")
    at(20, 80, "Nơi nhận:", 10)
    at(130, 80, "KT. GIÁM ĐỐC")
    at(20, 85, "- Như trên;", 9)
    at(130, 85, "PHÓ GIÁM ĐỐC")
    at(20, 89.5, "- Lưu: VT, NVY.", 9)
    at(130, 100, "Lê Thị Hoa")
    path = tmp_path / "cong-van.pdf"
    pdf.output(str(path))
    got = {b["name"] for b in process_file(path)["bodies"] if b["role"] == "recipient"}
    assert {"Trung tâm Kiểm soát bệnh tật tỉnh Lào Cai", "Bệnh viện Đa khoa tỉnh Lào Cai",
            "Trung tâm Y tế các huyện, thị xã, thành phố"} <= got, got


def test_a_telegrams_addressees_are_its_recipients():
    """A Công điện addresses its bodies under `… điện:` (as a letter does under `Kính gửi:`), through their heads'
    titles; `Như trên` in its Nơi nhận points to them."""
    text = ("ỦY BAN NHÂN DÂN\nTỈNH NAM SƠN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 03/CĐ-UBND\nNam Sơn, ngày 12 tháng 8 năm 2026\nCÔNG ĐIỆN\nVề việc chủ động ứng phó với bão số 3\n"
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:\n- Giám đốc các sở: Xây dựng, Y tế;\n"
            "- Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh;\n- Chủ tịch Ủy ban nhân dân các xã, phường.\n"
            "Để chủ động ứng phó với bão, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu các đơn vị trực ban nghiêm túc.\n"
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nCHỦ TỊCH\nĐỗ Văn Lâm\n")
    got = {b["name"] for b in process_text("cong-dien.txt", text)["bodies"] if b["role"] == "recipient"}
    assert {"Sở Xây dựng", "Sở Y tế", "Bộ Chỉ huy Quân sự tỉnh Nam Sơn", "Ủy ban nhân dân các xã, phường"} <= got, got


def test_a_list_of_unit_codes_the_vocabulary_cannot_expand_gives_no_raw_list():
    got = recipients("ubnd", DECISION.format(executors="Giám đốc Sở Nội vụ", rest="- Các đơn vị: QLT, TTKT, GĐĐT;\n"))
    assert "Sở Nội vụ" in got and not any(":" in name for name in got), got


def test_a_catalogue_column_naming_the_units_that_carry_it_out_lists_projects_not_bodies():
    from pipeline.extract.bodies.tables import column_role
    assert column_role("Danh mục dự án/ Cơ quan, đơn vị, địa phương thực hiện") is None
    assert column_role("Đơn vị thực hiện") == "lead"


def test_a_short_name_given_after_an_address_list_stands_for_the_name_it_shortens():
    """`Kính gửi: - Bảo hiểm xã hội các tỉnh, thành phố trực thuộc Trung ương; - Bảo hiểm xã hội Bộ Quốc phòng. (Sau đây
    viết tắt là BHXH các tỉnh)`: the letter's `BHXH các tỉnh` is the first addressee, not a body of its own."""
    from pipeline.run.process import process_text

    text = ("BẢO HIỂM XÃ HỘI VIỆT NAM\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 296/BHXH-CSYT\nV/v hướng dẫn thực hiện Luật Bảo hiểm y tế\nHà Nội, ngày 02 tháng 02 năm 2021\n"
            "Kính gửi:\n- Bảo hiểm xã hội các tỉnh, thành phố trực thuộc Trung ương;\n- Bảo hiểm xã hội Bộ Quốc phòng.\n"
            "(Sau đây viết tắt là BHXH các tỉnh)\nBảo hiểm xã hội Việt Nam đề nghị BHXH các tỉnh chủ trì rà soát hồ sơ.\n")
    got = {(b["name"], b["role"]) for b in process_text("cv.txt", text)["bodies"]}
    assert ("Bảo hiểm xã hội các tỉnh, thành phố trực thuộc Trung ương", "lead") in got, got
    assert not {name for name, _ in got if name == "Bảo hiểm xã hội các tỉnh"}, got
