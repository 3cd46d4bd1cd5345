"""Issue 16: the faster ingest reads exactly what the slower one did, and the scheduler's pieces."""
from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

import docx
import pytest

from pipeline.read import docx as docx_reader
from pipeline.read import legacy
from pipeline.read.docx_xml import read_docx_xml
from pipeline.read.normalize import _translate, normalize
from pipeline.run.jobs import Task, largest_first


def _tricky_docx(path: Path) -> Path:
    """Merged cells both ways, a nested table, a hyperlink-free run mix, breaks and tabs."""
    d = docx.Document()
    p = d.add_paragraph("Đầu\tdòng ")
    run = p.add_run("một")
    run.add_break()
    run.add_text("hai")
    d.add_paragraph("")
    t = d.add_table(rows=5, cols=4)
    for i, row in enumerate(t.rows):
        for j, cell in enumerate(row.cells):
            cell.text = f"ô {i}.{j}"
    t.cell(0, 0).merge(t.cell(0, 1))          # across
    t.cell(1, 2).merge(t.cell(3, 2))          # down
    t.cell(2, 0).merge(t.cell(3, 1))          # both
    inner = t.cell(4, 3).add_table(rows=2, cols=2)
    inner.cell(0, 0).text = "trong"
    inner.cell(1, 1).text = "bảng"
    layout = d.add_table(rows=2, cols=2)
    layout.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG"
    layout.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    layout.cell(1, 0).merge(layout.cell(1, 1))
    layout.cell(1, 0).text = "Số: 1/KH-UBND"
    d.add_paragraph("Cuối.")
    d.save(path)
    return path


def test_docx_from_xml_reads_what_python_docx_reads(tmp_path):
    path = _tricky_docx(tmp_path / "t.docx")
    old = docx_reader._read_python_docx(path)
    text, fonts = read_docx_xml(path)
    assert text == old.text
    assert "ô 1.2" in text and "trong" in text
    assert docx_reader.read_docx(path, docx_reader.Limits()).text == old.text


def test_docx_parts_are_inflated_once(tmp_path, monkeypatch):
    """The XML walk parses the parts the zip check inflated (the bytes zipfile would give), so no part
    is read from the zip a second time; the text is what reading them from the zip gives."""
    import zipfile

    path = _tricky_docx(tmp_path / "t.docx")
    parts = docx_reader._check_zip(path, docx_reader.Limits())
    with zipfile.ZipFile(path) as zf:
        xml = [n for n in zf.namelist() if n.endswith((".xml", ".rels"))]
        assert set(parts) == set(xml) and all(parts[n] == zf.read(n) for n in xml)
    want = read_docx_xml(path)
    reads = []
    real_read = zipfile.ZipFile.read
    monkeypatch.setattr(zipfile.ZipFile, "read", lambda zf, name, *a: reads.append(name) or real_read(zf, name, *a))
    assert docx_reader.read_docx(path, docx_reader.Limits()).text == want[0]
    assert reads == []


def test_docx_from_xml_leaves_the_unexpected_to_python_docx(tmp_path, monkeypatch):
    path = _tricky_docx(tmp_path / "t.docx")
    import pipeline.read.docx_xml as fast

    def boom(_path, _parts=None):
        raise fast.Unexpected("test")
    assert docx_reader.read_docx(path, docx_reader.Limits()).reader_fallback is None
    assert docx_reader.read_docx(path, docx_reader.Limits()).reader == "lxml"
    monkeypatch.setattr(fast, "read_docx_xml", boom)
    slow = docx_reader.read_docx(path, docx_reader.Limits())
    assert slow.text == docx_reader._read_python_docx(path).text
    assert slow.reader_fallback == "the DOCX XML walk failed: Unexpected: test"   # the record says so
    assert slow.reader == "python-docx"


