"""Per-stage throughput on one core: read, normalize, parse and each extractor, beside a plain-regex scan.

    python scripts/bench_extract.py FILE_OR_FOLDER...            # files read here, in this process
    python scripts/bench_extract.py                              # the same over ../shared/corpus/dev
    python scripts/bench_extract.py --jsonl OUT/documents.jsonl  # the normalized texts of a run (no read)
    python scripts/bench_extract.py ... --profile 30             # and a cProfile of the stages after ingest

Every file is read once (`read`: ingest, legacy conversion included), then each stage runs over
every document in turn, the way `process_file` runs them, and is timed alone. MB/s counts the UTF-8
bytes of the normalized text (not of the files), so every stage is comparable with the others and
with the baseline beside it: three plain regexes (a number/code, a date, a capitalised word) scanned
over the same normalized texts. Best of `--repeat` rounds (the machine is shared; the best is the
least disturbed).
"""
from __future__ import annotations

import argparse
import cProfile
import inspect
import io
import json
import os
import pstats
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pipeline.extract import ordered, run_extractor  # noqa: E402
from pipeline.parse.document import Doc  # noqa: E402
from pipeline.parse.structure import parse  # noqa: E402
from pipeline.read.base import IngestError  # noqa: E402
from pipeline.read.ingest import ingest  # noqa: E402
from pipeline.read.legacy import capital_fonts  # noqa: E402
from pipeline.read.normalize import normalize  # noqa: E402

# the baseline: what scanning the same texts costs with the re module alone
PLAIN = [re.compile(r"\d+/\d{4}/[A-ZĐ-]+|\d+/[A-ZĐ]+-[A-ZĐ]+"),
         re.compile(r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"),
         re.compile(r"\b[A-ZĐ][a-zà-ỹđ]+\b")]


def regex_scan(texts: list[str]) -> float:
    """Seconds for the three plain regexes over the texts."""
    start = time.perf_counter()
    for t in texts:
        for rx in PLAIN:
            for _ in rx.finditer(t):
                pass
    return time.perf_counter() - start


def best_regex(texts: list[str], rounds: int = 3) -> float:
    return min(regex_scan(texts) for _ in range(rounds))


def expand(paths: list[str]) -> list[Path]:
    out = []
    for p in map(Path, paths):
        out.extend(sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p])
    return out


def read_all(files: list[Path]) -> tuple[list[tuple], float]:
    """((text, fmt, wrapped, ocr, capital fonts, offsets) per readable file, seconds spent reading); `offsets`:
    whether `process_file` keeps the map back to the raw text (pages or OCR spans to place), as normalize
    then builds it."""
    raws, took = [], 0.0
    for f in files:
        start = time.perf_counter()
        try:
            raw = ingest(f)
        except IngestError:
            continue
        took += time.perf_counter() - start
        raws.append((raw.text, raw.format, raw.wrapped, bool(raw.ocr and raw.ocr.get("pages")),
                     capital_fonts(getattr(raw, "legacy", None)), bool(raw.page_starts or raw.ocr)))
    return raws, took


def cold_caches() -> None:
    """Forget what earlier rounds memoized about the documents' texts (the bounded `lru_cache`s and the
    modules' `clear_cache()`), keeping what is compiled once per process (rules, patterns, models): every
    round then costs what a run's worker pays for documents it has not seen, not a replay of the last round."""
    for name, mod in list(sys.modules.items()):
        if not name.startswith("pipeline") or mod is None:
            continue
        for value in list(vars(mod).values()):
            info = getattr(value, "cache_info", None)
            if info is not None and getattr(value, "__module__", None) == name and info().maxsize is not None \
                    and inspect.signature(value).parameters:
                value.cache_clear()     # a bounded cache of some argument (not a `load()` kept once)
        clear = vars(mod).get("clear_cache")
        if callable(clear):
            clear()


