"""Graph keys of cited documents (issue 14): local bodies' numbers keyed with their place, laws cited by
name one node however the name is written. Records written for the test."""
from pipeline.resolve.graph import build_graph, place_of, title_key


def _doc(source, ident, issuer, refs):
    return {"status": "ok", "source": source, "references": refs,
            "metadata": {"identifier": ident, "issued_date": "2026-03-01", "issuer": issuer}}


def test_the_same_number_of_two_provinces_is_two_nodes():
    g = build_graph([
        _doc("a.txt", "15/KH-UBND", "Ủy ban nhân dân tỉnh Hà Tĩnh",
             [{"identifier": "88/QĐ-UBND", "date": "2025-04-02", "issuer": "Ủy ban nhân dân tỉnh Hà Tĩnh"}]),
        _doc("b.txt", "16/KH-UBND", "Ủy ban nhân dân tỉnh Cà Mau",
             [{"identifier": "88/QĐ-UBND", "date": "2025-04-02", "issuer": "Ủy ban nhân dân tỉnh Cà Mau"}]),
    ])
    assert len([n for n in g.nodes if n.startswith("ref:88/QĐ-UBND")]) == 2


def test_a_citation_without_year_joins_the_one_node_of_its_number():
    g = build_graph([_doc("a.txt", "15/KH-UBND", "Ủy ban nhân dân tỉnh Hà Tĩnh", [
        {"identifier": "88/QĐ-UBND", "date": "2025-04-02", "issuer": "Ủy ban nhân dân tỉnh Hà Tĩnh"},
        {"identifier": "88/QĐ-UBND", "date": None, "issuer": None}])])
    assert len([n for n in g.nodes if n.startswith("ref:88/QĐ-UBND")]) == 1


def test_an_unnumbered_law_is_one_node_however_it_is_written():
    g = build_graph([_doc("a.txt", "15/KH-UBND", "Ủy ban nhân dân tỉnh Hà Tĩnh", [
        {"identifier": None, "title": "Luật Đầu tư công năm 2024"},
        {"identifier": None, "title": "Luật đầu tư công"},
        {"identifier": None, "title": "Luật Đầu tư, công"}])])
    assert [n for n in g.nodes if n.startswith("ref:title:")] == ["ref:title:luat dau tu cong"]


def test_keys():
    assert place_of("Ủy ban nhân dân tỉnh Hà Tĩnh") == "ha tinh"
    assert place_of("Bộ Tài chính") is None
    assert title_key("Luật Thi đua, Khen thưởng năm 2022") == title_key("Luật thi đua khen thưởng")


def test_a_law_cited_by_name_alone_joins_the_node_of_its_number_given_elsewhere():
    g = build_graph([
        _doc("a.txt", "15/KH-UBND", "Ủy ban nhân dân tỉnh Hà Tĩnh",
             [{"identifier": "61/2024/QH15", "title": "Luật Điện lực", "date": "2024-11-30", "issuer": "Quốc hội"}]),
        _doc("b.txt", "16/KH-UBND", "Ủy ban nhân dân tỉnh Cà Mau",
             [{"identifier": None, "title": "Luật Điện lực năm 2024", "issuer": "Quốc hội"}])])
    assert [n for n in g.nodes if n.startswith("ref:")] == ["ref:61/2024/QH15@2024"]
    assert g.in_degree("ref:61/2024/QH15@2024") == 2
