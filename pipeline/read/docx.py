"""DOCX straight from its XML with lxml (python-docx when the walk meets something unusual), after the zip is
checked for bombs and XML entities."""
from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

from pipeline.read.base import IngestError, Ingested, Limits, fix_legacy


def _check_zip(path: Path, limits: Limits) -> dict[str, bytes]:
    """Refuse zip bombs, lying headers and non-Word zips before python-docx inflates anything.

    The headers' sizes are not trusted: every member is inflated here, in bounded chunks, and its
    bytes counted as they come, so a bomb whose headers understate its size stops at the limit
    (`zip_bomb`) after inflating no more than the limit, whatever the headers say.

    Returns the XML parts' bytes, inflated here once, for the XML walk to parse rather than inflate
    them again: only those `zipfile` would read the same (its name in the local header, not
    encrypted, the CRC and size right); any other part is read through `zipfile` as before.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise IngestError("corrupt_docx", f"not a readable DOCX (zip) file: {exc}") from exc
    if "word/document.xml" not in {i.filename for i in infos}:
        raise IngestError("unsupported_format", "a zip file that is not a Word document")
    declared = sum(i.file_size for i in infos)
    if declared > limits.max_unzipped_bytes:
        raise IngestError("zip_bomb", f"the DOCX would unpack to {declared} bytes, over the limit of "
                                      f"{limits.max_unzipped_bytes}")
    total = tags = 0
    parts: dict[str, bytes] = {}
    with open(path, "rb") as fh:
        for info in infos:
            if info.is_dir():
                continue
            size, head, member_tags, data = _inflate_counted(fh, info, limits.max_unzipped_bytes - total)
            total += size
            tags += member_tags
            if tags > MAX_XML_TAGS:
                # an XML tree of millions of elements takes gigabytes in lxml and python-docx: a part
                # compressed over 100:1 is built for that (real Word XML compresses 5-35:1)
                bomb = size > 100 * max(info.compress_size, 1)
                raise IngestError("zip_bomb" if bomb else "too_large",
                                  f"the DOCX XML holds over {MAX_XML_TAGS} tags ({info.filename} unpacks "
                                  f"{size} bytes from {info.compress_size}): too many elements to parse")
            if total > limits.max_unzipped_bytes:
                raise IngestError("zip_bomb", f"the DOCX unpacks to over {limits.max_unzipped_bytes} bytes "
                                              f"(its headers say {declared}): refused at the limit")
            if size != info.file_size:
                raise IngestError("corrupt_docx", f"the DOCX part {info.filename} unpacks to {size} bytes, "
                                                  f"its zip headers say {info.file_size}")
            if info.filename.endswith((".xml", ".rels")) and (b"<!DOCTYPE" in head or b"<!ENTITY" in head):
                # Word never writes a DTD: entities are an entity bomb or an external fetch
                raise IngestError("unsafe_xml", f"the DOCX part {info.filename} declares XML entities; refused")
            if data is not None and zlib.crc32(data) == info.CRC:
                parts[info.filename] = data
    return parts


_CHUNK = 1 << 16
# XML tags (`<`) a DOCX may hold in all: 25 times the largest real document seen (40,000), about
# 150 MB once parsed; more is an element bomb that the byte limit alone lets through
MAX_XML_TAGS = 1_000_000


def _inflate_counted(fh, info: zipfile.ZipInfo, budget: int) -> tuple[int, bytes, int, bytes | None]:
    """(bytes the member really unpacks to, its first 4 KiB, its `<` count if XML, and if XML its bytes
    when `zipfile` would give the same ones, else None), reading its data from the local header on;
    inflation stops as soon as the count passes `budget` (it is then over)."""
    xml = info.filename.endswith((".xml", ".rels"))
    fh.seek(info.header_offset)
    local = fh.read(30)
    if len(local) < 30 or local[:4] != b"PK\x03\x04":
        raise IngestError("corrupt_docx", f"the DOCX part {info.filename} has no local zip header")
    name_len, extra_len = struct.unpack("<HH", local[26:30])
    name = fh.read(name_len)
    # kept only where zipfile.read would return these bytes: the local header names the member as the
    # directory does (zipfile refuses it otherwise) and it is not encrypted
    keep = xml and not info.flag_bits & 0x1 and \
        name.decode("utf-8" if info.flag_bits & 0x800 else "cp437", "replace") == info.orig_filename
    chunks: list[bytes] | None = [] if keep else None
    fh.seek(info.header_offset + 30 + name_len + extra_len)
    head = bytearray()
    count = tags = 0
    if info.compress_type == zipfile.ZIP_STORED:
        left = info.compress_size
        while left > 0 and count <= budget:
            chunk = fh.read(min(_CHUNK, left))
            if not chunk:
                break
            left -= len(chunk)
            count += len(chunk)
            if chunks is not None:
                chunks.append(chunk)
            tags += chunk.count(b"<") if xml else 0
            if len(head) < 4096:
                head += chunk[:4096 - len(head)]
        return count, bytes(head), tags, None if chunks is None else b"".join(chunks)
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise IngestError("corrupt_docx", f"the DOCX part {info.filename} uses zip compression method "
                                          f"{info.compress_type}, which Word never writes")
    inflater = zlib.decompressobj(-15)
    try:
        while not inflater.eof and count <= budget:
            data = inflater.unconsumed_tail or fh.read(_CHUNK)
            if not data:
                break     # the stream ends early: python-docx reports the damage
            out = inflater.decompress(data, _CHUNK)   # at most one chunk out per call, whatever the ratio
            count += len(out)
            if chunks is not None:
                chunks.append(out)
            tags += out.count(b"<") if xml else 0
            if len(head) < 4096:
                head += out[:4096 - len(head)]
    except zlib.error as exc:
        raise IngestError("corrupt_docx", f"the DOCX part {info.filename} is damaged: {exc}") from exc
    return count, bytes(head), tags, None if chunks is None or not inflater.eof else b"".join(chunks)


def _paragraph_lines(paragraph, numbering) -> list[str]:
    """A paragraph's lines, Word's list number first (docx_numbering), as docx_xml reads them."""
    text = paragraph.text
    label = numbering.label(paragraph._p) if numbering is not None else None
    if label and text.strip():
        text = f"{label} {text.lstrip()}"
    return text.split("\n")


def _cell_lines(cell, numbering=None) -> list[str]:
    lines: list[str] = []
    for block in cell.iter_inner_content():
        if hasattr(block, "rows"):
            lines.extend(_table_lines(block, numbering))
        else:
            lines.extend(_paragraph_lines(block, numbering))
    return lines


def _table_lines(table, numbering=None) -> list[str]:
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
    from pipeline.read.docx_xml import table_lines
    return table_lines(rows, lambda cell: _cell_lines(cell, numbering))


def read_docx(path: Path, limits: Limits) -> Ingested:
    parts = _check_zip(path, limits)
    try:
        from pipeline.read.docx_xml import read_docx_xml

        text, fonts = read_docx_xml(path, parts)
    except Exception as exc:   # anything unusual: python-docx reads it (or names the damage) as before
        result = _read_python_docx(path)
        result.reader = "python-docx"
        result.reader_fallback = f"the DOCX XML walk failed: {type(exc).__name__}: {exc}"   # said, not silent
        return result
    result = fix_legacy(Ingested(format="docx", text=text), fonts)
    result.reader = "lxml"            # the XML walk of docx_xml, not python-docx: the record names what read it
    return result


def _read_python_docx(path: Path) -> Ingested:
    import docx  # python-docx
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(str(path))
    except XMLSyntaxError as exc:
        raise IngestError("corrupt_docx", f"the DOCX XML is malformed: {exc}") from exc
    except Exception as exc:  # python-docx raises several kinds for broken packages
        raise IngestError("corrupt_docx", f"not a readable DOCX file: {exc}") from exc
    from pipeline.read.docx_numbering import Numbering

    try:
        numbering_root = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        numbering_root = None
    numbering = Numbering(numbering_root, document.styles.element)
    lines: list[str] = []
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            lines.extend(_table_lines(block, numbering))
        else:
            lines.extend(_paragraph_lines(block, numbering))
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
