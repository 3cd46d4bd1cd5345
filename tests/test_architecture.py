"""The shape of the `pipeline` package: no import cycle, no module over 500 lines, no private name
used across modules. Read from the source with `ast`, so nothing is imported.

An import anywhere in a module counts, a lazy one inside a function too: it still ties the two
modules together. Importing a package (`from pipeline.extract import bodies`) points at the
package's `__init__`; `pipeline/__init__.py` itself is the public face and may import any stage,
but nothing inside the package imports it back.
"""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"
MAX_LINES = 500


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _is_package(name: str) -> bool:
    return MODULES.get(name, Path()).name == "__init__.py"


def _imports(name: str, path: Path):
    """(imported module, names imported from it, line) for every import of a pipeline module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if _is_package(name) else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in MODULES:
                    yield alias.name, [], node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            if not mod.startswith("pipeline"):
                continue
            names = []
            for alias in node.names:
                if f"{mod}.{alias.name}" in MODULES:   # a module imported from its package
                    yield f"{mod}.{alias.name}", [], node.lineno
                else:
                    names.append(alias.name)
            if names and mod in MODULES:
                yield mod, names, node.lineno


def import_graph() -> nx.DiGraph:
    g = nx.DiGraph()
    g.add_nodes_from(MODULES)
    for name, path in MODULES.items():
        for target, _, _ in _imports(name, path):
            if target != name:
                g.add_edge(name, target)
    return g


def test_no_import_cycle():
    g = import_graph()
    inner = g.subgraph(n for n in g if n != "pipeline")
    cycles = list(nx.simple_cycles(inner))
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c + [c[0]]) for c in cycles[:5])
    back = [n for n in g.predecessors("pipeline")]
    assert not back, f"modules importing the `pipeline` facade back: {back}"


def test_no_module_over_500_lines():
    long = {name: n for name, path in MODULES.items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines: {long}"


def test_no_private_name_across_modules():
    found = []
    for name, path in MODULES.items():
        for target, names, line in _imports(name, path):
            for n in names:
                if n.startswith("_") and not n.startswith("__"):
                    found.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {target}.{n}")
        # `module._name` on a module imported from the package
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pipeline") or \
                    isinstance(node, ast.ImportFrom) and node.level:
                aliases.update(a.asname or a.name for a in node.names)
            elif isinstance(node, ast.Import):
                aliases.update(a.asname or a.name.split(".")[0] for a in node.names if a.name.startswith("pipeline"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases \
                    and node.attr.startswith("_") and not node.attr.startswith("__"):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} uses {node.value.id}.{node.attr}")
    assert not found, "private names used across modules:\n" + "\n".join(found)


def test_graph_sees_the_stages():
    """The checks above read real imports: the CLI reaches the run, the run reaches every stage."""
    g = import_graph()
    reach = nx.descendants(g, "pipeline.apps.cli")
    for stage in ("pipeline.run.process", "pipeline.read.ingest", "pipeline.parse.structure",
                  "pipeline.extract.bodies.find", "pipeline.store.dataset"):
        assert stage in reach
