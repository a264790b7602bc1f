"""A prompt's notes grouped by theme, as a Qt item model with drag and drop.

Top-level rows are the groups ("Unsorted" first, then the themes in order); a group's
children are its notes. Notes are QStandardItem text, so markup in a note is shown as
typed. Dropping notes on a group does not move rows itself: it emits `notes_dropped`,
the board applies the move through the Summit API (undoable), and the model moves the
rows of the notes the change names (`apply`).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel

from summit_app.core import Summit
from summit_app.core.changes import Changes
from summit_app.core.model import Author, Note, Table, Theme
from summit_app.core.presenting import plural
from summit_app.core.tables import MAX_TABLES, raised_by
from summit_app.ui.note_index import NoteIndex

MIME = "application/x-summit-note-ids"
ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "theme", "unsorted" or "note"
UNSORTED = "Unsorted"
NOT_FROM_TABLES = "Not from a table"  # typed here, or from participants' own phones


class NotesModel(QStandardItemModel):
    """Signals:
    notes_dropped(list, object): note ids dropped on a theme id (None for unsorted).
    """

    notes_dropped = Signal(list, object)

    def __init__(self, summit: Summit, parent=None) -> None:
        super().__init__(parent)
        self._summit = summit
        self.prompt_id: int | None = None
        self.show_hidden = True
        # Kept by `reload` so phones' notes append without walking every row (a walk of
        # 500 notes through Qt's item API took tens of ms on the GUI thread).
        self._last_id = 0
        self._groups: dict[int | None, tuple[QStandardItem, Theme | None]] = {}
        # Which note is in which row, so a change moves only the rows of the notes it
        # names (at 10,000 notes a rebuild took 0.3 s per edit).
        self._index = NoteIndex(self._group_of, lambda note: self.show_hidden or not note.is_hidden)
        self._themes: dict[int, Theme] = {}  # the prompt's themes (by table: for the tooltips)
        self._items: dict[int, QStandardItem] = {}  # note id -> its row's item
        self.made = 0  # note items built, ever: a rebuild shows here (tests count it)
        # Issue 26: the notes grouped by the table that sent them instead of by theme, and
        # each theme's tables ("9 of 15 tables") when the room has tables.
        self.by_table = False
        self._room: list[Table] = []  # the room's tables, read with the notes
        self._labels: dict[int, str] = {}  # every table's label, breakout rooms' too

    def set_prompt(self, prompt_id: int | None) -> None:
        self.prompt_id = prompt_id
        self.reload()

    def _group_of(self, note: Note) -> int | None:
        if self.by_table:
            return note.table_id
        return note.theme_id if note.theme_id in self._groups else None

    def reload(self) -> None:
        self.clear()
        self._groups = {}
        self._items = {}
        self._last_id = 0
        self._index.load((), ())
        if self.prompt_id is None:
            return
        # Every note, hidden or not, counts as seen: `add_new_notes` wants only new ones.
        every = self._summit.notes.notes(self.prompt_id)
        self._last_id = max((n.id for n in every), default=0)
        notes = [n for n in every if self.show_hidden or not n.is_hidden]
        themes = self._summit.notes.themes(self.prompt_id)
        self._room = self._summit.tables.tables()
        # Breakout rooms' tables too (ids above this room's), by their room.
        self._labels = self._summit.tables.labels()
        self._themes = {t.id: t for t in themes}
        if self.by_table:
            self._by_table(notes)
            return
        self._groups = {t.id: (QStandardItem(), t) for t in themes}
        self._groups[None] = (QStandardItem(), None)
        self._index.load(notes, [None, *(t.id for t in themes)])
        for theme in (None, *themes):
            group = self._group(theme)
            self._groups[theme.id if theme else None] = (group, theme)
            self.appendRow(group)

    def apply(self, changes: Changes) -> list[QModelIndex] | None:
        """Show what `changes` did to this prompt's notes and themes, row by row: only the
        notes it names are read and only their rows are touched. Returns the groups that
        gained rows (to expand), or None when it had to load everything again."""
        if self.prompt_id is None:
            return []
        # Qt moves a row in time that grows with the rows (3 ms at 10,000 notes, 12 ms at
        # 50,000): past a hundred notes, building them all again is quicker.
        many = 100
        if changes.everything or len(changes.notes) > many:
            self.reload()
            return None
        themes = self._summit.notes.themes(self.prompt_id)
        if self.by_table:
            return self._apply_by_table(changes, themes)
        known = sorted(
            (theme for _, theme in self._groups.values() if theme is not None),
            key=lambda t: (t.position, t.id),
        )
        if not changes.notes and themes == known:
            self.reload()  # notes changed, which ones unknown (a phone's write unnamed)
            return None
        grown = self._add_groups(themes)
        fresh = [n for n in self._summit.notes.notes_with_ids(changes.notes)]
        mine = [n for n in fresh if n.prompt_id == self.prompt_id]
        gone = changes.notes - {n.id for n in mine}
        grown |= self._apply_notes(mine, gone)
        moved = self._settle_groups(themes)
        if moved is None:
            self.reload()
            return None
        grown |= moved
        return [self._groups[g][0].index() for g in grown if g in self._groups]

    def add_new_notes(self) -> list[QModelIndex]:
        """Append notes that arrived since the last load (phones' notes), keeping the rest
        of the model (and the facilitator's selection) as it is. Returns the groups that
        grew."""
        if self.prompt_id is None:
            return []
        fresh = self._summit.notes.notes_after(self.prompt_id, self._last_id)
        if not fresh:
            return []
        if self.by_table:
            self._add_table_groups(fresh)
        # Only this moves the mark: a note the facilitator typed has a higher id than a
        # phone's note committed just before it and announced after (phones' events wait
        # for their batch); one already shown is refilled, not added twice.
        self._last_id = max(n.id for n in fresh)
        grown = self._apply_notes(fresh, ())
        return [self._groups[g][0].index() for g in grown]

    # -- row by row ----------------------------------------------------------------------

    def _apply_notes(self, fresh: list[Note], gone: Iterable[int]) -> set[int | None]:
        """Move, refill, add and remove the rows of these notes; returns the groups that
        gained rows. Arrivals at a group's end go in together (a burst from phones)."""
        touched: set[int | None] = set()
        grown: set[int | None] = set()
        tail: dict[int | None, list[QStandardItem]] = {}

        def flush() -> None:
            for key, cells in tail.items():
                self._groups[key][0].appendRows(cells)  # one insertion per group
            tail.clear()

        for move in self._index.update(fresh, gone):
            note = move.note
            if move.old is not None and move.old == move.new and note is not None:
                self._fill(self._items[note.id], note, self._theme_for(note, move.old[0]))
                touched.add(move.old[0])  # by table, a star is in the header
                continue
            flush_needed = move.old is not None or (
                move.new is not None
                and move.new[1]
                != self._groups[move.new[0]][0].rowCount() + len(tail.get(move.new[0], ()))
            )
            if flush_needed:
                flush()
            cell: QStandardItem | None = None
            if move.old is not None:
                key, row = move.old
                taken = self._groups[key][0].takeRow(row)
                cell = taken[0] if taken else None
                touched.add(key)
                if move.new is None:
                    self._items.pop(move.note_id, None)
            if move.new is not None and note is not None:
                key, row = move.new
                theme = self._theme_for(note, key)
                if cell is None:
                    cell = self._note(note, theme)
                else:
                    self._fill(cell, note, theme)
                self._items[note.id] = cell
                touched.add(key)
                grown.add(key)
                if move.old is None and row == self._groups[key][0].rowCount() + len(
                    tail.get(key, ())
                ):
                    tail.setdefault(key, []).append(cell)
                else:
                    self._groups[key][0].insertRow(row, cell)
        flush()
        for key in touched:
            group, theme = self._groups[key]
            if self.by_table:
                group.setText(self._table_title(key))
            else:
                group.setText(self._title(theme, self._index.count(key)))
        return grown

    def _theme_for(self, note: Note, key: int | None) -> Theme | None:
        """The theme a note's row names: its group's, or by table its own (in its tooltip)."""
        return self._themes.get(note.theme_id or 0) if self.by_table else self._groups[key][1]

    # -- by table ------------------------------------------------------------------------

    def _apply_by_table(self, changes: Changes, themes: list[Theme]) -> list[QModelIndex] | None:
        if themes != sorted(self._themes.values(), key=lambda t: (t.position, t.id)):
            self.reload()  # a theme's name is in its notes' tooltips here
            return None
        if not changes.notes:
            self.reload()  # notes changed, which ones unknown
            return None
        fresh = self._summit.notes.notes_with_ids(changes.notes)
        mine = [n for n in fresh if n.prompt_id == self.prompt_id]
        self._add_table_groups(mine)
        grown = self._apply_notes(mine, changes.notes - {n.id for n in mine})
        for key in [k for k in self._groups if not self._index.count(k)]:
            self.removeRow(self._groups.pop(key)[0].row())  # its last note left
            self._index.drop_group(key)
        return [self._groups[g][0].index() for g in grown if g in self._groups]

    def _add_table_groups(self, notes: list[Note]) -> None:
        """Empty groups, in table order, for tables sending their first shown note."""
        for table_id in {n.table_id for n in notes if self._index.keep(n)} - set(self._groups):
            self._index.add_group(table_id)
            group = self._table_group(table_id)
            self._groups[table_id] = (group, None)
            order: list[int | None] = [*sorted(k for k in self._groups if k is not None)]
            order += [None] if None in self._groups else []
            self.insertRow(order.index(table_id), group)

    def _add_groups(self, themes: list[Theme]) -> set[int | None]:
        """Empty groups for themes new since the load (their notes move in after)."""
        added: set[int | None] = set()
        for theme in themes:
            if theme.id not in self._groups:
                self._index.add_group(theme.id)
                self._groups[theme.id] = (QStandardItem(), theme)
                group = self._group(theme)
                self._groups[theme.id] = (group, theme)
                self.appendRow(group)
                added.add(theme.id)
        return added

    def _settle_groups(self, themes: list[Theme]) -> set[int | None] | None:
        """Drop the groups of removed themes, put the rest in the themes' order, and
        refresh their headers. Returns the groups moved (the view folds a moved row), or
        None if a removed theme still has notes here."""
        wanted = {t.id: t for t in themes}
        for key in [k for k in self._groups if k is not None and k not in wanted]:
            if self._index.count(key):
                return None
            self.removeRow(self._groups.pop(key)[0].row())
            self._index.drop_group(key)
        moved: set[int | None] = set()
        order: list[int | None] = [None, *wanted]
        for row, place in enumerate(order):
            group = self._groups[place][0]
            if group.row() != row:
                self.insertRow(row, self.takeRow(group.row()))
                moved.add(place)
        for theme_id, theme in wanted.items():
            group, before = self._groups[theme_id]
            if theme != before:
                self._groups[theme_id] = (group, theme)
                self._dress(group, theme)
        return moved

    def _title(self, theme: Theme | None, count: int) -> str:
        """'Workforce  (12) · 9 of 15 tables'."""
        name = theme.name if theme else UNSORTED
        raised = raised_by(self._index.raised(theme.id if theme else None), len(self._room))
        return f"{name}  ({count})" + (f" · {raised}" if raised and theme else "")

    @property
    def room(self) -> list[Table]:
        return self._room

    def unheard(self) -> list[Table]:
        """The room's tables that have sent no note to this prompt yet."""
        heard = set().union(*(self._index.raised(g) for g in self._index.groups))
        return [t for t in self._room if t.id not in heard]

    def _by_table(self, notes: list[Note]) -> None:
        """One group per table that sent notes (in table order), then the rest."""
        keys: list[int | None] = [*sorted({n.table_id for n in notes if n.table_id is not None})]
        keys += [None] if any(n.table_id is None for n in notes) else []
        self._index.load(notes, keys)
        for key in keys:
            group = self._table_group(key)
            self._groups[key] = (group, None)
            self.appendRow(group)

    def _table_title(self, table_id: int | None) -> str:
        """'Table 3  (12) · 2 key points'."""
        name = self._labels.get(table_id, f"Table {table_id}") if table_id else NOT_FROM_TABLES
        ids = self._index.ids(table_id)
        keys = sum(self._index.notes[i].is_key for i in ids)
        return f"{name}  ({len(ids)})" + (f" · {plural(keys, 'key point')}" if keys else "")

    def _table_group(self, table_id: int | None) -> QStandardItem:
        group = QStandardItem(self._table_title(table_id))
        group.setData(table_id, ID_ROLE)
        group.setData("table", KIND_ROLE)  # not a drop target: notes keep their table
        group.setEditable(False)
        group.setDragEnabled(False)
        group.setDropEnabled(False)
        font = QFont()
        font.setBold(True)
        group.setFont(font)
        cells = []
        for note_id in self._index.ids(table_id):
            note = self._index.notes[note_id]
            cell = self._note(note, self._themes.get(note.theme_id or 0))
            self._items[note_id] = cell
            cells.append(cell)
        if cells:
            group.appendRows(cells)
        return group

    def _group(self, theme: Theme | None) -> QStandardItem:
        """A theme's group (or Unsorted's) with the index's notes in it."""
        key = theme.id if theme else None
        group = QStandardItem()
        group.setData(key, ID_ROLE)
        group.setData("theme" if theme else "unsorted", KIND_ROLE)
        group.setEditable(False)
        group.setDragEnabled(False)
        group.setDropEnabled(True)
        font = QFont()
        font.setBold(True)
        group.setFont(font)
        self._dress(group, theme)
        cells = []
        for note_id in self._index.ids(key):
            cell = self._note(self._index.notes[note_id], theme)
            self._items[note_id] = cell
            cells.append(cell)
        if cells:
            group.appendRows(cells)
        return group

    def _dress(self, group: QStandardItem, theme: Theme | None) -> None:
        group.setText(self._title(theme, self._index.count(theme.id if theme else None)))
        if theme:
            group.setBackground(QBrush(QColor(theme.colour)))
            group.setForeground(QBrush(QColor("#111827")))
            group.setToolTip(theme.summary or "No summary yet")

    def _note(self, note: Note, theme: Theme | None) -> QStandardItem:
        self.made += 1
        cell = QStandardItem()
        cell.setData(note.id, ID_ROLE)
        cell.setData("note", KIND_ROLE)
        cell.setEditable(False)
        cell.setDropEnabled(False)
        cell.setDragEnabled(True)
        self._fill(cell, note, theme)
        return cell

    def _fill(self, cell: QStandardItem, note: Note, theme: Theme | None) -> None:
        """The note's text, type and colours on its row (new, or kept and refilled)."""
        cell.setText(f"\u2605 {note.label}" if note.is_key else note.label)
        font = QFont()
        font.setItalic(note.is_quote)
        font.setStrikeOut(note.is_hidden)
        cell.setFont(font)
        tags = []
        foreground: QBrush | None = None
        background: QBrush | None = None
        if note.table_id is not None:
            room = self._labels.get(note.table_id, "") if note.table_id > MAX_TABLES else ""
            tags.append(f"from {room}" if room else f"from table {note.table_id}")
            if note.is_key:
                tags.append("a key point of its table")
            if self.by_table:
                tags.append(f"theme: {theme.name}" if theme else "unsorted")
        elif note.author is Author.PARTICIPANT:
            tags.append("from a phone")
        if note.is_quote:
            tags.append("quote")
        if note.is_hidden:
            tags.append("hidden")
            foreground = QBrush(QColor("#9ca3af"))
        if note.is_held:  # waiting in the Moderation tab; not on the projector
            flagged = f" (flagged: {note.flagged})" if note.flagged else ""
            tags.append(f"waiting for approval{flagged}")
            background = QBrush(QColor("#fef3c7"))
            foreground = QBrush(QColor("#92400e"))
        # None clears a colour a refilled row had (a note shown again after hiding).
        cell.setData(foreground, Qt.ItemDataRole.ForegroundRole)
        cell.setData(background, Qt.ItemDataRole.BackgroundRole)
        cell.setToolTip(", ".join(tags))

    def note_count(self) -> int:
        """The notes shown."""
        return len(self._items)

    def note_index(self, note_id: int) -> QModelIndex:
        """The row of this note, if shown (found by id, not by walking the rows)."""
        cell = self._items.get(note_id)
        return cell.index() if cell is not None else QModelIndex()

    # -- lookups -------------------------------------------------------------------------

    def group_index(self, theme_id: int | None) -> QModelIndex:
        for row in range(self.rowCount()):
            index = self.index(row, 0)
            if index.data(ID_ROLE) == theme_id:
                return index
        return QModelIndex()

    def note_texts(self, theme_id: int | None) -> list[str]:
        group = self.group_index(theme_id)
        return [self.index(r, 0, group).data() for r in range(self.rowCount(group))]

    # -- drag and drop -------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME]

    def mimeData(self, indexes) -> QMimeData:  # noqa: N802
        ids = sorted({i.data(ID_ROLE) for i in indexes if i.data(KIND_ROLE) == "note"})
        data = QMimeData()
        data.setData(MIME, QByteArray(",".join(map(str, ids)).encode()))
        return data

    def canDropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        return data.hasFormat(MIME) and self._target(parent) is not False

    def dropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        target = self._target(parent)
        if not data.hasFormat(MIME) or target is False:
            return False
        raw = bytes(data.data(MIME).data()).decode()
        ids = [int(part) for part in raw.split(",") if part]
        if ids:
            # Queued by the board's connection: the model must not reload inside the drop.
            self.notes_dropped.emit(ids, target)
        return False  # never let the view remove the dragged rows; the reload shows the move

    def _target(self, parent: QModelIndex | QPersistentModelIndex) -> int | None | bool:
        """The theme id a drop on `parent` lands in (None = unsorted), or False."""
        if not parent.isValid():
            return False
        if parent.data(KIND_ROLE) == "note":
            parent = parent.parent()
        if not parent.isValid() or parent.data(KIND_ROLE) == "table":
            return False
        return parent.data(ID_ROLE)
