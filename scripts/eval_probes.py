#!/usr/bin/env python3
"""Score a run over the probe sets of corpus/probes/ (held-out measuring sets), per set and split.

    python scripts/eval_probes.py --sources          # the folders of the probe documents (input of vanban run)
    python scripts/eval_probes.py --pred OUT/documents.jsonl [--verbose SPLIT]

Why: each probe set is a handful of whole documents of issuers the development corpus lacks (commune Mặt trận
boards, other provinces, the Prime Minister, ministries), annotated from the documents by one helper and
reviewed by a second (corpus/probes/README.md). `learn` gold may be read and tuned on; `test` gold is only
scored: its table is the held-out figure; `seen` holds test documents a session came to know (scored apart). Earlier sessions' probe sets lived outside the repository and were
lost with their machine; these are kept here. The shared scorer (`score.score`) does the scoring, as in
scripts/eval_own.py.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_own import SHARED, load_gold, load_pred, load_scorer, table  # noqa: E402

PROBES = Path(__file__).resolve().parent.parent / "corpus" / "probes"


def sets() -> list[Path]:
    return sorted((p for p in PROBES.glob("probe*") if (p / "docs").is_dir()), key=lambda p: int(p.name[5:]))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pred", help="documents.jsonl of a run over the probe documents")
    ap.add_argument("--scorer", default=str(SHARED / "eval" / "score.py"))
    ap.add_argument("--verbose", choices=("learn",), help="the scorer's misses and extras of the learn gold")
    ap.add_argument("--sources", action="store_true", help="print the probe sets' document folders")
    a = ap.parse_args(argv)
    if a.sources:
        for s in sets():
            print(s / "docs")
        return 0
    if not a.pred:
        ap.error("--pred is required")
    if not Path(a.scorer).is_file():
        print(f"eval_probes: the shared scorer {a.scorer} is absent (skipped)")
        return 0
    scorer = load_scorer(Path(a.scorer))
    pred = load_pred(Path(a.pred))
    rows, learn = {}, {}
    for s in sets():
        for split in ("learn", "test", "seen"):
            gold = load_gold(s / "split" / split)
            if gold:
                rows[f"{s.name} {split}"], _ = scorer.score(gold, pred, False)
                if split == "learn":
                    learn.update(gold)
    if a.verbose:
        _, misses = scorer.score(learn, pred, True)
        print("\n".join(misses))
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
