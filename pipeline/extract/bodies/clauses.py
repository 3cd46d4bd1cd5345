"""Clauses: a logical line read into tokens and names, cut at `;` and sentence ends; headings whose
names are the actors of the lines under them; the emitter that turns a name span into a body item."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from operator import attrgetter

from pipeline import rules
from pipeline.parse.common import layout_rules
from pipeline.parse.document import Doc
from pipeline.text.names import canonical
from pipeline.extract.bodies.grammar import body_item, find_names, listed_name, name_start, role_rules, strip_title
from pipeline.extract.bodies.places import issuer_forms, resolve_jurisdiction, shared_unit
from pipeline.extract.bodies.tokens import LABEL, TOKEN, Tok, is_cap, line_rank, skip_brackets, tokenize
from pipeline.extract.bodies.vocab import list_title


def clause_bounds(toks: list[Tok]) -> list[tuple[int, int]]:
    """Token ranges of clauses: split at `;` and sentence ends."""
    out, a = [], 0
    for i, t in enumerate(toks):
        if t.t == ";" or (t.t == "." and (i + 1 == len(toks) or is_cap(toks[i + 1].t))):
            if i > a:
                out.append((a, i))
            a = i + 1
    if a < len(toks):
        out.append((a, len(toks)))
    return out


def _names_only(toks: list[Tok], a: int, b: int, names: list[tuple[int, int]]) -> bool:
    """Whether tokens a..b hold only names (with people's titles), commas, `và` and a trailing colon."""
    covered = set()
    starts = {x for x, _ in names}
    for x, y in names:
        covered.update(range(x, y))
    i = a
    while i < b:
        j, title = strip_title(toks, i)
        if title and j in starts:
            covered.update(range(i, j))
            i = j
        i += 1
    i = a
    while i < b:
        if toks[i].t == "(":
            i = max(i + 1, skip_brackets(toks, i))     # a remark in brackets: `Sở Nội vụ (Cơ quan thường trực …)`
            continue
        if i in covered or toks[i].t in (",", ";", "và", ":", ")") or toks[i].t.casefold() in ("đề", "nghị", "giao"):
            i += 1
            continue
        return False
    return True


class Emitter:
    """Collects the bodies items of one document as the clauses name them (`add`)."""

    def __init__(self, doc: Doc, places):
        self.doc, self.places, self.out = doc, places, []
        self.issuer = issuer_forms(doc.metadata.get("issuer"), places)
        self.speakers = self.issuer | signing_organ(doc.metadata, self.issuer)

    def issuer_before(self, toks, x: int, names) -> bool:
        """Whether the word before token x ends the issuer's name (`…, UBND tỉnh yêu cầu`), or the name of its
        organ that signs for it (`…, Ban Thường vụ Tỉnh ủy yêu cầu` in a Tỉnh ủy's directive signed `T/M BAN
        THƯỜNG VỤ`)."""
        n = next((n for n in names if n[1] == x), None)
        if n is None:
            return False
        raw = self.doc.text[toks[n[0]].s:toks[n[1] - 1].e]
        return resolve_jurisdiction(canonical(raw), self.places).casefold() in self.speakers

    def add(self, toks, span, role, how, title=None):
        a, b = name_start(span), span[1]
        head = getattr(span, "head", None)
        if b - a == 1 and not toks[a].t.isupper() and not head or list_title(toks, a, b):
            return
        raw = self.doc.text[toks[a].s:toks[b - 1].e]
        name = listed_name(head, raw) if head else raw
        unit = shared_unit(name, self.doc.text[toks[b - 1].e:toks[b - 1].e + 200]) if not head else None
        if unit:
            name = f"{name} {unit}"   # `Hội đồng nhân dân, Ủy ban nhân dân xã`: the council of the unit named once
        self.out.append(body_item(name, role, toks[a].s, toks[b - 1].e, raw, self.places, how))
        if title:
            self.out[-1]["title"] = title

    def add_name(self, name: str, role: str, start: int, end: int, how: str):
        """A body whose name the grammar built (`Xã Đắk Song` in a column of bodies → its People's Committee)."""
        self.out.append(body_item(name, role, start, end, self.doc.text[start:end], self.places, how))
        self.out[-1]["name_as_written"] = self.doc.text[start:end].strip()


def _members(toks, a: int, b: int, names_in) -> list:
    """`các cơ quan Trung ương trên địa bàn (Cục Thuế, Cục Hải quan và Kho bạc Nhà nước)`: a bracket after a
    collective that holds only names lists its members, who act with it; any other remark lists none."""
    inside = [n for n in names_in if a < n[0] and n[1] < b]
    covered = set()
    for x, y in inside:
        covered.update(range(x, y))
    rest = [t.t for m, t in enumerate(toks[a + 1:b - 1], a + 1) if m not in covered and t.t not in (",", ";", "và")]
    return inside if inside and not rest else []


def subject_prefix(toks, a, names_in) -> tuple[list, int]:
    """Names that open a clause (after an optional title) and the index after them."""
    c = role_rules()
    subj, i = [], a
    for words in c["courtesy"]:          # `Các ông (bà) Trưởng phòng …`: the titles follow
        if [t.low for t in toks[a:a + len(words)]] == words:
            i = a + len(words)
            break
    while i < len(toks):
        j, title = strip_title(toks, i)
        hit = next((n for n in names_in if n[0] == j), None)
        if hit is None:
            # a person listed among the bodies: `Lãnh đạo Ban, Chi ủy, …`, `Các Bộ trưởng, Thủ trưởng cơ quan …`
            comma = next((m for m in range(i + 1, min(j + 3, len(toks))) if toks[m].t == ","), None)
            if title and comma is not None and comma + 1 < len(toks) and (
                    c["titles"].match(toks, comma + 1)[0]
                    or any(n[0] == strip_title(toks, comma + 1)[0] for n in names_in)):
                i = comma + 1
                continue
            break
        if title and title not in c["raw"]["acting_titles"] and title not in c["raw"]["title_keeps_head"]:
            if not subj:
                return [], a
            i = hit[1]                # people listed among the bodies (`…, Đoàn đại biểu Quốc hội, đại biểu Quốc hội,
            if i < len(toks) and toks[i].t in (",", "và", ";"):   # Hội đồng nhân dân các cấp giám sát`): not one
                i += 1                #   of them, and the list goes on
                continue
            break
        subj.append((hit, title))
        i = skip_brackets(toks, hit[1])
        if toks[hit[0]].low == "các" and i > hit[1]:
            subj.extend((n, None) for n in _members(toks, hit[1], i, names_in))
        if i < len(toks) and toks[i].t in (",", "và", ";"):
            i += 1
            continue
        break
    return subj, i


@dataclass
class _Line:
    text: str
    toks: list
    names: list
    refs: frozenset               # token indices inside a cited document
    quoted: frozenset             # token indices inside a quotation
    rank: int | None


def follow_quotes(line: str, ls: int, quote: list):
    """The start offsets of the line's quoted tokens, `quote` carried on past it (None for a blank line or
    a table row, which leave it as it is): what `read_line` does first, and all a line not read does."""
    if not line.strip() or line.count("|") >= 2:
        return None
    quote[1] = quote[1] + 1 if quote[0] else 0
    if quote[1] > 10:
        quote[0] = False
    if quote[0] or '"' in line or "“" in line or "”" in line:     # (a quotation mark: C string searches)
        quoted_at, quote[0] = _quoted(tokenize(line, ls), quote[0])
        return quoted_at
    return ()                         # no quotation opens or runs on here (most lines): no token to walk


def read_line(doc: Doc, rs: int, ls: int, le: int, blocked, quote: list, carried: bool = True) -> _Line | None:
    """Tokens and body names of one logical line (None when it holds none); `quote` carries an open
    quotation over lines (`“2. Hội công chứng viên chịu sự quản lý …”` cites, it assigns nothing).

    `carried=False`: no actor is carried into the line (from a heading above it), so a line that names no
    body assigns nothing and only its rank is read: when no head of a name occurs in it (`vocab.name_opening`),
    it comes back with its rank and no tokens, without being tokenized. Why: more than half the lines read
    name no body (on the dev corpus 4113 of 7159; 2049 hold no head at all), and tokenizing a line costs
    more than both searches."""
    text = doc.text
    line = text[ls:le]
    quoted_at = follow_quotes(line, ls, quote)
    if quoted_at is None:
        return None
    lab = LABEL.match(line)
    body_off = ls + (lab.end() if lab else 0)
    body = text[body_off:le]
    if not carried:
        capital, lower = role_rules()["name_opening"]
        if not (capital.search(body) or lower.search(body.casefold())):
            return _Line(line, [], [], _EMPTY, _EMPTY, line_rank(line)) if TOKEN.search(body) else None
    toks = tokenize(body, body_off)
    if not toks:
        return None
    blocked = [(a, b) for a, b in blocked if a < le and b > body_off]     # the cited documents on this line
    quoted = frozenset(i for i, t in enumerate(toks) if t.s in quoted_at) if quoted_at else _EMPTY
    names = find_names(toks)
    if blocked or quoted:
        names = [n for n in names if not any(a <= toks[name_start(n)].s < b for a, b in blocked)
                 and name_start(n) not in quoted]
    # the tokens starting inside a cited document (tokens run in order of offset: a range of them per document)
    refs = frozenset(i for a, b in blocked for i in range(bisect_left(toks, a, key=_START), bisect_left(toks, b, key=_START))) \
        if blocked else _EMPTY
    if names:
        # a line that continues a sentence (`... của Chủ tịch` / `UBND tỉnh về việc ...`) keeps its left context
        prev = text[max(rs, ls - 40):max(rs, ls - 1)]
        # (`[.:;]\s*$` searched in it: what its end, blanks stripped, tells)
        ctx = tokenize(prev) if prev.strip() and not prev.rstrip().endswith((".", ":", ";")) and not lab else []
        both = ctx + toks if ctx else toks        # joined once for all the line's names
        names = [n for n in names if not _owner_of_something(both, n[0] + len(ctx))]
    return _Line(line, toks, names, refs, quoted, line_rank(line))


_START = attrgetter("s")
_EMPTY: frozenset = frozenset()


def line_heading(ln: _Line):
    """(actor, colon) of a heading made only of bodies: `a) Sở Y tế`, `g) Đề nghị Ủy ban MTTQ ..., Tỉnh đoàn`,
    `- Sở Nội vụ:`; None for other lines (an item ending in `;` belongs to a list: `- Giám đốc Sở Nội vụ;`)."""
    toks, names = ln.toks, ln.names
    if not names:
        return None                   # (most lines: no colon looked for)
    colon = next((i for i, t in enumerate(toks) if t.t == ":" and not any(n[0] < i < name_start(n) for n in names)), None) \
        if ":" in ln.text else None
    head_end = colon if colon is not None else len(toks)
    if names and names[0][0] <= 2 and len(ln.text) < 260 and (head_end == 0 or toks[head_end - 1].t != ";") \
            and _names_only(toks, 0, head_end, names):
        actor = [(toks, n) for n in names if n[1] <= head_end]
        if colon is not None and len(actor) == 1 and toks[actor[0][1][0]].low in ("các", "những") \
                and any(colon < n[0] <= colon + 2 for n in names):
            actor = []                # `Các đơn vị: Sở Tài chính, Sở Xây dựng tổ chức …`: a plural before the bodies
                                      # it lists is the list's title; the bodies listed act
        return actor, colon
    return None


def role_list_heading(line: str) -> str | None:
    """The role of a heading line that only names one (`a) Cơ quan chủ trì`, `- Đơn vị phối hợp:`): the bodies
    the lines under it list take it (rules/roles.yaml `role_list_headings`)."""
    lab = LABEL.match(line)
    words = line[lab.end() if lab else 0:].strip().rstrip(":.").strip().casefold()
    return role_rules()["raw"]["role_list_headings"].get(words) if len(words) < 40 else None


def listed_only(ln: _Line) -> bool:
    """Whether a line lists bodies and nothing else (`- Bộ Quốc phòng; các Bộ, ngành liên quan.`)."""
    end = len(ln.toks)
    while end and ln.toks[end - 1].t in (".", ";", ","):
        end -= 1
    return bool(ln.names) and _names_only(ln.toks, 0, end, ln.names)


def _owner_of_something(toks: list[Tok], i: int) -> bool:
    """`của Sở Tư pháp`, `của Chủ tịch UBND tỉnh`: the body owns a thing (a cited act, a request)."""
    c = role_rules()
    for k in range(1, 6):
        a = i - k
        if a < 0:
            return False
        if toks[a].low == "của" and (k == 1 or c["titles"].match(toks, a + 1)[0] == k - 1):
            # `theo đề nghị của Sở Tư pháp`, `chịu sự quản lý nhà nước của Sở Tư pháp` are cues, not ownership
            return not (a > 0 and toks[a - 1].low == "nghị") and \
                not any(c["object_cues"].match(toks, a - m)[0] == m + 1 for m in range(1, min(a, 7) + 1))
    return False


def merge_name_lists(toks, bounds, first, names) -> list[tuple[int, int]]:
    """`Ban Tuyên giáo Tỉnh ủy; Báo Bình Thuận và Đài ... xây dựng`, `Điều 3. Chánh Văn phòng UBND tỉnh; Giám
    đốc Sở Y tế; … chịu trách nhiệm thi hành`: names (with their heads' titles) listed with `;` share the verb
    of the clause that follows them."""
    out = list(bounds)
    k = 0
    while k < len(out) - 1:
        a, b = out[k]
        a = max(a, first)
        if a < b and any(n[0] == strip_title(toks, a)[0] for n in names) and _names_only(toks, a, b, names):
            out[k:k + 2] = [(out[k][0], out[k + 1][1])]
            continue
        c, d = out[k + 1]
        if a < b and any(n[1] == b for n in names) and any(n[0] == c for n in names) \
                and _names_only(toks, c, _purpose_at(toks, c, d), names):
            out[k:k + 2] = [(out[k][0], d)]     # `phối hợp với Sở A; Công an tỉnh; Hải quan để …`: one list
            continue
        k += 1
    return out


def _purpose_at(toks: list[Tok], a: int, b: int) -> int:
    """Where a purpose (`để`, `nhằm`) or the clause ends: the list of names before it has no verb of its own."""
    return next((i for i in range(a, b) if toks[i].low in ("để", "nhằm")), b)


def split_at_subjects(toks, bounds, names) -> list[tuple[int, int]]:
    """`Giao Sở Tài chính chủ trì, Sở Xây dựng phối hợp thực hiện`: a clause that has given a body its task
    goes on after a comma with another body and that body's own verb; each part is read as a clause, so each
    body gets its own role. A list of bodies before one verb (`Đề nghị Sở A, Sở B phối hợp`) is not cut."""
    c = role_rules()
    starts = {name_start(n): n for n in names}
    out = []
    for a, b in bounds:
        cut = a
        # only a clause that opens on a task does (`Giao X …`, `X chủ trì …`), not a narrative one
        opens = c["object_cues"].match(toks, a)[0] or any(name_start(n) <= a + 2 and n[0] >= a for n in names)
        for i in range(a + 1, b - 1) if opens else ():
            if toks[i].t != ",":
                continue
            n = starts.get(strip_title(toks, i + 1)[0])
            if n is None or n[1] >= b:
                continue
            # the part before the comma: a name, then a task verb of its own after it
            before = [m for m in names if cut <= m[0] and m[1] <= i]
            last_act = next((k for k in range(i - 1, before[-1][1] - 1, -1) if c["subject_verbs"].match(toks, k)[0]
                             or c["object_cues"].match(toks, k)[0]), None) if before else None
            if last_act is None or c["object_cues"].match(toks, last_act)[1] == "coordinate":
                continue              # (`chủ trì, phối hợp với doanh nghiệp …, chính quyền địa phương và …`: the partners'
                                      # list goes on past the comma)
            j = list_end(toks, n, starts, b)   # `, Sở A và Sở B phối hợp`
            if j < b and not is_cap(toks[j].t) and (c["subject_verbs"].match(toks, j)[0]
                                                    or c["object_cues"].match(toks, j)[0]):
                out.append((cut, i))
                cut = i + 1
        out.append((cut, b))
    return out


def list_end(toks, n, starts: dict, b: int) -> int:
    """Where the list of names that name `n` opens ends: past each `,` or `và` followed by another name
    (`starts`: each name by the token its own words start at), up to token b."""
    j = n[1]
    while j < b and toks[j].t in (",", "và") and j + 1 in starts:
        j = starts[j + 1][1]
    return j


def split_at_agents(toks, bounds, names) -> list[tuple[int, int]]:
    """`Hội nghị do Sở Nội vụ chủ trì`, `Kinh phí do Sở Tài chính bố trí`: a body after `do` that a task verb
    follows is the agent of that task, the subject of a clause of its own (rules/roles.yaml `agent_words`,
    `agent_verbs`: a cited act's issuer, `do Bộ Tài chính ban hành`, is no agent of a task); so are the bodies an
    announcement tells to know and carry it out (`để các sở, ngành biết, triển khai thực hiện`: `purpose_words`,
    `told_to_know`)."""
    c = role_rules()
    starts = {name_start(n): n for n in names}
    words, verbs = c["raw"]["agent_words"], c["agent_verbs"]
    purpose, know = set(c["raw"].get("purpose_words", ())), set(c["raw"].get("told_to_know", ()))
    out = []
    for a, b in bounds:
        cut = a
        for i in range(a + 1, b - 1):
            told = toks[i].low in purpose      # `thông báo để các sở, ngành biết, triển khai thực hiện`
            if i + 1 not in starts or not told and (toks[i].low not in words or toks[i - 1].t == ","):
                continue                       # (`…, do Hiệp hội thực hiện vai trò …`: after a comma `do` is `because`)
            j = list_end(toks, starts[i + 1], starts, b)   # `do Sở A và Sở B thực hiện`
            if told:                           # the bodies told to know (`biết`), then their task
                if not (j < b and toks[j].low in know):
                    continue
                j += 1
                while j < b and toks[j].t in (",", "và"):
                    j += 1
            if j < b and verbs.match(toks, j)[0]:
                out.append((cut, i))
                cut = i + 1
        out.append((cut, b))
    return out


def _quoted(toks, inside: bool = False) -> tuple[set[int], bool]:
    """Start offsets of the tokens inside “…” quotes (a quoted title or text assigns nothing here), and
    whether a quote is still open at the end."""
    out = set()
    for k, t in enumerate(toks):
        if t.t == "“" and not inside and (k + 1 == len(toks) or toks[k + 1].s > t.e):
            continue                  # an opening mark with a space after it opens nothing: a bullet as OCR reads one
        if t.t == "“" and inside and out:
            inside = False            # `cơ chế “một cửa“`: an opening mark typed for the closing one ends the quote
        elif t.t == "“" or (t.t == '"' and not inside):
            inside = True
        elif t.t == "”" or (t.t == '"' and inside):
            inside = False
        elif inside:
            out.add(t.s)
    return out, inside


def signing_organ(metadata: dict, issuer: set[str]) -> set[str]:
    """The issuer's forms headed by the organ its signer signs for (`T/M Ban Thường vụ` + `Tỉnh ủy Ninh Bình`),
    when the issuer's name does not already open with that organ (`TM. Ủy ban nhân dân` of `Ủy ban nhân dân tỉnh`)."""
    first = ((metadata.get("signer") or {}).get("authority") or "").split(",")[0].strip()   # `T/M …, K/T Bí thư`
    m = rules.compiled(layout_rules()["closing"]["authority"]).match(first)    # the closing's own authority pattern
    on_behalf = m is not None and re.sub(r"[\s./]", "", m.group("auth")).casefold() == "tm"
    organ = m.group("who").strip().casefold() if on_behalf else ""
    if not organ or any(f.startswith(organ) for f in issuer):
        return set()
    return {f"{organ} {f}" for f in issuer}
