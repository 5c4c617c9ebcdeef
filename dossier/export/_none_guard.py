"""Work around a reference-counting bug of PySide6 6.12 on Python 3.10 and 3.11.

There, every Qt method that returns nothing gives back ``None`` without taking a
reference to it, so ``None``'s count drops by one per call until the interpreter
aborts with "none_dealloc: deallocating None" (after some thousands of calls; a
briefing makes far more). From Python 3.12 ``None`` is immortal and nothing happens.
The guard raises ``None``'s count once by far more than any run can use up.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 48
_done: list[bool] = []


def guard_none_refcount() -> None:
    """Make ``None`` impossible to free in this process (Python < 3.12 only; idempotent)."""
    if _done or sys.version_info >= (3, 12):
        return
    ctypes.c_ssize_t.from_address(id(None)).value += _HEADROOM
    _done.append(True)
