"""The trained target classifier: is this number an objective, and of what (`VANBAN_TARGETS`).

Every number of a sentence or table row that is not an identifier, a date, a section label or a
year is a candidate. A logistic model over sparse features of its neighbourhood (the words around
it, its unit, a comparator, goal and past-result cues of the clause, the section heading, whether it
stands in a table row and under which column, the rules' reading of its form, whether the rules took
it as a target, and underthesea's part-of-speech tags when the model was trained with them) says
whether it is an objective; a second weight vector, trained without the rules' decision, is the
model alone (`VANBAN_TARGETS=model`). It is
trained from the project's own hand labels (`scripts/train_targets.py`, `make train`) and shipped in
`pipeline/models/targets/` (a few hundred kB of weights, numpy only, loaded once per process). The form
features read rules/targets.yaml, so a change of its units or nouns calls for `make train`.

`VANBAN_TARGETS=rules|model|both`: `both` keeps the rule targets the model does not reject and adds
the model's where the rules found none on that number, the figure has a target's form (a measure or a
counted noun), its (value, unit) is not already there, and the model is sure (`targets`).
"""
from __future__ import annotations

import json
import math
import re
import zlib
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "targets"
DIM = 1 << 16
_NUM = re.compile(r"(?<![\w.,/:-])(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?(?![\d/]|[.,]\d)")
_WORD = re.compile(r"\w+|[%≤≥<>]")
_MONEY = re.compile(r"^\s*(?:đồng|đ\b|vnđ|vnd|triệu|tỷ|nghìn đồng|ngàn đồng)", re.I)
_SCALE = {"triệu": 1e6, "tỷ": 1e9, "nghìn": 1e3, "ngàn": 1e3}
_MEASURE = re.compile(r"^\s*(ha|km|mw|kw|m2|m3|tấn|trang|lít)\b", re.I)
_CMP = [(re.compile(p, re.I), op) for p, op in (
    (r"(?:không quá|tối đa|không vượt quá|≤|<=)\s*$", "<="),
    (r"(?:ít nhất|tối thiểu|không dưới|không thấp hơn|≥|>=)\s*$", ">="),
    (r"(?:trên|hơn|vượt)\s*$", ">"), (r"(?:dưới|<)\s*$", "<"))]
_CMP_AFTER = [(re.compile(r"^\s*%?\s*(?:trở lên)", re.I), ">="), (re.compile(r"^\s*%?\s*(?:trở xuống)", re.I), "<=")]
_BULLET = re.compile(r"\s*[-+*•o]\s")
_LABEL = re.compile(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)]\s")


