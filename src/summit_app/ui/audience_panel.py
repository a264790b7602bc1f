"""Q&A and word clouds: the room's questions by votes or by time, and the cloud's words.

The facilitator opens a Q&A or a cloud for phones, marks the question being answered (the
projector's Question screen shows it) and then answered, merges duplicates, hides what
should not be shown, and hides a word from the cloud. Every action is one undoable command.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from summit_app.core.changes import Area, Changes
from summit_app.core.model import PromptKind, Question, QuestionState
from summit_app.ui import commands, dialogs
from summit_app.ui.accessible import describe
from summit_app.ui.guard import Guarded
from summit_app.ui.prompt_lists import PromptsSeen
from summit_app.ui.run_panel import plain_label
from summit_app.ui.session import SummitSession
from summit_app.ui.word_cloud import WordCloud

ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_TEXT = {
    QuestionState.OPEN: "",
    QuestionState.ANSWERING: "▶ being answered",
    QuestionState.ANSWERED: "answered",
}


def question_status(question: Question, texts: dict[int, str]) -> str:
    """What the facilitator's list says of a question besides its text."""
    if question.is_held:
        return "waiting for approval" + (" (flagged)" if question.flagged else "")
    if question.is_hidden:
        return "hidden"
    if question.merged_into is not None:
        return f"merged into “{texts.get(question.merged_into, '')}”"
    return STATE_TEXT[question.state]


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    return table


def _cell(text: str, data: object = None, grey: bool = False) -> QTableWidgetItem:
    cell = QTableWidgetItem(text)  # plain text: shown exactly as typed
    if data is not None:
        cell.setData(ID_ROLE, data)
    if grey:
        cell.setForeground(Qt.GlobalColor.gray)
    return cell


