"""The trained body-and-role model (spaCy NER) and how the pipeline uses it.

Underthesea's bundled NER does not know organizations in directives, so the
project trains its own small spaCy model (`scripts/train_bodies.py`, `make train`)
from hand annotations in `corpus/annotations/` plus silver spans from the rules.
Each entity label is a role (LEAD, COORDINATE, …, RECIPIENT). The model reads
only the units that can hold a body (lines with a role cue or an organization
head, and the Nơi nhận / Kính gửi items), never whole pages, so it stays fast;
where the pipeline only asks it to confirm a weak cue's object, it reads a few
words around that object (`windows`), not the object's whole line.
It is loaded once per process, lazily, from `pipeline/models/bodies/`, with no
network access.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

from pipeline.extract.spacy_lite import spacy   # without its command line: a third faster to import
from spacy.language import Language
from spacy.tokens import Doc as SpacyDoc, Span

from pipeline.text.names import canonical
from pipeline.extract.bodies.places import doc_places, resolve_jurisdiction
from pipeline.extract.bodies.grammar import body_item, head_at, role_rules, scan_name
from pipeline.extract.bodies.recipients import recipient_items
from pipeline.extract.bodies.tokens import body_regions, tokenize
from pipeline.text.spans import line_spans
from pipeline.text.matching import trie_pattern

MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "bodies"
LABELS = ("LEAD", "COORDINATE", "ADVISE", "MONITOR", "REPORT_TO", "RECIPIENT")
MAX_UNIT = 1500          # characters of one unit given to the model
ITEM_MARKS = " \t-+•*;,.:"  # what surrounds a Nơi nhận item's name (`- VNPT Lâm Đồng;`)
WINDOW = 4               # words the model reads either side of a weak cue's object (see windows())
WHOLE_ITEM = 0.8         # share of an item a model span must cover to be taken as the item's name
_HEADING = re.compile(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)\-]\s*(?:Đề nghị\s+)?[A-ZĐỦ]")


@Language.factory("vanban_body_names", default_config={})
def make_body_names(nlp: Language, name: str):
    """Copies the NER's role-labelled spans to `doc.spans["bodies"]` with their canonical names."""
    return BodyNames()


class BodyNames:
    """Pipeline component: entity spans → `doc.spans["bodies"]`, `span._.canonical`."""

    def __call__(self, doc: SpacyDoc) -> SpacyDoc:
        spans = []
        for ent in doc.ents:
            if ent.label_ in LABELS:
                span = Span(doc, ent.start, ent.end, label=ent.label_)
                spans.append(span)
        doc.spans["bodies"] = spans
        return doc


if not Span.has_extension("canonical"):
    Span.set_extension("canonical", getter=lambda span: canonical(span.text))


def blank() -> Language:
    """The tokenizer the model uses: multi-language, no word segmenter, so no extra download."""
    return spacy.blank("xx")


@lru_cache(maxsize=1)
def load() -> Language | None:
    """The trained model, or None when it has not been trained (rules still work)."""
    if not (MODEL_DIR / "meta.json").exists():
        return None
    return spacy.load(MODEL_DIR)


# ------------------------------------------------------------------ units

_CUE_OR_HEAD = None


def _prefilter() -> re.Pattern:
    """A cheap test for a line worth giving to the model: a role cue or an organization head (the cues as one
    trie: the plain alternation of them all was a tenth of the bodies stage)."""
    global _CUE_OR_HEAD
    if _CUE_OR_HEAD is None:
        from pipeline import rules
        cfg = rules.load("roles")
        words = set()
        for group in ("subject_verbs", "object_cues"):
            for vs in cfg[group].values():
                words.update(vs)
        alt = trie_pattern(words)
        _CUE_OR_HEAD = re.compile(r"(?<![\wĐđ])(?:" + alt + r")(?![\wĐđ])", re.I)
    return _CUE_OR_HEAD


