#!/usr/bin/env python3
"""What a document loses when it arrives as an office scan instead of the file it was printed from.

    python scripts/eval_scans.py [--all] [--wide] [--cache DIR]

Takes the own-gold documents of the `dev` group (Lâm Đồng), prints each as an office scanner gives it
back (grey, 200–300 dpi, turned by up to half a degree, a little blur and sensor noise, JPEG pages in
an image-only PDF), runs vanban on the originals and on the scans, and scores both against the same
own gold with the shared scorer (`score.score`, imported as scripts/eval_own.py does): the scan is
given its original's gold. One line per field: original, scan, and the difference.

Why: a large share of what the pipeline will meet is scanned paper, and the own gold is almost all
born-digital files; this is the only measure of the OCR path against the same answers.

Renders, OCR readings (`VANBAN_OCR_CACHE`) and both runs are cached under DIR (default
/tmp/vanban_scans), so a re-run after a change downstream of OCR takes seconds. By default only
documents of at most SUBSET_PAGES pages are scanned (OCR is slow on a small machine); `--all` takes
every one. DOCX/DOC are printed to PDF by LibreOffice (`soffice`) when it is installed, else skipped
(and listed). `--wide` adds the held-out `wide` group as one aggregate row only: its documents are
never shown one by one.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import numpy as np  # noqa: E402
from PIL import Image, ImageFilter  # noqa: E402

import eval_own  # noqa: E402
from bench_ocr import page_count  # noqa: E402  (one PDF page counter for both OCR scripts)

FIELDS = ("references", "sections", "bodies", "body_roles", "dates", "targets")
METADATA = ("identifier", "issued_date", "signer", "issuer", "doc_type", "title")
SUBSET_PAGES = 12
VANBAN = Path(sys.executable).with_name("vanban")


# ---------------------------------------------------------------- the office scan

def scan_page(page: Image.Image, rng: random.Random) -> Image.Image:
    """A clean page as an office scanner returns it: slightly turned, soft, noisy, grey."""
    angle = rng.uniform(-0.5, 0.5)
    page = page.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    page = page.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 0.8)))
    arr = np.asarray(page, dtype=np.float32) * rng.uniform(0.92, 0.98) + rng.uniform(4, 12)
    arr += np.random.default_rng(rng.randrange(1 << 30)).normal(0, 6, arr.shape)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L")


def to_pdf(source: Path, tmp: Path) -> Path | None:
    """The file as a PDF: itself, or LibreOffice's print of a DOCX/DOC; None when that cannot be made."""
    if source.suffix.lower() == ".pdf":
        return source
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None
    tmp.mkdir(parents=True, exist_ok=True)
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(source)],
                   capture_output=True, timeout=300)
    out = tmp / (source.stem + ".pdf")
    return out if out.is_file() else None


def make_scan(pdf: Path, target: Path, seed: str, dpi: int | None = None) -> int:
    """An image-only PDF of `pdf`'s pages as scanned (at `dpi`, else one of 200, 240, 300 drawn from the
    seed); returns the number of pages."""
    import pypdfium2 as pdfium

    rng = random.Random(seed)
    drawn = rng.choice((200, 240, 300))
    dpi = dpi or drawn
    doc = pdfium.PdfDocument(str(pdf))
    doc.init_forms()    # a signed PDF's number and day are printed by its signature widget: print them too
    try:
        pages = []
        for i in range(len(doc)):
            page = doc[i]
            pages.append(scan_page(page.render(scale=dpi / 72, grayscale=True, may_draw_forms=True).to_pil().convert("L"), rng))
            page.close()
    finally:
        doc.close()
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_suffix(".part.pdf")
    pages[0].save(part, "PDF", save_all=True, append_images=pages[1:], resolution=float(dpi), quality=75)
    os.replace(part, target)
    return len(pages)


# ---------------------------------------------------------------- runs and scores

WORKERS = 0    # vanban's default: every core; --workers N on a shared machine


def run(inputs: list[Path], out: Path, env: dict) -> dict[str, dict]:
    """vanban over `inputs` into `out` (incremental), and its predictions by stem."""
    if inputs:
        subprocess.run([str(VANBAN), "run", *map(str, inputs), "--out", str(out), "--quiet",
                        "--workers", str(WORKERS)], env=env)
    jsonl = out / "documents.jsonl"
    return eval_own.load_pred(jsonl) if jsonl.is_file() else {}


