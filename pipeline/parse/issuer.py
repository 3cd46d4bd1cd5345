"""The issuer's name from the header's left column: `UBND TỈNH X` over `SỞ NỘI VỤ` is `Sở Nội vụ tỉnh X`.

Kept apart from the rest of the header: it reads only the column's lines, and how a unit takes its parent's
name or jurisdiction is one question of its own (a Party committee's board, a ministry's inspectorate, a
province's steering board, a school under its department)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pipeline import rules
from pipeline.parse.common import layout_rules
from pipeline.parse.header_styles import party_committee
from pipeline.text import units as admin_units
from pipeline.text.fold import fold
from pipeline.text.names import canonical, place_tones


# the rule drawn under the issuer and the stars of a Party header, as a text layer or OCR keeps them beside a line
# (`—— BỘ XÂY DỰNG`, `BỘ CÔNG AN ——`, `***`): dashes of every width, underscores, equals, tildes, dots
RULE_MARKS = " \t*-_—–=~·•"


def compose_issuer(lines: list[str]) -> tuple[str | None, str | None]:
    """Issuer and parent from the header's left column (`UBND TỈNH X` / `SỞ NỘI VỤ`)."""
    cfg = layout_rules()["header"]
    heads = sorted(rules.load("names")["org_heads"], key=len, reverse=True)
    units: list[str] = []
    for line in map(place_tones, lines):   # `UỶ BAN` in the old style is `ỦY BAN`, one of the heads
        line = marked_words(line.strip(RULE_MARKS))
        if not line:
            continue
        starts_org = any(line == h or line.startswith(h + " ") for h in heads)
        if units and not starts_org:
            units[-1] += " " + line
        else:
            units.append(line)
    if not units:
        return None, None
    own = units[-1]
    parent = units[-2] if len(units) > 1 else None
    party = rules.compiled(cfg["party_organization"]).match(parent or "")
    if party:
        named = party_committee(own, party)
        if named:
            return named, canonical(parent)
    if parent:
        parent_suffix = cfg.get("parent_as_suffix", {}).get(parent, parent)
        unit = rules.compiled(cfg["unit_of_parent"]).match(own)
        whole = unit and re.search(rf"(?:^|\s){unit.group('word')}\s+\S.*$", parent)
        if whole:
            # `BỘ NỘI VỤ` / `THANH TRA BỘ`, `UBND TỈNH LÀO CAI` / `THANH TRA TỈNH`: the word stands for the
            # parent's name (`Thanh tra Bộ Nội vụ`) or its jurisdiction (`Thanh tra tỉnh Lào Cai`)
            named = whole.group(0).strip()
            if unit.group("word") in ("BỘ", "CỤC", "TỔNG CỤC"):
                return f"{canonical(unit.group('unit'))} {canonical(named)}", canonical(parent)
            return canonical(f"{unit.group('unit')} {named}"), canonical(parent)
        bare = re.search(r"\s(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG)$", own)
        place = bare and re.search(rf"(?:^|\s){bare.group(1)}\s+(\S.*)$", parent)
        if place:
            # `SỞ Y TẾ TỈNH PHÚ THỌ` / `BỆNH VIỆN ĐA KHOA TỈNH`: the unit's place is printed once, on the parent's line
            return canonical(f"{own} {place.group(1)}"), canonical(parent)
        # a board under a people's committee is the province's or the commune's (`Ban Chỉ đạo … tỉnh Lâm Đồng`,
        # `Ban Quản lý dự án … tỉnh`), not the committee's; its office is the committee's (`Văn phòng UBND tỉnh`)
        board_of_place = own.startswith("BAN ") and rules.compiled(cfg["jurisdiction_parent"]).match(parent)
        if rules.compiled(cfg["needs_parent"]).match(own) and not board_of_place \
                or rules.compiled(cfg["party_parent"]).search(parent) and not rules.compiled(cfg["jurisdiction"]).search(own):
            joined = canonical(f"{own} {parent_suffix}")
            apart = f"{canonical(own)} {canonical(parent_suffix)}"
            # each body cased as its own name (`Ban Thường trực` + `Ủy ban Mặt trận …`), when that is all
            # that differs from casing the whole at once
            return (apart if apart.casefold() == joined.casefold() else joined), canonical(parent)
        elif rules.compiled(cfg["jurisdiction_parent"]).match(parent):
            # a department of a people's committee takes its jurisdiction (`Sở Nội vụ tỉnh Lâm Đồng`);
            # a unit under a ministry or a department (a school, an institute) is named on its own
            m = re.search(r"\b(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)\s+\S.*$", parent)
            if m and not re.search(r"\b(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG)\b", own) \
                    and not _ends_in_province(own):
                own = f"{own} {m.group(0)}"
    return canonical(own), canonical(parent) if parent else None


