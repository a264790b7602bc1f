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
    assert panel.now_label.text() == "The day has ended"
    assert panel.drift_label.text() == ""  # no "on time" for a day that is over
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


def test_the_clock_pauses_resumes_and_takes_extra_minutes(qtbot, session):
    clock = FakeClock()
    panel = RunPanel(session, clock)
    qtbot.addWidget(panel)
    panel.start_button.click()
    clock.now += timedelta(minutes=5)
    panel.pause_button.click()
    assert panel.pause_button.text() == "Resume clock"
    clock.now += timedelta(minutes=30)  # the fire alarm
    panel.refresh()
    assert panel.timer_label.text() == "10:00 paused"
    panel.pause_button.click()
    clock.now += timedelta(minutes=1)
    panel.refresh()
    assert panel.timer_label.text() == "9:00"
    panel.plus_one.click()
    panel.plus_five.click()
    assert panel.timer_label.text() == "15:00"
    assert panel.planned_label.text() == "talk · 15 minutes + 6 minutes added"
    assert session.summit.agenda.items()[0].planned_minutes == 15  # the plan is as planned
    session.undo()
    assert panel.planned_label.text() == "talk · 15 minutes + 1 minute added"


def test_one_minute_is_not_one_minutes(qtbot, session):
    panel = RunPanel(session, FakeClock())
    qtbot.addWidget(panel)
    item = session.summit.agenda.items()[0]
    session.summit.agenda.update_item(item.id, planned_minutes=1)
    panel.start_button.click()
    assert panel.planned_label.text() == "talk · 1 minute"


def test_the_room_need_not_see_the_overrun(qtbot, summit_path):
    from summit_app.ui.main_window import MainWindow
    from summit_app.ui.stage import Mode

    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(summit_path)
    qtbot.addWidget(window.projector)
    clock = FakeClock()
    window.run_panel.clock = clock
    window.projector.view.clock = clock
    window.run_panel.start_first()
    window.projector_panel.show_mode(Mode.ITEM)
    clock.now += timedelta(minutes=17)
    window.run_panel.refresh()
    window.projector.view.refresh()
    assert window.projector.view.item_timer.text() == "+2:00"
    window.projector_panel.hide_overrun.setChecked(True)
    assert window.projector.view.item_timer.text() == ""
    assert window.run_panel.timer_label.text() == "+2:00"  # the facilitator still sees it
