"""The tasks table: one row per numbered section or bullet that assigns work.

Built from one documents.jsonl record after extraction, so it needs no text
processing of its own: the section tree says where each unit of work starts and
ends, `bodies` (roles `lead` / `coordinate`) say who does it, `dates` of kind
`deadline` say by when and `targets` say how much. A unit whose own text names
no lead takes the lead of the section or bullet list it hangs under
(`2. Giao Sở Nội vụ:` then `a) …`, `b) …`). `due` is the last day of the earliest
deadline, so "what must Sở Nội vụ deliver before 2026-06-30" is one comparison:

    SELECT * FROM tasks WHERE list_contains(lead, 'Sở Nội vụ') AND due <= '2026-06-30'
"""
from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from dataclasses import dataclass, field

import pyarrow as pa

_STR = pa.string()
_INT = pa.int64()
TASKS_SCHEMA = pa.schema([
    ("source", _STR), ("section", _STR), ("bullet", _INT), ("heading", _STR), ("text", _STR),
    ("lead", pa.list_(_STR)), ("coordinate", pa.list_(_STR)), ("deadlines", pa.list_(_STR)), ("due", _STR),
    ("targets", pa.list_(pa.struct([("value", pa.float64()), ("unit", _STR), ("comparator", _STR),
                                    ("subject", _STR), ("year", _INT)]))),
    ("start", _INT), ("end", _INT),
])

_BULLET = re.compile(r"^[ \t]*[-+*•–]\s", re.M)
_PARAGRAPH = re.compile(r"^(?=[ \t]*\S)", re.M)  # outside every numbered section, each paragraph is a unit
_EXCERPT = 400


@dataclass
class _Unit:
    """A stretch of text that can carry one task: a section's own text or one bullet in it.

    `bullet` numbers the bullets of a section; outside every numbered section (a letter
    without numbered parts) it numbers the paragraphs.
    """
    section: str
    heading: str | None
    start: int
    end: int
    bullet: int | None = None
    parent: "_Unit | None" = None
    children: list = field(default_factory=list)


def _own_ranges(sec: dict, kids: list[dict]) -> list[tuple[int, int]]:
    """The parts of a section's span not covered by its child sections."""
    out, pos = [], sec["start"]
    for k in sorted(kids, key=lambda k: k["start"]):
        if k["start"] > pos:
            out.append((pos, k["start"]))
        pos = max(pos, k["end"])
    if pos < sec["end"]:
        out.append((pos, sec["end"]))
    return out


def _units(record: dict) -> list[_Unit]:
    """Sections and their bullets, each linked to the unit it hangs under."""
    text = record.get("text") or ""
    secs = sorted(record.get("sections") or [], key=lambda s: (s["start"], -s["end"]))
    root = {"path": "", "heading": None, "start": 0, "end": len(text)}
    # each section's children are the sections right under it in the text, not every section of its parent's path:
    # a path comes back (a plan attached after its decision, one file holding several documents), and keyed by
    # path each `I` took every `I/1` of the file as its own, the units multiplying with every level
    kids: dict[int, list[dict]] = {}
    open_: list[dict] = [root]
    for s in secs:
        parent = s["path"].rsplit("/", 1)[0] if "/" in s["path"] else ""
        while len(open_) > 1 and not (open_[-1]["path"] == parent and s["start"] < open_[-1]["end"]):
            open_.pop()
        kids.setdefault(id(open_[-1]), []).append(s)
        open_.append(s)
    out: list[_Unit] = []

    def visit(sec: dict, parent: _Unit | None) -> _Unit:
        unit = _Unit(sec["path"], sec.get("heading"), sec["start"], sec["end"], parent=parent)
        out.append(unit)
        intro_end = None
        for a, b in _own_ranges(sec, kids.get(id(sec), [])):
            marks = [m.start() for m in (_PARAGRAPH if parent is None else _BULLET).finditer(text, a, b)]
            if intro_end is None:
                intro_end = marks[0] if marks else b
            for i, m in enumerate(marks):
                end = marks[i + 1] if i + 1 < len(marks) else b
                bullet = _Unit(sec["path"], sec.get("heading"), m, end, bullet=len(unit.children) + 1, parent=unit)
                unit.children.append(bullet)
                out.append(bullet)
        unit.end = intro_end if intro_end is not None else unit.end
        for k in kids.get(id(sec), []):
            unit.children.append(visit(k, unit))
        return unit

    visit(root, None)
    return out


