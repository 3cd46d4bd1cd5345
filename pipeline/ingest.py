"""Stage 1, ingest: read one file of any supported format into plain lines of text.

The format is sniffed from the bytes, not trusted from the extension. Layout is
flattened the way a reader scans a page: a two-column header table becomes its
left column then its right column, data tables become `a | b | c` rows, PDF
page numbers and running headers are dropped. A file that cannot be read
raises `IngestError` with a stable code; the caller turns it into a record.

Scans are read by OCR (`ocr.py`): images always, PDF pages whose text layer is not
Vietnamese (none, an English OCR layer, a broken font map). Text typed in the pre-Unicode
TCVN3/VNI fonts is converted (`legacy.py`) before anything else sees it.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import legacy
from .layout import split_columns

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp"}


class IngestError(Exception):
    """A file that cannot be read; `code` is stable for other systems to count on."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Ingested:
    """What a file says, before normalization: text, its format and where its pages start."""

    format: str
    text: str
    page_starts: list[int] = field(default_factory=list)
    # True when physical lines are not paragraphs (PDF, plain text): normalize rejoins them.
    wrapped: bool = False
    # OCR per-page confidences and low-confidence spans in `text` (start, end, conf), if OCR'd.
    ocr: dict | None = None
    # {"encoding": "tcvn3"|"vni", "fonts": [...]} when legacy-encoded text was converted.
    legacy: dict | None = None


@dataclass
class Limits:
    """Per-file limits that keep memory bounded whatever the input."""

    max_bytes: int = 300 * 1024 * 1024
    max_unzipped_bytes: int = 50 * 1024 * 1024
    max_pdf_pages: int = 2000
    converter_timeout: int = 120
    ocr: bool = True            # read scanned pages and images with Tesseract when installed
    max_ocr_pages: int = 200


def sniff_format(path: Path, head: bytes) -> str:
    """Decide the reader from the first bytes; the extension only breaks ties."""
    suffix = path.suffix.lower()
    if b"%PDF-" in head:  # readers accept junk before the marker within the first KiB
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head[:4] in (b"\x89PNG", b"II*\x00", b"MM\x00*") or head[:3] == b"\xff\xd8\xff" or head[:4] == b"GIF8":
        return "image"
    if suffix in IMAGE_SUFFIXES and head[:4] == b"RIFF":
        return "image"
    if suffix == ".md":
        return "md"
    return "txt"


def ingest(path: str | Path, limits: Limits | None = None) -> Ingested:
    """Read one file; raise IngestError with a code for anything unreadable."""
    limits = limits or Limits()
    path = Path(path)
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise IngestError("unreadable", f"cannot open file: {exc.strerror or exc}") from exc
    if size == 0:
        raise IngestError("empty_file", "the file is empty (0 bytes)")
    if size > limits.max_bytes:
        raise IngestError("too_large", f"file is {size} bytes, over the limit of {limits.max_bytes}")
    fmt = sniff_format(path, head)
    reader = _READERS[fmt]
    result = reader(path, limits)
    if not result.text.strip():
        raise IngestError("no_text", f"no text could be read from this {fmt} file")
    return result


# ---------------------------------------------------------------- plain text

