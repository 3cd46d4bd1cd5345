#!/usr/bin/env python3
"""OCR quality on `../shared/corpus/scans/pairNN/`: our text vs plain `tesseract -l vie` at 300 dpi.

For each pair, prints the character and word error of both against `reference_text.txt`
(alignment-based, whitespace and table pipes folded: `../shared/eval/ocr_metrics.py`).
The reference is often the unsigned draft, so part of every error is the document's own.
usage: eval_ocr.py [SCANS_DIR]
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import ocr  # noqa: E402
from pipeline.ingest import ingest  # noqa: E402


def plain_tesseract(pdf: Path) -> str:
    """What one would do by hand: pdftoppm -r 300, then tesseract -l vie on each page."""
    with tempfile.TemporaryDirectory(prefix="eval-ocr-") as tmp:
        subprocess.run(["pdftoppm", "-r", "300", "-png", str(pdf), f"{tmp}/p"], check=True)
        pages = sorted(Path(tmp).glob("p-*.png"))

        def read(png: Path) -> str:
            env = {"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"}
            return subprocess.run(["tesseract", str(png), "stdout", "-l", "vie"], capture_output=True,
                                  env=env, check=True).stdout.decode("utf-8", "replace")
        with ThreadPoolExecutor(ocr.workers()) as pool:
            return "\n".join(pool.map(read, pages))


def main(scans: str | None = None) -> int:
    scans_dir = Path(scans or ROOT.parent / "shared" / "corpus" / "scans")
    pairs = sorted(p for p in scans_dir.glob("pair*") if (p / "scan.pdf").exists())
    if not pairs:
        print(f"eval-ocr: no pairNN/ folders under {scans_dir} (skipped)")
        return 0
    sys.path.insert(0, str(scans_dir.parent.parent / "eval"))
    from ocr_metrics import cer, wer

    print(f"{'pair':8} {'pages':>5} {'ours CER':>9} {'plain CER':>9} {'diff':>6} {'ours WER':>9} {'plain WER':>9}")
    ours_cers, worst = [], 0.0
    for pair in pairs:
        ref = (pair / "reference_text.txt").read_text(encoding="utf-8")
        got = ingest(pair / "scan.pdf")
        plain = plain_tesseract(pair / "scan.pdf")
        c_ours, c_plain = cer(ref, got.text), cer(ref, plain)
        ours_cers.append(c_ours)
        worst = max(worst, c_ours - c_plain)
        print(f"{pair.name:8} {len(got.page_starts):5d} {c_ours:9.2%} {c_plain:9.2%} {100 * (c_ours - c_plain):+6.2f}"
              f" {wer(ref, got.text):9.2%} {wer(ref, plain):9.2%}")
    med = statistics.median(ours_cers)
    ok = med <= 0.03 and worst <= 0.01
    print(f"median CER {med:.2%} (target <= 3%); worst vs plain {100 * worst:+.2f} points (target <= +1)"
          f" -> {'OK' if ok else 'SHORT'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
