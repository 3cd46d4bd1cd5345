"""Tables of tasks: `STT | Nhiệm vụ | Chủ trì | Phối hợp | Theo dõi` — the bodies in a column take the role its
heading names (rules/roles.yaml `table_columns`), one body per name in a cell (`Sở Tư pháp; UBND các xã`)."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline import rules
from pipeline.parse.document import Doc
from pipeline.extract.bodies.grammar import find_names, role_rules
from pipeline.extract.bodies.tokens import body_regions, tokenize
from pipeline.text import units


_GROUP_ROW = re.compile(r"^\s*[IVXLC]+\s*$")      # `II | Ủy ban nhân dân cấp xã |`: a group of rows, not a body


def column_role(heading: str) -> str | None:
    """The role a column heading gives its cells (`Phối hợp thực hiện` → coordinate), None for other columns."""
    low = heading.casefold()
    not_columns, columns = _column_words()
    if any(w in low for w in not_columns):
        return None
    for role, pattern in columns:
        if pattern.search(low):
            return role
    return None


@lru_cache(maxsize=None)
def _column_words() -> tuple[tuple[str, ...], tuple[tuple[str, re.Pattern], ...]]:
    """rules/roles.yaml `table_not_columns` and `table_columns` (one pattern per role, in its order), built once."""
    raw = role_rules()["raw"]
    return tuple(raw["table_not_columns"]), tuple(
        (role, re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)"))
        for role, words in raw["table_columns"].items())


def _cells(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Spans of the `|`-separated cells of a row."""
    out, pos = [], s
    for part in text[s:e].split("|"):
        out.append((pos, pos + len(part)))
        pos += len(part) + 1
    return out


def _sub_heading(text: str, cells: list[tuple[int, int]]) -> list[str | None] | None:
    """The roles of a heading row under the first one (every filled cell a column heading with a role), else None."""
    filled = [text[a:b].strip() for a, b in cells if text[a:b].strip()]
    if any(ch.isdigit() for f in filled for ch in f) or not all(len(f.split()) <= 5 for f in filled):
        return None                   # a row of data, not of headings (checked first: it is most rows)
    roles = [column_role(text[a:b]) if text[a:b].strip() else None for a, b in cells]
    if any(roles) and sum(r is not None for r in roles) >= len(filled) - 1:
        return roles
    return None


# words of a cell read as a sentence (a column of units' names holds two to eight words a cell)
SENTENCE_WORDS = 10


def table_cells(doc: Doc, every_table: bool = False):
    """(role or None, start, end) of the cells of the data rows of the tables in the body: a table's first row
    names its columns (and a second row of headings, their roles); with `every_table`, the cells of tables with
    no role column too."""
    text = doc.text
    for rs, re_ in body_regions(doc):
        roles = None
        pos = rs
        for line in text[rs:re_].split("\n"):
            ls, le = pos, pos + len(line)
            pos = le + 1
            if "|" not in line:
                roles = None
                continue
            cells = _cells(text, ls, le)
            if roles is None:
                roles = [column_role(text[a:b]) for a, b in cells]
                heading_rows = 1
                continue
            sub = _sub_heading(text, cells)
            if sub is not None and heading_rows < 3:
                # `Cơ quan thực hiện` over `Chủ trì | Phối hợp`: the second heading row names each column's role
                roles = [r or (roles[i] if i < len(roles) else None) for i, r in enumerate(sub)]
                heading_rows += 1
                continue
            heading_rows = 9
            if not (any(roles) or every_table) or _GROUP_ROW.match(text[cells[0][0]:cells[0][1]]):
                continue
            for i, (a, b) in enumerate(cells):
                yield (roles[i] if i < len(roles) else None), a, b


def table_bodies(doc: Doc, em) -> list[tuple[int, int]]:
    """Emit the bodies of the role columns of the document's tables; give back the other cells that hold a task's
    sentence, for the clause reading (`find.find_rules`): a plan's or a guidance's table says who does what in its
    cells as the text does in its lines (`Bộ Tài chính sẽ phối hợp với các bộ, cơ quan liên quan để tổng hợp dữ
    liệu`). A short cell (a name alone in a column of units scored, a figure, a date) is no clause. One pass over
    the tables for both."""
    text, sentences = doc.text, []
    task_cue = rules.compiled(role_rules()["raw"]["table_task_cues"])   # (a cell gives work in these words only)
    for role, a, b in table_cells(doc, every_table=True):
        if role is None:
            if task_cue.search(text, a, b) and len(text[a:b].split()) >= SENTENCE_WORDS:
                sentences.append((a, b))
            continue
        toks = tokenize(text[a:b], a)
        names = find_names(toks)
        if names:
            for n in names:
                em.add(toks, n, role, "table")
            continue
        place = units.bare_place(text[a:b])
        if place:                        # `Xã Đắk Song` in a column of bodies: its People's Committee
            em.add_name(f"Ủy ban nhân dân {place}", role, a, b, "table")
    return sentences
