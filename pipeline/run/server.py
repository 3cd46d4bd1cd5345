"""The local engine's fork server: started once per run, as early as the run knows it will need it.

Kept apart from `run.local` (which imports the whole pipeline) so that `vanban run` can start the
server before it imports anything heavy itself: the server's preload (spaCy, the readers, the bodies
model, the compiled rules: most of a second) then overlaps the command's own imports, the walk and
the hashing of the inputs instead of following them.
"""
from __future__ import annotations

import multiprocessing as mp
import os

# Imported once in the fork server, shared by every worker (spaCy alone takes seconds to import).
# `pipeline.run.warm` then loads the bodies model and compiles the rules there, once: every worker
# (and every worker that replaces one) starts with them, shared copy-on-write. Not the fallback
# readers (pdfplumber, python-docx): every run would wait for them, and only the rare file PDFium or
# the DOCX XML walk cannot read needs them (its worker imports them then, once).
# The readers' lazily imported parts go in too (the DOCX XML walk, PDF signatures and the X.509 code
# they read): each worker would otherwise import them again on its first such file.
PRELOAD = ["pipeline.run.jobs", "pipeline.extract", "pipeline.extract.bodies.model", "pipeline.read.ocr.ocr",
           "pipeline.read.legacy", "spacy", "pypdfium2", "lxml.etree", "pipeline.read.docx_xml",
           "pipeline.read.signatures", "cryptography.x509", "pipeline.run.warm"]


def context():
    """Workers fork from a clean server process with the readers preloaded: fast to start (a recycled
    worker costs milliseconds, not seconds of imports), no inherited threads or pipes (so they notice
    at once when the parent dies). Preloaded names that do not exist are skipped."""
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    return ctx


def prestart() -> None:
    """Start the fork server now, so that it imports the readers and loads the model (a second or
    more) while the run is still importing, walking, hashing and ordering its inputs, not after.
    Calling it again does nothing.

    The server is a `python -c` process, whose first import path is the current folder, and
    multiprocessing does not give it this process's path (its `sys_path` is ignored): run from a
    folder holding another `pipeline/` (another checkout), the workers would run that code while
    this process hashes and fingerprints its own. PYTHONSAFEPATH (Python 3.11) leaves the current
    folder out, so the server finds `pipeline` where this process did."""
    from multiprocessing import forkserver

    context()
    saved = os.environ.get("PYTHONSAFEPATH")
    os.environ["PYTHONSAFEPATH"] = "1"
    try:
        forkserver.ensure_running()
    finally:
        if saved is None:
            del os.environ["PYTHONSAFEPATH"]
        else:
            os.environ["PYTHONSAFEPATH"] = saved
