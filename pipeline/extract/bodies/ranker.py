"""A classifier over the body names of a document's lines: which of them the document gives a part.

The rules are precise but miss: a name with no role cue the grammar knows (`Bộ Nội vụ sẽ đối chiếu`),
a list after a colon, a subject several clauses away. The name grammar finds far more names than the
rules assign; this logistic model (`scripts/train_bodies.py`, `make train`) reads each distinct name of a
document with what stands around it wherever it is written (the words before and after, the kind of
line, whether it opens a clause, whether the rules gave it a role and by which cue) and says whether the
gold would list it. It is trained from the own gold (`corpus/annotations/own_body_names.jsonl`, written
by `scripts/build_training_data.py`) and shipped as hashed weights in `pipeline/models/ranker/`
(numpy only, loaded once per process).

In `both` a name the rules did not give a part is added when the model is sure (`threshold_add` of its
meta), with the role of the nearest cue before it (lead when none), and a name they gave one is dropped
when the model is sure it is none (`threshold_veto`); both thresholds are chosen by cross-validation by
document over the training documents (`scripts/train_bodies.py`).
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

from pipeline.extract.bodies.clauses import read_line
from pipeline.extract.bodies.places import doc_places, resolve_jurisdiction
from pipeline.extract.bodies.grammar import body_item, name_start, role_rules
from pipeline.extract.bodies.tokens import body_regions, logical_lines, tokenize
from pipeline.extract import targets_model
from pipeline.text.names import canonical

MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "ranker"
DIM = targets_model.DIM   # the hashed feature space vectorize() maps into
_LIST_GAP = re.compile(r"\s*(?:,|;|và|,\s*và)\s*")
_PAST = re.compile(r"(?<![\wĐđ])(?:đã|được|vừa qua|năm qua)(?![\wĐđ])", re.I)


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", canonical(name)).casefold().strip(" ,.;:")


def records(doc, rule_items: list[dict]) -> list[dict]:
    """One record per distinct name of the body lines (grammar names and the rules' bodies): the name,
    where it is first written, and every place it stands with its line's context."""
    text = doc.text
    by_key: dict[str, dict] = {}
    issuer = (doc.metadata.get("issuer") or "").casefold()
    places = doc_places(doc.metadata)

    ruled_at = sorted((it["start"], it["end"], it["role"]) for it in rule_items)

    def mate(s: int, e: int) -> str | None:
        """The role of a rule body listed right beside this name (`Sở A, Sở B và UBND các huyện`)."""
        for a, b, role in ruled_at:
            if (0 < s - b <= 6 and _LIST_GAP.fullmatch(text[b:s])) or \
                    (0 < a - e <= 6 and _LIST_GAP.fullmatch(text[e:a])):
                return role
        return None

    def add(s: int, e: int, rule: str | None, rank):
        raw = text[s:e].strip(" ,;:.")
        if len(raw) < 3:
            return
        k = _key(raw)
        if not k:
            return
        ls = text.rfind("\n", 0, s) + 1
        le = text.find("\n", e)
        le = len(text) if le < 0 else le
        line = text[ls:le]
        ws = max(ls, s - 200)
        occ = {"line": text[ws:min(le, e + 200)], "at": s - ws, "len": e - s, "rule": rule, "rank": rank,
               "opens": not text[ls:s].strip(" \t-+•*–.)0123456789abcdđIVX"), "line_end": line.rstrip()[-1:],
               "bullet": bool(re.match(r"[ \t]*[-+•*–]", line)), "table": line.count("|") >= 2,
               "mate": None if rule else mate(s, e)}
        rec = by_key.get(k)
        if rec is None:
            rec = by_key[k] = {"key": k, "written": raw, "name": resolve_jurisdiction(canonical(raw), places),
                               "start": s, "end": s + len(raw), "occ": [],
                               "issuer": bool(issuer) and (k in issuer or issuer.endswith(k)),
                               "doc_type": doc.metadata.get("doc_type") or ""}
        if len(rec["occ"]) < 12:
            rec["occ"].append(occ)

    for it in rule_items:
        add(it["start"], it["end"], f"{it.get('source')}:{it['role']}", None)
    blocked = [(r["start"], r["end"]) for r in doc.found.get("references", [])]
    for rs, re_ in body_regions(doc):
        quote = [False, 0]
        for ls, le in logical_lines(text, rs, re_):
            ln = read_line(doc, rs, ls, le, blocked, quote)
            if ln is None:
                continue
            for n in ln.names:
                a, b = name_start(n), n[1]
                if b - a == 1 and not ln.toks[a].t.isupper():
                    continue
                s, e = ln.toks[a].s, ln.toks[b - 1].e
                if not any(it["start"] <= s < it["end"] for it in rule_items):
                    add(s, e, None, ln.rank)
    recs = list(by_key.values())
    # the share of the document's names the rules gave a part: low where the rules do not know the style
    share = sum(any(o["rule"] for o in r["occ"]) for r in recs) / max(1, len(recs))
    for r in recs:
        r["ruled_share"] = round(share, 3)
    return recs


def _occ_features(o: dict, pos: bool = False) -> list[str]:
    line, at, n = o["line"], o["at"], o["len"]
    before = tokenize(line[max(0, at - 80):at])
    after = tokenize(line[at + n:at + n + 80])
    name = tokenize(line[at:at + n])
    bw = [t.low for t in before]
    aw = [t.low for t in after]
    f = [f"rule={o['rule'] or 'none'}", f"ruled={bool(o['rule'])}", f"rank={o['rank']}"]
    if name:
        f += [f"h1={name[0].low}", f"h2={' '.join(t.low for t in name[:2])}", f"cap={name[0].t[:1].isupper()}",
              f"n={min(len(name), 8)}", f"upper={name[-1].t.isupper()}"]
    f += [f"p1={w}" for w in bw[-1:]] + [f"p2={' '.join(bw[-2:])}"]
    f += [f"a1={w}" for w in aw[:1]] + [f"a2={' '.join(aw[:2])}"]
    pre = line[:at]
    f += [f"start={o['opens']}", f"colon_before={':' in pre}", f"line_end={o['line_end']}",
          f"bullet={o['bullet']}", f"table={o['table']}", f"mate={o['mate']}",
          f"paren={pre.count('(') > pre.count(')')}", f"past={bool(_PAST.search(pre[-60:]))}",
          f"past_line={bool(_PAST.search(pre))}"]
    c = role_rules()
    toks = before + name + after
    nb = len(before)
    for k in range(max(0, nb - 8), nb):
        m, role = c["object_cues"].match(toks, k)
        if m:
            f.append(f"cue_before={role}")
    for k in range(nb + len(name), min(len(toks), nb + len(name) + 4)):
        m, role = c["subject_verbs"].match(toks, k)
        if m:
            f.append(f"verb_after={role}")
    if pos:
        f += _pos_after(line[at + n:at + n + 50])
    return f


@lru_cache(maxsize=8192)
def _pos_after(text: str) -> tuple[str, ...]:
    """underthesea's tags of the two words after a name: a verb there makes the name a subject."""
    try:
        from underthesea import pos_tag
    except ImportError:
        return ()
    tags = [t for _, t in pos_tag(text)[:2]] if text.strip() else []
    return tuple([f"pos+1={tags[0] if tags else '$'}", f"pos+12={'-'.join(tags)}"])


def features(rec: dict, pos: bool = False) -> list[str]:
    """What the classifier reads of one name: each place it stands, its count, the issuer test; `pos` adds
    underthesea's tags of the words after it (the model's meta says whether it was trained with them)."""
    f = {"bias", f"type={rec['doc_type']}", f"issuer={rec['issuer']}", f"count={min(len(rec['occ']), 4)}",
         f"share={min(4, int(rec.get('ruled_share', 1) * 5))}"}
    for o in rec["occ"]:
        f.update(_occ_features(o, pos))
    return sorted(f)


# The same hashing trick (same DIM) as the targets classifier: one function serves both.
vectorize = targets_model.vectorize


@lru_cache(maxsize=1)
def load() -> dict | None:
    if not (MODEL_DIR / "weights.npy").exists():
        return None
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    return {"w": np.load(MODEL_DIR / "weights.npy"), **meta}


def score(model: dict, rec: dict) -> float:
    z = float(model["w"][vectorize(features(rec, model.get("pos", False)))].sum())
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def role_of(rec: dict) -> str:
    """The role of the nearest cue before the name in its first line (lead when none)."""
    o = rec["occ"][0]
    toks = tokenize(o["line"][:o["at"]])
    c = role_rules()
    best = "lead"
    for k in range(max(0, len(toks) - 10), len(toks)):
        m, role = c["object_cues"].match(toks, k)
        if m:
            best = role
    return best


def same_name(a: str, b: str) -> bool:
    """Two keys naming one body as the scorer would pair them: equal, or the shorter (two words or more)
    inside the longer."""
    if a == b:
        return True
    small, big = sorted((a, b), key=len)
    return len(small.split()) >= 2 and f" {small} " in f" {big} "


GATES = ("none", "cue", "cue_not_past")


def _gate_open(rec: dict, gate: str) -> bool:
    """Whether a name may be added at all: `cue` asks for a role cue where it stands (an object cue before
    it, a task verb after it, or a body of the rules listed beside it), `cue_not_past` also a line that
    tells no past (`đã chỉ đạo Công an tỉnh …` reports, it assigns nothing)."""
    if gate == "none":
        return True
    for o in rec["occ"]:
        f = _occ_features(o)
        cue = o.get("mate") or any(x.startswith(("cue_before=", "verb_after=")) for x in f)
        if cue and (gate == "cue" or "past_line=True" not in f):
            return True
    return False


def decide(rec: dict, p: float, add: float, veto: float, gate: str = "none") -> str | None:
    """`add`, `veto` or None for one name: a name no rule gave a part (not the issuer) is added when p ≥
    add and the gate is open; a name the rules gave one is dropped when p < veto."""
    ruled = any(o["rule"] for o in rec["occ"])
    if ruled:
        return "veto" if p < veto else None
    if rec["issuer"] or p < add or not _gate_open(rec, gate):
        return None
    return "add"


def apply(doc, items: list[dict], rule_items: list[dict]) -> list[dict]:
    """The items with the model's policy applied (`threshold_add`, `threshold_veto` of its meta)."""
    model = load()
    if model is None or (model["threshold_add"] > 1 and model["threshold_veto"] <= 0):
        return items                      # the policy chosen changes nothing: no need to read the names
    places = doc_places(doc.metadata)
    out = list(items)
    keys = [_key(it.get("name_as_written") or it["name"]) for it in items]
    for rec in records(doc, rule_items):
        what = decide(rec, score(model, rec), model["threshold_add"], model["threshold_veto"],
                      model.get("gate", "none"))
        if what == "veto":
            out = [it for it in out if _key(it.get("name_as_written") or it["name"]) != rec["key"]]
        elif what == "add" and not any(same_name(rec["key"], k) or same_name(_key(rec["name"]), k) for k in keys):
            out.append(body_item(rec["written"], role_of(rec), rec["start"], rec["end"], rec["written"], places,
                                 "ranker"))
    return out
