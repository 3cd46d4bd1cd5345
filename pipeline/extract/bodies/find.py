"""Responsible bodies and their roles (DATASET.md "bodies"): rules, then the trained model, then the
filters (`bodies.filters.finalize`). The parts: `tokens`, `grammar` (phrase matcher, name grammar),
`recipients`, `clauses`, `roles`, `filters`, `model`.

Rules read the clause structure of directives: a body named in a heading
(`a) Sở Y tế`, `- Sở Nội vụ:`) or at the start of a clause is the subject of the
task verbs that follow (`chủ trì` → lead, `tham mưu` → advise, `theo dõi` →
monitor, `phối hợp` → coordinate); a body named after an object cue takes that
cue's role (`Giao X`, `phối hợp với X`, `báo cáo về X`). Names joined by commas
and `và` share a role. Nơi nhận / Kính gửi items are recipients. The name
grammar and every vocabulary live in `rules/roles.yaml`.

Only what the document itself assigns counts: a report of what was done (`đã`,
a `DIỄN BIẾN` / `KẾT QUẢ THỰC HIỆN` part), a cited act's own task (`Quyết định
số … giao X`), a quotation, an applicant in `Theo đề nghị của …` give no role.
Lines wrapped by the page are read rejoined; a body told to act (`giao X tổng hợp
…; tham mưu …`) does what follows it.

The trained span model (`bodies.model`) then checks the clauses the rules looked
at: where it agrees it keeps the rule's span, where it finds a name the grammar
missed it adds it (role from the same cues). `VANBAN_BODIES=rules|model|both`
picks the mode (default `both`).
"""
from __future__ import annotations

import os
import re
from pipeline.extract.registry import extractor
from pipeline.parse.document import Doc
from pipeline.extract.bodies.clauses import (Emitter, clause_bounds, follow_quotes, line_heading, listed_only,
                                             merge_name_lists, read_line, role_list_heading, split_at_agents,
                                             split_at_subjects)
from pipeline.extract.bodies.filters import finalize
from pipeline.extract.bodies.places import doc_places
from pipeline.extract.bodies.grammar import role_rules
from pipeline.extract.bodies.executors import executing_leads, issuer_reported_to, merges, pointed_recipients
from pipeline.extract.bodies.recipients import find_recipients
from pipeline.extract.bodies.roles import read_clause
from pipeline.extract.bodies.tables import table_bodies
from pipeline.extract.bodies.tokens import body_regions, logical_lines


