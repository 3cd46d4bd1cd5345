"""OCR of scans (`ocr`), lines cut at column gaps (`layout`), fixed phrases OCR damaged read back
(`ocr_repair`).
"""
