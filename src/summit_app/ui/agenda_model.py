"""The agenda as a Qt item model: sections at the top level, their items beneath."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel

from summit_app.core import Summit
from summit_app.core.schedule import clock, plan

ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "section" or "item"
COLUMNS = ("Title", "Kind", "Minutes", "Start")


def _cell(text: str, ident: int, kind: str) -> QStandardItem:
    cell = QStandardItem(text)
    cell.setEditable(False)
    cell.setData(ident, ID_ROLE)
    cell.setData(kind, KIND_ROLE)
    return cell


class AgendaModel(QStandardItemModel):
    """Read-only tree of the agenda with each item's planned start time.

    Rebuilt from the store by `reload()`; edits go through the Summit API, never the model.
    """

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
        bold = QFont()
        bold.setBold(True)
        for section in agenda.sections():
            row = [_cell(section.title, section.id, "section") for _ in COLUMNS]
            for cell in row[1:]:
                cell.setText("")
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
                cells[2].setTextAlignment(
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
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
