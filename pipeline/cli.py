"""The `vanban` command: run the pipeline over folders, print one document, query the graph."""
from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import click

from .process import FIELDS, error_record, process_file


def discover(inputs: list[str]) -> list[tuple[Path, str]]:
    """Every file under the inputs, recursively, as (path, source) with `/`-separated sources.

    Symlinked folders are not followed (no loops); a broken link still gets a record.
    """
    found: list[tuple[Path, str]] = []
    for inp in inputs:
        root = Path(inp)
        if root.is_dir():
            base = root.resolve().name
            for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
                dirnames.sort()
                for name in sorted(filenames):
                    p = Path(dirpath) / name
                    rel = p.relative_to(root).as_posix()
                    found.append((p, f"{base}/{rel}"))
        else:
            found.append((root, root.name))
    return found


def _work(item: tuple[str, str]) -> dict:
    path, source = item
    try:
        return process_file(Path(path), source)
    except BaseException as exc:  # noqa: BLE001 - the batch must go on
        return error_record(source, None, "worker_failed", f"{type(exc).__name__}: {exc}")


def iter_records(files: list[tuple[Path, str]], workers: int):
    """Records in input order; with several workers, files are processed in parallel."""
    items = [(str(p), s) for p, s in files]
    if workers <= 1:
        for it in items:
            yield _work(it)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_work, items, chunksize=4)


@click.group()
@click.version_option(package_name="vanban")
def main():
    """vanban: Vietnamese directives and plans to a normalized dataset and a citation graph."""


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--out", "out_dir", default="out", show_default=True, type=click.Path(), help="output folder")
@click.option("--workers", default=0, type=int, help="processes to use (0 = all cores)")
@click.option("--quiet", is_flag=True, help="no progress bar")
def run(inputs, out_dir, workers, quiet):
    """Process every file under INPUTS into OUT (documents.jsonl, Parquet, vanban.duckdb)."""
    from tqdm import tqdm

    from .store import write_dataset

    started = time.time()
    files = discover(list(inputs))
    workers = workers or os.cpu_count() or 1
    status = Counter()
    errors = Counter()
    bar = tqdm(total=len(files), unit="file", disable=quiet, file=sys.stderr)

    def seen(rec):
        status[rec["status"]] += 1
        if rec["error"]:
            errors[rec["error"]["code"]] += 1
        bar.update(1)

    counts = write_dataset(iter_records(files, workers), Path(out_dir), on_record=seen)
    bar.close()
    took = time.time() - started
    click.echo(f"\nvanban run: {len(files)} files -> {out_dir}/ in {took:.1f} s "
               f"({len(files) / took if took else 0:.1f} files/s, {workers} workers)")
    click.echo(f"  ok {status['ok']}   errors {status['error']}")
    for code, n in errors.most_common():
        click.echo(f"    {code:<20} {n}")
    click.echo("  extracted: " + "  ".join(f"{t} {counts.get(t, 0)}" for t in ("sections", *FIELDS)))
    click.echo(f"  dataset: {out_dir}/documents.jsonl, {out_dir}/*.parquet, {out_dir}/vanban.duckdb")


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


def _register_extensions() -> None:
    """Commands that live in their own modules (`graph`, `report`, `api`, `export`) add themselves."""
    from importlib import import_module

    for name in ("graph", "report", "api", "export"):
        try:
            module = import_module(f"pipeline.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"pipeline.{name}":
                continue
            raise
        module.register(main)


_register_extensions()

if __name__ == "__main__":
    main()
