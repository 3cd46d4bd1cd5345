"""The review site (`vanban report`): built from a real run over `corpus/`, read back as HTML,
and clicked through in a real headless Chromium.

Why: the site is how people check what the pipeline extracted, so it must show every span
where the record says it is, link the index, the graph and the documents together, and work
from disk with no network. Screenshots of each page type land in `tests/artifacts/`.
"""
from __future__ import annotations

import functools
import http.server
import shutil
import tempfile
import threading
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from pipeline.apps.cli import main
from pipeline.run.process import process_text
from pipeline.apps.report import Span, build_report, highlight, page_name
from pipeline.store.dataset import read_jsonl, write_dataset

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
KINDS = {"references": "ref", "bodies": "body", "dates": "date", "targets": "target"}

SCAN_TEXT = ("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG\nKẾ HOẠCH\nTriển khai Quyết định số 1441/QĐ-UBND ngày 25/9/2025\n"
             "1. Sở Nội vụ chủ trì, phối hợp với các sở, ngành hoàn thành trước ngày 30/11/2025.\n"
             "2. Phấn đấu 95% hồ sơ được giải quyết đúng hạn.\n")


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory) -> Path:
    """`vanban run` over corpus/ plus one unreadable file, so the errors page has something."""
    broken = tmp_path_factory.mktemp("broken")
    (broken / "hong.docx").write_bytes(b"PK\x03\x04 this is not a zip archive")
    out = tmp_path_factory.mktemp("run")
    result = CliRunner().invoke(main, ["run", str(ROOT / "corpus"), str(broken), "--out", str(out),
                                       "--workers", "1", "--quiet"])
    assert result.exit_code == 1, result.output   # 1: some files failed (hong.docx)
    return out


@pytest.fixture(scope="module")
def site(run_dir) -> Path:
    result = CliRunner().invoke(main, ["report", str(run_dir)])
    assert result.exit_code == 0, result.output
    assert "vanban report:" in result.output
    return run_dir / "report"


@pytest.fixture(scope="module")
def records(run_dir) -> list[dict]:
    return list(read_jsonl(run_dir / "documents.jsonl"))


@pytest.fixture(scope="module")
def ocr_site(tmp_path_factory) -> tuple[Path, dict]:
    """A run holding one OCR'd record with two low-confidence stretches (and one malformed entry)."""
    rec = process_text("scans/quet-01.png", SCAN_TEXT, "png", wrapped=True)
    low1 = rec["text"].index("Sở Nội vụ")
    low2 = rec["text"].index("95%")
    rec["ocr"] = {"pages": [{"page": 1, "confidence": 71.5}],
                  "low_confidence": [[low1, low1 + 9, 41.0], [low2, low2 + 3, 55.5], ["x", None]]}
    out = tmp_path_factory.mktemp("ocr-run")
    write_dataset([rec], out)
    build_report(out)
    return out / "report", rec


def parse(path: Path):
    return lxml.html.fromstring(path.read_bytes())


def cls(*names: str) -> str:
    """An XPath test for elements carrying every one of the CSS classes."""
    return " and ".join(f"contains(concat(' ', normalize-space(@class), ' '), ' {n} ')" for n in names)


# --- the site as files ----------------------------------------------------------

def test_page_names_are_ascii_and_distinct():
    names = {page_name(s) for s in ("dev/a b.docx", "dev/a-b.docx", "dev/Quyết định 12.pdf", "x/" + "y" * 300)}
    assert len(names) == 4
    assert all(n.isascii() and n.endswith(".html") and "/" not in n and len(n) < 100 for n in names)


