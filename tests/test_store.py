"""Stage 5, store: documents.jsonl, Parquet tables and the DuckDB file, written atomically."""
from __future__ import annotations

import json

import duckdb
import pandas as pd
import pytest

from pipeline.run.process import error_record, process_text
from pipeline.store.dataset import write_dataset

PLAN = """ỦY BAN NHÂN DÂN
TỈNH BÌNH THUẬN
Số: 4088/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Bình Thuận, ngày 26 tháng 10 năm 2021
KẾ HOẠCH
Triển khai phong trào thi đua năm 2022
Căn cứ Chỉ thị số 16/CT-UBND ngày 13/9/2021 của Ủy ban nhân dân tỉnh;
I. MỤC ĐÍCH, YÊU CẦU
1. Phấn đấu 100% cơ quan, đơn vị tham gia phong trào.
II. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ chủ trì, phối hợp Sở Tư pháp theo dõi, báo cáo kết quả trước ngày 30/11/2022.
Nơi nhận:
- Các sở, ban, ngành;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Lê Tuấn Phong
"""


def records() -> list[dict]:
    """Two read documents and one unreadable file, as the pipeline hands them to the store."""
    return [
        process_text("in/a/kh-4088.docx", PLAN, "docx", False),
        process_text("in/b/kh-copy.txt", PLAN.replace("4088", "4089"), "txt", True),
        error_record("in/b/broken.pdf", "0" * 64, "corrupt_pdf", "not a readable PDF"),
    ]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    out = tmp_path_factory.mktemp("dataset")
    recs = records()
    counts = write_dataset(iter(recs), out)
    return out, recs, counts


def leftovers(out) -> list[str]:
    """Anything a write leaves behind besides the dataset: staging folders, temporary files."""
    return sorted(p.name for p in out.rglob("*") if p.name.startswith((".staging", ".old-")) or p.suffix == ".tmp")


def test_jsonl_has_one_line_per_input_including_errors(dataset):
    out, recs, _ = dataset
    lines = (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3
    rows = [json.loads(l) for l in lines]
    assert [r["source"] for r in rows] == ["in/a/kh-4088.docx", "in/b/kh-copy.txt", "in/b/broken.pdf"]
    assert rows[2]["status"] == "error"
    assert rows[2]["error"] == {"code": "corrupt_pdf", "message": "not a readable PDF"}
    for field in ("sections", "references", "bodies", "dates", "targets"):
        assert rows[2][field] == []
    assert rows[0]["metadata"]["identifier"] == "4088/KH-UBND"
    assert "Bình Thuận" in lines[0]  # UTF-8 as is, not \\u escapes


def test_jsonl_round_trips_the_records(dataset):
    out, recs, _ = dataset
    rows = [json.loads(l) for l in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows == json.loads(json.dumps(recs, ensure_ascii=False))


def test_parquet_tables_read_with_pandas(dataset):
    out, recs, counts = dataset
    docs = pd.read_parquet(out / "documents.parquet")
    assert len(docs) == 3
    by_source = docs.set_index("source")
    assert by_source.loc["in/a/kh-4088.docx", "identifier"] == "4088/KH-UBND"
    assert by_source.loc["in/a/kh-4088.docx", "year"] == 2021
    assert by_source.loc["in/b/broken.pdf", "error_code"] == "corrupt_pdf"
    sections = pd.read_parquet(out / "sections.parquet")
    assert len(sections) == sum(len(r["sections"]) for r in recs) == counts["sections"]
    assert set(sections["path"]) >= {"I", "I/1", "II", "II/1"}
    for field, table in (("references", "citations"), ("bodies", "bodies"), ("dates", "dates"),
                         ("targets", "targets")):
        frame = pd.read_parquet(out / f"{table}.parquet")
        assert len(frame) == sum(len(r[field]) for r in recs)
        assert set(frame["source"]) <= {"in/a/kh-4088.docx", "in/b/kh-copy.txt"}


def test_duckdb_file_answers_queries(dataset):
    out, recs, _ = dataset
    con = duckdb.connect(str(out / "vanban.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 3
        assert con.execute("SELECT source, error_code FROM errors").fetchall() == [("in/b/broken.pdf", "corrupt_pdf")]
        got = con.execute("SELECT d.identifier, count(*) FROM documents d JOIN sections s USING (source) "
                          "GROUP BY d.identifier ORDER BY 1").fetchall()
        assert got == [("4088/KH-UBND", len(recs[0]["sections"])), ("4089/KH-UBND", len(recs[1]["sections"]))]
        refs = con.execute("SELECT identifier FROM citations WHERE source = 'in/a/kh-4088.docx'").fetchall()
        assert ("16/CT-UBND",) in refs
    finally:
        con.close()


def test_write_leaves_no_temporary_files(dataset):
    out, _, _ = dataset
    assert leftovers(out) == []
    assert {"documents.jsonl", "documents.parquet", "vanban.duckdb"} <= {p.name for p in out.iterdir()}


def test_failed_write_keeps_the_previous_dataset(tmp_path):
    write_dataset(iter(records()), tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}

    def broken_stream():
        yield records()[0]
        raise RuntimeError("the batch died half-way")

    with pytest.raises(RuntimeError):
        write_dataset(broken_stream(), tmp_path)
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    assert after == before
    assert leftovers(tmp_path) == []


def test_rewrite_replaces_the_dataset(tmp_path):
    write_dataset(iter(records()), tmp_path)
    write_dataset(iter(records()[:1]), tmp_path)
    assert len((tmp_path / "documents.jsonl").read_text(encoding="utf-8").splitlines()) == 1
    assert len(pd.read_parquet(tmp_path / "documents.parquet")) == 1
    con = duckdb.connect(str(tmp_path / "vanban.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    finally:
        con.close()
    assert leftovers(tmp_path) == []
