"""Gold is for measuring only: no training data, annotation or test carries text of a document that
`../shared/eval/gold` scores.

Checked by 6-word shingles (scripts/learn_data.py), not by identifiers: a piece of text copies a
gold document when it holds at least two shingles that this one gold document holds and no other
document of the corpus does (the genre's boilerplate is in many documents and is nobody's text).
Skipped without `../shared`; with it, the index is first shown to catch a real copy.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import learn_data as L  # noqa: E402

ANNOTATIONS = ROOT / "corpus" / "annotations"
OWN_FILES = ("test_no_gold_leak.py", "test_model.py")


@pytest.fixture(scope="module")
def index(shared_dir):
    idx = L.eval_gold_index(shared_dir)
    if idx is None:
        pytest.skip("no eval gold documents in ../shared/corpus")
    return idx


def test_the_check_catches_a_copied_sentence(index, shared_dir):
    gold, _, _ = L.corpus_split(shared_dir)
    assert len(gold) == len(L.eval_gold_stems(shared_dir)) > 0
    caught = 0
    for stem, text in gold.items():
        w = L.words(text)
        own = [i for i in range(0, len(w) - 12, 12) if index.copied(" ".join(w[i:i + 12])).get(stem)]
        if own:
            caught += 1
            sentence = " ".join(w[own[0]:own[0] + 12])
            assert index.copied(f"Một câu viết riêng: {sentence}.") == index.copied(sentence)
    assert caught >= len(gold) * 0.8, "the shingle index misses most gold documents"
    assert not index.copied("Giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính và các cơ quan liên quan thực hiện.")


def _units(path: Path):
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            yield n, json.loads(line)


def test_hand_annotations_copy_no_gold_sentence(index):
    bad = []
    for f in sorted(ANNOTATIONS.glob("*.jsonl")):
        for n, rec in _units(f):
            hit = index.copied(rec.get("text") or "")
            if hit:
                bad.append(f"{f.name}:{n} {hit} {rec['text'][:60]!r}")
    assert not bad, "\n".join(bad)


def test_own_gold_documents_are_not_gold_documents(index, shared_dir):
    """Each own-gold document is a document of its own (not a near-copy of an eval-gold document:
    `learn_data.NEAR_COPY`), and every snippet of it is its own text, or else copies no gold sentence."""
    gold, _, _ = L.corpus_split(shared_dir)
    gsh = {k: L.shingles(v) for k, v in gold.items()}
    stems = L.eval_gold_stems(shared_dir)
    bad, checked = [], 0
    for stem, g in L.load_own_gold().items():
        assert stem not in stems, f"{stem} is scored by ../shared/eval/gold"
        path = shared_dir / "corpus" / g["source"]
        snippets = [(f, it["text"]) for f in ("bodies", "targets", "dates", "references")
                    for it in g.get(f) or [] if it.get("text")]
        text = L.quick_text(path) if path.is_file() else ""
        folded = " ".join(L.words(text))
        if snippets and sum(" ".join(L.words(t)) in folded for _, t in snippets) < len(snippets) / 2:
            text = L.read_text(path) or ""          # a scan: its words come from OCR
            folded = " ".join(L.words(text))
        assert L.near_copy(text, gsh) is None, f"{stem} is a near-copy of {L.near_copy(text, gsh)}"
        for field, t in snippets:
            checked += 1
            if " ".join(L.words(t)) not in folded and index.copied(t):
                bad.append(f"{stem} {field} {t[:60]!r} {index.copied(t)}")
    assert checked > 100
    assert not bad, "\n".join(bad)


def _offenders(index, names=None) -> list[str]:
    out = []
    for f in sorted((ROOT / "tests").glob("*.py")):
        if names is not None and f.name not in names:
            continue
        # the string literals of the file, joined; code between them breaks a shingle
        text = "\n".join(re.findall(r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|\"\"\"[\s\S]*?\"\"\"", f.read_text(encoding="utf-8")))
        hit = index.copied(f.read_text(encoding="utf-8")) or index.copied(text)
        if hit:
            out.append(f"{f.name}: {sum(hit.values())} shingles of {', '.join(sorted(hit))}")
    return out


def test_this_suites_own_model_tests_copy_no_gold(index):
    bad = _offenders(index, OWN_FILES)
    assert not bad, "\n".join(bad)


def test_no_test_copies_gold(index):
    bad = _offenders(index)
    assert not bad, "tests that carry gold sentences:\n" + "\n".join(bad)
