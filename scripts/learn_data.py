"""What the trained models may learn from, and how hand labels are found in the text.

Used by `scripts/train_bodies.py`, `scripts/train_targets.py`, `scripts/eval_models.py` and
`tests/test_no_gold_leak.py`.

- **Separation.** `../shared/eval/gold` is for measuring only. Its documents are found in the corpus
  by file stem (`eval_gold_stems`); their texts give 6-word shingles (`ShingleIndex`). A piece of
  text *copies* a gold document when it holds at least `MIN_COPIED` shingles that occur in exactly one
  gold document (the genre's boilerplate, `Căn cứ Luật Tổ chức chính quyền địa phương …`, occurs in
  several and is not that document's text).
- **The project's own gold** (`corpus/annotations/gold`, split by `splits.json`): each body and target
  carries a verbatim `text` snippet; `align_gold` finds the snippet in vanban's normalized text of the
  document and the name / number inside it, giving character offsets. What cannot be found is dropped
  and counted.
"""
from __future__ import annotations

import hashlib
import html
import json
import re
import subprocess
import unicodedata
import zipfile
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
ANNOTATIONS = ROOT / "corpus" / "annotations"
OWN_GOLD = ANNOTATIONS / "gold"
SPLITS = ANNOTATIONS / "splits.json"
N = 6                 # words per shingle
MIN_COPIED = 2        # shingles unique to one gold document that make a copy (7 words in a row)
_WORD = re.compile(r"\w+")


# ------------------------------------------------------------------ separation

def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text).casefold())


def shingles(text: str, n: int = N) -> set[str]:
    w = words(text)
    return {" ".join(w[i:i + n]) for i in range(len(w) - n + 1)}


def eval_gold_stems(shared: Path = SHARED) -> set[str]:
    """Stems of the documents `../shared/eval/gold` scores (empty when it is absent)."""
    d = shared / "eval" / "gold"
    return {p.stem for p in d.glob("*.json")} if d.is_dir() else set()


def eval_gold_sources(shared: Path = SHARED) -> list[Path]:
    """The corpus files of those documents (matched by stem)."""
    stems = eval_gold_stems(shared)
    return [p for p in corpus_files(shared) if p.stem in stems]


def corpus_files(shared: Path = SHARED) -> list[Path]:
    corpus = shared / "corpus"
    if not corpus.is_dir():
        return []
    return sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() in READABLE
                  and "transcripts" not in p.parts)


READABLE = (".docx", ".doc", ".rtf", ".pdf", ".txt", ".md")


def read_text(path: Path, ocr: bool = True) -> str | None:
    """The document's normalized text, as vanban reads it (None when unreadable)."""
    from pipeline.read.base import IngestError, Limits
    from pipeline.read.ingest import ingest
    from pipeline.read.normalize import normalize
    try:
        raw = ingest(path, Limits(ocr=ocr))
    except IngestError:
        return None
    return normalize(raw.text, raw.format, raw.wrapped).text


def quick_text(path: Path) -> str:
    """The words of a document, fast and roughly in order (for shingles only): the DOCX XML without its
    tags, antiword's text, PDFium's text layer. No OCR, no layout."""
    s = path.suffix.lower()
    try:
        if "legacy" in path.parts and s in (".doc", ".rtf"):
            # TCVN3 / VNI bytes: antiword's text would be mojibake whose shingles match nothing, so the
            # genre's boilerplate these documents share with a gold document would pass for its own text
            return read_text(path, ocr=False) or ""
        if s == ".docx":
            with zipfile.ZipFile(path) as z:
                x = z.read("word/document.xml").decode("utf-8", "ignore")
            x = re.sub(r"</w:p>|<w:tab/>|<w:br/>|</w:tc>", "\n", x)
            return html.unescape(re.sub(r"<[^>]+>", "", x))
        if s == ".doc":
            return subprocess.run(["antiword", "-w", "0", str(path)], capture_output=True,
                                  timeout=60).stdout.decode("utf-8", "ignore")
        if s == ".pdf":
            import pypdfium2 as pdfium
            pdf = pdfium.PdfDocument(str(path))
            return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
        if s == ".rtf":
            return read_text(path, ocr=False) or ""
        if s in (".txt", ".md"):
            return path.read_text(encoding="utf-8", errors="ignore")
    except Exception:       # an unreadable file has no shingles
        return ""
    return ""


