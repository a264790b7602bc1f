"""What the projector's notes wall shows for a prompt, kept from one change to the next.

The wall used to read every visible note of the prompt for each change anywhere in the
summit (1.4 s per edit at 50,000 notes, with the board). This keeps the prompt's notes by
theme (`NoteIndex`) and reads again only the notes a change names.
"""

from __future__ import annotations

from summit_app.core import Summit
from summit_app.core.changes import Area, Changes, Origin
from summit_app.core.model import Note, Theme
from summit_app.core.tables import raised_by
from summit_app.ui.note_index import Group, NoteIndex
from summit_app.ui.notes_wall import WallGroup

UNSORTED_NAME, UNSORTED_COLOUR = "Not yet grouped", "#e5e7eb"


def _shown(note: Note) -> bool:
    return not note.is_hidden and not note.is_held  # what the room may see


class WallNotes:
    def __init__(self) -> None:
        self.prompt_id: int | None = None
        self._themes: dict[int, Theme] = {}
        self._index = NoteIndex(self._theme_of, _shown)
        self._pending: Changes | None = None
        self._stale = True
        self._cards: dict[Group, list[str]] = {}  # each group's cards, row by row
        self._labels: dict[Group, tuple[str, ...]] = {}  # the same, until the group changes

    def _theme_of(self, note: Note) -> Group:
        return note.theme_id if note.theme_id in self._themes else None

    def changed(self, changes: Changes) -> None:
        """Note what a commit changed; the wall reads it when it is next drawn."""
        if not changes.touches(Area.NOTES):
            return
        if changes.everything or (changes.origin is Origin.PHONES and not changes.notes):
            self._stale = True  # which notes is not known
        elif changes.notes:
            self._pending = changes if self._pending is None else self._pending | changes
            if len(self._pending.notes) > max(500, len(self._index.notes) // 4):
                self._stale = True  # one read of them all is quicker
        # A write naming no notes wrote themes only: they are read at every draw.

    def groups(self, summit: Summit, prompt_id: int) -> list[WallGroup]:
        """The themes with their visible notes, in order; unsorted notes last."""
        themes = summit.notes.themes(prompt_id)
        removed = set(self._themes) - {t.id for t in themes}
        self._themes = {t.id: t for t in themes}
        if prompt_id != self.prompt_id or self._stale or self._missing_removed(removed):
            self._load(summit, prompt_id)
        else:
            self._catch_up(summit, removed)
        room = summit.tables.count()
        groups = []
        for key, name, colour in [
            *((t.id, t.name, t.colour) for t in themes),
            (None, UNSORTED_NAME, UNSORTED_COLOUR),
        ]:
            if key not in self._labels:
                self._labels[key] = tuple(self._cards.setdefault(key, []))
            raised = raised_by(self._index.raised(key), room) if key is not None else ""
            groups.append(
                WallGroup(f"{name} · {raised}" if raised else name, colour, self._labels[key], name)
            )
        return [g for g in groups if g.notes]

    def _missing_removed(self, removed: set[int]) -> bool:
        """Whether a removed theme still holds notes the pending changes do not move."""
        moving = self._pending.notes if self._pending else frozenset()
        return any(set(self._index.ids(key)) - moving for key in removed)

    def _load(self, summit: Summit, prompt_id: int) -> None:
        self.prompt_id, self._stale, self._pending = prompt_id, False, None
        notes = summit.notes.notes(prompt_id, include_hidden=False)
        self._index.load(notes, [*self._themes, None])
        self._labels = {}
        self._cards = {
            key: [self._index.notes[i].label for i in self._index.ids(key)]
            for key in self._index.groups
        }

    def _catch_up(self, summit: Summit, removed: set[int]) -> None:
        for key in self._themes:
            self._index.add_group(key)
        pending, self._pending = self._pending, None
        if pending is not None:
            fresh = [
                n
                for n in summit.notes.notes_with_ids(pending.notes)
                if n.prompt_id == self.prompt_id
            ]
            gone = pending.notes - {n.id for n in fresh}
            for move in self._index.update(fresh, gone):
                # Rows as the index counts them, one move after another (a list insert
                # rather than 50,000 labels read again).
                if move.old is not None:
                    del self._cards[move.old[0]][move.old[1]]
                    self._labels.pop(move.old[0], None)
                if move.new is not None and move.note is not None:
                    self._cards.setdefault(move.new[0], []).insert(move.new[1], move.note.label)
                    self._labels.pop(move.new[0], None)
        for key in removed:
            self._index.drop_group(key)
            self._labels.pop(key, None)
            self._cards.pop(key, None)
