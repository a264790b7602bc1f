"""The control window on a summit, shown and active, as a facilitator has it on stage."""

from __future__ import annotations

from summit_app.core.templates import create_from_template
from summit_app.ui.main_window import MainWindow


def demo_window(qtbot, tmp_path) -> MainWindow:
    """The control window open on a fresh copy of the demo summit (not shown yet)."""
    path = tmp_path / "demo.summit"
    create_from_template(path, "demo").close()
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(path)
    qtbot.addWidget(window.projector)
    return window


def shown_window(qtbot, summit_path) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(summit_path)
    qtbot.addWidget(window.projector)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window
