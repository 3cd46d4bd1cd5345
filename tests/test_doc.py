"""Legacy Word (.doc) through antiword, with catdoc for files antiword refuses, and the
TCVN3/VNI conversion behind it. No .doc writer exists on the machine, so these read the
shared corpus (skipped when `../shared` is absent) and unit-test the table unfolding."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pipeline.ingest import doc_fonts, ingest, unfold_ascii_tables

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
DEV_DOCS = sorted((SHARED / "corpus" / "dev").glob("*.doc"))
LEGACY = SHARED / "corpus" / "legacy"


def test_antiword_tables_unfold():
    text = ("|Bộ Tài chính   | Cộng hòa xã hội chủ nghĩa |\n|Số: 12/QĐ-BTC  | Độc lập - Tự do    |\n"
            "body\n|TT|Nội dung|Thời hạn|\n|1 |Nộp hồ sơ |Quý I|\n")
    assert unfold_ascii_tables(text).split("\n") == [
        "Bộ Tài chính", "Số: 12/QĐ-BTC", "Cộng hòa xã hội chủ nghĩa", "Độc lập - Tự do", "body",
        "TT | Nội dung | Thời hạn", "1 | Nộp hồ sơ | Quý I", ""]


def test_legacy_font_names_are_found_in_the_font_table(tmp_path):
    path = tmp_path / "fonts.bin"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 40 + ".VnTimeH".encode("utf-16-le") + b"\x00\x00"
                     + "Times New Roman".encode("utf-16-le") + b"\x00\x00" + "VNI-Times".encode("utf-16-le"))
    assert doc_fonts(path) == [".VnTimeH", "VNI-Times"]


@pytest.mark.skipif(not DEV_DOCS, reason="../shared/corpus/dev is absent")
def test_every_dev_doc_is_parsed():
    failures = []
    for path in DEV_DOCS:
        try:
            got = ingest(path)
            assert got.format == "doc" and len(got.text.strip()) > 50
        except Exception as exc:  # noqa: BLE001 - collect them all
            failures.append(f"{path.name}: {exc}")
    assert not failures, failures


@pytest.mark.skipif(not LEGACY.is_dir(), reason="../shared/corpus/legacy is absent")
@pytest.mark.parametrize("name,encoding", [("2003-02144qd.doc", "tcvn3"), ("2008-23.QD-991-UBND.doc", "vni"),
                                           ("2004-B1-4-LLCN.doc", "tcvn3")])
def test_legacy_docs_come_out_in_unicode(name, encoding):
    sys.path.insert(0, str(SHARED / "eval"))
    from legacy_score import diacritic_accuracy

    got = ingest(LEGACY / name)
    assert got.legacy["encoding"] == encoding
    accuracy, marked = diacritic_accuracy((LEGACY / "transcripts" / (Path(name).stem + ".txt")).read_text(), got.text)
    assert marked > 100 and accuracy >= 0.95
