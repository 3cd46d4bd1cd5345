"""`vanban report OUT`: a static HTML review site for a run's output.

Reviewers check extractions by reading them in place, so every document gets a
page with its normalized text and each extracted span highlighted, next to the
section outline and the extracted tables; an index, the citation graph and the
errors complete the site. Everything (CSS, JS) ships in `report_assets/`: the
site opens from disk with no network.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import click
import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from pipeline.model import EXTRACTED, FIELDS
from pipeline.store.dataset import read_jsonl

HERE = Path(__file__).parent
ASSETS = HERE / "report_assets"
TEMPLATES = HERE / "templates"
KIND = {"references": "ref", "bodies": "body", "dates": "date", "targets": "target"}
KIND_ORDER = {"ref": 0, "body": 1, "date": 2, "target": 3, "ocr": 4}
GRAPH_MAX_WIDTH = 1600.0   # layout units; the page scales the SVG to fit and zooms


# --- naming ---------------------------------------------------------------

def page_name(source: str) -> str:
    """A file name for a document's page: readable, ASCII, unique per source."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", source).strip("-.")[-80:] or "doc"
    return f"{stem}-{hashlib.sha1(source.encode('utf-8')).hexdigest()[:8]}.html"


# --- highlighted text -------------------------------------------------------

@dataclass
class Span:
    """One highlighted stretch of the text: an extracted value or a low-confidence OCR stretch."""

    kind: str
    ident: str
    start: int
    end: int
    label: str
    title: str


def _fmt(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return "" if v is None else str(v)


def _describe(kind: str, it: dict) -> tuple[str, str]:
    """(short label shown after the span, tooltip)."""
    if kind == "ref":
        what = " ".join(p for p in (it.get("doc_type"), it.get("identifier") or it.get("title")) if p)
        extra = " · ".join(_fmt(it.get(k)) for k in ("date", "issuer") if it.get(k))
        return it.get("relation") or "ref", f"{what}{' · ' + extra if extra else ''} ({it.get('relation')})"
    if kind == "body":
        return it.get("role") or "body", f"{it.get('name')} ({it.get('role')})"
    if kind == "date":
        return it.get("kind") or "date", f"{it.get('value')} ({it.get('kind')})"
    value = f"{it.get('comparator') or ''}{_fmt(it.get('value'))} {it.get('unit') or ''}".strip()
    return value, f"{value} · {it.get('subject') or '?'}" + (f" · {it['year']}" if it.get("year") else "")


def record_spans(rec: dict) -> tuple[list[Span], set[str]]:
    """Every span of a record that lies inside its text, and the ids of those that do not."""
    n = len(rec.get("text") or "")
    spans: list[Span] = []
    unplaced: set[str] = set()
    for field in EXTRACTED:
        kind = KIND[field]
        for i, it in enumerate(rec.get(field) or []):
            ident = f"{kind}-{i}"
            start, end = it.get("start"), it.get("end")
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= n):
                unplaced.add(ident)
                continue
            label, title = _describe(kind, it)
            spans.append(Span(kind, ident, start, end, label, title))
    for i, item in enumerate(low_confidence(rec)):
        start, end, conf = item
        if 0 <= start < end <= n:
            spans.append(Span("ocr", f"ocr-{i}", start, end, f"OCR {_fmt(conf)}",
                              f"low OCR confidence: {_fmt(conf)}"))
    return spans, unplaced


def low_confidence(rec: dict) -> list[tuple[int, int, float]]:
    """`ocr.low_confidence` as (start, end, confidence) triples; malformed entries are dropped."""
    found = []
    for item in (rec.get("ocr") or {}).get("low_confidence") or []:
        if isinstance(item, (list, tuple)) and len(item) >= 2 and all(isinstance(x, int) for x in item[:2]):
            found.append((item[0], item[1], item[2] if len(item) > 2 else None))
    return found


def ocr_summary(ocr: dict | None) -> str | None:
    """One line about a record's OCR: pages read and their mean word confidence, when known."""
    if not ocr:
        return None
    pages = ocr.get("pages") if isinstance(ocr.get("pages"), list) else []
    confs = [p["confidence"] for p in pages if isinstance(p, dict) and isinstance(p.get("confidence"), (int, float))]
    parts = [f"{len(pages)} pages OCR'd" if pages else "OCR'd"]
    if confs:
        parts.append(f"mean word confidence {sum(confs) / len(confs):.0f}")
    return ", ".join(parts)


