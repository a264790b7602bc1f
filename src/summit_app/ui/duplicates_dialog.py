"""Near-duplicate notes offered for merging into one note with a count ("x3").

The model finds notes that say the same thing (core/themes.py `near_duplicates`) on the
task runner; each group is shown with the note it keeps first. Ticked groups merge as one
undo step ("Merge duplicate notes"): the kept note counts the others, which go.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from summit_app.core.model import Note
from summit_app.core.presenting import plural
from summit_app.ui import commands, dialogs
from summit_app.ui.accessible import describe
from summit_app.ui.session import SummitSession
from summit_app.ui.tasks import TaskRunner

NOTE_ROLE = Qt.ItemDataRole.UserRole


class DuplicatesDialog(QDialog):
    def __init__(self, session: SummitSession, prompt_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Merge near-duplicate notes")
        self.resize(680, 480)
        self._notes = session.summit.notes.notes(prompt_id, include_hidden=False)
        self.info = QLabel("Looking for notes that say the same thing…")
        self.info.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Kept note, and the notes it counts"])
        describe(self.tree, "Groups of notes that say the same thing.", "Near-duplicates")
        self.merge_button = QPushButton("&Merge ticked")
        self.merge_button.setEnabled(False)
        self.merge_button.clicked.connect(self.merge_ticked)
        # Enter closes, merging nothing: a stray Enter (in the list, after ticking) must not
        # fold notes together. Merging takes a choice: Alt+M, or Tab to it and Enter or Space.
        close = QPushButton("Close")
        close.setDefault(True)
        close.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.merge_button)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        self.tasks = TaskRunner(self, name="summit-duplicates")
        notes = self._notes
        self.tasks.run(lambda: _groups(notes), self._shown, self._failed)

    def _failed(self, error: Exception) -> None:
        dialogs.error(self, f"Near-duplicates could not be found: {error}")

    def _shown(self, groups: list[list[Note]]) -> None:
        for group in groups:
            kept = QTreeWidgetItem(self.tree)
            total = sum(n.count for n in group)
            kept.setText(0, f"{group[0].text}  (x{total})")
            kept.setData(0, NOTE_ROLE, [n.id for n in group])
            kept.setFlags(kept.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            kept.setCheckState(0, Qt.CheckState.Checked)
            for note in group[1:]:
                QTreeWidgetItem(kept).setText(0, note.text)
        self.tree.expandAll()
        if groups:
            self.info.setText(
                f"{plural(len(groups), 'group')} of notes that say the same thing. Ticked groups"
                " become one note each with a count, shown on the wall and in the pack"
                " (one step of Edit › Undo)."
            )
        else:
            self.info.setText("No notes here say the same thing.")
        self.merge_button.setEnabled(bool(groups))

    def merge_ticked(self) -> None:
        groups = []
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is not None and item.checkState(0) == Qt.CheckState.Checked:
                groups.append(list(item.data(0, NOTE_ROLE)))
        if not groups:
            return
        merged = dialogs.attempt(self, lambda: commands.merge_notes(self.session, groups))
        if merged is not None:
            self.accept()

    def done(self, result: int) -> None:
        self.tasks.stop()
        super().done(result)


def _groups(notes: list[Note]) -> list[list[Note]]:
    from summit_app.core.themes import near_duplicates

    return [[notes[i] for i in group] for group in near_duplicates([n.text for n in notes])]
