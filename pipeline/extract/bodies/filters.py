"""The last pass over a document's bodies: the issuer dropped unless reported to, vague collectives and
relative phrases dropped, aliases (`(sau đây gọi là …)`) read as the full name, one row per section."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline import rules
from pipeline.parse.document import Doc, section_paths
from pipeline.extract.bodies.places import doc_places, issuer_forms, resolve_jurisdiction
from pipeline.extract.bodies.clauses import signing_organ
from pipeline.extract.bodies.vocab import vague
from pipeline.text import units
from pipeline.extract.bodies.grammar import find_names, name_start, role_rules
from pipeline.extract.bodies.tokens import TOKEN, tokenize
from pipeline.text.names import canonical


def _relative(doc: Doc, it: dict) -> bool:
    """`Ban Thường vụ cấp ủy cùng cấp`: a body named relative to the reader, not an organization."""
    # folded whole: folding turns no character into a space or a mark, so these are the tokens folded one by one
    name, after = it["name"].casefold(), doc.text[it["end"]:it["end"] + 20].casefold()
    tails = [tail for tail in role_rules()["relative"]
             if all(w in name for w in tail) or all(w in after for w in tail)]   # (most names: none, nothing tokenized)
    if not tails:
        return False
    words, after = TOKEN.findall(name), TOKEN.findall(after)
    for tail in tails:
        n = len(tail)
        if tuple(words[-n:]) == tail or tuple(after[:n]) == tail:
            return True
    return False


def _after_person_title(doc: Doc, it: dict) -> bool:
    """`Chủ tịch UBND tỉnh`, `Chủ tịch, các PCT UBND tỉnh`: the body is named through its head person."""
    line_start = doc.text.rfind("\n", 0, it["start"]) + 1
    before = tokenize(doc.text[max(line_start, it["start"] - 40):it["start"]])
    c = role_rules()
    for i in range(len(before)):
        k, _ = c["titles"].match(before, i)
        rest = before[i + k:]
        if k and all(t.t in (",", "các", "và", "PCT", "PCTT", "PCVP", "Phó") or c["titles"].match(rest, m)[0]
                     for m, t in enumerate(rest)):
            return True
    return False


def alias_matches(text: str):
    """(start, match) of every `(gọi tắt là …)` as `role_rules()["alias"].finditer(text)` gives them (start: where
    its `\\s*` opens), found from their `(`: the pattern opens with `\\s*`, so `re` tried it at every position of
    the text (a tenth of the bodies stage); without it `re` skips from `(` to `(`. A match's start is where the
    blank run before its `(` starts, not before the end of the match before it."""
    end = 0
    for m in role_rules()["alias_open"].finditer(text):
        start = m.start()
        while start > end and text[start - 1].isspace():
            start -= 1
        yield start, m
        end = m.end()


def _aliases(doc: Doc, places, found: list) -> dict[str, str]:
    """Short names a document defines: `Ban Thường vụ Hiệp hội công chứng viên Việt Nam (gọi tắt là Ban
    Thường vụ Hiệp hội)` makes `Ban Thường vụ Hiệp hội` stand for the full name (rules/roles.yaml `alias_cues`)."""
    out = {}
    for start, m in found:
        if _COLLECTIVE in m.group(0).casefold():
            continue                  # a list's name: `_collective_aliases`
        toks = tokenize(doc.text[max(0, start - 200):start])
        names = [n for n in find_names(toks) if n[1] == len(toks)]
        short = canonical(m.group("short"))
        if names and len(short.split()) >= 2:
            full = doc.text[max(0, start - 200):start][toks[names[-1][0]].s:toks[-1].e]
            full = resolve_jurisdiction(canonical(full), places)
            if full.casefold() != short.casefold():
                out[short.casefold()] = full
        elif len(short.split()) >= 2:
            # `Kính gửi: - Bảo hiểm xã hội các tỉnh, thành phố trực thuộc Trung ương; - … (Sau đây viết tắt là BHXH các
            # tỉnh)`: after a list, the short name stands for the listed name it shortens
            before = doc.text[max(0, start - 300):start]
            near = tokenize(before)
            listed = {canonical(before[near[name_start(n)].s:near[n[1] - 1].e]) for n in find_names(near)}
            cut = [n for n in listed if n.casefold().startswith((short.casefold() + ",", short.casefold() + " "))]
            if len(cut) == 1:
                out[short.casefold()] = cut[0]
    return out


_COLLECTIVE = "gọi chung là"


def _collective_aliases(found: list, items: list[dict]) -> list[tuple[int, str, list[str]]]:
    """(where, short name, names) of each list a document names at once: `Kính gửi: - Sở Y tế …; - Các bệnh viện …
    (Sau đây gọi chung là các đơn vị)`. The addressees read from the list right before it (two at least)."""
    out = []
    for start, m in found:
        if _COLLECTIVE not in m.group(0).casefold():
            continue
        listed = list(dict.fromkeys(it["name"] for it in items
                                    if it["role"] == "recipient" and start - 800 <= it["end"] <= start))
        if len(listed) >= 2:
            out.append((m.end(), canonical(m.group("short")).casefold(), listed))
    return out


def _expand_collective(found: list, items: list[dict]) -> list[dict]:
    """Each later mention of a list's short name (`Đề nghị Thủ trưởng các đơn vị chủ trì …`) as one item per body of
    the list, as `Như trên` stands for the bodies it points to."""
    named = _collective_aliases(found, items)
    if not named:
        return items
    out = []
    for it in items:
        hit = next((names for at, short, names in named if it["start"] >= at and it["name"].casefold() == short), None)
        out.extend([{**it, "name": n} for n in hit] if hit else [it])
    return out


def _short_forms(items: list[dict]) -> list[dict]:
    """`Hội đồng xét duyệt` beside `Hội đồng cấp tỉnh xét duyệt địa bàn cấp xã không ma túy`: a name whose words all
    stand, in order, in the one longer name of the same head the document gives is that body named short, before
    the full name as after it (a task part names a body short, its Nơi nhận in full; one read before it first); three
    words at least, a collective's excepted (`các cơ quan, đơn vị` is not `các cơ quan, đơn vị liên quan`); with two
    longer candidates it is left as written."""
    names = {}
    for it in items:
        names.setdefault(it["name"], it["start"])
    # each name's words split once, not at every later item it is compared with (quadratic in a long document's items)
    read = [(n, at, n.split(), n.casefold().split()) for n, at in names.items()]
    out = []
    for it in items:
        words = it["name"].casefold().split()
        if len(words) < 3 or words[0] == "các":
            out.append(it)
            continue
        longer = [(at < it["start"], n) for n, at, split, folded in read if len(split) > len(words)
                  and folded[:2] == words[:2] and _in_order(words, split) and _placed_tail(it["name"], n)]
        before = [n for read_before, n in longer if read_before]      # the name read before it first
        pick = before if before else [n for _, n in longer]
        out.append({**it, "name": pick[0]} if len(pick) == 1 else it)
    return out


def _one_spelling(items: list[dict]) -> list[dict]:
    """One body, one name in a document: the names that differ only by case or punctuation (`Sở, ban, ngành thành
    phố` in a task, `Sở, ban ngành thành phố` in the Nơi nhận) take one spelling, a proper name's with the most
    capitals (`Ban Chỉ đạo` over `Ban chỉ đạo`), else the one written first (a collective's capitals come from where
    a sentence or an item starts, not from its name). A leading `các` does not make another body either: a plan
    writes `các sở, ban, ngành liên quan` in one task, `Sở, ban, ngành liên quan` in the next."""
    best: dict[str, tuple] = {}
    keys = [_spelling_key(it["name"]) for it in items]
    for it, key in zip(items, keys):
        words = it["name"].split()
        proper = words[0].casefold() != "các"
        rank = (sum(w[:1].isupper() for w in words[1:]) if proper else 0, -it["start"])
        if key not in best or rank > best[key][0]:
            best[key] = (rank, it["name"])
    return [{**it, "name": best[key][1]} for it, key in zip(items, keys)]


def _spelling_key(name: str) -> str:
    # `các Cục Hải quan tỉnh, thành phố` is `Cục Hải quan các tỉnh, thành phố`: a list of unit kinds is plural already
    words = _PUNCTUATION.sub(" ", _PLURAL_UNITS.sub("", name)).casefold().split()
    return " ".join(words[1:] if words[:1] == ["các"] and len(words) > 2 else words)


_PUNCTUATION = re.compile(r"[,;:.\-–&]")
_PLURAL_UNITS = re.compile(r"(?<=\S )các (?=(?:tỉnh|huyện|quận|thị xã|thành phố|xã|phường)\s*,)")


def _placed_tail(short: str, longer: str) -> bool:
    """Whether the longer name goes on from the short one as a name does, not as a sentence: what follows it opens
    with a capital, a place (`tỉnh Lâm Đồng`, `trên địa bàn …`, `cấp xã`) or is inside it (`Hội đồng cấp tỉnh xét
    duyệt …`); `Ban Thường vụ hoạt động`, `Báo Bình Thuận đăng Thông báo này`: a name read on into its verb."""
    if not longer.startswith(short + " "):
        return True
    nxt = longer[len(short) + 1:].split(" ", 1)[0]
    return nxt[:1].isupper() or nxt.casefold() in _PLACE_WORDS or nxt.casefold() in units.words()


_PLACE_WORDS = {"trên", "thuộc", "trực", "cấp", "các", "của", "tại"}


def _without_speck(name: str) -> str:
    """`Sở Tư pháp K`, `Sở Tài chính Ẹ`: a whole name and one letter after it (not a roman numeral: `Cục Thuế khu vực
    X`) is the name and a scan's speck at the end of its table cell."""
    head, _, last = name.rpartition(" ")
    return head if len(last) == 1 and last.isalpha() and last.isupper() and last not in "IVXLC" \
        and head in _whole_names() else name


