"""A poll's live results as horizontal bars (control window and projector).

The figures and words are the presenter's (`core.presenting`), as on the phones and in
the PDF; this widget only paints them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from summit_app.core.model import PollKind
from summit_app.core.presenting import Presentation, present
from summit_app.core.tally import PollResult

# The PDF's scale colours, "Strongly disagree" first: they read on white and on black.
LEVEL_COLOURS = ("#c2410c", "#f59e0b", "#cbd5e1", "#60a5fa", "#1d4ed8")


@dataclass(frozen=True)
class Bar:
    label: str
    fraction: float  # 0..1, the bar's length
    caption: str  # what is printed at the bar's end, e.g. "42% · 15 votes"
    levels: tuple[float, ...] = ()  # scale: the stacked parts (0..1 each), disagree first
    lean: float = 0.5  # scale: the share of the bar left of the centre line
    level_texts: tuple[str, ...] = ()  # scale: each level's percentage, as the presenter says


def bars(shown: Presentation) -> list[Bar]:
    """What to draw, best first: the presenter's rows, places numbered for a ranking."""
    out = []
    for row in shown.rows:
        label = f"{row.place}. {row.label}" if shown.kind is PollKind.RANK else row.label
        answers = sum(v.count for v in row.levels)
        levels = tuple(v.count / answers for v in row.levels) if answers else ()
        texts = tuple(f"{v.share}%" for v in row.levels)
        # A scale's diverging bar shows its spread; beside it goes the mean ("mean 3.8 of 5").
        caption = row.detail if levels else row.caption
        out.append(Bar(label, row.bar, caption, levels, row.lean, texts))
    return out