class AudiencePanel(QWidget):
    typing_expected = True  # its lists keep their keys: see keys.py

    def __init__(self, session: SummitSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.prompt_combo = QComboBox()
        describe(self.prompt_combo, "Which Q&A or word cloud this tab shows.", "Q&A or word cloud")
        self.prompt_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.prompt_combo.setMinimumContentsLength(30)
        self.prompt_combo.currentIndexChanged.connect(self.reload)
        self.new_qa = QPushButton("New Q&&A…")
        self.new_qa.clicked.connect(lambda: self.new_prompt(PromptKind.QUESTIONS))
        self.new_cloud = QPushButton("New word cloud…")
        self.new_cloud.clicked.connect(lambda: self.new_prompt(PromptKind.WORDS))
        self.open_button = QPushButton()
        self.open_button.setCheckable(True)
        open_guard = Guarded(self._open_toggled)
        self.open_button.clicked.connect(lambda checked: open_guard(checked))
        top = QHBoxLayout()
        for widget in (self.prompt_combo, self.open_button, self.new_qa, self.new_cloud):
            top.addWidget(widget, 1 if widget is self.prompt_combo else 0)
        self.empty = plain_label(
            "No Q&A or word cloud yet. “New Q&A…” collects the room's questions for a panel;"
            " “New word cloud…” asks for one to three words."
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._build_questions())
        self.stack.addWidget(self._build_words())
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        self._prompts_seen = PromptsSeen(session.summit)
        session.changed.connect(self._on_changes)
        self.reload_prompts()

    # -- building ------------------------------------------------------------------------

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(Area.AGENDA) and self._prompts_seen.changed():
            self.reload_prompts()
        elif changes.touches(Area.AUDIENCE):
            self.reload()
        if changes.touches(Area.LIVE):
            self._sync_open_button()

    def _build_questions(self) -> QWidget:
        page = QWidget()
        self.order = QComboBox()
        describe(self.order, "How the questions are sorted.", "Order of the questions")
        self.order.addItem("Most upvoted first", "votes")
        self.order.addItem("Oldest first", "time")
        self.order.currentIndexChanged.connect(self.reload)
        self.questions = _table(["Upvotes", "Question", "State"])
        describe(
            self.questions,
            "The phones' questions with their upvotes and whether each is answered or shown.",
            "Questions",
        )
        self.questions.itemSelectionChanged.connect(self._sync_buttons)
        self.q_buttons: dict[str, QPushButton] = {}
        tools = QVBoxLayout()
        tools.addWidget(self.order)
        for key, text, slot in (
            ("answering", "Being answered (projector)", lambda: self._state("answering")),
            ("answered", "Answered", lambda: self._state("answered")),
            ("open", "Not answered yet", lambda: self._state("open")),
            ("merge", "Merge into…", self.merge),
            ("hide", "Hide / show", self.toggle_hidden),
            ("add", "Add a question…", self.add_question),
        ):
            button = QPushButton(text)
            guarded = Guarded(slot)
            button.clicked.connect(lambda _=False, g=guarded: g())
            self.q_buttons[key] = button
            tools.addWidget(button)
        tools.addStretch(1)
        layout = QHBoxLayout(page)
        layout.addWidget(self.questions, 1)
        layout.addLayout(tools)
        return page

    def _build_words(self) -> QWidget:
        page = QWidget()
        self.words = _table(["Answers", "Word", "Typed as", "Shown"])
        describe(
            self.words,
            "The cloud's words: how many gave each, how they were typed, whether it is shown.",
            "Words",
        )
        self.words.itemSelectionChanged.connect(self._sync_buttons)
        self.preview = WordCloud(projector=False)
        self.max_words = QSpinBox()
        describe(
            self.max_words,
            "How many words each phone may give to this cloud.",
            "Words per phone",
        )
        self.max_words.setRange(1, 20)
        self.max_words.setPrefix("Each phone sends up to ")
        self.max_words.setKeyboardTracking(False)
        self.max_words.valueChanged.connect(self._max_words_changed)
        self.hide_word_button = QPushButton("Hide / show word")
        self.hide_word_button.clicked.connect(self.toggle_word)
        add_word = QPushButton("Add a word…")
        add_word.clicked.connect(self.add_word)
        tools = QHBoxLayout()
        for widget in (self.max_words, self.hide_word_button, add_word):
            tools.addWidget(widget)
        tools.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.words, 1)
        body.addWidget(self.preview, 1)
        layout = QVBoxLayout(page)
        layout.addLayout(tools)
        layout.addLayout(body, 1)
        return page

    # -- prompts -------------------------------------------------------------------------

    @property
    def prompt_id(self) -> int | None:
        return self.prompt_combo.currentData()

    def prompt(self):
        return self.session.summit.agenda.prompt(self.prompt_id) if self.prompt_id else None

    def reload_prompts(self) -> None:
        self._prompts_seen.mark()
        agenda = self.session.summit.agenda
        titles = {item.id: item.title for item in agenda.items()}
        wanted = self.prompt_id or self.session.summit.live().open_prompt_id
        self.prompt_combo.blockSignals(True)
        self.prompt_combo.clear()
        for prompt in agenda.prompts():
            if prompt.kind is PromptKind.NOTES:
                continue
            mark = "Q&A" if prompt.kind is PromptKind.QUESTIONS else "Word cloud"
            self.prompt_combo.addItem(
                f"{mark} · {titles.get(prompt.item_id, '')}: {prompt.text}", prompt.id
            )
        found = self.prompt_combo.findData(wanted) if wanted is not None else -1
        self.prompt_combo.setCurrentIndex(max(found, 0) if self.prompt_combo.count() else -1)
        self.prompt_combo.blockSignals(False)
        self.reload()

    def choose_prompt(self, prompt_id: int) -> None:
        self.prompt_combo.setCurrentIndex(self.prompt_combo.findData(prompt_id))

    def new_prompt(self, kind: PromptKind, text: str | None = None) -> None:
        summit = self.session.summit
        item = summit.agenda.current_item()
        items = summit.agenda.items()
        if item is None and not items:
            dialogs.error(self, "Add an agenda item first: a Q&A or word cloud belongs to one.")
            return
        item = item or items[0]
        what = "Q&A" if kind is PromptKind.QUESTIONS else "word cloud"
        default = "Questions for the panel" if kind is PromptKind.QUESTIONS else ""
        text = text or dialogs.ask_text(
            self, f"New {what} for “{item.title}”", "What phones are asked:", default
        )
        if text:
            added = dialogs.attempt(
                self, lambda: commands.add_audience_prompt(self.session, item.id, text, kind)
            )
            if added is not None:
                self.choose_prompt(added.id)

    def _sync_open_button(self) -> None:
        prompt = self.prompt()
        is_open = prompt is not None and self.session.summit.live().open_prompt_id == prompt.id
        self.open_button.setEnabled(prompt is not None)
        self.open_button.setChecked(is_open)
        if prompt is not None and prompt.kind is PromptKind.WORDS:
            self.open_button.setText("Phones can send words ✓" if is_open else "Take words")
        else:
            self.open_button.setText("Phones can ask ✓" if is_open else "Take questions")

    def _open_toggled(self, checked: bool) -> None:
        prompt_id = self.prompt_id if checked else None
        if (
            dialogs.attempt(self, lambda: commands.open_prompt(self.session, prompt_id) or 1)
            is None
        ):
            self._sync_open_button()

    # -- showing -------------------------------------------------------------------------

    def reload(self, *args: object) -> None:
        prompt = self.prompt()
        self._sync_open_button()
        if prompt is None:
            self.stack.setCurrentIndex(0)
        elif prompt.kind is PromptKind.QUESTIONS:
            self.stack.setCurrentIndex(1)
            self._fill_questions(prompt.id)
        else:
            self.stack.setCurrentIndex(2)
            self._fill_words(prompt.id, prompt.max_words)
        self._sync_buttons()

    def _fill_questions(self, prompt_id: int) -> None:
        keep = self.selected_question()
        by = self.order.currentData()
        listed = self.session.summit.questions.questions(prompt_id, by=by)
        if by == "votes":  # what to take next first: answered ones go to the bottom
            listed.sort(key=lambda q: q.state is QuestionState.ANSWERED)
        texts = {q.id: q.text for q in listed}
        self.questions.clearSelection()  # rows refill in place: a row is not the question in it
        self.questions.setRowCount(len(listed))
        for row, q in enumerate(listed):
            grey = not q.is_shown or q.state is QuestionState.ANSWERED
            self.questions.setItem(row, 0, _cell(str(q.upvotes), q.id, grey))
            self.questions.setItem(row, 1, _cell(q.text, q.id, grey))
            self.questions.setItem(row, 2, _cell(question_status(q, texts), q.id, grey))
            if q.id == keep:
                self.questions.selectRow(row)
        self.questions.resizeRowsToContents()

    def _fill_words(self, prompt_id: int, max_words: int) -> None:
        keep = self.selected_word()
        counts = self.session.summit.words.cloud(prompt_id, include_hidden=True)
        self.words.clearSelection()
        self.words.setRowCount(len(counts))
        for row, w in enumerate(counts):
            self.words.setItem(row, 0, _cell(str(w.count), w.word, w.is_hidden))
            self.words.setItem(row, 1, _cell(w.text, w.word, w.is_hidden))
            self.words.setItem(row, 2, _cell(", ".join(w.forms), w.word, w.is_hidden))
            self.words.setItem(row, 3, _cell("hidden" if w.is_hidden else "yes", w.word))
            if w.word == keep:
                self.words.selectRow(row)
        self.preview.set_words([(w.text, w.count) for w in counts if not w.is_hidden])
        self.max_words.blockSignals(True)
        self.max_words.setValue(max_words)
        self.max_words.setSuffix(" word" if max_words == 1 else " words")
        self.max_words.blockSignals(False)

    def selected_question(self) -> int | None:
        rows = self.questions.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def selected_word(self) -> str | None:
        rows = self.words.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def select_question(self, question_id: int) -> None:
        for row in range(self.questions.rowCount()):
            if self.questions.item(row, 0).data(ID_ROLE) == question_id:
                self.questions.selectRow(row)

    def select_word(self, word: str) -> None:
        for row in range(self.words.rowCount()):
            if self.words.item(row, 0).data(ID_ROLE) == word:
                self.words.selectRow(row)

    def question_rows(self) -> list[tuple[str, str, str]]:
        """(upvotes, text, state) as listed now (what the facilitator sees)."""
        return [
            tuple(self.questions.item(r, c).text() for c in range(3))  # type: ignore[misc]
            for r in range(self.questions.rowCount())
        ]

    def _sync_buttons(self) -> None:
        has = self.selected_question() is not None
        for key, button in self.q_buttons.items():
            button.setEnabled(has or key == "add")
        self.hide_word_button.setEnabled(self.selected_word() is not None)

    # -- acting --------------------------------------------------------------------------

    def _state(self, state: str) -> None:
        question_id = self.selected_question()
        if question_id is not None:
            self._do(lambda: commands.set_question_state(self.session, question_id, state))

    def merge(self, into_id: int | None = None) -> None:
        question_id = self.selected_question()
        if question_id is None or self.prompt_id is None:
            return
        if into_id is None:
            others = [
                q
                for q in self.session.summit.questions.shown(self.prompt_id)
                if q.id != question_id
            ]
            if not others:
                dialogs.error(self, "There is no other question to merge it into.")
                return
            labels = [f"{q.upvotes} ▲  {q.text}" for q in others]
            chosen = dialogs.ask_choice(self, "Merge into…", "The question it repeats:", labels)
            if chosen is None:
                return
            into_id = others[labels.index(chosen)].id
        self._do(lambda: commands.merge_questions(self.session, question_id, into_id))

    def toggle_hidden(self) -> None:
        question_id = self.selected_question()
        if question_id is not None:
            question = self.session.summit.questions.question(question_id)
            hide = not question.is_hidden
            self._do(lambda: commands.hide_question(self.session, question_id, hide))

    def add_question(self, text: str | None = None) -> None:
        if self.prompt_id is None:
            return
        text = text or dialogs.ask_text(self, "Add a question", "A question from the floor:")
        if text:
            self._do(lambda: commands.ask_question(self.session, self.prompt_id, text))

    def toggle_word(self) -> None:
        word = self.selected_word()
        if word is not None and self.prompt_id is not None:
            hidden = word in self.session.summit.words.hidden_words(self.prompt_id)
            self._do(lambda: commands.hide_word(self.session, self.prompt_id, word, not hidden))

    def add_word(self, text: str | None = None) -> None:
        if self.prompt_id is None:
            return
        text = text or dialogs.ask_text(self, "Add a word", "A word said in the room:")
        if text:
            self._do(lambda: commands.add_word(self.session, self.prompt_id, text))

    def _max_words_changed(self, value: int) -> None:
        if self.prompt_id is not None:
            self._do(
                lambda: commands.set_prompt_rules(self.session, self.prompt_id, max_words=value)
            )

    def _do(self, action) -> object:
        return dialogs.attempt(self, lambda: action() or True)