def test_legacy_detected_once_per_file_on_a_sample():
    tcvn3 = "Céng hoµ x· héi chñ nghÜa ViÖt Nam"
    unicode_line = "Cộng hòa xã hội chủ nghĩa Việt Nam, độc lập tự do hạnh phúc"
    assert legacy.detect("\n".join([tcvn3] * 2000)) == "tcvn3"
    assert legacy.detect("\n".join([unicode_line] * 2000)) is None
    # a Unicode file with a few legacy lines that a sample misses is still found, as before
    lines = [unicode_line] * 3000
    for i in (5, 1501, 2999):
        lines[i] = tcvn3
    assert legacy.detect("\n".join(lines)) == "tcvn3"
    assert legacy._evidences(tcvn3) == (legacy._evidence(tcvn3, "tcvn3"), legacy._evidence(tcvn3, "vni"))


def test_translate_keeps_the_offset_map():
    text = "a\u200bb\tc\u00ad\u00add\ufeff"
    assert _translate(text, list(range(len(text)))) == ("ab cd", [0, 2, 3, 4, 7])
    assert _translate("plain", [0, 1, 2, 3, 4]) == ("plain", [0, 1, 2, 3, 4])
    norm = normalize("Ð\u00a0x\u200by")
    assert norm.text == "Đ xy" and norm.offsets[:4] == [0, 1, 2, 4]


def test_costliest_files_first():
    tasks = [Task("a.docx", "a", None, size=500), Task("b.pdf", "b", None, size=400),
             Task("c.png", "c", None, size=150), Task("d.txt", "d", None, size=50)]
    assert [t.source for t in largest_first(iter(tasks))] == ["c", "b", "a", "d"]


def test_ocr_slots_bound_the_run_and_come_back():
    """Each tesseract process runs in a slot of the batch; the page's own work around it holds none."""
    from PIL import Image

    from pipeline.read.ocr import ocr

    slots = mp.get_context("spawn").BoundedSemaphore(1)
    held = mp.get_context("spawn").Value("i", 0)
    seen, around = [], []
    original, tsv = ocr.ocr_image, ocr._tesseract_tsv

    def page_read(image, page, dpi, lang, prepared=None):
        around.append(held.value)                           # before its tesseract: no slot held
        ocr.run_tesseract(Image.new("L", (8, 8), 255))
        around.append(held.value)                           # after: given back
        return ocr.OcrPage(page, [], 0.0, 0.0)

    try:
        ocr.ocr_image = page_read
        ocr._tesseract_tsv = lambda image, dpi, lang, psm: seen.append(held.value) or ""
        ocr.share_slots(slots, held)
        assert [p.page for p in ocr.read_stream(iter([(1, None, None), (2, None, None)]), max_workers=2)] == [1, 2]
        assert seen == [1, 1] and held.value == 0          # each process in the one slot, one after the other
        around.clear()
        assert [p.page for p in ocr.read_stream(iter([(1, None, None), (2, None, None)]), max_workers=1)] == [1, 2]
    finally:
        ocr.ocr_image, ocr._tesseract_tsv = original, tsv
        ocr.share_slots(None)
    assert around == [0, 0, 0, 0] and held.value == 0
    assert slots.acquire(timeout=1)


@pytest.mark.parametrize("name", ["warm"])
def test_warm_up_never_raises(name):
    import importlib

    importlib.import_module(f"pipeline.run.{name}").warm()


def test_phrases_match_the_longest_and_the_first_given():
    from pipeline.extract.bodies.phrases import Phrases
    from pipeline.extract.bodies.tokens import tokenize

    heads = Phrases([("Sở Nội vụ", "a"), ("Sở", "b"), ("Sở Nội vụ", "c"), ("Sở Nội vụ tỉnh", "d")],
                     fold=False, fold_rest=True)
    toks = tokenize("giao Sở nội vụ tỉnh Lâm Đồng; sở Nội vụ; Sở Nội")
    assert heads.match(toks, 1) == (4, "d")                 # the longest, the other words' case ignored
    assert heads.match(toks, 8) == (0, None)                # the first word's case counts
    assert heads.match(toks, 12) == (1, "b")                # `Sở Nội` at the end: only `Sở` fits
    assert heads.match(toks, len(toks)) == (0, None)
    cues = Phrases([("chủ trì", "lead"), ("Chủ trì", "other")])
    assert cues.match(tokenize("CHỦ TRÌ, phối hợp"), 0) == (2, "lead")   # equal phrases: the first given
    assert heads.firsts == frozenset({"sở"}) and cues.firsts == frozenset({"chủ"})


