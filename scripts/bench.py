#!/usr/bin/env python3
"""Throughput of vanban, in one run: end to end with 1 and 2 workers, per stage, beside a plain-regex scan.

Why (issue 16): every figure is only meaningful beside the others, measured at the same moment on
the same (shared, noisy) machine. End to end, `vanban run` from an empty output folder on the dev
corpus (../shared/corpus/dev, else the project's corpus/) with its scans, on its text path (without
the files the first run read by OCR), on ../shared/corpus/wide and on the text path ×10 (growth):
documents/s, MB/s of normalized text, the same texts scanned by three plain regexes, peak memory
(largest summed RSS of every process of the run, sampled every 0.2 s; PSS beside it) and CPU
seconds. Then the files each reader took, the per-stage table (scripts/bench_extract.py, one core,
in this process) and the OCR benchmark (scripts/bench_ocr.py). The corpora are folders of hard
links (the walk does not follow symbolic links below an input).

    python scripts/bench.py                              # 1 and 2 workers, text path ×1 and ×10
    python scripts/bench.py --scales 1,10,50 --repeat 3  # longer, best of three
"""
from __future__ import annotations

import argparse
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


def place(src: Path, dst: Path) -> None:
    """A hard link to the file (no disk), a copy when it lies on another file system. Not a symbolic
    link: the walk does not follow links below an input (they get `link_outside` records)."""
    try:
        os.link(src.resolve(), dst)
    except OSError:
        shutil.copyfile(src, dst)


def replicate(files: list[Path], scale: int, where: Path) -> Path:
    """`scale` copies of the corpus as folders of hard links."""
    top = where / f"x{scale}"
    if top.exists():
        return top
    for k in range(scale):
        folder = top / f"copy-{k:03d}"
        folder.mkdir(parents=True)
        for i, f in enumerate(files):
            place(f, folder / f"{i:04d}-{f.name}")
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


def machine_busy(before, after) -> float:
    """The share of all the machine's cores busy between two `psutil.cpu_times()` (idle and I/O wait are not)."""
    spent = {k: getattr(after, k) - getattr(before, k) for k in after._fields}
    total = sum(v for k, v in spent.items() if k not in ("guest", "guest_nice"))   # guest time is in user
    return 1.0 - (spent["idle"] + spent.get("iowait", 0.0)) / total if total > 0 else 0.0