def test_highlight_keeps_the_text_and_splits_overlaps():
    text = "Căn cứ <Quyết định> số 12/QĐ-UBND & ngày 05/01/2021 của UBND."
    ref = Span("ref", "ref-0", text.index("Quyết"), text.index(" ngày"), "basis", "Quyết định 12/QĐ-UBND")
    date = Span("date", "date-0", text.index("ngày"), text.index(" của"), "event", "2021-01-05")
    body = Span("body", "body-0", text.index("12/QĐ"), text.index(" &"), "lead", "UBND")  # inside ref
    html = highlight(text, [ref, date, body], {0: ["sec-0"], len(text): ["end"]})
    root = lxml.html.fragment_fromstring(f"<div>{html}</div>")
    assert root.text_content() == text                          # nothing added, escaped, or lost
    assert root.get_element_by_id("ref-0").text_content().startswith("Quyết định> số")
    for span in (ref, date, body):
        pieces = root.xpath(f'.//mark[@data-span="{span.ident}"]')
        assert "".join(m.text_content() for m in pieces) == text[span.start:span.end]
    assert [m.get("data-label") for m in root.xpath(f".//mark[{cls('last')}]")] == ["lead", "basis", "event"]
    assert root.xpath('.//mark[@data-span="ref-0"]/mark[@data-span="body-0"]')  # nested, not crossed
    assert {a.get("id") for a in root.xpath(f".//span[{cls('anchor')}]")} == {"sec-0", "end"}


def test_index_lists_every_document_with_counts(site, records):
    index = parse(site / "index.html")
    rows = index.xpath('//table[@id="docs"]/tbody/tr')
    assert len(rows) == len(records) >= 5
    by_source = {r.xpath(f".//a[{cls('doc-link')}]")[0].text_content(): r for r in rows}
    for rec in records:
        cells = [c.text_content().strip() for c in by_source[rec["source"]].xpath("./td")]
        assert cells[6:11] == [str(len(rec[f])) for f in ("sections", *KINDS)]
        href = by_source[rec["source"]].xpath(f".//a[{cls('doc-link')}]")[0].get("href")
        assert (site / href).is_file()


def test_every_span_is_highlighted_on_its_document_page(site, records):
    checked = 0
    for rec in records:
        page = parse(site / "docs" / page_name(rec["source"]))
        article = page.get_element_by_id("doctext")
        assert article.text_content() == rec["text"]
        for field, kind in KINDS.items():
            for i, item in enumerate(rec[field]):
                pieces = article.xpath(f'.//mark[@data-span="{kind}-{i}"]')
                assert "".join(m.text_content() for m in pieces) == rec["text"][item["start"]:item["end"]]
                assert (len(pieces) > 0) == (item["end"] > item["start"]), (rec["source"], kind, i)
                checked += 1
            assert len(article.xpath(f".//mark[{cls('k-' + kind, 'first')}]")) == sum(it["end"] > it["start"] for it in rec[field])
        assert len(page.xpath('//aside[@id="outline"]/ol/li')) == len(rec["sections"])
        for field, kind in KINDS.items():
            links = page.xpath(f'//table[@id="t-{kind}"]/tbody//a')
            assert [a.get("href") for a in links] == [f"#{kind}-{i}" for i in range(len(rec[field]))]
    assert checked > 100


def test_errors_page_and_offline_site(site, records):
    broken = [r for r in records if r["source"].endswith("/hong.docx")]
    assert len(broken) == 1 and broken[0]["status"] == "error"
    rows = parse(site / "errors.html").xpath('//table[@id="errors"]/tbody/tr')
    assert len(rows) == sum(r["status"] == "error" for r in records)
    row = next(r for r in rows if "hong.docx" in r.text_content())
    assert broken[0]["error"]["code"] in row.text_content() and broken[0]["error"]["message"] in row.text_content()
    for page in [site / "index.html", site / "graph.html", site / "errors.html", *(site / "docs").iterdir()]:
        html = page.read_text(encoding="utf-8")
        assert '<meta charset="utf-8">' in html
        tree = lxml.html.fromstring(html)
        for ref in tree.xpath("//link/@href | //script/@src"):
            assert "://" not in ref and (page.parent / ref).resolve().is_file(), (page, ref)


