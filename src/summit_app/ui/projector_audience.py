"""The projector's audience screens: the question being answered, and the word cloud.

Each shows only what the room may see: no held, hidden or merged questions, no held or
hidden words. Text is plain (labels in PlainText, the cloud drawn with drawText).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout

from summit_app.core.model import PromptKind, QuestionState
from summit_app.ui.run_panel import plain_label
from summit_app.ui.session import SummitSession
from summit_app.ui.word_cloud import WordCloud

TOP_QUESTIONS = 4  # listed under "Ask on your phone" when none is being answered


class QuestionScreen:
    """The question being answered, big; else the most upvoted ones."""

    def __init__(self, session: SummitSession, layout: QVBoxLayout) -> None:
        self.session = session
        self.prompt_id: int | None = None  # the Q&A looked at in the control window
        self.heading = plain_label("", 30)
        self.text = plain_label("", 54, bold=True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.votes = plain_label("", 30)
        self.votes.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.others = plain_label("", 28)
        layout.addWidget(self.heading)
        layout.addStretch(1)
        layout.addWidget(self.text)
        layout.addWidget(self.votes)
        layout.addStretch(1)
        layout.addWidget(self.others)

    def shown_prompt_id(self) -> int | None:
        summit = self.session.summit
        answering = summit.questions.answering()
        if answering is not None:
            return answering.prompt_id
        open_id = summit.live().open_prompt_id
        if open_id is not None and summit.agenda.prompt(open_id).kind is PromptKind.QUESTIONS:
            return open_id
        return self.prompt_id

    def refresh(self) -> None:
        summit = self.session.summit
        prompt_id = self.shown_prompt_id()
        if prompt_id is None:
            self.heading.setText("")
            self.text.setText("No questions yet")
            self.votes.setText("")
            self.others.setText("")
            return
        self.heading.setText(summit.agenda.prompt(prompt_id).text)
        answering = summit.questions.answering(prompt_id)
        waiting = [q for q in summit.questions.shown(prompt_id) if q.state is QuestionState.OPEN]
        if answering is not None:
            self.text.setText(answering.text)
            self.votes.setText(_upvotes(answering.upvotes))
            rest = waiting[:TOP_QUESTIONS]
            self.others.setText("\n".join(f"Next: {q.text}" for q in rest[:1]))
            return
        self.text.setText("Ask and upvote questions on your phone")
        self.votes.setText("")
        self.others.setText(
            "\n".join(f"{_upvotes(q.upvotes)}:  {q.text}" for q in waiting[:TOP_QUESTIONS])
        )

    def texts(self) -> list[str]:
        return [w.text() for w in (self.heading, self.text, self.votes, self.others)]


class WordsScreen:
    """A word-cloud prompt and its cloud, growing as phones send words."""

    def __init__(self, session: SummitSession, layout: QVBoxLayout) -> None:
        self.session = session
        self.prompt_id: int | None = None
        self.title = plain_label("", 30, bold=True)
        self.cloud = WordCloud(projector=True)
        layout.addWidget(self.title)
        layout.addWidget(self.cloud, 1)

    def shown_prompt_id(self) -> int | None:
        summit = self.session.summit
        open_id = summit.live().open_prompt_id
        if open_id is not None and summit.agenda.prompt(open_id).kind is PromptKind.WORDS:
            return open_id
        return self.prompt_id

    def refresh(self) -> None:
        prompt_id = self.shown_prompt_id()
        if prompt_id is None:
            self.title.setText("No word cloud yet")
            self.cloud.set_words([])
            return
        summit = self.session.summit
        self.title.setText(summit.agenda.prompt(prompt_id).text)
        self.cloud.set_words([(w.text, w.count) for w in summit.words.cloud(prompt_id)])


def _upvotes(count: int) -> str:
    return f"{count} upvote" if count == 1 else f"{count} upvotes"
