"""A nervous double click on stage must not do a thing twice.

A double click on Next would start and end an item in the same second; on Open voting, it
would open the poll and close it again with no ballots. A guarded slot ignores a second
activation that comes within `WINDOW_S` of the first, whichever way it came (mouse,
keyboard shortcut, presentation clicker).
"""

from __future__ import annotations

import time
from collections.abc import Callable

# A double click is at most ~0.5 s (Qt's default interval is 400 ms); a deliberate second
# press of Next comes later than this.
WINDOW_S = 0.8


def now() -> float:
    """The guards' clock (tests replace it to press buttons at chosen moments)."""
    return time.monotonic()


class Guarded:
    """A slot that ignores a repeat within `window_s`."""

    def __init__(self, slot: Callable[..., object], window_s: float = WINDOW_S) -> None:
        self._slot = slot
        self._window_s = window_s
        self._last: float | None = None

    def touch(self) -> None:
        """Count a press that did something else (a slide) as the last one."""
        self._last = _clock()

    def __call__(self, *args: object) -> None:
        """Call the slot with `args`, unless it was called a moment ago."""
        now = _clock()
        if self._last is not None and now - self._last < self._window_s:
            return
        self._last = now
        self._slot(*args)


def _clock() -> float:
    return now()
