"""The vocabularies of `rules/roles.yaml` and `rules/body_heads.yaml` compiled once into phrase matchers: what the
name grammar (grammar.py), the clause reader and the recipients' lists look words up in."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline import rules
from pipeline.extract.bodies.phrases import Phrases
from pipeline.extract.bodies.tokens import TOKEN, Tok, is_cap
from pipeline.text import units
from pipeline.text.matching import trie_pattern
from pipeline.text.names import canonical


@lru_cache(maxsize=None)
def role_rules():
    """`rules/roles.yaml` and `rules/body_heads.yaml` compiled once, with the first words that can open a name
    or a cue (a token that opens none is passed over without trying each vocabulary): a name, a head's first word
    as written (`heads` minds its case: `Ban`, not `ban` of `ban hành`) or a lower-case head's, a capacity's or a
    unit's of `UNIT_HEADS` case-folded."""
    c = _role_rules()
    c["head_firsts"] = frozenset(c["heads"].table)
    c["name_firsts"] = c["capacities"].firsts | c["lower_heads"].firsts | frozenset(UNIT_HEADS)
    c["cue_firsts"] = c["not_cues"].firsts | c["object_cues"].firsts | c["subject_verbs"].firsts \
        | c["after_subject_cues"].firsts
    c["name_opening"] = _name_opening(c["heads"], c["lower_heads"], c["capacities"])
    return c


# `Trưởng phòng Tổ chức cán bộ`: after `trưởng`, the unit a head of unit heads (`grammar.head_at`)
UNIT_HEADS = ("phòng", "khoa")


# what may stand between two tokens: the characters `TOKEN` keeps in no token
_BETWEEN_TOKENS = r"[\s'!?]*"


def _name_opening(heads: Phrases, lower_heads: Phrases, capacities: Phrases) -> tuple[re.Pattern, re.Pattern]:
    """Two patterns, one of which finds something in every text where the name grammar can find a name
    (`find_names`): the first words of the heads that open with a capital, as written (the heads matcher
    compares a head's first word as it is written), in the text; every whole head that opens in lower case,
    every collective, every capacity (`find_names` reads what follows one) and `trưởng phòng`/`trưởng khoa`
    (a unit a head of unit heads, `grammar.head_at`), their words case-folded as the matchers compare them,
    in the case-folded text. A text where neither finds
    anything names no body (what `clauses.read_line` passes over without tokenizing it). A pattern may find
    more than a name (a head's word inside another word): it only says where to look."""
    capital, lower = set(), [("trưởng", "phòng"), ("trưởng", "khoa")]
    for matcher in (heads, lower_heads, capacities):
        for first, (_, by_length, _, _) in matcher.table.items():
            if matcher is heads and first != first.casefold():
                capital.add(first)
                continue
            lower.extend((first.casefold(), *(w.casefold() for w in rest)) for _, phrases in by_length for rest in phrases)
    # as tries (`text.matching.trie_pattern`): the same strings found, as the patterns only tell whether one occurs;
    # the plain alternation of the ~100 lower-case phrases was tried phrase by phrase at every position (4× slower)
    return re.compile(trie_pattern(capital)), re.compile(trie_pattern(set(lower), between=_BETWEEN_TOKENS))