def test_graph_page_links_documents_and_marks_missing(site, records):
    graph = parse(site / "graph.html")
    docs = graph.xpath(f"//*[@id='graph']//a[{cls('node', 'doc')}]")
    missing = graph.xpath(f"//*[@id='graph']//g[{cls('node', 'missing')}]")
    assert docs and missing
    assert all((site / a.get("href")).is_file() for a in docs)
    cited = {ref["identifier"] for rec in records for ref in rec["references"] if ref["identifier"]}
    assert any(any(i in g.get("data-label") for i in cited) for g in missing)
    assert len(graph.xpath(f"//*[@id='graph']//line[{cls('edge')}]")) >= 1


def test_low_confidence_ocr_spans_are_marked(ocr_site):
    site, rec = ocr_site
    page = parse(site / "docs" / page_name(rec["source"]))
    marks = page.xpath(f"//*[@id='doctext']//mark[{cls('k-ocr')}]")
    assert [m.text_content() for m in marks] == ["Sở Nội vụ", "95%"]
    assert "41" in marks[0].get("title") and "55.5" in marks[1].get("title")
    assert "2 low-confidence spans" in page.xpath(f"//*[{cls('ocr-info')}]")[0].text_content()


def test_rebuild_replaces_the_site_and_missing_run_is_an_error(tmp_path, run_dir):
    site = tmp_path / "site"
    build_report(run_dir, site)
    (site / "stale.html").write_text("old")
    build_report(run_dir, site)
    assert not (site / "stale.html").exists() and (site / "index.html").is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    result = CliRunner().invoke(main, ["report", str(tmp_path / "nothing")])
    assert result.exit_code != 0 and "documents.jsonl" in result.output


def test_refuses_to_replace_the_run_or_a_foreign_folder(tmp_path, run_dir):
    keep = tmp_path / "notes"
    keep.mkdir()
    (keep / "mine.txt").write_text("do not delete")
    for target in (run_dir, run_dir.parent, keep):
        result = CliRunner().invoke(main, ["report", str(run_dir), "--out", str(target)])
        assert result.exit_code != 0, target
    assert (keep / "mine.txt").read_text() == "do not delete"
    assert (run_dir / "documents.jsonl").is_file()


