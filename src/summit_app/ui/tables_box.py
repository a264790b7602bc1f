"""Table hosts on the Phones tab: the room's tables, their cards and their hosts' phones.

The facilitator sets how many tables the room has (and may name them), prints a card per
table (its QR code makes one phone the table's host), sees each host's last contact, and
reprints a lost card (the old card and the phone that held it stop working). Each is one
command of the history, so Ctrl+Z undoes it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout

from summit_app.core.changes import Area, Changes
from summit_app.core.model import Table
from summit_app.core.tables import MAX_TABLES
from summit_app.ui import dialogs
from summit_app.ui.session import SummitSession


def contact(table: Table) -> str:
    """'Table 3 (Oak): host last heard 14:02:11' or '…: no host phone yet'."""
    if table.host_token is None:
        return f"{table.label}: no host phone yet"
    when = ""
    if table.last_contact:
        try:
            when = datetime.fromisoformat(table.last_contact).strftime(" %H:%M:%S")
        except ValueError:
            when = f" {table.last_contact}"
    return f"{table.label}: host last heard{when}"


class TablesBox(QGroupBox):
    """`address()` gives the base URL for the cards' QR codes (and the short address)."""

    def __init__(self, session: SummitSession, address: Callable[[], tuple[str, str]]) -> None:
        super().__init__("Table hosts")
        self.session = session
        self.address = address
        self.set_button = QPushButton("Set the room's tables…")
        self.set_button.clicked.connect(self.set_tables)
        self.print_button = QPushButton("Print table cards…")
        self.print_button.clicked.connect(self.print_cards)
        self.reprint_button = QPushButton("Reprint a lost table card…")
        self.reprint_button.clicked.connect(self.reprint)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.saved = QLabel()
        self.saved.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Tables and their hosts' last contact")
        self.list.setAccessibleDescription(
            "Each table, and when its host's phone was last heard from (or that it has none)."
        )
        self.list.setMaximumHeight(180)
        buttons = QHBoxLayout()
        for button in (self.set_button, self.print_button, self.reprint_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        layout.addWidget(self.list)
        layout.addWidget(self.saved)
        session.changed.connect(self._on_changes)
        self.refresh()

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(Area.TABLES):
            self.refresh()

    def refresh(self) -> None:
        if not self.session.is_open:
            return
        tables = self.session.summit.tables.tables()
        hosted = sum(1 for t in tables if t.host_token is not None)
        self.print_button.setEnabled(bool(tables))
        self.reprint_button.setEnabled(bool(tables))
        self.list.setVisible(bool(tables))
        if not tables:
            self.summary.setText(
                "No tables set. With tables, a host at each table sends the table's notes and"
                " counts from one phone, with a printed table card."
            )
        else:
            self.summary.setText(f"{len(tables)} tables, {hosted} with a host phone.")
        self.list.clear()
        self.list.addItems([contact(t) for t in tables])

    def set_tables(self) -> None:
        summit = self.session.summit
        count = dialogs.ask_number(
            self, "The room's tables", "How many tables?", summit.tables.count() or 15, 0,
            MAX_TABLES,
        )  # fmt: skip
        if count is None:
            return
        current = ", ".join(t.name for t in summit.tables.tables()).strip(", ")
        names = dialogs.ask_text(
            self,
            "The room's tables",
            "Names for tables 1, 2, 3… (optional), separated by commas:",
            current,
        )
        if names is None:
            return
        given = [n.strip() for n in names.split(",")] if names.strip() else []
        dialogs.attempt(
            self,
            lambda: self.session.run(
                f"Set {count} tables", lambda s: s.tables.set_tables(count, names=given)
            ),
        )
        self.refresh()

    def print_cards(self) -> Path | None:
        tables = self.session.summit.tables.tables()
        if not tables:
            return None
        path = self._ask_path("table-cards")
        return self._write(path, tables) if path else None

    def reprint(self) -> Path | None:
        tables = self.session.summit.tables.tables()
        if not tables:
            return None
        number = dialogs.ask_number(
            self, "Reprint a lost table card", "Which table?", 1, 1, tables[-1].id
        )
        if number is None:
            return None
        question = (
            f"Reprint table {number}'s card? The old card, and the phone that used it, stop"
            " working; the notes and counts already sent stay. Scan the new card with the"
            " table's phone."
        )
        if not dialogs.confirm(self, "Reprint a lost table card", question, risky=True):
            return None
        path = self._ask_path(f"table-{number}-card")
        if path is None:
            return None
        table = dialogs.attempt(
            self,
            lambda: self.session.run(
                f"Reprint table {number}'s card", lambda s: s.tables.revoke(number)
            ),
        )
        return self._write(path, [table]) if table else None

    def _ask_path(self, name: str) -> Path | None:
        summit_path = self.session.path
        suggested = summit_path.with_name(f"{summit_path.stem}-{name}.pdf")
        return dialogs.ask_save_pdf(self, "Save the table cards to print", suggested)

    def _write(self, path: Path, tables: list[Table]) -> Path | None:
        from summit_app.export.table_cards import write_table_cards  # reportlab on first use

        base, _short = self.address()
        try:
            write_table_cards(path, tables, base, self.session.summit.info().title)
        except OSError as error:
            dialogs.error(self, f"The table cards could not be saved to {path} ({error.strerror}).")
            return None
        many = f"{len(tables)} table cards" if len(tables) != 1 else "1 table card"
        self.saved.setText(f"Saved {many} to {path}. Their QR codes open {base}.")
        self.refresh()
        return path
