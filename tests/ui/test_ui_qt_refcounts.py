"""A long day of Qt calls must not wear out Python's None and True.

PySide6 6.12.0 on CPython 3.11 drops a reference to None on every void call and to True
on every Signal.emit, and the app aborted ("Fatal Python error: bool_dealloc") within
seconds of a burst of ballots; pyproject.toml keeps PySide6 below 6.12 for that. The loop
runs in its own process so that a regression fails this test instead of aborting the run.
"""

from __future__ import annotations

import subprocess
import sys

LOOP = """
import sys
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel

app = QApplication([])

class Counter(QObject):
    ballot_arrived = Signal(str)

label, counter, seen = QLabel(), Counter(), []
counter.ballot_arrived.connect(seen.append)
none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
for _ in range(50_000):
    label.setText("12 ballots")
    counter.ballot_arrived.emit("ballot")
print(len(seen), sys.getrefcount(None) - none_before, sys.getrefcount(True) - true_before)
"""


def test_fifty_thousand_calls_and_emits_leave_none_and_true_alone():
    done = subprocess.run([sys.executable, "-c", LOOP], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    seen, none_delta, true_delta = map(int, done.stdout.split())
    assert seen == 50_000
    assert abs(none_delta) < 1000 and abs(true_delta) < 1000
