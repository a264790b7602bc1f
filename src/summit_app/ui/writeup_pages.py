"""The write-up editor's pages for one text: an introduction, an item's or a question's
write-up, a theme's summary, a block of text; and a speaker's key points."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from summit_app.core import Summit
from summit_app.ui import dialogs
from summit_app.ui import writeup_commands as wc
from summit_app.ui.accessible import describe
from summit_app.ui.session import SummitSession
from summit_app.ui.writeup_editors import (
    KeyPointsEdit,
    NarrativeEdit,
    format_hint,
    page_heading,
    plain_label,
)

Key = tuple[str, int | None]

# kind -> (the page's heading, where the text is printed)
PAGES: dict[str, tuple[str, str]] = {
    "introduction": (
        "Introduction",
        "Printed after the cover and before the objectives. Blocks of text added here"
        " follow the objectives.",
    ),
    "section": ("Section introduction", "Printed under the section's heading."),
    "item": (
        "Write-up of this item",
        "What the pack says about this part of the day, in the past tense. The facilitator's"
        " description below is for the day and is never printed.",
    ),
    "prompt": (
        "Lead-in to this question",
        "Printed after the question, before what people said (“The following factors were"
        " identified…”).",
    ),
    "theme": ("Theme summary", "Printed under the theme's name, and in “What have we heard?”."),
    "block": ("Block of text", "Printed here, between the section's items."),
}


class TextPage(QWidget):
    """Edits the one text behind an outline entry; saves it as one command."""

    def __init__(self, session: SummitSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.key: Key | None = None
        self.heading = page_heading()
        self.subject = plain_label()
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.title = QLineEdit()
        self.title.setAccessibleName("Heading of the block")
        self.title.setPlaceholderText("No heading")
        self.title.editingFinished.connect(self._title_edited)
        self.title_row = QWidget()
        row = QFormLayout(self.title_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addRow("Heading (optional)", self.title)
        self.editor = NarrativeEdit("Write-up text")
        describe(self.editor, "The text of this block as the pack prints it.")
        self.editor.committed.connect(self._save)
        self.description = QPlainTextEdit()
        describe(self.description, "A note for the facilitator; the pack does not print it.")
        self.description.setReadOnly(True)
        self.description.setAccessibleName("The facilitator's description (not printed)")
        self.description.setMaximumHeight(70)
        self.description_label = QLabel("The facilitator's description (not printed):")
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.subject, self.explain, self.title_row):
            layout.addWidget(widget)
        layout.addWidget(self.editor, 1)
        layout.addWidget(format_hint())
        layout.addWidget(self.description_label)
        layout.addWidget(self.description)

    def show_key(self, key: Key) -> None:
        """Show the text behind `key`, reloading it from the file (typing kept if unsaved)."""
        if key != self.key:
            self.editor.commit()
            self.editor.discard()
            self.key = key
        kind, ident = key
        heading, explain = PAGES[kind]
        subject, text, extra = self._read(self.session.summit, kind, ident)
        self.heading.setText(heading)
        self.explain.setText(explain)
        self.subject.setText(subject)
        self.subject.setVisible(bool(subject))
        self.title_row.setVisible(kind == "block")
        if kind == "block" and not self.title.hasFocus():
            self.title.setText(extra)
        self.description_label.setVisible(kind == "item")
        self.description.setVisible(kind == "item")
        if kind == "item":
            self.description.setPlainText(extra)
        self.editor.set_text(text)

    def leave(self) -> None:
        self.editor.commit()
        self._title_edited()

    def _read(self, s: Summit, kind: str, ident: int | None) -> tuple[str, str, str]:
        if kind == "introduction":
            return s.info().title, s.info().introduction, ""
        assert ident is not None
        if kind == "section":
            section = s.agenda.section(ident)
            return section.title, section.introduction, ""
        if kind == "item":
            item = s.agenda.item(ident)
            return item.title, item.writeup, item.description
        if kind == "prompt":
            prompt = s.agenda.prompt(ident)
            return prompt.text, prompt.writeup, ""
        if kind == "theme":
            theme = s.notes.theme(ident)
            return theme.name, theme.summary, ""
        block = s.writeup.narrative_block(ident)
        return "", block.text, block.title

    def _save(self, text: str) -> None:
        if self.key is None:
            return
        kind, ident = self.key
        session = self.session
        save: dict[str, Callable[[], None]] = {
            "introduction": lambda: wc.set_summit_introduction(session, text),
            "section": lambda: wc.set_section_introduction(session, ident, text),  # type: ignore[arg-type]
            "item": lambda: wc.set_item_writeup(session, ident, text),  # type: ignore[arg-type]
            "prompt": lambda: wc.set_prompt_writeup(session, ident, text),  # type: ignore[arg-type]
            "theme": lambda: wc.set_theme_summary(session, ident, text),  # type: ignore[arg-type]
            "block": lambda: wc.update_block(session, ident, text, self.title.text()),  # type: ignore[arg-type]
        }
        if dialogs.attempt(self, lambda: save[kind]() or True) is None:
            self.editor.dirty = True  # refused: the typing stays, to be corrected

    def _title_edited(self) -> None:
        if self.key is None or self.key[0] != "block" or not self.title.isModified():
            return
        self.title.setModified(False)
        block_id = self.key[1]
        text = self.editor.toPlainText()
        assert block_id is not None
        dialogs.attempt(
            self, lambda: wc.update_block(self.session, block_id, text, self.title.text())
        )


class SpeakerPage(QWidget):
    """A speaker's key points, as a list."""

    def __init__(self, session: SummitSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.speaker_id: int | None = None
        self.heading = page_heading()
        self.role = plain_label()
        explain = QLabel(
            "What the speaker said, as the pack prints it: each point a paragraph of prose."
        )
        explain.setWordWrap(True)
        self.points = KeyPointsEdit()
        self.points.committed.connect(self._save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.role)
        layout.addWidget(explain)
        layout.addWidget(self.points, 1)
        layout.addWidget(format_hint())

    def show_speaker(self, speaker_id: int) -> None:
        speaker = next(s for s in self.session.summit.agenda.speakers() if s.id == speaker_id)
        self.speaker_id = speaker_id
        self.heading.setText(speaker.name)
        self.role.setText(", ".join(x for x in (speaker.role, speaker.organisation) if x))
        self.points.set_points(speaker.key_points)

    def _save(self, points: list[str]) -> None:
        if self.speaker_id is not None:
            speaker_id = self.speaker_id
            dialogs.attempt(
                self, lambda: wc.set_key_points(self.session, speaker_id, points) or True
            )
