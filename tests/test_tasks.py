"""The tasks table (issue 5): who must do what by when, from one extracted record."""
import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.run.process import error_record, process_text
from pipeline.extract.tasks import TASKS_SCHEMA, last_day, task_rows

PLAN = """ỦY BAN NHÂN DÂN
TỈNH LÂM ĐỒNG
Số: 58/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lâm Đồng, ngày 08 tháng 01 năm 2026
KẾ HOẠCH
Cải cách hành chính năm 2026
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao chất lượng phục vụ người dân, doanh nghiệp.
II. CHỈ TIÊU
1. Phấn đấu 100% hồ sơ được số hóa.
III. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ chủ trì, phối hợp với Sở Tài chính tham mưu Ủy ban nhân dân tỉnh tổng kết, hoàn thành trước ngày 30/6/2026.
2. Giao Sở Tư pháp:
a) Rà soát văn bản quy phạm pháp luật, hoàn thành trong quý II/2026.
b) Phấn đấu 100% văn bản được kiểm tra đúng quy định.
3. Ủy ban nhân dân các xã, phường:
- Tổ chức đối thoại với doanh nghiệp, hoàn thành trước ngày 15/5/2026.
- Báo cáo kết quả hằng quý về Sở Nội vụ.
"""


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return task_rows(process_text("dev/58-KH-UBND.docx", PLAN, "docx", wrapped=False))


def by_place(rows):
    return {(r["section"], r["bullet"]): r for r in rows}


def test_one_row_per_section_or_bullet_that_assigns_work(rows):
    assert set(by_place(rows)) == {("III/1", None), ("III/2/a", None), ("III/2/b", None), ("III/3", 1), ("III/3", 2)}


def test_lead_coordinator_and_deadline_of_a_section(rows):
    r = by_place(rows)[("III/1", None)]
    assert (r["lead"], r["coordinate"], r["deadlines"], r["due"]) == \
        (["Sở Nội vụ"], ["Sở Tài chính"], ["2026-06-30"], "2026-06-30")
    assert r["source"] == "dev/58-KH-UBND.docx" and r["text"].startswith("1. Sở Nội vụ chủ trì")


def test_items_under_a_heading_that_names_the_body_inherit_it(rows):
    places = by_place(rows)
    assert places[("III/2/a", None)]["lead"] == ["Sở Tư pháp"]
    assert places[("III/2/a", None)]["due"] == "2026-06-30"          # quý II/2026 ends on 30 June
    assert [t["value"] for t in places[("III/2/b", None)]["targets"]] == [100.0]
    assert places[("III/3", 1)]["lead"] == ["Ủy ban nhân dân các xã, phường"]
    assert places[("III/3", 1)]["deadlines"] == ["2026-05-15"]


def test_sections_without_a_body_give_no_task(rows):
    assert not any(r["section"].startswith(("I/", "II/")) for r in rows)


def test_rows_fit_the_schema_and_answer_the_question_in_duckdb(rows, tmp_path):
    path = tmp_path / "tasks.parquet"
    pq.write_table(pa.Table.from_pylist(rows, schema=TASKS_SCHEMA), path)
    con = duckdb.connect()
    got = con.execute("SELECT section, bullet FROM read_parquet(?) WHERE list_contains(lead, 'Sở Tư pháp') "
                      "AND due <= '2026-06-30' ORDER BY section", [str(path)]).fetchall()
    assert got == [("III/2/a", None)]
    n = con.execute("SELECT count(*) FROM read_parquet(?) WHERE list_contains(coordinate, 'Sở Tài chính')",
                    [str(path)]).fetchone()[0]
    assert n == 1


def test_an_unreadable_file_has_no_tasks():
    assert task_rows(error_record("x.pdf", None, "encrypted", "the PDF is encrypted")) == []


@pytest.mark.parametrize("value, day", [("2026-05-30", "2026-05-30"), ("2026-02", "2026-02-28"),
                                        ("2024-02", "2024-02-29"), ("2026-Q3", "2026-09-30"),
                                        ("2026-H1", "2026-06-30"), ("2030", "2030-12-31"),
                                        ("yearly", None), ("2021/2025", None)])
def test_last_day_of_a_deadline(value, day):
    assert last_day(value) == day


def test_a_file_that_repeats_its_section_paths_gives_each_section_its_own_children():
    # one file holding several documents numbered alike (a plan attached after its decision, copies bound together):
    # every `I/1` belongs to the `I` above it, not to every `I` of the file; read by path, each `I` took all of them
    # and the rows multiplied with every level (a file of 200 copies ran the store out of memory)
    part = "I. NHIỆM VỤ\n1. Sở Nội vụ chủ trì tổng hợp.\na) Sở Tư pháp rà soát văn bản.\n"
    copies, text, sections, bodies = 30, "Kế hoạch như sau:\n", [], []
    for _ in range(copies):
        at = len(text)
        text += part
        one, a = at + part.index("1."), at + part.index("a)")
        sections += [{"path": "I", "label": "I", "heading": "NHIỆM VỤ", "level": 1, "start": at, "end": len(text)},
                     {"path": "I/1", "label": "1", "heading": None, "level": 2, "start": one, "end": len(text)},
                     {"path": "I/1/a", "label": "a", "heading": None, "level": 3, "start": a, "end": len(text)}]
        bodies += [{"name": "Sở Nội vụ", "role": "lead", "start": one + 3, "end": one + 12},
                   {"name": "Sở Tư pháp", "role": "lead", "start": a + 3, "end": a + 13}]
    rows = task_rows({"status": "ok", "text": text, "sections": sections, "bodies": bodies, "dates": [], "targets": []})
    # (`1. Sở Nội vụ …` has an item under it: its row is the item's, which the lead of each `a)` gives)
    assert len(rows) == copies, len(rows)
    assert {(r["section"], tuple(r["lead"])) for r in rows} == {("I/1/a", ("Sở Tư pháp",))}
