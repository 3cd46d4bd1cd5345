"""The numbered section tree (I., 1., a), 2.4.1, Điều 3, Phụ lục) and where an offset sits in it."""
from __future__ import annotations

import re

from pipeline import rules
from pipeline.parse.common import is_upper, layout_rules
from pipeline.text.spans import Line


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


_LETTERS = "abcdđeghiklmnopqrstuvxy"


def roman_value(s: str) -> int:
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = _ROMAN.get(a, 0)
        total += -v if _ROMAN.get(b, 0) > v else v
    return total


def _first_and_next(kind: str, label: str, prev: str | None) -> bool:
    """Whether `label` may open a new level (prev None) or follow `prev` at the same level."""
    if kind == "roman":
        v = roman_value(label)
        return v == 1 if prev is None else v == roman_value(prev) + 1
    if kind == "arabic":
        v = int(label)
        return v == 1 if prev is None else 1 <= v - int(prev) <= 2
    if kind == "lroman":
        v = roman_value(label.upper())
        return v == 1 if prev is None else v == roman_value(prev.upper()) + 1
    if kind == "upper":
        order = "ABCDĐEFGHKLMNOPQRSTUWYZ"
        return label == "A" if prev is None else 1 <= order.find(label) - order.find(prev) <= 2
    if kind == "letter":
        return label in "ab" if prev is None else label != prev
    if kind == "article":
        v = int(label.split()[-1])
        return v == 1 if prev is None else 1 <= v - int(prev.split()[-1]) <= 2
    if kind == "decimal":
        last = int(label.rsplit(".", 1)[1])
        if prev is None:
            return last in (0, 1)
        return label.rsplit(".", 1)[0] == prev.rsplit(".", 1)[0] and 1 <= last - int(prev.rsplit(".", 1)[1]) <= 2
    return True


def _kind_key(kind: str, label: str) -> str:
    return f"decimal{label.count('.')}" if kind == "decimal" else kind


def _label_text(label: str) -> str:
    """`PHẦN I` → `Phần I`, `CHƯƠNG II` → `Chương II`, `PHẦN THỨ HAI` → `Phần thứ hai`."""
    words = layout_rules()["sections"].get("label_words", {})
    head, _, num = re.sub(r"\s+", " ", label).partition(" ")
    if not re.fullmatch(r"[IVXLC\d]+", num):
        num = num.lower()   # an ordinal in words (`thứ nhất`)
    return f"{words.get(head.upper(), head)} {num}".strip()


def _letter_follows(stack: list, label: str) -> bool:
    """`i)` after `h)` (or `v)` after `u)`) goes on a list of letters, not of roman numerals."""
    for key, lbl, _ in reversed(stack):
        if key == "letter":
            return _LETTERS.find(label) == _LETTERS.find(lbl) + 1
    return False


def parse_sections(lines: list[Line], start: int, stop: int, root: list[str] | None = None,
                   text_end: int | None = None) -> list[dict]:
    """The numbered hierarchy between lines `start` and `stop`, as DATASET.md `sections`."""
    cfg = layout_rules()["sections"]
    markers = [(m["kind"], rules.compiled(m["pattern"]), m.get("fallthrough", False)) for m in cfg["markers"]]
    sentence_end = rules.compiled(cfg["heading_sentence_end"])
    stack: list[tuple[str, str, dict]] = []   # (kind key, label, section)
    last_label: dict[str, str] = {}
    sections: list[dict] = []
    root = root or []
    for i in range(start, stop):
        ln = lines[i]
        t = ln.text
        if not t or "|" in t:
            continue
        for kind, pat, fallthrough in markers:
            m = pat.match(t)
            if not m:
                continue
            label = re.sub(r"\s+", " ", m.group("label"))
            if kind in ("book", "chapter", "part"):
                label = _label_text(label)
            if kind == "upper" and m.group("rest")[:1].isalpha() and not m.group("rest")[:1].isupper():
                continue
            if kind == "lroman" and _letter_follows(stack, label):
                continue
            key = _kind_key(kind, label)
            keys = [k for k, _, _ in stack]
            if key in keys:
                idx = keys.index(key)
                if not _first_and_next(kind, label, stack[idx][1]):
                    m = None
                else:
                    del stack[idx:]
            elif kind == "article" and key in last_label and _first_and_next(kind, label, last_label[key]):
                pass   # articles run on through the chapters of a law (Chương II / Điều 3)
            else:
                if kind == "decimal" and stack:
                    parent_label = label.rsplit(".", 1)[0]
                    if not any(lbl == parent_label for _, lbl, _ in stack) and not _first_and_next(kind, label, None):
                        m = None
                elif not _first_and_next(kind, label, None):
                    m = None
                if m and kind == "decimal":
                    # a decimal belongs under the item it extends (2.4.1 under 2.4)
                    parent_label = label.rsplit(".", 1)[0]
                    for idx, (_, lbl, _) in enumerate(stack):
                        if lbl == parent_label:
                            del stack[idx + 1:]
                            break
            if m is None:
                if fallthrough:
                    continue
                break
            rest = m.group("rest").strip()
            if not rest.strip(":. ") and kind in ("book", "chapter", "part") and i + 1 < stop:
                # `Chương I` / `NHỮNG QUY ĐỊNH CHUNG`: the heading set in capitals on the next line
                nxt = lines[i + 1].text
                if nxt and is_upper(nxt) and "|" not in nxt and not any(p.match(nxt) for _, p, _ in markers):
                    rest = nxt
            heading = rest.rstrip(":").strip() or None
            if heading and (len(heading) > cfg["heading_max_chars"] or sentence_end.search(heading)
                            or heading.endswith("./")):
                heading = None
            path = "/".join(root + [lbl for _, lbl, _ in stack] + [label])
            sec = {"path": path, "label": label, "heading": heading, "level": len(root) + len(stack) + 1,
                   "start": ln.start, "end": None}
            stack.append((key, label, sec))
            sections.append(sec)
            last_label[key] = label
            if heading is None and rest and len(rest) <= cfg["heading_max_chars"]:
                sec["_rest"] = rest.rstrip(":. ").strip()
            break
    # a labelled line with items under it is their heading, even when it ends in `.`
    for n, sec in enumerate(sections):
        rest = sec.pop("_rest", None)
        if rest and n + 1 < len(sections) and sections[n + 1]["level"] > sec["level"]:
            sec["heading"] = rest
    end_offset = lines[stop - 1].end if stop > start else (text_end or 0)
    # a section runs to the next section at its own level or above
    for n, sec in enumerate(sections):
        sec["end"] = end_offset
        for later in sections[n + 1:]:
            if later["level"] <= sec["level"]:
                sec["end"] = later["start"]
                break
    return sections


def section_at(sections: list[dict], offset: int) -> str:
    """Path of the innermost section holding `offset`; "" outside every section."""
    best, level = "", 0
    for s in sections:
        if s["start"] <= offset < s["end"] and s["level"] > level:
            best, level = s["path"], s["level"]
    return best
