"""Text copies that ran the header's and the signature's lines together (a web page's text of a document):
each element back on its line, so the header and closing read as on the printed page (issue 13: titles
that run on into the authority line, signers not found). Every text here is written for the test."""
from __future__ import annotations

from pathlib import Path

from pipeline.read.flat import flattened, unflatten
from pipeline.run.process import process_file

LETTER = (
    "Công văn 418/SXD-QLN năm 2026 về nhà ở xã hội do Sở Xây dựng tỉnh Quảng Bình ban hành. "
    "SỞ XÂY DỰNG TỈNH QUẢNG BÌNH -------\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\n"
    "Số: 418/SXD-QLN V/v đôn đốc triển khai dự án nhà ở xã hội\n"
    "Đồng Hới, ngày 09 tháng 3 năm 2026 Kính gửi: Ủy ban nhân dân các xã, phường.\n"
    "Sở Xây dựng đề nghị Ủy ban nhân dân các xã, phường rà soát quỹ đất và báo cáo kết quả về Sở Xây dựng "
    "trước ngày 31/3/2026./.\n"
    "Nơi nhận:\n- Như trên;\n- Ủy ban nhân dân tỉnh (b/c);\n- Lưu: VT, QLN. Minh Hà "
    "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Đặng Văn Lực\n")

DECISION = (
    "Quyết định 77/QĐ-UBND năm 2026. ỦY BAN NHÂN DÂN TỈNH GIA LAI -------\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\n"
    "Số: 77/QĐ-UBND Gia Lai, ngày 15 tháng 01 năm 2026 QUYẾT ĐỊNH V/V BAN HÀNH KẾ HOẠCH PHÁT TRIỂN "
    "THƯ VIỆN SỐ NĂM 2026 CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH GIA LAI\n"
    "Căn cứ Luật Thư viện ngày 21 tháng 11 năm 2019;\n"
    "Xét đề nghị của Giám đốc Sở Văn hóa, Thể thao và Du lịch,\n"
    "QUYẾT ĐỊNH:\n"
    "Quyết định 77/QĐ-UBND năm 2026. Điều 1.\n"
    "Ban hành kèm theo Quyết định này Kế hoạch phát triển thư viện số năm 2026.\n"
    "Quyết định 77/QĐ-UBND năm 2026. Điều 2.\n"
    "Giám đốc Sở Văn hóa, Thể thao và Du lịch chịu trách nhiệm thi hành Quyết định này./.\n"
    "Nơi nhận:\n- Như Điều 2;\n- Lưu: VT.\n"
    "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Rơ Mah Tuấn\n"
    "Quyết định 77/QĐ-UBND năm 2026. KẾ HOẠCH PHÁT TRIỂN THƯ VIỆN SỐ NĂM 2026 "
    "(Ban hành kèm theo Quyết định số 77/QĐ-UBND ngày 15 tháng 01 năm 2026 của Ủy ban nhân dân tỉnh Gia Lai)\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n1. Số hóa tài liệu thư viện.\nII. NHIỆM VỤ\n1. Sở Văn hóa, Thể thao và Du lịch chủ trì.\n")


def _read(tmp_path: Path, text: str, name: str) -> dict:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return process_file(path)


def test_a_run_together_letter_reads_as_printed(tmp_path):
    rec = _read(tmp_path, LETTER, "cv.txt")
    m = rec["metadata"]
    assert (m["doc_type"], m["identifier"], m["issued_date"], m["place"]) == \
        ("Công văn", "418/SXD-QLN", "2026-03-09", "Đồng Hới")
    assert m["issuer"] == "Sở Xây dựng tỉnh Quảng Bình"
    assert m["title"] == "đôn đốc triển khai dự án nhà ở xã hội"
    assert m["signer"] == {"name": "Đặng Văn Lực", "title": "Phó Giám đốc", "authority": "KT. Giám đốc"}


