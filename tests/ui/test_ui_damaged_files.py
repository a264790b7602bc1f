"""Damaged files opened in the window: a message, or the summit; never a traceback."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from summit_app.ui.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).parents[1]))  # tests/damaged_files.py
from damaged_files import damaged_copies, demo  # noqa: E402


@pytest.mark.slow
def test_a_damaged_file_opens_in_the_window_or_says_why_not(qtbot, tmp_path):
    copies = damaged_copies(demo(tmp_path), tmp_path / "copies")
    assert len(copies) >= 100
    window = MainWindow()
    qtbot.addWidget(window)
    opened = 0
    for path in copies:
        if window.open_path(path):  # an exception here is the traceback this test forbids
            opened += 1
            window.close_summit()
            continue
        box = window.findChild(QMessageBox, "error_box")
        assert box is not None and path.name in box.text(), path.name
        assert "damaged" in box.text() or "not a summit file" in box.text(), box.text()
        box.setObjectName("")
        box.close()
        box.deleteLater()
    assert 20 <= opened <= 60