def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1258; binary is refused."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    sample = data[:65536]
    if sample.count(b"\x00") > 0:
        raise IngestError("binary_content", "the file holds binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if controls > len(sample) * 0.01:
        raise IngestError("binary_content", "the file holds binary data, not text")
    return data.decode("cp1258", errors="replace")


def _read_text(path: Path, limits: Limits) -> Ingested:
    data = path.read_bytes()
    text = decode_text(data)
    if "|" in text:
        text = unfold_ascii_tables(text)   # Markdown-style `| a | b |` tables, as in .doc output
    fmt = "md" if path.suffix.lower() == ".md" else "txt"
    result = Ingested(format=fmt, text=text, wrapped=True)
    if _is_8bit(data):
        # TCVN3/VNI bytes read best as Windows-1252, the way Word's fonts drew them
        fixed, enc = legacy.fix_text(data.decode("cp1252", errors="replace"))
        if enc and legacy.vietnamese_score(fixed)[0] > legacy.vietnamese_score(text)[0]:
            result.text, result.legacy = fixed, {"encoding": enc, "fonts": []}
            return result
    return _fix_legacy(result)


def _is_8bit(data: bytes) -> bool:
    """Neither UTF-8 nor UTF-16: a single-byte legacy file."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _fix_legacy(result: Ingested, fonts: list[str] | None = None) -> Ingested:
    """Convert TCVN3/VNI runs to Unicode in place; the fonts, when known, hint the encoding."""
    hints = [e for e in (legacy.encoding_of_font(f) for f in fonts or []) if e]
    hint = max(set(hints), key=hints.count) if hints else None
    fixed, enc = legacy.fix_text(result.text, hint)
    if enc and fixed != result.text:
        result.text = fixed
        result.legacy = {"encoding": enc, "fonts": sorted(set(fonts or []))}
    return result


# ---------------------------------------------------------------- DOCX

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


def _read_docx(path: Path, limits: Limits) -> Ingested:
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
    return _fix_legacy(Ingested(format="docx", text="\n".join(lines)), _docx_fonts(document))


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


# ---------------------------------------------------------------- legacy DOC

def _read_doc(path: Path, limits: Limits) -> Ingested:
    """Legacy Word through antiword (Debian `antiword`); its `|` tables are unfolded.

    Files antiword refuses (some Word 97 saves) go to catdoc when it is installed.
    """
    exe = shutil.which("antiword")
    if not exe:
        raise IngestError("converter_missing", "antiword is not installed (apt-get install antiword)")
    try:
        proc = subprocess.run([exe, "-w", "0", "-m", "UTF-8.txt", str(path)], capture_output=True,
                              timeout=limits.converter_timeout)
    except subprocess.TimeoutExpired as exc:
        raise IngestError("timeout", "antiword took too long on this file") from exc
    if proc.returncode != 0 or not proc.stdout.strip():
        text = _catdoc(path, limits)
        if text is None:
            msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise IngestError("corrupt_doc", f"antiword could not read it: {msg[-1] if msg else 'no output'}")
    else:
        text = unfold_ascii_tables(proc.stdout.decode("utf-8", "replace"))
    return _fix_legacy(Ingested(format="doc", text=text), doc_fonts(path))


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


# ---------------------------------------------------------------- PDF

_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?(?:Trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?\s*$", re.I)


def _page_lines(page, first: bool = False) -> list[tuple[float, str]]:
    """pdfplumber's words of a page, as lines (the fallback reader)."""
    words = page.extract_words(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False, use_text_flow=False)
    return _lines_from_words(words, float(page.width), float(page.height), first)


def _pdfium_words(page) -> list[dict]:
    """Words with their boxes from PDFium's text layer (top-down coordinates, like pdfplumber's).

    PDFium reads a page's content in C; pdfminer, under pdfplumber, interprets every drawing
    operator in Python, which costs seconds on pages full of table rules.
    """
    import ctypes

    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        n = textpage.count_chars()
        if n <= 0:
            return []
        text = textpage.get_text_range(0, n)
        height = page.get_height()
        words: list[dict] = []
        cur = None
        x, y = ctypes.c_double(), ctypes.c_double()
        matrix = pdfium_c.FS_MATRIX()
        for i, ch in enumerate(text[:n]):
            if ch == "\ufffe" and cur is not None:
                cur["text"] += "-"   # PDFium's mark for a hyphen that broke the line
                continue
            if ch.isspace() or ch == "\x00":
                cur = None
                continue
            left, _, right, _ = textpage.get_charbox(i)
            if right <= left or not pdfium_c.FPDFText_GetCharOrigin(textpage.raw, i, ctypes.byref(x), ctypes.byref(y)):
                cur = None
                continue
            # rows are told apart by the baseline, the same for every font on a line; the size
            # is the font's times the text matrix's scale (old PDFs set size 1 and scale by 16)
            size = max(1.0, pdfium_c.FPDFText_GetFontSize(textpage.raw, i))
            if size < 2.0 and pdfium_c.FPDFText_GetMatrix(textpage.raw, i, ctypes.byref(matrix)):
                size = max(size, size * abs(matrix.d) if matrix.d else size * abs(matrix.b))
            bottom = height - y.value
            top = bottom - size
            if cur and abs(cur["bottom"] - bottom) <= 0.5 * size and -0.5 * size <= left - cur["x1"] <= 0.6 * size:
                cur["text"] += ch
                cur["x1"] = max(cur["x1"], right)
                cur["top"], cur["bottom"] = min(cur["top"], top), max(cur["bottom"], bottom)
            else:
                cur = {"x0": left, "x1": right, "top": top, "bottom": bottom, "text": ch}
                words.append(cur)
        return words
    finally:
        textpage.close()


def _pdfium_image_share(page) -> float:
    """Share of the page under images, from PDFium's page objects."""
    import pypdfium2.raw as pdfium_c

    area = page.get_width() * page.get_height()
    covered = 0.0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = obj.get_pos()
        covered += max(0.0, (right - left) * (top - bottom))
    return min(1.0, covered / area) if area else 0.0


def _lines_from_words(words: list[dict], width: float, height: float, first: bool = False) -> list[tuple[float, str]]:
    """Words grouped into lines by position; a gap at mid-page splits a line into columns.

    The header of page one is two centred columns set close together, so there a
    smaller gap splits; elsewhere only a wide one does (tables, signature blocks).
    """
    rows: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - w["top"]) <= 3:
            rows[-1].append(w)
        else:
            rows.append([w])
    lines: list[tuple[float, str]] = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        for segment in split_columns(row, width, height, first):
            lines.append((row[0]["top"], " ".join(x["text"] for x in segment)))
    return lines


