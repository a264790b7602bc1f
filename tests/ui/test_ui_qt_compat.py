"""A day of signals must not wear out Python's True (PySide6 6.12.0's emit bug)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from summit_app.ui.qt_compat import emit


class Counter(QObject):
    ballot_arrived = Signal(str)


def test_twenty_thousand_emits_leave_true_as_it_was(qtbot):
    counter = Counter()
    seen = []
    counter.ballot_arrived.connect(seen.append)
    before = sys.getrefcount(True)
    for _ in range(20_000):
        emit(counter.ballot_arrived, "ballot")
    assert len(seen) == 20_000
    assert abs(sys.getrefcount(True) - before) < 10