# --- the site in a real browser ---------------------------------------------------

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    from selenium.webdriver.chrome.service import Service

    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not driver:
        pytest.skip("Debian `chromium` and `chromium-driver` are not installed")
    profile = tempfile.mkdtemp(prefix="vanban-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                "--window-size=1500,950", "--lang=vi"):
        options.add_argument(arg)
    drv = webdriver.Chrome(service=Service(driver), options=options)
    drv.set_page_load_timeout(30)
    try:
        yield drv
    finally:
        drv.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def serve(tmp_path_factory):
    """A loopback web server over the test's temporary folders: `serve(path)` is its URL."""
    root = tmp_path_factory.getbasetemp()
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield lambda path: f"http://127.0.0.1:{server.server_port}/{path.relative_to(root).as_posix()}"
    finally:
        server.shutdown()
        server.server_close()


def _shot(drv, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"report-{name}.png"
    drv.save_screenshot(str(path))
    assert path.stat().st_size > 10_000
    return path


def _only_local_requests(drv, base: str):
    names = drv.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert names and all(n.startswith(base) for n in names), names


def _check_doc_page(drv, rec: dict):
    from selenium.webdriver.common.by import By

    assert drv.find_element(By.ID, "doctext").text.replace("\n", "")[:40] == rec["text"].replace("\n", "")[:40]
    for field, kind in KINDS.items():
        marks = drv.find_elements(By.CSS_SELECTOR, f"#doctext mark.k-{kind}.first")
        assert len(marks) == len(rec[field])
        if marks:
            colour = drv.execute_script("return getComputedStyle(arguments[0]).backgroundColor", marks[0])
            assert colour not in ("rgba(0, 0, 0, 0)", "transparent"), (kind, colour)


def test_click_through_the_site_in_chromium(browser, serve, site, records):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    drv, base = browser, serve(site) + "/"
    by_source = {r["source"]: r for r in records}
    drv.get(base + "index.html")
    assert drv.execute_script("return document.characterSet") == "UTF-8"
    rows = drv.find_elements(By.CSS_SELECTOR, "#docs tbody tr")
    assert len(rows) == len(records)
    _only_local_requests(drv, base)

    # sorting by a count column puts the document with the most references first
    refs_header = drv.find_elements(By.CSS_SELECTOR, "#docs thead th")[7]
    refs_header.click()
    refs_header.click()  # second click: descending
    first = drv.find_element(By.CSS_SELECTOR, "#docs tbody tr td:nth-child(8)").text
    assert int(first) == max(len(r["references"]) for r in records)

    # filtering down to one document, then clicking through to its page
    target = max((r for r in records if r["status"] == "ok"), key=lambda r: len(r["references"]) + len(r["bodies"]))
    drv.find_element(By.ID, "filter").send_keys(target["source"])
    visible = [r for r in drv.find_elements(By.CSS_SELECTOR, "#docs tbody tr") if r.is_displayed()]
    assert len(visible) == 1 and drv.find_element(By.ID, "shown").text.startswith("1 of")
    _shot(drv, "index")
    visible[0].find_element(By.CSS_SELECTOR, "a.doc-link").click()
    WebDriverWait(drv, 10).until(ec.presence_of_element_located((By.ID, "doctext")))
    assert drv.current_url.endswith(page_name(target["source"]))
    _check_doc_page(drv, target)
    assert any(ch in drv.find_element(By.ID, "doctext").text for ch in "ỦủĐđƯưƠơ")

    # a table row scrolls to its span; the legend hides a kind
    drv.find_element(By.CSS_SELECTOR, "#t-ref tbody a").click()
    assert drv.execute_script("return location.hash") == "#ref-0"
    assert drv.find_elements(By.CSS_SELECTOR, "mark.flash")
    _shot(drv, "document")
    drv.find_element(By.CSS_SELECTOR, '#legend input[data-kind="ref"]').click()
    mark = drv.find_element(By.CSS_SELECTOR, "mark.k-ref")
    assert drv.execute_script("return getComputedStyle(arguments[0]).backgroundColor", mark) == "rgba(0, 0, 0, 0)"

    # from the graph to a document
    drv.find_element(By.ID, "nav-graph").click()
    WebDriverWait(drv, 10).until(ec.presence_of_element_located((By.ID, "graph")))
    assert drv.find_elements(By.CSS_SELECTOR, "#graph g.node.missing circle")
    node = drv.find_element(By.CSS_SELECTOR, "#graph a.node.doc")
    search = drv.find_element(By.ID, "graph-search")
    search.send_keys(node.get_attribute("data-label"))   # centres the node when it is the only hit
    _shot(drv, "graph")
    href = node.get_dom_attribute("href")
    node.find_element(By.CSS_SELECTOR, "circle").click()
    WebDriverWait(drv, 10).until(ec.url_to_be(base + href))
    source = next(s for s in by_source if href == "docs/" + page_name(s))
    _check_doc_page(drv, by_source[source])

    drv.find_element(By.ID, "nav-errors").click()
    WebDriverWait(drv, 10).until(ec.presence_of_element_located((By.ID, "errors")))
    assert "hong.docx" in drv.find_element(By.ID, "errors").text
    _shot(drv, "errors")


def test_ocr_page_in_chromium(browser, serve, ocr_site):
    from selenium.webdriver.common.by import By

    site, rec = ocr_site
    drv = browser
    drv.get(serve(site / "docs" / page_name(rec["source"])))
    marks = drv.find_elements(By.CSS_SELECTOR, "#doctext mark.k-ocr")
    assert [m.text for m in marks] == ["Sở Nội vụ", "95%"]
    style = drv.execute_script("return getComputedStyle(arguments[0]).textDecorationStyle", marks[0])
    assert style == "wavy"
    _shot(drv, "document-ocr")


# --- dates of drafts, diacritic-insensitive filter, a graph that can be read ---------------

DRAFT = ("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố:      /KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "Độc lập - Tự do - Hạnh phúc\nLâm Đồng, ngày      tháng 5 năm 2024\nKẾ HOẠCH\nDự thảo chuyển đổi số\n"
         "I. MỤC ĐÍCH\n1. Triển khai Kế hoạch số 4088/KH-UBND ngày 28/10/2021.\n")


def test_a_draft_keeps_its_year_and_month():
    from pipeline.apps.report import shown_date

    rec = process_text("draft.txt", DRAFT)
    assert rec["metadata"]["issued_date"] is None
    assert shown_date(rec) == "2024-05"
    assert shown_date(process_text("d.txt", DRAFT.replace("tháng 5", "tháng   "))) == "2024"


@pytest.fixture(scope="module")
def draft_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("draft-run")
    recs = [process_text("draft.txt", DRAFT),
            process_text("kh.txt", DRAFT.replace("Số:      /KH-UBND", "Số: 4088/KH-UBND")
                         .replace("ngày      tháng 5 năm 2024", "ngày 28 tháng 10 năm 2021")
                         .replace("Dự thảo chuyển đổi số", "Về cải cách hành chính")
                         .replace("Triển khai Kế hoạch số 4088/KH-UBND ngày 28/10/2021",
                                  "Căn cứ Luật số 99/2015/QH13 ngày 25/6/2015"))]
    write_dataset(iter(recs), out)
    build_report(out)
    return out / "report"


def test_filter_folds_tones_and_graph_search_zooms_and_focuses_in_chromium(browser, serve, draft_site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    drv, base = browser, serve(draft_site) + "/"
    drv.get(base + "index.html")
    dates = [td.text for td in drv.find_elements(By.CSS_SELECTOR, "#docs tbody td.date")]
    assert "2024-05" in dates                                          # the draft's year and month
    box = drv.find_element(By.ID, "filter")
    box.send_keys("cai cach hanh chinh")                               # no tone marks typed
    visible = [r for r in drv.find_elements(By.CSS_SELECTOR, "#docs tbody tr") if r.is_displayed()]
    assert len(visible) == 1 and "kh.txt" in visible[0].text
    box.clear()
    box.send_keys("DU THAO")
    visible = [r for r in drv.find_elements(By.CSS_SELECTOR, "#docs tbody tr") if r.is_displayed()]
    assert len(visible) == 1 and "draft.txt" in visible[0].text

    drv.get(base + "graph.html")
    box_of = lambda el: drv.execute_script("return arguments[0].getAttribute('viewBox')", el)  # noqa: E731
    svg = drv.find_element(By.ID, "graph")
    whole = box_of(svg)
    n_nodes = len(drv.find_elements(By.CSS_SELECTOR, "#graph .node"))
    search = drv.find_element(By.ID, "graph-search")
    search.send_keys("99/2015/qh13")                                   # lower case, as typed
    zoomed = box_of(svg)
    assert zoomed != whole and float(zoomed.split()[2]) < float(whole.split()[2])
    assert "1 found" in drv.find_element(By.ID, "graph-found").text
    search.send_keys(Keys.ENTER)                                       # focus: the node and its neighbours
    shown = [n for n in drv.find_elements(By.CSS_SELECTOR, "#graph .node") if n.is_displayed()]
    assert "focused" in svg.get_attribute("class")
    assert 2 <= len(shown) <= n_nodes and all("in-focus" in n.get_attribute("class") for n in shown)
    labels = [n.find_element(By.CSS_SELECTOR, "text") for n in shown]
    assert all(t.is_displayed() for t in labels)
    _shot(drv, "graph-focus")
    drv.find_element(By.ID, "graph-reset").click()
    assert box_of(svg) == whole and "focused" not in (svg.get_attribute("class") or "")
