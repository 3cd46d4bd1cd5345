#!/usr/bin/env python3
"""Bulk throughput of `vanban run`: documents/s, MB/s and peak memory, 1 worker vs all, corpus ×1, ×10, ×50.

Why: the growth curve (does 10× the input cost 10× the time, with flat
memory?) and the parallel speed-up are only visible side by side. The corpus
is the dev corpus (../shared/corpus/dev, else the project's corpus/) without
its scans, so this measures the text path; OCR has its own benchmark
(scripts/bench_ocr.py, run at the end on every scan). A replica is a folder of
symbolic links, so ×50 costs no disk; every run starts from an empty output
folder (nothing reused from a previous run). Peak memory is the largest sum
of the resident memory (RSS) of every process of the run, sampled every 0.2 s;
PSS (shared pages counted once) is shown beside it.

    python scripts/bench.py                 # ×1 with 1 and all workers, ×10 with all workers (a few minutes)
    python scripts/bench.py --full          # ×1, ×10, ×50, each with 1 and all workers (long)
    python scripts/bench.py --scales 1,10 --workers 1,2
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SHARED", ROOT.parent / "shared"))


def corpus_files(corpus: Path, with_scans: bool) -> tuple[list[Path], int]:
    """The files of the corpus, minus those that are also in shared/corpus/scans (unless asked)."""
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    scans_dir = corpus.parent / "scans"
    if with_scans or not scans_dir.is_dir():
        return files, 0
    scans = {hashlib.sha256(p.read_bytes()).hexdigest() for p in scans_dir.rglob("*.pdf")}
    kept = [p for p in files if hashlib.sha256(p.read_bytes()).hexdigest() not in scans]
    return kept, len(files) - len(kept)


def replicate(files: list[Path], scale: int, where: Path) -> Path:
    """`scale` copies of the corpus as folders of symbolic links."""
    top = where / f"x{scale}"
    if top.exists():
        return top
    for k in range(scale):
        folder = top / f"copy-{k:03d}"
        folder.mkdir(parents=True)
        for i, f in enumerate(files):
            os.symlink(f.resolve(), folder / f"{i:04d}-{f.name}")
    return top


class PeakMemory:
    """Samples the summed RSS and PSS of a process and all its descendants."""

    def __init__(self, pid: int, every: float = 0.2):
        self.root = psutil.Process(pid)
        self.every = every
        self.rss = self.pss = 0
        self.cpu: dict[int, float] = {}  # pid -> user+sys seconds, last seen
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.is_set():
            rss = pss = 0
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                procs = []
            for p in procs:
                try:
                    info = p.memory_full_info()
                    rss += info.rss
                    pss += getattr(info, "pss", info.rss)
                    t = p.cpu_times()
                    self.cpu[p.pid] = t.user + t.system
                except psutil.Error:
                    pass
            self.rss, self.pss = max(self.rss, rss), max(self.pss, pss)
            self._stop.wait(self.every)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def vanban_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("vanban")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "pipeline.apps.cli"]


def one_run(inputs: Path, out: Path, workers: int) -> tuple[float, int, int, float]:
    """(seconds, peak RSS bytes, peak PSS bytes, CPU seconds) of one `vanban run` from an empty output folder.

    CPU seconds (summed over the processes, as last sampled) do not depend on what
    else the machine runs; on a busy machine compare them rather than the wall time.
    """
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    proc = subprocess.Popen([*vanban_cmd(), "run", str(inputs), "--out", str(out), "--workers", str(workers),
                             "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    memory = PeakMemory(proc.pid)
    stdout, stderr = proc.communicate()
    took = time.perf_counter() - started
    memory.stop()
    if proc.returncode != 0:
        sys.exit(f"vanban run failed:\n{stdout}\n{stderr}")
    return took, memory.rss, memory.pss, sum(memory.cpu.values())


def reader_counts(out: Path) -> str:
    """How many files each reader took in a run (`reader` of every record), and the fallbacks."""
    from collections import Counter

    readers, fallbacks = Counter(), Counter()
    with open(out / "documents.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            readers[rec.get("reader") or f"none ({rec.get('status')})"] += 1
            if rec.get("reader_fallback"):
                fallbacks[rec["reader_fallback"].split(":")[0]] += 1
    text = ", ".join(f"{name} {n}" for name, n in readers.most_common())
    return text + ("; fell back: " + ", ".join(f"{why} {n}" for why, n in fallbacks.most_common())
                   if fallbacks else "; no fallback")


def main() -> int:
    cores = os.cpu_count() or 1
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, help="folder to replicate (default: ../shared/corpus/dev, else corpus/)")
    ap.add_argument("--scales", help="replication factors, e.g. 1,10,50")
    ap.add_argument("--workers", help=f"worker counts, e.g. 1,{cores}")
    ap.add_argument("--full", action="store_true", help="×1, ×10 and ×50, each with 1 and all workers")
    ap.add_argument("--with-scans", action="store_true", help="keep the scanned PDFs (OCR) in the corpus")
    ap.add_argument("--no-ocr", action="store_true", help="skip scripts/bench_ocr.py")
    ap.add_argument("--work", type=Path, help="scratch folder (default: a temporary one, removed)")
    args = ap.parse_args()

    corpus = args.corpus or (SHARED / "corpus" / "dev")
    if not corpus.is_dir():
        corpus = ROOT / "corpus"
        print(f"bench: {SHARED}/corpus/dev is absent, using the project's {corpus}/ (small: numbers are rough)")
    files, scans = corpus_files(corpus, args.with_scans)
    if not files:
        sys.exit(f"bench: no files under {corpus}")
    size = sum(f.stat().st_size for f in files)
    all_workers = sorted({1, cores})
    if args.scales or args.workers:
        scales = [int(s) for s in (args.scales or "1,10").split(",")]
        counts = [int(w) for w in (args.workers or ",".join(map(str, all_workers))).split(",")]
        plan = [(s, w) for s in scales for w in counts]
    elif args.full:
        plan = [(s, w) for s in (1, 10, 50) for w in all_workers]
    else:
        plan = [(1, w) for w in all_workers] + [(10, cores)]
    print(f"bench: {len(files)} files, {size / 1e6:.1f} MB from {corpus}"
          + (f" ({scans} scans left out: text path; OCR below)" if scans else ""))
    print(f"bench: {cores} cores, load average {os.getloadavg()[0]:.1f}; plan "
          + ", ".join(f"×{s}/{w}w" for s, w in plan)
          + ("" if args.full or args.scales or args.workers else "   (×50, and ×10 with 1 worker: --full)"))
    work = args.work or Path(tempfile.mkdtemp(prefix="vanban-bench-"))
    rows = []
    try:
        header = (f"{'scale':>5} {'workers':>7} {'files':>6} {'MB':>7} {'seconds':>8} {'docs/s':>7} {'MB/s':>6} "
                  f"{'peak RSS MB':>11} {'peak PSS MB':>11} {'CPU s':>7}")
        print(header)
        for scale, workers in plan:
            inputs = replicate(files, scale, work)
            took, rss, pss, cpu = one_run(inputs, work / f"out-x{scale}-{workers}w", workers)
            if not rows:
                readers = reader_counts(work / f"out-x{scale}-{workers}w")
            n, mb = len(files) * scale, size * scale / 1e6
            rows.append((scale, workers, n, took, rss, pss))
            print(f"{scale:>5} {workers:>7} {n:>6} {mb:>7.1f} {took:>8.1f} {n / took:>7.2f} {mb / took:>6.2f} "
                  f"{rss / 2**20:>11.0f} {pss / 2**20:>11.0f} {cpu:>7.1f}", flush=True)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)

    if rows:
        print(f"readers (×{rows[0][0]}, files each reader took): {readers}")
    by = {(s, w): (t, rss) for s, w, _, t, rss, _ in rows}
    for scale in sorted({s for s, _ in by}):
        if (scale, 1) in by:
            for w in sorted({w for s, w in by if s == scale and w > 1}):
                print(f"speed-up ×{scale}: {w} workers {by[(scale, 1)][0] / by[(scale, w)][0]:.2f}× one worker's "
                      f"throughput (goal ≥ {0.9 * w:.1f})")
    for w in sorted({w for _, w in by}):
        scales = sorted(s for s, ww in by if ww == w)
        for a, b in zip(scales, scales[1:]):
            (ta, ma), (tb, mb_) = by[(a, w)], by[(b, w)]
            print(f"growth {w}w ×{a}→×{b}: time ×{tb / ta:.2f} for ×{b // a} the input "
                  f"(linear: ≤ {1.1 * b / a:.0f}), peak memory ×{mb_ / ma:.2f}")

    ocr_bench = ROOT / "scripts" / "bench_ocr.py"
    scans_dir = corpus.parent / "scans"
    if ocr_bench.exists() and not args.no_ocr and scans_dir.is_dir():
        pdfs = sorted(scans_dir.glob("**/*.pdf"))
        print(f"\nOCR (scripts/bench_ocr.py on all {len(pdfs)} scans, pages streamed across them):", flush=True)
        subprocess.run([sys.executable, str(ocr_bench), *map(str, pdfs)], check=False)
    load = os.getloadavg()[0]
    print(f"bench: load average at the end {load:.1f}"
          + (f" (above {cores}: other work shared the cores, compare CPU s)" if load > cores else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
