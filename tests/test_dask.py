"""`vanban run --engine dask --scheduler ADDRESS` on a real Dask cluster (a LocalCluster on loopback TCP)
gives the local engine's dataset, plus a partitioned Parquet dataset DuckDB and pandas read directly."""
from __future__ import annotations

import io
import shutil
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from pipeline.apps.cli import main
from pipeline.store.dataset import SCHEMAS

distributed = pytest.importorskip("distributed")

SEEDS = sorted((Path(__file__).resolve().parent.parent / "corpus" / "seeds").glob("*.txt"))


def build_inputs(src: Path) -> None:
    import docx

    src.mkdir()
    for i in range(3):
        text = SEEDS[i % len(SEEDS)].read_text(encoding="utf-8") + f"\nBản sao số {i}.\n"
        (src / f"doc-{i}.txt").write_text(text, encoding="utf-8")
    document = docx.Document()
    for line in ("KẾ HOẠCH", "Triển khai chuyển đổi số năm 2024",
                 "1. Sở Thông tin và Truyền thông chủ trì, báo cáo trước ngày 30/11/2024."):
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    (src / "plan.docx").write_bytes(buf.getvalue())
    (src / "empty.txt").write_bytes(b"")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """Two worker processes on loopback TCP, reading a private copy of rules/ (immune to edits meanwhile)."""
    rules = tmp_path_factory.mktemp("dask") / "rules"
    shutil.copytree(Path(__file__).resolve().parent.parent / "rules", rules)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VANBAN_RULES", str(rules))  # before the workers start: they inherit it
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                      protocol="tcp", dashboard_address=None) as c:
            yield c


def invoke(*args: str) -> str:
    result = CliRunner().invoke(main, ["run", *args, "--quiet"], catch_exceptions=False)
    assert result.exit_code == 1, result.output   # 1: empty.txt failed (README, exit codes)
    return result.output


def test_dask_engine_output_equals_local_engine(tmp_path, cluster):
    src, local, remote = tmp_path / "archive", tmp_path / "local", tmp_path / "dask"
    build_inputs(src)
    address = cluster.scheduler_address
    assert address.startswith("tcp://127.0.0.1:")
    invoke(str(src), "--out", str(local), "--workers", "2")
    output = invoke(str(src), "--out", str(remote), "--engine", "dask", "--scheduler", address, "--part-docs", "2")
    assert f"dask {address}" in output and "processed 5" in output

    assert (local / "documents.jsonl").read_bytes() == (remote / "documents.jsonl").read_bytes()
    for table in SCHEMAS:
        assert pq.read_table(local / f"{table}.parquet").equals(pq.read_table(remote / f"{table}.parquet")), table

    parts = sorted((remote / "parquet" / "documents").glob("part-*.parquet"))
    assert [p.name for p in parts] == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
    con = duckdb.connect()
    for table in SCHEMAS:
        split = con.execute(f"SELECT * FROM read_parquet('{remote}/parquet/{table}/*.parquet') "
                            "ORDER BY ALL").fetchall()
        whole = con.execute(f"SELECT * FROM read_parquet('{local}/{table}.parquet') ORDER BY ALL").fetchall()
        assert split == whole, table
    import pandas as pd

    frame = pd.read_parquet(remote / "parquet" / "documents")
    assert sorted(frame["source"]) == sorted(pq.read_table(local / "documents.parquet")["source"].to_pylist())
    assert frame.set_index("source").loc["archive/empty.txt", "error_code"] == "empty_file"

    again = invoke(str(src), "--out", str(remote), "--engine", "dask", "--scheduler", address, "--part-docs", "2")
    assert "processed 0" in again and "up to date" in again
    assert not (local / "parquet").exists()