@lru_cache(maxsize=None)
def _whole_names() -> frozenset[str]:
    """Names that are whole as they stand: a department and its field (`Sở Tư pháp`, `Bộ Nội vụ`: rules/abbreviations.yaml
    `fields`, `issuers`); one letter more after such a name is no part of it (`_without_speck`)."""
    abbreviations = rules.load("abbreviations")
    fields = set((abbreviations.get("fields") or {}).values())
    return frozenset(set((abbreviations.get("issuers") or {}).values())
                     | {f"{head} {field}" for head in ("Sở", "Bộ", "Phòng") for field in fields})


def _in_order(words: list[str], longer: list[str]) -> bool:
    """Whether `words` (case-folded) stand in `longer` in the same order (`Hội đồng xét duyệt` in `Hội đồng cấp tỉnh
    xét duyệt`, `Ban Chấp hành lâm thời` in `Ban Chấp hành Hội lâm thời`); a capitalized word put right before a
    capitalized one opens another field (`Cục Quản lý Dược` is not `Cục Quản lý Y, Dược cổ truyền`)."""
    k = 0
    for w in words:
        capital_put = False
        while k < len(longer) and longer[k].casefold() != w:
            capital_put = longer[k][:1].isupper()
            k += 1
        if k == len(longer) or capital_put and longer[k][:1].isupper():
            return False
        k += 1
    return True


