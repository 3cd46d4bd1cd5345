"""DOCX text straight from `word/document.xml` with lxml: the text python-docx gives, ten times faster.

python-docx builds an object per paragraph, run and cell and answers every `.text` with an XPath
query (60,000 of them for the dev corpus: half the time of reading a DOCX). Here the same walk is
done over the element tree directly, with python-docx's rules kept to the letter:

- the body's and each cell's direct `w:p` and `w:tbl` children, in document order;
- a paragraph's text is that of its direct `w:r` and of the `w:r` of its direct `w:hyperlink`s; a run's
  is its direct `w:t` (text), `w:tab`/`w:ptab` (tab), `w:br` (a new line unless a page or column
  break), `w:cr` (new line), `w:noBreakHyphen` (`-`);
- a row's cells: each `w:tc` once per grid column it spans (`w:gridSpan`); a cell continuing a
  vertical merge (`w:vMerge` without `restart`) stands for the cell above it at the same grid offset.

The parser is python-docx's (blank text between tags dropped, no entities). Anything this walk does
not expect (a package whose main part is elsewhere or of another type, no styles part, a vertical
merge with nothing above) raises, and `docx.read_docx` then reads the file with python-docx as before.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path

from lxml import etree

from pipeline.read.docx_numbering import Numbering

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
_MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

P, TBL, TR, TC, R, HYPERLINK = W + "p", W + "tbl", W + "tr", W + "tc", W + "r", W + "hyperlink"
T, TAB, PTAB, BR, CR, NBH = W + "t", W + "tab", W + "ptab", W + "br", W + "cr", W + "noBreakHyphen"
TCPR, TRPR, GRIDSPAN, VMERGE, GRIDBEFORE = W + "tcPr", W + "trPr", W + "gridSpan", W + "vMerge", W + "gridBefore"
VAL, TYPE = W + "val", W + "type"
_FIXED = {TAB: "\t", PTAB: "\t", CR: "\n", NBH: "-"}

_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)


class Unexpected(Exception):
    """Something python-docx should read instead."""


def _parse(zf: zipfile.ZipFile, name: str, parts: dict[str, bytes] | None = None):
    """The part's XML tree, from the bytes `docx._check_zip` inflated when it has them (the same bytes
    `zf.read` gives), else read (and inflated) from the zip."""
    data = parts.get(name) if parts else None
    return etree.fromstring(data if data is not None else zf.read(name), _PARSER)


def _target(zf: zipfile.ZipFile, rels_name: str, base: str, rel_type: str, parts: dict | None = None) -> str | None:
    """The part a relationship of `rel_type` points to, as a zip member name."""
    for rel in _parse(zf, rels_name, parts).iter(_REL):
        if rel.get("Type") == rel_type and rel.get("TargetMode") != "External":
            target = rel.get("Target") or ""
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
            return path
    return None


def _parts(zf: zipfile.ZipFile, parts: dict | None = None) -> tuple[str, str]:
    """(main document part, styles part) as zip member names, checked the way python-docx does."""
    main = _target(zf, "_rels/.rels", "", _OFFICE_DOC, parts)
    if not main:
        raise Unexpected("no officeDocument relationship")
    types = _parse(zf, "[Content_Types].xml", parts)
    overrides = {o.get("PartName", "").lstrip("/"): o.get("ContentType") for o in types.iter(_CT + "Override")}
    if overrides.get(main) != _MAIN_TYPE:
        raise Unexpected("main part of another content type")
    folder, name = posixpath.split(main)
    styles = _target(zf, posixpath.join(folder, "_rels", name + ".rels"), folder, _STYLES, parts)
    if not styles or styles not in zf.NameToInfo:
        raise Unexpected("no styles part")   # python-docx would add its default styles
    return main, styles


def _run_text(r) -> str:
    out = []
    for e in r:
        tag = e.tag
        if tag == T:
            out.append(e.text or "")
        elif tag == BR:
            if e.get(TYPE, "textWrapping") == "textWrapping":
                out.append("\n")
        elif tag in _FIXED:
            out.append(_FIXED[tag])
    return "".join(out)


def _para_text(p) -> str:
    out = []
    for e in p:
        if e.tag == R:
            out.append(_run_text(e))
        elif e.tag == HYPERLINK:
            out.extend(_run_text(r) for r in e if r.tag == R)
    return "".join(out)


def _blocks(container, numbering=None) -> list[str]:
    lines: list[str] = []
    for e in container:
        if e.tag == P:
            text = _para_text(e)
            label = numbering.label(e) if numbering is not None else None
            if label and text.strip():
                text = f"{label} {text.lstrip()}"   # Word's own number, not in the text (docx_numbering)
            lines.extend(text.split("\n"))
        elif e.tag == TBL:
            lines.extend(_table_lines(e, numbering))
    return lines


def _int_val(parent, tag: str, default: int) -> int:
    if parent is None:
        return default
    el = parent.find(tag)
    return default if el is None else int(el.get(VAL))


def _grid_span(tc) -> int:
    return _int_val(tc.find(TCPR), GRIDSPAN, 1)


def _continues(tc) -> bool:
    tcpr = tc.find(TCPR)
    vmerge = None if tcpr is None else tcpr.find(VMERGE)
    if vmerge is None:
        return False
    val = vmerge.get(VAL, "continue")
    if val not in ("continue", "restart"):
        raise Unexpected(f"vMerge {val!r}")
    return val == "continue"


def _row_cells(rows: list, i: int) -> list:
    """The `w:tc` of each grid cell of row i, as python-docx's `_Row.cells` (a merged cell repeats)."""
    out = []
    offset = _int_val(rows[i].find(TRPR), GRIDBEFORE, 0)
    for tc in rows[i].iterchildren(TC):
        span = _grid_span(tc)
        root = _root_of(rows, i, tc, offset)
        out.extend([root] * _grid_span(root))
        offset += span
    return out


