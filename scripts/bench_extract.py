"""Throughput of each extractor on one core, over the normalized texts of a run.

    python scripts/bench_extract.py [OUT/documents.jsonl]

Structure is parsed once per document beforehand; each extractor is then timed
alone over every document (MB/s counts the UTF-8 bytes of the normalized text).
"""
import json
import sys
import time
from pathlib import Path

from pipeline.parse.document import Doc
from pipeline.extract import ordered
from pipeline.parse.structure import parse


def main(path: str = "out/dev/documents.jsonl") -> None:
    texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8")]
    texts = [t for t in texts if t]
    docs = [Doc(source=str(i), text=t, structure=parse(t)) for i, t in enumerate(texts)]
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"extractors over {len(docs)} documents, {size:.2f} MB of normalized text, one core")
    for ex in ordered():
        name, find = ex.name, ex.find
        found = 0
        start = time.perf_counter()
        for d in docs:
            items = find(d)
            for field in ex.adds:
                d.found[field] = items
            found += len(items)
        took = time.perf_counter() - start
        print(f"  {name:<11} {size / took:7.2f} MB/s  {len(docs) / took:8.1f} docs/s  ({found} found, {took:.2f} s)")


if __name__ == "__main__":
    main(*sys.argv[1:])
