"""The trained body model: ships in the repository, loads offline, runs in the default pipeline."""
import os
from pathlib import Path

import pytest

from pipeline.extract.bodies import model as nlp

pytestmark = pytest.mark.skipif(nlp.load() is None, reason="model not trained (make train)")


def test_model_is_small_and_loads_from_the_repository():
    size = sum(f.stat().st_size for f in Path(nlp.MODEL_DIR).rglob("*") if f.is_file())
    assert size < 20e6
    m = nlp.load()
    assert "ner" in m.pipe_names and "vanban_body_names" in m.pipe_names
    assert set(nlp.LABELS) <= set(m.get_pipe("ner").labels)


def test_model_tags_a_body_with_its_role():
    doc = nlp.load()("Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng triển khai thực hiện Kế hoạch này.")
    found = {(s.text, s.label_) for s in doc.spans["bodies"]}
    assert any(t.startswith("Sở Tài chính") for t, _ in found)
    assert all(lab in nlp.LABELS for _, lab in found)


def test_default_pipeline_uses_the_model(monkeypatch):
    from pipeline.extract import bodies
    from pipeline.run.process import process_text
    monkeypatch.delenv("VANBAN_BODIES", raising=False)
    calls = []
    real = nlp.predict
    monkeypatch.setattr(nlp, "predict", lambda doc, *a: calls.append(1) or real(doc, *a))
    from test_bodies import PLAN
    rec = process_text("k.txt", PLAN.replace("Sở Y tế", "Công an tỉnh"))
    assert calls, "the model was not run"
    assert any(b["name"].startswith("Công an tỉnh") and b["role"] == "lead" for b in rec["bodies"])
    assert any(b["name"] == "Sở Tài chính" and b["role"] == "coordinate" for b in rec["bodies"])


def test_both_drops_a_weak_object_the_model_does_not_see():
    # rules: `gửi` gave report_to to a span; the model reads no body there → the span goes
    rule = [{"name": "Sở Nội vụ", "name_as_written": "Sở Nội vụ", "role": "report_to", "start": 10, "end": 19,
             "text": "Sở Nội vụ", "source": "object"},
            {"name": "Sở Tư pháp", "name_as_written": "Sở Tư pháp", "role": "lead", "start": 30, "end": 40,
             "text": "Sở Tư pháp", "source": "subject"}]
    assert [r["name"] for r in nlp.combine(rule, [], {})] == ["Sở Tư pháp"]
    seen = [{**rule[0], "source": "model", "kind": "line"}]
    assert [r["name"] for r in nlp.combine(rule, seen, {})] == ["Sở Nội vụ", "Sở Tư pháp"]


def test_both_reads_the_model_only_where_it_is_needed(monkeypatch):
    from pipeline.extract import bodies
    from pipeline.run.process import process_text
    monkeypatch.delenv("VANBAN_BODIES", raising=False)
    seen = []
    real = nlp.predict

    def spy(doc, needed=None):
        seen.extend(u for u in nlp.units(doc) if needed is None or needed(*u))
        return real(doc, needed)
    monkeypatch.setattr(nlp, "predict", spy)
    from test_bodies import PLAN
    process_text("k.txt", PLAN)
    assert seen and len(seen) < len(nlp.units(bodies_doc(PLAN)))


def bodies_doc(text):
    from pipeline.parse.document import Doc
    from pipeline.read.normalize import normalize
    from pipeline.parse.structure import parse
    norm = normalize(text, "txt", True)
    return Doc(source="k.txt", text=norm.text, structure=parse(norm.text))
