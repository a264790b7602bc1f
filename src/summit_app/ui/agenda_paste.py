"""Adding a whole agenda at once: a table pasted from Word or a spreadsheet (Ctrl+V in the
Agenda tab), a CSV file, or another summit's agenda. Whatever comes in is one undo step,
and a table that cannot be read says which row and why, adding nothing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from summit_app.core.agenda_import import (
    ItemRow,
    add_items,
    items_of,
    read_csv_file,
    read_table,
    rows_to_items,
    table_from_html,
)
from summit_app.core.errors import ValidationError
from summit_app.core.model import Item
from summit_app.core.presenting import plural
from summit_app.ui.session import SummitSession

NOTHING_TO_PASTE = (
    "There is no table to paste. Copy the agenda's rows in Word or a spreadsheet (title,"
    " minutes, kind, speaker), then press Ctrl+V here."
)


def clipboard_rows() -> list[ItemRow]:
    """The agenda on the clipboard: an HTML table if there is one, else its text."""
    data = QApplication.clipboard().mimeData()
    if data is not None and data.hasHtml():
        cells = table_from_html(data.html())
        if cells:
            return rows_to_items(cells)
    text = data.text() if data is not None and data.hasText() else ""
    if not text.strip():
        raise ValidationError(NOTHING_TO_PASTE)
    return read_table(text)


def ask_csv(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, "Add an agenda from a CSV file", "", "CSV files (*.csv *.txt);;All files (*)"
    )
    return Path(name) if name else None


def ask_summit(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, "Copy the agenda of another summit", "", "Summits (*.summit)"
    )
    return Path(name) if name else None


def csv_rows(path: Path) -> list[ItemRow]:
    return read_csv_file(path)


def summit_rows(session: SummitSession, path: Path) -> list[ItemRow]:
    if Path(path).resolve() == session.path.resolve():
        raise ValidationError("That is this summit: choose another one to copy its agenda.")
    return items_of(path)


def add(session: SummitSession, rows: list[ItemRow], section_id: int | None) -> list[Item]:
    """Add the rows as one command; Edit › Undo takes them all away."""
    return session.run(
        f"Add {plural(len(rows), 'agenda item')}", lambda s: add_items(s, rows, section_id)
    )


def added_text(items: list[Item], session: SummitSession) -> str:
    sections = {item.section_id for item in items}
    agenda = session.summit.agenda
    minutes = sum(agenda.item(item.id).planned_minutes for item in items)
    return (
        f"Added {plural(len(items), 'item')} in {plural(len(sections), 'section')}"
        f" ({minutes // 60} h {minutes % 60:02d} min). Edit › Undo takes them away."
    )
