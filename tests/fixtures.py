"""Real DOCX and PDF files of Vietnamese administrative documents, built in code.

Why: every stage has to be tested on the file formats an archive really holds,
laid out the way CONVENTIONS.md describes (a borderless two-column header, the
type word and title, the body, a two-column Nơi nhận / signature block), not on
strings. The same builders make the committed fixtures of `corpus/fixtures/`
(scripts/build_corpus.py), so they are deterministic: fixed dates, fixed zip
timestamps.
"""
from __future__ import annotations

import datetime as _dt
import re
import zipfile
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
# The serif face offices print in (Times New Roman's place; DejaVu Serif has every Vietnamese letter).
SERIF_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
# A section label and its heading set in bold (`I. MỤC TIÊU`, `1. Nội dung`, `Điều 1.`): what `bold_headings` marks.
_HEADING = re.compile(r"^((?:[A-Z]|[IVX]+|\d+(?:\.\d+)*)[.\-]|Điều \d+\.|Phụ lục\b.*)")
FIXED_TIME = _dt.datetime(2020, 10, 5, 8, 0, 0, tzinfo=_dt.timezone.utc)

Paragraph = str                      # one paragraph; `**bold**` and `*italic*` become runs in a DOCX
DataTable = list[list[str]]          # rows of cells, three or more columns


@dataclass
class AdminDoc:
    """One document as its author lays it out on the page."""

    issuer: list[str]                      # left header column above the number: ["TỈNH ỦY BÌNH THUẬN", "*"]
    number: str                            # "Số 123-KH/TU", "Số: 1441/QĐ-UBND"
    national: list[str]                    # right column above the date: Quốc hiệu + Tiêu ngữ, or Party banner
    place_date: str                        # "Bình Thuận, ngày 05 tháng 10 năm 2020"
    type_word: str | None = None           # "KẾ HOẠCH"; None for a letter (Công văn)
    title: list[str] = field(default_factory=list)       # lines under the type word
    subject: list[str] = field(default_factory=list)     # "V/v …" lines under the number (letters)
    body: list[Paragraph | DataTable] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)  # "Nơi nhận:", "- …", …
    signature: list[str] = field(default_factory=list)   # "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "", "Dương Văn An"
    appendix: list[Paragraph | DataTable] = field(default_factory=list)  # after the signature

    def left_header(self) -> list[str]:
        return [*self.issuer, self.number, *self.subject]

    def right_header(self) -> list[str]:
        return [*self.national, self.place_date]


STATE_BANNER = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "---------------"]
PARTY_BANNER = ["ĐẢNG CỘNG SẢN VIỆT NAM"]

_EMPHASIS = re.compile(r"(\*\*.+?\*\*|\*[^*\s][^*]*?\*)", re.S)


def plain(text: str) -> str:
    """The words of a paragraph without its markdown emphasis marks."""
    return _EMPHASIS.sub(lambda m: m.group(0).strip("*"), text)


# ------------------------------------------------------------------ DOCX

