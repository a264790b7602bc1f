"""The agenda as a Qt item model: sections at the top level, their items beneath."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QStyle

from summit_app.core import Summit
from summit_app.core.schedule import clock, plan

ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "section" or "item"
COLUMNS = ("Title", "Kind", "Minutes", "Start")
MIME = "application/x-summit-agenda-item"


def _cell(text: str, ident: int, kind: str) -> QStandardItem:
    cell = QStandardItem(text)
    cell.setEditable(False)
    cell.setData(ident, ID_ROLE)
    cell.setData(kind, KIND_ROLE)
    return cell


class AgendaModel(QStandardItemModel):
    """Read-only tree of the agenda with each item's planned start time.

    Rebuilt from the store by `reload()`; edits go through the Summit API, never the model.
    Dragging an item emits `item_dropped`; the panel moves it (undoably) and reloads.

    Signals:
        item_dropped(int, int, int): item id, onto section id, at position.
    """

    item_dropped = Signal(int, int, int)

    def __init__(self, summit: Summit, parent=None) -> None:
        super().__init__(parent)
        self._summit = summit
        self.reload()

    def reload(self) -> None:
        self.clear()
        self.setHorizontalHeaderLabels(list(COLUMNS))
        agenda = self._summit.agenda
        items = agenda.items()
        slots = {s.item_id: s for s in plan(items, self._summit.info().start_time)}
        current = self._summit.live().current_item_id
        decks = {deck.item_id: deck for deck in self._summit.decks.all()}
        slides_icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        held = self._summit.breakouts.holders()  # items run in a breakout room just now
        bold = QFont()
        bold.setBold(True)
        for section in agenda.sections():
            row = [_cell(section.title, section.id, "section") for _ in COLUMNS]
            for cell in row[1:]:
                cell.setText("")
            for cell in row:
                cell.setDragEnabled(False)
                cell.setDropEnabled(True)
            section_items = [i for i in items if i.section_id == section.id]
            if section_items:
                row[3].setText(slots[section_items[0].id].start_clock)
            row[0].setFont(bold)
            for item in section_items:
                cells = [
                    _cell(item.title, item.id, "item"),
                    _cell(item.kind.value, item.id, "item"),
                    _cell(str(item.planned_minutes), item.id, "item"),
                    _cell(slots[item.id].start_clock, item.id, "item"),
                ]
                for cell in cells:
                    cell.setDropEnabled(False)
                deck = decks.get(item.id)
                if deck is not None:
                    cells[0].setIcon(slides_icon)
                    cells[0].setToolTip(f"Slides: {deck.name} ({deck.pages} slides)")
                cells[2].setTextAlignment(
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
                rooms = held.get(item.id)
                if rooms:
                    where = " and ".join(rooms)
                    cells[0].setText(f"{item.title}  · run in {where}")
                    for cell in cells:
                        cell.setForeground(QBrush(QColor("#475569")))
                        cell.setToolTip(
                            f"Run in {where} until its file is imported for the last time;"
                            " it cannot be changed here until then."
                        )
                if item.id == current:
                    for cell in cells:
                        cell.setBackground(QBrush(QColor("#dcfce7")))
                        cell.setFont(bold)
                row[0].appendRow(cells)
            self.appendRow(row)

    def planned_end(self) -> str:
        items = self._summit.agenda.items()
        start = self._summit.info().start_time
        return clock(plan(items, start)[-1].end) if items else start

    def index_of(self, kind: str, ident: int) -> QModelIndex:
        """The model index of a section or item by id (first column), or an invalid index."""
        matches = self.match(
            self.index(0, 0),
            ID_ROLE,
            ident,
            -1,
            Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
        )
        for index in matches:
            if index.data(KIND_ROLE) == kind:
                return index
        return QModelIndex()

    # -- drag and drop -------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME]

    def mimeData(self, indexes) -> QMimeData:  # noqa: N802
        ids = [i.data(ID_ROLE) for i in indexes if i.data(KIND_ROLE) == "item"]
        data = QMimeData()
        data.setData(MIME, QByteArray(str(ids[0] if ids else "").encode()))
        return data

    def dropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        raw = bytes(data.data(MIME).data()).decode() if data.hasFormat(MIME) else ""
        if not raw or not parent.isValid():
            return False
        if parent.data(KIND_ROLE) == "item":  # dropped onto an item: take its place
            row, parent = parent.row(), parent.parent()
        section_id = parent.data(ID_ROLE)
        position = row if row >= 0 else self.rowCount(parent.siblingAtColumn(0))
        self.item_dropped.emit(int(raw), section_id, position)
        return False  # the panel applies the move and reloads
