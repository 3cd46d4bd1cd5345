"""The `vanban` command: a batch of good and bad files, and one document printed as JSON."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures import long_plan, state_decision, to_docx, to_pdf

from pipeline.apps.cli import main

SEED = Path(__file__).resolve().parent.parent / "corpus" / "seeds" / "004_d057b98ca2b67fd4.txt"
GOOD = {"qd.docx", "kh.pdf", "nested/seed.md", "nested/deeper/note.txt"}
BAD = {"empty.txt": "empty_file", "broken.docx": "corrupt_docx", "photo.txt": "binary_content"}


@pytest.fixture(scope="module")
def inbox(tmp_path_factory) -> Path:
    """A folder as archives hand it over: documents in sub-folders, and a few unreadable files."""
    root = tmp_path_factory.mktemp("cli") / "inbox"
    (root / "nested" / "deeper").mkdir(parents=True)
    to_docx(state_decision(), root / "qd.docx")
    to_pdf(long_plan(12), root / "kh.pdf")
    shutil.copy(SEED, root / "nested" / "seed.md")
    (root / "nested" / "deeper" / "note.txt").write_text(
        "KẾ HOẠCH\nTổ chức hội nghị\nI. MỤC ĐÍCH\n1. Tổng kết phong trào.\n", encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "broken.docx").write_bytes(b"PK\x03\x04" + b"\x00junk" * 40)
    (root / "photo.txt").write_bytes(bytes(range(256)) * 8)
    return root


def read_records(out: Path) -> dict[str, dict]:
    lines = (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    recs = [json.loads(l) for l in lines]
    assert len(recs) == len(lines)
    return {r["source"]: r for r in recs}


@pytest.fixture(scope="module")
def batch(inbox, tmp_path_factory):
    out = tmp_path_factory.mktemp("cli-out")
    result = CliRunner().invoke(main, ["run", str(inbox), "--out", str(out), "--workers", "1", "--quiet"])
    return result, out


def test_run_exits_1_when_some_files_failed(batch):
    result, _ = batch
    assert result.exit_code == 1, result.output + repr(result.exception)   # 3 bad files, each with its record


def test_every_file_has_a_line(batch):
    _, out = batch
    recs = read_records(out)
    assert set(recs) == {f"inbox/{name}" for name in GOOD | set(BAD)}


def test_errors_do_not_stop_the_batch(batch):
    _, out = batch
    recs = read_records(out)
    for name in GOOD:
        assert recs[f"inbox/{name}"]["status"] == "ok", recs[f"inbox/{name}"]["error"]
    for name, code in BAD.items():
        assert recs[f"inbox/{name}"]["status"] == "error"
        assert recs[f"inbox/{name}"]["error"]["code"] == code
    assert recs["inbox/qd.docx"]["metadata"]["identifier"] == "1441/QĐ-UBND"
    assert recs["inbox/kh.pdf"]["metadata"]["identifier"] == "4088/KH-UBND"
    assert recs["inbox/nested/seed.md"]["metadata"]["doc_type"] == "Kế hoạch"


def test_summary_is_printed(batch):
    result, out = batch
    assert "vanban run: 7 files" in result.output
    assert "ok 4   errors 3" in result.output
    for code in BAD.values():
        assert code in result.output
    assert (out / "vanban.duckdb").is_file() and (out / "documents.parquet").is_file()


def test_extract_prints_one_record(inbox):
    result = CliRunner().invoke(main, ["extract", str(inbox / "qd.docx")])
    assert result.exit_code == 0
    rec = json.loads(result.output)
    assert rec["source"] == "qd.docx"
    assert "text" not in rec
    assert rec["metadata"]["doc_type"] == "Quyết định"
    assert [s["path"] for s in rec["sections"]] == ["Điều 1", "Điều 2", "Điều 3"]
    with_text = json.loads(CliRunner().invoke(main, ["extract", "--text", str(inbox / "qd.docx")]).output)
    assert "Số: 1441/QĐ-UBND" in with_text["text"]


def test_extract_of_a_bad_file_fails_with_its_code(inbox):
    result = CliRunner().invoke(main, ["extract", str(inbox / "broken.docx")])
    assert result.exit_code == 1
    assert json.loads(result.output)["error"]["code"] == "corrupt_docx"


def test_installed_command_with_two_workers(inbox, tmp_path):
    exe = Path(sys.executable).with_name("vanban")
    if not exe.exists():
        pytest.skip("the vanban console script is not installed in this environment")
    out = tmp_path / "out"
    proc = subprocess.run([str(exe), "run", str(inbox), "--out", str(out), "--workers", "2", "--quiet"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert "ok 4   errors 3" in proc.stdout
    assert len(read_records(out)) == 7
