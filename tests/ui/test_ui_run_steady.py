"""The Run tab holds still under the facilitator's pointer: Back, Next and End the day keep
their places whatever the day's state, Space never goes backwards, and a double-click far
down the running order asks before it moves the room."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect

from summit_app.core.templates import create_from_template
from summit_app.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path):
    path = tmp_path / "demo.summit"
    create_from_template(path, "demo").close()
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(path)
    qtbot.addWidget(window.projector)
    window.resize(1366, 698)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.tabs.setCurrentWidget(window.run_panel)
    return window


def _place(window: MainWindow, widget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def test_back_next_and_end_keep_their_places_once_the_day_starts(qtbot, window):
    run = window.run_panel
    qtbot.wait(50)  # laid out
    assert run.start_button.isVisible() and not run.next_button.isVisible()
    start, back, end = (
        _place(window, b) for b in (run.start_button, run.back_button, run.end_button)
    )
    rows = _place(window, run.agenda_view)
    run.start_button.click()
    qtbot.waitUntil(run.next_button.isVisible)
    qtbot.wait(50)
    assert not run.start_button.isVisible()
    assert _place(window, run.next_button) == start  # Next where Start was
    assert _place(window, run.back_button) == back
    assert _place(window, run.end_button) == end
    assert back.right() < start.left() < end.left()  # Back, Next, End the day
    # A talk with slides comes up: its thumbnails show under the running order, whose rows
    # stay where they were.
    summit = window.session.summit
    talk = next(item for item in summit.agenda.items() if summit.decks.for_item(item.id))
    run.start_item(talk.id)
    qtbot.waitUntil(window.slide_strip.isVisible)
    qtbot.wait(50)
    assert _place(window, run.agenda_view) == rows
    assert _place(window, run.back_button) == back
    assert _place(window, run.next_button) == start