def find_rules(doc: Doc) -> list[dict]:
    """Bodies and roles from the rules alone."""
    places = doc_places(doc.metadata)
    em = Emitter(doc, places)
    em.out.extend(find_recipients(doc, places))
    blocked = [(r["start"], r["end"]) for r in doc.found.get("references", [])]
    addressed, narrated = _not_clauses(doc)
    for rs, re_ in body_regions(doc):
        heading_actor: list = []
        heading_rank = 0
        listing = None                # (role, rank) of a `Cơ quan phối hợp` heading whose lines list the bodies
        quote = [False, 0]            # a quotation open at the line's start, and for how many lines
        for ls, le in logical_lines(doc.text, rs, re_):
            if ls in addressed or any(a <= ls < b for a, b in narrated):
                follow_quotes(doc.text[ls:le], ls, quote)     # not read, but a quotation may open or end in it
                continue
            ln = read_line(doc, rs, ls, le, blocked, quote, carried=bool(heading_actor or listing))
            if ln is None:
                continue
            role = role_list_heading(ln.text)
            if role:
                listing = role, ln.rank or 9
                continue
            if listing and (ln.rank is not None and ln.rank <= listing[1] or not listed_only(ln)):
                listing = None
            if listing:
                for n in ln.names:
                    em.add(ln.toks, n, listing[0], "role-heading")
                continue
            toks, names = ln.toks, ln.names
            head = line_heading(ln)
            if head is not None:
                actor, colon = head
                for tk, n in actor:
                    em.add(tk, n, "lead", "heading")
                if colon is None or colon == len(toks) - 1:
                    heading_actor, heading_rank = actor, (ln.rank or 9)
                    continue
                line_actor, first = actor, colon + 1
            else:
                if ln.rank is not None and ln.rank <= heading_rank:
                    heading_actor, heading_rank = [], 0
                line_actor, first = heading_actor, 0
            if not names and not line_actor:
                continue    # no body named here and none carried from a heading: no clause of it can give a role
            actor = read_clauses(em, ln, first, line_actor)
            if ln.rank is not None and actor and actor is not line_actor \
                    and (not re.search(r"[.;:!?…]\s*$", ln.text) or _duty_frame(ln.text)):
                # `c) Bộ Chỉ huy quân sự tỉnh chỉ đạo lực lượng Bộ đội Biên phòng và đề nghị Bộ Tư lệnh …` with
                # no full stop, `1. Sở Y tế có trách nhiệm:`: the lines under it are what those bodies are to do
                heading_actor, heading_rank = actor, ln.rank
    for cs, ce in table_bodies(doc, em):
        if cs in addressed or any(a <= cs < b for a, b in narrated):
            continue
        ln = read_line(doc, cs, cs, ce, blocked, [False, 0], carried=False)
        if ln is not None and ln.names:
            read_clauses(em, ln, 0, [])   # a cell is a line with no heading above it: its clauses name their subjects
    # the executing sentence read as a list adds the bodies the clause reading lost, not two of them read as one
    read = [it for it in em.out if it["role"] == "lead"]
    em.out.extend(it for it in executing_leads(doc, places) if not merges(it, read))
    em.out.extend(pointed_recipients(doc, em.out))
    em.out.extend(issuer_reported_to(doc, places))
    return em.out


def read_clauses(em: Emitter, ln, first: int, actor: list):
    """Read the clauses of a line from token `first` on, `actor` the subject carried into it (a heading's); returns the
    subject the line leaves to the lines under it."""
    toks, names = ln.toks, ln.names
    bounds = split_at_subjects(toks, merge_name_lists(toks, clause_bounds(toks), first, names), names)
    for ca, cb in split_at_agents(toks, bounds, names):
        # a clause that names no body, with no subject carried into it, assigns nothing: `read_clause`
        # would add no item and give no subject back (1186 of the 5237 clauses of the dev corpus)
        if cb > first and (actor or any(max(ca, first) <= n[0] and n[1] <= cb for n in names)):
            actor = read_clause(em, toks, max(ca, first), cb, names, actor, ln.refs, ln.quoted)
    return actor


def _duty_frame(line: str) -> bool:
    """Whether a line ends on a duty's frame and a colon (rules/roles.yaml `duty_frames`: `… có trách nhiệm:`)."""
    body = line.rstrip()
    return body.endswith(":") and body[:-1].rstrip().casefold().endswith(tuple(role_rules()["raw"]["duty_frames"]))


def _not_clauses(doc: Doc) -> tuple[set[int], list[tuple[int, int]]]:
    """Where no task is assigned: the starts of the Kính gửi lines (their recipients are read with the
    Nơi nhận) and the spans of top parts that tell what happened (`I. DIỄN BIẾN VỤ VIỆC`)."""
    c = role_rules()
    addressed = {ln.start for ln in doc.recipients
                 if ln.start < doc.structure.closing_start and not c["cut"].search(ln.text)}
    narrated = [(sec["start"], sec["end"]) for sec in doc.sections
                if sec["level"] == 1 and c["narrative"].match(sec.get("heading") or "")]
    return addressed, narrated


@extractor("bodies", needs=("sections", "metadata", "recipients", "references"))
def find(doc: Doc) -> list[dict]:
    """The bodies of one document: rules, the model beside them (`VANBAN_BODIES`), then `finalize`."""
    mode = os.environ.get("VANBAN_BODIES", "both")
    if mode == "rules":
        return finalize(doc, find_rules(doc))
    from pipeline.extract.bodies import model as nlp
    return finalize(doc, nlp.bodies(doc, mode, find_rules))
