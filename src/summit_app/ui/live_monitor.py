"""The presenter strip's LIVE thumbnail: the projector's own picture, shrunk.

It draws nothing of its own. A second view of the live scene, laid out at thumbnail size,
kept its own state (when it last refreshed, what it froze on, how a word cloud or a wall
of notes fell at that size), so it could show the facilitator something the room did not
see. This one grabs the projector's view itself, whenever that view repaints or its scene
is drawn while the window is hidden, so there is one source of truth.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from summit_app.ui.stage import Mode, Scene
from summit_app.ui.stage_view import StageView

# Events after which the projector's picture may look different.
WATCHED = {QEvent.Type.Paint, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide}
# At most one picture this often: a grab draws the whole projector again (~4 ms alone, 10-30 ms
# with phones voting, the GIL shared with the server), and the room's results repaint with
# every batch of ballots. One change after a rest is still grabbed at once.
# Measured with bench/live_edits.py --phones 2000: 374 grabs in 19 s took 3.4 s of the
# window's thread before this.
GAP_MS = 250


class LiveMonitor(QWidget):
    def __init__(self, source: StageView, size: tuple[int, int], parent=None) -> None:
        super().__init__(parent)
        self.source: StageView | None = source
        self.setFixedSize(*size)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._picture = QImage()
        self._grabbing = False  # our own grab repaints the source: not a change
        # Many widgets of the projector repaint at once: grab once, after they all have.
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self.take_picture)
        self._since = QElapsedTimer()  # since the last picture
        source.drawn.connect(self._changed)  # drawn while hidden: no paint events then
        source.destroyed.connect(self._source_gone)
        self._watch(source)
        self.take_picture()

    def _source_gone(self) -> None:
        self.source = None  # the projector closed with the summit: keep the last picture
        self._soon.stop()

    # What the thumbnail was drawn from: the projector's own scene.
    @property
    def scene(self) -> Scene:
        return self.source.scene

    @property
    def showing(self) -> Mode:
        return self.source.showing

    def picture(self) -> QImage:
        return self._picture

    def _watch(self, widget: QWidget) -> None:
        for each in (widget, *widget.findChildren(QWidget)):
            each.removeEventFilter(self)  # never twice
            each.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind is QEvent.Type.ChildAdded:
            child = event.child()
            if child.isWidgetType():
                self._watch(child)
        elif kind in WATCHED and not self._grabbing:
            self._changed()
        return False

    def _changed(self) -> None:
        """The source may look different: a picture now, or GAP_MS after the last one."""
        if self._soon.isActive():
            return
        since = self._since.elapsed() if self._since.isValid() else GAP_MS
        self._soon.start(max(0, GAP_MS - since))

    def take_picture(self) -> None:
        source = self.source
        if source is None or source.width() <= 0 or source.height() <= 0:
            return
        self._grabbing = True
        try:
            grabbed = source.grab().toImage()
        finally:
            self._grabbing = False
        self._since.start()
        ratio = self.devicePixelRatioF()
        room = QSize(round(self.width() * ratio), round(self.height() * ratio))
        fitted = grabbed.scaled(
            room, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        picture = QImage(room, QImage.Format.Format_RGB32)
        picture.fill(QColor("#000000"))  # a 4:3 projector is letterboxed, as the room's wall
        painter = QPainter(picture)
        painter.drawImage(
            (room.width() - fitted.width()) // 2, (room.height() - fitted.height()) // 2, fitted
        )
        painter.end()
        picture.setDevicePixelRatio(ratio)
        self._picture = picture
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        if self._picture.isNull():
            painter.fillRect(self.rect(), QColor("#000000"))
        else:
            painter.drawImage(0, 0, self._picture)
        painter.end()
