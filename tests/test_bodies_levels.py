"""Probe set for issue 14: the bodies of documents from levels the rules were not first written on
(a commune's Party committee and Mặt trận board, election bodies, a ministry's units, project boards,
state companies, schools and hospitals). Every sentence is invented for this test, written as such
documents write; each case lists exactly the bodies and roles DATASET.md "bodies" expects of it.

Names are compared as the shared scorer compares them (case, punctuation and dashes ignored; one name
contained in the other counts), so `Ủy ban nhân dân xã` matches the predicted `Ủy ban nhân dân xã Bảo Thắng`.
Every predicted body of the sentence must be expected, and every expected body found with its roles.
"""
import os
import re
import unicodedata

import pytest

from pipeline.run.process import process_text

# Document heads of the issuers the hidden sets hold, each opening a plan whose part II is the sentence.
HEADS = {
    "party_commune": "ĐẢNG BỘ TỈNH LÀO CAI\nĐẢNG ỦY XÃ BẢO THẮNG\n*\nĐẢNG CỘNG SẢN VIỆT NAM\nSố: 15-KH/ĐU\n"
                     "Bảo Thắng, ngày 10 tháng 3 năm 2026\n",
    "party_province": "ĐẢNG BỘ TỈNH GIA LAI\nBAN TUYÊN GIÁO VÀ DÂN VẬN\n*\nĐẢNG CỘNG SẢN VIỆT NAM\nSố: 42-KH/BTGDVTU\n"
                      "Gia Lai, ngày 02 tháng 4 năm 2026\n",
    "front_commune": "ỦY BAN MTTQ VIỆT NAM\nXÃ BẢO THẮNG\nBAN THƯỜNG TRỰC\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                     "Độc lập - Tự do - Hạnh phúc\nSố: 05/KH-MTTQ-BTT\nBảo Thắng, ngày 12 tháng 3 năm 2026\n",
    "commune": "ỦY BAN NHÂN DÂN\nXÃ BẢO THẮNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
               "Số: 31/KH-UBND\nBảo Thắng, ngày 14 tháng 3 năm 2026\n",
    "province": "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                "Số: 88/KH-UBND\nLào Cai, ngày 20 tháng 3 năm 2026\n",
    "election": "ỦY BAN BẦU CỬ\nXÃ BẢO THẮNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                "Số: 07/KH-UBBC\nBảo Thắng, ngày 02 tháng 2 năm 2026\n",
    "ministry": "BỘ Y TẾ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 120/KH-BYT\n"
                "Hà Nội, ngày 05 tháng 3 năm 2026\n",
    "hospital": "SỞ Y TẾ LÀO CAI\nBỆNH VIỆN ĐA KHOA TỈNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                "Số: 45/KH-BVĐK\nLào Cai, ngày 08 tháng 3 năm 2026\n",
    "school": "SỞ GIÁO DỤC VÀ ĐÀO TẠO\nTRƯỜNG THPT BẢO THẮNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
              "Độc lập - Tự do - Hạnh phúc\nSố: 22/KH-THPT\nBảo Thắng, ngày 09 tháng 3 năm 2026\n",
}
SIGN = {"party_commune": "T/M ĐẢNG ỦY\nBÍ THƯ\nNguyễn Văn An\n", "party_province": "K/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\nLê Thị Hoa\n",
        "front_commune": "TM. BAN THƯỜNG TRỰC\nCHỦ TỊCH\nHoàng Văn Sơn\n"}


def _plan(kind, text):
    return (HEADS[kind] + "KẾ HOẠCH\nTriển khai nhiệm vụ trọng tâm năm 2026\nI. MỤC ĐÍCH, YÊU CẦU\n"
            "1. Nâng cao hiệu quả công tác.\nII. TỔ CHỨC THỰC HIỆN\n" + text.strip() + "\n"
            + SIGN.get(kind, "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn Bình\n"))


def _rules_bodies(kind, text):
    old = os.environ.get("VANBAN_BODIES")
    os.environ["VANBAN_BODIES"] = "rules"
    try:
        return process_text("probe.txt", _plan(kind, text))["bodies"]
    finally:
        if old is None:
            os.environ.pop("VANBAN_BODIES")
        else:
            os.environ["VANBAN_BODIES"] = old


def _norm(name):
    s = unicodedata.normalize("NFC", name).casefold()
    s = re.sub(r"[\"'“”()\[\],;:.\-–/]", " ", s)
    return " ".join(s.split())


def _same(a, b):
    """The scorer's name match: equal, or the shorter (two words or more) inside the longer."""
    na, nb = _norm(a), _norm(b)
    if na == nb:
        return True
    small, big = sorted((na, nb), key=lambda x: len(x.split()))
    return len(small.split()) >= 2 and f" {small} " in f" {big} "


