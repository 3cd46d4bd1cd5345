"""A batch's tesseract slots and its idle workers, shared by its worker processes (`pipeline/run/local.py`).

The run holds one slot per worker: a tesseract process takes one while it reads, so `--workers N` keeps
the run's tesseracts to N cores, and this process counts the slots it holds (the batch gives them back
if it kills us). `idle` counts the run's workers waiting with no file left to give them: while one does
and a slot is free, a core is spare, and a page waiting on its tesseract may do on it, ahead, work it
may need once tesseract is done (`spare_while`). Outside a batch (no slots shared) nothing is bounded
and nothing is done ahead.
"""
from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor, wait

_SLOTS = None
_HELD = None
_IDLE = None
WAIT_S = 120          # a slot lost with a killed worker must not stall OCR: past this, read anyway
SPARE_POLL_S = 0.05   # how often a page waiting on tesseract looks for a spare core


def share(slots, held=None, idle=None) -> None:
    """Take part in a batch's bounded pool of tesseract processes; `idle`: its count of idle workers."""
    global _SLOTS, _HELD, _IDLE
    _SLOTS, _HELD, _IDLE = slots, held, idle


def shared() -> bool:
    return _SLOTS is not None


def take(block: bool = True) -> bool:
    """A slot (waiting up to WAIT_S when `block`); False when none was taken."""
    got = _SLOTS.acquire(timeout=WAIT_S) if block else _SLOTS.acquire(False)
    if got and _HELD is not None:
        with _HELD.get_lock():
            _HELD.value += 1
    return got


def give() -> None:
    if _HELD is not None:
        with _HELD.get_lock():
            _HELD.value -= 1
    _SLOTS.release()


def spare_while(future) -> bool:
    """Wait for `future` (a tesseract reading); True as soon as a core is spare while it runs, with a slot
    taken for the work done on it (`give` it back after), False once it is done with no core spare."""
    if _SLOTS is None or _IDLE is None:
        return False
    while not future.done():
        if _IDLE.value > 0 and take(block=False):
            return True
        wait([future], timeout=SPARE_POLL_S)
    return False


def run_ahead(fn, *args) -> Future:
    """`fn(*args)` in a thread of its own, on the slot `spare_while` took (given back when it ends)."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ocr-ahead")
    try:
        future = pool.submit(fn, *args)
    except BaseException:
        give()
        raise
    future.add_done_callback(lambda _: give())
    pool.shutdown(wait=False)
    return future


def made(ahead: Future | bool | None):
    """What the work done ahead made (waiting for it to end), or None when none was done or it raised (the
    caller then does the work itself, and meets the same error there, as it would have)."""
    if not ahead:
        return None
    try:
        return ahead.result()
    except Exception:  # noqa: BLE001 - done again by the caller
        return None
