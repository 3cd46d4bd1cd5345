"""`vanban export`: Akoma Ntoso checked against the official XSD, CSV, and SQL into real databases.

The PostgreSQL test starts its own cluster (Debian `postgresql`) in a temporary
folder on a loopback port and stops it afterwards. The dev-run tests use an
existing run of ../shared/corpus/dev (`make eval` writes out/dev, or set
VANBAN_DEV_RUN) and are skipped when there is none: the full pipeline over the
dev corpus takes minutes, too long for this file.
"""
from __future__ import annotations

import csv
import glob
import json
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import duckdb
import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from lxml import etree
import test_schema as schema_tests
from test_schema import DECISION_SOURCE, DOCX_SOURCE, PLAN_SOURCE, build_sample_run

from pipeline.apps import akn, export
from pipeline.apps.cli import main
from pipeline.store.dataset import read_jsonl

ROOT = Path(__file__).resolve().parent.parent
NS = {"a": akn.AKN_NS}
TABLES = ("documents", "sections", "references", "bodies", "dates", "targets")
# who cites whom, written once in SQL that PostgreSQL, SQLite and DuckDB all run
CITED_BY_SQL = """
    SELECT DISTINCT e.source AS citing, n.source AS cited
    FROM graph_edges e JOIN graph_nodes n ON n.node_id = e.target_node
    WHERE n.source IS NOT NULL
    ORDER BY 1, 2"""   # resolve's graph, exported with the run: no quoting, no casting


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory) -> Path:
    return build_sample_run(tmp_path_factory.mktemp("export") / "out")


def dev_run() -> Path | None:
    found = schema_tests.dev_run()
    return found if found and (found / "vanban.duckdb").is_file() else None


def duck_counts(out: Path) -> dict[str, int]:
    con = duckdb.connect(str(out / "vanban.duckdb"), read_only=True)
    try:
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in export.run_tables(out)}
    finally:
        con.close()


def duck_cited_by(out: Path) -> list[tuple]:
    con = duckdb.connect(str(out / "vanban.duckdb"), read_only=True)
    try:
        return [tuple(r) for r in con.execute(CITED_BY_SQL).fetchall()]
    finally:
        con.close()


def sql_counts(url: str, tables) -> dict[str, int]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return {t: conn.execute(sa.text(f'SELECT count(*) FROM "{t}"')).scalar() for t in tables}
    finally:
        engine.dispose()


# ------------------------------------------------------------------ Akoma Ntoso

