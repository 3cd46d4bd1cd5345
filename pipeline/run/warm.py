"""Imported in the local engine's fork server: load the bodies model and compile the rules once.

Every worker forks from the server, so each starts with the model loaded and the rules compiled
(shared copy-on-write) instead of paying for them on its first file, and again in every worker that
replaces a recycled one. A failure here changes nothing: the worker then loads what it needs itself.
"""
from __future__ import annotations

import os

_SAMPLE = ("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 1/KH-UBND\nLâm Đồng, ngày 2 tháng 3 năm 2024\nKẾ HOẠCH\n"
           "Thực hiện Quyết định số 1/QĐ-UBND ngày 2 tháng 3 năm 2024 của UBND tỉnh\nI. MỤC ĐÍCH\n"
           "1. Sở Nội vụ chủ trì, phối hợp với các sở, ngành đạt 100% trong năm 2025.\n"
           "Nơi nhận:\n- Như trên;\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn A\n")


def warm() -> None:
    try:
        if os.environ.get("VANBAN_BODIES", "both") != "rules":
            from pipeline.extract.bodies import model

            model.load()
        from pipeline.run.process import process_text

        process_text("warm-up", _SAMPLE)   # compiles every rule pattern on the way
    except Exception:  # noqa: BLE001 - only a head start
        pass


warm()
