"""The agenda builder: sections and items in a tree, the day's start and planned end."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTime
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from summit_app.core import cipher
from summit_app.core.changes import Area, Changes
from summit_app.core.model import ItemKind
from summit_app.core.presenting import plural
from summit_app.ui import agenda_paste, commands, dialogs, shortcuts
from summit_app.ui.accessible import describe
from summit_app.ui.agenda_model import ID_ROLE, KIND_ROLE, AgendaModel, lay_out
from summit_app.ui.item_dialog import ItemDialog
from summit_app.ui.passphrase_dialog import ask_if_protected
from summit_app.ui.scrolling_tabs import behind
from summit_app.ui.session import SummitSession
from summit_app.ui.typed_fields import TimeField


class AgendaPanel(QWidget):
    def __init__(self, session: SummitSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = AgendaModel(session.summit, self)
        self._laid_out = 0  # the model's build the tree was expanded for
        self._stale = False  # changed while another tab was in front
        self.model.item_dropped.connect(self.move_item_to, Qt.ConnectionType.QueuedConnection)
        self.tree = QTreeView()
        describe(self.tree, "Sections and their timed items with planned start times.", "Agenda")
        self.tree.setModel(self.model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.doubleClicked.connect(lambda _: self.edit_selected())
        self.start_time = TimeField()
        describe(
            self.start_time,
            "When the first item starts; every later start follows from it.",
            "Day starts",
        )
        self.start_time.setMaximumWidth(90)
        # Only a click puts the keys here: tabbing through the panel or back from another
        # tab must not leave the keys changing the day's start.
        self.start_time.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
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
            ("item", "Add item…", self.add_and_edit_item, "Ctrl+Shift+N"),
            ("edit", "Edit…", self.edit_selected, "F2"),
            ("up", "Move up", lambda: self.move_selected(-1), "Alt+Up"),
            ("down", "Move down", lambda: self.move_selected(+1), "Alt+Down"),
            ("remove", "Remove", self.remove_selected, "Delete"),
            ("paste", "Paste a table", self.paste_agenda, "Ctrl+V"),
        ):
            button = QPushButton(text)
            # clicked(bool) would land in the slot's first argument (add_item's title).
            button.clicked.connect(lambda _checked=False, act=slot: act())
            if shortcut:
                shortcuts.bind(self, button, shortcut, slot)
            top.addWidget(button)
            self.buttons[key] = button
        self.buttons["paste"].setToolTip(
            "Add the rows of a table copied in Word or a spreadsheet: title, minutes, kind,"
            f" speaker  {self.buttons['paste'].toolTip()}"
        )
        more = QMenu(self)
        more.addAction("Add from a CSV file…", lambda: self.import_csv())
        more.addAction("Copy the agenda of another summit…", lambda: self.copy_from_summit())
        self.import_button = QPushButton("Import")
        self.import_button.setMenu(more)
        top.addWidget(self.import_button)
        slides = QMenu(self)
        slides.addAction("Add or replace the item's slides (PDF)…", lambda: self.add_slides())
        slides.addAction("Remove the item's slides", lambda: self.remove_slides())
        self.slides_button = QPushButton("Slides")
        self.slides_button.setToolTip(
            "A speaker's deck, exported as PDF, for the selected item; or drop the PDF on it"
        )
        self.slides_button.setMenu(slides)
        top.addWidget(self.slides_button)
        # A PDF dropped on an item from the file manager is that item's slides.
        self.tree.viewport().installEventFilter(self)
        self.notice = QLabel()
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setWordWrap(True)
        self.notice.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.tree, 1)
        session.changed.connect(self._on_changes)
        self.reload()

    # -- loading -------------------------------------------------------------------------

    def _on_changes(self, changes: Changes) -> None:
        # LIVE is not asked for: the running item it shows is the summit row's (INFO) and
        # the items' times are theirs (AGENDA); LIVE alone is a poll's row written (saving a
        # draft poll), which the agenda does not show, and rebuilding it then stalled the
        # window under phones' load (bench/live_edits.py).
        if changes.touches(Area.AGENDA, Area.INFO, Area.SLIDES):
            if behind(self):  # another tab in front: when shown
                self._stale = True
            else:
                self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        self._stale = False
        kind, ident = self.selected()
        self.model.reload()
        rebuilt = self.model.builds != self._laid_out  # else rows were updated in place
        if rebuilt:
            self._laid_out = self.model.builds
            lay_out(self.tree)
        start = self.session.summit.info().start_time
        self.start_time.setTime(QTime.fromString(start, "HH:mm"))
        self.day_label.setText(f"· planned end {self.model.planned_end()}")
        if kind and rebuilt:
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
            section = self._do(lambda: commands.add_section(self.session, title))
            if section:
                self.select("section", section.id)

    def add_item(self, title: str = "New item", kind: str = ItemKind.TALK, minutes: int = 15):
        """Add an item after the selected one (or at the end of the selected section)."""
        kind_sel, ident = self.selected()
        agenda = self.session.summit.agenda
        section_id: int | None = None
        position: int | None = None
        if kind_sel == "item":
            selected = agenda.item(ident)
            section_id, position = selected.section_id, selected.position + 1
        elif kind_sel == "section":
            section_id = ident
        item = self._do(
            lambda: commands.add_item(self.session, section_id, title, kind, minutes, position)
        )
        if item:
            self.select("item", item.id)
        return item

    # -- a whole agenda at once ------------------------------------------------------------

    def paste_agenda(self) -> list | None:
        """Ctrl+V: the table on the clipboard, after the selection (its section)."""
        return self._import(agenda_paste.clipboard_rows)

    def import_csv(self, path: Path | None = None) -> list | None:
        path = path or agenda_paste.ask_csv(self)
        return self._import(lambda: agenda_paste.csv_rows(path)) if path else None

    def copy_from_summit(self, path: Path | None = None) -> list | None:
        path = path or agenda_paste.ask_summit(self)
        if not path or not ask_if_protected(self, path):
            return None
        try:
            return self._import(lambda: agenda_paste.summit_rows(self.session, path))
        finally:
            if Path(path).resolve() != self.session.path.resolve():
                cipher.forget(path)  # another summit's key, needed for this read only

    def _import(self, read) -> list | None:
        kind, ident = self.selected()
        section_id = None
        if kind == "section":
            section_id = ident
        elif kind == "item":
            section_id = self.session.summit.agenda.item(ident).section_id
        items = self._do(lambda: agenda_paste.add(self.session, read(), section_id))
        if items:
            self.notice.setText(agenda_paste.added_text(items, self.session))
            self.notice.show()
            self.select("item", items[-1].id)
            return items
        return None

    def add_and_edit_item(self) -> ItemDialog | None:
        """The button: a new item after the selection, its dialog open to name it."""
        item = self.add_item()
        if not item:
            return None
        dialog = self.item_dialog(item.id)
        dialog.title.selectAll()  # typing names it
        dialog.accepted.connect(lambda: self.apply_item_dialog(item.id, dialog))
        dialog.open()
        return dialog

    def edit_selected(self) -> None:
        kind, ident = self.selected()
        if kind == "section":
            old = self.session.summit.agenda.section(ident)
            title = dialogs.ask_text(self, "Section", "Section title:", old.title)
            if title and title != old.title:
                self._do(lambda: commands.update_section(self.session, ident, title))
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
        speakers = [
            commands.SpeakerEdit(r.id, r.name, r.role, r.organisation, r.key_points)
            for r in dialog.speaker_rows()
        ]
        kept = dialogs.attempt(
            self,
            lambda: commands.apply_item(
                self.session, item_id, dialog.fields(), speakers, dialog.prompt_texts()
            ),
        )
        for prompt in kept or []:
            dialogs.error(self, f"The prompt '{prompt.text}' has notes, so it was kept.")

    def remove_selected(self) -> None:
        """Remove the selected item or section; Undo brings it back whole, notes and votes
        included. Removing what is running now, or what holds ballots or notes, asks first:
        the room's clock would stop, or the day's results would go with one key."""
        kind, ident = self.selected()
        agenda = self.session.summit.agenda
        if kind == "item":
            items, what = [agenda.item(ident)], f"“{agenda.item(ident).title}”"
        elif kind == "section":
            items, what = agenda.items(ident), f"the section “{agenda.section(ident).title}”"
        else:
            return
        running = self.session.summit.live().current_item_id
        inside = [i for i in items if i.id == running]
        if inside and not self._confirm_running(inside[0].title):
            return
        holds = "" if inside else self._holds([i.id for i in items])
        if holds and not dialogs.confirm(
            self,
            "Remove with its results?",
            f"{what[0].upper()}{what[1:]} holds {holds}. They go with it; Edit › Undo brings"
            " them back, even after the file is closed. Remove it?",
            risky=True,
        ):
            return
        if kind == "item":
            self._do(lambda: commands.remove_item(self.session, ident))
        else:
            self._do(lambda: commands.remove_section(self.session, ident))

    def _holds(self, item_ids: list[int]) -> str:
        """What of the day's results the items hold, in words ('' if nothing)."""
        summit = self.session.summit
        ballots = sum(
            summit.polls.ballot_count(p.id) for p in summit.polls.polls() if p.item_id in item_ids
        )
        notes = sum(
            len(summit.notes.notes(p.id)) for i in item_ids for p in summit.agenda.prompts(i)
        )
        parts = [plural(n, word) for n, word in ((ballots, "ballot"), (notes, "note")) if n]
        return " and ".join(parts)

    def _confirm_running(self, title: str) -> bool:
        return dialogs.confirm(
            self,
            "Remove the running item?",
            f"“{title}” is running now. Removing it stops the clock, and the projector's"
            " Now screen shows the summit's title until you start another item. Its notes"
            " and votes go with it; Edit › Undo brings it all back. Remove it?",
            risky=True,
        )

    def move_selected(self, delta: int) -> None:
        kind, ident = self.selected()
        agenda = self.session.summit.agenda
        if kind == "item":
            item = agenda.item(ident)
            self.move_item_to(ident, item.section_id, item.position + delta)
        elif kind == "section":
            position = agenda.section(ident).position + delta
            if position >= 0:
                self._do(lambda: commands.move_section(self.session, ident, position))

    def move_item_to(self, item_id: int, section_id: int, position: int) -> None:
        if position < 0:
            return
        self._do(lambda: commands.move_item(self.session, item_id, position, section_id))
        self.select("item", item_id)

    def _start_time_edited(self) -> None:
        value = self.start_time.time().toString("HH:mm")
        if value != self.session.summit.info().start_time:
            self._do(lambda: commands.set_start_time(self.session, value))

    # -- slides --------------------------------------------------------------------------

    def add_slides(self, path: Path | None = None, item_id: int | None = None) -> bool:
        """Keep a PDF as the item's slides (the selected item unless named); True if kept."""
        if item_id is None:
            kind, item_id = self.selected()
            if kind != "item" or item_id is None:
                dialogs.error(self, "Choose the item the slides are for, then add them.")
                return False
        if path is None:
            path = dialogs.ask_pdf(self)
            if path is None:
                return False
        try:
            pdf = path.read_bytes()
        except OSError as error:
            dialogs.error(self, f"{path.name} cannot be read: {error.strerror or error}.")
            return False
        done = self._do(lambda: commands.add_deck(self.session, item_id, pdf, path.name))
        if done:
            self.select("item", item_id)
        return bool(done)

    def remove_slides(self) -> None:
        kind, item_id = self.selected()
        if kind == "item" and item_id is not None:
            if self.session.summit.decks.for_item(item_id) is not None:
                self._do(lambda: commands.remove_deck(self.session, item_id))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        kinds = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)
        if event.type() not in kinds or not event.mimeData().hasUrls():
            return super().eventFilter(watched, event)
        pdfs = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        index = self.tree.indexAt(event.position().toPoint())
        on_item = index.isValid() and index.data(KIND_ROLE) == "item"
        if not pdfs or not on_item:
            event.ignore()
            return True
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        if event.type() is QEvent.Type.Drop:
            self.add_slides(pdfs[0], int(index.data(ID_ROLE)))
        return True

    def _do(self, action):
        """Run an edit; show why it failed. Returns the result (True for None)."""
        done = dialogs.attempt(self, lambda: action() or True)
        return done
