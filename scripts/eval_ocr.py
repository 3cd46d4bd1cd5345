#!/usr/bin/env python3
"""OCR quality on `../shared/corpus/scans/pairNN/`: our text vs plain `tesseract -l vie` at 300 dpi.

For each pair, prints the character and word error of both against `reference_text.txt`
(alignment-based, whitespace and table pipes folded: `../shared/eval/ocr_metrics.py`).
The reference is often the unsigned draft, so part of every error is the document's own.

Then the same pages as phone photos: each page is taken down to about 100 dpi, lit unevenly
(light falling off across and down the page), turned 1.5 degrees, blurred, given sensor
noise and saved as a JPEG with no resolution; both readers get the photo and its word error
is printed beside the scan's own (the floor set by the reference's differences).
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

import numpy as np  # noqa: E402
from PIL import Image, ImageFilter  # noqa: E402

from pipeline.read.ocr import ocr
from pipeline.read.ingest import ingest


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


PHOTO_DPI = 100


def phone_photo(page: Image.Image, seed: int) -> Image.Image:
    """A 300-dpi page as a phone camera gives it back: ~100 dpi, uneven light, tilt, blur, noise."""
    small = page.resize((round(page.width * PHOTO_DPI / 300), round(page.height * PHOTO_DPI / 300)), Image.LANCZOS)
    small = small.rotate(1.5, resample=Image.BICUBIC, expand=True, fillcolor=255)
    arr = np.asarray(small, dtype=np.float32)
    light = np.linspace(1.0, 0.6, arr.shape[1])[None, :] * np.linspace(0.95, 0.75, arr.shape[0])[:, None]
    arr = arr * light + np.random.default_rng(seed).normal(0, 5, arr.shape)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L").filter(ImageFilter.GaussianBlur(0.5))


def photos(pdf: Path, tmp: Path) -> list[Path]:
    out = []
    for i, page in enumerate(ocr.rasterize_pdf(pdf)):
        path = tmp / f"photo-{i + 1}.jpg"
        phone_photo(page, seed=i).save(path, quality=80)   # no dpi in the file, as from a phone
        out.append(path)
    return out


def read_photos(paths: list[Path]) -> tuple[str, str]:
    """(ours, plain tesseract) on the photos of one document."""
    ours = "\n".join(line.text for p in paths for page in ocr.ocr_image_file(p) for line in page.lines)
    env = {"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"}
    plain = "\n".join(subprocess.run(["tesseract", str(p), "stdout", "-l", "vie"], capture_output=True, env=env,
                                     check=True).stdout.decode("utf-8", "replace") for p in paths)
    return ours, plain


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

    print(f"\nphone photos of the same pages (~{PHOTO_DPI} dpi, uneven light, 1.5° tilt, blur, noise, JPEG)")
    print(f"{'pair':8} {'scan WER':>9} {'photo WER':>10} {'plain WER':>10} {'photo-scan':>11}")
    photo_wers, extra = [], []
    for pair in pairs:
        ref = (pair / "reference_text.txt").read_text(encoding="utf-8")
        scan_wer = wer(ref, ingest(pair / "scan.pdf").text)
        with tempfile.TemporaryDirectory(prefix="eval-photo-") as tmp:
            ours, plain = read_photos(photos(pair / "scan.pdf", Path(tmp)))
        w_ours, w_plain = wer(ref, ours), wer(ref, plain)
        photo_wers.append(w_ours)
        extra.append(w_ours - scan_wer)
        print(f"{pair.name:8} {scan_wer:9.2%} {w_ours:10.2%} {w_plain:10.2%} {100 * (w_ours - scan_wer):+11.2f}")
    med_photo = statistics.median(photo_wers)
    photo_ok = med_photo <= 0.10
    print(f"median photo WER {med_photo:.2%} (target <= 10%); median added by the photo "
          f"{100 * statistics.median(extra):+.2f} points -> {'OK' if photo_ok else 'SHORT'}")
    return 0 if ok and photo_ok else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
