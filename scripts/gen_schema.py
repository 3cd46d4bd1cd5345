"""Write the published schemas from the code that defines them.

`schema/document.schema.json` comes from `pipeline.schema.DocumentRecord`,
`schema/openapi.json` from the HTTP API (`pipeline.apps.api`). Run after changing
either, bump `SCHEMA_VERSION` when the record changes, and note it in
`schema/CHANGELOG.md`. `--check` exits 1 when a shipped file is stale (CI).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.apps.api import openapi_document
from pipeline.schema import json_schema

TARGETS = {
    ROOT / "schema" / "document.schema.json": json_schema,
    ROOT / "schema" / "openapi.json": openapi_document,
}


def render(doc: dict) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only report whether the shipped files are current")
    args = ap.parse_args(argv)
    stale = []
    for path, build in TARGETS.items():
        text = render(build())
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
    if args.check and stale:
        print("stale: " + ", ".join(str(p.relative_to(ROOT)) for p in stale) + " (run scripts/gen_schema.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
