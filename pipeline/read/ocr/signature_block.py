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
from pipeline.text.fold import fold

PSMS = (6, 4, 11)           # one uniform block of text, one column, sparse text
BLOCK_DEPTH_IN = 2.6        # from the heading to below the typed name
HALF_WIDTH_IN = 1.7         # the block is centred on its heading and narrower than this either side
ABOVE_IN = 0.08
NAME_BELOW_IN = 0.4         # read up from a name: the box ends this far below its top
TITLE_SHARE = 0.7            # a title cut short must keep this much of its letters
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
    surname = _struck_surname(words[0][0])
    if surname and is_name(" ".join([surname] + [w for w, _ in words[1:]])):
        words[0] = (surname, words[0][1])                 # `N«uyễn`: a pen line through one of its letters
    rest = " ".join(w for w, _ in words)
    if not (is_name(rest) or is_signer_heading(rest)):
        title = completed_title(rest)
        if title is None:
            return False
        words = [(w, words[min(k, len(words) - 1)][1]) for k, w in enumerate(title.split())]
        rest = title
    if rest == text:
        return True
    spans, pos = [], 0
    for w, c in words:
        spans.append((pos, pos + len(w), c))
        pos += len(w) + 1
    line.text, line.words = rest, spans
    return True


def _struck_surname(word: str) -> str | None:
    """The family name a word is when the one mark inside it that is no letter stands where a pen line
    crossed a letter (`N«uyễn`, `N„uyên`, `Tr|ần`: the line costs the letters near it their marks too): the
    single surname of `rules/names.yaml` whose letters fit, marks aside; else None."""
    odd = [k for k, c in enumerate(word) if not c.isalpha()]
    if len(odd) != 1 or not 0 < odd[0] < len(word) - 1:
        return None
    k, key = odd[0], fold(word)
    dropped = key[:k] + key[k + 1:]                       # the line read as a mark of its own: `Tr|ần`
    fits = [n for n in rules.load("names").get("surnames", [])
            if (len(n) == len(word) and fold(n)[:k] == key[:k] and fold(n)[k + 1:] == key[k + 1:])
            or fold(n) == dropped]
    return fits[0] if len(fits) == 1 else None


def completed_title(text: str) -> str | None:
    """`PHÓ GIÁM Đ`, `CHU TỊC`: a title in capitals whose end the signature ran over, as the one title (the
    shortest) it begins; None when it begins none, or is too little of it to tell."""
    if not _upper(text) or len(text.split()) < 2:
        return None
    key = " ".join(fold(text).split())
    found = [t for t in _closing()["title_spellings"] if fold(t).startswith(key) and len(key) >= TITLE_SHARE * len(t)]
    if not found:
        return None
    shortest = min(found, key=len)
    return shortest.upper() if sum(len(t) == len(shortest) for t in found) == 1 else None


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


def _anchor(page):
    """The block's first line and its box, in points: its heading, or, when no heading was read at all, the
    typed name at its foot (the box then reaching up over where the heading stands); None without either."""
    right_column = [ln for ln in page.lines if ln.left > RIGHT_COLUMN * page.width]
    heading = next((ln for ln in right_column if is_signer_heading(ln.text)), None)
    if heading is not None:
        return heading, block_box(page, heading), False
    names = [ln for ln in right_column if strip_strokes(ln) and is_name(ln.text)]
    if not names:
        return _beside_recipients(page, right_column)
    name = names[-1]
    left, _, right, _ = block_box(page, name)
    top = max(0.0, name.top - (BLOCK_DEPTH_IN - NAME_BELOW_IN) * 72)
    return name, (left, top, right, min(page.height, name.top + NAME_BELOW_IN * 72)), True


def _beside_recipients(page, right_column):
    """The block's box when the first reading has nothing of it: beside `Nơi nhận:`, where the signature block
    of a Vietnamese office document stands, with no line read in the right column there (Tesseract took the
    whole block, seal and signature and type, for one picture)."""
    recipients = rules.compiled(_closing()["recipients"])
    marker = next((ln for ln in page.lines if ln.left < RIGHT_COLUMN * page.width and recipients.match(ln.text.strip())), None)
    if marker is None:
        return None
    top, bottom = max(0.0, marker.top - ABOVE_IN * 72), min(page.height, marker.top + BLOCK_DEPTH_IN * 72)
    if any(top <= ln.top < bottom for ln in right_column):
        return None
    return marker, (RIGHT_COLUMN * page.width, top, page.width, bottom), True


def reread(page, read_region: Callable, dpi: float, size: tuple[int, int]):
    """The page with its signature block's lines read again when the first reading lost the name or the
    title. `read_region((x0, y0, x1, y1), psm)` reads that box of the page image (pixels) as its own page;
    the block is tried as one uniform block, then as one column, then as sparse text, and the first
    reading that gives the most of heading, title and name takes the place of the page's, if it gives more.
    Read up from a name, the box may hold the end of the text above the block: what comes before the
    heading in the new reading is left out, and the first reading's lines above it are kept."""
    if not page.width:
        return page
    anchor = _anchor(page)
    if anchor is None:
        return page
    _, (left, top, right, bottom), from_name = anchor
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
        if from_name:
            lines = lines[next((k for k, ln in enumerate(lines) if is_signer_heading(ln.text)), len(lines)):]
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
    named = [page.lines[i] for i in inside if is_name(page.lines[i].text)]
    own = [k for k, ln in enumerate(best) if is_name(ln.text)]
    if named and own:
        best[own[-1]] = named[-1]                # a name the first reading had whole is kept as it read it
    if from_name:
        inside = [i for i in inside if page.lines[i].top >= best[0].top - 3]
    at = inside[0] if inside else len(page.lines)
    gone = set(inside)
    kept = [ln for i, ln in enumerate(page.lines) if i not in gone]
    page.lines = kept[:at] + best + kept[at:]
    return page
