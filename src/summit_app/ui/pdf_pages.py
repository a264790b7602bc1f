"""A PDF's pages one under the other, fitted to the width, drawn by PDFium (pypdfium2) when
they come into view: the export dialog's and the Write-up tab's previews.

PDFium rather than Qt's QtPdf: QtPdf is in PySide6's Addons, 438 MB of the 740 MB install,
and nothing else of Summit needs the Addons. PDFium is the engine QtPdf wraps; pypdfium2
ships it in a few MB. A page of the demo pack draws in about 20 ms at 800 pixels wide, so
only the pages in sight are drawn (on the GUI thread, as they are painted), and a long
day's 192 pages cost nothing until they are scrolled to.
"""

from __future__ import annotations

import pypdfium2 as pdfium
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPalette, QPixmap, QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

from summit_app.core.decks import PDFIUM_LOCK  # PDFium, one thread at a time (slides too)

GAP = 8  # pixels between pages and around them


class PdfPages(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setBackgroundRole(QPalette.ColorRole.Dark)
        self._canvas = _Canvas(self)
        self.setWidget(self._canvas)
        self._document: pdfium.PdfDocument | None = None
        self._heights: list[int] = []  # each page's height at the view's width
        self._width = 0
        self._cache: dict[int, QPixmap] = {}  # pages drawn at the current width
        self._pending: int | None = None  # a page to show once the pages are laid out
        self.verticalScrollBar().rangeChanged.connect(lambda *_: self._apply_jump())

    # -- what the previews use ------------------------------------------------------------

    def load(self, pdf: bytes | None) -> None:
        """Show this PDF (None: nothing). Raises pdfium.PdfiumError for a damaged one."""
        with PDFIUM_LOCK:
            document = pdfium.PdfDocument(pdf) if pdf is not None else None
        self.clear()
        self._document = document
        self._fit()

    def clear(self) -> None:
        if self._document is not None:
            with PDFIUM_LOCK:
                self._document.close()
            self._document = None
        self._heights, self._cache, self._pending = [], {}, None
        self._canvas.setMinimumHeight(0)
        self._canvas.update()

    def page_count(self) -> int:
        return len(self._document) if self._document is not None else 0

    def page_text(self, index: int) -> str:
        assert self._document is not None
        with PDFIUM_LOCK:
            page = self._document[index]
            text = page.get_textpage()
            try:
                return str(text.get_text_range())
            finally:
                text.close()
                page.close()

    def current_page(self) -> int:
        """The first page reaching further down than the gap at the top of the view."""
        if self._pending is not None:
            return self._pending
        top = self.verticalScrollBar().value() + GAP
        for index, height in enumerate(self._heights):
            if self._top(index) + height > top:
                return index
        return 0

    def jump(self, index: int) -> None:
        """Scroll to the top of page `index`: now, or as soon as the new pages are laid out
        (the scroll bar's range comes with the layout, after the event loop turns)."""
        if 0 <= index < len(self._heights):
            self._pending = index
            self._apply_jump()

    # -- layout and drawing ---------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if max(100, self.viewport().width() - 2 * GAP) != self._width:
            self._fit()

    def _fit(self) -> None:
        """Size the pages to the view's width, keeping the page in view in view."""
        if self._document is None:
            return
        if self._heights and self._pending is None:
            self._pending = self.current_page()
        self._width = max(100, self.viewport().width() - 2 * GAP)
        self._cache = {}
        self._heights = []
        with PDFIUM_LOCK:
            sizes = [self._document.get_page_size(i) for i in range(len(self._document))]
        for page_width, page_height in sizes:
            self._heights.append(round(self._width * page_height / page_width))
        self._canvas.setMinimumHeight(self._top(len(self._heights)))
        self._canvas.update()
        self._apply_jump()

    def _apply_jump(self) -> None:
        if self._pending is None:
            return
        bar = self.verticalScrollBar()
        total = self._top(len(self._heights))  # the last page's gap is the bottom margin
        if abs(bar.maximum() - max(0, total - self.viewport().height())) > 2:
            return  # not laid out yet: rangeChanged comes back here
        bar.setValue(min(self._top(self._pending) - GAP, bar.maximum()))
        self._pending = None

    def _top(self, index: int) -> int:
        return GAP + sum(self._heights[:index]) + GAP * index

    def _paint(self, painter: QPainter, area: QRect) -> None:
        if self._document is None:
            return
        for index, height in enumerate(self._heights):
            place = QRect(GAP, self._top(index), self._width, height)
            if not place.intersects(area):
                continue
            if index not in self._cache:
                self._cache[index] = self._render(index)
            painter.fillRect(place, QColor("white"))
            painter.drawPixmap(place.topLeft(), self._cache[index])

    def _render(self, index: int) -> QPixmap:
        assert self._document is not None
        ratio = self.devicePixelRatioF()
        with PDFIUM_LOCK:
            return self._render_locked(index, ratio)

    def _render_locked(self, index: int, ratio: float) -> QPixmap:
        assert self._document is not None
        page = self._document[index]
        try:
            bitmap = page.render(
                scale=self._width * ratio / page.get_width(), rev_byteorder=True, prefer_bgrx=True
            )
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGBX8888,
            ).copy()  # the bitmap's memory goes with it
            bitmap.close()  # under the lock (slides are drawn on another thread)
        finally:
            page.close()
        image.setDevicePixelRatio(ratio)
        return QPixmap.fromImage(image)


class _Canvas(QWidget):
    """The pages' surface inside the scroll area: paints only what is exposed."""

    def __init__(self, pages: PdfPages) -> None:
        super().__init__()
        self._pages = pages

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        try:
            self._pages._paint(painter, event.rect())
        finally:
            painter.end()
