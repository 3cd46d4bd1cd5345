"""`pip install .` (a wheel, not `-e`): the installed `vanban` finds `rules/` and the bodies model.

The wheel is built from a copy of the sources and installed, without its dependencies, into a
fresh venv that borrows this environment's packages through a `.pth` line (so no download and no
resolve: a few seconds). The checkout is not on that venv's path, so the document below can only
be read if the rules and the model travelled inside the wheel.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest
import tomllib
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
# What a source distribution holds (MANIFEST.in): the build sees nothing else of the checkout.
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "pipeline", "rules")

PLAN = """ỦY BAN NHÂN DÂN
TỈNH LÂM ĐỒNG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/KH-UBND
Lâm Đồng, ngày 05 tháng 01 năm 2025
KẾ HOẠCH
Triển khai công tác cải cách hành chính năm 2025
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao chất lượng phục vụ người dân.
II. TỔ CHỨC THỰC HIỆN
1. Giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính triển khai Kế hoạch này, thực hiện theo \
Quyết định số 1441/QĐ-UBND ngày 10/6/2024 của Ủy ban nhân dân tỉnh.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn A
"""


def _pins(lock: str) -> dict[str, str]:
    """name → version of requirements/LOCK.lock, each pin followed by its hashes."""
    text = (ROOT / "requirements" / f"{lock}.lock").read_text(encoding="utf-8")
    pins = dict((canonicalize_name(n), v) for n, v in re.findall(r"^([A-Za-z0-9._-]+)==(\S+) \\\n\s+--hash=sha256:", text, re.M))
    assert len(pins) == len(re.findall(r"^[A-Za-z0-9]", text, re.M)), f"{lock}.lock: a pin without a hash"
    return pins


def test_locks_pin_what_pyproject_asks():
    """`make lock` was run after the last change to the dependencies: every one is pinned, in its bounds."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    run, test = _pins("run"), _pins("test")
    for lock, pins, reqs in (("run", run, project["dependencies"]),
                             ("test", test, project["dependencies"] + project["optional-dependencies"]["test"])):
        for req in map(Requirement, reqs):
            name = canonicalize_name(req.name)
            assert name in pins, f"{req.name} is not in requirements/{lock}.lock: run `make lock`"
            assert req.specifier.contains(pins[name], prereleases=True), \
                f"{lock}.lock pins {req.name}=={pins[name]} outside {req.specifier}: run `make lock`"
    assert run.items() <= test.items(), "run.lock and test.lock disagree on a version"
    assert "torch" not in test       # spaCy and underthesea do not need it


def _setuptools_is_recent() -> bool:
    """The locked setuptools builds without isolation (no index needed); an old one does not."""
    try:
        from importlib.metadata import version
        return int(version("setuptools").split(".")[0]) >= 68
    except Exception:
        return False


def _clean_env() -> dict[str, str]:
    """This process's environment without what would point the installed copy back at the checkout."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VANBAN_RULES", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PYTHONNOUSERSITE"] = "1"
    return env


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> tuple[Path, str]:
    """The wheel, built from a copy of the sources, and the build's output."""
    src = tmp_path_factory.mktemp("src")
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif path.exists():
            shutil.copy2(path, src / name)
    dist = tmp_path_factory.mktemp("dist")
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", str(dist), str(src)]
    if _setuptools_is_recent():
        cmd[4:4] = ["--no-build-isolation", "--no-index"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, env=_clean_env())
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    wheels = list(dist.glob("vanban-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0], proc.stdout + proc.stderr


@pytest.fixture(scope="module")
def installed(build, tmp_path_factory) -> Path:
    """A fresh venv holding the wheel; its dependencies come from this environment's site-packages."""
    wheel, _ = build
    env_dir = tmp_path_factory.mktemp("venv") / "env"
    venv.EnvBuilder(with_pip=False, symlinks=True).create(env_dir)
    python = env_dir / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    # Appended after the venv's own site-packages: the wheel's `pipeline` wins over any editable one,
    # and the project's `.pth` files (an editable install's finder) are not run.
    ours = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    Path(purelib, "_vanban_test_deps.pth").write_text("\n".join(ours) + "\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
                           "--no-index", "--quiet", str(wheel)],
                          capture_output=True, text=True, timeout=300, env=_clean_env())
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return env_dir


def test_wheel_carries_rules_and_model(build):
    wheel, _ = build
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped_rules = {Path(n).name for n in names if n.startswith("pipeline/") and n.endswith(".yaml")}
    assert {p.name for p in (ROOT / "rules").glob("*.yaml")} <= shipped_rules
    model = ROOT / "pipeline" / "models" / "bodies"
    for path in model.rglob("*"):
        if path.is_file():
            assert path.relative_to(ROOT).as_posix() in names
    assert not any(n.split("/")[0] in ("rules", "tests", "corpus", "scripts") for n in names)


def test_build_prints_no_setuptools_warnings(build):
    _, output = build
    for warning in ("BuildBackendWarning", "SetuptoolsDeprecationWarning", "Package would be ignored"):
        assert warning not in output


PROBE = """
import pathlib, spacy, pipeline, pipeline.rules
package = pathlib.Path(pipeline.__file__).parent
print(package)
print(pipeline.rules.rules_dir())
print(spacy.load(package / "models" / "bodies", exclude=["vanban_body_names"]).pipe_names)  # the NER weights
"""


def test_installed_copy_is_used(installed, tmp_path):
    proc = subprocess.run([str(installed / "bin" / "python"), "-c", PROBE], capture_output=True, text=True,
                          cwd=tmp_path, env=_clean_env(), timeout=120)
    assert proc.returncode == 0, proc.stderr
    package, rules, pipes = proc.stdout.splitlines()[:3]
    assert Path(package).resolve().is_relative_to(installed.resolve())
    assert Path(rules).resolve().is_relative_to(Path(package).resolve())     # not the checkout's rules/
    assert (Path(rules) / "doc_types.yaml").is_file()
    assert "ner" in pipes                                                      # the bodies model loads


def test_installed_command_extracts_a_document(installed, tmp_path):
    doc = tmp_path / "ke-hoach.txt"
    doc.write_text(PLAN, encoding="utf-8")
    proc = subprocess.run([str(installed / "bin" / "vanban"), "extract", str(doc)], capture_output=True,
                          text=True, cwd=tmp_path, env=_clean_env(), timeout=300)
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    assert record["status"] == "ok", record.get("error")
    assert record["metadata"]["doc_type"] == "Kế hoạch"
    assert record["metadata"]["identifier"] == "12/KH-UBND"
    assert [(r["doc_type"], r["identifier"]) for r in record["references"]] == [("Quyết định", "1441/QĐ-UBND")]
    assert any(b["name"] == "Sở Nội vụ" and b["role"] == "lead" for b in record["bodies"])
