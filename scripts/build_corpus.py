#!/usr/bin/env python3
"""Build `corpus/fixtures/`: seed 004 laid out as a real DOCX and a real text PDF, with gold.

Why: the two seeds are headless markdown, so nothing in `corpus/` exercised the
DOCX and PDF readers or the header parser. Here the seed gets the header a Party
plan of the Tỉnh ủy carries (issuer, number, banner, place and date) and is
rendered by the same builders the tests use (tests/fixtures.py). The gold is the
seed's hand-checked gold plus what the added header says; run it again and the
files come out byte for byte the same.

    .venv/bin/python scripts/build_corpus.py
"""
from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fixtures import PARTY_BANNER, admin_doc_from_markdown, to_docx, to_pdf  # noqa: E402

SEED = ROOT / "corpus" / "seeds" / "004_d057b98ca2b67fd4.txt"
SEED_GOLD = ROOT / "corpus" / "gold" / "004_d057b98ca2b67fd4.json"
OUT = ROOT / "corpus" / "fixtures"
GOLD = ROOT / "corpus" / "gold"

# The header the seed lacks, as the Tỉnh ủy prints it (Hướng dẫn 36-HD/VPTW).
HEADER = {
    "issuer": ["TỈNH ỦY BÌNH THUẬN", "*"],
    "number": "Số 123-KH/TU",
    "national": PARTY_BANNER,
    "place_date": "Bình Thuận, ngày 05 tháng 10 năm 2020",
}
# What that header says, in DATASET.md form. The issuing body is the Ban Thường vụ
# (the text: "Ban Thường vụ Tỉnh ủy ban hành Kế hoạch", signed T/M BAN THƯỜNG VỤ).
HEADER_METADATA = {
    "identifier": "123-KH/TU",
    "issuer": "Ban Thường vụ Tỉnh ủy Bình Thuận",
    "place": "Bình Thuận",
    "issued_date": "2020-10-05",
}
FIXTURES = {"fixture_004_docx": ("docx", to_docx), "fixture_004_pdf": ("pdf", to_pdf)}


def gold_for(source: str) -> dict:
    """The seed's gold (same body, same items) with the header's metadata and the new source."""
    gold = copy.deepcopy(json.loads(SEED_GOLD.read_text(encoding="utf-8")))
    gold["source"] = source
    gold["metadata"].update(HEADER_METADATA)
    return gold


def build(out: Path = OUT, gold_dir: Path = GOLD) -> list[Path]:
    """Write the fixtures into `out` and their gold into `gold_dir`; returns the paths written."""
    doc = admin_doc_from_markdown(SEED.read_text(encoding="utf-8"), **HEADER)
    out.mkdir(parents=True, exist_ok=True)
    gold_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, (ext, render) in FIXTURES.items():
        path = render(doc, out / f"{stem}.{ext}")
        gold_path = gold_dir / f"{stem}.json"
        gold_path.write_text(json.dumps(gold_for(f"fixtures/{stem}.{ext}"), ensure_ascii=False, indent=2) + "\n",
                             encoding="utf-8")
        written += [path, gold_path]
    return written


if __name__ == "__main__":
    for p in build():
        print(p.relative_to(ROOT))
