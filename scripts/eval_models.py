#!/usr/bin/env python3
"""Rules alone, model alone and both, for bodies and targets, on the own gold (make eval-models).

    python scripts/eval_models.py [--out DIR] [--by split,group,level] [--json]

Runs vanban over the annotated documents once per mode (`VANBAN_BODIES` and `VANBAN_TARGETS` set
together) and prints the shared scorer's F1 per split, group and issuer level: the `test` split (the
`wide` group) is what no model learned from nor was tuned on.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import eval_own as E  # noqa: E402
import learn_data as L  # noqa: E402

MODES = ("rules", "model", "both")
FIELDS = ("bodies", "body_roles", "targets")


def run(mode: str, out: Path, sources: list[str]) -> Path:
    env = dict(os.environ, VANBAN_BODIES=mode, VANBAN_TARGETS=mode)
    vanban = Path(sys.executable).parent / "vanban"     # the venv's own entry point (worktrees have none)
    subprocess.run([str(vanban), "run", *sources, "--out", str(out / mode), "--quiet"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return out / mode / "documents.jsonl"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(ROOT / "out" / "models"))
    ap.add_argument("--by", default="split,group,level")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--no-run", action="store_true", help="score the runs already in --out")
    a = ap.parse_args(argv)
    shared = E.SHARED                                  # honours VANBAN_SHARED, like eval_own.py
    scorer_path = shared / "eval" / "score.py"
    if not scorer_path.is_file():
        print("eval_models: ../shared is absent (skipped)")
        return 0
    scorer = E.load_scorer(scorer_path)
    gold = E.load_gold()
    sources = [str(shared / "corpus" / g["source"]) for g in gold.values()]
    out = Path(a.out)
    groups: dict[str, dict] = defaultdict(dict)
    for stem, g in gold.items():
        ann = g.get("annotation", {})
        keys = ["all"]
        if "split" in a.by:
            keys.append(f"split={L.split_of(stem, g)}")
        if "group" in a.by:
            keys.append(f"group={ann.get('group')}")
        if "level" in a.by:
            keys.append(f"level={ann.get('issuer_level')}")
        for k in keys:
            groups[k][stem] = g
    res: dict = {}
    for mode in MODES:
        path = out / mode / "documents.jsonl" if a.no_run else run(mode, out, sources)
        pred = E.load_pred(path)
        for name in groups:
            r, _ = scorer.score(groups[name], pred, False)
            res.setdefault(name, {})[mode] = {f: r[f] for f in FIELDS}
    if a.json:
        print(json.dumps(res, ensure_ascii=False))
        return 0
    order = sorted(res, key=lambda n: (n != "split=test", n != "all", n.split("=")[0], n))
    for field in FIELDS:
        print(f"\n{field} F1 (precision/recall)            " + "".join(f"{m:>22}" for m in MODES) + "   both-rules")
        for name in order:
            n_docs = len(groups[name])
            cells = []
            for m in MODES:
                r = res[name][m][field]
                cells.append(f"{r['f1']:.3f} ({r['precision']:.2f}/{r['recall']:.2f})" if r["tp"] + r["fp"] + r["fn"] else "-")
            d = res[name]["both"][field]["f1"] - res[name]["rules"][field]["f1"]
            print(f"  {name:<26} {n_docs:>3} docs " + "".join(f"{c:>22}" for c in cells) + f"   {d:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
