"""The day's clock: planned times from the start time, countdowns and drift. Pure functions.

Planned times are clock times on the summit's day (minutes from midnight); actual times are
the ISO timestamps the store records. Everything is compared as naive local time, because
the room, the laptop and the printed agenda all share one clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from summit_app.core.model import Item

AMBER_SECONDS = 120  # amber in the last two minutes...
AMBER_SHARE = 0.2  # ...or the last fifth of a short item, whichever comes first


class TimerState(StrEnum):
    NORMAL = "normal"
    AMBER = "amber"
    RED = "red"


@dataclass(frozen=True)
class Slot:
    """An item's planned place in the day, in minutes from midnight."""

    item_id: int
    start: int
    end: int

    @property
    def start_clock(self) -> str:
        return clock(self.start)

    @property
    def end_clock(self) -> str:
        return clock(self.end)


@dataclass(frozen=True)
class Countdown:
    remaining_seconds: int  # negative once the item has run over
    planned_seconds: int  # planned plus any minutes added on the day
    state: TimerState
    paused: bool = False
    added_minutes: int = 0

    @property
    def overrun(self) -> bool:
        return self.remaining_seconds < 0

    @property
    def text(self) -> str:
        """'12:05' while running, '+1:30' once over time."""
        sign = "+" if self.remaining_seconds < 0 else ""
        minutes, seconds = divmod(abs(self.remaining_seconds), 60)
        return f"{sign}{minutes}:{seconds:02d}"


@dataclass(frozen=True)
class Drift:
    minutes_late: int  # negative when early
    ends_at: int  # projected end of the day, minutes from midnight
    started: bool = True  # False before the first item: no drift to speak of yet
    starts_at: int = 0  # the planned start, minutes from midnight

    @property
    def text(self) -> str:
        ends = f"ends {clock(self.ends_at)}"
        if not self.started:  # "on time" at 15:41 for a day planned at 09:30 misled
            return f"not started; planned {clock(self.starts_at)} to {clock(self.ends_at)}"
        if self.minutes_late == 0:
            return f"on time; {ends}"
        word = "late" if self.minutes_late > 0 else "early"
        return f"running {duration(abs(self.minutes_late))} {word}; {ends}"


def duration(minutes: int) -> str:
    """45 -> '45 minutes'; 371 -> '6 hours 11 minutes'; 60 -> '1 hour'."""
    hours, mins = divmod(minutes, 60)
    parts = [f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []
    if mins or not hours:
        parts.append(f"{mins} minute{'s' if mins != 1 else ''}")
    return " ".join(parts)


def parse_clock(value: str) -> int:
    """'09:30' -> 570 minutes from midnight."""
    hours, minutes = value.split(":")
    return int(hours) * 60 + int(minutes)


def clock(minutes: int) -> str:
    """570 -> '09:30' (wraps past midnight)."""
    hours, mins = divmod(minutes % (24 * 60), 60)
    return f"{hours:02d}:{mins:02d}"


def plan(items: Sequence[Item], start_time: str) -> list[Slot]:
    """Each item's planned start and end, back to back from the day's start time."""
    at = parse_clock(start_time)
    slots = []
    for item in items:
        slots.append(Slot(item.id, at, at + item.planned_minutes))
        at += item.planned_minutes
    return slots


def planned_end(items: Sequence[Item], start_time: str) -> int:
    return parse_clock(start_time) + sum(item.planned_minutes for item in items)


def local(value: str | datetime) -> datetime:
    """A timestamp as naive local time."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo else moment


def seconds_between(start: str | datetime, end: str | datetime) -> int:
    return int((local(end) - local(start)).total_seconds())


def running_seconds(item: Item, now: datetime) -> int:
    """How long the item's clock has run: since it started, less its pauses (a pause under
    way counts up to now)."""
    if item.actual_start is None:
        return 0
    until = item.paused_at or now
    return max(0, seconds_between(item.actual_start, until) - item.paused_seconds)


def countdown(item: Item, now: datetime) -> Countdown | None:
    """The running item's timer, or None if it has not started."""
    if item.actual_start is None:
        return None
    planned = (item.planned_minutes + item.extra_minutes) * 60
    remaining = planned - running_seconds(item, now)
    if remaining < 0:
        state = TimerState.RED
    elif remaining < AMBER_SECONDS or remaining < planned * AMBER_SHARE:
        state = TimerState.AMBER
    else:
        state = TimerState.NORMAL
    return Countdown(remaining, planned, state, item.paused_at is not None, item.extra_minutes)


def drift(items: Sequence[Item], start_time: str, current_id: int | None, now: datetime) -> Drift:
    """How late the day is running, projected from the running item.

    The running item ends when its clock has run its planned length (with minutes added on
    the day, after its pauses), or now if it has overrun; the items after it keep their
    planned lengths.
    """
    slots = plan(items, start_time)
    end = planned_end(items, start_time)
    index = next((i for i, it in enumerate(items) if it.id == current_id), None)
    if index is None or items[index].actual_start is None:
        return Drift(0, end, started=False, starts_at=parse_clock(start_time))
    item, now_local = items[index], local(now)
    started = local(item.actual_start)  # type: ignore[arg-type]
    timer = countdown(item, now)
    left = max(0, timer.remaining_seconds) if timer is not None else 0
    expected = now_local + timedelta(seconds=left)
    day = datetime.combine(started.date(), datetime.min.time())
    current_end = round((expected - day).total_seconds() / 60)
    late = current_end - slots[index].end
    return Drift(late, end + late)
