#!/usr/bin/env python3
"""Train the target classifier (pipeline/extract/targets_model.py) into pipeline/models/targets/.

    python scripts/train_targets.py [--epochs N] [--out DIR]

Learns from corpus/annotations/own_targets.jsonl alone (every number candidate of the own gold's
train and dev documents, labelled objective or not by hand; written by
scripts/build_training_data.py). Settings (the thresholds) are chosen on the `dev` split with a
model fitted on `train`; the shipped model is then fitted on both with those settings.
Logistic regression over hashed features, numpy only, seeded: the same files give the same weights.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from pipeline.extract import targets_model as tm  # noqa: E402
import manifest  # noqa: E402

DATA = ROOT / "corpus" / "annotations" / "own_targets.jsonl"
L2 = 1e-2
POS_WEIGHT = 5.0


def load(path: Path = DATA) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def fit(rows: list[dict], epochs: int, seed: int = 0, pos: bool = False) -> np.ndarray:
    """Adagrad on the logistic loss, positives weighted up."""
    rng = np.random.default_rng(seed)
    xs = [tm.vectorize(tm.features(r, pos)) for r in rows]
    ys = np.array([r["label"] for r in rows], dtype=np.float64)
    w = np.zeros(tm.DIM, dtype=np.float64)
    g2 = np.full(tm.DIM, 1e-8)
    for _ in range(epochs):
        for i in rng.permutation(len(rows)):
            idx = xs[i]
            z = w[idx].sum()
            p = 1 / (1 + np.exp(-np.clip(z, -30, 30)))
            g = (p - ys[i]) * (POS_WEIGHT if ys[i] else 1.0)
            grad = g + L2 * w[idx]
            g2[idx] += grad * grad
            w[idx] -= 0.2 * grad / np.sqrt(g2[idx])
    return w.astype(np.float32)


def prf(rows, probs, th) -> tuple[float, float, float]:
    tp = sum(1 for r, p in zip(rows, probs) if p >= th and r["label"])
    fp = sum(1 for r, p in zip(rows, probs) if p >= th and not r["label"])
    fn = sum(1 for r, p in zip(rows, probs) if p < th and r["label"])
    pr = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--out", default=str(tm.MODEL_DIR))
    ap.add_argument("--no-pos", dest="pos", action="store_false",
                    help="leave out underthesea's part-of-speech features")
    a = ap.parse_args(argv)
    rows = load()
    train = [r for r in rows if r["split"] == "train"]
    dev = [r for r in rows if r["split"] == "dev"]
    print(f"candidates: train {len(train)} ({sum(r['label'] for r in train)} objectives), "
          f"dev {len(dev)} ({sum(r['label'] for r in dev)})")
    w = fit(train, a.epochs, pos=a.pos)
    model = {"w": w, "pos": a.pos}
    probs = [tm.score(model, r) for r in dev]
    best = max((prf(dev, probs, th)[2], -th, th) for th in np.arange(0.05, 0.96, 0.05))
    threshold = round(float(best[2]), 2)
    print(f"dev: threshold {threshold}: P/R/F1 " + " ".join(f"{x:.3f}" for x in prf(dev, probs, threshold)))
    # in `both` the model only adds to the rules, where they saw no goal: only what it finds more likely an
    # objective than not (positives are weighted up, so 0.5 is surer than it looks)
    threshold_both = round(max(0.5, threshold), 2)
    w = fit(train + dev, a.epochs, pos=a.pos)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    np.save(out / "weights.npy", w)
    meta = {"threshold": threshold, "threshold_both": threshold_both, "epochs": a.epochs, "l2": L2,
            "pos_weight": POS_WEIGHT, "dim": tm.DIM, "seed": 0, "pos": a.pos,
            "trained_on": {"candidates": len(train) + len(dev),
                           "objectives": sum(r["label"] for r in train + dev)}}
    (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    if out.resolve() == tm.MODEL_DIR.resolve():
        manifest.record("targets", out, [DATA])
    print(f"saved {out} ({sum(f.stat().st_size for f in out.iterdir()) / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
