"""Legacy Word `.doc` through antiword (catdoc as fallback); antiword's `|` tables unfolded."""
from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

from pipeline.read.base import IngestError, Ingested, Limits, fix_legacy


def read_doc(path: Path, limits: Limits) -> Ingested:
    """Legacy Word through antiword (Debian `antiword`); its `|` tables are unfolded.

    Files antiword refuses (some Word 97 saves) go to catdoc when it is installed. Word's automatic list
    numbers: antiword prints them, but only the number and its punctuation, never the level's own words
    (`Điều %1.` comes out `4.`: the section parser gives such articles their word back); catdoc prints
    none, which `reader_fallback` says. No other offline reader is on the machine (no LibreOffice).
    """
    exe = shutil.which("antiword")
    if not exe:
        raise IngestError("converter_missing", "antiword is not installed (apt-get install antiword)")
    try:
        proc = subprocess.run([exe, "-w", "0", "-m", "UTF-8.txt", str(path)], capture_output=True,
                              timeout=limits.converter_timeout)
    except subprocess.TimeoutExpired as exc:
        raise IngestError("timeout", "antiword took too long on this file") from exc
    reader, fallback = "antiword", None
    if proc.returncode != 0 or not proc.stdout.strip():
        text = _catdoc(path, limits)
        msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        why = msg[-1] if msg else "no output"
        if text is None:
            raise IngestError("corrupt_doc", f"antiword could not read it: {why}")
        reader, fallback = "catdoc", f"antiword could not read it: {why}; catdoc keeps no Word list numbers"
    else:
        text = unfold_ascii_tables(proc.stdout.decode("utf-8", "replace"))
    result = Ingested(format="doc", text=text, reader=reader, reader_fallback=fallback)
    return fix_legacy(result, doc_fonts(path))


def _catdoc(path: Path, limits: Limits) -> str | None:
    exe = shutil.which("catdoc")
    if not exe:
        return None
    try:
        proc = subprocess.run([exe, "-w", "-d", "utf-8", str(path)], capture_output=True,
                              timeout=limits.converter_timeout)
    except subprocess.TimeoutExpired:
        return None
    text = proc.stdout.decode("utf-8", "replace")
    text = re.sub(r"\[This was fast-saved.*?\]", "", text)
    return text if proc.returncode == 0 and text.strip() else None


_FONT_NAME = re.compile(rb"(?:\.\x00V\x00n\x00|V\x00N\x00I\x00[- ]\x00)(?:[\x20-\x7e]\x00){2,30}")


def doc_fonts(path: Path) -> list[str]:
    """Legacy font names in a .doc's font table (stored as UTF-16), e.g. `.VnTime`, `VNI-Times`."""
    try:
        data = path.read_bytes()
    except OSError:
        return []
    return sorted({m.group(0).decode("utf-16-le", "ignore") for m in _FONT_NAME.finditer(data)})


_TABLE_LINE = re.compile(r"^\s*\|.*\|\s*$")


def _table_rows(lines: list[list[str]]) -> list[list[str]]:
    """antiword's table lines gathered into rows: it wraps a long cell onto the lines below
    without marking where a row ends. A line whose every cell goes on in lower case continues
    the row above (`…có hồ` / `sơ quản lý…`); any other line starts a row; an empty line ends one."""
    rows: list[list[list[str]]] = []
    open_row = False
    for raw in lines:
        cells = [c.strip() for c in raw]
        if not any(cells):
            open_row = False
            continue
        goes_on = open_row and len(cells) == len(rows[-1]) and all(c[:1].islower() for c in cells if c)
        if goes_on:
            for col, c in enumerate(cells):
                if c:
                    rows[-1][col].append(c)
        else:
            rows.append([[c] if c else [] for c in cells])
            open_row = True
    return [[" ".join(parts) for parts in row] for row in rows]


def unfold_ascii_tables(text: str) -> str:
    """Turn antiword's `|a|b|` table lines into columns (layout) or `a | b` rows (data)."""
    out: list[str] = []
    block: list[list[str]] = []

    def flush():
        if not block:
            return
        width = Counter(len(r) for r in block).most_common(1)[0][0]
        if width <= 2 and all(len(r) <= 2 for r in block):
            for col in range(width):
                for r in block:
                    if col < len(r) and r[col].strip():
                        out.append(r[col].strip())
        else:
            for cells in _table_rows(block):
                out.append(" | ".join(c for c in cells if c) if sum(1 for c in cells if c) > 1
                           else next(c for c in cells if c))
        block.clear()

    for line in text.split("\n"):
        if _TABLE_LINE.match(line):
            block.append(line.strip()[1:-1].split("|"))
        else:
            flush()
            out.append(line)
    flush()
    return "\n".join(out)