def _role_rules():
    """The phrase matchers of the vocabularies: heads, cues, stops, units and the others."""
    cfg = rules.load("roles")
    vocab = rules.load("body_heads")       # the bodies' head nouns by level
    name_heads = [h for level in vocab["heads"].values() for h in level]
    heads = [(h, "head") for h in name_heads] + [(h, "lower") for h in vocab["collectives"]]
    # (a commune's word capitalised, `UBND Xã Tả Van`; and `Thành phố`, the word by which Hà Nội's and Hồ Chí Minh City's
    # own documents name the city: `Ủy ban nhân dân Thành phố xét tặng` ends at the city, as `… tỉnh xét tặng` does)
    unit_words = list(units.words()) + [w[:1].upper() + w[1:] for w in units.words("commune")] + ["Thành phố"]
    return {
        "raw": cfg,
        "heads": Phrases(heads, fold=False, fold_rest=True),
        "lower_heads": Phrases([(h, "lower") for h in vocab["collectives"]], fold=True),
        "stop": Phrases([(s, True) for s in cfg["name_stop"]]),
        "list_nouns": Phrases([(s, True) for s in cfg["list_nouns"] + list(units.words())]),
        "compounds": frozenset(w.casefold() for w in cfg["name_compounds"]),
        "joined_words": frozenset(w.casefold() for w in cfg["name_joined_words"]),
        "field_phrases": frozenset(tuple(TOKEN.findall(f.casefold())) for f in vocab.get("field_phrases", ())),
        "comma_fields": Phrases([(f, True) for f in vocab["comma_fields"]]),
        "board_fields": Phrases([(f, True) for f in vocab["board_fields"]]),
        # a department's whole field, whatever its case (rules/abbreviations.yaml `fields`: `giáo dục và đào tạo`)
        "department_fields": Phrases([(f, True) for f in (rules.load("abbreviations").get("fields") or {}).values()]),
        "units": Phrases([(s, True) for s in unit_words], fold=False),
        "after_unit": Phrases([(s, True) for s in cfg["after_unit"]]),
        "collective_tails": Phrases([(s, True) for s in cfg["collective_tails"]]),
        "not_units": Phrases([(s, True) for s in cfg["not_units"]]),
        "relative": [tuple(w.casefold() for w in TOKEN.findall(x)) for x in cfg["relative_tails"]],
        "subject_verbs": Phrases([(v, r) for r, vs in cfg["subject_verbs"].items() for v in vs]),
        "agent_verbs": Phrases([(v, True) for v in cfg["agent_verbs"]]),
        "object_cues": Phrases([(v, r) for r, vs in cfg["object_cues"].items() for v in vs]),
        "opening_cues": Phrases([(v, r) for r, vs in cfg["opening_cues"].items() for v in vs]),
        "after_subject_cues": Phrases([(v, "lead") for v in cfg["after_subject_cues"]]),
        "not_cues": Phrases([(v, True) for v in cfg["not_cues"]]),
        "capacities": Phrases([(v, True) for v in cfg["capacities"]]),
        "colon_heads": {**{k.casefold(): v for k, v in cfg["colon_heads"].items()}, **_unit_colon_heads()},
        "openers": Phrases([(v, True) for v in cfg["openers"]]),
        "narrative": re.compile(r"\s*(?:" + "|".join(re.escape(h) for h in cfg["narrative_headings"]) + r")\b", re.I),
        "alias": re.compile(r"\s*\((?:" + "|".join(re.escape(a) for a in cfg["alias_cues"]) + r")\s+(?P<short>[^()]{3,80})\)",
                            re.I),
        # the same from its `(` (filters.alias_matches)
        "alias_open": re.compile(r"\((?:" + "|".join(re.escape(a) for a in cfg["alias_cues"]) + r")\s+(?P<short>[^()]{3,80})\)",
                                 re.I),
        "noun_before_cue": frozenset(w.casefold() for w in cfg["noun_before_cue"]),
        "noun_before_verb": frozenset(w.casefold() for w in cfg["noun_before_verb"]),
        "nominal_lists": Phrases([(w, True) for w in cfg["nominal_lists"]]),
        "qualifiers": Phrases([(v, True) for v in cfg["name_qualifiers"]]),
        "report_about": Phrases([(s, True) for s in cfg["report_about"]]),
        "not_a_task": Phrases([(s, True) for s in cfg["not_a_task"]]),
        "task_passives": Phrases([(s, True) for s in cfg["task_passives"]]),
        "titles": Phrases([(s, s) for s in cfg["person_titles"]], fold=False),
        "need_cap": {h.casefold() for h in vocab["need_capital_after"]},
        "lower_open": Phrases([(x, True) for x in vocab["lower_openings"]], fold=False, fold_rest=True),
        "not_names": Phrases([(x, True) for x in vocab["not_names"]], fold=False),
        "surname_heads": frozenset(vocab["surname_heads"]),
        "closed_heads": frozenset(vocab["closed_heads"]),
        "middle_names": frozenset(vocab["middle_names"]),
        "courtesy": [[w.casefold() for w in TOKEN.findall(form)] for form in cfg.get("courtesy", ())],  # `Các ông (bà)`
        # `quý Bộ`, `Quý cơ quan`: the addressee named by courtesy, by its kind (`filters.courtesy_addressees`)
        "addressee_courtesy": frozenset(w.casefold() for w in cfg.get("addressee_courtesy", ())),
        "addressee_kinds": Phrases([(k, True) for k in cfg.get("addressee_kinds", ())], fold=False),
        "subject_markers": [form.split() for form in cfg.get("subject_markers", ())],   # `đối với`, `riêng`
        "report_words": frozenset(w.casefold() for w in cfg["report_words"]),
        "report_firsts": frozenset(w.casefold().split(" ")[0] for w in cfg["report_words"]),  # tried at every token
        "skip": re.compile(cfg["recipient_skip"], re.I),
        "cut": re.compile(cfg["recipient_cut"]),
    }


def _unit_colon_heads() -> dict[str, str]:
    """`Ủy ban nhân dân các huyện: Đức Trọng, Lâm Hà` → `Ủy ban nhân dân huyện Đức Trọng`, …: a body of every governed
    unit (rules/body_heads.yaml `place_listed_heads`) or village (`village_listed_heads`) listed by place after a colon."""
    out = {}
    for head in rules.load("body_heads")["place_listed_heads"]:
        full = canonical(head)
        key = head.casefold()
        for u in units.words("province", "district", "commune"):
            out[f"{key} các {u}"] = f"{full} {u}"
        out[f"{key} các địa phương"] = full
        out[f"{key} các tỉnh, thành phố"] = full
    for head in rules.load("body_heads").get("village_listed_heads", []):
        for u in units.words("village"):
            out[f"{head.casefold()} các {u}"] = f"{canonical(head)} {u}"
    return out