@pytest.fixture(scope="module")
def akn_dir(run_dir, tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("akn")
    stats = akn.export_akn(run_dir, dest)
    assert stats["invalid"] == {}
    assert stats["written"] == 3 and stats["skipped"] == 1   # the unreadable PDF has no text to mark up
    return dest


def parse(akn_dir: Path, source: str):
    return etree.parse(str(akn_dir / akn.akn_filename(source)))


def test_every_file_is_valid_akoma_ntoso(akn_dir):
    files = sorted(akn_dir.glob("*.xml"))
    assert len(files) == 3
    for f in files:
        assert akn.akn_errors(etree.parse(str(f))) == [], f.name


def test_meta_identifies_the_work_and_lists_every_cited_document(akn_dir, run_dir):
    rec = next(r for r in read_jsonl(run_dir / "documents.jsonl") if r["source"] == DOCX_SOURCE)
    tree = parse(akn_dir, DOCX_SOURCE)
    work = tree.find(".//a:FRBRWork", NS)
    assert work.find("a:FRBRuri", NS).get("value") == "/akn/vn/doc/quyet-dinh/2025-09-25/1441-qd-ubnd"
    assert work.find("a:FRBRdate", NS).get("date") == "2025-09-25"
    assert work.find("a:FRBRnumber", NS).get("value") == "1441/QĐ-UBND"
    listed = {e.get("href") for e in tree.find(".//a:references", NS) if e.tag.endswith(("TLCReference", "activeRef"))}
    assert listed == {akn.reference_uri(r) for r in rec["references"]}
    basis = tree.xpath("//a:TLCReference[@name='basis']/@showAs", namespaces=NS)
    assert "Nghị định 30/2020/NĐ-CP" in basis
    # citations are marked where they stand in the text, pointing at the same work IRIs
    inline = tree.xpath("//a:preamble//a:ref", namespaces=NS)
    assert any(r.text.startswith("Nghị định số 30/2020/NĐ-CP") for r in inline)
    assert {r.get("href") for r in inline} <= listed


def test_header_articles_and_signature(akn_dir):
    tree = parse(akn_dir, DOCX_SOURCE)
    assert tree.xpath("string(//a:preface//a:docNumber)", namespaces=NS) == "Số: 1441/QĐ-UBND"
    assert tree.xpath("//a:preface//a:docDate/@date", namespaces=NS) == ["2025-09-25"]
    articles = tree.xpath("//a:mainBody/a:article", namespaces=NS)
    assert [a.get("eId") for a in articles] == ["art_1", "art_2", "art_3"]
    assert articles[0].findtext("a:num", namespaces=NS) == "Điều 1"
    assert tree.xpath("string(//a:conclusions//a:signature/a:person)", namespaces=NS) == "Nguyễn Văn Bình"


def test_section_tree_nests_like_the_record(akn_dir, run_dir):
    rec = next(r for r in read_jsonl(run_dir / "documents.jsonl") if r["source"] == PLAN_SOURCE)
    tree = parse(akn_dir, PLAN_SOURCE)
    tops = tree.xpath("//a:mainBody/a:section", namespaces=NS)
    assert [s.findtext("a:num", namespaces=NS) for s in tops] == ["I", "II", "III"]
    item = tree.xpath("//a:hcontainer[@eId='sec_II__hcontainer_2']", namespaces=NS)[0]
    assert item.findtext("a:heading", namespaces=NS) == "Cải cách thủ tục hành chính"
    assert "Sở Nội vụ giám sát, đôn đốc" in "".join(item.find("a:content", NS).itertext())
    numbered = tree.xpath("//a:mainBody//*[a:num]", namespaces=NS)
    assert len(numbered) == len(rec["sections"])


def test_a_broken_tree_is_caught():
    rec = {"source": "x.txt", "sha256": None, "text": "KẾ HOẠCH\nNội dung.", "metadata": {}, "sections": [],
           "references": []}
    tree = akn.akn_tree(rec, "2025-01-01")
    assert akn.akn_errors(tree) == []
    doc = tree.find("a:doc", NS)
    doc.remove(doc.find("a:mainBody", NS))
    assert akn.akn_errors(tree)


def test_characters_xml_cannot_carry_are_dropped():
    rec = {"source": "x.txt", "sha256": None, "text": "Văn bản\x0c có ký tự\x01 lạ", "metadata": {},
           "sections": [], "references": []}
    tree = akn.akn_tree(rec, "2025-01-01")
    assert akn.akn_errors(tree) == []
    assert "\x0c" not in etree.tostring(tree, encoding="unicode")


def test_cli_exports_akn_and_csv(run_dir, tmp_path):
    res = CliRunner().invoke(main, ["export", str(run_dir), "--format", "akn", "--format", "csv",
                                    "--dest", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert "valid Akoma Ntoso 3.0: 3/3" in res.output
    assert len(list((tmp_path / "akn").glob("*.xml"))) == 3
    assert (tmp_path / "csv" / "documents.csv").is_file()
    assert CliRunner().invoke(main, ["export", str(run_dir)]).exit_code != 0   # nothing asked for


# ------------------------------------------------------------------ CSV

def test_csv_for_spreadsheets(run_dir, tmp_path):
    counts = export.export_csv(run_dir, tmp_path)
    assert counts == duck_counts(run_dir)
    raw = (tmp_path / "documents.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")   # BOM: Excel reads UTF-8 Vietnamese correctly
    with open(tmp_path / "documents.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == counts["documents"] and "text" not in rows[0]
    assert {r["identifier"] for r in rows} >= {"12/KH-UBND", "45/QĐ-UBND"}
    export.export_csv(run_dir, tmp_path / "full", with_text=True)
    with open(tmp_path / "full" / "documents.csv", encoding="utf-8-sig", newline="") as fh:
        assert any("KẾ HOẠCH" in r["text"] for r in csv.DictReader(fh))


# ------------------------------------------------------------------ SQL

def test_sqlite_export_is_idempotent_and_replaces_a_documents_rows(run_dir, tmp_path):
    url = f"sqlite:///{tmp_path / 'vanban.db'}"
    first = export.export_sql(run_dir, url)
    assert first == duck_counts(run_dir)
    engine = sa.create_engine(url)
    with engine.begin() as conn:   # a row an older export left behind for a document of this run
        conn.execute(sa.text("INSERT INTO bodies (source, name, role, start, end_offset) "
                             "VALUES (:s, 'Sở cũ', 'lead', 0, 1)"), {"s": PLAN_SOURCE})
    engine.dispose()
    export.export_sql(run_dir, url)
    assert sql_counts(url, first) == first
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM bodies WHERE name = 'Sở cũ'")).scalar() == 0
        got = [tuple(r) for r in conn.execute(sa.text(CITED_BY_SQL)).fetchall()]
    engine.dispose()
    assert got == duck_cited_by(run_dir) == [(DECISION_SOURCE, PLAN_SOURCE)]


def test_graph_and_task_tables_travel_too(run_dir, tmp_path):
    """Tables every run writes (graph, tasks with list columns) export like the others; lists stay lists."""
    from pipeline.extract.tasks import task_rows

    rows = [t for rec in read_jsonl(run_dir / "documents.jsonl") if rec["status"] == "ok" for t in task_rows(rec)]
    url = f"sqlite:///{tmp_path / 'vanban.db'}"
    counts = export.export_sql(run_dir, url)
    assert {"graph_nodes", "graph_edges", "tasks"} <= set(counts)
    assert export.export_sql(run_dir, url) == counts == sql_counts(url, counts)
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        leads = [json.loads(v) for (v,) in conn.execute(sa.text("SELECT lead FROM tasks ORDER BY source, start"))]
    engine.dispose()
    assert leads == [r["lead"] for r in sorted(rows, key=lambda r: (r["source"], r["start"]))]


def _pg_bin() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(os.path.realpath(found)).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(versions[-1]).parent if versions else None


def _run(cmd: list[str]) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True)
    assert done.returncode == 0, f"{' '.join(cmd)}: {done.stderr or done.stdout}"


@pytest.fixture(scope="module")
def postgres_url():
    """A throwaway PostgreSQL cluster on a free loopback port, stopped and removed afterwards."""
    bindir = _pg_bin()
    if bindir is None or not (bindir / "pg_ctl").exists():
        pytest.skip("PostgreSQL binaries (Debian package `postgresql`) are not installed")
    # directly under the system temp folder: pytest's own is private to root, and the server runs as postgres
    base = Path(tempfile.mkdtemp(prefix="vanban-pg-"))
    data = base / "data"
    as_user: list[str] = []
    if os.geteuid() == 0:   # initdb refuses to run as root
        shutil.chown(base, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    try:
        _run([*as_user, str(bindir / "initdb"), "-D", str(data), "-U", "vanban", "--auth=trust", "-E", "UTF8",
              "--no-locale"])
        options = f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={base} -c fsync=off"
        _run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(base / "log"),
              "-w", "-t", "60", "start"])
        try:
            yield f"postgresql+psycopg://vanban@127.0.0.1:{port}/postgres"
        finally:
            _run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"])
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_postgresql_export_twice_matches_duckdb(postgres_url, run_dir):
    """The dev run when one is at hand (else the sample run), exported twice into a real PostgreSQL."""
    out = dev_run() or run_dir
    expected = duck_counts(out)
    assert export.export_sql(out, postgres_url) == expected
    res = CliRunner().invoke(main, ["export", str(out), "--to", postgres_url])
    assert res.exit_code == 0, res.output
    assert sql_counts(postgres_url, expected) == expected
    engine = sa.create_engine(postgres_url)
    try:
        with engine.connect() as conn:
            got = [tuple(r) for r in conn.execute(sa.text(CITED_BY_SQL)).fetchall()]
            pk = conn.execute(sa.text("SELECT count(*) FROM information_schema.table_constraints "
                                      "WHERE table_name = 'documents' AND constraint_type = 'PRIMARY KEY'")).scalar()
    finally:
        engine.dispose()
    assert got == duck_cited_by(out) and got
    assert pk == 1
    with engine.connect() as conn:   # typed columns: DATE, text[] and JSONB, queried without casting
        types = dict(conn.execute(sa.text(
            "SELECT table_name || '.' || column_name, data_type FROM information_schema.columns "
            "WHERE table_name IN ('documents', 'tasks', 'dates')")).fetchall())
        due_2026 = conn.execute(sa.text("SELECT count(*) FROM tasks WHERE due BETWEEN '2026-01-01' AND "
                                        "'2026-12-31' AND cardinality(lead) > 0")).scalar()
    engine.dispose()
    assert types["documents.issued_date"] == types["tasks.due"] == types["dates.date_from"] == "date"
    assert types["tasks.lead"] == "ARRAY" and types["tasks.targets"] == "jsonb"
    assert types["documents.year"] == "bigint" and types["documents.doc_id"] == "bigint"
    assert due_2026 >= 0


# ------------------------------------------------------------------ the dev run

@pytest.mark.skipif(dev_run() is None, reason="no dev run: `make eval` writes out/dev, or set VANBAN_DEV_RUN")
def test_dev_run_is_valid_akoma_ntoso(tmp_path):
    out = dev_run()
    stats = akn.export_akn(out, tmp_path)
    assert stats["written"] > 0
    assert stats["invalid"] == {}, list(stats["invalid"].items())[:3]


def test_akn_takes_header_and_closing_from_the_record(run_dir, monkeypatch):
    """Schema 1.4 records carry their header and closing offsets: the export does not parse the text again."""
    import pipeline.parse.structure as structure

    recs = [r for r in read_jsonl(run_dir / "documents.jsonl") if r["status"] == "ok"]
    before = [etree.tostring(akn.akn_tree(r, "2026-01-01")) for r in recs]
    assert all(r["header"]["end"] <= r["closing"]["start"] <= len(r["text"]) for r in recs)

    def no_parse(*args, **kwargs):
        raise AssertionError("the text was parsed again")

    monkeypatch.setattr(structure, "parse", no_parse)
    assert [etree.tostring(akn.akn_tree(r, "2026-01-01")) for r in recs] == before
