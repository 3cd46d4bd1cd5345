#!/usr/bin/env python3
"""Dev scores of responsible bodies for rules alone, the model alone and both (issue 4's table).

    python scripts/eval_bodies.py [--gold DIR] [--corpus DIR ...] [--verbose]

Reads each gold document that is scored on bodies, runs the pipeline up to the
bodies step once, then the bodies extractor in the three modes, and scores each
with the shared scorer's own `score()` (imported from ../shared/eval/score.py),
so the numbers are the ones `make eval` prints for bodies and body_roles.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from pipeline.parse.document import Doc
from pipeline.extract import bodies, references
from pipeline.read.ingest import ingest
from pipeline.read.normalize import normalize
from pipeline.parse.structure import parse

MODES = ("rules", "model", "both")


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("vanban_shared_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def gold_with_bodies(scorer, gold_dir: Path) -> dict:
    gold, _ = scorer.load(os.devnull, gold_dir)
    return {stem: {**g, "fields": ["bodies"]} for stem, g in gold.items()
            if "bodies" in (g.get("fields") or ["bodies"])}


def read_docs(stems, corpora) -> dict[str, Doc]:
    """The documents behind the gold stems, normalized, structured, references found."""
    files = {p.stem: p for c in corpora for p in sorted(Path(c).rglob("*")) if p.is_file()}
    out = {}
    for stem in stems:
        p = files.get(stem)
        if p is None:
            print(f"warning: no source file for {stem}", file=sys.stderr)
            continue
        raw = ingest(p)
        norm = normalize(raw.text, raw.format, raw.wrapped)
        doc = Doc(source=p.name, text=norm.text, structure=parse(norm.text))
        doc.found["references"] = references.find(doc)
        out[stem] = doc
    return out


def run_mode(mode: str, docs: dict[str, Doc]) -> tuple[dict, float]:
    os.environ["VANBAN_BODIES"] = mode
    t0 = time.perf_counter()
    pred = {stem: {"bodies": sorted(bodies.find(doc), key=lambda it: (it["start"], it["end"]))}
            for stem, doc in docs.items()}  # in document order, as extract_all gives them
    return pred, time.perf_counter() - t0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default=str(SHARED / "eval" / "gold"))
    ap.add_argument("--corpus", nargs="*", default=[str(SHARED / "corpus" / "dev"), str(SHARED / "seeds")])
    ap.add_argument("--scorer", default=str(SHARED / "eval" / "score.py"))
    ap.add_argument("--verbose", action="store_true", help="list the misses and extras of the `both` mode")
    ap.add_argument("--modes", nargs="*", default=list(MODES))
    a = ap.parse_args(argv)
    scorer = load_scorer(Path(a.scorer))
    gold = gold_with_bodies(scorer, Path(a.gold))
    docs = read_docs(sorted(gold), a.corpus)
    print(f"{len(docs)} gold documents scored on bodies ({sum(len(g.get('bodies', [])) for g in gold.values())} bodies)")
    print(f"| mode  | bodies P | bodies R | bodies F1 | role acc | body_roles P | body_roles R | body_roles F1 | s |")
    print(f"|-------|---------:|---------:|----------:|---------:|-------------:|-------------:|--------------:|--:|")
    prev = os.environ.get("VANBAN_BODIES")
    try:
        for mode in a.modes:
            pred, secs = run_mode(mode, docs)
            result, misses = scorer.score(gold, pred, verbose=a.verbose and mode == a.modes[-1])
            b, r = result["bodies"], result["body_roles"]
            print(f"| {mode:<5} | {b['precision']:.3f} | {b['recall']:.3f} | {b['f1']:.3f} | "
                  f"{b.get('role_accuracy') or 0:.3f} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | {secs:.1f} |")
            for m in misses:
                if " body " in m:
                    print("   ", m)
    finally:
        if prev is None:
            os.environ.pop("VANBAN_BODIES", None)
        else:
            os.environ["VANBAN_BODIES"] = prev


if __name__ == "__main__":
    main()
