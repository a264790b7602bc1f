"""Every view and input in the control window and its dialogs says what it is to a screen
reader: an accessible name (not a combo box's current choice, not nothing) and a
description. Read through Qt's accessibility interface, as a screen reader reads it, so a
form's label or a buddy label counts as the name it is."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from summit_app.core.templates import create_from_template
from summit_app.ui.export_dialog import ExportDialog
from summit_app.ui.hand_count_dialog import HandCountDialog
from summit_app.ui.main_window import MainWindow

INPUTS = (QAbstractItemView, QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox)


def _part_of_another(widget: QWidget) -> bool:
    """A header, a spin box's or combo box's own line edit, a combo box's popup list: the
    screen reader hears of them through the widget they belong to."""
    parent = widget.parentWidget()
    grandparent = parent.parentWidget() if parent is not None else None
    return (
        isinstance(widget, QHeaderView)
        or isinstance(parent, QAbstractSpinBox | QComboBox)
        or isinstance(grandparent, QComboBox)
    )


def unnamed(root: QWidget) -> list[str]:
    labelled = {label.buddy() for label in root.findChildren(QLabel) if label.buddy()}
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, INPUTS) or _part_of_another(widget):
            continue
        face = QAccessible.queryAccessibleInterface(widget)
        name = face.text(QAccessible.Text.Name)
        description = face.text(QAccessible.Text.Description)
        if isinstance(widget, QComboBox):
            # On Linux Qt gives a combo box's choice as its name and names it through its
            # label's relation: it needs a name of its own or a label.
            name = widget.accessibleName() or ("labelled" if widget in labelled else "")
        if not name or not description:
            owner = widget.parentWidget()
            found.append(f"{type(owner).__name__} > {type(widget).__name__} ({name!r})")
    return found


def test_every_view_and_input_has_a_name_and_a_description(qtbot, tmp_path: Path):
    path = tmp_path / "demo.summit"
    create_from_template(path, "demo").close()
    window = MainWindow()
    qtbot.addWidget(window)
    assert unnamed(window) == []  # the welcome page
    window.open_path(path)
    qtbot.addWidget(window.projector)
    session = window.session
    summit = session.summit
    item = next(i for i in summit.agenda.items() if summit.agenda.speakers(i.id))
    poll = summit.polls.polls()[0]
    dialogs = [
        window.open_settings(),
        ExportDialog(path, window),
        window.agenda_panel.item_dialog(item.id),
        HandCountDialog(session, poll.id, window),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
    missing = unnamed(window)  # the dialogs are the window's children
    assert missing == [], "\n".join(missing)
