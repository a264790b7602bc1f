"""The control window's presenter strip: preview and live side by side, one button (and
Ctrl+Enter) between them, blank and freeze, and where the projector shows.

Choosing a scene here, a poll in the Polls tab or a question in the Notes tab lines it up
in the preview; the room sees nothing until "Show on projector".
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from summit_app.ui.accessible import describe
from summit_app.ui.guard import Guarded
from summit_app.ui.live_monitor import LiveMonitor
from summit_app.ui.projector_screens import ProjectorScreens, screen_label, screen_name
from summit_app.ui.projector_window import ProjectorWindow
from summit_app.ui.session import SummitSession
from summit_app.ui.slide_images import SlideImages
from summit_app.ui.slideshow import Slideshow
from summit_app.ui.stage import MODE_LABELS, Mode, Stage
from summit_app.ui.stage_view import StageView

MONITOR = (256, 144)  # the preview and live monitors, 16:9 like the projector
SCENES = (
    Mode.JOIN,
    Mode.ITEM,
    Mode.SLIDES,
    Mode.POLL,
    Mode.NOTES,
    Mode.QUESTION,
    Mode.WORDS,
    Mode.BLANK,
)
BADGE = "font-weight: 700; padding: 1px 6px; border-radius: 3px; color: #ffffff; background: {};"


class PresenterPanel(QWidget):
    def __init__(
        self,
        session: SummitSession,
        control: QWidget,
        poll_id: Callable[[], int | None],
        prompt_id: Callable[[], int | None],
        audience_prompt_id: Callable[[], int | None] = lambda: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.stage = Stage(self)
        self._poll_id, self._prompt_id = poll_id, prompt_id
        self._audience_prompt_id = audience_prompt_id
        self.slide_images = SlideImages(session, self)
        self.projector = ProjectorWindow(session, self.stage, slides=self.slide_images)
        self.screens = ProjectorScreens(self.projector, control, self)
        # The preview is drawn at the projector's size and shown scaled, as LIVE is: a notes
        # wall drawn at thumbnail size paged differently from the room's.
        self.preview_view = StageView(
            session, self.stage, "preview", self, slides=self.slide_images
        )
        self.preview_view.hide()  # only its picture shows
        self.preview_view.resize(self.projector.view.size())
        self.projector.view.installEventFilter(self)
        self.preview_monitor = LiveMonitor(self.preview_view, MONITOR)
        # LIVE is the projector's own picture, never a second view that could differ.
        self.live_view = LiveMonitor(self.projector.view, MONITOR)
        self.preview_label = QLabel("Preview")
        self.live_label = QLabel()
        self.live_label.setTextFormat(Qt.TextFormat.PlainText)
        self.slideshow = Slideshow(
            self.stage, self.slide_images, self.projector.view.slide_canvas.pixel_size, self
        )
        self.slideshow.moved.connect(self._stage_changed)

        self.take_button = QPushButton("Show on projector ▶")
        self.take_button.setObjectName("take")
        self.take_button.setMinimumHeight(44)
        self.take_button.setToolTip("Send the preview to the room  (Ctrl+Enter)")
        self.take_button.clicked.connect(Guarded(self.stage.take))
        self.scene_group = QButtonGroup(self)
        self.scene_buttons: dict[Mode, QPushButton] = {}
        scenes = QGridLayout()
        for index, mode in enumerate(SCENES):
            button = QPushButton(MODE_LABELS[mode])
            button.setCheckable(True)
            button.setToolTip("Line this up in the preview")
            button.clicked.connect(lambda _=False, m=mode: self.preview_mode(m))
            self.scene_group.addButton(button)
            self.scene_buttons[mode] = button
            scenes.addWidget(button, index // 4, index % 4)

        self.blank_button = QPushButton("Blank  (B)")
        self.blank_button.setCheckable(True)
        self.blank_button.setToolTip("Black out the room's screen; press again to bring it back")
        self.blank_button.clicked.connect(
            lambda: self.stage.set_blanked(self.blank_button.isChecked())
        )
        self.freeze_button = QPushButton("Freeze")
        self.freeze_button.setCheckable(True)
        self.freeze_button.setToolTip("Hold the room's picture still while you work")
        self.freeze_button.clicked.connect(
            lambda: self.stage.set_frozen(self.freeze_button.isChecked())
        )
        self.show_button = QPushButton("Show projector  (F5)")
        self.show_button.setCheckable(True)
        self.show_button.clicked.connect(lambda: self.set_visible(self.show_button.isChecked()))
        self.screen_combo = QComboBox()
        describe(self.screen_combo, "The screen the projector window shows on.", "Projector screen")
        self.screen_combo.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.full_screen = QCheckBox("Full screen")
        self.full_screen.setChecked(self.screens.full_screen)
        self.full_screen.toggled.connect(self.screens.set_full_screen)
        self.hide_overrun = QCheckBox("Hide overrun from the room")
        self.hide_overrun.setToolTip(
            "Past its time, the projector shows no clock; you still see it here"
        )
        self.hide_overrun.setChecked(self.stage.hide_overrun)
        self.hide_overrun.toggled.connect(self.stage.set_hide_overrun)
        self.slides_corner = QCheckBox("Join QR on slides")
        self.slides_corner.setToolTip(
            "Slides fill the screen; tick to show the join address and QR code over them"
        )
        self.slides_corner.setChecked(self.stage.slides_corner)
        self.slides_corner.toggled.connect(self.stage.set_slides_corner)

        preview = _monitor(self.preview_label, self.preview_monitor)
        middle = QVBoxLayout()
        middle.addWidget(self.take_button)
        middle.addLayout(scenes)
        middle.addStretch(1)
        live = _monitor(self.live_label, self.live_view)
        room = QGridLayout()
        room.addWidget(self.blank_button, 0, 0)
        room.addWidget(self.freeze_button, 0, 1)
        room.addWidget(self.show_button, 1, 0, 1, 2)
        room.addWidget(self.screen_combo, 2, 0)
        room.addWidget(self.full_screen, 2, 1)
        room.addWidget(self.hide_overrun, 3, 0)
        room.addWidget(self.slides_corner, 3, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 4)
        layout.addLayout(preview)
        layout.addLayout(middle)
        layout.addLayout(live)
        layout.addLayout(room)
        layout.addStretch(1)

        self.reload_screens()
        self.screen_combo.currentIndexChanged.connect(self._screen_chosen)
        self.screens.screens_changed.connect(self.reload_screens)
        self.screens.said.connect(lambda _: self._stage_changed())
        self.stage.changed.connect(self._stage_changed)
        session.closed.connect(self._closed)
        self._stage_changed()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.projector.view and event.type() is QEvent.Type.Resize:
            self.preview_view.resize(self.projector.view.size())
        return False

    # -- what the room sees --------------------------------------------------------------

    def preview_mode(self, mode: Mode | str) -> None:
        """Line up a kind of screen (with the poll and question the control window shows)."""
        mode = Mode(mode)
        if mode is Mode.SLIDES:
            item_id = self.session.summit.live().current_item_id
            deck = self.slide_images.deck_for_item(item_id)
            self.stage.set_preview(self.slideshow.scene_for(deck))
            return
        audience = mode in (Mode.QUESTION, Mode.WORDS)
        prompt = self._audience_prompt_id() if audience else self._prompt_id()
        self.stage.preview_mode(mode, self._poll_id(), prompt)

    def take(self) -> None:
        self.stage.take()

    def show_mode(self, mode: Mode | str) -> None:
        """A scene button and then Show on projector, in one call (scripts and benches)."""
        self.preview_mode(mode)
        self.stage.take()

    def _stage_changed(self) -> None:
        stage = self.stage
        self.scene_buttons[stage.preview.mode].setChecked(True)
        self.blank_button.setChecked(stage.blanked)
        self.freeze_button.setChecked(stage.frozen)
        if stage.blanked:
            text, colour = "BLANK: the room sees black", "#111827"
        elif stage.frozen:
            text, colour = "FROZEN: the room sees this", "#1d4ed8"
        else:
            text, colour = "LIVE: the room sees this", "#b91c1c"
        live_slide = self.slideshow.position(stage.live)
        if live_slide and not stage.blanked:
            text += f" · {live_slide}"  # "LIVE: the room sees this · slide 7 of 23"
        if not self.projector.isVisible():
            text += " (projector hidden)"
        self.show_button.setChecked(self.screens.wanted)
        self.live_label.setText(text)
        self.live_label.setStyleSheet(BADGE.format(colour))
        same = stage.preview == stage.live and not stage.blanked
        preview = "Preview: on the projector now" if same else "Preview"
        preview_slide = self.slideshow.position(stage.preview)
        self.preview_label.setText(f"{preview} · {preview_slide}" if preview_slide else preview)

    # -- the projector window ------------------------------------------------------------

    def set_visible(self, visible: bool) -> None:
        if visible:
            self.screens.show()
        else:
            self.screens.hide()
        self.show_button.setChecked(visible)
        self._stage_changed()

    def reload_screens(self) -> None:
        screens = self.screens.screens()
        self.screen_combo.blockSignals(True)
        self.screen_combo.clear()
        for number, screen in enumerate(screens, start=1):
            self.screen_combo.addItem(screen_label(screen, number), screen_name(screen, number))
        target = self.screens.target()
        index = screens.index(target) if target in screens else (len(screens) > 1) * 1
        self.screen_combo.setCurrentIndex(min(index, len(screens) - 1))
        self.screen_combo.blockSignals(False)
        self._stage_changed()

    def _screen_chosen(self) -> None:
        self.screens.choose(self.screen_combo.currentData())

    def _closed(self) -> None:
        self.screens.disconnect_screens()
        self.projector.close()


def _monitor(label: QLabel, view: QWidget) -> QVBoxLayout:
    column = QVBoxLayout()
    column.setSpacing(2)
    column.addWidget(label)
    column.addWidget(view)
    return column
