"""The agenda builder: sections and items in a tree, the day's start and planned end."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QTreeView, QVBoxLayout, QWidget

from summit_app.ui.agenda_model import AgendaModel
from summit_app.ui.session import SummitSession


class AgendaPanel(QWidget):
    def __init__(self, session: SummitSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = AgendaModel(session.summit, self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.day_label = QLabel()
        self.day_label.setTextFormat(Qt.TextFormat.PlainText)
        top = QHBoxLayout()
        top.addWidget(self.day_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        for signal in (session.agenda_changed, session.info_changed, session.live_changed):
            signal.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        self.model.reload()
        self.tree.expandAll()
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        start = self.session.summit.info().start_time
        self.day_label.setText(f"Day starts {start} · planned end {self.model.planned_end()}")