# (issuer, sentences of part II, {expected name: roles})
CASES = [
    # ---------------------------------------------------------------- commune Party bodies
    # a Party organization leads the state body it sits in (`lãnh đạo` as `chỉ đạo`); after no body, `lãnh đạo` is
    # the noun (the leaders of a body)
    ("party_commune", "7. Chi bộ thôn Tân Lập lãnh đạo Ban Công tác Mặt trận thôn vận động Nhân dân tham gia.",
     {"Chi bộ thôn Tân Lập": {"lead"}, "Ban Công tác Mặt trận thôn": {"lead"}}),
    # the activities a body inspects are named, not done by it (`việc học tập, quán triệt`, `các tổ chức đảng`)
    ("party_commune", "5. Ủy ban Kiểm tra Đảng ủy xã giám sát việc học tập, quán triệt ở các tổ chức đảng trực thuộc.",
     {"Ủy ban Kiểm tra Đảng ủy xã": {"monitor"}}),
    ("party_commune", "8. Văn phòng Đảng ủy báo cáo lãnh đạo Hội Nông dân xã kết quả thực hiện.",
     {"Văn phòng Đảng ủy": {"lead"}, "Hội Nông dân xã": {"report_to"}}),
    ("party_commune", "1. Ủy ban Kiểm tra Đảng ủy xã chủ trì kiểm tra việc thực hiện Kế hoạch này.",
     {"Ủy ban Kiểm tra Đảng ủy xã": {"lead", "monitor"}}),          # leads the inspection: both
    ("party_commune", "2. Ban Xây dựng Đảng tham mưu Ban Thường vụ Đảng ủy xã sơ kết việc thực hiện.",
     {"Ban Xây dựng Đảng": {"advise"}}),
    ("party_commune", "3. Văn phòng Đảng ủy theo dõi, đôn đốc việc thực hiện.",
     {"Văn phòng Đảng ủy": {"monitor"}}),
    ("party_commune", "4. Các chi bộ trực thuộc tổ chức quán triệt đến toàn thể đảng viên.",
     {"các chi bộ trực thuộc": {"lead"}}),
    ("party_commune", "5. Chi bộ thôn Làng Mới xây dựng kế hoạch cụ thể để thực hiện.",
     {"Chi bộ thôn Làng Mới": {"lead"}}),
    ("party_commune", "6. Đảng ủy Công an xã lãnh đạo lực lượng bảo đảm an ninh trật tự; Công an xã chủ trì "
                      "xây dựng phương án bảo vệ.",
     {"Đảng ủy Công an xã": {"lead"}, "Công an xã": {"lead"}}),
    ("party_commune", "7. Ban Chỉ huy Quân sự xã phối hợp với Công an xã tổ chức tuần tra.",
     {"Ban Chỉ huy Quân sự xã": {"coordinate"}, "Công an xã": {"coordinate"}}),
    ("party_commune", "8. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã và các đoàn thể chính trị - xã hội xã tuyên truyền, "
                      "vận động đoàn viên, hội viên hưởng ứng.",
     {"Ủy ban Mặt trận Tổ quốc Việt Nam xã": {"lead"}, "các đoàn thể chính trị - xã hội xã": {"lead"}}),
    ("party_commune", "9. Hội Nông dân, Hội Liên hiệp Phụ nữ, Hội Cựu chiến binh và Đoàn Thanh niên Cộng sản "
                      "Hồ Chí Minh xã phối hợp tuyên truyền trong đoàn viên, hội viên.",
     {"Hội Nông dân": {"coordinate"}, "Hội Liên hiệp Phụ nữ": {"coordinate"}, "Hội Cựu chiến binh": {"coordinate"},
      "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã": {"coordinate"}}),
    ("party_commune", "10. Đảng ủy Ủy ban nhân dân xã lãnh đạo Ủy ban nhân dân xã cụ thể hóa thành chương trình công tác.",
     {"Đảng ủy Ủy ban nhân dân xã": {"lead"}, "Ủy ban nhân dân xã": {"lead"}}),
    ("party_commune", "11. Các chi bộ báo cáo kết quả về Văn phòng Đảng ủy trước ngày 15/11/2026 để tổng hợp.",
     {"các chi bộ": {"lead"}, "Văn phòng Đảng ủy": {"report_to"}}),
    ("party_commune", "12. Giao Ban Xây dựng Đảng chủ trì, phối hợp với Ủy ban Kiểm tra Đảng ủy xã hướng dẫn các chi bộ.",
     {"Ban Xây dựng Đảng": {"lead"}, "Ủy ban Kiểm tra Đảng ủy xã": {"coordinate"}}),
    ("party_commune", "13. UBKT Đảng ủy xã giám sát việc thực hiện.",
     {"Ủy ban Kiểm tra Đảng ủy xã": {"monitor"}}),
    # ---------------------------------------------------------------- province Party boards
    ("party_province", "1. Ban Tuyên giáo và Dân vận Tỉnh ủy chủ trì, phối hợp với Ban Tổ chức Tỉnh ủy hướng dẫn thực hiện.",
     {"Ban Tuyên giáo và Dân vận Tỉnh ủy": {"lead"}, "Ban Tổ chức Tỉnh ủy": {"coordinate"}}),
    ("party_province", "2. Đảng ủy các xã, phường tổ chức quán triệt, triển khai đến cán bộ, đảng viên.",
     {"Đảng ủy các xã, phường": {"lead"}}),
    ("party_province", "3. Đảng ủy các xã: Bảo Thắng, Phong Hải, Xuân Quang xây dựng kế hoạch thực hiện.",
     {"Đảng ủy xã Bảo Thắng": {"lead"}, "Đảng ủy xã Phong Hải": {"lead"}, "Đảng ủy xã Xuân Quang": {"lead"}}),
    ("party_province", "4. Văn phòng Tỉnh ủy bảo đảm kinh phí; Báo Gia Lai mở chuyên mục tuyên truyền.",
     {"Văn phòng Tỉnh ủy": {"lead"}, "Báo Gia Lai": {"lead"}}),
    ("party_province", "5. BTG&DV Tỉnh ủy theo dõi, báo cáo Ban Thường vụ Tỉnh ủy.",
     {"Ban Tuyên giáo và Dân vận Tỉnh ủy": {"monitor"}, "Ban Thường vụ Tỉnh ủy": {"report_to"}}),
    ("party_province", "6. Ủy ban Kiểm tra Tỉnh ủy kiểm tra, giám sát việc thực hiện ở các cấp ủy.",
     {"Ủy ban Kiểm tra Tỉnh ủy": {"monitor"}}),
    ("party_province", "7. Đảng ủy Ủy ban nhân dân tỉnh lãnh đạo Ban cán sự đảng các sở, ngành cụ thể hóa nội dung.",
     {"Đảng ủy Ủy ban nhân dân tỉnh": {"lead"}, "Ban cán sự đảng các sở, ngành": {"lead"}}),
    ("party_province", "8. Ban thường vụ các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy lãnh đạo triển khai.",
     {"Ban thường vụ các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy": {"lead"}}),
    ("party_province", "9. Trường Chính trị tỉnh đưa nội dung vào chương trình bồi dưỡng; Ban Tổ chức các huyện ủy phối hợp.",
     {"Trường Chính trị tỉnh": {"lead"}, "Ban Tổ chức các huyện ủy": {"coordinate"}}),
    # ---------------------------------------------------------------- commune Mặt trận
    ("front_commune", "1. Ban Công tác Mặt trận các thôn phối hợp với Chi hội Nông dân thôn tổ chức ra quân.",
     {"Ban Công tác Mặt trận các thôn": {"coordinate"}, "Chi hội Nông dân thôn": {"coordinate"}}),
    ("front_commune", "2. Đề nghị các tổ chức thành viên phối hợp tuyên truyền, vận động nhân dân.",
     {"các tổ chức thành viên": {"coordinate"}}),
    ("front_commune", "3. Ban Công tác Mặt trận thôn Cốc Lầu chủ động xây dựng kế hoạch và báo cáo kết quả về "
                      "Ban Thường trực Ủy ban MTTQ Việt Nam xã.",
     {"Ban Công tác Mặt trận thôn Cốc Lầu": {"lead"},
      "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã": {"report_to"}}),
    ("front_commune", "4. Hội Liên hiệp Phụ nữ xã chủ trì Cuộc vận động; Hội Cựu chiến binh xã giám sát.",
     {"Hội Liên hiệp Phụ nữ xã": {"lead"}, "Hội Cựu chiến binh xã": {"monitor"}}),
    ("commune", "9. Văn phòng UBND xã chủ trì, phối hợp với Đài Truyền thanh xã tuyên truyền; giao Đài truyền thanh xã "
                "phát thông báo hằng ngày.",
     {"Văn phòng Ủy ban nhân dân xã": {"lead"}, "Đài Truyền thanh xã": {"coordinate", "lead"}}),
    ("front_commune", "5. Đề nghị Ủy ban nhân dân xã quan tâm bố trí kinh phí; Công an xã phối hợp bảo đảm an ninh.",
     {"Ủy ban nhân dân xã": {"lead"}, "Công an xã": {"coordinate"}}),
    ("front_commune", "6. Đoàn Thanh niên xã phối hợp với Trường Tiểu học Bảo Thắng tổ chức cho học sinh tham gia.",
     {"Đoàn Thanh niên xã": {"coordinate"}, "Trường Tiểu học Bảo Thắng": {"coordinate"}}),
    # ---------------------------------------------------------------- election bodies
    ("election", "1. Ủy ban nhân dân xã chỉ đạo các Ban bầu cử và Tổ bầu cử chuẩn bị tài liệu.",
     {"Ủy ban nhân dân xã": {"lead"}, "các Ban bầu cử": {"lead"}, "Tổ bầu cử": {"lead"}}),
    ("election", "2. Các Tổ bầu cử báo cáo kết quả kiểm phiếu về Ban bầu cử trước 22 giờ ngày bầu cử.",
     {"các Tổ bầu cử": {"lead"}, "Ban bầu cử": {"report_to"}}),
    ("election", "3. Tổ bầu cử số 5 niêm yết danh sách cử tri tại nhà văn hóa thôn.",
     {"Tổ bầu cử số 5": {"lead"}}),
    ("election", "4. Ban Chỉ đạo bầu cử xã kiểm tra, đôn đốc các khu vực bỏ phiếu.",
     {"Ban Chỉ đạo bầu cử xã": {"monitor"}}),
    ("election", "5. Công an xã chủ trì bảo vệ an toàn nơi bỏ phiếu; Trạm Y tế xã bố trí cán bộ trực.",
     {"Công an xã": {"lead"}, "Trạm Y tế xã": {"lead"}}),
    # ---------------------------------------------------------------- ministry units
    ("ministry", "1. Cục Quản lý Khám, chữa bệnh chủ trì, phối hợp với Vụ Kế hoạch - Tài chính xây dựng dự toán.",
     {"Cục Quản lý Khám, chữa bệnh": {"lead"}, "Vụ Kế hoạch - Tài chính": {"coordinate"}}),
    ("ministry", "2. Thanh tra Bộ kiểm tra việc thực hiện tại các đơn vị.",
     {"Thanh tra Bộ": {"monitor"}}),
    ("ministry", "3. Văn phòng Bộ tổng hợp, báo cáo Bộ trưởng kết quả thực hiện.",
     {"Văn phòng Bộ": {"lead"}}),
    ("ministry", "4. Giao Vụ Tổ chức cán bộ tham mưu Lãnh đạo Bộ kiện toàn bộ máy.",
     {"Vụ Tổ chức cán bộ": {"advise"}}),
    ("ministry", "5. Tổng cục Dân số phối hợp với các Cục, Vụ liên quan hướng dẫn địa phương.",
     {"Tổng cục Dân số": {"coordinate"}, "các Cục, Vụ liên quan": {"coordinate"}}),
    ("ministry", "6. Sở Y tế các tỉnh, thành phố trực thuộc Trung ương báo cáo về Bộ Y tế (qua Cục Quản lý Dược) "
                 "trước ngày 30/6/2026.",
     {"Sở Y tế các tỉnh, thành phố trực thuộc Trung ương": {"lead"}, "Bộ Y tế": {"report_to"},
      "Cục Quản lý Dược": {"report_to"}}),
    ("ministry", "7. Cơ quan chủ trì: Cục Khoa học công nghệ và Đào tạo.\nCơ quan phối hợp: Vụ Pháp chế, Thanh tra Bộ.",
     {"Cục Khoa học công nghệ và Đào tạo": {"lead"}, "Vụ Pháp chế": {"coordinate"}, "Thanh tra Bộ": {"coordinate"}}),
    ("ministry", "8. Đề nghị Ủy ban nhân dân các tỉnh, thành phố chỉ đạo Sở Y tế triển khai.",
     {"Ủy ban nhân dân các tỉnh, thành phố": {"lead"}, "Sở Y tế": {"lead"}}),
    ("ministry", "9. Các Sở: Tài chính, Xây dựng bố trí nguồn vốn.",
     {"Sở Tài chính": {"lead"}, "Sở Xây dựng": {"lead"}}),
    # ---------------------------------------------------------------- province, project boards, companies
    # a letter opens on the act it carries out, then its subject; a grant's giver leads
    ("province", "13. Thực hiện Công văn số 88/BNV-TCBC ngày 02/3/2026 của Bộ Nội vụ, Sở Nội vụ tổ chức rà soát biên chế.",
     {"Sở Nội vụ": {"lead"}}),
    ("province", "14. Sở Tài chính cấp kinh phí cho các hội đặc thù.", {"Sở Tài chính": {"lead"}}),
    # a contact for questions is given no part
    ("province", "18. Trong quá trình thực hiện, nếu có vướng mắc, đề nghị liên hệ Phòng Kinh tế (điện thoại 0203.3822.111).",
     {}),
    # a duty's frame leaves the role to the duty; a team whose name ends in a noun of work (`công tác`) still acts
    ("province", "16. Sở Nội vụ có trách nhiệm tham mưu Ủy ban nhân dân tỉnh sơ kết việc thực hiện.",
     {"Sở Nội vụ": {"advise"}}),
    ("province", "17. Tổ công tác liên ngành có nhiệm vụ kiểm tra các cơ sở kinh doanh xăng dầu.",
     {"Tổ công tác liên ngành": {"monitor"}}),
    # a province's cultural institutions
    ("province", "15. Bảo tàng tỉnh chủ trì, phối hợp với Thư viện tỉnh tổ chức triển lãm ảnh tư liệu.",
     {"Bảo tàng tỉnh": {"lead"}, "Thư viện tỉnh": {"coordinate"}}),
    # a body that asks another to act is no lead of the task; one that directs it is
    ("party_province", "3. Ban Tổ chức Tỉnh ủy đề nghị các huyện ủy rà soát quy hoạch cán bộ.", {"các huyện ủy": {"lead"}}),
    ("province", "12. Sở Y tế chỉ đạo các bệnh viện tổ chức khám sàng lọc.",
     {"Sở Y tế": {"lead"}, "các bệnh viện": {"lead"}}),
    # a meeting's conclusion assigns its tasks side by side
    ("province", "11. Về phía Sở Xây dựng: hoàn thiện hồ sơ quy hoạch trong tháng 6/2026.", {"Sở Xây dựng": {"lead"}}),
    # survey work is a task; `Cơ quan Cảnh sát điều tra` keeps it in its name
    ("province", "9. Sở Công Thương điều tra, khảo sát nhu cầu tiêu thụ nông sản.", {"Sở Công Thương": {"lead"}}),
    ("province", "10. Cơ quan Cảnh sát điều tra Công an tỉnh chủ trì xác minh.",
     {"Cơ quan Cảnh sát điều tra Công an tỉnh": {"lead"}}),
    ("province", "1. Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh chủ trì thi công.",
     {"Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh": {"lead"}}),
    ("province", "2. BQLDA ĐTXD khu vực Bảo Thắng khẩn trương hoàn thiện hồ sơ quyết toán.",
     {"Ban Quản lý dự án đầu tư xây dựng khu vực Bảo Thắng": {"lead"}}),
    ("province", "3. Công ty TNHH MTV Xổ số kiến thiết Lào Cai nộp ngân sách đúng hạn.",
     {"Công ty TNHH MTV Xổ số kiến thiết Lào Cai": {"lead"}}),
    ("province", "4. Công ty Điện lực Lào Cai phối hợp bảo đảm cấp điện; Tổng công ty Điện lực miền Bắc chỉ đạo thực hiện.",
     {"Công ty Điện lực Lào Cai": {"coordinate"}, "Tổng công ty Điện lực miền Bắc": {"lead"}}),
    ("province", "5. Trung tâm Phục vụ hành chính công tỉnh tiếp nhận hồ sơ; Cổng Thông tin điện tử tỉnh đăng tải công khai.",
     {"Trung tâm Phục vụ hành chính công tỉnh": {"lead"}, "Cổng Thông tin điện tử tỉnh": {"lead"}}),
    ("province", "6. Trung tâm PVHCC tỉnh phối hợp với Chi cục QLTT kiểm tra.",
     {"Trung tâm Phục vụ hành chính công tỉnh": {"coordinate", "monitor"}, "Chi cục Quản lý thị trường": {"coordinate"}}),
    ("province", "7. Các sở, ban, ngành và Ủy ban nhân dân các xã, phường tổ chức thực hiện.",
     {"các sở, ban, ngành": {"lead"}, "Ủy ban nhân dân các xã, phường": {"lead"}}),
    ("province", "8. Các chủ đầu tư chịu trách nhiệm về tính chính xác của hồ sơ.",
     {"các chủ đầu tư": {"lead"}}),
    ("province", "9. Giao Ủy ban nhân dân các xã: Bảo Thắng, Phong Hải, Gia Phú rà soát danh sách hộ nghèo.",
     {"Ủy ban nhân dân xã Bảo Thắng": {"lead"}, "Ủy ban nhân dân xã Phong Hải": {"lead"},
      "Ủy ban nhân dân xã Gia Phú": {"lead"}}),
    ("province", "10. Ủy ban nhân dân cấp xã nêu cao trách nhiệm của người đứng đầu.",
     {"Ủy ban nhân dân cấp xã": {"lead"}}),
    ("province", "11. Sở Tài chính tham mưu Ủy ban nhân dân tỉnh bố trí kinh phí.",
     {"Sở Tài chính": {"advise"}}),
    ("province", "12. Đề nghị Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh giám sát việc thực hiện.",
     {"Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh": {"monitor"}, "các tổ chức chính trị - xã hội tỉnh": {"monitor"}}),
    ("province", "12b. Đề nghị Hội Cựu chiến binh tỉnh tăng cường giám sát; Sở Y tế tiếp tục theo dõi, kiểm tra các cơ sở.",
     {"Hội Cựu chiến binh tỉnh": {"monitor"}, "Sở Y tế": {"monitor"}}),
    ("province", "13. Đề nghị Sở Nội vụ phối hợp với Sở Tư pháp rà soát thủ tục.",
     {"Sở Nội vụ": {"coordinate"}, "Sở Tư pháp": {"coordinate"}}),
    ("province", "14. Các cơ quan, đơn vị liên quan gửi báo cáo về Sở Nội vụ để tổng hợp, báo cáo Ủy ban nhân dân tỉnh.",
     {"các cơ quan, đơn vị liên quan": {"lead"}, "Sở Nội vụ": {"report_to"}, "Ủy ban nhân dân tỉnh": {"report_to"}}),
    ("province", "15. Bộ Chỉ huy Quân sự tỉnh, Công an tỉnh theo dõi tình hình an ninh trên địa bàn.",
     {"Bộ Chỉ huy Quân sự tỉnh": {"monitor"}, "Công an tỉnh": {"monitor"}}),
    ("province", "16. Giao Sở Nội vụ theo dõi, kiểm tra việc thực hiện Kế hoạch này.",
     {"Sở Nội vụ": {"monitor"}}),
    ("province", "17. Hội đồng nhân dân tỉnh giám sát việc thực hiện; Đài Phát thanh và Truyền hình tỉnh đưa tin.",
     {"Hội đồng nhân dân tỉnh": {"monitor"}, "Đài Phát thanh và Truyền hình tỉnh": {"lead"}}),
    ("province", "18. Kho bạc Nhà nước khu vực VIII thanh toán kinh phí; Ngân hàng Chính sách xã hội tỉnh phối hợp.",
     {"Kho bạc Nhà nước khu vực VIII": {"lead"}, "Ngân hàng Chính sách xã hội tỉnh": {"coordinate"}}),
    # ---------------------------------------------------------------- hospital
    ("hospital", "1. Phòng Tài chính - Kế toán chủ trì, phối hợp với Phòng Vật tư - Thiết bị y tế lập dự toán.",
     {"Phòng Tài chính - Kế toán": {"lead"}, "Phòng Vật tư - Thiết bị y tế": {"coordinate"}}),
    ("hospital", "2. Khoa Kiểm soát nhiễm khuẩn hướng dẫn các khoa, phòng thực hiện quy trình.",
     {"Khoa Kiểm soát nhiễm khuẩn": {"lead"}}),
    ("hospital", "3. Các khoa lâm sàng báo cáo số liệu về Phòng Kế hoạch tổng hợp trước ngày 25 hằng tháng.",
     {"các khoa lâm sàng": {"lead"}, "Phòng Kế hoạch tổng hợp": {"report_to"}}),
    ("hospital", "4. Tổ chuyên gia đánh giá hồ sơ dự thầu; Tổ thẩm định giá thẩm định kết quả lựa chọn nhà thầu.",
     {"Tổ chuyên gia": {"lead"}, "Tổ thẩm định giá": {"lead"}}),
    ("hospital", "5. Hội đồng thẩm định giá xem xét hồ sơ; Khoa Dược theo dõi việc sử dụng thuốc.",
     {"Hội đồng thẩm định giá": {"lead"}, "Khoa Dược": {"monitor"}}),
    ("hospital", "6. Các phòng, khoa phối hợp thực hiện.",
     {"các phòng, khoa": {"coordinate"}}),
    ("hospital", "7. Phòng Điều dưỡng kiểm tra, giám sát việc thực hiện tại các khoa.",
     {"Phòng Điều dưỡng": {"monitor"}}),
    ("hospital", "9. Các ông (bà) Trưởng phòng Tổ chức cán bộ, Trưởng phòng Tài chính - Kế toán, Trưởng các khoa, phòng "
                 "liên quan và các cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
     {"Phòng Tổ chức cán bộ": {"lead"}, "Phòng Tài chính - Kế toán": {"lead"}, "các khoa, phòng liên quan": {"lead"}}),
    ("hospital", "10. Trưởng khoa Khám bệnh chịu trách nhiệm bố trí nhân lực.",
     {"Khoa Khám bệnh": {"lead"}}),
    # ---------------------------------------------------------------- school
    ("school", "1. Tổ chuyên môn Toán - Tin xây dựng kế hoạch dạy học.",
     {"Tổ chuyên môn Toán - Tin": {"lead"}}),
    ("school", "2. Đoàn Thanh niên nhà trường phối hợp với Ban đại diện cha mẹ học sinh tổ chức hoạt động.",
     {"Đoàn Thanh niên nhà trường": {"coordinate"}, "Ban đại diện cha mẹ học sinh": {"coordinate"}}),
    ("school", "3. Các tổ chuyên môn báo cáo về Ban Giám hiệu trước ngày 30/5/2026.",
     {"các tổ chuyên môn": {"lead"}, "Ban Giám hiệu": {"report_to"}}),
    # a school's own bodies named in lower case, its pioneers' unit and its parents' board written short
    ("school", "4. Đoàn trường chủ trì, phối hợp với Liên đội và Ban đại diện CMHS tổ chức ngày hội.",
     {"Đoàn trường": {"lead"}, "Liên đội": {"coordinate"}, "Ban đại diện cha mẹ học sinh": {"coordinate"}}),
    ("school", "5. Công đoàn trường vận động đoàn viên tham gia.", {"Công đoàn trường": {"lead"}}),
    # ---------------------------------------------------------------- not bodies
    ("province", "19. Đồng chí Nguyễn Văn Hùng, Phó Chủ tịch Ủy ban nhân dân tỉnh, trực tiếp chỉ đạo.",
     {}),
    ("province", "20. Thực hiện Chỉ thị số 05-CT/TU ngày 10/01/2026 của Ban Thường vụ Tỉnh ủy về tăng cường công tác "
                 "phòng cháy; Sở Công Thương chủ trì triển khai.",
     {"Sở Công Thương": {"lead"}}),
    ("commune", "1. Ủy ban nhân dân xã giao Công chức Văn hóa - Xã hội chủ trì; Trưởng thôn các thôn phối hợp.",
     {}),
    ("party_commune", "18. Văn phòng HĐND và UBND xã, Phòng Kinh tế xã tổng hợp, báo cáo Ban Thường vụ Đảng ủy xã.",
     {"Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã": {"lead"}, "Phòng Kinh tế xã": {"lead"},
      "Ban Thường vụ Đảng ủy xã": {"report_to"}}),
    ("commune", "2. Trạm Y tế xã chủ trì tiêm chủng; các thôn, tổ dân phố phối hợp vận động.",
     {"Trạm Y tế xã": {"lead"}, "các thôn, tổ dân phố": {"coordinate"}}),
    # ---------------------------------------------------------------- more forms: abbreviations, giao … thực hiện, report lines
    ("province", "21. Giao cho Ban QLDA các CTMT tỉnh thực hiện.",
     {"Ban Quản lý dự án các chương trình mục tiêu tỉnh": {"lead"}}),
    ("province", "22. Quỹ Đền ơn đáp nghĩa tỉnh hỗ trợ NCC; HĐND các xã giám sát việc chi trả.",
     {"Quỹ Đền ơn đáp nghĩa tỉnh": {"lead"}, "Hội đồng nhân dân các xã": {"monitor"}}),
    # the act after the person a body advises is that person's (`tham mưu Giám đốc Sở bố trí kinh phí`)
    ("province", "24. Phòng Kế hoạch - Tài chính tham mưu Giám đốc Sở Xây dựng bố trí kinh phí thực hiện.",
     {"Phòng Kế hoạch - Tài chính": {"advise"}}),
    ("province", "23. UBND TP Lào Cai chủ trì, phối hợp với Chi cục QLTT số 2 kiểm tra.",
     {"Ủy ban nhân dân thành phố Lào Cai": {"lead", "monitor"}, "Chi cục Quản lý thị trường số 2": {"coordinate"}}),
    ("province", "23b. Ban ATGT tỉnh chủ trì; Phòng Cảnh sát PCCC và CNCH phối hợp; Ban Quản lý KKT báo cáo kết quả.",
     {"Ban An toàn giao thông tỉnh": {"lead"}, "Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ": {"coordinate"},
      "Ban Quản lý khu kinh tế": {"lead"}}),
    ("province", "23c. Sở Y tế được giao chủ trì tổ chức hội nghị; Công an tỉnh được phân công theo dõi, đôn đốc.",
     {"Sở Y tế": {"lead"}, "Công an tỉnh": {"monitor"}}),
    ("province", "23d. Sở Nội vụ đã được giao chủ trì nhưng chưa thực hiện.", {}),
    ("province", "24. Các sở, ban, ngành gửi báo cáo về Ban Chỉ đạo tỉnh (qua Sở Y tế) trước ngày 20 hằng tháng.",
     {"các sở, ban, ngành": {"lead"}, "Ban Chỉ đạo tỉnh": {"report_to"}, "Sở Y tế": {"report_to"}}),
    ("province", "25. Tham dự Hội nghị có đại diện lãnh đạo Sở Nội vụ, Sở Tài chính và Công an tỉnh.",
     {}),
    ("province", "26. Ủy ban nhân dân Ủy ban nhân dân cấp xã rà soát, cập nhật dữ liệu.",
     {"Ủy ban nhân dân cấp xã": {"lead"}}),
    ("ministry", "10. Thủ tướng Chính phủ giao Bộ Công Thương chủ trì, phối hợp với Bộ Tài chính trình Chính phủ.",
     {"Bộ Công Thương": {"lead"}, "Bộ Tài chính": {"coordinate"}, "Chính phủ": {"report_to"}}),
    ("ministry", "11. Đề nghị các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ cử cán bộ tham gia.",
     {"các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ": {"lead"}}),
    ("ministry", "12. Vụ Bảo hiểm y tế đôn đốc Bảo hiểm xã hội Việt Nam thanh toán chi phí.",
     {"Vụ Bảo hiểm y tế": {"monitor"}}),
    ("party_commune", "14. Ban Thường vụ Đảng ủy xã phân công đồng chí Lê Văn Nam, Phó Bí thư Đảng ủy, trực tiếp chỉ đạo.",
     {"Ban Thường vụ Đảng ủy xã": {"lead"}}),
    ("party_commune", "15. Chi bộ các thôn, tổ dân phố tổ chức sinh hoạt chuyên đề, gửi kết quả về Văn phòng Đảng ủy.",
     {"Chi bộ các thôn, tổ dân phố": {"lead"}, "Văn phòng Đảng ủy": {"report_to"}}),
    ("front_commune", "7. Đề nghị Hội Nông dân xã phối hợp với Hợp tác xã Nông nghiệp Bảo Thắng tổ chức tập huấn.",
     {"Hội Nông dân xã": {"coordinate"}, "Hợp tác xã Nông nghiệp Bảo Thắng": {"coordinate"}}),
    ("school", "4. Trường Mầm non Hoa Sen và Trường Tiểu học và THCS Bảo Thắng tổ chức tuyên truyền.",
     {"Trường Mầm non Hoa Sen": {"lead"}, "Trường Tiểu học và Trung học cơ sở Bảo Thắng": {"lead"}}),
    ("hospital", "8. Trung tâm Y tế khu vực Bảo Thắng phối hợp với Trạm Y tế các xã giám sát dịch bệnh.",
     {"Trung tâm Y tế khu vực Bảo Thắng": {"coordinate", "monitor"}, "Trạm Y tế các xã": {"coordinate"}}),
    ("ministry", "13. Tập đoàn Điện lực Việt Nam bảo đảm cung cấp điện; Tổng công ty Đường sắt Việt Nam xây dựng "
                 "phương án vận chuyển.",
     {"Tập đoàn Điện lực Việt Nam": {"lead"}, "Tổng công ty Đường sắt Việt Nam": {"lead"}}),
    ("ministry", "14. Cục Quản lý Dược b hướng dẫn các cơ sở kinh doanh dược.",
     {"Cục Quản lý Dược": {"lead"}}),
    ("election", "6. Ban bầu cử số 2 kiểm tra công tác chuẩn bị của các Tổ bầu cử thuộc đơn vị bầu cử số 2.",
     {"Ban bầu cử số 2": {"monitor"}}),
    ("party_province", "10. Văn phòng Tỉnh ủy phối hợp với các ban xây dựng Đảng Tỉnh ủy tổng hợp ý kiến.",
     {"Văn phòng Tỉnh ủy": {"coordinate"}, "các ban xây dựng Đảng Tỉnh ủy": {"coordinate"}}),
    ("ministry", "15. Ngân hàng nhà nước Việt Nam có trách nhiệm chỉ đạo các tổ chức tín dụng cho vay.",
     {"Ngân hàng Nhà nước Việt Nam": {"lead"}, "các tổ chức tín dụng": {"lead"}}),
    # places listed after a plural unit: a capitalised place word that is also a verb (`Lập`) is the place's
    ("province", "17. Ủy ban nhân dân các xã: Tân Lập, Hòa Bình phối hợp tổ chức lấy ý kiến nhân dân.",
     {"Ủy ban nhân dân xã Tân Lập": {"coordinate"}, "Ủy ban nhân dân xã Hòa Bình": {"coordinate"}}),
    ("front_commune", "18. Ban Công tác Mặt trận các thôn: Nà Lốc, Cốc Ly phối hợp vận động nhân dân.",
     {"Ban Công tác Mặt trận thôn Nà Lốc": {"coordinate"}, "Ban Công tác Mặt trận thôn Cốc Ly": {"coordinate"}}),
    # a conference programme's speakers are given a part: each presents (`tham luận của`)
    ("ministry", "16. Tham luận của Viện Vệ sinh dịch tễ Trung ương và Sở Y tế tỉnh Bắc Sơn.",
     {"Viện Vệ sinh dịch tễ Trung ương": {"lead"}, "Sở Y tế tỉnh Bắc Sơn": {"lead"}}),
    # ---------------------------------------------------------------- a report's Kiến nghị part
    ("province", "27. Kiến nghị Bộ Nông nghiệp và Môi trường xem xét bổ sung định mức hỗ trợ; đề nghị Chính phủ sớm "
                 "ban hành Nghị định sửa đổi cơ chế quản lý.",
     {"Bộ Nông nghiệp và Môi trường": {"lead"}, "Chính phủ": {"lead"}}),
    ("province", "28. Có 45 kiến nghị của doanh nghiệp đã được các sở, ngành trả lời; Bộ Xây dựng sớm ban hành thiết kế mẫu.",
     {"Bộ Xây dựng": {"lead"}}),
    # ---------------------------------------------------------------- a subject whose name ends of itself
    # (on a unit's word or a proper name) does what any verb after it says, listed in rules/roles.yaml or not
    ("commune", "29. Công an xã bảo vệ an toàn các điểm bỏ phiếu.", {"Công an xã": {"lead"}}),
    ("commune", "30. Ban Chỉ huy Quân sự xã sẵn sàng lực lượng ứng trực.", {"Ban Chỉ huy Quân sự xã": {"lead"}}),
    ("province", "31. Ủy ban nhân dân xã Tân Lập phát huy vai trò của các tổ tự quản.",
     {"Ủy ban nhân dân xã Tân Lập": {"lead"}}),
    # the Party committees of every level as one collective, `các cấp` closing it (`nhất là …` is no part of it)
    ("party_commune", "33. Cấp ủy các cấp nêu cao vai trò, trách nhiệm trong lãnh đạo.", {"Cấp ủy các cấp": {"lead"}}),
    ("party_province", "34. Cấp ủy đảng, chính quyền các cấp, nhất là người đứng đầu tăng cường công tác tuyên truyền.",
     {"Cấp ủy đảng, chính quyền các cấp": {"lead"}}),
    ("commune", "35. Hạt Kiểm lâm phối hợp tuần tra; các trường học trên địa bàn lồng ghép nội dung vào giờ học.",
     {"Hạt Kiểm lâm": {"coordinate"}, "các trường học trên địa bàn": {"lead"}}),
    # difficulties met go back to the body named after `phản ánh về`; opinions `phản ánh về` a body are about it
    ("ministry", "36. Nếu có vướng mắc, đề nghị các đơn vị phản ánh về Cục Quản lý Dược để được hướng dẫn.",
     {"các đơn vị": {"lead"}, "Cục Quản lý Dược": {"report_to"}}),
    ("province", "37. Các ý kiến phản ánh về Sở Xây dựng đã được tiếp nhận; Thuế tỉnh hướng dẫn người nộp thuế kê khai.",
     {"Thuế tỉnh": {"lead"}}),
    # a mass organization's central committee named by its level first; the army's regions addressed together
    ("ministry", "38. Trung ương Hội Cựu chiến binh Việt Nam phối hợp tuyên truyền; các quân khu rà soát hồ sơ.",
     {"Trung ương Hội Cựu chiến binh Việt Nam": {"coordinate"}, "các quân khu": {"lead"}}),
    ("party_province", "40. Cấp ủy Đảng lãnh đạo, Ủy ban nhân dân xã xây dựng phương án, kế hoạch.",
     {"Cấp ủy Đảng": {"lead"}, "Ủy ban nhân dân xã": {"lead"}}),
    # ... but a bare head cut from its lower-case name is no subject (`Các Hội` of `Các Hội công chứng viên …`)
    ("province", "32. Các Hội văn học thuộc diện giải thể chỉ chấm dứt hoạt động khi có quyết định.", {}),
]