def units(doc, lines_at: list[int] | None = None,
          around: list[tuple[int, int]] | None = None) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the parts of a document the model reads. With `lines_at`, only the lines
    holding one of those offsets are looked at (the recipients always): a line's units lie inside it, so
    the others would be read for nothing. With `around` (spans starting at the `lines_at` offsets), a line
    gives not itself but the windows around those spans in it (`windows`)."""
    out = []
    skip = role_rules()["skip"]       # an item that is no body (`Lưu: VT`, `Các đồng chí …`) is not the model's to read
    for s, item in recipient_items(doc):
        if item and not skip.match(item):
            out.append((s, s + len(item), "recipient"))
    pat = _prefilter()
    text = doc.text
    at = sorted(lines_at) if lines_at is not None else None
    for rs, re_ in body_regions(doc):
        for ls, le in line_spans(text, rs, re_) if at is None else _lines_holding(text, rs, re_, at):
            line = text[ls:le]
            if not line.strip() or line.count("|") >= 2:
                continue
            if not (pat.search(line) or (len(line) < 200 and _HEADING.match(line))):
                continue
            if around is not None:
                out.extend(windows(text, ls, le, around))
                continue
            while le - ls > MAX_UNIT:
                cut = text.rfind(". ", ls, ls + MAX_UNIT)
                cut = cut + 1 if cut > ls else ls + MAX_UNIT
                out.append((ls, cut, "line"))
                ls = cut
            out.append((ls, le, "line"))
    return out


def windows(text: str, ls: int, le: int, spans: list[tuple[int, int]], n: int = WINDOW) -> list[tuple[int, int, str]]:
    """(start, end, "line") of what the model reads, in the line [ls, le), to check the spans starting in it:
    each span with at most `n` words either side, inside its clause (the line cut after a `;` or `. `
    before it, and at the first one after it); windows that meet are one.

    Why: the model only confirms a weak cue's object there (combine()); the cue and the words around the
    name are what it reads a body from, and its lines are long task sentences (about 270 characters on
    the dev corpus, against 60 in a window). Measured on the dev corpus and the own gold: the bodies of
    every document are the same with the whole line as with 4 words either side (and with the clause
    alone, or 5, 6, 12 words); with 3 words, 6 dev documents' bodies change."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if not ls <= a < le:
            continue
        left = max(text.rfind(";", ls, a), text.rfind(". ", ls, a), ls - 1) + 1
        ends = [e for e in (text.find(";", b, le), text.find(". ", b, le)) if e >= 0]
        right = min(ends) + 1 if ends else le
        pos = a                                   # after the (n+1)-th space before the span
        for _ in range(n + 1):
            pos = text.rfind(" ", left, pos)
            if pos < 0:
                break
        else:
            left = pos + 1
        pos = b - 1                               # up to the (n+1)-th space after it
        for _ in range(n + 1):
            pos = text.find(" ", pos + 1, right)
            if pos < 0:
                break
        else:
            right = pos
        if out and left <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], right))
        else:
            out.append((left, right))
    return [(s, e, "line") for s, e in out]


def _lines_holding(text: str, start: int, end: int, at: list[int]) -> list[tuple[int, int]]:
    """The lines of text[start:end], as `line_spans` cuts them, that hold one of the sorted offsets `at`, in order.
    Why: found from the offsets (a few weak objects a document), not by walking every line of the document."""
    out = []
    k = bisect_left(at, start)
    while k < len(at) and at[k] < end:
        p = at[k]
        if text[p] == "\n":
            k += 1                    # a line break is inside no line
            continue
        ls = text.rfind("\n", start, p) + 1 or start
        le = text.find("\n", p, end)
        le = end if le < 0 else le
        out.append((ls, le))
        k = bisect_left(at, le, k)
    return out


# unit text -> its labelled spans (start, end, lower-case label); see unit_spans
_SPANS: dict[str, tuple[tuple[int, int, str], ...]] = {}
MAX_CACHED = 1 << 14


