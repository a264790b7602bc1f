"""The programme team's write-up edits as the window runs them: each a core command
(`core.commands.writeup`) run as one undo step named for the Edit menu."""

from __future__ import annotations

from collections.abc import Sequence

from summit_app.core.commands import writeup
from summit_app.core.model import Action, NarrativeBlock
from summit_app.ui.session import SummitSession

# -- the authored texts --------------------------------------------------------------------


def set_summit_introduction(session: SummitSession, text: str) -> None:
    session.command("Edit the introduction", writeup.set_summit_introduction, text)


def set_section_introduction(session: SummitSession, section_id: int, text: str) -> None:
    session.command(
        "Edit a section's introduction", writeup.set_section_introduction, section_id, text
    )


def set_item_writeup(session: SummitSession, item_id: int, text: str) -> None:
    session.command("Edit an item's write-up", writeup.set_item_writeup, item_id, text)


def set_prompt_writeup(session: SummitSession, prompt_id: int, text: str) -> None:
    session.command("Edit a question's lead-in", writeup.set_prompt_writeup, prompt_id, text)


def set_theme_summary(session: SummitSession, theme_id: int, text: str) -> None:
    session.command("Edit a theme's summary", writeup.set_theme_summary, theme_id, text)


def set_key_points(session: SummitSession, speaker_id: int, points: Sequence[str]) -> None:
    session.command("Edit a speaker's key points", writeup.set_key_points, speaker_id, points)


# -- narrative blocks ----------------------------------------------------------------------


def add_block(
    session: SummitSession, section_id: int | None, text: str, index: int | None = None
) -> NarrativeBlock:
    return session.command("Add a block of text", writeup.add_block, section_id, text, index)


def update_block(session: SummitSession, block_id: int, text: str, title: str) -> None:
    session.command("Edit a block of text", writeup.update_block, block_id, text, title)


def shift_block(session: SummitSession, block_id: int, delta: int) -> None:
    session.command("Move a block of text", writeup.shift_block, block_id, delta)


def remove_block(session: SummitSession, block_id: int) -> None:
    session.command("Remove a block of text", writeup.remove_block, block_id)


# -- actions and commitments ---------------------------------------------------------------


def add_action(session: SummitSession, text: str, is_commitment: bool) -> Action:
    what = "Add a commitment" if is_commitment else "Add an action"
    return session.command(what, writeup.add_action, text, is_commitment)


def update_action(session: SummitSession, action: Action) -> None:
    what = "Edit a commitment" if action.is_commitment else "Edit an action"
    session.command(what, writeup.update_action, action)


def move_action(session: SummitSession, action_id: int, delta: int) -> None:
    """Move past the next (or previous) action of the same kind."""
    what = "Reorder commitments" if _is_commitment(session, action_id) else "Reorder actions"
    session.command(what, writeup.move_action, action_id, delta)


def remove_action(session: SummitSession, action_id: int) -> None:
    what = "Remove a commitment" if _is_commitment(session, action_id) else "Remove an action"
    session.command(what, writeup.remove_action, action_id)


def _is_commitment(session: SummitSession, action_id: int) -> bool:
    return session.summit.people.action(action_id).is_commitment


# -- the closing pages and the pack's options ----------------------------------------------


def set_closing_texts(session: SummitSession, **texts: str) -> None:
    session.command("Edit the closing pages", writeup.set_closing_texts, **texts)


def set_pack_options(session: SummitSession, **choices: object) -> None:
    session.command("Change what the pack includes", writeup.set_pack_options, **choices)