def highlight(text: str, spans: list[Span], anchors: dict[int, list[str]]) -> Markup:
    """The text as HTML with each span in `<mark>` elements (split where spans overlap) and
    empty anchors (section starts) at their offsets.

    The first piece of a span carries its id (for links from the tables), the last its label.
    """
    starting: dict[int, list[Span]] = defaultdict(list)
    for s in spans:
        starting[s.start].append(s)
    cuts = sorted({0, len(text), *starting, *(s.end for s in spans), *(o for o in anchors if o <= len(text))})
    out: list[str] = []
    active: list[Span] = []
    for a, b in zip(cuts, cuts[1:] + [None]):
        out.extend(f'<span class="anchor" id="{i}"></span>' for i in anchors.get(a, ()))
        if b is None:
            break
        active = [s for s in active if s.end > a] + starting.get(a, [])
        active.sort(key=lambda s: (s.start, -s.end, KIND_ORDER[s.kind]))
        piece = str(escape(text[a:b]))
        if not active:
            out.append(piece)
            continue
        for s in active:
            cls = f"hl k-{s.kind}" + (" first" if s.start == a else "") + (" last" if s.end == b else "")
            attrs = f' id="{s.ident}"' if s.start == a else ""
            attrs += f' data-label="{escape(s.label)}"' if s.end == b else ""
            out.append(f'<mark class="{cls}" data-span="{s.ident}" title="{escape(s.title)}"{attrs}>')
        out.append(piece)
        out.append("</mark>" * len(active))
    return Markup("".join(out))


# --- citation graph -----------------------------------------------------------

def citation_graph(records: list[dict]) -> nx.DiGraph:
    """The project's citation graph (`pipeline.apps.graph`): nodes carry doc_type, identifier, year,
    issuer, label and `source` (None when cited but not in the corpus); edges carry `relation`."""
    from pipeline.apps.graph import build_graph

    return build_graph(records)


def layout(g: nx.Graph) -> dict:
    """Node positions, seeded so a site rebuilds identically.

    ForceAtlas2 needs only numpy (spring_layout wants scipy above 500 nodes); strong gravity
    fills the canvas evenly, so nodes stay apart enough to read and click.
    """
    if hasattr(nx, "forceatlas2_layout"):
        return nx.forceatlas2_layout(g, seed=7, max_iter=60, strong_gravity=True)
    return nx.spring_layout(g, seed=7, iterations=60)


def node_label(attrs: dict, node) -> str:
    """A node's label with its document type in front, unless the label already says it."""
    label = attrs.get("label") or str(node)
    doc_type = attrs.get("doc_type")
    return f"{doc_type} {label}" if doc_type and not label.startswith(doc_type) else label


def graph_view(g: nx.DiGraph, pages: dict[str, str]) -> dict:
    """Positions and drawing attributes for the graph page; isolated nodes are listed, not drawn.

    Works on a DiGraph or a MultiDiGraph: parallel citations are drawn as one line (the first
    relation) and counted in the in-degree.
    """
    drawn = [n for n in g if g.degree(n) > 0]
    sub = g.subgraph(drawn)
    pos = layout(nx.Graph(sub.to_undirected())) if drawn else {}
    w = max(600.0, min(GRAPH_MAX_WIDTH, 100.0 * len(drawn) ** 0.5))  # small graphs keep readable nodes
    h = round(w * 0.69)
    if pos:
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        span_x = (max(xs) - min(xs)) or 1.0
        span_y = (max(ys) - min(ys)) or 1.0
        pos = {n: (40 + (p[0] - min(xs)) / span_x * (w - 80), 40 + (p[1] - min(ys)) / span_y * (h - 80))
               for n, p in pos.items()}
    ids = {n: f"n{i}" for i, n in enumerate(drawn)}
    nodes = []
    for n in drawn:
        attrs = g.nodes[n]
        source = attrs.get("source")
        indeg = sub.in_degree(n)
        label = node_label(attrs, n)
        nodes.append({"id": ids[n], "x": round(pos[n][0], 1), "y": round(pos[n][1], 1),
                      "r": round(4 + min(indeg, 16) ** 0.5 * 2.5, 1), "label": label,
                      "short": label if len(label) <= 32 else label[:31] + "…",
                      "href": pages.get(source) if source else None, "missing": source is None,
                      "indeg": indeg, "outdeg": sub.out_degree(n),
                      "show_label": indeg >= 3 or (source is not None and sub.degree(n) >= 5)})
    edges: dict[tuple, dict] = {}
    for a, b, d in sub.edges(data=True):
        if a != b and (a, b) not in edges:
            edges[(a, b)] = {"s": ids[a], "t": ids[b], "relation": d.get("relation") or "mentions",
                             "x1": round(pos[a][0], 1), "y1": round(pos[a][1], 1),
                             "x2": round(pos[b][0], 1), "y2": round(pos[b][1], 1)}
    isolated = [{"label": node_label(g.nodes[n], n), "href": pages.get(g.nodes[n].get("source"))}
                for n in g if g.degree(n) == 0]
    most_cited = sorted(({"label": node_label(g.nodes[n], n), "indeg": g.in_degree(n),
                          "href": pages.get(g.nodes[n].get("source")) if g.nodes[n].get("source") else None}
                         for n in g if g.in_degree(n) > 0), key=lambda d: (-d["indeg"], d["label"]))[:30]
    return {"nodes": nodes, "edges": list(edges.values()), "isolated": isolated, "most_cited": most_cited,
            "width": w, "height": h, "n_nodes": g.number_of_nodes(), "n_edges": g.number_of_edges(),
            "n_missing": sum(1 for n in g if g.nodes[n].get("source") is None),
            "relations": sorted({e["relation"] for e in edges.values()})}


