"""Moderation: what phones sent that waits for the facilitator, and the rules that hold it.

Notes, questions and cloud words held back (moderation on, or flagged by the profanity
filter) wait here until approved (one, or all) or hidden; the room never sees them before.
"Approve all" leaves flagged input to be approved one by one, so a hasty click cannot put a
slur on the projector.

Signals:
    count_changed(int): how many inputs are waiting.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from summit_app.core.changes import Area, Changes
from summit_app.ui import commands, dialogs
from summit_app.ui.accessible import describe
from summit_app.ui.audience_panel import ID_ROLE, _cell, _table
from summit_app.ui.guard import Guarded
from summit_app.ui.prompt_lists import PromptsSeen
from summit_app.ui.run_panel import plain_label
from summit_app.ui.session import SummitSession

KIND_TEXT = {"note": "Note", "question": "Question", "word": "Word"}
RULES = (("As the whole summit", None), ("Hold for approval", True), ("Show at once", False))


class WordListsDialog(QDialog):
    """The summit's own words to hold back, and words to let through despite the list."""

    def __init__(self, blocked: tuple[str, ...], allowed: tuple[str, ...], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Words held back")
        self.blocked = QPlainTextEdit("\n".join(blocked))
        self.allowed = QPlainTextEdit("\n".join(allowed))
        for edit in (self.blocked, self.allowed):
            edit.setTabChangesFocus(True)
            edit.setPlaceholderText("One word or phrase a line")
        form = QFormLayout()
        form.addRow(
            plain_label(
                "Summit holds back input with words from its English list (about 370 words"
                " and phrases). Add your own, or let through words the list holds that are"
                " fine in your room."
            )
        )
        form.addRow("Also hold back", self.blocked)
        form.addRow("Let through", self.allowed)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, 420)

    @staticmethod
    def lines(edit: QPlainTextEdit) -> list[str]:
        return [line.strip() for line in edit.toPlainText().splitlines() if line.strip()]


