"""The trained models (bodies: spaCy NER; targets: a logistic classifier): they ship in the repository,
load offline, are listed with their training data in pipeline/models/MANIFEST.json, and sit beside the
rules as `VANBAN_BODIES` / `VANBAN_TARGETS` say. The texts here are written for the tests."""
import hashlib
import json
from pathlib import Path

import pytest

from pipeline.extract.bodies import model as nlp
from pipeline.extract import targets_model as tm

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "pipeline" / "models" / "MANIFEST.json"

PLAN = """ỦY BAN NHÂN DÂN
TỈNH KHÁNH BÌNH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 31/KH-UBND
Khánh Bình, ngày 07 tháng 02 năm 2025
KẾ HOẠCH
Nâng cao chất lượng dịch vụ công trực tuyến năm 2025
I. MỤC TIÊU
1. Phấn đấu đến hết năm 2025 có ít nhất 95% hồ sơ được giải quyết đúng hạn.
2. Mỗi xã tổ chức tối thiểu 02 hội nghị đối thoại với người dân.
II. TỔ CHỨC THỰC HIỆN
1. Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính, Sở Xây dựng và UBND các xã, phường triển khai Kế hoạch này.
2. Sở Công Thương
a) Tham mưu Ủy ban nhân dân tỉnh chỉ đạo công tác quản lý thị trường.
b) Theo dõi, đôn đốc các doanh nghiệp thực hiện.
3. Các sở, ban, ngành báo cáo kết quả về Ủy ban nhân dân tỉnh (qua Sở Y tế) trước ngày 20/12/2025.
Nơi nhận:
- Thường trực Tỉnh ủy;
- Sở Khoa học và Công nghệ;
- Lưu: VT, KGVX.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Trần Văn B
"""


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


# ------------------------------------------------------------------ bodies

needs_bodies = pytest.mark.skipif(nlp.load() is None, reason="bodies model not trained (make train)")


@needs_bodies
def test_model_is_small_and_loads_from_the_repository():
    size = sum(f.stat().st_size for f in Path(nlp.MODEL_DIR).rglob("*") if f.is_file())
    assert size < 20e6
    m = nlp.load()
    assert m is nlp.load()                      # once per process
    assert "ner" in m.pipe_names and "vanban_body_names" in m.pipe_names
    assert set(nlp.LABELS) <= set(m.get_pipe("ner").labels)


@needs_bodies
def test_model_tags_a_body_with_its_role():
    doc = nlp.load()("Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng triển khai thực hiện Kế hoạch này.")
    found = {(s.text, s.label_) for s in doc.spans["bodies"]}
    assert any(t.startswith("Sở Tài chính") for t, _ in found)
    assert all(lab in nlp.LABELS for _, lab in found)


@needs_bodies
def test_default_pipeline_uses_the_model(monkeypatch):
    from pipeline.run.process import process_text
    monkeypatch.delenv("VANBAN_BODIES", raising=False)
    calls = []
    real = nlp.predict
    monkeypatch.setattr(nlp, "predict", lambda doc, *a: calls.append(1) or real(doc, *a))
    rec = process_text("k.txt", PLAN)
    assert calls, "the model was not run"
    assert any(b["name"].startswith("Sở Y tế") and b["role"] == "lead" for b in rec["bodies"])
    assert any(b["name"] == "Sở Tài chính" and b["role"] == "coordinate" for b in rec["bodies"])


def _item(name, role, start, source, **kw):
    return {"name": name, "name_as_written": name, "role": role, "start": start, "end": start + len(name),
            "text": name, "source": source, **kw}


def test_both_drops_a_weak_object_the_model_does_not_see():
    # rules: `gửi` gave report_to to a span; the model reads no body there → the span goes
    rule = [_item("Sở Nội vụ", "report_to", 10, "object"), _item("Sở Tư pháp", "lead", 30, "subject")]
    assert [r["name"] for r in nlp.combine(rule, [], {})] == ["Sở Tư pháp"]
    seen = [{**rule[0], "source": "model", "kind": "line"}]
    assert [r["name"] for r in nlp.combine(rule, seen, {})] == ["Sở Nội vụ", "Sở Tư pháp"]


def test_both_adds_a_model_body_in_a_recipient_item_cut_by_the_grammar():
    rule = [_item("Sở Tư pháp", "lead", 30, "subject")]
    # a Nơi nhận item the rules could not read: the model's body is added, its end said by the grammar
    added = _item("Phòng Kế hoạch tài chính", "recipient", 110, "model", kind="recipient")
    # in a task line the model adds nothing (on the own gold's dev split that lowered bodies F1,
    # 0.762 -> 0.726: scripts/eval_models.py)
    line = _item("Ban Quản lý dự án", "coordinate", 150, "model", kind="line")
    names = [r["name"] for r in nlp.combine(rule, [added, line], {})]
    assert "Phòng Kế hoạch tài chính" in names and "Ban Quản lý dự án" not in names
    # a span that opens with no organization head is not a body, whatever the model says
    verb = _item("triển khai thực hiện", "recipient", 120, "model", kind="recipient")
    assert [r["name"] for r in nlp.combine(rule, [verb], {})] == ["Sở Tư pháp"]


