"""The control window on a summit, shown and active, as a facilitator has it on stage."""

from __future__ import annotations

from summit_app.ui.main_window import MainWindow


def shown_window(qtbot, summit_path) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(summit_path)
    qtbot.addWidget(window.projector)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window
