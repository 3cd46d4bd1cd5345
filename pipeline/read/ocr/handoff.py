"""How a page image reaches the `tesseract` process: as an uncompressed BMP file in memory-backed storage.

Tesseract's own reading of its input is a measurable share of a page's OCR (a 300 dpi A4 page,
8.8 MB of grey pixels; task-clock of `tesseract … tsv`, best of five): piped on stdin as PGM it
took 1546 ms, because the CLI gathers stdin a character at a time and Leptonica parses PGM a byte
at a time through `fread`; the same pixels piped as BMP 1410 ms (Leptonica copies BMP rows whole);
the BMP as a file 1280-1350 ms (read in one call). The recognition is the same: Leptonica
gives Tesseract the same 8-bit grey raster from either format (the BMP's palette is the identity
grey, which Tesseract's thresholder maps back to the same values), and `--dpi` always overrides
the resolution a file states, so every page's TSV is byte-identical to the PGM hand-off (checked
on the dev scans, the scan bench and the wide set).

The file lives in /dev/shm (RAM) when there is one, else in the temporary folder, and is removed
as soon as tesseract exits. Images that are not 8-bit grey (a caller's RGB crop) keep the PGM/PPM
hand-off on stdin, as does any page whose file cannot be written (a full /dev/shm).
"""
from __future__ import annotations

import io
import os
import sys
import tempfile
from contextlib import contextmanager
from functools import lru_cache

from PIL import Image


def netpbm(image: Image.Image) -> bytes:
    """Uncompressed PGM (PPM for colour): the stdin fallback, and the OCR cache's key (`ocr.run_tesseract`)."""
    buf = io.BytesIO()
    image.save(buf, format="PPM")
    return buf.getvalue()


@lru_cache(maxsize=1)
def scratch_dir() -> str:
    """Where image files for tesseract are written: RAM-backed /dev/shm when writable, else the temp folder."""
    shm = "/dev/shm"
    if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK):
        return shm
    return tempfile.gettempdir()


@contextmanager
def image_input(image: Image.Image):
    """(argument for tesseract's input, bytes for its stdin or None, file descriptors to pass it): a BMP file
    when the image is 8-bit grey and the file could be written, else `stdin` and the image as PGM/PPM.

    On Linux the file is unlinked as soon as it is written and handed over as `/proc/self/fd/N` (the child
    inherits descriptor N; opening that path opens the file afresh, from its start, as tesseract does twice):
    a worker killed while tesseract reads (a timeout, the memory limit) leaves nothing behind in /dev/shm."""
    if image.mode == "L":
        buf = io.BytesIO()
        image.save(buf, format="BMP")
        fd = path = None
        try:
            fd, path = tempfile.mkstemp(prefix="vanban-ocr-", suffix=".bmp", dir=scratch_dir())
            view = buf.getbuffer()
            while view:
                view = view[os.write(fd, view):]
            if sys.platform.startswith("linux"):
                _remove(path)
                path = None
        except OSError:
            if fd is not None:
                os.close(fd)
            if path:
                _remove(path)
            fd = None
        if fd is not None:
            try:
                if path is None:
                    yield f"/proc/self/fd/{fd}", None, (fd,)
                else:
                    os.close(fd)
                    fd = None
                    yield path, None, ()
            finally:
                if fd is not None:
                    os.close(fd)
                if path:
                    _remove(path)
            return
    yield "stdin", netpbm(image), ()


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
