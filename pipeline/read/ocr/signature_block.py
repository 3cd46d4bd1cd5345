"""Read a page's signature block a second time, on its own.

Under `KT. GIÁM ĐỐC` / `PHÓ GIÁM ĐỐC` come a hand signature, the seal half over it, and the typed
name. Tesseract's page layout takes the strokes and the name for one picture and either drops
the name (`Cao Huy` gone) or glues strokes to it (`<==finh Ngọc Hiếu`). Cut out alone, the block
is one column of short centred lines, and read as one uniform block of text (`--psm 6`, or as a
column or sparse text when that fails) its name comes back clean. So when a page's right column
holds a signer's heading (an authority line or a title in capitals) without both a title and a
clean name under it, the block, from that heading down as far as a name is set below a
signature, is read again and its lines take the place of the first reading's when they give
more. A page whose first reading already gives title and name is left as it was read.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from pipeline import rules
from pipeline.read.ocr.ocr_repair import repair_line

PSMS = (6, 4, 11)           # one uniform block of text, one column, sparse text
BLOCK_DEPTH_IN = 2.6        # from the heading to below the typed name
HALF_WIDTH_IN = 1.7         # the block is centred on its heading and narrower than this either side
ABOVE_IN = 0.08
BARLESS_T = "I1l|"           # no Vietnamese surname starts with I; a T without its bar is read so
RIGHT_COLUMN = 0.4          # a heading starting right of this share of the page is the signer's column


def _closing() -> dict:
    return rules.load("structure")["closing"]


def _upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


def is_signer_heading(text: str) -> bool:
    """`KT. GIÁM ĐỐC`, `TM. ỦY BAN NHÂN DÂN`, `PHÓ CHỦ TỊCH`: a line that opens a signature block
    (read through OCR's usual damage to those words first)."""
    t = repair_line(text.strip())
    cfg = _closing()
    m = rules.compiled(cfg["authority"]).match(t)
    if m and _upper(m.group("who")) and len(t) < 80:
        return True
    m = rules.compiled(cfg["signer_title"]).match(t)
    return bool(m) and m.end() == len(t) and _upper(t) and len(t) < 40


def is_name(text: str) -> bool:
    """A person's name as a signature block prints it (`Nguyễn Văn An`)."""
    cfg = _closing()
    t = text.strip()
    return bool(rules.compiled(cfg["name"]).match(t)) and not rules.compiled(cfg["not_name"]).search(t)


def strip_strokes(line) -> bool:
    """`= Đinh Ngọc Hiếu`, `_ “Nguyễn Thị Bông`, `—_— PHÓ GIÁM ĐỐC`: pen strokes of the signature read as marks
    around a name or a title, or across the bar of a name's T (`Irần Văn An`). Dropped (the line's word spans
    kept in step) when what is left is a name or a signer's heading; returns whether the line is one."""
    text = line.text
    words = [(text[a:b], c) for a, b, c in line.words] or [(w, -1.0) for w in text.split()]
    while words and not re.search(r"[^\W_]", words[0][0]):
        words.pop(0)
    while words and not re.search(r"[^\W_]", words[-1][0]):
        words.pop()
    if not words:
        return False
    words[0] = (re.sub(r"^[\W_]+", "", words[0][0]), words[0][1])
    words[-1] = (re.sub(r"[^\w.]+$|_+$", "", words[-1][0]), words[-1][1])
    if words[0][0][:1] in BARLESS_T and words[0][0][1:2].islower() and is_name("T" + " ".join(w for w, _ in words)[1:]):
        words[0] = ("T" + words[0][0][1:], words[0][1])   # `Irần`, `1rương`: a bold T that lost its bar
    rest = " ".join(w for w, _ in words)
    if rest == text:
        return is_name(text) or is_signer_heading(text)
    if not (is_name(rest) or is_signer_heading(rest)):
        return False
    spans, pos = [], 0
    for w, c in words:
        spans.append((pos, pos + len(w), c))
        pos += len(w) + 1
    line.text, line.words = rest, spans
    return True


def block_box(page, heading) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) in points of the block a heading opens."""
    centre = (heading.left + heading.right) / 2
    left = max(RIGHT_COLUMN * page.width - 18, centre - HALF_WIDTH_IN * 72)
    right = min(page.width, centre + HALF_WIDTH_IN * 72)
    top = max(0.0, heading.top - ABOVE_IN * 72)
    return left, top, right, min(page.height, heading.top + BLOCK_DEPTH_IN * 72)


def _score(lines) -> int:
    """What a reading of the block gives the closing: a heading first, then a title and a name under it."""
    heads = [k for k, ln in enumerate(lines) if is_signer_heading(ln.text)]
    if not heads:
        return 0
    below = lines[heads[0]:]
    title = any(rules.compiled(_closing()["signer_title"]).match(repair_line(ln.text)) for ln in below)
    return 1 + 2 * any(is_name(ln.text) for ln in below) + title


def reread(page, read_region: Callable, dpi: float, size: tuple[int, int]):
    """The page with its signature block's lines read again when the first reading lost the name or the
    title. `read_region((x0, y0, x1, y1), psm)` reads that box of the page image (pixels) as its own page;
    the block is tried as one uniform block, then as one column, then as sparse text, and the first
    reading that gives the most of heading, title and name takes the place of the page's, if it gives more."""
    if not page.width:
        return page
    heading = next((ln for ln in page.lines if ln.left > RIGHT_COLUMN * page.width and is_signer_heading(ln.text)), None)
    if heading is None:
        return page
    left, top, right, bottom = block_box(page, heading)
    inside = [i for i, ln in enumerate(page.lines)
              if top <= ln.top < bottom and ln.left >= left - 9 and ln.right <= right + 36]
    for i in inside:
        strip_strokes(page.lines[i])             # the first reading, its strokes dropped
    first = _score([page.lines[i] for i in inside])
    if first >= 4:
        return page
    px = dpi / 72
    box = (round(left * px), round(top * px), min(size[0], round(right * px)), min(size[1], round(bottom * px)))
    best, best_score = None, first
    for psm in PSMS:
        lines = [ln for ln in read_region(box, psm).lines if re.search(r"[^\W_]", ln.text)]
        for ln in lines:
            strip_strokes(ln)
        score = _score(lines)
        if score > best_score and score >= 3:    # a name under a heading at least
            best, best_score = lines, score
        if best_score >= 4:
            break
    if best is None:
        return page
    for ln in best:
        ln.top += top
        ln.left += left
        ln.right += left
    at = inside[0] if inside else len(page.lines)
    gone = set(inside)
    kept = [ln for i, ln in enumerate(page.lines) if i not in gone]
    page.lines = kept[:at] + best + kept[at:]
    return page
