"""The write-up editor's pages for the end of the pack: actions and personal commitments;
the closing pages' texts and order, and what the pack includes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from summit_app.core.model import Action
from summit_app.core.writeup import MAX_ANONYMITY_THRESHOLD, MAX_PUBLICATION_CHARS
from summit_app.ui import dialogs
from summit_app.ui import writeup_commands as wc
from summit_app.ui.accessible import describe
from summit_app.ui.session import SummitSession
from summit_app.ui.writeup_editors import NarrativeEdit, page_heading

ID_ROLE = Qt.ItemDataRole.UserRole
PAGE_NAMES = {
    "commitments": "Personal commitments",
    "actions": "Actions (next steps)",
    "thanks": "Thank you",
    "what_we_heard": "What have we heard?",
    "participation": "Who took part",
    "data_appendix": "Data appendix",
}


class ActionTable(QWidget):
    """Actions (text, who, by when) or commitments (text, whose), in the team's order."""

    def __init__(self, session: SummitSession, commitments: bool) -> None:
        super().__init__()
        self.session = session
        self.commitments = commitments
        columns = ("Commitment", "Whose") if commitments else ("Action", "Who", "By")
        self.table = QTableWidget(0, len(columns))
        describe(self.table, "One row each, edited in place; the pack prints them as a table.")
        self.table.setHorizontalHeaderLabels(list(columns))
        self.table.setAccessibleName("Commitments" if commitments else "Actions")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._edited)
        row = QHBoxLayout()
        for text, slot in (
            ("Add commitment" if commitments else "Add action", self.add),
            ("Move up", lambda: self.move_row(-1)),
            ("Move down", lambda: self.move_row(+1)),
            ("Remove", self.remove),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

    def reload(self) -> None:
        if self.table.state() == QAbstractItemView.State.EditingState:
            return  # typing in a cell: reloaded when it is saved
        mine = [
            a for a in self.session.summit.people.actions() if a.is_commitment == self.commitments
        ]
        current = self.table.currentRow()
        self.table.blockSignals(True)
        try:
            self.table.setRowCount(len(mine))
            for row, action in enumerate(mine):
                values = (action.text, action.owner) if self.commitments else (
                    action.text, action.owner, action.due)  # fmt: skip
                for column, value in enumerate(values):
                    cell = QTableWidgetItem(value)
                    cell.setData(ID_ROLE, action.id)
                    cell.setToolTip(value)  # a long action shows whole on hovering
                    self.table.setItem(row, column, cell)
        finally:
            self.table.blockSignals(False)
        self.table.resizeRowsToContents()
        if mine:
            self.table.setCurrentCell(max(0, min(current, len(mine) - 1)), 0)

    def selected_id(self) -> int | None:
        cell = self.table.item(self.table.currentRow(), 0)
        return cell.data(ID_ROLE) if cell is not None else None

    def add(self) -> None:
        text = dialogs.ask_text(self, "Add", "Commitment:" if self.commitments else "Action:")
        if text and text.strip():
            dialogs.attempt(self, lambda: wc.add_action(self.session, text, self.commitments))
            self.table.setCurrentCell(self.table.rowCount() - 1, 0)

    def move_row(self, delta: int) -> None:
        action_id, row = self.selected_id(), self.table.currentRow()
        if action_id is not None:
            dialogs.attempt(self, lambda: wc.move_action(self.session, action_id, delta) or True)
            self.table.setCurrentCell(max(0, min(row + delta, self.table.rowCount() - 1)), 0)

    def remove(self) -> None:
        action_id = self.selected_id()
        if action_id is not None:
            dialogs.attempt(self, lambda: wc.remove_action(self.session, action_id) or True)

    def _edited(self, cell: QTableWidgetItem) -> None:
        row = cell.row()
        texts = [(self.table.item(row, c).text() if self.table.item(row, c) else "")
                 for c in range(self.table.columnCount())]  # fmt: skip
        action = Action(
            id=cell.data(ID_ROLE),
            position=0,
            text=texts[0],
            owner=texts[1],
            due="" if self.commitments else texts[2],
            is_commitment=self.commitments,
        )
        if dialogs.attempt(self, lambda: wc.update_action(self.session, action) or True) is None:
            self.reload()  # refused (an empty action): show what is stored


class ActionsPage(QWidget):
    def __init__(self, session: SummitSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.action_table = ActionTable(session, commitments=False)
        self.commitments = ActionTable(session, commitments=True)
        self.actions_intro = NarrativeEdit("Introduction to the actions", "Before the actions")
        describe(self.actions_intro, "Printed above the table of actions in the pack.")
        self.commitments_intro = NarrativeEdit(
            "Introduction to the commitments", "Before the commitments"
        )
        describe(self.commitments_intro, "Printed above the personal commitments in the pack.")
        for edit, field in ((self.actions_intro, "actions_intro"),
                            (self.commitments_intro, "commitments_intro")):  # fmt: skip
            edit.setMaximumHeight(64)
            edit.committed.connect(lambda text, f=field: self._save_text(f, text))
        heading = page_heading("Actions and commitments")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(QLabel("Actions: what happens next, who does it, by when."))
        layout.addWidget(self.actions_intro)
        layout.addWidget(self.action_table, 1)
        layout.addWidget(QLabel("Personal commitments: one action each person will take."))
        layout.addWidget(self.commitments_intro)
        layout.addWidget(self.commitments, 1)

    def reload(self) -> None:
        texts = self.session.summit.writeup.closing_texts()
        self.actions_intro.set_text(texts.actions_intro)
        self.commitments_intro.set_text(texts.commitments_intro)
        self.action_table.reload()
        self.commitments.reload()

    def leave(self) -> None:
        self.actions_intro.commit()
        self.commitments_intro.commit()

    def _save_text(self, field: str, text: str) -> None:
        dialogs.attempt(self, lambda: wc.set_closing_texts(self.session, **{field: text}) or True)


class PackPage(QWidget):
    """The thank-you, the closing pages' order, what the pack includes, the anonymity rule."""

    def __init__(self, session: SummitSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.thanks = NarrativeEdit("Thank-you text", "Thank you for…")
        describe(self.thanks, "Printed on the last page of the pack.")
        self.thanks.setMaximumHeight(90)
        self.thanks.committed.connect(
            lambda text: dialogs.attempt(
                self, lambda: wc.set_closing_texts(self.session, thanks=text) or True
            )
        )
        self.boxes: dict[str, QCheckBox] = {}
        for field, text in (
            ("include_agenda", "The agenda, with planned and actual times"),
            ("include_participation", "Who took part"),
            ("include_group_tables", "How each professional group voted"),
            ("include_data_appendix", "A data appendix with every figure in tables"),
        ):
            box = QCheckBox(text)
            box.toggled.connect(lambda on, f=field: self._choose(**{f: on}))
            self.boxes[field] = box
        self.order = QListWidget()
        describe(
            self.order,
            "The order of the pack's closing pages; move one with the buttons beside.",
        )
        self.order.setAccessibleName("Order of the closing pages")
        self.order.setMaximumHeight(150)
        up, down = QPushButton("Move up"), QPushButton("Move down")
        up.clicked.connect(lambda: self.move_row(-1))
        down.clicked.connect(lambda: self.move_row(+1))
        self.threshold = QSpinBox()
        describe(
            self.threshold,
            "Groups with fewer people than this are folded into Other groups in the pack,"
            " so no one stands out.",
        )
        self.threshold.setRange(2, MAX_ANONYMITY_THRESHOLD)
        self.threshold.setSuffix(" people")
        self.threshold.setAccessibleName("Smallest group shown")
        self.threshold.setKeyboardTracking(False)
        self.threshold.valueChanged.connect(lambda n: self._choose(anonymity_threshold=n))
        self.publication = QLineEdit()
        self.publication.setAccessibleName("On the cover")
        self.publication.setAccessibleDescription(
            "A publication date or a version; left empty, the pack says it is a draft."
        )
        self.publication.setPlaceholderText("Draft (type a publication date or a version)")
        self.publication.setMaxLength(MAX_PUBLICATION_CHARS)
        self.publication.editingFinished.connect(
            lambda: self._choose(publication=self.publication.text())
        )
        self.themes = QListWidget()
        self.themes.setAccessibleName("Themes in “What have we heard?”")
        self.themes.setAccessibleDescription(
            "Ticked themes are in the closing table, in this order; move one with the buttons."
        )
        self.themes.setMaximumHeight(170)
        self.themes.itemChanged.connect(lambda _item: self._choose_themes())
        theme_up, theme_down = QPushButton("Move theme up"), QPushButton("Move theme down")
        theme_up.clicked.connect(lambda: self.move_theme(-1))
        theme_down.clicked.connect(lambda: self.move_theme(+1))
        theme_buttons = QHBoxLayout()
        theme_buttons.addWidget(theme_up)
        theme_buttons.addWidget(theme_down)
        theme_buttons.addStretch(1)
        heading = page_heading("Closing pages and what the pack includes")
        buttons = QHBoxLayout()
        buttons.addWidget(up)
        buttons.addWidget(down)
        buttons.addStretch(1)
        form = QFormLayout()
        form.addRow("On the cover", self.publication)
        form.addRow("Thank you", self.thanks)
        for box in self.boxes.values():
            form.addRow("" if box is not self.boxes["include_agenda"] else "Include", box)
        form.addRow("After the sections", self.order)
        form.addRow("", buttons)
        form.addRow("“What have we heard?”", self.themes)
        form.addRow("", theme_buttons)
        form.addRow("Smallest group shown", self.threshold)
        note = QLabel(
            "A professional group with fewer voters than this is counted in “Other groups”"
            " in every table and chart, so no one's vote can be picked out."
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addStretch(1)

    def reload(self) -> None:
        w = self.session.summit.writeup
        self.thanks.set_text(w.closing_texts().thanks)
        options = w.pack_options()
        for field, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(getattr(options, field))
            box.blockSignals(False)
        row = self.order.currentRow()
        self.order.clear()
        for page in options.closing_order:
            item = QListWidgetItem(PAGE_NAMES[page])
            item.setData(ID_ROLE, page)
            self.order.addItem(item)
        self.order.setCurrentRow(max(0, row))
        if not self.threshold.hasFocus():
            self.threshold.blockSignals(True)
            self.threshold.setValue(options.anonymity_threshold)
            self.threshold.blockSignals(False)
        if not self.publication.hasFocus():
            self.publication.setText(options.publication)
        self._reload_themes(options.closing_themes)

    def _reload_themes(self, chosen: tuple[int, ...] | None) -> None:
        """Every theme with a summary: the chosen ones first, ticked, in the team's order."""
        summit = self.session.summit
        # Which question each came from: two themes may share a name ("Leadership
        # development" in two discussions), and a pre-mortem's risks are themes too.
        asked = {p.id: p.text for p in summit.agenda.prompts()}  # in agenda order
        place = {prompt_id: i for i, prompt_id in enumerate(asked)}
        themes = sorted(
            (t for t in summit.notes.themes() if t.summary.strip()),
            key=lambda t: (place.get(t.prompt_id, len(place)), t.position, t.id),
        )
        by_id = {t.id: t for t in themes}
        ticked = [i for i in chosen if i in by_id] if chosen is not None else list(by_id)
        order = ticked + [i for i in by_id if i not in ticked]
        row = self.themes.currentRow()
        self.themes.blockSignals(True)
        self.themes.clear()
        for theme_id in order:
            theme = by_id[theme_id]
            question = " ".join(asked.get(theme.prompt_id, "").split())
            short = question if len(question) <= 50 else question[:49].rstrip() + "…"
            item = QListWidgetItem(f"{theme.name}  ({short})" if short else theme.name)
            item.setToolTip(question)
            item.setData(ID_ROLE, theme_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = theme_id in ticked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.themes.addItem(item)
        self.themes.setCurrentRow(max(0, min(row, self.themes.count() - 1)))
        self.themes.blockSignals(False)

    def move_theme(self, delta: int) -> None:
        row = self.themes.currentRow()
        if row < 0 or not 0 <= row + delta < self.themes.count():
            return
        self.themes.blockSignals(True)
        self.themes.insertItem(row + delta, self.themes.takeItem(row))
        self.themes.blockSignals(False)
        self._choose_themes()
        self.themes.setCurrentRow(row + delta)

    def _choose_themes(self) -> None:
        """The ticked themes, in the list's order, are the closing table's."""
        items = [self.themes.item(i) for i in range(self.themes.count())]
        ids = tuple(i.data(ID_ROLE) for i in items if i.checkState() == Qt.CheckState.Checked)
        self._choose(closing_themes=ids)

    def leave(self) -> None:
        self.thanks.commit()

    def move_row(self, delta: int) -> None:
        row = self.order.currentRow()
        pages = [self.order.item(i).data(ID_ROLE) for i in range(self.order.count())]
        if row < 0 or not 0 <= row + delta < len(pages):
            return
        pages.insert(row + delta, pages.pop(row))
        self.order.setCurrentRow(row + delta)
        self._choose(closing_order=tuple(pages))
        self.order.setCurrentRow(row + delta)

    def _choose(self, **choices: object) -> None:
        if (
            dialogs.attempt(self, lambda: wc.set_pack_options(self.session, **choices) or True)
            is None
        ):
            self.reload()