def _no_borders(table) -> None:
    """Real headers are borderless tables: remove every border of the table style."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _runs(paragraph, text: str, bold: bool = False) -> None:
    """Add `text` to a python-docx paragraph, markdown emphasis as bold/italic runs."""
    for piece in _EMPHASIS.split(text):
        if not piece:
            continue
        if piece.startswith("**") and piece.endswith("**") and len(piece) > 4:
            paragraph.add_run(piece[2:-2]).bold = True
        elif piece.startswith("*") and piece.endswith("*") and len(piece) > 2:
            run = paragraph.add_run(piece[1:-1])
            run.italic = True
            run.bold = bold or None
        else:
            paragraph.add_run(piece).bold = bold or None


def _fill_cell(cell, lines: list[str], bold: bool = False, center: bool = True) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    first = True
    for line in lines:
        para = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        if center:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _runs(para, line, bold=bold and line.isupper())


def _add_blocks(document, blocks: list[Paragraph | DataTable]) -> None:
    for block in blocks:
        if isinstance(block, list):
            table = document.add_table(rows=len(block), cols=len(block[0]))
            table.style = "Table Grid"
            for r, row in enumerate(block):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
        else:
            _runs(document.add_paragraph(), block)


def to_docx(doc: AdminDoc, path: str | Path) -> Path:
    """Write `doc` as a Word file laid out like a real one; returns the path."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    path = Path(path)
    document = docx.Document()
    props = document.core_properties
    props.author = props.last_modified_by = "vanban tests"
    props.created = props.modified = FIXED_TIME.replace(tzinfo=None)
    props.revision = 1
    # header: issuer and number left, Quốc hiệu and place/date right
    left, right = doc.issuer, doc.national
    header = document.add_table(rows=2, cols=2)
    _no_borders(header)
    _fill_cell(header.cell(0, 0), left, bold=True)
    _fill_cell(header.cell(0, 1), right, bold=True)
    _fill_cell(header.cell(1, 0), [doc.number, *doc.subject])
    _fill_cell(header.cell(1, 1), [doc.place_date])
    if doc.type_word:
        para = document.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.add_run(doc.type_word).bold = True
    for line in doc.title:
        para = document.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.add_run(line).bold = True
    _add_blocks(document, doc.body)
    if doc.recipients or doc.signature:
        sign = document.add_table(rows=1, cols=2)
        _no_borders(sign)
        _fill_cell(sign.cell(0, 0), doc.recipients or [""], center=False)
        _fill_cell(sign.cell(0, 1), doc.signature or [""], bold=True)
    if doc.appendix:
        document.add_page_break()
        _add_blocks(document, doc.appendix)
    document.save(str(path))
    _fix_zip_times(path)
    return path


def _fix_zip_times(path: Path) -> None:
    """Rewrite a zip with fixed member timestamps, so the same document gives the same bytes."""
    with zipfile.ZipFile(path) as zf:
        members = [(info.filename, zf.read(info.filename)) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2020, 10, 5, 8, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)


# ------------------------------------------------------------------ PDF

def _new_pdf(running_header: str | None = None, page_numbers: bool = False, font: Path = FONT, bold: bool = False):
    """An A4 FPDF with the DejaVu font and, if asked, a running header and page numbers."""
    from fpdf import FPDF

    class _Page(FPDF):
        def header(self):
            if running_header and self.page_no() > 1:
                self.set_font("DejaVu", size=9)
                self.set_y(8)
                self.cell(0, 5, running_header, align="R")
                self.set_y(20)
                self.set_font("DejaVu", size=12)

        def footer(self):
            if page_numbers:
                self.set_y(-12)
                self.set_font("DejaVu", size=10)
                self.cell(0, 5, str(self.page_no()), align="C")

    pdf = _Page(format="A4", unit="mm")
    pdf.set_creation_date(FIXED_TIME)
    pdf.set_producer("vanban tests")
    pdf.set_margins(20, 20, 15)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("DejaVu", "", str(font))
    if bold:
        pdf.add_font("DejaVu", "B", str(font).replace(".ttf", "-Bold.ttf"))
    pdf.set_font("DejaVu", size=12)
    return pdf