class ShingleIndex:
    """6-word shingles of the eval gold's documents, each with the gold documents that hold it and the
    other corpus documents (the background) that hold it too.

    A shingle is a gold document's *own* when that one gold document holds it and no background
    document does (boilerplate of the genre is in many documents and is nobody's text)."""

    def __init__(self, gold: dict[str, str], background: dict[str, str]):
        self.gold: dict[str, set[str]] = defaultdict(set)
        for name, text in gold.items():
            for s in shingles(text):
                self.gold[s].add(name)
        self.background: dict[str, set[str]] = defaultdict(set)
        for name, text in background.items():
            for s in shingles(text):
                if s in self.gold:
                    self.background[s].add(name)

    def copied(self, text: str, own: str | None = None) -> dict[str, int]:
        """Gold documents this text copies, with how many of their own shingles it holds in runs of at
        least `MIN_COPIED` in a row (7 words or more copied as they stand). `own`: the stem of the
        document the text comes from (its shingles are not taken as background)."""
        w = words(text)
        hits, run, prev = Counter(), 0, None
        for i in range(len(w) - N + 1):
            s = " ".join(w[i:i + N])
            docs = self.gold.get(s)
            doc = next(iter(docs)) if docs and len(docs) == 1 and not (self.background.get(s, set()) - {own}) else None
            run = run + 1 if doc is not None and doc == prev else (1 if doc is not None else 0)
            if run == MIN_COPIED:
                hits[doc] += MIN_COPIED
            elif run > MIN_COPIED:
                hits[doc] += 1
            prev = doc
        return dict(hits)


NEAR_COPY = 0.3       # share of a document's shingles found in one gold document that makes it a near-copy


def near_copy(text: str, gold_shingles: dict[str, set[str]]) -> str | None:
    """The gold document this text mostly repeats (another version, the same template filled in), or None."""
    s = shingles(text)
    if not s:
        return None
    share, stem = max(((len(s & g) / len(s), k) for k, g in gold_shingles.items()), default=(0, None))
    return stem if share > NEAR_COPY else None


@lru_cache(maxsize=2)
def corpus_split(shared: Path = SHARED) -> tuple[dict[str, str], dict[str, str], set[str]]:
    """(eval gold texts, background texts, near-copies): quick texts of the corpus by stem; the stems of
    documents that are near-copies of a gold document are neither background nor silver."""
    stems = eval_gold_stems(shared)
    gold, background, near = {}, {}, set()
    files = corpus_files(shared)
    for p in files:
        if p.stem in stems:
            gold[p.stem] = quick_text(p)
    gsh = {k: shingles(v) for k, v in gold.items()}
    for p in files:
        if p.stem not in stems:
            t = quick_text(p)
            if near_copy(t, gsh):
                near.add(p.stem)
            else:
                background[p.stem] = t
    for p in sorted((ROOT / "corpus").rglob("*")):
        if p.is_file() and p.suffix.lower() in READABLE:
            background[f"corpus/{p.stem}"] = quick_text(p)
    return gold, background, near


@lru_cache(maxsize=2)
def eval_gold_index(shared: Path = SHARED) -> ShingleIndex | None:
    """The shingle index of the eval gold's source documents, or None without `../shared`."""
    gold, background, _ = corpus_split(shared)
    return ShingleIndex(gold, background) if gold else None


# ------------------------------------------------------------------ own gold

def load_own_gold() -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(OWN_GOLD.glob("*.json"))}


def split_of(stem: str, gold: dict) -> str:
    """train / dev / test (corpus/annotations/splits.json)."""
    sp = json.loads(SPLITS.read_text(encoding="utf-8"))
    for name, stems in sp.get("splits", {}).items():
        if stem in stems:
            return name
    return sp.get("default_by_group", {}).get(gold.get("annotation", {}).get("group"), "unassigned")


def own_sources(splits=("train", "dev", "test"), shared: Path = SHARED) -> dict[str, Path]:
    """stem → corpus path of the own-gold documents of the given splits."""
    return {stem: shared / "corpus" / g["source"] for stem, g in load_own_gold().items()
            if split_of(stem, g) in splits}


def excluded_from_silver(shared: Path = SHARED) -> set[str]:
    """Stems silver data never reads: the eval gold's, their near-copies, and the own gold's held-out (test, seen) splits."""
    return eval_gold_stems(shared) | corpus_split(shared)[2] | set(own_sources(("test", "seen"), shared))


def _fold(s: str) -> str:
    return unicodedata.normalize("NFC", s).casefold()


def _flex(snippet: str) -> re.Pattern:
    """The snippet as a pattern that lets any run of spaces, line breaks and table bars stand for a space."""
    toks = [re.escape(t) for t in re.split(r"[\s|]+", _fold(snippet).strip()) if t]
    return re.compile(r"[\s|]+".join(toks)) if toks else re.compile(r"(?!)")


