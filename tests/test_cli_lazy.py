"""Issue 16: `vanban` imports a command's application only when that command runs."""
from __future__ import annotations

import importlib
import subprocess
import sys

import click

from pipeline.apps.cli import LAZY_COMMANDS, main


def test_lazy_table_names_exactly_what_each_module_registers():
    for module in set(LAZY_COMMANDS.values()):
        group = click.Group()
        importlib.import_module(module).register(group)
        assert set(group.commands) == {name for name, m in LAZY_COMMANDS.items() if m == module}


def test_every_command_is_listed_and_found():
    assert {"run", "extract", *LAZY_COMMANDS} <= set(main.commands)
    assert "serve" in main.commands and main.commands["serve"].name == "serve"
    assert main.get_command(click.Context(main), "cited-by").name == "cited-by"
    assert main.get_command(click.Context(main), "nope") is None


def test_importing_the_command_loads_no_application_and_no_pyarrow():
    code = ("import sys, pipeline.apps.cli; "
            "print(sorted(m for m in ('pipeline.apps.api', 'pipeline.apps.report', 'pipeline.apps.export', "
            "'pipeline.apps.graph', 'pyarrow', 'spacy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
