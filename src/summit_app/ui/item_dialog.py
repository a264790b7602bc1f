"""Editing one agenda item: title, kind, minutes, description, speakers and prompts."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from summit_app.core.model import Item, ItemKind, Prompt, Speaker
from summit_app.ui import dialogs
from summit_app.ui.accessible import describe

SPEAKER_COLUMNS = ("Name", "Role", "Organisation", "Key points (one per line)")
KEY_POINTS = 3  # the column of key points: a list, one point a line, never split at ";"


@dataclass(frozen=True)
class SpeakerRow:
    id: int | None
    name: str
    role: str
    organisation: str
    key_points: tuple[str, ...]


class KeyPointsDelegate(QStyledItemDelegate):
    """Edits a speaker's key points in a box of lines: Enter starts the next point."""

    def createEditor(  # noqa: N802 (Qt's name)
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> QWidget:
        editor = QPlainTextEdit(parent)
        editor.setTabChangesFocus(True)
        editor.setAccessibleName("Key points, one per line")
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        assert isinstance(editor, QPlainTextEdit)
        editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(  # noqa: N802 (Qt's name)
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex
    ) -> None:
        assert isinstance(editor, QPlainTextEdit)
        model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(  # noqa: N802 (Qt's name)
        self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> None:
        rect = option.rect  # type: ignore[attr-defined]
        editor.setGeometry(rect.x(), rect.y(), rect.width(), max(rect.height(), 96))


class ItemDialog(QDialog):
    def __init__(
        self,
        item: Item | None,
        speakers: list[Speaker] = (),  # type: ignore[assignment]
        prompts: list[Prompt] = (),  # type: ignore[assignment]
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Agenda item")
        self.title = QLineEdit(item.title if item else "")
        self.kind = QComboBox()
        for kind in ItemKind:
            self.kind.addItem(kind.value.capitalize(), kind)
        self.kind.setCurrentIndex(self.kind.findData(item.kind if item else ItemKind.TALK))
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 24 * 60)
        self.minutes.setSuffix(" min")
        self.minutes.setValue(item.planned_minutes if item else 15)
        self.description = QPlainTextEdit(item.description if item else "")
        self.description.setMaximumHeight(70)
        describe(self.title, "The item's title, as the agenda and the pack show it.")
        describe(self.kind, "Talk, discussion, vote, ranking, break or other.", "Kind")
        describe(self.minutes, "How long the item is planned to take.")
        describe(self.description, "A few words about the item, printed in the agenda.")
        self.speakers = QTableWidget(0, len(SPEAKER_COLUMNS))
        self.speakers.setHorizontalHeaderLabels(list(SPEAKER_COLUMNS))
        self.speakers.horizontalHeader().setStretchLastSection(True)
        self.speakers.setTabKeyNavigation(False)  # Tab leaves the table for the next field
        self.speakers.setItemDelegateForColumn(KEY_POINTS, KeyPointsDelegate(self.speakers))
        self.speakers.setWordWrap(True)
        describe(
            self.speakers, "One row per speaker: name, role, organisation, key points.", "Speakers"
        )
        for speaker in speakers:
            self.add_speaker_row(
                speaker.name, speaker.role, speaker.organisation, speaker.key_points, speaker.id
            )
        self.add_speaker = QPushButton("Add speaker")
        self.add_speaker.clicked.connect(self._new_speaker)
        self.remove_speaker = QPushButton("Remove speaker")
        self.remove_speaker.clicked.connect(self._remove_speaker)
        speaker_buttons = QHBoxLayout()
        speaker_buttons.addWidget(self.add_speaker)
        speaker_buttons.addWidget(self.remove_speaker)
        speaker_buttons.addStretch(1)
        speaker_box = QVBoxLayout()
        speaker_box.addWidget(self.speakers)
        speaker_box.addLayout(speaker_buttons)
        self._removed: list[int] = []  # speakers removed in this dialog, removed on Save
        self.prompts = QPlainTextEdit("\n".join(p.text for p in prompts))
        self.prompts.setPlaceholderText("Discussion prompts, one per line")
        self.prompts.setMaximumHeight(80)
        describe(self.prompts, "The questions put to the room, one a line.")
        for box in (self.description, self.prompts):
            box.setTabChangesFocus(True)
        self._prompt_ids = [p.id for p in prompts]
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Title", self.title)
        form.addRow("Kind", self.kind)
        form.addRow("Planned", self.minutes)
        form.addRow("Description", self.description)
        form.addRow("Speakers", speaker_box)
        form.addRow("Prompts", self.prompts)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(720, 520)
        self._saved = self._typed()

    def _typed(self) -> tuple:
        return self.fields(), self.speaker_rows(), self.prompt_texts()

    def reject(self) -> None:
        """Escape or Cancel: typing is thrown away only once the facilitator says so."""
        if self._typed() != self._saved and not dialogs.confirm(
            self,
            "Discard changes?",
            "Throw away what you typed for this item? (No keeps the dialog open.)",
            risky=True,
        ):
            return
        super().reject()

    def add_speaker_row(
        self,
        name: str = "",
        role: str = "",
        organisation: str = "",
        key_points: tuple[str, ...] = (),
        speaker_id: int | None = None,
    ) -> None:
        row = self.speakers.rowCount()
        self.speakers.insertRow(row)
        for column, text in enumerate((name, role, organisation, "\n".join(key_points))):
            cell = QTableWidgetItem(text)
            if column == 0:
                cell.setData(256, speaker_id)
            self.speakers.setItem(row, column, cell)

    def _new_speaker(self) -> None:
        self.add_speaker_row()
        row = self.speakers.rowCount() - 1
        self.speakers.setCurrentCell(row, 0)
        self.speakers.editItem(self.speakers.item(row, 0))

    def _remove_speaker(self) -> None:
        row = self.speakers.currentRow()
        if row < 0:
            return
        first = self.speakers.item(row, 0)
        if first is not None and first.data(256) is not None:
            self._removed.append(first.data(256))
        self.speakers.removeRow(row)

    def fields(self) -> dict:
        return {
            "title": self.title.text(),
            "kind": self.kind.currentData(),
            "planned_minutes": self.minutes.value(),
            "description": self.description.toPlainText(),
        }

    def speaker_rows(self) -> list[SpeakerRow]:
        rows = []
        for row in range(self.speakers.rowCount()):
            texts = [
                (self.speakers.item(row, c).text() if self.speakers.item(row, c) else "").strip()
                for c in range(len(SPEAKER_COLUMNS))
            ]
            first = self.speakers.item(row, 0)
            speaker_id = first.data(256) if first else None
            points = tuple(p.strip() for p in texts[KEY_POINTS].splitlines() if p.strip())
            if texts[0] or speaker_id is not None:
                rows.append(SpeakerRow(speaker_id, texts[0], texts[1], texts[2], points))
        # A removed speaker is saved as one with no name, which apply_item removes.
        rows += [SpeakerRow(speaker_id, "", "", "", ()) for speaker_id in self._removed]
        return rows

    def prompt_texts(self) -> list[str]:
        return [line.strip() for line in self.prompts.toPlainText().splitlines() if line.strip()]
