"""PDF: text layers through PDFium (pdfplumber as fallback); useless layers read by OCR.

PDFium reads every file it can open; pdfplumber only what it cannot, and the record says so
(`reader`, `reader_fallback`). A table drawn with rules is read row by row, one `a | b | c` line
per row as from a DOCX (`pdf_tables.py`). The number and day a digital-signature stamp prints into the
header (`stamps.py`) are placed into the text, and the signatures themselves are recorded
(`signatures.py`).
"""
from __future__ import annotations

import logging
from pathlib import Path

from pipeline.read import legacy
from pipeline.read.base import IngestError, Ingested, Limits, fix_legacy
from pipeline.read.ocr.layout import split_columns
from pipeline.read.pages import assemble_pages
from pipeline.read.pdf_tables import find_tables, join_split_rows, split_chars, table_rows, with_tables
from pipeline.read.pdfium_text import image_share, page_chars, page_objects, rows_of, words_from_chars

log = logging.getLogger(__name__)


def _page_lines(page, first: bool = False) -> list[tuple[float, str]]:
    """pdfplumber's words of a page, as lines (the fallback reader)."""
    words = page.extract_words(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False, use_text_flow=False)
    return _lines_from_words(words, float(page.width), float(page.height), first)


def _lines_from_words(words: list[dict], width: float, height: float, first: bool = False) -> list[tuple[float, str]]:
    """Words grouped into lines by position; a gap at mid-page splits a line into columns.

    The header of page one is two centred columns set close together, so there a
    smaller gap splits; elsewhere only a wide one does (tables, signature blocks).
    """
    lines: list[tuple[float, str]] = []
    for row in rows_of(words):
        row.sort(key=lambda w: w["x0"])
        for segment in split_columns(row, width, height, first):
            lines.append((row[0]["top"], " ".join(x["text"] for x in segment)))
    return lines


def read_pdf(path: Path, limits: Limits) -> Ingested:
    """PDF pages through PDFium (fast); pdfplumber reads what PDFium cannot open.

    A document that carries signatures gets its pages' signature stamps read into the text
    (the page flattened in memory) and, on page 1, a blank number or day under an image stamp
    read by OCR.
    """
    import pypdfium2 as pdfium

    from pipeline.read import stamps
    from pipeline.read.signatures import read_signatures

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise IngestError("encrypted_pdf", "the PDF is encrypted with a password") from exc
        return _fallback(path, limits, f"PDFium could not open the file: {exc}")
    pages: list[list[tuple[float, str]]] = []
    heights: list[float] = []
    scanned: list[int] = []
    signatures: list[dict] = []
    tables: list[list] = []       # each page's ruled tables with their rows
    shares: list[float] = []      # each page's share under images
    early = _Early(limits)        # scanned pages set to OCR as they are read (`ocr.early`)
    try:
        if len(pdf) > limits.max_pdf_pages:
            raise IngestError("too_many_pages", f"{len(pdf)} pages, over the limit of {limits.max_pdf_pages}")
        signatures = _signatures(pdf, read_signatures)
        pages, tables, heights, shares = ([None] * len(pdf) for _ in range(4))
        for i in reading_order(len(pdf)):
            page = pdf[i]
            try:
                width, height = page.get_width(), page.get_height()
                chars = page_chars(page)
                # a page turned by /Rotate is read as before: its rows run across the space rules are read in
                images, hrules, vrules = page_objects(page, rules=not page.get_rotation())
                share = image_share(page, images)
                # only a page with Widget annotations can carry a stamp: it is flattened now that
                # it has been read, and loaded again to read what the flattening drew, when its
                # annotations draw any text; page 1 is flattened all the same, as its blanks are
                # rendered from it (`ocr_blank_words`), a page past it is left as it is
                widgets = bool(signatures) and bool(stamps.widget_rects(page))
                drawn = widgets and stamps.appearances_draw_text(page)
                stamped = (drawn or (widgets and i == 0)) and stamps.flatten(page)
            finally:
                page.close()
            text_chars, rows = _read_tables(chars, hrules, vrules)
            words = words_from_chars(text_chars)
            if signatures:
                if stamped and drawn:
                    flat = pdf[i]
                    try:
                        after = page_chars(flat, height)
                    finally:
                        flat.close()
                    words = words + stamps.stamp_words(chars, after, words)
                if i == 0 and limits.ocr:
                    words = words + stamps.ocr_blank_words(pdf, i, words)
            pages[i] = _lines_from_words(words, width, height, first=i == 0)
            tables[i], heights[i], shares[i] = rows, height, share
            # a signed page may have been flattened: rendered from the file only, after the text (set to OCR
            # early, a signed page's verdict came before the stamp and joined rows that can change it)
            if not signatures:
                early.see(pdf, i, "\n".join(t for _, t in pages[i]), share)
    except IngestError:
        early.close()
        raise
    except Exception as exc:
        early.close()
        # a reading bug, not a file PDFium cannot open: read on, but say so in the record
        log.warning("PDFium failed on %s, read by pdfplumber: %s: %s", path, type(exc).__name__, exc)
        return _fallback(path, limits, f"PDFium failed: {type(exc).__name__}: {exc}", signatures)
    finally:
        pdf.close()
    try:
        try:
            join_split_rows(pages, tables, heights)
        except Exception as exc:   # rows left as each page printed them
            log.warning("table rows across pages not joined: %s: %s", type(exc).__name__, exc)
        for i, rows in enumerate(tables):
            if rows:
                pages[i] = with_tables(pages[i], rows)
            if early.needs_ocr(i, "\n".join(t for _, t in pages[i]), shares[i]):
                scanned.append(i)
        result = _finish_pdf(path, pages, heights, scanned, limits, early.started)
    finally:
        early.close()
    result.reader = _reader_name("pdfium", result, len(pages))
    result.signatures = signatures
    return result


