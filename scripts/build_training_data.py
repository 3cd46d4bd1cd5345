#!/usr/bin/env python3
"""Write the training data of the body and target models into corpus/annotations/ (make train-data).

    python scripts/build_training_data.py [--shared ../shared]

Needs `../shared/corpus` (the documents are not in the repository); `make train` then learns from the
files written here alone, so the shipped models are reproduced from the repository.

- `own_bodies.jsonl`, `own_targets.jsonl`: the project's own gold (corpus/annotations/gold) of the
  `train` and `dev` splits, found in vanban's normalized text (`learn_data.align_gold`): each model
  unit with its hand-labelled spans. What cannot be aligned is dropped and counted.
  The `test` and `seen` splits (held out) are never written.
- `own_body_names.jsonl`: for the name ranker (`pipeline/extract/bodies/ranker.py`), every distinct name
  of those documents' task lines (the grammar's and the rules') with its context, labelled by the shared
  scorer's name match against the gold (`label`; `new` when the rules' bodies miss that gold body), after
  one `doc` record per document with the rules' own tally.
- `silver_bodies.jsonl`: what the rules find in the units of the other Lâm Đồng documents
  (`../shared/corpus/dev`), minus the eval gold's documents, their near-copies and the own gold.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
os.environ["VANBAN_BODIES"] = "rules"
os.environ["VANBAN_TARGETS"] = "rules"

import learn_data as L  # noqa: E402
from pipeline.extract import bodies as rb, dates, references, targets as rt  # noqa: E402
from pipeline.extract import targets_model as tm  # noqa: E402
from pipeline.extract.bodies import model as bm, ranker  # noqa: E402
from pipeline.parse.document import Doc  # noqa: E402
from pipeline.parse.structure import parse  # noqa: E402

NEGATIVE_SHARE = 0.3


def make_doc(path: Path, text: str | None = None) -> Doc | None:
    text = text if text is not None else L.read_text(path)
    if not text:
        return None
    doc = Doc(source=path.name, text=text, structure=parse(text))
    doc.found["references"] = references.find(doc)
    doc.found["dates"] = dates.find(doc)
    return doc


def body_units(doc: Doc, spans: list[tuple[int, int, str]], names: list[str], rng, keep_all: bool):
    """Each model unit with the labelled spans inside it; other places where a labelled name is
    written are left unknown (the gold lists a (name, role) once per document)."""
    out = []
    folded = doc.text.casefold()
    for s, e, kind in bm.units(doc):
        ents = [(a - s, b - s, r) for a, b, r in spans if s <= a and b <= e]
        missing = []
        for n in names:
            i = folded.find(n.casefold(), s, e)
            while 0 <= i < e:
                j = i + len(n)
                if j <= e and not any(a <= i - s < b or a < j - s <= b for a, b, _ in ents):
                    missing.append((i - s, j - s))
                i = folded.find(n.casefold(), j, e)
        if not ents and not missing and not keep_all and rng.random() > NEGATIVE_SHARE:
            continue
        out.append({"text": doc.text[s:e], "kind": kind, "spans": [list(x) for x in ents],
                    "missing": [list(x) for x in sorted(missing)]})
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(L.SHARED))
    ap.add_argument("--no-silver", action="store_true")
    a = ap.parse_args(argv)
    shared = Path(a.shared)
    rng = random.Random(0)
    own_b, own_t, own_n, dropped = [], [], [], {"bodies": 0, "targets": 0}
    scorer = L.scorer(shared)
    kept = {"bodies": 0, "targets": 0}
    gold = L.load_own_gold()
    eval_stems = L.eval_gold_stems(shared)
    for stem, g in gold.items():
        split = L.split_of(stem, g)
        if split in ("test", "seen") or stem in eval_stems:      # `seen`: held out, its misses read, never learned from
            continue
        doc = make_doc(shared / "corpus" / g["source"])
        if doc is None:
            continue
        al = L.align_gold(stem, g, doc.text)
        for k in dropped:
            dropped[k] += al["dropped"][k]
            kept[k] += len(al[k])
        fields = set(g.get("fields") or ("bodies", "targets"))
        if "bodies" in fields:
            spans = [(s, e, (role or "lead").upper()) for s, e, _, role in al["bodies"]]
            # longest first, then by text: a set's order changes with the process's string hashes
            names = sorted({doc.text[s:e] for s, e, _ in spans}, key=lambda n: (-len(n), n))
            for u in body_units(doc, spans, names, rng, keep_all=False):
                own_b.append({**u, "doc": stem, "split": split})
            group = g.get("annotation", {}).get("group")
            own_n.extend({**r, "group": group} for r in body_names(doc, g, scorer, stem, split))
        if "targets" in fields:
            gold_at = {s: t for s, e, t in al["targets"]}
            for c in tm.candidates(doc, rt.find_rules(doc)):
                t = gold_at.get(c["start"])
                own_t.append({**tm.to_record(c), "label": int(t is not None),
                              "gold_unit": t.get("unit") if t else None, "doc": stem, "split": split,
                              "group": g.get("annotation", {}).get("group")})
    print(f"own gold aligned: bodies {kept['bodies']} (dropped {dropped['bodies']}), "
          f"targets {kept['targets']} (dropped {dropped['targets']})")
    print(f"own units: bodies {len(own_b)}, target candidates {len(own_t)} ({sum(r['label'] for r in own_t)} objectives)")
    out = L.ANNOTATIONS
    write(out / "own_bodies.jsonl", own_b)
    write(out / "own_targets.jsonl", own_t)
    write(out / "own_body_names.jsonl", own_n)
    print(f"body names: {sum(1 for r in own_n if r['kind'] == 'name')} "
          f"({sum(r.get('new', 0) for r in own_n)} the rules missed)")
    if not a.no_silver:
        skip = L.excluded_from_silver(shared) | set(gold)
        silver = []
        n_docs = 0
        for p in sorted((shared / "corpus" / "dev").iterdir()):
            if not p.is_file() or p.stem in skip or p.suffix.lower() not in L.READABLE:
                continue
            doc = make_doc(p, L.read_text(p, ocr=False))
            if doc is None:
                continue
            n_docs += 1
            items = rb.finalize(doc, rb.find_rules(doc))
            spans = [(it["start"], it["end"], it["role"].upper()) for it in items]
            for u in body_units(doc, spans, [], rng, keep_all=False):
                silver.append({**u, "doc": p.stem, "split": "silver"})
        print(f"silver: {n_docs} documents, {len(silver)} units")
        write(out / "silver_bodies.jsonl", silver)
    return 0


def body_names(doc: Doc, gold: dict, scorer, stem: str, split: str) -> list[dict]:
    """The ranker's records of one document (`bodies.ranker.records`), labelled by the shared scorer's name
    match: `label` the gold lists the name, `new` a gold body the rules' bodies do not match. A first
    record of kind `doc` holds the rules' own tally (tp, fp, fn) so training can score a policy."""
    rule_items = rb.find_rules(doc)
    final = rb.finalize(doc, list(rule_items))
    gb = gold.get("bodies") or []
    res, _ = scorer.score({stem: {**gold, "fields": ["bodies"]}}, {stem: {"bodies": final}}, False)
    _, missed, _ = scorer.match_names(gb, final, "name")
    out = [{"kind": "doc", "doc": stem, "split": split,
            "rules": {k: res["bodies"][k] for k in ("tp", "fp", "fn")}}]
    for rec in ranker.records(doc, rule_items):
        hit = [x for x in gb if scorer.names_match(rec["name"], x["name"])]
        new = [x for x in missed if scorer.names_match(rec["name"], x["name"])]
        out.append({**rec, "kind": "name", "label": int(bool(hit)), "new": int(bool(new)),
                    "kept": int(any(scorer.names_match(rec["name"], f["name"]) for f in final)),
                    "roles": sorted({x.get("role") or "" for x in hit}), "doc": stem, "split": split})
    return out


def write(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    sys.exit(main())
