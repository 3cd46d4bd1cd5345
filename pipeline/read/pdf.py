"""PDF: text layers through PDFium (pdfplumber as fallback); useless layers read by OCR."""
from __future__ import annotations

from pathlib import Path

from pipeline.read import legacy
from pipeline.read.base import IngestError, Ingested, Limits, fix_legacy
from pipeline.read.ocr.layout import split_columns
from pipeline.read.pages import assemble_pages


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


def read_pdf(path: Path, limits: Limits) -> Ingested:
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
    result = assemble_pages("pdf", pages, heights)
    if ocr_pages:
        result.ocr["pages"] = [{"page": p.page, "confidence": p.confidence} for p in ocr_pages.values()]
    else:
        result.ocr = None
        result = fix_legacy(result)
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
    from pipeline.read.ocr import ocr

    if not limits.ocr or not ocr.available() or len(pages) > limits.max_ocr_pages:
        return {}
    try:
        return {p.page - 1: p for p in ocr.ocr_pdf_pages(path, pages)}
    except ocr.OcrUnavailable:
        return {}
