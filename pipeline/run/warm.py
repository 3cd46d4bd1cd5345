"""Imported in the local engine's fork server: load the bodies model and compile the rules once.

Every worker forks from the server, so each starts with the model loaded and the rules compiled
(shared copy-on-write) instead of paying for them on its first file, and again in every worker that
replaces a recycled one. A failure here changes nothing: the worker then loads what it needs itself.
"""
from __future__ import annotations

import atexit
import os
import sys

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


def _in_fork_server() -> bool:
    """Whether this module is being imported as the fork server's preload (`multiprocessing.forkserver.main`
    is on the stack), not by any other process that imports it."""
    from multiprocessing import forkserver

    frame = sys._getframe()
    while frame is not None:
        if frame.f_code is forkserver.main.__code__:
            return True
        frame = frame.f_back
    return False


def _exit_now() -> None:
    """The fork server's exit, without tearing down the interpreter: the server ends when the run's process
    has (it then reads EOF), and its teardown (spaCy, thinc, numpy and the rules: 0.09 s) only kept the
    run's stdout and stderr open, which the server inherited: a caller reading them to their end (a
    `subprocess` pipe, `scripts/bench.py`) waited for it. The server holds nothing to flush or close but
    those two streams (its workers end with `os._exit` anyway); nobody reads its exit code."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - a closed stream: nothing to flush
            pass
    os._exit(0)


warm()
if _in_fork_server():
    atexit.register(_exit_now)
