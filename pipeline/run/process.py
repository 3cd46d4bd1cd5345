"""One file through every stage: ingest → normalize → structure → extract → a dataset record."""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
import traceback
from pathlib import Path

from pipeline.model import EXTRACTED, FIELDS, SCHEMA_VERSION
from pipeline.parse.document import Doc
from pipeline.extract import extract_all
from pipeline.read.base import IngestError, Ingested, Limits
from pipeline.read.ingest import ingest
from pipeline.read.legacy import capital_fonts
from pipeline.read.normalize import normalize
from pipeline.read.stamps import stamped_date
from pipeline.parse.closing import certificate_signer
from pipeline.parse.structure import parse

# where a file without pages (a text, a Word file) is searched for a signature stamp's printed time: its first page
FIRST_PAGE_CHARS = 4000


def sha256_of(path: Path) -> str | None:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


def empty_record(source: str, sha: str | None, fmt: str | None = None) -> dict:
    return {"schema_version": SCHEMA_VERSION, "source": source, "sha256": sha, "status": "ok", "error": None,
            "format": fmt, "text": "", "metadata": {"doc_type": None, "identifier": None, "issuer": None,
                                                    "parent_issuer": None, "place": None, "issued_date": None,
                                                    "title": None, "signer": None},
            "sections": [], **{f: [] for f in EXTRACTED},
            "reader": None, "reader_fallback": None, "signatures": []}


def error_record(source: str, sha: str | None, code: str, message: str, fmt: str | None = None) -> dict:
    rec = empty_record(source, sha, fmt)
    rec["status"] = "error"
    rec["error"] = {"code": code, "message": message}
    return rec


