"""A prompt's notes grouped by theme, as a Qt item model with drag and drop.

Top-level rows are the groups ("Unsorted" first, then the themes in order); a group's
children are its notes. Notes are QStandardItem text, so markup in a note is shown as
typed. Dropping notes on a group does not move rows itself: it emits `notes_dropped`,
the board applies the move through the Summit API (undoable), and the model reloads.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel

from summit_app.core import Summit
from summit_app.core.model import Author, Note, Table, Theme
from summit_app.core.presenting import plural
from summit_app.core.tables import raised_by

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
        # Issue 26: the notes grouped by the table that sent them instead of by theme, and
        # each theme's tables ("9 of 15 tables") when the room has tables.
        self.by_table = False
        self._room: list[Table] = []  # the room's tables, read with the notes
        self._tables: dict[int | None, set[int]] = {}  # group -> tables raising it

    def set_prompt(self, prompt_id: int | None) -> None:
        self.prompt_id = prompt_id
        self.reload()

    def reload(self) -> None:
        self.clear()
        self._groups = {}
        self._tables = {}
        self._last_id = 0
        if self.prompt_id is None:
            return
        # Every note, hidden or not, counts as seen: `add_new_notes` wants only new ones.
        every = self._summit.notes.notes(self.prompt_id)
        self._last_id = max((n.id for n in every), default=0)
        notes = [n for n in every if self.show_hidden or not n.is_hidden]
        themes = self._summit.notes.themes(self.prompt_id)
        self._room = self._summit.tables.tables()
        if self.by_table:
            self._by_table(notes, {t.id: t for t in themes})
            return
        for theme in (None, *themes):
            theme_id = theme.id if theme else None
            group = self._group(theme, [n for n in notes if n.theme_id == theme_id])
            self._groups[theme_id] = (group, theme)
            self.appendRow(group)

    def add_new_notes(self) -> list[QModelIndex]:
        """Append notes that arrived since the last load (phones' notes), keeping the rest
        of the model (and the facilitator's selection) as it is. Returns the groups that
        grew."""
        if self.prompt_id is None:
            return []
        if self.by_table:  # a table's group is found by its table: a reload is as quick
            self.reload()
            return [self.index(row, 0) for row in range(self.rowCount())]
        fresh = self._summit.notes.notes_after(self.prompt_id, self._last_id)
        if not fresh:
            return []
        self._last_id = max(n.id for n in fresh)
        rows: dict[int | None, list[QStandardItem]] = {}
        for note in fresh:
            if note.is_hidden and not self.show_hidden:
                continue
            theme_id = note.theme_id if note.theme_id in self._groups else None
            rows.setdefault(theme_id, []).append(self._note(note, self._groups[theme_id][1]))
            if note.table_id is not None:
                self._tables.setdefault(theme_id, set()).add(note.table_id)
        grown = []
        for theme_id, cells in rows.items():
            group, theme = self._groups[theme_id]
            group.appendRows(cells)  # one insertion per group, not one per note
            group.setText(self._title(theme, group.rowCount()))
            grown.append(group.index())
        return grown

    def _title(self, theme: Theme | None, count: int) -> str:
        """'Workforce  (12) · 9 of 15 tables'."""
        name = theme.name if theme else UNSORTED
        raised = raised_by(self._tables.get(theme.id if theme else None, ()), len(self._room))
        return f"{name}  ({count})" + (f" · {raised}" if raised and theme else "")

    @property
    def room(self) -> list[Table]:
        return self._room

    def unheard(self) -> list[Table]:
        """The room's tables that have sent no note to this prompt yet."""
        heard = set().union(*self._tables.values()) if self._tables else set()
        return [t for t in self._room if t.id not in heard]

    def _by_table(self, notes: list[Note], themes: dict[int, Theme]) -> None:
        """One group per table that sent notes (in table order), then the rest."""
        by: dict[int | None, list[Note]] = {}
        for note in notes:
            by.setdefault(note.table_id, []).append(note)
        self._tables = {None: {n.table_id for n in notes if n.table_id is not None}}
        labels = {t.id: t.label for t in self._room}
        for table_id in sorted(t for t in by if t is not None) + [None]:
            if table_id is None and None not in by:
                continue
            members = by[table_id]
            name = labels.get(table_id, f"Table {table_id}") if table_id else NOT_FROM_TABLES
            keys = sum(n.is_key for n in members)
            group = QStandardItem(
                f"{name}  ({len(members)})" + (f" · {plural(keys, 'key point')}" if keys else "")
            )
            group.setData(table_id, ID_ROLE)
            group.setData("table", KIND_ROLE)  # not a drop target: notes keep their table
            group.setEditable(False)
            group.setDragEnabled(False)
            group.setDropEnabled(False)
            font = QFont()
            font.setBold(True)
            group.setFont(font)
            for note in members:
                group.appendRow(self._note(note, themes.get(note.theme_id or 0)))
            self.appendRow(group)

    def _group(self, theme: Theme | None, notes: list[Note]) -> QStandardItem:
        self._tables[theme.id if theme else None] = {
            n.table_id for n in notes if n.table_id is not None
        }
        group = QStandardItem(self._title(theme, len(notes)))
        group.setData(theme.id if theme else None, ID_ROLE)
        group.setData("theme" if theme else "unsorted", KIND_ROLE)
        group.setEditable(False)
        group.setDragEnabled(False)
        group.setDropEnabled(True)
        font = QFont()
        font.setBold(True)
        group.setFont(font)
        if theme:
            group.setBackground(QBrush(QColor(theme.colour)))
            group.setForeground(QBrush(QColor("#111827")))
            group.setToolTip(theme.summary or "No summary yet")
        for note in notes:
            group.appendRow(self._note(note, theme))
        return group

    def _note(self, note: Note, theme: Theme | None) -> QStandardItem:
        cell = QStandardItem(f"\u2605 {note.label}" if note.is_key else note.label)
        cell.setData(note.id, ID_ROLE)
        cell.setData("note", KIND_ROLE)
        cell.setEditable(False)
        cell.setDropEnabled(False)
        cell.setDragEnabled(True)
        font = QFont()
        font.setItalic(note.is_quote)
        font.setStrikeOut(note.is_hidden)
        cell.setFont(font)
        tags = []
        if note.table_id is not None:
            tags.append(f"from table {note.table_id}")
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
            cell.setForeground(QBrush(QColor("#9ca3af")))
        if note.is_held:  # waiting in the Moderation tab; not on the projector
            flagged = f" (flagged: {note.flagged})" if note.flagged else ""
            tags.append(f"waiting for approval{flagged}")
            cell.setBackground(QBrush(QColor("#fef3c7")))
            cell.setForeground(QBrush(QColor("#92400e")))
        cell.setToolTip(", ".join(tags))
        return cell

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