def find_snippet(text_folded: str, snippet: str, used: set[int] | None = None) -> tuple[int, int] | None:
    """Where the snippet stands in the (casefolded) text; an unused place first."""
    if not snippet:
        return None
    found = [m.span() for m in _flex(snippet).finditer(text_folded)]
    if not found:
        return None
    for sp in found:
        if used is None or sp[0] not in used:
            return sp
    return found[0]


def _expand(name: str) -> list[str]:
    """Ways the name may be written: as given, and with its expansions contracted (`UBND tỉnh`)."""
    out = [name]
    for long, short in (("Ủy ban nhân dân", "UBND"), ("Hội đồng nhân dân", "HĐND"), ("Mặt trận Tổ quốc", "MTTQ"),
                        ("Ban Chấp hành", "BCH"), ("Ban Thường vụ", "BTV"), ("Việt Nam", "VN"),
                        ("thủ tục hành chính", "TTHC"), ("cải cách hành chính", "CCHC")):
        if long.casefold() in name.casefold():
            out.append(re.sub(re.escape(long), short, name, flags=re.I))
    return out


def locate_name(text: str, folded: str, s: int, e: int, name: str) -> tuple[int, int] | None:
    """The written name inside [s, e): the longest stretch of its words that the snippet holds
    (a name may be written shorter or abbreviated: `Sở Nội vụ`, `UBND các xã`)."""
    region = folded[s:e]
    for cand in _expand(name):
        m = _flex(cand).search(region)
        if m:
            return s + m.start(), s + m.end()
    w = [t for t in re.split(r"\s+", _fold(name)) if t]
    # the longest run of the name's words (at least two, with its head word) found in the snippet
    for k in range(len(w) - 1, 1, -1):
        for i in range(0, len(w) - k + 1):
            m = _flex(" ".join(w[i:i + k])).search(region)
            if m and i == 0:
                return s + m.start(), s + m.end()
    return None


_NUM = re.compile(r"(?<![\w.,/])\d{1,3}(?:[.,]\d{3})+(?:,\d+)?(?![\d])|(?<![\w.,/])\d+(?:,\d+)?(?![\d])")


def number_spans(text: str, s: int, e: int) -> list[tuple[int, int, float]]:
    from pipeline.extract.targets import parse_number
    out = []
    for m in _NUM.finditer(text, s, e):
        v = parse_number(m.group())
        if v is not None:
            out.append((m.start(), m.end(), v))
    return out


def _same_value(v: float, g: float, unit: str) -> bool:
    if abs(v - g) < 1e-6:
        return True
    return unit == "VND" and any(abs(v * f - g) < 1e-3 for f in (1e3, 1e6, 1e9))


def align_gold(stem: str, gold: dict, text: str) -> dict:
    """Offsets of the gold's bodies and targets in `text`: {"bodies": [(s, e, name, role)],
    "targets": [(s, e, item)], "dropped": {"bodies": n, "targets": n}}."""
    folded = _fold(text)
    if len(folded) != len(text):
        folded = "".join(c.casefold() if len(c.casefold()) == 1 else c for c in text)
    out = {"bodies": [], "targets": [], "dropped": {"bodies": 0, "targets": 0}}
    used: set[int] = set()
    for b in gold.get("bodies") or []:
        sp = find_snippet(folded, b.get("text") or "", used)
        loc = locate_name(text, folded, *sp, b["name"]) if sp else None
        if loc is None:
            loc = locate_name(text, folded, 0, len(text), b["name"])
        if loc is None:
            out["dropped"]["bodies"] += 1
            continue
        used.add(sp[0] if sp else loc[0])
        out["bodies"].append((loc[0], loc[1], b["name"], b.get("role")))
    tused: set[int] = set()
    for t in gold.get("targets") or []:
        sp = find_snippet(folded, t.get("text") or "", None)
        hit = None
        if sp:
            # the number inside the snippet; a table row's snippet names the row, the number stands after it
            line_end = text.find("\n", sp[1])
            for a, b_, v in number_spans(text, sp[0], max(sp[1], line_end if line_end >= 0 else len(text))):
                if _same_value(v, t["value"], t.get("unit")) and a not in tused:
                    hit = (a, b_)
                    break
        if hit is None:
            out["dropped"]["targets"] += 1
            continue
        tused.add(hit[0])
        out["targets"].append((hit[0], hit[1], t))
    return out


def scorer(shared: Path = SHARED):
    """The shared scorer (`../shared/eval/score.py`) as a module: training labels use its name match."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("vanban_score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def file_sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stem_of(source: str) -> str:
    return PurePosixPath(source).stem
