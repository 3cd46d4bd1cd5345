"""Name spans the grammar builds beyond one run of tokens: a field listed after a plural head (`các sở: Tài chính`
→ `Sở Tài chính`), the same committee of another level (`Ủy ban nhân dân cấp huyện, cấp xã`)."""
from __future__ import annotations

from functools import lru_cache

from pipeline import rules
from pipeline.extract.bodies.tokens import Tok, is_cap
from pipeline.text import units


class ListedSpan(tuple):
    """A name's token span (start, end); `head` is prefixed to a listed field that starts at `field`:
    `các sở: Tài chính` → `Sở Tài chính` (the first field's span opens at `các sở:`)."""
    head: str | None = None
    field: int | None = None


def listed_span(a: int, b: int, head: str | None = None, field: int | None = None) -> ListedSpan:
    sp = ListedSpan((a, b))
    sp.head, sp.field = head, field
    return sp


def name_start(sp) -> int:
    """Token index where a name's own words start."""
    f = getattr(sp, "field", None)
    return sp[0] if f is None else f


@lru_cache(maxsize=None)
def governed_units() -> frozenset:
    """The unit words of levels with a People's Committee (rules/admin_units.yaml `governed`)."""
    return frozenset(units.words(*rules.load("admin_units")["governed"]))


def other_levels(toks: list[Tok], i: int, j: int) -> list[ListedSpan]:
    """`Ủy ban nhân dân cấp huyện, cấp xã`, `Ủy ban nhân dân các quận, huyện và xã, phường, thị trấn`: a name that
    ends on a level or a list of units goes on, after a comma or `và`, with the same body of other levels; each is a
    body of its own, named with the first one's head."""
    if j - i < 3:
        return []
    governed = governed_units()
    if toks[j - 2].low == "cấp" and toks[j - 1].low in governed:
        head, out, k = " ".join(t.t for t in toks[i:j - 2]), [], j
        while k + 2 < len(toks) and toks[k].t in (",", "và") and toks[k + 1].low == "cấp" and toks[k + 2].low in governed \
                and (k + 3 == len(toks) or not is_cap(toks[k + 3].t)):
            out.append(listed_span(k + 1, k + 3, head, k + 1))
            k += 3
        return out
    at = next((m for m in range(j - 2, i, -1) if toks[m].low == "các"), None)
    if at is None or at + 1 >= j or _units_end(toks, at + 1, governed) < j:
        return []
    k = j
    if not (k + 1 < len(toks) and toks[k].t == "và"):
        return []
    start = k + 1 + (toks[k + 1].low == "các")
    m = _units_end(toks, start, governed)
    while m > start and toks[m - 1].t == ",":
        m -= 1
    if m == start or m < len(toks) and is_cap(toks[m].t):
        return []                     # `và xã Tân Lập`: a place of its own
    return [listed_span(k + 1, m, " ".join(t.t for t in toks[i:at + 1]), start)]


def _units_end(toks: list[Tok], m: int, governed: frozenset) -> int:
    """Where a list of unit words that opens at token m ends (`quận, huyện`, `xã, phường, thị trấn`): each a unit
    of one or two words (`thị trấn`, `đặc khu`), parted by commas before a word in lower case."""
    while m < len(toks):
        two = f"{toks[m].low} {toks[m + 1].low}" if m + 1 < len(toks) else ""
        if two in governed:
            m += 2
        elif toks[m].low in governed or toks[m].t == "," and m + 1 < len(toks) and not is_cap(toks[m + 1].t):
            m += 1
        else:
            break
    return m
