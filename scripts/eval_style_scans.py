#!/usr/bin/env python3
"""What the section styles of other offices lose when they arrive as office scans.

    python scripts/eval_style_scans.py [--serif] [--bold] [--dpi N] [--cache DIR]

Issue 13 names the drafting styles the Lâm Đồng corpus lacks: capital-letter parts above roman sections
(`A.`/`B.` over `I.`), lower-case roman items (`i)`, `ii)`), a plan attached after a decision's signature,
`Phụ lục số 01`, a Party document's dashed labels (`I-`, `1-`, `a-`), decimal numbering, and preambles and
letters full of citations. This script writes one invented document in each (no corpus text, no gold),
prints each as a text PDF (tests/fixtures.py `to_pdf`: DejaVu Sans, or `--serif` DejaVu Serif in Times
New Roman's place, `--bold` headings in bold), scans it as scripts/eval_scans.py does (grey, turned,
blurred, noisy; `--dpi` fixes the resolution, else 200/240/300 by document), runs vanban on both and
prints, per document and field, what the scan lost and added, then each field's F1 of the scans against
their originals (sections by path, references by identifier, bodies by name and role, dates by value,
targets by value and unit). The originals' own trees are checked by tests/test_section_classes.py;
this measures only what scanning costs.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_scans import make_scan  # noqa: E402
from fixtures import PARTY_BANNER, STATE_BANNER, AdminDoc, to_pdf  # noqa: E402

VANBAN = Path(sys.executable).with_name("vanban")

SIGN = ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "", "Phạm Văn Khoa"]
RECIPIENTS = ["Nơi nhận:", "- Như trên;", "- Lưu: VT, KHTC."]
# `¶` in a body stands for a paragraph of running text between the labelled lines
LOREM = ("Các đơn vị chủ động bố trí nguồn lực, bảo đảm tiến độ và chất lượng, báo cáo kết quả định kỳ theo quy "
         "định hiện hành.")


def lines(text: str) -> list[str]:
    return [LOREM if line == "¶" else line for line in text.strip().splitlines()]


def doc(issuer, number, type_word, title, body, appendix=(), national=STATE_BANNER, sign=SIGN,
        place="Hà Nội, ngày 12 tháng 5 năm 2025") -> AdminDoc:
    return AdminDoc(issuer=issuer, number=number, national=national, place_date=place, type_word=type_word,
                    title=[title], body=list(body), recipients=RECIPIENTS, signature=sign,
                    appendix=list(appendix))


DOCS = {
    "ab": doc(["BỘ CÔNG THƯƠNG", "CỤC HÓA CHẤT"], "Số: 215/KH-CHC", "KẾ HOẠCH", "Kiểm tra an toàn hóa chất năm 2025",
        lines("""
A. MỤC ĐÍCH, YÊU CẦU
I. Mục đích
1. Nâng cao nhận thức của doanh nghiệp về an toàn hóa chất.
¶
2. Phát hiện và xử lý kịp thời các vi phạm.
II. Yêu cầu
1. Kiểm tra đúng quy định, không gây phiền hà.
¶
B. NỘI DUNG KIỂM TRA
I. Đối tượng kiểm tra
Các doanh nghiệp sản xuất, kinh doanh hóa chất.
II. Nội dung
1. Việc chấp hành quy định về an toàn.
a) Hồ sơ kế hoạch phòng ngừa sự cố.
b) Huấn luyện an toàn hóa chất.
2. Việc khai báo hóa chất.
¶
C. TỔ CHỨC THỰC HIỆN
I. Phân công
1. Phòng Kỹ thuật an toàn chủ trì.
2. Văn phòng Cục bảo đảm kinh phí.
II. Chế độ báo cáo
¶
        """)),
    "lroman": doc(["BỘ TƯ PHÁP"], "Số: 88/KH-BTP", "KẾ HOẠCH", "Rà soát văn bản quy phạm pháp luật năm 2025",
        lines("""
I. NHIỆM VỤ
1. Rà soát văn bản:
i) Rà soát các thông tư hướng dẫn thi hành luật;
ii) Đề xuất sửa đổi, bổ sung, thay thế;
iii) Báo cáo kết quả rà soát.
¶
2. Kiểm tra việc thi hành pháp luật:
i) Xây dựng kế hoạch kiểm tra;
ii) Tổ chức kiểm tra tại các địa phương;
iv) Tổng hợp kết quả.
II. TỔ CHỨC THỰC HIỆN
1. Vụ Pháp luật hình sự - hành chính chủ trì.
¶
2. Cục Kiểm tra văn bản phối hợp.
III. KINH PHÍ
¶
        """)),
    "attached": doc(["ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI"], "Số: 88/QĐ-UBND", "QUYẾT ĐỊNH", "Ban hành Kế hoạch chuyển đổi số năm 2025",
        lines("""
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH
Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;
Theo đề nghị của Giám đốc Sở Khoa học và Công nghệ.
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch chuyển đổi số năm 2025.
Điều 2. Quyết định có hiệu lực kể từ ngày ký.
Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các sở chịu trách nhiệm thi hành Quyết định này.
        """),
        appendix=lines("""
