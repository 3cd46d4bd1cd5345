"""Other drafting styles and layouts (issue 13): section grammar, Markdown transcriptions, header and
closing metadata. Every text here is written for the test."""
from __future__ import annotations

from pathlib import Path

import pytest

from test_structure import NATIONAL, SIGNATURE, meta, parse_text, paths, state_header

from pipeline.read.markdown import markdown_to_text
from pipeline.run.process import process_file


def report(body: str, after: str = "") -> str:
    return state_header(type_word="BÁO CÁO", number="Số: 12/BC-UBND", title="Tổng kết năm") \
        + body + SIGNATURE + after


# ------------------------------------------------------------------ sections

def test_parts_in_capitals_above_roman_parts():
    body = ("PHẦN I:\nKẾT QUẢ THỰC HIỆN\nI. Tình hình chung\n1. Đặc điểm\nII. Kết quả\n"
            "PHẦN II\nNHIỆM VỤ NĂM TỚI\nI. Mục tiêu\n")
    secs = {s["path"]: s for s in parse_text(report(body)).sections}
    assert list(secs) == ["Phần I", "Phần I/I", "Phần I/I/1", "Phần I/II", "Phần II", "Phần II/I"]
    assert secs["Phần I"]["heading"] == "KẾT QUẢ THỰC HIỆN"
    assert secs["Phần II"]["label"] == "Phần II"


def test_parts_as_ordinals():
    body = "Phần thứ nhất\nĐÁNH GIÁ\nI. Ưu điểm\nPhần thứ hai\nPHƯƠNG HƯỚNG\nI. Mục tiêu\n1. Tăng trưởng\n"
    assert paths(report(body)) == ["Phần thứ nhất", "Phần thứ nhất/I", "Phần thứ hai", "Phần thứ hai/I",
                                   "Phần thứ hai/I/1"]


def test_a_part_word_inside_a_sentence_is_no_section():
    body = "I. Kết quả\nPhần lớn các xã đã hoàn thành.\n1. Cấp xã\n"
    assert paths(report(body)) == ["I", "I/1"]


def test_capital_letters_above_roman_parts():
    body = ("A. PHẦN CHUNG\nI. Tình hình\n1. Dân số\nII. Đánh giá\nB. PHẦN RIÊNG\nI. Cấp tỉnh\n"
            "C. KIẾN NGHỊ\n")
    assert paths(report(body)) == ["A", "A/I", "A/I/1", "A/II", "B", "B/I", "C"]


def test_a_capital_letter_needs_a_list_from_a():
    body = "I. Tình hình\nB. Nguyễn là người phụ trách.\n1. Dân số\n"
    assert paths(report(body)) == ["I", "I/1"]


def test_lower_roman_items():
    body = "I. Nhiệm vụ\n1. Đào tạo\ni) Tập huấn cán bộ;\nii) Tham quan học tập;\niii) Tổng kết.\n2. Khác\n"
    assert paths(report(body)) == ["I", "I/1", "I/1/i", "I/1/ii", "I/1/iii", "I/2"]


def test_i_after_h_is_a_letter():
    items = "".join(f"{c}) Mục {c};\n" for c in "abcdđegh") + "i) Mục i;\nk) Mục k.\n"
    got = paths(report("I. Nhiệm vụ\n1. Các việc\n" + items))
    assert got[-3:] == ["I/1/h", "I/1/i", "I/1/k"]


def test_letters_with_a_comma():
    body = "I. Nội dung\n1. Giải trình:\na, Cơ sở phân chia: Không chia.\nb, Giá gói thầu: Một tỷ.\n2. Khác\n"
    assert paths(report(body)) == ["I", "I/1", "I/1/a", "I/1/b", "I/2"]


def test_decimals_written_without_a_space_before_their_text():
    body = "I.MỤC ĐÍCH\n1.Nâng cao chất lượng\n1.1.Tuyên truyền rộng rãi\n1.2.Kiểm tra\n1.2.1.Kiểm tra định kỳ\n" \
           "Ngày 15.3.2025 là hạn cuối.\n2.Yêu cầu\n"
    assert paths(report(body)) == ["I", "I/1", "I/1/1.1", "I/1/1.2", "I/1/1.2/1.2.1", "I/2"]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_labels_with_a_slash(fmt):
    body = ("I/ MỤC ĐÍCH\n1/ Nâng cao nhận thức\na/ Đối với cán bộ\nb/ Đối với học sinh\n2/ Bảo đảm an toàn\n"
            "2.1/ Số hóa hồ sơ\n12/QĐ-UBND ngày 5/3/2025 của Ủy ban nhân dân tỉnh\nII/ NỘI DUNG\n")
    assert paths(report(body), fmt) == ["I", "I/1", "I/1/a", "I/1/b", "I/2", "I/2/2.1", "II"]


def test_sections_between_chapter_and_article():
    raw = ("QUỐC HỘI\n" + NATIONAL + "\nLUẬT\nVỀ THƯ VIỆN\nChương I\nQUY ĐỊNH CHUNG\nMục 1. Phạm vi\n"
           "Điều 1. Phạm vi điều chỉnh\nĐiều 2. Đối tượng\nMục 2. Nguyên tắc\nĐiều 3. Nguyên tắc hoạt động\n"
           "CHƯƠNG II\nTHI HÀNH\nĐiều 4. Hiệu lực\n")
    secs = {s["path"]: s for s in parse_text(raw).sections}
    assert list(secs) == ["Chương I", "Chương I/Mục 1", "Chương I/Mục 1/Điều 1", "Chương I/Mục 1/Điều 2",
                          "Chương I/Mục 2", "Chương I/Mục 2/Điều 3", "Chương II", "Chương II/Điều 4"]
    assert secs["Chương I"]["heading"] == "QUY ĐỊNH CHUNG"


