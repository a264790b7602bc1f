"""The join QR code as a pixmap: the server's `qr_png` when that package is present.

Kept swappable: if the server package is missing, `qrcode` draws the same code here.
"""

from __future__ import annotations

import io

from PySide6.QtGui import QPixmap


def qr_png(url: str) -> bytes:
    try:
        from summit_app.server.qr import qr_png as server_qr_png
    except ImportError:
        import qrcode  # type: ignore[import-untyped]

        image = qrcode.make(url, border=4)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return buffer.getvalue()
    return server_qr_png(url)


def qr_pixmap(url: str) -> QPixmap:
    pixmap = QPixmap()
    pixmap.loadFromData(qr_png(url), "PNG")
    return pixmap
