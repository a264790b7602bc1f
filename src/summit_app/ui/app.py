"""The GUI entry point used by `summit-app`."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from summit_app.ui import settings
from summit_app.ui.main_window import MainWindow


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName(settings.ORGANISATION)
    app.setApplicationName(settings.APPLICATION)
    return app  # type: ignore[return-value]


def run(path: Path | None = None) -> int:
    """Show the control window (opening `path` if given) and run until it closes."""
    app = application()
    window = MainWindow()
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    if path is not None:
        window.open_path(Path(path))
    return app.exec()
