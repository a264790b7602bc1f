"""The day's clock as the facilitator reads it: planned times, countdowns and drift."""

from datetime import datetime

from summit_app.core.model import Item, ItemKind
from summit_app.core.schedule import TimerState, clock, countdown, drift, plan, planned_end


def _items(*minutes: int, started: dict[int, str] | None = None) -> list[Item]:
    started = started or {}
    return [
        Item(i + 1, 1, i, f"Item {i + 1}", ItemKind.TALK, m, actual_start=started.get(i + 1))
        for i, m in enumerate(minutes)
    ]


def test_items_are_planned_back_to_back_from_the_start_time():
    slots = plan(_items(30, 15, 45), "09:30")
    assert [(s.start_clock, s.end_clock) for s in slots] == [
        ("09:30", "10:00"),
        ("10:00", "10:15"),
        ("10:15", "11:00"),
    ]
    assert clock(planned_end(_items(30, 15, 45), "09:30")) == "11:00"


def test_a_day_with_nothing_started_says_so_and_its_plan_not_on_time():
    # A rehearsal at 15:41 read "On time; ends 13:10" for a day planned at 09:30.
    assert drift(_items(30, 30), "09:00", None, datetime(2026, 3, 5, 15, 41)).text == (
        "not started; planned 09:00 to 10:00"
    )


def test_hours_late_read_as_hours_and_minutes():
    items = _items(30, 30, started={1: "2026-03-05T15:41:00"})
    result = drift(items, "09:30", 1, datetime(2026, 3, 5, 15, 42))
    assert result.minutes_late == 371
    assert result.text == "running 6 hours 11 minutes late; ends 16:41"
    items = _items(30, started={1: "2026-03-05T10:30:00"})
    assert drift(items, "09:30", 1, datetime(2026, 3, 5, 10, 31)).text.startswith(
        "running 1 hour late"
    )


def test_an_item_started_late_makes_the_day_late():
    items = _items(30, 30, 30, started={1: "2026-03-05T09:30:00", 2: "2026-03-05T10:07:00"})
    result = drift(items, "09:30", 2, datetime(2026, 3, 5, 10, 10))
    assert result.minutes_late == 7
    assert result.text == "running 7 minutes late; ends 11:07"


def test_an_overrunning_item_pushes_the_end_on_as_time_passes():
    items = _items(10, 20, started={1: "2026-03-05T09:00:00"})
    result = drift(items, "09:00", 1, datetime(2026, 3, 5, 9, 14))
    assert result.text == "running 4 minutes late; ends 09:34"


def test_starting_early_reads_as_early():
    items = _items(30, 30, started={2: "2026-03-05T09:25:00"})
    assert drift(items, "09:00", 2, datetime(2026, 3, 5, 9, 30)).text == (
        "running 5 minutes early; ends 09:55"
    )


def test_one_minute_is_singular():
    items = _items(10, started={1: "2026-03-05T09:01:00"})
    assert drift(items, "09:00", 1, datetime(2026, 3, 5, 9, 2)).text.startswith(
        "running 1 minute late"
    )


def test_countdown_runs_white_then_amber_then_red():
    item = _items(10, started={1: "2026-03-05T09:00:00"})[0]
    assert countdown(item, datetime(2026, 3, 5, 9, 1)).state is TimerState.NORMAL
    assert countdown(item, datetime(2026, 3, 5, 9, 1)).text == "9:00"
    assert countdown(item, datetime(2026, 3, 5, 9, 8, 30)).state is TimerState.AMBER
    late = countdown(item, datetime(2026, 3, 5, 9, 11, 30))
    assert late.state is TimerState.RED
    assert late.text == "+1:30"


def test_a_short_item_turns_amber_in_its_last_fifth_or_two_minutes():
    item = _items(5, started={1: "2026-03-05T09:00:00"})[0]
    assert countdown(item, datetime(2026, 3, 5, 9, 2, 50)).state is TimerState.NORMAL
    assert countdown(item, datetime(2026, 3, 5, 9, 3, 10)).state is TimerState.AMBER


def test_aware_timestamps_compare_with_local_time():
    item = _items(10, started={1: datetime(2026, 3, 5, 9, 0).astimezone().isoformat()})[0]
    assert countdown(item, datetime(2026, 3, 5, 9, 5)).remaining_seconds == 300


def test_an_item_not_started_has_no_countdown():
    assert countdown(_items(10)[0], datetime(2026, 3, 5, 9, 0)) is None


def test_a_paused_clock_stops_and_resumes_where_it_stopped(summit):
    section = summit.agenda.add_section("Morning")
    item = summit.agenda.add_item(section.id, "Talk", ItemKind.TALK, 10)
    summit.agenda.start_item(item.id, at="2026-03-05T09:00:00")
    summit.agenda.pause(at="2026-03-05T09:04:00")
    paused = summit.agenda.item(item.id)
    assert countdown(paused, datetime(2026, 3, 5, 9, 30)).text == "6:00"
    assert countdown(paused, datetime(2026, 3, 5, 9, 30)).paused
    summit.agenda.resume(at="2026-03-05T09:09:00")
    running = summit.agenda.item(item.id)
    assert countdown(running, datetime(2026, 3, 5, 9, 10)).text == "5:00"
    assert not countdown(running, datetime(2026, 3, 5, 9, 10)).paused
    # The day is five minutes later for the pause.
    items = summit.agenda.items()
    assert drift(items, "09:00", item.id, datetime(2026, 3, 5, 9, 10)).minutes_late == 5


def test_minutes_added_on_the_day_extend_the_clock_but_not_the_plan(summit):
    section = summit.agenda.add_section("Morning")
    item = summit.agenda.add_item(section.id, "Talk", ItemKind.TALK, 10)
    summit.agenda.start_item(item.id, at="2026-03-05T09:00:00")
    summit.agenda.add_minutes(1)
    summit.agenda.add_minutes(5)
    longer = summit.agenda.item(item.id)
    assert longer.planned_minutes == 10 and longer.extra_minutes == 6
    timer = countdown(longer, datetime(2026, 3, 5, 9, 12))
    assert timer.text == "4:00" and not timer.overrun


def test_a_pause_under_way_ends_when_the_next_item_starts(summit):
    section = summit.agenda.add_section("Morning")
    first = summit.agenda.add_item(section.id, "Talk", ItemKind.TALK, 10)
    second = summit.agenda.add_item(section.id, "Break", ItemKind.BREAK, 10)
    summit.agenda.start_item(first.id, at="2026-03-05T09:00:00")
    summit.agenda.pause(at="2026-03-05T09:05:00")
    summit.agenda.start_item(second.id, at="2026-03-05T09:07:00")
    ended = summit.agenda.item(first.id)
    assert ended.paused_at is None and ended.paused_seconds == 120


def test_nothing_running_cannot_be_paused(summit):
    import pytest

    from summit_app.core.errors import ValidationError

    with pytest.raises(ValidationError, match="start an item first"):
        summit.agenda.pause()