def prepare(group: str, gold: dict[str, dict], cache: Path, all_pages: bool, show: bool) -> list[tuple[Path, Path]]:
    """(original, scan) for the group's documents that can be scanned; says which are left out."""
    pairs, skipped = [], []
    for stem, g in sorted(gold.items()):
        if g.get("annotation", {}).get("group") != group:
            continue
        source = eval_own.SHARED / "corpus" / g["source"]
        scan = cache / "scans" / group / (source.stem + ".pdf")
        if not scan.is_file():
            pdf = to_pdf(source, cache / "printed")
            if pdf is None:
                skipped.append((source.name, "no soffice to print it to PDF"))
                continue
            if not all_pages and page_count(pdf) > SUBSET_PAGES:
                skipped.append((source.name, f"over {SUBSET_PAGES} pages (use --all)"))
                continue
            make_scan(pdf, scan, stem)
        elif not all_pages and page_count(scan) > SUBSET_PAGES:
            skipped.append((source.name, f"over {SUBSET_PAGES} pages (use --all)"))
            continue
        pairs.append((source, scan))
    if show:
        for name, why in skipped:
            print(f"  skipped {name}: {why}")
    elif skipped:
        print(f"  {group}: {len(skipped)} documents skipped (DOCX/DOC without soffice, or long)")
    return pairs


def measure(group: str, gold: dict, cache: Path, all_pages: bool, show: bool):
    pairs = prepare(group, gold, cache, all_pages, show)
    env = dict(os.environ, VANBAN_OCR_CACHE=str(cache / "ocr"))
    original = run([p[0] for p in pairs], cache / "runs" / f"{group}-original", env)
    scanned = run([p[1] for p in pairs], cache / "runs" / f"{group}-scan", env)
    stems = {p[0].stem for p in pairs}
    subset = {s: g for s, g in gold.items() if s in stems}
    scorer = eval_own.load_scorer(eval_own.SHARED / "eval" / "score.py")
    return len(pairs), scorer.score(subset, original, False)[0], scorer.score(subset, scanned, False)[0]


def f1(result: dict, field: str) -> float | None:
    r = result[field]
    return r["f1"] if r["tp"] + r["fn"] + r["fp"] else None


def print_table(n: int, orig: dict, scan: dict) -> None:
    print(f"{'field':<14} {'original':>9} {'scan':>9} {'delta':>9}   ({n} documents)")
    for field in FIELDS:
        a, b = f1(orig, field), f1(scan, field)
        if a is None and b is None:
            continue
        a, b = a or 0.0, b or 0.0
        print(f"{field:<14} {a:>9.3f} {b:>9.3f} {b - a:>+9.3f}")
    for key in METADATA:
        a, b = orig["metadata"].get(key), scan["metadata"].get(key)
        if a is not None and b is not None:
            print(f"{key:<14} {a:>9.3f} {b:>9.3f} {b - a:>+9.3f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", default="/tmp/vanban_scans", type=Path)
    ap.add_argument("--all", action="store_true", help="also documents over %d pages" % SUBSET_PAGES)
    ap.add_argument("--wide", action="store_true", help="add the held-out group as one aggregate row")
    ap.add_argument("--workers", type=int, default=0, help="vanban run's workers (0 = every core)")
    a = ap.parse_args(argv)
    global WORKERS
    WORKERS = a.workers
    if not (eval_own.SHARED / "eval" / "score.py").is_file():
        print("eval_scans: the shared scorer is absent (skipped)")
        return 0
    gold = eval_own.load_gold()
    n, orig, scan = measure("dev", gold, a.cache, a.all, show=True)
    print("group=dev (Lâm Đồng)")
    print_table(n, orig, scan)
    if a.wide:
        n, orig, scan = measure("wide", gold, a.cache, a.all, show=False)
        cells = "  ".join(f"{f} {f1(orig, f) or 0:.3f}->{f1(scan, f) or 0:.3f}" for f in FIELDS)
        print(f"group=wide (aggregate, {n} documents)  {cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