ỦY BAN NHÂN DÂN TỈNH LÀO CAI
KẾ HOẠCH
Chuyển đổi số năm 2025
(Kèm theo Quyết định số 88/QĐ-UBND ngày 12/5/2025)
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
¶
2. Yêu cầu
¶
II. NHIỆM VỤ
1. Phát triển hạ tầng số
¶
2. Phát triển dữ liệu số
3. Phát triển nhân lực số
¶
III. TỔ CHỨC THỰC HIỆN
1. Sở Khoa học và Công nghệ chủ trì.
2. Các sở, ngành phối hợp.
        """),
        sign=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Nguyễn Văn An"], place="Lào Cai, ngày 12 tháng 5 năm 2025"),
    "phuluc": doc(["BỘ XÂY DỰNG"], "Số: 301/KH-BXD", "KẾ HOẠCH", "Kiểm tra công tác quản lý chất lượng công trình",
        lines("""
I. MỤC ĐÍCH
1. Đánh giá tình hình thực hiện.
¶
2. Chấn chỉnh tồn tại.
II. NỘI DUNG
1. Kiểm tra hồ sơ.
2. Kiểm tra hiện trường.
¶
        """),
        appendix=lines("""
Phụ lục số 01
DANH SÁCH CÔNG TRÌNH KIỂM TRA
(Kèm theo Kế hoạch số 301/KH-BXD)
I. Công trình dân dụng
1. Trụ sở làm việc khối cơ quan tỉnh.
2. Bệnh viện đa khoa khu vực.
II. Công trình giao thông
1. Cầu vượt sông.
Phụ lục số 02
MẪU BÁO CÁO
1. Tình hình chung.
2. Kết quả kiểm tra.
        """)),
    "party": doc(["ĐẢNG BỘ TỈNH NGHỆ AN", "HUYỆN ỦY YÊN THÀNH", "*"], "Số 45-KH/HU", "KẾ HOẠCH", "Học tập, quán triệt Nghị quyết của Tỉnh ủy",
        lines("""
I- MỤC ĐÍCH, YÊU CẦU
1- Giúp cán bộ, đảng viên nắm vững nội dung Nghị quyết.
¶
2- Việc học tập phải nghiêm túc.
II- NỘI DUNG, HÌNH THỨC
1- Nội dung
a- Quán triệt toàn văn Nghị quyết.
b- Liên hệ thực tiễn địa phương.
2- Hình thức
¶
III- TỔ CHỨC THỰC HIỆN
1- Ban Tuyên giáo Huyện ủy chủ trì.
2- Văn phòng Huyện ủy bảo đảm điều kiện.
        """),
        national=PARTY_BANNER, sign=["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "", "Trần Đình Lực"], place="Yên Thành, ngày 12 tháng 5 năm 2025"),
    "decimal": doc(["SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "TỈNH GIA LAI"], "Số: 77/KH-SNNMT", "KẾ HOẠCH", "Phòng, chống thiên tai năm 2025",
        lines("""
