"""The `vanban` command: run the pipeline over folders, print one document, query the graph.

Exit codes (README, "Commands"): 0 every file was read, 1 some files failed (each has its error
record), 2 a usage problem or a missing input. Every error is one `Error:` line on stderr, never a
traceback (`VANBAN_DEBUG=1` shows it); Ctrl-C says the work is kept and how to resume.
"""
from __future__ import annotations

import atexit
import importlib
import json
import os
import sys
from collections import Counter
from pathlib import Path

import click

# Commands that live beside their application (`graph`, `cites`, `cited-by`, `report`, `serve`,
# `export`): the module whose `register` adds each, imported only when the command is named, so that
# `vanban run` does not first import the API, the review site and the exports (a third of a second).
LAZY_COMMANDS = {"graph": "pipeline.apps.graph", "cites": "pipeline.apps.graph", "cited-by": "pipeline.apps.graph",
                 "report": "pipeline.apps.report", "serve": "pipeline.apps.api", "export": "pipeline.apps.export"}


def discover(inputs: list[str]) -> list[tuple[Path, str]]:
    """Every file under the inputs, recursively, as (path, source) with `/`-separated sources.

    Symbolic links are not followed; each gets a record saying why (see
    `pipeline.run.walk.walk_inputs`, which streams the same listing).
    """
    from pipeline.run.walk import walk_inputs

    return [(Path(e.path), e.source) for e in walk_inputs(inputs)]


def iter_records(files: list[tuple[Path, str]], workers: int):
    """Records in input order; files are processed in worker processes, one file per worker at a time."""
    from pipeline.run.batch import records_in_order

    yield from records_in_order(files, max(1, workers))


EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130


class UsageProblem(click.ClickException):
    """A usage problem or a missing input: one line, exit code 2."""

    exit_code = EXIT_USAGE


class LazyCommands(dict):
    """A group's commands, where those of `LAZY_COMMANDS` are registered the first time they are looked
    up (by name when one is run; all of them when the group lists them, for `--help`)."""

    def __init__(self, group: click.Group, lazy: dict[str, str]):
        super().__init__(group.commands)
        self.group = group
        self.lazy = dict(lazy)

    def _load(self, name: str) -> None:
        module = self.lazy.get(name)
        if module is None or dict.__contains__(self, name):
            return
        for other in [n for n, m in self.lazy.items() if m == module]:
            del self.lazy[other]
        importlib.import_module(module).register(self.group)

    def _load_all(self) -> None:
        for name in list(self.lazy):
            self._load(name)

    def get(self, name, default=None):
        self._load(name)
        return super().get(name, default)

    def __getitem__(self, name):
        self._load(name)
        return super().__getitem__(name)

    def __contains__(self, name) -> bool:
        return dict.__contains__(self, name) or name in self.lazy

    def __iter__(self):
        self._load_all()
        return super().__iter__()

    def __len__(self) -> int:
        self._load_all()
        return super().__len__()

    def keys(self):
        self._load_all()
        return super().keys()

    def values(self):
        self._load_all()
        return super().values()

    def items(self):
        self._load_all()
        return super().items()


