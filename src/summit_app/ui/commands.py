"""The facilitator's edits as undoable commands; each step calls the Summit API.

`perform` does the edit at once (so a SummitError reaches the caller before anything is
pushed), then pushes a command that knows how to undo and redo it. Removals are undone by
the store's `restore_*` methods, which bring rows back with their ids, so later commands
on the stack still point at the right note, theme or item.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtGui import QUndoCommand

from summit_app.core import SummitError
from summit_app.core.model import Item
from summit_app.ui import dialogs
from summit_app.ui.session import SummitSession


class ApiCommand(QUndoCommand):
    def __init__(
        self,
        session: SummitSession,
        text: str,
        redo: Callable[[], Any],
        undo: Callable[[], Any],
        areas: Sequence[str],
    ) -> None:
        super().__init__(text)
        self._session = session
        self._redo, self._undo = redo, undo
        self._areas = tuple(areas)
        self._first = True  # `perform` has already done it

    def redo(self) -> None:
        if self._first:
            self._first = False
        else:
            self._run(self._redo)

    def undo(self) -> None:
        self._run(self._undo)

    def _run(self, step: Callable[[], Any]) -> None:
        try:
            step()
        except SummitError as error:
            # The file changed underneath (a phone, another edit): say so and drop the step.
            self.setObsolete(True)
            dialogs.error(None, f"Cannot {self.text().lower()}: {error}")
        self._session.changed(*self._areas)


def perform(
    session: SummitSession,
    text: str,
    do: Callable[[], Any],
    redo: Callable[[], Any] | None,
    undo: Callable[[], Any],
    areas: Sequence[str],
) -> Any:
    """Do an edit now and push it for undo. Raises SummitError without pushing anything."""
    result = do()
    session.undo_stack.push(ApiCommand(session, text, redo or do, undo, areas))
    session.changed(*areas)
    return result


# -- notes ---------------------------------------------------------------------------------


def add_note(session: SummitSession, prompt_id: int, text: str, theme_id: int | None = None):
    notes = session.summit.notes
    box: dict[str, Any] = {}

    def do():
        box["note"] = notes.add_note(prompt_id, text, theme_id=theme_id)
        return box["note"]

    def undo():
        box["note"] = notes.note(box["note"].id)
        notes.remove_note(box["note"].id)

    return perform(
        session, "Add note", do, lambda: notes.restore_note(box["note"]), undo, ["notes"]
    )


def edit_note(session: SummitSession, note_id: int, text: str):
    notes = session.summit.notes
    old = notes.note(note_id).text
    return perform(
        session,
        "Edit note",
        lambda: notes.edit_note(note_id, text),
        None,
        lambda: notes.edit_note(note_id, old),
        ["notes"],
    )


def remove_notes(session: SummitSession, note_ids: Sequence[int]) -> None:
    notes = session.summit.notes
    gone = [notes.note(i) for i in note_ids]

    def do():
        for note in gone:
            notes.remove_note(note.id)

    def undo():
        for note in sorted(gone, key=lambda n: n.position):
            notes.restore_note(note)

    perform(session, "Remove note", do, None, undo, ["notes"])


def set_flag(session: SummitSession, note_ids: Sequence[int], flag: str, value: bool) -> None:
    """Hide/show (`hidden`) or mark/unmark as a quote (`quote`) several notes at once."""
    notes = session.summit.notes
    setter = notes.set_hidden if flag == "hidden" else notes.set_quote
    old = {i: getattr(notes.note(i), f"is_{flag}") for i in note_ids}
    label = {"hidden": ("Hide note", "Show note"), "quote": ("Mark quote", "Unmark quote")}[flag]
    perform(
        session,
        label[0] if value else label[1],
        lambda: [setter(i, value) for i in note_ids],
        None,
        lambda: [setter(i, was) for i, was in old.items()],
        ["notes"],
    )


def move_notes(session: SummitSession, note_ids: Sequence[int], theme_id: int | None) -> None:
    notes = session.summit.notes
    old = {i: notes.note(i).theme_id for i in note_ids}
    perform(
        session,
        "Move note to theme",
        lambda: [notes.set_theme(i, theme_id) for i in note_ids],
        None,
        lambda: [notes.set_theme(i, was) for i, was in old.items()],
        ["notes"],
    )


# -- themes --------------------------------------------------------------------------------


def add_theme(session: SummitSession, prompt_id: int, name: str):
    notes = session.summit.notes
    box: dict[str, Any] = {}

    def do():
        box["theme"] = notes.add_theme(prompt_id, name)
        return box["theme"]

    def undo():
        box["theme"] = notes.theme(box["theme"].id)
        notes.remove_theme(box["theme"].id)

    return perform(
        session, "Add theme", do, lambda: notes.restore_theme(box["theme"]), undo, ["notes"]
    )


def update_theme(session: SummitSession, theme_id: int, **fields: str) -> None:
    notes = session.summit.notes
    old = notes.theme(theme_id)
    before = {name: getattr(old, name) for name in fields}
    text = "Rename theme" if "name" in fields else "Edit theme"
    if set(fields) == {"colour"}:
        text = "Recolour theme"
    perform(
        session,
        text,
        lambda: notes.update_theme(theme_id, **fields),
        None,
        lambda: notes.update_theme(theme_id, **before),
        ["notes"],
    )


def move_theme(session: SummitSession, theme_id: int, position: int) -> None:
    notes = session.summit.notes
    old = notes.theme(theme_id).position
    perform(
        session,
        "Reorder themes",
        lambda: notes.move_theme(theme_id, position),
        None,
        lambda: notes.move_theme(theme_id, old),
        ["notes"],
    )


def remove_theme(session: SummitSession, theme_id: int) -> None:
    notes = session.summit.notes
    theme = notes.theme(theme_id)
    members = tuple(n.id for n in notes.notes(theme.prompt_id) if n.theme_id == theme_id)
    perform(
        session,
        "Remove theme",
        lambda: notes.remove_theme(theme_id),
        None,
        lambda: notes.restore_theme(theme, members),
        ["notes"],
    )


# -- agenda --------------------------------------------------------------------------------


def add_item(session: SummitSession, section_id: int, title: str, kind: str, minutes: int):
    agenda = session.summit.agenda
    box: dict[str, Item] = {}

    def do():
        box["item"] = agenda.add_item(section_id, title, kind, minutes)
        return box["item"]

    def undo():
        box["item"] = agenda.item(box["item"].id)
        agenda.remove_item(box["item"].id)

    return perform(
        session,
        "Add agenda item",
        do,
        lambda: agenda.restore_item(box["item"]),
        undo,
        ["agenda", "live"],
    )


def update_item(session: SummitSession, item_id: int, **fields: Any) -> Item:
    agenda = session.summit.agenda
    old = agenda.item(item_id)
    before = {name: getattr(old, name) for name in fields}
    return perform(
        session,
        "Edit agenda item",
        lambda: agenda.update_item(item_id, **fields),
        None,
        lambda: agenda.update_item(item_id, **before),
        ["agenda"],
    )


def remove_item(session: SummitSession, item_id: int) -> None:
    agenda = session.summit.agenda
    item = agenda.item(item_id)
    speakers = tuple(agenda.speakers(item_id))
    prompts = tuple(agenda.prompts(item_id))
    perform(
        session,
        "Remove agenda item",
        lambda: agenda.remove_item(item_id),
        None,
        lambda: agenda.restore_item(item, speakers, prompts),
        ["agenda", "live", "notes", "polls"],
    )


def move_item(
    session: SummitSession, item_id: int, position: int, section_id: int | None = None
) -> None:
    agenda = session.summit.agenda
    old = agenda.item(item_id)
    perform(
        session,
        "Move agenda item",
        lambda: agenda.move_item(item_id, position, section_id),
        None,
        lambda: agenda.move_item(item_id, old.position, old.section_id),
        ["agenda"],
    )
