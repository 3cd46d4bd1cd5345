"""A PDF's first scanned pages set to OCR while the rest of its text layer is still being read.

Which pages of a PDF need OCR is only settled once every page's text is read (`pdf.read_pdf`: the
tables put in, rows split across pages joined), and OCR used to start only then. In a PDF of many
text pages and one scanned one (a decision whose page 1 is a scan with a junk English text layer,
`needs_ocr`), the OCR of that page, seconds of tesseract, waited for the text of all the others:
a straggler's whole text-reading time on the run's critical path. So a page whose own text already
says it needs OCR is rendered as it is read (in the reading thread: PDFium is not thread-safe) and
read by OCR in a thread at once (`ocr.ocr_in_slot`, so the batch's tesseract slots still bound
the processes). When the settled list holds the page, its reading is taken (`take`); a page the
settled list does not hold is discarded (its work lost: the rare page whose tables or joined rows
turn its text into Vietnamese). Each page is read exactly as `ocr.iter_pdf_pages` would render and
read it, so the OCR text is the same. At most `limit` pages are started (one per OCR worker): each
holds its page image until read, and a long scan is read by the usual stream after the text.
"""
from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor


class EarlyOcr:
    """Pages started on OCR before the PDF's text layer is fully read (see the module)."""

    def __init__(self, limit: int, lang: str = "vie"):
        self.limit, self.lang = limit, lang
        self.futures: dict[int, Future] = {}
        self.pool: ThreadPoolExecutor | None = None
        self.loading: threading.Thread | None = None

    def wants(self) -> bool:
        """Whether another page may be started."""
        return len(self.futures) < self.limit

    def start(self, pdf, index: int) -> None:
        """Render page `index` (0-based) of the open pdfium document here, as `iter_pdf_pages` does, prepare
        it here (`ocr.prepare`), and read it in a thread."""
        from pipeline.read.ocr import ocr

        if not self.wants() or index in self.futures:
            return
        image = ocr.render_page(pdf, index, ocr.DPI, colour=index == 0)
        # prepared here too, before this thread reads on: beside that reading (Python, holding the GIL) in
        # the OCR thread, the page took twice as long to reach tesseract
        prepared = ocr.prepare(image, ocr.DPI)
        if self.pool is None:
            self.pool = ThreadPoolExecutor(max_workers=self.limit, thread_name_prefix="early-ocr")
            # the tone-repair counts `read_back` needs, loaded meanwhile as `ocr.read_stream` loads them
            self.loading = threading.Thread(target=ocr.tone_model, name="tone-model", daemon=True)
            self.loading.start()
        self.futures[index] = self.pool.submit(ocr.ocr_in_slot, image, index + 1, ocr.DPI, self.lang, prepared)

    def take(self, pages: list[int]) -> dict[int, Future]:
        """The started readings of `pages` (0-based), {index: future of its OcrPage}; the others are dropped."""
        return {i: f for i, f in self.futures.items() if i in set(pages)}

    def model_loaded(self) -> None:
        """Wait for the tone-repair counts loading in a thread (so they are not loaded twice)."""
        if self.loading is not None:
            self.loading.join()

    def close(self) -> None:
        """Wait for the threads (a tesseract cannot be called back) and drop what was not taken."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