def test_both_takes_a_whole_address_item_the_model_reads_as_one_body():
    # `- Viettel Khánh Bình;` in Nơi nhận: no head the grammar knows, but the model's span is the whole item
    rule = [_item("Sở Tư pháp", "lead", 30, "subject")]
    whole = _item("Viettel Khánh Bình", "recipient", 110, "model", kind="recipient", whole_unit=True)
    part = _item("Viettel Khánh Bình", "recipient", 140, "model", kind="recipient", whole_unit=False)
    assert [r["name"] for r in nlp.combine(rule, [whole], {})] == ["Sở Tư pháp", "Viettel Khánh Bình"]
    assert [r["name"] for r in nlp.combine(rule, [part], {})] == ["Sở Tư pháp"]
    # in a task line a whole-line span is not enough
    line = _item("Viettel Khánh Bình", "coordinate", 140, "model", kind="line", whole_unit=True)
    assert [r["name"] for r in nlp.combine(rule, [line], {})] == ["Sở Tư pháp"]


@needs_bodies
def test_both_reads_the_model_only_where_it_is_needed(monkeypatch):
    from pipeline.run.process import process_text
    monkeypatch.delenv("VANBAN_BODIES", raising=False)
    seen = []
    real = nlp.predict

    def spy(doc, needed=None):
        seen.extend(u for u in nlp.units(doc) if needed is None or needed(*u))
        return real(doc, needed)
    monkeypatch.setattr(nlp, "predict", spy)
    process_text("k.txt", PLAN)
    assert seen and len(seen) < len(nlp.units(_doc(PLAN)))


def _doc(text):
    from pipeline.extract import dates, references
    from pipeline.parse.document import Doc
    from pipeline.read.normalize import normalize
    from pipeline.parse.structure import parse
    norm = normalize(text, "txt", True)
    doc = Doc(source="k.txt", text=norm.text, structure=parse(norm.text))
    doc.found["references"] = references.find(doc)
    doc.found["dates"] = dates.find(doc)
    return doc


# ------------------------------------------------------------------ targets

needs_targets = pytest.mark.skipif(tm.load() is None, reason="targets model not trained (make train)")


def test_target_candidates_leave_out_dates_labels_and_years():
    cands = tm.candidates(_doc(PLAN))
    raws = [c["raw"] for c in cands]
    assert "95" in raws and "02" in raws
    assert "2025" not in raws and "20" not in raws      # a year; a deadline's day (a date)
    assert all(not c["line"].startswith(c["raw"] + ".") for c in cands)   # section labels


def test_target_unit_and_comparator_come_from_the_words_around_the_number():
    line = "Phấn đấu đến hết năm 2025 có ít nhất 95% hồ sơ được giải quyết đúng hạn."
    c = {"raw": "95", "value": 95, "at": line.index("95%"), "table": False, "line": line}
    assert tm.unit_of(c) == ("%", 1) and tm.comparator_of(c) == ">="
    assert tm.subject_of(c).startswith("hồ sơ được giải quyết")
    line = "2 | Máy tính để bàn | Bộ | 12 | 2.400.000 | 28.800.000"
    row = {"raw": "2.400.000", "value": 2400000, "at": line.index("2.4"), "table": True, "line": line}
    assert tm.unit_of(row)[0] == "VND" and tm.subject_of(row) == "Máy tính để bàn"


@needs_targets
def test_targets_model_is_small_and_loads_once():
    size = sum(f.stat().st_size for f in tm.MODEL_DIR.iterdir() if f.is_file())
    assert size < 5e6
    assert tm.load() is tm.load()
    assert 0 < tm.load()["threshold"] <= tm.load()["threshold_both"] < 1


@needs_targets
def test_targets_modes(monkeypatch):
    from pipeline.extract import targets
    doc = _doc(PLAN)
    monkeypatch.setenv("VANBAN_TARGETS", "rules")
    rules = targets.find(doc)
    monkeypatch.setenv("VANBAN_TARGETS", "both")
    both = targets.find(doc)
    monkeypatch.setenv("VANBAN_TARGETS", "model")
    model = targets.find(doc)
    assert rules == both[:len(rules)]                 # both keeps every rule target
    assert all("confidence" in t for t in model)
    assert all(0 <= t["start"] < t["end"] <= len(doc.text) for t in both + model)


# ------------------------------------------------------------------ manifest

def test_manifest_lists_the_training_data_and_the_shipped_files():
    m = json.loads(MANIFEST.read_text(encoding="utf-8"))
    for name in ("bodies", "targets"):
        assert m[name]["data"], f"{name}: no training data listed"
        for path, info in m[name]["data"].items():
            p = ROOT / path
            assert p.is_file() and p.is_relative_to(ROOT / "corpus" / "annotations")
            assert _sha(p) == info["sha256"], f"{path} changed since the {name} model was trained (make train)"
        for path, digest in m[name]["model"].items():
            assert _sha(ROOT / path) == digest, f"{path} is not what make train wrote"
