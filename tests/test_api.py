"""`vanban serve`: a real server over loopback on a real run, fuzzed from its own OpenAPI description."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from test_schema import DECISION_SOURCE, DOCX_SOURCE, PLAN_SOURCE, build_sample_run

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from load_test import report, run_load, serving  # noqa: E402

from pipeline.apps import api
from pipeline.schema import DocumentRecord
from pipeline.store.dataset import read_jsonl


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory) -> Path:
    return build_sample_run(tmp_path_factory.mktemp("api") / "out")


@pytest.fixture(scope="module")
def records(run_dir) -> dict[str, dict]:
    return {r["source"]: r for r in read_jsonl(run_dir / "documents.jsonl")}


@pytest.fixture(scope="module")
def server(run_dir):
    with serving(run_dir) as url:
        yield url


@pytest.fixture(scope="module")
def http(server):
    with httpx.Client(base_url=server, timeout=30) as client:
        yield client


def test_serve_binds_to_loopback_by_default():
    from pipeline.apps.cli import main

    params = {p.name: p for p in main.commands["serve"].params}
    assert params["host"].default == "127.0.0.1"


def test_openapi_is_served_and_shipped(http):
    served = http.get("/openapi.json").json()
    shipped = json.loads((ROOT / "schema" / "openapi.json").read_text(encoding="utf-8"))
    assert served == shipped
    assert {"/documents", "/documents/{source}", "/cites/{source}", "/cited-by/{source}", "/references",
            "/bodies", "/tasks", "/targets", "/errors"} <= set(served["paths"])


def test_filters_and_pagination(http, records):
    everything = http.get("/documents", params={"limit": 500}).json()
    assert everything["total"] == len(records) == len(everything["items"])
    plans = http.get("/documents", params={"doc_type": "Kế hoạch"}).json()
    assert [d["source"] for d in plans["items"]] == [PLAN_SOURCE]
    by_id = http.get("/documents", params={"identifier": "12/kh-ubnd"}).json()   # any case
    assert [d["source"] for d in by_id["items"]] == [PLAN_SOURCE]
    by_issuer = http.get("/documents", params={"issuer": "lâm đồng"}).json()
    assert {d["source"] for d in by_issuer["items"]} == {PLAN_SOURCE, DECISION_SOURCE, DOCX_SOURCE}
    feb = http.get("/documents", params={"date_from": "2025-02-01", "date_to": "2025-02-28"}).json()
    assert [d["source"] for d in feb["items"]] == [DECISION_SOURCE]
    inverted = http.get("/documents", params={"date_from": "2025-03-01", "date_to": "2025-01-01"}).json()
    assert inverted["total"] == 0
    pages = [http.get("/documents", params={"limit": 1, "offset": i}).json() for i in range(len(records) + 1)]
    assert [p["items"][0]["source"] for p in pages[:-1]] == sorted(records)
    assert pages[-1]["items"] == [] and pages[-1]["total"] == len(records)


def test_document_with_sections_and_extractions(http, records):
    got = http.get(f"/documents/{quote(PLAN_SOURCE)}", params={"text": "true"}).json()
    rec = records[PLAN_SOURCE]
    assert got["metadata"] == rec["metadata"]
    assert got["text"] == rec["text"]
    for field in ("sections", "references", "bodies", "dates", "targets"):
        assert [(i["start"], i["end"]) for i in got[field]] == sorted((i["start"], i["end"]) for i in rec[field])
    # the view is a valid record once its graph fields are set aside
    DocumentRecord.model_validate({k: v for k, v in got.items() if k not in ("cites", "cited_by")}
                                  | {"pages": rec.get("pages"), "ocr": rec.get("ocr")})
    assert http.get(f"/documents/{quote(PLAN_SOURCE)}").json()["text"] is None


def test_cites_and_cited_by_resolve_documents_of_the_run(http):
    cited_by = http.get(f"/cited-by/{quote(PLAN_SOURCE)}").json()["items"]
    assert [(c["source"], c["relation"]) for c in cited_by] == [(DECISION_SOURCE, "basis")]
    cites = http.get(f"/cites/{quote(DECISION_SOURCE)}").json()["items"]
    resolved = {c["identifier"]: c["target_source"] for c in cites}
    assert resolved["12/KH-UBND"] == PLAN_SOURCE
    assert any(c["target_source"] is None and c["doc_type"] == "Luật" for c in cites)   # outside the run
    detail = http.get(f"/documents/{quote(PLAN_SOURCE)}").json()
    assert [c["source"] for c in detail["cited_by"]] == [DECISION_SOURCE]
    refs = http.get("/references", params={"resolved": "true"}).json()["items"]
    assert [(r["source"], r["target_source"]) for r in refs] == [(DECISION_SOURCE, PLAN_SOURCE)]


def test_bodies_and_their_tasks(http, records):
    mentions = [(b["name"], src) for src, r in records.items() for b in r["bodies"]]
    bodies = http.get("/bodies", params={"limit": 500}).json()
    assert bodies["total"] == len({n for n, _ in mentions})
    for b in bodies["items"]:
        assert b["mentions"] == sum(n == b["name"] for n, _ in mentions)
        assert b["documents"] == len({src for n, src in mentions if n == b["name"]})
    # a run writes a `tasks` table: a body's tasks are the sections that name it as lead or coordinator
    rec = records[PLAN_SOURCE]
    from pipeline.extract.tasks import task_rows

    rows = task_rows(rec)
    named = [n for r in rows for n in r["lead"] + r["coordinate"]]
    if not named:
        pytest.skip("the sample plan assigns no task")
    name = named[0]
    tasks = http.get("/tasks", params={"body": name.upper(), "source": PLAN_SOURCE}).json()["items"]
    expected = [r for r in rows if name in r["lead"] + r["coordinate"]]
    assert sorted((t["section"], t["start"], t["role"]) for t in tasks) == sorted(
        (r["section"], r["start"], role) for r in expected for role in ("lead", "coordinate") if name in r[role])
    assert all(t["role"] in ("lead", "coordinate") and t["task"] for t in tasks)


def test_targets_dates_and_errors(http):
    targets = http.get("/targets", params={"unit": "%"}).json()["items"]
    assert [(t["value"], t["source"]) for t in targets] == [(100.0, PLAN_SOURCE)]
    deadlines = http.get("/dates", params={"kind": "deadline", "value": "2025-06"}).json()["items"]
    assert [d["value"] for d in deadlines] == ["2025-06-30"]
    errors = http.get("/errors").json()["items"]
    assert len(errors) == 1 and errors[0]["source"].endswith("broken.pdf") and errors[0]["error"]["code"]


@pytest.mark.parametrize("path,params,names", [
    ("/documents", {"limit": 0}, "limit"),
    ("/documents", {"limit": 100000}, "limit"),
    ("/documents", {"offset": -1}, "offset"),
    ("/documents", {"doc_type": "Thư"}, "doc_type"),
    ("/documents", {"date_from": "0"}, "date_from"),
    ("/documents", {"date_to": "2025-02-30"}, "date_to"),
    ("/documents", {"year": "năm nay"}, "year"),
    ("/documents", {"issuer": "a\x00b"}, "issuer"),
    ("/references", {"relation": "cites"}, "relation"),
    ("/tasks", {}, "body"),
])
def test_bad_parameters_get_a_4xx_naming_them(http, path, params, names):
    r = http.get(path, params=params)
    assert r.status_code == 422
    assert any(err["loc"][-1] == names for err in r.json()["detail"]), r.text


def test_unknown_documents_are_404(http):
    for path in ("/documents/no/such.pdf", "/cites/no/such.pdf", "/cited-by/no/such.pdf"):
        r = http.get(path)
        assert r.status_code == 404 and "no/such.pdf" in r.json()["detail"]


def test_request_strings_never_reach_sql(http, records):
    for attack in ("' OR 1=1 --", "x'); DROP TABLE documents; --", "%", "_"):
        assert http.get("/documents", params={"identifier": attack}).json()["total"] == 0
        assert http.get("/documents", params={"issuer": attack}).json()["total"] == 0
    assert http.get(f"/documents/{quote(chr(39) + ' OR 1=1 --')}").status_code == 404
    assert http.get("/documents").json()["total"] == len(records)


def test_graph_tables_are_used_when_present(run_dir, tmp_path):
    """With the graph stage's tables in the file, cites and cited-by come from them."""
    from pipeline.apps.graph import write_graph

    out = tmp_path / "out"
    shutil.copytree(run_dir, out)
    write_graph(out)
    db = api.Database(api.locate_db(out))
    cur = db.cursor()
    try:
        assert db.has_graph
        cited_by = api.citations(cur, PLAN_SOURCE, "cited_by")["items"]
        assert [c["source"] for c in cited_by] == [DECISION_SOURCE]
        edges = cur.execute("SELECT count(*) FROM graph_edges WHERE source = ?", [DECISION_SOURCE]).fetchone()[0]
        cites = api.citations(cur, DECISION_SOURCE, "cites")["items"]
        assert sum(c["mentions"] for c in cites) == edges
    finally:
        cur.close()
        db.close()


