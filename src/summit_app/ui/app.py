"""The GUI entry point used by `summit-app`."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from summit_app.ui import settings
from summit_app.ui.main_window import MainWindow

# Hand the GIL over every 1 ms instead of Python's 5 ms, so the window's thread waits less
# for it while the participant server's thread answers phones. Measured with
# bench/gui_latency.py (a vote burst), 3 runs each: longest freeze 21-33 ms at 1 ms,
# 39-64 ms at 5 ms; the burst itself was no slower.
SWITCH_INTERVAL_S = 0.001


def application() -> QApplication:
    """The QApplication; the first call creates it and makes the process-wide settings."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv)
        process_settings()
    app.setOrganizationName(settings.ORGANISATION)
    app.setApplicationName(settings.APPLICATION)
    return app  # type: ignore[return-value]


def process_settings() -> None:
    """Settings that hold for the whole process, made once at start-up (not by a widget)."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    # Measured (bench/gui_latency.py): a full garbage collection, started by whichever
    # thread allocates, walked every object of Qt, uvicorn and pydantic for ~75 ms with
    # the GIL held: the window's longest freeze during a burst of phones. Everything alive
    # now (those modules, imported above) lives as long as the app, so the collector need
    # not walk it again.
    gc.freeze()


def run(path: Path | None = None) -> int:
    """Show the control window (opening `path` if given) and run until it closes."""
    app = application()
    window = MainWindow()
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    if path is not None:
        window.open_path(Path(path))
    return app.exec()