def test_pdfium_chars_read_what_pypdfium2_reads(tmp_path):
    """The character loop calls PDFium without pypdfium2's argument checks: same boxes, origins, sizes."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c
    from fpdf import FPDF

    from pipeline.read.pdfium_text import pdfium_chars

    doc = FPDF(unit="pt", format="A4")
    doc.add_page()
    for i, size in enumerate((8, 12, 30)):
        doc.set_font("Helvetica", size=size)
        doc.text(50 + 10 * i, 100 + 60 * i, f"Line {i}: 12/KH - x")
    doc.output(str(tmp_path / "t.pdf"))
    pdf = pdfium.PdfDocument(str(tmp_path / "t.pdf"))
    page = pdf[0]
    textpage = page.get_textpage()
    try:
        height = page.get_height()
        chars = pdfium_chars(textpage, height)
        text = textpage.get_text_range(0, textpage.count_chars())
        assert len(chars) == len(text) and sum(c is not None for c in chars) > 30
        x, y = ctypes.c_double(), ctypes.c_double()
        for i, c in enumerate(chars):
            if c is None:
                continue
            left, _, right, _ = textpage.get_charbox(i)
            assert pdfium_c.FPDFText_GetCharOrigin(textpage.raw, i, ctypes.byref(x), ctypes.byref(y))
            size = max(1.0, pdfium_c.FPDFText_GetFontSize(textpage.raw, i))
            assert (c["ch"], c["x0"], c["x1"], c["bottom"], c["size"]) == (text[i], left, right, height - y.value, size)
        assert {round(c["size"]) for c in chars if c} == {8, 12, 30}
    finally:
        textpage.close()
        page.close()
        pdf.close()


def test_page_walk_reads_what_pypdfium2_reads(tmp_path, monkeypatch):
    """The page walk calls PDFium without pypdfium2's argument checks: the same images and rules."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c
    from fpdf import FPDF
    from PIL import Image

    from pipeline.read import pdfium_text

    Image.new("RGB", (40, 30), (200, 30, 30)).save(tmp_path / "seal.png")
    doc = FPDF(unit="pt", format="A4")
    doc.add_page()
    doc.set_font("Helvetica", size=11)
    for i in range(4):                               # a grid of three rows and three columns
        doc.line(60, 100 + 20 * i, 360, 100 + 20 * i)
        doc.line(60 + 100 * i, 100, 60 + 100 * i, 160)
    doc.text(70, 115, "Ten don vi")
    doc.image(str(tmp_path / "seal.png"), x=400, y=600, w=120)
    doc.output(str(tmp_path / "t.pdf"))
    pdf = pdfium.PdfDocument(str(tmp_path / "t.pdf"))
    page = pdf[0]
    try:
        fast = pdfium_text.page_objects(page)
        monkeypatch.setattr(pdfium_text, "_object_calls", lambda: (
            pdfium_c.FPDFPage_GetObject, pdfium_c.FPDFPageObj_GetType, pdfium_c.FPDFPageObj_GetBounds))
        checked = pdfium_text.page_objects(page)
    finally:
        page.close()
        pdf.close()
    images, hrules, vrules = fast
    assert len(images) == 1 and len(hrules) >= 4 and len(vrules) >= 4
    assert fast == checked


def test_word_breaks_are_every_space_python_knows():
    """The character loop tests a set, not str.isspace(): the set must hold exactly those characters."""
    from pipeline.read.pdfium_text import _BREAKS

    assert _BREAKS == {chr(c) for c in range(0x110000) if chr(c).isspace()} | {"\x00"}


def _char(ch, x0, x1, bottom, size=10.0, **kw):
    return {"ch": ch, "x0": x0, "x1": x1, "top": bottom - size, "bottom": bottom, "size": size, **kw}


