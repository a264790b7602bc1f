"""File › Send a breakout room…: choose the items a room will run and its name, then save
the room's file (`core.breakout_kit.write_kit`) as one step of Undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from summit_app.core.breakout import Room
from summit_app.core.breakout_kit import next_name, write_kit, written
from summit_app.ui import dialogs
from summit_app.ui.session import SummitSession

ITEM_ID = Qt.ItemDataRole.UserRole + 1


class BreakoutDialog(QDialog):
    """The room's name and its items; Save writes the room's file where the user says."""

    def __init__(self, session: SummitSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Send a breakout room")
        self.session = session
        self.room: Room | None = None
        summit = session.summit
        layout = QVBoxLayout(self)
        intro = QLabel(
            "The room's laptop opens its file in Summit like any summit, with its own join"
            " code. Until you import its file for the last time, the items it runs are the"
            " room's: this file shows them as run elsewhere and leaves them alone. An item"
            " given to several rooms (a shared poll) is counted over all of them."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        # A real name to start from (a grey example read as filled in), selected so typing
        # replaces it.
        self.name = QLineEdit(next_name(summit))
        self.name.selectAll()
        self.name.setPlaceholderText("e.g. Breakout B: Workforce")
        self.name.setAccessibleName("Room name")
        form.addRow("Room &name:", self.name)
        layout.addLayout(form)
        label = QLabel("&Items the room runs:")
        layout.addWidget(label)
        self.items = QListWidget()
        self.items.setAccessibleName("Items the room runs")
        label.setBuddy(self.items)
        held = summit.breakouts.holders()
        items = summit.agenda.items()
        for section in summit.agenda.sections():
            heading = QListWidgetItem(section.title)  # not an item: only a label
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            self.items.addItem(heading)
            for item in (i for i in items if i.section_id == section.id):
                text = f"    {item.title}"
                if item.id in held:
                    text += f"  (also run in {' and '.join(held[item.id])})"
                entry = QListWidgetItem(text)
                entry.setData(ITEM_ID, item.id)
                entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                entry.setCheckState(Qt.CheckState.Unchecked)
                self.items.addItem(entry)
        layout.addWidget(self.items)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Save the room's file…")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 520)

    def chosen(self) -> list[int]:
        return [
            self.items.item(row).data(ITEM_ID)
            for row in range(self.items.count())
            if self.items.item(row).data(ITEM_ID) is not None
            and self.items.item(row).checkState() == Qt.CheckState.Checked
        ]

    def suggested_path(self) -> Path:
        name = "".join(c if c.isalnum() or c in " -_" else " " for c in self.name.text())
        stem = "-".join(name.split()) or "breakout"
        return self.session.path.with_name(f"{self.session.path.stem}-{stem}.summit")

    def save(self, path: Path | None = None) -> None:
        """Write the room's file (asking where, unless a test says) and close."""
        if path is None:
            name, _ = QFileDialog.getSaveFileName(
                self, "Save the room's file as", str(self.suggested_path()), dialogs.FILE_FILTER
            )
            if not name:
                return
            path = Path(name) if Path(name).suffix else Path(name).with_suffix(".summit")
        name, items = self.name.text(), self.chosen()
        room = dialogs.attempt(
            self,
            lambda: self.session.run(
                f"Send {name.strip() or 'a breakout room'}",
                lambda s: write_kit(s, path, name, items),
            ),
        )
        if room is not None:
            self.room = room
            window = self.parentWidget()
            if isinstance(window, QMainWindow):
                window.statusBar().showMessage(written(room.name, path), 30000)
            self.accept()


def import_room_file(
    window: QMainWindow, session: SummitSession, path: Path | None = None, last: bool | None = None
) -> str | None:
    """File › Import a breakout room's file…: which file, and whether the room has finished;
    then what came in, in the status bar and a message. Returns that sentence (None if
    nothing was imported)."""
    if path is None:
        start = str(session.path.parent)
        name, _ = QFileDialog.getOpenFileName(
            window, "Import a breakout room's file", start, dialogs.FILE_FILTER
        )
        if not name:
            return None
        path = Path(name)
    if last is None:
        last = dialogs.confirm(
            window,
            "Import a breakout room's file",
            "Has the room finished? Yes: this is its last file, and its items become yours to"
            " edit again. No: import what it holds now; import its file again when a later"
            " copy comes (nothing is counted twice).",
            risky=True,
        )
    result = dialogs.attempt(window, lambda: session.import_breakout(path, last))
    if result is None:
        return None
    text = result.sentence()
    if result.backup is not None:
        text += f" The file as it was before is kept as {result.backup.name}; Edit › Undo"
        text += " takes the import back."
    window.statusBar().showMessage(result.sentence(), 20000)
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "Breakout room imported",
        text,
        QMessageBox.StandardButton.Ok,
        window,
    )
    box.setObjectName("import_box")
    box.open()
    return text
