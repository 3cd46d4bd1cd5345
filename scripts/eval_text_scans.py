#!/usr/bin/env python3
"""What real documents lose when they arrive as office scans: text files printed, scanned, read back.

    python scripts/eval_text_scans.py [--dpi N] [--cache DIR] [--pdf FILE ...] [--show] TEXT_FILE ...

Why: issue 13 asks that a scan lose at most 0.03 F1 per field against the same document born digital.
scripts/eval_style_scans.py measures that on invented documents and scripts/eval_scans.py on the own
gold's Lâm Đồng files; neither has the wording of other offices (their dates, percentages, citations and
labels) in front of Tesseract. This script takes plain text copies of real documents (`.txt`, `.md`, read
as vanban reads them: pipeline/read/text.py), prints each as a text PDF in DejaVu Sans (tests/fixtures.py's
page: a paragraph a block, or a line a paragraph when the copy has no blank lines), scans it as
scripts/eval_scans.py does (grey, turned, blurred, noisy; `--dpi` fixes the resolution, else 200/240/300
drawn by document), runs vanban on the printed PDF and on its scan, and prints each field's F1 of the scans
against their originals (sections by path, references by identifier, bodies by name and role, dates by
value, targets by value and unit), then per document what the scan lost and added. `--pdf` adds
born-digital PDFs as they are (scanned, not reprinted). No gold is read: the original's own output is
the answer, so this measures only what scanning costs.

Renders, scans, OCR readings (`VANBAN_OCR_CACHE`) and runs are cached under DIR (default
/tmp/vanban_text_scans), so a re-run after a change downstream of OCR costs only the two runs.
`--show NAME` prints the scan's text for one document (to see what OCR did to what it lost).
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

from eval_scans import make_scan  # noqa: E402
from eval_style_scans import KEYS, f1, run  # noqa: E402  (one run, one comparison for both scan scripts)
from fixtures import FONT, SERIF_FONT, _new_pdf, _pdf_blocks, plain  # noqa: E402


def paragraphs(path: Path) -> list[str]:
    """The copy's paragraphs as vanban reads the file: blocks between blank lines, lines joined, when the
    copy parts its paragraphs so; else one paragraph a line."""
    from pipeline.read.base import Limits
    from pipeline.read.text import read_text

    text = read_text(path, Limits()).text
    lines = [l for l in text.splitlines() if l.strip()]
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    if len(blocks) * 3 >= len(lines):
        out = [" ".join(l.strip() for l in b.splitlines() if l.strip()) for b in blocks]
    else:
        out = [l.strip() for l in lines]
    out = [re.sub(r"\s+", " ", plain(p).replace("**", "").replace("\\", "")).strip() for p in out]
    return [p for p in out if p and set(p) - set("*|-_ ")]


def print_text(path: Path, target: Path, serif: bool, bold: bool, size: float) -> None:
    pdf = _new_pdf(page_numbers=True, font=SERIF_FONT if serif else FONT, bold=bold)
    pdf.set_font("DejaVu", size=size)
    pdf.add_page()
    pdf.set_font("DejaVu", size=size)
    _pdf_blocks(pdf, paragraphs(path), bold_headings=bold)
    target.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(target))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("texts", nargs="*", type=Path, help="plain text copies (.txt, .md)")
    ap.add_argument("--pdf", nargs="*", type=Path, default=[], help="born-digital PDFs, scanned as they are")
    ap.add_argument("--dpi", type=int, default=None, help="scan at this resolution (default: 200/240/300)")
    ap.add_argument("--serif", action="store_true", help="set in DejaVu Serif (Times New Roman's place)")
    ap.add_argument("--bold", action="store_true", help="section headings in bold")
    ap.add_argument("--size", type=float, default=12, help="type size in points (default 12)")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/vanban_text_scans"))
    ap.add_argument("--show", default=None, help="print the scan's text of this document and stop")
    ap.add_argument("--workers", type=int, default=2, help="vanban run's --workers (default 2)")
    a = ap.parse_args(argv)
    out = a.cache / (f"{'serif' if a.serif else 'sans'}{'-bold' if a.bold else ''}-{a.size:g}pt-"
                     f"{a.dpi or 'mixed'}")
    for sub in ("orig", "scan"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    names = []
    for source in [*a.texts, *a.pdf]:
        name = source.stem
        names.append(name)
        original, scan = out / "orig" / f"{name}.pdf", out / "scan" / f"{name}.pdf"
        if not original.is_file():
            if source.suffix.lower() == ".pdf":
                original.write_bytes(source.read_bytes())
            else:
                print_text(source, original, a.serif, a.bold, a.size)
        if not scan.is_file():
            make_scan(original, scan, name, a.dpi)
    env = dict(os.environ, VANBAN_OCR_CACHE=str(a.cache / "ocr"))
    if a.show:
        from pipeline.read.ingest import ingest

        os.environ.update(env)
        print(ingest(out / "scan" / f"{a.show}.pdf").text)
        return 0
    runs = {sub: run(out / sub, out / f"run-{sub}", env, workers=a.workers) for sub in ("orig", "scan")}
    totals = {field: [0, 0, 0] for field in KEYS}
    lines = []
    for name in names:
        for field, key in KEYS.items():
            a_, b_ = ({key(x) for x in runs[sub].get(name, {}).get(field, [])} for sub in ("orig", "scan"))
            t = totals[field]
            t[0], t[1], t[2] = t[0] + len(a_ & b_), t[1] + len(b_ - a_), t[2] + len(a_ - b_)
            if a_ != b_:
                lines.append(f"{name[:28]:<28} {field:>10}  {len(a_):>3}->{len(b_):<3} lost {sorted(a_ - b_, key=str)}"
                             f" / added {sorted(b_ - a_, key=str)}")
    print("F1 scan vs original: " + "  ".join(f"{field} {f1(*t):.3f} ({t[0] + t[2]})" for field, t in totals.items()))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
