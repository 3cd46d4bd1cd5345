"""The extractor registry: every extractor says what it needs and adds; the run order follows."""
import pytest

from pipeline.extract import REGISTRY, ordered
from pipeline.extract.registry import Extractor


def test_the_four_extractors_run_in_pipeline_order():
    assert [ex.name for ex in ordered()] == ["references", "bodies", "dates", "targets"]
    for ex in ordered():
        assert ex.adds == (ex.name,)


def test_a_named_extractor_brings_what_it_needs():
    assert [ex.name for ex in ordered(["targets"])] == ["references", "dates", "targets"]


def test_a_need_nothing_adds_is_refused(monkeypatch):
    monkeypatch.setitem(REGISTRY, "broken", Extractor("broken", lambda doc: [], needs=("nothing",), adds=("broken",)))
    with pytest.raises(ValueError, match="no extractor adds"):
        ordered(["broken"])