def test_a_run_together_decision_keeps_its_title_articles_and_attached_plan(tmp_path):
    rec = _read(tmp_path, DECISION, "qd.txt")
    m = rec["metadata"]
    assert (m["identifier"], m["issued_date"], m["issuer"]) == ("77/QĐ-UBND", "2026-01-15", "Ủy ban nhân dân tỉnh Gia Lai")
    assert "CHỦ TỊCH" not in m["title"].upper() and m["title"].lower().endswith("thư viện số năm 2026")
    assert m["signer"] == {"name": "Rơ Mah Tuấn", "title": "Phó Chủ tịch",
                           "authority": "TM. Ủy ban nhân dân, KT. Chủ tịch"}
    # the database's designation before each heading is gone; the plan issued with it starts its own root
    assert "Quyết định 77/QĐ-UBND năm 2026." not in rec["text"][20:]
    assert [s["path"] for s in rec["sections"]] == ["Điều 1", "Điều 2", "I", "I/1", "II", "II/1"]


def test_a_text_laid_out_line_by_line_is_left_as_it_is():
    laid_out = ("SỞ XÂY DỰNG\nSố: 12/SXD-QLN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                "Đồng Hới, ngày 09 tháng 3 năm 2026\nV/v nhà ở xã hội\nKính gửi: Các xã.\nNội dung V/v khác.\n"
                "Nơi nhận:\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nĐặng Văn Lực\n")
    assert not flattened(laid_out)
    # a rule alone on its line under the issuer, and a Markdown table's `|------|` row, are no run-together header
    assert not flattened("SỞ XÂY DỰNG\n----------\nSố: 12/SXD-QLN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n")
    assert not flattened("| SỞ XÂY DỰNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|----------|----------|\n")
    assert unflatten(laid_out, list(range(len(laid_out) + 1))) == (laid_out, list(range(len(laid_out) + 1)))


def test_the_map_back_to_the_raw_text_survives_the_cuts():
    text, offsets = unflatten(LETTER, list(range(len(LETTER) + 1)))
    assert len(offsets) == len(text) + 1
    for i, ch in enumerate(text):
        if ch != "\n":
            assert LETTER[offsets[i]] == ch


def test_a_label_set_at_the_end_of_the_line_above_or_alone_opens_its_heading_again(tmp_path):
    text = ("SỞ Y TẾ TỈNH NAM SƠN -------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc -------\n"
            "Số: 9/KH-SYT Nam Sơn, ngày 02 tháng 3 năm 2026 KẾ HOẠCH PHÒNG CHỐNG DỊCH\n"
            "I. NHIỆM VỤ\n1. Giám sát dịch bệnh tại cộng đồng 1.1.\nTổ chức giám sát tại các xã.\n"
            "1.2. Báo cáo kịp thời.\n2.\nTruyền thông phòng bệnh.\n")
    rec = _read(tmp_path, text, "kh.txt")
    assert [s["path"] for s in rec["sections"]] == ["I", "I/1", "I/1/1.1", "I/1/1.2", "I/2"]


def test_a_run_together_party_plan_and_a_departments_letter_under_its_committee(tmp_path):
    party = ("ĐẢNG BỘ TỈNH NAM SƠN HUYỆN ỦY TÂN LẬP * Số 45-KH/HU ĐẢNG CỘNG SẢN VIỆT NAM ---------------\n"
             "Tân Lập, ngày 10 tháng 3 năm 2026 KẾ HOẠCH THỰC HIỆN CHUYỂN ĐỔI SỐ NĂM 2026\n"
             "I. MỤC ĐÍCH\n1. Nâng cao nhận thức.\nNơi nhận:\n- Lưu Văn phòng Huyện ủy. "
             "T/M BAN THƯỜNG VỤ PHÓ BÍ THƯ Lê Văn Tám\n")
    m = _read(tmp_path, party, "kh.txt")["metadata"]
    assert (m["identifier"], m["issuer"], m["parent_issuer"], m["place"]) == \
        ("45-KH/HU", "Huyện ủy Tân Lập", "Đảng bộ tỉnh Nam Sơn", "Tân Lập")
    assert m["signer"] == {"name": "Lê Văn Tám", "title": "Phó Bí thư", "authority": "T/M Ban Thường vụ"}
    letter = ("ỦY BAN NHÂN DÂN TỈNH NAM SƠN SỞ Y TẾ -------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - "
              "Hạnh phúc -------\nSố: 12/SYT-NV V/v phòng chống dịch\nNam Sơn, ngày 02 tháng 3 năm 2026 Kính gửi: "
              "Các bệnh viện.\nĐề nghị các đơn vị thực hiện./.\nNơi nhận:\n- Lưu: VT. GIÁM ĐỐC Phan Văn Lợi\n")
    m = _read(tmp_path, letter, "cv.txt")["metadata"]
    assert (m["issuer"], m["parent_issuer"]) == ("Sở Y tế tỉnh Nam Sơn", "Ủy ban nhân dân tỉnh Nam Sơn")
    assert m["signer"]["name"] == "Phan Văn Lợi"


