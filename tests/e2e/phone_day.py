"""The phone page's tests' summit: an item running and a poll on it (fixtures in conftest.py)."""

from __future__ import annotations

from summit_app.core import Summit
from summit_app.core.model import PollKind

OPTIONS = ["Workforce development", "Digital and data", "Health inequalities"]


def open_poll(summit: Summit, kind: PollKind = PollKind.SINGLE, **rules: object) -> int:
    item = summit.agenda.current_item()
    assert item is not None
    poll = summit.polls.add_poll(item.id, "Which priority first?", kind, OPTIONS, **rules)
    summit.polls.open_poll(poll.id)
    return poll.id