def test_a_section_of_a_chapter_closes_the_clauses_of_the_article_before_it():
    raw = ("HỘI ĐỒNG NHÂN DÂN\nTỈNH LÀO CAI\n" + NATIONAL + "\nNGHỊ QUYẾT\nQuy định mức chi hỗ trợ\n"
           "Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\n1. Nghị quyết này quy định:\na) Mức chi;\n"
           "đ) Mức hỗ trợ khác.\nMục 1\nMỨC CHI\nĐiều 2. Mức chi cụ thể\n")
    assert paths(raw) == ["Chương I", "Chương I/Điều 1", "Chương I/Điều 1/1", "Chương I/Điều 1/1/a",
                          "Chương I/Điều 1/1/đ", "Chương I/Mục 1", "Chương I/Mục 1/Điều 2"]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_party_numbering_with_dashes(fmt):
    raw = ("TỈNH ỦY LÀO CAI\n*\nSố 15-NQ/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nLào Cai, ngày 5 tháng 3 năm 2025\n"
           "NGHỊ QUYẾT\nvề phát triển du lịch cộng đồng\nI- TÌNH HÌNH\n1- Kết quả đạt được\na- Về kinh tế\n"
           "Du lịch tăng trưởng khá.\nb- Về xã hội\n2- Hạn chế\nII- MỤC TIÊU\n1- Mục tiêu chung\n"
           "Nơi nhận:\n- Lưu VPTU.\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\nNguyễn Văn An\n")
    secs = {s["path"]: s["heading"] for s in parse_text(raw, fmt).sections}
    assert secs == {"I": "TÌNH HÌNH", "I/1": "Kết quả đạt được", "I/1/a": "Về kinh tế", "I/1/b": "Về xã hội",
                    "I/2": "Hạn chế", "II": "MỤC TIÊU", "II/1": "Mục tiêu chung"}


def test_appendix_keeps_its_number_written_with_so():
    after = "PHỤ LỤC SỐ 01\nDANH MỤC\n1. Sở Nội vụ\nPhụ lục số 02\n1. Mẫu\n"
    got = paths(report("I. Kết quả\n", after))
    assert got == ["I", "Phụ lục 01", "Phụ lục 01/1", "Phụ lục 02", "Phụ lục 02/1"]


def test_a_plan_attached_after_the_signature_starts_its_own_root():
    after = ("ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA\n" + NATIONAL + "\nKẾ HOẠCH\nPhát triển thư viện số\n"
             "(Kèm theo Quyết định số 1441/QĐ-UBND)\nI. MỤC ĐÍCH\n1. Mục đích\nII. NỘI DUNG\n"
             "Nơi nhận:\n- Lưu: VT.\n")
    raw = state_header() + "QUYẾT ĐỊNH:\nĐiều 1. Ban hành Kế hoạch.\nĐiều 2. Hiệu lực.\n" + SIGNATURE + after
    st = parse_text(raw)
    assert [s["path"] for s in st.sections] == ["Điều 1", "Điều 2", "I", "I/1", "II"]
    assert st.metadata["signer"]["name"] == "Nguyễn Văn Bình"


def test_rules_titled_in_capitals_under_their_own_motto_start_their_own_root():
    after = ("BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ\n" + NATIONAL + "\nQUY CHẾ LÀM VIỆC\ncủa Tổ công tác chuyển đổi số\n"
             "Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\nĐiều 2. Nguyên tắc\n1. Làm việc tập thể.\n")
    raw = state_header() + "QUYẾT ĐỊNH:\nĐiều 1. Ban hành Quy chế.\nĐiều 2. Hiệu lực.\n" + SIGNATURE + after
    assert paths(raw) == ["Điều 1", "Điều 2", "Chương I", "Chương I/Điều 1", "Chương I/Điều 2",
                          "Chương I/Điều 2/1"]


def test_rules_under_a_header_whose_columns_a_scan_interleaved_start_their_own_root():
    # OCR reads the issuer's column and the motto's in turn: the motto stands lines above the type line
    after = ("BAN CHỈ ĐẠO\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nVỀ CHUYỂN ĐỔI SỐ\nĐộc lập - Tự do - Hạnh phúc\n"
             "TỔ GIÚP VIỆC\nQUY CHẾ HOẠT ĐỘNG\ncủa Tổ giúp việc\nChương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\n"
             "Điều 2. Nguyên tắc\n")
    raw = state_header() + "QUYẾT ĐỊNH:\nĐiều 1. Ban hành Quy chế.\nĐiều 2. Hiệu lực.\n" + SIGNATURE + after
    assert paths(raw) == ["Điều 1", "Điều 2", "Chương I", "Chương I/Điều 1", "Chương I/Điều 2"]


def test_rules_titled_in_capitals_above_their_kem_theo_line_start_their_own_root():
    after = ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nQUY CHẾ PHỐI HỢP QUẢN LÝ CỤM CÔNG NGHIỆP\n"
             "(Ban hành kèm theo Quyết định số 15/2025/QĐ-UBND)\nChương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\n")
    raw = state_header() + "QUYẾT ĐỊNH:\nĐiều 1. Ban hành Quy chế.\nĐiều 2. Hiệu lực.\n" + SIGNATURE + after
    assert paths(raw) == ["Điều 1", "Điều 2", "Chương I", "Chương I/Điều 1"]


