"""Words a copy spelled out letter by letter are words again (pipeline/read/spacing.py); text that only holds
short words, codes and item letters is left as written. Every line is written for the test."""
from __future__ import annotations

import pytest

from pipeline.read.spacing import join_spelled
from pipeline.run.process import process_file


@pytest.mark.parametrize("spelled, words", [
    ("ỦY B AN NHÂN D Â N T HÀNH P HỐ HỒ C H Í M I NH", "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"),
    ("Số: 3210/QĐ - U B ND", "Số: 3210/QĐ - UBND"),
    ("T hành phố Hồ Chí M inh, ngày 28 tháng 6 năm 2014", "Thành phố Hồ Chí Minh, ngày 28 tháng 6 năm 2014"),
    ("Hội L iên h i ệ p P hụ nữ", "Hội Liên hiệp Phụ nữ"),
    ("Hội C h i ế n b i nh", "Hội Chiến binh"),
    ("Đặ ng Văn Minh", "Đặng Văn Minh"),
    ("Thành đoàn T N C S Hồ Chí Minh", "Thành đoàn TNCS Hồ Chí Minh"),
    # a syllable broken where the original's markup changed: a piece no word is (`ễn`, `ủ`, `Cự`) is joined
    ("PHÓ CHỦ TỊCH Ngu y ễn Hữu Tín", "PHÓ CHỦ TỊCH Nguyễn Hữu Tín"),
    ("- Thường trực Thành ủ y ;", "- Thường trực Thành ủy ;"),
    ("- Hội Cự u Chiến binh Thành phố ;", "- Hội Cựu Chiến binh Thành phố ;"),
])
def test_spelled_out_words_are_joined(spelled, words):
    assert join_spelled(spelled) == words


@pytest.mark.parametrize("text", ["của Sở Y tế và các Sở GD và ĐT", "điểm b khoản 2 Điều 5", "Phụ lục IV kèm theo",
                                  "vitamin A và nhóm B", "UBND TP Hà Nội", "huyện Ia H Drai", "Sở KH và CN",
                                  "Trạm y tế xã và Bộ Y tế", "ủ phân hữu cơ cho cây", "lúa và ngô ủ chua"])
def test_short_words_codes_and_item_letters_stay(text):
    assert join_spelled(text) == text


def test_a_letter_spaced_copy_gives_its_number_and_issuer(tmp_path):
    path = tmp_path / "qd.md"
    path.write_text("| ỦY B AN NHÂN D Â N T HÀNH P HỐ HỒ C H Í M I NH ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM "
                    "Độc lập - Tự do - Hạnh phúc --------------- |\n|---|---|\n| Số: 3210/QĐ - U B ND | T hành phố "
                    "Hồ Chí M inh, ngày 28 tháng 6 năm 2014 |\n\nQUYẾT ĐỊNH\n\nVỀ BAN HÀNH KẾ HOẠCH HỖ TRỢ NHÀ Ở\n\n"
                    "Điều 1. Ban hành Kế hoạch.\n\nĐiều 2. Hội L iên h i ệ p P hụ nữ T hành phố phối hợp thực hiện.\n",
                    encoding="utf-8")
    rec = process_file(path)
    m = rec["metadata"]
    assert (m["identifier"], m["issuer"]) == ("3210/QĐ-UBND", "Ủy ban nhân dân thành phố Hồ Chí Minh"), m
    assert any(b["name"].startswith("Hội Liên hiệp Phụ nữ") for b in rec["bodies"]), rec["bodies"]
