"""The data dictionary of a run's tables and views, and the views built on `resolve`'s output.

`COLUMNS` describes every column; `write_duckdb` stores it as DuckDB `COMMENT`s (read them with
`SELECT table_name, column_name, comment FROM duckdb_columns()`), the README's data dictionary is
`python -m pipeline.store.dictionary` and a test keeps both in step with the tables.

The views are SQL over the tables the run writes, among them the citation graph `resolve/graph`
builds (`graph_nodes`, `graph_edges`): nothing is resolved twice, the HTTP API reads the same views.
"""
from __future__ import annotations

_SPAN = {"start": "offset of the value's first character in the document's normalized text",
         "end_offset": "offset just past the value's last character (the JSONL's `end`)",
         "section": "path of the section holding the value (`II/2/2.4`)",
         "text": "the value as written in the text",
         "page": "page of a PDF or image holding the value (1-based)",
         "low_confidence": "OCR read a word of the value below confidence 60: check it on the scan"}
_DOC = {"doc_id": "stable integer id of the document (from its source path; same file, same id)",
        "source": "the input file's path below its input folder, `/`-separated (the JSONL key)"}

TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "documents": ("one row per input file, errors included", {
        **_DOC, "sha256": "SHA-256 of the file", "status": "ok or error",
        "error_code": "stable error code when status is error (`corrupt_pdf`, `no_text`, …)",
        "error_message": "what went wrong, in words", "format": "format the content proved (`pdf`, `docx`, …)",
        "doc_type": "document type (Kế hoạch, Quyết định, …)", "identifier": "số và ký hiệu (`4088/KH-UBND`)",
        "issuer": "issuing body", "parent_issuer": "the body above the issuer in the header",
        "place": "place in the date line", "issued_date": "date of issue (DATE; NULL when the day is not given)",
        "year": "year of issue", "title": "trích yếu: what the document is about",
        "signer_name": "who signed", "signer_title": "the signer's title",
        "signer_authority": "TM./KT./Q. authority line", "pages": "pages of a PDF or image",
        "n_chars": "length of the normalized text", "n_sections": "rows in sections",
        "n_citations": "rows in citations", "n_bodies": "rows in bodies", "n_dates": "rows in dates",
        "n_targets": "rows in targets", "text": "the normalized text every offset points into"}),
    "sections": ("numbered parts of each document (I., 1., 1.1, a), Điều 2 …)", {
        **_DOC, "path": "the section's path (`II/2/2.4`)", "label": "its number as written",
        "heading": "its heading", "level": "depth, 1 for the top level", **_SPAN}),
    "citations": ("documents cited in each document's text (the JSONL's `references`)", {
        **_DOC, "doc_type": "type of the cited document", "identifier": "its số và ký hiệu",
        "date": "its date of issue (DATE)", "issuer": "its issuer", "title": "its title when given",
        "relation": "basis, implements, guides, amends, replaces, repeals or mentions", **_SPAN}),
    "bodies": ("bodies (agencies, committees, units) named in each document, with their role", {
        **_DOC, "name": "canonical name", "name_as_written": "the name as the text writes it",
        "role": "lead, coordinate, advise, monitor, report_to or recipient", **_SPAN}),
    "dates": ("time expressions: deadlines, events, periods, recurrences", {
        **_DOC, "value": "normalized value: a day, month, quarter (`2026-Q2`), half, year, period "
                         "(`2021/2025`) or recurrence (`monthly`)",
        "date_from": "first day the value covers (DATE; NULL for a recurrence)",
        "date_to": "last day the value covers (DATE; NULL for a recurrence)",
        "kind": "deadline, event, period or recurrence", **_SPAN}),
    "targets": ("quantitative objectives (`đạt 95%`, `ít nhất 3 lớp`)", {
        **_DOC, "value": "the number", "unit": "its unit (`%`, `lớp`, …)", "comparator": "=, >, >=, < or <=",
        "subject": "what is measured", "year": "the year the target is for", **_SPAN}),
    "tasks": ("one row per numbered section or bullet that gives a body work to do", {
        **_DOC, "section": "path of the section", "bullet": "number of the bullet in the section, if one",
        "heading": "the section's heading", "text": "the task's text (shortened)",
        "lead": "bodies in charge (list)", "coordinate": "bodies that coordinate (list)",
        "deadlines": "deadline values in the task (list, as in dates.value)",
        "due": "last day of the earliest deadline (DATE)", "targets": "targets in the task (list of structs)",
        "start": "offset of the task's first character", "end_offset": "offset just past its last"}),
    "bodies_distinct": ("each body once across the run, with the ways it was written", {
        "body_key": "join key: the canonical name, case- and spacing-folded",
        "name": "the canonical name most often given", "variants": "every spelling seen (list)",
        "roles": "roles it takes (list)", "count": "mentions", "n_documents": "documents naming it",
        "documents": "their sources (list)"}),
    "graph_nodes": ("the citation graph's nodes: documents of the run and cited documents outside it", {
        "node_id": "node key (`doc:SOURCE`, or `ref:IDENTIFIER@YEAR` outside the run)",
        "doc_id": "the document's doc_id when it is in the run", "kind": "document or cited",
        "doc_type": "type", "identifier": "số và ký hiệu", "year": "year of issue", "issuer": "issuer",
        "title": "title", "source": "source path when in the run", "label": "short label",
        "in_degree": "citations received", "out_degree": "citations made"}),
    "graph_edges": ("the citation graph's edges: one per citation", {
        "source_node": "citing node", "target_node": "cited node", "relation": "as in citations.relation",
        "doc_id": "the citing document's doc_id", "source": "the citing document's source",
        "text": "the citation as written", "start": "its offset in the citing text",
        "end_offset": "offset just past it"}),
}