def test_fuzzing_from_the_openapi_description_finds_no_5xx_and_no_schema_violation(server, records):
    """Schemathesis generates valid and invalid requests for every operation of the served description."""
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from schemathesis.generation import GenerationMode

    schema = schemathesis.openapi.from_url(server + "/openapi.json")
    operations = [r.ok() for r in schema.get_all_operations()]
    assert len(operations) >= 10
    for op in operations:
        has_parameters = any(True for _ in op.iter_parameters())
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)[:2 if has_parameters else 1]:
            @settings(max_examples=8, deadline=None, database=None, derandomize=True,
                      suppress_health_check=list(HealthCheck))
            @given(case=op.as_strategy(generation_mode=mode))
            def check(case):
                case.call_and_validate(base_url=server)

            check()
        if "source" in op.path_parameters:   # real documents too, not only 404s
            for source in records:
                op.Case(path_parameters={"source": source}).call_and_validate(base_url=server)


def test_concurrent_load_gives_no_error(server, capsys):
    res = run_load(server, requests=400, clients=20)
    with capsys.disabled():
        print("\n  load:", report(res))
    assert res["errors"] == 0, res["failures"]
    assert res["requests"] == 400


def test_tasks_come_from_the_runs_tasks_table(run_dir, records, tmp_path):
    """The `tasks` table every run writes (pipeline.extract.tasks) gives a body's tasks."""
    from pipeline.extract.tasks import task_rows

    out = run_dir
    rows = [row for rec in records.values() if rec["status"] == "ok" for row in task_rows(rec)]
    db = api.Database(api.locate_db(out))
    cur = db.cursor()
    try:
        with_lead = [r for r in rows if r["lead"]]
        if not with_lead:
            pytest.skip("pipeline.extract.tasks found no task with a lead in the sample")
        name = with_lead[0]["lead"][0]
        # one item per (task, role) naming the body, in any case
        expected = [r for r in rows for role in ("lead", "coordinate")
                    if name.lower() in [n.lower() for n in r[role]]]
        page = api.body_tasks(cur, db, name.upper(), None, None, 50, 0)
        assert page["total"] == len(expected)
        got = [api.Task.model_validate(t) for t in page["items"]]
        assert {(t.source, t.start, t.task, t.due) for t in got} == \
            {(r["source"], r["start"], r["text"], r["due"]) for r in expected}
        assert api.body_tasks(cur, db, name, "monitor", None, 50, 0)["total"] == 0
    finally:
        cur.close()
        db.close()


def test_docs_page_works_offline_in_chromium(server, http):
    """`/docs` loads Swagger UI from the package's own files (no CDN): every request of the page goes
    to the server itself, and the operations render, in a Chromium that has no network but loopback."""
    import re
    import shutil
    import tempfile

    page = http.get("/docs")
    assert page.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert assets and all(a.startswith("/") for a in assets), assets
    for a in assets:
        assert http.get(a).status_code == 200, a
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not driver:
        pytest.skip("Debian `chromium` and `chromium-driver` are not installed")
    profile = tempfile.mkdtemp(prefix="vanban-docs-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
                # no network: every host but the loopback server resolves nowhere
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--proxy-server=http://0.0.0.0:9",
                "--proxy-bypass-list=127.0.0.1"):
        options.add_argument(arg)
    drv = webdriver.Chrome(service=Service(driver), options=options)
    try:
        drv.get(server + "/docs")
        WebDriverWait(drv, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".swagger-ui .opblock"))
        assert len(drv.find_elements(By.CSS_SELECTOR, ".swagger-ui .opblock")) >= 10
        names = drv.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        assert names and all(n.startswith(server) for n in names), names
    finally:
        drv.quit()
        shutil.rmtree(profile, ignore_errors=True)
