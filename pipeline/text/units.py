"""Administrative units (rules/admin_units.yaml), one table for every rule that reads a place."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline import rules


@lru_cache(maxsize=None)
def table() -> list[dict]:
    return list(rules.load("admin_units")["units"])


@lru_cache(maxsize=None)
def words(*levels: str) -> tuple[str, ...]:
    """Unit words (of the given levels, else all), longest first: `thị xã` before `xã`."""
    out = [u["word"] for u in table() if not levels or u["level"] in levels]
    return tuple(sorted(out, key=len, reverse=True))


@lru_cache(maxsize=None)
def provinces() -> dict[tuple[str, ...], str]:
    """Province names by their casefolded words (`("bình", "thuận")` → `Bình Thuận`), for casing a name
    printed in capitals: a place's words are not the common words casing lowers."""
    return {tuple(p.casefold().split()): p for p in rules.load("admin_units").get("provinces", [])}


@lru_cache(maxsize=None)
def party_of() -> dict[str, str]:
    """Unit word → its Party committee (`tỉnh` → `Tỉnh ủy`)."""
    return {u["word"]: u["party"] for u in table() if u.get("party")}


@lru_cache(maxsize=None)
def youth_of() -> dict[str, str]:
    """Youth Union committee → its unit word (`Tỉnh đoàn` → `tỉnh`)."""
    return {u["youth"]: u["word"] for u in table() if u.get("youth")}


@lru_cache(maxsize=None)
def alternation(*levels: str) -> str:
    """A regex alternation of the unit words (longest first), for patterns built around it."""
    return "|".join(re.escape(w) for w in words(*levels))


_PLACE_WORD = r"(?:[A-ZĐÀ-Ỹ][^\s,;:()]*|\d{1,3})"


@lru_cache(maxsize=None)
def _bare() -> re.Pattern:
    governed = rules.load("admin_units")["governed"]
    return re.compile(r"^\s*(?P<unit>(?i:" + alternation(*governed) + r"))\s+(?P<name>" + _PLACE_WORD
                      + r"(?:\s+(?:-\s+)?" + _PLACE_WORD + r")*)\s*[.;,]?\s*$")


def bare_place(text: str) -> str | None:
    """`Xã Đắk Song`, `Phường 2 Bảo Lộc` → `xã Đắk Song`, `phường 2 Bảo Lộc`: a governed unit and its proper
    name standing alone (a table cell, a list item); None for anything else."""
    m = _bare().match(text)
    if not m:
        return None
    return f"{m.group('unit').lower()} {m.group('name')}"
