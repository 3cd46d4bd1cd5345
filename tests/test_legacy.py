"""TCVN3 and VNI text, in files the tests build (DOCX with .VnTime/VNI-Times runs, 8-bit TXT,
RTF), comes out as Unicode; Unicode text is left alone, and mixed files are fixed line by line."""
from __future__ import annotations

import docx
import pytest

from pipeline.read import legacy
from pipeline.read.ingest import ingest

UNICODE = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
           "Căn cứ Nghị định số 15/CP ngày 2/3/1993 của Chính phủ về nhiệm vụ, quyền hạn;",
           "Bộ trưởng Bộ Tài chính quyết định ban hành chế độ kế toán áp dụng cho các đơn vị."]
# the same lines as typists stored them (Windows-1252 reading of the font's bytes)
TCVN3 = ["CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM", "§éc lËp - Tù do - H¹nh phóc",
         "C¨n cø NghÞ ®Þnh sè 15/CP ngµy 2/3/1993 cña ChÝnh phñ vÒ nhiÖm vô, quyÒn h¹n;",
         "Bé tr\u00adëng Bé Tµi chÝnh quyÕt ®Þnh ban hµnh chÕ ®é kÕ to¸n ¸p dông cho c¸c ®¬n vÞ."]
VNI = ["COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "Ñoäc laäp - Töï do - Haïnh phuùc",
       "Caên cöù Nghò ñònh soá 15/CP ngaøy 2/3/1993 cuûa Chính phuû veà nhieäm vuï, quyeàn haïn;",
       "Boä tröôûng Boä Taøi chính quyeát ñònh ban haønh cheá ñoä keá toaùn aùp duïng cho caùc ñôn vò."]


def test_tables_convert_every_line():
    assert [legacy.convert(line, "tcvn3") for line in TCVN3[1:]] == UNICODE[1:]
    assert [legacy.convert(line, "vni") for line in VNI] == UNICODE


def test_detection_and_capitals_font():
    text, enc = legacy.fix_text("\n".join(TCVN3))
    assert enc == "tcvn3"
    assert text.split("\n") == UNICODE       # `CéNG` typed in a .VnTimeH font is `CỘNG`
    text, enc = legacy.fix_text("\n".join(VNI))
    assert (text.split("\n"), enc) == (UNICODE, "vni")


def test_unicode_is_left_alone():
    text = "\n".join(UNICODE) + "\nNgười ký: Nguyễn Văn Á, café, Sông Hồng"
    assert legacy.fix_text(text) == (text, None)


def test_ocr_specks_that_read_as_legacy_codes_leave_a_unicode_text_alone():
    # Tesseract's `Ñ`, `š`, `ff` at a line's end are TCVN3/VNI codes of Vietnamese letters; among hundreds of
    # Unicode words they are no legacy text, and `Dân`, `các` must not become `Dõn`, `cỏc`
    body = "\n".join(UNICODE[2:] * 30)
    specks = "\n- Hội đồng Dân tộc và các Ủy ban của Quốc hội; Ñ\n- Văn phòng Trung ương và các Ban của Đảng; š\n" \
             "- Văn phòng Chủ tịch nước; Ñ\n- Cơ quan Trung ương của các đoàn thể; Ñ\n"
    text = body + specks
    assert legacy.fix_text(text) == (text, None)


def test_mixed_document_is_fixed_line_by_line():
    text = "\n".join([UNICODE[0], TCVN3[2], UNICODE[3], VNI[1], TCVN3[3]])
    fixed, _ = legacy.fix_text(text)
    assert fixed.split("\n") == [UNICODE[0], UNICODE[2], UNICODE[3], UNICODE[1], UNICODE[3]]


def test_syllables_and_vietnamese_score():
    for word in ["nghiêng", "Quyết", "HOA", "khuya", "giữ", "uống", "thuyền"]:
        assert legacy.is_syllable(word), word
    for word in ["CQNG", "HQI", "cüa", "Tổnh", "c¸c", "thoõngx"]:
        assert not legacy.is_syllable(word), word
    assert legacy.vietnamese_score(" ".join(UNICODE))[0] > 0.5
    assert legacy.vietnamese_score(" ".join(TCVN3))[0] < 0.3


def _docx(path, lines, font):
    document = docx.Document()
    for line in lines:
        run = document.add_paragraph().add_run(line)
        run.font.name = font
    document.save(path)
    return path


@pytest.mark.parametrize("lines,font,enc", [(TCVN3, ".VnTime", "tcvn3"), (VNI, "VNI-Times", "vni")])
def test_docx_in_legacy_fonts(tmp_path, lines, font, enc):
    got = ingest(_docx(tmp_path / f"{enc}.docx", lines, font))
    assert got.text.split("\n") == UNICODE
    assert got.legacy["encoding"] == enc and font in got.legacy["fonts"]


def test_unicode_docx_is_untouched(tmp_path):
    got = ingest(_docx(tmp_path / "u.docx", UNICODE, "Times New Roman"))
    assert got.text.split("\n") == UNICODE and got.legacy is None


def test_8bit_txt_in_tcvn3(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("\n".join(TCVN3).encode("cp1252"))
    got = ingest(path)
    assert got.text.split("\n") == UNICODE and got.legacy["encoding"] == "tcvn3"


def test_rtf_in_tcvn3(tmp_path):
    pytest.importorskip("striprtf")
    body = "\\par\n".join("".join(c if ord(c) < 128 else f"\\'{ord(c.encode('cp1252')):02x}" for c in line)
                          for line in TCVN3)
    path = tmp_path / "old.rtf"
    path.write_text("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fnil .VnTime;}}\\f0\\fs24 "
                    + body + "\\par}", encoding="ascii")
    got = ingest(path)
    assert got.format == "rtf"
    assert [l for l in got.text.split("\n") if l.strip()] == UNICODE
