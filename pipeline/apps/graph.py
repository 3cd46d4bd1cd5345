"""`vanban graph`, `vanban cites`, `vanban cited-by`: the citation graph as files and queries.

Every `vanban run` writes the graph with the dataset (`store/graph_files`), so the DuckDB file and
the graph files always agree; `vanban graph OUT` rebuilds it from `documents.jsonl` (a run made by
an older vanban) and prints its size. `cites`/`cited-by` read the `cites` view of the DuckDB file.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import click
import networkx as nx

from pipeline.resolve.graph import build_graph, ident_key
from pipeline.store.dataset import atomic_path, read_jsonl
from pipeline.store.graph_files import GRAPH_TABLES, write_graph_files
from pipeline.text.fold import fold


class NotARun(click.ClickException):
    """A folder that holds no run: one line, exit code 2."""

    exit_code = 2


def check_run(out: Path) -> Path:
    out = Path(out)
    if not (out / "documents.jsonl").is_file() or not (out / "vanban.duckdb").is_file():
        raise NotARun(f"{out} is not the output of a run (no documents.jsonl and vanban.duckdb): "
                      f"run `vanban run INPUT... --out {out}` first")
    return out


def write_graph(out: Path) -> nx.MultiDiGraph:
    """Build the graph from OUT/documents.jsonl; write Parquet, GraphML and DuckDB tables beside it."""
    out = Path(out)
    g = build_graph({k: r.get(k) for k in ("source", "status", "metadata", "references")}
                    for r in read_jsonl(out / "documents.jsonl"))
    staging = out / f".graph-{os.getpid()}"
    staging.mkdir(exist_ok=True)
    try:
        write_graph_files(g, staging)
        for f in staging.iterdir():
            os.replace(f, out / f.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    db = out / "vanban.duckdb"
    if db.exists():
        _add_tables(db, out)
    return g


def _add_tables(db: Path, out: Path) -> None:
    """Add the graph tables (and the views on them) to a copy of the database, then move the copy over it."""
    import duckdb

    from pipeline.store import dictionary

    with atomic_path(db) as tmp:
        shutil.copyfile(db, tmp)
        con = duckdb.connect(str(tmp))
        try:
            for name in GRAPH_TABLES:   # constant names
                con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM read_parquet(?)",
                            [str(out / f"{name}.parquet")])
            dictionary.apply(con)
        finally:
            con.close()
    wal = Path(str(db) + ".wal")
    if wal.exists():
        os.unlink(wal)


def match_key(text: str | None) -> str:
    """An identifier as a person types it: case, spaces, `Đ`/`D` and tone marks do not matter."""
    return fold(ident_key(text) or "")


def match_nodes(con, name: str) -> list[str]:
    """Nodes named by an identifier (any case, `Đ` or `D`), a source path, or a file name."""
    key = match_key(name)
    wanted = name.strip().replace("\\", "/")
    found = []
    for node, identifier, source in con.execute("SELECT node_id, identifier, source FROM graph_nodes").fetchall():
        if (key and match_key(identifier) == key) or node == wanted or (source and (
                source == wanted or source.endswith("/" + wanted))):
            found.append(node)
    return found


def query(out: Path, ident: str, direction: str) -> list[tuple] | None:
    """Documents cited by (`cites`) or citing (`cited-by`) the one named, from the DuckDB file's `cites` view:
    rows (doc_type, identifier, year, issuer, source, relation, date, title); None when nothing is named so."""
    import duckdb

    con = duckdb.connect(str(check_run(out) / "vanban.duckdb"), read_only=True)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if not {"graph_nodes", "graph_edges"} <= tables:
            raise NotARun(f"{out} has no citation graph (a run made by an older vanban): "
                          f"run `vanban graph {out}` or the same `vanban run` again")
        nodes = match_nodes(con, ident)
        if not nodes:
            return None
        if direction == "cites":
            sql = ("SELECT c.cited_doc_type, c.cited_identifier, c.cited_year, c.cited_issuer, c.cited_source, "
                   "c.relation, d.issued_date, c.cited_title FROM cites c "
                   "LEFT JOIN documents d ON d.doc_id = c.cited_doc_id "
                   "WHERE c.citing_source IN (SELECT source FROM graph_nodes WHERE node_id IN ({}))")
        else:
            sql = ("SELECT citing_doc_type, citing_identifier, year(citing_date), NULL, citing_source, relation, "
                   "citing_date, citing_title FROM cites WHERE cited_node IN ({})")
        rows = con.execute(sql.format(",".join("?" for _ in nodes)), nodes).fetchall()
        return sorted(set(rows), key=lambda r: (r[2] is None, r[2] or 0, r[1] or "", r[4] or ""))
    finally:
        con.close()


def _print_rows(rows: list[tuple] | None, ident: str, direction: str) -> None:
    if rows is None:
        raise click.ClickException(f"unknown: no document of the run and no cited document matches {ident!r}")
    if not rows:
        click.echo(f"not cited: no document of the run cites {ident}" if direction == "cited-by"
                   else f"{ident} cites no document")
        return
    for doc_type, identifier, year, _issuer, source, relation, date, title in rows:
        when = date.isoformat() if date else (str(year) if year else "date unknown")
        where = source or "not in the run"
        click.echo(f"{relation:<10} {doc_type or 'type unknown'} {identifier or '(no number)'} ({when}) "
                   f"{title or ''}  [{where}]".rstrip())


def register(main: click.Group) -> None:
    @main.command()
    @click.argument("out", type=click.Path(exists=True, file_okay=False))
    def graph(out):
        """Rebuild and describe the citation graph of a run (every `vanban run` already writes it):
        graph_nodes/graph_edges (Parquet, DuckDB) and citations.graphml."""
        g = write_graph(check_run(Path(out)))
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
        """Documents that IDENT cites (IDENT: an identifier such as 4088/KH-UBND in any case, Đ or D;
        a source path; or a file name)."""
        _print_rows(query(Path(out), ident, "cites"), ident, "cites")

    @main.command("cited-by")
    @click.argument("ident")
    @click.option("--out", default="out", show_default=True, type=click.Path(exists=True, file_okay=False))
    def cited_by(ident, out):
        """Documents of the run that cite IDENT (an identifier, a source path or a file name)."""
        _print_rows(query(Path(out), ident, "cited-by"), ident, "cited-by")
