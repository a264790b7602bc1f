"""Slides drawn as pictures, at the size they are shown: the projector's own resolution, the
preview's, the Run tab's thumbnails.

PDFium (pypdfium2) draws a page; every call holds `core.decks.PDFIUM_LOCK`, since PDFium
must never be entered from two threads at once. The slide the room sees next is drawn
before it is asked for, on the window's task runner (`prepare`), so a click shows a
picture already made; a slide nobody asked for in advance (a jump to slide 17) is drawn
at once on the GUI thread (`image`). Pictures are kept by deck, content (its SHA-256),
slide and size: a replaced deck is a new key, never a stale picture.

Signals:
    rendered(): a picture drawn in the background is ready; views showing a slide look
        again (no payload: see ui/tasks.py on Python objects in queued signals).
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict

import pypdfium2 as pdfium
from PySide6.QtCore import QObject, QSize, Signal
from PySide6.QtGui import QImage

from summit_app.core.changes import Area, Changes
from summit_app.core.decks import PDFIUM_LOCK, Deck
from summit_app.core.errors import NotFoundError
from summit_app.ui.session import SummitSession
from summit_app.ui.tasks import TaskRunner

Key = tuple[str, int, int, int]  # sha256, slide, width, height
# A 4K slide is 33 MB as a picture: the current one, the next, the last, the preview's.
KEEP_LARGE = 6
KEEP_SMALL = 600  # thumbnails (about 80 KB each)
SMALL = 320 * 180


def render_slide(document: pdfium.PdfDocument, index: int, size: QSize) -> QImage:
    """Page `index` drawn to fit `size` (pixels), keeping its shape: the letterbox is the
    caller's. Any thread."""
    with PDFIUM_LOCK:
        page = document[index]
        try:
            width, height = page.get_size()
            scale = min(size.width() / width, size.height() / height)
            # PDFium's BGRx is Qt's RGB32 in memory: the window's own format, so painting the
            # slide is a copy, not a conversion of 8 million pixels on every paint at 4K.
            bitmap = page.render(scale=scale, prefer_bgrx=True, fill_color=(255, 255, 255, 255))
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGB32,
            ).copy()  # the bitmap's memory goes with it
            bitmap.close()  # now, under the lock: never by the garbage collector elsewhere
        finally:
            page.close()
    return image


class SlideImages(QObject):
    rendered = Signal()

    def __init__(self, session: SummitSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._decks: dict[int, Deck | None] = {}
        self._documents: dict[str, pdfium.PdfDocument | None] = {}
        self._large: OrderedDict[Key, QImage] = OrderedDict()
        self._small: OrderedDict[Key, QImage] = OrderedDict()
        self._pending: set[Key] = set()
        self.closed = False  # the summit closed: nothing more is read or drawn
        self._runner = TaskRunner(self, name="slides")
        session.changed.connect(self._on_changes)
        session.closed.connect(self.close)

    # -- decks ---------------------------------------------------------------------------

    def deck(self, deck_id: int | None) -> Deck | None:
        if deck_id is None or self.closed:
            return None
        if deck_id not in self._decks:
            try:
                self._decks[deck_id] = self.session.summit.decks.deck(deck_id)
            except NotFoundError:
                self._decks[deck_id] = None
        return self._decks[deck_id]

    def deck_for_item(self, item_id: int | None) -> Deck | None:
        if item_id is None or self.closed:
            return None
        deck = self.session.summit.decks.for_item(item_id)
        if deck is not None:
            self._decks[deck.id] = deck
        return deck

    def _document(self, deck: Deck) -> pdfium.PdfDocument | None:
        """The deck opened by PDFium; None if the file's copy of it is damaged (its bytes
        no longer match their SHA-256, or PDFium cannot read them)."""
        if deck.sha256 in self._documents:
            return self._documents[deck.sha256]
        document = None
        pdf = self.session.summit.decks.pdf(deck.id)
        if hashlib.sha256(pdf).hexdigest() == deck.sha256:
            with PDFIUM_LOCK:
                try:
                    document = pdfium.PdfDocument(pdf)
                except pdfium.PdfiumError:
                    document = None
        self._documents[deck.sha256] = document
        return document

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(Area.SLIDES, Area.AGENDA):
            self._decks.clear()  # read again when next asked (pictures are kept by content)

    # -- pictures ------------------------------------------------------------------------

    def cached(self, deck: Deck, index: int, size: QSize) -> QImage | None:
        key = (deck.sha256, index, size.width(), size.height())
        store = self._store(size)
        image = store.get(key)
        if image is not None:
            store.move_to_end(key)
        return image

    def image(self, deck: Deck, index: int, size: QSize) -> QImage | None:
        """The slide at `size`: kept, or drawn now on this thread (None: a damaged deck)."""
        image = self.cached(deck, index, size)
        if image is None:
            document = self._document(deck)
            if document is None:
                return None
            image = render_slide(document, index, size)
            self._keep((deck.sha256, index, size.width(), size.height()), image)
        return image

    def prepare(self, deck: Deck, index: int, size: QSize) -> None:
        """Draw the slide in the background if it is not drawn yet; `rendered` when done."""
        key = (deck.sha256, index, size.width(), size.height())
        if not 0 <= index < deck.pages or size.isEmpty():
            return
        if self.closed or key in self._pending or self.cached(deck, index, size) is not None:
            return
        document = self._document(deck)
        if document is None:
            return
        self._pending.add(key)

        def done(image: QImage) -> None:
            self._pending.discard(key)
            self._keep(key, image)
            self.rendered.emit()

        def failed(error: Exception) -> None:
            self._pending.discard(key)

        self._runner.run(lambda: render_slide(document, index, size), done, failed)

    def wait(self) -> bool:
        """Wait for the pictures under way (benches and tests)."""
        return self._runner.wait()

    def close(self) -> None:
        self.closed = True
        self._runner.stop()
        with PDFIUM_LOCK:
            for document in self._documents.values():
                if document is not None:
                    document.close()
        self._documents.clear()
        self._large.clear()
        self._small.clear()

    def _store(self, size: QSize) -> OrderedDict[Key, QImage]:
        return self._small if size.width() * size.height() <= SMALL else self._large

    def _keep(self, key: Key, image: QImage) -> None:
        store = self._store(QSize(key[2], key[3]))
        store[key] = image
        store.move_to_end(key)
        while len(store) > (KEEP_SMALL if store is self._small else KEEP_LARGE):
            store.popitem(last=False)
