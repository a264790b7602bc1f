"""The facilitator hears about an unexpected error: a sentence in a window, the traceback in
the log (summit_app.logs). Without this a bug in a button's handler made the click do nothing."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from summit_app import logs

BOX_NAME = "crash_box"
_kept: list[QMessageBox] = []  # a box with no parent window lives as long as its Python object


def show(sentence: str) -> None:
    """Say it once in a window (a burst of errors from one timer is one box, not fifty)."""
    if shown_box() is not None or QApplication.instance() is None:
        return
    # Later, from the event loop: the hook may run inside a paint or a half-built widget.
    QTimer.singleShot(0, lambda: _open(sentence))


def _open(sentence: str) -> None:
    if shown_box() is not None:
        return
    parent = QApplication.activeWindow()
    box = QMessageBox(
        QMessageBox.Icon.Critical, "Summit", sentence, QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName(BOX_NAME)
    box.finished.connect(lambda *_: _kept.remove(box))
    _kept.append(box)
    box.open()


def shown_box() -> QMessageBox | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.objectName() == BOX_NAME:
            if widget.isVisible():
                return widget
    return None


def install() -> None:
    logs.install_excepthook(show)
