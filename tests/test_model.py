"""The trained body model: ships in the repository, loads offline, runs in the default pipeline."""
import os
from pathlib import Path

import pytest

from pipeline import nlp

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
    from pipeline.process import process_text
    monkeypatch.delenv("VANBAN_BODIES", raising=False)
    calls = []
    real = nlp.predict
    monkeypatch.setattr(nlp, "predict", lambda doc: calls.append(1) or real(doc))
    from test_bodies import PLAN
    rec = process_text("k.txt", PLAN.replace("Sở Y tế", "Công an tỉnh"))
    assert calls, "the model was not run"
    assert any(b["name"].startswith("Công an tỉnh") and b["role"] == "lead" for b in rec["bodies"])
    assert any(b["name"] == "Sở Tài chính" and b["role"] == "coordinate" for b in rec["bodies"])
