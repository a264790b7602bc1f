"""Counts taken in the room (show of hands, paper) typed in; they join the phones' ballots."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from summit_app.core import SummitError
from summit_app.core.model import SCALE_LABELS, CountMethod, PollKind
from summit_app.ui import commands
from summit_app.ui.session import SummitSession

MAX_COUNT = 1_000_000


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
        self.table = QTableWidget(len(self.poll.options), len(self.levels))
        self.table.setVerticalHeaderLabels([o.text for o in self.poll.options])
        self.table.setHorizontalHeaderLabels([label for _, label in self.levels])
        self.spins: dict[tuple[int, int | None], QSpinBox] = {}
        existing = {(h.option_id, h.level): h for h in session.summit.polls.hand_counts(poll_id)}
        for row, option in enumerate(self.poll.options):
            for col, (level, _) in enumerate(self.levels):
                spin = QSpinBox()
                spin.setRange(0, MAX_COUNT)
                found = existing.get((option.id, level))
                spin.setValue(found.count if found else 0)
                self.spins[(option.id, level)] = spin
                self.table.setCellWidget(row, col, spin)
        if existing:
            method = next(iter(existing.values())).method
            self.method.setCurrentIndex(self.method.findData(method))
        self.voters.setValue(session.summit.polls.hand_voters(poll_id))
        self.error = QLabel()
        self.error.setStyleSheet("color: #b91c1c;")
        self.table.resizeColumnsToContents()
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