def links_of(g: nx.DiGraph, node, pages: dict[str, str]) -> dict[str, list[dict]]:
    """What a document's node cites and what cites it (once per other node and relation)."""
    if node is None:
        return {"cites": [], "cited_by": []}

    def items(pairs):
        seen, out = set(), []
        for other, rel in pairs:
            if (other, rel) in seen:
                continue
            seen.add((other, rel))
            src = g.nodes[other].get("source")
            out.append({"label": node_label(g.nodes[other], other), "href": pages.get(src) if src else None,
                        "relation": rel})
        return out

    return {"cites": items((t, d.get("relation")) for _, t, d in g.out_edges(node, data=True)),
            "cited_by": items((s, d.get("relation")) for s, _, d in g.in_edges(node, data=True))}


# --- pages ----------------------------------------------------------------

_DATE_LINE = re.compile(r"ngày[\s.…_]*(?:\d{1,2})?[\s.…_/-]*tháng[\s.…_]*(\d{1,2})?[\s.…_/-]*năm[\s.…_]*"
                        r"((?:19|20)\d{2})", re.IGNORECASE)


def shown_date(rec: dict) -> str:
    """The date of issue, or what the header's date line gives when the day is blank (an unsigned
    draft's `ngày   tháng 5 năm 2024` shows as `2024-05`, `ngày  tháng  năm 2024` as `2024`)."""
    meta = rec.get("metadata") or {}
    if meta.get("issued_date"):
        return meta["issued_date"]
    text = rec.get("text") or ""
    part = rec.get("header") or {}
    head = text[part.get("start", 0):part.get("end")] if part.get("end") else text[:2000]
    m = _DATE_LINE.search(head)
    if not m:
        return ""
    month, year = m.group(1), m.group(2)
    return f"{year}-{int(month):02d}" if month and 1 <= int(month) <= 12 else year


def index_row(rec: dict, pages: dict[str, str]) -> dict:
    meta = rec.get("metadata") or {}
    return {"source": rec["source"], "href": pages[rec["source"]], "status": rec.get("status"),
            "format": rec.get("format") or "", "doc_type": meta.get("doc_type") or "",
            "identifier": meta.get("identifier") or "", "date": shown_date(rec),
            "issuer": meta.get("issuer") or "", "title": meta.get("title") or "",
            "error": (rec.get("error") or {}).get("code") or "", "ocr": bool(rec.get("ocr")),
            "counts": [len(rec.get(f) or []) for f in FIELDS]}


def doc_context(rec: dict, links: dict) -> dict:
    """Everything a document page shows."""
    text = rec.get("text") or ""
    spans, unplaced = record_spans(rec)
    anchors: dict[int, list[str]] = defaultdict(list)
    sections = []
    for i, s in enumerate(rec.get("sections") or []):
        start = s.get("start")
        if isinstance(start, int) and 0 <= start <= len(text):
            anchors[start].append(f"sec-{i}")
        sections.append({**s, "anchor": f"sec-{i}", "level": s.get("level") or 1})
    tables = {f: [{**it, "_id": f"{KIND[f]}-{i}", "_placed": f"{KIND[f]}-{i}" not in unplaced}
                  for i, it in enumerate(rec.get(f) or [])] for f in EXTRACTED}
    low = low_confidence(rec)
    return {"rec": rec, "meta": rec.get("metadata") or {}, "shown_date": shown_date(rec), "signer": (rec.get("metadata") or {}).get("signer") or {},
            "html": highlight(text, spans, anchors), "sections": sections, "tables": tables,
            "n_unplaced": len(unplaced), "ocr": ocr_summary(rec.get("ocr")), "n_low": len(low), "links": links,
            "counts": {f: len(rec.get(f) or []) for f in EXTRACTED}}


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = _fmt
    return env


