"""The notebook runs top to bottom on a real run of corpus/, so it cannot rot."""
import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from pipeline.run.process import process_file
from pipeline.store.dataset import write_dataset

ROOT = Path(__file__).resolve().parent.parent


def test_citation_graph_notebook_executes(tmp_path, monkeypatch):
    files = sorted(p for p in (ROOT / "corpus").rglob("*") if p.is_file() and p.suffix in {".txt", ".docx", ".pdf"})
    assert files, "corpus/ holds documents"
    out = tmp_path / "out"
    write_dataset((process_file(p, p.relative_to(ROOT).as_posix()) for p in files), out)
    monkeypatch.setenv("VANBAN_OUT", str(out))
    monkeypatch.setenv("PYTHONPATH", str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    nb = nbformat.read(ROOT / "notebooks" / "citation_graph.ipynb", as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    png = out / "citation_graph.png"
    assert png.exists() and png.stat().st_size > 5000
    printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert f"{len(files)} documents" in printed
