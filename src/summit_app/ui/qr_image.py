"""The join QR code as a pixmap, drawn from the server's `qr_png`."""

from __future__ import annotations

from PySide6.QtGui import QPixmap

from summit_app.server.qr import qr_png


def qr_pixmap(url: str) -> QPixmap:
    pixmap = QPixmap()
    pixmap.loadFromData(qr_png(url), "PNG")
    return pixmap
