"""Hostile archives (issue 19): every file judged by what it is, nothing read outside the inputs,
streaming limits that fail fast, exports that fail in one line and ship no formula.

Every hostile file is built here, in tmp_path, and goes through the real readers, the real
`vanban run` / `vanban export` commands and real worker processes. The tests that write hundreds of
megabytes or run the CLI several times are marked `slow`; `make test` (CI) runs them.
"""
from __future__ import annotations

import csv
import io
import json
import os
import random
import socket
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import docx
import pandas as pd
import pytest
from click.testing import CliRunner
from test_bad_input import pdf_bytes
from test_schema import build_sample_run

from pipeline.apps import export
from pipeline.apps.cli import main
from pipeline.read.base import IngestError
from pipeline.read.sniff import decode_text, sniff_format
from pipeline.run.process import process_file
from pipeline.store.dataset import read_jsonl

ROOT = Path(__file__).resolve().parent.parent
PLAN = """ỦY BAN NHÂN DÂN
TỈNH LÂM ĐỒNG
Số: 12/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lâm Đồng, ngày 5 tháng 3 năm 2024

KẾ HOẠCH
Triển khai công tác chuyển đổi số năm 2024

I. MỤC ĐÍCH
1. Sở Thông tin và Truyền thông chủ trì, báo cáo trước ngày 30/11/2024.
"""


def records(out: Path) -> dict[str, dict]:
    return {r["source"]: r for r in read_jsonl(out / "documents.jsonl")}


def code(rec: dict) -> str | None:
    return (rec.get("error") or {}).get("code")


# ------------------------------------------------------------------ formats confirmed, not guessed

def test_text_mentioning_pdf_magic_is_read_as_text(tmp_path):
    """A `.txt` whose first KiB mentions `%PDF-` (a note about a file, a pasted header) is text."""
    note = tmp_path / "ghi-chu.txt"
    note.write_text(PLAN.replace("I. MỤC ĐÍCH", "Tệp gửi kèm bắt đầu bằng %PDF-1.7 (định dạng PDF).\n\nI. MỤC ĐÍCH"),
                    encoding="utf-8")
    assert note.read_bytes().find(b"%PDF-") < 1024
    rec = process_file(note, note.name)
    assert rec["status"] == "ok", rec["error"]
    assert rec["format"] == "txt" and "%PDF-1.7" in rec["text"]
    assert rec["metadata"]["identifier"] == "12/KH-UBND"
    # at offset 0 the magic is still only a claim: no object, no trailer, and the extension says text
    first = tmp_path / "dau-dong.txt"
    first.write_text("%PDF-1.4 là phiên bản định dạng của tệp đính kèm.\n" + PLAN, encoding="utf-8")
    rec = process_file(first, first.name)
    assert rec["status"] == "ok" and rec["format"] == "txt", rec["error"]