def test_chapter_articles_whose_word_the_legacy_reader_dropped():
    # a .doc whose articles Word numbered (`Điều %1.`): antiword prints `1. Phạm vi`; the numbers run on
    # through the chapters while each article's clauses start again at 1
    body = ("Chương I\nQUY ĐỊNH CHUNG\n1. Phạm vi điều chỉnh\n1. Quy chế này quy định việc họp.\n"
            "2. Quy chế áp dụng với thành viên.\n2. Nguyên tắc làm việc\n1. Tập thể, dân chủ.\n"
            "Chương II\nTRÁCH NHIỆM\n3. Trách nhiệm của Tổ trưởng\n1. Điều hành chung:\n"
            "a) Phân công nhiệm vụ;\nb) Chủ trì họp.\n2. Ký văn bản.\n3. Báo cáo Ban Chỉ đạo.\n"
            "4. Trách nhiệm của thành viên\n1. Dự họp đầy đủ.\n")
    raw = state_header(type_word="QUY CHẾ", title="Làm việc của Tổ công tác") + body + SIGNATURE
    secs = {s["path"]: s for s in parse_text(raw).sections}
    assert list(secs) == [
        "Chương I", "Chương I/Điều 1", "Chương I/Điều 1/1", "Chương I/Điều 1/2", "Chương I/Điều 2",
        "Chương I/Điều 2/1", "Chương II", "Chương II/Điều 3", "Chương II/Điều 3/1", "Chương II/Điều 3/1/a",
        "Chương II/Điều 3/1/b", "Chương II/Điều 3/2", "Chương II/Điều 3/3", "Chương II/Điều 4",
        "Chương II/Điều 4/1"]
    assert secs["Chương II/Điều 3"]["heading"] == "Trách nhiệm của Tổ trưởng"
    assert secs["Chương II/Điều 3"]["label"] == "Điều 3"


def test_a_project_in_chapters_keeps_its_numbered_items():
    # items numbered from 1 again in each chapter, or under a roman part: not articles
    body = ("Chương I\nSỰ CẦN THIẾT\n1. Cơ sở pháp lý\n2. Cơ sở thực tiễn\nChương II\nNỘI DUNG\n"
            "I. Mục tiêu\n1. Mục tiêu chung\n2. Mục tiêu cụ thể\n")
    raw = state_header(type_word="ĐỀ ÁN", title="Phát triển du lịch") + body + SIGNATURE
    assert paths(raw) == ["Chương I", "Chương I/1", "Chương I/2", "Chương II", "Chương II/I", "Chương II/I/1",
                          "Chương II/I/2"]


def test_numbered_items_of_a_chapter_with_articles_stay_clauses():
    body = "Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\n1. Quy định việc họp.\n2. Nguyên tắc\n"
    raw = state_header(type_word="QUY CHẾ", title="Làm việc") + body + SIGNATURE
    assert paths(raw) == ["Chương I", "Chương I/Điều 1", "Chương I/Điều 1/1", "Chương I/Điều 1/2"]


def test_forms_inside_an_appendix_stay_in_it():
    # the forms belong to the appendix (no root of their own); their numbering is a template's
    after = "PHỤ LỤC\nCÁC MẪU\nMẫu số 01\nTỜ TRÌNH\nThẩm định dự án\nI. THÔNG TIN\n"
    got = paths(report("I. Kết quả\n", after))
    assert got == ["I", "Phụ lục"]


def _word_numbered_docx(path: Path) -> Path:
    """A decision whose articles, clauses and points Word numbers itself (`Điều %1.`, `%2.`, `%3)`): the
    numbers live in numbering.xml, not in the paragraphs' text."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Điều %1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    text = state_header() + "QUYẾT ĐỊNH:"
    for line in text.split("\n"):
        d.add_paragraph(line)
    for level, line in [(0, "Thành lập Tổ công tác, gồm:"), (1, "Tổ trưởng: Giám đốc Sở."), (1, "Thành viên:"),
                        (2, "Phó Giám đốc Sở Tài chính;"), (2, "Phó Giám đốc Sở Xây dựng."),
                        (0, "Quyết định này có hiệu lực kể từ ngày ký."), (0, "Các ông, bà có tên tại Điều 1 thi hành.")]:
        p = d.add_paragraph(line)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    for line in SIGNATURE.strip().split("\n"):
        d.add_paragraph(line)
    d.save(path)
    return path


def test_numbers_word_prints_in_a_docx_are_read(tmp_path: Path):
    rec = process_file(_word_numbered_docx(tmp_path / "qd.docx"))
    assert [s["path"] for s in rec["sections"]] == ["Điều 1", "Điều 1/1", "Điều 1/2", "Điều 1/2/a", "Điều 1/2/b",
                                                    "Điều 2", "Điều 3"]
    assert "Điều 2. Quyết định này có hiệu lực" in rec["text"]


def test_both_docx_readers_print_word_numbers_alike(tmp_path: Path):
    from pipeline.read import docx as docx_reader
    from pipeline.read.docx_xml import read_docx_xml

    path = _word_numbered_docx(tmp_path / "qd.docx")
    assert read_docx_xml(path)[0] == docx_reader._read_python_docx(path).text


def _short_table_docx(path: Path) -> Path:
    """A plan whose timetable is a four-column table of two rows under its header row, the last cell
    listing two bodies as two paragraphs."""
    import docx

    d = docx.Document()
    for line in (state_header() + "KẾ HOẠCH\nTổ chức hội thi năm 2026\nI. NỘI DUNG").split("\n"):
        d.add_paragraph(line)
    rows = [["TT", "Nội dung", "Thời gian", "Đơn vị thực hiện"],
            ["1", "Tổ chức hội thi", "Tháng 4/2026", "Sở Văn hóa"],
            ["2", "Tổng kết", "Tháng 12/2026", "Sở Nội vụ\nSở Tài chính"]]
    table = d.add_table(rows=3, cols=4)
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            first, *more = value.split("\n")
            table.cell(i, j).text = first
            for p in more:
                table.cell(i, j).add_paragraph(p)
    for line in SIGNATURE.strip().split("\n"):
        d.add_paragraph(line)
    d.save(path)
    return path


def test_a_short_table_of_four_columns_is_read_row_by_row(tmp_path: Path):
    """Header and signature blocks (up to three columns) are read column by column; a timetable is rows."""
    from pipeline.read import docx as docx_reader
    from pipeline.read.docx_xml import read_docx_xml

    path = _short_table_docx(tmp_path / "kh.docx")
    rec = process_file(path)
    assert "2 | Tổng kết | Tháng 12/2026 | Sở Nội vụ; Sở Tài chính" in rec["text"]
    assert "2026-12" in {d["value"] for d in rec["dates"]}
    assert {"Sở Nội vụ", "Sở Tài chính"} <= {b["name"] for b in rec["bodies"]}
    assert read_docx_xml(path)[0] == docx_reader._read_python_docx(path).text


# ------------------------------------------------------------------ Markdown transcriptions

MD = """| ỦY BAN NHÂN DÂN<br>**TỈNH KHÁNH HÒA** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>**Độc lập - Tự do - Hạnh phúc** |
|---|---|
| Số: 215/QĐ-UBND | *Khánh Hòa, ngày 07 tháng 3 năm 2025* |

