"""The word cloud, painted from `core.cloud_layout`: big on the projector, small in preview.

The smallest size is a share of the widget's height, so on a projector every word stays
readable at the back of the room; words that do not fit are left out and counted under
the cloud, never shrunk to a speck. Words are drawn with `drawText` as plain text, exactly
as typed.
"""

from __future__ import annotations

import zlib

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from summit_app.core.cloud_layout import CloudLayout, layout

# Bright on black, each distinct from its neighbours for colour-blind readers too.
PROJECTOR_COLOURS = ("#fde68a", "#93c5fd", "#86efac", "#f9a8d4", "#c4b5fd", "#fdba74", "#67e8f9")
PREVIEW_COLOURS = ("#92400e", "#1d4ed8", "#15803d", "#be185d", "#6d28d9", "#c2410c", "#0e7490")
# Smallest and largest text as shares of the cloud's height: 1/22 of a 1080-pixel projector
# is 49 px, the size of a 30-point slide title.
MIN_SHARE, MAX_SHARE = 1 / 22, 1 / 5


class WordCloud(QWidget):
    def __init__(self, projector: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.projector = projector
        self.words: list[tuple[str, int]] = []
        self.current: CloudLayout = CloudLayout((), 0)
        self._key: tuple = ()
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setMinimumHeight(120)

    def set_words(self, words: list[tuple[str, int]]) -> None:
        """(text, count) pairs, most counted first."""
        if words != self.words:
            self.words = words
            self.update()

    def _font(self, size: float) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(max(1, round(size)))
        font.setBold(True)
        return font

    def _measure(self, text: str, size: float) -> tuple[float, float]:
        metrics = QFontMetricsF(self._font(size))
        return metrics.horizontalAdvance(text), metrics.height()

    def cloud(self) -> CloudLayout:
        """The layout for the current words and size (computed once per change)."""
        footer = self._footer_height()
        key = (tuple(self.words), self.width(), self.height())
        if key != self._key:
            height = self.height() - footer
            if not self.projector:  # the preview keeps the projector's shape, so it fits the same
                height = min(height, self.width() * 9 / 16)
            self.current = layout(
                self.words,
                self.width(),
                height,
                self._measure,
                min_size=max(12.0, self.height() * MIN_SHARE),
                max_size=max(16.0, self.height() * MAX_SHARE),
                gap=max(2.0, self.height() / 120),
            )
            self._key = key
        return self.current

    def shown_texts(self) -> list[str]:
        return [p.text for p in self.cloud().placed]

    def _footer_height(self) -> float:
        return QFontMetricsF(self._font(max(12.0, self.height() / 30))).height() * 1.4

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        cloud = self.cloud()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        colours = PROJECTOR_COLOURS if self.projector else PREVIEW_COLOURS
        for word in cloud.placed:
            painter.setFont(self._font(word.size))
            # A word keeps its colour as the cloud grows (by its text, not its place).
            painter.setPen(QColor(colours[zlib.crc32(word.text.encode()) % len(colours)]))
            box = QRectF(word.x, word.y, word.width, word.height)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), word.text)
        if cloud.left_out:
            more = "word" if cloud.left_out == 1 else "words"
            painter.setFont(self._font(max(12.0, self.height() / 30)))
            painter.setPen(QColor("#d1d5db" if self.projector else "#4b5563"))
            footer = QRectF(0, self.height() - self._footer_height(), self.width(), 1e4)
            painter.drawText(
                footer, int(Qt.AlignmentFlag.AlignHCenter), f"and {cloud.left_out} more {more}"
            )
        painter.end()
