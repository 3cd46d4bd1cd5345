"""Where a body is: the issuer's places (`tỉnh` → `Lâm Đồng`), a name completed with its jurisdiction, the
issuer's own name in its forms. Kept apart from the name grammar: these read the issuer, not the clause."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline import rules
from pipeline.text import units
from pipeline.text.names import canonical


@lru_cache(maxsize=1024)
def places_of(issuer: str | None, named: bool = True) -> dict[str, str]:
    """`Ủy ban nhân dân tỉnh Lâm Đồng` → {"tỉnh": "Lâm Đồng", "Tỉnh ủy": "Lâm Đồng"}; a Party committee's or a
    Youth Union committee's issuer gives its unit's place too (rules/admin_units.yaml `party`, `youth`); with
    `named`, a body named with its province and no unit word gives that province (`Sở Y tế Lào Cai`). Cached, not to be changed (`doc_places`
    copies it): a document's places are asked for by every part of the bodies stage, six times."""
    out: dict[str, str] = {}
    if not issuer:
        return out
    party = {p: w for w, p in units.party_of().items() if p != "Đảng ủy"}        # `Tỉnh ủy` → `tỉnh`
    m = _issuer_place().search(issuer)   # `BAN DÂN VẬN TỈNH ỦY`: `ỦY` ends a Party committee, it is no place
    if not m:
        return _province_named(issuer) if named else out
    if m:
        unit, place = m.group(1), m.group(2).strip()
        committee = unit[:1].upper() + unit[1:].lower()
        youth = units.youth_of().get(committee)
        if youth:                         # `Ban Chấp hành Tỉnh đoàn Hà Nam`: of tỉnh Hà Nam, its Tỉnh đoàn, its Tỉnh ủy
            return {youth: place, units.party_of()[youth]: place, committee: place}
        if unit.lower() in units.words():
            unit = unit.lower()
            if units.party_of().get(unit, "Đảng ủy") != "Đảng ủy":
                out[units.party_of()[unit]] = place
        else:
            unit = unit[:1].upper() + unit[1:].lower()
            out[party[unit]] = place
        out[unit] = place
        if issuer.startswith("Đảng ủy ") and unit in units.words():
            out["Đảng ủy"] = f"{unit} {place}"   # `Văn phòng Đảng ủy` in a document of `Đảng ủy xã Tân Lập`
    return out


@lru_cache(maxsize=None)
def _issuer_place() -> re.Pattern:
    """A unit (or a Party committee's) and the place after it ending an issuer's name, compiled once per process (built
    from the units' tables, themselves read once): every document's places are read, twice."""
    party = {p: w for w, p in units.party_of().items() if p != "Đảng ủy"}
    youth = sorted(units.youth_of(), key=len, reverse=True)
    return re.compile(r"(?<![\wĐđ])((?i:" + "|".join(map(re.escape, [*party, *youth])) + "|"
                      + units.alternation("province", "district", "commune") + r"))\s+((?!(?i:ủy|đoàn)\b)(?:[A-ZĐÀ-Ỹ][^\s,]*\s*)+)$")


def _province_named(issuer: str) -> dict[str, str]:
    """`Sở Y tế Lào Cai`, `Công an Hà Nội`: a body named with its province and no unit word is of that province
    (rules/admin_units.yaml `provinces`; `central_cities` are `thành phố`, the others `tỉnh`)."""
    words = tuple(issuer.casefold().split())
    for n in (4, 3, 2):
        place = units.provinces().get(words[-n:]) if len(words) > n else None
        if place:
            city = place in rules.load("admin_units").get("central_cities", [])
            unit = "thành phố" if city else "tỉnh"
            return {unit: place, units.party_of()[unit]: place}
    return {}


def doc_places(metadata: dict) -> dict[str, str]:
    """The places a document's bare units stand for: its issuer's, then its parent's for the levels the issuer
    does not name (`Ban Thường vụ Tỉnh ủy`, `Ủy ban nhân dân tỉnh` in a commune Party committee's plan under
    `Đảng bộ tỉnh Yên Bình`; `Ủy ban nhân dân thành phố` in a school's letter under its city's department)."""
    issuer, parent = metadata.get("issuer"), metadata.get("parent_issuer")
    # a province only named in the issuer (`Liên đoàn Bóng rổ Bình Thuận` under `UBND tỉnh Lâm Đồng`, an old
    # province's name kept after the merger) yields to the parent's unit and place
    return {**places_of(issuer), **places_of(parent), **places_of(issuer, named=False)}


