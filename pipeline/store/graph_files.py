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
    """`citations.graphml` in `folder` (for Gephi, yEd, Cytoscape: attributes that are not None).

    Written here as text, byte for byte what `nx.write_graphml` (its lxml writer, pretty-printed)
    writes for the graph copied with `xml_text` values: that builds an lxml element per node, edge and
    value, most of the end of a run once the tables are written (45 ms on the dev corpus alone, more
    beside DuckDB's thread; this a third of it). Characters XML cannot hold are replaced once in the
    whole file (the markup has none). A node name that is not a string or holds such a character (two
    names could then become one), or a value of a type GraphML has no plain name for, hands the graph
    to networkx as before."""
    if any(not isinstance(n, str) or _NOT_XML.search(n) for n in g):
        return _write_graphml_nx(g, folder)
    keys: dict[tuple[str, str, str], str] = {}   # (name, GraphML type, scope) -> d0, d1, … in first-seen order
    for scope, items in (("node", g.nodes.values()), ("edge", (a for *_, a in g.edges(data=True)))):
        for attrs in items:
            for k, v in attrs.items():
                if v is None:
                    continue
                kind = _GRAPHML_TYPES.get(type(v))
                if kind is None:
                    return _write_graphml_nx(g, folder)
                keys.setdefault((str(k), kind, scope), f"d{len(keys)}")
    out = ["<?xml version='1.0' encoding='utf-8'?>\n", _GRAPHML_OPEN]
    for (name, kind, scope), kid in reversed(keys.items()):   # networkx puts each new key first
        out.append(f'<key id="{kid}" for="{scope}" attr.name="{_attr(name)}" attr.type="{kind}"/>\n')
    out.append('<graph edgedefault="directed">')
    for n, attrs in g.nodes(data=True):
        out.append(f'<node id="{_attr(n)}"')
        _data(out, attrs, keys, "node")
    last, key = None, 0
    for u, v, attrs in g.edges(data=True):
        key = key + 1 if (u, v) == last else 0   # the copy's keys: 0, 1, … per pair, as add_edge gives them
        last = (u, v)
        out.append(f'<edge source="{_attr(u)}" target="{_attr(v)}" id="{key}"')
        _data(out, attrs, keys, "edge")
    out.append("</graph></graphml>")
    (Path(folder) / "citations.graphml").write_bytes(xml_text("".join(out)).encode("utf-8"))


_GRAPHML_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}   # networkx's names
_GRAPHML_OPEN = ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                 'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
                 'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">')
def _attr(value: str) -> str:
    """An attribute value as lxml escapes it (tabs and line breaks too). str.replace rather than
    str.translate: four scans that find nothing cost less than one translation of non-ASCII text."""
    return (_text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;"))


def _text(value: str) -> str:
    """Element text as lxml escapes it (tabs and line feeds kept)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _data(out: list[str], attrs: dict, keys: dict, scope: str) -> None:
    """The rest of a node's or edge's element (its values that are not None), as lxml pretty-prints it."""
    lines = [f'  <data key="{keys[(str(k), _GRAPHML_TYPES[type(v)], scope)]}">{_text(str(v))}</data>\n'
             for k, v in attrs.items() if v is not None]
    if not lines:
        out.append("/>\n")
        return
    out.append(">\n")
    out.extend(lines)
    out.append(f"</{scope}>\n")


def _write_graphml_nx(g: nx.MultiDiGraph, folder: Path) -> None:
    plain = nx.MultiDiGraph()
    for n, a in g.nodes(data=True):
        plain.add_node(xml_text(n), **{k: xml_text(v) for k, v in a.items() if v is not None})
    for u, v, a in g.edges(data=True):
        plain.add_edge(xml_text(u), xml_text(v), **{k: xml_text(val) for k, val in a.items() if val is not None})
    nx.write_graphml(plain, str(Path(folder) / "citations.graphml"))