def test_a_hospital_under_its_department_on_one_line(tmp_path):
    text = ("SỞ Y TẾ LÀO CAI BỆNH VIỆN SẢN NHI -------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - "
            "Hạnh phúc -------\nSố: 45/TB-BVSN Lào Cai, ngày 12 tháng 10 năm 2026 THÔNG BÁO Về việc lịch trực\n"
            "1. Các khoa bố trí trực.\nNơi nhận: - Lưu: VT. GIÁM ĐỐC Hà Văn Dũng\n")
    m = _read(tmp_path, text, "tb.txt")["metadata"]
    assert (m["issuer"].casefold(), m["parent_issuer"]) == ("bệnh viện sản nhi", "Sở Y tế Lào Cai")


def test_a_copy_without_the_left_column_takes_its_issuer_from_the_author_over_the_preamble(tmp_path):
    text = ("# CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\n\nSố: 21/QĐ-UBND\n\n"
            "Nam Sơn, ngày 12 tháng 3 năm 2026\n\n# QUYẾT ĐỊNH\n\nVề việc thành lập Tổ công tác\n\n"
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NAM SƠN\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n\n"
            "QUYẾT ĐỊNH:\n\n**Điều 1.** Thành lập Tổ công tác.\n\n**Điều 2.** Chánh Văn phòng Ủy ban nhân dân tỉnh "
            "chịu trách nhiệm thi hành Quyết định này./.\n")
    rec = _read(tmp_path, text, "qd.md")
    assert rec["metadata"]["issuer"] == "Ủy ban nhân dân tỉnh Nam Sơn"
    assert "Văn phòng Ủy ban nhân dân tỉnh Nam Sơn" in {b["name"] for b in rec["bodies"]}


# a legal database's crawl: the header and the closing set as pipe tables whose rows have no closing pipe, the cells
# run together, the Nơi nhận items on one line
CRAWLED = (
    "| SỞ Y TẾ TỈNH NAM SƠN ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\n"
    "|---|---\n"
    "| Số: 315/SYT-NVY V/v: Tăng cường phòng, chống sốt xuất huyết. | Nam Sơn, ngày 12 tháng 5 năm 2026\n\n"
    "| Kính gửi: | - Các bệnh viện tuyến tỉnh; - Trung tâm Y tế các huyện\n"
    "|---|---\n\n"
    "Sở Y tế đề nghị các đơn vị tổ chức giám sát ca bệnh và báo cáo kết quả về Sở Y tế trước ngày 30/5/2026./.\n\n"
    "| Nơi nhận: - Như trên; - Ủy ban nhân dân tỉnh (để b/c); - Trung tâm Kiểm soát bệnh tật tỉnh; - Lưu: VT, NVY. "
    "| KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Lò Văn Sáng\n"
    "|---|---|\n")


