"""The published record schema: shipped files are current, real records pass, broken ones fail.

`build_sample_run` (used by the API and export tests too) runs the real
pipeline over two small documents written here and one unreadable file.
"""
from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import fixtures
import jsonschema
import pytest
from pydantic import ValidationError

from pipeline import schema
from pipeline.model import SCHEMA_VERSION
from click.testing import CliRunner

from pipeline.apps.cli import main
from pipeline.run.process import process_file
from pipeline.store.dataset import read_jsonl

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SHIPPED = ROOT / "schema" / "document.schema.json"

PLAN = """ỦY BAN NHÂN DÂN
TỈNH LÂM ĐỒNG
Số: 12/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lâm Đồng, ngày 05 tháng 01 năm 2025
KẾ HOẠCH
Cải cách hành chính năm 2025
Căn cứ Quyết định số 1291/QĐ-UBND ngày 20 tháng 12 năm 2024 của Ủy ban nhân dân tỉnh về cải cách hành chính;
Ủy ban nhân dân tỉnh ban hành Kế hoạch cải cách hành chính năm 2025 như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nâng cao hiệu quả cải cách hành chính, phấn đấu 100% thủ tục hành chính được công khai.
2. Yêu cầu
Các cơ quan, đơn vị triển khai nghiêm túc, hiệu quả.
II. NHIỆM VỤ
1. Cải cách thể chế
Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ rà soát văn bản quy phạm pháp luật trước ngày 30/6/2025.
2. Cải cách thủ tục hành chính
Sở Nội vụ giám sát, đôn đốc các đơn vị triển khai, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12/2025.
III. TỔ CHỨC THỰC HIỆN
Sở Nội vụ tham mưu Ủy ban nhân dân tỉnh tổng hợp kết quả thực hiện.
Nơi nhận:
- Sở Nội vụ;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn An
"""

DECISION = """ỦY BAN NHÂN DÂN
TỈNH LÂM ĐỒNG
Số: 45/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lâm Đồng, ngày 10 tháng 02 năm 2025
QUYẾT ĐỊNH
Về việc thành lập Tổ công tác cải cách hành chính
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Căn cứ Kế hoạch số 12/KH-UBND ngày 05 tháng 01 năm 2025 của Ủy ban nhân dân tỉnh về cải cách hành chính năm 2025;
Theo đề nghị của Giám đốc Sở Nội vụ.
QUYẾT ĐỊNH:
Điều 1. Thành lập Tổ công tác cải cách hành chính của tỉnh.
Điều 2. Nhiệm vụ của Tổ công tác
1. Giúp Chủ tịch Ủy ban nhân dân tỉnh theo dõi việc thực hiện kế hoạch.
2. Sở Nội vụ chủ trì tổng hợp, báo cáo định kỳ hằng quý.
Điều 3. Quyết định này có hiệu lực kể từ ngày ký.
Nơi nhận:
- Như Điều 3;
- Lưu: VT.
CHỦ TỊCH
Trần Văn Bình
"""

PLAN_SOURCE = "in/kh-12.txt"
DECISION_SOURCE = "in/qd-45.txt"
BROKEN_SOURCE = "in/broken.pdf"
DOCX_SOURCE = "in/qd-1441.docx"


def build_sample_run(out: Path) -> Path:
    """`vanban run` over the two texts above, a DOCX Quyết định and an unreadable PDF, into `out`."""
    inp = out.parent / "in"
    inp.mkdir(parents=True, exist_ok=True)
    (inp / "kh-12.txt").write_text(PLAN, encoding="utf-8")
    (inp / "qd-45.txt").write_text(DECISION, encoding="utf-8")
    (inp / "broken.pdf").write_bytes(b"%PDF-1.4\nthis is not a pdf at all\n")
    fixtures.to_docx(fixtures.state_decision(), inp / "qd-1441.docx")   # a real two-column DOCX
    res = CliRunner().invoke(main, ["run", str(inp), "--out", str(out), "--workers", "1", "--quiet"])
    assert res.exit_code == 1, res.output   # exit code 1: one file (broken.pdf) failed
    return out


