"""Ruled tables of a PDF page read as DOCX reads a table: one `a | b | c` line per row.

PDFium gives characters with positions, and the line builder reads a table's cells across the page:
a cell's wrapped text is split over several lines and the cells of one row run into each other,
so the column a body or a figure stood in (`Cơ quan chủ trì`, `Đơn vị tính`) is lost. A table drawn
with rules is found from the rules themselves (`pdfium_text.page_objects`): the cells are the
smallest boxes whose four sides are rules (pdfplumber's lattice method), each character goes to the
cell under its centre, and a cell's lines are joined with a space, as `docx_xml.table_lines` joins a
cell's paragraphs. A grid set without outer rules gets its frame from the rules that cross (`close_frames`). Only a grid of at least two rows and two columns is a table: the header's issuer
and motto and the signature block are set without rules, and a box drawn around one paragraph is
one cell.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from pipeline.read.pdfium_text import rows_of, words_from_chars

# Rules this close (points) are one line: Word draws a border as a thin box, a cell's outline and its
# neighbour's share a side, and the ends of rules meet with a little overlap or gap.
SNAP = 2.0
# A page with more distinct rule lines than this in both directions multiplied is a drawing (a map, a
# chart), not a form of tables: it is read as text, and finding crossings would cost seconds.
MAX_CROSSINGS = 40_000


@dataclass
class Table:
    """A grid's cells `(x0, top, x1, bottom)` and the lattice of all their sides, for placing characters."""
    cells: list[tuple[float, float, float, float]]
    xs: list[float] = field(default_factory=list)
    ys: list[float] = field(default_factory=list)
    lattice: dict = field(default_factory=dict)      # (column, row) of the lattice -> index of the cell covering it

    @property
    def top(self) -> float:
        return self.ys[0]

    def cell_at(self, x: float, y: float) -> int | None:
        if not (self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]):
            return None
        return self.lattice.get((bisect_right(self.xs, x) - 1, bisect_right(self.ys, y) - 1))


def _snap(values: list[float]) -> dict[float, float]:
    """Each value mapped to the mean of its cluster (values no more than SNAP apart)."""
    out: dict[float, float] = {}
    cluster: list[float] = []
    for v in sorted(set(values)) + [float("inf")]:
        if cluster and v - cluster[-1] > SNAP:
            mean = sum(cluster) / len(cluster)
            out.update((c, mean) for c in cluster)
            cluster = []
        cluster.append(v)
    return out


def _merge(rules: list[tuple[float, float, float]]) -> dict[float, list[tuple[float, float]]]:
    """Rules on one line (after snapping) joined where they touch: {position: [(start, end)]}."""
    at = _snap([r[0] for r in rules])
    by_pos: dict[float, list[tuple[float, float]]] = {}
    for pos, a, b in rules:
        by_pos.setdefault(at[pos], []).append((a, b))
    merged = {}
    for pos, spans in by_pos.items():
        spans.sort()
        out = [list(spans[0])]
        for a, b in spans[1:]:
            if a <= out[-1][1] + SNAP:
                out[-1][1] = max(out[-1][1], b)
            else:
                out.append([a, b])
        merged[pos] = [(a, b) for a, b in out]
    return merged


def _covers(spans: list[tuple[float, float]] | None, a: float, b: float) -> bool:
    """Does one rule on this line run from a to b?"""
    return bool(spans) and any(s - SNAP <= a and b <= e + SNAP for s, e in spans)