def vague(name: str) -> bool:
    """`các cơ quan, đơn vị liên quan`: a collective that names no one (rules/roles.yaml `vague_words`)."""
    words = re.findall(r"[^\s,]+", name.casefold())
    if not words or words[0] != "các":
        return False
    if "trên" in words:
        words = words[:words.index("trên")]      # `… trên địa bàn tỉnh` only says where they are
    vague_words = set(role_rules()["raw"]["vague_words"])
    return all(w in vague_words for w in words[1:])


def list_title(toks, a: int, b: int) -> bool:
    """`Thủ trưởng các cơ quan: Văn phòng UBND tỉnh, Sở Công Thương, …`, `phối hợp với các cơ quan chức năng: Sở Y tế,
    …`: a collective that names no one (tokens a..b), before a colon (token b) and a body's name, is the title of the
    list that follows, not a body (the listed bodies take the part; a clause still reads its role across it)."""
    return b + 1 < len(toks) and toks[b].t == ":" and toks[a].low == "các" and toks[b + 1].t[:1].isupper() \
        and vague(" ".join(t.t for t in toks[a:b]))


def field_across_comma(toks: list[Tok], a: int, j: int, c) -> int | None:
    """End of a field of rules/body_heads.yaml `board_fields` that holds the comma at token j and starts after
    token a (`khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số`), None when no such field does."""
    for m in range(max(a, j - 4), j):
        k, _ = c["board_fields"].match(toks, m)
        if m + k > j + 1:
            return m + k
    return None


def field_across_and(toks: list[Tok], a: int, j: int, c) -> int | None:
    """End of a department's field (rules/abbreviations.yaml `fields`) that starts at token a, right after the head,
    and holds the `và` at token j, None when none does: `các sở giáo dục và đào tạo`, `sở kế hoạch và đầu tư` typed in
    lower case are one body each (in capitals the second word's capital already says the name goes on)."""
    k, _ = c["department_fields"].match(toks, a)
    return a + k if a + k > j + 1 else None


def wrapped_head(toks: list[Tok], j: int, c) -> bool:
    """Whether the word at token j, after a comma that follows a body's proper name, is the head of the next body
    in capitals even with its field cut off by the line's end (`Ủy ban … Việt Nam, Phòng` / `Thương mại và Công
    nghiệp Việt Nam`), not a kind of unit listed with the first name (`Ủy ban nhân dân các huyện, Thành phố`)."""
    nxt = toks[j].t if j < len(toks) else ""
    return is_cap(nxt) and nxt in c["heads"].table \
        and not c["units"].match([Tok(x.s, x.e, x.low) for x in toks[j:j + 2]], 0)[0]


def units_then_other(toks: list[Tok], i: int, j: int, c) -> bool:
    """Whether the comma at token j ends a list of administrative units of a committee's name opened at token i
    (`UBND các xã, phường`) and what follows is another kind of body (`đơn vị liên quan`, `cơ quan`): the committees
    of those units are one body, the others another. (A Party list goes on: `Ban Thường vụ các huyện, thị, thành ủy`.)"""
    after_unit = any(c["units"].match(toks, j - n)[0] == n for n in (1, 2) if j - n > i)
    return after_unit and " ".join(x.low for x in toks[j + 1:j + 3]) in c["raw"]["other_than_units"]


def joint_office_of(toks: list[Tok], j: int) -> bool:
    """Whether the `và` at `j` joins the two bodies one office serves: the council and the committee (`Văn phòng HĐND
    và UBND`), or since 2021 the National Assembly delegation and the council (`Văn phòng Đoàn ĐBQH và HĐND tỉnh`)."""
    before = toks[j - 1].t
    return before in ("HĐND", "dân") or (before == "ĐBQH" or before == "hội" and toks[j - 2].t == "Quốc") \
        and j + 1 < len(toks) and toks[j + 1].t in ("HĐND", "Hội")


def nominal_list_comma(toks, a, b, skip, c) -> int:
    """The comma after the first activity of a list opened by a noun (rules/roles.yaml `nominal_lists`: `việc học tập,
    quán triệt`), when that activity is one or two words no cue opens; -1 when the clause has none. `_scan_cues` reads
    the task word after it as the list's (a known verb first, `việc triển khai, thực hiện`, it finds by itself)."""
    lists = c["nominal_lists"]
    for v in range(a, b - 2):
        if toks[v].low in lists.firsts and v not in skip:
            k = lists.match(toks, v)[0]
            comma = next((x for x in range(v + k + 1, min(v + k + 3, b)) if toks[x].t == ","), None)
            if k and comma is not None and not any(c["subject_verbs"].match(toks, x)[0] or c["object_cues"].match(toks, x)[0]
                                                   for x in range(v + k, comma)):
                return comma
    return -1
