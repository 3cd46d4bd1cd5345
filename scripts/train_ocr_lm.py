#!/usr/bin/env python3
"""The syllable counts that read OCR's lost tone marks back (`pipeline/read/ocr/tone_repair.py`).

    python scripts/train_ocr_lm.py --data [--shared ../shared]   # corpus/annotations/syllable_bigrams.tsv
    python scripts/train_ocr_lm.py                               # pipeline/models/ocr_lm/ from that file

`--data` (part of `make train-data`) counts the syllable pairs of the born-digital documents of
`../shared/corpus/dev` and `legacy` — never a document `../shared/eval/gold` scores, nor a near-copy
of one, nor one of the held-out `test` split, nor one read by OCR — into a TSV of `a b<TAB>count`
(pairs seen at least twice, plus every syllable's own count as `a<TAB>count`). Counts, not text:
no sentence of a document is kept. The default step (part of `make train`) copies what the
runtime needs into `pipeline/models/ocr_lm/` and records both in the models' MANIFEST.
"""
from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import learn_data as L  # noqa: E402
import manifest  # noqa: E402

DATA = L.ANNOTATIONS / "syllable_bigrams.tsv"
MODEL_DIR = ROOT / "pipeline" / "models" / "ocr_lm"
MIN_PAIR = 2
_SYLLABLE = re.compile(r"[^\W\d_]+")


def line_syllables(line: str) -> list[list[str]]:
    """Runs of syllables a line holds with no punctuation or number between them (lower case)."""
    runs = []
    for chunk in re.split(r"[^\w\s]|\d|_", unicodedata.normalize("NFC", line)):
        words = _SYLLABLE.findall(chunk.lower())
        if words:
            runs.append(words)
    return runs


def learnable(shared: Path) -> list[Path]:
    """Dev and legacy documents that nothing scores: not the eval gold's, nor a near-copy of one, nor the
    held-out test split's (`learn_data.excluded_from_silver`)."""
    excluded = L.excluded_from_silver(shared)
    return [p for p in L.corpus_files(shared) if p.relative_to(shared / "corpus").parts[0] in ("dev", "legacy")
            and p.stem not in excluded]


def build_data(shared: Path) -> None:
    """Counts of the learnable documents' text layers (no OCR: a scan's misreadings are what is repaired)."""
    uni: Counter = Counter()
    pairs: Counter = Counter()
    used = 0
    for p in learnable(shared):
        text = L.read_text(p, ocr=False)
        if not text or not text.strip():
            continue
        used += 1
        for line in text.split("\n"):
            for run in line_syllables(line):
                uni.update(run)
                pairs.update(f"{a} {b}" for a, b in zip(run, run[1:]))
    rows = [f"{k}\t{v}" for k, v in sorted(uni.items())]
    rows += [f"{k}\t{v}" for k, v in sorted(pairs.items()) if v >= MIN_PAIR]
    DATA.write_text("# syllable and syllable-pair counts of %d born-digital documents (scripts/train_ocr_lm.py)\n"
                    % used + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{DATA.relative_to(ROOT)}: {used} documents, {len(uni)} syllables, "
          f"{sum(1 for v in pairs.values() if v >= MIN_PAIR)} pairs")


def train() -> None:
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    target = MODEL_DIR / "syllable_bigrams.tsv"
    target.write_bytes(DATA.read_bytes())
    manifest.record("ocr_lm", MODEL_DIR, [DATA], {"min_pair": MIN_PAIR})
    print(f"{target.relative_to(ROOT)} written")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", action="store_true", help="count the corpus into corpus/annotations")
    ap.add_argument("--shared", default=str(L.SHARED))
    args = ap.parse_args(argv)
    if args.data:
        build_data(Path(args.shared))
    else:
        train()
    return 0


if __name__ == "__main__":
    sys.exit(main())
