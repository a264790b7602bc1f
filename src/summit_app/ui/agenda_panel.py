"""The agenda builder: sections and items in a tree, the day's start and planned end."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QItemSelectionModel, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTimeEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from summit_app.core import SummitError
from summit_app.core.model import ItemKind
from summit_app.ui import commands, dialogs, shortcuts
from summit_app.ui.agenda_model import ID_ROLE, KIND_ROLE, AgendaModel
from summit_app.ui.item_dialog import ItemDialog
from summit_app.ui.session import SummitSession


class AgendaPanel(QWidget):
    def __init__(self, session: SummitSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = AgendaModel(session.summit, self)
        self.model.item_dropped.connect(self.move_item_to, Qt.ConnectionType.QueuedConnection)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.doubleClicked.connect(lambda _: self.edit_selected())
        self.start_time = QTimeEdit()
        self.start_time.setDisplayFormat("HH:mm")
        self.start_time.editingFinished.connect(self._start_time_edited)
        self.day_label = QLabel()
        self.day_label.setTextFormat(Qt.TextFormat.PlainText)
        top = QHBoxLayout()
        top.addWidget(QLabel("Day starts"))
        top.addWidget(self.start_time)
        top.addWidget(self.day_label, 1)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot, shortcut in (
            ("section", "Add section…", self.add_section, ""),
            ("item", "Add item", self.add_item, "Ctrl+Shift+N"),
            ("edit", "Edit…", self.edit_selected, "F2"),
            ("up", "Move up", lambda: self.move_selected(-1), "Alt+Up"),
            ("down", "Move down", lambda: self.move_selected(+1), "Alt+Down"),
            ("remove", "Remove", self.remove_selected, "Delete"),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            if shortcut:
                shortcuts.bind(self, button, shortcut, slot)
            top.addWidget(button)
            self.buttons[key] = button
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        for signal in (session.agenda_changed, session.info_changed, session.live_changed):
            signal.connect(self.reload)
        self.reload()

    # -- loading -------------------------------------------------------------------------

    def reload(self) -> None:
        kind, ident = self.selected()
        self.model.reload()
        self.tree.expandAll()
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        start = self.session.summit.info().start_time
        self.start_time.setTime(QTime.fromString(start, "HH:mm"))
        self.day_label.setText(f"· planned end {self.model.planned_end()}")
        if kind:
            self.select(kind, ident)

    def selected(self) -> tuple[str | None, int | None]:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None, None
        return index.data(KIND_ROLE), index.data(ID_ROLE)

    def select(self, kind: str, ident: int | None) -> None:
        index = self.model.index_of(kind, ident) if ident is not None else None
        if index is not None and index.isValid():
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
            flags |= QItemSelectionModel.SelectionFlag.Rows
            self.tree.selectionModel().setCurrentIndex(index, flags)

    # -- editing -------------------------------------------------------------------------

    def add_section(self, title: str | None = None) -> None:
        title = title or dialogs.ask_text(self, "New section", "Section title:")
        if title:
            section = self._do(lambda: self.session.summit.agenda.add_section(title))
            if section:
                self.session.changed("agenda")
                self.select("section", section.id)

    def add_item(self, title: str = "New item", kind: str = ItemKind.TALK, minutes: int = 15):
        """Add an item after the selected one (or at the end of the selected section)."""
        kind_sel, ident = self.selected()
        agenda = self.session.summit.agenda
        sections = agenda.sections()
        if not sections:
            sections = [agenda.add_section("Programme")]
        if kind_sel == "item":
            section_id = agenda.item(ident).section_id
        elif kind_sel == "section":
            section_id = ident
        else:
            section_id = sections[-1].id
        stack = self.session.undo_stack
        stack.beginMacro("Add agenda item")  # the add and its move are one undo step
        item = self._do(lambda: commands.add_item(self.session, section_id, title, kind, minutes))
        if item and kind_sel == "item":
            position = agenda.item(ident).position + 1
            self._do(lambda: commands.move_item(self.session, item.id, position))
        stack.endMacro()
        if item:
            self.select("item", item.id)
        return item

    def edit_selected(self) -> None:
        kind, ident = self.selected()
        if kind == "section":
            old = self.session.summit.agenda.section(ident)
            title = dialogs.ask_text(self, "Section", "Section title:", old.title)
            if title and title != old.title:
                if self._do(lambda: self.session.summit.agenda.update_section(ident, title)):
                    self.session.changed("agenda")
        elif kind == "item":
            dialog = self.item_dialog(ident)
            dialog.accepted.connect(lambda: self.apply_item_dialog(ident, dialog))
            dialog.open()

    def item_dialog(self, item_id: int) -> ItemDialog:
        agenda = self.session.summit.agenda
        return ItemDialog(
            agenda.item(item_id), agenda.speakers(item_id), agenda.prompts(item_id), self
        )

    def apply_item_dialog(self, item_id: int, dialog: ItemDialog) -> None:
        agenda = self.session.summit.agenda
        fields = dialog.fields()
        old = agenda.item(item_id)
        changed = {k: v for k, v in fields.items() if getattr(old, k) != v}
        if changed and not self._do(lambda: commands.update_item(self.session, item_id, **changed)):
            return
        for row in dialog.speaker_rows():
            if row.id is None:
                self._do(
                    lambda r=row: agenda.add_speaker(
                        item_id, r.name, r.role, r.organisation, r.key_points
                    )
                )
            elif not row.name:
                self._do(lambda r=row: agenda.remove_speaker(r.id))
            else:
                self._do(
                    lambda r=row: agenda.update_speaker(
                        r.id,
                        name=r.name,
                        role=r.role,
                        organisation=r.organisation,
                        key_points=r.key_points,
                    )
                )
        prompts = agenda.prompts(item_id)
        texts = dialog.prompt_texts()
        for i, text in enumerate(texts):
            if i < len(prompts):
                if prompts[i].text != text:
                    self._do(lambda p=prompts[i], t=text: agenda.update_prompt(p.id, t))
            else:
                self._do(lambda t=text: agenda.add_prompt(item_id, t))
        for prompt in prompts[len(texts) :]:
            if self.session.summit.notes.notes(prompt.id):
                dialogs.error(self, f"The prompt '{prompt.text}' has notes, so it was kept.")
            else:
                agenda.remove_prompt(prompt.id)
        self.session.changed("agenda", "notes")

    def remove_selected(self) -> None:
        kind, ident = self.selected()
        summit = self.session.summit
        if kind == "item":
            has_data = summit.polls.polls(ident) or any(
                summit.notes.notes(p.id) for p in summit.agenda.prompts(ident)
            )
            if has_data and not dialogs.confirm(
                self,
                "Remove item",
                "This item has notes or polls. Undo brings the item back, but not them. Remove it?",
            ):
                return
            self._do(lambda: commands.remove_item(self.session, ident))
        elif kind == "section":
            if dialogs.confirm(
                self, "Remove section", "Remove this section and every item in it? (no undo)"
            ):
                summit.agenda.remove_section(ident)
                self.session.undo_stack.clear()  # earlier steps may point into the section
                self.session.changed("agenda", "live", "notes", "polls")

    def move_selected(self, delta: int) -> None:
        kind, ident = self.selected()
        agenda = self.session.summit.agenda
        if kind == "item":
            item = agenda.item(ident)
            self.move_item_to(ident, item.section_id, item.position + delta)
        elif kind == "section":
            position = agenda.section(ident).position + delta
            if position >= 0:
                agenda.move_section(ident, position)
                self.session.changed("agenda")

    def move_item_to(self, item_id: int, section_id: int, position: int) -> None:
        if position < 0:
            return
        self._do(lambda: commands.move_item(self.session, item_id, position, section_id))
        self.select("item", item_id)

    def _start_time_edited(self) -> None:
        value = self.start_time.time().toString("HH:mm")
        info = self.session.summit.info()
        if value != info.start_time:
            new_info = dataclasses.replace(info, start_time=value)
            if self._do(lambda: self.session.summit.update_info(new_info)):
                self.session.changed("info")

    def _do(self, action):
        """Run an edit; show a SummitError's message. Returns the result (True for None)."""
        try:
            result = action()
        except SummitError as error:
            dialogs.error(self, str(error))
            return None
        return True if result is None else result