def parse_number(s: str) -> float | None:
    """`1.000` is one thousand, `2,5` two and a half."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
        s = s.replace(".", "")
    try:
        v = float(s.replace(",", "."))
    except ValueError:
        return None
    return int(v) if v.is_integer() else v


# ------------------------------------------------------------------ candidates

def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def candidates(doc, rule_items: list[dict] | None = None) -> list[dict]:
    """Every number that could be an objective, with what the classifier reads around it; `rule` is the
    unit the rules read on that number (None when they saw no goal there)."""
    ruled = sorted((r["start"], r["end"], r["unit"]) for r in rule_items or [])
    text = doc.text
    blocked = sorted((x["start"], x["end"]) for k in ("references", "dates") for x in doc.found.get(k, []))
    heads = [(s["start"], s["end"], s.get("heading") or "") for s in doc.sections]
    out = []
    header = ""
    lead_in = ""
    for ls, line in _lines(text):
        if not line.strip():
            continue
        cells = line.split(" | ") if " | " in line else None
        if cells and not re.search(r"\d", line):
            header = line                          # a table's header row names its columns
        elif not cells:
            header = ""
        for m in _NUM.finditer(line):
            s, e = ls + m.start(), ls + m.end()
            if any(a < e and s < b for a, b in blocked):
                continue
            if m.start() < 12 and _LABEL.match(line[: m.end() + 2]) and not line[:m.start()].strip():
                continue                            # `3. ` a section or list label
            v = parse_number(m.group())
            if v is None or (isinstance(v, int) and 1900 <= v <= 2100 and "." not in m.group()):
                continue                            # a year
            cell_i = line[:m.start()].count(" | ") if cells else -1
            if cells and cell_i == 0 and re.fullmatch(r"\s*\d+\s*", cells[0]):
                continue                            # the row's number
            ctx = " ".join(h for a, b, h in heads if a <= s < b)
            out.append({"start": s, "end": e, "value": v, "raw": m.group(), "line": line, "at": m.start(),
                        "line_start": ls, "table": bool(cells), "cell": cell_i,
                        "ncells": len(cells) if cells else 0, "header": header, "context": ctx + " " + lead_in,
                        "doc_type": doc.metadata.get("doc_type") or "",
                        "rule": next((u for a, b, u in ruled if a < e and s < b), None)})
        if line.rstrip().endswith(":"):
            lead_in = line.strip()[-120:]
        elif not re.match(r"\s*[-+*•o]\s", line):
            lead_in = ""
    return out


def to_record(c: dict) -> dict:
    """What a candidate keeps for training (corpus/annotations/own_targets.jsonl)."""
    return {k: c[k] for k in ("value", "raw", "line", "at", "table", "cell", "ncells", "header", "context", "doc_type",
                              "rule")}


# ------------------------------------------------------------------ features

def _words(s: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(s)]


def unit_of(c: dict) -> tuple[str, float]:
    """(unit, factor) the number carries: %, VND (with triệu/tỷ), a measure, else count."""
    after = c["line"][c["at"] + len(c["raw"]):]
    if after.lstrip().startswith("%"):
        return "%", 1
    m = _MONEY.match(after)
    if m:
        w = m.group().strip().casefold()
        return "VND", _SCALE.get(w, 1)
    m = _MEASURE.match(after)
    if m:
        return m.group(1).casefold(), 1
    if c["table"] and "." in c["raw"] and c["value"] >= 10000:
        return "VND", 1                              # a money column (`231.000.000`)
    return "count", 1


def comparator_of(c: dict) -> str:
    before = c["line"][max(0, c["at"] - 30):c["at"]]
    after = c["line"][c["at"] + len(c["raw"]):][:20]
    for pat, op in _CMP:
        if pat.search(before):
            return op
    for pat, op in _CMP_AFTER:
        if pat.search(after):
            return op
    return "="


def subject_of(c: dict) -> str | None:
    """The row's name cell in a table; else the words after the number up to a stop, or before it."""
    line = c["line"]
    if c["table"]:
        cells = [x.strip() for x in line.split(" | ")]
        named = [x for x in cells if re.search(r"[^\W\d_]{3,}", x)]
        return named[0][:120] if named else None
    after = line[c["at"] + len(c["raw"]):]
    after = re.sub(r"^\s*(?:%|đồng|đ|vnđ|vnd|triệu đồng|tỷ đồng)\s*", "", after, flags=re.I)
    m = re.match(r"[^,;.:()]{3,120}", after)
    if m and len(m.group().split()) >= 2:
        return m.group().strip()
    before = re.split(r"[,;:.()]", line[:c["at"]])[-1]
    return before.strip() or None


