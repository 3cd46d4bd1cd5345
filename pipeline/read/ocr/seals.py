"""Lift the red seal off a greyscale scan, so that the type under and beside it is read.

A Vietnamese office document is sealed over its signature (and an appendix over its heading,
`dấu treo`): a round stamp 3-4.5 cm across, red ink, ringed by one or two thick circles. Scanned
in grey, the red turns a flat mid grey; the typed text stays near black. Tesseract takes the
stamp and the text it touches for one picture and drops them together: the signer's name beside
the seal, the `(Kèm theo Quyết định số …)` line under an appendix's seal come back empty.

So a page is searched for a seal's outer ring (ink all round a circle of a seal's size, which
no run of text or table rule makes), and inside that circle every pixel lighter than midway
between the type's tone and the seal's own is made white. Where the two tones are too close to
tell apart (a grey copy of a copy), the page is left as it is. A page without a seal is never
changed, pixel for pixel. On a page rendered in colour (page 1) the coloured ink is taken off
instead, seal and signature alike (`without_colour_ink`). It is used where the seal costs a reading
(the signature block read again, `signature_block`), not on whole pages: Tesseract lays out a page
differently once any of it changes, and lines far from the seal may come back worse.
"""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageChops

WORK_DPI = 50                  # the ring search runs on the page reduced to this
RADIUS_MM = (14.0, 23.0)       # seals of 28-46 mm across
INK_LEVEL = 200                # darker than this is ink (a light red seal included)
RING_SHARE = 0.92              # share of the circle that must be inked: text blocks reach about 0.8
ANGLES = 72
MIN_TONE_GAP = 35              # the seal's grey must be this much lighter than the type's black
MAX_SEALS = 3
MM_PER_INCH = 25.4


def find_seals(image: Image.Image, dpi: float) -> list[tuple[float, float, float]]:
    """(x, y, radius) in the image's pixels of each seal's outer ring, strongest first."""
    f = WORK_DPI / dpi
    small = image.resize((max(1, round(image.width * f)), max(1, round(image.height * f))), Image.BOX)
    ink = np.asarray(small, dtype=np.uint8) < INK_LEVEL
    h, w = ink.shape
    rmin = int(RADIUS_MM[0] / MM_PER_INCH * WORK_DPI)
    rmax = int(RADIUS_MM[1] / MM_PER_INCH * WORK_DPI) + 1
    if min(h, w) < 2 * rmin or ink.mean() < 0.002:
        return []
    pad = rmax + 2
    padded = np.zeros((h + 2 * pad, w + 2 * pad), dtype=bool)
    padded[pad:pad + h, pad:pad + w] = ink
    best = np.zeros((h, w), dtype=np.float32)
    radius = np.zeros((h, w), dtype=np.int16)
    thetas = np.linspace(0, 2 * np.pi, ANGLES, endpoint=False)
    # The ring's hits are counted in bytes on rows as wide as the padded page: a shift of the page is then
    # one contiguous run of the padded array (the columns past `w` wrap into the next row and are dropped
    # at the end), and every OR and sum is one vectorised pass over it, written in place. The shares are
    # those of the float sums this replaced (the count over ANGLES, divided as before), in 40% of the time
    # (a 300 dpi page: 0.085 s before, 0.034 s; the same seals on every page of the scan bench).
    width = w + 2 * pad
    flat = padded.view(np.uint8).ravel()
    count = np.empty(h * width, dtype=np.uint8)
    hit = np.empty(h * width, dtype=np.uint8)
    for r in range(rmin, rmax + 1, 2):
        count.fill(0)
        for t in thetas:
            # a ring a pixel off true round, or blurred, still counts
            starts = list(dict.fromkeys((pad + int(round(rr * np.sin(t)))) * width + pad + int(round(rr * np.cos(t)))
                                        for rr in (r - 1, r, r + 1)))
            if len(starts) == 1:
                np.copyto(hit, flat[starts[0]:starts[0] + h * width])
            else:
                np.bitwise_or(flat[starts[0]:starts[0] + h * width], flat[starts[1]:starts[1] + h * width], out=hit)
                for start in starts[2:]:
                    np.bitwise_or(hit, flat[start:start + h * width], out=hit)
            count += hit
        acc = count.reshape(h, width)[:, :w].astype(np.float32)
        acc /= ANGLES
        radius[acc > best] = r
        np.maximum(best, acc, out=best)
    seals = []
    for _ in range(MAX_SEALS):
        y, x = divmod(int(best.argmax()), w)
        if best[y, x] < RING_SHARE:
            break
        r = int(radius[y, x])
        seals.append(((x + 0.5) / f, (y + 0.5) / f, (r + 1) / f))
        best[max(0, y - 2 * r):y + 2 * r + 1, max(0, x - 2 * r):x + 2 * r + 1] = 0
    return seals


