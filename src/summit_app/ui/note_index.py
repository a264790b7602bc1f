"""A prompt's notes by group, in board order, kept up to date one note at a time.

The note board and the projector's wall both show a prompt's notes grouped (by theme),
each group in board order (position, then id). At 10,000 notes, reading them all and
rebuilding every row for each edit took a quarter of a second; this index takes the few
notes a change names (`Changes.notes`) and says, for each, which group and row it left
and which it entered, so a view moves only those rows. Pure Python: no Qt here.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from summit_app.core.model import Note

Group = int | None  # a theme id; None: unsorted


def order(note: Note) -> tuple[int, int]:
    return (note.position, note.id)


@dataclass(frozen=True)
class Moved:
    """One note's change: the row it left (`old`), the row it now has (`new`); either is
    None when the note arrived or left. A note edited in place has old == new."""

    note_id: int
    note: Note | None
    old: tuple[Group, int] | None
    new: tuple[Group, int] | None


class NoteIndex:
    """The shown notes of one prompt: id -> note, and each group's ids in board order.

    `group_of(note)` names a note's group; a note whose group is not one of the groups
    given to `load` (or `add_group`), or that `keep(note)` refuses (a hidden note on the
    projector), is not shown."""

    def __init__(
        self,
        group_of: Callable[[Note], Group],
        keep: Callable[[Note], bool] = lambda note: True,
    ) -> None:
        self.group_of = group_of
        self.keep = keep
        self.notes: dict[int, Note] = {}
        self._keys: dict[Group, list[tuple[int, int]]] = {}
        self._where: dict[int, Group] = {}
        self.tables: dict[Group, Counter[int]] = {}  # group -> its notes' tables, counted

    def load(self, notes: Iterable[Note], groups: Iterable[Group]) -> None:
        self.notes, self._where = {}, {}
        self._keys = {group: [] for group in groups}
        self.tables = {group: Counter() for group in self._keys}
        for note in sorted(notes, key=order):
            group = self.group_of(note)
            if group in self._keys and self.keep(note):
                self._add(note, group, len(self._keys[group]))

    @property
    def groups(self) -> list[Group]:
        return list(self._keys)

    def ids(self, group: Group) -> list[int]:
        return [key[1] for key in self._keys.get(group, ())]

    def count(self, group: Group) -> int:
        return len(self._keys.get(group, ()))

    def row(self, note_id: int) -> tuple[Group, int] | None:
        """The note's group and row, or None if it is not shown."""
        if note_id not in self._where:
            return None
        group = self._where[note_id]
        return group, bisect_left(self._keys[group], order(self.notes[note_id]))

    def add_group(self, group: Group) -> None:
        self._keys.setdefault(group, [])
        self.tables.setdefault(group, Counter())

    def drop_group(self, group: Group) -> None:
        """Forget an empty group (a removed theme, whose notes went back to unsorted)."""
        if self._keys.get(group) == []:
            del self._keys[group]
            del self.tables[group]

    def update(self, fresh: Iterable[Note], gone: Iterable[int]) -> list[Moved]:
        """Take these notes as they are now (`fresh`) and these as removed (`gone`).
        Returns what happened to each, in the order a view should apply it: every row
        computed against the rows before it, as a view applies them one by one."""
        moves: list[Moved] = []
        for note_id in gone:
            old = self._remove(note_id)
            if old is not None:
                moves.append(Moved(note_id, None, old, None))
        for note in fresh:
            old = self.row(note.id)
            group = self.group_of(note)
            shown = group in self._keys and self.keep(note)
            if old is not None and shown and old[0] == group:
                if order(note) == order(self.notes[note.id]):
                    self._set(note, group)
                    moves.append(Moved(note.id, note, old, old))
                    continue
            if old is not None:
                self._remove(note.id)
            new = None
            if shown:
                new = (group, bisect_left(self._keys[group], order(note)))
                self._add(note, group, new[1])
            if old is not None or new is not None:
                moves.append(Moved(note.id, note, old, new))
        return moves

    # -- keeping the maps ----------------------------------------------------------------

    def _add(self, note: Note, group: Group, row: int) -> None:
        self._keys[group].insert(row, order(note))
        self._set(note, group)

    def _set(self, note: Note, group: Group) -> None:
        before = self.notes.get(note.id)
        if before is not None and before.table_id is not None:
            self.tables[self._where[note.id]][before.table_id] -= 1
        self.notes[note.id] = note
        self._where[note.id] = group
        if note.table_id is not None:
            self.tables[group][note.table_id] += 1

    def _remove(self, note_id: int) -> tuple[Group, int] | None:
        place = self.row(note_id)
        if place is None:
            return None
        group, row = place
        del self._keys[group][row]
        note = self.notes.pop(note_id)
        del self._where[note_id]
        if note.table_id is not None:
            self.tables[group][note.table_id] -= 1
        return place

    def raised(self, group: Group) -> set[int]:
        """The tables that sent at least one of this group's notes."""
        return {table for table, n in self.tables.get(group, Counter()).items() if n > 0}