def _ends_in_province(name: str) -> bool:
    """`LIÊN ĐOÀN BÓNG RỔ BÌNH THUẬN` under `UBND TỈNH LÂM ĐỒNG`: the unit names its own province, so the
    parent's jurisdiction is no part of its name."""
    words = tuple(name.casefold().split())
    return any(words[-len(key):] == key for key in admin_units.provinces())


def marked_words(line: str) -> str:
    """An issuer's line in capitals with the tone marks OCR lost put back (`BO TÀI CHÍNH` → `BỘ TÀI CHÍNH`, `TONG CỤC
    THUÊ` → `TỔNG CỤC THUẾ`): a word that is no word of the issuers' names (rules/names.yaml `org_heads`,
    abbreviations.yaml `issuers` and `fields`) takes the one word of them with its letters; with none or two
    (`THU`: `THƯ`, `THỦ`) it and the words after it are left as they are. Each word keeps its length."""
    if not line.isupper():
        return line
    known, by_letters, firsts = _issuer_words()
    words = line.split(" ")
    if not any(w.isascii() and w.isalpha() and w not in known and fold(w) in by_letters for w in words):
        return line           # no word bare of every mark that a word of the names has marks for: nothing was lost
                              # (`HUYỆN ỦY TÂN LẬP` as printed: `TÂN` is a place's word, not `TẤN` that lost a mark)
    for i, word in enumerate(words):
        if word in known:
            continue
        spelled = by_letters.get(fold(word), ())
        if i == 0 and len(spelled) > 1:
            spelled = tuple(w for w in spelled if w in firsts)    # `BO` opening the line is `BỘ`, a head, not `BỔ`
        spelled = tuple(w for w in spelled if _marks_added(word, w))
        if len(spelled) != 1:
            break             # the name's own words from here on (`TRƯỜNG THPT PHUOC BUU`): no guess at a proper name
        words[i] = spelled[0]
    return " ".join(words)


def _marks_added(written: str, spelled: str) -> bool:
    """Whether `spelled` is `written` with marks added, none taken away or changed (OCR loses marks; a word printed
    with its own marks, `KIẾN`, `BẢNG`, is another word than `KIÊN`, `BẰNG`)."""
    for a, b in zip(written, spelled):
        da, db = unicodedata.normalize("NFD", a), unicodedata.normalize("NFD", b)
        if da[0] != db[0] and not (da[0] == "D" and db[0] == "Đ") or not set(da[1:]) <= set(db[1:]):
            return False
    return len(written) == len(spelled)


@lru_cache(maxsize=1)
def _issuer_words() -> tuple[frozenset, dict[str, tuple[str, ...]], frozenset]:
    abbreviations, places = rules.load("abbreviations"), rules.load("admin_units")
    heads = [h for level in rules.load("body_heads")["heads"].values() for h in level]
    # (the provinces' and cities' names are words of an issuer's line as printed: never "repaired" into another word)
    names = list(rules.load("names")["org_heads"]) + list((abbreviations.get("issuers") or {}).values()) \
        + list((abbreviations.get("fields") or {}).values()) + list((abbreviations.get("bodies") or {}).values()) \
        + heads + list(places.get("provinces", ())) + list(places.get("central_cities", ()))
    words = {w for name in names for w in place_tones(name).upper().replace(",", " ").split()}
    by_letters: dict[str, tuple[str, ...]] = {}
    for w in sorted(words):
        by_letters[fold(w)] = by_letters.get(fold(w), ()) + (w,)
    firsts = frozenset(place_tones(h).upper().split()[0] for h in list(rules.load("names")["org_heads"]) + heads)
    return frozenset(words), by_letters, firsts