def lift_seals(image: Image.Image, dpi: float, seals: list | None = None) -> Image.Image:
    """The page with each seal's ink whitened inside its ring; the image itself when there is none.
    `seals`: `find_seals(image, dpi)` when the caller has it already."""
    seals = find_seals(image, dpi) if seals is None else seals
    if not seals:
        return image
    arr = np.asarray(image, dtype=np.uint8)
    discs = np.zeros(arr.shape, dtype=bool)
    rings = np.zeros(arr.shape, dtype=bool)
    rim = 1.5 / MM_PER_INCH * dpi             # the ring's own width and blur
    for x, y, r in seals:
        y0, y1 = max(0, int(y - r - rim)), min(arr.shape[0], int(y + r + rim) + 1)
        x0, x1 = max(0, int(x - r - rim)), min(arr.shape[1], int(x + r + rim) + 1)
        yy, xx = np.ogrid[y0:y1, x0:x1]
        d2 = (xx - x) ** 2 + (yy - y) ** 2
        discs[y0:y1, x0:x1] |= d2 <= (r + rim) ** 2
        rings[y0:y1, x0:x1] |= (d2 >= (r - rim) ** 2) & (d2 <= (r + rim) ** 2)
    ring_ink = arr[rings & (arr < INK_LEVEL)]
    type_ink = arr[~discs & (arr < INK_LEVEL)]
    if ring_ink.size < 100 or type_ink.size < 100:
        return image
    seal_tone = float(np.median(ring_ink))
    type_tone = float(np.percentile(type_ink, 5))
    if seal_tone - type_tone < MIN_TONE_GAP:
        return image
    cut = (seal_tone + type_tone) / 2
    out = arr.copy()
    out[discs & (arr > cut)] = 255
    return Image.fromarray(out, "L")


COLOUR_INK = 60                # max - min of a pixel's RGB: above it the pixel is coloured ink (seal, pen)


def without_colour_ink(image: Image.Image) -> Image.Image | None:
    """A colour page in grey with every coloured pixel white: the red seal and the blue signature drawn
    over the signature block go, the black type stays. In colour the two are told apart by hue, not by
    tone, so this also works where the grey tones are too close for `lift_seals` (a dark red, a pen line
    across the signer's title). None when no pixel is coloured (a grey scan rendered in colour): the
    page in grey, as the caller has it already."""
    # PIL's per-band max, min and difference on bytes (exact: max - min never goes below 0), and a
    # one-bit mask pasted as white: a ninth of the time of the same sums over a page-sized array of
    # 16-bit integers, a second of OCR on a colour page 1 read twice (`signature_block`)
    r, g, b = image.convert("RGB").split()
    spread = ImageChops.subtract(ImageChops.lighter(ImageChops.lighter(r, g), b),
                                 ImageChops.darker(ImageChops.darker(r, g), b))
    if spread.getextrema()[1] <= COLOUR_INK:
        return None
    coloured = spread.point(lambda v: 255 if v > COLOUR_INK else 0, "1")
    grey = image.convert("L")
    grey.paste(255, mask=coloured)
    return grey
