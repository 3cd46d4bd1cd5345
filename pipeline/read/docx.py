"""DOCX through python-docx, after the zip is checked for bombs and XML entities."""
from __future__ import annotations

import zipfile
from pathlib import Path

from pipeline.read.base import IngestError, Ingested, Limits, fix_legacy


def _check_zip(path: Path, limits: Limits) -> None:
    """Refuse zip bombs and non-Word zips before python-docx inflates anything."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            total = sum(i.file_size for i in zf.infolist())
    except zipfile.BadZipFile as exc:
        raise IngestError("corrupt_docx", f"not a readable DOCX (zip) file: {exc}") from exc
    if "word/document.xml" not in names:
        raise IngestError("unsupported_format", "a zip file that is not a Word document")
    if total > limits.max_unzipped_bytes:
        raise IngestError("zip_bomb", f"the DOCX would unpack to {total} bytes, over the limit")
    with zipfile.ZipFile(path) as zf:
        for name in names:
            if name.endswith((".xml", ".rels")):
                with zf.open(name) as part:
                    head = part.read(4096)
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    # Word never writes a DTD: entities are an entity bomb or an external fetch
                    raise IngestError("unsafe_xml", f"the DOCX part {name} declares XML entities; refused")


def _cell_lines(cell) -> list[str]:
    lines: list[str] = []
    for block in cell.iter_inner_content():
        if hasattr(block, "rows"):
            lines.extend(_table_lines(block))
        else:
            lines.extend(block.text.split("\n"))
    return lines


def _table_lines(table) -> list[str]:
    """A layout table (one or two columns) reads column by column; a data table row by row."""
    rows = []
    for row in table.rows:
        seen, cells = set(), []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(cell)
        rows.append(cells)
    width = max((len(r) for r in rows), default=0)
    lines: list[str] = []
    # header and signature blocks: two columns, or a few rows whose cells are whole blocks
    if width <= 2 or len(rows) <= 3:
        for col in range(width):
            for cells in rows:
                if col < len(cells):
                    lines.extend(_cell_lines(cells[col]))
        return lines
    for cells in rows:
        texts = [" ".join(t.strip() for t in _cell_lines(c) if t.strip()) for c in cells]
        if any(texts):
            lines.append(" | ".join(texts))
    return lines


def read_docx(path: Path, limits: Limits) -> Ingested:
    import docx  # python-docx
    from lxml.etree import XMLSyntaxError

    _check_zip(path, limits)
    try:
        document = docx.Document(str(path))
    except XMLSyntaxError as exc:
        raise IngestError("corrupt_docx", f"the DOCX XML is malformed: {exc}") from exc
    except Exception as exc:  # python-docx raises several kinds for broken packages
        raise IngestError("corrupt_docx", f"not a readable DOCX file: {exc}") from exc
    lines: list[str] = []
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            lines.extend(_table_lines(block))
        else:
            lines.extend(block.text.split("\n"))
    return fix_legacy(Ingested(format="docx", text="\n".join(lines)), _docx_fonts(document))


def _docx_fonts(document) -> list[str]:
    """Font names the document's runs and styles name (`.VnTime`, `VNI-Times`)."""
    from docx.oxml.ns import qn

    names = set()
    for part in (document.element, document.styles.element):
        for el in part.iter(qn("w:rFonts")):
            for attr in ("w:ascii", "w:hAnsi"):
                v = el.get(qn(attr))
                if v:
                    names.add(v)
    return sorted(names)
