#!/usr/bin/env python3
"""Score a run against the project's own gold (corpus/annotations/gold), per group and issuer level.

    python scripts/eval_own.py --pred out/own/documents.jsonl [--by group|level|split|doc] [--json]
    python scripts/eval_own.py --sources        # the input paths of the annotated documents

Why a second scorer front-end: the dev gold (../shared/eval/gold) is for measuring only and covers
one province; the project's own gold covers other issuers (the `wide` group) and Lâm Đồng documents
the dev gold does not score (`dev`). A score counts when it comes from a source the rules and the
model were not tuned on, so the table is printed per group, per issuer level and per split
(`corpus/annotations/splits.json`). The scoring itself is the shared scorer's (`score.score`),
imported, not rewritten, so both tables mean the same thing.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from collections import defaultdict
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpus" / "annotations" / "gold"
SPLITS = ROOT / "corpus" / "annotations" / "splits.json"
SHARED = Path(os.environ.get("VANBAN_SHARED", ROOT.parent / "shared"))
FIELDS = ("references", "bodies", "body_roles", "dates", "targets", "sections")


def load_scorer(path: Path):
    """The shared scorer as a module (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("vanban_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_gold(gold_dir: Path = GOLD) -> dict[str, dict]:
    """Gold files by stem, as the scorer keys them."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))}


def split_of(stem: str, gold: dict, splits: dict) -> str:
    """The split a document belongs to; documents not listed take their group's default."""
    for name, stems in splits.get("splits", {}).items():
        if stem in stems:
            return name
    return splits.get("default_by_group", {}).get(gold.get("annotation", {}).get("group"), "unassigned")


def load_pred(path: Path) -> dict[str, dict]:
    pred = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                d = json.loads(line)
                pred.setdefault(PurePosixPath(str(d.get("source", ""))).stem, d)
    return pred


def table(rows: dict[str, dict]) -> str:
    """One line per group: F1 of each field, then the metadata accuracies."""
    head = f"{'group':<28} {'docs':>4} " + " ".join(f"{f[:10]:>10}" for f in FIELDS) + "   metadata"
    out = [head]
    for name, r in rows.items():
        cells = " ".join(f"{r[f]['f1']:>10.3f}" if r[f]["tp"] + r[f]["fn"] + r[f]["fp"] else f"{'-':>10}"
                         for f in FIELDS)
        meta = "  ".join(f"{k} {v:.2f}" for k, v in r["metadata"].items() if v is not None)
        out.append(f"{name:<28} {r['documents']['gold']:>4} {cells}   {meta}")
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pred", help="documents.jsonl of a run over the annotated documents")
    ap.add_argument("--by", default="group,level,split", help="comma list of: group, level, split, doc")
    ap.add_argument("--scorer", default=str(SHARED / "eval" / "score.py"))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--verbose", choices=("train", "dev"), help="the scorer's misses and extras of one split "
                    "(never of the held-out `test`: its gold is only scored)")
    ap.add_argument("--sources", action="store_true", help="print the input paths of the annotated documents")
    a = ap.parse_args(argv)
    gold = load_gold()
    if a.sources:
        for g in gold.values():
            print(SHARED / "corpus" / g["source"])
        return 0
    if not a.pred:
        ap.error("--pred is required")
    if a.verbose and "split" not in a.by:
        a.by += ",split"
    if not Path(a.scorer).is_file():
        print(f"eval_own: the shared scorer {a.scorer} is absent (skipped)")
        return 0
    scorer = load_scorer(Path(a.scorer))
    pred = load_pred(Path(a.pred))
    splits = json.loads(SPLITS.read_text(encoding="utf-8")) if SPLITS.is_file() else {}
    groups: dict[str, dict[str, dict]] = defaultdict(dict)
    for stem, g in gold.items():
        ann = g.get("annotation", {})
        keys = {"all": "all"}
        if "group" in a.by:
            keys["group"] = f"group={ann.get('group')}"
        if "level" in a.by:
            keys["level"] = f"level={ann.get('issuer_level')}"
        if "split" in a.by:
            keys["split"] = f"split={split_of(stem, g, splits)}"
        if "doc" in a.by:
            keys["doc"] = stem[:28]
        for k in keys.values():
            groups[k][stem] = g
    results = {}
    for name in sorted(groups, key=lambda n: (n != "all", n.split("=")[0], n)):
        result, misses = scorer.score(groups[name], pred, bool(a.verbose) and name == f"split={a.verbose}")
        results[name] = result
        if a.verbose and name == f"split={a.verbose}":
            print("\n".join(misses))
    if a.json:
        print(json.dumps(results, ensure_ascii=False))
    else:
        print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