def test_formats_are_confirmed_by_structure(tmp_path):
    """What content proves wins over the extension; an unproven claim falls back to the extension."""
    real_pdf = pdf_bytes("KẾ HOẠCH số 7")
    cases = {
        "real.pdf": (real_pdf, "pdf"),
        "junk-then.pdf": (b"From: van thu\r\n\r\n" + real_pdf, "pdf"),      # readers accept junk first
        "pdf-named.docx": (real_pdf, "pdf"),                               # content proves PDF
        "half.pdf": (real_pdf[: len(real_pdf) // 2], "pdf"),                # damaged: its reader says so
        "junk-then.txt": (b"From: van thu\r\n\r\n" + real_pdf, "txt"),      # said to be text, not at offset 0
        "zip-no-word.docx": (_zip({"a.txt": b"x"}), "docx"),                # unproven: the extension decides
        "zip-no-word.txt": (_zip({"a.txt": b"x"}), "txt"),
        "bm-form.txt": ("BM-01: Biểu mẫu báo cáo".encode(), "txt"),         # `BM` is not a bitmap
        "no-magic.doc": ("THÔNG BÁO\n".encode(), "txt"),                    # no magic at all: text
    }
    for name, (data, fmt) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        assert sniff_format(path, data[:1024]) == fmt, name


def _zip(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf"], ids=["utf-16-le", "utf-16-be", "utf-8"])
def test_binary_behind_a_bom_is_refused(tmp_path, bom):
    noise = random.Random(19).randbytes(8192)
    path = tmp_path / "rac.txt"
    path.write_bytes(bom + noise)
    rec = process_file(path, path.name)
    assert rec["status"] == "error" and code(rec) == "binary_content", rec["error"]
    with pytest.raises(IngestError):
        decode_text(bom + noise)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_real_text_behind_a_bom_is_read(tmp_path, encoding):
    data = PLAN.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path = tmp_path / "ke-hoach.txt"
    path.write_bytes(data)
    rec = process_file(path, path.name)
    assert rec["status"] == "ok", rec["error"]
    assert rec["metadata"]["identifier"] == "12/KH-UBND"


# ------------------------------------------------------------------ streaming limits

_CHILD = """
import json, resource, sys, time
from pipeline.run.process import process_file
peak = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
loaded = peak()
started, cpu = time.monotonic(), time.process_time()
rec = process_file(sys.argv[1], "hostile")
print(json.dumps({"code": (rec["error"] or {}).get("code"), "message": (rec["error"] or {}).get("message"),
                  "seconds": time.process_time() - cpu, "wall_s": time.monotonic() - started,
                  "loaded_mb": loaded, "rss_mb": peak(),
                  "grown_mb": peak() - loaded}))
"""


def read_in_child(path: Path) -> dict:
    """process_file in a fresh interpreter: its own CPU time (`seconds`, whatever else the machine runs)
    and peak memory (`grown_mb`: above what the pipeline's code takes once imported)."""
    done = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True,
                          cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _deflate_repeated(prefix: bytes, chunk: bytes, times: int, suffix: bytes) -> bytes:
    """A raw deflate stream of prefix + chunk * times + suffix, built without inflating it: each piece
    is compressed alone and ends on a full flush (byte-aligned, history reset), so pieces concatenate."""
    def piece(data: bytes, last: bool) -> bytes:
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        return c.compress(data) + (c.flush() if last else c.flush(zlib.Z_FULL_FLUSH))

    return piece(prefix, False) + piece(chunk, False) * times + piece(suffix, True)


def lying_docx(path: Path, member: str, real_mib: int) -> None:
    """A real DOCX in which `member` inflates to over `real_mib` MiB while its zip headers (local and
    central) give the size of the honest part: the total the headers declare is a few KB."""
    buf = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Triển khai công tác chuyển đổi số năm 2024")
    document.save(buf)
    src = zipfile.ZipFile(buf)
    parts = [(i.filename, src.read(i.filename)) for i in src.infolist()]
    if member not in dict(parts):
        parts.append((member, b"\x89PNG\r\n\x1a\n"))
    body, central = io.BytesIO(), io.BytesIO()
    for name, data in parts:
        if name == member:
            if name.endswith(".xml"):   # whitespace inside the body keeps the XML well-formed
                head, tail = data.split(b"<w:body>", 1)
                stream = _deflate_repeated(head + b"<w:body>", b" " * (1 << 20), real_mib, tail)
            else:
                stream = _deflate_repeated(data, bytes(1 << 20), real_mib, b"")
            claimed, crc = len(data), zlib.crc32(data)
        else:
            c = zlib.compressobj(9, zlib.DEFLATED, -15)
            stream = c.compress(data) + c.flush()
            claimed, crc = len(data), zlib.crc32(data)
        encoded = name.encode()
        offset = body.tell()
        body.write(struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, len(stream), claimed,
                               len(encoded), 0) + encoded + stream)
        central.write(struct.pack("<4s6H3I5HII", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21, crc, len(stream), claimed,
                                  len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    n = len(parts)
    end = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, n, n, len(central.getvalue()), body.tell(), 0)
    path.write_bytes(body.getvalue() + central.getvalue() + end)


@pytest.mark.slow
@pytest.mark.parametrize("member", ["word/document.xml", "word/media/image1.png"])
def test_zip_bomb_whose_headers_understate_its_size(tmp_path, member):
    bomb = tmp_path / "bom.docx"
    lying_docx(bomb, member, real_mib=1024)
    assert bomb.stat().st_size < 4 << 20
    assert sum(i.file_size for i in zipfile.ZipFile(bomb).infolist()) < 1 << 20   # what the headers say
    got = read_in_child(bomb)
    assert got["code"] == "zip_bomb", got
    assert got["seconds"] < 3, got
    assert got["grown_mb"] < 100, got


@pytest.mark.slow
def test_an_element_bomb_under_the_byte_limit_is_refused(tmp_path):
    """45 MB of `<w:p>` (honest headers, under the 50 MB limit) would take python-docx minutes and
    gigabytes: refused from the tag count while inflating, as a bomb (it compresses over 300:1)."""
    buf = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.save(buf)
    src = zipfile.ZipFile(buf)
    dense = tmp_path / "day-dac.docx"
    with zipfile.ZipFile(dense, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                head, tail = data.split(b"<w:body>", 1)
                para = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>"
                data = head + b"<w:body>" + para * ((45 << 20) // len(para)) + tail
            z.writestr(info.filename, data)
    assert sum(i.file_size for i in zipfile.ZipFile(dense).infolist()) < 50 << 20
    got = read_in_child(dense)
    assert got["code"] == "zip_bomb" and "tags" in got["message"], got
    assert got["seconds"] < 3 and got["grown_mb"] < 100, got


def test_a_part_larger_than_its_header_says_is_refused(tmp_path):
    """Below the limit a lying header is damage, not a bomb: python-docx would read a cut part."""
    liar = tmp_path / "liar.docx"
    lying_docx(liar, "word/document.xml", real_mib=2)
    rec = process_file(liar, liar.name)
    assert code(rec) == "corrupt_docx" and "headers say" in rec["error"]["message"], rec["error"]


@pytest.mark.slow
def test_text_behind_an_rtf_signature_is_refused_before_reading(tmp_path):
    """200 MB of text after `{\\rtf1`: `too_large` from the size alone, in a worker and in `vanban run`."""
    rtf = tmp_path / "in" / "to-trinh.rtf"
    rtf.parent.mkdir()
    line = "Ủy ban nhân dân tỉnh giao các sở, ngành triển khai thực hiện kế hoạch.\\par\n".encode("utf-8")
    chunk = line * ((1 << 20) // len(line))
    with open(rtf, "wb") as fh:
        fh.write(b"{\\rtf1\\ansi\\deff0 ")
        for _ in range(200 * (1 << 20) // len(chunk) + 1):
            fh.write(chunk)
    assert rtf.stat().st_size > 200 << 20
    got = read_in_child(rtf)                          # `vanban extract`, or a worker without preflight
    assert got["code"] == "too_large" and "RTF" in got["message"], got
    assert got["seconds"] < 2 and got["grown_mb"] < 100, got
    (rtf.parent / "ke-hoach.txt").write_text(PLAN, encoding="utf-8")
    recs = vanban_run(str(rtf.parent), "--out", str(tmp_path / "out"))
    assert code(recs["in/to-trinh.rtf"]) == "too_large"
    assert recs["in/ke-hoach.txt"]["status"] == "ok"


@pytest.mark.slow
def test_a_text_file_over_the_text_limit_is_refused_by_its_reader(tmp_path):
    big = tmp_path / "dai.txt"
    line = "Ủy ban nhân dân tỉnh giao các sở, ngành triển khai thực hiện kế hoạch.\n".encode("utf-8")
    big.write_bytes(line * (20 * (1 << 20) // len(line)))
    got = read_in_child(big)
    assert got["code"] == "too_large", got
    assert got["seconds"] < 2 and got["grown_mb"] < 100, got


# ------------------------------------------------------------------ the walk stays inside the inputs

def vanban_run(*args: str) -> dict[str, dict]:
    """`vanban run ARGS`; it may exit 1 when some records are errors (a skipped link, a refused file)."""
    res = CliRunner().invoke(main, ["run", *args, "--workers", "1", "--quiet"])
    assert res.exit_code in (0, 1), res.output
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    return records(Path(args[args.index("--out") + 1]))


@pytest.fixture
def tree(tmp_path):
    """work/input/{ke-hoach.txt, sub/thong-bao.txt, ext -> ../outside, up -> .., alias.txt -> ke-hoach.txt,
    sub-link -> sub, secret.txt -> ../outside/secret.txt}; work/outside/secret.txt beside it."""
    work = tmp_path / "work"
    inp, outside = work / "input", work / "outside"
    (inp / "sub").mkdir(parents=True)
    outside.mkdir()
    (inp / "ke-hoach.txt").write_text(PLAN, encoding="utf-8")
    (inp / "sub" / "thong-bao.txt").write_text(PLAN.replace("KẾ HOẠCH", "THÔNG BÁO"), encoding="utf-8")
    (outside / "secret.txt").write_text("BÍ MẬT: không thuộc đầu vào", encoding="utf-8")
    os.symlink("../outside", inp / "ext")
    os.symlink("..", inp / "up")
    os.symlink("ke-hoach.txt", inp / "alias.txt")
    os.symlink("sub", inp / "sub-link")
    os.symlink("../outside/secret.txt", inp / "secret.txt")
    return work


@pytest.mark.slow
def test_links_leading_outside_the_input_are_never_followed(tree):
    out = tree / "out"     # beside the input: `up` (the input's parent) leads into it
    for extra in ([], ["--follow-links"]):
        recs = vanban_run(str(tree / "input"), "--out", str(out), *extra)
        assert code(recs["input/ext"]) == "link_outside"
        assert code(recs["input/up"]) == "link_outside"
        assert code(recs["input/secret.txt"]) == "link_outside"
        assert "outside" in recs["input/ext"]["error"]["message"]
        assert not any("BÍ MẬT" in r["text"] for r in recs.values())
        assert not any("documents.jsonl" in s or "/out/" in s or "/outside/" in s for s in recs)
        # every entry of the input has exactly one record, files and skipped links alike
        assert {"input/ke-hoach.txt", "input/sub/thong-bao.txt"} <= set(recs)
        assert all(recs[s]["status"] == "ok" for s in ("input/ke-hoach.txt", "input/sub/thong-bao.txt"))


@pytest.mark.slow
def test_links_inside_the_input_are_followed_only_when_asked(tree):
    out = tree / "out"
    recs = vanban_run(str(tree / "input"), "--out", str(out))
    assert code(recs["input/alias.txt"]) == "link_not_followed"
    assert code(recs["input/sub-link"]) == "link_not_followed"
    assert "--follow-links" in recs["input/alias.txt"]["error"]["message"]
    assert sorted(recs) == ["input/alias.txt", "input/ext", "input/ke-hoach.txt", "input/secret.txt",
                            "input/sub-link", "input/sub/thong-bao.txt", "input/up"]
    recs = vanban_run(str(tree / "input"), "--out", str(out), "--follow-links")
    assert recs["input/alias.txt"]["status"] == "ok"
    assert recs["input/sub-link/thong-bao.txt"]["status"] == "ok"
    assert "input/sub-link" not in recs


@pytest.mark.slow
def test_output_inside_the_input_is_never_read(tree, monkeypatch):
    """`vanban run . --out out` twice: one record per document, the run's own files never read."""
    inp = tree / "input"
    for link in ("ext", "up", "alias.txt", "sub-link", "secret.txt"):
        (inp / link).unlink()
    monkeypatch.chdir(inp)
    for _ in range(2):
        recs = vanban_run(".", "--out", "out")
        assert sorted(recs) == ["input/ke-hoach.txt", "input/sub/thong-bao.txt"]
        assert all(r["status"] == "ok" for r in recs.values())
    # a link into the output from inside the input is a record, never a read
    os.symlink("out", inp / "ket-qua")
    recs = vanban_run(".", "--out", "out", "--follow-links")
    assert code(recs["input/ket-qua"]) == "link_into_output"
    assert len(recs) == 3
    # an input inside the output is refused as input
    recs = vanban_run(str(inp), "out/.state", "--out", "out")
    assert code(recs[".state"]) == "in_output"


def test_a_named_input_that_fails_every_read_is_unreadable(tmp_path):
    """A link the user names is read (it is an input); one whose reads fail (EIO) is `unreadable`."""
    os.symlink("/proc/self/mem", tmp_path / "io-error.txt")
    ok = tmp_path / "ke-hoach.txt"
    ok.write_text(PLAN, encoding="utf-8")
    recs = vanban_run(str(tmp_path / "io-error.txt"), str(ok), "--out", str(tmp_path / "out"))
    assert code(recs["io-error.txt"]) == "unreadable"
    assert recs["ke-hoach.txt"]["status"] == "ok"


# ------------------------------------------------------------------ exports

@pytest.fixture(scope="module")
def run_dir(tmp_path_factory) -> Path:
    return build_sample_run(tmp_path_factory.mktemp("hostile-export") / "out")


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("url,cause", [
    ("postgresql+psycopg://vanban:S3cr3t-pw@127.0.0.1:{port}/vanban", "Connection refused"),   # unreachable
    ("postgresql://vanban:S3cr3t-pw@127.0.0.1:{port}/vanban", "Connection refused"),            # plain URL
    ("postgresql://vanban:S3cr3t-pw@127.0.0.1:port/vanban", "not a database URL"),              # malformed
    ("vanban:S3cr3t-pw@localhost/db", "not a database URL"),
    ("nosuchdb+driver://vanban:S3cr3t-pw@localhost/db", "unknown database dialect"),
    ("sqlite:///{tmp}/missing/folder/vanban.db", "does not exist"),
])
def test_export_failures_are_one_line_without_password(run_dir, tmp_path, url, cause):
    url = url.format(port=_closed_port(), tmp=tmp_path)
    res = CliRunner().invoke(main, ["export", str(run_dir), "--to", url])
    assert res.exit_code == 1, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), res.output
    assert cause in lines[0]
    assert "S3cr3t-pw" not in res.output and "Traceback" not in res.output


def test_export_failure_in_a_real_process(run_dir, tmp_path):
    """The command as a user runs it: stderr holds one line, exit code 1."""
    url = f"postgresql://vanban:S3cr3t-pw@127.0.0.1:{_closed_port()}/vanban"
    done = subprocess.run([sys.executable, "-m", "pipeline.apps.cli", "export", str(run_dir), "--to", url],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "S3cr3t-pw" not in done.stderr + done.stdout and "Traceback" not in done.stderr


FORMULAS = ['=HYPERLINK("http://evil.example/x","Bấm vào đây")', "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0"]


def test_csv_cells_never_start_a_formula(tmp_path):
    """A document whose title and headings are formulas, through `vanban run` and `vanban export --format csv`."""
    inp = tmp_path / "in"
    inp.mkdir()
    text = PLAN.replace("Triển khai công tác chuyển đổi số năm 2024", FORMULAS[0])
    text = text.replace("1. Sở Thông tin", "1. " + FORMULAS[0] + "\n- " + "\n".join(FORMULAS[1:]) + "\n2. Sở Thông tin")
    (inp / "ke-hoach.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    vanban_run(str(inp), "--out", str(out))
    res = CliRunner().invoke(main, ["export", str(out), "--format", "csv", "--with-text"])
    assert res.exit_code == 0, res.output
    cells, neutralized = 0, 0
    for f in sorted((out / "csv").glob("*.csv")):
        with open(f, encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                for value in row.values():
                    cells += 1
                    assert not value.startswith(("=", "+", "@", "\t", "\r")), (f.name, value)
                    assert not value.startswith("-") or _is_number(value), (f.name, value)
                    neutralized += value.startswith(("'=", "'+", "'-", "'@"))
    assert cells and neutralized >= 2
    docs = list(csv.DictReader(open(out / "csv" / "documents.csv", encoding="utf-8-sig", newline="")))
    assert docs[0]["title"] == "'" + FORMULAS[0]


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def test_negative_numbers_in_numeric_columns_stay_numbers(tmp_path):
    frame = pd.DataFrame({"delta": [-5, 12], "ratio": [-0.25, 1.5], "note": ["-5", "=1+1"],
                          "tab": ["\tx", "ok"], "cr": ["\rx", None]})
    export.neutralize_formulas(frame)
    frame.to_csv(tmp_path / "t.csv", index=False, encoding="utf-8-sig", lineterminator="\r\n")  # as export_csv
    with open(tmp_path / "t.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["delta"] for r in rows] == ["-5", "12"] and [r["ratio"] for r in rows] == ["-0.25", "1.5"]
    assert [r["note"] for r in rows] == ["'-5", "'=1+1"]
    assert rows[0]["tab"] == "'\tx" and rows[0]["cr"] == "'\rx" and rows[1]["cr"] == ""
