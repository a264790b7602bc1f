"""Opening a summit file in the control window."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMessageBox

from summit_app.core.schema import migrate
from summit_app.ui.agenda_model import AgendaModel
from summit_app.ui.main_window import MainWindow


def _texts(model, parent=None):
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    rows = []
    for row in range(model.rowCount(parent)):
        cells = [model.index(row, c, parent).data() for c in range(model.columnCount(parent))]
        rows.append(cells)
    return rows


def test_opening_a_summit_shows_its_name_and_agenda_with_start_times(qtbot, summit_path):
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(summit_path)
    assert window.windowTitle().startswith("leadership.summit")
    model = window.agenda_panel.model
    assert [r[0] for r in _texts(model)] == ["Morning", "Afternoon"]
    morning = model.index(0, 0)
    assert _texts(model, morning) == [
        ["Welcome", "talk", "15", "09:30"],
        ["What have we heard", "discussion", "30", "09:45"],
    ]
    assert _texts(model, model.index(1, 0)) == [["Priorities", "vote", "20", "10:15"]]
    assert "planned end 10:35" in window.agenda_panel.day_label.text()


def test_agenda_model_passes_the_model_tester(qtmodeltester, summit_path):
    from summit_app.core import Summit

    with Summit.open(summit_path) as summit:
        qtmodeltester.check(AgendaModel(summit))


def test_a_file_that_is_not_a_summit_shows_a_message_not_a_traceback(qtbot, tmp_path):
    bad = tmp_path / "notes.summit"
    bad.write_text("shopping list")
    window = MainWindow()
    qtbot.addWidget(window)
    assert not window.open_path(bad)
    box = window.findChild(QMessageBox, "error_box")
    assert "is not a summit file" in box.text()
    assert window.windowTitle() == "Summit"
    box.close()


def test_with_no_file_the_window_offers_new_and_open(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.welcome.new_button.text().startswith("New from template")
    assert window.welcome.open_button.text().startswith("Open")


def test_a_new_blank_summit_is_created_and_opened(qtbot, tmp_path):
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.create_summit(tmp_path / "away-day.summit", "blank")
    assert window.windowTitle().startswith("away-day.summit")
    assert (tmp_path / "away-day.summit").exists()


RUN_AND_REPORT = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from summit_app.ui import app

def report():
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible() and widget.windowTitle():
            print("TITLE", widget.windowTitle())
    QApplication.instance().quit()

app.application()
QTimer.singleShot(300, report)
sys.exit(app.run(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
"""


def test_run_opens_the_file_in_a_window_titled_with_its_name(summit_path, tmp_path):
    # run() owns the event loop, so it runs in its own process like the real app.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", RUN_AND_REPORT, str(summit_path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert "TITLE leadership.summit" in done.stdout


def test_edit_undo_in_the_menu_takes_back_the_last_note(qtbot, summit_path):
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(summit_path)
    board = window.note_board
    board.capture.setText("Oops")
    board.add_typed_note()
    assert window.menus.undo.text() == "&Undo Add note"
    window.menus.undo.trigger()
    assert window.session.summit.notes.notes() == []
    window.menus.redo.trigger()
    assert [n.text for n in window.session.summit.notes.notes()] == ["Oops"]


def test_recent_files_and_standard_shortcuts(qtbot, summit_path):
    from PySide6.QtGui import QKeySequence

    from summit_app.ui import settings

    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(summit_path)
    assert settings.recent_files() == [summit_path.resolve()]
    assert window.menus.open.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    window.menus._fill_recent()
    assert [a.text() for a in window.menus.recent.actions()] == [str(summit_path.resolve())]
    window.close_summit()
    assert window.windowTitle() == "Summit"
    assert not window.menus.close.isEnabled()


def test_the_window_remembers_its_size(qtbot, summit_path):
    first = MainWindow()
    qtbot.addWidget(first)
    first.resize(700, 500)
    first.show()
    first.close()
    second = MainWindow()
    qtbot.addWidget(second)
    assert second.size().toTuple() == (700, 500)


