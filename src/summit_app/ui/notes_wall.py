"""The projector's notes wall: one column per theme, painted to fit the screen.

Painted rather than built from labels so that a wall of a hundred notes never grows the
window past the projector: the type shrinks until every column fits. `drawText` takes
the note as plain text, so markup in a note is shown exactly as typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

GAP = 14
PAD = 8
MAX_COLUMNS = 6
WRAP = int(Qt.TextFlag.TextWordWrap)


@dataclass(frozen=True)
class WallGroup:
    name: str
    colour: str
    notes: tuple[str, ...]


class NotesWall(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.groups: list[WallGroup] = []
        self.point_size = 0  # chosen at the last paint, for tests and screenshots
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def set_groups(self, groups: list[WallGroup]) -> None:
        self.groups = groups
        self.update()

    def texts(self) -> list[str]:
        return [text for g in self.groups for text in (g.name, *g.notes)]

    def _grid(self) -> tuple[int, int]:
        columns = min(MAX_COLUMNS, max(1, len(self.groups)))
        rows = (len(self.groups) + columns - 1) // columns or 1
        return columns, rows

    def _column_height(self, group: WallGroup, width: float, size: int) -> float:
        header = QFont(self.font())
        header.setPointSize(size + 4)
        header.setBold(True)
        body = QFont(self.font())
        body.setPointSize(size)
        inner = int(width - 2 * PAD)
        height = QFontMetrics(header).boundingRect(0, 0, inner, 10_000, WRAP, group.name).height()
        metrics = QFontMetrics(body)
        for text in group.notes:
            height += (
                GAP / 2
                + 2 * PAD
                + metrics.boundingRect(0, 0, inner - 2 * PAD, 10_000, WRAP, text).height()
            )
        return height + 2 * PAD

    def fitting_size(self) -> int:
        columns, rows = self._grid()
        width = (self.width() - GAP * (columns - 1)) / columns
        height = (self.height() - GAP * (rows - 1)) / rows
        for size in range(24, 7, -1):
            if all(self._column_height(g, width, size) <= height for g in self.groups):
                return size
        return 8

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if not self.groups:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        columns, rows = self._grid()
        width = (self.width() - GAP * (columns - 1)) / columns
        height = (self.height() - GAP * (rows - 1)) / rows
        size = self.point_size = self.fitting_size()
        header = QFont(self.font())
        header.setPointSize(size + 4)
        header.setBold(True)
        body = QFont(self.font())
        body.setPointSize(size)
        for index, group in enumerate(self.groups):
            left = (index % columns) * (width + GAP)
            top = (index // columns) * (height + GAP)
            painter.setClipRect(QRectF(left, top, width, height))
            painter.fillRect(QRectF(left, top, width, height), QColor("#161616"))
            painter.fillRect(QRectF(left, top, width, 8), QColor(group.colour))
            painter.setFont(header)
            painter.setPen(QColor(group.colour))
            inner = QRectF(left + PAD, top + PAD + 8, width - 2 * PAD, height)
            used = painter.boundingRect(inner, WRAP, group.name)
            painter.drawText(inner, WRAP, group.name)
            y = used.bottom() + GAP / 2
            painter.setFont(body)
            for text in group.notes:
                box = painter.boundingRect(
                    QRectF(left + 2 * PAD, y + PAD, width - 4 * PAD, 10_000), WRAP, text
                )
                card = QRectF(left + PAD, y, width - 2 * PAD, box.height() + 2 * PAD)
                painter.fillRect(card, QColor("#fef9c3"))
                painter.setPen(QColor("#111827"))
                painter.drawText(card.adjusted(PAD, PAD, -PAD, -PAD), WRAP, text)
                y = card.bottom() + GAP / 2
        painter.end()
