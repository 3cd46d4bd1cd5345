"""Load the data-driven rules in `rules/` so vocabularies live outside Python."""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

import yaml

_PACKAGE = Path(__file__).resolve().parent
# An installed wheel carries the tables as pipeline/rules_data/ (setup.py copies them there);
# a checkout, editable install included, reads the top-level rules/ itself.
_PACKAGED = _PACKAGE / "rules_data"
_DEFAULT_DIR = _PACKAGED if _PACKAGED.is_dir() else _PACKAGE.parent / "rules"


def rules_dir() -> Path:
    """The rules folder: `$VANBAN_RULES` when set (a province's own tables), else the project's."""
    return Path(os.environ.get("VANBAN_RULES") or _DEFAULT_DIR)


# libyaml's parser when PyYAML was built with it: the same safe constructor over a scanner in C, a
# tenth of the pure-Python one's time (0.12 -> 0.01 s for the whole of rules/, paid by every run's fork
# server before its workers start); the pure-Python one otherwise
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """One YAML table of `rules/`, parsed once per process."""
    path = rules_dir() / f"{name}.yaml"
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_LOADER) or {}


@lru_cache(maxsize=None)
def compiled(pattern: str, flags: int = 0) -> re.Pattern:
    """A compiled regex, cached, for patterns read from the rules."""
    return re.compile(pattern, flags)


@lru_cache(maxsize=None)
def doc_type_by_code() -> dict[str, str]:
    """Type code (case-folded) → canonical type name."""
    out = {}
    for t in load("doc_types")["types"]:
        for code in t["codes"]:
            out[code.casefold()] = t["name"]
    return out


@lru_cache(maxsize=None)
def doc_type_names() -> list[str]:
    """Canonical type names, longest first so `Nghị quyết liên tịch` wins over `Nghị quyết`."""
    names = [t["name"] for t in load("doc_types")["types"]]
    return sorted(names, key=len, reverse=True)


@lru_cache(maxsize=None)
def canonical_code(code: str) -> str:
    """The official spelling of a type or issuer code (`qđ` → `QĐ`, `ctr` → `CTr`)."""
    folded = code.casefold().replace("ð", "đ")
    for t in load("doc_types")["types"]:
        for c in t["codes"]:
            if c.casefold() == folded:
                return c
    for c in load("abbreviations")["issuers"]:
        if c.casefold() == folded:
            return c
    return code.upper().replace("Ð", "Đ")
