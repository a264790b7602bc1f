"""The note board for one prompt: capture notes, cluster them into themes, tidy them up."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from summit_app.core.changes import Area, Changes, Origin
from summit_app.core.model import PromptKind
from summit_app.core.presenting import plural
from summit_app.ui import commands, dialogs, shortcuts
from summit_app.ui.accessible import describe
from summit_app.ui.notes_model import ID_ROLE, KIND_ROLE, NotesModel
from summit_app.ui.prompt_lists import PromptsSeen
from summit_app.ui.session import SummitSession
from summit_app.ui.writeup_editors import NarrativeEdit

# Notes on a prompt from which the board shows each on one line (see `_fit_rows`).
ONE_LINE_FROM = 2_000


class NoteBoard(QWidget):
    """Signals:
    prompt_chosen(int): the facilitator chose this question (it goes to the preview).
    poll_made(int): a poll on this prompt's themes was made (it is in the Polls tab).
    """

    typing_expected = True  # clicker letters (B, .) on its lists are the next note

    prompt_chosen = Signal(int)
    poll_made = Signal(int)

    def __init__(self, session: SummitSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = NotesModel(session.summit, self)
        self.model.notes_dropped.connect(self.move_notes, Qt.ConnectionType.QueuedConnection)

        self.prompt_combo = QComboBox()
        describe(
            self.prompt_combo,
            "The discussion prompt whose notes are shown here and typed into.",
            "Prompt",
        )
        # Prompts are long sentences: never let one set the window's width.
        self.prompt_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.prompt_combo.setMinimumContentsLength(30)
        self.prompt_combo.currentIndexChanged.connect(self._prompt_chosen)
        self.prompt_combo.activated.connect(self._announce_prompt)  # the facilitator's choice
        self.open_button = QPushButton("Take notes from phones")
        self.open_button.setCheckable(True)
        self.open_button.toggled.connect(self._open_toggled)
        self.capture = QLineEdit()
        self.capture.setAccessibleName("New note")
        self.capture.setPlaceholderText("Type a note and press Enter")
        self.capture.setMaxLength(500)
        self.capture.returnPressed.connect(self.add_typed_note)
        self.tree = QTreeView()
        describe(
            self.tree,
            "The chosen prompt's notes grouped by theme;"
            " Ctrl+1 to 9 moves the selected notes to a theme.",
            "Notes and themes",
        )
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDropIndicatorShown(True)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.selectionModel().selectionChanged.connect(self._selection_changed)
        self.tree.installEventFilter(self)  # typing on the wall goes to the note box
        self.capture.installEventFilter(self)  # Ctrl+Z in an empty note box is Edit › Undo
        # Issue 26: by theme (clustering) or by the table that sent them, and which of the
        # room's tables have not sent anything to this prompt yet.
        self.group_by = QComboBox()
        self.group_by.addItem("Group by theme", False)
        self.group_by.addItem("Group by table", True)
        describe(self.group_by, "Show the notes by theme or by the table that sent them.", "Group")
        self.group_by.currentIndexChanged.connect(self._group_by_changed)
        self.unheard = QLabel()
        self.unheard.setWordWrap(True)
        self.unheard.setAccessibleName("Tables not heard from yet")
        self.show_hidden = QCheckBox("Show hidden notes")
        self.show_hidden.setChecked(True)
        self.show_hidden.toggled.connect(self._show_hidden_toggled)
        # Several lines, formatted as in the Write-up tab; saved on a pause or leaving it.
        self.summary = NarrativeEdit(
            "Theme summary", "The theme's summary for the write-up (What have we heard)"
        )
        describe(self.summary, "A short summary of the chosen theme, printed under it in the pack.")
        self.summary.setMaximumHeight(72)
        self.summary.committed.connect(self._summary_edited)
        self.summary.setEnabled(False)
        self._summary_theme: int | None = None  # the theme the summary box is editing
        self._rebuilding = False  # the model's rows are being built again
        session.closed.connect(self.summary.commit)  # typing not saved yet, when quitting

        self.buttons = {}
        tools = QVBoxLayout()
        for key, text, slot, shortcut in (
            ("theme", "New theme…", self.new_theme, "Ctrl+T"),
            ("rename", "Rename theme…", self.rename_theme, ""),
            ("colour", "Theme colour…", self.recolour_theme, ""),
            ("up", "Theme up", lambda: self.move_theme(-1), "Ctrl+Shift+Up"),
            ("down", "Theme down", lambda: self.move_theme(+1), "Ctrl+Shift+Down"),
            ("remove_theme", "Remove theme", self.remove_theme, ""),
            ("suggest", "Suggest themes…", self.suggest_themes, "Ctrl+Shift+T"),
            ("sort", "Sort into themes…", self.sort_into_themes, ""),
            ("duplicates", "Merge near-duplicates…", self.merge_duplicates, ""),
            ("poll", "Poll on these themes…", self.ask_theme_poll, ""),
            ("hide", "Hide / show note", self.toggle_hidden, "Ctrl+H"),
            ("quote", "Mark as quote", self.toggle_quote, "Ctrl+'"),
            ("edit", "Edit note…", self.edit_note, "F2"),
            ("remove", "Remove note", self.remove_notes, "Delete"),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            if shortcut:
                shortcuts.bind(self, button, shortcut, slot)
            self.buttons[key] = button
            tools.addWidget(button)
        self.move_button = QPushButton("Move to theme ▸")
        self.move_button.clicked.connect(
            lambda: self._move_menu().exec(
                self.move_button.mapToGlobal(self.move_button.rect().bottomLeft())
            )
        )
        tools.addWidget(self.move_button)
        tools.addWidget(QLabel("Ctrl+1…9 moves the selected notes\nto theme 1…9; Ctrl+0 unsorts."))
        tools.addStretch(1)
        tools.addWidget(self.show_hidden)
        for number in range(10):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda n=number: self.move_to_theme_number(n))

        top = QHBoxLayout()
        top.addWidget(self.prompt_combo, 1)
        top.addWidget(self.group_by)
        top.addWidget(self.open_button)
        body = QHBoxLayout()
        body.addWidget(self.tree, 1)
        body.addLayout(tools)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.capture)
        layout.addWidget(self.unheard)
        layout.addLayout(body, 1)
        layout.addWidget(self.summary)

        self._prompts_seen = PromptsSeen(session.summit)
        session.changed.connect(self._on_changes)
        self.reload_prompts()

    # -- prompts -------------------------------------------------------------------------

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(Area.AGENDA) and self._prompts_seen.changed():
            self.reload_prompts()
        elif changes.touches(Area.NOTES):
            if changes.origin is Origin.PHONES and not changes.touches(Area.TABLES):
                self._phone_notes_arrived()  # participants' phones only add notes
            else:  # the facilitator, or a table host (who also edits, stars, withdraws)
                self._notes_changed(changes)
        if changes.touches(Area.LIVE):
            self._sync_open_button()

    @property
    def prompt_id(self) -> int | None:
        return self.model.prompt_id

    def reload_prompts(self) -> None:
        self._prompts_seen.mark()
        agenda = self.session.summit.agenda
        titles = {item.id: item.title for item in agenda.items()}
        wanted = self.prompt_id or self.session.summit.live().open_prompt_id
        self.prompt_combo.blockSignals(True)
        self.prompt_combo.clear()
        for prompt in agenda.prompts():
            if prompt.kind is not PromptKind.NOTES:  # Q&A and clouds: their own tab
                continue
            self.prompt_combo.addItem(f"{titles.get(prompt.item_id, '')}: {prompt.text}", prompt.id)
        found = self.prompt_combo.findData(wanted) if wanted is not None else -1
        self.prompt_combo.setCurrentIndex(max(found, 0) if self.prompt_combo.count() else -1)
        self.prompt_combo.blockSignals(False)
        self._prompt_chosen()

    def choose_prompt(self, prompt_id: int) -> None:
        self.prompt_combo.setCurrentIndex(self.prompt_combo.findData(prompt_id))
        self._announce_prompt()

    def _announce_prompt(self, *_: object) -> None:
        if self.prompt_id is not None:
            self.prompt_chosen.emit(self.prompt_id)

    def _prompt_chosen(self) -> None:
        self.model.set_prompt(self.prompt_combo.currentData())
        self._fit_rows()
        self.tree.expandAll()
        self._show_unheard()
        self.capture.setEnabled(self.prompt_id is not None)
        self._sync_open_button()
        self._selection_changed()

    def _sync_open_button(self) -> None:
        is_open = (
            self.prompt_id is not None
            and self.session.summit.live().open_prompt_id == self.prompt_id
        )
        self.open_button.blockSignals(True)
        self.open_button.setChecked(is_open)
        self.open_button.setText("Phones can post notes ✓" if is_open else "Take notes from phones")
        self.open_button.blockSignals(False)

    def _open_toggled(self, checked: bool) -> None:
        prompt_id = self.prompt_id if checked else None
        if self._do(lambda: commands.open_prompt(self.session, prompt_id)) is None:
            self._sync_open_button()

    # -- notes ---------------------------------------------------------------------------

    def add_typed_note(self) -> None:
        text = self.capture.text()
        if not text.strip() or self.prompt_id is None:
            return
        if self._do(lambda: commands.add_note(self.session, self.prompt_id, text)):
            # setText, not clear(): it forgets the box's own undo history, so the next
            # Ctrl+Z is Edit › Undo of the note just added, not the text coming back.
            self.capture.setText("")
        self.capture.setFocus()

    def selected(self, kind: str = "note") -> list[int]:
        rows = self.tree.selectionModel().selectedRows()
        return [i.data(ID_ROLE) for i in rows if i.data(KIND_ROLE) == kind]

    def selected_group(self) -> tuple[bool, int | None]:
        """(is a group selected, its theme id); a selected note counts for its group."""
        index = self.tree.currentIndex()
        if not index.isValid():
            return False, None
        if index.data(KIND_ROLE) == "note":
            index = index.parent()
        return True, index.data(ID_ROLE)

    def select_notes(self, note_ids: list[int]) -> None:
        selection = self.tree.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        found = [i for i in map(self.model.note_index, note_ids) if i.isValid()]
        for index in sorted(found, key=lambda i: (i.parent().row(), i.row())):
            selection.select(index, flags)
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
        self._selection_changed()

    def select_theme(self, theme_id: int | None) -> None:
        index = self.model.group_index(theme_id)
        self.tree.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def reload_notes(self) -> None:
        self._notes_changed(None)

    def _notes_changed(self, changes: Changes | None) -> None:
        """Show what changed (everything, for None), keeping the facilitator's selection.
        Only the rows of the notes `changes` names are touched, when it names them."""
        keep_notes = self.selected()
        has_group, keep_group = self.selected_group()
        # While the rows are rebuilt the selection runs over rows whose themes may be gone
        # already (an undo of accepted themes): it is looked at once they are built.
        self._rebuilding = True
        try:
            grown = self.model.apply(changes) if changes is not None else None
            if grown is None and changes is None:
                self.model.reload()
        finally:
            self._rebuilding = False
        self._fit_rows()
        if grown is None:
            self.tree.expandAll()
        for group in grown or ():
            self.tree.expand(group)
        self._show_unheard()
        if keep_notes:
            if grown is None or set(self.selected()) != set(keep_notes):
                self.select_notes(keep_notes)  # a moved row left the selection
        elif has_group and (grown is None or self.selected_group() != (True, keep_group)):
            self.select_theme(keep_group)
        self._selection_changed()

    def _fit_rows(self) -> None:
        """A long note wraps onto several lines, until the wall of notes is so long that
        finding a row's place would measure every note above it (a third of a second per
        click at 50,000 notes): from then on each note is one line, cut short with "…"."""
        self.tree.setUniformRowHeights(self.model.note_count() >= ONE_LINE_FROM)

    def _phone_notes_arrived(self) -> None:
        # Expand only the groups that grew: expandAll would walk every note each time.
        for group in self.model.add_new_notes():
            self.tree.expand(group)
        self._fit_rows()
        self._show_unheard()

    def _group_by_changed(self) -> None:
        self.model.by_table = bool(self.group_by.currentData())
        self.reload_notes()

    def _show_unheard(self) -> None:
        """'Tables not heard from yet: 4, 7, 13 (3 of 15)', or that all have sent notes."""
        room = len(self.model.room)
        unheard = self.model.unheard()
        # Only where tables are asked: the question open for phones, or one they sent to.
        asked = self.prompt_id is not None and (
            len(unheard) < room or self.session.summit.live().open_prompt_id == self.prompt_id
        )
        self.unheard.setVisible(bool(room) and asked)
        if not room:
            return
        if not unheard:
            self.unheard.setText(f"All {room} tables have sent notes to this question.")
            return
        numbers = ", ".join(str(t.id) for t in unheard)
        self.unheard.setText(f"Tables not heard from yet: {numbers} ({len(unheard)} of {room}).")

    def move_notes(self, note_ids: list[int], theme_id: int | None) -> None:
        self._do(lambda: commands.move_notes(self.session, note_ids, theme_id))

    def move_to_theme_number(self, number: int) -> None:
        """Ctrl+1..9: the n-th theme; Ctrl+0: back to unsorted."""
        themes = self.session.summit.notes.themes(self.prompt_id) if self.prompt_id else []
        notes = self.selected()
        if not notes or number > len(themes):
            return
        self.move_notes(notes, themes[number - 1].id if number else None)

    def toggle_hidden(self) -> None:
        self._toggle("hidden")

    def toggle_quote(self) -> None:
        self._toggle("quote")

    def _toggle(self, flag: str) -> None:
        ids = self.selected()
        if ids:
            first = self.session.summit.notes.note(ids[0])
            value = not getattr(first, f"is_{flag}")
            self._do(lambda: commands.set_flag(self.session, ids, flag, value))

    def edit_note(self) -> None:
        ids = self.selected()
        if len(ids) == 1:
            old = self.session.summit.notes.note(ids[0]).text
            text = dialogs.ask_text(self, "Edit note", "Note:", old)
            if text is not None and text != old:
                self._do(lambda: commands.edit_note(self.session, ids[0], text))

    def remove_notes(self) -> None:
        """Remove the selected notes, once asked: Delete is one key from the wall the
        facilitator is clustering, and what people said is the day's result."""
        ids = self.selected()
        if not ids:
            return
        first = self.session.summit.notes.note(ids[0]).text
        first = first if len(first) <= 60 else f"{first[:59]}…"
        what = f"the note “{first}”" if len(ids) == 1 else plural(len(ids), "note")
        if dialogs.confirm(
            self,
            "Remove notes?",
            f"Remove {what}? Edit › Undo brings {'it' if len(ids) == 1 else 'them'} back.",
            risky=True,
        ):
            self._do(lambda: commands.remove_notes(self.session, ids))

    # -- themes --------------------------------------------------------------------------

    def new_theme(self, name: str | None = None) -> None:
        if self.prompt_id is None:
            return
        name = name or dialogs.ask_text(self, "New theme", "Theme name:")
        if name:
            notes = self.selected()  # a theme made with notes selected takes them
            self._do(lambda: commands.add_theme(self.session, self.prompt_id, name, notes))

    def rename_theme(self, name: str | None = None) -> None:
        has_group, theme_id = self.selected_group()
        if not has_group or theme_id is None:
            return
        old = self.session.summit.notes.theme(theme_id).name
        name = name or dialogs.ask_text(self, "Rename theme", "Theme name:", old)
        if name and name != old:
            self._do(lambda: commands.update_theme(self.session, theme_id, name=name))

    def recolour_theme(self, colour: str | None = None) -> None:
        has_group, theme_id = self.selected_group()
        if not has_group or theme_id is None:
            return
        old = self.session.summit.notes.theme(theme_id).colour
        colour = colour or dialogs.ask_colour(self, old)
        if colour and colour != old:
            self._do(lambda: commands.update_theme(self.session, theme_id, colour=colour))

    def move_theme(self, delta: int) -> None:
        has_group, theme_id = self.selected_group()
        if has_group and theme_id is not None:
            position = self.session.summit.notes.theme(theme_id).position + delta
            if position >= 0:
                self._do(lambda: commands.move_theme(self.session, theme_id, position))

    def remove_theme(self) -> None:
        has_group, theme_id = self.selected_group()
        if has_group and theme_id is not None:
            self._do(lambda: commands.remove_theme(self.session, theme_id))

    def suggest_themes(self) -> None:
        """Themes proposed by the model on this laptop for the notes not in one (or the
        selected notes); the facilitator accepts what fits (ui/theme_suggestions.py)."""
        self._theme_dialog("suggest")

    def sort_into_themes(self) -> None:
        self._theme_dialog("sort")

    def merge_duplicates(self) -> None:
        if self.prompt_id is None:
            return
        from summit_app.ui.duplicates_dialog import DuplicatesDialog

        self.duplicates_dialog = DuplicatesDialog(self.session, self.prompt_id, self)
        self.duplicates_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.duplicates_dialog.show()

    def ask_theme_poll(self) -> None:
        """Points or ranking? Then the poll (a button's click passes no kind here)."""
        choices = {"Points (share 10 points)": "points", "Ranking": "rank"}
        picked = dialogs.ask_choice(
            self, "Poll on these themes", "The room prioritises the themes by:", list(choices)
        )
        if picked in choices:
            self.poll_on_themes(choices[picked])

    def poll_on_themes(self, kind: str) -> None:
        """The prompt's themes become the options of a new points or ranking poll."""
        if self.prompt_id is not None:
            poll = self._do(lambda: commands.poll_from_themes(self.session, self.prompt_id, kind))
            if poll:
                self.poll_made.emit(self.prompt_id)

    def _theme_dialog(self, mode: str) -> None:
        if self.prompt_id is None:
            return
        from summit_app.ui.theme_suggestions import ThemeSuggestions

        self.theme_dialog = ThemeSuggestions(
            self.session, self.prompt_id, self.selected(), mode, self
        )
        self.theme_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.theme_dialog.show()

    def _summary_edited(self, text: str) -> None:
        theme_id = self._summary_theme
        themes = {t.id: t for t in self.session.summit.notes.themes()}
        if theme_id in themes and text != themes[theme_id].summary:
            self._do(lambda: commands.update_theme(self.session, theme_id, summary=text))

    # -- helpers -------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """A letter typed while the wall has focus (after clicking a note to cluster it)
        starts the next note in the capture box, rather than jumping through the list."""
        if watched is self.capture and event.type() is QEvent.Type.ShortcutOverride:
            # The note box keeps the focus after each note, and a line edit claims Ctrl+Z
            # even with nothing typed to undo: a rehearsal's Ctrl+Z after accepting themes
            # did nothing. With nothing of its own to undo (or redo), the keys are Summit's.
            assert isinstance(event, QKeyEvent)
            box = self.capture
            undo = event.matches(QKeySequence.StandardKey.Undo) and not box.isUndoAvailable()
            redo = event.matches(QKeySequence.StandardKey.Redo) and not box.isRedoAvailable()
            if undo or redo:
                event.ignore()
                return True
        if watched is self.tree and event.type() is QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            text = event.text()
            plain = not event.modifiers() & ~(
                Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
            )
            typed = bool(text) and text.isprintable() and (text.strip() or self.capture.text())
            if plain and typed and self.capture.isEnabled():
                self.capture.setFocus(Qt.FocusReason.OtherFocusReason)
                self.capture.insert(text)
                return True
        return super().eventFilter(watched, event)

    def _selection_changed(self, *args: object) -> None:
        if self._rebuilding:
            return
        has_group, theme_id = self.selected_group()
        is_theme = has_group and theme_id is not None
        if theme_id != self._summary_theme:
            self.summary.commit()  # typing for the theme chosen before goes to that theme
            self.summary.discard()
            self._summary_theme = theme_id if is_theme else None
        self.summary.setEnabled(is_theme)
        self.summary.set_text(self.session.summit.notes.theme(theme_id).summary if is_theme else "")
        for key in ("rename", "colour", "up", "down", "remove_theme"):
            self.buttons[key].setEnabled(is_theme)
        has_notes = bool(self.selected())
        for key in ("hide", "quote", "edit", "remove"):
            self.buttons[key].setEnabled(has_notes)
        self.move_button.setEnabled(has_notes)

    def _show_hidden_toggled(self, checked: bool) -> None:
        self.model.show_hidden = checked
        self.reload_notes()

    def _move_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.addAction("Unsorted\tCtrl+0", lambda: self.move_to_theme_number(0))
        themes = self.session.summit.notes.themes(self.prompt_id) if self.prompt_id else []
        for number, theme in enumerate(themes, start=1):
            hint = f"\tCtrl+{number}" if number < 10 else ""
            menu.addAction(
                theme.name + hint, lambda t=theme.id: self.move_notes(self.selected(), t)
            )
        return menu

    def _context_menu(self, pos) -> None:
        if self.selected():
            menu = self._move_menu()
            menu.setTitle("Move to theme")
            outer = QMenu(self)
            outer.addMenu(menu)
            outer.addAction("Hide / show", self.toggle_hidden)
            outer.addAction("Mark as quote", self.toggle_quote)
            outer.addAction("Edit…", self.edit_note)
            outer.addAction("Remove", self.remove_notes)
            outer.exec(self.tree.viewport().mapToGlobal(pos))

    def _do(self, action):
        return dialogs.attempt(self, lambda: action() or True)
