"""Stage 6, resolve: the citation graph across the whole corpus.

Each document and each cited document is a node keyed by (doc_type, identifier,
year, issuer). A citation resolves to a document of the corpus when the
identifier and year agree, and, where that still leaves several, the issuer.
Plain functions over plain records; networkx holds the graph.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from typing import Iterable

import networkx as nx

from pipeline.text.fold import fold, title_key


def ident_key(identifier: str | None) -> str | None:
    """Identifier as compared: upper case, `Đ` folded, no spaces, no leading zeros."""
    if not identifier:
        return None
    s = unicodedata.normalize("NFC", identifier).upper().replace("Ð", "Đ")
    s = re.sub(r"\s+", "", s)
    return re.sub(r"^0+(?=\d)", "", s)


def year_of(date: str | None, identifier: str | None = None) -> int | None:
    """Year from an ISO date, else from a normative identifier (`30/2020/NĐ-CP`)."""
    if date:
        return int(date[:4])
    m = re.match(r"^\d+/((?:19|20)\d{2})/", identifier or "")
    return int(m.group(1)) if m else None


def _issuers_agree(a: str | None, b: str | None) -> bool:
    fa, fb = fold(a or ""), fold(b or "")
    return bool(fa and fb) and (fa in fb or fb in fa)


def build_graph(records: Iterable[dict]) -> nx.MultiDiGraph:
    """Nodes for documents and cited documents, one edge per (citing document, cited document)."""
    g = nx.MultiDiGraph()
    by_ident: dict[str, list[str]] = defaultdict(list)
    cited: list[tuple[str, dict]] = []
    for rec in records:
        if rec.get("status") != "ok":
            continue
        meta = rec.get("metadata") or {}
        node = f"doc:{rec['source']}"
        year = year_of(meta.get("issued_date"), meta.get("identifier"))
        g.add_node(node, kind="document", source=rec["source"], doc_type=meta.get("doc_type"),
                   identifier=meta.get("identifier"), year=year, issuer=meta.get("issuer"),
                   title=meta.get("title"), label=meta.get("identifier") or rec["source"].rsplit("/", 1)[-1])
        key = ident_key(meta.get("identifier"))
        if key:
            by_ident[key].append(node)
        for ref in rec.get("references") or []:
            cited.append((node, ref))
    # a law cited by its name alone where another citation gives its name and number is that numbered law
    named = {title_key(r["title"]): r for _, r in cited if r.get("identifier") and r.get("title")}
    for citing, ref in cited:
        key_ref = ref if ref.get("identifier") else named.get(title_key(ref.get("title")), ref)
        target = _resolve(g, by_ident, key_ref)
        if target is None:
            target = _external_node(g, key_ref)
        if target == citing:
            continue
        g.add_edge(citing, target, relation=ref.get("relation") or "mentions",
                   source=g.nodes[citing]["source"], text=ref.get("text"), start=ref.get("start"),
                   end=ref.get("end"))
    return g


def _resolve(g: nx.MultiDiGraph, by_ident: dict[str, list[str]], ref: dict) -> str | None:
    """The corpus document a reference points at, if the corpus holds it."""
    candidates = by_ident.get(ident_key(ref.get("identifier")) or "", [])
    if not candidates:
        return None
    year = year_of(ref.get("date"), ref.get("identifier"))
    if year is not None:
        candidates = [c for c in candidates if g.nodes[c]["year"] in (year, None)]
    if len(candidates) > 1:
        same_issuer = [c for c in candidates if _issuers_agree(g.nodes[c]["issuer"], ref.get("issuer"))]
        candidates = same_issuer or candidates
        if len(candidates) > 1 and year is None:
            return None   # ambiguous: several documents share this number
    return candidates[0] if candidates else None


_PLACE = re.compile(r"\b(?:tinh|thanh pho|huyen|quan|thi xa|xa|phuong|dac khu)\s+(.+)$")


def place_of(issuer: str | None) -> str | None:
    """The place a local body's name ends on (`Ủy ban nhân dân tỉnh Lâm Đồng` → `lam dong`): numbers of
    provinces' and communes' bodies repeat from place to place, so the place is part of the key."""
    m = _PLACE.search(fold(issuer or "").strip())
    return re.sub(r"\s+", " ", m.group(1)).strip() if m else None


def _external_node(g: nx.MultiDiGraph, ref: dict) -> str:
    """A cited document outside the corpus; citations of the same one share a node.

    The key is (identifier, year, place of a local issuer); a law cited by name only is keyed by
    its folded title."""
    key = ident_key(ref.get("identifier"))
    year = year_of(ref.get("date"), ref.get("identifier"))
    if key:
        place = place_of(ref.get("issuer"))
        node = f"ref:{key}@{year or ''}" + (f"@{place}" if place else "")
        if year is None:
            same = [n for n in g.nodes if n.startswith(f"ref:{key}@")
                    and (place is None or n.endswith(f"@{place}") or n.count("@") == 1)]
            if len(same) == 1:
                return same[0]
    else:
        node = f"ref:title:{title_key(ref.get('title'))}"
    if node not in g:
        g.add_node(node, kind="cited", source=None, doc_type=ref.get("doc_type"),
                   identifier=ref.get("identifier"), year=year, issuer=ref.get("issuer"),
                   title=ref.get("title"), label=ref.get("identifier") or ref.get("title") or node)
    else:
        attrs = g.nodes[node]
        for k in ("issuer", "doc_type", "title"):
            attrs[k] = attrs.get(k) or ref.get(k)
    return node


def node_rows(g: nx.MultiDiGraph) -> list[dict]:
    return [{"node_id": n, "kind": a["kind"], "doc_type": a.get("doc_type"), "identifier": a.get("identifier"),
             "year": a.get("year"), "issuer": a.get("issuer"), "title": a.get("title"), "source": a.get("source"),
             "label": a.get("label"), "in_degree": g.in_degree(n), "out_degree": g.out_degree(n)}
            for n, a in g.nodes(data=True)]


def edge_rows(g: nx.MultiDiGraph) -> list[dict]:
    return [{"source_node": u, "target_node": v, "relation": a.get("relation"), "source": a.get("source"),
             "text": a.get("text"), "start": a.get("start"), "end": a.get("end")}
            for u, v, a in g.edges(data=True)]
