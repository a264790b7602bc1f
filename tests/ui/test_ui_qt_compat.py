"""A long day of Qt calls must not wear out Python's None and True (PySide6 6.12.0 bug)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel

import summit_app.ui  # noqa: F401 (applies the workaround)


class Counter(QObject):
    ballot_arrived = Signal(str)


def test_a_hundred_thousand_calls_and_emits_do_not_abort(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    counter = Counter()
    seen = []
    counter.ballot_arrived.connect(seen.append)
    for _ in range(100_000):
        label.setText("12 ballots")  # returns None
        counter.ballot_arrived.emit("ballot")  # returns True
    assert len(seen) == 100_000
