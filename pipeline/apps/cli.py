"""The `vanban` command: run the pipeline over folders, print one document, query the graph."""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import click

from pipeline.apps import api, export, graph, report
from pipeline.model import FIELDS
from pipeline.run.process import process_file


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


@click.group()
@click.version_option(package_name="vanban")
def main():
    """vanban: Vietnamese directives and plans to a normalized dataset and a citation graph."""


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--out", "out_dir", default="out", show_default=True, type=click.Path(), help="output folder")
@click.option("--workers", default=0, type=int, help="processes (local) or Dask workers to start (0 = all cores)")
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
@click.option("--quiet", is_flag=True, help="no progress bar")
def run(inputs, out_dir, workers, engine, scheduler, force, follow_links, partitioned, part_docs, timeout,
        max_memory_mb, max_file_mb, max_text_mb, quiet):
    """Process every file under INPUTS into OUT (documents.jsonl, Parquet, vanban.duckdb).

    Incremental and resumable: finished files are kept in OUT/.state, so a
    re-run (or a run after a crash) only processes new or changed files.
    """
    import tqdm as tqdm_module

    from pipeline.run.jobs import EngineError, RunLimits, RunOptions
    from pipeline.run.batch import run as run_batch
    from pipeline.store.state import StateBusy

    tqdm_module.tqdm.monitor_interval = 0  # no helper thread
    bar = tqdm_module.tqdm(unit="file", disable=quiet, file=sys.stderr)
    limits = RunLimits(max_file_bytes=int(max_file_mb * 2**20), max_text_bytes=int(max_text_mb * 2**20),
                       timeout_s=timeout, max_memory_mb=max_memory_mb)
    options = RunOptions(engine=engine, workers=workers, scheduler=scheduler, limits=limits, force=force,
                         follow_links=follow_links,
                         partitioned=partitioned, part_docs=part_docs, on_progress=lambda status, code: bar.update(1))
    try:
        summary = run_batch(list(inputs), Path(out_dir), options)
    except (StateBusy, EngineError) as exc:
        raise click.ClickException(str(exc)) from None
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
    if summary.wrote:
        counts = summary.counts
        click.echo("  extracted: " + "  ".join(f"{t} {counts.get(t, 0)}" for t in FIELDS))
        extra = f", {out_dir}/parquet/<table>/part-*.parquet" if (Path(out_dir) / "parquet").is_dir() else ""
        click.echo(f"  dataset: {out_dir}/documents.jsonl, {out_dir}/*.parquet, {out_dir}/vanban.duckdb{extra}")
    else:
        click.echo(f"  dataset: unchanged, {out_dir}/ is up to date")


@main.command()
@click.argument("file", type=click.Path())
@click.option("--text/--no-text", default=False, help="include the normalized text")
def extract(file, text):
    """Print one document's record as JSON."""
    rec = process_file(Path(file), Path(file).name)
    if not text:
        rec = {k: v for k, v in rec.items() if k != "text"}
    click.echo(json.dumps(rec, ensure_ascii=False, indent=2))
    if rec["status"] != "ok":
        sys.exit(1)


# Commands that live beside their application (`graph`, `cites`, `cited-by`, `report`, `serve`, `export`).
graph.register(main)
report.register(main)
api.register(main)
export.register(main)

if __name__ == "__main__":
    main()
