"""The keys come back to the control window when a dialog closes, on a stage with no window
manager to give them back (the offscreen platform has none either): Ctrl+Z, Ctrl+Q and the
clicker work at once, with no click first."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from summit_app.core import cipher
from summit_app.ui.export_dialog import ExportDialog
from summit_app.ui.main_window import MainWindow
from summit_app.ui.passphrase_dialog import protect_summit


@pytest.fixture
def window(qtbot, summit_path: Path):
    shown = MainWindow()
    qtbot.addWidget(shown)
    assert shown.open_path(summit_path)
    qtbot.addWidget(shown.projector)
    shown.show()
    qtbot.waitUntil(shown.isActiveWindow)
    yield shown
    cipher.forget(summit_path)


def _keys_back(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    focus = QApplication.focusWidget()
    assert focus is not None and window.isAncestorOf(focus) and focus.isVisible()


def test_the_keys_come_back_after_protect_is_cancelled_or_done(qtbot, window):
    tree = window.agenda_panel.tree
    assert QApplication.focusWidget() is tree
    dialog = protect_summit(window)
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    _keys_back(qtbot, window)
    assert QApplication.focusWidget() is tree  # where the facilitator was

    dialog = protect_summit(window)
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClicks(dialog.new, "harbour lantern cobalt")
    qtbot.keyClicks(dialog.again, "harbour lantern cobalt")
    qtbot.keyClick(dialog.again, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    _keys_back(qtbot, window)  # the tabs were built anew as the file reopened
    assert "protected with a passphrase" in window.statusBar().currentMessage()


def test_the_keys_come_back_after_suggest_themes_closes(qtbot, window):
    window.menus.show_tab(2)
    window.note_board.suggest_themes()
    dialog = window.note_board.theme_dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.reject()
    _keys_back(qtbot, window)
    assert QApplication.focusWidget() is window.note_board.capture


def test_a_chooser_over_a_dialog_gives_the_keys_back_to_that_dialog(qtbot, window):
    window.menus.export.trigger()
    (export,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, ExportDialog)]
    qtbot.waitUntil(export.isActiveWindow)
    chooser = QFileDialog(export, "Export into")
    chooser.setOption(QFileDialog.Option.DontUseNativeDialog)
    chooser.open()
    qtbot.waitUntil(chooser.isActiveWindow)
    chooser.reject()
    qtbot.waitUntil(export.isActiveWindow, timeout=2000)
    export.reject()
    _keys_back(qtbot, window)
