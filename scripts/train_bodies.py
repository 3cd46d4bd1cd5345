#!/usr/bin/env python3
"""Train the body-and-role model (pipeline/extract/bodies/model.py) into pipeline/models/bodies/.

    python scripts/train_bodies.py [--epochs N] [--out DIR] [--no-hand] [--no-silver] [--seed N]

Learns from files of the repository alone (make train), listed with their hashes in
pipeline/models/MANIFEST.json:
- hand labels first, weighted up: corpus/annotations/seeds.jsonl and fixtures.jsonl
  ({"text": ..., "spans": [[written name, ROLE], ...]}) and own_bodies.jsonl, the own gold's train
  and dev documents aligned to vanban's text ({"text", "spans": [[start, end, ROLE]], "missing": places
  where a labelled name stands again, left unknown});
- silver second: silver_bodies.jsonl, the rules' bodies in the units of other Lâm Đồng documents
  (never an eval-gold document, a near-copy of one, or an own-gold document).
Both are written by scripts/build_training_data.py. Reproducible: fixed seed, files in sorted order.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["VANBAN_BODIES"] = "rules"

import spacy  # noqa: E402
from spacy.training import Example  # noqa: E402
from spacy.training import offsets_to_biluo_tags  # noqa: E402
from spacy.util import filter_spans, minibatch, fix_random_seed  # noqa: E402

from pipeline.extract.bodies import model as bnlp  # noqa: E402
sys.path.insert(0, str(ROOT / "scripts"))
import manifest  # noqa: E402

NER_CONFIG = {"model": {
    "@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner", "extra_state_tokens": False,
    "hidden_width": 64, "maxout_pieces": 2, "use_upper": True, "nO": None,
    "tok2vec": {"@architectures": "spacy.HashEmbedCNN.v2", "pretrained_vectors": None, "width": 64, "depth": 2,
                "embed_size": 3000, "window_size": 1, "maxout_pieces": 3, "subword_features": True}}}
ANNOTATIONS = ROOT / "corpus" / "annotations"
HAND_WEIGHT = 4          # each hand-annotated unit counts this many times


HAND_FILES = ("seeds.jsonl", "fixtures.jsonl", "own_bodies.jsonl")
SILVER_FILE = "silver_bodies.jsonl"


def read_units(name: str) -> list[tuple[str, list[tuple[int, int, str]], list[tuple[int, int]]]]:
    """(text, entity spans, unknown spans) of each unit of one file."""
    f = ANNOTATIONS / name
    out = []
    for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        rec = json.loads(line)
        if rec.get("split") == "dev":
            continue                # the own gold's dev documents choose settings, they are not learned
        text, ents, pos = rec["text"], [], 0
        for sp in rec["spans"]:
            if len(sp) == 3:
                ents.append((sp[0], sp[1], sp[2].upper()))
                continue
            name_, role = sp
            i = text.find(name_, pos)
            if i < 0:
                i = text.find(name_)
            if i < 0:
                raise SystemExit(f"{f.name}:{n}: {name_!r} not in its text")
            ents.append((i, i + len(name_), role.upper()))
            pos = i + len(name_)
        out.append((text, ents, [tuple(m) for m in rec.get("missing", [])]))
    return out


def to_examples(nlp, data):
    out = []
    for text, ents, missing in data:
        d = nlp.make_doc(text)
        spans = [d.char_span(a, b, label=lab, alignment_mode="contract") for a, b, lab in ents]
        spans = filter_spans([sp for sp in spans if sp is not None])
        tags = offsets_to_biluo_tags(d, [(sp.start_char, sp.end_char, sp.label_) for sp in spans])
        for a, b in missing:
            sp = d.char_span(a, b, alignment_mode="expand")
            if sp is not None:
                for i in range(sp.start, sp.end):
                    if tags[i] == "O":
                        tags[i] = "-"
        out.append(Example.from_dict(d, {"entities": tags}))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--out", default=str(bnlp.MODEL_DIR))
    ap.add_argument("--no-hand", action="store_true", help="silver only (to measure what hand data adds)")
    ap.add_argument("--no-silver", action="store_true", help="hand labels only")
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args(argv)
    fix_random_seed(a.seed)
    rng = random.Random(a.seed)
    t0 = time.time()
    hand = [] if a.no_hand else [u for f in HAND_FILES for u in read_units(f)]
    silver = [] if a.no_silver else read_units(SILVER_FILE)
    print(f"hand units {len(hand)}, silver units {len(silver)}")
    nlp = bnlp.blank()
    ner = nlp.add_pipe("ner", config=NER_CONFIG)
    for lab in bnlp.LABELS:
        ner.add_label(lab)
    nlp.add_pipe("vanban_body_names")
    train = to_examples(nlp, silver + hand * HAND_WEIGHT)
    nlp.initialize(lambda: train)
    for epoch in range(a.epochs):
        rng.shuffle(train)
        losses = {}
        for batch in minibatch(train, size=16):
            nlp.update(batch, drop=0.2, losses=losses)
        print(f"epoch {epoch + 1}: ner loss {losses.get('ner', 0):.1f}")
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    if out.resolve() == bnlp.MODEL_DIR.resolve():
        manifest.record("bodies", out, [ANNOTATIONS / f for f in HAND_FILES + (SILVER_FILE,)],
                        {"hand_weight": HAND_WEIGHT, "epochs": a.epochs, "seed": a.seed})
    print(f"saved {out} ({size / 1e6:.1f} MB) in {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