def stages_once(raws: list[tuple], warm: bool = False) -> tuple[dict[str, float], list[str]]:
    """Seconds per stage over every document (one round), and the normalized texts. Caches of the texts
    seen are emptied first unless `warm`."""
    if not warm:
        cold_caches()
    times: dict[str, float] = {}
    clock = time.perf_counter
    norms, parsed = [], []
    start = clock()
    for text, fmt, wrapped, _, caps, offsets in raws:
        norms.append(normalize(text, fmt, wrapped, join_lower=not caps, offsets=offsets).text)
    times["normalize"] = clock() - start
    start = clock()
    for t, (_, _, _, ocr, _, _) in zip(norms, raws):
        parsed.append(parse(t, ocr=ocr))
    times["parse"] = clock() - start
    docs = [Doc(source=str(i), text=t, structure=s) for i, (t, s) in enumerate(zip(norms, parsed))]
    for ex in ordered():
        start = clock()
        for d in docs:
            run_extractor(ex, d)
        times[ex.name] = clock() - start
    return times, norms


def report(times: dict[str, float], n: int, mb: float, regex_s: float, read_s: float | None) -> None:
    print(f"{'stage':<12} {'ms/doc':>8} {'MB/s':>7} {'× regex time':>13}")
    rows = ([("read", read_s)] if read_s is not None else []) + list(times.items())
    after = sum(times.values())
    for name, s in rows + [("after ingest", after), ("plain regex", regex_s)]:
        print(f"{name:<12} {1000 * s / n:>8.2f} {mb / s:>7.2f} {s / regex_s:>13.1f}")
    print(f"stages after ingest (normalize, parse, extract): {mb / after:.2f} MB/s, {n / after:.1f} docs/s "
          f"on one core (goal ≥ 1.2 MB/s); plain-regex scan {mb / regex_s:.1f} MB/s, "
          f"{after / regex_s:.0f}× faster")


def default_inputs() -> Path:
    """The shared dev corpus beside the repository (the corpus the throughput goal is stated on;
    $VANBAN_SHARED or $SHARED name the shared folder, as for eval_own.py and bench.py), else the
    repository's own corpus/."""
    shared = Path(os.environ.get("VANBAN_SHARED") or os.environ.get("SHARED") or ROOT.parent / "shared")
    dev = shared / "corpus" / "dev"
    return dev if dev.is_dir() else ROOT / "corpus"


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="*", help="files or folders to read and time (default: the shared dev "
                    "corpus ../shared/corpus/dev if it exists, else corpus/)")
    ap.add_argument("--jsonl", help="time the stages after read over the texts of a run's documents.jsonl")
    ap.add_argument("--repeat", type=int, default=3, help="rounds; the best is shown (default 3)")
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="print the N costliest functions")
    ap.add_argument("--warm", action="store_true", help="keep what earlier rounds memoized about the texts "
                    "(by default every round starts from cold caches, as a run's worker meets new documents)")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args(argv)
    read_s = None
    if args.jsonl:
        recs = [json.loads(line) for line in open(args.jsonl, encoding="utf-8")]
        raws = [(r["text"], r.get("format") or "txt", False, bool((r.get("ocr") or {}).get("pages")), False,
                 bool(r.get("page_starts") or r.get("ocr"))) for r in recs if r.get("text")]
    else:
        files = expand(args.inputs or [str(default_inputs())])
        raws, read_s = read_all(files)
        if raws:
            read_s = min([read_s] + [read_all(files)[1] for _ in range(args.repeat - 1)])
    if not raws:
        where = args.jsonl or ", ".join(args.inputs) or str(default_inputs())
        print(f"bench_extract: no readable document with text in {where}: nothing to time")
        return {"documents": 0}
    best: dict[str, float] = {}
    for _ in range(max(1, args.repeat)):
        times, norms = stages_once(raws, args.warm)
        best = {k: min(v, best.get(k, v)) for k, v in times.items()}
    n, mb = len(norms), sum(len(t.encode("utf-8")) for t in norms) / 1e6
    regex_s = best_regex(norms)
    print(f"stages: {n} documents, {mb:.2f} MB of normalized text, one core, best of {args.repeat} rounds")
    report(best, n, mb, regex_s, read_s)
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        stages_once(raws, args.warm)
        prof.disable()
        buf = io.StringIO()
        stats = pstats.Stats(prof, stream=buf)
        stats.sort_stats("cumulative").print_stats(args.profile)
        stats.sort_stats("tottime").print_stats(args.profile)
        print(buf.getvalue())
    figures = {"documents": n, "mb": mb, "read_s": read_s, "stages_s": best, "regex_s": regex_s}
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1))
    return figures


if __name__ == "__main__":
    main()