class ResultsView(QWidget):
    """Paints bars; `large` is the projector's high-contrast style."""

    def __init__(self, large: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.large = large
        self._bars: list[Bar] = []
        self._caption = ""
        self._sentence = ""
        self._scale: tuple[str, ...] = ()  # level names for a scale's key
        self.drawn_labels: list[str] = []  # the labels as last painted (cut to fit)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_result(self, result: PollResult | None, hidden: bool = False) -> None:
        self._sentence, self._scale = "", ()
        if result is None:
            self._bars, self._caption = [], ""
        elif hidden:
            self._bars, self._caption = [], "Results hidden until revealed"
        else:
            shown = present(result)
            self._bars = bars(shown)
            self._caption, self._sentence = shown.voters_text, shown.sentence
            self._scale = shown.scale
        self.update()

    def bar_texts(self) -> list[tuple[str, str]]:
        return [(b.label, b.caption) for b in self._bars]

    def caption(self) -> str:
        return self._caption

    def sentence(self) -> str:
        """What the numbers mean, in the presenter's words (shown under the bars)."""
        return self._sentence

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
        footer_flags = int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap)
        # The largest type at which every label and figure fits its row: a projector must
        # stay legible with nine long options as well as with two short ones.
        font = QFont(self.font())
        small = QFont(self.font())
        if self.large:  # pixels, from the view's height: a 4K wall reads like a 1080p one
            sizes = range(max(6, height // 11), max(4, height // 48) - 1, -1)
        else:
            sizes = range(11, 7, -1)
        for size in sizes:
            _set_size(font, size, self.large)
            _set_size(small, max(4 if self.large else 7, round(size * 0.7)), self.large)
            painter.setFont(small)
            key_h = painter.fontMetrics().height() * 1.4 if self._scale else 0
            sentence_h = (
                painter.fontMetrics()
                .boundingRect(0, 0, width, 10_000, footer_flags, self._sentence)
                .height()
                if self._sentence
                else 0
            )
            painter.setFont(font)
            metrics = painter.fontMetrics()
            caption_h = metrics.height() * 1.6
            footer_h = caption_h + sentence_h + key_h
            row_h = min((height - footer_h) / rows, metrics.height() * 3.2)
            figure_w = min(
                max((metrics.horizontalAdvance(b.caption) for b in self._bars), default=0),
                width * 0.3,
            )
            fits = all(
                metrics.boundingRect(0, 0, int(label_w - 12), 10_000, flags, b.label).height()
                <= row_h * 0.95
                and metrics.boundingRect(0, 0, int(figure_w), 10_000, flags, b.caption).height()
                <= row_h * 0.95
                for b in self._bars
            )
            if fits:
                break
        bar_w = max(10.0, width - label_w - figure_w - 24)
        painter.setPen(ink)
        self.drawn_labels = []
        for i, bar in enumerate(self._bars):
            top = i * row_h
            label_rect = QRectF(0, top, label_w - 12, row_h)
            label = fitted(metrics, bar.label, int(label_w - 12), row_h, flags)
            self.drawn_labels.append(label)
            painter.drawText(label_rect, flags | int(Qt.AlignmentFlag.AlignRight), label)
            length = max(2.0, bar_w * bar.fraction)
            if bar.levels:  # a scale: diverging from the centre, disagreeing to the left
                self._paint_diverging(painter, small, bar, QRectF(label_w, top, bar_w, row_h))
                painter.setFont(font)
                painter.setPen(ink)
                length = bar_w
            elif self._scale:
                length = bar_w  # a statement with no answers: its caption where the others are
            else:
                painter.fillRect(
                    QRectF(label_w, top + row_h * 0.2, length, row_h * 0.6), bar_colour
                )
            text_rect = QRectF(label_w + length + 8, top, figure_w + 16, row_h)
            painter.drawText(text_rect, flags, bar.caption)
        if self._scale:
            self._paint_key(painter, small, QRectF(0, height - footer_h, width, key_h), ink)
        painter.setFont(font)
        painter.setPen(ink)
        painter.drawText(
            QRectF(0, height - footer_h + key_h, width, caption_h),
            int(Qt.AlignmentFlag.AlignCenter),
            self._caption,
        )
        if self._sentence:
            painter.setFont(small)
            painter.drawText(
                QRectF(0, height - sentence_h, width, sentence_h), footer_flags, self._sentence
            )

    def _paint_diverging(self, painter: QPainter, font: QFont, bar: Bar, track: QRectF) -> None:
        """A statement's answers as one bar across a centre line: the room's lean shows at a
        glance, and an even split reads as split, not as 'Neither'."""
        half = track.width() / 2
        centre = track.left() + half
        left = centre - bar.lean * half
        top, height = track.top() + track.height() * 0.2, track.height() * 0.6
        painter.setFont(font)
        for level, part in enumerate(bar.levels):
            colour = QColor(LEVEL_COLOURS[level % len(LEVEL_COLOURS)])
            rect = QRectF(left, top, half * part, height)
            painter.fillRect(rect, colour)
            if part >= 0.12 and rect.width() > painter.fontMetrics().horizontalAdvance("100%"):
                painter.setPen(QColor("#111827") if level in (1, 2) else QColor("#ffffff"))
                painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), bar.level_texts[level])
            left += half * part
        line = QColor("#ffffff") if self.large else QColor("#111827")
        painter.fillRect(
            QRectF(centre - 1, track.top() + track.height() * 0.1, 2, track.height() * 0.8), line
        )

    def _paint_key(self, painter: QPainter, font: QFont, area: QRectF, ink: QColor) -> None:
        """The scale's levels with their colours, on one centred line."""
        painter.setFont(font)
        metrics = painter.fontMetrics()
        swatch = metrics.height() * 0.7
        gap = metrics.height()
        total = sum(swatch + 6 + metrics.horizontalAdvance(n) + gap for n in self._scale) - gap
        x = max(0.0, (area.width() - total) / 2)
        for level, name in enumerate(self._scale):
            colour = QColor(LEVEL_COLOURS[level % len(LEVEL_COLOURS)])
            top = area.top() + (area.height() - swatch) / 2
            painter.fillRect(QRectF(x, top, swatch, swatch), colour)
            x += swatch + 6
            painter.setPen(ink)
            painter.drawText(
                QRectF(x, area.top(), metrics.horizontalAdvance(name) + 2, area.height()),
                int(Qt.AlignmentFlag.AlignVCenter),
                name,
            )
            x += metrics.horizontalAdvance(name) + gap


def fitted(metrics: QFontMetrics, text: str, width: int, height: float, flags: int) -> str:
    """`text` cut at a word with "…" so that it fits the box: a label too long for its row
    at the smallest size lost its first and last lines, read "governance model for..."."""
    if metrics.boundingRect(0, 0, width, 10_000, flags, text).height() <= height:
        return text
    words = text.split()
    while len(words) > 1:
        words.pop()
        shorter = " ".join(words) + "…"
        if metrics.boundingRect(0, 0, width, 10_000, flags, shorter).height() <= height:
            return shorter
    return words[0] + "…" if words else text


def _set_size(font: QFont, size: int, pixels: bool) -> None:
    if pixels:
        font.setPixelSize(size)
    else:
        font.setPointSize(size)
