"""Bad input in a bulk run: each bad file gets its own stable error code and the batch goes on.

One real batch holds every kind of bad file an archive folder can hold next
to good documents; it runs once through the local engine (real worker
processes) and each test checks one case plus the good files beside it.
"""
from __future__ import annotations

import http.server
import io
import json
import os
import resource
import threading
import zipfile
from pathlib import Path

import docx
import pytest
from fpdf import FPDF

from pipeline.run.batch import run
from pipeline.run.jobs import RunLimits, RunOptions

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpus" / "seeds").glob("*.txt"))
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
VI_NAME = "Kế hoạch số 12 năm 2024 (bản cuối).txt"
LATIN1_NAME = b"bi\xeau m\xe3u.txt"  # not UTF-8: a name copied from an old Windows share


def docx_bytes(*paragraphs: str) -> bytes:
    buf = io.BytesIO()
    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    document.save(buf)
    return buf.getvalue()


def with_part(data: bytes, name: str, content: bytes | None = None, extra: bytes | None = None) -> bytes:
    """A copy of a DOCX with one part replaced (or a zero-filled part of `extra` bytes added)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in src.infolist():
            z.writestr(info.filename, content if info.filename == name and content is not None
                       else src.read(info.filename))
        if extra:
            with z.open(name, "w", force_zip64=True) as fh:
                chunk = bytes(1 << 20)
                for _ in range(extra >> 20):
                    fh.write(chunk)
    return out.getvalue()


def pdf_bytes(text: str, encrypt: bool = False, link: str | None = None) -> bytes:
    pdf = FPDF()
    if encrypt:
        pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    if FONT.exists():
        pdf.add_font("dejavu", fname=str(FONT))
        pdf.set_font("dejavu", size=12)
    else:
        pdf.set_font("helvetica", size=12)
        text = text.encode("ascii", "ignore").decode()
    pdf.multi_cell(0, 8, text)
    if link:
        pdf.link(10, 10, 50, 10, link)
    return bytes(pdf.output())


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 - the http.server API
        _Counter.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"FETCHED-FROM-NETWORK")

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def http_trap():
    """A loopback web server that counts requests: nothing in a document may reach it."""
    _Counter.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


GOOD = {"good/seed-0.txt", "good/seed-1.txt", "good/plan.docx", "good/plan.pdf"}


@pytest.fixture(scope="module")
def batch(tmp_path_factory, http_trap):
    """Build the folder, run it, return (records by source, the folder, the output folder)."""
    top = tmp_path_factory.mktemp("bad")
    src = top / "batch"
    good, bad = src / "good", src / "bad"
    good.mkdir(parents=True)
    bad.mkdir()
    for i, seed in enumerate(SEEDS[:2]):
        (good / f"seed-{i}.txt").write_bytes(seed.read_bytes())
    plan = docx_bytes("KẾ HOẠCH", "Triển khai công tác chuyển đổi số năm 2024",
                      "Sở Thông tin và Truyền thông chủ trì, báo cáo trước ngày 30/11/2024.")
    (good / "plan.docx").write_bytes(plan)
    (good / "plan.pdf").write_bytes(pdf_bytes("KẾ HOẠCH\nTriển khai công tác cải cách hành chính năm 2024"))

    (bad / "zero.txt").write_bytes(b"")
    (bad / "blank.txt").write_text("  \n\n\t \n", encoding="utf-8")
    (bad / "empty.docx").write_bytes(docx_bytes())
    whole = pdf_bytes("KẾ HOẠCH thử nghiệm\n" * 30)
    (bad / "truncated.pdf").write_bytes(whole[: len(whole) // 2])
    (bad / "encrypted.pdf").write_bytes(pdf_bytes("KẾ HOẠCH mật", encrypt=True))
    (bad / "bomb.docx").write_bytes(with_part(plan, "word/media/image1.bin", extra=256 << 20))
    body = zipfile.ZipFile(io.BytesIO(plan)).read("word/document.xml").decode("utf-8").split("?>", 1)[1]
    laughs = "".join(f'<!ENTITY l{i + 1} "{("&l%d;" % i) * 10}">' for i in range(9))
    bomb_xml = ('<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY l0 "ha">' + laughs + "]>"
                + body.replace("KẾ HOẠCH", "KẾ HOẠCH &l9;", 1))
    (bad / "entities.docx").write_bytes(with_part(plan, "word/document.xml", bomb_xml.encode("utf-8")))
    secret = top / "secret.txt"
    secret.write_text("SECRET-ON-THIS-MACHINE", encoding="utf-8")
    xxe_xml = (f'<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY f SYSTEM "file://{secret}">'
               f'<!ENTITY n SYSTEM "{http_trap}/entity">]>'
               + body.replace("KẾ HOẠCH", "KẾ HOẠCH &f; &n;", 1))
    xxe = with_part(plan, "word/document.xml", xxe_xml.encode("utf-8"))
    rels = zipfile.ZipFile(io.BytesIO(xxe)).read("word/_rels/document.xml.rels").decode("utf-8")
    rels = rels.replace("</Relationships>", f'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/'
                        f'officeDocument/2006/relationships/image" Target="{http_trap}/image.png" '
                        f'TargetMode="External"/></Relationships>')
    (bad / "external.docx").write_bytes(with_part(xxe, "word/_rels/document.xml.rels", rels.encode("utf-8")))
    (bad / "linked.pdf").write_bytes(pdf_bytes("KẾ HOẠCH có liên kết", link=f"{http_trap}/pdf-link"))
    with open(bad / "huge.txt", "wb") as fh:  # 200 MB of real text lines
        line = "Ủy ban nhân dân tỉnh giao các sở, ngành triển khai thực hiện kế hoạch.\n".encode("utf-8")
        chunk = line * ((1 << 20) // len(line))
        for _ in range(200 * (1 << 20) // len(chunk) + 1):
            fh.write(chunk)
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (bad / "random.bin").write_bytes(os.urandom(4096).replace(b"%PDF-", b"xxxxx"))
    (bad / "report.docx").write_bytes(pdf_bytes("BÁO CÁO kết quả năm 2024"))     # a PDF named .docx
    (bad / "scan.pdf").write_bytes(plan)                                         # a DOCX named .pdf
    (bad / "notes.doc").write_text("THÔNG BÁO\nKết luận của Chủ tịch.\n", encoding="utf-8")  # text named .doc
    (bad / VI_NAME).write_text("KẾ HOẠCH\nTổ chức Hội nghị năm 2024.\n", encoding="utf-8")
    (bad / os.fsdecode(LATIN1_NAME)).write_text("THÔNG BÁO\nLịch làm việc.\n", encoding="utf-8")
    os.mkfifo(bad / "pipe.txt")
    os.symlink("self.txt", bad / "self.txt")                 # a link to itself
    os.symlink("nowhere.txt", bad / "broken.txt")            # a link to nothing
    os.symlink("..", bad / "loop")                           # a folder link back to its parent
    os.symlink("/proc/self/mem", bad / "io-error.txt")       # leads outside the input: never followed

    out = top / "out"
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    summary = run([str(src)], out, RunOptions(workers=2, limits=RunLimits(timeout_s=120)))
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    lines = (out / "documents.jsonl").read_bytes().decode("utf-8").splitlines()  # valid UTF-8 throughout
    records = {r["source"]: r for r in map(json.loads, lines)}
    return {"records": records, "summary": summary, "out": out, "grown_kb": grown_kb, "n_lines": len(lines)}


def code_of(batch, name: str) -> str | None:
    rec = batch["records"][f"batch/{name}"]
    return (rec["error"] or {}).get("code")


def assert_good_files_processed(batch) -> None:
    for source in GOOD:
        rec = batch["records"][f"batch/{source}"]
        assert rec["status"] == "ok", (source, rec["error"])
        assert rec["text"].strip()


CASES = [
    ("bad/zero.txt", "empty_file"),
    ("bad/blank.txt", "no_text"),
    ("bad/empty.docx", "no_text"),
    ("bad/truncated.pdf", "corrupt_pdf"),
    ("bad/bomb.docx", "zip_bomb"),
    ("bad/entities.docx", "unsafe_xml"),
    ("bad/external.docx", "unsafe_xml"),
    ("bad/huge.txt", "too_large"),
    ("bad/binary.txt", "binary_content"),
    ("bad/random.bin", "binary_content"),
    ("bad/pipe.txt", "not_a_file"),
    ("bad/self.txt", "symlink_loop"),
    ("bad/broken.txt", "broken_link"),
    ("bad/loop", "symlink_loop"),
    ("bad/io-error.txt", "link_outside"),   # read when named as an input: test_hostile (EIO, `unreadable`)
    ("bad/encrypted.pdf", "encrypted_pdf"),
]


@pytest.mark.parametrize("name,code", CASES)
def test_bad_file_gets_its_code_and_the_batch_goes_on(batch, name, code):
    rec = batch["records"][f"batch/{name}"]
    assert rec["status"] == "error"
    assert code_of(batch, name) == code, rec["error"]
    assert rec["error"]["message"]
    assert rec["text"] == "" and rec["references"] == [] and rec["sections"] == []
    assert_good_files_processed(batch)


def test_no_file_is_missing_and_each_appears_once(batch):
    expected = {f"batch/{s}" for s in GOOD}
    expected |= {f"batch/{c.values[0] if hasattr(c, 'values') else c[0]}" for c in CASES}
    expected |= {f"batch/bad/{n}" for n in ("external.docx", "linked.pdf", "report.docx", "scan.pdf",
                                             "notes.doc", VI_NAME)}
    expected.add("batch/bad/bi\\xeau m\\xe3u.txt")
    assert set(batch["records"]) == expected
    assert batch["n_lines"] == len(expected) == batch["summary"].files


def test_wrong_extensions_are_read_by_content(batch):
    recs = batch["records"]
    assert recs["batch/bad/report.docx"]["format"] == "pdf"
    assert "BÁO CÁO" in recs["batch/bad/report.docx"]["text"]
    assert recs["batch/bad/scan.pdf"]["format"] == "docx"
    assert recs["batch/bad/notes.doc"]["format"] == "txt"
    assert recs["batch/bad/notes.doc"]["metadata"]["doc_type"] == "Thông báo"


def test_vietnamese_and_undecodable_file_names(batch):
    rec = batch["records"][f"batch/bad/{VI_NAME}"]
    assert rec["status"] == "ok" and "Hội nghị" in rec["text"]
    odd = batch["records"]["batch/bad/bi\\xeau m\\xe3u.txt"]  # bytes shown, never a crash of the JSON
    assert odd["status"] == "ok" and "Lịch làm việc" in odd["text"]


def test_nothing_in_a_document_is_fetched_or_executed(batch):
    recs = batch["records"]
    ext = recs["batch/bad/external.docx"]
    assert ext["status"] == "error" and ext["error"]["code"] == "unsafe_xml"   # refused before any parser
    assert "SECRET-ON-THIS-MACHINE" not in ext["text"]
    assert "FETCHED-FROM-NETWORK" not in ext["text"]
    assert recs["batch/bad/linked.pdf"]["status"] == "ok"
    assert _Counter.hits == []


def test_memory_stays_bounded(batch):
    """The 200 MB file and the 256 MB zip bomb were refused without being loaded by the parent."""
    assert batch["grown_kb"] < 150 * 1024
    assert code_of(batch, "bad/huge.txt") == "too_large"
    assert "limit" in batch["records"]["batch/bad/huge.txt"]["error"]["message"]


def test_error_table_in_duckdb(batch):
    import duckdb

    con = duckdb.connect(str(batch["out"] / "vanban.duckdb"), read_only=True)
    try:
        codes = dict(con.execute("SELECT source, error_code FROM errors").fetchall())
    finally:
        con.close()
    assert codes["batch/bad/pipe.txt"] == "not_a_file"
    assert codes["batch/bad/bomb.docx"] == "zip_bomb"
    assert "batch/good/plan.docx" not in codes


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode (the EIO case of test_hostile covers root)")
def test_permission_denied_is_unreadable(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "locked.txt").write_text("KẾ HOẠCH", encoding="utf-8")
    (src / "locked.txt").chmod(0)
    (src / "ok.txt").write_bytes(SEEDS[0].read_bytes())
    run([str(src)], tmp_path / "out", RunOptions(workers=1))
    recs = {r["source"]: r for r in map(json.loads, (tmp_path / "out" / "documents.jsonl").read_text().splitlines())}
    assert recs["in/locked.txt"]["error"]["code"] == "unreadable"
    assert recs["in/ok.txt"]["status"] == "ok"
