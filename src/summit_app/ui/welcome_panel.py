"""What the window shows with no summit open: new from a template, open, recent files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from summit_app.ui.accessible import describe


class WelcomePanel(QWidget):
    """Signals:
    new_requested(): the facilitator asked for a new summit from a template.
    open_requested(): the facilitator asked to open a file.
    recent_chosen(Path): a recent file was picked.
    """

    new_requested = Signal()
    open_requested = Signal()
    recent_chosen = Signal(Path)

    def __init__(self, recent: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("Summit")
        title.setStyleSheet("font-size: 28pt; font-weight: 600;")
        hint = QLabel("Run an in-person summit from this laptop. Start a new summit or open one.")
        hint.setWordWrap(True)
        self.new_button = QPushButton("New from template…")
        self.open_button = QPushButton("Open…")
        for button in (self.new_button, self.open_button):
            button.setMinimumHeight(40)
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.recent_list = QListWidget()
        describe(
            self.recent_list,
            "Summits opened lately; press Enter or double-click to open one.",
            "Recent summits",
        )
        for path in recent:
            entry = QListWidgetItem(f"{path.name}  —  {path.parent}")
            entry.setData(Qt.ItemDataRole.UserRole, str(path))
            self.recent_list.addItem(entry)
        self.recent_list.itemActivated.connect(
            lambda entry: self.recent_chosen.emit(Path(entry.data(Qt.ItemDataRole.UserRole)))
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 36, 48, 36)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addSpacing(12)
        layout.addWidget(self.new_button)
        layout.addWidget(self.open_button)
        layout.addSpacing(12)
        layout.addWidget(QLabel("Recent summits"))
        layout.addWidget(self.recent_list, 1)
