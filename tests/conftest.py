"""Shared paths and markers for the test suite.

`../shared` (the dev corpus, the scorer, the eval gold) is not part of the
project: tests that need it ask for `shared_dir` and are skipped when it is absent.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SHARED = Path(os.environ.get("VANBAN_SHARED") or ROOT.parent / "shared")  # override to test without it
sys.path.insert(0, str(TESTS))  # `import fixtures` from any test module


def pytest_configure(config):
    config.addinivalue_line("markers", "dev_corpus: runs the whole pipeline over ../shared/corpus/dev "
                                       "(about a minute; deselect with -m 'not dev_corpus')")
    config.addinivalue_line("markers", "slow: builds big hostile files or runs the CLI several times (seconds "
                                       "each); `make test` and CI run them, deselect locally with -m 'not slow'")


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "eval" / "score.py").is_file():
        pytest.skip(f"{SHARED} is absent: nothing to compare against")
    return SHARED
