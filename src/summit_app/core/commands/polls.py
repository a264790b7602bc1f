"""Polls: drafting, opening and closing the vote, revealing results, counts from the room."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from summit_app.core.commands import command
from summit_app.core.model import Poll
from summit_app.core.store import Summit


@command
def add_poll(summit: Summit, /, item_id: int, **values: Any) -> Poll:
    return summit.polls.add_poll(item_id, **values)


@command
def update_poll(summit: Summit, /, poll_id: int, **values: Any) -> Poll:
    return summit.polls.update_poll(poll_id, **values)


@command
def remove_poll(summit: Summit, /, poll_id: int) -> None:
    summit.polls.remove_poll(poll_id)


@command
def open_poll(summit: Summit, /, poll_id: int) -> Poll:
    return summit.polls.open_poll(poll_id)


@command
def close_poll(summit: Summit, /, poll_id: int) -> Poll:
    return summit.polls.close_poll(poll_id)


@command
def show_results(summit: Summit, /, poll_id: int, show: bool) -> Poll:
    return summit.polls.set_show_results(poll_id, show)


@command
def set_hand_counts(
    summit: Summit,
    /,
    poll_id: int,
    counts: Sequence[tuple[int, int | None, int]],
    voters: int,
    method: str,
) -> None:
    summit.polls.set_hand_counts(poll_id, counts, voters, method)
