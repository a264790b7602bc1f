"""The Run tab holds still under the facilitator's pointer: Back, Next and End the day keep
their places whatever the day's state, Space never goes backwards, and a double-click far
down the running order asks before it moves the room."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication
from shown_window import demo_window

from summit_app.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path):
    window = demo_window(qtbot, tmp_path)
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
    assert not run.back_button.isEnabled()  # it would start the day: nothing to go back to
    start, back, end = (
        _place(window, b) for b in (run.start_button, run.back_button, run.end_button)
    )
    rows = _place(window, run.agenda_view)
    run.start_button.click()
    qtbot.waitUntil(run.next_button.isVisible)
    qtbot.wait(50)
    assert not run.start_button.isVisible() and run.back_button.isEnabled()
    assert _place(window, run.next_button) == start  # Next where Start was
    assert _place(window, run.back_button) == back
    assert _place(window, run.end_button) == end
    assert back.right() < start.left() < end.left()  # Back, Next, End the day
    # A talk with slides comes up: its thumbnails show under the running order, whose rows
    # stay where they were.
    summit = window.session.summit
    talk = next(item for item in summit.agenda.items() if summit.decks.for_item(item.id))
    assert window.slide_strip.title.text() == "No slides for this item"
    run.start_item(talk.id)
    qtbot.waitUntil(window.slide_strip.list.isVisible)
    qtbot.wait(50)
    assert _place(window, run.agenda_view) == rows
    assert _place(window, run.back_button) == back
    assert _place(window, run.next_button) == start


def test_space_moves_on_never_back_and_enter_presses_the_focused_button(
    qtbot, window, monkeypatch, answers
):
    from summit_app.ui import guard
    from summit_app.ui.run_panel import run_here

    moment = [100.0]
    monkeypatch.setattr(guard, "now", lambda: moment[0])

    def press(widget, key) -> None:
        moment[0] += 2  # a deliberate press, not a double click's second half
        qtbot.keyClick(widget, key)

    run = window.run_panel
    titles = [item.title for item in run_here(window.session.summit)]
    qtbot.mouseClick(run.start_button, Qt.MouseButton.LeftButton)
    moment[0] += 2
    qtbot.mouseClick(run.next_button, Qt.MouseButton.LeftButton)
    moment[0] += 2
    qtbot.mouseClick(run.back_button, Qt.MouseButton.LeftButton)
    assert run.now_label.text() == titles[0]
    assert QApplication.focusWidget() is run.back_button  # a pushed button keeps the focus
    press(run.back_button, Qt.Key.Key_Space)  # "next slide", out of habit
    assert run.now_label.text() == titles[1]
    press(run.back_button, Qt.Key.Key_Space)
    assert run.now_label.text() == titles[2]
    run.end_button.setFocus()
    press(run.end_button, Qt.Key.Key_Space)  # moves on; it does not end the day
    assert run.now_label.text() == titles[3] and answers.asked == []
    # The talk's deck is on the projector: Space shows its next slide, from the list too.
    assert window.stage.live.slide == 0
    run.agenda_view.setFocus()
    press(run.agenda_view, Qt.Key.Key_Space)
    assert window.stage.live.slide == 1 and run.now_label.text() == titles[3]
    # The keyboard still reaches every button: Tab to it, Enter presses it.
    run.back_button.setFocus()
    press(run.back_button, Qt.Key.Key_Return)
    assert window.stage.live.slide == 0
    run.pause_button.setFocus()
    press(run.pause_button, Qt.Key.Key_Enter)
    assert run.pause_button.text() == "Resume clock"


def test_a_double_click_further_than_one_item_asks_first(qtbot, window, answers):
    from summit_app.ui.run_panel import run_here

    run, view = window.run_panel, window.run_panel.agenda_view
    items = run_here(window.session.summit)

    def double_click(n: int) -> None:
        index = run.agenda_model.index_of("item", items[n].id)
        view.scrollTo(index)
        spot = view.visualRect(index).center()
        # As a mouse does it: the first click, then the second (QTest's double click alone
        # sends no first press, and the view emits nothing).
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=spot)

    double_click(0)  # the first item, before the day: one step, no question
    assert run.now_label.text() == items[0].title and answers.asked == []
    answers.reply = False
    double_click(5)  # a nervous double-click five rows down: the room stays
    assert answers.asked[-1] == f"Start “{items[5].title}” now? The room skips 4 items on the way."
    assert run.now_label.text() == items[0].title
    answers.reply = True
    double_click(5)
    assert run.now_label.text() == items[5].title
    asked = len(answers.asked)
    double_click(6)  # the next item and the last one are one step: no question
    double_click(5)
    assert run.now_label.text() == items[5].title and len(answers.asked) == asked
    answers.reply = False
    double_click(2)
    assert answers.asked[-1] == f"Go back 3 items to “{items[2].title}” now?"
    assert run.now_label.text() == items[5].title