class Vanban(click.Group):
    """The command group: one line for every error, a resume hint on Ctrl-C, commands imported lazily."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.commands = LazyCommands(self, LAZY_COMMANDS)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:   # one line, no traceback: the message names the problem
            if os.environ.get("VANBAN_DEBUG"):
                raise
            if isinstance(exc, OSError):
                where = f" ({exc.filename})" if exc.filename else ""
                msg = f"{exc.strerror or exc}{where}"
            else:
                msg = str(exc) or type(exc).__name__
            raise click.ClickException(msg.splitlines()[0] if msg else type(exc).__name__) from None

    def main(self, *args, **kwargs):
        kwargs.pop("standalone_mode", None)
        try:
            rv = super().main(*args, standalone_mode=False, **kwargs)
            if isinstance(rv, int):   # an exit code (`--help`, `--version`)
                sys.exit(rv)
            return rv
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except (click.Abort, KeyboardInterrupt):
            click.echo("\ninterrupted: the files finished so far are kept (OUT/.state); run the same command "
                       "again to resume where it stopped", err=True)
            sys.exit(EXIT_INTERRUPTED)


@click.group(cls=Vanban)
@click.version_option(package_name="vanban")
def main():
    """vanban: Vietnamese directives and plans to a normalized dataset and a citation graph."""


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--out", "out_dir", default="out", show_default=True, type=click.Path(), help="output folder")
@click.option("--workers", default=0, type=click.IntRange(min=0),
              help="processes (local) or Dask workers to start (0 = all cores)")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local worker processes, or a Dask distributed cluster")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Dask scheduler, e.g. tcp://host:8786 (default: a local cluster on this machine)")
@click.option("--force", is_flag=True, help="reprocess every file, ignoring what OUT/.state already holds")
@click.option("--follow-links", is_flag=True,
              help="follow symbolic links that lead inside the inputs (links leading outside never are)")
@click.option("--partitioned/--no-partitioned", default=None,
              help="also write OUT/parquet/<table>/part-*.parquet (default: on with --engine dask)")
@click.option("--part-docs", default=1000, show_default=True, type=int,
              help="documents per part of the partitioned dataset")
@click.option("--timeout", default=1800.0, show_default=True, type=float, help="seconds allowed per file")
@click.option("--max-memory-mb", default=2048, show_default=True, type=int, help="memory allowed per worker")
@click.option("--max-file-mb", default=300, show_default=True, type=float, help="larger files are refused")
@click.option("--max-text-mb", default=16, show_default=True, type=float,
              help="larger plain-text and RTF files are refused")
@click.option("--include", multiple=True, metavar="GLOB",
              help="read only files whose name or source path matches (repeatable, e.g. '*.pdf')")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="skip files whose name or source path matches (repeatable; Thumbs.db, desktop.ini, "
                   ".DS_Store and Office's ~$* lock files are always skipped)")
@click.option("--quiet", is_flag=True, help="no progress bar")
def run(inputs, out_dir, workers, engine, scheduler, force, follow_links, partitioned, part_docs, timeout,
        max_memory_mb, max_file_mb, max_text_mb, include, exclude, quiet):
    """Process every file under INPUTS into OUT (documents.jsonl, Parquet, vanban.duckdb).

    Incremental and resumable: finished files are kept in OUT/.state, so a
    re-run (or a run after a crash, or Ctrl-C) only processes new or changed files.
    Exit code 0: every file read; 1: some files failed; 2: usage problem or missing input.
    """
    missing = [i for i in inputs if not os.path.lexists(i)]
    if missing:
        raise UsageProblem(f"no such file or folder: {', '.join(missing)}")
    if os.path.exists(out_dir) and not os.path.isdir(out_dir):
        raise UsageProblem(f"--out {out_dir} is a file, not a folder")
    if engine == "local" and (force or not os.path.exists(os.path.join(out_dir, ".state", "state.sqlite"))):
        # a first run (or --force) has files to process: the workers' fork server loads the
        # pipeline while this process imports, walks and hashes (an incremental re-run starts it
        # once it finds a file to process, so a run with nothing new loads nothing)
        from pipeline.run.server import prestart

        prestart()
    from pipeline.apps.progress import Progress
    from pipeline.model import FIELDS
    from pipeline.run.jobs import EngineError, RunLimits, RunOptions
    from pipeline.run.batch import run as run_batch
    from pipeline.run.select import DEFAULT_EXCLUDE, Selection
    from pipeline.run.walk import SKIPPED_LINK_CODES, walk_inputs
    from pipeline.store.state import StateBusy

    selection = Selection(include=tuple(include), exclude=DEFAULT_EXCLUDE + tuple(exclude))
    total = None
    if not quiet:   # a second, cheap walk (names only) gives the bar its total
        total = sum(1 for e in walk_inputs(inputs, out=out_dir, follow_links=follow_links)
                    if selection.wanted(e.path, e.source))
    bar = Progress(total, quiet=quiet)
    limits = RunLimits(max_file_bytes=int(max_file_mb * 2**20), max_text_bytes=int(max_text_mb * 2**20),
                       timeout_s=timeout, max_memory_mb=max_memory_mb)
    options = RunOptions(engine=engine, workers=workers, scheduler=scheduler, limits=limits, force=force,
                         follow_links=follow_links,
                         partitioned=partitioned, part_docs=part_docs, on_file=bar.update, selection=selection)
    try:
        summary = run_batch(list(inputs), Path(out_dir), options)
    except (StateBusy, EngineError) as exc:
        raise click.ClickException(str(exc)) from None
    except KeyboardInterrupt:
        bar.close()
        click.echo(f"\ninterrupted: the {bar.done} files finished are kept in {out_dir}/.state; run the same "
                   f"command again to resume where it stopped", err=True)
        sys.exit(EXIT_INTERRUPTED)
    finally:
        bar.close()
    took = summary.seconds
    where = f"{summary.workers} workers" if engine == "local" else f"dask {scheduler or 'local cluster'}"
    click.echo(f"\nvanban run: {summary.files} files -> {out_dir}/ in {took:.1f} s "
               f"({summary.files / took if took else 0:.1f} files/s, {where})")
    click.echo(f"  processed {summary.processed}   unchanged (kept from {out_dir}/.state) {summary.reused}")
    status = Counter()
    for (st, code), n in summary.outcomes.items():
        status[st] += n
    click.echo(f"  ok {status['ok']}   errors {status['error']}")
    for (st, code), n in summary.outcomes.most_common():
        if st == "error":
            click.echo(f"    {code:<20} {n}")
    partial = summary.outcomes.get(("ok", "extractor_failed"), 0)
    if partial:
        click.echo(f"  partial {partial}: an extractor raised on these files; their other fields stand and "
                   f"their `failed` field names it")
    if summary.wrote:
        from pipeline.store.tables import TABLE_OF

        counts = summary.counts
        click.echo("  extracted: " + "  ".join(f"{t} {counts.get(TABLE_OF[t], 0)}" for t in FIELDS))
        extra = f", {out_dir}/parquet/<table>/part-*.parquet" if (Path(out_dir) / "parquet").is_dir() else ""
        click.echo(f"  dataset: {out_dir}/documents.jsonl, {out_dir}/*.parquet, {out_dir}/vanban.duckdb{extra}, "
                   f"citation graph {out_dir}/citations.graphml")
    else:
        click.echo(f"  dataset: unchanged, {out_dir}/ is up to date")
    failed = sum(n for (st, code), n in summary.outcomes.items()
                 if st == "error" and code not in SKIPPED_LINK_CODES and code != "in_output"
                 or code == "extractor_failed")
    if summary.files == 0:
        raise UsageProblem(f"no input file under {', '.join(inputs)} (after --include/--exclude)")
    _exit_run(EXIT_FAILED if failed else EXIT_OK)


def _exit_run(code: int) -> None:
    """The end of `vanban run`. When this process is the `vanban` program itself (its own command line, not
    the CLI called from other code or a test), it ends without tearing down the interpreter: the exit
    handlers run as at any exit (multiprocessing's clean-up, logging's flush), then the process exits
    at once. Why: the dataset is written and every file closed by then, and freeing pyarrow's, DuckDB's
    and networkx's modules object by object took 0.15 s, a fortieth of a run of the dev corpus."""
    if Path(sys.argv[0]).name not in ("vanban", "cli.py"):
        sys.exit(code)
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    atexit._run_exitfuncs()   # what the interpreter runs first at exit; then its teardown is skipped
    os._exit(code)


@main.command()
@click.argument("file", type=click.Path())
@click.option("--text/--no-text", default=False, help="include the normalized text")
def extract(file, text):
    """Print one document's record as JSON."""
    from pipeline.run.process import process_file

    rec = process_file(Path(file), Path(file).name)
    if not text:
        rec = {k: v for k, v in rec.items() if k != "text"}
    click.echo(json.dumps(rec, ensure_ascii=False, indent=2))
    if rec["status"] != "ok":
        sys.exit(1)


if __name__ == "__main__":
    main()