def test_a_mass_organizations_name_ends_at_its_field():
    # as a department's does (`Sở Tài chính tổ chức …`): the verb after `Đoàn Thanh niên` is the task, not its name
    text = (HEADS["commune"] + "KẾ HOẠCH\nTổ chức Tháng hành động năm 2026\nII. NHIỆM VỤ\n"
            "1. Công đoàn xã phối hợp với Đoàn Thanh niên tổ chức phong trào thi đua.\n")
    got = {(b["name"], b["role"]) for b in process_text("x", text)["bodies"]}
    assert ("Đoàn Thanh niên", "coordinate") in got, got
    # a school's union branch is named by its members (`Chi đoàn giáo viên`)
    text = (HEADS["school"] + "KẾ HOẠCH\nHoạt động ngoại khóa năm học 2026 - 2027\nII. NHIỆM VỤ\n"
            "1. Liên đội phối hợp với Chi đoàn giáo viên tổ chức hoạt động ngoại khóa.\n")
    got = {(b["name"], b["role"]) for b in process_text("x", text)["bodies"]}
    assert ("Chi đoàn giáo viên", "coordinate") in got, got


def test_the_press_of_every_level_is_one_collective_in_a_list_of_subjects():
    # `các cơ quan báo chí Trung ương, địa phương, quân đội`: the list of subjects runs on past it to the last body
    text = (HEADS["ministry"] + "KẾ HOẠCH\nTuyên truyền năm 2026\nII. NHIỆM VỤ\n1. Các cơ quan báo chí Trung ương, địa "
            "phương, quân đội, Hội Nông dân Việt Nam và các tổ chức chính trị - xã hội tập trung tuyên truyền.\n")
    got = {(b["name"], b["role"]) for b in process_text("x", text)["bodies"]}
    assert {("Hội Nông dân Việt Nam", "lead"), ("các tổ chức chính trị - xã hội", "lead")} <= got, got


