"""`vanban graph`, `vanban cites`, `vanban cited-by`: the citation graph as files and queries."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import click
import networkx as nx
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.resolve.graph import build_graph, edge_rows, ident_key, node_rows
from pipeline.store.dataset import atomic_path, read_jsonl

NODE_SCHEMA = pa.schema([("node_id", pa.string()), ("kind", pa.string()), ("doc_type", pa.string()),
                         ("identifier", pa.string()), ("year", pa.int64()), ("issuer", pa.string()),
                         ("title", pa.string()), ("source", pa.string()), ("label", pa.string()),
                         ("in_degree", pa.int64()), ("out_degree", pa.int64())])
EDGE_SCHEMA = pa.schema([("source_node", pa.string()), ("target_node", pa.string()), ("relation", pa.string()),
                         ("source", pa.string()), ("text", pa.string()), ("start", pa.int64()), ("end", pa.int64())])


def write_graph(out: Path) -> nx.MultiDiGraph:
    """Build the graph from OUT/documents.jsonl; write Parquet, GraphML and DuckDB tables beside it."""
    out = Path(out)
    g = build_graph(read_jsonl(out / "documents.jsonl"))
    for name, rows, schema in (("graph_nodes", node_rows(g), NODE_SCHEMA), ("graph_edges", edge_rows(g), EDGE_SCHEMA)):
        with atomic_path(out / f"{name}.parquet") as tmp:
            pq.write_table(pa.Table.from_pylist(rows, schema=schema), str(tmp))
    with atomic_path(out / "citations.graphml") as tmp:
        plain = nx.MultiDiGraph()
        for n, a in g.nodes(data=True):
            plain.add_node(n, **{k: v for k, v in a.items() if v is not None})
        for u, v, a in g.edges(data=True):
            plain.add_edge(u, v, **{k: val for k, val in a.items() if val is not None})
        nx.write_graphml(plain, str(tmp))
    db = out / "vanban.duckdb"
    if db.exists():
        _add_tables(db, out)
    return g


def _add_tables(db: Path, out: Path) -> None:
    """Add the graph tables to a copy of the database, then move the copy over it."""
    import duckdb

    with atomic_path(db) as tmp:
        shutil.copyfile(db, tmp)
        con = duckdb.connect(str(tmp))
        try:
            for name in ("graph_nodes", "graph_edges"):
                con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM read_parquet(?)",
                            [str(out / f"{name}.parquet")])
        finally:
            con.close()
    wal = Path(str(db) + ".wal")
    if wal.exists():
        os.unlink(wal)


def _match_nodes(con, ident: str) -> list[str]:
    """Nodes named by an identifier (any spelling) or by a source path."""
    key = ident_key(ident)
    rows = con.execute("SELECT node_id, identifier, source FROM graph_nodes").fetchall()
    return [n for n, i, s in rows if (key and ident_key(i) == key) or s == ident or n == ident]


def query(out: Path, ident: str, direction: str) -> list[tuple]:
    """Documents cited by (`cites`) or citing (`cited-by`) the one named; read from the DuckDB file."""
    import duckdb

    con = duckdb.connect(str(Path(out) / "vanban.duckdb"), read_only=True)
    try:
        nodes = _match_nodes(con, ident)
        if not nodes:
            return []
        here, there = ("source_node", "target_node") if direction == "cites" else ("target_node", "source_node")
        placeholders = ",".join("?" for _ in nodes)
        return con.execute(
            f"SELECT DISTINCT n.doc_type, n.identifier, n.year, n.issuer, n.source, e.relation "
            f"FROM graph_edges e JOIN graph_nodes n ON n.node_id = e.{there} "
            f"WHERE e.{here} IN ({placeholders}) ORDER BY n.year NULLS LAST, n.identifier", nodes).fetchall()
    finally:
        con.close()


def _print_rows(rows: list[tuple]) -> None:
    if not rows:
        click.echo("(none)")
    for doc_type, identifier, year, issuer, source, relation in rows:
        where = source or "not in corpus"
        click.echo(f"{relation:<10} {doc_type or '?'} {identifier or ''} ({year or '?'}) {issuer or ''}  [{where}]")


def register(main: click.Group) -> None:
    @main.command()
    @click.argument("out", type=click.Path(exists=True, file_okay=False))
    def graph(out):
        """Build the citation graph of a run: graph_nodes/graph_edges (Parquet, DuckDB) and citations.graphml."""
        g = write_graph(Path(out))
        docs = sum(1 for _, a in g.nodes(data=True) if a["kind"] == "document")
        resolved = sum(1 for u, v in g.edges() if g.nodes[v]["kind"] == "document")
        click.echo(f"citation graph: {docs} documents, {g.number_of_nodes() - docs} cited documents outside "
                   f"the corpus, {g.number_of_edges()} citations ({resolved} resolved inside the corpus)")
        click.echo(f"  {out}/graph_nodes.parquet, {out}/graph_edges.parquet, {out}/citations.graphml, "
                   f"tables graph_nodes/graph_edges in {out}/vanban.duckdb")

    @main.command()
    @click.argument("ident")
    @click.option("--out", default="out", show_default=True, type=click.Path(exists=True, file_okay=False))
    def cites(ident, out):
        """Documents that IDENT (an identifier such as 4088/KH-UBND, or a source path) cites."""
        _print_rows(query(Path(out), ident, "cites"))

    @main.command("cited-by")
    @click.argument("ident")
    @click.option("--out", default="out", show_default=True, type=click.Path(exists=True, file_okay=False))
    def cited_by(ident, out):
        """Documents of the corpus that cite IDENT."""
        _print_rows(query(Path(out), ident, "cited-by"))
