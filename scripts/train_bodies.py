#!/usr/bin/env python3
"""Train the body-and-role model (pipeline/nlp.py) and save it to pipeline/models/bodies/.

    python scripts/train_bodies.py [CORPUS_DIR ...] [--epochs N] [--out DIR]

Training data:
- hand annotations in corpus/annotations/*.jsonl (one unit per line:
  {"text": ..., "spans": [[written name, ROLE], ...]}), weighted up;
- silver: what the rules find in the units of every document under the
  CORPUS_DIRs (unlabelled text; no gold file is read).
Reproducible: fixed seed, files in sorted order.
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
from spacy.util import filter_spans, minibatch, fix_random_seed  # noqa: E402

from pipeline.extract.bodies import model as bnlp
from pipeline.parse.document import Doc
from pipeline.extract import bodies as rb
from pipeline.extract import references
from pipeline.read.base import IngestError
from pipeline.read.ingest import ingest
from pipeline.read.normalize import normalize
from pipeline.parse.structure import parse

NER_CONFIG = {"model": {
    "@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner", "extra_state_tokens": False,
    "hidden_width": 64, "maxout_pieces": 2, "use_upper": True, "nO": None,
    "tok2vec": {"@architectures": "spacy.HashEmbedCNN.v2", "pretrained_vectors": None, "width": 64, "depth": 2,
                "embed_size": 3000, "window_size": 1, "maxout_pieces": 3, "subword_features": True}}}
ANNOTATIONS = ROOT / "corpus" / "annotations"
HAND_WEIGHT = 4          # each hand-annotated unit counts this many times
NEGATIVE_SHARE = 0.3     # share of units with no body kept as negatives


def hand_examples() -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Hand annotations: each written name is found in the text, left to right."""
    out = []
    for f in sorted(ANNOTATIONS.glob("*.jsonl")):
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            text, ents, pos = rec["text"], [], 0
            for name, role in rec["spans"]:
                i = text.find(name, pos)
                if i < 0:
                    i = text.find(name)
                if i < 0:
                    raise SystemExit(f"{f.name}:{n}: {name!r} not in its text")
                ents.append((i, i + len(name), role.upper()))
                pos = i + len(name)
            out.append((text, ents))
    return out


def read_doc(path: Path) -> Doc | None:
    try:
        raw = ingest(path)
    except IngestError:
        return None
    norm = normalize(raw.text, raw.format, raw.wrapped)
    doc = Doc(source=path.name, text=norm.text, structure=parse(norm.text))
    doc.found["references"] = references.find(doc)
    return doc


def silver_examples(doc: Doc, rng: random.Random) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """The rules' bodies inside each model unit of one document, as entity spans."""
    items = rb.finalize(doc, rb.find_rules(doc))
    out = []
    for s, e, kind in bnlp.units(doc):
        ents = []
        for it in items:
            if s <= it["start"] and it["end"] <= e:
                ents.append((it["start"] - s, it["end"] - s, it["role"].upper()))
        if not ents and rng.random() > NEGATIVE_SHARE:
            continue
        out.append((doc.text[s:e], ents))
    return out


def to_examples(nlp, data):
    out = []
    for text, ents in data:
        d = nlp.make_doc(text)
        spans = [d.char_span(a, b, label=lab, alignment_mode="contract") for a, b, lab in ents]
        spans = filter_spans([sp for sp in spans if sp is not None])
        out.append(Example.from_dict(d, {"entities": [(sp.start_char, sp.end_char, sp.label_) for sp in spans]}))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="*", help="folders of unlabelled documents for silver data")
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--out", default=str(bnlp.MODEL_DIR))
    ap.add_argument("--no-hand", action="store_true", help="silver only (to measure what hand data adds)")
    a = ap.parse_args(argv)
    fix_random_seed(0)
    rng = random.Random(0)
    t0 = time.time()
    silver = []
    for root in a.corpus:
        for p in sorted(Path(root).rglob("*")):
            if p.is_file():
                doc = read_doc(p)
                if doc is not None:
                    silver.extend(silver_examples(doc, rng))
    hand = [] if a.no_hand else hand_examples()
    print(f"silver units {len(silver)}, hand units {len(hand)} ({time.time() - t0:.0f} s to read)")
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
    print(f"saved {out} ({size / 1e6:.1f} MB) in {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
