"""Notes and themes: what the facilitator types, sorts and hides as the room talks."""

from __future__ import annotations

from collections.abc import Sequence

from summit_app.core.commands import command
from summit_app.core.model import Note, Theme
from summit_app.core.store import Summit
from summit_app.core.themes import Draft, Offer


@command
def add_note(summit: Summit, /, prompt_id: int, text: str, theme_id: int | None = None) -> Note:
    return summit.notes.add_note(prompt_id, text, theme_id=theme_id)


@command
def edit_note(summit: Summit, /, note_id: int, text: str) -> Note:
    return summit.notes.edit_note(note_id, text)


@command
def remove_notes(summit: Summit, /, note_ids: Sequence[int]) -> None:
    for note_id in note_ids:
        summit.notes.remove_note(note_id)


@command
def set_hidden(summit: Summit, /, note_ids: Sequence[int], hidden: bool) -> None:
    """Hide notes from the projector and the pack (or show them again)."""
    for note_id in note_ids:
        summit.notes.set_hidden(note_id, hidden)


@command
def set_quote(summit: Summit, /, note_ids: Sequence[int], quote: bool) -> None:
    for note_id in note_ids:
        summit.notes.set_quote(note_id, quote)


@command
def move_notes(summit: Summit, /, note_ids: Sequence[int], theme_id: int | None) -> None:
    for note_id in note_ids:
        summit.notes.set_theme(note_id, theme_id)


@command
def add_theme(summit: Summit, /, prompt_id: int, name: str, note_ids: Sequence[int] = ()) -> Theme:
    """A new theme; notes given go into it, in the same transaction."""
    theme = summit.notes.add_theme(prompt_id, name)
    for note_id in note_ids:
        summit.notes.set_theme(note_id, theme.id)
    return theme


@command
def update_theme(summit: Summit, /, theme_id: int, **fields: str) -> Theme:
    return summit.notes.update_theme(theme_id, **fields)


@command
def move_theme(summit: Summit, /, theme_id: int, position: int) -> None:
    summit.notes.move_theme(theme_id, position)


@command
def remove_theme(summit: Summit, /, theme_id: int) -> None:
    summit.notes.remove_theme(theme_id)


@command
def merge_notes(summit: Summit, /, groups: Sequence[Sequence[int]]) -> list[Note]:
    """Each group of near-duplicates becomes its first note, counting the others."""
    return [summit.notes.merge_notes(group) for group in groups]


@command
def accept_themes(
    summit: Summit, /, prompt_id: int, drafts: Sequence[Draft], offers: Sequence[Offer] = ()
) -> list[Theme]:
    """Suggested themes as the facilitator accepted them (renamed, moved, merged): each
    draft becomes a theme with its notes, each offer moves its note into that existing
    theme. The same writes as by hand, in one transaction: one step of undo."""
    made = []
    for draft in drafts:
        made.append(add_theme(summit, prompt_id, draft.name, draft.note_ids).value)
    for offer in offers:
        summit.notes.set_theme(offer.note_id, offer.theme_id)
    return made
