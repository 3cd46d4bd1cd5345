"""Numbers inside a body's name: a unit's number (`Quân khu 7`), a board's before its Party committee
(`Ban Chỉ đạo 35 Tỉnh ủy`); counts (`02 bản`, `5 ngày`) are not."""
from __future__ import annotations

from functools import lru_cache

from pipeline.extract.bodies.tokens import Tok, is_cap
from pipeline.text import units


def unit_number(toks: list[Tok], j: int, c) -> bool:
    """Whether the number at token j ends a unit's name (`Quân khu 7`, `Vùng Cảnh sát biển 3`): one or two digits
    with no leading zero (a count is written `02 bản`), after a word of a capitalized name, the name ending there
    (punctuation, the end, or a task verb or cue follows; `Sở Y tế 5 ngày` is a count)."""
    t = toks[j].t
    if not (t.isdigit() and len(t) <= 2 and t[0] != "0" and toks[j - 1].t.isalpha()
            and any(is_cap(x.t) for x in toks[max(0, j - 3):j])):
        return False
    if j + 1 == len(toks) or toks[j + 1].t in (",", ".", ";", ":", ")", "(", "và"):
        return True
    return bool(c["subject_verbs"].match(toks, j + 1)[0] or c["object_cues"].match(toks, j + 1)[0])


def party_committee(toks: list[Tok], k: int) -> bool:
    """`Tỉnh ủy`, `Huyện ủy`, `Đảng ủy` at token k: the committee a board belongs to (`Ban Chỉ đạo 35 Tỉnh ủy`),
    rules/admin_units.yaml `party`."""
    return k + 1 < len(toks) and f"{toks[k].low} {toks[k + 1].low}".replace("uỷ", "ủy") in _party_words()


@lru_cache(maxsize=None)
def _party_words() -> frozenset:
    return frozenset(p.casefold() for p in units.party_of().values())