# QUYẾT ĐỊNH

## Về việc ban hành Kế hoạch phát triển thư viện số năm 2025

**CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA**

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;

**QUYẾT ĐỊNH:**

**Điều 1.** Ban hành Kế hoạch phát triển thư viện số năm 2025 với các nội dung:

1\\. Số hóa tài liệu

| STT | Nội dung | Đơn vị thực hiện |
|---|---|---|
| 1 | Số hóa sách cổ | Thư viện tỉnh |
| 2 | Xây dựng phần mềm | Sở Khoa học và Công nghệ |

2\\. Đào tạo

**Điều 2.** Quyết định này có hiệu lực kể từ ngày ký.

| **Nơi nhận:**<br>- Như Điều 2;<br>- Lưu: VT. | **KT. CHỦ TỊCH**<br>**PHÓ CHỦ TỊCH**<br><br>(Đã ký)<br><br>**Trần Minh Khoa** |
|---|---|
"""


def test_markdown_marks_go_and_tables_become_rows():
    text = markdown_to_text(MD)
    lines = [ln for ln in text.split("\n") if ln.strip()]
    assert "# " not in text and "\\." not in text and "|---" not in text
    assert "1 | Số hóa sách cổ | Thư viện tỉnh" in lines
    # the header table reads left column, then right column
    assert lines.index("Số: 215/QĐ-UBND") < lines.index("**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**")


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_a_transcription_tools_front_matter_is_not_the_documents_header(tmp_path: Path, suffix):
    # the converter's own fields above the document (`title:` would otherwise be read as the header's first line)
    front = '---\ntitle: "Doc Chi thi 11 2026"\ncategory: "Tax"\noriginal_format: "pdf"\ntags:\n  - thue\n---\n\n'
    path = tmp_path / f"qd{suffix}"
    path.write_text(front + MD, encoding="utf-8")
    rec = process_file(path)
    assert not rec["text"].lstrip().startswith(("---", "title"))
    assert "original_format" not in rec["text"]
    m = rec["metadata"]
    assert (m["doc_type"], m["identifier"], m["issuer"]) == ("Quyết định", "215/QĐ-UBND", "Ủy ban nhân dân tỉnh Khánh Hòa")


def test_a_document_opening_on_a_rule_of_dashes_keeps_its_first_lines():
    from pipeline.read.markdown import drop_front_matter
    text = "---\nỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA\n---\nSố: 215/QĐ-UBND\n"
    assert drop_front_matter(text) == text


def test_markdown_transcription_end_to_end(tmp_path: Path):
    path = tmp_path / "qd.md"
    path.write_text(MD, encoding="utf-8")
    rec = process_file(path)
    m = rec["metadata"]
    assert (m["doc_type"], m["identifier"], m["issued_date"], m["place"]) == \
        ("Quyết định", "215/QĐ-UBND", "2025-03-07", "Khánh Hòa")
    assert m["issuer"] == "Ủy ban nhân dân tỉnh Khánh Hòa"
    assert m["title"] == "ban hành Kế hoạch phát triển thư viện số năm 2025"
    assert m["signer"] == {"name": "Trần Minh Khoa", "title": "Phó Chủ tịch", "authority": "KT. Chủ tịch"}
    assert [s["path"] for s in rec["sections"]] == ["Điều 1", "Điều 1/1", "Điều 1/2", "Điều 2"]


def test_plain_text_with_blank_lines_between_paragraphs(tmp_path: Path):
    raw = ("ỦY BAN NHÂN DÂN\n\nTỈNH KHÁNH HÒA\n\nSố: 30/KH-UBND\n\n" + NATIONAL + "\n\nKhánh Hòa, ngày 05 tháng 01 năm 2026"
           "\n\nKẾ HOẠCH\n\nTổ chức Ngày sách năm 2026\n\nI. MỤC ĐÍCH\n\n1. Lan tỏa văn hóa đọc.\n\n"
           "II. NỘI DUNG\n\n1. Trưng bày sách.\n\n2. Tọa đàm.\n")
    path = tmp_path / "kh.txt"
    path.write_text(raw, encoding="utf-8")
    rec = process_file(path)
    assert rec["metadata"]["title"] == "Tổ chức Ngày sách năm 2026"
    assert [s["path"] for s in rec["sections"]] == ["I", "I/1", "II", "II/1", "II/2"]


# ------------------------------------------------------------------ header

def letter(issuer: str, number: str = "Số: 12/SCT-QLTM", date: str = "Lào Cai, ngày 05 tháng 01 năm 2025") -> dict:
    return meta(f"{issuer}\n{number}\n{NATIONAL}\n{date}\nV/v kiểm tra thị trường\nKính gửi: Các phòng.\n"
                "Nội dung.\n" + SIGNATURE)


def test_impossible_dates_are_null():
    assert letter("SỞ CÔNG THƯƠNG", date="Lào Cai, ngày 30 tháng 02 năm 2025")["issued_date"] is None
    assert letter("SỞ CÔNG THƯƠNG", date="Lào Cai, ngày 31 tháng 04 năm 2025")["issued_date"] is None
    assert letter("SỞ CÔNG THƯƠNG", date="Lào Cai, ngày 29 tháng 02 năm 2024")["issued_date"] == "2024-02-29"


def test_a_blank_number_and_no_value_are_null_never_empty():
    m = letter("SỞ CÔNG THƯƠNG", number="Số:      /SCT-QLTM")
    assert m["identifier"] is None
    assert all(v != "" for v in m.values()) and all(v != "" for v in m["signer"].values())


def test_issuer_cells_of_a_header_table():
    raw = ("SỞ CÔNG THƯƠNG | | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LÀO CAI | | Độc lập - Tự do - Hạnh phúc\n"
           "Số: 5/SCT-QLTM | | Lào Cai, ngày 05 tháng 01 năm 2025\nV/v kiểm tra thị trường\nNội dung.\n" + SIGNATURE)
    m = meta(raw)
    assert m["issuer"] == "Sở Công Thương tỉnh Lào Cai" and m["identifier"] == "05/SCT-QLTM"


def test_nested_issuer_is_the_lower_unit():
    m = letter("BỘ CÔNG THƯƠNG\nCỤC HÓA CHẤT", number="Số: 12/HC-KHCN", date="Hà Nội, ngày 05 tháng 01 năm 2025")
    assert (m["issuer"], m["parent_issuer"]) == ("Cục Hóa chất", "Bộ Công Thương")


def test_nested_issuer_when_the_motto_was_read_first():
    raw = ("BỘ CÔNG THƯƠNG\nĐộc lập - Tự do - Hạnh phúc CỤC HÓA CHẤT\nSố: 12/HC-KHCN\n"
           "Hà Nội, ngày 05 tháng 01 năm 2025\nV/v báo cáo\nNội dung.\n" + SIGNATURE)
    assert meta(raw)["issuer"] == "Cục Hóa chất"


def test_a_standing_office_takes_its_board_and_the_board_its_province():
    m = letter("BAN CHỈ HUY PCTT VÀ TKCN\nTỈNH QUẢNG TRỊ\nVĂN PHÒNG THƯỜNG TRỰC", number="Số: 25/PCTT",
               date="Quảng Trị, ngày 06 tháng 9 năm 2022")
    assert m["issuer"] == ("Văn phòng Thường trực Ban Chỉ huy Phòng chống thiên tai và Tìm kiếm cứu nạn "
                           "tỉnh Quảng Trị")


@pytest.mark.parametrize("issuer,name", [
    ("ỦY BAN MTTQ VIỆT NAM\nXÃ BẢO THẮNG\nBAN THƯỜNG TRỰC",
     "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã Bảo Thắng"),
    ("BỘ NỘI VỤ\nTHANH TRA BỘ", "Thanh tra Bộ Nội vụ"),
    ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nTHANH TRA TỈNH", "Thanh tra tỉnh Lào Cai"),
    ("TỈNH ỦY LÀO CAI\nBAN TUYÊN GIÁO", "Ban Tuyên giáo Tỉnh ủy Lào Cai"),
])
def test_a_unit_and_its_parent_each_keep_their_own_name(issuer, name):
    assert letter(issuer)["issuer"] == name


@pytest.mark.parametrize("first_line,issuer,parent", [
    ("BỘ NỘI VỤ", "Bộ Nội vụ", None),
    ("BỘ QUỐC PHÒNG", "Bộ Quốc phòng", None),
    ("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "Bộ Nông nghiệp và Môi trường", None),
    ("TỈNH ỦY LÂM ĐỒNG ỦY BAN KIỂM TRA", "Ủy ban Kiểm tra Tỉnh ủy Lâm Đồng", "Tỉnh ủy Lâm Đồng"),
    ("UBND TỈNH ĐỒNG NAI SỞ NỘI VỤ", "Sở Nội vụ tỉnh Đồng Nai", "Ủy ban nhân dân tỉnh Đồng Nai"),
])
def test_a_head_word_ending_a_common_word_does_not_cut_the_issuer_run_into_the_motto(first_line, issuer, parent):
    """A text copy (a web page's) runs the issuer into the motto; the cut between a parent and
    the unit under it is made before a head (`SỞ`, `VỤ`, `PHÒNG`, `TRƯỜNG`), but not where the head word ends a
    common word of the name (`NỘI VỤ`, `QUỐC PHÒNG`, `MÔI TRƯỜNG`, `ỦY BAN`)."""
    raw = (f"{first_line}      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n              Độc lập - Tự do - Hạnh phúc\n"
           "Số: 88/KH-BNV                 Hà Nội, ngày 05 tháng 4 năm 2025\nKẾ HOẠCH\nChuyển đổi số năm 2025\n"
           "Căn cứ Luật Tổ chức chính quyền địa phương.\n1. Nội dung.\n" + SIGNATURE)
    m = meta(raw, "txt")
    assert (m["issuer"], m["parent_issuer"]) == (issuer, parent)


@pytest.mark.parametrize("issuer,name,parent", [
    ("BẢO HIỂM XÃ HỘI VIỆT NAM\nBẢO HIỂM XÃ HỘI TỈNH LÂM ĐỒNG", "Bảo hiểm xã hội tỉnh Lâm Đồng", "Bảo hiểm xã hội Việt Nam"),
    ("KIỂM TOÁN NHÀ NƯỚC\nKIỂM TOÁN NHÀ NƯỚC KHU VỰC XII", "Kiểm toán nhà nước khu vực XII", "Kiểm toán nhà nước"),
    ("—— BỘ XÂY DỰNG\nVIỆN KIẾN TRÚC QUỐC GIA", "Viện Kiến trúc quốc gia", "Bộ Xây dựng"),
    ("BỘ XÂY DỰNG ——\nVIỆN KIẾN TRÚC QUỐC GIA", "Viện Kiến trúc quốc gia", "Bộ Xây dựng"),
])
def test_a_national_agency_branch_and_a_parent_beside_its_rule(issuer, name, parent):
    """A national agency's provincial branch is a unit under it, not one name run on; the rule OCR reads beside
    a parent's line (`——`) is no part of its name."""
    m = letter(issuer)
    assert (m["issuer"], m["parent_issuer"]) == (name, parent)


def test_a_party_title_stops_before_the_body():
    head = "ĐẢNG BỘ TỈNH LÀO CAI\nĐẢNG ỦY XÃ BẢO THẮNG\n*\nSố 07-KL/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\n" \
           "Bảo Thắng, ngày 10 tháng 4 năm 2025\nKẾT LUẬN\ncủa Ban Thường vụ Đảng ủy xã\nvề công tác chuyển đổi số\n"
    for body in ("1- Kết quả đạt được\n", "Thời gian qua, công tác được quan tâm.\n"):
        m = meta(head + body + "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\nLê Văn Hòa\n")
        assert m["title"] == "của Ban Thường vụ Đảng ủy xã về công tác chuyển đổi số"
        assert m["signer"] == {"name": "Lê Văn Hòa", "title": "Phó Bí thư", "authority": "T/M Ban Thường vụ"}


def test_the_title_of_a_programme_stops_at_its_time_and_place():
    raw = ("BỘ CÔNG AN\n" + NATIONAL + "\nCHƯƠNG TRÌNH\nHội nghị tổng kết công tác phòng cháy năm 2025\n"
           "Thời gian: 01 ngày, bắt đầu lúc 08h00, ngày 15/12/2025\nĐịa điểm: Hội trường tầng 3\n")
    assert meta(raw)["title"] == "Hội nghị tổng kết công tác phòng cháy năm 2025"


def test_a_school_under_a_department_is_named_on_its_own_in_proper_case():
    m = letter("SỞ GIÁO DỤC VÀ ĐÀO TẠO\nTHÀNH PHỐ HÀ NỘI\nTRƯỜNG THPT AN BÌNH", number="Số: 30/THPT",
               date="Hà Nội, ngày 05 tháng 3 năm 2025")
    assert m["issuer"] == "Trường Trung học phổ thông An Bình"
    assert m["parent_issuer"] == "Sở Giáo dục và Đào tạo thành phố Hà Nội"


def test_a_department_of_a_committee_keeps_the_jurisdiction():
    m = letter("ỦY BAN NHÂN DÂN\nTỈNH NINH BÌNH\nSỞ XÂY DỰNG", number="Số: 30/SXD-QLN")
    assert m["issuer"] == "Sở Xây dựng tỉnh Ninh Bình"


def test_a_unit_under_its_hospital():
    m = letter("BỆNH VIỆN ĐK TỈNH NINH BÌNH\nTỔ CHUYÊN GIA", number="Số: 3/TTr-TCG")
    assert (m["issuer"], m["parent_issuer"]) == ("Tổ chuyên gia", "Bệnh viện đa khoa tỉnh Ninh Bình")


def test_minutes_in_capitals_with_their_subject():
    raw = (state_header(type_word="BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA", number="Số: 4/BB-HĐTĐ",
                        title="Về việc xét danh hiệu thi đua năm 2025") + "I. Thời gian\n" + SIGNATURE)
    m = meta(raw)
    assert m["doc_type"] == "Biên bản" and m["title"] == "xét danh hiệu thi đua năm 2025"


def test_report_type_with_its_title_on_the_same_line():
    raw = ("HIỆP HỘI DOANH NGHIỆP\nSố: /BC-HHDN\n" + NATIONAL + "\nNinh Bình, ngày 5 tháng 6 năm 2025\n"
           "BÁO CÁO KIỂM ĐIỂM\nCỦA BAN CHẤP HÀNH HIỆP HỘI\nNhiệm kỳ II (2020-2025)\n-----\nNội dung.\n" + SIGNATURE)
    m = meta(raw)
    assert m["doc_type"] == "Báo cáo"
    assert m["title"].casefold() == "kiểm điểm của ban chấp hành hiệp hội nhiệm kỳ ii (2020-2025)"


def test_every_type_of_the_closed_list_in_any_case():
    for word, expected in [("Biên bản", "Biên bản"), ("BIÊN BẢN", "Biên bản"), ("Giấy mời", "Giấy mời"),
                           ("PHƯƠNG ÁN", "Phương án"), ("Đề án", "Đề án")]:
        raw = state_header(type_word=word, number="Số: 4/UBND", title="Về việc tổ chức hội nghị") + "Nội dung.\n"
        assert meta(raw)["doc_type"] == expected, word


def test_a_long_subject_line_is_the_title():
    subject = "Về việc phê duyệt kết quả lựa chọn nhà thầu gói thầu: " + "mua sắm vật tư y tế, " * 25 + "năm 2026"
    raw = state_header(title=subject) + "Căn cứ Luật Đấu thầu;\nĐiều 1. Phê duyệt.\n" + SIGNATURE
    assert meta(raw)["title"].startswith("phê duyệt kết quả lựa chọn nhà thầu")


def test_title_stops_before_the_signer_title_in_capitals():
    raw = (state_header(title="Về việc ban hành Quy chế làm việc của cơ quan năm 2026 theo quy định mới nhất") +
           "BỘ TRƯỞNG BỘ XÂY DỰNG\nCăn cứ Luật Xây dựng;\nĐiều 1. Ban hành.\n" + SIGNATURE)
    assert meta(raw, "pdf")["title"] == "ban hành Quy chế làm việc của cơ quan năm 2026 theo quy định mới nhất"


# ------------------------------------------------------------------ signer

def closing(block: str) -> dict:
    raw = state_header() + "Điều 1. Nội dung.\n" + "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n" + block + "\n"
    return meta(raw)["signer"]


def test_school_and_institute_titles():
    assert closing("KT. HIỆU TRƯỞNG\nPHÓ HIỆU TRƯỞNG\nTrần Văn Nam") == \
        {"authority": "KT. Hiệu trưởng", "title": "Phó Hiệu trưởng", "name": "Trần Văn Nam"}
    assert closing("KT. VIỆN TRƯỞNG\nPHÓ VIỆN TRƯỞNG\nLê Thị Hoa")["authority"] == "KT. Viện trưởng"


def test_the_chair_signs_minutes_not_the_secretary():
    raw = (state_header(type_word="BIÊN BẢN", number="Số: 4/BB-TCG", title="Về việc họp tổ") +
           "I. Nội dung\nCuộc họp kết thúc lúc 11 giờ./.\nTHƯ KÝ\nNguyễn Thị Lan\nTỔ TRƯỞNG\nPhạm Văn Đức\n")
    assert meta(raw)["signer"] == {"authority": None, "title": "Tổ trưởng", "name": "Phạm Văn Đức"}


def test_signature_block_in_a_table_row():
    assert closing("| KT. CHỦ TỊCH\n| PHÓ CHỦ TỊCH\n| (Đã ký) Võ Thành Trung".replace("| ", "Ghi chú | ")) \
        ["name"] == "Võ Thành Trung"


@pytest.mark.parametrize("block,signer", [
    ("KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Hữu Tín", ("KT. Chủ tịch", "Phó Chủ tịch", "Nguyễn Hữu Tín")),
    ("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH (Đã ký) Lê Thanh Liêm", ("TM. Ủy ban nhân dân", "Chủ tịch", "Lê Thanh Liêm")),
    ("KT. BỘ TRƯỞNG THỨ TRƯỞNG Trần Văn Bình", ("KT. Bộ trưởng", "Thứ trưởng", "Trần Văn Bình")),
])
def test_a_signature_block_run_into_one_line(block, signer):
    """A database's copy runs the block into one line: authority and title in capitals, then the name."""
    raw = state_header() + "Điều 1. Nội dung.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n" + block + "\n"
    got = meta(raw, "txt")["signer"]
    assert (got["authority"], got["title"], got["name"]) == signer


def test_name_printed_only_by_the_signing_software():
    raw = ("Người ký: Hoàng Minh Tuấn\n" + state_header() + "Điều 1. Nội dung.\n"
           "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n")
    assert meta(raw)["signer"]["name"] == "Hoàng Minh Tuấn"


def test_the_stamp_name_does_not_replace_the_blocks():
    raw = ("Người ký: Văn phòng Ủy ban nhân dân\n" + state_header() + "Điều 1. Nội dung.\n" + SIGNATURE)
    assert meta(raw)["signer"]["name"] == "Nguyễn Văn Bình"


def test_a_table_issued_with_a_decision_carries_its_identity():
    raw = ("Bảng 2\nCHỈ SỐ XẾP HẠNG CHUYỂN ĐỔI SỐ\n(Ban hành kèm theo Quyết định số\n"
           "/QĐ-BKHCN ngày tháng năm 2025 của Bộ Khoa học và Công nghệ)\nSTT | Tiêu chí | Điểm\n1 | Hạ tầng | 10\n")
    m = meta(raw)
    assert (m["doc_type"], m["identifier"], m["issuer"]) == ("Quyết định", None, "Bộ Khoa học và Công nghệ")
    assert m["title"] == "Chỉ số xếp hạng chuyển đổi số"


def test_an_appendix_of_a_letter_is_a_letter():
    raw = ("BỘ XÂY DỰNG\nPhụ lục 1\nHƯỚNG DẪN CHẤM ĐIỂM CÁC TIÊU CHÍ AN TOÀN CÔNG TRÌNH\n"
           "(Kèm theo Công văn số 15/BXD-GĐ ngày 05/01/2025 của Bộ Xây dựng)\nSTT | Tiêu chí\n")
    m = meta(raw)
    assert (m["doc_type"], m["identifier"], m["issuer"]) == ("Công văn", "15/BXD-GĐ", "Bộ Xây dựng")
    assert m["title"] == "Hướng dẫn chấm điểm các tiêu chí an toàn công trình"


def test_minutes_without_a_date_line_are_dated_by_their_meeting():
    raw = ("BAN QUẢN LÝ DỰ ÁN\n" + NATIONAL + "\nBIÊN BẢN HỌP\nVề việc nghiệm thu công trình\n"
           "I. Thời gian và địa điểm:\n- Thời gian: 14 giờ 00 phút ngày 12 tháng 08 năm 2025;\n- Tại: Hội trường.\n")
    m = meta(raw)
    assert (m["doc_type"], m["issued_date"]) == ("Biên bản", "2025-08-12")
    assert meta(raw.replace("12 tháng 08", "31 tháng 09"))["issued_date"] is None


def test_a_long_title_line_of_a_pdf_takes_no_paragraph_under_it(tmp_path):
    """A PDF wraps every line near the page's width: a long title line under the type word is no wrapped line of the
    paragraph that opens under it in capitals (the title is centred; it ends where the paragraph starts)."""
    from fixtures import PARTY_BANNER, AdminDoc, to_pdf

    doc = AdminDoc(issuer=["TỈNH ỦY NAM SƠN", "*"], number="Số 18-CT/TU", national=PARTY_BANNER,
                   place_date="Nam Sơn, ngày 02 tháng 4 năm 2026", type_word="CHỈ THỊ",
                   title=["của Ban Thường vụ Tỉnh ủy về phát triển du lịch cộng đồng ở vùng cao"],
                   body=["Ban Thường vụ Tỉnh ủy giao các cấp ủy, chính quyền địa phương vùng cao chú trọng những việc "
                         "dưới đây:", "1. Các huyện ủy xây dựng mô hình làng du lịch."],
                   recipients=["Nơi nhận:", "- Các huyện ủy, thành ủy,", "- Ban Dân vận Tỉnh ủy,", "- Lưu VT."],
                   signature=["T/M TỈNH ỦY", "PHÓ BÍ THƯ THƯỜNG TRỰC", "", "Lê Văn Hải"])
    rec = process_file(to_pdf(doc, tmp_path / "chi-thi.pdf"))
    assert rec["metadata"]["title"].startswith("của Ban Thường vụ Tỉnh ủy về phát triển"), rec["metadata"]["title"]
    assert rec["metadata"]["title"].endswith("ở vùng cao"), rec["metadata"]["title"]
    assert any(b["name"].startswith("các cấp ủy") for b in rec["bodies"]), rec["bodies"]


def test_a_signing_stamp_read_into_the_recipients_column_leaves_the_list_whole(tmp_path: Path):
    """A signed PDF's stamp (`Người ký:`, `Cơ quan:`, `Email:`, `Thời gian ký:`) printed over the signature column
    is read, row by row, between the Nơi nhận items when the page is rendered or scanned; a stamp line ended the
    list there, and the items after it were lost."""
    import sys
    sys.path.insert(0, str(Path(__file__).parent))
    from fixtures import STATE_BANNER, AdminDoc, to_pdf

    doc = AdminDoc(issuer=["ỦY BAN NHÂN DÂN", "TỈNH HƯNG YÊN", "SỞ XÂY DỰNG"], number="Số: 712/SXD-QLN",
                   national=STATE_BANNER, place_date="Hưng Yên, ngày 03 tháng 4 năm 2025",
                   subject=["V/v rà soát nhà ở công vụ"],
                   body=["Kính gửi: Ủy ban nhân dân các xã, phường.",
                         "1. Các xã, phường rà soát quỹ nhà ở công vụ, gửi về Sở Xây dựng trước ngày 20 tháng 4 năm 2025."],
                   recipients=["Nơi nhận:", "- Như trên;", "- UBND tỉnh (để b/c);", "- Sở Tài chính;",
                               "- Phòng Quản lý nhà;", "- Lưu: VT, QLN."],
                   signature=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Người ký: Sở Xây dựng", "Cơ quan: Tỉnh Hưng Yên",
                              "Thời gian ký: 03.04.2025 09:12:40 +07:00", "Trần Minh Đức"])
    rec = process_file(to_pdf(doc, tmp_path / "cv.pdf"))
    got = {b["name"] for b in rec["bodies"] if b["role"] == "recipient"}
    assert {"Sở Tài chính", "Phòng Quản lý nhà"} <= got and any(n.startswith("Ủy ban nhân dân tỉnh") for n in got), got
    assert rec["metadata"]["signer"]["name"] == "Trần Minh Đức"


