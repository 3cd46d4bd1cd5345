"""Kill -9 in the middle of `vanban run`, run it again: the job finishes and the dataset is the same
as an uninterrupted run's, byte for byte, without redoing the files already done."""
from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import psutil
import pyarrow.parquet as pq

from pipeline.store.dataset import SCHEMAS

SEEDS = sorted((Path(__file__).resolve().parent.parent / "corpus" / "seeds").glob("*.txt"))
N_DOCS = 12


def vanban(*args: str, rules: Path) -> subprocess.Popen:
    exe = Path(sys.executable).with_name("vanban")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "pipeline.apps.cli"]
    env = dict(os.environ, VANBAN_RULES=str(rules))  # our own copy: edits to rules/ meanwhile change nothing
    return subprocess.Popen([*cmd, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def finished_records(out: Path) -> int:
    db = out / ".state" / "state.sqlite"
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute("SELECT count(*) FROM records").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def test_kill_9_then_resume_gives_the_uninterrupted_dataset(tmp_path):
    src = tmp_path / "archive"
    src.mkdir()
    for i in range(N_DOCS):
        text = SEEDS[i % len(SEEDS)].read_text(encoding="utf-8") + f"\nBản sao số {i}.\n"
        (src / f"doc-{i:03d}.txt").write_text(text, encoding="utf-8")
    killed_out, clean_out = tmp_path / "killed", tmp_path / "clean"
    rules = tmp_path / "rules"
    shutil.copytree(Path(__file__).resolve().parent.parent / "rules", rules)

    proc = vanban("run", str(src), "--out", str(killed_out), "--workers", "1", "--quiet", rules=rules)
    deadline = time.monotonic() + 120
    while finished_records(killed_out) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    family = psutil.Process(proc.pid).children(recursive=True)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    done_before = finished_records(killed_out)
    assert 2 <= done_before < N_DOCS, "the run should have been killed in the middle"
    assert not (killed_out / "documents.jsonl").exists()
    gone, alive = psutil.wait_procs(family, timeout=30)  # workers notice the parent is gone and stop
    assert not alive

    resumed = vanban("run", str(src), "--out", str(killed_out), "--workers", "2", "--quiet", rules=rules)
    stdout, stderr = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, stderr
    processed = int(re.search(r"processed (\d+)", stdout).group(1))
    assert processed <= N_DOCS - done_before + 1  # at most the file in flight when killed is redone
    assert f"unchanged (kept from {killed_out}/.state) {N_DOCS - processed}" in stdout

    clean = vanban("run", str(src), "--out", str(clean_out), "--workers", "2", "--quiet", rules=rules)
    _, stderr = clean.communicate(timeout=300)
    assert clean.returncode == 0, stderr

    assert (killed_out / "documents.jsonl").read_bytes() == (clean_out / "documents.jsonl").read_bytes()
    assert len((clean_out / "documents.jsonl").read_text(encoding="utf-8").splitlines()) == N_DOCS
    for table in SCHEMAS:
        a = pq.read_table(killed_out / f"{table}.parquet")
        b = pq.read_table(clean_out / f"{table}.parquet")
        assert a.equals(b), table
    for table in SCHEMAS:
        rows = []
        for out in (killed_out, clean_out):
            con = duckdb.connect(str(out / "vanban.duckdb"), read_only=True)
            rows.append(con.execute(f'SELECT * FROM "{table}"').fetchall())
            con.close()
        assert rows[0] == rows[1], table
    assert not list(killed_out.glob(".staging-*"))
