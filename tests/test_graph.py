"""The citation graph: resolution inside the corpus, files written, cites / cited-by queries."""
import duckdb
import networkx as nx
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
    assert query(run_out, "999/KH-UBND", "cites") == []


def test_graph_commands(run_out):
    runner = CliRunner()
    res = runner.invoke(main, ["graph", str(run_out)])
    assert res.exit_code == 0, res.output
    assert "4 documents" in res.output and "1 cited documents outside" in res.output
    res = runner.invoke(main, ["cited-by", "30/2020/NĐ-CP", "--out", str(run_out)])
    assert res.exit_code == 0 and "archive/b.txt" in res.output and "archive/c.txt" in res.output
