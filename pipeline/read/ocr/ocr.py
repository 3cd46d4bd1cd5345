"""OCR of page images with Tesseract 5 (`vie`), keeping page numbers and word confidences.

Signed scans and phone photos carry no usable text. Each page is rendered at 300 dpi (or
an image upscaled to it), flattened against uneven light, straightened, and read by the
`tesseract` CLI, whose TSV output gives every word with its box and confidence, so a value
extracted later can be traced to its page and flagged when the reading was unsure. Pages
are read in parallel, one single-threaded tesseract per core.
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import subprocess
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from PIL import Image, ImageFilter, ImageOps, ImageSequence

from pipeline.read.ocr import handoff, handwritten, heading_seal, list_numbers, ruled_tables, signature_block, slots
from pipeline.read.ocr.cited_numbers import Rereads
from pipeline.read.ocr.layout import date_before_summary, split_columns
from pipeline.read.ocr.repair_text import repair_lines
from pipeline.read.ocr.tone_repair import model as tone_model, repair_words as repair_tone_marks
from pipeline.read.ocr.seals import find_seals, lift_seals, without_colour_ink

DPI = 300
LOW_CONFIDENCE = 60      # a word read with less is listed in `low_confidence`
MIN_SOURCE_DPI = 250     # images below this are upscaled to DPI
A4_WIDTH_INCHES = 8.27
MAX_SKEW_DEGREES = 5.0
TESSERACT_TIMEOUT = 300
SPECK_PER_INCH = 50      # a mark under 1/50 inch both ways, with no letter in it, is no word


class OcrUnavailable(RuntimeError):
    """Tesseract or its Vietnamese data is not installed."""


@dataclass
class OcrLine:
    top: float                      # in points (1/72 inch) from the top of the page
    text: str
    words: list[tuple[int, int, float]] = field(default_factory=list)  # (start, end, conf) in `text`
    left: float = 0.0               # the line's extent across the page, in points
    right: float = 0.0


@dataclass
class OcrPage:
    page: int                       # 1-based
    lines: list[OcrLine]
    confidence: float               # mean word confidence, 0-100
    height: float                   # page height in points
    width: float = 0.0              # page width in points


@lru_cache(maxsize=None)
def available(lang: str = "vie") -> bool:
    """True when `tesseract` runs and knows `lang`."""
    exe = shutil.which("tesseract")
    if not exe:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, timeout=30).stdout.decode()
    except (OSError, subprocess.TimeoutExpired):
        return False
    return lang in out.split()


# ---------------------------------------------------------------- images

def render_page(pdf, index: int, dpi: int = DPI, colour: bool = False) -> Image.Image:
    """One page (0-based) of an open pdfium document as a greyscale image at `dpi` (in colour when asked:
    page 1, where a clerk's blue pen fills in the number and the day, `handwritten`)."""
    page = pdf[index]
    try:
        if colour:
            return page.render(scale=dpi / 72).to_pil().convert("RGB")
        return page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        page.close()


def rasterize_pdf(path, pages: list[int] | None = None, dpi: int = DPI) -> list[Image.Image]:
    """PDF pages (0-based indices) as greyscale images at `dpi`, through pdfium."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return [render_page(pdf, i, dpi) for i in (range(len(pdf)) if pages is None else pages)]
    finally:
        pdf.close()


def image_frames(path) -> list[tuple[Image.Image, float | None]]:
    """Every frame of an image file (multi-page TIFF) with its resolution if it says one; greyscale, but the
    first in colour when it is a colour image (a clerk's blue pen, `handwritten`)."""
    frames = []
    with Image.open(path) as im:
        for frame in ImageSequence.Iterator(im):
            dpi = frame.info.get("dpi")
            res = float(dpi[0]) if dpi and dpi[0] and 50 <= float(dpi[0]) <= 1200 else None
            colour = not frames and frame.mode not in ("1", "L", "LA", "I", "I;16", "F")
            frames.append((ImageOps.exif_transpose(frame).convert("RGB" if colour else "L"), res))
    return frames


def source_dpi(image: Image.Image, stated: float | None) -> float:
    """The image's resolution: as stated, else guessed from an A4 page's width."""
    if stated:
        return stated
    w, h = image.size
    short = min(w, h)
    return max(50.0, short / A4_WIDTH_INCHES)


def upscale(image: Image.Image, dpi: float) -> tuple[Image.Image, float]:
    """Low-resolution images (phone photos, 100-200 dpi) enlarged to about DPI."""
    if dpi >= MIN_SOURCE_DPI:
        return image, dpi
    factor = min(4.0, DPI / dpi)
    size = (round(image.width * factor), round(image.height * factor))
    return image.resize(size, Image.LANCZOS), dpi * factor


def flatten_light(image: Image.Image) -> Image.Image:
    """Divide by the page's background so shadows and uneven light turn white.

    Skipped for clean scans (flat background), where it would only cost time.
    """
    small = image.reduce(8) if min(image.size) > 800 else image
    background = small.filter(ImageFilter.MaxFilter(9)).filter(ImageFilter.GaussianBlur(6))
    bg = np.asarray(background, dtype=np.float32)
    lo, hi = np.percentile(bg, [5, 95])
    if hi - lo < 25 and hi > 180:
        return image
    bg_full = np.asarray(background.resize(image.size, Image.BILINEAR), dtype=np.float32)
    arr = np.asarray(image, dtype=np.float32)
    out = np.clip(arr / np.maximum(bg_full, 1.0) * 255.0, 0, 255)
    return Image.fromarray(out.astype(np.uint8), "L")


def skew_angle(image: Image.Image) -> float:
    """The text lines' angle in degrees, by the sharpest horizontal projection profile. Each angle's profile is
    counted from the ink pixels' rows sheared by it (the row a small rotation moves each pixel to), not from a
    rotated image: the same angles on the scans measured (85 of 86 pages; one 0.1° off), in a fifth of the time."""
    small = image.reduce(max(1, round(min(image.size) / 700)))
    ink = np.asarray(small, dtype=np.uint8) < 128
    if ink.mean() < 0.002:
        return 0.0
    ys, xs = np.nonzero(ink)
    xs = xs - (small.width - 1) / 2.0

    def sharpness(angle: float) -> float:
        rows = np.rint(ys - xs * np.tan(np.radians(angle))).astype(np.int64)
        profile = np.bincount(rows[(rows >= 0) & (rows < small.height)], minlength=small.height)
        return float(np.square(np.diff(profile.astype(np.float64))).sum())

    best = max(np.arange(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + 0.01, 0.5), key=sharpness)
    fine = max(np.arange(best - 0.5, best + 0.51, 0.1), key=sharpness)
    return float(round(fine, 2))


def deskew(image: Image.Image) -> tuple[Image.Image, float]:
    angle = skew_angle(image)
    if abs(angle) < 0.2:
        return image, 0.0
    # bicubic, not bilinear: bilinear's softer strokes cost Tesseract whole lines on signed pages
    return image.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255), angle


def prepare(image: Image.Image, stated_dpi: float | None = None) -> tuple[Image.Image, float]:
    """Greyscale, about 300 dpi, even light, level lines: what Tesseract reads best."""
    image = image.convert("L")
    image, dpi = upscale(image, source_dpi(image, stated_dpi))
    image = flatten_light(image)
    image, _ = deskew(image)
    return image, dpi


# ---------------------------------------------------------------- recognition

def run_tesseract(image: Image.Image, dpi: float = DPI, lang: str = "vie", psm: int = 3) -> str:
    """Tesseract's TSV for one image (one thread, so pages can run side by side).

    With `VANBAN_OCR_CACHE` set to a folder, a page already read (same pixels and settings) is
    taken from there: evaluations that re-run the same scans after a change downstream of OCR
    (scripts/eval_scans.py) then cost seconds, not the minutes of recognition.
    """
    cache = os.environ.get("VANBAN_OCR_CACHE")
    if cache:
        key = hashlib.sha1(handoff.netpbm(image) + f"|{lang}|{psm}|{round(dpi)}".encode()).hexdigest()
        hit = os.path.join(cache, key + ".tsv")
        if os.path.isfile(hit):
            with open(hit, encoding="utf-8") as fh:
                return fh.read()
    got = slots.take() if slots.shared() else False   # the batch's slot, for as long as tesseract runs
    try:
        tsv = _tesseract_tsv(image, dpi, lang, psm)
    finally:
        if got:
            slots.give()
    if cache:
        os.makedirs(cache, exist_ok=True)
        part = f"{hit}.{os.getpid()}.{threading.get_ident()}"
        with open(part, "w", encoding="utf-8") as fh:
            fh.write(tsv)
        os.replace(part, hit)
    return tsv


def _tesseract_tsv(image: Image.Image, dpi: float, lang: str, psm: int) -> str:
    exe = shutil.which("tesseract")
    if not exe:
        raise OcrUnavailable("tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    with handoff.image_input(image) as (source, data, fds):   # a BMP file, read faster than PGM on stdin
        proc = subprocess.run([exe, source, "stdout", "-l", lang, "--psm", str(psm), "--dpi", str(round(dpi)), "tsv"],
                              capture_output=True, env=env, timeout=TESSERACT_TIMEOUT, pass_fds=fds,
                              **({"input": data} if data is not None else {"stdin": subprocess.DEVNULL}))
    if proc.returncode != 0:
        raise OcrUnavailable(f"tesseract failed: {proc.stderr.decode('utf-8', 'replace').strip()[-300:]}")
    return proc.stdout.decode("utf-8", "replace")


def parse_tsv(tsv: str, page: int, dpi: float, height_px: int, tables: list | None = None, reread=None) -> OcrPage:
    """Words grouped back into lines, in reading order, each with its confidence.

    A line Tesseract read across two columns (the header's issuer beside the national
    motto, `Nơi nhận:` beside the signer) is cut at the column gap, as a PDF's text layer is
    (`layout.split_columns`), so the structure stage sees one layout for both. The words inside
    the page's ruled `tables` (`ruled_tables.find`) come out one line per table row, `a | b | c`, their
    cells of figures, and the numbers of citations, first read again by `reread` when given (`Rereads`).
    """
    rows = csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    lines: dict[tuple, list[dict]] = {}
    confs: list[float] = []
    width = height = 0.0
    for r in rows:
        if r.get("level") == "1":
            width, height = float(r["width"]), float(r["height"])
        if r.get("level") != "5":
            continue
        text = (r.get("text") or "").strip()
        if not text:
            continue
        conf = float(r.get("conf") or -1)
        left, top = int(r["left"]), int(r["top"])
        if max(int(r["width"]), int(r["height"])) < dpi / SPECK_PER_INCH and not any(c.isalnum() for c in text):
            continue                            # a speck of toner or of a pen stroke read as `-` or `|`
        key = (int(r["block_num"]), int(r["par_num"]), int(r["line_num"]))
        lines.setdefault(key, []).append({"text": text, "conf": conf, "x0": left, "x1": left + int(r["width"]),
                                          "top": top, "bottom": top + int(r["height"])})
        if conf >= 0:
            confs.append(conf)
    scale = 72.0 / dpi
    out: list[OcrLine] = []
    table_rows: list[list[OcrLine]] = []
    if reread:
        reread.numbers(lines)
    if tables:
        lines, table_rows = _table_lines(lines, tables, scale, reread and reread.cells)
    for key in sorted(lines):
        words = sorted(lines[key], key=lambda w: w["x0"])
        top = min(w["top"] for w in words)
        segments = split_columns(words, width or height_px, height or height_px, first_page=page == 1)
        for segment in date_before_summary(segments) if page == 1 else segments:
            text, spans = _line([segment])
            out.append(OcrLine(top=top * scale, text=text, words=spans,
                               left=segment[0]["x0"] * scale, right=segment[-1]["x1"] * scale))
    for rows in reversed(table_rows):             # each table's rows before the first line below its top
        at = next((i for i, ln in enumerate(out) if ln.top > rows[0].top), len(out))
        out[at:at] = rows
    mean = sum(confs) / len(confs) if confs else 0.0
    return OcrPage(page=page, lines=out, confidence=round(mean, 1), height=height_px * scale,
                   width=(width or 0.0) * scale)


def _line(cells: list[list[dict]]) -> tuple[str, list[tuple[int, int, float]]]:
    """The text of words set in cells (one cell: a plain line) and each word's (start, end, confidence);
    cells are joined by ` | ` as the DOCX and PDF readers join them, the bar kept as a word of its own so
    that a line rebuilt from its words (`read_back`) keeps it."""
    text, spans = "", []
    for i, cell in enumerate(cells):
        if i:
            spans.append((len(text) + 1, len(text) + 2, 100.0))
            text += " | "
        for j, w in enumerate(cell):
            text += " " if j else ""
            spans.append((len(text), len(text) + len(w["text"]), w["conf"]))
            text += w["text"]
    return text, spans


def _table_lines(lines: dict[tuple, list[dict]], tables: list, scale: float, reread=None) -> tuple[dict, list[list[OcrLine]]]:
    """The words of Tesseract's lines outside the tables (by line), and each table's rows as lines; a grid
    whose cells words do not fill (`ruled_tables.filled`) is no table of text and gives its words back."""
    words = [dict(w, key=key) for key, ws in lines.items() for w in ws]
    rest, by_cell = ruled_tables.take_cells(tables, words, scale)
    kept = [t for t, cells in zip(tables, by_cell) if ruled_tables.filled(t, cells)]
    if len(kept) < len(tables):
        tables = kept
        rest, by_cell = ruled_tables.take_cells(tables, words, scale)
    if reread:
        reread(tables, by_cell)
    outside: dict[tuple, list[dict]] = {}
    for w in rest:
        outside.setdefault(w.pop("key"), []).append(w)
    out: list[list[OcrLine]] = []
    for table, cells in zip(tables, by_cell):
        rows = [OcrLine(top, *_line(row), left=table.xs[0], right=table.xs[-1])
                for top, row in ruled_tables.table_rows(table, cells)]
        if rows:
            out.append(rows)
    return outside, out


def ocr_image(image: Image.Image, page: int = 1, stated_dpi: float | None = None, lang: str = "vie",
              prepared: tuple[Image.Image, float] | None = None) -> OcrPage:
    """One page image, prepared and read; the band a seal covers at the top of the page (an appendix's
    heading) is read again on its own (`heading_seal`), and a signature block whose name was lost is read
    a second time on its own with the seal lifted off it (`signature_block`, `seals`), the rest of the page
    as first read. `prepared`: `prepare(image, stated_dpi)` when the caller made it already."""
    ready, dpi = prepared or prepare(image, stated_dpi)
    lifted, rings, read = [], [], {}

    def seal_rings() -> list:
        """The page's seals, searched for once (the heading's reread and the lifted page both ask)."""
        if not rings:
            rings.append(find_seals(ready, dpi))
        return rings[0]

    # The page's tables and seal rings, which every page with text needs, are found while tesseract reads it
    # (it waits in a thread): the same work, done while this process would only wait. The lifted page is made
    # only when a reread asks for it, or ahead while tesseract reads when a core is spare (an idle worker and a
    # free slot, `slots.spare_while`): made ahead always (tried), it cost about 4 s of CPU over the dev scans
    # and two workers fell from 1.85x to 1.74x one worker.
    with ThreadPoolExecutor(max_workers=1) as reader:
        tsv = reader.submit(run_tesseract, ready, dpi, lang)
        tables = ruled_tables.find(ready, dpi)
        seal_rings()
        # a core spare while tesseract reads (the run's last pages): the lifted page a reread may ask for is
        # made on it, in a thread of its own that nothing waits for unless a reread asks
        ahead = slots.spare_while(tsv) and slots.run_ahead(_lifted, image, ready, dpi, stated_dpi, seal_rings)
        result = parse_tsv(tsv.result(), page, dpi, ready.height, tables, Rereads(ready, dpi, run_tesseract))

    def read_region(box: tuple[int, int, int, int], psm: int, lift: bool = True) -> OcrPage:
        if lift and not lifted:
            made = slots.made(ahead)
            lifted.append(made if made is not None else _lifted(image, ready, dpi, stated_dpi, seal_rings))
        source = lifted[0] if lift else ready
        # a page with no seal to lift is its own lifted page: the same box of it is read once, not twice
        key = (source is ready, box, psm)
        crop = source.crop(box)
        if key not in read:
            read[key] = run_tesseract(crop, dpi, lang, psm=psm)
        return parse_tsv(read[key], page, dpi, crop.height)

    result = heading_seal.reread(result, ready, dpi, read_region, seal_rings)   # a seal over an appendix's heading
    result = signature_block.reread(result, read_region, dpi, ready.size)
    result = list_numbers.reread(result, read_region, dpi)           # a list's numbers set apart by a tab
    return handwritten.reread(result, image, source_dpi(image, stated_dpi))   # a number or day in blue pen


def _lifted(image: Image.Image, ready: Image.Image, dpi: float, stated_dpi: float | None, rings) -> Image.Image:
    """The prepared page with its seal lifted: in colour, every coloured stroke (seal and signature) taken
    off before the page is prepared again (kept when it comes out the same size, so boxes still fit);
    in grey, the seal's ring found and its lighter ink whitened (`seals`)."""
    if image.mode == "RGB":
        grey = without_colour_ink(image)
        if grey is None:            # no coloured ink: prepared again, the page would be `ready` itself
            return ready
        again, _ = prepare(grey, stated_dpi)
        if again.size == ready.size:
            return again
    return lift_seals(ready, dpi, rings())


def workers() -> int:
    """Tesseract processes per document: all cores, or `VANBAN_OCR_WORKERS` when a batch runs
    several documents at once (so that cores are not oversubscribed)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:
        return max(1, min(cores, int(os.environ.get("VANBAN_OCR_WORKERS") or cores)))
    except ValueError:
        return max(1, cores)


share_slots = slots.share   # the batch's tesseract slots and idle workers (`slots`)


def ocr_in_slot(image: Image.Image, page: int, stated_dpi: float | None, lang: str, prepared=None) -> OcrPage:
    """`ocr_image`, whose every tesseract process runs in one of the batch's slots (`slots`, taken in
    `run_tesseract` for as long as the process runs); `prepared`: `prepare`'s result, if made.

    Why the slot is the process's, not the page's: a page holding its slot while this process prepared it,
    found its seals and read its result back (a third of a page's time, in Python: one core per worker,
    its threads sharing one GIL) kept another worker's page, ready to be read, waiting for a slot while
    fewer tesseracts than slots ran (over the dev scans with two workers, 2 to 6 slot-seconds a run, on a
    loaded machine; none since). The slots still bound the run's tesseracts to one per worker."""
    return ocr_image(image, page, stated_dpi, lang, prepared)


def read_stream(items: Iterable[tuple[int, Image.Image, float | None]], lang: str = "vie",
                max_workers: int | None = None, back: bool = True) -> list[OcrPage]:
    """(page number, image, stated dpi) read by parallel tesseracts, results in page order.

    `items` may be a generator that renders each page when asked: it is drawn in this thread
    while the workers read earlier pages, so rendering overlaps recognition and at most two
    pages per worker wait in memory (a 500-page scan is never held whole).
    """
    n = max(1, max_workers or workers())
    # the tone-repair counts `read_back` needs (a seventh of a second, once per process) are loaded
    # meanwhile: this thread mostly waits on tesseract while the pages are read
    loading = threading.Thread(target=tone_model, name="tone-model", daemon=True)
    loading.start()
    if n == 1:
        pages = [ocr_in_slot(im, page, dpi, lang) for page, im, dpi in items]
        loading.join()
        return read_back(pages) if back else pages
    waiting = threading.BoundedSemaphore(2 * n)
    futures = []
    pages = iter(items)
    with ThreadPoolExecutor(max_workers=n) as pool:
        while waiting.acquire() and (item := next(pages, None)) is not None:
            future = pool.submit(ocr_in_slot, item[1], item[0], item[2], lang)
            future.add_done_callback(lambda _: waiting.release())
            futures.append(future)
        read = [f.result() for f in futures]
        loading.join()
        return read_back(read) if back else read


def read_back(pages: list[OcrPage]) -> list[OcrPage]:
    """The pages' lines with OCR's predictable misreadings of labels, numbers and dates undone
    (`repair_text`), in one pass over the document so that roman labels are read in sequence, then
    their syllables' tone marks read back (`tone_repair`)."""
    lines = [line for p in pages for line in p.lines]
    words = [[(line.text[s:e], c) for s, e, c in line.words] for line in lines]
    repaired = repair_lines(words)
    numbered = list_numbers.number_items([[w for w, _ in ws] for ws in repaired])
    for line, fixed, texts in zip(lines, repaired, numbered):
        if len(texts) != len(fixed):            # a number supplied: its confidence is unknown
            fixed = [("", -1.0)] + fixed
        fixed = list(zip(repair_tone_marks(texts), [c for _, c in fixed]))
        spans, pos = [], 0
        for w, c in fixed:
            spans.append((pos, pos + len(w), c))
            pos += len(w) + 1
        line.text, line.words = " ".join(w for w, _ in fixed), spans
    return pages


def ocr_images(images: list[tuple[int, Image.Image, float | None]], lang: str = "vie",
               max_workers: int | None = None) -> list[OcrPage]:
    """(page number, image, stated dpi) triples read in parallel; results in page order."""
    if not images:
        return []
    return read_stream(iter(images), lang, min(len(images), max_workers or workers()))


def iter_pdf_pages(path, pages: list[int] | None = None, dpi: int = DPI) -> Iterator[tuple[int, Image.Image, float]]:
    """(page number, image, dpi) for PDF pages (0-based indices), each rendered when asked for."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        for i in range(len(pdf)) if pages is None else pages:
            yield i + 1, render_page(pdf, i, dpi, colour=i == 0), dpi
    finally:
        pdf.close()


def ocr_pdf_pages(path, pages: list[int], lang: str = "vie", max_workers: int | None = None,
                  early=None) -> list[OcrPage]:
    """PDF pages (0-based) rendered at 300 dpi and read in parallel, rendering overlapping reading; those that
    `early` (`early.EarlyOcr`) started while the text layer was read are taken from it."""
    if not pages:
        return []
    started = early.take(pages) if early is not None else {}
    rest = [i for i in pages if i not in started]
    read = read_stream(iter_pdf_pages(path, rest), lang, min(len(rest), max_workers or workers()),
                       back=False) if rest else []
    if early is not None:
        early.model_loaded()
    order = {i + 1: k for k, i in enumerate(pages)}
    return read_back(sorted(read + [f.result() for f in started.values()], key=lambda p: order[p.page]))


def ocr_image_file(path, lang: str = "vie", max_workers: int | None = None) -> list[OcrPage]:
    """Every frame of an image file (PNG, JPEG, multi-page TIFF)."""
    frames = image_frames(path)
    return ocr_images([(i + 1, im, dpi) for i, (im, dpi) in enumerate(frames)], lang, max_workers)
