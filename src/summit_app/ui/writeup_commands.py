"""The programme team's write-up edits, each one command of the core's History.

As in commands.py: one transaction, one undo step and one announced Change each; a refused
edit raises a SummitError (and changed nothing) for the widget to show.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from summit_app.core import Summit
from summit_app.core.model import Action, NarrativeBlock, PackOptions
from summit_app.ui.session import SummitSession

# -- the authored texts --------------------------------------------------------------------


def set_summit_introduction(session: SummitSession, text: str) -> None:
    session.run("Edit the introduction", lambda s: s.writeup.set_summit_introduction(text))


def set_section_introduction(session: SummitSession, section_id: int, text: str) -> None:
    session.run(
        "Edit a section's introduction",
        lambda s: s.writeup.set_section_introduction(section_id, text),
    )


def set_item_writeup(session: SummitSession, item_id: int, text: str) -> None:
    session.run("Edit an item's write-up", lambda s: s.writeup.set_item_writeup(item_id, text))


def set_prompt_writeup(session: SummitSession, prompt_id: int, text: str) -> None:
    session.run(
        "Edit a question's lead-in", lambda s: s.writeup.set_prompt_writeup(prompt_id, text)
    )


def set_theme_summary(session: SummitSession, theme_id: int, text: str) -> None:
    session.run("Edit a theme's summary", lambda s: s.notes.update_theme(theme_id, summary=text))


def set_key_points(session: SummitSession, speaker_id: int, points: Sequence[str]) -> None:
    session.run(
        "Edit a speaker's key points", lambda s: s.writeup.set_key_points(speaker_id, points)
    )


# -- narrative blocks ----------------------------------------------------------------------


def add_block(
    session: SummitSession, section_id: int | None, text: str, index: int | None = None
) -> NarrativeBlock:
    return session.run(
        "Add a block of text", lambda s: s.writeup.add_block(section_id, text, index)
    )


def update_block(session: SummitSession, block_id: int, text: str, title: str) -> None:
    session.run("Edit a block of text", lambda s: s.writeup.update_block(block_id, text, title))


def shift_block(session: SummitSession, block_id: int, delta: int) -> None:
    session.run("Move a block of text", lambda s: s.writeup.shift_block(block_id, delta))


def remove_block(session: SummitSession, block_id: int) -> None:
    session.run("Remove a block of text", lambda s: s.writeup.remove_block(block_id))


# -- actions and commitments ---------------------------------------------------------------


def add_action(session: SummitSession, text: str, is_commitment: bool) -> Action:
    what = "Add a commitment" if is_commitment else "Add an action"
    return session.run(what, lambda s: s.people.add_action(text, is_commitment=is_commitment))


def update_action(session: SummitSession, action: Action) -> None:
    session.run(
        "Edit a commitment" if action.is_commitment else "Edit an action",
        lambda s: s.people.update_action(
            action.id, action.text, action.owner, action.due, action.is_commitment
        ),
    )


def move_action(session: SummitSession, action_id: int, delta: int) -> None:
    """Move past the next (or previous) action of the same kind."""

    def move(s: Summit) -> None:
        actions = s.people.actions()
        mine = s.people.action(action_id)
        same = [a for a in actions if a.is_commitment == mine.is_commitment]
        index = [a.id for a in same].index(action_id) + delta
        if 0 <= index < len(same):
            s.people.move_action(action_id, same[index].position)

    session.run(
        "Reorder commitments" if _is_commitment(session, action_id) else "Reorder actions", move
    )


def remove_action(session: SummitSession, action_id: int) -> None:
    what = "Remove a commitment" if _is_commitment(session, action_id) else "Remove an action"
    session.run(what, lambda s: s.people.remove_action(action_id))


def _is_commitment(session: SummitSession, action_id: int) -> bool:
    return session.summit.people.action(action_id).is_commitment


# -- the closing pages and the pack's options ----------------------------------------------


def set_closing_texts(session: SummitSession, **texts: str) -> None:
    def apply(s: Summit) -> None:
        s.writeup.set_closing_texts(dataclasses.replace(s.writeup.closing_texts(), **texts))

    session.run("Edit the closing pages", apply)


def set_pack_options(session: SummitSession, **choices: object) -> None:
    def apply(s: Summit) -> None:
        options: PackOptions = dataclasses.replace(s.writeup.pack_options(), **choices)  # type: ignore[arg-type]
        s.writeup.set_pack_options(options)

    session.run("Change what the pack includes", apply)