# Views over the tables above; `cites` and `citation_targets` read the graph `resolve` built.
VIEWS: dict[str, tuple[str, str]] = {
    "errors": ("files the run could not read",
               "SELECT doc_id, source, format, error_code, error_message FROM documents WHERE status = 'error'"),
    "citation_targets": (
        "each citation with the document of the run it resolves to (NULL columns when outside the run)",
        """SELECT c.*, n.node_id AS target_node, n.source AS target_source, n.doc_id AS target_doc_id,
                  n.year AS target_year
           FROM citations c
           LEFT JOIN graph_edges e ON e.doc_id = c.doc_id AND e.start = c.start AND e.end_offset = c.end_offset
           LEFT JOIN graph_nodes n ON n.node_id = e.target_node"""),
    "cites": (
        "one row per (citing document, cited document, relation): who cites what",
        """SELECT d.doc_id AS citing_doc_id, d.source AS citing_source, d.doc_type AS citing_doc_type,
                  d.identifier AS citing_identifier, d.issued_date AS citing_date, d.title AS citing_title,
                  e.relation AS relation, n.node_id AS cited_node, n.doc_id AS cited_doc_id,
                  n.source AS cited_source, n.doc_type AS cited_doc_type, n.identifier AS cited_identifier,
                  n.year AS cited_year, n.issuer AS cited_issuer, n.title AS cited_title,
                  count(*) AS mentions, min(e.start) AS first_start
           FROM graph_edges e JOIN graph_nodes n ON n.node_id = e.target_node
           JOIN documents d ON d.doc_id = e.doc_id
           GROUP BY ALL"""),
    "task_bodies": (
        "one row per (task, body, role): tasks by body",
        """SELECT t.doc_id, t.source, t.section, t.bullet, t.heading, unnest(t.lead) AS body, 'lead' AS role,
                  t.due, t.text, t.start, t.end_offset FROM tasks t
           UNION ALL
           SELECT t.doc_id, t.source, t.section, t.bullet, t.heading, unnest(t.coordinate) AS body,
                  'coordinate' AS role, t.due, t.text, t.start, t.end_offset FROM tasks t"""),
}


def columns(table: str) -> dict[str, str]:
    return TABLES[table][1]


def sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def apply(con) -> None:
    """Create the views and store the dictionary as COMMENTs on a DuckDB connection."""
    present = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    for name, (about, sql) in VIEWS.items():
        needs = {"graph_edges", "graph_nodes"} if name in ("cites", "citation_targets") else set()
        needs |= {"tasks"} if name == "task_bodies" else {"documents"}
        if needs <= present:
            con.execute(f"CREATE OR REPLACE VIEW {name} AS {sql}")
            con.execute(f"COMMENT ON VIEW {name} IS {sql_literal(about)}")
    for table, (about, cols) in TABLES.items():
        if table not in present:
            continue
        con.execute(f"COMMENT ON TABLE {table} IS {sql_literal(about)}")
        have = {r[0] for r in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = ?",
                                          [table]).fetchall()}
        for col, text in cols.items():
            if col in have:
                con.execute(f"COMMENT ON COLUMN {table}.{col} IS {sql_literal(text)}")


def markdown() -> str:
    """The data dictionary as Markdown (the README's section)."""
    out = []
    for table, (about, cols) in TABLES.items():
        out.append(f"**`{table}`**: {about}.\n")
        out.append("| column | meaning |\n|---|---|")
        out += [f"| `{c}` | {t} |" for c, t in cols.items()]
        out.append("")
    out.append("**Views**: " + "; ".join(f"`{n}`: {about}" for n, (about, _) in VIEWS.items()) + ".")
    return "\n".join(out)


if __name__ == "__main__":
    print(markdown())