def features(c: dict, pos: bool = False) -> list[str]:
    """What the classifier reads around a candidate; `pos` adds underthesea's word segmentation and
    part-of-speech tags (the model's meta says whether it was trained with them)."""
    line, at, raw = c["line"], c["at"], c["raw"]
    before = _words(line[max(0, at - 60):at])
    after = _words(line[at + len(raw):at + len(raw) + 60])
    sent_s = max(line.rfind(". ", 0, at), line.rfind(";", 0, at)) + 1
    unit, _ = unit_of(c)
    f = ["bias", f"unit={unit}", f"cmp={comparator_of(c)}", f"type={c['doc_type']}",
         f"table={c['table']}", f"mag={min(12, int(math.log10(abs(c['value']) + 1)))}",
         f"sep={'.' in raw}", f"lead0={raw.startswith('0') and len(raw) > 1}",
         f"linepos={min(3, at // 40)}", f"bullet={bool(_BULLET.match(line))}",
         f"rule={c.get('rule') is not None}", f"rule_unit={c.get('rule')}"]
    f += [f"b1={w}" for w in before[-1:]] + [f"b2={' '.join(before[-2:])}"] + [f"bw={w}" for w in before[-5:]]
    f += [f"a1={w}" for w in after[:1]] + [f"a2={' '.join(after[:2])}"] + [f"aw={w}" for w in after[:4]]
    f += _cues(line[sent_s:at], "before") + _cues(line[at + len(raw):at + len(raw) + 80], "after")
    f += _cues(c["context"], "context")
    f += _form(c)
    if pos:
        f += _pos_features(c["line"], c["at"])
    if c["table"]:
        f += [f"cell={min(c['cell'], 8)}", f"celltail={c['ncells'] - c['cell']}"]
        hcells = c["header"].split(" | ") if c["header"] else []
        if 0 <= c["cell"] < len(hcells):
            f += [f"h={w}" for w in _words(hcells[c["cell"]])]
    return f


@lru_cache(maxsize=1)
def _cue_patterns() -> dict:
    """The rules' vocabularies (rules/targets.yaml) as features: goal, past-result and scale cues."""
    from pipeline import rules
    cfg = rules.load("targets")
    keys = ("goal_strong", "goal_weak", "past_before", "not_goal_before", "colon_label_goal", "past_heading")
    return {k: re.compile(cfg[k], re.I) for k in keys}


@lru_cache(maxsize=4096)
def _tagged(line: str) -> tuple[tuple[int, str, str], ...]:
    """underthesea's (offset, word, tag) for a line; empty when the library is absent."""
    try:
        from underthesea import pos_tag
    except ImportError:
        return ()
    out, pos = [], 0
    for word, tag in pos_tag(line[:400]):
        at = line.find(word, pos)
        if at < 0:
            continue
        out.append((at, word.casefold(), tag))
        pos = at + len(word)
    return tuple(out)


def _pos_features(line: str, at: int) -> list[str]:
    """Tags around the figure and the nearest verb before it (`thu hút`, `đạt được`): the kind of words,
    not only the words, so the model can read issuers whose vocabulary it has not seen."""
    toks = _tagged(line)
    i = next((k for k, (a, w, _) in enumerate(toks) if a <= at < a + len(w)), None)
    if i is None:
        return []
    tag = lambda k: toks[k][2] if 0 <= k < len(toks) else "^"   # noqa: E731
    f = [f"p-1={tag(i - 1)}", f"p+1={tag(i + 1)}", f"p+1+2={tag(i + 1)}{tag(i + 2)}"]
    if i + 1 < len(toks) and toks[i + 1][2] in ("N", "Nc", "Nu"):
        f.append(f"noun+1={toks[i + 1][1]}")
    verbs = [w for _, w, t in toks[max(0, i - 8):i] if t == "V"]
    if verbs:
        f.append(f"verb-={verbs[-1]}")
    return f


def _form(c: dict) -> list[str]:
    """The rules' own reading of the figure's form (rules/targets.yaml): a measure with its unit, a count
    of a listed noun (a thing people count, or one a plan builds), or neither."""
    from pipeline.extract.target_cues import config
    cfg = config()
    low = c["line"].lower() if len(c["line"].lower()) == len(c["line"]) else c["line"]
    m = cfg["measure"].match(low, c["at"])
    if m:
        i = next(i for i in range(len(cfg["units"])) if m.group(f"u{i}"))
        return [f"form=measure:{cfg['units'][i]['unit']}"]
    m = cfg["count"].match(low, c["at"])
    if m:
        return ["form=count", f"form=count:{'planned' if m.group('noun') in cfg['planned_nouns'] else 'noun'}"]
    return ["form=none"]


def _cues(text: str, where: str) -> list[str]:
    return [f"{where}:{k}" for k, pat in _cue_patterns().items() if pat.search(text)]