def unit_spans(nlp: Language, texts: list[str]) -> list[tuple[tuple[int, int, str], ...]]:
    """The model's labelled spans of each unit text, each distinct text read once per process.

    Why: the NER is a third of the bodies stage, and half the units it reads in a batch are texts it
    has read before in another document (`Như trên`, `Sở Nội vụ`, `Lãnh đạo UBND tỉnh`, `Thường trực
    HĐND tỉnh` end most Nơi nhận lists). A unit is read on its own (the network and the transition
    parser see no other unit of the batch), so a text's spans are the same whichever batch it is read
    in: kept once, they are what reading it again would give (tests/test_speed.py checks it)."""
    todo = list(dict.fromkeys(t for t in texts if t not in _SPANS))
    if todo:
        if len(_SPANS) + len(todo) > MAX_CACHED:
            _SPANS.clear()
        for t, spans in zip(todo, _read(nlp, todo)):
            _SPANS[t] = spans
    return [_SPANS[t] for t in texts]


def _read(nlp: Language, texts: list[str]):
    """(start, end, lower-case label) of the labelled spans of each text, as `nlp.pipe(texts, batch_size=64)` then
    `doc.spans["bodies"]` give them. For the trained pipeline (the NER, then `BodyNames`), its NER is run on the
    tokenized texts as `nlp.pipe` runs it (`ner.pipe`, the same batches) and its entities read as `BodyNames` reads
    them. Why: `nlp.pipe`'s own set-up per call (a few units a document) cost a tenth of the model's time."""
    if nlp.pipe_names != ["ner", "vanban_body_names"]:
        for sd in nlp.pipe(texts, batch_size=64):
            yield tuple((sp.start_char, sp.end_char, sp.label_.lower()) for sp in sd.spans.get("bodies", sd.ents))
        return
    for sd in nlp.get_pipe("ner").pipe((nlp.make_doc(t) for t in texts), batch_size=64):
        yield tuple((ent.start_char, ent.end_char, ent.label_.lower()) for ent in sd.ents if ent.label_ in LABELS)


def clear_cache() -> None:
    """Forget the spans read so far (the benchmark times every round from a cold cache)."""
    _SPANS.clear()


def predict(doc, needed=None, lines_at: list[int] | None = None,
            around: list[tuple[int, int]] | None = None) -> list[dict]:
    """Bodies from the model alone: one item per labelled span, role from the label.
    `needed(start, end, kind)` limits the model to the units it has to check; `lines_at`, when the
    lines it needs are known, the lines looked at, and `around` the spans read there (`units`)."""
    nlp = load()
    if nlp is None:
        return []
    places = doc_places(doc.metadata)
    us = [u for u in units(doc, lines_at, around) if needed is None or needed(*u)]
    out = []
    for (s, e, kind), spans in zip(us, unit_spans(nlp, [doc.text[s:e] for s, e, _ in us])):
        whole = len(doc.text[s:e].strip(ITEM_MARKS))
        for start_char, end_char, label in spans:
            a, b = s + start_char, s + end_char
            raw = doc.text[a:b].strip(" ,;:.")
            if len(raw.split()) < 2 and not raw.isupper():
                continue
            item = body_item(raw, label, a, a + len(raw), raw, places, "model")
            out.append({**item, "kind": kind, "whole_unit": len(raw) >= WHOLE_ITEM * whole})
    return out


def combine(rule_items: list[dict], model_items: list[dict], places: dict, text: str = "") -> list[dict]:
    """The rules cut names and read roles from the clause; the model, trained to find bodies in
    context, checks them and adds what the clause grammar misses:

    - every rule span stays (headings, subjects, recipients, strong cues), except an object of a weak cue
      (`gửi`, `trình`: rules/roles.yaml `model_checks_objects_of`) that the model
      does not see is dropped, unless it follows in a list another object of that role the model sees
      (`báo cáo UBND tỉnh, Sở Nội vụ`: the list shares the cue, and the model reads its first name);
    - a model span the rules missed is added when it sits in a Nơi nhận / Kính gửi item and the name
      grammar accepts it (it opens with an organization head: the grammar says where it ends) or it is the
      whole item: an item of an address list names one addressee, so a span the model reads as the whole
      item is a recipient even when its head is outside the vocabulary (`- VNPT Lâm Đồng;`) or written in
      lower case (`- Trung tâm thông tin;`).

    In task lines the model adds nothing: measured on the own gold's dev split (bodies F1 0.802 with the
    rules alone), adding its spans where the rules found none lowered F1 (0.771 with the name grammar's
    cut, 0.791–0.798 when three seeds agree), and a logistic classifier over every grammar name of the
    lines (head class, cues around it, place in a list) lowered it too (0.67–0.80 by threshold).
    """
    from pipeline import rules
    weak = set(rules.load("roles")["model_checks_objects_of"])
    out = []
    for r in rule_items:
        over = [m for m in model_items if m["start"] < r["end"] and r["start"] < m["end"]]
        if not over and r.get("source") == "object" and r["role"] in weak and not r.get("pointed") \
                and not _listed_after(r, out, text):
            continue
        out.append(r)
    for m in model_items:
        if m.get("kind") != "recipient" or any(r["start"] < m["end"] and m["start"] < r["end"] for r in rule_items) \
                or _opens_listed_fields(m, rule_items, text):
            continue
        toks = tokenize(m["name_as_written"])
        if toks and head_at(toks, 0):
            # the model finds where a body is; the grammar says where its name ends
            j = scan_name(toks, 0)
            raw = m["name_as_written"][:toks[j - 1].e]
            out.append({**m, "name": resolve_jurisdiction(canonical(raw), places), "name_as_written": raw,
                        "text": raw, "end": m["start"] + len(raw)})
        elif m.get("whole_unit"):
            out.append(m)
    return out