def _read_pdf(path: Path, limits: Limits) -> Ingested:
    """PDF pages through PDFium (fast); pdfplumber reads what PDFium cannot open."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise IngestError("encrypted_pdf", "the PDF is encrypted with a password") from exc
        return _read_pdf_plumber(path, limits)
    pages: list[list[tuple[float, str]]] = []
    heights: list[float] = []
    scanned: list[int] = []
    try:
        if len(pdf) > limits.max_pdf_pages:
            raise IngestError("too_many_pages", f"{len(pdf)} pages, over the limit of {limits.max_pdf_pages}")
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                width, height = page.get_width(), page.get_height()
                lines = _lines_from_words(_pdfium_words(page), width, height, first=i == 0)
                share = _pdfium_image_share(page)
            finally:
                page.close()
            pages.append(lines)
            heights.append(height)
            if needs_ocr("\n".join(t for _, t in lines), share):
                scanned.append(i)
    except IngestError:
        raise
    except Exception:
        return _read_pdf_plumber(path, limits)
    finally:
        pdf.close()
    return _finish_pdf(path, pages, heights, scanned, limits)


def _read_pdf_plumber(path: Path, limits: Limits) -> Ingested:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(str(path))
    except PDFPasswordIncorrect as exc:
        raise IngestError("encrypted_pdf", "the PDF is encrypted with a password") from exc
    except Exception as exc:
        name = type(exc).__name__
        # pdfplumber wraps pdfminer's PDFPasswordIncorrect in a PdfminerException
        wrapped = any(isinstance(a, PDFPasswordIncorrect) for a in exc.args) or \
            isinstance(exc.__cause__ or exc.__context__, PDFPasswordIncorrect)
        if wrapped or "Password" in name or "Encrypt" in str(exc):
            raise IngestError("encrypted_pdf", "the PDF is encrypted with a password") from exc
        raise IngestError("corrupt_pdf", f"not a readable PDF: {name}: {exc}") from exc
    pages: list[list[tuple[float, str]]] = []
    heights: list[float] = []
    scanned: list[int] = []
    try:
        with pdf:
            if len(pdf.pages) > limits.max_pdf_pages:
                raise IngestError("too_many_pages", f"{len(pdf.pages)} pages, over the limit of {limits.max_pdf_pages}")
            for i, page in enumerate(pdf.pages):
                lines = _page_lines(page, first=i == 0)
                pages.append(lines)
                heights.append(float(page.height))
                if needs_ocr("\n".join(t for _, t in lines), _image_share(page)):
                    scanned.append(i)
    except IngestError:
        raise
    except Exception as exc:
        raise IngestError("corrupt_pdf", f"the PDF could not be parsed: {type(exc).__name__}: {exc}") from exc
    return _finish_pdf(path, pages, heights, scanned, limits)


def _finish_pdf(path: Path, pages: list, heights: list[float], scanned: list[int], limits: Limits) -> Ingested:
    """OCR the pages whose text layer is useless, then join the pages."""
    ocr_pages = _ocr_pdf(path, scanned, limits) if scanned else {}
    for i, page in ocr_pages.items():
        pages[i] = [(line.top, line.text, line.words) for line in page.lines]
    result = _assemble_pages("pdf", pages, heights)
    if ocr_pages:
        result.ocr["pages"] = [{"page": p.page, "confidence": p.confidence} for p in ocr_pages.values()]
    else:
        result.ocr = None
        result = _fix_legacy(result)
    return result


# A text layer is kept when at least this share of its words are marked Vietnamese syllables.
MIN_VIETNAMESE = 0.3
MIN_WORDS = 15


def needs_ocr(text: str, image_share: float) -> bool:
    """Is this page's text layer useless (none, English OCR, a broken font map) so OCR must read it?

    A page with few words is read only when an image covers much of it (a scan with a
    signature stamp's text on top); a page with many words, only when they are not Vietnamese
    (`CQNG HOA XA HQI`, `7ӌ1+`) and still not once TCVN3/VNI is converted.
    """
    score, words = legacy.vietnamese_score(text)
    if words < MIN_WORDS:
        return image_share > 0.3
    if score >= MIN_VIETNAMESE:
        return False
    fixed, enc = legacy.fix_text(text)
    return not (enc and legacy.vietnamese_score(fixed)[0] >= MIN_VIETNAMESE)


def _image_share(page) -> float:
    """Share of the page's area under images (a scan is one image the size of the page)."""
    try:
        area = float(page.width) * float(page.height)
        covered = sum(max(0.0, (float(im["x1"]) - float(im["x0"])) * (float(im["bottom"]) - float(im["top"])))
                      for im in page.images)
    except Exception:
        return 0.0
    return min(1.0, covered / area) if area else 0.0


def _ocr_pdf(path: Path, pages: list[int], limits: Limits) -> dict:
    """OCR of the chosen pages, {index: OcrPage}; {} when OCR is off or not installed."""
    from . import ocr

    if not limits.ocr or not ocr.available() or len(pages) > limits.max_ocr_pages:
        return {}
    try:
        return {p.page - 1: p for p in ocr.ocr_pdf_pages(path, pages)}
    except ocr.OcrUnavailable:
        return {}


def _assemble_pages(fmt: str, pages: list[list[tuple]], heights: list[float]) -> Ingested:
    """Join pages, dropping page numbers and lines repeated at the same edge of most pages.

    A line may carry OCR word confidences as a third item, `[(start, end, conf)]` within the
    line; words below `ocr.LOW_CONFIDENCE` are listed as spans of the joined text.
    """
    from .ocr import LOW_CONFIDENCE

    edge_counts: Counter = Counter()
    if len(pages) >= 3:
        for lines, h in zip(pages, heights):
            for top, text in {(item[0], item[1]) for item in lines}:
                if top < 0.08 * h or top > 0.92 * h:
                    edge_counts[re.sub(r"\d+", "#", text)] += 1
    running = {t for t, n in edge_counts.items() if n >= max(3, len(pages) // 2)}
    text_parts: list[str] = []
    starts: list[int] = []
    low: list[list] = []
    offset = 0
    for page_index, (lines, h) in enumerate(zip(pages, heights)):
        kept = []
        pos = offset
        for item in lines:
            top, text = item[0], item[1]
            at_edge = top < 0.1 * h or top > 0.9 * h
            # page one keeps its header even when attachments repeat it (`BỘ TƯ PHÁP` on pages 1, 3, 4)
            if at_edge and (_PAGE_NUMBER.match(text) or page_index > 0 and re.sub(r"\d+", "#", text) in running):
                continue
            for start, end, conf in (item[2] if len(item) > 2 else ()):
                if conf < LOW_CONFIDENCE:
                    low.append([pos + start, pos + end, conf])
            kept.append(text)
            pos += len(text) + 1
        page_text = "\n".join(kept)
        starts.append(offset)
        text_parts.append(page_text)
        offset += len(page_text) + 1
    return Ingested(format=fmt, text="\n".join(text_parts), page_starts=starts, wrapped=True,
                    ocr={"pages": [], "low_confidence": low})


def _read_rtf(path: Path, limits: Limits) -> Ingested:
    """RTF through striprtf; `\\'xx` bytes are read as Windows-1252, then TCVN3/VNI converted."""
    try:
        from striprtf.striprtf import rtf_to_text
    except ImportError as exc:
        raise IngestError("unsupported_format", "RTF needs the striprtf package (pip install striprtf)") from exc
    raw = path.read_bytes().decode("latin-1")
    try:
        text = rtf_to_text(raw, encoding="cp1252", errors="replace")
    except Exception as exc:
        raise IngestError("corrupt_rtf", f"not a readable RTF file: {type(exc).__name__}: {exc}") from exc
    fonts = re.findall(r"\\f\d+\\[^;{}]*?\s([^;{}\\]+);", raw[:200000])
    return _fix_legacy(Ingested(format="rtf", text=text), [f.strip() for f in fonts])


def _read_image(path: Path, limits: Limits) -> Ingested:
    """Scans and photos (PNG, JPEG, TIFF with several pages): every frame OCR'd."""
    from . import ocr

    if not limits.ocr or not ocr.available():
        raise IngestError("needs_ocr", "image files need OCR: install tesseract-ocr and tesseract-ocr-vie")
    try:
        pages = ocr.ocr_image_file(path)
    except ocr.OcrUnavailable as exc:
        raise IngestError("needs_ocr", str(exc)) from exc
    except (OSError, ValueError) as exc:  # PIL: truncated or unknown image data
        raise IngestError("corrupt_image", f"the image could not be decoded: {exc}") from exc
    if len(pages) > limits.max_ocr_pages:
        raise IngestError("too_many_pages", f"{len(pages)} frames, over the limit of {limits.max_ocr_pages}")
    result = _assemble_pages("image", [[(l.top, l.text, l.words) for l in p.lines] for p in pages],
                             [p.height for p in pages])
    result.ocr["pages"] = [{"page": p.page, "confidence": p.confidence} for p in pages]
    return result


_READERS = {
    "txt": _read_text,
    "md": _read_text,
    "docx": _read_docx,
    "doc": _read_doc,
    "pdf": _read_pdf,
    "rtf": _read_rtf,
    "image": _read_image,
}
