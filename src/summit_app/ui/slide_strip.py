"""The Run tab's slides: the running item's deck as thumbnails; a click shows that slide to
the room at once (a jump to the slide a questioner asks about), and the one the room sees
is marked. Thumbnails are drawn in the background, a few at a time as they come.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QListView, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from summit_app.core.decks import Deck
from summit_app.ui.accessible import describe
from summit_app.ui.slideshow import Slideshow
from summit_app.ui.stage import Mode

THUMB = QSize(128, 72)
NO_DECK = "No slides for this item"


class SlideStrip(QWidget):
    def __init__(self, slideshow: Slideshow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slideshow = slideshow
        self.images = slideshow.images
        self.deck: Deck | None = None
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)  # a long file name must not widen the running order
        self.list = QListWidget()
        describe(
            self.list,
            "The running item's slides; choose one to show it to the room.",
            "Slides",
        )
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setIconSize(THUMB)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setFixedHeight(THUMB.height() + 48)
        self.list.setHorizontalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.itemClicked.connect(self._chosen)
        self.list.itemActivated.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list)
        self.images.rendered.connect(self._fill_icons)
        slideshow.moved.connect(self._mark_live)
        slideshow.stage.changed.connect(self._mark_live)
        # The thumbnails' room is kept while no deck shows: the running order above must not
        # shrink when an item with slides comes up, moving its rows under the pointer.
        policy = self.list.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.list.setSizePolicy(policy)
        self.list.setVisible(False)
        self.title.setText(NO_DECK)

    def show_deck(self, deck: Deck | None) -> None:
        """The deck whose slides to show (None: no thumbnails, their room kept)."""
        if deck == self.deck:
            self._mark_live()
            return
        self.deck = deck
        self.list.clear()
        self.list.setVisible(deck is not None)
        if deck is None:
            self.title.setText(NO_DECK)
            return
        placeholder = QPixmap(THUMB)
        placeholder.fill(QColor("#1f2937"))
        for index in range(deck.pages):
            item = QListWidgetItem(QIcon(placeholder), f"{index + 1}")
            item.setData(Qt.ItemDataRole.UserRole, index)
            item.setToolTip(f"Show slide {index + 1} of {deck.pages} to the room")
            self.list.addItem(item)
        for index in range(deck.pages):
            self.images.prepare(deck, index, self._pixels())
        self._fill_icons()
        self._mark_live()

    def _pixels(self) -> QSize:
        ratio = self.devicePixelRatioF()
        return QSize(round(THUMB.width() * ratio), round(THUMB.height() * ratio))

    def _fill_icons(self) -> None:
        deck = self.deck
        if deck is None:
            return
        size = self._pixels()
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole + 1):
                continue  # drawn already
            image = self.images.cached(deck, row, size)
            if image is not None:
                item.setIcon(QIcon(QPixmap.fromImage(_boxed(image, size))))
                item.setData(Qt.ItemDataRole.UserRole + 1, True)

    def _mark_live(self) -> None:
        live = self.slideshow.stage.live
        deck = self.deck
        if deck is None:
            return
        showing = live.mode is Mode.SLIDES and live.deck_id == deck.id
        self.title.setText(
            f"Slides: {deck.name} · the room sees {self.slideshow.position(live)}"
            if showing
            else f"Slides: {deck.name} ({deck.pages}) · choose one to show it"
        )
        if showing and self.list.currentRow() != live.slide:
            self.list.setCurrentRow(live.slide)

    def _chosen(self, item: QListWidgetItem) -> None:
        if self.deck is not None:
            self.slideshow.go_to(self.deck, int(item.data(Qt.ItemDataRole.UserRole)))


def _boxed(image: QImage, size: QSize) -> QImage:
    """A thumbnail on a black box of the strip's shape, as the room's screen letterboxes it."""
    boxed = QImage(size, QImage.Format.Format_RGB32)
    boxed.fill(QColor("#000000"))
    painter = QPainter(boxed)
    painter.drawImage(
        (size.width() - image.width()) // 2, (size.height() - image.height()) // 2, image
    )
    painter.end()
    return boxed
