"""Running the day: start, next, back, the countdown's colours and the drift line."""

from __future__ import annotations

from datetime import datetime, timedelta

from summit_app.core.schedule import local
from summit_app.ui.run_panel import RunPanel


class FakeClock:
    """The room's clock, moved on by the test."""

    def __init__(self) -> None:
        self.now = datetime.now().replace(hour=9, minute=30, second=0, microsecond=0)

    def __call__(self) -> datetime:
        return self.now


def test_facilitator_runs_through_the_agenda(qtbot, session, answers):
    clock = FakeClock()
    panel = RunPanel(session, clock)
    qtbot.addWidget(panel)
    assert panel.now_label.text() == "Nothing running"
    assert panel.next_label.text() == "Welcome"

    with qtbot.waitSignal(panel.item_started):
        panel.start_button.click()
    assert panel.now_label.text() == "Welcome"
    assert panel.next_label.text() == "What have we heard"
    assert panel.timer_label.text() == "15:00"
    assert panel.timer_label.property("timer_state") == "normal"

    clock.now += timedelta(minutes=14)
    panel.refresh()
    assert panel.timer_label.property("timer_state") == "amber"
    clock.now += timedelta(minutes=3)
    panel.refresh()
    assert panel.timer_label.text() == "+2:00"
    assert panel.timer_label.property("timer_state") == "red"
    assert panel.drift_label.text().startswith("Running 2 minutes late")

    panel.next_button.click()
    assert panel.now_label.text() == "What have we heard"
    panel.back_button.click()
    assert panel.now_label.text() == "Welcome"
    welcome = session.summit.agenda.items()[0]
    assert welcome.actual_start is not None and welcome.actual_end is None
    panel.next_button.click()
    panel.next_button.click()
    assert panel.now_label.text() == "Priorities"
    assert panel.next_label.text() == "—"
    answers.reply = False
    panel.end_button.click()  # a slip of the hand: the day goes on
    assert panel.now_label.text() == "Priorities"
    assert answers.asked[-1].startswith("End the day now?")
    answers.reply = True
    panel.end_button.click()
    assert panel.now_label.text() == "Nothing running"
    assert all(item.actual_end for item in session.summit.agenda.items())
    assert local(session.summit.agenda.items()[0].actual_start).strftime("%H:%M") == "09:30"


def test_a_double_click_on_next_moves_the_day_once(qtbot, session, monkeypatch):
    from summit_app.ui import guard

    panel = RunPanel(session)
    qtbot.addWidget(panel)
    moment = [100.0]
    monkeypatch.setattr(guard, "now", lambda: moment[0])
    panel.start_button.click()
    moment[0] += 2
    panel.next_button.click()
    moment[0] += 0.2  # the second click of a double click
    panel.next_button.click()
    assert panel.now_label.text() == "What have we heard"
    moment[0] += 0.1
    panel.back_button.click()  # a panicked Back in the same breath is ignored too
    assert panel.now_label.text() == "What have we heard"
    moment[0] += 2
    panel.next_button.click()  # a deliberate press a moment later works
    assert panel.now_label.text() == "Priorities"