def one_run(inputs: Path, out: Path, workers: int) -> tuple[float, int, int, float, float]:
    """(seconds, peak RSS bytes, peak PSS bytes, CPU seconds, machine busy) of one `vanban run` from an empty
    output folder.

    CPU seconds (summed over the processes, as last sampled) do not depend on what
    else the machine runs; on a busy machine compare them rather than the wall time. They miss the
    tesseract processes that start and end between two samples; `machine busy` (the share of all cores
    busy during the run, whoever used them) does not: near 100% with N workers, N workers cannot gain
    more by scheduling, only by doing less.
    """
    shutil.rmtree(out, ignore_errors=True)
    cpu_before = psutil.cpu_times()
    started = time.perf_counter()
    proc = subprocess.Popen([*vanban_cmd(), "run", str(inputs), "--out", str(out), "--workers", str(workers),
                             "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    memory = PeakMemory(proc.pid)
    stdout, stderr = proc.communicate()
    took = time.perf_counter() - started
    busy = machine_busy(cpu_before, psutil.cpu_times())
    memory.stop()
    if proc.returncode not in (0, 1):   # 1: some files failed, each with its record
        sys.exit(f"vanban run failed:\n{stdout}\n{stderr}")
    return took, memory.rss, memory.pss, sum(memory.cpu.values()), busy


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


def texts_of(out: Path) -> list[str]:
    with open(out / "documents.jsonl", encoding="utf-8") as fh:
        return [t for t in (json.loads(line).get("text") for line in fh) if t]


def ocr_sources(out: Path) -> set[str]:
    """Sources of the records read by OCR (reader tesseract, or OCR'd pages): the scans."""
    found = set()
    with open(out / "documents.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if "tesseract" in (rec.get("reader") or "") or (rec.get("ocr") or {}).get("pages"):
                found.add(rec["source"])
    return found


def link_folder(files: list[Path], where: Path) -> Path:
    """The files as one folder of hard links (names kept, so a record's source names its file)."""
    where.mkdir(parents=True, exist_ok=True)
    for f in files:
        place(f, where / f.name)
    return where


def main() -> int:
    from bench_extract import best_regex, main as stage_bench

    cores = os.cpu_count() or 1
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, help="the dev corpus (default: ../shared/corpus/dev, else corpus/)")
    ap.add_argument("--wide", type=Path, help="a second corpus run as it is (default: ../shared/corpus/wide)")
    ap.add_argument("--wide-scale", type=int, default=8, help="copies of the wide corpus for its steady-state row "
                    "(default 8: 112 files, about the size of a held-out set; 0 to skip)")
    ap.add_argument("--scales", default="1,10", help="replication factors of the text path, e.g. 1,10,50")
    ap.add_argument("--workers", default=",".join(map(str, sorted({1, max(2, cores)}))),
                    help="worker counts (default 1,2)")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each end-to-end row; the fastest is shown")
    ap.add_argument("--no-stages", action="store_true", help="skip the per-stage table")
    ap.add_argument("--no-ocr", action="store_true", help="skip scripts/bench_ocr.py")
    ap.add_argument("--work", type=Path, help="scratch folder (default: a temporary one, removed)")
    args = ap.parse_args()

    corpus = args.corpus or (SHARED / "corpus" / "dev")
    if not corpus.is_dir():
        corpus = ROOT / "corpus"
        print(f"bench: {SHARED}/corpus/dev is absent, using the project's {corpus}/ (small: numbers are rough)")
    wide = args.wide or (SHARED / "corpus" / "wide")
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    if not files:
        sys.exit(f"bench: no files under {corpus}")
    counts = [int(w) for w in args.workers.split(",")]
    scales = [int(s) for s in args.scales.split(",")]
    print(f"bench: {cores} cores, load average {os.getloadavg()[0]:.1f}; {corpus}: {len(files)} files; "
          f"workers {counts}, text path ×{scales}; best of {args.repeat}")
    work = args.work or Path(tempfile.mkdtemp(prefix="vanban-bench-"))
    rows: dict[tuple[str, int], tuple] = {}
    header = (f"{'corpus':<16} {'workers':>7} {'files':>6} {'text MB':>7} {'seconds':>8} {'docs/s':>7} "
              f"{'text MB/s':>9} {'regex MB/s':>10} {'× regex':>8} {'peak RSS MB':>11} {'peak PSS MB':>11} {'CPU s':>7} "
              f"{'busy':>5}")

    def measure(name: str, inputs: Path, workers: int, n_files: int) -> Path:
        best = None
        for k in range(max(1, args.repeat)):
            out = work / f"out-{name}-{workers}w-{k}"
            took, rss, pss, cpu, busy = one_run(inputs, out, workers)
            if best is None or took < best[0]:
                best = (took, rss, pss, cpu, busy, out)
        took, rss, pss, cpu, busy, out = best
        texts = texts_of(out)
        mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        regex_s = max(best_regex(texts), 1e-9)
        rows[(name, workers)] = (took, rss, n_files)
        print(f"{name:<16} {workers:>7} {n_files:>6} {mb:>7.2f} {took:>8.1f} {n_files / took:>7.2f} "
              f"{mb / took:>9.3f} {mb / regex_s:>10.1f} {took / regex_s:>8.0f} {rss / 2**20:>11.0f} "
              f"{pss / 2**20:>11.0f} {cpu:>7.1f} {busy:>5.0%}", flush=True)
        return out

    try:
        all_dev = link_folder(files, work / "dev-all")
        print(header)
        first = None
        for w in counts:
            out = measure("dev+scans", all_dev, w, len(files))
            first = first or out
        scans = ocr_sources(first)
        text_files = [f for f in files if not any(s.endswith("/" + f.name) or s == f.name for s in scans)]
        readers = reader_counts(first)
        text_dev = link_folder(text_files, work / "dev-text")
        text_out = None
        for w in counts:
            out = measure("dev text", text_dev, w, len(text_files))
            text_out = text_out or out
        if wide.is_dir():
            wide_files = sorted(p for p in wide.rglob("*") if p.is_file())
            for w in counts:
                measure("wide", wide, w, len(wide_files))
            if args.wide_scale > 1:
                # 14 files are over before a second worker has warmed up (its start and the one OCR'd page of
                # 0010 are most of the run); the held-out sets the goal is stated on hold ~120 documents
                inputs = replicate(wide_files, args.wide_scale, work / "wide")
                for w in counts:
                    measure(f"wide ×{args.wide_scale}", inputs, w, len(wide_files) * args.wide_scale)
        for scale in scales:
            if scale == 1:
                continue
            inputs = replicate(text_files, scale, work)
            for w in counts[-1:]:
                measure(f"dev text ×{scale}", inputs, w, len(text_files) * scale)
    finally:
        pass

    print(f"scans (records read by tesseract): {len(scans)} of {len(files)} dev files; "
          f"readers (dev, files each reader took): {readers}")
    for name in ("dev+scans", "dev text", "wide", f"wide ×{args.wide_scale}"):
        base = rows.get((name, 1))
        for w in counts:
            if w > 1 and base and (name, w) in rows:
                print(f"speed-up {name}: {w} workers {base[0] / rows[(name, w)][0]:.2f}× one worker "
                      f"(goal ≥ {0.9 * w:.1f})")
    top = counts[-1]
    for name in ("wide", f"wide ×{args.wide_scale}"):
        row = rows.get((name, top))
        if row:
            print(f"{name}: {row[2] / row[0]:.2f} files/s with {top} workers (goal ≥ 5 on a held-out set)")
    for scale in scales:
        big = rows.get((f"dev text ×{scale}", top))
        small = rows.get(("dev text", top))
        if big and small:
            print(f"growth {top}w ×1→×{scale}: time ×{big[0] / small[0]:.2f} for ×{scale} the input "
                  f"(goal ≤ {1.05 * scale:.1f}), peak RSS ×{big[1] / small[1]:.2f}")
    try:
        if not args.no_stages:
            print(f"\nstages, in this process on one core, over the dev text path ({len(text_files)} files):",
                  flush=True)
            stage_bench([str(f) for f in text_files])
        ocr_bench = ROOT / "scripts" / "bench_ocr.py"
        scans_dir = corpus.parent / "scans"
        if ocr_bench.exists() and not args.no_ocr and scans_dir.is_dir():
            pdfs = sorted(scans_dir.glob("**/*.pdf"))
            print(f"\nOCR (scripts/bench_ocr.py on all {len(pdfs)} scans, pages streamed across them):", flush=True)
            subprocess.run([sys.executable, str(ocr_bench), *map(str, pdfs)], check=False)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    load = os.getloadavg()[0]
    print(f"bench: load average at the end {load:.1f}"
          + (f" (above {cores}: other work shared the cores, compare CPU s)" if load > cores else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