def vectorize(feats: list[str]) -> np.ndarray:
    return np.array(sorted({zlib.crc32(x.encode("utf-8")) % DIM for x in feats}), dtype=np.int64)


# ------------------------------------------------------------------ model

@lru_cache(maxsize=1)
def load() -> dict | None:
    """The weights and settings, or None when the model has not been trained."""
    if not (MODEL_DIR / "weights.npy").exists():
        return None
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    alone = MODEL_DIR / "weights_alone.npy"
    return {"w": np.load(MODEL_DIR / "weights.npy"), "w_alone": np.load(alone) if alone.exists() else None, **meta}


def score(model: dict, c: dict) -> float:
    z = float(model["w"][vectorize(features(c, model.get("pos", False)))].sum())
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def item(c: dict, p: float) -> dict:
    unit, factor = unit_of(c)
    v = c["value"] * factor
    v = int(v) if float(v).is_integer() else v
    return {"value": v, "unit": unit, "comparator": comparator_of(c), "subject": subject_of(c), "year": None,
            "text": c["raw"], "start": c["start"], "end": c["end"], "confidence": round(p, 3)}


def predict(doc, threshold: float | None = None, formed: bool = False) -> list[dict]:
    """The candidates the model is sure enough of; `formed` keeps only figures of a target's form in the
    rules' reading (a measure with its unit or a count of a listed noun), as `both` does."""
    model = load()
    if model is None:
        return []
    th = model["threshold"] if threshold is None else threshold
    if model.get("w_alone") is not None:
        model = {**model, "w": model["w_alone"]}
    out = []
    for c in candidates(doc):
        if formed and _form(c) == ["form=none"]:
            continue
        p = score(model, c)
        if p >= th:
            out.append(item(c, p))
    return out


def targets(doc, mode: str, find_rules) -> list[dict]:
    """The targets of one document in the given mode (`model` or `both`).

    `both`: a rule target is dropped when the model, which reads the rules' decision beside the context,
    gives its number less than `threshold_veto`; a number the rules passed over is added when the model
    (that one, or the model alone when `add_with` says so) gives it at least `threshold_both`, it has a
    target's form and its (value, unit) is not there yet. The thresholds and the adding model are chosen
    by cross-validation by document over the training documents (`scripts/train_targets.py`)."""
    model = load()
    if model is None:
        return find_rules(doc) if mode == "both" else []
    if mode == "model":
        return predict(doc)
    rule_items = find_rules(doc)
    veto = model.get("threshold_veto", 0.0)
    if model.get("veto_doc_types") and doc.metadata.get("doc_type") not in model["veto_doc_types"]:
        veto = 0.0                      # the veto was chosen for normative acts only
    if veto <= 0 and model["threshold_both"] > 1:
        return rule_items               # the policy changes nothing here: no need to score a number
    cands = candidates(doc, rule_items)
    adder = {**model, "w": model["w_alone"]} if model.get("add_with") == "alone" else model
    adds = model["threshold_both"] <= 1
    probs = {c["start"]: score(model if c["rule"] is not None else adder, c)
             for c in cands if (c["rule"] is not None and veto > 0) or (adds and _form(c) != ["form=none"])}
    kept = [r for r in rule_items
            if not any(a["rule"] is not None and a["start"] < r["end"] and r["start"] < a["end"]
                       and probs.get(a["start"], 1.0) < veto for a in cands)]
    taken = [(r["start"], r["end"]) for r in rule_items]
    seen = {(r["value"], r["unit"]) for r in kept}
    extra = []
    for c in cands:
        p = probs.get(c["start"])
        if c["rule"] is not None or p is None or p < model["threshold_both"]:
            continue
        m = item(c, p)
        if any(a < m["end"] and m["start"] < b for a, b in taken) or (m["value"], m["unit"]) in seen:
            continue   # on a rule's figure, or the same figure again (a goal restated in a table or a summary)
        seen.add((m["value"], m["unit"]))
        extra.append(m)
    return kept + extra
