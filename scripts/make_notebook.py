"""Write notebooks/citation_graph.ipynb (kept in the repository; the tests execute it)."""
import nbformat as nbf

cells = [
    nbf.v4.new_markdown_cell(
        "# The citation graph of a vanban run\n\n"
        "Loads a run's dataset (`VANBAN_OUT`, default `out/`: run `make run` first) with pandas and "
        "DuckDB, builds the citation graph and draws it. Documents of the corpus are blue; documents "
        "cited but not in the corpus are grey."),
    nbf.v4.new_code_cell(
        "import os\nfrom pathlib import Path\n\nimport duckdb\nimport matplotlib\nmatplotlib.use('Agg')\n"
        "import matplotlib.pyplot as plt\nimport networkx as nx\nimport pandas as pd\n\n"
        "from pipeline.apps.graph import write_graph\n\n"
        "OUT = Path(os.environ.get('VANBAN_OUT', 'out'))\n"
        "documents = pd.read_parquet(OUT / 'documents.parquet')\n"
        "citations = pd.read_parquet(OUT / 'citations.parquet')\n"
        "print(len(documents), 'documents,', len(citations), 'citations')\n"
        "documents[['source', 'doc_type', 'identifier', 'issued_date', 'issuer']].head()"),
    nbf.v4.new_code_cell(
        "g = write_graph(OUT)\n"
        "con = duckdb.connect(str(OUT / 'vanban.duckdb'), read_only=True)\n"
        "most_cited = con.execute('''SELECT n.doc_type, n.identifier, n.issuer, count(*) AS citations\n"
        "    FROM graph_edges e JOIN graph_nodes n ON n.node_id = e.target_node\n"
        "    GROUP BY ALL ORDER BY citations DESC, n.identifier LIMIT 10''').df()\n"
        "con.close()\nmost_cited"),
    nbf.v4.new_code_cell(
        "simple = nx.DiGraph(g)\n"
        "colors = ['tab:blue' if simple.nodes[n]['kind'] == 'document' else 'lightgrey' for n in simple]\n"
        "fig, ax = plt.subplots(figsize=(10, 8))\n"
        "pos = nx.spring_layout(simple, seed=1, k=0.6)\n"
        "nx.draw_networkx(simple, pos, ax=ax, node_color=colors, node_size=60, with_labels=False, arrowsize=6, width=0.4)\n"
        "labels = {n: a['label'] for n, a in simple.nodes(data=True) if simple.in_degree(n) > 1}\n"
        "nx.draw_networkx_labels(simple, pos, labels, font_size=7, ax=ax)\n"
        "ax.set_axis_off()\nfig.savefig(OUT / 'citation_graph.png', dpi=100, bbox_inches='tight')\n"
        "print(simple.number_of_nodes(), 'nodes,', simple.number_of_edges(), 'edges')"),
]
nb = nbf.v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                "language": "python"}})
nbf.write(nb, "notebooks/citation_graph.ipynb")
