"""The facilitator's use cases, callable without Qt: by the window, the CLI and the tests.

Each command takes the open `Summit` first, runs in one transaction (or joins the caller's,
such as the window's undo step), and returns `Done`: its result and the typed `Changes`
computed from the rows it wrote. A refused command raises a SummitError and changed
nothing. The window wraps them only to name the undo step and show errors
(`ui/commands.py`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Concatenate, Generic, ParamSpec, TypeVar

from summit_app.core.changes import Changes
from summit_app.core.history import recording
from summit_app.core.store import Summit

T = TypeVar("T")
P = ParamSpec("P")


@dataclass(frozen=True)
class Done(Generic[T]):
    """What a command returned, and what it changed."""

    value: T
    changes: Changes


def command(
    action: Callable[Concatenate[Summit, P], T],
) -> Callable[Concatenate[Summit, P], Done[T]]:
    """Make `action(summit, ...)` a command: one transaction, and its Changes."""

    def run(summit: Summit, /, *args: P.args, **kwargs: P.kwargs) -> Done[T]:
        with recording(summit) as changes:
            value = action(summit, *args, **kwargs)
        return Done(value, changes[0])

    functools.update_wrapper(run, action)
    return run
