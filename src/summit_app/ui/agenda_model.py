"""The agenda as a Qt item model: sections at the top level, their items beneath."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QHeaderView, QStyle, QTreeView

from summit_app.core import Summit
from summit_app.core.schedule import clock, plan

ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "section" or "item"
COLUMNS = ("Title", "Kind", "Minutes", "Start")
MIME = "application/x-summit-agenda-item"


class Look(NamedTuple):
    """How one cell looks: what `_apply` writes and `_look_of` reads back."""

    text: str = ""
    tip: str = ""
    slides_icon: bool = False
    grey: bool = False  # run in a breakout room just now
    running: bool = False  # the running item: a green row
    bold: bool = False
    right: bool = False  # the minutes, aligned right


GREY = QColor("#475569")
RUNNING = QColor("#dcfce7")
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
BLANK = Look()


def _cell(ident: int, kind: str) -> QStandardItem:
    cell = QStandardItem()
    cell.setEditable(False)
    cell.setData(ident, ID_ROLE)
    cell.setData(kind, KIND_ROLE)
    return cell


def _apply(cell: QStandardItem, look: Look, was: Look = BLANK) -> None:
    """Give a cell `look`, writing only what differs from how it looked (`was`)."""
    if look.text != was.text:
        cell.setText(look.text)
    if look.tip != was.tip:
        cell.setToolTip(look.tip)
    if look.slides_icon != was.slides_icon:
        icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        cell.setData(icon if look.slides_icon else None, Qt.ItemDataRole.DecorationRole)
    if look.grey != was.grey:
        cell.setData(QBrush(GREY) if look.grey else None, Qt.ItemDataRole.ForegroundRole)
    if look.running != was.running:
        cell.setData(QBrush(RUNNING) if look.running else None, Qt.ItemDataRole.BackgroundRole)
    if look.bold != was.bold:
        font = QFont()
        font.setBold(True)
        cell.setData(font if look.bold else None, Qt.ItemDataRole.FontRole)
    if look.right != was.right:
        cell.setTextAlignment(RIGHT)


def lay_out(view: QTreeView) -> None:
    """A view of a newly built agenda: every section open, the title taking the width."""
    view.expandAll()
    header = view.header()
    header.setStretchLastSection(False)  # the title takes the width, not "Start"
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in (1, 2, 3):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)


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
        self._shape: list[tuple[int, tuple[int, ...]]] = []  # what the tree was built from
        self._looks: list[list[tuple[Look, ...]]] = []  # and how each cell looks
        self.builds = 0
        self.reload()

    def reload(self) -> None:
        """Read the agenda again. When its sections and items are the ones shown, in the
        same order (an item started or ended, a time or a title changed), only the cells
        that differ are written, where they stand; else the tree is built again and
        `builds` counts one more (its view expands the new rows).

        Rebuilding ~100 cells on every Next, in two tabs, was a good part of the window's
        stall while phones voted (bench/live_edits.py): each cell is a Python object
        handed to Qt, and the GIL is shared with the phone server's thread.
        """
        shape, looks = self._read()
        if shape == self._shape and self.rowCount() == len(shape):
            for row, (rows, were) in enumerate(zip(looks, self._looks, strict=True)):
                parent = self.item(row, 0)
                for child, (cells, cells_were) in enumerate(zip(rows, were, strict=True)):
                    for column, (look, was) in enumerate(zip(cells, cells_were, strict=True)):
                        if look != was:  # the section's own row first, then its items
                            at = (
                                parent.child(child - 1, column) if child else self.item(row, column)
                            )
                            _apply(at, look, was)
            self._looks = looks
            return
        self.clear()
        self.setHorizontalHeaderLabels(list(COLUMNS))
        for (section_id, item_ids), (section_looks, *item_looks) in zip(shape, looks, strict=True):
            heading = [_cell(section_id, "section") for _ in COLUMNS]
            for cell, look in zip(heading, section_looks, strict=True):
                cell.setDragEnabled(False)
                cell.setDropEnabled(True)
                _apply(cell, look)
            for item_id, cell_looks in zip(item_ids, item_looks, strict=True):
                line = [_cell(item_id, "item") for _ in COLUMNS]
                for cell, look in zip(line, cell_looks, strict=True):
                    cell.setDropEnabled(False)
                    _apply(cell, look)
                heading[0].appendRow(line)
            self.appendRow(heading)
        self._shape, self._looks = shape, looks
        self.builds += 1

    def _read(self) -> tuple[list[tuple[int, tuple[int, ...]]], list[list[tuple[Look, ...]]]]:
        """The tree's shape (section ids, each with its item ids) and each row's cells."""
        agenda = self._summit.agenda
        items = agenda.items()
        slots = {s.item_id: s for s in plan(items, self._summit.info().start_time)}
        current = self._summit.live().current_item_id
        decks = {deck.item_id: deck for deck in self._summit.decks.all()}
        held = self._summit.breakouts.holders()  # items run in a breakout room just now
        shape: list[tuple[int, tuple[int, ...]]] = []
        looks: list[list[tuple[Look, ...]]] = []
        for section in agenda.sections():
            section_items = [i for i in items if i.section_id == section.id]
            start = slots[section_items[0].id].start_clock if section_items else ""
            rows: list[tuple[Look, ...]] = [
                (Look(section.title, bold=True), BLANK, BLANK, Look(start))
            ]
            for item in section_items:
                texts = [item.title, item.kind.value, str(item.planned_minutes)]
                texts.append(slots[item.id].start_clock)
                tip, icon, grey = "", False, False
                deck = decks.get(item.id)
                if deck is not None:
                    icon, tip = True, f"Slides: {deck.name} ({deck.pages} slides)"
                rooms = held.get(item.id)
                if rooms:
                    where = " and ".join(rooms)
                    texts[0] = f"{item.title}  · run in {where}"
                    grey = True
                    tip = (
                        f"Run in {where} until its file is imported for the last time;"
                        " it cannot be changed here until then."
                    )
                running = item.id == current
                rows.append(
                    tuple(
                        Look(
                            text,
                            tip if column == 0 or grey else "",
                            icon and column == 0,
                            grey,
                            running,
                            running,
                            column == 2,
                        )
                        for column, text in enumerate(texts)
                    )
                )
            shape.append((section.id, tuple(i.id for i in section_items)))
            looks.append(rows)
        return shape, looks

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