_LIST_SEPARATOR = re.compile(r"\s*(?:,|;|và)\s*")


def _opens_listed_fields(m: dict, rule_items: list[dict], text: str) -> bool:
    """`- Các sở, ngành: TC; XD;`, `các Vụ: TH, KTTH`: the plural head before a colon whose fields the rules read as
    one body each names no body of its own."""
    after = text[m["end"]:m["end"] + 12] if text else ""
    colon = after.find(":")
    return colon >= 0 and not after[:colon].strip() and any(
        0 <= r["start"] - (m["end"] + colon) <= 6 and r["role"] == "recipient" for r in rule_items)


def _listed_after(item: dict, kept: list[dict], text: str) -> bool:
    """Whether `item` follows, with only a comma, a `;` or `và` between, a kept object of the same role."""
    return bool(text) and any(k.get("source") == "object" and k["role"] == item["role"] and k["end"] <= item["start"]
                              and _LIST_SEPARATOR.fullmatch(text[k["end"]:item["start"]]) for k in kept)


def bodies(doc, mode: str, find_rules) -> list[dict]:
    """The bodies of one document in the given mode (`model` or `both`); in `both` the name ranker
    (`bodies.ranker`) then applies the policy its training chose (today: it adds nothing, see its meta)."""
    if mode == "model":
        return _plain(predict(doc))
    from pipeline.extract.bodies import ranker
    rule_items = find_rules(doc)
    if load() is None:
        return ranker.apply(doc, rule_items, rule_items)
    from pipeline import rules
    weak = set(rules.load("roles")["model_checks_objects_of"])
    checks = [(r["start"], r["end"]) for r in rule_items
              if r.get("source") == "object" and r["role"] in weak and not r.get("pointed")]

    def needed(s, e, kind):
        """The model reads only the units where combine() uses it: recipients and weak objects. A recipient
        unit whose every character lies in a rule's span (and no weak object's) is not read either:
        whatever span the model found in it would overlap a rule's span, and combine() adds none such."""
        if any(s <= a < e for a, _ in checks):
            return True
        return kind == "recipient" and (any(a < e and s < b for a, b in checks) or not _covered(rule_items, s, e))

    model_items = predict(doc, needed, lines_at=[a for a, _ in checks], around=checks)
    items = combine(rule_items, model_items, doc_places(doc.metadata), doc.text)
    return _plain(ranker.apply(doc, items, rule_items))


def _covered(items: list[dict], start: int, end: int) -> bool:
    """Whether every offset in [start, end) lies in the span of one of the items."""
    spans = sorted((it["start"], it["end"]) for it in items if it["start"] < end and start < it["end"])
    reach = start
    for a, b in spans:
        if a > reach:
            return False
        reach = max(reach, b)
        if reach >= end:
            return True
    return reach >= end


def _plain(items: list[dict]) -> list[dict]:
    """Items without the model's working marks (what the dataset's bodies hold)."""
    return [{k: v for k, v in it.items() if k != "whole_unit"} for it in items]
