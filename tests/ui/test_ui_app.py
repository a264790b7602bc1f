"""The application as the OS starts it: its icon, its version, files handed over by the OS."""

from __future__ import annotations

from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from summit_app import __version__
from summit_app.ui.app import FileOpener, app_icon, application
from summit_app.ui.main_window import MainWindow


def test_a_file_the_finder_hands_over_opens_in_the_window(qtbot, summit_path):
    app = application()
    window = MainWindow()
    qtbot.addWidget(window)
    opener = FileOpener(window)
    app.installEventFilter(opener)
    try:
        QApplication.sendEvent(app, QFileOpenEvent(str(summit_path)))
    finally:
        app.removeEventFilter(opener)
    assert window.windowTitle().startswith("leadership.summit")


def test_the_app_has_its_icon_at_every_size_and_its_version():
    app = application()
    sizes = {size.width() for size in app_icon().availableSizes()}
    assert {16, 32, 48, 256} <= sizes
    assert app.applicationVersion() == __version__
    assert not app.windowIcon().isNull()
