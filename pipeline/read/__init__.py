"""Stage 1, read: any supported file to text (sniff, docx, doc, pdf, image, rtf, text), old encodings
converted (`legacy`), then normalized with an offset map (`normalize`). Scans go through `ocr/`.
"""
