"""Ruled tables of a PDF are read as DOCX reads a table: one `a | b | c` line per row, a cell's wrapped
lines joined, so the extractors that read tables by column (bodies' roles, targets, deadlines) work on
PDFs too. The PDFs are drawn here: a plan with a task table and a targets table, their grids drawn
once as stroked lines (as fpdf2, LibreOffice and many printers do), once as thin filled boxes (as
Word does) and once without the outer frame (only the lines between rows and columns), under a two-column header and over a signature block that have no rules."""
from __future__ import annotations

import pytest

from tests.fixtures import FONT

pytest.importorskip("fpdf")
pytest.importorskip("pypdfium2")

HEADER = [("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
          ("TỈNH LÀO CAI", "Độc lập - Tự do - Hạnh phúc"),
          ("Số: 57/KH-UBND", "Lào Cai, ngày 12 tháng 01 năm 2026")]
TASKS = [
    ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
    ["1", "Tổ chức tuyên truyền cải cách hành chính trên các phương tiện thông tin đại chúng",
     "Sở Văn hóa, Thể thao và Du lịch", "Sở Nội vụ", "Trước ngày 30/6/2026"],
    ["2", "Rà soát, đơn giản hóa thủ tục hành chính nội bộ giữa các cơ quan hành chính nhà nước",
     "Sở Tư pháp", "Văn phòng Ủy ban nhân dân tỉnh", "Quý III năm 2026"],
]
TARGETS = [
    ["Chỉ tiêu", "Đơn vị tính", "Năm 2026"],
    ["Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình", "%", "80"],
    ["Số điểm phục vụ hành chính công cấp xã được nâng cấp", "điểm", "25"],
]
WIDTHS = {"tasks": [15, 49, 38, 36, 37], "targets": [95, 30, 50]}


def _grid(pdf, rows: list[list[str]], widths: list[float], rules: str) -> None:
    """A table at the cursor: each cell's text wrapped to its column, the grid drawn after the text."""
    from fpdf.enums import XPos, YPos

    line_h, pad = 5.0, 1.5
    x0, y = pdf.l_margin, pdf.get_y()
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [y]
    for row in rows:
        heights = [len(pdf.multi_cell(w - 2 * pad, line_h, text, dry_run=True, output="LINES"))
                   for w, text in zip(widths, row)]
        for x, w, text in zip(xs, widths, row):
            pdf.set_xy(x + pad, ys[-1] + pad)
            pdf.multi_cell(w - 2 * pad, line_h, text, new_x=XPos.LEFT, new_y=YPos.NEXT)
        ys.append(ys[-1] + max(heights) * line_h + 2 * pad)
    thin = 0.18
    if rules == "open":   # no outer frame: only the lines between rows and between columns
        for yy in ys[1:-1]:
            pdf.line(xs[0], yy, xs[-1], yy)
        for xx in xs[1:-1]:
            pdf.line(xx, ys[0], xx, ys[-1])
        pdf.set_xy(pdf.l_margin, ys[-1] + 4)
        return
    for yy in ys:
        if rules == "stroked":
            pdf.line(xs[0], yy, xs[-1], yy)
        else:
            pdf.rect(xs[0], yy - thin / 2, xs[-1] - xs[0], thin, style="F")
    for xx in xs:
        if rules == "stroked":
            pdf.line(xx, ys[0], xx, ys[-1])
        else:
            pdf.rect(xx - thin / 2, ys[0], thin, ys[-1] - ys[0], style="F")
    pdf.set_xy(pdf.l_margin, ys[-1] + 4)


def _plan_pdf(path, rules: str = "stroked"):
    """A provincial plan: header, a paragraph, the task table, the targets table, a closing paragraph,
    recipients beside the signature."""
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(15, 15, 15)
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    for left, right in HEADER:
        pdf.cell(75, 6, left, align="C")
        pdf.cell(0, 6, right, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    pdf.cell(0, 7, "KẾ HOẠCH", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.cell(0, 6, "Cải cách hành chính tỉnh Lào Cai năm 2026", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    pdf.multi_cell(0, 6, "I. NHIỆM VỤ TRỌNG TÂM", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.multi_cell(0, 6, "Các cơ quan, đơn vị triển khai các nhiệm vụ sau:", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    _grid(pdf, TASKS, WIDTHS["tasks"], rules)
    pdf.multi_cell(0, 6, "II. CHỈ TIÊU CHỦ YẾU", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    _grid(pdf, TARGETS, WIDTHS["targets"], rules)
    pdf.multi_cell(0, 6, "Trong quá trình thực hiện, nếu có vướng mắc, các cơ quan, đơn vị báo cáo về Sở Nội vụ.",
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    for left, right in (("Nơi nhận:", "TM. ỦY BAN NHÂN DÂN"), ("- Các sở, ban, ngành;", "CHỦ TỊCH"),
                        ("- Lưu: VT.", ""), ("", "Nguyễn Văn An")):
        pdf.cell(90, 6, left)
        pdf.cell(0, 6, right, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.output(str(path))
    return path


@pytest.fixture(scope="module", params=["stroked", "filled", "open"])
def plan(request, tmp_path_factory):
    """(the text read from the plan PDF, the extracted record), grid drawn both ways."""
    from pipeline import extract_from, parse_text, read_document

    path = _plan_pdf(tmp_path_factory.mktemp("pdftables") / f"plan-{request.param}.pdf", request.param)
    read = read_document(path)
    return read.text, extract_from(parse_text(read.text, str(path), read.format, read.wrapped))


def test_each_row_is_one_line_with_its_cells_joined(plan):
    text, _ = plan
    lines = text.split("\n")
    assert "STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành" in lines
    # the wrapped cells come back whole, in their columns
    assert ("1 | Tổ chức tuyên truyền cải cách hành chính trên các phương tiện thông tin đại chúng"
            " | Sở Văn hóa, Thể thao và Du lịch | Sở Nội vụ | Trước ngày 30/6/2026") in lines
    assert ("2 | Rà soát, đơn giản hóa thủ tục hành chính nội bộ giữa các cơ quan hành chính nhà nước"
            " | Sở Tư pháp | Văn phòng Ủy ban nhân dân tỉnh | Quý III năm 2026") in lines
    assert "Chỉ tiêu | Đơn vị tính | Năm 2026" in lines
    assert "Số điểm phục vụ hành chính công cấp xã được nâng cấp | điểm | 25" in lines


def test_rows_stand_where_the_table_stands_and_nothing_else_is_a_table(plan):
    text, _ = plan
    lines = text.split("\n")
    rows = [n for n, line in enumerate(lines) if "|" in line]
    assert len(rows) == len(TASKS) + len(TARGETS)
    assert lines.index("I. NHIỆM VỤ TRỌNG TÂM") < rows[0]
    assert rows[2] < lines.index("II. CHỈ TIÊU CHỦ YẾU") < rows[3]
    # the header (issuer | motto) and the signature block have no rules: read as before, no cells
    assert "ỦY BAN NHÂN DÂN" in lines[:4] and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines[:4]
    assert any(line.startswith("Nơi nhận") for line in lines[rows[-1]:])


def test_bodies_take_the_role_of_their_column(plan):
    _, record = plan
    roles = {(b["name"], b["role"]) for b in record["bodies"]}
    assert ("Sở Văn hóa, Thể thao và Du lịch", "lead") in roles
    assert ("Sở Tư pháp", "lead") in roles
    assert ("Sở Nội vụ", "coordinate") in roles
    assert ("Văn phòng Ủy ban nhân dân tỉnh Lào Cai", "coordinate") in roles     # named with the issuer's province


def test_targets_read_from_the_targets_table(plan):
    _, record = plan
    found = {(t["value"], t["unit"], t["year"]) for t in record["targets"]}
    assert (80, "%", 2026) in found
    assert (25, "count", 2026) in found
    subjects = {t["subject"] for t in record["targets"]}
    assert "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình" in subjects
    assert "Số điểm phục vụ hành chính công cấp xã được nâng cấp" in subjects


def test_a_date_in_the_completion_column_is_a_deadline(plan):
    _, record = plan
    dates = {(d["value"], d["kind"]) for d in record["dates"]}
    assert ("2026-06-30", "deadline") in dates and ("2026-Q3", "deadline") in dates


def test_a_box_or_loose_rules_are_not_a_table():
    from pipeline.read.pdf_tables import find_tables

    box_h = [(100.0, 50.0, 300.0), (200.0, 50.0, 300.0)]
    box_v = [(50.0, 100.0, 200.0), (300.0, 100.0, 200.0)]
    assert find_tables(box_h, box_v) == []                                    # one cell: a framed paragraph
    rules_only = [(100.0 + 20 * i, 50.0, 300.0) for i in range(5)]
    assert find_tables(rules_only, []) == []                                  # lines under a header, no grid
    two_by_two_v = box_v + [(175.0, 100.0, 200.0)]
    two_by_two_h = box_h + [(150.0, 50.0, 300.0)]
    tables = find_tables(two_by_two_h, two_by_two_v)
    assert len(tables) == 1 and len(tables[0].cells) == 4


def test_the_object_scan_finds_the_grid_rules(tmp_path):
    """One rule per drawn line (two tables); the page has no images."""
    import pypdfium2 as pdfium

    from pipeline.read.pdfium_text import page_objects

    path = _plan_pdf(tmp_path / "plan.pdf")
    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[0]
        images, hrules, vrules = page_objects(page)
        page.close()
    finally:
        pdf.close()
    assert images == []
    # 4 + 4 horizontal rules, 6 + 4 vertical ones (fpdf2 draws each as its own stroked line)
    assert len(hrules) == 8 and len(vrules) == 10


def test_a_row_cut_by_the_page_break_is_one_row(tmp_path):
    """Word breaks a tall row over two pages and repeats the heading row: the second page's part (first
    cell empty, text going on in lower case) is joined to the row it continues, the repeated heading
    dropped; a row of its own on the next page stays a row."""
    from fpdf import FPDF

    from pipeline import read_document

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, "Phụ lục: nhiệm vụ năm 2026")
    pdf.set_y(240)
    _grid(pdf, [TASKS[0], ["1", "Xây dựng cơ sở dữ liệu", "Sở Văn hóa, Thể thao", "Sở Nội vụ", "Quý IV"]],
          WIDTHS["tasks"], "stroked")
    pdf.add_page()
    _grid(pdf, [TASKS[0], ["", "dùng chung của tỉnh", "và Du lịch", "", "năm 2026"],
                ["2", "Công khai kết quả giải quyết hồ sơ", "Sở Tư pháp", "Công an tỉnh", "Hằng tháng"]],
          WIDTHS["tasks"], "stroked")
    pdf.multi_cell(0, 6, "Các cơ quan báo cáo kết quả về Sở Nội vụ.")
    path = tmp_path / "split.pdf"
    pdf.output(str(path))
    lines = read_document(path).text.split("\n")
    assert ("1 | Xây dựng cơ sở dữ liệu dùng chung của tỉnh | Sở Văn hóa, Thể thao và Du lịch | Sở Nội vụ"
            " | Quý IV năm 2026") in lines
    assert "2 | Công khai kết quả giải quyết hồ sơ | Sở Tư pháp | Công an tỉnh | Hằng tháng" in lines
    assert not any(line.startswith(" | dùng chung") for line in lines)
    # the heading Word repeats on the second page is read once, as the DOCX has it
    assert lines.count("STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành") == 1


def _frames_by_all_pairs(hrules, vrules):
    """close_frames as first written: every horizontal rule tried against every vertical one."""
    from pipeline.read.pdf_tables import SNAP

    nh = len(hrules)
    parent = list(range(nh + len(vrules)))

    def root(i):
        while parent[i] != i:
            i = parent[i]
        return i

    for i, (y, x0, x1) in enumerate(hrules):
        for j, (x, top, bottom) in enumerate(vrules):
            if x0 - SNAP <= x <= x1 + SNAP and top - SNAP <= y <= bottom + SNAP:
                parent[root(i)] = root(nh + j)
    grids: dict[int, list[int]] = {}
    for i in range(len(parent)):
        grids.setdefault(root(i), []).append(i)
    hs, vs = list(hrules), list(vrules)
    for members in grids.values():
        h = [hrules[i] for i in members if i < nh]
        v = [vrules[i - nh] for i in members if i >= nh]
        if h and v and len(members) >= 3:
            left = min([r[1] for r in h] + [r[0] for r in v])
            right = max([r[2] for r in h] + [r[0] for r in v])
            top = min([r[0] for r in h] + [r[1] for r in v])
            bottom = max([r[0] for r in h] + [r[2] for r in v])
            hs += [(top, left, right), (bottom, left, right)]
            vs += [(left, top, bottom), (right, top, bottom)]
    return hs, vs


def test_frames_found_from_the_rules_that_can_cross_are_those_of_all_pairs():
    """close_frames looks only at the vertical rules within a horizontal rule's span: the same grids,
    frames and order as trying every pair, on rule sets of grids, near misses and lone rules."""
    import random

    from pipeline.read.pdf_tables import close_frames

    rng = random.Random(3)
    grids = 0
    for _ in range(3000):
        def pos():
            return rng.randrange(0, 60) * 10 + rng.choice((0.0, 0.0, 1.5, -2.0, 2.0, 2.5, rng.uniform(-3, 3)))

        def rule():
            a, b = sorted((pos(), pos()))
            return (pos(), a, b)
        hrules = [rule() for _ in range(rng.randrange(0, 30))]
        vrules = [rule() for _ in range(rng.randrange(0, 30))]
        expected = _frames_by_all_pairs(hrules, vrules)
        assert close_frames(hrules, vrules) == expected
        grids += len(expected[0]) > len(hrules)
    assert grids > 1000       # most sets held a grid that got a frame