1. MỤC TIÊU
1.1. Mục tiêu chung
¶
1.2. Mục tiêu cụ thể
2. NHIỆM VỤ
2.1. Công tác phòng ngừa
2.1.1. Rà soát kế hoạch.
2.1.2. Diễn tập ứng phó.
2.2. Công tác ứng phó
¶
2.3. Công tác khắc phục
3. TỔ CHỨC THỰC HIỆN
¶
        """),
        sign=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "Lê Thị Hạnh"], place="Gia Lai, ngày 12 tháng 5 năm 2025"),
    "refs": doc(["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI"], "Số: 1520/QĐ-UBND", "QUYẾT ĐỊNH", "Phê duyệt danh mục dự án năm 2025",
        lines("""
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH
Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;
Căn cứ Luật Đầu tư công số 58/2024/QH15 ngày 29 tháng 11 năm 2024;
Căn cứ Nghị định số 85/2025/NĐ-CP ngày 08/4/2025 của Chính phủ quy định chi tiết một số điều của Luật Đầu tư công;
Căn cứ Thông tư số 12/2024/TT-BTC ngày 15/3/2024 của Bộ Tài chính;
Căn cứ Nghị quyết số 35/NQ-HĐND ngày 10/12/2024 của Hội đồng nhân dân tỉnh;
Căn cứ Quyết định số 2318/QĐ-UBND ngày 20/12/2024 của Ủy ban nhân dân tỉnh;
Theo đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 456/TTr-STC ngày 02/5/2025.
QUYẾT ĐỊNH:
Điều 1. Phê duyệt danh mục dự án theo Công văn số 789/UBND-KT ngày 05/4/2025 và Kế hoạch số 123/KH-UBND ngày 01/3/2025.
Điều 2. Thực hiện theo Chỉ thị số 05/CT-TTg ngày 12/02/2025 của Thủ tướng Chính phủ và QCVN 01:2021/BXD.
Điều 3. Quyết định này có hiệu lực kể từ ngày ký.
        """),
        sign=["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Đặng Văn Minh"], place="Quảng Ngãi, ngày 12 tháng 5 năm 2025"),
    "refs2": doc(["TỈNH ỦY THANH HÓA", "*"], "Số 210-CV/TU", None, "",
        lines("""
Kính gửi: Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy.
Thực hiện Kết luận số 121-KL/TW ngày 24/01/2025 của Ban Chấp hành Trung ương, Hướng dẫn số 36-HD/VPTW ngày 15/02/2025 của Văn phòng Trung ương Đảng và Quy định số 232-QĐ/TW ngày 20/01/2025 của Ban Chấp hành Trung ương;
Căn cứ Nghị quyết số 18-NQ/TW ngày 25/10/2017 và Chỉ thị số 35-CT/TW ngày 14/6/2024 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy yêu cầu:
1. Các cấp ủy triển khai Kế hoạch số 45-KH/TU ngày 03/3/2025 của Ban Thường vụ Tỉnh ủy.
2. Văn phòng Tỉnh ủy theo dõi, báo cáo theo Thông báo số 516-TB/VPTU ngày 24/9/2025.
        """),
        national=PARTY_BANNER, sign=["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "", "Lại Thế Nguyên"], place="Thanh Hóa, ngày 12 tháng 5 năm 2025"),
    # a commune's plan: targets in sentences, then its tasks as a table (body, time and role columns)
    "tasks": doc(["ỦY BAN NHÂN DÂN", "XÃ TÂN LẬP"], "Số: 34/KH-UBND", "KẾ HOẠCH", "Xây dựng nông thôn mới năm 2025",
        lines("""
I. MỤC TIÊU
1. Phấn đấu đến cuối năm 2025 có ít nhất 03 thôn đạt chuẩn nông thôn mới kiểu mẫu.
2. Tỷ lệ hộ nghèo giảm còn dưới 2,5%; thu nhập bình quân đạt 65 triệu đồng/người/năm.
3. Làm mới 4,5 km đường giao thông nông thôn và trồng 12 ha rừng tập trung.
II. NHIỆM VỤ VÀ PHÂN CÔNG
        """) + [[["STT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian"],
                 ["1", "Rà soát tiêu chí", "Văn phòng HĐND và UBND xã", "Các thôn", "Tháng 6/2025"],
                 ["2", "Bê tông hóa đường thôn", "Ban Quản lý dự án xã", "Mặt trận Tổ quốc xã", "Quý III/2025"],
                 ["3", "Tuyên truyền", "Đoàn Thanh niên xã", "Hội Phụ nữ xã", "Trước ngày 30/9/2025"]]] + lines("""
III. TỔ CHỨC THỰC HIỆN
1. Công chức Văn phòng - Thống kê theo dõi, đôn đốc; báo cáo kết quả về Ủy ban nhân dân huyện trước ngày 15/12/2025.
2. Các thôn chủ động triển khai thực hiện.
        """),
        sign=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Hà Văn Tâm"], place="Tân Lập, ngày 12 tháng 5 năm 2025"),
    # a province's half-year report: shares, sums, areas and lengths in sentences and a table of shares, and
    # citations of several types (what a scan reads worst: decimal commas, per cent signs, codes)
    "figures": doc(["ỦY BAN NHÂN DÂN", "TỈNH NINH THUẬN"], "Số: 318/BC-UBND", "BÁO CÁO",
        "Kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội 6 tháng đầu năm 2025",
        lines("""