def resolve_jurisdiction(name: str, places: dict[str, str]) -> str:
    """`Ủy ban nhân dân tỉnh` in a Lâm Đồng document → `Ủy ban nhân dân tỉnh Lâm Đồng`."""
    for unit, place in places.items():
        if unit not in name:
            continue                  # (what the patterns would tell, without trying them at every position)
        ends, not_own = _unit_tests(unit)
        if ends.search(name) and not not_own.search(name):
            return f"{name} {place}"
    return name


@lru_cache(maxsize=None)
def _unit_tests(unit: str) -> tuple[re.Pattern, re.Pattern]:
    """A name ending in the unit, and one naming every unit or a level of it (`các`, `Các xã` opening a line, `cấp
    tỉnh`; a capitalized collective with an owner, `Các tổ chức chính trị - xã hội xã`, is the issuer's own): compiled
    once per unit (every body item of every document is resolved, a pattern built per call cost more than the search)."""
    return (re.compile(r"(?<![\wĐđ])" + re.escape(unit) + r"$"),
            re.compile(r"\bcác\b|\bCác\s+(?:" + "|".join(map(re.escape, sorted(units.words(), key=len, reverse=True)))
                       + r")\b|\bcấp\s+" + re.escape(unit) + "$"))


_EXECUTIVE = "Ban Chấp hành "   # an executive committee's name before its committee's (`issuer_forms`)


def issuer_forms(issuer: str | None, places) -> set[str]:
    """The issuer's name with and without its place: `Sở Nội vụ tỉnh Lâm Đồng`, `Sở Nội vụ`."""
    if not issuer:
        return set()
    full = canonical(issuer)
    # an office that issues in its holder's name (`Thủ tướng Chính phủ`): the body it heads is the issuer's too
    held = re.match(r"Thủ tướng\s+(Chính phủ)$", full)
    if held:
        return {full.casefold(), held.group(1).casefold()}
    base = _place_tail().sub("", full)
    forms = {full, base, resolve_jurisdiction(base, places)}
    # an executive committee acts through its standing board and is named by its committee alone (`Ban Chấp hành
    # Tỉnh đoàn Hà Nam`: `Ban Thường vụ Tỉnh đoàn`, `Tỉnh đoàn Hà Nam`)
    for f in list(forms):
        committee = f[len(_EXECUTIVE):] if f.startswith(_EXECUTIVE) else ""
        if committee:
            forms |= {committee, "Ban Thường vụ " + committee}
    # a Mặt trận committee is named with or without `Việt Nam` (`Ủy ban MTTQ xã`, `Ủy ban MTTQ Việt Nam xã`): one body
    forms |= {f.replace("Mặt trận Tổ quốc Việt Nam", "Mặt trận Tổ quốc") for f in forms}
    return {f.casefold() for f in forms}


@lru_cache(maxsize=None)
def _place_tail() -> re.Pattern:
    """A unit and its place name ending a name (`… tỉnh Lâm Đồng`), compiled once per process."""
    return re.compile(r"\s+(?i:" + units.alternation("province", "district", "commune") + r")\s+(?:[A-ZĐÀ-Ỹ]\S*\s*)+$")


def shared_unit(raw: str, after: str) -> str | None:
    """The unit a list of councils names once, after its last member (`Hội đồng nhân dân, Ủy ban nhân dân xã`,
    `Thường trực HĐND, UBND, Ủy ban MTTQ tỉnh`): `raw`, a council's head alone, is of that unit too; `after` is the
    text right after it. None when `raw` names more than its head or no such list follows."""
    heads, listed = _council_heads()
    if raw.strip() not in heads:
        return None
    m = listed.match(after)
    return m.group("unit") if m else None


@lru_cache(maxsize=1)
def _council_heads() -> tuple[frozenset, re.Pattern]:
    """The councils listed by place (rules/body_heads.yaml `place_listed_heads`), alone or under their standing
    board, and the pattern of a list of them that ends on a unit (its place name, if any, after it)."""
    base = [h for h in rules.load("body_heads")["place_listed_heads"] if h not in ("Công an", "Trạm Y tế", "Ban Chỉ đạo")]
    heads = base + [f"Thường trực {h}" for h in base] + [f"TT {h}" for h in base]
    alt = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    listed = re.compile(rf"(?:\s*(?:,|và)\s*(?:{alt}))+\s+(?P<unit>(?:{units.alternation()})(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹĐđ]*)*)"
                        r"(?![\wÀ-ỹĐđ])")
    return frozenset(heads), listed
