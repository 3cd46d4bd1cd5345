"""The citation graph `resolve/graph` builds, written with the dataset: Parquet tables and GraphML.

Written by every `vanban run` into the same staging folder as the other tables, so the DuckDB file,
`graph_*.parquet` and `citations.graphml` always describe the same records.
"""
from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.resolve.graph import edge_rows, node_rows
from pipeline.store.tables import pandas_meta, doc_id

NODE_SCHEMA = pandas_meta(pa.schema([
    ("node_id", pa.string()), ("doc_id", pa.int64()), ("kind", pa.string()), ("doc_type", pa.string()),
    ("identifier", pa.string()), ("year", pa.int64()), ("issuer", pa.string()), ("title", pa.string()),
    ("source", pa.string()), ("label", pa.string()), ("in_degree", pa.int64()), ("out_degree", pa.int64())]))
EDGE_SCHEMA = pandas_meta(pa.schema([
    ("source_node", pa.string()), ("target_node", pa.string()), ("relation", pa.string()),
    ("doc_id", pa.int64()), ("source", pa.string()), ("text", pa.string()), ("start", pa.int64()),
    ("end_offset", pa.int64())]))
GRAPH_TABLES = ("graph_nodes", "graph_edges")


def graph_tables(g: nx.MultiDiGraph) -> dict[str, pa.Table]:
    nodes = [{**r, "doc_id": doc_id(r["source"]) if r.get("source") else None} for r in node_rows(g)]
    edges = [{**{k: v for k, v in r.items() if k != "end"}, "end_offset": r.get("end"),
              "doc_id": doc_id(r["source"]) if r.get("source") else None} for r in edge_rows(g)]
    return {"graph_nodes": pa.Table.from_pylist(nodes, schema=NODE_SCHEMA),
            "graph_edges": pa.Table.from_pylist(edges, schema=EDGE_SCHEMA)}


def write_graph_files(g: nx.MultiDiGraph, folder: Path) -> None:
    """`graph_nodes.parquet`, `graph_edges.parquet` and `citations.graphml` in `folder`."""
    write_graph_tables(g, folder)
    write_graphml(g, folder)


def write_graph_tables(g: nx.MultiDiGraph, folder: Path) -> None:
    """`graph_nodes.parquet` and `graph_edges.parquet` in `folder` (what DuckDB loads)."""
    for name, table in graph_tables(g).items():
        pq.write_table(table, str(Path(folder) / f"{name}.parquet"), compression="zstd")


# characters XML 1.0 cannot hold (C0 controls but tab and line breaks, lone surrogates, U+FFFE/F)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value):
    """A value GraphML can hold: in a string, each character XML cannot hold becomes a space (a .doc's
    vertical tab is Word's line break); anything else unchanged. The Parquet and DuckDB tables keep
    the text as read; only the GraphML file, which would otherwise not be written at all, changes."""
    return _NOT_XML.sub(" ", value) if isinstance(value, str) else value


def write_graphml(g: nx.MultiDiGraph, folder: Path) -> None:
    """`citations.graphml` in `folder` (for Gephi, yEd, Cytoscape: attributes that are not None)."""
    plain = nx.MultiDiGraph()
    for n, a in g.nodes(data=True):
        plain.add_node(xml_text(n), **{k: xml_text(v) for k, v in a.items() if v is not None})
    for u, v, a in g.edges(data=True):
        plain.add_edge(xml_text(u), xml_text(v), **{k: xml_text(val) for k, val in a.items() if val is not None})
    nx.write_graphml(plain, str(Path(folder) / "citations.graphml"))
