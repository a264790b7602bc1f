"""A date and a time field that take what people type ("13 April 2021", "15", "3pm").

A QDateEdit or QTimeEdit edits one section at a time: typing "13 April 2021" over a date
gave 6 April, and "15" typed after one click into 09:30 changed nothing. These are line
edits: a click that brings the keys here selects the whole value, so typing replaces it;
what is typed is read when the facilitator presses Enter or leaves the field. Text that
names no date or time is kept, marked, and says why; the value stays the last good one.
"""

from __future__ import annotations

import datetime as dt
from datetime import time

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtGui import QFocusEvent, QMouseEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from summit_app.core.when import parse_date, parse_time

BAD = "border: 2px solid #b91c1c;"


class _TypedField(QLineEdit):
    hint = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._arriving = False  # focus came with a mouse press not yet handled
        self.setToolTip(self.hint)
        # Connected first, so the field's own listeners read the value already taken.
        self.editingFinished.connect(self._take_typing)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt's name)
        super().focusInEvent(event)
        self._arriving = event.reason() is Qt.FocusReason.MouseFocusReason

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        arriving = self._arriving or not self.hasFocus()
        super().mousePressEvent(event)
        self._arriving = False
        if arriving:  # the click that brings the keys here: typing replaces the value
            self.selectAll()

    def problem(self) -> str:
        """Why the text typed is no value ('' when it is one)."""
        if self._parse(self.text()) is not None:
            return ""
        return f"“{self.text()}” is not {self.hint}."

    def _take_typing(self) -> None:
        value = self._parse(self.text())
        if value is None:
            self.setStyleSheet(BAD)
            self.setToolTip(self.problem())
            return
        self.setStyleSheet("")
        self.setToolTip(self.hint)
        self._value = value
        self.setText(self._show(value))

    def _set(self, value) -> None:
        self._value = value
        self.setStyleSheet("")
        self.setToolTip(self.hint)
        self.setText(self._show(value))

    def _parse(self, text: str):
        raise NotImplementedError

    def _show(self, value) -> str:
        raise NotImplementedError


class DateField(_TypedField):
    """A date: `date()` and `setDate()` as a QDateEdit's."""

    hint = "a date: type it as you would write it, say 13 April 2021 or 13/4/2021"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value: dt.date = dt.date.today()
        self.setPlaceholderText("13 April 2021")
        self.setText(self._show(self._value))

    def date(self) -> QDate:
        value = self._parse(self.text()) or self._value
        return QDate(value.year, value.month, value.day)

    def setDate(self, value: QDate) -> None:  # noqa: N802 (QDateEdit's name)
        self._set(value.toPython())

    def _parse(self, text: str) -> dt.date | None:
        return parse_date(text, default_year=self._value.year)

    def _show(self, value: dt.date) -> str:
        # English, whatever the system's locale, as the pack's dates; loaded here, not at
        # start-up, which loads none of the pack's code (tests/ui/test_ui_startup_imports.py).
        from summit_app.export.dates import long_date

        return long_date(value)


class TimeField(_TypedField):
    """A time of day: `time()` and `setTime()` as a QTimeEdit's."""

    hint = "a time: type it as you would say it, say 9:30, 15 or 3pm"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value: dt.time = time(9, 0)
        self.setPlaceholderText("09:30")
        self.setMaxLength(12)
        self.setText(self._show(self._value))

    def time(self) -> QTime:
        value = self._parse(self.text()) or self._value
        return QTime(value.hour, value.minute)

    def setTime(self, value: QTime) -> None:  # noqa: N802 (QTimeEdit's name)
        if value.isValid():
            self._set(time(value.hour(), value.minute()))

    def _parse(self, text: str) -> dt.time | None:
        return parse_time(text)

    def _show(self, value: dt.time) -> str:
        return f"{value:%H:%M}"
