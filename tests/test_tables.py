"""The run's tables for SQL and dataframe users: typed columns, names without quoting, a data dictionary,
and the analyst's three questions answered in plain SQL (the README shows the same queries)."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipeline.run.process import error_record, process_text
from pipeline.store import dictionary
from pipeline.store.dataset import write_dataset
from pipeline.store.tables import SCHEMAS, date_range, doc_id

ROOT = Path(__file__).resolve().parent.parent

PLAN = """ỦY BAN NHÂN DÂN
TỈNH LÂM ĐỒNG
Số: 4088/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lâm Đồng, ngày 28 tháng 10 năm 2025
KẾ HOẠCH
Chuyển đổi số năm 2026
Căn cứ Quyết định số 1074/QĐ-BXD ngày 05/3/2024 của Bộ Xây dựng;
I. NHIỆM VỤ
1. Sở Nội vụ chủ trì, phối hợp Sở Tư pháp tổng kết, báo cáo kết quả trước ngày 30/6/2026.
2. Sở Tài chính chủ trì bố trí kinh phí, hoàn thành trong quý III/2026.
Nơi nhận:
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Lê Tuấn Phong
"""
DECISION = PLAN.replace("4088/KH-UBND", "15/KH-UBND").replace(
    "Căn cứ Quyết định số 1074/QĐ-BXD ngày 05/3/2024 của Bộ Xây dựng;",
    "Căn cứ Kế hoạch số 4088/KH-UBND ngày 28/10/2025 của Ủy ban nhân dân tỉnh;\n"
    "Căn cứ Quyết định số 1074/QĐ-BXD ngày 05/3/2024 của Bộ Xây dựng;")

# the README's queries ("Querying the tables"), run as written: no quotes around names, no casts
WHO_CITES = "SELECT citing_identifier, citing_title FROM cites WHERE cited_identifier = '1074/QĐ-BXD'"
TASKS_2026 = ("SELECT body, count(*) AS n FROM task_bodies WHERE role = 'lead' AND year(due) = 2026 "
              "GROUP BY body ORDER BY n DESC, body")
MOST_CITED = ("SELECT identifier, title, in_degree FROM graph_nodes WHERE in_degree > 0 "
              "ORDER BY in_degree DESC, identifier LIMIT 10")


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("tables")
    recs = [process_text("in/kh-4088.txt", PLAN), process_text("in/kh-15.txt", DECISION),
            error_record("in/broken.pdf", "0" * 64, "corrupt_pdf", "not a PDF")]
    write_dataset(iter(recs), out)
    return out


def test_names_need_no_quoting():
    reserved = {"references", "end", "order", "group", "user", "table", "from", "to", "select", "limit"}
    for table, schema in SCHEMAS.items():
        assert table not in reserved and re.fullmatch(r"[a-z_]+", table)
        assert not reserved & set(schema.names), (table, reserved & set(schema.names))


def test_typed_columns_in_duckdb(out):
    con = duckdb.connect(str(out / "vanban.duckdb"), read_only=True)
    types = {(t, c): ty for t, c, ty in con.execute(
        "SELECT table_name, column_name, data_type FROM duckdb_columns()").fetchall()}
    assert types[("documents", "issued_date")] == types[("citations", "date")] == types[("tasks", "due")] == "DATE"
    assert types[("dates", "date_from")] == types[("dates", "date_to")] == "DATE"
    assert types[("dates", "value")] == "VARCHAR"
    assert types[("documents", "year")] == types[("documents", "pages")] == types[("documents", "doc_id")] == "BIGINT"
    assert types[("tasks", "lead")] == "VARCHAR[]"
    row = con.execute("SELECT issued_date, year FROM documents WHERE source = 'in/kh-4088.txt'").fetchone()
    assert row == (dt.date(2025, 10, 28), 2025)
    q3 = con.execute("SELECT date_from, date_to FROM dates WHERE value = '2026-Q3'").fetchone()
    assert q3 == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    con.close()


def test_typed_columns_in_pandas(out):
    docs = pd.read_parquet(out / "documents.parquet")
    assert str(docs["year"].dtype) == str(docs["pages"].dtype) == str(docs["doc_id"].dtype) == "Int64"
    assert docs.set_index("source").loc["in/broken.pdf", "year"] is pd.NA   # NULL stays NULL, not NaN
    assert isinstance(docs.set_index("source").loc["in/kh-4088.txt", "issued_date"], dt.date)
    tasks = pd.read_parquet(out / "tasks.parquet")
    assert all(isinstance(v, (list, type(tasks["lead"].iloc[0]))) for v in tasks["lead"])
    assert list(tasks["lead"].iloc[0]) == ["Sở Nội vụ"]
    con = duckdb.connect(str(out / "vanban.duckdb"), read_only=True)
    frame = con.sql("SELECT year, pages, issued_date FROM documents").df()
    con.close()
    assert str(frame["year"].dtype) in ("Int64", "int64", "float64")   # DuckDB's own conversion
    assert frame["issued_date"].notna().sum() == 2


def test_doc_id_is_stable_and_joins_every_table(out, tmp_path):
    again = tmp_path / "again"
    write_dataset(iter([process_text("in/kh-15.txt", DECISION), process_text("in/kh-4088.txt", PLAN)]), again)
    ids = lambda o: dict(pd.read_parquet(o / "documents.parquet")[["source", "doc_id"]].values)  # noqa: E731
    assert ids(again)["in/kh-4088.txt"] == ids(out)["in/kh-4088.txt"] == doc_id("in/kh-4088.txt")
    con = duckdb.connect(str(out / "vanban.duckdb"), read_only=True)
    orphans = con.execute("SELECT count(*) FROM citations c LEFT JOIN documents d USING (doc_id) "
                          "WHERE d.source IS NULL OR d.source <> c.source").fetchone()[0]
    con.close()
    assert orphans == 0


def test_date_ranges():
    assert date_range("2026-06-30") == (dt.date(2026, 6, 30), dt.date(2026, 6, 30))
    assert date_range("2026-02") == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert date_range("2026-H2") == (dt.date(2026, 7, 1), dt.date(2026, 12, 31))
    assert date_range("2021/2025") == (dt.date(2021, 1, 1), dt.date(2025, 12, 31))
    assert date_range("monthly") == (None, None)


def test_the_analysts_queries_run_without_quoting_or_casting(out):
    con = duckdb.connect(str(out / "vanban.duckdb"), read_only=True)
    try:
        who = con.execute(WHO_CITES).fetchall()
        assert sorted(who) == [("15/KH-UBND", "Chuyển đổi số năm 2026"), ("4088/KH-UBND", "Chuyển đổi số năm 2026")]
        tasks = dict(con.execute(TASKS_2026).fetchall())
        assert tasks == {"Sở Nội vụ": 2, "Sở Tài chính": 2}
        most = con.execute(MOST_CITED).fetchall()
        assert most[0][0] == "1074/QĐ-BXD" and most[0][2] == 2
    finally:
        con.close()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for sql in (WHO_CITES, TASKS_2026, MOST_CITED):
        assert sql in " ".join(readme.split()), sql


def test_data_dictionary_as_comments_and_in_the_readme(out):
    con = duckdb.connect(str(out / "vanban.duckdb"), read_only=True)
    cols = con.execute("SELECT table_name, column_name, comment FROM duckdb_columns() "
                       "WHERE table_name IN (SELECT table_name FROM duckdb_tables())").fetchall()
    tables = dict(con.execute("SELECT table_name, comment FROM duckdb_tables()").fetchall())
    views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    con.close()
    assert not [(t, c) for t, c, comment in cols if not comment], "columns without a COMMENT"
    assert all(tables.values()) and set(tables) == set(dictionary.TABLES)
    assert set(dictionary.VIEWS) <= views
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert dictionary.markdown() in readme, "README's data dictionary is stale: python -m pipeline.store.dictionary"