def courtesy_addressees(doc: Doc, items: list[dict]) -> list[dict]:
    """`quý Bộ`, `Quý cơ quan` (`grammar._courtesy`): each Kính gửi addressee of that kind (rules/roles.yaml
    `addressee_kinds`; any addressee for `cơ quan`, `đơn vị`), in the role the sentence gives; with none, no body."""
    c = role_rules()
    kinds = c["raw"].get("addressee_kinds") or {}
    out, addressees = [], None
    for it in items:
        words = it["name"].split(" ", 1)
        if len(words) < 2 or words[0].casefold() not in c["addressee_courtesy"] or words[1] not in kinds:
            out.append(it)
            continue
        if addressees is None:
            addressees = list(dict.fromkeys(a["name"] for a in items
                                            if a["role"] == "recipient" and a["start"] < doc.structure.closing_start))
        prefixes = kinds[words[1]]
        out.extend({**it, "name": name} for name in addressees
                   if not prefixes or any(name.startswith(p + " ") for p in prefixes))
    return out


def finalize(doc: Doc, items: list[dict]) -> list[dict]:
    """Drop the issuer unless reported to, vague collectives and duplicates."""
    places = doc_places(doc.metadata)
    forms = issuer_forms(doc.metadata.get("issuer"), places)
    forms |= signing_organ(doc.metadata, forms)     # `Ban Thường vụ Huyện ủy` of a plan signed `T/M Ban Thường vụ`
    found = list(alias_matches(doc.text))     # `(gọi tắt là …)`, `(gọi chung là …)`: read once for both uses
    aliases = _aliases(doc, places, found)
    items = [{**it, "name": aliases.get(it["name"].casefold(), it["name"])} for it in items]
    items = [{**it, "name": _without_speck(it["name"])} for it in items]
    items = _expand_collective(found, items)
    items = _one_spelling(_short_forms(courtesy_addressees(doc, items)))
    keep_generic = role_rules()["raw"].get("generic_collectives")
    items = [it for it in items if not (not keep_generic and vague(it["name"])) and not _relative(doc, it)
             and ":" not in it["name"]]   # `Các đơn vị: TST, TCKT`: a list of codes the vocabulary cannot expand
    chain = forms | issuer_forms(doc.metadata.get("parent_issuer"), places)
    items = [it for it in items if not (it["name"].casefold() in chain and _after_person_title(doc, it))]
    out, seen = [], set()
    for it, path in zip(items, section_paths(doc.sections, [it["start"] for it in items])):
        name = it["name"]
        if name.casefold() in forms and it["role"] != "report_to" and it.get("source") != "heading":
            continue
        key = (name.casefold(), it["role"], path)   # one row per section
        if key in seen:
            continue
        seen.add(key)
        it = {k: v for k, v in it.items() if k not in ("source", "kind", "pointed")}
        out.append(it)
    return out
