"""Bulk runs: incremental re-runs, stable order, parallel equals serial, per-file time limits, crashes.

Real files and real worker processes throughout; the documents are the
project's seeds with a distinguishing closing line, so each has its own hash.
"""
from __future__ import annotations

import io
import json
import shutil
import zipfile
import threading
import time
from pathlib import Path

import docx
import psutil
import pytest

from pipeline.apps.cli import discover, iter_records
from pipeline.run.batch import run
from pipeline.run.jobs import RunLimits, RunOptions
from pipeline.store.state import RunState, StateBusy

SEEDS = sorted((Path(__file__).resolve().parent.parent / "corpus" / "seeds").glob("*.txt"))


@pytest.fixture(autouse=True)
def private_rules(tmp_path, monkeypatch) -> Path:
    """A copy of rules/ of our own, so edits made to the project's rules meanwhile change nothing here."""
    rules = tmp_path / "rules"
    shutil.copytree(Path(__file__).resolve().parent.parent / "rules", rules)
    monkeypatch.setenv("VANBAN_RULES", str(rules))
    return rules


def make_docs(folder: Path, n: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        text = SEEDS[i % len(SEEDS)].read_text(encoding="utf-8") + f"\nBản sao số {i}.\n"
        p = folder / f"doc-{i:03d}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


def jsonl(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]


def test_rerun_processes_only_new_or_changed_files(tmp_path):
    src, out = tmp_path / "archive", tmp_path / "out"
    docs = make_docs(src, 4)
    first = run([str(src)], out, RunOptions(workers=2))
    assert (first.files, first.processed, first.reused, first.wrote) == (4, 4, 0, True)

    again = run([str(src)], out, RunOptions(workers=2))
    assert (again.processed, again.reused, again.wrote) == (0, 4, False)

    docs[1].write_text(docs[1].read_text(encoding="utf-8") + "Sửa đổi.\n", encoding="utf-8")
    docs[2].touch()  # a new time stamp, the same content: not reprocessed
    make_docs(src, 1, start=4)
    docs[3].unlink()
    changed = run([str(src)], out, RunOptions(workers=2))
    assert (changed.files, changed.processed, changed.reused, changed.wrote) == (4, 2, 2, True)
    sources = [r["source"] for r in jsonl(out)]
    assert sources == ["archive/doc-000.txt", "archive/doc-001.txt", "archive/doc-002.txt", "archive/doc-004.txt"]
    assert "Sửa đổi." in jsonl(out)[1]["text"]

    fresh = tmp_path / "fresh"
    run([str(src)], fresh, RunOptions(workers=1))
    assert (out / "documents.jsonl").read_bytes() == (fresh / "documents.jsonl").read_bytes()


def test_other_rules_or_settings_mean_reprocessing(tmp_path, monkeypatch, private_rules):
    """A record made with other rules is never reused (the pipeline fingerprint is part of the key)."""
    src, out = tmp_path / "archive", tmp_path / "out"
    make_docs(src, 2)
    run([str(src)], out, RunOptions(workers=1))
    other = tmp_path / "other-rules"
    shutil.copytree(private_rules, other)
    monkeypatch.setenv("VANBAN_RULES", str(other))
    assert run([str(src)], out, RunOptions(workers=1)).processed == 2  # another rules folder
    assert run([str(src)], out, RunOptions(workers=1)).processed == 0
    with open(other / "targets.yaml", "a", encoding="utf-8") as fh:
        fh.write("\n# a province's own edit\n")
    assert run([str(src)], out, RunOptions(workers=1)).processed == 2
    assert run([str(src)], out, RunOptions(workers=1)).processed == 0


def test_parallel_output_equals_serial_and_input_order(tmp_path):
    src = tmp_path / "archive"
    make_docs(src, 6)
    run([str(src)], tmp_path / "one", RunOptions(workers=1, force=True))
    run([str(src)], tmp_path / "two", RunOptions(workers=2, force=True))
    assert (tmp_path / "one" / "documents.jsonl").read_bytes() == (tmp_path / "two" / "documents.jsonl").read_bytes()
    assert [r["source"] for r in jsonl(tmp_path / "two")] == [f"archive/doc-{i:03d}.txt" for i in range(6)]
    listed = discover([str(src)])
    records = list(iter_records(listed, 2))
    assert [r["source"] for r in records] == [s for _, s in listed]
    assert all(r["status"] == "ok" for r in records)


def test_same_file_twice_and_clashing_names(tmp_path):
    a, b = tmp_path / "a" / "archive", tmp_path / "b" / "archive"
    make_docs(a, 2)
    make_docs(b, 1, start=5)
    summary = run([str(a), str(a), str(b)], tmp_path / "out", RunOptions(workers=1))
    assert summary.files == 3
    assert [r["source"] for r in jsonl(tmp_path / "out")] == [
        "archive/doc-000.txt", "archive/doc-001.txt", "archive/doc-005.txt"]
    clash = tmp_path / "b" / "archive" / "doc-000.txt"
    make_docs(clash.parent, 1)  # now b/archive/doc-000.txt exists too, with the same source as a's
    run([str(a), str(b)], tmp_path / "out", RunOptions(workers=1))
    assert [r["source"] for r in jsonl(tmp_path / "out")] == [
        "archive/doc-000.txt", "archive/doc-001.txt", "archive/doc-000.txt (2)", "archive/doc-005.txt"]


def test_a_second_run_on_the_same_output_is_refused(tmp_path):
    src, out = tmp_path / "archive", tmp_path / "out"
    make_docs(src, 1)
    holder = RunState(out)
    try:
        with pytest.raises(StateBusy):
            run([str(src)], out, RunOptions(workers=1))
    finally:
        holder.close()
    assert run([str(src)], out, RunOptions(workers=1)).processed == 1


def slow_text(path: Path) -> Path:
    """A plain-text file under the size limits that takes far longer than the tests allow."""
    seed = SEEDS[0].read_text(encoding="utf-8")
    path.write_text(seed * 600, encoding="utf-8")  # about 9.5 MB (the text limit is 16 MB): well over 6 s
    return path


def test_a_file_over_its_time_limit_is_stopped_and_retried_next_run(tmp_path):
    src, out = tmp_path / "archive", tmp_path / "out"
    make_docs(src, 2)
    slow_text(src / "doc-001-huge.txt")
    started = time.monotonic()
    run([str(src)], out, RunOptions(workers=2, limits=RunLimits(timeout_s=6)))
    assert time.monotonic() - started < 60
    recs = {r["source"]: r for r in jsonl(out)}
    assert recs["archive/doc-001-huge.txt"]["error"]["code"] == "timeout"
    assert recs["archive/doc-000.txt"]["status"] == recs["archive/doc-001.txt"]["status"] == "ok"
    (src / "doc-001-huge.txt").write_text("KẾ HOẠCH\nĐã rút gọn.\n", encoding="utf-8")
    again = run([str(src)], out, RunOptions(workers=2, limits=RunLimits(timeout_s=6)))
    assert again.processed == 1
    assert {r["source"]: r["status"] for r in jsonl(out)}["archive/doc-001-huge.txt"] == "ok"


def fat_docx(path: Path, xml_mb: int = 45) -> Path:
    """A DOCX of under 1 MB that unpacks within the zip limit (50 MB) to 45 MB of XML: parsing it needs GBs."""
    buf = io.BytesIO()
    docx.Document().save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    head, tail = src.read("word/document.xml").decode("utf-8").split("<w:body>")
    chunk = ("<w:p><w:r><w:t>Ủy ban nhân dân tỉnh</w:t></w:r></w:p>" * 20000).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                z.writestr(info.filename, src.read(info.filename))
                continue
            with z.open(info.filename, "w", force_zip64=True) as fh:
                fh.write((head + "<w:body>").encode("utf-8"))
                for _ in range(xml_mb * (1 << 20) // len(chunk)):
                    fh.write(chunk)
                fh.write(tail.encode("utf-8"))
    return path


def test_a_file_over_its_memory_limit_is_stopped(tmp_path):
    src, out = tmp_path / "archive", tmp_path / "out"
    make_docs(src, 2)
    # 8 MB of XML holds ~900,000 tags: under the reader's tag limit (a bigger one is refused as a
    # zip_bomb before it is parsed, tests/test_hostile.py), so only the worker's memory limit stops it;
    # the limit sits about 125 MB above what a worker holds before its first file (about 106 MB)
    fat_docx(src / "doc-000-fat.docx", xml_mb=8)
    started = time.monotonic()
    run([str(src)], out, RunOptions(workers=1, limits=RunLimits(max_memory_mb=230, timeout_s=120)))
    assert time.monotonic() - started < 60
    recs = {r["source"]: r for r in jsonl(out)}
    assert recs["archive/doc-000-fat.docx"]["error"]["code"] == "out_of_memory"
    assert "230 MB" in recs["archive/doc-000-fat.docx"]["error"]["message"]
    assert recs["archive/doc-000.txt"]["status"] == recs["archive/doc-001.txt"]["status"] == "ok"


def test_a_worker_that_dies_gives_a_record_and_the_batch_goes_on(tmp_path):
    src, out = tmp_path / "archive", tmp_path / "out"
    slow_text(src.mkdir() or src / "a-huge.txt")
    make_docs(src, 2)
    me = psutil.Process()
    killed = []

    def kill_the_busy_worker():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not killed:
            for proc in me.children(recursive=True):
                try:
                    if proc.cpu_times().user > 1.0 and proc.ppid() != me.pid:  # a worker, not the fork server
                        proc.kill()
                        killed.append(proc.pid)
                        return
                except psutil.Error:
                    pass
            time.sleep(0.2)

    thread = threading.Thread(target=kill_the_busy_worker)
    thread.start()
    run([str(src)], out, RunOptions(workers=1, limits=RunLimits(timeout_s=120, max_memory_mb=8000)))
    thread.join()
    assert killed
    recs = {r["source"]: r for r in jsonl(out)}
    assert recs["archive/a-huge.txt"]["error"]["code"] == "worker_crashed"
    assert [recs[f"archive/doc-00{i}.txt"]["status"] for i in range(2)] == ["ok", "ok"]