def test_words_from_chars_joins_and_breaks_as_before():
    """Words kept in local variables while built: the same words, boxes and order as the dict-per-word loop."""
    from pipeline.read.pdfium_text import words_from_chars

    chars = [
        _char("S", 10, 16, 100), _char("ố", 16, 22, 100.5, size=11.0), _char(":", 22, 24, 99.8),
        None,
        _char("1", 40, 45, 100), _char("2", 45, 50, 100),
        _char("x", 80, 85, 100),                                  # gap over 0.6 of the size: a new word
        _char("\ufffe", 85, 88, 100, hyphen=True),                # a line-breaking hyphen ends the word
        {"hyphen": True},                                         # one without a box, after it
        None,
        {"hyphen": True},                                         # a boxless hyphen with no word: nothing
        _char("\ufffe", 5, 8, 120, hyphen=True),                  # with a box and no word: a word of its own
        _char("y", 200, 205, 300), _char("z", 204, 209, 140),     # another baseline: a new word
    ]
    words = words_from_chars(chars)
    assert [w["text"] for w in words] == ["Số:", "12", "x--", "\ufffe", "y", "z"]
    assert words[0] == {"x0": 10, "x1": 24, "top": 89.5, "bottom": 100.5, "text": "Số:"}
    assert list(words[0]) == ["x0", "x1", "top", "bottom", "text"]
    assert (words[4]["x0"], words[4]["x1"], words[5]["bottom"]) == (200, 205, 140)
    # a tie keeps the first value, as max() and min() do: -0.0 stays where 0.0 came first
    tie = words_from_chars([_char("a", -5.0, 0.0, 10.0, size=10.0), _char("b", -0.0, -0.0, 10.0, size=10.0)])
    assert str(tie[0]["x1"]) == "0.0" and tie[0]["text"] == "ab"