def build_report(run_dir: Path, site: Path | None = None) -> dict:
    """Write the site for the run in `run_dir` into `site` (default `run_dir/report`); returns counts.

    The site is built beside its final place and swapped in, so a failed build leaves the old one.
    """
    run_dir = Path(run_dir)
    site = Path(site) if site else run_dir / "report"
    jsonl = run_dir / "documents.jsonl"
    if not jsonl.exists():
        raise click.ClickException(f"{jsonl} not found: give the --out folder of a `vanban run`")
    check_site_folder(run_dir, site)
    records = list(read_jsonl(jsonl))
    pages = {rec["source"]: f"docs/{page_name(rec['source'])}" for rec in records}
    graph = citation_graph(records)
    env = _env()
    common = {"run_name": str(run_dir), "n_docs": len(records),
              "n_errors": sum(1 for r in records if r.get("status") != "ok")}

    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site.name}-", dir=site.parent))
    try:
        (staging / "docs").mkdir()
        shutil.copytree(ASSETS, staging / "assets", ignore=shutil.ignore_patterns("__pycache__"))
        doc_tpl = env.get_template("doc.html")
        node_of = {src: n for n, src in graph.nodes(data="source") if src}
        for rec in records:
            ctx = doc_context(rec, links_of(graph, node_of.get(rec["source"]), pages))
            (staging / pages[rec["source"]]).write_text(doc_tpl.render(root="../", **common, **ctx),
                                                        encoding="utf-8")
        rows = [index_row(rec, pages) for rec in records]
        totals = [sum(r["counts"][i] for r in rows) for i in range(5)]
        types = sorted({r["doc_type"] for r in rows if r["doc_type"]})
        _write(staging / "index.html", env.get_template("index.html").render(
            root="", rows=rows, totals=totals, types=types, **common))
        view = graph_view(graph, pages)
        _write(staging / "graph.html", env.get_template("graph.html").render(root="", g=view, **common))
        errors = [r for r in rows if r["status"] != "ok"]
        messages = {r["source"]: (r.get("error") or {}).get("message") for r in records}
        _write(staging / "errors.html", env.get_template("errors.html").render(
            root="", errors=errors, messages=messages, **common))
        _swap_in(staging, site)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return {"documents": len(records), "errors": common["n_errors"], "nodes": view["n_nodes"],
            "edges": view["n_edges"], "missing": view["n_missing"], "site": str(site)}


def check_site_folder(run_dir: Path, site: Path) -> None:
    """Refuse a site folder whose replacement would delete the run or someone else's files."""
    run, target = run_dir.resolve(), site.resolve()
    if target == run or target in run.parents:
        raise click.ClickException(f"{site} holds the run itself: choose another --out")
    is_report = (target / "index.html").is_file() and (target / "assets" / "report.css").is_file()
    if target.is_file() or (target.is_dir() and any(target.iterdir()) and not is_report):
        raise click.ClickException(f"{site} exists and is not a vanban report: choose another --out")


def _write(path: Path, html: str) -> None:
    path.write_text(html, encoding="utf-8")


def _swap_in(staging: Path, site: Path) -> None:
    """Replace `site` by `staging` with two renames; the old site is removed afterwards."""
    old = None
    if site.exists():
        old = site.with_name(f".{site.name}-old-{os.getpid()}")
        os.replace(site, old)
    os.replace(staging, site)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def register(main: click.Group) -> None:
    @main.command("report")
    @click.argument("run_dir", metavar="OUT", type=click.Path(file_okay=False))
    @click.option("--out", "site", default=None, type=click.Path(file_okay=False),
                  help="site folder (default: OUT/report)")
    def report(run_dir, site):
        """Write a static HTML review site (documents, highlights, citation graph, errors) for a run."""
        started = time.time()
        done = build_report(Path(run_dir), Path(site) if site else None)
        click.echo(f"vanban report: {done['documents']} documents ({done['errors']} errors), graph "
                   f"{done['nodes']} nodes / {done['edges']} edges ({done['missing']} cited but missing) "
                   f"-> {done['site']}/index.html in {time.time() - started:.1f} s")