I. KẾT QUẢ ĐẠT ĐƯỢC
1. Tổng sản phẩm trên địa bàn tăng 7,85% so với cùng kỳ, đạt 48,6% kế hoạch năm.
2. Thu ngân sách nhà nước đạt 3.245,7 tỷ đồng, bằng 52,3% dự toán; chi đầu tư phát triển 1.180 tỷ đồng.
3. Trồng mới 1.250 ha rừng, tỷ lệ che phủ rừng đạt 47,2%; làm mới 36,8 km đường giao thông nông thôn.
4. Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,75% (chỉ tiêu tối thiểu 95%); 100% thủ tục hành chính được công khai.
5. Giải quyết việc làm cho 8.500 lao động; tỷ lệ hộ nghèo giảm còn 3,15%.
        """) + [[["STT", "Đơn vị", "Kế hoạch (tỷ đồng)", "Giải ngân (tỷ đồng)", "Tỷ lệ"],
                 ["1", "Sở Xây dựng", "125,40", "98,12", "78,24%"],
                 ["2", "Sở Nông nghiệp và Môi trường", "86,75", "71,30", "82,19%"],
                 ["3", "Ban Quản lý dự án tỉnh", "240,00", "163,85", "68,27%"],
                 ["4", "Ủy ban nhân dân xã Phước Hậu", "18,60", "17,94", "96,45%"]]] + lines("""
II. NHIỆM VỤ 6 THÁNG CUỐI NĂM
1. Giải ngân 100% vốn đầu tư công theo Nghị quyết số 12/NQ-HĐND ngày 18/12/2024 và Quyết định số 1025/QĐ-UBND ngày 20/12/2024.
2. Triển khai Kế hoạch số 86/KH-UBND ngày 07/3/2025, Công văn số 1468/UBND-KTTH ngày 15/4/2025 và Thông báo số 59/TB-VPUB ngày 02/5/2025.
3. Hoàn thành 25 km đê biển và 450 ha cánh đồng mẫu lớn trước ngày 30/11/2025.
        """),
        sign=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Trần Quốc Nam"], place="Ninh Thuận, ngày 08 tháng 7 năm 2025"),
}


# What each field is compared by, as the shared scorer matches it (bodies with their role).
KEYS = {"sections": lambda x: x["path"], "references": lambda x: x["identifier"] or x.get("title"),
        "bodies": lambda x: (x["name"], x["role"]), "dates": lambda x: x["value"],
        "targets": lambda x: (x["value"], x["unit"])}


def run(folder: Path, out: Path, env: dict, workers: int | None = None) -> dict[str, dict]:
    """`vanban run` over `folder` into `out` (`workers`: its `--workers`, else the default); the records by stem."""
    subprocess.run([str(VANBAN), "run", str(folder), "--out", str(out), "--quiet"]
                   + (["--workers", str(workers)] if workers else []), env=env, check=False, stdout=subprocess.DEVNULL)
    return {Path(json.loads(line)["source"]).stem: json.loads(line)
            for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()}


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--serif", action="store_true", help="set in DejaVu Serif (Times New Roman's place)")
    ap.add_argument("--bold", action="store_true", help="section headings in bold")
    ap.add_argument("--dpi", type=int, default=None, help="scan at this resolution (default: 200/240/300)")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/vanban_style_scans"))
    a = ap.parse_args(argv)
    out = a.cache / f"{'serif' if a.serif else 'sans'}{'-bold' if a.bold else ''}-{a.dpi or 'mixed'}"
    for sub in ("orig", "scan"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    for name, doc in DOCS.items():
        original, scan = out / "orig" / f"{name}.pdf", out / "scan" / f"{name}.pdf"
        if not original.is_file():
            to_pdf(doc, original, serif=a.serif, bold_headings=a.bold)
        if not scan.is_file():
            make_scan(original, scan, name, a.dpi)
    env = dict(os.environ, VANBAN_OCR_CACHE=str(a.cache / "ocr"))
    runs = {sub: run(out / sub, out / f"run-{sub}", env) for sub in ("orig", "scan")}
    totals = {field: [0, 0, 0] for field in KEYS}
    print(f"{'document':<10} {'field':>10}  original->scan  lost / added")
    for name in DOCS:
        for field, key in KEYS.items():
            a_, b_ = ({key(x) for x in runs[sub][name][field]} for sub in ("orig", "scan"))
            t = totals[field]
            t[0], t[1], t[2] = t[0] + len(a_ & b_), t[1] + len(b_ - a_), t[2] + len(a_ - b_)
            if a_ != b_:
                print(f"{name:<10} {field:>10}  {len(a_):>3}->{len(b_):<3} {sorted(a_ - b_, key=str)} / "
                      f"{sorted(b_ - a_, key=str)}")
    print("F1 scan vs original: " + "  ".join(f"{field} {f1(*t):.3f} ({t[0] + t[2]})" for field, t in totals.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
