"""A record whose text holds characters XML cannot (a .doc's vertical tab, stray controls) still
gets its dataset written: GraphML gets spaces there, the tables keep the text as read."""
from __future__ import annotations

import networkx as nx
import pyarrow.parquet as pq

from pipeline.run.process import process_text
from pipeline.store.dataset import write_dataset


def test_control_characters_do_not_stop_the_dataset(tmp_path):
    text = ("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 7/QĐ-UBND\nLào Cai, ngày 3 tháng 4 năm 2005\nQUYẾT ĐỊNH\n"
            "Về việc ban hành\x0bQuy chế\x01 làm việc\nCăn cứ Quyết định số 12/QĐ-UBND ngày 2/3/2004 của UBND tỉnh;\n")
    rec = process_text("legacy/qd-7.doc", text)
    assert "\x01" in rec["metadata"]["title"]   # normalize makes the vertical tab a line break
    counts = write_dataset(iter([rec]), tmp_path)
    assert counts["documents"] == 1
    graph = nx.read_graphml(tmp_path / "citations.graphml")
    assert graph.number_of_nodes() >= 1
    titles = [a.get("title") for _, a in graph.nodes(data=True) if a.get("kind") == "document"]
    assert titles == ["ban hành Quy chế  làm việc"]
    assert "\x01" in pq.read_table(tmp_path / "documents.parquet").column("title")[0].as_py()


def _networkx_graphml(g: nx.MultiDiGraph, folder) -> bytes:
    """What write_graphml wrote through networkx before it wrote the file itself."""
    from pipeline.store.graph_files import _write_graphml_nx

    _write_graphml_nx(g, folder)
    return (folder / "citations.graphml").read_bytes()


def test_graphml_written_directly_is_what_networkx_writes(tmp_path):
    from pipeline.store.graph_files import write_graphml

    g = nx.MultiDiGraph()
    g.add_node("doc:a & b <c>.docx", kind="document", title='Về "Quy chế"\tlàm việc\r\nmới > cũ', year=2024,
               issuer=None, score=0.5, checked=True, empty="")
    g.add_node("ref:1/QĐ-UBND@2004", kind="reference", label="1/QĐ-UBND")
    g.add_node("ref:bare")
    g.add_edge("doc:a & b <c>.docx", "ref:1/QĐ-UBND@2004", relation="implements", start=3, end=9, text="số 1\x0b")
    g.add_edge("doc:a & b <c>.docx", "ref:1/QĐ-UBND@2004", relation="mentions", start=12, end=None)
    g.add_edge("doc:a & b <c>.docx", "ref:bare", key="named")
    g.add_edge("ref:bare", "doc:a & b <c>.docx", relation="cites\x01")
    want = _networkx_graphml(g, tmp_path)
    write_graphml(g, tmp_path)
    assert (tmp_path / "citations.graphml").read_bytes() == want
