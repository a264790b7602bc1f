"""What a screen reader says for a view or an input: its name, and a sentence on what it is
for. A combo box's name was otherwise its current choice, a tree's nothing at all."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def describe(widget: QWidget, description: str, name: str = "") -> None:
    """Give `widget` its accessible description, and its name when one is given (a widget
    labelled by a form's label or a buddy is named by that label already)."""
    if name:
        widget.setAccessibleName(name)
    widget.setAccessibleDescription(description)
