"""The whole pipeline over the real development corpus, scored by ../shared/eval/score.py.

Skipped when ../shared is absent (a fresh checkout elsewhere). It runs the installed
`vanban run` with two workers, as `make eval` does, and holds the floor the project
has reached: every file gets a line, sections F1 and the document's own type,
number and date at 0.90 or better.
"""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.dev_corpus

FLOOR = 0.90
# The document's own number and date: DATASET.md counts what a digital-signature stamp prints into a
# blank `Số:   /BC-SNV`, and the reader now takes it. Four of the 30 dev gold files (0035, 0129, 0254,
# 0301) predate that rule and keep `null` where their first page shows the stamped number and date, so
# against that gold these two fields cannot pass 26/30; the floor is the measured 0.87.
STAMPED_FLOOR = 0.86


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("vanban_shared_score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def dev_run(shared_dir, tmp_path_factory):
    dev, seeds = shared_dir / "corpus" / "dev", shared_dir / "seeds"
    if not dev.is_dir():
        pytest.skip(f"{dev} is absent")
    exe = Path(sys.executable).with_name("vanban")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "pipeline.apps.cli"]
    out = tmp_path_factory.mktemp("dev-run")
    proc = subprocess.run([*cmd, "run", str(dev), str(seeds), "--out", str(out), "--workers", "2", "--quiet"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    inputs = {f"dev/{p.relative_to(dev).as_posix()}" for p in dev.rglob("*") if p.is_file()}
    inputs |= {f"seeds/{p.relative_to(seeds).as_posix()}" for p in seeds.rglob("*") if p.is_file()}
    return out / "documents.jsonl", inputs, shared_dir


def test_every_dev_file_has_a_line(dev_run):
    jsonl, inputs, _ = dev_run
    sources = [json.loads(l)["source"] for l in jsonl.read_text(encoding="utf-8").splitlines() if l.strip()]
    assert len(sources) == len(set(sources))
    assert set(sources) == inputs


def test_scores_hold_the_floor(dev_run):
    jsonl, _, shared = dev_run
    scorer = load_scorer(shared)
    gold, pred = scorer.load(jsonl, shared / "eval" / "gold")
    result, _ = scorer.score(gold, pred)
    assert result["documents"]["predicted"] == result["documents"]["gold"]
    got = {"sections_f1": result["sections"]["f1"], "doc_type": result["metadata"]["doc_type"]}
    assert all(v is not None and v >= FLOOR for v in got.values()), got
    stamped = {k: result["metadata"][k] for k in ("identifier", "issued_date")}
    assert all(v is not None and v >= STAMPED_FLOOR for v in stamped.values()), stamped
