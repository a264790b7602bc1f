"""A poll's options on the projector while the room votes: numbered, as large as fits.

Painted, like the results, so nine long options fit a 1080p wall and a thumbnail alike.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

WRAP = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)


class OptionsView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.options: list[str] = []
        self.pixel_size = 0  # chosen at the last paint
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def set_options(self, options: list[str]) -> None:
        self.options = options
        self.update()

    def texts(self) -> list[str]:
        return [f"{n}. {text}" for n, text in enumerate(self.options, start=1)]

    def _columns(self) -> int:
        return 2 if len(self.options) > 5 else 1

    def _fits(self, painter: QPainter, font: QFont) -> bool:
        painter.setFont(font)
        columns = self._columns()
        width = (self.width() - (columns - 1) * font.pixelSize()) / columns
        per_column = -(-len(self.options) // columns)
        gap = font.pixelSize() * 0.5
        for start in range(0, len(self.options), per_column):
            height = 0.0
            for text in self.texts()[start : start + per_column]:
                rect = painter.boundingRect(QRectF(0, 0, width, 1e6), WRAP, text)
                height += rect.height() + gap
            if height > self.height():
                return False
        return True

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if not self.options or self.height() < 10:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        largest = max(6, int(self.height() / 9))
        smallest = max(5, int(self.height() / 40))
        for size in range(largest, smallest - 1, -1):
            font.setPixelSize(size)
            if self._fits(painter, font):
                break
        self.pixel_size = font.pixelSize()
        painter.setFont(font)
        painter.setPen(QColor("#ffffff"))
        columns = self._columns()
        gutter = font.pixelSize()
        width = (self.width() - (columns - 1) * gutter) / columns
        per_column = -(-len(self.options) // columns)
        for index, text in enumerate(self.texts()):
            column, row_start = divmod(index, per_column)
            if row_start == 0:
                y = 0.0
            x = column * (width + gutter)
            rect = painter.boundingRect(QRectF(x, y, width, 1e6), WRAP, text)
            painter.drawText(QRectF(x, y, width, rect.height()), WRAP, text)
            y += rect.height() + font.pixelSize() * 0.5
        painter.end()
