"""Polls: drafting, opening and closing the vote, revealing results, counts from the room."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from summit_app.core.commands import command
from summit_app.core.errors import ValidationError
from summit_app.core.model import Poll, PollKind
from summit_app.core.store import Summit


@command
def add_poll(summit: Summit, /, item_id: int, **values: Any) -> Poll:
    return summit.polls.add_poll(item_id, **values)


@command
def poll_from_themes(summit: Summit, /, prompt_id: int, kind: PollKind | str) -> Poll:
    """A points or ranking poll whose options are the prompt's themes, in their order, each
    option linked to its theme (the pack says so), in the prompt's agenda item, as a draft
    ready to open: the room prioritises what it just said."""
    kind = PollKind(kind)
    if kind not in (PollKind.POINTS, PollKind.RANK):
        raise ValidationError("A poll on the themes is a points poll or a ranking.")
    prompt = summit.agenda.prompt(prompt_id)
    themes = summit.notes.themes(prompt_id)
    if len(themes) < 2:
        raise ValidationError("A poll on the themes needs at least two themes.")
    asked = prompt.text if len(prompt.text) <= 300 else prompt.text[:299] + "…"
    if kind is PollKind.POINTS:
        question = f"Share 10 points among the themes from “{asked}”: which matter most?"
    else:
        question = f"Rank the themes from “{asked}”, most important first."
    poll = summit.polls.add_poll(
        prompt.item_id, question, kind, [t.name for t in themes], points=10
    )
    return summit.polls.link_themes(poll.id, [t.id for t in themes])


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
