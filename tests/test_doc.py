"""Legacy Word (.doc) through antiword, with catdoc for files antiword refuses, and the
TCVN3/VNI conversion behind it. No .doc writer exists on the machine, so these read the
shared corpus (skipped when `../shared` is absent) and unit-test the table unfolding."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pipeline.read.doc import doc_fonts, unfold_ascii_tables
from pipeline.read.ingest import ingest

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
DEV_DOCS = sorted((SHARED / "corpus" / "dev").glob("*.doc"))
LEGACY = SHARED / "corpus" / "legacy"


def test_antiword_tables_unfold():
    text = ("|Bộ Tài chính   | Cộng hòa xã hội chủ nghĩa |\n|Số: 12/QĐ-BTC  | Độc lập - Tự do    |\n"
            "body\n|TT|Nội dung|Thời hạn|\n|1 |Nộp hồ sơ |Quý I|\n")
    assert unfold_ascii_tables(text).split("\n") == [
        "Bộ Tài chính", "Số: 12/QĐ-BTC", "Cộng hòa xã hội chủ nghĩa", "Độc lập - Tự do", "body",
        "TT | Nội dung | Thời hạn", "1 | Nộp hồ sơ | Quý I", ""]


def test_legacy_font_names_are_found_in_the_font_table(tmp_path):
    path = tmp_path / "fonts.bin"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 40 + ".VnTimeH".encode("utf-16-le") + b"\x00\x00"
                     + "Times New Roman".encode("utf-16-le") + b"\x00\x00" + "VNI-Times".encode("utf-16-le"))
    assert doc_fonts(path) == [".VnTimeH", "VNI-Times"]


@pytest.mark.skipif(not DEV_DOCS, reason="../shared/corpus/dev is absent")
def test_every_dev_doc_is_parsed():
    failures = []
    for path in DEV_DOCS:
        try:
            got = ingest(path)
            assert got.format == "doc" and len(got.text.strip()) > 50
        except Exception as exc:  # noqa: BLE001 - collect them all
            failures.append(f"{path.name}: {exc}")
    assert not failures, failures


@pytest.mark.skipif(not LEGACY.is_dir(), reason="../shared/corpus/legacy is absent")
@pytest.mark.parametrize("name,encoding", [("2003-02144qd.doc", "tcvn3"), ("2008-23.QD-991-UBND.doc", "vni"),
                                           ("2004-B1-4-LLCN.doc", "tcvn3")])
def test_legacy_docs_come_out_in_unicode(name, encoding):
    sys.path.insert(0, str(SHARED / "eval"))
    from legacy_score import diacritic_accuracy

    got = ingest(LEGACY / name)
    assert got.legacy["encoding"] == encoding
    accuracy, marked = diacritic_accuracy((LEGACY / "transcripts" / (Path(name).stem + ".txt")).read_text(), got.text)
    assert marked > 100 and accuracy >= 0.95


def test_antiword_wrapped_cells_are_joined_into_their_row():
    """antiword wraps a long cell onto the next lines; a line going on in lower case belongs to
    the row above, one starting a new capital or number starts a row."""
    text = ("|TT|Chỉ tiêu                         |Kết quả |\n"
            "|1 |Tỷ lệ người nghiện có hồ         |0,03%   |\n"
            "|  |sơ quản lý so với số nhân khẩu   |        |\n"
            "|2 |Có từ 5 điểm tổ chức sử dụng trở |00      |\n"
            "|  |lên                              |        |\n"
            "|  |Quyết định của Ủy ban nhân dân   |12      |\n")
    assert unfold_ascii_tables(text).split("\n") == [
        "TT | Chỉ tiêu | Kết quả",
        "1 | Tỷ lệ người nghiện có hồ sơ quản lý so với số nhân khẩu | 0,03%",
        "2 | Có từ 5 điểm tổ chức sử dụng trở lên | 00",
        "Quyết định của Ủy ban nhân dân | 12", ""]


def test_tcvn3_capitals_line_is_raised_whole():
    """In a `.VnTimeH` heading `Lý` is typed with TCVN3's `ý` and drawn as a capital."""
    from pipeline.read.legacy import fix_text

    fixed, enc = fix_text("C¸C Dù ¸N øNG DôNG CNTT TRONG QU¶N Lý Vµ NGHIÖP Vô\nMôC LôC", "tcvn3")
    assert enc == "tcvn3"
    assert fixed.split("\n") == ["CÁC DỰ ÁN ỨNG DỤNG CNTT TRONG QUẢN LÝ VÀ NGHIỆP VỤ", "MỤC LỤC"]


def test_unicode_line_in_a_file_with_tcvn3_fonts_is_left_as_is():
    from pipeline.read.legacy import fix_text

    assert fix_text("Số: /TB-UBND\nquyÕt ®Þnh cña bé tr­ëng", "tcvn3")[0].split("\n")[0] == "Số: /TB-UBND"


def test_capital_font_headings_typed_in_lower_case_keep_their_lines():
    from pipeline.read.normalize import normalize

    text = "Số: 12/2001/QĐ-BTC\ncộng hoà xã hội chủ nghĩa Việt nam\nĐộc lập"
    assert normalize(text, "doc", join_lower=False).text.split("\n")[:2] == \
        ["Số: 12/2001/QĐ-BTC", "cộng hoà xã hội chủ nghĩa Việt nam"]
    assert normalize(text, "doc").text.startswith("Số: 12/2001/QĐ-BTC cộng hoà")   # the default joins


def test_pdf_font_of_size_one_scaled_by_the_text_matrix_reads_as_words(tmp_path):
    """Old PDF writers set every font at size 1, scale it by the text matrix and space the
    letters; they must still be grouped into words, not read one per word (`Q u y ế t`)."""
    import re

    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_compression(False)
    pdf.add_page()
    pdf.add_font("DejaVu", "", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
    pdf.set_font("DejaVu", size=12)
    lines = ["Quyết định của Thủ tướng Chính phủ số 115/2004/QĐ-TTg",
             "về việc sửa đổi, bổ sung Quy chế thành lập Quỹ bảo lãnh tín dụng"]
    for line in lines:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    raw = bytes(pdf.output())
    # the font at size 1, its 12 points moved into each text object's matrix
    stream = re.search(rb"stream\n(.*?)endstream", raw, re.S)
    body = stream.group(1).replace(b"/F1 12.00 Tf", b"/F1 1 Tf 0.15 Tc")   # and 1.8 pt between letters
    body = re.sub(rb"BT (\d+\.\d+) (\d+\.\d+) Td", rb"BT 12 0 0 12 \1 \2 Tm", body)
    assert b" 1 Tf" in body and b" Tm" in body
    head = raw[:stream.start(1)]
    head = head[:head.rfind(b"/Length")] + b"/Length %d\n>>\nstream\n" % len(body)
    raw = head + body + raw[stream.end(1):]   # PDFium rebuilds the cross-reference table
    path = tmp_path / "scaled.pdf"
    path.write_bytes(raw)
    from pipeline.read.base import Limits

    got = ingest(path, Limits(ocr=False))   # the text layer itself, not OCR's reading of the page
    assert [l for l in got.text.split("\n") if l.strip()][:2] == lines
