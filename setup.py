"""Build step that pyproject.toml cannot express: ship the top-level `rules/` inside the wheel.

The YAML tables stay at the top of the checkout (a province edits them there, or points
`VANBAN_RULES` at its own copy); a wheel carries them as `pipeline/rules_data/`, which
`pipeline.rules.rules_dir()` reads when the package is installed rather than checked out.
Everything else is declared in pyproject.toml.
"""
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class build_py_with_rules(build_py):
    """`build_py`, plus rules/*.yaml copied to pipeline/rules_data/ (an editable install reads rules/ itself)."""

    def run(self):
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib, "pipeline", "rules_data")
        self.mkpath(str(target))
        for src in sorted(Path("rules").glob("*.yaml")):
            self.copy_file(str(src), str(target / src.name))


setup(cmdclass={"build_py": build_py_with_rules})