def test_case_name_cached_reads_as_before():
    from pipeline.text.names import case_name

    for name in ("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "Sở Tư pháp", "UBND TỈNH"):
        assert case_name(name) == case_name.__wrapped__(name)
    assert case_name("SỞ TƯ PHÁP") == "Sở Tư pháp"


def test_tokenize_reuses_the_line_it_just_read():
    from pipeline.extract.bodies.tokens import TOKEN, Tok, tokenize

    def fresh(text, offset):
        return [Tok(offset + m.start(), offset + m.end(), m.group(0)) for m in TOKEN.finditer(text)]

    line = "2. Sở Nội vụ (chủ trì), phối hợp “Ban Dân tộc”; báo cáo!"
    whole = tokenize(line, 100)
    whole.append("a caller's own change")
    for cut in range(len(line) + 1):     # at a token's start, inside one, in a gap
        assert tokenize(line[cut:], 100 + cut) == fresh(line[cut:], 100 + cut)
        tokenize(line, 100)
    assert tokenize(line, 7) == fresh(line, 7)          # the same text elsewhere: its own offsets


def test_rows_prepared_as_records_arrive_write_the_same_dataset(tmp_path):
    """The rows `run.batch` makes as each record arrives give the same tables as rows made at the end."""
    import pyarrow.parquet as pq

    from pipeline.run.process import process_text
    from pipeline.store.dataset import prepare, unprepare, write_lines
    from pipeline.store.lines import encode_record
    from pipeline.store.tables import rows_of

    text = ("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 12/KH-UBND\nLâm Đồng, ngày 05 tháng 01 năm 2025\nKẾ HOẠCH\n"
            "Triển khai cải cách hành chính năm 2025\nI. TỔ CHỨC THỰC HIỆN\n1. Giao Sở Nội vụ chủ trì, thực "
            "hiện theo Quyết định số 1441/QĐ-UBND ngày 10/6/2024 của UBND tỉnh; hoàn thành trước ngày 30/6/2025.\n")
    recs = [process_text("a/kh-12.txt", text), process_text("a/empty.txt", "Không có gì.")]
    rows, cited = unprepare(prepare(recs[0]))
    assert rows == rows_of(recs[0]) and cited["references"] == recs[0]["references"]
    assert rows["documents"][0]["issued_date"].isoformat() == "2025-01-05"
    lines = [encode_record(r) for r in recs]
    write_lines(lines, tmp_path / "from_lines")
    write_lines([(line, prepare(r)) for line, r in zip(lines, recs)], tmp_path / "prepared")
    for table in ("documents", "citations", "dates", "tasks", "bodies", "graph_edges"):
        a, b = (pq.read_table(tmp_path / run / f"{table}.parquet") for run in ("from_lines", "prepared"))
        assert a.num_rows and a.equals(b), table
    assert (tmp_path / "from_lines" / "documents.jsonl").read_bytes() == \
        (tmp_path / "prepared" / "documents.jsonl").read_bytes()


def test_normalize_without_offsets_gives_the_same_text():
    from pipeline.read.normalize import _CHARMAP

    every_mapped = "".join(chr(c) for c in _CHARMAP)
    raw = (f"  KẾ HOẠCH**tổng kết\nHo\u0323p   ngày – 5 {every_mapped}\n\n\nLâm Đồng, ngày\n  tháng 5 năm 2025 \n"
           "các cơ quan, đơn vị có liên quan\ntriển khai thực hiện kế hoạch này một cách nghiêm túc và hiệu quả\n")
    for fmt, wrapped in (("txt", True), ("md", True), ("pdf", True), ("docx", False)):
        full, bare = normalize(raw, fmt, wrapped), normalize(raw, fmt, wrapped, offsets=False)
        assert bare.text == full.text and bare.offsets is None
        assert len(full.offsets) == len(full.text) + 1
    assert _translate(every_mapped, list(range(len(every_mapped))))[0] == every_mapped.translate(_CHARMAP)


def test_workers_run_the_parents_pipeline_whatever_the_current_folder(tmp_path):
    """Run from a folder holding another `pipeline/` (another checkout), the fork server and the
    workers never import it: the current folder is not first on the server's path."""
    import os
    import subprocess
    import sys

    other = tmp_path / "other-checkout"
    (other / "pipeline").mkdir(parents=True)
    marker = tmp_path / "imported"
    (other / "pipeline" / "__init__.py").write_text(f"open({str(marker)!r}, 'a').write('other checkout')\n")
    doc = tmp_path / "kh.txt"
    doc.write_text("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 1/KH-UBND\nKẾ HOẠCH\nVề cải cách hành chính\n",
                   encoding="utf-8")
    script = tmp_path / "scripts" / "run_one.py"
    script.parent.mkdir()
    script.write_text("import sys\nfrom pathlib import Path\nfrom pipeline.run.batch import records_in_order\n"
                      "if __name__ == '__main__':\n"
                      "    print([r['status'] for r in records_in_order([(Path(sys.argv[1]), 'kh.txt')], 1)])\n")
    root = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", "")}
    env.pop("PYTHONSAFEPATH", None)
    out = subprocess.run([sys.executable, str(script), str(doc)], cwd=other, env=env, capture_output=True,
                         text=True, timeout=300)
    assert out.stdout.strip() == "['ok']", out.stderr[-2000:]
    assert not marker.exists()


def test_head_start_reads_word_files_while_the_workers_start(tmp_path):
    """While the fork server loads, the run's own process reads the Word files it is given first; the
    record made from what it read is the record the worker would have made reading the file itself."""
    import time

    from pipeline.read.ingest import ingest
    from pipeline.run.jobs import RunLimits
    from pipeline.run.local import _head_start
    from pipeline.run.process import process_file

    word = _tricky_docx(tmp_path / "t.docx")
    plain = tmp_path / "p.txt"
    plain.write_text("Số: 1/KH-UBND\nKẾ HOẠCH\nThực hiện nhiệm vụ năm 2026\n", encoding="utf-8")
    fake = tmp_path / "f.docx"
    fake.write_text("not a zip at all", encoding="utf-8")
    tasks = [Task(str(word), "t.docx", None, size=word.stat().st_size), Task(str(plain), "p.txt", None, size=60),
             Task(str(fake), "f.docx", None, size=16)]
    out = list(_head_start(iter(tasks), RunLimits(), lambda: time.sleep(0.5)))
    assert [t.source for t in out] == ["t.docx", "p.txt", "f.docx"]
    assert out[0].raw is not None and out[0].raw.text == ingest(word).text
    assert out[1].raw is None and out[2].raw is None   # not Word; not readable: left to the worker
    assert process_file(word, "t.docx", raw=out[0].raw) == process_file(word, "t.docx")


def test_a_worker_takes_a_task_without_a_file_read_for_it(tmp_path):
    """A run process of another checkout (`python -m` from a folder holding one) sends three items:
    the worker reads the file itself rather than failing on every file."""
    import os
    from multiprocessing import Pipe

    from pipeline.run.jobs import RunLimits
    from pipeline.run.local import _worker_main

    f = tmp_path / "p.txt"
    f.write_text("Số: 2/KH-UBND\nKẾ HOẠCH\nTập huấn cán bộ năm 2026\n", encoding="utf-8")
    parent, child = Pipe()
    parent.send((str(f), "p.txt", None))
    parent.send(None)
    _worker_main(child, RunLimits(), {k: v for k, v in os.environ.items() if k.startswith("VANBAN_")})
    assert parent.recv().status == "ok"


def test_spacy_is_imported_without_its_command_line_which_stays_importable():
    """The model's spaCy leaves out `spacy.cli` (a third of its import time), yet training and
    `spacy.info` still find the real command line afterwards."""
    import subprocess
    import sys

    code = ("import sys; import pipeline.extract.bodies.model; "
            "assert 'spacy.cli' not in sys.modules and 'weasel' not in sys.modules; "
            "import spacy, spacy.cli; from spacy.cli.info import info; "
            "assert spacy.cli.__file__ and spacy.info.__module__ == 'pipeline.extract.spacy_lite'")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_ocr_work_ahead_only_on_a_spare_core():
    import threading
    import time
    from concurrent.futures import Future

    from pipeline.read.ocr import slots

    ctx = mp.get_context("spawn")
    sem, held, idle = ctx.BoundedSemaphore(2), ctx.Value("i", 0), ctx.Value("i", 0)

    def later() -> Future:
        f = Future()
        threading.Timer(0.2, f.set_result, ["tsv"]).start()
        return f

    def failing():
        raise ValueError("made again by the caller")

    try:
        assert not slots.spare_while(later())               # outside a batch: nothing ahead
        slots.share(sem, held, idle)
        assert not slots.spare_while(later())               # no worker idle: waits for the reading
        idle.value = 1
        assert sem.acquire() and sem.acquire()
        assert not slots.spare_while(later())               # a worker idle, but every slot reading
        sem.release(), sem.release()
        assert slots.spare_while(later()) and held.value == 1
        assert slots.made(slots.run_ahead(lambda: "lifted")) == "lifted"
        assert slots.spare_while(later())
        assert slots.made(slots.run_ahead(failing)) is None and slots.made(False) is None
        for _ in range(100):                                # the slots come back as the work ends
            if held.value == 0:
                break
            time.sleep(0.01)
        assert held.value == 0 and sem.acquire(timeout=1) and sem.acquire(timeout=1)
    finally:
        slots.share(None)


def test_bench_machine_busy_counts_every_core_not_idle():
    """The bench's `busy` column: guest time is inside user time, and I/O wait is idle."""
    import collections
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    from bench import machine_busy

    times = collections.namedtuple("times", "user nice system idle iowait guest guest_nice")
    assert machine_busy(times(0, 0, 0, 0, 0, 0, 0), times(6, 0, 2, 1, 1, 3, 0)) == 0.8
    assert machine_busy(times(1, 0, 0, 5, 0, 0, 0), times(1, 0, 0, 9, 0, 0, 0)) == 0.0
