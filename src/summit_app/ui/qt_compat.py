"""A workaround for PySide6 6.12.0: `Signal.emit()` drops a reference to `True`.

In PySide6 6.12.0 (CPython 3.11) every `SignalInstance.emit()` returns `True` without
taking a reference for it, so each emit takes one reference from the `True` singleton.
After a few thousand emits (a burst of phones' ballots, a long day of clicks) CPython
aborts with "Fatal Python error: bool_dealloc". `emit()` below gives the reference back,
but only when the running PySide6 is measured to have the bug, so a fixed PySide6 is
left alone.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    fired = Signal()


def _emit_steals_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.fired.emit()
    stolen = before - sys.getrefcount(True)
    if stolen > 0:  # give back what the probe itself took
        for _ in range(stolen):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return stolen >= 8


EMIT_STEALS = _emit_steals_a_reference()


def emit(signal: Any, *args: Any) -> None:
    """`signal.emit(*args)`, safe on a PySide6 whose emit steals a reference."""
    result = signal.emit(*args)
    if EMIT_STEALS and isinstance(result, bool):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