def test_opening_a_file_from_an_older_version_says_where_its_copy_is(qtbot, tmp_path):
    path = tmp_path / "old.summit"
    conn = sqlite3.connect(path)
    migrate(conn, target=1)
    conn.execute("INSERT INTO summit (id, title, join_code) VALUES (1, 'Old day', 'code')")
    conn.commit()
    conn.close()
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(path)
    assert "kept as old.summit.v1.bak" in window.statusBar().currentMessage()


def test_each_tab_has_its_alt_number_whatever_tabs_are_added(qtbot, summit_path):
    from summit_app.ui.menus import TABS

    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(summit_path)
    tabs = window.tabs
    assert tabs is not None and tabs.count() == len(TABS)
    for number, (action, name) in enumerate(zip(window.menus.tab_actions, TABS, strict=True)):
        assert action.shortcut().toString() == f"Alt+{number + 1}"
        action.trigger()
        assert tabs.currentIndex() == number
        assert tabs.tabText(number).replace("&", "").startswith(name.replace("&", ""))
    assert tabs.widget(len(TABS) - 1) is window.writeup_panel


def test_the_window_says_where_a_moved_summit_went(qtbot, summit_path, tmp_path):
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(summit_path)
    window.resize(1280, 688)
    window.show()
    qtbot.waitExposed(window)
    run = window.run_panel
    window.tabs.setCurrentWidget(run)

    def place() -> tuple[object, ...]:
        """Where the tabs and the Run tab's buttons are, and how tall its page is."""
        button, tabs = run.back_button, window.tabs
        return (tabs.mapTo(window, QPoint(0, 0)), button.mapTo(window, QPoint(0, 0)), run.height())

    qtbot.waitUntil(run.back_button.isVisible)  # Next shows once an item runs
    before = place()
    assert not window.file_banner.isVisible()
    elsewhere = tmp_path / "Trash" / summit_path.name
    elsewhere.parent.mkdir()
    os.rename(summit_path, elsewhere)
    qtbot.waitUntil(window.file_banner.isVisible, timeout=3000)
    # Said at once, in the tabs' row: nothing on the page moves in front of the room.
    qtbot.wait(50)
    assert place() == before
    line = window.file_text
    assert (
        line.text().startswith("Saving stopped: ")
        and line.fontMetrics().horizontalAdvance(line.text()) <= line.contentsRect().width()
    )
    assert f"moved to {elsewhere}" in line.toolTip()
    assert window.file_banner.accessibleDescription() == line.toolTip()
    window.file_help.click()  # the whole sentence: where it went, and what to do
    box = window.findChild(QMessageBox, "error_box")
    assert box is not None and box.text() == line.toolTip()
    box.close()
    os.rename(elsewhere, summit_path)
    qtbot.waitUntil(lambda: not window.file_banner.isVisible(), timeout=3000)
    assert place() == before
    window.close()


def _menu_actions(menu):
    for action in menu.actions():
        if action.isSeparator():
            continue
        yield action
        if action.menu() is not None:
            yield from _menu_actions(action.menu())


def test_with_no_summit_open_only_the_actions_that_need_none_are_enabled(qtbot, summit_path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QDialog

    from summit_app.ui.export_dialog import ExportDialog

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.isActiveWindow)
    menus = window.menus

    def enabled() -> set[str]:
        return {
            action.text()
            for menu in (menus.file, menus.edit, menus.day, menus.room)
            for action in _menu_actions(menu)
            if action.isEnabled()
        }

    welcome = {"&New from template…", "&Open…", "Open &recent", "&Quit"}
    assert enabled() == welcome  # File › Export is greyed, not a menu of greyed packs
    assert not menus.exports.menuAction().isEnabled()
    assert [a.text() for a in menus.edit.actions()] == ["&Undo", "&Redo"]  # greyed, not empty
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert not [w for w in shown if isinstance(w, QDialog)]

    window.open_path(summit_path)
    assert menus.exports.menuAction().isEnabled() and menus.export.isEnabled()
    assert {"&Close summit", "&Write-up pack…", "&Next item\tCtrl+Right, PageDown"} <= enabled()
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ExportDialog)]
    assert [d.isVisible() for d in dialogs] == [True]  # Ctrl+E opens it once a summit is open
    dialogs[0].reject()

    window.close_summit()
    assert enabled() == welcome
    assert not menus.exports.menuAction().isEnabled()
