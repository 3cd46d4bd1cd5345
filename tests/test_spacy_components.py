"""The extractors plug into spaCy as registered components."""
import spacy

import pipeline.extract.spacy_components  # noqa: F401  (registers the factories)

TEXT = ("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 12/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nLâm Đồng, ngày 05 tháng 01 năm 2022\nKẾ HOẠCH\nThực hiện nhiệm vụ\n"
        "Căn cứ Kế hoạch số 4088/KH-UBND ngày 28/10/2021 của UBND tỉnh;\n"
        "I. NHIỆM VỤ\n1. Giao Sở Nội vụ chủ trì, phối hợp với Sở Tài chính hoàn thành trước ngày 30/6/2026.\n")


def test_components_fill_doc_spans():
    nlp = spacy.blank("xx")
    nlp.add_pipe("vanban_references")
    nlp.add_pipe("vanban_dates")
    doc = nlp(TEXT)
    (ref,) = doc.spans["references"]
    assert ref._.vanban["identifier"] == "4088/KH-UBND" and ref.label_ == "basis"
    assert "4088/KH-UBND" in ref.text
    deadlines = [s for s in doc.spans["dates"] if s._.vanban["value"] == "2026-06-30"]
    assert deadlines and deadlines[0].label_ == "deadline" and deadlines[0]._.vanban["section"] == "I/1"
    assert "bodies" not in doc.spans


def test_one_component_for_all_fields():
    nlp = spacy.blank("xx")
    nlp.add_pipe("vanban_extract")
    doc = nlp(TEXT)
    assert set(doc.spans) == {"references", "bodies", "dates", "targets"}
    names = {s._.vanban["name"] for s in doc.spans["bodies"]}
    assert {"Sở Nội vụ", "Sở Tài chính"} <= names
