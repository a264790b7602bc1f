"""The control window's menus, with the platform's standard shortcuts where there is one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from summit_app import __version__, logs
from summit_app.ui import dialogs, settings
from summit_app.ui.anonymise_dialog import close_and_anonymise
from summit_app.ui.passphrase_dialog import protect_summit

if TYPE_CHECKING:
    from summit_app.ui.main_window import MainWindow

Std = QKeySequence.StandardKey
# In the control window's order of tabs.
TABS = ("Agenda", "Run", "Notes", "Polls", "Q&&A and words", "Moderation", "Phones", "Write-up")
TAB_KEYS = tuple(f"Alt+{n}" for n in range(1, len(TABS) + 1))


class Menus:
    """Builds the menu bar once; `session_changed()` re-points what depends on the file."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        bar = window.menuBar()
        self.file = bar.addMenu("&File")
        self.new = self._add(self.file, "&New from template…", window.new_from_template, Std.New)
        self.open = self._add(self.file, "&Open…", window.ask_and_open, Std.Open)
        self.recent = self.file.addMenu("Open &recent")
        self.recent.aboutToShow.connect(self._fill_recent)
        self.file.addSeparator()
        self.summit_settings = self._add(self.file, "Summit &settings…", window.open_settings)
        self.exports = self.file.addMenu("&Export")
        self.export = self._add(self.exports, "&Write-up pack…", self.open_export, "Ctrl+E")
        self.governance = self._add(self.exports, "&Governance pack…", self.export_governance)
        self.send_room = self._add(self.file, "Send a &breakout room…", self.send_breakout)
        self.import_room = self._add(
            self.file, "&Import a breakout room's file…", self.import_breakout
        )
        self.file.addSeparator()
        self.protect = self._add(
            self.file, "&Protect with a passphrase…", lambda: protect_summit(self.window)
        )
        self.anonymise = self._add(self.file, "Close and &anonymise…", self._anonymise)
        self.close = self._add(self.file, "&Close summit", window.close_summit, Std.Close)
        self.quit = self._add(self.file, "&Quit", window.close, Std.Quit)

        self.edit = bar.addMenu("&Edit")
        self.undo: QAction | None = None
        self.redo: QAction | None = None

        self.view = bar.addMenu("&View")
        self.tab_actions = []
        for number, name in enumerate(TABS):
            action = self._add(self.view, name, lambda n=number: self.show_tab(n), TAB_KEYS[number])
            self.tab_actions.append(action)
        self.view.addSeparator()
        self.strip = self.view.addAction("Preview and &live strip")
        self.strip.setCheckable(True)
        self.strip.setChecked(True)
        self.strip.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.strip.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.strip.toggled.connect(window.set_strip_shown)
        self.full_screen = self._add(
            self.view, "&Full screen", self.toggle_full_screen, Std.FullScreen
        )

        # The day and the room: these work whichever window or tab has the focus.
        self.day = bar.addMenu("&Day")
        self.next_item = self._add(
            self.day, "&Next item", lambda: self._run("step", +1), "Ctrl+Right"
        )
        self.next_item.setText("&Next item\tCtrl+Right, PageDown")
        self.back_item = self._add(
            self.day, "&Back to the last item", lambda: self._run("step", -1), "Ctrl+Left"
        )
        self.back_item.setText("&Back to the last item\tCtrl+Left, PageUp")
        self.pause = self._add(
            self.day, "&Pause or resume the clock", lambda: self._run("toggle_pause"), "Ctrl+P"
        )
        self.add_one = self._add(self.day, "Add &1 minute", lambda: self._run("add_minutes", 1))
        self.add_five = self._add(self.day, "Add &5 minutes", lambda: self._run("add_minutes", 5))
        self.day.addSeparator()
        self.end_day = self._add(self.day, "&End the day…", lambda: self._run("end_day"))

        self.room = bar.addMenu("&Projector")
        self.projector = self._add(self.room, "Show &projector", self.toggle_projector, "F5")
        self.take = self._add(
            self.room, "Show the preview on the projector", self._take, "Ctrl+Return"
        )
        self.take.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.blank = self._add(self.room, "&Blank (black) or back\tB, .", self._blank)
        self.freeze = self._add(self.room, "&Freeze or go on", self._freeze)

        self.help = bar.addMenu("&Help")
        self.log_folder = self._add(self.help, "Show &log folder", self.show_log_folder)
        self._add(self.help, "&About Summit", self.about)
        self.session_changed()

    def _add(self, menu: QMenu, text: str, slot, keys=None) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(lambda *_: slot())
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
            # Whichever of Summit's windows is active (never in a modal dialog's shadow).
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        return action

    def _anonymise(self) -> None:
        close_and_anonymise(self.window)

    def _run(self, name: str, *args: object) -> None:
        panel = getattr(self.window, "run_panel", None)
        if panel is not None and self.window.session is not None:
            getattr(panel, name)(*args)

    def _stage(self):
        return getattr(self.window, "stage", None) if self.window.session is not None else None

    def _take(self) -> None:
        if self._stage() is not None:
            self.window.projector_panel.take_button.click()

    def _blank(self) -> None:
        if self._stage() is not None:
            self._stage().toggle_blank()

    def _freeze(self) -> None:
        if self._stage() is not None:
            self._stage().toggle_freeze()

    def session_changed(self) -> None:
        session = self.window.session
        has = session is not None
        for action in (
            self.close,
            self.protect,
            self.anonymise,
            self.projector,
            self.summit_settings,
            self.send_room,
            self.import_room,
            *self.tab_actions,
            self.strip,
            *self.day.actions(),
            *self.room.actions(),
        ):
            action.setEnabled(has)
        self.export.setEnabled(has)
        self.governance.setEnabled(has)
        # The submenu too: greyed like the other summit actions, not a menu of greyed items.
        self.exports.menuAction().setEnabled(has)
        self.edit.clear()
        self.undo = self._add(self.edit, "&Undo", self._undo, Std.Undo)
        self.redo = self._add(self.edit, "&Redo", self._redo, Std.Redo)
        if has:
            session.history_changed.connect(self._history_changed)
            self._history_changed()
        else:  # shown greyed (as Day's and Projector's are), not an empty Edit menu
            self.undo.setEnabled(False)
            self.redo.setEnabled(False)

    def _history_changed(self) -> None:
        session = self.window.session
        if session is None or self.undo is None or self.redo is None:
            return
        history = session.history
        self.undo.setEnabled(history.can_undo())
        self.redo.setEnabled(history.can_redo())
        self.undo.setText(f"&Undo {history.undo_text()}".rstrip())
        self.redo.setText(f"&Redo {history.redo_text()}".rstrip())

    def _undo(self) -> None:
        if self.window.session is not None:
            dialogs.attempt(self.window, self.window.session.undo)

    def _redo(self) -> None:
        if self.window.session is not None:
            dialogs.attempt(self.window, self.window.session.redo)

    def show_tab(self, number: int) -> None:
        self.window.focus_tab(number)

    def toggle_projector(self) -> None:
        panel = getattr(self.window, "projector_panel", None)
        if panel is not None and self.window.session is not None:
            # "Wanted" rather than visible: a projector waiting for its screen to come back
            # is hidden, and F5 then means "no projector", not "show it on the laptop".
            panel.set_visible(not panel.screens.wanted)

    def toggle_full_screen(self) -> None:
        if self.window.isFullScreen():
            self.window.showNormal()
        else:
            self.window.showFullScreen()

    def open_export(self) -> None:
        if self.window.session is not None:
            # reportlab and the pack's code load when first needed, not before the window shows.
            from summit_app.ui.export_dialog import ExportDialog

            dialog = ExportDialog(self.window.session.path, self.window)
            dialog.open()

    def export_governance(self) -> Path | None:
        """File › Export › Governance pack…: the Word document for the IG lead, the DPIA
        and the IT team, pre-filled from this summit (export/governance.py)."""
        session = self.window.session
        if session is None:
            return None
        from summit_app.export.word.governance import default_governance, write_governance

        target = dialogs.ask_save_docx(
            self.window, "Export the governance pack", default_governance(session.path)
        )
        if target is None:
            return None
        written = dialogs.attempt(self.window, lambda: write_governance(session.summit, target))
        if written is not None:
            self.window.statusBar().showMessage(f"Governance pack written to {written}")
        return written

    def send_breakout(self) -> None:
        if self.window.session is not None:
            from summit_app.ui.breakout_dialog import BreakoutDialog

            dialog = BreakoutDialog(self.window.session, self.window)
            dialog.setObjectName("breakout_dialog")
            dialog.open()

    def import_breakout(self) -> None:
        if self.window.session is not None:
            from summit_app.ui.breakout_dialog import import_room_file

            import_room_file(self.window, self.window.session)

    def show_log_folder(self) -> None:
        """Open the folder with Summit's log in the system's file manager, to send it on."""
        folder = logs.log_folder()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def about(self) -> None:
        QMessageBox.about(self.window, "About Summit", about_text())

    def _fill_recent(self) -> None:
        self.recent.clear()
        for path in settings.recent_files():
            action = self.recent.addAction(str(path))
            action.triggered.connect(lambda *_, p=Path(path): self.window.open_path(p))
        if self.recent.isEmpty():
            self.recent.addAction("No recent summits").setEnabled(False)


def about_text() -> str:
    return (
        f"Summit {__version__}\n\n"
        "Summit runs an in-person summit from one laptop: agenda, notes, phone voting"
        " and a write-up pack. Everything stays on this laptop."
    )
