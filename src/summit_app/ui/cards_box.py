"""Verified voting on the Phones tab: printed cards, only their holders vote or post.

The facilitator prints a sheet of cards (each with its own QR code and pass, optionally set
to a professional group), turns verified voting on, and cancels a lost card, which prints
its replacement. Each is one command of the history, so Ctrl+Z undoes it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from summit_app.core.cards import MAX_CARDS_AT_ONCE
from summit_app.core.changes import Area, Changes
from summit_app.core.model import Card
from summit_app.ui import dialogs
from summit_app.ui.session import SummitSession

NO_GROUP = "No group (the holder may pick one)"


class CardsBox(QGroupBox):
    """`address()` gives (the base URL for the cards' QR codes, the short address to type)."""

    def __init__(self, session: SummitSession, address: Callable[[], tuple[str, str]]) -> None:
        super().__init__("Verified voting with printed cards")
        self.session = session
        self.address = address
        self.verified = QCheckBox("Only holders of a printed card can vote or post")
        self.verified.toggled.connect(self._set_verified)
        self.print_button = QPushButton("Print voting cards…")
        self.print_button.clicked.connect(self.print_cards)
        self.cancel_button = QPushButton("Cancel a lost card…")
        self.cancel_button.clicked.connect(self.cancel_card)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.saved = QLabel()
        self.saved.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verified)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        layout.addWidget(self.saved)
        session.changed.connect(self._on_changes)
        self.refresh()

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(Area.PEOPLE, Area.INFO):
            self.refresh()

    def refresh(self) -> None:
        if not self.session.is_open:
            return
        summit = self.session.summit
        self.verified.blockSignals(True)
        self.verified.setChecked(summit.cards.verified())
        self.verified.blockSignals(False)
        cards = summit.cards.cards()
        used = sum(1 for c in cards if c.participant_id is not None and not c.revoked)
        cancelled = sum(1 for c in cards if c.revoked)
        self.cancel_button.setEnabled(bool(cards))
        if not cards:
            self.summary.setText("No cards printed. Cards carry no names.")
        else:
            self.summary.setText(
                f"{len(cards)} cards printed, {used} in use on a phone, {cancelled} cancelled."
                " Cards carry no names."
            )

    def _set_verified(self, on: bool) -> None:
        text = "Turn verified voting on" if on else "Turn verified voting off"
        dialogs.attempt(self, lambda: self.session.run(text, lambda s: s.cards.set_verified(on)))
        self.refresh()  # shows what the file holds, whether or not that worked

    def print_cards(self) -> Path | None:
        count = dialogs.ask_number(
            self, "Print voting cards", "How many cards?", 40, 1, MAX_CARDS_AT_ONCE
        )
        if count is None:
            return None
        groups = [NO_GROUP, *self.session.summit.info().groups]
        group = dialogs.ask_choice(self, "Print voting cards", "Set the cards to a group?", groups)
        if group is None:
            return None
        chosen = None if group == NO_GROUP else group
        first = len(self.session.summit.cards.cards()) + 1
        path = self._ask_path(f"cards-{first}-{first + count - 1}")
        if path is None:
            return None
        cards = dialogs.attempt(
            self,
            lambda: self.session.run(
                f"Print {count} voting cards", lambda s: s.cards.issue(count, group=chosen)
            ),
        )
        return self._write(path, cards) if cards else None

    def cancel_card(self) -> Path | None:
        cards = self.session.summit.cards.cards()
        if not cards:
            return None
        number = dialogs.ask_number(
            self, "Cancel a lost card", "Which card number?", cards[-1].id, 1, cards[-1].id
        )
        if number is None:
            return None
        question = (
            f"Cancel card {number}? Any phone that used it can no longer vote or post with it;"
            " the votes already sent with it stay, and its holder's replacement card takes them"
            " over. A replacement card is printed now."
        )
        if not dialogs.confirm(self, "Cancel a lost card", question, risky=True):
            return None
        path = self._ask_path(f"card-{cards[-1].id + 1}-replaces-{number}")
        if path is None:
            return None
        replacement = dialogs.attempt(
            self,
            lambda: self.session.run(f"Cancel card {number}", lambda s: s.cards.revoke(number)),
        )
        return self._write(path, [replacement]) if replacement else None

    def _ask_path(self, name: str) -> Path | None:
        summit_path = self.session.path
        suggested = summit_path.with_name(f"{summit_path.stem}-{name}.pdf")
        return dialogs.ask_save_pdf(self, "Save the cards to print", suggested)

    def _write(self, path: Path, cards: list[Card]) -> Path | None:
        """Write the sheet; if it cannot be written, the cards are taken back (undone)."""
        from summit_app.export.cards import write_card_sheet  # reportlab loads on first use

        base, short = self.address()
        title = self.session.summit.info().title
        try:
            write_card_sheet(path, cards, base, title, short)
        except OSError as error:
            dialogs.attempt(self, self.session.undo)
            dialogs.error(
                self, f"The cards could not be saved to {path} ({error.strerror}); none were made."
            )
            return None
        many = f"{len(cards)} cards" if len(cards) != 1 else "1 card"
        self.saved.setText(
            f"Saved {many} to {path}. Their QR codes open {base}: serve phones on that"
            " address, or holders type the code printed on the card."
        )
        return path