def test_what_ocr_reads_of_a_seal_before_the_first_recipient_does_not_end_the_list():
    """A scanned closing read row by row: the seal and the hand signature come back as short lines of debris in
    running case between `Nơi nhận:` and its first item. They ended the list before it began."""
    text = state_header(number="Số: 31/KH-UBND", type_word="KẾ HOẠCH", title="Kiểm tra công tác văn thư năm 2025") \
        + "\n".join(["1. Văn phòng tổ chức kiểm tra.", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH", "/ZZ 9N tản", "¡ch / “È/", "PHÓ CHỦ TỊCH", "&G & cứ 27 4 đẾi", "- Sở Nội vụ;", "- Sở Tài chính;",
        "- Lưu: VT.", "Trần Văn Bình", ""])
    from pipeline.run.process import process_text
    rec = process_text("kh.txt", text)
    assert {b["name"] for b in rec["bodies"] if b["role"] == "recipient"} >= {"Sở Nội vụ", "Sở Tài chính"}
    assert rec["metadata"]["signer"]["name"] == "Trần Văn Bình"


def test_a_party_acts_author_line_under_its_type_word_is_not_its_title():
    raw = ("TỈNH ỦY NGHỆ AN\n*\nSố 25-CT/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nNghệ An, ngày 15 tháng 4 năm 2026\nCHỈ THỊ\n"
           "CỦA BAN THƯỜNG VỤ TỈNH ỦY\nvề tăng cường công tác phòng, chống tham nhũng\n"
           "Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy thực hiện tốt các nhiệm vụ sau:\n1. Quán triệt Chỉ thị.\n"
           "T/M BAN THƯỜNG VỤ\nBÍ THƯ\nNguyễn Đức Trung\n")
    m = meta(raw)
    assert (m["doc_type"], m["title"]) == ("Chỉ thị", "tăng cường công tác phòng, chống tham nhũng")


def test_decimal_items_ending_in_a_letter_go_under_their_decimal():
    body = ("I. MỤC TIÊU\n1. Mục tiêu chung\n2. Yêu cầu\n2.1. Yêu cầu về kỹ thuật:\n"
            "2.1.a. Sở Xây dựng nghiên cứu, thiết kế mẫu nhà ở.\n2.1.b. Việc hỗ trợ được thực hiện.\n2.2. Yêu cầu khác\n"
            "II. TỔ CHỨC THỰC HIỆN\n")
    assert paths(report(body)) == ["I", "I/1", "I/2", "I/2/2.1", "I/2/2.1/2.1.a", "I/2/2.1/2.1.b", "I/2/2.2", "II"]
