"""The programme team's write-up: authored texts, narrative blocks, actions, the pack."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from summit_app.core.commands import command
from summit_app.core.model import Action, NarrativeBlock, PackOptions
from summit_app.core.store import Summit


@command
def set_summit_introduction(summit: Summit, /, text: str) -> None:
    summit.writeup.set_summit_introduction(text)


@command
def set_section_introduction(summit: Summit, /, section_id: int, text: str) -> None:
    summit.writeup.set_section_introduction(section_id, text)


@command
def set_item_writeup(summit: Summit, /, item_id: int, text: str) -> None:
    summit.writeup.set_item_writeup(item_id, text)


@command
def set_prompt_writeup(summit: Summit, /, prompt_id: int, text: str) -> None:
    summit.writeup.set_prompt_writeup(prompt_id, text)


@command
def set_theme_summary(summit: Summit, /, theme_id: int, text: str) -> None:
    summit.notes.update_theme(theme_id, summary=text)


@command
def set_key_points(summit: Summit, /, speaker_id: int, points: Sequence[str]) -> None:
    summit.writeup.set_key_points(speaker_id, points)


@command
def add_block(
    summit: Summit, section_id: int | None, text: str, index: int | None = None
) -> NarrativeBlock:
    return summit.writeup.add_block(section_id, text, index)


@command
def update_block(summit: Summit, /, block_id: int, text: str, title: str) -> None:
    summit.writeup.update_block(block_id, text, title)


@command
def shift_block(summit: Summit, /, block_id: int, delta: int) -> None:
    summit.writeup.shift_block(block_id, delta)


@command
def remove_block(summit: Summit, /, block_id: int) -> None:
    summit.writeup.remove_block(block_id)


@command
def add_action(summit: Summit, /, text: str, is_commitment: bool) -> Action:
    return summit.people.add_action(text, is_commitment=is_commitment)


@command
def update_action(summit: Summit, /, action: Action) -> None:
    summit.people.update_action(
        action.id, action.text, action.owner, action.due, action.is_commitment
    )


@command
def move_action(summit: Summit, /, action_id: int, delta: int) -> None:
    """Move past the next (or previous) action of the same kind (actions and commitments
    are ordered apart)."""
    mine = summit.people.action(action_id)
    same = [a for a in summit.people.actions() if a.is_commitment == mine.is_commitment]
    index = [a.id for a in same].index(action_id) + delta
    if 0 <= index < len(same):
        summit.people.move_action(action_id, same[index].position)


@command
def remove_action(summit: Summit, /, action_id: int) -> None:
    summit.people.remove_action(action_id)


@command
def set_closing_texts(summit: Summit, /, **texts: str) -> None:
    summit.writeup.set_closing_texts(dataclasses.replace(summit.writeup.closing_texts(), **texts))


@command
def set_pack_options(summit: Summit, /, **choices: object) -> None:
    options: PackOptions = dataclasses.replace(summit.writeup.pack_options(), **choices)  # type: ignore[arg-type]
    summit.writeup.set_pack_options(options)