def close_frames(hrules: list[tuple], vrules: list[tuple]) -> tuple[list[tuple], list[tuple]]:
    """The rules with the outer frame of each grid drawn in. Many tables are set without outer rules
    (only the lines between rows and between columns, or no left and right sides): the rules that
    cross one another make one grid, and its bounding box is the frame the cells at its edges lack.
    A lone rule (an underline) crosses nothing and gets no frame; a frame already drawn is drawn again
    on itself, which `_merge` folds away."""
    if not hrules or not vrules or len(hrules) * len(vrules) > MAX_CROSSINGS:
        return hrules, vrules
    nh = len(hrules)
    parent = list(range(nh + len(vrules)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # each horizontal rule joined to the vertical ones it crosses; only those standing within its
    # span are looked at (vertical rules sorted by position; one at NaN crosses nothing)
    by_x = sorted((x, j) for j, (x, _, _) in enumerate(vrules) if x == x)
    xs = [x for x, _ in by_x]
    for i, (y, x0, x1) in enumerate(hrules):
        lo, hi = x0 - SNAP, x1 + SNAP
        if not lo <= hi:
            continue        # crosses nothing (a NaN end included)
        ri = root(i)
        for _, j in by_x[bisect_left(xs, lo):bisect_right(xs, hi)]:
            _, top, bottom = vrules[j]
            if top - SNAP <= y <= bottom + SNAP:
                rj = root(nh + j)
                if rj != ri:
                    parent[ri] = rj
                    ri = rj
    grids: dict[int, list[int]] = {}
    for i in range(len(parent)):
        grids.setdefault(root(i), []).append(i)
    hs, vs = list(hrules), list(vrules)
    for members in grids.values():
        h = [hrules[i] for i in members if i < nh]
        v = [vrules[i - nh] for i in members if i >= nh]
        if not h or not v or len(members) < 3:
            continue
        left = min([r[1] for r in h] + [r[0] for r in v])
        right = max([r[2] for r in h] + [r[0] for r in v])
        top = min([r[0] for r in h] + [r[1] for r in v])
        bottom = max([r[0] for r in h] + [r[2] for r in v])
        hs += [(top, left, right), (bottom, left, right)]
        vs += [(left, top, bottom), (right, top, bottom)]
    return hs, vs


def find_tables(hrules: list[tuple], vrules: list[tuple]) -> list[Table]:
    """The ruled tables of a page, top to bottom; `hrules` `(y, x0, x1)`, `vrules` `(x, top, bottom)`."""
    hrules, vrules = close_frames(hrules, vrules)
    if len(hrules) < 3 or len(vrules) < 3:
        return []
    hs, vs = _merge(hrules), _merge(vrules)
    if len(hs) * len(vs) > MAX_CROSSINGS:
        return []
    # where rules cross (or meet at a corner)
    # only the vertical lines standing within one of a horizontal line's spans are looked at
    # (sorted by position; one at NaN crosses nothing)
    vxs = sorted(x for x in vs if x == x)
    points: set[tuple[float, float]] = set()
    for y, hspans in hs.items():
        for s, e in hspans:
            lo, hi = s - SNAP, e + SNAP
            if not lo <= hi:
                continue
            for x in vxs[bisect_left(vxs, lo):bisect_right(vxs, hi)]:
                if _covers(vs[x], y, y):
                    points.add((x, y))
    below: dict[float, list[float]] = {}
    right: dict[float, list[float]] = {}
    for x, y in points:
        below.setdefault(x, []).append(y)
        right.setdefault(y, []).append(x)
    for lst in (*below.values(), *right.values()):
        lst.sort()
    cells = []
    for x, y in sorted(points, key=lambda p: (p[1], p[0])):
        cell = _smallest_cell(x, y, below[x], right[y], points, hs, vs)
        if cell:
            cells.append(cell)
    return [t for t in (_table(group) for group in _groups(cells)) if t is not None]


def _smallest_cell(x, y, ys_below, xs_right, points, hs, vs):
    """The smallest box with its top-left corner at (x, y) whose four sides are rules."""
    for y2 in ys_below[bisect_right(ys_below, y):]:
        if not _covers(vs.get(x), y, y2):
            break
        for x2 in xs_right[bisect_right(xs_right, x):]:
            if not _covers(hs.get(y), x, x2):
                break
            if (x2, y2) in points and _covers(hs.get(y2), x, x2) and _covers(vs.get(x2), y, y2):
                return x, y, x2, y2
    return None


def _groups(cells: list[tuple]) -> list[list[tuple]]:
    """Cells that share a corner belong to one table."""
    parent = list(range(len(cells)))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple, int] = {}
    for i, (x0, y0, x1, y1) in enumerate(cells):
        for corner in ((x0, y0), (x1, y0), (x0, y1), (x1, y1)):
            if corner in owner:
                parent[root(i)] = root(owner[corner])
            else:
                owner[corner] = i
    groups: dict[int, list] = {}
    for i, c in enumerate(cells):
        groups.setdefault(root(i), []).append(c)
    return sorted(groups.values(), key=lambda g: min(c[1] for c in g))


def _table(cells: list[tuple]) -> Table | None:
    """A table of these cells when they make at least two rows and two columns."""
    if len({c[1] for c in cells}) < 2 or len({c[0] for c in cells}) < 2:
        return None
    xs = sorted({v for c in cells for v in (c[0], c[2])})
    ys = sorted({v for c in cells for v in (c[1], c[3])})
    lattice = {}
    for n, (x0, y0, x1, y1) in enumerate(cells):
        for i in range(xs.index(x0), xs.index(x1)):
            for j in range(ys.index(y0), ys.index(y1)):
                lattice[(i, j)] = n
    return Table(cells=cells, xs=xs, ys=ys, lattice=lattice)


def split_chars(chars: list[dict | None], tables: list[Table]) -> tuple[list[dict | None], list[list[list]]]:
    """The page's characters outside the tables (a table's characters become word breaks there),
    and each table's characters by cell, in PDFium's order, a break wherever the order leaves a cell."""
    rest: list[dict | None] = []
    by_cell = [[[] for _ in t.cells] for t in tables]
    # each table's frame with what `Table.cell_at` looks in, for the loop over the page's characters
    frames = [(t.xs[0], t.ys[0], t.xs[-1], t.ys[-1], ti, t.xs, t.ys, t.lattice) for ti, t in enumerate(tables)]
    last = None
    for c in chars:
        if c is None or "ch" not in c:
            rest.append(c)
            last = None
            continue
        cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        where = None
        for x0, y0, x1, y1, ti, xs, ys, lattice in frames:
            if x0 <= cx <= x1 and y0 <= cy <= y1:
                ci = lattice.get((bisect_right(xs, cx) - 1, bisect_right(ys, cy) - 1))     # Table.cell_at
                if ci is not None:
                    where = (ti, ci)
                    break
        if where is None:
            rest.append(c)
            last = None
            continue
        cell = by_cell[where[0]][where[1]]
        if last != where and cell:
            cell.append(None)
        cell.append(c)
        rest.append(None)
        last = where
    return rest, by_cell


def _cell_text(chars: list) -> str:
    """A cell's lines, top to bottom, joined with a space."""
    lines = []
    for row in rows_of(words_from_chars(chars)):
        row.sort(key=lambda w: w["x0"])
        lines.append(" ".join(w["text"] for w in row))
    return " ".join(lines)


@dataclass
class Row:
    """One row of a table: its top, its cells' texts and their left and right edges."""
    top: float
    cells: list[str]
    spans: list[tuple[float, float]]

    @property
    def line(self) -> str:
        return " | ".join(self.cells)


def table_rows(table: Table, cell_chars: list[list]) -> list[Row]:
    """The table's rows: the cells beside each other at each row's top, left to right, a cell spanning
    rows read in each of them (as python-docx repeats a merged cell); a row with no text is left out."""
    texts = [_cell_text(chars) for chars in cell_chars]
    rows = []
    for top in sorted({c[1] for c in table.cells}):
        row = sorted((c[0], c[2], n) for n, c in enumerate(table.cells) if c[1] <= top < c[3])
        cells = [texts[n] for _, _, n in row]
        if any(cells):
            rows.append(Row(top, cells, [(x0, x1) for x0, x1, _ in row]))
    return rows


def with_tables(lines: list[tuple], tables: list[tuple[Table, list[Row]]]) -> list[tuple]:
    """The page's other lines with each table's rows, `(top, "a | b | c")`, put where the table stands
    (before the first line below its top)."""
    out = list(lines)
    for table, rows in sorted(tables, key=lambda t: t[0].top, reverse=True):
        at = next((i for i, line in enumerate(out) if line[0] > table.top), len(out))
        out[at:at] = [(r.top, r.line) for r in rows]
    return out


def join_split_rows(lines_of: list[list[tuple]], tables_of: list[list[tuple[Table, list[Row]]]],
                    heights: list[float]) -> None:
    """A table that runs on over a page break reads as the one table of the DOCX it was printed from.

    The last table of a page goes on in the first of the next when nothing but a page number is below
    the one and nothing but a running header above the other. There the heading rows Word repeats on
    each page are dropped (a DOCX has them once), and a row that the break cut in two is one row
    again: the next page's first row goes on with the row above when it has the same columns, its
    first cell is empty and a cell starts in lower case, as a wrapped line does (`... thì điểm đánh` /
    `giá là 0`)."""
    headings: list[list[str]] = []
    for i in range(len(tables_of)):
        if not tables_of[i]:
            continue
        below, rows_below = tables_of[i][0]
        above = tables_of[i - 1][-1] if i and tables_of[i - 1] else None
        if above is None or not above[1] or not rows_below or not _ends_page(above[0], lines_of[i - 1]) \
                or not _opens_page(below, lines_of[i], heights[i]):
            headings = [r.cells for r in rows_below[:3]]
        else:
            k = 0
            while k < len(rows_below) - 1 and rows_below[k].cells in headings:
                k += 1
            del rows_below[:k]
            _join_cut_row(above[1][-1], rows_below)
        if len(tables_of[i]) > 1:
            headings = [r.cells for r in tables_of[i][-1][1][:3]]


def _join_cut_row(last: Row, rows_below: list[Row]) -> None:
    cont = rows_below[0]
    if len(last.spans) != len(cont.spans) or any(abs(a[0] - b[0]) > 2 * SNAP or abs(a[1] - b[1]) > 2 * SNAP
                                                 for a, b in zip(last.spans, cont.spans)):
        return
    if cont.cells[0] or not any(c[:1].islower() for c in cont.cells):
        return
    last.cells = [" ".join(t for t in (a, b) if t) for a, b in zip(last.cells, cont.cells)]
    del rows_below[0]


def _ends_page(table: Table, lines: list[tuple]) -> bool:
    """Nothing under the table but a page number (`5`, `- 5 -`, `Trang 5`)."""
    return all(not any(ch.isalpha() for ch in line[1].replace("Trang", "")) and len(line[1]) <= 15
               for line in lines if line[0] > table.ys[-1])


def _opens_page(table: Table, lines: list[tuple], height: float) -> bool:
    """Nothing above the table but the top margin's running header."""
    return all(line[0] < 0.1 * height for line in lines if line[0] < table.top)
