"""Counts taken in the room (show of hands, paper) typed in; they join the phones' ballots."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from summit_app.core import SummitError
from summit_app.core.model import SCALE_LABELS, CountMethod, PollKind
from summit_app.ui import commands, contrast
from summit_app.ui.accessible import describe
from summit_app.ui.session import SummitSession

MAX_COUNT = 1_000_000
OPTION_WIDTH = 320  # an option's text wraps past this


def _levels(kind: PollKind, n: int) -> list[tuple[int | None, str]]:
    if kind is PollKind.RANK:
        return [(place, f"Place {place}") for place in range(1, n + 1)]
    if kind is PollKind.SCALE:
        return list(enumerate(SCALE_LABELS, start=1))
    return [(None, "Points" if kind is PollKind.POINTS else "Hands")]


class HandCountDialog(QDialog):
    def __init__(self, session: SummitSession, poll_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Counts taken in the room")
        self._session = session
        self.poll = session.summit.polls.poll(poll_id)
        self.levels = _levels(self.poll.kind, len(self.poll.options))
        self.method = QComboBox()
        self.method.addItem("Show of hands", CountMethod.HANDS)
        self.method.addItem("Paper", CountMethod.PAPER)
        self.voters = QSpinBox()
        self.voters.setRange(0, MAX_COUNT)
        describe(self.method, "How the room's votes were counted.", "Counted by")
        describe(self.voters, "How many people voted in the room, to show turnout.")
        # The option's text in the first column, wrapped; one column of counts per level.
        self.table = QTableWidget(len(self.poll.options), len(self.levels) + 1)
        self.table.setHorizontalHeaderLabels(["", *(label for _, label in self.levels)])
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        describe(self.table, "One row per option, one count per level.", "Counts")
        self.spins: dict[tuple[int, int | None], QSpinBox] = {}
        existing = {
            (h.option_id, h.level): h
            for h in session.summit.polls.hand_counts(poll_id, taken_here=True)
        }
        for row, option in enumerate(self.poll.options):
            text = QTableWidgetItem(option.text)
            text.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, 0, text)
            for col, (level, label) in enumerate(self.levels, start=1):
                spin = QSpinBox()
                spin.setRange(0, MAX_COUNT)
                describe(spin, "People in the room who chose it.", f"{option.text}: {label}")
                found = existing.get((option.id, level))
                spin.setValue(found.count if found else 0)
                self.spins[(option.id, level)] = spin
                self.table.setCellWidget(row, col, spin)
        if existing:
            method = next(iter(existing.values())).method
            self.method.setCurrentIndex(self.method.findData(method))
        self.voters.setValue(session.summit.polls.hand_voters(poll_id, taken_here=True))
        self.error = QLabel()
        self.error.setStyleSheet(contrast.warning_style())
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(0, min(OPTION_WIDTH, max(160, self.table.columnWidth(0))))
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Counted by", self.method)
        form.addRow("People who voted in the room", self.voters)
        layout = QVBoxLayout(self)
        question = QLabel(self.poll.question)
        question.setWordWrap(True)
        layout.addWidget(question)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(self.fitting_size())

    def fitting_size(self) -> QSize:
        """Big enough to show every option and level without scrolling, up to the screen."""
        table = self.table
        width = sum(table.columnWidth(c) for c in range(table.columnCount()))
        height = table.horizontalHeader().height() + sum(
            table.rowHeight(r) for r in range(table.rowCount())
        )
        extra = self.sizeHint() - table.sizeHint()
        wanted = QSize(width + 2 * table.frameWidth() + 24, height + 2 * table.frameWidth() + 4)
        wanted += QSize(max(0, extra.width()), max(0, extra.height()))
        screen = (self.screen() or QGuiApplication.primaryScreen()).availableGeometry()
        return wanted.boundedTo(QSize(int(screen.width() * 0.9), int(screen.height() * 0.9)))

    def set_count(self, option_id: int, count: int, level: int | None = None) -> None:
        self.spins[(option_id, level)].setValue(count)

    def save(self) -> None:
        counts = [
            (option_id, level, spin.value()) for (option_id, level), spin in self.spins.items()
        ]
        counts = [row for row in counts if row[2]]
        try:
            commands.set_hand_counts(
                self._session, self.poll.id, counts, self.voters.value(), self.method.currentData()
            )
        except SummitError as error:
            self.error.setText(str(error))
            return
        self.accept()
