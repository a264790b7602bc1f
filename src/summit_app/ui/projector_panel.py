"""The control window's strip that drives the projector: what it shows, on which screen."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from summit_app.ui import settings
from summit_app.ui.projector_window import MODE_LABELS, Mode, ProjectorWindow
from summit_app.ui.session import SummitSession

SCREEN_KEY = "projector/screen"
FULL_SCREEN_KEY = "projector/full_screen"


class ProjectorPanel(QWidget):
    """Signals:
    mode_changed(str): the facilitator chose what the projector shows.
    """

    mode_changed = Signal(str)

    def __init__(self, session: SummitSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.window = ProjectorWindow(session)
        self.show_button = QPushButton("Show projector")
        self.show_button.setCheckable(True)
        self.show_button.toggled.connect(self.set_visible)
        self.screen_combo = QComboBox()
        self.full_screen = QCheckBox("Full screen")
        self.full_screen.setChecked(settings.settings().value(FULL_SCREEN_KEY, True, type=bool))
        self.full_screen.toggled.connect(self._full_screen_toggled)
        self.mode_group = QButtonGroup(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.show_button)
        layout.addWidget(QLabel("on"))
        layout.addWidget(self.screen_combo)
        layout.addWidget(self.full_screen)
        layout.addSpacing(16)
        layout.addWidget(QLabel("Shows:"))
        self.mode_buttons: dict[Mode, QPushButton] = {}
        for mode in (
            Mode.JOIN, Mode.ITEM, Mode.POLL, Mode.NOTES, Mode.QUESTION, Mode.WORDS, Mode.BLANK
        ):  # fmt: skip
            button = QPushButton(MODE_LABELS[mode])
            button.setCheckable(True)
            self.mode_group.addButton(button)
            button.clicked.connect(lambda _=False, m=mode: self.show_mode(m))
            self.mode_buttons[mode] = button
            layout.addWidget(button)
        layout.addStretch(1)
        self.mode_buttons[self.window.mode].setChecked(True)
        self.reload_screens()
        self.screen_combo.currentIndexChanged.connect(self._screen_chosen)
        session.closed.connect(self.window.close)

    def reload_screens(self) -> None:
        remembered = settings.settings().value(SCREEN_KEY, "")
        screens = QGuiApplication.screens()
        self.screen_combo.blockSignals(True)
        self.screen_combo.clear()
        for number, screen in enumerate(screens, start=1):
            size = screen.size()
            name = screen.name().strip() or f"Screen {number}"
            self.screen_combo.addItem(f"{name} ({size.width()}×{size.height()})", name)
        found = self.screen_combo.findData(remembered)
        if found < 0:  # by default the projector is the screen the control window is not on
            found = 1 if len(screens) > 1 else 0
        self.screen_combo.setCurrentIndex(found)
        self.screen_combo.blockSignals(False)

    def show_mode(self, mode: Mode | str) -> None:
        mode = Mode(mode)
        self.window.show_mode(mode)
        self.mode_buttons[mode].setChecked(True)
        self.mode_changed.emit(mode.value)

    def set_visible(self, visible: bool) -> None:
        if visible:
            self._place()
            self.window.show()
        else:
            self.window.hide()
        self.show_button.blockSignals(True)
        self.show_button.setChecked(visible)
        self.show_button.blockSignals(False)

    def _screen_chosen(self) -> None:
        settings.settings().setValue(SCREEN_KEY, self.screen_combo.currentData())
        if self.window.isVisible():
            self._place()

    def _full_screen_toggled(self, checked: bool) -> None:
        settings.settings().setValue(FULL_SCREEN_KEY, checked)
        if self.window.isVisible():
            self._place()

    def _place(self) -> None:
        screens = QGuiApplication.screens()
        index = self.screen_combo.currentIndex()
        screen = screens[index] if 0 <= index < len(screens) else None
        if screen is not None:
            self.window.setScreen(screen)
            self.window.move(screen.geometry().topLeft())
        if self.full_screen.isChecked():
            self.window.showFullScreen()
        else:
            self.window.showNormal()
