"""vanban: Vietnamese directives and plans to a normalized dataset and a citation graph.

Four verbs, one per stage, for a notebook or a script (the `vanban` command runs the same
stages over whole folders, see `pipeline.run`):

- `read_document(path)`: any supported file to text, with what the read found (format, pages, OCR);
- `parse_text(text)`: that text normalized and parsed (header, sections, closing);
- `extract_from(parsed)`: the references, bodies, dates and targets of a parsed document;
- `resolve_corpus(records)`: the citation graph of many records.

Each verb's docstring runs on `EXAMPLE`, a short plan (the tests run them as doctests).
"""
from __future__ import annotations

from pipeline.model import SCHEMA_VERSION, __version__

__all__ = ["read_document", "parse_text", "extract_from", "resolve_corpus", "SCHEMA_VERSION", "__version__"]

# a plan as the docstrings' examples read it: header, one numbered task, a citation, a deadline
EXAMPLE = """ỦY BAN NHÂN DÂN
TỈNH LÂM ĐỒNG
Số: 12/KH-UBND
Lâm Đồng, ngày 05 tháng 01 năm 2025
KẾ HOẠCH
Triển khai công tác cải cách hành chính năm 2025
I. TỔ CHỨC THỰC HIỆN
1. Giao Sở Nội vụ chủ trì triển khai Kế hoạch này, thực hiện theo Quyết định số 1441/QĐ-UBND
ngày 10/6/2024 của Ủy ban nhân dân tỉnh; hoàn thành trước ngày 30/6/2025.
"""


def read_document(path, limits=None):
    """Read one file (format sniffed from its bytes) into text: stage `read`.

    Returns a `read.base.Ingested`: `text`, `format`, `page_starts`, `ocr`, `legacy`. A file that
    cannot be read raises `read.base.IngestError` with a stable `code`.

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "ke-hoach.txt"
    >>> _ = path.write_text(EXAMPLE, encoding="utf-8")
    >>> read = read_document(path)
    >>> read.format, read.text.splitlines()[2]
    ('txt', 'Số: 12/KH-UBND')
    """
    from pipeline.read.ingest import ingest

    return ingest(path, limits)


def parse_text(text: str, source: str = "text", fmt: str = "txt", wrapped: bool = True):
    """Normalize a text and parse its header, sections and closing: stage `parse`.

    `fmt` and `wrapped` say how the text was read (`read_document` gives both: `.format`,
    `.wrapped`). Returns a `parse.document.Doc`, whose offsets point into its normalized `text`.

    >>> doc = parse_text(EXAMPLE)
    >>> doc.metadata["doc_type"], doc.metadata["identifier"], doc.metadata["issued_date"]
    ('Kế hoạch', '12/KH-UBND', '2025-01-05')
    >>> [(s["path"], s["heading"]) for s in doc.sections]
    [('I', 'TỔ CHỨC THỰC HIỆN'), ('I/1', None)]
    """
    from pipeline.parse.document import Doc
    from pipeline.parse.structure import parse
    from pipeline.read.normalize import normalize

    norm = normalize(text, fmt, wrapped)
    return Doc(source=source, text=norm.text, structure=parse(norm.text))


def extract_from(parsed) -> dict:
    """The record of a parsed document: metadata, sections and every extractor's items: stage `extract`.

    Every item carries `text`, `start`, `end` (offsets into `parsed.text`) and its `section`.

    >>> record = extract_from(parse_text(EXAMPLE))
    >>> [(r["doc_type"], r["identifier"], r["relation"]) for r in record["references"]]
    [('Quyết định', '1441/QĐ-UBND', 'implements')]
    >>> [(b["name"], b["role"]) for b in record["bodies"]]
    [('Sở Nội vụ', 'lead')]
    >>> [(d["value"], d["kind"]) for d in record["dates"]]
    [('2025', 'event'), ('2025-06-30', 'deadline')]
    """
    from pipeline.extract import extract_all

    return {"source": parsed.source, "status": "ok", "text": parsed.text, "metadata": parsed.metadata,
            "sections": parsed.sections, **extract_all(parsed)}


def resolve_corpus(records):
    """The citation graph of many records (from `extract_from` or a run's documents.jsonl): stage `resolve`.

    A `networkx.MultiDiGraph`: a node per document and per cited document, an edge per citation;
    a citation of a document the corpus holds points at that document's own node.

    >>> plan = extract_from(parse_text(EXAMPLE, source="ke-hoach.txt"))
    >>> decision = extract_from(parse_text("ỦY BAN NHÂN DÂN\\nTỈNH LÂM ĐỒNG\\nSố: 1441/QĐ-UBND\\n"
    ...                                    "Lâm Đồng, ngày 10 tháng 6 năm 2024\\nQUYẾT ĐỊNH\\nVề cải cách hành chính\\n",
    ...                                    source="quyet-dinh.txt"))
    >>> graph = resolve_corpus([plan, decision])
    >>> [(a, b, data["relation"]) for a, b, data in graph.edges(data=True)]
    [('doc:ke-hoach.txt', 'doc:quyet-dinh.txt', 'implements')]
    """
    from pipeline.resolve.graph import build_graph

    return build_graph(records)
