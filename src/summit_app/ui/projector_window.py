"""The projector: a second top-level window, large and high-contrast, with no controls.

It shows only the live scene (`Stage.live`), never the preview, never hidden notes. It
never takes the keyboard: the facilitator's shortcuts and clicker keys keep working in the
control window however the projector is shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from summit_app.ui.session import SummitSession
from summit_app.ui.slide_images import SlideImages
from summit_app.ui.stage import MODE_LABELS, Mode, Scene, Stage
from summit_app.ui.stage_view import StageView

__all__ = ["MODE_LABELS", "Mode", "ProjectorWindow", "Scene"]


class ProjectorWindow(QWidget):
    def __init__(
        self,
        session: SummitSession,
        stage: Stage,
        parent: QWidget | None = None,
        slides: SlideImages | None = None,
    ):
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setObjectName("projector")
        self.setWindowTitle("Summit — projector")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.stage = stage
        self.view = StageView(session, stage, "live", slides=slides)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.resize(1280, 720)

    def set_join_address(self, url: str, short: str = "", moved: bool = False) -> None:
        """How phones join, for every screen's corner and the Join screen: the URL for the
        QR code, and the short form a person can type (shown when given, else the URL
        without its scheme). Empty when phones cannot join. `moved`: a new address, which
        phones that joined before must scan again."""
        self.stage.set_join_address(url, short, moved)

    @property
    def join_url(self) -> str:
        return self.stage.join_url
