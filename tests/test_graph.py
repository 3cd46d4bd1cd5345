"""The citation graph: resolution inside the corpus, files written, cites / cited-by queries."""
import duckdb
import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

from pipeline.apps.cli import main
from pipeline.apps.graph import query, write_graph
from pipeline.run.process import process_file
from pipeline.store.dataset import write_dataset


def doc(number: str, date: tuple[int, int, int], body: str, issuer=("ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG")) -> str:
    d, m, y = date
    return (f"{issuer[0]}\n{issuer[1]}\nSố: {number}\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            f"Độc lập - Tự do - Hạnh phúc\nLâm Đồng, ngày {d:02d} tháng {m:02d} năm {y}\n"
            f"KẾ HOẠCH\nVề việc thực hiện nhiệm vụ\n{body}\n")


@pytest.fixture()
def run_out(tmp_path):
    src = tmp_path / "archive"
    src.mkdir()
    (src / "a.txt").write_text(doc("4088/KH-UBND", (28, 10, 2021), "Triển khai nhiệm vụ năm 2021."), "utf-8")
    # the same number again, another year: only the date tells them apart
    (src / "a_old.txt").write_text(doc("4088/KH-UBND", (3, 2, 2019), "Nhiệm vụ năm 2019."), "utf-8")
    (src / "b.txt").write_text(doc("12/KH-UBND", (5, 1, 2022),
        "Căn cứ Kế hoạch số 4088/KH-UBND ngày 28/10/2021 của UBND tỉnh;\n"
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;"), "utf-8")
    (src / "c.txt").write_text(doc("13/KH-UBND", (6, 1, 2022),
        "Thực hiện Kế hoạch số 12/KH-UBND ngày 05/01/2022 và Nghị định số 30/2020/NĐ-CP."), "utf-8")
    out = tmp_path / "out"
    records = (process_file(p, f"archive/{p.name}") for p in sorted(src.iterdir()))
    write_dataset(records, out)
    return out


def test_citations_resolve_inside_the_corpus(run_out):
    g = write_graph(run_out)
    edges = {(u, v): a["relation"] for u, v, a in g.edges(data=True)}
    assert edges[("doc:archive/b.txt", "doc:archive/a.txt")] == "basis"      # 2021, not the 2019 one
    assert edges[("doc:archive/c.txt", "doc:archive/b.txt")] == "implements"
    outside = [n for n, a in g.nodes(data=True) if a["kind"] == "cited"]
    assert outside == ["ref:30/2020/NĐ-CP@2020"]                             # one node for both citations
    assert g.in_degree("ref:30/2020/NĐ-CP@2020") == 2
    assert g.nodes["ref:30/2020/NĐ-CP@2020"]["issuer"] == "Chính phủ"


def test_graph_files_and_tables(run_out):
    write_graph(run_out)
    gml = nx.read_graphml(run_out / "citations.graphml")
    assert gml.has_edge("doc:archive/b.txt", "doc:archive/a.txt")
    con = duckdb.connect(str(run_out / "vanban.duckdb"), read_only=True)
    assert con.execute("SELECT count(*) FROM graph_edges").fetchone()[0] == 4
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 4   # the run's tables are kept
    con.close()
    assert not list(run_out.glob(".*.tmp"))


def test_cites_and_cited_by(run_out):
    write_graph(run_out)
    cited_by = query(run_out, "4088/KH-UBND", "cited-by")
    assert [row[4] for row in cited_by] == ["archive/b.txt"]
    cites = {row[1] for row in query(run_out, "archive/c.txt", "cites")}
    assert cites == {"12/KH-UBND", "30/2020/NĐ-CP"}
    assert query(run_out, "999/KH-UBND", "cites") is None          # unknown, not "cites nothing"


def test_cites_folds_case_and_d_and_takes_file_names(run_out):
    """`1074/qd-bxd` finds `1074/QĐ-BXD`: case, Đ/D and tones do not matter; a file name names its document."""
    ascii_d = {row[4] for row in query(run_out, "30/2020/nd-cp", "cited-by")}
    assert ascii_d == {"archive/b.txt", "archive/c.txt"}
    assert {row[1] for row in query(run_out, "c.txt", "cites")} == {"12/KH-UBND", "30/2020/NĐ-CP"}


def test_unknown_apart_from_not_cited_with_type_date_and_title(run_out):
    runner = CliRunner()
    res = runner.invoke(main, ["cited-by", "999/KH-UBND", "--out", str(run_out)])
    assert res.exit_code == 1 and res.output.startswith("Error: unknown") and "Traceback" not in res.output
    res = runner.invoke(main, ["cited-by", "13/KH-UBND", "--out", str(run_out)])
    assert res.exit_code == 0 and res.output.startswith("not cited"), res.output
    res = runner.invoke(main, ["cited-by", "12/kh-ubnd", "--out", str(run_out)])
    assert res.exit_code == 0, res.output
    line = res.output.strip()
    assert "Kế hoạch 13/KH-UBND (2022-01-06) thực hiện nhiệm vụ" in line and "archive/c.txt" in line


def test_every_run_writes_the_graph_and_a_rerun_keeps_files_and_tables_in_step(tmp_path):
    """No `vanban graph` needed: the run writes graph_* tables, Parquet and GraphML together, and an
    incremental re-run with one more document updates all of them."""
    src, out = tmp_path / "archive", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_text(doc("4088/KH-UBND", (28, 10, 2021), "Triển khai nhiệm vụ."), "utf-8")
    (src / "b.txt").write_text(doc("12/KH-UBND", (5, 1, 2022), "Căn cứ Kế hoạch số 4088/KH-UBND "
                                                             "ngày 28/10/2021 của UBND tỉnh;"), "utf-8")
    runner = CliRunner()

    def agree() -> int:
        con = duckdb.connect(str(out / "vanban.duckdb"), read_only=True)
        n_db = con.execute("SELECT count(*) FROM graph_edges").fetchone()[0]
        n_view = con.execute("SELECT count(*) FROM cites").fetchone()[0]
        con.close()
        gml = nx.read_graphml(out / "citations.graphml")
        assert n_db == gml.number_of_edges() == len(pd.read_parquet(out / "graph_edges.parquet")) == n_view
        return n_db

    assert runner.invoke(main, ["run", str(src), "--out", str(out), "--workers", "1", "--quiet"]).exit_code == 0
    assert agree() == 1
    (src / "c.txt").write_text(doc("13/KH-UBND", (6, 1, 2022), "Thực hiện Kế hoạch số 12/KH-UBND ngày "
                                                             "05/01/2022."), "utf-8")
    res = runner.invoke(main, ["run", str(src), "--out", str(out), "--workers", "1", "--quiet"])
    assert res.exit_code == 0 and "processed 1 " in res.output, res.output
    assert agree() == 2
    res = runner.invoke(main, ["cites", "c.txt", "--out", str(out)])
    assert res.exit_code == 0 and "12/KH-UBND" in res.output, res.output


def test_graph_commands(run_out):
    runner = CliRunner()
    res = runner.invoke(main, ["graph", str(run_out)])
    assert res.exit_code == 0, res.output
    assert "4 documents" in res.output and "1 cited documents outside" in res.output
    res = runner.invoke(main, ["cited-by", "30/2020/NĐ-CP", "--out", str(run_out)])
    assert res.exit_code == 0 and "archive/b.txt" in res.output and "archive/c.txt" in res.output
