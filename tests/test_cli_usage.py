"""`vanban` as a new user meets it: exit codes, one-line errors, globs, progress, Ctrl-C, outputs never input.

Exit codes (README, "Commands"): 0 every file read, 1 some files failed, 2 usage or a missing input.
The installed command runs in a subprocess, so what is checked is what a terminal shows.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpus" / "seeds").glob("*.txt"))


def vanban(*args: str, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("vanban")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "pipeline.apps.cli"]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, cwd=cwd, timeout=timeout)


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """An archive folder with two documents and the litter archives carry."""
    root = tmp_path_factory.mktemp("usage") / "archive"
    (root / "sub").mkdir(parents=True)
    shutil.copy(SEEDS[0], root / "kh.txt")
    shutil.copy(SEEDS[1], root / "sub" / "tb.txt")
    (root / "Thumbs.db").write_bytes(b"\x00" * 64)
    (root / "~$kh.docx").write_bytes(b"\x00lock")
    return root


@pytest.fixture(scope="module")
def done(archive, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("usage-out") / "out"
    proc = vanban("run", str(archive), "--out", str(out), "--workers", "1", "--quiet")
    assert proc.returncode == 0, proc.stderr
    return out


def sources(out: Path) -> set[str]:
    import json

    return {json.loads(line)["source"] for line in (out / "documents.jsonl").read_text("utf-8").splitlines()}


def test_all_ok_exits_0_and_litter_is_skipped(done):
    assert sources(done) == {"archive/kh.txt", "archive/sub/tb.txt"}   # no Thumbs.db, no ~$kh.docx


def test_some_files_failed_exits_1(archive, tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    shutil.copy(SEEDS[0], bad / "ok.txt")
    proc = vanban("run", str(bad), "--out", str(tmp_path / "out"), "--workers", "1", "--quiet")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "errors 1" in proc.stdout and "Traceback" not in proc.stderr


@pytest.mark.parametrize("args,says", [
    (["run", "no/such/folder", "--out", "{tmp}/o"], "no such file or folder: no/such/folder"),
    (["run", "{archive}", "--out", "{archive}/kh.txt"], "is a file, not a folder"),
    (["run", "{archive}", "--out", "{tmp}/o", "--workers", "-3"], "-3 is not in the range"),
    (["graph", "{archive}"], "is not the output of a run"),
    (["cites", "4088/KH-UBND", "--out", "{archive}"], "is not the output of a run"),
    (["cited-by", "x", "--out", "{tmp}/none"], "does not exist"),
    (["report", "{archive}"], "not found"),
    (["export", "{archive}", "--format", "csv"], "holds no documents.jsonl"),
    (["serve", "{archive}"], "not found"),
    (["run"], "Missing argument"),
    (["frobnicate"], "No such command"),
])
def test_bad_usage_is_one_line_and_no_traceback(archive, tmp_path, args, says):
    args = [a.format(archive=archive, tmp=tmp_path) for a in args]
    proc = vanban(*args, cwd=tmp_path)
    assert proc.returncode in (1, 2), (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr + proc.stdout
    errors = [line for line in proc.stderr.splitlines() if line.startswith("Error")]
    assert len(errors) == 1 and says in errors[0], proc.stderr
    if args[0] in ("run", "graph", "cites", "cited-by") or args == ["frobnicate"]:
        assert proc.returncode == 2, proc.stderr   # usage or a missing input


def test_cites_on_a_run_without_graph_tables_is_one_line(done, tmp_path):
    import duckdb

    old = tmp_path / "old"
    shutil.copytree(done, old)
    con = duckdb.connect(str(old / "vanban.duckdb"))
    con.execute("DROP VIEW cites")
    con.execute("DROP VIEW citation_targets")
    con.execute("DROP TABLE graph_edges")
    con.close()
    proc = vanban("cites", "kh.txt", "--out", str(old))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("Error:") and "vanban graph" in proc.stderr


def test_include_and_exclude_globs(archive, tmp_path):
    out = tmp_path / "only-sub"
    proc = vanban("run", str(archive), "--out", str(out), "--workers", "1", "--quiet", "--include", "archive/sub/*")
    assert proc.returncode == 0, proc.stderr
    assert sources(out) == {"archive/sub/tb.txt"}
    out = tmp_path / "no-tb"
    proc = vanban("run", str(archive), "--out", str(out), "--workers", "1", "--quiet", "--exclude", "TB.*")
    assert proc.returncode == 0, proc.stderr
    assert sources(out) == {"archive/kh.txt"}   # globs ignore case, as archive names do
    proc = vanban("run", str(archive), "--out", str(tmp_path / "none"), "--include", "*.pdf", "--quiet")
    assert proc.returncode == 2 and "no input file" in proc.stderr


def test_outputs_are_never_read_as_inputs(archive, tmp_path):
    """`vanban run . --out out`, then report and export into the folder, then run again: the same records."""
    work = tmp_path / "work"
    shutil.copytree(archive, work)
    first = vanban("run", ".", "--out", "out", "--workers", "1", "--quiet", cwd=work)
    assert first.returncode == 0, first.stderr
    assert vanban("report", "out", cwd=work).returncode == 0
    assert vanban("export", "out", "--format", "csv", "--dest", "csv-copy", cwd=work).returncode == 0
    # an older run's output lying in the archive, with its .state
    shutil.copytree(work / "out", work / "old-run")
    again = vanban("run", ".", "--out", "out", "--workers", "1", "--quiet", cwd=work)
    assert again.returncode == 0, again.stderr
    got = sources(work / "out")
    assert not any("/out/" in s or "old-run" in s or ".state" in s for s in got), got
    assert {s for s in got if not s.startswith("work/csv-copy")} == {"work/kh.txt", "work/sub/tb.txt"}


def test_progress_is_plain_lines_off_a_terminal(archive, tmp_path):
    proc = vanban("run", str(archive), "--out", str(tmp_path / "out"), "--workers", "1")
    assert proc.returncode == 0
    lines = [line for line in proc.stderr.splitlines() if line.startswith("vanban run:")]
    assert lines and "\r" not in proc.stderr
    assert "2/2 files (100%)" in lines[-1] and "errors 0" in lines[-1] and "ETA" in lines[-1]
    assert "last archive/" in lines[-1]


def test_progress_bar_on_a_terminal_has_total_eta_errors_and_file():
    import io

    from pipeline.apps.progress import Progress

    buf = io.StringIO()
    bar = Progress(4, stream=buf, tty=True)
    bar.update("inbox/a.pdf", "ok", None)
    bar.update("inbox/b.pdf", "error", "corrupt_pdf")
    bar.bar.refresh()
    shown = buf.getvalue()
    bar.close()
    assert "2/4 files" in shown and "50%" in shown and "<" in shown   # elapsed<remaining
    assert "errors 1" in shown and "inbox/b.pdf" in shown


def test_ctrl_c_keeps_the_work_and_the_same_command_resumes(tmp_path):
    src = tmp_path / "many"
    src.mkdir()
    for i in range(30):
        (src / f"doc-{i:02d}.txt").write_text(SEEDS[i % len(SEEDS)].read_text("utf-8") + f"\nBản {i}.\n", "utf-8")
    out = tmp_path / "out"
    exe = Path(sys.executable).with_name("vanban")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "pipeline.apps.cli"]
    args = ["run", str(src), "--out", str(out), "--workers", "1", "--quiet"]
    proc = subprocess.Popen([*cmd, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    state = out / ".state" / "state.sqlite"
    while not state.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(3)
    os.killpg(proc.pid, signal.SIGINT)   # what Ctrl-C sends: the whole foreground group
    _, err = proc.communicate(timeout=120)
    if proc.returncode == 0:
        pytest.skip("the run finished before Ctrl-C")
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "Aborted!" not in err
    assert "kept" in err and "run the same command again to resume" in err
    resumed = vanban(*args)
    assert resumed.returncode == 0, resumed.stderr
    assert len(sources(out)) == 30
