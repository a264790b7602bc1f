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
from summit_app.core.model import Author, Note, Theme

MIME = "application/x-summit-note-ids"
ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "theme", "unsorted" or "note"
UNSORTED = "Unsorted"


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

    def set_prompt(self, prompt_id: int | None) -> None:
        self.prompt_id = prompt_id
        self.reload()

    def reload(self) -> None:
        self.clear()
        self._groups = {}
        self._last_id = 0
        if self.prompt_id is None:
            return
        # Every note, hidden or not, counts as seen: `add_new_notes` wants only new ones.
        every = self._summit.notes.notes(self.prompt_id)
        self._last_id = max((n.id for n in every), default=0)
        notes = [n for n in every if self.show_hidden or not n.is_hidden]
        themes = self._summit.notes.themes(self.prompt_id)
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
        grown = []
        for theme_id, cells in rows.items():
            group, theme = self._groups[theme_id]
            group.appendRows(cells)  # one insertion per group, not one per note
            group.setText(f"{theme.name if theme else UNSORTED}  ({group.rowCount()})")
            grown.append(group.index())
        return grown

    def _group(self, theme: Theme | None, notes: list[Note]) -> QStandardItem:
        name = theme.name if theme else UNSORTED
        group = QStandardItem(f"{name}  ({len(notes)})")
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
        cell = QStandardItem(note.label)
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
        if note.author is Author.PARTICIPANT:
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
        return parent.data(ID_ROLE) if parent.isValid() else False
