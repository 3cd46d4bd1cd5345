"""Text that arrives already OCR'd (a transcription of a scan made by another tool): part numerals whose strokes
OCR misread, a receiving office's stamp printed into the header, a signature stamp's time beside a day OCR lost.
Every sentence here is invented."""
from pipeline.parse.structure import parse
from pipeline.read.stamps import stamped_date
from pipeline.run.process import process_file, process_text

HEADER = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH BÌNH PHƯỚC Độc lập - Tự do - Hạnh phúc
Số: 12/KH-UBND Đồng Xoài, ngày 05 tháng 3 năm 2024

KẾ HOẠCH
Phát triển du lịch nông thôn năm 2024

"""


def _paths(text: str) -> list[str]:
    return [s["path"] for s in parse(text).sections]


def test_parts_whose_numerals_ocr_misread_keep_their_tree():
    body = ("1. MỤC ĐÍCH, YÊU CẦU\n1. Phát triển du lịch gắn với nông nghiệp.\n2. Bảo đảm hiệu quả.\n"
            "II. NHIỆM VỤ VÀ GIẢI PHÁP\n1. Rà soát các điểm du lịch.\n2. Quảng bá sản phẩm.\n"
            "Il. TỔ CHỨC THỰC HIỆN\n1. Sở Văn hóa, Thể thao và Du lịch chủ trì.\n")
    assert _paths(HEADER + body) == ["I", "I/1", "I/2", "II", "II/1", "II/2", "III", "III/1"]


def test_parts_numbered_in_figures_stay_in_figures():
    body = ("1. MỤC ĐÍCH, YÊU CẦU\na) Phát triển du lịch gắn với nông nghiệp.\n"
            "2. NHIỆM VỤ VÀ GIẢI PHÁP\na) Rà soát các điểm du lịch.\n")
    assert _paths(HEADER + body) == ["1", "1/a", "2", "2/a"]


def test_a_numeral_that_is_no_next_part_is_no_part():
    body = "I. MỤC ĐÍCH, YÊU CẦU\n1. Phát triển du lịch.\nII. NHIỆM VỤ\n1. Rà soát.\nIl. Quảng bá sản phẩm.\n"
    # `Il.` with a heading in running case after `II.` is not read as a lost stroke
    assert _paths(HEADER + body) == ["I", "I/1", "II", "II/1"]


def test_type_word_right_of_a_receiving_stamps_ink(tmp_path):
    text = ("THỦ TƯỚNG CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
            "DEN i: : _¬ CHỈ THỊ\n\nIg-Q612/2G20 -| Về tăng cường quản lý đất đai\n\n"
            "Thời gian qua, công tác quản lý đất đai đã có chuyển biến.\n")
    path = tmp_path / "chi-thi.txt"
    path.write_text(text, encoding="utf-8")
    meta = process_file(path)["metadata"]
    assert meta["doc_type"] == "Chỉ thị"
    assert meta["title"] == "tăng cường quản lý đất đai"


def test_signing_time_printed_in_a_copy_fills_a_day_ocr_lost(tmp_path):
    page = ("Ký bởi: Sở Tài chính\nThời gian ký: 01.03.2023 15:52\n\n"
            "SỞ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 5Ï/STC-TTr Đồng Xoài, ngày C4 tháng 3 năm 2023\n\nV/v tăng cường thanh tra\n\n"
            "Kính gửi: Các phòng thuộc Sở.\n\nSở Tài chính đề nghị các phòng thực hiện.\n")
    assert stamped_date(page) == "2023-03-01"
    assert stamped_date(page.replace("ngày C4", "ngày 04")) is None          # the day is printed
    assert stamped_date(page.replace("ngày C4", "ngày Cà")) is None          # a word, not a day OCR lost
    path = tmp_path / "copy.txt"
    path.write_text(page, encoding="utf-8")
    assert process_file(path)["metadata"]["issued_date"] == "2023-03-01"
    path.write_text(page.replace("Thời gian ký: 01.03.2023 15:52\n", ""), encoding="utf-8")
    assert process_file(path)["metadata"]["issued_date"] is None             # no stamp: no day


def test_a_signers_title_whose_marks_ocr_lost_is_spelt_as_the_title():
    """`KT. TONG CỤC TRƯỞNG` / `PHO TONG CỤC TRƯỜNG`: the letters of a title, its marks lost; `THỨ TRƯỞNG` as printed
    stays a deputy minister (its letters are also those of `Thủ trưởng`)."""
    head = ("BỘ TÀI CHÍNH\nTỔNG CỤC THUẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 77/TCT-TTKT\nHà Nội, ngày 14 tháng 3 năm 2023\nV/v kiểm tra hoàn thuế\nKính gửi: Cục Thuế các tỉnh.\n"
            "Tổng cục Thuế đề nghị các Cục Thuế thực hiện.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n")
    got = process_text("t.txt", head + "KT. TONG CỤC TRƯỞNG\nPHO TONG CỤC TRƯỜNG\nĐặng Ngọc Minh\n", "txt")
    assert got["metadata"]["signer"] == {"name": "Đặng Ngọc Minh", "title": "Phó Tổng cục trưởng",
                                         "authority": "KT. Tổng cục trưởng"}
    got = process_text("t.txt", head + "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nĐặng Ngọc Minh\n", "txt")
    assert got["metadata"]["signer"]["title"] == "Thứ trưởng"


def test_an_issuers_line_whose_marks_ocr_lost_is_spelt_as_the_issuer():
    """`BO TÀI CHÍNH` / `TONG CỤC THUÊ` (a transcription of a signed PDF that lost the capitals' marks) is the Tổng cục
    Thuế under the Bộ Tài chính; words printed with marks of their own, and a name's own words, are left as printed."""
    tail = "Số: 91/TCT-TTKT\nHà Nội, ngày 14 tháng 3 năm 2023\nV/v kiểm tra hoàn thuế\nKính gửi: Cục Thuế các tỉnh.\n"
    meta = parse("BO TÀI CHÍNH\nTONG CỤC THUÊ\n" + tail).metadata
    assert (meta["issuer"], meta["parent_issuer"]) == ("Tổng cục Thuế", "Bộ Tài chính")
    meta = parse("BỘ XÂY DỰNG\nVIỆN KIẾN TRÚC QUỐC GIA\n" + tail).metadata
    assert meta["issuer"] == "Viện Kiến trúc quốc gia"
    meta = parse("ĐẢNG BỘ TỈNH PHÚ THỌ\nHUYỆN ỦY TÂN SƠN\n" + tail).metadata     # `TÂN` printed as it is, no mark lost
    assert meta["issuer"] == "Huyện ủy Tân Sơn"
