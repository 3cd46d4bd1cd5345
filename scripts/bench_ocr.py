#!/usr/bin/env python3
"""OCR throughput: our pipeline (render, clean up, tesseract TSV) vs plain tesseract by hand.

Both read the same PDF pages at 300 dpi with one single-threaded tesseract per core. Plain is
`pdftoppm -r 300` then `tesseract PAGE.png out -l vie`; its time is shown with and without
the rendering. Ours is `pipeline.read.ocr.ocr.ocr_pdf_pages`, everything included.
usage: bench_ocr.py [PDF ...]   (default: the PDFs of ../shared/corpus/scans)
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.read.ocr import ocr


def page_count(pdf: Path) -> int:
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def plain(pdfs: list[Path], cores: int) -> tuple[float, float, int]:
    """(seconds with rendering, seconds of tesseract alone, pages)."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    with tempfile.TemporaryDirectory(prefix="bench-ocr-") as tmp:
        t0 = time.perf_counter()
        with ThreadPoolExecutor(cores) as pool:
            list(pool.map(lambda ip: subprocess.run(["pdftoppm", "-r", "300", "-png", str(ip[1]), f"{tmp}/d{ip[0]}"],
                                                    check=True), enumerate(pdfs)))
        pngs = sorted(Path(tmp).glob("*.png"))
        t1 = time.perf_counter()
        with ThreadPoolExecutor(cores) as pool:
            list(pool.map(lambda p: subprocess.run(["tesseract", str(p), str(p.with_suffix("")), "-l", "vie"],
                                                   capture_output=True, env=env, check=True), pngs))
        t2 = time.perf_counter()
    return t2 - t0, t2 - t1, len(pngs)


def ours(pdfs: list[Path], cores: int) -> tuple[float, int]:
    """The pipeline's OCR stage over every page, streamed across the PDFs like plain's pool."""
    def pages():
        for pdf in pdfs:
            yield from ocr.iter_pdf_pages(pdf)

    t0 = time.perf_counter()
    n = len(ocr.read_stream(pages(), max_workers=cores))
    return time.perf_counter() - t0, n


def main(args: list[str]) -> int:
    pdfs = [Path(a) for a in args] or sorted((ROOT.parent / "shared" / "corpus" / "scans").glob("**/*.pdf"))
    if not pdfs:
        print("bench-ocr: no PDFs given and ../shared is absent (skipped)")
        return 0
    if not ocr.available():
        print("bench-ocr: tesseract with `vie` is not installed (skipped)")
        return 0
    cores = ocr.workers()
    repeat = int(os.environ.get("BENCH_OCR_REPEAT", "2"))
    runs_ours, runs_plain, runs_tess = [], [], []
    for _ in range(repeat):   # interleaved, best of each: a background blip hits one run, not one side
        t, n = ours(pdfs, cores)
        runs_ours.append(t)
        t_plain, t_tess, n_plain = plain(pdfs, cores)
        runs_plain.append(t_plain)
        runs_tess.append(t_tess)
    t_ours, t_plain, t_tess = min(runs_ours), min(runs_plain), min(runs_tess)
    print(f"{n} pages from {len(pdfs)} PDFs, {cores} cores, best of {repeat}")
    print(f"ours (render, clean up, TSV)  {t_ours:7.1f} s  {n / t_ours:6.3f} pages/s")
    print(f"plain pdftoppm + tesseract    {t_plain:7.1f} s  {n_plain / t_plain:6.3f} pages/s")
    print(f"plain tesseract on PNGs       {t_tess:7.1f} s  {n_plain / t_tess:6.3f} pages/s  (rendering not counted)")
    print(f"overhead: {100 * (t_ours / t_plain - 1):+.1f}% vs pdftoppm + tesseract, "
          f"{100 * (t_ours / t_tess - 1):+.1f}% vs tesseract alone (target <= +10%)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
