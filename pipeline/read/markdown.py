"""Markdown transcriptions of a document, read back as the page printed it.

A faithful transcription marks headings (`# QUYẾT ĐỊNH`, `## Về việc …`), separates paragraphs by
blank lines, escapes list numbers (`1\\.`), breaks lines inside a cell with `<br>` and sets the header
and signature blocks, like the data tables, as pipe tables. The marks go, the text stays: a heading is
its own line, a two-column layout table is read column by column (left, then right, as a DOCX header
table reads), a data table keeps one `a | b | c` line per row (never a section), and the separator row
is dropped.
"""
from __future__ import annotations

import re

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_SEPARATOR_ROW = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
# a row opens with its pipe; the closing pipe is optional (GitHub's tables, and the copies a legal database's
# crawler writes: `| Số: 12/BXD-QLN | Hà Nội, ngày …` with no pipe after the last cell)
_TABLE_ROW = re.compile(r"^\s*\|")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_BREAK = re.compile(r"<br\s*/?>", re.I)
_HARD_BREAK = re.compile(r"(?:\s{2,}|\\)$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n((?:.*\n){1,40}?)---[ \t]*\n")
_FRONT_KEY = re.compile(r"^[A-Za-z_][\w-]*[ \t]*:")


def drop_front_matter(text: str) -> str:
    """The text without the YAML front matter a transcription tool writes above the document (`---` / `title: …` /
    `original_format: "pdf"` / `---`): the tool's own fields, not the document's, whose header starts below.
    Only a block of `key: value` lines is taken for one; a document opening on a rule of dashes keeps it."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return text
    lines = [ln for ln in m.group(1).split("\n") if ln.strip()]
    if not lines or not all(_FRONT_KEY.match(ln) or ln.startswith((" ", "\t", "- ")) for ln in lines):
        return text
    return text[m.end():]


def looks_like_markdown(text: str) -> bool:
    """ATX headings, or a pipe table with its separator row."""
    lines = text.split("\n")
    return any(_HEADING.match(ln) for ln in lines) or any(
        _SEPARATOR_ROW.match(ln) and "-" in ln and "|" in ln for ln in lines)


def _cells(line: str) -> list[str]:
    body = line.strip()[1:]
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    cells = re.split(r"(?<!\\)\|", body)
    return [c.strip() for c in cells]


def _inline(text: str) -> str:
    text = _LINK.sub(r"\1", text)
    return _ESCAPE.sub(r"\1", text)


def _flush_table(rows: list[list[str]], out: list[str]) -> None:
    if not rows:
        return
    width = max(len(r) for r in rows)
    filled = [sum(1 for c in r if c) for r in rows]
    if max(filled) <= 2 and len(rows) <= 6:
        # a layout table (header, signature block): each column top to bottom
        for col in range(width):
            for r in rows:
                if col < len(r) and r[col]:
                    out.extend(p.strip() for p in _BREAK.split(r[col]) if p.strip())
        return
    for r in rows:
        cells = [" ".join(p.strip() for p in _BREAK.split(c) if p.strip()) for c in r]
        filled = [c for c in cells if c]
        if len(filled) > 1:
            # every cell kept, the empty ones too (as a DOCX table's row reads): a figure stays in its column
            # (`| | TỔNG SỐ | | 30.000 | |` under `STT | Danh mục | Đơn vị | Kế hoạch vốn | Ghi chú`)
            out.append(" | ".join(cells))
        elif filled:
            out.append(filled[0])


def markdown_to_text(text: str) -> str:
    """The document's lines without Markdown marks; paragraphs stay one per line."""
    out: list[str] = []
    table: list[list[str]] = []
    for raw in text.split("\n"):
        line = _QUOTE.sub("", raw)
        if _TABLE_ROW.match(line):
            if not _SEPARATOR_ROW.match(line):
                table.append([_inline(c) for c in _cells(line)])
            continue
        _flush_table(table, out)
        table = []
        if _SEPARATOR_ROW.match(line) and "|" in line:
            continue
        m = _HEADING.match(line)
        if m:
            out.extend(["", _inline(m.group(1)), ""])
            continue
        if _RULE.match(line):
            out.append("")
            continue
        line = _HARD_BREAK.sub("", line.rstrip("\n"))
        out.extend(p for p in _BREAK.split(_inline(line)))
    _flush_table(table, out)
    return "\n".join(out)