def reading_order(n: int) -> list[int]:
    """The order a PDF's pages are read in (0-based): the first, then the rest from the last back.

    Why: a page that needs OCR is set to it as soon as it is read (`_Early`), and its OCR (seconds of
    tesseract) is most of a mixed PDF's time. A mixed document's scanned pages are mostly its first
    (signed and sealed on paper, scanned) and its last (the signature page, appendices scanned from
    paper after the text): read in page order, a scanned last page waited for the text of every page
    before it. Each page's reading depends on no other page's (the page lists are filled by index and
    the pages joined in page order after), so the text read is the same in any order."""
    return [0, *range(n - 1, 0, -1)] if n else []


def _read_tables(chars: list, hrules: list, vrules: list) -> tuple[list, list]:
    """The characters outside the page's ruled tables, and each table with its row lines
    (`pdf_tables`); a page without tables keeps all its characters."""
    try:
        tables = find_tables(hrules, vrules) if hrules and vrules else []
    except Exception as exc:
        log.warning("ruled tables not found: %s: %s", type(exc).__name__, exc)
        tables = []
    if not tables:
        return chars, []
    try:
        rest, by_cell = split_chars(chars, tables)
        return rest, [(t, table_rows(t, cells)) for t, cells in zip(tables, by_cell)]
    except Exception as exc:   # a table read wrong must not cost the page its text
        log.warning("ruled table unreadable, page read as text: %s: %s", type(exc).__name__, exc)
        return chars, []


def _signatures(pdf, read) -> list[dict]:
    """The document's signatures; a signature dictionary PDFium cannot give up records nothing."""
    try:
        return read(pdf)
    except Exception as exc:   # never worth losing the text over
        log.warning("signatures unreadable: %s: %s", type(exc).__name__, exc)
        return []


def _fallback(path: Path, limits: Limits, reason: str, signatures: list[dict] | None = None) -> Ingested:
    result = _read_pdf_plumber(path, limits)
    result.reader = _reader_name("pdfplumber", result, len(result.page_starts))
    result.reader_fallback = reason
    result.signatures = signatures or []
    return result


def _reader_name(text_reader: str, result: Ingested, n_pages: int) -> str:
    """`pdfium`, `pdfplumber`, `tesseract` when OCR read every page, `pdfium+tesseract` when some."""
    ocr_pages = len((result.ocr or {}).get("pages") or [])
    if not ocr_pages:
        return text_reader
    return "tesseract" if ocr_pages >= n_pages else f"{text_reader}+tesseract"


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


def _finish_pdf(path: Path, pages: list, heights: list[float], scanned: list[int], limits: Limits,
                early=None) -> Ingested:
    """OCR the pages whose text layer is useless, then join the pages."""
    ocr_pages = _ocr_pdf(path, scanned, limits, early) if scanned else {}
    for i, page in ocr_pages.items():
        pages[i] = [(line.top, line.text, line.words) for line in page.lines]
    result = assemble_pages("pdf", pages, heights)
    if ocr_pages:
        result.ocr["pages"] = [{"page": p.page, "confidence": p.confidence} for p in ocr_pages.values()]
    else:
        result.ocr = None
        result = fix_legacy(result)
    return result


class _Early:
    """The pages of one PDF set to OCR as they are read (`pipeline.read.ocr.early`), and each page's
    `needs_ocr` as its own text gave it, so that a page whose text the tables and joined rows leave as
    it was is not scored twice."""

    def __init__(self, limits: Limits):
        self.limits, self.started, self.seen = limits, None, {}

    def see(self, pdf, index: int, text: str, share: float) -> None:
        """Page `index` as read: set to OCR now when its text says it needs it. Never raises (what fails
        here fails again, as before, where the settled list is made and the pages are read by OCR)."""
        if not self.limits.ocr:
            return
        try:
            self.seen[index] = (text, share, needs_ocr(text, share))
            if not self.seen[index][2] or (self.started is not None and not self.started.wants()):
                return
            if self.started is None:
                from pipeline.read.ocr import ocr
                from pipeline.read.ocr.early import EarlyOcr

                if not ocr.available() or self.limits.max_ocr_pages < 1:
                    return
                self.started = EarlyOcr(min(ocr.workers(), self.limits.max_ocr_pages))
            self.started.start(pdf, index)
        except Exception:  # noqa: BLE001 - only a head start
            return

    def needs_ocr(self, index: int, text: str, share: float) -> bool:
        seen = self.seen.get(index)
        if seen is not None and seen[:2] == (text, share):
            return seen[2]
        return needs_ocr(text, share)

    def close(self) -> None:
        if self.started is not None:
            self.started.close()


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


def _ocr_pdf(path: Path, pages: list[int], limits: Limits, early=None) -> dict:
    """OCR of the chosen pages, {index: OcrPage}; {} when OCR is off or not installed. `early`: the
    `ocr.early.EarlyOcr` holding pages started while the text was read, if any."""
    from pipeline.read.ocr import ocr

    if not limits.ocr or not ocr.available() or len(pages) > limits.max_ocr_pages:
        return {}
    try:
        return {p.page - 1: p for p in ocr.ocr_pdf_pages(path, pages, early=early)}
    except ocr.OcrUnavailable:
        return {}