def process_text(source: str, text: str, fmt: str = "txt", wrapped: bool = True) -> dict:
    """The stages after ingest, for text already in hand (tests, notebooks, the API)."""
    rec = _process(source, text, fmt, wrapped)[0]
    rec["sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return rec


def to_normalized(offsets: list[int], raw_offset: int) -> int:
    """The normalized position of a raw offset (the first character that came from at or after it)."""
    return bisect_left(offsets, raw_offset)


def _process(source: str, text: str, fmt: str, wrapped: bool, ocr: bool = False, capital_fonts: bool = False,
             offsets: bool = False):
    """`offsets`: keep the map from the normalized text back to the raw one (pages and OCR spans)."""
    norm = normalize(text, fmt, wrapped, join_lower=not capital_fonts, offsets=offsets)
    structure = parse(norm.text, ocr=ocr)
    doc = Doc(source=source, text=document_text(norm.text, structure), structure=structure)
    found = extract_all(doc)
    rec = empty_record(source, None, fmt)   # the caller knows what to hash: the file, or the text
    rec["text"] = norm.text
    rec["metadata"] = structure.metadata
    rec["sections"] = structure.sections
    rec.update(found)
    rec["header"], rec["closing"] = layout_parts(norm.text, structure)
    if doc.failed:
        rec["failed"] = doc.failed
    return rec, norm


def document_text(text: str, structure) -> str:
    """What the extractors read: the text without a saved web page's own matter above and after the document (its
    banner and table of fields, its related documents and notices: parse/structure.py), the matter above blanked
    out (every offset stays the text's), the matter after cut off."""
    start, end = structure.document_start, structure.document_end
    if not start and (end is None or end >= len(text)):
        return text
    return re.sub(r"[^\n]", " ", text[:start]) + text[start:end]


def layout_parts(text: str, structure) -> tuple[dict, dict]:
    """The header's and the closing's offsets (schema 1.4): the header runs to the body, the closing
    from the signature block to the first section after it (an appendix, an attached document)."""
    n = len(text)
    body = min(max(structure.body_start, 0), n)
    start = min(max(structure.closing_start, body), n)
    after = [s["start"] for s in structure.sections if s.get("start", -1) > start]
    return {"start": 0, "end": body}, {"start": start, "end": min(after) if after else n}


def process_file(path: str | Path, source: str | None = None, limits: Limits | None = None,
                 sha256: str | None = None, raw: Ingested | None = None) -> dict:
    """Never raises: an unreadable file gives an error record with a stable code. `sha256`: the file's
    hash when the caller has just computed it (a run's preflight), so the file is not hashed twice.
    `raw`: what `ingest` gave for the file when the caller already read it (only a file read without
    error is handed over: a failure is read again here, and gives its record here)."""
    path = Path(path)
    source = source or path.name
    sha = sha256 or sha256_of(path)
    if raw is None:
        try:
            raw = ingest(path, limits)
        except IngestError as exc:
            return error_record(source, sha, exc.code, exc.message)
        except MemoryError:
            return error_record(source, sha, "out_of_memory", "the file needed more memory than allowed")
        except Exception as exc:  # a reader bug must not stop the batch
            return error_record(source, sha, "ingest_failed", f"{type(exc).__name__}: {exc}")
    try:
        read_by_ocr = bool(raw.ocr and raw.ocr.get("pages"))
        rec, norm = _process(source, raw.text, raw.format, raw.wrapped, ocr=read_by_ocr,
                             capital_fonts=capital_fonts(getattr(raw, "legacy", None)),
                             offsets=bool(raw.page_starts or raw.ocr))
    except Exception as exc:
        tb = traceback.format_exc(limit=3).strip().splitlines()[-1]
        return error_record(source, sha, "pipeline_failed", f"{type(exc).__name__}: {exc} ({tb})", raw.format)
    rec["sha256"] = sha
    if raw.page_starts:
        rec["pages"] = len(raw.page_starts)
        # where each page starts in the normalized text, so a span can be traced to its page
        rec["page_starts"] = [to_normalized(norm.offsets, p) for p in raw.page_starts]
    if raw.ocr:
        rec["ocr"] = _ocr_in_normalized(raw.ocr, norm.offsets)
    locate_values(rec)
    if getattr(raw, "legacy", None):
        rec["legacy"] = raw.legacy
    # which reader read the file, why a faster one did not, and who signed it (PDF)
    rec["reader"], rec["reader_fallback"] = raw.reader, raw.reader_fallback
    rec["signatures"] = list(raw.signatures or [])
    if not rec["metadata"].get("issued_date"):
        # the day a signature stamp prints as its signing time beside a blank `ngày   tháng 5`: in a signed PDF,
        # or printed in the text of a copy made from one (`Ký bởi: …` / `Thời gian ký: 01.03.2023 15:52`)
        first = rec["text"][:rec["page_starts"][1]] if len(rec.get("page_starts") or []) > 1 \
            else rec["text"][:FIRST_PAGE_CHARS]
        rec["metadata"]["issued_date"] = stamped_date(first)
    signer = rec["metadata"].get("signer") or {}
    if rec["signatures"] and not signer.get("name"):
        # a block that prints no name (it is only in the signature's image): the signing certificate's
        name = certificate_signer(rec["signatures"])
        if name:
            rec["metadata"]["signer"] = {**{"title": None, "authority": None}, **signer, "name": name,
                                         "name_from": "signature certificate"}
    return rec


def locate_values(rec: dict) -> None:
    """Give every value of a paged source its page, and of an OCR'd one a low-confidence flag,
    so a reader can open the page and knows which readings to check against the scan."""
    starts = rec.get("page_starts")
    ocr = rec.get("ocr")
    low = sorted((s, e) for s, e, *_ in (ocr or {}).get("low_confidence") or [])
    low_starts = [s for s, _ in low]
    for name in FIELDS:
        for item in rec.get(name) or []:
            start, end = item.get("start"), item.get("end")
            if start is None or end is None:
                continue
            if starts:
                item["page"] = max(1, bisect_right(starts, start))
            if ocr and ocr.get("pages") and name != "sections":
                # word spans neither overlap nor go back, so only the last one starting before
                # the value's end can reach into it
                i = bisect_left(low_starts, end)
                item["low_confidence"] = i > 0 and low[i - 1][1] > start


def _ocr_in_normalized(ocr: dict, offsets: list[int]) -> dict:
    """OCR spans are found in the raw text; the dataset's offsets are into the normalized one."""
    ocr = dict(ocr)
    spans = []
    for start, end, *rest in ocr.get("low_confidence") or []:
        s, e = to_normalized(offsets, start), to_normalized(offsets, end)
        if e > s:
            spans.append([s, e, *rest])
    ocr["low_confidence"] = spans
    return ocr