def test_a_body_made_a_projects_investor_is_one_body():
    # `làm chủ đầu tư` is a capacity the board takes on, no second body; `đẩy nhanh` is the investors' task
    text = (HEADS["province"] + "KẾ HOẠCH\nĐầu tư công năm 2026\nII. NHIỆM VỤ\n1. Giao Ban Quản lý dự án đầu tư xây "
            "dựng tỉnh làm chủ đầu tư; yêu cầu các chủ đầu tư đẩy nhanh tiến độ giải ngân.\n")
    got = {b["name"] for b in process_text("x", text)["bodies"]}
    assert got == {"Ban Quản lý dự án đầu tư xây dựng tỉnh Lào Cai", "các chủ đầu tư"}, got


def test_bodies_listed_under_a_heading_that_names_their_role():
    # `a) Cơ quan chủ trì` / `b) Cơ quan phối hợp` alone on their lines: the bullets under each take its role, up to
    # the next heading of that rank; a line that is not a list ends it
    text = (HEADS["ministry"] + "KẾ HOẠCH\nTriển khai công tác năm 2026\nI. NHIỆM VỤ\n1. Nội dung\nRà soát hồ sơ.\n"
            "2. Cơ quan chủ trì, phối hợp\na) Cơ quan chủ trì\n- Cục Quản lý Dược.\n- Các Viện trực thuộc Bộ; Sở Y tế các tỉnh.\n"
            "b) Cơ quan phối hợp\n- Bảo hiểm xã hội Việt Nam và Hội Dược học Việt Nam.\n"
            "Các đơn vị báo cáo kết quả về Vụ Pháp chế.\n3. Thời gian thực hiện: Quý II/2026.\n")
    got = {(b["name"], b["role"]) for b in process_text("x", text)["bodies"]}
    assert got == {("Cục Quản lý Dược", "lead"), ("Các Viện trực thuộc Bộ", "lead"), ("Sở Y tế các tỉnh", "lead"),
                   ("Bảo hiểm xã hội Việt Nam", "coordinate"), ("Hội Dược học Việt Nam", "coordinate"),
                   ("Các đơn vị", "lead"), ("Vụ Pháp chế", "report_to")}, got