def _inside(item: dict, u: _Unit) -> bool:
    return u.start <= item.get("start", -1) < u.end


class _ByRole:
    """A record's named bodies of each role by where they start, so a unit asks for those inside it with two
    bisections instead of a pass over every body (a long plan has hundreds of units and bodies)."""

    def __init__(self, bodies: list[dict]):
        self.starts: dict[str, list[int]] = {}
        self.order: dict[str, list[tuple[int, str]]] = {}    # (index in the record, name), sorted by start
        at: dict[str, list[tuple[int, int, str]]] = {}
        for i, b in enumerate(bodies):
            if b.get("name"):
                at.setdefault(b.get("role"), []).append((b.get("start", -1), i, b["name"]))
        for role, items in at.items():
            items.sort()
            self.starts[role] = [s for s, _, _ in items]
            self.order[role] = [(i, n) for _, i, n in items]

    def names(self, u: _Unit, role: str) -> list[str]:
        """The names of `role` inside `u`, once each, in the record's order of its bodies."""
        starts = self.starts.get(role)
        if not starts:
            return []
        inside = self.order[role][bisect_left(starts, u.start):bisect_left(starts, u.end)]
        return list(dict.fromkeys(n for _, n in sorted(inside)))


def last_day(value: str) -> str | None:
    """The last day a deadline value allows: `2026-05` → `2026-05-31`, `2026-Q2` → `2026-06-30`."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-Q([1-4])|-H([12]))?", value or "")
    if not m:
        return None
    y, mo, d, q, h = m.groups()
    year = int(y)
    if d:
        return value
    month = int(mo) if mo else int(q) * 3 if q else int(h) * 6 if h else 12
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _excerpt(text: str, u: _Unit) -> str:
    s = re.sub(r"\s+", " ", text[u.start:u.end]).strip()
    return s if len(s) <= _EXCERPT else s[:_EXCERPT - 1].rstrip() + "…"


def task_rows(record: dict) -> list[dict]:
    """One row per section or bullet of `record` that gives a body work to do."""
    if record.get("status") not in (None, "ok"):
        return []
    text = record.get("text") or ""
    bodies = record.get("bodies") or []
    deadlines = [d for d in record.get("dates") or [] if d.get("kind") == "deadline"]
    targets = record.get("targets") or []
    units = _units(record)
    by_role = _ByRole(bodies)
    own_lead = {id(u): by_role.names(u, "lead") for u in units}
    rows = []
    for u in units:
        lead, coordinate = own_lead[id(u)], by_role.names(u, "coordinate")
        inherited = False
        p = u.parent
        while not lead and p is not None:
            lead, inherited = own_lead[id(p)], True
            if lead:
                coordinate = coordinate or by_role.names(p, "coordinate")
                if p.parent is None and u.bullet is None:
                    lead = []  # a lead named in the preamble does not make every numbered part its task
                break
            p = p.parent
        if not lead and not coordinate:
            continue
        dl = [d["value"] for d in deadlines if _inside(d, u)]
        tg = [t for t in targets if _inside(t, u)]
        body = re.sub(r"\s+", " ", text[u.start:u.end]).strip()
        if u.children and not dl and not tg and not inherited and len(body) < 200:
            continue  # `2. Giao Sở Nội vụ:`: the work is in the items under it, which inherit the lead
        dues = [x for x in (last_day(v) for v in dl) if x]
        rows.append({
            "source": record.get("source"), "section": u.section, "bullet": u.bullet, "heading": u.heading,
            "text": _excerpt(text, u), "lead": lead, "coordinate": [c for c in coordinate if c not in lead],
            "deadlines": list(dict.fromkeys(dl)), "due": min(dues) if dues else None,
            "targets": [{"value": float(t["value"]), "unit": t.get("unit"), "comparator": t.get("comparator"),
                         "subject": t.get("subject"), "year": t.get("year")} for t in tg],
            "start": u.start, "end": u.end,
        })
    return rows