def _root_of(rows: list, i: int, tc, offset: int):
    """The cell whose content a vertically merged `tc` at this grid offset shows."""
    while _continues(tc):
        if i == 0:
            raise Unexpected("vertical merge continues from no row")
        i -= 1
        remaining = offset - _int_val(rows[i].find(TRPR), GRIDBEFORE, 0)
        above = None
        for cand in rows[i].iterchildren(TC):
            if remaining < 0:
                break
            if remaining == 0:
                above = cand
                break
            remaining -= _grid_span(cand)
        if above is None:
            raise Unexpected("no cell above a vertical merge")
        tc = above
    return tc


def _table_lines(tbl, numbering=None) -> list[str]:
    """As docx._table_lines: a layout table (one or two columns, or up to three rows) column by
    column, a data table row by row (`a | b | c`)."""
    trs = list(tbl.iterchildren(TR))
    rows = []
    for i in range(len(trs)):
        seen, cells = set(), []
        for tc in _row_cells(trs, i):
            if id(tc) in seen:
                continue
            seen.add(id(tc))
            cells.append(tc)
        rows.append(cells)
    return table_lines(rows, lambda cell: _blocks(cell, numbering))


def read_docx_xml(path: Path, parts: dict[str, bytes] | None = None) -> tuple[str, list[str]]:
    """(the document's text, the font names its runs and styles name). Raises on anything unexpected.
    `parts`: XML parts already inflated (`docx._check_zip`), by member name."""
    with zipfile.ZipFile(path) as zf:
        main, styles = _parts(zf, parts)
        document = _parse(zf, main, parts)
        style_root = _parse(zf, styles, parts)
        folder, name = posixpath.split(main)
        numbering_part = _target(zf, posixpath.join(folder, "_rels", name + ".rels"), folder, _NUMBERING, parts)
        numbering_root = _parse(zf, numbering_part, parts) if numbering_part in zf.NameToInfo else None
    body = document.find(W + "body")
    if document.tag != W + "document" or body is None:
        raise Unexpected("no w:body")
    # keep every element proxy alive while cells are compared by identity
    text = "\n".join(_blocks(body, Numbering(numbering_root, style_root)))
    names = set()
    for root in (document, style_root):
        for el in root.iter(W + "rFonts"):
            for attr in ("ascii", "hAnsi"):
                v = el.get(W + attr)
                if v:
                    names.add(v)
    return text, sorted(names)


def _cell_text(paragraphs: list[str]) -> str:
    """A cell's paragraphs on the row's line: a paragraph that ends without punctuation and is followed by one
    that opens with a capital is an item of its own (`Sở Nội vụ` / `Sở Tài chính` in a column of bodies), kept
    apart by `;`; the others run on as the sentence they are."""
    out = ""
    for p in paragraphs:
        if out and not re.search(r"[.,;:!?…-]$", out) and p[:1].isupper():
            out += "; "
        elif out:
            out += " "
        out += p
    return out


def table_lines(rows: list[list], cell_lines) -> list[str]:
    """A table's lines, shared by both DOCX readers so they keep giving the same text: header and
    signature blocks (two columns, or a few rows of up to three cells that are whole blocks) are read
    column by column; other tables give one `a | b | c` line per row."""
    width = max((len(r) for r in rows), default=0)
    lines: list[str] = []
    if width <= 2 or len(rows) <= 3 and width <= 3:   # four columns and more: a table of data, however short
        for col in range(width):
            for cells in rows:
                if col < len(cells):
                    lines.extend(cell_lines(cells[col]))
        return lines
    for cells in rows:
        texts = [_cell_text([t.strip() for t in cell_lines(c) if t.strip()]) for c in cells]
        if any(texts):
            lines.append(" | ".join(texts))
    return lines
