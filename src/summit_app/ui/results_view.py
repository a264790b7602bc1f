"""A poll's live results as horizontal bars with percentages (control window and projector)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from summit_app.core.model import SCALE_LABELS, PollKind
from summit_app.core.tally import PollResult


@dataclass(frozen=True)
class Bar:
    label: str
    fraction: float  # 0..1, the bar's length
    caption: str  # what is printed at the bar's end, e.g. "42%"


def bars(result: PollResult) -> list[Bar]:
    """What to draw for a result, best first; one meaning per poll kind."""
    kind = result.poll.kind
    ranked = result.ranked()
    if kind is PollKind.RANK:
        top = max((r.borda for r in ranked), default=0) or 1
        return [
            Bar(f"{place}. {r.option.text}", r.borda / top, f"{r.borda} pts")
            for place, r in enumerate(ranked, start=1)
        ]
    if kind is PollKind.SCALE:
        out = []
        for r in ranked:
            if r.mean is None:
                out.append(Bar(r.option.text, 0.0, "no answers"))
            else:
                label = SCALE_LABELS[round(r.mean) - 1]
                out.append(Bar(r.option.text, r.mean / len(SCALE_LABELS), f"{r.mean:.1f} {label}"))
        return out
    return [Bar(r.option.text, r.share_of_votes / 100, f"{r.share_of_votes}%") for r in ranked]


class ResultsView(QWidget):
    """Paints bars; `large` is the projector's high-contrast style."""

    def __init__(self, large: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.large = large
        self._bars: list[Bar] = []
        self._caption = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_result(self, result: PollResult | None, hidden: bool = False) -> None:
        if result is None:
            self._bars, self._caption = [], ""
        elif hidden:
            self._bars, self._caption = [], "Results hidden until revealed"
        else:
            self._bars = bars(result)
            people = "person" if result.voters == 1 else "people"
            self._caption = f"{result.voters} {people} voted"
        self.update()

    def bar_texts(self) -> list[tuple[str, str]]:
        return [(b.label, b.caption) for b in self._bars]

    def caption(self) -> str:
        return self._caption

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(400, 60 + 40 * max(1, len(self._bars)))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ink = QColor("#ffffff") if self.large else QColor("#111827")
        bar_colour = QColor("#facc15") if self.large else QColor("#2563eb")
        width, height = self.width(), self.height()
        rows = max(1, len(self._bars))
        label_w = width * 0.4
        flags = int(Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap)
        # The largest type at which every label fits its row: a projector must stay legible
        # with nine long options as well as with two short ones.
        font = QFont(self.font())
        for size in range(26 if self.large else 11, 7, -1):
            font.setPointSize(size)
            painter.setFont(font)
            metrics = painter.fontMetrics()
            caption_h = metrics.height() * 1.6
            row_h = min((height - caption_h) / rows, metrics.height() * 3.2)
            fits = all(
                metrics.boundingRect(0, 0, int(label_w - 12), 10_000, flags, b.label).height()
                <= row_h * 0.95
                for b in self._bars
            )
            if fits:
                break
        metrics = painter.fontMetrics()
        caption_w = max((metrics.horizontalAdvance(b.caption) for b in self._bars), default=0)
        bar_w = max(10.0, width - label_w - caption_w - 24)
        painter.setPen(ink)
        for i, bar in enumerate(self._bars):
            top = i * row_h
            label_rect = QRectF(0, top, label_w - 12, row_h)
            painter.drawText(label_rect, flags | int(Qt.AlignmentFlag.AlignRight), bar.label)
            length = max(2.0, bar_w * bar.fraction)
            rect = QRectF(label_w, top + row_h * 0.2, length, row_h * 0.6)
            painter.fillRect(rect, bar_colour)
            text_rect = QRectF(label_w + length + 8, top, caption_w + 16, row_h)
            painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignVCenter), bar.caption)
        painter.drawText(
            QRectF(0, height - caption_h, width, caption_h),
            int(Qt.AlignmentFlag.AlignCenter),
            self._caption,
        )