@pytest.mark.parametrize("kind,text,expected", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_probe(kind, text, expected):
    got = _rules_bodies(kind, text)
    pred = [(b["name"], b["role"]) for b in got]
    unexpected = sorted({n for n, _ in pred if not any(_same(n, e) for e in expected)})
    assert not unexpected, f"not bodies here: {unexpected}; all: {pred}"
    for name, roles in expected.items():
        found = {r for n, r in pred if _same(n, name)}
        assert found == roles, f"{name}: {found or 'missed'} (want {roles}); all: {pred}"


def test_a_charter_says_how_its_organs_work():
    """`mỗi` ends a name: how often an organ meets is no part of its name (compared exactly)."""
    got = _rules_bodies("front_commune", "8. Ban Thường trực mỗi quý tổ chức giao ban; Ban Kiểm tra giám sát các chi hội.")
    names = {b["name"] for b in got}
    assert {"Ban Thường trực", "Ban Kiểm tra"} <= names, names
    assert not any(n.endswith("mỗi") for n in names), names


def test_the_organ_that_signs_for_the_issuer_is_the_issuer_given_no_part():
    # a Huyện ủy's plan signed `T/M BAN THƯỜNG VỤ`: `Ban Thường vụ Huyện ủy xây dựng kế hoạch` is the issuer writing it
    text = ("ĐẢNG BỘ TỈNH PHÚ THỌ\nHUYỆN ỦY THANH SƠN\n*\nSố 45-KH/HU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
            "Thanh Sơn, ngày 03 tháng 4 năm 2026\nKẾ HOẠCH\nthực hiện công tác dân vận năm 2026\n"
            "Ban Thường vụ Huyện ủy xây dựng kế hoạch thực hiện như sau:\nI- NHIỆM VỤ\n"
            "1- Ban Dân vận Huyện ủy chủ trì hướng dẫn thực hiện.\n2- Văn phòng Huyện ủy tổng hợp, báo cáo Ban Thường vụ "
            "Huyện ủy.\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\nHà Văn Tâm\n")
    got = {(b["name"], b["role"]) for b in process_text("kh.txt", text)["bodies"]}
    assert ("Ban Dân vận Huyện ủy Thanh Sơn", "lead") in got, got
    assert ("Ban Thường vụ Huyện ủy Thanh Sơn", "report_to") in got, got       # reported to, as the issuer may be
    assert ("Ban Thường vụ Huyện ủy Thanh Sơn", "lead") not in got, got


def test_a_party_committee_s_standing_board_that_signs_for_it_speaks_as_the_issuer():
    # a Huyện ủy's directive signed `T/M BAN THƯỜNG VỤ`: after a clause of aim, its Ban Thường vụ tells the bodies to
    # act as the issuer does (`Để …, UBND tỉnh yêu cầu …`)
    text = ("ĐẢNG BỘ TỈNH PHÚ THỌ\nHUYỆN ỦY THANH SƠN\n*\nSố 08-CT/HU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
            "Thanh Sơn, ngày 12 tháng 6 năm 2026\nCHỈ THỊ\nvề tăng cường công tác phòng, chống thiên tai\n"
            "Những năm qua, thiên tai gây thiệt hại lớn trên địa bàn huyện.\nĐể khắc phục những hạn chế trên, Ban Thường vụ Huyện ủy yêu cầu các cấp ủy, chính quyền, "
            "Mặt trận Tổ quốc và các đoàn thể thực hiện tốt những nội dung sau:\n"
            "1- Các chi bộ, đảng bộ trực thuộc quán triệt Chỉ thị này.\n"
            "T/M BAN THƯỜNG VỤ\nBÍ THƯ\nHà Văn Tâm\n")
    got = {(b["name"], b["role"]) for b in process_text("ct.txt", text)["bodies"]}
    assert {("Mặt trận Tổ quốc", "lead"), ("các đoàn thể", "lead")} <= got, got


def test_a_youth_union_committee_s_plan():
    """A Youth Union committee's plan: `ĐOÀN TNCS HỒ CHÍ MINH` stands where the motto stands (never the issuer);
    `TỈNH ĐOÀN HÀ NAM` is the Youth Union of tỉnh Hà Nam (no province named `Đoàn Hà Nam`), so a bare `tỉnh` is Hà
    Nam; its executive committee acts through its standing board, which writes the plan (the issuer)."""
    text = ("BCH TỈNH ĐOÀN HÀ NAM\nĐOÀN TNCS HỒ CHÍ MINH\n***\nSố: 88-KH/TĐTN-TNTH\nHà Nam, ngày 02 tháng 6 năm 2026\n"
            "KẾ HOẠCH\nTổ chức Ngày hội thanh niên với văn hóa giao thông năm 2026\n"
            "Ban Thường vụ Tỉnh đoàn xây dựng kế hoạch như sau:\nI. TỔ CHỨC THỰC HIỆN\n"
            "1. Ban Tuyên giáo Tỉnh đoàn chủ trì, phối hợp với Ban An toàn giao thông tỉnh tổ chức ngày hội.\n"
            "2. Các huyện đoàn báo cáo kết quả về Tỉnh đoàn trước ngày 30/9/2026.\n"
            "TM. BAN THƯỜNG VỤ TỈNH ĐOÀN\nPHÓ BÍ THƯ\nLê Thị Hoa\n")
    rec = process_text("kh.txt", text)
    assert rec["metadata"]["issuer"] == "Ban Chấp hành Tỉnh đoàn Hà Nam"
    got = {(b["name"], b["role"]) for b in rec["bodies"]}
    assert {("Ban Tuyên giáo Tỉnh đoàn Hà Nam", "lead"), ("Ban An toàn giao thông tỉnh Hà Nam", "coordinate"),
            ("Tỉnh đoàn Hà Nam", "report_to")} <= got, got
    assert not any(name.startswith("Ban Thường vụ") for name, _ in got), got


def test_a_task_after_an_opening_of_time_reports_to_whom_it_names():
    """`Ngay sau hội nghị, gửi …`, `Trong thời hạn 05 ngày làm việc, báo cáo …`: the time the task is set for comes
    first, and the task after its comma is read as if the sentence opened on it; `gửi X đến Y` names Y as well as
    `gửi X về Y` does (rules/roles.yaml `report_about`)."""
    text = ("1. Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã\n"
            "- Ngay sau hội nghị, gửi báo cáo kết quả về Sở Tư pháp.\n"
            "- Trong thời hạn 05 ngày làm việc, gửi biên bản về Sở Nội vụ.\n"
            "- Gửi biên bản hội nghị và danh sách người ứng cử đến Ủy ban nhân dân tỉnh.\n")
    got = {(b["name"], b["role"]) for b in _rules_bodies("front_commune", text)}
    assert {("Sở Tư pháp", "report_to"), ("Sở Nội vụ", "report_to"), ("Ủy ban nhân dân tỉnh", "report_to")} <= got, got


def test_a_collective_titling_the_list_after_its_colon_is_no_body():
    """`Thủ trưởng các cơ quan: Văn phòng UBND tỉnh, Sở Công Thương, …`, `phối hợp với các cơ quan chức năng: Sở Y tế,
    …`: the listed bodies take the part, the collective before the colon names no one; a place said after a `;`
    belongs to its own group (`…, Sở Công Thương; Chủ tịch UBND các xã, phường`), not to the bodies before it."""
    text = ("1. Sở Lao động - Thương binh và Xã hội phối hợp với các cơ quan chức năng: Sở Y tế, Hội Cựu chiến binh "
            "tỉnh tổ chức kiểm tra.\n2. Thủ trưởng các cơ quan: Văn phòng UBND tỉnh, Sở Công Thương, Sở Tài chính; "
            "Chủ tịch UBND các xã, phường chịu trách nhiệm thi hành Kế hoạch này.\n")
    got = {(b["name"], b["role"]) for b in _rules_bodies("province", text)}
    assert {("Sở Y tế", "coordinate"), ("Hội Cựu chiến binh tỉnh Lào Cai", "coordinate"), ("Sở Công Thương", "lead"),
            ("Sở Tài chính", "lead"), ("Ủy ban nhân dân các xã, phường", "lead")} <= got, got
    assert not {name for name, _ in got if name.startswith(("các cơ quan", "Sở Công Thương ", "Sở Tài chính "))}, got


def test_directing_paired_with_guiding_gives_the_body_after_both_the_task():
    """`đề nghị BHXH Việt Nam chỉ đạo, hướng dẫn BHXH các tỉnh nghiên cứu, triển khai …`: the body after the pair carries
    the task out, as after `chỉ đạo` alone."""
    got = {(b["name"], b["role"]) for b in _rules_bodies("ministry", (
        "1. Đề nghị Bảo hiểm xã hội Việt Nam chỉ đạo, hướng dẫn Bảo hiểm xã hội các tỉnh nghiên cứu, triển khai thực "
        "hiện.\n2. Cục Quản lý khám, chữa bệnh chỉ đạo và đôn đốc các bệnh viện trực thuộc Bộ rà soát giường bệnh.\n"))}
    assert {("Bảo hiểm xã hội các tỉnh", "lead"), ("các bệnh viện trực thuộc Bộ", "lead")} <= got, got


def test_a_congress_s_sub_committees_in_lower_case_are_bodies():
    """A Party congress plan gives its sub-committees their parts, often typed in lower case (`Tiểu ban văn kiện`,
    `Tiểu ban nhân sự`): each is a body, as `Tiểu ban Văn kiện` is."""
    got = {(b["name"], b["role"]) for b in _rules_bodies("party_commune", (
        "1. Tiểu ban văn kiện chủ trì xây dựng dự thảo Báo cáo chính trị.\n"
        "2. Tiểu ban nhân sự tham mưu phương án nhân sự Ban Chấp hành khóa mới.\n"))}
    assert {("Tiểu ban văn kiện", "lead"), ("Tiểu ban nhân sự", "advise")} <= got, got


def test_a_list_of_councils_names_its_unit_once():
    """`Hội đồng nhân dân, Ủy ban nhân dân xã`, `Thường trực HĐND, UBND, Ủy ban MTTQ tỉnh`: each council of the list is
    of the unit named after the last one (a lone `Sở Y tế, Sở Tài chính` list takes nothing)."""
    got = {(b["name"], b["role"]) for b in _rules_bodies("front_commune", "1. Đề nghị Hội đồng nhân dân, Ủy ban nhân "
                                                         "dân xã phối hợp, tạo điều kiện tổ chức hội nghị cử tri.\n")}
    assert {("Hội đồng nhân dân xã Bảo Thắng", "coordinate"), ("Ủy ban nhân dân xã Bảo Thắng", "coordinate")} <= got


def test_a_report_sent_to_bodies_named_after_its_object():
    """`gửi biên bản … đến Thường trực HĐND, UBND, Ủy ban MTTQ tỉnh`: `đến` before a body's proper name names where the
    report goes, whatever the model reads; `gửi thông tin đến các hộ gia đình` informs, no report goes to them."""
    text = _plan("front_commune", "1. Ngay sau hội nghị, gửi biên bản và danh sách người ứng cử đến Thường trực HĐND, "
                                  "UBND, Ủy ban MTTQ tỉnh.\n2. Gửi thông tin đến các hộ gia đình trong thôn.\n")
    got = {(b["name"], b["role"]) for b in process_text("probe.txt", text)["bodies"]}
    assert {("Thường trực Hội đồng nhân dân tỉnh", "report_to"), ("Ủy ban nhân dân tỉnh", "report_to"),
            ("Ủy ban Mặt trận Tổ quốc tỉnh", "report_to")} <= got
    assert not any(name.startswith("các hộ") for name, _ in got)


def test_a_director_abbreviated_gd_stands_for_the_department():
    """`GĐ các Sở, ngành`, `Giao GĐ Sở Y tế`: `GĐ` is `Giám đốc`, the head who stands for the department."""
    got = {(b["name"], b["role"]) for b in _rules_bodies("province", "1. GĐ các Sở, ngành chịu trách nhiệm thi hành.\n"
                                                         "2. Giao GĐ Sở Y tế chủ trì thực hiện.\n")}
    assert {("các Sở, ngành", "lead"), ("Sở Y tế", "lead")} <= got


def test_a_fire_fighting_board_keeps_the_comma_of_its_field():
    """`Ban Chỉ huy phòng cháy, chữa cháy rừng cấp xã`, `Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ`: the comma is
    inside the field (rules/body_heads.yaml `board_fields`), the name goes on past it."""
    got = {(b["name"], b["role"]) for b in _rules_bodies("province", "1. Ủy ban nhân dân các xã chỉ đạo Ban Chỉ huy phòng "
                                                         "cháy, chữa cháy rừng cấp xã tổ chức trực ban.\n")}
    assert any(name.startswith("Ban Chỉ huy phòng cháy, chữa cháy rừng cấp xã") and role == "lead" for name, role in got)


def test_a_party_committees_base_organizations_are_one_collective_subject():
    text = _plan("party_commune", "4. Các đảng ủy, chi bộ cơ sở căn cứ Kế hoạch này xây dựng kế hoạch thực hiện.")
    assert {(b["name"], b["role"]) for b in process_text("x", text)["bodies"]} == {("Các đảng ủy, chi bộ cơ sở", "lead")}
