"""Read again the heading band a seal covers at the top of a page.

An appendix, a table or a form issued with a decision or a letter is sealed over its heading
(`dấu treo`): the round stamp sits at the top left, half over `Phụ lục 2`, the title in capitals and
the `(Kèm theo Quyết định số … ngày … của …)` line that gives the appendix its identity. Read with
the whole page, Tesseract takes the stamp and the lines it touches for a picture and returns them in
pieces or not at all, while the same band read on its own comes back as lines of text.

So when a seal's ring (`seals.find_seals`) stands in the top part of a page, the band of the page
across the seal (full width, the seal's height) is read again on its own, as it is and with the seal
lifted off (`seals.lift_seals`), and the better of the two readings replaces the first reading's lines
of that band when it holds more of the page's words (letters of real Vietnamese syllables). Both are
needed: a seal whose grey is well apart from the type's black is best lifted, one close to it takes
letters with it when lifted, and there the band alone is what Tesseract needs. A page with no seal at
its top costs only the ring search.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Callable

from pipeline.read.ocr.seals import find_seals

TOP_SHARE = 0.35      # a seal whose centre lies in this top share of the page is over the heading
MIN_GAIN = 8          # letters of real syllables the band's new reading must add
PSM = 3               # the band as a page of its own: Tesseract finds its lines


def syllable_letters(lines) -> int:
    """Letters of the words of `lines` that are Vietnamese syllables of two letters or more."""
    from pipeline.read.legacy import is_syllable

    return sum(len(w) for ln in lines for w in re.findall(r"[^\W\d_]{2,}", ln.text) if is_syllable(w))


def reread(page, image, dpi: float, read_region: Callable, rings: Callable | None = None):
    """`page` (an OcrPage of `image`) with the band under a top-of-page seal read again when that gives
    more words. `read_region((x0, y0, x1, y1), psm, lift)` reads a box of `image` (pixels) as a page of its
    own, with the seal lifted off or not; `rings()`, when given, is `find_seals(image, dpi)` as the caller
    keeps it (`ocr.ocr_image` searches a page for rings once, for this and for lifting the seal)."""
    if not page.lines:
        return page
    px = dpi / 72
    for x, y, r in rings() if rings else find_seals(image, dpi):
        if y > TOP_SHARE * image.height:
            continue
        y0, y1 = max(0, round(y - r)), min(image.height, round(y + r))
        top, bottom = y0 / px, y1 / px
        inside = [i for i, ln in enumerate(page.lines) if top <= ln.top < bottom]
        readings = [[ln for ln in read_region((0, y0, image.width, y1), PSM, lift).lines
                     if re.search(r"[^\W\d_]", ln.text)] for lift in (False, True)]
        best = max(readings, key=syllable_letters)
        if syllable_letters(best) < syllable_letters([page.lines[i] for i in inside]) + MIN_GAIN:
            continue
        band = [dataclasses.replace(ln, top=ln.top + top) for ln in best]
        at = inside[0] if inside else next((i for i, ln in enumerate(page.lines) if ln.top >= top), len(page.lines))
        gone = set(inside)
        kept = [ln for i, ln in enumerate(page.lines) if i not in gone]
        page = dataclasses.replace(page, lines=kept[:at] + band + kept[at:])
    return page