def _two_columns(pdf, left: list[str], right: list[str], split_at: float, size: float,
                 left_align: str = "C") -> None:
    """Two cells on one line per row: the way a PDF interleaves a two-column block."""
    from fpdf.enums import XPos, YPos

    start = pdf.l_margin
    width = pdf.w - pdf.r_margin - start
    pdf.set_font("DejaVu", size=size)
    for a, b in zip_longest(left, right, fillvalue=""):
        pdf.set_x(start)
        pdf.cell(split_at - start, size * 0.5, plain(a), align=left_align)
        pdf.cell(start + width - split_at, size * 0.5, plain(b), align="C",
                 new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", size=12)


def _bold_heading(text: str) -> str:
    """`**I. MỤC TIÊU**`, `**Điều 1.** Phạm vi …`: a heading line in bold, an article's label alone."""
    head = _HEADING.match(text)
    if not head:
        return text
    if text.startswith("Điều"):
        return "**" + head.group(1) + "**" + text[len(head.group(1)):]
    return "**" + text + "**" if text.isupper() or len(text) < 60 else text


def _pdf_blocks(pdf, blocks: list[Paragraph | DataTable], bold_headings: bool = False) -> None:
    from fpdf.enums import XPos, YPos

    for block in blocks:
        if isinstance(block, list):
            with pdf.table(text_align="LEFT", first_row_as_headings=False) as table:
                for row in block:
                    cells = table.row()
                    for value in row:
                        cells.cell(value)
            pdf.ln(2)
        elif bold_headings:
            pdf.multi_cell(0, 6, _bold_heading(plain(block)), align="J", new_x=XPos.LMARGIN, new_y=YPos.NEXT,
                           markdown=True)
            pdf.ln(1)
        else:
            pdf.multi_cell(0, 6, plain(block), align="J", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(1)


def _pad_bottom(left: list[str], right: list[str]) -> tuple[list[str], list[str]]:
    """Align the last lines of two columns (the number sits level with the place and date)."""
    n = max(len(left), len(right))
    return left + [""] * (n - len(left)), right + [""] * (n - len(right))


def _render_pdf(pdf, doc: AdminDoc, bold_headings: bool = False) -> None:
    from fpdf.enums import XPos, YPos

    pdf.add_page()
    top_l, top_r = _pad_bottom(doc.issuer, doc.national)
    _two_columns(pdf, top_l + [doc.number, *doc.subject], top_r + [doc.place_date], split_at=85, size=11)
    pdf.ln(6)
    if doc.type_word:
        pdf.set_font("DejaVu", size=14)
        pdf.cell(0, 7, doc.type_word, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font("DejaVu", size=12)
    for line in doc.title:
        pdf.multi_cell(0, 6, plain(line), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    _pdf_blocks(pdf, doc.body, bold_headings)
    if doc.recipients or doc.signature:
        pdf.ln(4)
        _two_columns(pdf, doc.recipients, doc.signature, split_at=118, size=9, left_align="L")
    if doc.appendix:
        pdf.add_page()
        _pdf_blocks(pdf, doc.appendix, bold_headings)


def to_pdf(doc: AdminDoc, path: str | Path, running_header: str | None = None,
           page_numbers: bool = False, owner_password: str | None = None,
           user_password: str | None = None, serif: bool = False, bold_headings: bool = False) -> Path:
    """Write `doc` as a text PDF (DejaVu Sans, two-column header on shared lines); returns the path.

    `running_header` prints on every page but the first and `page_numbers` at the foot of
    every page, as long documents do; a `user_password` makes a PDF that needs one to open.
    `serif` sets it in DejaVu Serif and `bold_headings` its section headings in bold, as offices print
    (scripts/eval_style_scans.py scans both).
    """
    path = Path(path)
    pdf = _new_pdf(running_header, page_numbers, SERIF_FONT if serif else FONT, bold_headings)
    if owner_password or user_password:
        pdf.set_encryption(owner_password=owner_password or user_password, user_password=user_password)
    _render_pdf(pdf, doc, bold_headings)
    pdf.output(str(path))
    return path


def pdf_pages(path: str | Path) -> int:
    """How many pages a PDF has (to check a fixture really spans several)."""
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return len(pdf.pages)


# ------------------------------------------------------------------ sample documents

def state_decision(**changes) -> AdminDoc:
    """A short Quyết định of a provincial People's Committee, with Điều articles."""
    doc = AdminDoc(
        issuer=["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "-------"],
        number="Số: 1441/QĐ-UBND",
        national=list(STATE_BANNER),
        place_date="Lâm Đồng, ngày 25 tháng 9 năm 2025",
        type_word="QUYẾT ĐỊNH",
        title=["Về việc công bố Danh mục thủ tục hành chính lĩnh vực nội vụ"],
        body=[
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
            "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;",
            "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 245/TTr-SNV ngày 15 tháng 9 năm 2025.",
            "QUYẾT ĐỊNH:",
            "Điều 1. Công bố kèm theo Quyết định này Danh mục thủ tục hành chính lĩnh vực nội vụ.",
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
            "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ và Thủ trưởng các cơ quan, "
            "đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./.",
        ],
        recipients=["Nơi nhận:", "- Như Điều 3;", "- Văn phòng Chính phủ;", "- Lưu: VT, NC."],
        signature=["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "", "Nguyễn Văn Bình"],
    )
    for k, v in changes.items():
        setattr(doc, k, v)
    return doc


def long_plan(paragraphs: int = 60) -> AdminDoc:
    """A Kế hoạch long enough to fill several pages, numbered I / 1 / a)."""
    body: list = []
    for part, roman in enumerate(["I", "II", "III"], start=1):
        body.append(f"{roman}. PHẦN THỨ {part} CỦA KẾ HOẠCH")
        for item in range(1, paragraphs // 6 + 1):
            body.append(f"{item}. Nhiệm vụ số {item} của phần {part}")
            body.append(f"Các cơ quan, đơn vị triển khai nhiệm vụ {item} của phần {part} một cách đồng bộ, "
                        "định kỳ rà soát tiến độ, ghi nhận vướng mắc phát sinh và báo cáo kết quả về "
                        "Sở Nội vụ trước ngày 20 hằng tháng để cơ quan này lập báo cáo chung của tỉnh.")
    return AdminDoc(
        issuer=["ỦY BAN NHÂN DÂN", "TỈNH BÌNH THUẬN"],
        number="Số: 4088/KH-UBND",
        national=list(STATE_BANNER),
        place_date="Bình Thuận, ngày 28 tháng 10 năm 2021",
        type_word="KẾ HOẠCH",
        title=["Triển khai phong trào thi đua năm 2022"],
        body=body,
        recipients=["Nơi nhận:", "- Các sở, ban, ngành;", "- Lưu: VT."],
        signature=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Lê Tuấn Phong"],
    )


# ------------------------------------------------------------------ from a markdown seed

def admin_doc_from_markdown(text: str, *, issuer: list[str], number: str, national: list[str],
                            place_date: str) -> AdminDoc:
    """Lay a headless markdown seed out as a full document, under the header given.

    The seed's first block is the type word glued to the title (`KẾ HOẠCH**tổng kết…**`);
    then paragraphs separated by blank lines, `Nơi nhận:` with its `-` items, and the
    signature. A section heading glued to the next one by bold (`II- …**1. …**`) is split.
    """
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    first = blocks.pop(0).replace("\n", " ")
    m = re.match(r"^([A-ZĐÀ-Ỹ ]+?)\s*\*\*(.+?)\*\*$", first)
    type_word, title = (m.group(1).strip(), m.group(2).strip()) if m else (None, plain(first))
    body: list[str] = []
    recipients: list[str] = []
    signature: list[str] = []
    state = "body"
    for block in blocks:
        if block.startswith("Nơi nhận"):
            state = "recipients"
            recipients.append("Nơi nhận:")
            continue
        if state == "body":
            # `II- NỘI DUNG**1. Nội dung…**`: bold that swallowed a paragraph break
            glued = re.match(r"^(.*?\S)\*\*(\d.*?)\*\*$", block)
            body.extend([glued.group(1), glued.group(2)] if glued else [block])
        elif state == "recipients" and all(l.strip().startswith("-") for l in block.splitlines()):
            recipients.extend(l.strip() for l in block.splitlines())
        else:
            state = "signature"
            signature.extend(l.strip() for l in plain(block).splitlines())  # bold may span lines
            signature.append("")
    while signature and not signature[-1]:
        signature.pop()
    return AdminDoc(issuer=issuer, number=number, national=national, place_date=place_date,
                    type_word=type_word, title=[title], body=body, recipients=recipients,
                    signature=signature)
