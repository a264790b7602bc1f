"""Which screen the projector window is on, following screens as they come and go.

A projector unplugged mid-session takes its window with it (hidden, not dropped on the
laptop's screen behind the control window); plugged back in, or another one connected,
the window comes back full screen on it. A change of resolution re-fits the window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from summit_app.ui import settings

SCREEN_KEY = "projector/screen"
FULL_SCREEN_KEY = "projector/full_screen"
ALONE_SIZE = (960, 540)  # the projector in a window, when the laptop has one screen


def screen_label(screen: QScreen, number: int) -> str:
    size = screen.geometry().size()
    return f"{screen_name(screen, number)} ({size.width()}×{size.height()})"


def screen_name(screen: QScreen, number: int) -> str:
    return screen.name().strip() or f"Screen {number}"


class ProjectorScreens(QObject):
    """Signals:
    screens_changed(): a screen was added or removed, or changed size.
    said(str): something the facilitator should know, for the status bar.
    """

    screens_changed = Signal()
    said = Signal(str)

    def __init__(self, projector: QWidget, control: QWidget, parent: QObject | None = None):
        super().__init__(parent)
        self.projector, self.control = projector, control
        self.wanted = False  # the facilitator asked for the projector to be shown
        store = settings.settings()
        self.chosen = str(store.value(SCREEN_KEY, "") or "")
        self.full_screen = store.value(FULL_SCREEN_KEY, True, type=bool)
        app = QGuiApplication.instance()
        app.screenAdded.connect(self._added)
        app.screenRemoved.connect(self._removed)
        for screen in QGuiApplication.screens():
            screen.geometryChanged.connect(self._resized)

    def disconnect_screens(self) -> None:
        app = QGuiApplication.instance()
        app.screenAdded.disconnect(self._added)
        app.screenRemoved.disconnect(self._removed)
        for screen in QGuiApplication.screens():
            try:
                screen.geometryChanged.disconnect(self._resized)
            except (RuntimeError, TypeError):
                pass

    # -- choosing ------------------------------------------------------------------------

    def screens(self) -> list[QScreen]:
        return QGuiApplication.screens()

    def names(self) -> list[str]:
        return [screen_name(s, n) for n, s in enumerate(self.screens(), start=1)]

    def choose(self, name: str) -> None:
        self.chosen = name
        settings.settings().setValue(SCREEN_KEY, name)
        if self.wanted:
            self.place()

    def set_full_screen(self, full: bool) -> None:
        self.full_screen = full
        settings.settings().setValue(FULL_SCREEN_KEY, full)
        if self.wanted:
            self.place()

    def target(self) -> QScreen | None:
        """The chosen screen if it is connected, else any screen the control window is not
        on; None when there is only the laptop's own screen."""
        screens = self.screens()
        names = self.names()
        if self.chosen in names and len(screens) > 1:
            chosen = screens[names.index(self.chosen)]
            if chosen is not self._control_screen():
                return chosen
        others = [s for s in screens if s is not self._control_screen()]
        return others[0] if others and len(screens) > 1 else None

    def _control_screen(self) -> QScreen | None:
        handle = self.control.windowHandle()
        return handle.screen() if handle is not None else QGuiApplication.primaryScreen()

    # -- showing -------------------------------------------------------------------------

    def show(self) -> None:
        self.wanted = True
        self.place()

    def hide(self) -> None:
        self.wanted = False
        self.projector.hide()

    def place(self) -> None:
        """Put the projector on its screen, full screen if chosen; never take the focus."""
        screen = self.target()
        window = self.projector
        if screen is None:
            # One screen: a window the facilitator can move, not a full screen over the
            # control window.
            window.setWindowState(Qt.WindowState.WindowNoState)
            window.resize(*ALONE_SIZE)
            window.show()
            self.said.emit(
                "Only one screen: the projector opens in a window. Connect the projector and"
                " Summit moves it there."
            )
        else:
            # showFullScreen() would also activate the window, taking the keyboard from the
            # control window: set the state and show instead.
            if window.isFullScreen() and window.screen() is not screen:
                window.setWindowState(Qt.WindowState.WindowNoState)
            window.setScreen(screen)
            window.setGeometry(
                screen.geometry() if self.full_screen else screen.availableGeometry()
            )
            state = (
                Qt.WindowState.WindowFullScreen
                if self.full_screen
                else Qt.WindowState.WindowNoState
            )
            window.setWindowState(state)
            window.show()
        self.control.activateWindow()  # a window manager may still have moved the focus

    def on_screen(self) -> QScreen | None:
        """The screen the projector window shows on now, or None when it is hidden."""
        return self.projector.screen() if self.projector.isVisible() else None

    # -- screens coming and going --------------------------------------------------------

    def _added(self, screen: QScreen) -> None:
        screen.geometryChanged.connect(self._resized)
        self.screens_changed.emit()
        if self.wanted and (
            not self.projector.isVisible() or self.on_screen() is self._control_screen()
        ):
            if self.target() is not None:
                self.place()
                self.said.emit(
                    f"Projector screen found ({screen_name(screen, 0)}):"
                    " the room sees the live screen."
                )

    def _removed(self, screen: QScreen) -> None:
        was_ours = self.projector.isVisible() and self.projector.screen() is screen
        # Emitted before Qt moves the window to the laptop's screen: hide it first.
        if was_ours:
            self.projector.hide()
        self.screens_changed.emit()
        if was_ours and self.wanted:
            gone = screen_name(screen, 0)
            # Qt finishes removing the screen after this signal: look again then.
            QTimer.singleShot(0, self, lambda: self._after_removal(gone))

    def _after_removal(self, gone: str) -> None:
        if not self.wanted or self.projector.isVisible():
            return
        if self.target() is not None:
            self.place()
            return
        self.said.emit(
            f"The projector screen ({gone}) was disconnected. The projector window is"
            " hidden and comes back when a screen is connected."
        )

    def _resized(self, *_: object) -> None:
        self.screens_changed.emit()
        if self.wanted and self.projector.isVisible():
            self.place()