@pytest.fixture(scope="module")
def sample_records(tmp_path_factory) -> list[dict]:
    out = build_sample_run(tmp_path_factory.mktemp("schema") / "out")
    return list(read_jsonl(out / "documents.jsonl"))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(shipped)
    return jsonschema.Draft202012Validator(shipped, format_checker=jsonschema.FormatChecker())


def errors_of(validator, rec: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(rec)]


def test_shipped_files_are_generated_from_the_models():
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_schema", ROOT / "scripts" / "gen_schema.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    assert gen.main(["--check"]) == 0, "schema/ is stale: run scripts/gen_schema.py and note it in schema/CHANGELOG.md"
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    assert shipped["version"] == SCHEMA_VERSION
    assert SCHEMA_VERSION in shipped["properties"]["schema_version"]["enum"]


def test_changelog_lists_the_current_version():
    changelog = (ROOT / "schema" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {SCHEMA_VERSION}" in changelog


def test_pipeline_records_validate(sample_records, validator):
    assert {r["status"] for r in sample_records} == {"ok", "error"}
    for rec in sample_records:
        assert rec["schema_version"] == SCHEMA_VERSION
        assert errors_of(validator, rec) == [], rec["source"]
        schema.validate(rec)
    plan = next(r for r in sample_records if r["source"] == PLAN_SOURCE)
    # the sample is rich enough to exercise every list of the record
    assert all(plan[f] for f in ("sections", "references", "bodies", "dates", "targets"))


def _mutations():
    """(name, change) pairs, each breaking one rule of DATASET.md."""
    def setter(path, value):
        def apply(rec):
            node = rec
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = value
        return apply

    def deleter(key):
        return lambda rec: rec.pop(key)

    return [
        ("missing source", deleter("source")),
        ("unknown status", setter(["status"], "maybe")),
        ("wrong schema version", setter(["schema_version"], "0.9")),
        ("empty string instead of null", setter(["metadata", "issuer"], "")),
        ("date not ISO", setter(["metadata", "issued_date"], "05/01/2025")),
        ("type outside the closed list", setter(["metadata", "doc_type"], "Thư")),
        ("unknown top-level field", setter(["extra_field"], 1)),
        ("relation outside the list", setter(["references", 0, "relation"], "cites")),
        ("role outside the list", setter(["bodies", 0, "role"], "boss")),
        ("date value not normalized", setter(["dates", 0, "value"], "next week")),
        ("target value as a string", setter(["targets", 0, "value"], "100")),
        ("comparator outside the list", setter(["targets", 0, "comparator"], "~")),
        ("negative offset", setter(["bodies", 0, "start"], -1)),
        ("section level zero", setter(["sections", 0, "level"], 0)),
        ("error record without error", lambda r: r.update(status="error")),
        ("ok record with an error", lambda r: r.update(error={"code": "x", "message": "y"})),
        ("sha256 not hex", setter(["sha256"], "xyz")),
    ]


@pytest.mark.parametrize("name,change", _mutations(), ids=[m[0] for m in _mutations()])
def test_a_broken_record_fails(sample_records, validator, name, change):
    rec = copy.deepcopy(next(r for r in sample_records if r["source"] == PLAN_SOURCE))
    change(rec)
    assert errors_of(validator, rec), f"JSON Schema accepted: {name}"
    with pytest.raises(ValidationError):
        schema.validate(rec)


def test_what_json_schema_cannot_say_the_model_checks(sample_records, validator):
    plan = next(r for r in sample_records if r["source"] == PLAN_SOURCE)
    outside = copy.deepcopy(plan)
    outside["targets"][0]["end"] = len(plan["text"]) + 5
    with pytest.raises(ValidationError, match="outside the text"):
        schema.validate(outside)
    unknown_section = copy.deepcopy(plan)
    unknown_section["bodies"][0]["section"] = "IX/9"
    with pytest.raises(ValidationError, match="not a section"):
        schema.validate(unknown_section)


def test_documented_extras_are_accepted(sample_records, validator):
    rec = copy.deepcopy(next(r for r in sample_records if r["source"] == PLAN_SOURCE))
    rec["pages"] = 2
    rec["page_starts"] = [0, len(rec["text"]) // 2]
    rec["ocr"] = {"pages": [{"page": 1, "confidence": 91.5}]}
    rec["metadata"]["year_hint"] = 2025
    rec["bodies"][0]["confidence"] = 0.8          # an extractor's own attribute on an item
    rec["references"][0]["title"] = "Quyết định về cải cách hành chính"
    assert errors_of(validator, rec) == []
    schema.validate(rec)


def test_an_unreadable_file_gives_a_valid_error_record(tmp_path, validator):
    bad = tmp_path / "empty.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    rec = process_file(bad, "x/empty.docx")
    assert rec["status"] == "error"
    assert errors_of(validator, rec) == []
    schema.validate(rec)


@pytest.mark.skipif(not (SHARED / "corpus" / "dev").is_dir(), reason="../shared/corpus/dev is absent")
def test_real_documents_validate(validator):
    """A spread of the dev corpus (every 12th file, all formats) and the seeds, through the real pipeline."""
    files = sorted(p for p in (SHARED / "corpus" / "dev").iterdir() if p.is_file())[::12]
    files += sorted(p for p in (SHARED / "seeds").iterdir() if p.is_file())
    assert len(files) >= 10
    for path in files:
        rec = process_file(path, f"dev/{path.name}")
        assert errors_of(validator, rec) == [], path.name
        schema.validate(rec)


def dev_run() -> Path | None:
    """An existing run of the dev corpus: VANBAN_DEV_RUN, else out/dev (written by `make eval`)."""
    for candidate in (os.environ.get("VANBAN_DEV_RUN"), ROOT / "out" / "dev"):
        if candidate and (Path(candidate) / "documents.jsonl").is_file():
            return Path(candidate)
    return None


@pytest.mark.skipif(dev_run() is None, reason="no dev run: `make eval` writes out/dev, or set VANBAN_DEV_RUN")
def test_every_line_of_the_dev_run_validates(validator):
    failures = {}
    lines = 0
    for rec in read_jsonl(dev_run() / "documents.jsonl"):
        lines += 1
        errors = errors_of(validator, rec)
        if not errors:
            try:
                schema.validate(rec)
            except ValidationError as exc:
                errors = [str(exc)]
        if errors:
            failures[rec.get("source")] = errors[:3]
    assert lines > 0
    assert failures == {}, f"{len(failures)}/{lines} records break the schema, e.g. {list(failures.items())[:3]}"


def test_an_extractor_that_raises_leaves_the_rest_of_the_record(tmp_path, validator, monkeypatch):
    # a bug met on one document's odd line costs that document one field, said in `failed`, not the whole record
    from pipeline.extract import REGISTRY
    from pipeline.run.jobs import pack
    from pipeline.run.process import process_file
    from pipeline.schema import DocumentRecord

    def broken(doc):
        raise IndexError("list index out of range")

    import dataclasses
    monkeypatch.setitem(REGISTRY, "bodies", dataclasses.replace(REGISTRY["bodies"], find=broken))
    path = tmp_path / "kh.txt"
    path.write_text("ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG\nSố: 45/KH-UBND\nHà Giang, ngày 12 tháng 3 năm 2025\nKẾ HOẠCH\n"
                    "Kiểm tra năm 2025\nI. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế chủ trì, báo cáo trước ngày 30/11/2025.\n",
                    encoding="utf-8")
    rec = process_file(path)
    assert rec["status"] == "ok" and rec["error"] is None
    assert rec["failed"] == [{"stage": "bodies", "error": "IndexError: list index out of range"}]
    assert rec["bodies"] == [] and "2025-11-30" in [d["value"] for d in rec["dates"]]
    assert rec["metadata"]["identifier"] == "45/KH-UBND" and [s["path"] for s in rec["sections"]] == ["I", "I/1"]
    assert not errors_of(validator, json.loads(json.dumps(rec)))
    DocumentRecord.model_validate(rec)
    assert pack(rec).error_code == "extractor_failed"