def test_a_crawled_copy_with_open_table_rows_reads_as_printed(tmp_path):
    rec = _read(tmp_path, CRAWLED, "cv.txt")
    m = rec["metadata"]
    assert (m["identifier"], m["issued_date"], m["issuer"]) == ("315/SYT-NVY", "2026-05-12", "Sở Y tế tỉnh Nam Sơn")
    assert m["title"] == "Tăng cường phòng, chống sốt xuất huyết"
    assert m["signer"]["name"] == "Lò Văn Sáng"
    got = {b["name"] for b in rec["bodies"] if b["role"] == "recipient"}
    assert {"Ủy ban nhân dân tỉnh Nam Sơn", "Trung tâm Kiểm soát bệnh tật tỉnh Nam Sơn"} <= got, got
    assert not any("|" in b["name"] or "|" in (b.get("text") or "") for b in rec["bodies"]), rec["bodies"]
    assert all(rec["text"][b["start"]:b["end"]] == b["text"] for b in rec["bodies"])


def test_items_run_into_one_line_with_a_remark_after_the_semicolon_are_read_one_by_one(tmp_path):
    # `- Bộ Công Thương; (báo cáo) - …`: the remark on the item stands after its semicolon
    text = CRAWLED.replace("- Như trên; - Ủy ban nhân dân tỉnh (để b/c); ",
                           "- Như trên; - Bộ Y tế; (báo cáo) - Thường trực HĐND tỉnh; (báo cáo) - Ủy ban nhân dân tỉnh; ")
    rec = _read(tmp_path, text, "cv.txt")
    got = {b["name"] for b in rec["bodies"] if b["role"] == "recipient"}
    assert {"Bộ Y tế", "Thường trực Hội đồng nhân dân tỉnh Nam Sơn", "Ủy ban nhân dân tỉnh Nam Sơn"} <= got, got
    assert not any("báo cáo" in n for n in got), got


DECISION_WITH_REGULATION = (
    "| ỦY BAN NHÂN DÂN TỈNH NAM SƠN ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc --------------- |\n"
    "|---|---|\n| Số: 17/2026/QĐ-UBND | Nam Sơn, ngày 4 tháng 3 năm 2026 |\n\nQUYẾT ĐỊNH\n\n"
    "Ban hành Quy định về quản lý chợ trên địa bàn tỉnh\n\nQUYẾT ĐỊNH:\n\n"
    "Điều 1. Ban hành kèm theo Quyết định này Quy định về quản lý chợ.\n\n"
    "Điều 2. Giám đốc Sở Công Thương chịu trách nhiệm thi hành Quyết định này./.\n\n"
    "|  | TM. UỶ BAN NHÂN DÂN TỈNH CHỦ TỊCH Đinh Văn Khánh |\n|---|---|\n\n"
    "QUY ĐỊNH\n\nVề quản lý chợ trên địa bàn tỉnh\n\nChương I\n\nQUY ĐỊNH CHUNG\n\n"
    + "".join(f"Điều {i}. Nội dung thứ {i}.\n\n1. Các chợ hạng {i} thực hiện nội quy chợ và niêm yết giá.\n\n"
              for i in range(1, 12)))


def test_a_decisions_signature_before_its_attached_regulation_is_read(tmp_path):
    # no Nơi nhận, the signature row in the middle of the text, its authority typed with the old tone place (UỶ)
    rec = _read(tmp_path, DECISION_WITH_REGULATION, "qd.txt")
    assert rec["metadata"]["signer"] == {"name": "Đinh Văn Khánh", "title": "Chủ tịch",
                                         "authority": "TM. Ủy ban nhân dân tỉnh"}


def test_an_authority_of_two_offices_keeps_both_and_the_signer_his_own_title(tmp_path):
    text = CRAWLED.replace("| KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Lò Văn Sáng", "| KT. BỘ TRƯỞNG, CHỦ NHIỆM PHÓ CHỦ NHIỆM Lò Văn Sáng")
    rec = _read(tmp_path, text, "cv.txt")
    assert rec["metadata"]["signer"] == {"name": "Lò Văn Sáng", "title": "Phó Chủ nhiệm",
                                         "authority": "KT. Bộ trưởng, Chủ nhiệm"}
