"""The GUI entry point used by `summit-app`."""

from __future__ import annotations

import gc
import importlib
import logging
import os
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from summit_app import __version__, logs
from summit_app.core import SummitError
from summit_app.resources import FONTS, ICONS
from summit_app.ui import contrast, crash, settings
from summit_app.ui.main_window import MainWindow
from summit_app.ui.tasks import Task, TaskRunner

# Hand the GIL over every 1 ms instead of Python's 5 ms, so the window's thread waits less
# for it while the participant server's thread answers phones. Measured with
# bench/gui_latency.py (a vote burst), 3 runs each: longest freeze 21-33 ms at 1 ms,
# 39-64 ms at 5 ms; the burst itself was no slower.
SWITCH_INTERVAL_S = 0.001

# Not needed to show the window, so imported after it shows: the phones' web stack and the
# PDF pack's code, about 0.4 of the 0.8 s the window's imports took (python -X importtime);
# bench/startup.py measures launch to a usable window.
LATER = ("summit_app.server.runner", "summit_app.export.pack", "summit_app.export.csv_export")


def application() -> QApplication:
    """The QApplication; the first call creates it and makes the process-wide settings."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication(sys.argv)
        process_settings()
    app.setOrganizationName(settings.ORGANISATION)
    app.setApplicationName(settings.APPLICATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("summit-app")  # packaging/linux/summit-app.desktop
    app.setWindowIcon(app_icon())
    app.setPalette(contrast.readable_placeholders(app.palette()))
    bundled_font_families()
    return app


def process_settings() -> None:
    """Settings that hold for the whole process, made once at start-up (not by a widget)."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    # Measured (bench/gui_latency.py): a full garbage collection, started by whichever
    # thread allocates, walked every object of Qt, uvicorn and pydantic for ~75 ms with
    # the GIL held: the window's longest freeze during a burst of phones. Everything alive
    # now (those modules, imported above) lives as long as the app, so the collector need
    # not walk it again. The web stack loads later, with the first server, and is frozen then
    # (ui/server_panel.py).
    gc.freeze()


def load_the_rest(tasks: TaskRunner) -> Task[None]:
    """Import what the window will need later in the background, while the facilitator
    looks at the window; then freeze those modules' objects out of the collector as
    process_settings() does for the ones alive at start-up. Starting the server or an
    export before it is done simply waits for the imports to finish."""

    def load() -> None:
        for name in LATER:
            importlib.import_module(name)
        gc.freeze()

    return tasks.run(load)


def bundled_font_families() -> tuple[str, ...]:
    """Give Qt the fonts the PDF pack bundles (once), so it falls back to them: Hindi
    showed as boxes in the windows on a computer with no Devanagari font of its own."""
    families: list[str] = []
    for path in sorted(FONTS.glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    return tuple(dict.fromkeys(families))


def app_icon() -> QIcon:
    icon = QIcon()
    for png in sorted(ICONS.glob("summit-*.png")):
        icon.addFile(str(png))
    return icon


class FileOpener(QObject):
    """Opens a .summit file that macOS hands over as an event (a double click in the Finder,
    or a file dropped on the Dock icon) rather than on the command line."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.FileOpen:
            self.window.open_path(Path(event.file()))  # type: ignore[attr-defined]
            return True
        return False


# How often Python gets to run its signal handlers while Qt's loop waits (Ctrl-C).
SIGNAL_CHECK_MS = 250
NO_SCREEN = (
    "There is no screen to show Summit's window on (neither DISPLAY nor WAYLAND_DISPLAY is"
    " set). Start Summit from the desktop; without a screen, 'summit-app serve' serves the"
    " phones and 'summit-app export' writes the pack."
)


def check_screen() -> None:
    """Without a display Qt aborts the process (exit 134) with a hint about plugins;
    say what is wrong instead. Only Linux and the BSDs need a display server named."""
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise SummitError(NO_SCREEN)


def start(path: Path | None = None) -> MainWindow:
    """Show the control window, opening `path` if given: a missing, damaged or newer file
    is said in a window over it (opened from the desktop, no one reads a console)."""
    app = application()
    window = MainWindow(embed_notes=True)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    app.installEventFilter(FileOpener(window))
    window.show()
    if path is not None:
        window.open_path(Path(path))
    return window


def quit_on_ctrl_c(window: MainWindow) -> QTimer:
    """Ctrl-C in the terminal closes the window as File > Quit does. Python runs signal
    handlers only between its own bytecodes, so a timer gives it the chance."""
    signal.signal(signal.SIGINT, lambda *_: window.close())
    timer = QTimer(window)
    timer.timeout.connect(lambda: None)
    timer.start(SIGNAL_CHECK_MS)
    return timer


def run(path: Path | None = None) -> int:
    """Show the control window (opening `path` if given) and run until it closes."""
    check_screen()
    logs.configure()
    logs.enable_crash_dump()
    crash.install()
    logging.getLogger(__name__).info("Summit %s started", __version__)
    app = application()
    window = start(path)
    quit_on_ctrl_c(window)
    tasks = TaskRunner(app, name="summit-load-the-rest")
    QTimer.singleShot(0, lambda: load_the_rest(tasks))  # once the window is on screen
    try:
        return app.exec()
    finally:
        tasks.stop()