class ModerationPanel(QWidget):
    count_changed = Signal(int)

    def __init__(self, session: SummitSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.summit_wide = QCheckBox("Hold everything phones send until I approve it")
        self.summit_wide.toggled.connect(self._summit_wide_toggled)
        self.prompt_combo = QComboBox()
        describe(
            self.prompt_combo,
            "Whose waiting notes, questions or words are listed.",
            "Prompt to moderate",
        )
        self.prompt_combo.setMinimumContentsLength(24)
        self.prompt_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.prompt_combo.currentIndexChanged.connect(self._sync_rule)
        self.rule = QComboBox()
        describe(
            self.rule,
            "Whether this prompt's text from phones waits here for approval"
            " or follows the summit's rule.",
            "Moderation rule",
        )
        for text, value in RULES:
            self.rule.addItem(text, value)
        self.rule.activated.connect(self._rule_chosen)
        self.lists_button = QPushButton("Words held back…")
        self.lists_button.clicked.connect(self.edit_word_lists)
        self.summary = QLabel()
        self.queue = _table(["Kind", "Text", "Prompt", "Flagged words", "Sent"])
        describe(
            self.queue,
            "Notes, questions and words from phones waiting for approval.",
            "Waiting for approval",
        )
        self.queue.itemSelectionChanged.connect(self._sync_buttons)
        self.buttons: dict[str, QPushButton] = {}
        tools = QVBoxLayout()
        for key, text, slot in (
            ("approve", "Approve", self.approve_selected),
            ("hide", "Hide", self.hide_selected),
            ("all", "Approve all", self.approve_all),
        ):
            button = QPushButton(text)
            guarded = Guarded(slot)
            button.clicked.connect(lambda _=False, g=guarded: g())
            self.buttons[key] = button
            tools.addWidget(button)
        tools.addStretch(1)
        rules = QHBoxLayout()
        rules.addWidget(self.summit_wide)
        rules.addSpacing(16)
        rules.addWidget(QLabel("This prompt:"))
        rules.addWidget(self.prompt_combo, 1)
        rules.addWidget(self.rule)
        rules.addWidget(self.lists_button)
        body = QHBoxLayout()
        body.addWidget(self.queue, 1)
        body.addLayout(tools)
        layout = QVBoxLayout(self)
        layout.addLayout(rules)
        layout.addWidget(self.summary)
        layout.addLayout(body, 1)
        self._prompts_seen = PromptsSeen(session.summit)
        session.changed.connect(self._on_changes)
        self.reload_prompts()

    # -- rules ---------------------------------------------------------------------------

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(Area.AGENDA) and self._prompts_seen.changed():
            self.reload_prompts()
        elif changes.touches(Area.AUDIENCE, Area.NOTES) or (
            # The summit's row holds its rules, and also the running item: Next wrote it.
            changes.touches(Area.INFO) and self._rules() != self._rules_seen
        ):
            self.reload()  # held notes, questions and words; the summit's own rules

    def _rules(self) -> tuple[bool, tuple[tuple[str, ...], tuple[str, ...]]]:
        moderation = self.session.summit.moderation
        return moderation.summit_moderated(), moderation.word_lists()

    def reload_prompts(self) -> None:
        self._prompts_seen.mark()
        keep = self.prompt_combo.currentData()
        self.prompt_combo.blockSignals(True)
        self.prompt_combo.clear()
        for prompt in self.session.summit.agenda.prompts():
            self.prompt_combo.addItem(prompt.text, prompt.id)
        found = self.prompt_combo.findData(keep) if keep is not None else -1
        if found < 0:
            found = self.prompt_combo.findData(self.session.summit.live().open_prompt_id)
        self.prompt_combo.setCurrentIndex(max(found, 0) if self.prompt_combo.count() else -1)
        self.prompt_combo.blockSignals(False)
        self.reload()

    def choose_prompt(self, prompt_id: int) -> None:
        found = self.prompt_combo.findData(prompt_id)
        if found >= 0:
            self.prompt_combo.setCurrentIndex(found)

    def _sync_rule(self) -> None:
        prompt_id = self.prompt_combo.currentData()
        self.rule.setEnabled(prompt_id is not None)
        if prompt_id is not None:
            moderated = self.session.summit.agenda.prompt(prompt_id).moderated
            self.rule.setCurrentIndex(self.rule.findData(moderated))

    def _rule_chosen(self) -> None:
        prompt_id = self.prompt_combo.currentData()
        if prompt_id is not None:
            value = self.rule.currentData()
            self._do(lambda: commands.set_prompt_rules(self.session, prompt_id, moderated=value))
            self._sync_rule()

    def _summit_wide_toggled(self, on: bool) -> None:
        if self.session.summit.moderation.summit_moderated() != on:
            if self._do(lambda: commands.set_summit_moderated(self.session, on)) is None:
                self.reload()

    def edit_word_lists(self) -> None:
        blocked, allowed = self.session.summit.moderation.word_lists()
        dialog = WordListsDialog(blocked, allowed, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_word_lists(dialog.lines(dialog.blocked), dialog.lines(dialog.allowed))

    def set_word_lists(self, blocked: list[str], allowed: list[str]) -> None:
        self._do(lambda: commands.set_word_lists(self.session, blocked, allowed))

    # -- the queue -----------------------------------------------------------------------

    def reload(self, *args: object) -> None:
        summit = self.session.summit
        self._rules_seen = self._rules()
        self.summit_wide.blockSignals(True)
        self.summit_wide.setChecked(summit.moderation.summit_moderated())
        self.summit_wide.blockSignals(False)
        self._sync_rule()
        keep = set(self.selected())
        prompts = {p.id: p.text for p in summit.agenda.prompts()}
        held = summit.moderation.held()
        # Rows are refilled in place: without this, the row of an input just approved keeps its
        # selection and the next input (perhaps a flagged one) moves into it, one nervous
        # second click from the projector. Only inputs the facilitator chose stay chosen.
        self.queue.clearSelection()
        self.queue.setRowCount(len(held))
        for row, item in enumerate(held):
            key = (item.kind, item.id)
            cells = (
                KIND_TEXT[item.kind],
                item.text,
                prompts.get(item.prompt_id, ""),
                item.flagged,
                item.created_at[11:16],
            )
            for column, text in enumerate(cells):
                self.queue.setItem(row, column, _cell(text, key))
            if key in keep:
                self.queue.selectRow(row)
        self.queue.resizeRowsToContents()
        flagged = sum(1 for h in held if h.flagged)
        self.summary.setText(
            "Nothing is waiting: the room sees what phones send."
            if not held
            else f"{len(held)} waiting for you; the room does not see them yet."
            + (f" {flagged} flagged by the word list: approve those one by one." if flagged else "")
        )
        self._sync_buttons()
        self.count_changed.emit(len(held))

    def selected(self) -> list[tuple[str, int]]:
        return [index.data(ID_ROLE) for index in self.queue.selectionModel().selectedRows()]

    def select(self, kind: str, row_id: int) -> None:
        for row in range(self.queue.rowCount()):
            if self.queue.item(row, 0).data(ID_ROLE) == (kind, row_id):
                self.queue.selectRow(row)

    def rows(self) -> list[tuple[str, ...]]:
        return [
            tuple(self.queue.item(r, c).text() for c in range(self.queue.columnCount()))
            for r in range(self.queue.rowCount())
        ]

    def approve_selected(self) -> None:
        chosen = self.selected()
        if chosen:
            self._do(lambda: commands.approve(self.session, chosen))

    def hide_selected(self) -> None:
        chosen = self.selected()
        if chosen:
            self._do(lambda: commands.reject(self.session, chosen))

    def approve_all(self) -> None:
        if self.queue.rowCount():
            self._do(lambda: commands.approve_all(self.session))

    def _sync_buttons(self) -> None:
        chosen = bool(self.selected())
        self.buttons["approve"].setEnabled(chosen)
        self.buttons["hide"].setEnabled(chosen)
        self.buttons["all"].setEnabled(self.queue.rowCount() > 0)

    def _do(self, action) -> object:
        return dialogs.attempt(self, lambda: action() or True)
