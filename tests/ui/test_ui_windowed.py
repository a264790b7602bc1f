"""Summit as a windowed app starts it (Summit.exe, pythonw behind summit-app-gui): no stdout,
no stderr. Phones must still be able to join, and an unexpected error must still reach the
facilitator as a sentence and the log as a traceback."""

from __future__ import annotations

import logging
import sys

import httpx
import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton

from summit_app import logs
from summit_app.ui import crash
from summit_app.ui.app import start
from summit_app.ui.main_window import MainWindow


@pytest.fixture
def log_folder(tmp_path):
    folder = tmp_path / "logs"
    yield folder
    logs.unconfigure()


def test_phones_join_a_server_started_from_the_window_with_no_stdout_or_stderr(
    qtbot, summit_path, monkeypatch, log_folder
):
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    logs.configure(log_folder)  # as ui/app.py does at start-up, with nothing to print to
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(summit_path)
    panel = window.server_panel
    panel.port = 0  # a free port: other test runs may hold 8765
    loopback = panel.address_combo.findData("127.0.0.1")
    assert loopback >= 0
    panel.address_combo.setCurrentIndex(loopback)
    with qtbot.waitSignal(panel.server_started, timeout=10_000):
        panel.start_button.click()
    try:
        assert panel.running
        with httpx.Client(timeout=5) as phone:
            joined = phone.get(panel.server.join_url)
        assert joined.status_code == 200
        assert "summit_token=" in joined.headers["set-cookie"]
        qtbot.waitUntil(lambda: "1 phone joined" in panel.joined_label.text(), timeout=5_000)
    finally:
        panel.stop()
    assert window.session.summit.people.count() == 1


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_buttons_handler_is_a_sentence_for_the_facilitator_and_a_traceback_in_the_log(
    qtbot, log_folder, monkeypatch
):
    monkeypatch.setattr(sys, "stderr", None)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr("threading.excepthook", sys.excepthook)
    path = logs.configure(log_folder)
    crash.install()
    button = QPushButton("Group the notes")
    qtbot.addWidget(button)

    def broken() -> None:
        raise ZeroDivisionError("a bug in a handler")

    button.clicked.connect(broken)
    button.click()
    qtbot.waitUntil(lambda: crash.shown_box() is not None, timeout=5_000)
    box = crash.shown_box()
    assert box.icon() == QMessageBox.Icon.Critical
    assert "Something went wrong inside Summit" in box.text()
    assert str(path) in box.text()
    box.close()
    for handler in logging.getLogger().handlers:
        handler.flush()
    written = path.read_text(encoding="utf-8")
    assert "ZeroDivisionError: a bug in a handler" in written
    assert "Traceback" in written and "in broken" in written


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"not a summit at all, just some bytes" * 50, "not a summit"),
        (None, "no such file"),
    ],
)
def test_a_bad_file_opened_from_the_desktop_is_said_in_a_window(qtbot, tmp_path, content, said):
    path = tmp_path / "from the desktop.summit"
    if content is not None:
        path.write_bytes(content)
    window = start(path)
    qtbot.addWidget(window)
    assert window.isVisible()
    boxes = [b for b in window.findChildren(QMessageBox, "error_box") if b.isVisible()]
    assert len(boxes) == 1
    assert said in boxes[0].text().lower()
    assert window.windowTitle() == "Summit"  # the welcome page, to choose another file


def test_help_says_where_the_log_is(qtbot, log_folder):
    logs.configure(log_folder)
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.menus.log_folder.text() == "Show &log folder"
    assert logs.log_folder() == log_folder
    assert str(log_folder) in logs.crash_sentence()
