"""One slide, full screen: drawn at the widget's own resolution (device pixels, so crisp on
a 4K projector), letterboxed on black to the screen's shape.

The projector's canvas draws a slide it does not have yet at once (a jump to any slide);
the preview's (`ahead`) asks for it in the background and draws it when it comes, so
lining up the next slide never holds up the room's.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from summit_app.core.decks import Deck
from summit_app.ui.slide_images import SlideImages

DAMAGED = "These slides cannot be shown: their copy in the summit file is damaged."


class SlideCanvas(QWidget):
    def __init__(self, images: SlideImages, ahead: bool = False, parent=None) -> None:
        super().__init__(parent)
        self.images = images
        self.ahead = ahead
        self.deck: Deck | None = None
        self.slide = 0
        self.painted: tuple[str, int] | None = None  # (deck's sha256, slide) last drawn
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        images.rendered.connect(self._rendered)

    def show_slide(self, deck: Deck | None, slide: int) -> None:
        if (deck, slide) != (self.deck, self.slide):
            self.deck, self.slide = deck, slide
            self.update()

    def pixel_size(self) -> QSize:
        ratio = self.devicePixelRatioF()
        return QSize(round(self.width() * ratio), round(self.height() * ratio))

    def _rendered(self) -> None:
        if self.ahead and self.deck is not None and self.painted != (self.deck.sha256, self.slide):
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), QColor("#000000"))
            deck = self.deck
            if self.images.closed:
                return  # the summit closed: black
            if deck is None or not 0 <= self.slide < deck.pages:
                painter.setPen(QColor("#9ca3af"))
                painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No slides")
                self.painted = None
                return
            size = self.pixel_size()
            if size.isEmpty():
                return
            image: QImage | None
            if self.ahead:
                image = self.images.cached(deck, self.slide, size)
                if image is None:
                    self.images.prepare(deck, self.slide, size)
                    return
            else:
                image = self.images.image(deck, self.slide, size)
                if image is None:
                    painter.setPen(QColor("#9ca3af"))
                    painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, DAMAGED)
                    self.painted = None
                    return
            ratio = self.devicePixelRatioF()
            x = (size.width() - image.width()) / 2 / ratio
            y = (size.height() - image.height()) / 2 / ratio
            image.setDevicePixelRatio(ratio)
            painter.drawImage(round(x), round(y), image)
            self.painted = (deck.sha256, self.slide)
        finally:
            painter.end()
